"""What a report shows, gathered from the store once for every format.

A report covers some articles (default: all) and the verdicts of one reviewer or of everyone.
Rejected detections are counted in the method note and left out of the claim sections. URLs lose
any API key in their query string before they reach a report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..errors import ReviewError
from ..fragments import SLOT_LABELS
from ..htmlsafe import safe_url
from ..model import Evidence, Verdict, VerdictScale
from ..redact import secret_values, strip_secrets
from ..store import Store, StoredArticle, StoredClaim


@dataclass
class ClaimEntry:
    claim: StoredClaim
    number: int
    verdicts: list[Verdict]  # newest first; one per reviewer

    @property
    def verdict(self) -> Verdict | None:
        """The latest decided verdict, if any."""
        return next((v for v in self.verdicts if v.label), None)

    @property
    def status(self) -> str:
        return self.verdicts[0].status if self.verdicts else "unreviewed"

    @property
    def evidence(self) -> list[Evidence]:
        return self.claim.evidence or []

    def filled_slots(self) -> list[tuple[str, object, bool]]:
        """(label, value, corrected by a reviewer) for each slot with a value, date apart."""
        return [
            (label, self.claim.slots[name], name in self.claim.corrected)
            for name, label in SLOT_LABELS
            if name != "date" and self.claim.slots[name] not in (None, "")
        ]


@dataclass
class ArticleEntry:
    article: StoredArticle
    claims: list[ClaimEntry]
    rejected: list[StoredClaim]

    @property
    def detected(self) -> int:
        return sum(1 for c in self.article.claims if c.origin == "detected")

    @property
    def added(self) -> int:
        return sum(1 for c in self.article.claims if c.origin == "manual" and not c.rejected)


@dataclass
class Report:
    articles: list[ArticleEntry]
    scale: VerdictScale
    reviewer: str | None
    organisation: str = ""
    organisation_url: str = ""
    base_url: str = ""
    secrets: set[str] = field(default_factory=set)  # scrubbed from every output
    generated_at: str = field(
        default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds")
    )

    @property
    def claims(self) -> list[ClaimEntry]:
        return [c for a in self.articles for c in a.claims]

    @property
    def reviewers(self) -> list[str]:
        return sorted({v.reviewer or "anonymous" for c in self.claims for v in c.verdicts})

    def counts_by_type(self) -> dict[str, Counter]:
        table: dict[str, Counter] = {}
        for entry in self.claims:
            verdict = entry.verdict
            key = (
                verdict.label if verdict else ("_skipped" if entry.status == "skipped" else "_none")
            )
            table.setdefault(entry.claim.type, Counter())[key] += 1
        return table

    def totals(self) -> Counter:
        total: Counter = Counter()
        for counts in self.counts_by_type().values():
            total.update(counts)
        return total

    def claim_url(self, entry: ClaimEntry) -> str | None:
        """Where the review of a claim is published: base URL + an anchor per claim."""
        base = safe_url(self.base_url)
        if base is None:
            return None
        return f"{base.split('#')[0].rstrip('/')}/#claim-{entry.claim.id}"


def collect(
    store: Store,
    articles: list[int] | None = None,
    reviewer: str | None = None,
    organisation: str | None = None,
    organisation_url: str | None = None,
    base_url: str | None = None,
) -> Report:
    """Gather the report's content; unknown article ids are an error that names the known ones."""
    known = [a["id"] for a in store.articles()]
    wanted = list(articles) if articles else known
    missing = [i for i in wanted if i not in known]
    if missing:
        raise ReviewError(
            f"the store has no article {', '.join(map(str, missing))}: it has "
            f"{', '.join(map(str, known)) or 'none'}"
        )
    if not wanted:
        raise ReviewError("the store has no article yet: add one before writing a report")
    if reviewer is not None and reviewer not in store.reviewers():
        raise ReviewError(
            f"nobody named {reviewer!r} reviewed in this store: reviewers are "
            f"{', '.join(repr(r) for r in store.reviewers()) or 'none yet'}"
        )
    settings = store.settings()
    entries = []
    secrets: set[str] = set()
    for article_id in wanted:
        article = store.article(article_id)
        urls = [article.url] + [e.url for c in article.claims for e in c.evidence or []]
        secrets |= secret_values(urls)
        for claim in article.claims:
            for item in claim.evidence or []:
                item.url = strip_secrets(item.url)
        article.url = strip_secrets(article.url)
        reviews: dict[int, list[Verdict]] = {}
        for verdict in store.reviews(article_id, reviewer=reviewer):
            reviews.setdefault(verdict.claim_id, []).append(verdict)
        active = [c for c in article.claims if not c.rejected]
        claims = [
            ClaimEntry(
                claim,
                number,
                sorted(reviews.get(claim.id, []), key=lambda v: v.updated_at, reverse=True),
            )
            for number, claim in enumerate(active, start=1)
        ]
        rejected = [c for c in article.claims if c.rejected]
        entries.append(ArticleEntry(article, claims, rejected))
    return Report(
        secrets=secrets,
        articles=entries,
        scale=store.scale,
        reviewer=reviewer,
        organisation=organisation or settings.get("organisation", ""),
        organisation_url=organisation_url or settings.get("organisation_url", ""),
        base_url=base_url or settings.get("base_url", ""),
    )


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "report"
