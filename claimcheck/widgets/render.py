"""HTML fragments of the review panel: the claim card, evidence, legend, summary chart, history.

Pure functions from data to markup, so they are easy to test with hostile input. Every value
that comes from an article, a source or a reviewer goes through :func:`claimcheck.htmlsafe.esc`,
and links through :func:`claimcheck.htmlsafe.link`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from ..detection.rules import ClaimType
from ..fragments import (  # noqa: F401 - re-exported for the panel
    FRAGMENT_CSS,
    evidence_html,
    signal_html,
    summary_html,
    swatch,
    type_colour,
    type_label,
)
from ..htmlsafe import esc, link
from ..model import Suggestion, Verdict, VerdictScale
from ..store import Change, Progress, StoredClaim

STATUS_TEXT = {
    "unreviewed": "not reviewed",
    "in_progress": "in progress",
    "done": "reviewed",
    "skipped": "skipped",
}


def legend_html(types: Mapping[str, ClaimType], present: Iterable[str]) -> str:
    counts = Counter(present)
    if not counts:
        return '<div class="cc-legend">No claims were found in this article.</div>'
    items = "".join(
        swatch(type_colour(types, name), f"{type_label(name)} ({counts[name]})")
        for name in sorted(counts)
    )
    return f'<div class="cc-legend">{items}</div>'


def header_html(title: str | None, published: str | None, url: str | None) -> str:
    parts = [f'<div class="cc-title">{esc(title or "Untitled article")}</div>']
    meta = []
    if published:
        meta.append(f"published {esc(published)}")
    if url:
        meta.append(link(url))
    if meta:
        parts.append(f'<div class="cc-meta">{" · ".join(meta)}</div>')
    return "".join(parts)


def progress_html(progress: Progress, reviewer: str) -> str:
    who = f" by {esc(reviewer)}" if reviewer else ""
    return f'<span class="cc-progress-text">{esc(str(progress))}{who}</span>'


def claim_head_html(
    claim: StoredClaim, types: Mapping[str, ClaimType], position: str, status: str
) -> str:
    info = types.get(claim.type)
    origin = "added by a reviewer" if claim.origin == "manual" else f"score {claim.score:.2f}"
    cues = "".join(f'<span class="cc-cue">{esc(cue)}</span>' for cue in claim.cues)
    rejected = (
        f'<div class="cc-rejected">Rejected as a false detection'
        f"{': ' + esc(claim.reject_reason) if claim.reject_reason else ''}</div>"
        if claim.rejected
        else ""
    )
    corrected = (
        f'<div class="cc-corrected">Corrected by a reviewer: {esc(", ".join(claim.corrected))}</div>'
        if claim.corrected
        else ""
    )
    return (
        f'<div class="cc-card-head">'
        f'<div class="cc-card-line">{swatch(type_colour(types, claim.type), type_label(claim.type))}'
        f' <span class="cc-position">{esc(position)}</span>'
        f' <span class="cc-status cc-status-{esc(status)}">{esc(STATUS_TEXT.get(status, status))}'
        f'</span> <span class="cc-score">{esc(origin)}</span></div>'
        f'<blockquote class="cc-claim-text">{esc(claim.text)}</blockquote>'
        f'<div class="cc-sentence">{esc(claim.sentence)}</div>'
        f'<div class="cc-cues">{cues}</div>'
        f'<div class="cc-type-help">{esc(info.description if info else "")}</div>'
        f"{rejected}{corrected}</div>"
    )


def suggestion_html(suggestion: Suggestion | None, scale: VerdictScale) -> str:
    if suggestion is None:
        return '<div class="cc-suggestion">No suggested verdict (the claim was not linked).</div>'
    label = scale.get(suggestion.verdict)
    name = label.label if label else suggestion.verdict
    return (
        '<div class="cc-suggestion">Suggested: '
        f"{swatch(label.colour if label else '#777777', name)} "
        f'<span class="cc-reason">{esc(suggestion.reason)}</span>'
        " <i>(a suggestion from the signals; you decide)</i></div>"
    )


def verdict_line_html(
    verdict: Verdict | None, scale: VerdictScale, others: Iterable[Verdict] = ()
) -> str:
    """The reviewer's own verdict, and what other reviewers of the same store said."""
    if verdict is None or not verdict.label:
        mine = "No verdict yet."
    else:
        label = scale.get(verdict.label)
        name = label.label if label else verdict.label
        who = f" by {esc(verdict.reviewer)}" if verdict.reviewer else ""
        mine = (
            f"Your verdict: {swatch(label.colour if label else '#777777', name)}{who}, "
            f"saved {esc(verdict.updated_at[:19].replace('T', ' '))} UTC"
        )
    decided = [v for v in others if v.label]
    if decided:
        items = ", ".join(
            f"{esc(v.reviewer or 'anonymous')}: "
            f"{esc(scale.get(v.label).label if scale.get(v.label) else v.label)}"
            for v in decided
        )
        mine += f' <span class="cc-help">· other reviewers: {items}</span>'
    return f'<div class="cc-verdict-line">{mine}</div>'


def history_html(changes: list[Change], claims: Mapping[int, StoredClaim]) -> str:
    if not changes:
        return '<div class="cc-history">No changes yet.</div>'
    rows = []
    for change in changes:
        claim = claims.get(change.claim_id) if change.claim_id else None
        what = _describe(change)
        rows.append(
            f"<tr><td>{esc(change.at[:19].replace('T', ' '))}</td>"
            f"<td>{esc(change.reviewer or '—')}</td><td>{esc(change.action)}"
            f"{' (undone)' if change.undone_by else ''}</td>"
            f"<td>{esc(claim.text[:60] if claim else '')}</td><td>{esc(what)}</td></tr>"
        )
    return (
        '<table class="cc-history"><thead><tr><th>when (UTC)</th><th>who</th><th>action</th>'
        f"<th>claim</th><th>change</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _describe(change: Change) -> str:
    if change.field == "review":
        old = (change.old or {}).get("label") or (change.old or {}).get("status") or "nothing"
        new = (change.new or {}).get("label") or (change.new or {}).get("status") or "nothing"
        return f"{old} → {new}"
    if change.field == "slots" and isinstance(change.new, dict):
        return ", ".join(
            f"{k}: {_short((change.old or {}).get(k))} → {_short(v)}" for k, v in change.new.items()
        )
    if change.action == "add_article" and isinstance(change.new, dict):
        return f"article stored with {change.new.get('claims', 0)} detected claims"
    if change.field == "rejected" and isinstance(change.new, dict):
        return "rejected" if change.new.get("rejected") else "restored"
    return change.field


def _short(value: object) -> str:
    if isinstance(value, dict):
        return str(value.get("start") or value.get("text"))
    return str(value)


PANEL_CSS = f"""
<style>
{FRAGMENT_CSS}
.cc-panel .cc-evidence {{ max-height: 260px; overflow-y: auto; }}
.cc-panel {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 13px;
  color: #1a1a1a; border: 1px solid #c8c8c8; border-radius: 6px; padding: 8px 10px;
  background: #fbfbfb; }}
.cc-panel:focus {{ outline: 2px solid #0072B2; outline-offset: 1px; }}
.cc-panel .cc-title {{ font-size: 16px; font-weight: 600; }}
.cc-panel .cc-meta {{ color: #555; }}
.cc-panel .cc-card-head blockquote {{ margin: 4px 0; padding: 4px 8px; border-left: 4px solid #888;
  font-family: Georgia, serif; font-size: 14px; background: #fff; }}
.cc-panel .cc-sentence {{ color: #555; font-size: 12px; }}
.cc-panel .cc-cue {{ display: inline-block; font-size: 11px; padding: 0 5px; margin: 2px 3px 0 0;
  border-radius: 8px; background: #e8e8e8; }}
.cc-panel .cc-type-help {{ color: #666; font-size: 11px; margin-top: 2px; }}
.cc-panel .cc-status {{ font-size: 11px; padding: 0 6px; border-radius: 8px; border: 1px solid #999; }}
.cc-panel .cc-status-done {{ background: #d9f0e3; }}
.cc-panel .cc-status-skipped {{ background: #eee; }}
.cc-panel .cc-status-in_progress {{ background: #fff3c4; }}
.cc-panel .cc-rejected {{ color: #b2182b; font-weight: 600; }}
.cc-panel .cc-corrected {{ color: #8a5a00; }}
.cc-panel .cc-suggestion {{ margin: 4px 0; }}
.cc-panel .cc-reason {{ color: #333; }}
.cc-panel .cc-message {{ min-height: 18px; color: #1b7837; }}
.cc-panel .cc-message.cc-error {{ color: #b2182b; font-weight: 600; }}
.cc-panel .cc-help {{ color: #555; font-size: 11px; }}
.cc-panel kbd {{ border: 1px solid #aaa; border-radius: 3px; padding: 0 3px; background: #fff;
  font-size: 11px; }}
.cc-panel table.cc-history {{ border-collapse: collapse; font-size: 12px; }}
.cc-panel table.cc-history td, .cc-panel table.cc-history th {{ padding: 2px 8px 2px 0;
  text-align: left; vertical-align: top; }}
.cc-panel .cc-verdicts .widget-button {{ font-weight: 600; color: #111; }}
.cc-panel .cc-verdicts .cc-chosen {{ outline: 3px solid #111; outline-offset: -3px; }}
</style>
"""
