"""The reviewed claims that matching compares with: from a store, and from a pack's reviews
section (the ``{"review": ...}`` lines that ``claimcheck pack export`` writes after the records,
checked by :mod:`claimcheck.validation.reviews`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..model import ReviewRef, Slots, VerdictScale
from ..sources.pack import validate_pack_file
from .index import ReviewedClaim


def reviewed_from_store(rows: list[dict[str, Any]], scale: VerdictScale) -> list[ReviewedClaim]:
    """What :meth:`claimcheck.store.Store.reviewed_claims` returns, ready for an index."""
    names = {label.key: label.label for label in scale.labels}
    out = []
    for row in rows:
        review = ReviewRef(
            label=row["label"],
            label_text=names.get(row["label"], row["label"]),
            reviewer=row["reviewer"],
            reviewed_at=row["reviewed_at"],
            rationale=row["rationale"],
            claim_text=row["text"],
            article_id=row["article_id"],
            claim_id=row["claim_id"],
            article_title=row["title"],
            article_url=row["url"],
            published=row["published"],
        )
        out.append(
            ReviewedClaim(
                f"store:{row['claim_id']}",
                row["type"],
                row["text"],
                row["slots"],
                row["published"],
                review,
            )
        )
    return out


def reviewed_from_pack(path: str | os.PathLike[str]) -> list[ReviewedClaim]:
    """The reviewed claims of a pack's reviews section (the pack is checked whole first)."""
    entries: list[Any] = []
    validate_pack_file(path, reviews=entries)
    name = Path(path).name
    out = []
    for entry in entries:
        article = entry.article
        review = ReviewRef(
            label=entry.verdict,
            label_text=entry.verdict_label or entry.verdict,
            reviewer=entry.reviewer,
            reviewed_at=entry.reviewed_at,
            rationale=entry.rationale,
            claim_text=entry.text,
            article_id=article.id,
            claim_id=entry.claim,
            article_title=article.title,
            article_url=article.url,
            published=article.published,
            store=entry.store or name,
        )
        slots = Slots.from_dict(entry.slots.model_dump())
        out.append(
            ReviewedClaim(
                f"{name}:{entry.id}", entry.type, entry.text, slots, article.published, review
            )
        )
    return out
