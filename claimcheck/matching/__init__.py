"""Verdicts become evidence: a claim is matched against claims reviewed before.

The claims already reviewed in a store (in other articles, or elsewhere in the same one) and
those in the reviews section of packs exported from other stores are kept in a
:class:`ReviewIndex`; a new claim is compared only with those of its type that share a party and
a year with it (:mod:`.index`), by the rules and the wording score of :mod:`.compare`. Each match
becomes evidence of source ``reviews`` that carries the earlier verdict, the reviewer, the date,
the rationale and where the review is. :mod:`.packs` turns a store's reviews into a pack.
"""

from __future__ import annotations

from .compare import Features, conflict, features, similarity
from .index import MATCH_THRESHOLD, TOP_MATCHES, Match, ReviewedClaim, ReviewIndex
from .packs import reviewed_from_pack, reviewed_from_store

__all__ = [
    "MATCH_THRESHOLD",
    "TOP_MATCHES",
    "Features",
    "Match",
    "ReviewIndex",
    "ReviewedClaim",
    "conflict",
    "features",
    "reviewed_from_pack",
    "reviewed_from_store",
    "similarity",
]
