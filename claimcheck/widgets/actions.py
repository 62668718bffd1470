"""What a reviewer does in the panel: verdicts, rationales, skips, undo, corrections, evidence,
claims added or rejected, and a trainee's submission.

Each action writes to the store through the Workbench's public methods, then redraws what it
changed and says what happened next to the control that caused it. ``ReviewPanel`` (in
:mod:`.panel`) mixes these in; it holds the drawing, the moving between claims and the events.
"""

from __future__ import annotations

from typing import Any

from ..errors import ClaimcheckError
from ..model import Verdict
from ..store import StoredClaim
from . import render
from .card import slot_text


class ReviewActions:
    """Mixed into ``ReviewPanel``: uses its store (``wb``), its state (``_reviews``,
    ``_numbers``, ``selected``) and its drawing methods."""

    # -- verdicts and rationales ----------------------------------------------------------------

    def set_verdict(
        self, label: str, rationale: str | None = None, advance: bool = False
    ) -> Verdict | None:
        """Save a verdict on the selected claim with its rationale; stay on the claim unless
        ``advance`` (then go to the next claim without a verdict).

        The same verdict again (a key pressed twice at the end of the list) saves nothing."""
        claim = self._need_claim()
        if claim.rejected:
            raise ClaimcheckError("this detection was rejected: restore it before giving a verdict")
        review = self._reviews.get(claim.id)
        text = rationale if rationale is not None else (review.rationale if review else "")
        name = self.scale.get(label).label if self.scale.get(label) else label
        number = self._numbers.get(claim.id, "")
        same = review and (review.label, review.rationale, review.status) == (label, text, "done")
        if same:
            said = f"Claim {number} is already {name}: nothing changed."
            verdict = review
        else:
            verdict = self.wb.set_verdict(claim.id, label, text, reviewer=self.reviewer)
            self._after_review(claim, verdict)
            said = f"Saved {name} for claim {number} “{render.short(claim.text)}”."
            for callback in self.on_verdict:
                callback(claim, verdict)
        following = self._first_open(after=claim.id) if advance else None
        if advance and following is None:
            said += " " + self._all_done_text()
        self.show_message(said)
        if following is not None:
            self.select(following)
        return verdict

    def verdict_and_next(self, label: str) -> Verdict | None:
        """Save a verdict, then go to the next claim without one."""
        return self.set_verdict(label, advance=True)

    def set_rationale(self, text: str) -> Verdict:
        """Save the rationale of the selected claim (the verdict stays as it is)."""
        return self.save_rationale(self._need_claim().id, text)

    def save_rationale(self, claim_id: int, text: str) -> Verdict:
        """Save a rationale on the claim it was written for, whichever claim is shown now."""
        if claim_id not in {c.id for c in self._all_claims}:
            raise ClaimcheckError(
                f"claim {claim_id} is not in this article: the rationale was not saved"
            )
        review = self._reviews.get(claim_id)
        if review is not None and review.rationale == text:
            return review
        verdict = self.wb.set_rationale(claim_id, text, reviewer=self.reviewer)
        self._reviews[claim_id] = verdict
        self._draw_state()
        if claim_id == self.selected:
            self._draw_card()  # the box has lost the focus: nothing being typed is overwritten
        self.show_message(f"Rationale saved for claim {self._numbers.get(claim_id, '')}.")
        return verdict

    def skip(self) -> StoredClaim | None:
        """Mark the selected claim skipped (it keeps any verdict) and go to the next open one."""
        claim = self._need_claim()
        verdict = self.wb.set_status(claim.id, "skipped", reviewer=self.reviewer)
        self._after_review(claim, verdict)
        self.show_message(f"Skipped claim {self._numbers.get(claim.id, '')}.")
        following = self._first_open(after=claim.id)
        return self.select(following) if following is not None else self.current

    def _after_review(self, claim: StoredClaim, verdict: Verdict) -> None:
        self._reviews[claim.id] = verdict
        self._draw_state()
        if claim.id == self.selected:
            self._draw_card()

    def undo(self) -> None:
        """Take back this reviewer's latest change in this article (also after a restart)."""
        change = self.wb.undo(reviewer=self.reviewer, article_id=self.article_id)
        if change is None:
            self.show_message("Nothing to undo.")
            return
        self.refresh()
        text = ""
        if change.claim_id is not None and any(c.id == change.claim_id for c in self._all_claims):
            self.select(change.claim_id)
            text = self.current.text if self.current else ""
        self.show_message(f"Undone: {render.describe_change(change, self.scale, text)}.")

    # -- corrections, evidence, claims added or rejected ----------------------------------------

    def correct(self, **slots: Any) -> StoredClaim:
        """Correct slots of the selected claim: ``panel.correct(count=25, date="2018-03-26")``.

        The signals and the suggested verdict are worked out again from the corrected slots."""
        claim = self._need_claim()
        if not slots:
            self.show_message("Nothing to correct: change a slot first.", where="slots")
            return claim
        updated = self.wb.correct_slots(claim.id, reviewer=self.reviewer, **slots)
        self.refresh()
        suggestion = updated.suggestion
        label = self.scale.get(suggestion.verdict) if suggestion else None
        now = f"; suggested verdict now {label.label}" if label and self.revealed else ""
        words = ", ".join(render.SLOT_WORDS.get(k, k) for k in slots)
        self.show_message(f"Corrected {words}; signals worked out again{now}.", where="slots")
        return updated

    def _save_slots(self) -> StoredClaim:
        claim = self._need_claim()
        changes = {
            name: box.value
            for name, box in self.card.slot_boxes.items()
            if box.value.strip() != slot_text(claim.slots[name])
        }
        return self.correct(**changes)

    def add_evidence(self, url: str | None = None, note: str = "", date: str | None = None) -> None:
        """Add evidence found by hand to the selected claim: a URL, a note, its date."""
        claim = self._need_claim()
        self.wb.add_evidence(claim.id, url=url, note=note, date=date, reviewer=self.reviewer)
        self.refresh()
        count = len(self.current.evidence or []) if self.current else 0
        self.show_message(f"Evidence added: item {count} of the evidence list.", where="evidence")

    def _add_evidence_from_boxes(self) -> None:
        card = self.card
        self.add_evidence(
            card.evidence_url.value, card.evidence_note.value, card.evidence_date.value
        )
        card.evidence_url.value = card.evidence_note.value = card.evidence_date.value = ""

    def add_claim(self, start: int, end: int, claim_type: str) -> StoredClaim:
        """Add a claim the detector missed, by character offsets; it is selected."""
        claim = self.wb.add_claim(self.article_id, start, end, claim_type, reviewer=self.reviewer)
        self.refresh()
        self.select(claim.id)
        self.show_message(
            f"Added claim {self._numbers.get(claim.id, '')} ({render.type_label(claim_type)}): "
            "its slots and evidence are in the card.",
            where="add",
        )
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
        number = self._numbers.get(claim.id, "")
        self.wb.reject_claim(claim.id, reason, reviewer=self.reviewer)
        following = self._first_open(after=claim.id)
        self.refresh()
        self.select(following if following != claim.id else None)
        self.show_message(
            f"Rejected claim {number} as a false detection (undo brings it back).", where="reject"
        )

    def restore(self) -> None:
        claim = self._need_claim()
        self.wb.restore_claim(claim.id, reviewer=self.reviewer)
        self.refresh()
        self.show_message(f"Restored “{render.short(claim.text)}”.", where="reject")

    # -- a trainee's submission ------------------------------------------------------------------

    def submit(self) -> Any:
        """Hand in a trainee's answers (asks once more while claims are not answered)."""
        if self.on_submit is None:
            raise ClaimcheckError(
                "this panel is not part of a workshop exercise: nothing to submit"
            )
        if self._settings.get("revealed_at"):
            raise ClaimcheckError("the key has been revealed: submissions are closed")
        missing = sum(p.total - p.done for p in self._progress_everywhere())
        if missing and not self._confirm_submit:
            self._confirm_submit = True
            self.show_message(
                f"{missing} claim(s) are not answered yet: click Submit answers again to hand in "
                "as it is."
            )
            return None
        self._confirm_submit = False
        result = self.on_submit()
        self.refresh()
        self.show_message(f"Submitted: {result}. Hand this file to your instructor.")
        return result
