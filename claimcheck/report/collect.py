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
from ..fragments import SLOT_LABELS, STATEMENT_SLOT_LABELS, slot_text
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
    def decided(self) -> list[Verdict]:
        """Every reviewer's verdict on the claim, newest first."""
        return [v for v in self.verdicts if v.label]

    @property
    def disputed(self) -> bool:
        """True when reviewers gave the claim different verdicts."""
        return len({v.label for v in self.decided}) > 1

    @property
    def summary_key(self) -> str:
        """Where the claim counts in a summary: its verdict, "_disputed" when reviewers
        disagree, "_skipped" or "_none"."""
        if self.disputed:
            return "_disputed"
        if self.verdict:
            return self.verdict.label
        return "_skipped" if self.status == "skipped" else "_none"

    @property
    def status(self) -> str:
        return self.verdicts[0].status if self.verdicts else "unreviewed"

    @property
    def evidence(self) -> list[Evidence]:
        return self.claim.evidence or []

    def filled_slots(self) -> list[tuple[str, object, bool]]:
        """(label, value, corrected by a reviewer) for each slot with a value, date apart."""
        return [
            (label, slot_text(name, self.claim.slots[name]), name in self.claim.corrected)
            for name, label in (*SLOT_LABELS, *STATEMENT_SLOT_LABELS)
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

    @property
    def rejected_detections(self) -> int:
        return sum(1 for c in self.rejected if c.origin == "detected")


@dataclass
class Method:
    """What the note on method says, in numbers."""

    claims: int  # claims in the report (rejected detections left out)
    detected: int  # claims the detector found (rejected ones included)
    decided: int  # claims with at least one verdict
    verdicts: int  # verdicts given, one per reviewer and claim
    rationales: int  # verdicts with a rationale
    reviewers: int  # people who gave verdicts
    added: int  # claims reviewers added
    rejected: int  # detections reviewers rejected
    corrected: int  # claims whose details a reviewer corrected
    manual_evidence: int  # evidence added by hand
    reviewed_by_several: int  # claims two or more reviewers decided
    disputed: int  # claims on which reviewers disagree
    agreement: float | None  # Krippendorff's alpha between reviewers, when there are several
    matched: int = 0  # claims that match claims reviewed before (evidence of source "reviews")


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
        """Claims by type and by :attr:`ClaimEntry.summary_key`."""
        table: dict[str, Counter] = {}
        for entry in self.claims:
            table.setdefault(entry.claim.type, Counter())[entry.summary_key] += 1
        return table

    def method(self) -> Method:
        """The figures of the note on method, counted from what the store holds."""
        claims = self.claims
        verdicts = [v for c in claims for v in c.decided]
        return Method(
            claims=len(claims),
            detected=sum(a.detected for a in self.articles),
            decided=sum(1 for c in claims if c.decided),
            verdicts=len(verdicts),
            rationales=sum(1 for v in verdicts if v.rationale.strip()),
            reviewers=len({v.reviewer for v in verdicts}),
            added=sum(a.added for a in self.articles),
            rejected=sum(a.rejected_detections for a in self.articles),
            corrected=sum(1 for c in claims if c.claim.corrected),
            manual_evidence=sum(1 for c in claims for e in c.evidence if e.source == "manual"),
            reviewed_by_several=sum(1 for c in claims if len(c.decided) > 1),
            disputed=sum(1 for c in claims if c.disputed),
            agreement=self.agreement(),
            matched=sum(1 for c in claims if any(e.source == "reviews" for e in c.evidence)),
        )

    def agreement(self) -> float | None:
        """Krippendorff's alpha (nominal) between the reviewers' verdicts, over the claims two
        or more of them decided; None with fewer than two reviewers or nothing to compare."""
        from ..workshop.match import krippendorff_alpha

        reviewers = sorted({v.reviewer for c in self.claims for v in c.decided})
        if len(reviewers) < 2:
            return None
        items = []
        for entry in self.claims:
            given = {v.reviewer: v.label for v in entry.decided}
            if len(given) > 1:
                items.append([given.get(r) for r in reviewers])
        return krippendorff_alpha(items) if items else None

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


def decided_sentence(m: Method) -> str:
    """What people decided, for the note on method (every format says the same)."""
    if not m.verdicts:
        text = f"none of the {m.claims} claims has a reviewer's verdict yet."
    else:
        text = (
            f"{m.decided} of {m.claims} claims have a reviewer's verdict ({m.verdicts} "
            f"verdict{'s' if m.verdicts != 1 else ''} from {m.reviewers} "
            f"reviewer{'s' if m.reviewers != 1 else ''}, {m.rationales} with a rationale)."
        )
    text += (
        f" Reviewers added {m.added} claims the detector missed, rejected {m.rejected} false "
        f"detections, corrected the details of {m.corrected} claims and added "
        f"{m.manual_evidence} pieces of evidence by hand."
    )
    agreement = agreement_sentence(m)
    return text + (" " + agreement if agreement else "")


def matched_sentence(m: Method) -> str:
    """What matching with earlier reviews found, for the note on method (empty when nothing)."""
    if not m.matched:
        return ""
    return (
        f"{m.matched} claim{'s match' if m.matched != 1 else ' matches'} a claim reviewed "
        "before (the same type, parties in common, a date and a count that agree, similar "
        "words); the earlier verdict is listed with the evidence as “Reviewed before”, and it "
        "does not decide this one."
    )


def agreement_sentence(m: Method) -> str:
    """How far the reviewers agree, when two or more decided the same claims; else empty."""
    if m.reviewers < 2 or not m.reviewed_by_several:
        return ""
    text = (
        f"{m.reviewed_by_several} claim{'s were' if m.reviewed_by_several != 1 else ' was'} "
        f"decided by more than one reviewer; they disagree on {m.disputed}"
    )
    if m.agreement is not None:
        text += f" (Krippendorff's alpha {m.agreement:.2f})"
    return text + "."


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
