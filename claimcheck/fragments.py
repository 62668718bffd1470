"""HTML fragments shared by the review panel and the reports: evidence, signals, swatches, bars.

Pure functions from data to markup. Every value that comes from an article, a source or a
reviewer goes through :func:`claimcheck.htmlsafe.esc`, and links through
:func:`claimcheck.htmlsafe.link`. The classes they use are styled by :data:`FRAGMENT_CSS`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from .detection.rules import ClaimType
from .htmlsafe import colour, esc, link
from .model import Evidence, ReviewRef, Verdict, VerdictScale
from .palette import type_style
from .store import StoredClaim

# The slots a checker reads, with the words people use for them, in the order they are shown.
SLOT_LABELS = (
    ("actor", "who"),
    ("target", "whom"),
    ("count", "how many"),
    ("count_qualifier", "qualifier"),
    ("round", "round"),
    ("treaty", "treaty"),
    ("place", "where"),
    ("status", "status"),
    ("attribution", "said by"),
    ("date", "when"),
)
# The slots of statistics, comparisons and positions, shown (in reports and on the card) when
# a claim has them.
STATEMENT_SLOT_LABELS = (
    ("metric", "measures"),
    ("value", "value"),
    ("unit", "unit"),
    ("change", "change"),
    ("previous", "from"),
    ("subject", "compares"),
    ("superlative", "record"),
    ("scope", "scope"),
    ("stance", "stance"),
    ("about", "about"),
)
# A claim's status in the words people use ("not_done" is stored, "not done" is shown).
STATUS_WORDS = {
    "completed": "done",
    "announced": "announced",
    "cancelled": "cancelled",
    "suspended": "suspended",
    "denied": "denied",
    "not_done": "not done",
}


def slot_text(name: str, value: object) -> object:
    """A slot's value as shown: statuses in words, everything else as stored."""
    if name == "status" and isinstance(value, str):
        return STATUS_WORDS.get(value, value)
    return value


SIGNAL_MARKS = {
    "agrees": ("✓", "#1b7837", "agrees"),
    "differs": ("✗", "#b2182b", "differs"),
    "swapped": ("⇄", "#b2182b", "swapped"),
    "unknown": ("?", "#555555", "unknown"),
}


def type_colour(types: Mapping[str, ClaimType], name: str) -> str:
    """The type's colour in the claim-type palette (see :mod:`claimcheck.palette`)."""
    return type_style(name, types).colour


def type_label(name: str) -> str:
    return name.replace("_", " ")


def event_status(value: str | None) -> str:
    """What the article says happened to the event, in words ("" when it does not say)."""
    if not value:
        return ""
    return STATUS_WORDS.get(value, value.replace("_", " "))


def type_swatch(types: Mapping[str, ClaimType], name: str, text: str | None = None) -> str:
    """A claim type as the article shows it: its name tinted and underlined in its line style."""
    return (
        f'<span class="cc-type" style="{type_style(name, types).css()}">'
        f"{esc(type_label(name) if text is None else text)}</span>"
    )


def swatch(hex_colour: str, text: str) -> str:
    return (
        f'<span class="cc-swatch" style="--cc-colour:{colour(hex_colour)}">'
        f'<span class="cc-swatch-box"></span>{esc(text)}</span>'
    )


def signal_html(kind: str, verdict: str, detail: str) -> str:
    mark, hex_colour, word = SIGNAL_MARKS.get(verdict, ("·", "#555555", verdict))
    return (
        f'<li class="cc-signal cc-signal-{esc(verdict)}" style="color:{hex_colour}">'
        f"<b>{mark} {esc(kind)} {esc(word)}</b> {esc(detail)}</li>"
    )


NOT_LINKED = "Added by a reviewer, not linked: no source was consulted for it."


def review_where(review: ReviewRef) -> str:
    """Where an earlier review is, in words: its claim and article, and its store if another."""
    article = f"article {review.article_id}" if review.article_id else "an article"
    if review.article_title:
        article += f" “{review.article_title}”"
    if review.published:
        article += f" (published {review.published})"
    where = f"{article}, claim id {review.claim_id}" if review.claim_id else article
    return where if review.store is None else f"{where}, reviewed in {review.store}"


def reviewed_before_text(item: Evidence) -> str:
    """ "Reviewed before: False on 2019-03-02 by ana — rationale" as plain text."""
    review = item.review
    if review is None:
        return item.title
    rationale = review.rationale.strip() or "no rationale given"
    return f"{item.title} — {rationale}"


def reviewed_before_html(
    item: Evidence, scale: VerdictScale | None = None, href: str | None = None
) -> str:
    """An earlier review a claim matches: the verdict (in its colour when this store's scale
    knows it), who, when and why, the earlier claim's words and where it is (a link to it when
    ``href`` is given, an http(s) address or an anchor), and what agrees."""
    review = item.review
    if review is None:
        return f'<div class="cc-reviewed">{esc(item.title)}</div>'
    label = scale.get(review.label) if scale is not None else None
    verdict = (
        swatch(label.colour, review.label_text) if label else f"<b>{esc(review.label_text)}</b>"
    )
    rationale = (
        f'<span class="cc-reviewed-why">{esc(review.rationale)}</span>'
        if review.rationale.strip()
        else '<i class="cc-help">no rationale given</i>'
    )
    where = esc(review_where(review))
    if href and href.startswith("#"):
        where = f'<a href="{esc(href)}">{where}</a>'
    elif href:
        where = link(href, review_where(review))
    agrees = ", ".join(f"{s.kind} {s.verdict}" for s in item.signals if s.kind != "wording")
    return (
        '<div class="cc-reviewed"><div class="cc-reviewed-line"><b>Reviewed before:</b> '
        f"{verdict} on {esc(review.reviewed_at[:10])} by "
        f"{esc(review.reviewer or 'an anonymous reviewer')} — {rationale}</div>"
        f'<div class="cc-evidence-meta">“{esc(review.claim_text)}” · {where} · match '
        f"{item.score:.2f}{': ' + esc(agrees) if agrees else ''}</div></div>"
    )


def evidence_html(
    evidence: list[Evidence],
    empty_hint: str = "",
    empty: str = "",
    signals: bool = True,
    scale: VerdictScale | None = None,
    review_href: Callable[[ReviewRef], str | None] | None = None,
) -> str:
    """The evidence as a list; ``empty`` replaces the sentence shown when there is none;
    ``signals=False`` leaves out the comparisons with the records (a trainee's card). Earlier
    reviews (source ``reviews``) say "Reviewed before: ..."; ``review_href`` gives the link to
    one, when there is one."""
    if not evidence:
        sentence = empty or "No evidence was found in the sources consulted."
        return (
            f'<div class="cc-evidence cc-empty">{esc(sentence)}'
            f"{' ' + esc(empty_hint) if empty_hint else ''}</div>"
        )
    items = []
    for item in evidence:
        if item.source == "reviews":
            href = review_href(item.review) if review_href and item.review else None
            items.append(
                '<li class="cc-evidence-item cc-from-review">'
                f"{reviewed_before_html(item, scale, href)}</li>"
            )
            continue
        fetched = f"fetched {item.fetched[:10]}" if item.fetched else ""
        meta = [
            esc(m)
            for m in (
                item.publisher,
                item.date,
                "found by hand" if item.source == "manual" else "",
                fetched,
            )
            if m
        ]
        if item.source != "manual":
            meta.append(f"{esc(item.source)}, match {item.score:.2f}")
        lines = (
            "".join(signal_html(s.kind, s.verdict, s.detail) for s in item.signals)
            if signals
            else ""
        )
        items.append(
            f'<li class="cc-evidence-item cc-from-{"manual" if item.source == "manual" else "link"}">'
            f'<div class="cc-evidence-title">{link(item.url, item.title or item.url)}</div>'
            f'<div class="cc-evidence-meta">{" · ".join(meta)}</div>'
            f'<div class="cc-snippet">{esc(item.snippet)}</div>'
            f"{f'<ul class=cc-signals>{lines}</ul>' if lines else ''}</li>"
        )
    return f'<ol class="cc-evidence">{"".join(items)}</ol>'


def summary_html(
    claims: list[StoredClaim],
    reviews: Mapping[int, Verdict],
    scale: VerdictScale,
    types: Mapping[str, ClaimType],
    disputed: frozenset[int] | set[int] = frozenset(),
) -> str:
    """Verdicts by claim type as stacked bars, with the counts written out; claims in
    ``disputed`` (reviewers disagree) get a bar part of their own."""
    if not claims:
        return '<div class="cc-summary">Nothing to summarise: the article has no claims.</div>'
    keys = [*scale.keys, *(["_disputed"] if disputed else []), "_skipped", "_none"]
    names = {lab.key: lab.label for lab in scale.labels}
    names.update(
        {"_disputed": "reviewers disagree", "_skipped": "skipped", "_none": "not reviewed"}
    )
    colours = {lab.key: colour(lab.colour) for lab in scale.labels}
    colours.update({"_disputed": "#555555", "_skipped": "#cccccc", "_none": "#eeeeee"})
    table: dict[str, Counter] = {}
    for claim in claims:
        review = reviews.get(claim.id)
        if claim.id in disputed:
            key = "_disputed"
        elif review and review.label:
            key = review.label if review.label in names else "_none"
        elif review and review.status == "skipped":
            key = "_skipped"
        else:
            key = "_none"
        table.setdefault(claim.type, Counter())[key] += 1
    rows = []
    for name in sorted(table):
        counts = table[name]
        total = sum(counts.values())
        bar = "".join(
            f'<span class="cc-bar-part" style="width:{100 * counts[k] / total:.1f}%;'
            f'background:{colours[k]}" title="{esc(names[k])}: {counts[k]}"></span>'
            for k in keys
            if counts[k]
        )
        text = ", ".join(f"{counts[k]} {esc(names[k])}" for k in keys if counts[k])
        rows.append(
            f"<tr><th>{type_swatch(types, name)}</th>"
            f'<td class="cc-bar"><div class="cc-bar-track">{bar}</div></td><td class="cc-bar-text">{text}</td></tr>'
        )
    legend = "".join(swatch(colours[k], names[k]) for k in keys)
    return (
        '<div class="cc-summary"><table class="cc-summary-table">'
        f"<thead><tr><th>type</th><th>verdicts</th><th></th></tr></thead>"
        f'<tbody>{"".join(rows)}</tbody></table><div class="cc-legend">{legend}</div></div>'
    )


FRAGMENT_CSS = """
.cc-type { white-space: nowrap; padding: 0 2px; color: inherit;
  background: color-mix(in srgb, var(--cc-colour) 18%, white);
  text-decoration: underline var(--cc-line, solid) var(--cc-colour);
  text-decoration-thickness: 3px; text-underline-offset: 3px; }
.cc-swatch { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap; }
.cc-swatch-box { display: inline-block; width: 12px; height: 12px; border-radius: 2px;
  background: var(--cc-colour); border: 1px solid rgba(0,0,0,.35); }
.cc-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 4px 0; }
.cc-evidence { margin: 4px 0; padding-left: 20px; }
.cc-evidence-item { margin-bottom: 6px; }
.cc-evidence-meta { color: #555; font-size: 11px; }
.cc-snippet { font-size: 12px; }
.cc-signals { margin: 2px 0; padding-left: 16px; font-size: 12px; }
.cc-reviewed { margin: 2px 0; }
.cc-reviewed-why { white-space: pre-wrap; overflow-wrap: anywhere; }
.cc-summary-table { border-collapse: collapse; width: 100%; }
.cc-summary-table th { text-align: left; font-weight: 500; padding: 3px 8px 3px 0;
  white-space: nowrap; }
.cc-bar { width: 50%; }
.cc-bar-track { display: flex; width: 100%; }
.cc-bar-part { display: block; height: 14px; box-sizing: border-box; border-right: 1px solid #fff; }
.cc-bar-text { color: #333; font-size: 12px; padding-left: 8px; }
"""
