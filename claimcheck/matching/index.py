"""The reviewed claims a new claim is compared with, indexed by type, party and year.

A store may hold 100,000 reviewed claims. A claim can only match one of its own type that
shares a party and whose date is near its own, so the index keeps each reviewed claim under
(type, party, year) for every party it names and every year its date covers; a lookup reads the
buckets of the claim's parties and years and compares only what is in them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from ..model import Claim, Evidence, ReviewRef, Signal, Slots
from .compare import DATE_TOLERANCE, Features, conflict, features, signals, similarity

MATCH_THRESHOLD = 0.5  # the similarity a candidate needs once no rule rules it out
TOP_MATCHES = 3  # earlier reviews kept per claim, best first


@dataclass
class ReviewedClaim:
    """A claim with a verdict, from this store or a review pack: what it said and the review."""

    key: str  # unique in an index: "store:<claim id>" or "<pack>:<id>"
    type: str
    text: str
    slots: Slots
    published: str | None
    review: ReviewRef
    features: Features = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.features = features(self.type, self.text, self.slots, self.published)


@dataclass
class Match:
    """An earlier review a claim matches, with the score and what agrees."""

    reviewed: ReviewedClaim
    score: float
    signals: list[Signal]

    def to_evidence(self) -> Evidence:
        """The match as evidence of source ``reviews`` (what the card and the reports show)."""
        review = self.reviewed.review
        where = (
            "an earlier review in this store"
            if review.store is None
            else f"a review exported from {review.store}"
        )
        day = review.reviewed_at[:10]
        return Evidence(
            source="reviews",
            title=f"Reviewed before: {review.label_text} on {day} by "
            f"{review.reviewer or 'an anonymous reviewer'}",
            url=review.article_url if review.store is not None else None,
            publisher=where,
            date=day,
            snippet=review.rationale,
            review=review,
            score=self.score,
            signals=self.signals,
            record_id=f"review:{self.reviewed.key}",
        )


class ReviewIndex:
    """Reviewed claims by (type, party, year); ``match`` compares a claim with its candidates."""

    def __init__(self, reviewed: Iterable[ReviewedClaim] = ()) -> None:
        self._entries: dict[str, ReviewedClaim] = {}
        self._buckets: dict[tuple[str, str, int | None], set[str]] = defaultdict(set)
        for item in reviewed:
            self.add(item)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def _keys(self, item: ReviewedClaim) -> list[tuple[str, str, int | None]]:
        years = item.features.years or [None]
        return [(item.type, party, year) for party in item.features.parties for year in years]

    def add(self, item: ReviewedClaim) -> None:
        """Add a reviewed claim (replacing one with the same key)."""
        self.remove(item.key)
        self._entries[item.key] = item
        for bucket in self._keys(item):
            self._buckets[bucket].add(item.key)

    def remove(self, key: str) -> None:
        item = self._entries.pop(key, None)
        if item is None:
            return
        for bucket in self._keys(item):
            keys = self._buckets.get(bucket)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._buckets[bucket]

    def candidates(self, claim: Features) -> list[ReviewedClaim]:
        """The reviewed claims of the claim's type that share a party and a year with it."""
        if claim.span is None:
            years: list[int | None] = sorted(
                {year for (kind, _, year) in self._buckets if kind == claim.type}, key=str
            )
        else:
            slack = timedelta(days=max(DATE_TOLERANCE.values()))
            start, end = claim.span[0] - slack, claim.span[1] + slack
            years = [*range(start.year, end.year + 1), None]
        found: set[str] = set()
        for party in claim.parties:
            for year in years:
                found |= self._buckets.get((claim.type, party, year), set())
        return [self._entries[key] for key in sorted(found)]

    def match(
        self,
        claim: Claim,
        published: str | None,
        exclude: Iterable[str] = (),
        top: int = TOP_MATCHES,
        threshold: float = MATCH_THRESHOLD,
    ) -> list[Match]:
        """The earlier reviews ``claim`` matches, best first; ``exclude`` names keys to pass over
        (the claim's own review)."""
        mine = features(claim.type, claim.text, claim.slots, published)
        skip = set(exclude)
        found = []
        for item in self.candidates(mine):
            if item.key in skip or conflict(mine, item.features) is not None:
                continue
            score = similarity(mine, item.features)
            if score >= threshold:
                found.append(Match(item, round(score, 3), signals(mine, item.features, score)))
        found.sort(key=lambda m: (-m.score, m.reviewed.key))
        return found[:top]
