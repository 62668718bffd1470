"""Where an archive meets the review store: which of its claims people have already judged."""

from __future__ import annotations

from typing import Any

from ..store import Store


def reviewed_claims(store: Store) -> list[dict[str, Any]]:
    """One row per claim with a verdict in ``store``: the article's url and title, the claim's
    detector id (``claim_id`` in a corpus scan's rows), the verdict and who gave it.

    Several reviewers of one claim give several rows, the latest verdict first.
    """
    rows = []
    for article in store.articles():
        keys = {c.id: c.key for c in store.claims(article["id"], include_rejected=True)}
        verdicts = [v for v in store.reviews(article_id=article["id"]) if v.label]
        verdicts.sort(key=lambda v: v.updated_at or "", reverse=True)
        for verdict in verdicts:
            if verdict.claim_id not in keys:
                continue
            rows.append(
                {
                    "url": article["url"],
                    "title": article["title"],
                    "published": article["published"],
                    "claim_id": keys[verdict.claim_id],
                    "label": verdict.label,
                    "reviewer": verdict.reviewer,
                }
            )
    return rows


__all__ = ["reviewed_claims"]
