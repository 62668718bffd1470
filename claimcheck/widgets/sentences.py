"""Under the claim list: the article's other check-worthy sentences, the ones no claim covers.

The detector scores every sentence (``detect_sentences``); a sentence that scores well but holds
none of the typed claims (a figure said in passing, a statement of a kind no rule knows) is listed
here, best first, with a button that adds it as a claim of the chosen type. The section starts
closed, says how many there are in its title, and is hidden from a trainee until the reveal (it
is the detector's hint).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import ipywidgets as w

from ..htmlsafe import esc
from .render import type_label

# a sentence is listed from this check-worthiness on (the claims' own threshold)
MIN_SCORE = 0.5
# at most this many rows (the title still counts them all)
MAX_ROWS = 25


@dataclass(frozen=True)
class OtherSentence:
    start: int
    end: int
    text: str
    score: float


def other_sentences(
    sentences: Iterable[OtherSentence], claims: Iterable[tuple[int, int]]
) -> list[OtherSentence]:
    """The sentences scoring at least ``MIN_SCORE`` that overlap no claim, best first."""
    spans = list(claims)
    out = [
        s
        for s in sentences
        if s.score >= MIN_SCORE and not any(a < s.end and s.start < b for a, b in spans)
    ]
    return sorted(out, key=lambda s: (-s.score, s.start))


class OtherSentences(w.Accordion):
    """A closed section listing the other check-worthy sentences, each with "Add as claim"."""

    def __init__(self, type_names: list[str]) -> None:
        self.claim_type = w.Dropdown(
            options=[(type_label(t), t) for t in type_names],
            description="Add as",
            tooltip="the type a sentence is added as",
            layout=w.Layout(width="220px"),
        )
        if "statistic" in type_names:
            # a sentence that holds no typed claim is most often a figure said in passing
            self.claim_type.value = "statistic"
        self.rows = w.VBox()
        self.rows.add_class("cc-other-rows")
        self.on_add: list[Callable[[int, int, str], None]] = []
        self.shown: list[OtherSentence] = []
        intro = w.HTML(
            "<div class='cc-other-intro'>Sentences that score as check-worthy but hold none of "
            "the claims above. Add one when it states something that could be checked.</div>"
        )
        super().__init__(children=[w.VBox([intro, self.claim_type, self.rows])])
        self.selected_index = None
        self.add_class("cc-other")
        self.show([])

    def show(self, sentences: list[OtherSentence]) -> None:
        self.shown = sentences[:MAX_ROWS]
        more = len(sentences) - len(self.shown)
        self.set_title(0, f"Other check-worthy sentences ({len(sentences)})")
        rows = [self._row(s) for s in self.shown]
        if more > 0:
            rows.append(w.HTML(f"<div class='cc-other-more'>and {more} more</div>"))
        if not sentences:
            rows.append(w.HTML("<div class='cc-other-none'>None: every check-worthy sentence "
                               "holds a claim.</div>"))  # fmt: skip
        self.rows.children = rows

    def _row(self, sentence: OtherSentence) -> w.HBox:
        text = w.HTML(
            f"<div class='cc-other-text'><span class='cc-other-score'>{sentence.score:.2f}</span> "
            f"{esc(sentence.text)}</div>",
            layout=w.Layout(flex="1 1 auto"),
        )
        button = w.Button(
            description="Add as claim",
            tooltip="add this sentence as a claim of the type chosen above",
            layout=w.Layout(flex="0 0 auto", width="auto"),
        )
        button.on_click(lambda _b, s=sentence: self._add(s))
        row = w.HBox([text, button])
        row.add_class("cc-other-row")
        return row

    def _add(self, sentence: OtherSentence) -> None:
        for callback in self.on_add:
            callback(sentence.start, sentence.end, self.claim_type.value)
