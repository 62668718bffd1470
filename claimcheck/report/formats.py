"""The report formats besides HTML: Markdown, JSON (lossless), CSV and ClaimReview JSON-LD."""

from __future__ import annotations

import json
import re
from typing import Any

from ..encoders import csv_text, json_for_script, md, md_link
from ..fragments import (
    NOT_LINKED,
    SLOT_LABELS,
    STATEMENT_SLOT_LABELS,
    review_where,
    reviewed_before_text,
)
from ..htmlsafe import safe_url
from ..redact import strip_secrets
from ..store import Store
from .collect import Report, agreement_sentence, decided_sentence, matched_sentence

# -- Markdown ----------------------------------------------------------------------------------


def render_markdown(report: Report) -> str:
    lines = ["# Verdict report", ""]
    scope = f"{len(report.articles)} article(s)"
    if report.reviewer is not None:
        scope += f", verdicts of {md(report.reviewer or 'the anonymous reviewer')}"
    org = md_link(report.organisation_url, report.organisation) if report.organisation else ""
    lines += [f"{org + ' · ' if org else ''}{scope} · generated {md(report.generated_at)} UTC", ""]
    totals = report.totals()
    lines += ["## Summary", "", "| verdict | claims |", "|---|---|"]
    lines += [f"| {md(lab.label)} | {totals[lab.key]} |" for lab in report.scale.labels]
    if totals["_disputed"]:
        lines.append(f"| reviewers disagree | {totals['_disputed']} |")
    lines += [f"| skipped | {totals['_skipped']} |", f"| not reviewed | {totals['_none']} |", ""]
    agreement = agreement_sentence(report.method())
    if agreement:
        lines += [md(agreement), ""]
    lines += ["| claim type | " + " | ".join(md(lab.label) for lab in report.scale.labels)
              + " | not reviewed | reviewed |",
              "|---" * (len(report.scale.labels) + 3) + "|"]  # fmt: skip
    for name, counts in sorted(report.counts_by_type().items()):
        cells = [str(counts[lab.key]) for lab in report.scale.labels]
        open_ = counts["_none"] + counts["_skipped"] + counts["_disputed"]
        cells.append(str(open_))
        total = sum(counts.values())
        filled = round(10 * (total - open_) / total) if total else 0
        cells.append(f"`{'█' * filled}{'░' * (10 - filled)}`")  # a bar that survives pasting
        lines.append(f"| {md(name.replace('_', ' '))} | " + " | ".join(cells) + " |")
    method = report.method()
    lines += [
        "",
        "## How this report was made",
        "",
        f"- **Found automatically:** claimcheck detected {method.detected} checkable claims with "
        "rules for event types, statistics, comparisons, quotes and positions, and read their "
        "details (who, whom, how many, when, what figure) from the wording.",
        "- **Linked automatically:** each claim was compared with reference records, a claim "
        "added by a reviewer when it was added; the signals and suggested verdicts are the "
        "tool's reading of that comparison. A claim marked as not linked was added before "
        "such claims were linked.",
        *([f"- **Reviewed before:** {md(matched_sentence(method))}"] if method.matched else []),
        f"- **Decided by people:** {md(decided_sentence(method))}",
        "",
    ]
    for entry in report.articles:
        article = entry.article
        lines += [f"## {md(article.title or 'Untitled article')}", ""]
        meta = [f"published {md(article.published)}"] if article.published else []
        if article.url:
            meta.append(md_link(article.url, article.url))
        if meta:
            lines += [" · ".join(meta), ""]
        for claim_entry in entry.claims:
            claim = claim_entry.claim
            lines += [f"### {claim_entry.number}. {md(claim.type.replace('_', ' '))}", ""]
            lines += [f"> {md(claim.text)}", ""]
            for label, value, fixed in claim_entry.filled_slots():
                lines.append(f"- {label}: {md(value)}{' (corrected)' if fixed else ''}")
            if claim.slots.date:
                date = claim.slots.date
                lines.append(f"- when: “{md(date.text)}”, {md(date.start)} to {md(date.end)}")
            lines.append("")
            decided_verdicts = [v for v in claim_entry.verdicts if v.label or v.rationale]
            if claim_entry.disputed:
                given = "; ".join(
                    f"{v.reviewer or 'anonymous'}: {_label(report, v.label)}"
                    for v in claim_entry.decided
                )
                lines += [f"**Reviewers disagree:** {md(given)}", ""]
            for verdict in decided_verdicts:
                label = report.scale.get(verdict.label) if verdict.label else None
                lines.append(
                    f"**Verdict: {md(label.label) if label else 'none'}** "
                    f"(reviewed by {md(verdict.reviewer or 'an anonymous reviewer')}, "
                    f"{md(verdict.updated_at[:16].replace('T', ' '))} UTC)"
                )
                lines += ["", md(verdict.rationale) if verdict.rationale.strip() else
                          "_No rationale given._", ""]  # fmt: skip
            if not decided_verdicts:
                lines += ["**Verdict:** not reviewed yet", ""]
            if claim.suggestion:
                lines += [
                    f"Suggested by claimcheck: {md(claim.suggestion.verdict)}: "
                    f"{md(claim.suggestion.reason)}",
                    "",
                ]
            if not claim_entry.evidence:
                lines += [
                    NOT_LINKED
                    if claim.origin == "manual" and claim.suggestion is None
                    else "Evidence: none was found in the sources consulted.",
                    "",
                ]
            if claim_entry.evidence:
                lines += ["Evidence:", ""]
                for n, item in enumerate(claim_entry.evidence, start=1):
                    if item.source == "reviews" and item.review:
                        lines.append(f"{n}. {_reviewed_before_md(item)}")
                        continue
                    meta = ", ".join(md(m) for m in (item.publisher, item.date) if m)
                    lines.append(
                        f"{n}. {md_link(item.url, item.title)}{' (' + meta + ')' if meta else ''}"
                        f"{': ' + md(item.snippet) if item.snippet else ''}"
                    )
                    for signal in item.signals:
                        lines.append(
                            f"    - {md(signal.kind)} {md(signal.verdict)}: {md(signal.detail)}"
                        )
                lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _reviewed_before_md(item) -> str:
    """An earlier review as a line: the verdict, who, when, why, the earlier words, where."""
    review = item.review
    where = review_where(review)
    if review.store is not None and review.article_url:
        where = md_link(review.article_url, where)
    else:
        where = md(where)
    return (
        f"**{md(item.title)}** — {md(review.rationale.strip() or 'no rationale given')} "
        f"(“{md(review.claim_text)}”, {where}; match {item.score:.2f})"
    )


def _label(report: Report, key: str | None) -> str:
    label = report.scale.get(key) if key else None
    return label.label if label else str(key)


# -- JSON (lossless) -----------------------------------------------------------------------------


def render_json(store: Store, report: Report) -> str:
    data = store.dump([a.article.id for a in report.articles], reviewer=report.reviewer)
    data["exported_at"] = report.generated_at
    for article in data["articles"]:
        article["url"] = strip_secrets(article["url"])
        for claim in article["claims"]:
            for item in claim["evidence"]:
                item["data"]["url"] = strip_secrets(item["data"].get("url"))
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# -- CSV -------------------------------------------------------------------------------------------

CSV_COLUMNS = [
    "article_id", "article_title", "article_url", "published", "claim_id", "number", "type",
    "text", "start", "end", "origin", "score", "cues", "actor", "target", "count",
    "count_qualifier", "round", "treaty", "place", "status", "attribution", "date_text",
    "date_start", "date_end", "date_precision", "corrected", "review_status", "verdict",
    "verdict_label", "rationale", "reviewer", "reviewed_at", "suggested_verdict",
    "suggestion_reason", "evidence_title", "evidence_url", "evidence_publisher", "evidence_date",
    "evidence_signals", "evidence_count", "reviewed_before", "reviewers_disagree", "all_verdicts",
    "metric", "value", "unit", "change", "previous", "period_start", "period_end", "subject",
    "superlative", "scope", "stance", "about",
]  # fmt: skip


def render_csv(report: Report) -> str:
    return csv_text(CSV_COLUMNS, _csv_rows(report))


def _csv_rows(report: Report):
    for article_entry in report.articles:
        article = article_entry.article
        for entry in article_entry.claims:
            claim, slots, verdict = entry.claim, entry.claim.slots, entry.verdict
            label = report.scale.get(verdict.label) if verdict else None
            top = entry.evidence[0] if entry.evidence else None
            row = {
                "article_id": article.id,
                "article_title": article.title,
                "article_url": article.url,
                "published": article.published,
                "claim_id": claim.id,
                "number": entry.number,
                "type": claim.type,
                "text": claim.text,
                "start": claim.start,
                "end": claim.end,
                "origin": claim.origin,
                "score": round(claim.score, 3),
                "cues": ";".join(claim.cues),
                **{name: slots[name] for name, _ in SLOT_LABELS if name != "date"},
                "date_text": slots.date.text if slots.date else None,
                "date_start": slots.date.start if slots.date else None,
                "date_end": slots.date.end if slots.date else None,
                "date_precision": slots.date.precision if slots.date else None,
                "corrected": ";".join(claim.corrected),
                "review_status": entry.status,
                "verdict": verdict.label if verdict else None,
                "verdict_label": label.label if label else None,
                "rationale": verdict.rationale if verdict else None,
                "reviewer": verdict.reviewer if verdict else None,
                "reviewed_at": verdict.updated_at if verdict else None,
                "suggested_verdict": claim.suggestion.verdict if claim.suggestion else None,
                "suggestion_reason": claim.suggestion.reason if claim.suggestion else None,
                "evidence_title": top.title if top else None,
                "evidence_url": top.url if top else None,
                "evidence_publisher": top.publisher if top else None,
                "evidence_date": top.date if top else None,
                "evidence_signals": (
                    ";".join(f"{s.kind}:{s.verdict}" for s in top.signals) if top else None
                ),
                "evidence_count": len(entry.evidence),
                "reviewed_before": "; ".join(
                    f"{reviewed_before_text(e)} ({review_where(e.review)})"
                    for e in entry.evidence
                    if e.source == "reviews" and e.review
                ),
                "reviewers_disagree": "yes" if entry.disputed else "no",
                "all_verdicts": ";".join(
                    f"{v.reviewer or 'anonymous'}:{v.label}" for v in entry.decided
                ),
                **{name: slots[name] for name, _ in STATEMENT_SLOT_LABELS},
                "period_start": slots.period.start if slots.period else None,
                "period_end": slots.period.end if slots.period else None,
            }
            yield [row[name] for name in CSV_COLUMNS]


# -- ClaimReview JSON-LD -------------------------------------------------------------------------


def claim_reviews(report: Report) -> list[dict[str, Any]]:
    """One schema.org ClaimReview per claim with a verdict (the latest one)."""
    author: dict[str, Any] = {"@type": "Organization", "name": report.organisation or "claimcheck"}
    if safe_url(report.organisation_url):
        author["url"] = report.organisation_url
    reviews = []
    for article_entry in report.articles:
        article = article_entry.article
        for entry in article_entry.claims:
            verdict = entry.verdict
            if verdict is None:
                continue
            label = report.scale.get(verdict.label)
            rating: dict[str, Any] = {
                "@type": "Rating",
                "alternateName": label.label if label else verdict.label,
                "name": label.label if label else verdict.label,
                "bestRating": report.scale.best,
                "worstRating": report.scale.worst,
            }
            if label and label.value is not None:
                rating["ratingValue"] = label.value
            item: dict[str, Any] = {"@type": "Claim"}
            if article.published:
                item["datePublished"] = article.published
            if safe_url(article.url):
                item["appearance"] = {"@type": "CreativeWork", "url": article.url}
                if article.title:
                    item["appearance"]["headline"] = article.title
            if entry.claim.slots.attribution:
                item["author"] = _claim_author(entry.claim.slots.attribution)
            review: dict[str, Any] = {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "claimReviewed": entry.claim.text,
                "datePublished": verdict.updated_at[:10],
                "author": author,
                "reviewRating": rating,
                "itemReviewed": item,
            }
            url = report.claim_url(entry)
            if url:
                review["url"] = url
            if verdict.rationale.strip():
                review["reviewBody"] = verdict.rationale
            reviews.append(review)
    return reviews


def render_claimreview(report: Report) -> str:
    """The JSON-LD list, safe to paste into ``<script type="application/ld+json">``."""
    return json_for_script(claim_reviews(report)) + "\n"


_ORGANISATION_WORDS = re.compile(
    r"\b(ministry|office|government|department|agency|council|commission|union|embassy|"
    r"kremlin|white house|state|police|court|army|military|nato|treasury|spokes\w*)\b",
    re.IGNORECASE,
)


def _claim_author(attribution: str) -> dict[str, str]:
    """Who made the claim, as schema.org wants it: an Organization or a Person."""
    kind = "Organization" if _ORGANISATION_WORDS.search(attribution) else "Person"
    return {"@type": kind, "name": attribution}
