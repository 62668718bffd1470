"""The HTML report: one self-contained, printable file (inline CSS, no script, no external request).

Every value from an article, a source or a reviewer is escaped; links are rendered for http(s)
URLs only. Each claim's section is kept on one page when printed.
"""

from __future__ import annotations

from itertools import pairwise

from ..detection.rules import claim_types
from ..fragments import (
    FRAGMENT_CSS,
    NOT_LINKED,
    evidence_html,
    summary_html,
    swatch,
    type_colour,
    type_label,
)
from ..htmlsafe import colour, esc, link
from .collect import (
    ArticleEntry,
    ClaimEntry,
    Report,
    agreement_sentence,
    decided_sentence,
    matched_sentence,
)

REPORT_CSS = (
    FRAGMENT_CSS
    + """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 14px;
  line-height: 1.5; color: #1a1a1a; max-width: 900px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 24px; margin-bottom: 4px; }
h2 { font-size: 19px; border-bottom: 1px solid #ccc; padding-bottom: 3px; margin-top: 28px; }
h3 { font-size: 15px; margin: 0 0 4px; }
.meta { color: #555; }
.article-text { font-family: Georgia, "Times New Roman", serif; font-size: 15px; line-height: 1.8;
  white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #ddd; border-radius: 4px;
  padding: 10px 14px; background: #fff; }
.article-text a { color: inherit; text-decoration: none; }
mark.claim { background: var(--tint); border-bottom: 3px solid var(--cc-colour); color: inherit;
  padding: 1px 0; }
.badge { font-family: system-ui, sans-serif; font-size: 10px; vertical-align: super; margin: 0 2px;
  padding: 0 4px; border-radius: 3px; border: 1px solid var(--cc-colour); background: var(--tint);
  white-space: nowrap; }
section.claim { border: 1px solid #d6d6d6; border-left: 6px solid var(--cc-colour);
  border-radius: 4px; padding: 8px 12px; margin: 12px 0; break-inside: avoid;
  page-break-inside: avoid; }
section.claim blockquote { font-family: Georgia, serif; font-size: 15px; margin: 4px 0 6px;
  padding: 2px 8px; border-left: 3px solid #999; }
.verdict { font-weight: 600; }
.verdict-badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #111;
  background: var(--tint); border: 1px solid var(--cc-colour); font-weight: 600; }
dl.slots { display: grid; grid-template-columns: max-content 1fr; gap: 0 12px; margin: 4px 0; }
dl.slots dt { color: #555; }
dl.slots dd { margin: 0; }
.corrected { color: #8a5a00; font-size: 12px; }
.rationale { white-space: pre-wrap; margin: 2px 0 4px; }
.rationale.none { color: #555; font-style: italic; }
.disputed { font-weight: 600; color: #8a3b00; }
.note { color: #555; font-size: 12px; }
table.totals { border-collapse: collapse; margin: 6px 0; }
table.totals td, table.totals th { border: 1px solid #ddd; padding: 2px 10px; text-align: left; }
.method { background: #f6f6f6; border-radius: 4px; padding: 4px 14px; }
@media print {
  body { margin: 0; max-width: none; font-size: 12px; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .article-text { border: none; padding: 0; }
  article { break-before: page; page-break-before: always; }
  a { color: inherit; }
}
"""
)


def tint(hex_colour: str) -> str:
    value = colour(hex_colour)
    return value + "33" if len(value) == 7 else value


def _style(hex_colour: str) -> str:
    return f'style="--cc-colour:{colour(hex_colour)};--tint:{tint(hex_colour)}"'


def render_html(report: Report) -> str:
    types = claim_types()
    scope = f"{len(report.articles)} article{'s' if len(report.articles) != 1 else ''}"
    if report.reviewer is not None:
        scope += f", verdicts of {esc(report.reviewer or 'the anonymous reviewer')}"
    organisation = (
        link(report.organisation_url, report.organisation)
        if report.organisation_url
        else esc(report.organisation)
    )
    title = (
        report.articles[0].article.title
        if len(report.articles) == 1 and report.articles[0].article.title
        else "claimcheck verdicts"
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # No script and no request to anywhere, whatever the content says.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="referrer" content="no-referrer">',
        f"<title>Verdict report: {esc(title)}</title>",
        f"<style>{REPORT_CSS}</style></head><body>",
        "<header><h1>Verdict report</h1>",
        f'<p class="meta">{organisation + " · " if organisation else ""}{scope} · generated '
        f"{esc(report.generated_at.replace('T', ' '))} UTC</p></header>",
        _summary(report, types),
        _method(report),
    ]
    for entry in report.articles:
        parts.append(_article(entry, report, types))
    parts.append(
        '<footer class="note"><p>Made with claimcheck. Evidence links point to the sources named; '
        "a suggested verdict is the tool's reading of the signals, the verdict is the "
        "reviewer's.</p></footer></body></html>"
    )
    return "\n".join(parts)


def _summary(report: Report, types) -> str:
    totals = report.totals()
    rows = "".join(
        f"<tr><td>{swatch(lab.colour, lab.label)}</td><td>{totals[lab.key]}</td></tr>"
        for lab in report.scale.labels
    )
    if totals["_disputed"]:
        rows += f"<tr><td>reviewers disagree</td><td>{totals['_disputed']}</td></tr>"
    rows += f"<tr><td>skipped</td><td>{totals['_skipped']}</td></tr>"
    rows += f"<tr><td>not reviewed</td><td>{totals['_none']}</td></tr>"
    claims = [c.claim for c in report.claims]
    reviews = {
        c.claim.id: c.verdict or (c.verdicts[0] if c.verdicts else None) for c in report.claims
    }
    disputed = {c.claim.id for c in report.claims if c.disputed}
    chart = summary_html(
        claims, {k: v for k, v in reviews.items() if v}, report.scale, types, disputed
    )
    return (
        f'<section class="summary"><h2>Summary</h2><p>{len(claims)} claims; reviewers: '
        f"{esc(', '.join(report.reviewers) or 'none yet')}.{_agreement(report)}</p>"
        f'<table class="totals"><tr><th>verdict</th><th>claims</th></tr>{rows}</table>'
        f"<h3>Verdicts by claim type</h3>{chart}</section>"
    )


def _agreement(report: Report) -> str:
    """A sentence on how far the reviewers agree, when several decided the same claims."""
    sentence = agreement_sentence(report.method())
    return " " + esc(sentence) if sentence else ""


def _method(report: Report) -> str:
    m = report.method()
    return (
        '<section class="method"><h2>How this report was made</h2><ul>'
        f"<li><b>Found automatically:</b> claimcheck detected {m.detected} checkable claims in the "
        "text with rules for event types (expulsions, sanctions, treaty withdrawals, summits, "
        "legal steps, elections, military moves, attacks, government measures) and for "
        "statistics, comparisons, quotes and positions, and read their details (who, whom, how "
        "many, when, what figure) from the wording.</li>"
        f"<li><b>Linked automatically:</b> each claim was compared with reference records, a "
        "claim added by a reviewer when it was added; the signals (date, count, actors agree or "
        "differ) and the suggested verdicts are the tool's reading of that comparison. A claim "
        "marked as not linked was added before such claims were linked.</li>"
        + (f"<li><b>Reviewed before:</b> {esc(matched_sentence(m))}</li>" if m.matched else "")
        + f"<li><b>Decided by people:</b> {esc(decided_sentence(m))}</li></ul></section>"
    )


def _article(entry: ArticleEntry, report: Report, types) -> str:
    article = entry.article
    meta = []
    if article.published:
        meta.append(f"published {esc(article.published)}")
    if article.url:
        meta.append(link(article.url))
    present = sorted({c.claim.type for c in entry.claims})
    legend = "".join(swatch(type_colour(types, t), type_label(t)) for t in present)
    sections = "".join(_claim(c, report, types) for c in entry.claims)
    rejected = ""
    if entry.rejected:
        items = "".join(
            f"<li>{esc(c.text)}{' (' + esc(c.reject_reason) + ')' if c.reject_reason else ''}</li>"
            for c in entry.rejected
        )
        rejected = f'<h3>Rejected detections</h3><ul class="note">{items}</ul>'
    return (
        f"<article><h2>{esc(article.title or 'Untitled article')}</h2>"
        f'<p class="meta">{" · ".join(meta)}</p><div class="cc-legend">{legend}</div>'
        f'<div class="article-text">{_highlighted(entry, report, types)}</div>'
        f"{sections}{rejected}</article>"
    )


def _highlighted(entry: ArticleEntry, report: Report, types) -> str:
    """The article text with each claim marked, numbered and followed by its verdict."""
    text = entry.article.text
    spans = [(c.claim.start, c.claim.end, c) for c in entry.claims]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in pairwise(cuts):
        covering = sorted(
            (c for s, e, c in spans if s <= a and e >= b), key=lambda c: c.claim.end - c.claim.start
        )
        piece = esc(text[a:b])
        if not covering:
            out.append(piece)
            continue
        inner = covering[0]
        out.append(
            f'<a href="#claim-{inner.claim.id}"><mark class="claim" '
            f"{_style(type_colour(types, inner.claim.type))}>{piece}</mark></a>"
        )
        for entry_ in covering:
            if entry_.claim.end == b:
                out.append(_badge(entry_, report))
    return "".join(out)


def _badge(entry: ClaimEntry, report: Report) -> str:
    verdict = entry.verdict
    label = report.scale.get(verdict.label) if verdict else None
    text = f"{entry.number} {label.label}" if label else str(entry.number)
    hex_colour = label.colour if label else "#999999"
    return f'<span class="badge" {_style(hex_colour)}>{esc(text)}</span>'


def _claim(entry: ClaimEntry, report: Report, types) -> str:
    claim = entry.claim
    corrected = " <span class=corrected>(corrected)</span>"
    slots = [
        f"<dt>{label}</dt><dd>{esc(value)}{corrected if fixed else ''}</dd>"
        for label, value, fixed in entry.filled_slots()
    ]
    if claim.slots.date:
        date = claim.slots.date
        span = (
            esc(date.start) if date.start == date.end else f"{esc(date.start)} to {esc(date.end)}"
        )
        mark = corrected if "date" in claim.corrected else ""
        slots.append(f"<dt>when</dt><dd>“{esc(date.text)}”: {span}{mark}</dd>")
    verdicts = "".join(_verdict(v, report) for v in entry.verdicts if v.label or v.rationale)
    if entry.disputed:
        given = "; ".join(
            f"{v.reviewer or 'anonymous'}: {_label(report, v.label)}" for v in entry.decided
        )
        verdicts = f'<p class="disputed">Reviewers disagree: {esc(given)}</p>' + verdicts
    if not verdicts:
        status = "skipped" if entry.status == "skipped" else "not reviewed yet"
        verdicts = f'<p class="verdict">Verdict: <i>{status}</i></p>'
    suggestion = ""
    if claim.suggestion:
        label = report.scale.get(claim.suggestion.verdict)
        suggestion = (
            f'<p class="note">Suggested by claimcheck: '
            f"{esc(label.label if label else claim.suggestion.verdict)}: "
            f"{esc(claim.suggestion.reason)}</p>"
        )
    origin = (
        "added by a reviewer" if claim.origin == "manual" else f"detected, score {claim.score:.2f}"
    )
    return (
        f'<section class="claim" id="claim-{claim.id}" '
        f"{_style(type_colour(types, claim.type))}>"
        f"<h3>{entry.number}. {esc(type_label(claim.type))} "
        f'<span class="note">({esc(origin)})</span></h3>'
        f"<blockquote>{esc(claim.text)}</blockquote>"
        f'<dl class="slots">{"".join(slots)}</dl>{verdicts}{suggestion}'
        f"<h4>Evidence</h4>"
        + evidence_html(
            entry.evidence,
            empty=NOT_LINKED if _unlinked(claim) else "",
            scale=report.scale,
            review_href=lambda review: _review_href(review, report),
        )
        + "</section>"
    )


def _review_href(review, report: Report) -> str | None:
    """Where an earlier review is: its section when the report shows it, else the page of the
    article it was reviewed in (when it was reviewed in another store)."""
    if review.local and review.claim_id in {c.claim.id for c in report.claims}:
        return f"#claim-{review.claim_id}"
    return review.article_url if review.store is not None else None


def _verdict(verdict, report: Report) -> str:
    label = report.scale.get(verdict.label) if verdict.label else None
    badge = (
        f'<span class="verdict-badge" {_style(label.colour)}>{esc(label.label)}</span>'
        if label
        else "<i>no verdict</i>"
    )
    scale_note = (
        f'<p class="note">On the scale: {esc(label.description)}</p>'
        if label and label.description
        else ""
    )
    who = esc(verdict.reviewer or "an anonymous reviewer")
    when = esc(verdict.updated_at[:16].replace("T", " "))
    rationale = (
        f'<p class="rationale">{esc(verdict.rationale)}</p>'
        if verdict.rationale.strip()
        else '<p class="rationale none">No rationale given.</p>'
    )
    return (
        f'<div class="verdict-block"><p class="verdict">Verdict: {badge}</p>'
        f'{rationale}{scale_note}<p class="note">Reviewed by {who}, {when} UTC</p></div>'
    )


def _label(report: Report, key: str | None) -> str:
    label = report.scale.get(key) if key else None
    return label.label if label else str(key)


def _unlinked(claim) -> bool:
    """Added by hand before such claims were linked: no source was consulted for it."""
    return claim.origin == "manual" and claim.suggestion is None
