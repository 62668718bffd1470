"""The panel's tabs: Review (article, list and card), Summary (verdicts by type), History."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w

from ..model import Verdict, VerdictScale
from ..store import Change, StoredClaim
from . import render

TITLES = ("Review", "Summary", "History")


class ReviewTabs(w.Tab):
    def __init__(self, review: w.Widget) -> None:
        self.summary = w.HTML()
        self.history = w.HTML()
        super().__init__(children=[review, self.summary, self.history])
        for i, title in enumerate(TITLES):
            self.set_title(i, title)

    @property
    def shown(self) -> str:
        return TITLES[self.selected_index or 0].lower()

    def draw_summary(
        self,
        claims: list[StoredClaim],
        reviews: Mapping[int, Verdict],
        scale: VerdictScale,
        types: Mapping[str, Any],
    ) -> None:
        self.summary.value = render.summary_html(claims, reviews, scale, types)

    def draw_history(
        self, changes: list[Change], claims: Mapping[int, StoredClaim], scale: VerdictScale
    ) -> None:
        self.history.value = render.history_html(changes, claims, scale)
