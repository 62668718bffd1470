"""HTML fragments of the review panel: the card's head, suggestion, verdicts, legend, history.

Pure functions from data to markup, so they are easy to test with hostile input. Every value
that comes from an article, a source or a reviewer goes through :func:`claimcheck.htmlsafe.esc`,
and links through :func:`claimcheck.htmlsafe.link`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..detection.rules import ClaimType
from ..fragments import (  # noqa: F401 - re-exported for the panel
    FRAGMENT_CSS,
    SLOT_LABELS,
    STATEMENT_SLOT_LABELS,
    event_status,
    evidence_html,
    reviewed_before_html,
    signal_html,
    summary_html,
    swatch,
    type_colour,
    type_label,
    type_swatch,
)
from ..htmlsafe import esc, link
from ..model import Suggestion, Verdict, VerdictScale
from ..palette import type_style
from ..store import Change, Progress, StoredClaim

STATUS_TEXT = {
    "unreviewed": "not reviewed",
    "in_progress": "in progress",
    "done": "reviewed",
    "skipped": "skipped",
}
TRAINEE_STATUS_TEXT = {**STATUS_TEXT, "unreviewed": "not answered", "done": "answered"}
SLOT_WORDS = dict((*SLOT_LABELS, *STATEMENT_SLOT_LABELS))

PANEL_CSS = (
    "<style>"
    + FRAGMENT_CSS
    + (Path(__file__).parent / "static" / "panel.css").read_text(encoding="utf-8")
    + "</style>"
)


def short(text: object, size: int = 60) -> str:
    value = "" if text is None else str(text)
    return value if len(value) <= size else value[: size - 1].rstrip() + "…"


def legend_html(types: Mapping[str, ClaimType], present: Iterable[str]) -> str:
    counts = Counter(present)
    if not counts:
        return '<div class="cc-legend">No claims were found in this article.</div>'
    items = "".join(
        type_swatch(types, name, f"{type_label(name)} ({counts[name]})") for name in sorted(counts)
    )
    return f'<div class="cc-legend">{items}</div>'


def header_html(title: str | None, published: str | None, url: str | None) -> str:
    meta = []
    if published:
        meta.append(f"published {esc(published)}")
    if url:
        meta.append(link(url))
    name = esc(title or "Untitled article")
    return (
        f'<div class="cc-heading-line" title="{name}"><span class="cc-title">{name}</span>'
        + (f'<span class="cc-meta">{" · ".join(meta)}</span>' if meta else "")
        + "</div>"
    )


def progress_html(progress: Progress, reviewer: str, trainee: bool = False) -> str:
    who = f" by {esc(reviewer)}" if reviewer else ""
    text = f"{progress.done} of {progress.total} answered" if trainee else str(progress)
    return f'<span class="cc-progress-text">{esc(text)}{who}</span>'


def keys_html(scale: VerdictScale) -> str:
    last = len(scale.labels)
    full = (
        f"Keys: 1-{last} give the verdict of the button with that number (and move on when the "
        "rationale is empty); n next, p previous, s skip, u undo; Ctrl+Enter in the rationale: "
        "save and next"
    )
    return (
        f'<div class="cc-keys" title="{esc(full)}"><span class="cc-keys-on">● keys on:</span>'
        '<span class="cc-keys-off">Click in the panel for the keys:</span> '
        f"<kbd>1</kbd>-<kbd>{last}</kbd> verdict · <kbd>n</kbd> next · <kbd>p</kbd> previous · "
        "<kbd>s</kbd> skip · <kbd>u</kbd> undo · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> save and next"
        "</div>"
    )


def claim_head_html(
    claim: StoredClaim,
    types: Mapping[str, ClaimType],
    number: int,
    total: int,
    status: str,
    trainee: bool = False,
) -> str:
    """The card's head: claim number, type, review status, what happened, and the claim's words."""
    words = TRAINEE_STATUS_TEXT if trainee else STATUS_TEXT
    origin = "added by a reviewer" if claim.origin == "manual" else f"score {claim.score:.2f}"
    event = event_status(claim.slots.status)
    rejected = (
        f'<div class="cc-rejected">Rejected as a false detection'
        f"{': ' + esc(claim.reject_reason) if claim.reject_reason else ''}</div>"
        if claim.rejected
        else ""
    )
    heading = f"Claim {number} of {total}" if number else "Rejected claim"
    return (
        '<div class="cc-card-head">'
        f'<div class="cc-head-line"><span class="cc-num">{heading}</span>'
        f"{type_swatch(types, claim.type)}"
        f'<span class="cc-status cc-status-{esc(status)}">{esc(words.get(status, status))}</span>'
        + (f'<span class="cc-event">event: {esc(event)}</span>' if event else "")
        + f'<span class="cc-score">{esc(origin)}</span></div>'
        f'<blockquote class="cc-claim-text" style="--cc-colour:{type_style(claim.type, types).colour}"'
        f' title="{esc(claim.text)}">{esc(claim.text)}</blockquote>'
        f"{rejected}</div>"
    )


def no_claim_html(text: str) -> str:
    return f'<div class="cc-card-head"><i>{esc(text)}</i></div>'


def context_html(claim: StoredClaim, types: Mapping[str, ClaimType]) -> str:
    """Where the claim stands and why it was detected."""
    info = types.get(claim.type)
    cues = "".join(f'<span class="cc-cue">{esc(cue)}</span>' for cue in claim.cues)
    return (
        f'<div class="cc-sentence">{esc(claim.sentence)}</div>'
        f'<div class="cc-cues">{cues}</div>'
        f'<div class="cc-help">{esc(info.description if info else "")}</div>'
    )


def corrections_html(claim: StoredClaim) -> str:
    """The slots a reviewer changed, each with the value the detector read."""
    if not claim.corrected or claim.detected_slots is None:
        return ""
    items = []
    for name in claim.corrected:
        now, before = claim.slots[name], claim.detected_slots[name]
        items.append(
            f"{esc(SLOT_WORDS.get(name, name))}: {esc(_value(now))} (detected: {esc(_value(before))})"
        )
    return f'<div class="cc-corrected">Corrected: {"; ".join(items)}</div>'


def _value(value: Any) -> str:
    if value is None:
        return "nothing"
    start = getattr(value, "start", None)
    if start is not None or hasattr(value, "precision"):
        return str(getattr(value, "text", "") or start or "nothing")
    return str(value)


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


HIDDEN_NOTE = (
    '<div class="cc-hidden-note">The suggested verdict, the comparisons with the records and '
    "other reviewers' verdicts are hidden until the key is revealed.</div>"
)


def verdict_line_html(
    verdict: Verdict | None, scale: VerdictScale, others: Iterable[Verdict] = ()
) -> str:
    """The reviewer's own verdict, and what other reviewers of the same store said."""
    if verdict is None or not verdict.label:
        mine = ""
    else:
        label = scale.get(verdict.label)
        name = label.label if label else verdict.label
        who = f" by {esc(verdict.reviewer)}" if verdict.reviewer else ""
        mine = (
            f"Verdict: {swatch(label.colour if label else '#777777', name)}{who}, "
            f"saved {esc(verdict.updated_at[:19].replace('T', ' '))} UTC"
        )
    decided = [v for v in others if v.label]
    if decided:
        items = ", ".join(
            f"{esc(v.reviewer or 'anonymous')}: {esc(_label(scale, v.label))}" for v in decided
        )
        mine += f' <span class="cc-help">{"· " if mine else ""}other reviewers: {items}</span>'
    return f'<div class="cc-verdict-line">{mine}</div>' if mine else ""


def _label(scale: VerdictScale, key: str | None) -> str:
    if not key:
        return "no verdict"
    label = scale.get(key)
    return label.label if label else key


def describe_change(change: Change, scale: VerdictScale, claim_text: str = "") -> str:
    """One change in plain words, with the rationale where there is one."""
    on = f" on “{short(claim_text)}”" if claim_text else ""
    old, new = change.old, change.new
    if change.field == "review":
        old, new = old or {}, new or {}
        before, after = old.get("label"), new.get("label")
        rationale = new.get("rationale") or ""
        note = f" with the rationale “{short(rationale, 120)}”" if rationale else ""
        if change.action == "rationale" and before == after:
            return (
                f"wrote the rationale “{short(rationale, 120)}”{on}"
                if rationale
                else f"cleared the rationale{on}"
            )
        if new.get("status") == "skipped" and before == after:
            return f"skipped the claim{on}"
        if after:
            was = f" (was {_label(scale, before)})" if before else " (it had no verdict)"
            return f"gave the verdict {_label(scale, after)}{on}{note}{was}"
        return f"took away the verdict{on}" + (f" (was {_label(scale, before)})" if before else "")
    if change.field == "slots" and isinstance(new, dict):
        parts = ", ".join(
            f"{SLOT_WORDS.get(k, k)} {_value_text((old or {}).get(k))} → {_value_text(v)}"
            for k, v in new.items()
        )
        return f"corrected {parts}{on}"
    if change.action == "add_article" and isinstance(change.new, dict):
        return f"stored the article with {change.new.get('claims', 0)} detected claims"
    if change.field == "rejected" and isinstance(new, dict):
        if new.get("rejected"):
            reason = f": {new.get('reason')}" if new.get("reason") else ""
            return f"rejected the detection{on} as not a claim{reason}"
        return f"restored the claim{on}"
    if change.field == "removed":
        return f"removed the claim{on} added by hand" if new else f"added the claim{on} by hand"
    if change.field.startswith("evidence:"):
        return f"removed evidence{on}" if new else f"added evidence{on}"
    if change.field.startswith("setting."):
        return f"set {change.field[len('setting.') :].replace('_', ' ')} to {new or 'nothing'}"
    return f"{change.action.replace('_', ' ')} {change.field}"


def _value_text(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return str(value.get("text") or value.get("start") or "nothing")
    return str(value)


def history_html(
    changes: list[Change], claims: Mapping[int, StoredClaim], scale: VerdictScale
) -> str:
    if not changes:
        return '<div class="cc-history">No changes yet.</div>'
    by_id = {c.id: c for c in changes}
    rows = []
    for change in changes:
        claim = claims.get(change.claim_id) if change.claim_id else None
        text = claim.text if claim else ""
        if change.action == "undo":
            undone = by_id.get(change.undoes or -1)
            what = "undid: " + (
                describe_change(undone, scale, text) if undone else change.field.replace("_", " ")
            )
        else:
            what = describe_change(change, scale, text)
            if change.undone_by:
                what += " (undone later)"
        rows.append(
            f"<tr><td>{esc(change.at[:19].replace('T', ' '))}</td>"
            f"<td>{esc(change.reviewer or 'anonymous')}</td><td>{esc(what)}</td></tr>"
        )
    return (
        '<table class="cc-history"><thead><tr><th>when (UTC)</th><th>who</th><th>what</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def done_html(
    progress: Progress, everywhere: list[Progress], settings: dict[str, str], trainee: bool
) -> str:
    """The line that says a review is complete (for trainees: submit?, submitted, revealed)."""
    if trainee:
        total = sum(p.total for p in everywhere)
        answered = sum(p.done for p in everywhere)
        if settings.get("revealed_at"):
            text = "Key revealed: submissions are closed; suggestions and signals are shown."
        elif settings.get("submitted_at"):
            text = "Submitted. The key opens when your instructor gives the passphrase."
        elif total and answered == total:
            text = f"All {total} answered — submit? (the Submit answers button above)"
        elif progress.total and progress.done == progress.total:
            others = sum(p.done < p.total for p in everywhere)
            text = (
                f"All {progress.total} claims of this article answered; {others} other "
                "article(s) still have claims without an answer (pick one above)."
            )
        else:
            return ""
    elif progress.total and progress.unreviewed == 0 and progress.in_progress == 0:
        skipped = f" ({progress.skipped} skipped)" if progress.skipped else ""
        text = f"All {progress.total} claims reviewed{skipped}. The Summary tab shows them by type."
    else:
        return ""
    return f'<div class="cc-done" role="status">{esc(text)}</div>'


def message_html(text: str, error: bool = False, local: bool = False) -> str:
    css = "cc-local" if local else "cc-message"
    if error:
        css += " cc-error"
    return f'<div class="{css}" role="status">{esc(text)}</div>' if text else ""
