"""The status of a claim: done, announced, cancelled, suspended."""

from __future__ import annotations

from spacy.tokens import Doc

from . import text_rules as tr
from .clauses import Group


def status_of(group: Group, text: str) -> str:
    explicit = next((t.status for t in group.triggers if t.status), None)
    if explicit:
        return explicit
    if tr.CANCEL_WORDS.search(text):
        return "cancelled"
    if group.type == "treaty_withdrawal" and tr.SUSPEND_WORDS.search(text):
        return "suspended"
    if tr.ANNOUNCED_STATUS.search(text):
        return "announced"
    return "completed"


def announce_before(doc: Doc, sent_start: int, start: int) -> bool:
    return any(t.lower_ in tr.ANNOUNCE_VERBS for t in doc[sent_start:start])
