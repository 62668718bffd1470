"""The review panel: an article, its claims, a card per claim, verdicts, undo and a summary.

Every user action is a plain method (``select``, ``next``, ``set_verdict``, ``undo``, ...) that the
buttons and keyboard shortcuts call and tests and users can call too. Each one writes to the
store at once through the Workbench's public methods; the panel keeps no state of its own that
the store does not also have, so a new panel on the same store (after a kernel restart) shows
exactly what was saved.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import traitlets

from ..detection.rules import claim_types
from ..errors import ClaimcheckError
from ..fragments import SLOT_LABELS
from ..htmlsafe import colour, esc
from ..model import REVIEW_STATUSES, DateValue, Verdict
from ..store import StoredClaim
from . import render
from .article import ArticleView

if TYPE_CHECKING:
    from ..workbench import Workbench

ALL = "all"
SLOT_FIELDS = SLOT_LABELS
NAV_KEYS = {"n": "next", "j": "next", "p": "previous", "k": "previous", "s": "skip", "u": "undo"}


class ReviewPanel(w.VBox):
    """Review one article of a Workbench. Displayed when it is a cell's last expression."""

    selected = traitlets.Int(None, allow_none=True)

    def __init__(
        self,
        workbench: Workbench,
        article_id: int,
        *,
        reviewer: str | None = None,
        auto_advance: bool = True,
        articles: list[int] | None = None,
    ) -> None:
        super().__init__()
        self.add_class("cc-panel")
        self.wb = workbench
        self.article_id = article_id
        # The articles the picker offers (one: no picker); the panel moves between them.
        self.article_ids = list(articles) if articles else [article_id]
        if article_id not in self.article_ids:
            self.article_ids.insert(0, article_id)
        self.reviewer = workbench.reviewer if reviewer is None else reviewer
        self.auto_advance = auto_advance
        self.types = claim_types()
        self.scale = workbench.scale
        self.on_select: list[Callable[[StoredClaim], None]] = []
        self.on_verdict: list[Callable[[StoredClaim, Verdict], None]] = []
        self.filters: dict[str, str] = {"type": ALL, "status": ALL, "verdict": ALL}
        self._claims: list[StoredClaim] = []
        self._reviews: dict[int, Verdict] = {}
        self._quiet = False  # while the panel itself sets widget values
        self._build()
        self.refresh()
        first = self._first_open()
        if first is not None:
            self.select(first)
        self.show_message(
            "Click a highlighted claim or use the list; choose a verdict with the buttons or "
            f"the keys 1-{len(self.scale.labels)}."
        )

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        article = self.wb.article(self.article_id, with_claims=False)
        self.article = article
        self.css = w.HTML(render.PANEL_CSS)
        self.header = w.HTML(render.header_html(article.title, article.published, article.url))
        titles = {a["id"]: a["title"] for a in self.wb.articles() if a["id"] in self.article_ids}
        self.article_picker = w.Dropdown(
            options=[
                (f"{n}. {titles.get(i) or 'Untitled article'}", i)
                for n, i in enumerate(self.article_ids, start=1)
            ],
            value=self.article_id,
            description="Article",
            layout=w.Layout(width="520px", display="" if len(self.article_ids) > 1 else "none"),
        )
        self.article_picker.observe(self._on_article, "value")
        self.progress_text = w.HTML()
        self.progress_bar = w.IntProgress(min=0, max=1, layout=w.Layout(width="200px"))
        self.reviewer_box = w.Text(
            value=self.reviewer,
            placeholder="your name",
            description="Reviewer",
            continuous_update=False,
            layout=w.Layout(width="260px"),
        )
        self.reviewer_box.observe(self._on_reviewer, "value")
        self.legend = w.HTML()
        self.view = ArticleView(text=article.text, digit_keys=len(self.scale.labels))
        self.view.layout = w.Layout(flex="3 1 0", min_width="320px")
        self.view.observe(self._on_view_selected, "selected")
        self.view.on_msg(self._on_view_message)

        options = [(ALL, ALL)] + [(render.type_label(t), t) for t in sorted(self.types)]
        self.type_filter = w.Dropdown(options=options, description="Type", layout=_narrow())
        statuses = [ALL, *REVIEW_STATUSES, "rejected"]
        self.status_filter = w.Dropdown(
            options=[(render.STATUS_TEXT.get(s, s), s) for s in statuses],
            description="Status",
            layout=_narrow(),
        )
        verdicts = [(ALL, ALL)] + [(lab.label, lab.key) for lab in self.scale.labels]
        self.verdict_filter = w.Dropdown(
            options=[*verdicts, ("no verdict", "none")], description="Verdict", layout=_narrow()
        )
        for name, box in (
            ("type", self.type_filter),
            ("status", self.status_filter),
            ("verdict", self.verdict_filter),
        ):
            box.observe(functools.partial(self._on_filter, name), "value")
        self.claim_list = w.Select(options=[], rows=14, layout=w.Layout(width="100%"))
        self.claim_list.add_class("cc-claim-list")
        self.claim_list.observe(self._on_list, "value")
        side = w.VBox(
            [self.type_filter, self.status_filter, self.verdict_filter, self.claim_list],
            layout=w.Layout(flex="2 1 0", min_width="260px"),
        )

        # The claim card.
        self.card_head = w.HTML()
        self.slot_boxes = {
            name: w.Text(description=label, layout=w.Layout(width="240px"))
            for name, label in SLOT_FIELDS
        }
        self.date_text = w.HTML()
        self.save_slots_button = w.Button(
            description="Save corrections", icon="save", tooltip="Store the corrected slots"
        )
        self.save_slots_button.on_click(lambda _: self._save_slots())
        slot_grid = w.GridBox(
            list(self.slot_boxes.values()),
            layout=w.Layout(grid_template_columns="repeat(3, 250px)"),
        )
        self.evidence_html = w.HTML()
        self.suggestion_html = w.HTML()
        self.verdict_line = w.HTML()
        self.verdict_buttons: dict[str, w.Button] = {}
        for i, label in enumerate(self.scale.labels, start=1):
            button = w.Button(
                description=f"{i}  {label.label}",
                tooltip=f"{label.description} (key {i})",
                layout=w.Layout(width="auto"),
            )
            button.style.button_color = colour(label.colour)
            button.add_class(f"cc-verdict-{label.key}")
            button.on_click(functools.partial(self._click_verdict, label.key))
            self.verdict_buttons[label.key] = button
        verdict_row = w.HBox(list(self.verdict_buttons.values()))
        verdict_row.add_class("cc-verdicts")
        self.rationale = w.Textarea(
            placeholder="Rationale: what the record says and why this verdict (saved as you leave "
            "the box)",
            continuous_update=False,
            layout=w.Layout(width="98%", height="60px"),
        )
        self.rationale.observe(self._on_rationale, "value")
        self.evidence_url = w.Text(placeholder="https://…", description="URL")
        self.evidence_note = w.Text(placeholder="what it says", description="Note")
        self.evidence_date = w.Text(
            placeholder="YYYY-MM-DD", description="Dated", layout=w.Layout(width="200px")
        )
        add_evidence = w.Button(description="Add evidence", icon="plus")
        add_evidence.on_click(lambda _: self._add_evidence_from_boxes())

        self.prev_button = w.Button(description="Previous", icon="arrow-left", tooltip="key p")
        self.next_button = w.Button(description="Next", icon="arrow-right", tooltip="key n")
        self.skip_button = w.Button(description="Skip", icon="forward", tooltip="key s")
        self.undo_button = w.Button(description="Undo", icon="undo", tooltip="key u")
        self.reject_reason = w.Text(placeholder="why it is not a claim (optional)")
        self.reject_button = w.Button(
            description="Reject detection", icon="ban", button_style="warning"
        )
        self.restore_button = w.Button(description="Restore", icon="check")
        for button, method in (
            (self.prev_button, self.previous),
            (self.next_button, self.next),
            (self.skip_button, self.skip),
            (self.undo_button, self.undo),
            (self.reject_button, lambda: self.reject(self.reject_reason.value)),
            (self.restore_button, self.restore),
        ):
            button.on_click(functools.partial(_call, self, method))

        type_options = [(render.type_label(t), t) for t in sorted(self.types)]
        self.new_type = w.Dropdown(options=type_options, description="Type", layout=_narrow())
        self.add_selection_button = w.Button(
            description="Add claim from selection", icon="i-cursor", layout=w.Layout(width="auto")
        )
        self.add_selection_button.on_click(
            lambda _: _call(self, lambda: self.add_claim_from_selection(self.new_type.value))
        )
        self.snippet = w.Text(placeholder="or paste the words of the claim", layout=_wide())
        self.add_snippet_button = w.Button(
            description="Add claim from snippet", icon="plus", layout=w.Layout(width="auto")
        )
        self.add_snippet_button.on_click(
            lambda _: _call(
                self, lambda: self.add_claim_from_snippet(self.snippet.value, self.new_type.value)
            )
        )
        self.message = w.HTML()
        help_keys = " ".join(
            f"<kbd>{i}</kbd> {esc(lab.label)}" for i, lab in enumerate(self.scale.labels, start=1)
        )
        self.help = w.HTML(
            f'<div class="cc-help">Keys (click the panel first): {help_keys} · <kbd>n</kbd>/'
            "<kbd>j</kbd> next · <kbd>p</kbd>/<kbd>k</kbd> previous · <kbd>s</kbd> skip · "
            "<kbd>u</kbd> undo. Every action is saved at once.</div>"
        )

        card = w.VBox(
            [
                self.card_head,
                w.HTML("<b>Slots</b> (correct what the detector got wrong):"),
                slot_grid,
                w.HBox([self.date_text, self.save_slots_button]),
                w.HTML("<b>Evidence</b>"),
                self.evidence_html,
                w.HBox([self.evidence_url, self.evidence_note, self.evidence_date, add_evidence]),
                self.suggestion_html,
                w.HTML("<b>Verdict</b>"),
                verdict_row,
                self.verdict_line,
                self.rationale,
                w.HBox([self.prev_button, self.next_button, self.skip_button, self.undo_button]),
                w.HBox([self.reject_reason, self.reject_button, self.restore_button]),
            ]
        )
        add_box = w.VBox(
            [
                w.HTML(
                    "<b>A claim the detector missed?</b> Select its words in the article, then:"
                ),
                w.HBox([self.new_type, self.add_selection_button]),
                w.HBox([self.snippet, self.add_snippet_button]),
            ]
        )
        review_tab = w.VBox(
            [
                self.legend,
                w.HBox([self.view, side], layout=w.Layout(width="100%")),
                card,
                add_box,
            ]
        )
        self.summary = w.HTML()
        self.history = w.HTML()
        self.tabs = w.Tab(children=[review_tab, self.summary, self.history])
        for i, title in enumerate(("Review", "Summary", "History")):
            self.tabs.set_title(i, title)
        self.tabs.observe(self._on_tab, "selected_index")
        self.children = [
            self.css,
            self.article_picker,
            self.header,
            w.HBox([self.progress_text, self.progress_bar, self.reviewer_box]),
            self.message,
            self.help,
            self.tabs,
        ]

    # -- reading the store -----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the article's claims and this reviewer's reviews from the store and redraw."""
        self._all_claims = self.wb.claims(self.article_id, include_rejected=True)
        self._claims = [c for c in self._all_claims if not c.rejected]
        self._reviews = {
            v.claim_id: v for v in self.wb.reviews(self.article_id, reviewer=self.reviewer)
        }
        self.legend.value = render.legend_html(self.types, (c.type for c in self._claims))
        self._draw_spans()
        self._draw_list()
        self._draw_progress()
        if self.selected is not None:
            self._draw_card()
        if self.tabs.selected_index:
            self._on_tab({"new": self.tabs.selected_index})

    def _draw_spans(self) -> None:
        self.view.spans = [
            {
                "id": claim.id,
                "start": claim.start,
                "end": claim.end,
                "type": claim.type,
                "colour": render.type_colour(self.types, claim.type),
                "title": f"{render.type_label(claim.type)}: {claim.text}",
            }
            for claim in self._claims
        ]
        self._draw_badges()

    def _draw_badges(self) -> None:
        """The verdict (or "skipped") beside each reviewed claim; sent apart from the spans."""
        badges = {}
        for claim in self._claims:
            review = self._reviews.get(claim.id)
            label = self.scale.get(review.label) if review and review.label else None
            if label:
                badges[str(claim.id)] = [label.label, colour(label.colour)]
            elif _status(review) == "skipped":
                badges[str(claim.id)] = ["skipped", "#999999"]
        self.view.badges = badges

    def _draw_progress(self) -> None:
        progress = self.progress
        self.progress_text.value = render.progress_html(progress, self.reviewer)
        self.progress_bar.max = max(progress.total, 1)
        self.progress_bar.value = progress.done + progress.skipped

    @property
    def progress(self):
        return self.wb.progress(self.article_id, reviewer=self.reviewer)

    @property
    def claims(self) -> list[StoredClaim]:
        """The claims the list shows, after the filters."""
        return [c for c in self._list_source() if self._passes(c)]

    def _list_source(self) -> list[StoredClaim]:
        if self.filters["status"] == "rejected":
            return [c for c in self._all_claims if c.rejected]
        return self._claims

    def _passes(self, claim: StoredClaim) -> bool:
        review = self._reviews.get(claim.id)
        wanted_type, wanted_status, wanted_verdict = (
            self.filters["type"],
            self.filters["status"],
            self.filters["verdict"],
        )
        if wanted_type != ALL and claim.type != wanted_type:
            return False
        if wanted_status not in (ALL, "rejected") and _status(review) != wanted_status:
            return False
        label = review.label if review else None
        if wanted_verdict == "none":
            return label is None
        return wanted_verdict == ALL or label == wanted_verdict

    def _draw_list(self) -> None:
        options = []
        for claim in self.claims:
            review = self._reviews.get(claim.id)
            label = self.scale.get(review.label) if review and review.label else None
            mark = {"done": "✓", "skipped": "»", "in_progress": "…"}.get(_status(review), "·")
            verdict = f" {label.label}" if label else ""
            text = claim.text if len(claim.text) <= 70 else claim.text[:69] + "…"
            options.append(
                (f"{mark}{verdict} · {render.type_label(claim.type)} · {text}", claim.id)
            )
        self._quiet = True
        try:
            self.claim_list.options = options
            ids = [value for _, value in options]
            self.claim_list.value = self.selected if self.selected in ids else None
        finally:
            self._quiet = False

    @property
    def current(self) -> StoredClaim | None:
        return next((c for c in self._all_claims if c.id == self.selected), None)

    def _draw_card(self) -> None:
        claim = self.current
        if claim is None:
            self.card_head.value = "<i>No claim selected.</i>"
            return
        review = self._reviews.get(claim.id)
        visible = [c.id for c in self.claims]
        position = (
            f"claim {visible.index(claim.id) + 1} of {len(visible)}" if claim.id in visible else ""
        )
        self.card_head.value = render.claim_head_html(claim, self.types, position, _status(review))
        self._quiet = True
        try:
            for name, box in self.slot_boxes.items():
                box.value = _slot_text(claim.slots[name])
            self.rationale.value = review.rationale if review else ""
        finally:
            self._quiet = False
        date = claim.slots.date
        self.date_text.value = (
            f'<span class="cc-help">"{esc(date.text)}" → {esc(date.start)} … {esc(date.end)} '
            f"({esc(date.precision)}); write YYYY-MM-DD, YYYY-MM or YYYY to correct</span>"
            if date
            else '<span class="cc-help">when: write YYYY-MM-DD, YYYY-MM or YYYY</span>'
        )
        self.evidence_html.value = render.evidence_html(
            claim.evidence or [], "Add what you find below."
        )
        self.suggestion_html.value = render.suggestion_html(claim.suggestion, self.scale)
        others = [v for v in self.wb.reviews(claim_id=claim.id) if v.reviewer != self.reviewer]
        self.verdict_line.value = render.verdict_line_html(review, self.scale, others)
        chosen = review.label if review else None
        for key, button in self.verdict_buttons.items():
            button.icon = "check" if key == chosen else ""
            if key == chosen:
                button.add_class("cc-chosen")
            else:
                button.remove_class("cc-chosen")
        self.reject_button.disabled = claim.rejected
        self.restore_button.disabled = not claim.rejected

    def show_message(self, text: str, error: bool = False) -> None:
        css = "cc-message cc-error" if error else "cc-message"
        self.message.value = f'<div class="{css}">{esc(text)}</div>'

    # -- actions ---------------------------------------------------------------------------------

    def select(self, claim_id: int | None) -> StoredClaim | None:
        """Show a claim in the card and outline it in the article."""
        if claim_id is not None and claim_id not in {c.id for c in self._all_claims}:
            raise ClaimcheckError(f"claim {claim_id} is not in this article")
        self.selected = claim_id
        self._quiet = True
        try:
            self.view.selected = claim_id
            ids = [value for _, value in self.claim_list.options]
            self.claim_list.value = claim_id if claim_id in ids else None
        finally:
            self._quiet = False
        self._draw_card()
        claim = self.current
        if claim is not None:
            for callback in self.on_select:
                callback(claim)
        return claim

    def next(self) -> StoredClaim | None:
        return self._step(+1)

    def previous(self) -> StoredClaim | None:
        return self._step(-1)

    def _step(self, delta: int) -> StoredClaim | None:
        ids = [c.id for c in self.claims]
        if not ids:
            return None
        if self.selected not in ids:
            return self.select(ids[0] if delta > 0 else ids[-1])
        index = ids.index(self.selected) + delta
        if not 0 <= index < len(ids):
            self.show_message("That was the last claim." if delta > 0 else "This is the first.")
            return self.current
        return self.select(ids[index])

    def _first_open(self, after: int | None = None) -> int | None:
        """The next claim (after ``after``, wrapping) that this reviewer has not decided."""
        visible = self.claims
        ids = [c.id for c in visible]
        start = ids.index(after) + 1 if after in ids else 0
        order = visible[start:] + visible[:start]
        for claim in order:
            if _status(self._reviews.get(claim.id)) not in ("done", "skipped"):
                return claim.id
        return ids[0] if ids and after is None else None

    def _need_claim(self) -> StoredClaim:
        claim = self.current
        if claim is None:
            raise ClaimcheckError("select a claim first (click a highlight or use the list)")
        return claim

    def set_verdict(self, label: str, rationale: str | None = None) -> Verdict:
        """Save a verdict on the selected claim (with the rationale in the box), then move on."""
        claim = self._need_claim()
        text = self.rationale.value if rationale is None else rationale
        verdict = self.wb.set_verdict(claim.id, label, text, reviewer=self.reviewer)
        self._reviews[claim.id] = verdict
        following = self._first_open(after=claim.id) if self.auto_advance else None
        self._after_review(claim, verdict, card=following is None)
        name = self.scale.get(label).label
        self.show_message(f"Saved: {name} for “{_short(claim.text)}”.")
        for callback in self.on_verdict:
            callback(claim, verdict)
        if following is not None:
            self.select(following)
        return verdict

    def skip(self) -> StoredClaim | None:
        """Mark the selected claim skipped (it keeps any verdict) and go to the next open one."""
        claim = self._need_claim()
        verdict = self.wb.set_status(claim.id, "skipped", reviewer=self.reviewer)
        self._after_review(claim, verdict)
        self.show_message(f"Skipped “{_short(claim.text)}”.")
        following = self._first_open(after=claim.id)
        return self.select(following) if following is not None else self.current

    def set_rationale(self, text: str) -> Verdict:
        claim = self._need_claim()
        verdict = self.wb.set_rationale(claim.id, text, reviewer=self.reviewer)
        self._after_review(claim, verdict)
        self.show_message("Rationale saved.")
        return verdict

    def _after_review(self, claim: StoredClaim, verdict: Verdict, card: bool = True) -> None:
        self._reviews[claim.id] = verdict
        self._draw_badges()
        self._draw_list()
        self._draw_progress()
        if card:
            self._draw_card()

    def undo(self) -> None:
        """Take back this reviewer's latest change in this article (also after a restart)."""
        change = self.wb.undo(reviewer=self.reviewer, article_id=self.article_id)
        if change is None:
            self.show_message("Nothing to undo.")
            return
        self.refresh()
        if change.claim_id is not None and any(c.id == change.claim_id for c in self._all_claims):
            self.select(change.claim_id)
        self.show_message(f"Undone: {change.action} ({render._describe(change)}).")

    def correct(self, **slots: Any) -> StoredClaim:
        """Correct slots of the selected claim: ``panel.correct(count=25, date="2018-03-26")``."""
        claim = self._need_claim()
        updated = self.wb.correct_slots(claim.id, reviewer=self.reviewer, **slots)
        self.refresh()
        self.show_message(
            f"Corrected {', '.join(slots)}." if slots else "Nothing to correct.",
        )
        return updated

    def _save_slots(self) -> None:
        claim = self.current
        if claim is None:
            return
        changes = {
            name: box.value
            for name, box in self.slot_boxes.items()
            if box.value.strip() != _slot_text(claim.slots[name])
        }
        _call(self, lambda: self.correct(**changes))

    def add_evidence(self, url: str | None = None, note: str = "", date: str | None = None) -> None:
        """Add evidence found by hand to the selected claim: a URL, a note, its date."""
        claim = self._need_claim()
        self.wb.add_evidence(claim.id, url=url, note=note, date=date, reviewer=self.reviewer)
        self.refresh()
        self.show_message("Evidence added.")

    def _add_evidence_from_boxes(self) -> None:
        def add() -> None:
            self.add_evidence(
                self.evidence_url.value, self.evidence_note.value, self.evidence_date.value
            )
            self.evidence_url.value = self.evidence_note.value = self.evidence_date.value = ""

        _call(self, add)

    def add_claim(self, start: int, end: int, claim_type: str) -> StoredClaim:
        """Add a claim the detector missed, by character offsets; it is selected."""
        claim = self.wb.add_claim(self.article_id, start, end, claim_type, reviewer=self.reviewer)
        self.refresh()
        self.select(claim.id)
        self.show_message(f"Added a {render.type_label(claim_type)} claim.")
        return claim

    def add_claim_from_selection(self, claim_type: str) -> StoredClaim:
        selection = self.view.selection or {}
        if "start" not in selection:
            raise ClaimcheckError("select the words of the claim in the article first")
        return self.add_claim(int(selection["start"]), int(selection["end"]), claim_type)

    def add_claim_from_snippet(self, snippet: str, claim_type: str) -> StoredClaim:
        needle = (snippet or "").strip()
        if not needle:
            raise ClaimcheckError("give the words of the claim as they stand in the article")
        start = self.article.text.find(needle)
        if start < 0:
            raise ClaimcheckError(
                "those words are not in the article: copy them exactly, or select them instead"
            )
        return self.add_claim(start, start + len(needle), claim_type)

    def reject(self, reason: str = "") -> None:
        """Reject the selected detection as not a claim; it leaves the list (undo brings it back)."""
        claim = self._need_claim()
        self.wb.reject_claim(claim.id, reason, reviewer=self.reviewer)
        following = self._first_open(after=claim.id)
        self.refresh()
        self.select(following if following != claim.id else None)
        self.show_message(f"Rejected “{_short(claim.text)}” as a false detection.")

    def restore(self) -> None:
        claim = self._need_claim()
        self.wb.restore_claim(claim.id, reviewer=self.reviewer)
        self.refresh()
        self.show_message(f"Restored “{_short(claim.text)}”.")

    def show_article(self, article_id: int) -> None:
        """Move the panel to another article (one of those its picker offers)."""
        if article_id not in self.article_ids:
            raise ClaimcheckError(
                f"article {article_id} is not among this panel's: {self.article_ids}"
            )
        self.article_id = article_id
        self.article = self.wb.article(article_id, with_claims=False)
        self.header.value = render.header_html(
            self.article.title, self.article.published, self.article.url
        )
        self._quiet = True
        try:
            self.article_picker.value = article_id
            self.view.selected = None
            self.view.spans = []
            self.view.selection = {}
            self.view.text = self.article.text
        finally:
            self._quiet = False
        self.selected = None
        self.refresh()
        first = self._first_open()
        self.select(first)
        self.show_message(
            f"Article {self.article_ids.index(article_id) + 1} of "
            f"{len(self.article_ids)}: {self.article.title or 'untitled'}."
        )

    def set_filter(self, **filters: str) -> list[StoredClaim]:
        """Filter the list: ``type=``, ``status=`` (or "rejected"), ``verdict=`` (or "none")."""
        boxes = {"type": self.type_filter, "status": self.status_filter}
        boxes["verdict"] = self.verdict_filter
        for name, value in filters.items():
            if name not in boxes:
                raise ClaimcheckError(f"unknown filter {name!r}: use type, status or verdict")
            allowed = [v for _, v in boxes[name].options]
            if value not in allowed:
                raise ClaimcheckError(f"unknown {name} {value!r}: use one of {', '.join(allowed)}")
            boxes[name].value = value  # observers redraw
        return self.claims

    def set_reviewer(self, name: str) -> None:
        """Review as somebody else: verdicts, progress and undo follow the reviewer."""
        self.reviewer = str(name).strip()
        if self.reviewer_box.value != self.reviewer:
            self._quiet = True
            self.reviewer_box.value = self.reviewer
            self._quiet = False
        self.refresh()
        self.show_message(f"Reviewing as {self.reviewer or 'an anonymous reviewer'}.")

    # -- widget events ---------------------------------------------------------------------------

    def _on_article(self, change: dict) -> None:
        if not self._quiet and change["new"] is not None and change["new"] != self.article_id:
            _call(self, lambda: self.show_article(change["new"]))

    def _on_view_selected(self, change: dict) -> None:
        if not self._quiet and change["new"] is not None:
            _call(self, lambda: self.select(change["new"]))

    def _on_list(self, change: dict) -> None:
        if not self._quiet and change["new"] is not None:
            _call(self, lambda: self.select(change["new"]))

    def _on_filter(self, name: str, change: dict) -> None:
        self.filters[name] = change["new"]
        if name == "status" and (change["new"] == "rejected" or change["old"] == "rejected"):
            self.select(None)
        self._draw_list()
        if self.selected is None and self.claims:
            self.select(self.claims[0].id)

    def _on_rationale(self, change: dict) -> None:
        if self._quiet or self.current is None:
            return
        review = self._reviews.get(self.current.id)
        if (review.rationale if review else "") != change["new"]:
            _call(self, lambda: self.set_rationale(change["new"]))

    def _on_reviewer(self, change: dict) -> None:
        if not self._quiet:
            self.set_reviewer(change["new"])

    def _on_tab(self, change: dict) -> None:
        if change["new"] == 1:
            self.summary.value = render.summary_html(
                self._claims, self._reviews, self.scale, self.types
            )
        elif change["new"] == 2:
            claims = {c.id: c for c in self._all_claims}
            self.history.value = render.history_html(
                self.wb.history(article_id=self.article_id, limit=200), claims
            )

    def _click_verdict(self, label: str, _button: Any = None) -> None:
        _call(self, lambda: self.set_verdict(label))

    def _on_view_message(self, _widget: Any, content: dict, _buffers: Any = None) -> None:
        if content.get("type") == "key":
            self.press(str(content.get("key", "")))

    def press(self, key: str) -> None:
        """What a keyboard shortcut does (the front end sends the key); errors go to the panel."""
        _call(self, lambda: self._press(key))

    def _press(self, key: str) -> None:
        if key.isdigit() and 1 <= int(key) <= len(self.scale.labels):
            self.set_verdict(self.scale.labels[int(key) - 1].key)
        elif key in NAV_KEYS:
            getattr(self, NAV_KEYS[key])()
        elif key == "?":
            self.show_message(
                f"Keys: 1-{len(self.scale.labels)} verdicts, n/j next, p/k previous, s skip, u undo."
            )

    def __repr__(self) -> str:
        progress = self.progress
        return f"<ReviewPanel article {self.article_id}: {progress}>"


def _call(panel: ReviewPanel, method: Callable[[], Any], *_: Any) -> Any:
    try:
        return method()
    except ClaimcheckError as exc:
        panel.show_message(str(exc), error=True)
        return None


def _status(review: Verdict | None) -> str:
    return review.status if review else "unreviewed"


def _slot_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, DateValue):
        if not value.start:
            return ""
        if value.precision == "day":
            return value.start
        if value.precision == "month":
            return value.start[:7]
        if value.precision == "year":
            return value.start[:4]
        return value.start
    return str(value)


def _short(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _narrow() -> w.Layout:
    return w.Layout(width="250px")


def _wide() -> w.Layout:
    return w.Layout(width="420px")
