"""The review panel: the article beside the claim card, the claim list, and the tabs.

Every user action is a plain method (``select``, ``next``, ``set_verdict``, ``undo``, ...) that the
buttons and keyboard shortcuts call and tests and users can call too. Each one writes to the
store at once through the Workbench's public methods; the panel keeps no state of its own that
the store does not also have, so a new panel on the same store (after a kernel restart) shows
exactly what was saved.

The card moves to another claim only when the reviewer asks: a click on a claim or a row of the
list, Next / Previous / Skip, "Save and next", or a verdict key while the rationale is empty. A
verdict button saves and stays, so the rationale typed next belongs to the same claim (and the
rationale box sends the id of the claim it was typed for).

The pieces: :mod:`.header` (top bar), :mod:`.article` (the article view and the add-a-claim bar),
:mod:`.claim_list` (the list and its filters), :mod:`.card` (the claim card), :mod:`.tabs`
(Summary and History); the actions that write to the store are in :mod:`.actions`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import traitlets

from ..detection.rules import claim_types
from ..errors import ClaimcheckError
from ..model import Verdict
from ..store import Progress, StoredClaim
from . import render
from .actions import ReviewActions
from .article import AddClaimBar, ArticleView, badges_of, spans_of
from .card import ClaimCard
from .claim_list import ALL, ClaimList, Filters, filtered, list_items
from .header import TopBar
from .sentences import OtherSentence, OtherSentences, other_sentences
from .tabs import ReviewTabs

if TYPE_CHECKING:
    from ..workbench import Workbench

NAV_KEYS = {"n": "next", "j": "next", "p": "previous", "k": "previous", "s": "skip", "u": "undo"}


def _box(children: list[w.Widget], css: str, vertical: bool = False) -> w.Box:
    box = w.VBox(children) if vertical else w.HBox(children)
    box.add_class(css)
    return box


class ReviewPanel(ReviewActions, w.VBox):
    """Review one article of a Workbench. Displayed when it is a cell's last expression.

    ``trainee=True`` (as ``Exercise`` opens it): the suggested verdict, the signals and other
    reviewers' verdicts stay hidden until the key is revealed, and ``on_submit`` (called by the
    Submit button) hands the answers in.
    """

    selected = traitlets.Int(None, allow_none=True)

    def __init__(
        self,
        workbench: Workbench,
        article_id: int,
        *,
        reviewer: str | None = None,
        articles: list[int] | None = None,
        trainee: bool = False,
        on_submit: Callable[[], Any] | None = None,
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
        self.trainee = trainee
        self.on_submit = on_submit
        self.types = claim_types()
        self.scale = workbench.scale
        self.on_select: list[Callable[[StoredClaim], None]] = []
        self.on_verdict: list[Callable[[StoredClaim, Verdict], None]] = []
        self.filters: dict[str, str] = {"type": ALL, "status": ALL, "verdict": ALL}
        self._claims: list[StoredClaim] = []  # the article's claims, rejected ones left out
        self._all_claims: list[StoredClaim] = []
        self._numbers: dict[int, int] = {}  # claim id -> its number in reading order
        self._reviews: dict[int, Verdict] = {}
        self._settings: dict[str, str] = {}
        self._confirm_submit = False
        self._quiet = False  # while the panel itself sets widget values
        self._build()
        self.refresh()
        self.select(self._first_open())
        self.show_message(
            "Click a highlighted claim or a row of the list; choose a verdict with the buttons or "
            f"the keys 1-{len(self.scale.labels)}."
        )

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.article = self.wb.article(self.article_id, with_claims=False)
        type_names = sorted(self.types)
        titles = self.wb.article_titles(self.article_ids)
        top = self.top = TopBar(
            self.article_ids, self.article_id, titles, self.reviewer, self.trainee
        )
        top.draw_article(self.article)
        top.article_picker.observe(self._on_article, "value")
        top.reviewer_box.observe(self._on_reviewer, "value")
        top.submit_button.on_click(functools.partial(_call, self, self.submit))
        self.done = w.HTML()

        self.legend = w.HTML()
        self.filter_bar = Filters(type_names, self.scale, self.trainee)
        for name, box in self.filter_bar.boxes.items():
            box.observe(functools.partial(self._on_filter, name), "value")
        self.view = ArticleView(text=self.article.text, digit_keys=len(self.scale.labels))
        self.view.add_class("cc-article-view")
        self.view.observe(self._on_view_selected, "selected")
        self.view.on_msg(self._on_view_message)
        bar = self.add_bar = AddClaimBar(type_names)
        bar.add_selection_button.on_click(
            lambda _: _call(
                self, lambda: self.add_claim_from_selection(bar.claim_type.value), where="add"
            )
        )
        bar.add_snippet_button.on_click(
            lambda _: _call(
                self,
                lambda: self.add_claim_from_snippet(bar.snippet.value, bar.claim_type.value),
                where="add",
            )
        )
        self.claim_list = ClaimList()
        self.claim_list.add_class("cc-list-view")
        self.claim_list.observe(self._on_list, "selected")
        self.claim_list.on_msg(self._on_list_message)
        self.other = OtherSentences(type_names)
        self.other.on_add.append(
            lambda start, end, claim_type: _call(
                self, lambda: self.add_claim(start, end, claim_type), where="add"
            )
        )
        self._sentences: list[OtherSentence] | None = None
        tools = _box([self.legend, self.filter_bar], "cc-tools")
        left = _box([tools, self.view, bar, self.claim_list, self.other], "cc-left", vertical=True)

        card = self.card = ClaimCard(self.scale)
        for key, button in card.verdict_buttons.items():
            button.on_click(functools.partial(self._click_verdict, key))
        card.rationale.on_msg(self._on_rationale_message)
        card.on_open_review.append(lambda claim_id: _call(self, lambda: self.open_review(claim_id)))
        for button, method, where in (
            (card.save_next_button, self.save_and_next, None),
            (card.prev_button, self.previous, None),
            (card.next_button, self.next, None),
            (card.skip_button, self.skip, None),
            (card.undo_button, self.undo, None),
            (card.add_evidence_button, self._add_evidence_from_boxes, "evidence"),
            (card.save_slots_button, self._save_slots, "slots"),
            (card.reject_button, lambda: self.reject(card.reject_reason.value), "reject"),
            (card.restore_button, self.restore, "reject"),
        ):
            button.on_click(functools.partial(_call, self, method, where=where))
        self.tabs = ReviewTabs(_box([left, card], "cc-body"))
        self.tabs.observe(self._on_tab, "selected_index")
        self.key_help = w.HTML(render.keys_html(self.scale))
        self.children = [w.HTML(render.PANEL_CSS), top, self.key_help, self.done, self.tabs]

    # -- reading the store and drawing -----------------------------------------------------------

    def refresh(self) -> None:
        """Read the article's claims and this reviewer's reviews from the store and redraw."""
        self._all_claims = self.wb.claims(self.article_id, include_rejected=True)
        self._claims = [c for c in self._all_claims if not c.rejected]
        self._numbers = {c.id: n for n, c in enumerate(self._claims, start=1)}
        self._reviews = {
            v.claim_id: v for v in self.wb.reviews(self.article_id, reviewer=self.reviewer)
        }
        self._settings = self.wb.settings()
        self.legend.value = render.legend_html(self.types, (c.type for c in self._claims))
        self.view.spans = spans_of(self._claims, self.types)
        self._draw_state()
        self._draw_card()
        self._draw_other()
        self._on_tab({"new": self.tabs.selected_index})

    @property
    def revealed(self) -> bool:
        """Whether the workshop key was revealed to this trainee (always True outside workshops)."""
        return not self.trainee or bool(self._settings.get("revealed_at"))

    @property
    def progress(self) -> Progress:
        return self.wb.progress(self.article_id, reviewer=self.reviewer)

    def _progress_everywhere(self) -> list[Progress]:
        return [self.wb.progress(a, reviewer=self.reviewer) for a in self.article_ids]

    @property
    def claims(self) -> list[StoredClaim]:
        """The claims the list shows, after the filters."""
        return filtered(self._all_claims, self._reviews, self.filters)

    @property
    def current(self) -> StoredClaim | None:
        return next((c for c in self._all_claims if c.id == self.selected), None)

    def _draw_state(self) -> None:
        """Badges, list, dimmed claims, progress: what a verdict or a filter changes."""
        self.view.badges = badges_of(self._claims, self._reviews, self.scale)
        shown = self.claims
        ids = {c.id for c in shown}
        self._quiet = True
        try:
            with self.claim_list.hold_sync():
                self.claim_list.items = list_items(
                    shown, self._numbers, self._reviews, self.scale, self.types, self.trainee
                )
                self.claim_list.empty = (
                    "No claim matches these filters."
                    if any(value != ALL for value in self.filters.values())
                    else "No claims in this article: add one from the article's words."
                )
                self.claim_list.selected = self.selected if self.selected in ids else None
        finally:
            self._quiet = False
        self.view.dimmed = [c.id for c in self._claims if c.id not in ids]
        progress = self.progress
        self.top.draw_progress(progress, self.reviewer, self.trainee)
        everywhere = self._progress_everywhere() if self.trainee else [progress]
        self.done.value = render.done_html(progress, everywhere, self._settings, self.trainee)

    def _draw_other(self) -> None:
        """The other check-worthy sentences: hidden from a trainee until the reveal."""
        if not self.revealed:
            self.other.layout.display = "none"
            return
        self.other.layout.display = None
        if self._sentences is None:
            text = self.article.text
            self._sentences = [
                OtherSentence(s.start, s.end, text[s.start : s.end].strip(), s.score)
                for s in self.wb.sentences(self.article_id)
            ]
        self.other.show(other_sentences(self._sentences, [(c.start, c.end) for c in self._claims]))

    def _draw_card(self) -> None:
        claim = self.current
        if claim is None:
            self.card.show_none(
                "No claim matches the filters: change them, or show all claims."
                if self._all_claims and not self.claims
                else "No claim selected: click a highlighted claim or a row of the list."
                if self._all_claims
                else "This article has no claims: add one from its words."
            )
            return
        hidden = not self.revealed
        others = (
            []
            if hidden
            else [v for v in self.wb.reviews(claim_id=claim.id) if v.reviewer != self.reviewer]
        )
        self.card.show(
            claim,
            number=self._numbers.get(claim.id, 0),
            total=len(self._claims),
            review=self._reviews.get(claim.id),
            others=others,
            types=self.types,
            trainee=self.trainee,
            hidden=hidden,
            required=[k for k in self._settings.get("require_rationale", "").split(",") if k],
        )

    def show_message(self, text: str, error: bool = False, where: str | None = None) -> None:
        """A message in the card (always in view) and beside the form that caused it."""
        self.card.say(text, error, where)
        self.add_bar.message.value = (
            render.message_html(text, error, local=True) if where == "add" else ""
        )

    # -- moving between claims -------------------------------------------------------------------

    def select(self, claim_id: int | None) -> StoredClaim | None:
        """Show a claim in the card and outline it in the article and the list."""
        if claim_id is not None and claim_id not in {c.id for c in self._all_claims}:
            raise ClaimcheckError(f"claim {claim_id} is not in this article")
        self.selected = claim_id
        self._confirm_submit = False
        self._quiet = True
        try:
            self.view.selected = claim_id
            ids = {c.id for c in self.claims}
            self.claim_list.selected = claim_id if claim_id in ids else None
        finally:
            self._quiet = False
        self._draw_card()
        claim = self.current
        if claim is not None:
            for callback in self.on_select:
                callback(claim)
        return claim

    def next(self) -> StoredClaim | None:
        """The next claim of the list (after the filters)."""
        return self._step(+1)

    def previous(self) -> StoredClaim | None:
        return self._step(-1)

    def _step(self, delta: int) -> StoredClaim | None:
        ids = [c.id for c in self.claims]
        if not ids:
            self.show_message("No claim matches the filters.", error=True)
            return None
        if self.selected not in ids:
            return self.select(ids[0] if delta > 0 else ids[-1])
        index = ids.index(self.selected) + delta
        if not 0 <= index < len(ids):
            self.show_message(
                "That was the last claim of the list." if delta > 0 else "This is the first claim."
            )
            return self.current
        return self.select(ids[index])

    def _first_open(self, after: int | None = None) -> int | None:
        """The next claim of the list (after ``after``, wrapping) this reviewer has not decided."""
        visible = self.claims
        ids = [c.id for c in visible]
        start = ids.index(after) + 1 if after in ids else 0
        for claim in visible[start:] + visible[:start]:
            review = self._reviews.get(claim.id)
            if claim.id != after and (review is None or review.status not in ("done", "skipped")):
                return claim.id
        return ids[0] if ids and after is None else None

    def save_and_next(self) -> StoredClaim | None:
        """Go on to the next claim without a verdict (the rationale was saved as the box lost
        the focus)."""
        claim = self.current
        following = self._first_open(after=claim.id if claim else None)
        if following is None:
            self.show_message(self._all_done_text())
            return claim
        review = self._reviews.get(claim.id) if claim else None
        self.select(following)
        if claim is not None and not (review and review.label):
            self.show_message(
                f"Claim {self._numbers.get(claim.id, '')} has no verdict yet; it stays open."
            )
        return self.current

    def _all_done_text(self) -> str:
        total = len(self.claims)
        if self.trainee:
            return f"All {total} answered — submit? (the Submit answers button at the top)"
        return f"All {total} claims of the list have a verdict or were skipped: none is left open."

    def _need_claim(self) -> StoredClaim:
        claim = self.current
        if claim is None:
            raise ClaimcheckError("select a claim first (click a highlight or a row of the list)")
        return claim

    # -- articles, filters, reviewers ------------------------------------------------------------

    def show_article(self, article_id: int) -> None:
        """Move the panel to another article (one of those its picker offers)."""
        if article_id not in self.article_ids:
            raise ClaimcheckError(
                f"article {article_id} is not among this panel's: {self.article_ids}"
            )
        self.article_id = article_id
        self.article = self.wb.article(article_id, with_claims=False)
        self._sentences = None
        self.top.draw_article(self.article)
        self._quiet = True
        try:
            self.top.article_picker.value = article_id
            self.view.selected = None
            self.view.spans = []
            self.view.selection = {}
            self.view.text = self.article.text
        finally:
            self._quiet = False
        self.selected = None
        self.refresh()
        self.select(self._first_open())
        self.show_message(
            f"Article {self.article_ids.index(article_id) + 1} of "
            f"{len(self.article_ids)}: {self.article.title or 'untitled'}."
        )

    def open_review(self, claim_id: int) -> StoredClaim | None:
        """Show an earlier review that the current claim matches (a claim of this store): the
        panel moves to its article, which joins the picker if it was not there, and selects it."""
        if not self.revealed:
            raise ClaimcheckError("earlier reviews stay hidden until the key is revealed")
        came_from = self.current
        target = self.wb.claim(claim_id)  # a claim no longer in the store: the message says so
        back = (
            f"; back: claim {self._numbers.get(came_from.id, '')} of article "
            f"{self.article_ids.index(came_from.article_id) + 1} in the picker"
            if came_from is not None and came_from.article_id != target.article_id
            else ""
        )
        if target.article_id not in self.article_ids:
            self.article_ids.append(target.article_id)
            self._quiet = True
            try:
                self.top.set_articles(
                    self.article_ids, self.article_id, self.wb.article_titles(self.article_ids)
                )
            finally:
                self._quiet = False
        if target.article_id != self.article_id:
            self.show_article(target.article_id)
        if self.selected != claim_id and claim_id not in {c.id for c in self.claims}:
            self.clear_filters()  # the filters hid it
        self.select(claim_id)
        review = self._reviews.get(claim_id)
        self.show_message(
            f"The earlier review: claim {self._numbers.get(claim_id, '')} of "
            f"“{render.short(self.article.title or 'untitled')}”"
            + (f", reviewed by {review.reviewer}" if review and review.reviewer else "")
            + back
            + "."
        )
        return self.current

    def set_filter(self, **filters: str) -> list[StoredClaim]:
        """Filter the list: ``type=``, ``status=`` (or "rejected"), ``verdict=`` (or "none").

        The article greys out the other claims, and the card moves to a claim the list shows."""
        boxes = self.filter_bar.boxes
        for name, value in filters.items():
            if name not in boxes:
                raise ClaimcheckError(f"unknown filter {name!r}: use type, status or verdict")
            allowed = [v for _, v in boxes[name].options]
            if value not in allowed:
                raise ClaimcheckError(f"unknown {name} {value!r}: use one of {', '.join(allowed)}")
            boxes[name].value = value  # observers redraw
        return self.claims

    def clear_filters(self) -> list[StoredClaim]:
        return self.set_filter(type=ALL, status=ALL, verdict=ALL)

    def set_reviewer(self, name: str) -> None:
        """Review as somebody else: verdicts, progress and undo follow the reviewer."""
        self.reviewer = str(name).strip()
        box = self.top.reviewer_box
        if box.value != self.reviewer:
            self._quiet = True
            box.value = self.reviewer
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

    def _on_list_message(self, _widget: Any, content: dict, _buffers: Any = None) -> None:
        if content.get("type") == "clear_filters":
            _call(self, self.clear_filters)

    def _on_filter(self, name: str, change: dict) -> None:
        self.filters[name] = change["new"]
        self._draw_state()
        shown = [c.id for c in self.claims]
        if self.selected not in shown:
            self.select(shown[0] if shown else None)
        if not shown:
            self.show_message("No claim matches these filters.")

    def _on_reviewer(self, change: dict) -> None:
        if not self._quiet:
            self.set_reviewer(change["new"])

    def _on_tab(self, change: dict) -> None:
        if change["new"] == 1:
            self.tabs.draw_summary(self._claims, self._reviews, self.scale, self.types)
        elif change["new"] == 2:
            mine = self.reviewer if self.trainee else None
            changes = self.wb.history(article_id=self.article_id, reviewer=mine, limit=200)
            self.tabs.draw_history(changes, {c.id: c for c in self._all_claims}, self.scale)

    def _click_verdict(self, label: str, _button: Any = None) -> None:
        _call(self, lambda: self.set_verdict(label))

    def _on_view_message(self, _widget: Any, content: dict, _buffers: Any = None) -> None:
        if content.get("type") == "key":
            self.press(str(content.get("key", "")))

    def _on_rationale_message(self, _widget: Any, content: dict, _buffers: Any = None) -> None:
        claim_id = content.get("claim")
        if not isinstance(claim_id, int):
            return
        if content.get("type") == "rationale":
            _call(self, lambda: self.save_rationale(claim_id, str(content.get("text") or "")))
        elif content.get("type") == "next" and claim_id == self.selected:
            _call(self, self.save_and_next)

    def press(self, key: str) -> None:
        """What a keyboard shortcut does (the front end sends the key); errors go to the panel."""
        _call(self, lambda: self._press(key))

    def _press(self, key: str) -> None:
        if key.isdigit() and 1 <= int(key) <= len(self.scale.labels):
            review = self._reviews.get(self._need_claim().id)
            # With a rationale written, the verdict goes with it and the card stays to be read.
            empty = not (review and review.rationale.strip())
            self.set_verdict(self.scale.labels[int(key) - 1].key, advance=empty)
        elif key in NAV_KEYS:
            getattr(self, NAV_KEYS[key])()
        elif key == "?":
            self.show_message(
                f"Keys: 1-{len(self.scale.labels)} verdicts, n/j next, p/k previous, s skip, u undo."
            )

    def __repr__(self) -> str:
        try:
            progress = str(self.progress)
        except ClaimcheckError:
            progress = "store unavailable"
        return f"<ReviewPanel article {self.article_id}: {progress}>"


def _call(panel: ReviewPanel, method: Callable[[], Any], *_: Any, where: str | None = None) -> Any:
    """Run an action; a ClaimcheckError becomes a message in the panel (in the card, and beside
    the form named by ``where``) instead of a traceback."""
    try:
        return method()
    except ClaimcheckError as exc:
        panel.show_message(str(exc), error=True, where=where)
        return None
