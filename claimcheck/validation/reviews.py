"""The reviews section of a reference pack: claims reviewed in another store, with their verdicts.

``claimcheck pack export`` writes one line per reviewed claim, ``{"review": {...}}``, after the
pack's records; other stores match their claims against them. Each line is checked here, where
it enters, like a record.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .core import IsoDay, Name, OptionalUrl, RowId, Strict, Text, Timestamp
from .exports import SlotsIn

REVIEW_KEY = "review"


class ReviewedArticleIn(Strict):
    id: RowId | None = None
    title: Text | None = None
    published: IsoDay | None = None
    url: OptionalUrl = None


class ReviewEntryIn(Strict):
    """One reviewed claim: what it said, its slots, the verdict and where it was reviewed."""

    id: Name
    type: Name
    text: Annotated[str, Field(min_length=1, max_length=20_000)]
    slots: SlotsIn
    verdict: Name
    verdict_label: Text = ""
    reviewer: Annotated[str, Field(max_length=300)] = ""
    reviewed_at: Timestamp
    rationale: Text = ""
    article: ReviewedArticleIn = ReviewedArticleIn()
    claim: RowId | None = None
    store: Annotated[str, Field(max_length=300)] = ""


class ReviewLineIn(Strict):
    review: ReviewEntryIn


__all__ = ["REVIEW_KEY", "ReviewEntryIn", "ReviewLineIn", "ReviewedArticleIn"]
