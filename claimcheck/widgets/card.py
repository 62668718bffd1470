"""The claim card: what the reviewer decides on, beside the article.

Two parts. The *core* is always in view: the claim's number, type and words, the verdict
buttons, the rationale box, the buttons that move on and the message line. The *details* hold
what the reviewer reads and corrects: the suggested verdict, the evidence (a list that grows,
with the form to add more right under it), the slots and the rejection. Each form has its own
message line beside its button; every message is also shown in the core.

The card only draws; the panel wires its buttons to its actions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as w
import traitlets

from ..htmlsafe import colour
from ..model import DateValue, Evidence, Verdict, VerdictScale
from ..store import StoredClaim
from . import render


class RationaleBox(anywidget.AnyWidget):
    """A text box bound to one claim: what is typed is sent with the id of the claim it was typed
    for (``{"type": "rationale", "claim": id, "text": ...}``), never applied to another one."""

    _esm = Path(__file__).parent / "static" / "rationale.js"

    # id, text, label, placeholder, locked, state: set together when the card changes claim.
    claim = traitlets.Dict({}).tag(sync=True)


def _button(text: str, tooltip: str = "", css: str = "", icon: str = "") -> w.Button:
    button = w.Button(description=text, tooltip=tooltip, icon=icon)
    if css:
        button.add_class(css)
    return button


def _row(children: list[w.Widget], css: str) -> w.HBox:
    box = w.HBox(children)
    box.add_class(css)
    return box


def _section(title: str) -> w.HTML:
    html = w.HTML(f'<div class="cc-section-title">{title}</div>')
    return html


class ClaimCard(w.VBox):
    def __init__(self, scale: VerdictScale) -> None:
        self.scale = scale
        # -- the core: always in view ----------------------------------------------------------
        self.head = w.HTML()
        self.verdict_buttons: dict[str, w.Button] = {}
        for i, label in enumerate(scale.labels, start=1):
            button = _button(f"{i}  {label.label}", f"{label.description} (key {i})")
            button.style.button_color = colour(label.colour)
            button.add_class(f"cc-verdict-{label.key}")
            self.verdict_buttons[label.key] = button
        self.verdict_line = w.HTML()
        self.rationale = RationaleBox()
        self.save_next_button = _button(
            "Save and next", "go to the next claim without a verdict (Ctrl+Enter)", "cc-save-next"
        )
        self.prev_button = _button("◀ Previous", "key p")
        self.next_button = _button("Next ▶", "key n")
        self.skip_button = _button("Skip", "mark skipped and go on (key s)")
        self.undo_button = _button("Undo", "take back your latest change (key u)")
        self.message = w.HTML()
        self.core = w.VBox(
            [
                self.head,
                _row(list(self.verdict_buttons.values()), "cc-verdicts"),
                self.verdict_line,
                self.rationale,
                _row(
                    [
                        self.save_next_button,
                        self.prev_button,
                        self.next_button,
                        self.skip_button,
                        self.undo_button,
                    ],
                    "cc-actions",
                ),
                self.message,
            ]
        )
        self.core.add_class("cc-core")

        # -- the details -----------------------------------------------------------------------
        # Earlier reviews of claims that match this one, each with a button that opens it.
        self.on_open_review: list[Callable[[int], Any]] = []
        self.reviewed_before = w.VBox()
        self.reviewed_before.add_class("cc-reviewed-before")
        self.suggestion = w.HTML()
        self.evidence = w.HTML()
        self.evidence_url = w.Text(placeholder="https://… (where you found it)")
        self.evidence_note = w.Text(placeholder="what it says")
        self.evidence_date = w.Text(placeholder="its date: YYYY-MM-DD")
        self.add_evidence_button = _button("Add evidence", icon="plus")
        self.evidence_message = w.HTML()
        self.slot_boxes = {
            name: w.Text(description=label, style={"description_width": "70px"})
            for name, label in (*render.SLOT_LABELS, *render.STATEMENT_SLOT_LABELS)
        }
        names = [name for name, _ in render.SLOT_LABELS]
        slots = w.GridBox([self.slot_boxes[n] for n in names])
        slots.add_class("cc-slots")
        # Statistics, comparisons and positions have slots of their own, shown when they apply.
        self.statement_slots = w.GridBox(
            [self.slot_boxes[n] for n, _ in render.STATEMENT_SLOT_LABELS]
        )
        self.statement_slots.add_class("cc-slots")
        self.date_help = w.HTML()
        self.corrections = w.HTML()
        self.save_slots_button = _button("Save corrections", "store the corrected slots")
        self.slots_message = w.HTML()
        self.context = w.HTML()
        self.reject_reason = w.Text(placeholder="why it is not a claim (optional)")
        self.reject_button = _button("Reject detection", css="cc-reject")
        self.restore_button = _button("Restore")
        self.reject_message = w.HTML()
        self.details = w.VBox(
            [
                self.reviewed_before,
                _section("Suggested verdict"),
                self.suggestion,
                _section("Evidence"),
                self.evidence,
                _row(
                    [
                        self.evidence_url,
                        self.evidence_note,
                        self.evidence_date,
                        self.add_evidence_button,
                    ],
                    "cc-form",
                ),
                self.evidence_message,
                _section("Slots <span class='cc-help'>(correct what was read wrong)</span>"),
                self.corrections,
                slots,
                self.statement_slots,
                self.date_help,
                _row([self.save_slots_button, self.slots_message], "cc-form"),
                _section("Where it stands"),
                self.context,
                _row([self.reject_reason, self.reject_button, self.restore_button], "cc-form"),
                self.reject_message,
            ]
        )
        self.details.add_class("cc-details")
        self._locals = {
            "evidence": self.evidence_message,
            "slots": self.slots_message,
            "reject": self.reject_message,
        }
        super().__init__([self.core, self.details])
        self.add_class("cc-card")

    # -- drawing -------------------------------------------------------------------------------

    def show(
        self,
        claim: StoredClaim,
        *,
        number: int,
        total: int,
        review: Verdict | None,
        others: list[Verdict],
        types: Mapping[str, Any],
        trainee: bool = False,
        hidden: bool = False,
        required: list[str] | None = None,
    ) -> None:
        """Draw a claim. ``hidden``: the suggestion, the signals and others' verdicts are left out
        (a trainee before the key is revealed)."""
        status = review.status if review else "unreviewed"
        self.details.layout.display = ""
        self.head.value = render.claim_head_html(claim, types, number, total, status, trainee)
        self.verdict_line.value = render.verdict_line_html(
            review, self.scale, [] if hidden else others
        )
        chosen = review.label if review else None
        for key, button in self.verdict_buttons.items():
            if key == chosen:
                button.add_class("cc-chosen")
            else:
                button.remove_class("cc-chosen")
        names = [self.scale.get(k).label for k in required or [] if self.scale.get(k)]
        self.rationale.claim = {
            "id": claim.id,
            "text": review.rationale if review else "",
            "label": f"Rationale for claim {number}"
            + (f" (needed for {', '.join(names)})" if names else ""),
            "placeholder": "What the record says, and why this verdict (saved when you click "
            "elsewhere)",
            "locked": claim.rejected,
            "state": f"saved {review.updated_at[11:16]} UTC" if review and review.rationale else "",
        }
        self.suggestion.value = (
            render.HIDDEN_NOTE if hidden else render.suggestion_html(claim.suggestion, self.scale)
        )
        empty = (
            "No record in the sources consulted matches this claim."
            if claim.suggestion is not None
            else "The claim has not been linked to any source yet."
        )
        earlier = [] if hidden else [e for e in claim.evidence or [] if e.source == "reviews"]
        self._show_reviews(earlier)
        self.evidence.value = render.evidence_html(
            [e for e in claim.evidence or [] if e.source != "reviews"],
            "Add what you find below.",
            signals=not hidden,
            empty=empty,
        )
        self._quiet_slots(claim)
        self.corrections.value = render.corrections_html(claim)
        date = claim.slots.date
        self.date_help.value = (
            f'<span class="cc-help">when: "{render.esc(date.text)}" read as '
            f"{render.esc(date.start)} … {render.esc(date.end)} ({render.esc(date.precision)}); "
            "write YYYY-MM-DD, YYYY-MM or YYYY to correct</span>"
            if date
            else '<span class="cc-help">when: write YYYY-MM-DD, YYYY-MM or YYYY</span>'
        )
        self.context.value = render.context_html(claim, types)
        self.reject_button.disabled = claim.rejected
        self.restore_button.disabled = not claim.rejected
        for button in self.verdict_buttons.values():
            button.disabled = claim.rejected
        for box in self._locals.values():
            box.value = ""

    def _show_reviews(self, earlier: list[Evidence]) -> None:
        """The "Reviewed before" lines; a review in this store gets a button that opens it."""
        rows: list[w.Widget] = []
        for item in earlier:
            line = w.HTML(render.reviewed_before_html(item, self.scale))
            line.add_class("cc-reviewed-html")
            review = item.review
            if review is not None and review.local:
                button = _button(
                    "Open that review",
                    f"show claim {review.claim_id} of article {review.article_id} in this panel",
                    "cc-open-review",
                )
                button.on_click(lambda _b, claim_id=review.claim_id: self._open_review(claim_id))
                rows.append(_row([line, button], "cc-reviewed-row"))
            else:
                rows.append(_row([line], "cc-reviewed-row"))
        self.reviewed_before.children = rows
        self.reviewed_before.layout.display = "" if rows else "none"

    def _open_review(self, claim_id: int) -> None:
        for callback in self.on_open_review:
            callback(claim_id)

    def _quiet_slots(self, claim: StoredClaim) -> None:
        for name, box in self.slot_boxes.items():
            box.value = slot_text(claim.slots[name])
        statement = claim.type in STATEMENT_TYPES or any(
            claim.slots[name] is not None for name, _ in render.STATEMENT_SLOT_LABELS
        )
        self.statement_slots.layout.display = "" if statement else "none"

    def show_none(self, text: str) -> None:
        self.details.layout.display = "none"  # nothing to read or correct
        self.head.value = render.no_claim_html(text)
        self.verdict_line.value = ""
        self.rationale.claim = {"id": None, "text": "", "label": "Rationale", "locked": True}
        self.suggestion.value = self.evidence.value = self.corrections.value = ""
        self._show_reviews([])
        self.context.value = self.date_help.value = ""
        for button in self.verdict_buttons.values():
            button.disabled = True
            button.remove_class("cc-chosen")

    def say(self, text: str, error: bool = False, where: str | None = None) -> None:
        """A message in the core and, for a form's action, beside that form's button."""
        self.message.value = render.message_html(text, error)
        for name, box in self._locals.items():
            box.value = render.message_html(text, error, local=True) if name == where else ""


STATEMENT_TYPES = {"statistic", "comparison", "position", "quote"}


def slot_text(value: Any) -> str:
    """A slot as the text box shows it (a date as YYYY-MM-DD, YYYY-MM or YYYY, 12.0 as 12)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, DateValue):
        if not value.start:
            return ""
        return {"day": value.start, "month": value.start[:7], "year": value.start[:4]}.get(
            value.precision, value.start
        )
    return str(value)
