"""The panel's top bar: the article's title, progress, the reviewer's name, the article picker
and (for trainees) the Submit button."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..store import Progress, StoredArticle
from . import render


class TopBar(w.HBox):
    def __init__(
        self,
        article_ids: list[int],
        current: int,
        titles: dict[int, Any],
        reviewer: str,
        trainee: bool,
    ) -> None:
        self.header = w.HTML()
        self.header.add_class("cc-heading")
        self.article_picker = w.Dropdown(
            options=_choices(article_ids, titles),
            value=current,
            description="Article",
            layout=w.Layout(width="360px", display="" if len(article_ids) > 1 else "none"),
        )
        self.article_picker.style.description_width = "50px"
        self.progress_text = w.HTML()
        self.progress_bar = w.IntProgress(min=0, max=1, layout=w.Layout(width="110px"))
        progress = w.HBox([self.progress_text, self.progress_bar])
        progress.add_class("cc-progress-box")
        self.reviewer_box = w.Text(
            value=reviewer, placeholder="your name", description="Reviewer",
            continuous_update=False, layout=w.Layout(width="210px"),
        )  # fmt: skip
        self.reviewer_box.style.description_width = "60px"
        self.submit_button = w.Button(
            description="Submit answers",
            button_style="primary",
            layout=w.Layout(display="" if trainee else "none", width="auto"),
        )
        super().__init__(
            [self.header, progress, self.reviewer_box, self.article_picker, self.submit_button]
        )
        self.add_class("cc-top")

    def set_articles(self, article_ids: list[int], current: int, titles: dict[int, Any]) -> None:
        """Offer these articles in the picker (shown when there are two or more)."""
        self.article_picker.options = _choices(article_ids, titles)
        self.article_picker.value = current
        self.article_picker.layout.display = "" if len(article_ids) > 1 else "none"

    def draw_article(self, article: StoredArticle) -> None:
        self.header.value = render.header_html(article.title, article.published, article.url)

    def draw_progress(self, progress: Progress, reviewer: str, trainee: bool) -> None:
        self.progress_text.value = render.progress_html(progress, reviewer, trainee)
        self.progress_bar.max = max(progress.total, 1)
        self.progress_bar.value = progress.done + progress.skipped


def _choices(article_ids: list[int], titles: dict[int, Any]) -> list[tuple[str, int]]:
    return [
        (f"{n}. {titles.get(i) or 'Untitled article'}", i)
        for n, i in enumerate(article_ids, start=1)
    ]
