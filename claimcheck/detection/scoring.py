"""Check-worthiness: a score from 0 to 1 with the cues that explain it.

Cues that add (an event verb, an actor, a number, a date, a named party) and penalties that
multiply (hedges, predictions, opinions, questions, page furniture, generic mentions).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import Slots
from . import text_rules as tr
from .clauses import Group, clause_end
from .sentences import SentenceContext
from .status import announce_before
from .text_rules import words


def score(
    ctx: SentenceContext, group: Group, slots: Slots, text: str, start: int, end: int
) -> tuple[list[str], float]:
    doc = ctx.doc
    cues: list[str] = []
    score = 0.45 if group.verbal else 0.3
    cues.append("event" if group.verbal else "event_noun")
    if slots.actor:
        score += 0.15
        cues.append("actor")
    if slots.count is not None or slots.round is not None or slots.count_text or slots.round_text:
        score += 0.1
        cues.append("number")
    if slots.date:
        score += 0.15
        cues.append("date")
    if slots.target or slots.place or slots.treaty:
        score += 0.1
        cues.append("named")
    if slots.attribution:
        score += 0.05
        cues.append("attribution")
    if not group.verbal and has_specifier(doc, group, ctx.sent.end):
        score += 0.1
        cues.append("specific")
    if ctx.headline:
        score += 0.1
        cues.append("headline")
    score = min(score, 1.0)

    scope_end = clause_end(doc, group.head.end, end)
    words = [t.lower_ for t in doc[start:scope_end]]
    orths = [t.text for t in doc[start:scope_end]]
    text = ctx.text[doc[start].idx : doc[scope_end - 1].idx + len(doc[scope_end - 1].text)]
    sent_text = ctx.text[ctx.sent.start_char : ctx.sent.end_char].strip().rstrip("\"'”’)")
    penalties = []
    hedge = any(w in tr.HEDGE_WORDS for w in words if w != "may") or any(o == "may" for o in orths)
    if hedge or tr.HEDGE_PHRASES.search(text):
        penalties.append("hedge")
    future_at = [i for i, w in enumerate(words) if w in tr.FUTURE_WORDS]
    if future_at:
        announced = any(w in tr.ANNOUNCE_VERBS for w in words[: future_at[0]]) or announce_before(
            doc, ctx.sent.start, start
        )
        if not announced:
            penalties.append("future")
    if (
        any(w in tr.OPINION_WORDS for w in words)
        or tr.OPINION_PHRASES.search(text)
        or (not group.verbal and any(w in tr.EVALUATIVE_WORDS for w in words))
    ):
        penalties.append("opinion")
    if sent_text.endswith("?"):
        penalties.append("question")
    if ctx.boilerplate:
        penalties.append("boilerplate")
    if not group.verbal and generic_mention(doc, group, slots):
        penalties.append("generic")
    for penalty in penalties:
        cues.append(penalty)
        score *= 0.0 if penalty == "boilerplate" else 0.3
    return cues, round(score, 3)


def in_ranges(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in ranges)


def boilerplate_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of page furniture: navigation, share and copyright lines, related links."""
    ranges = [(m.start(), m.end()) for m in tr.BOILERPLATE_LINE.finditer(text)]
    ranges += [(m.start(), m.end()) for m in tr.NAV_LINE.finditer(text)]
    for header in tr.RELATED_HEADER.finditer(text):
        pos = header.end()
        # headline links after a "Related" header, until a blank line or a full sentence
        for line in re.finditer(r"[^\n]*\n?", text[pos : pos + 2000]):
            content = line.group().strip()
            if not content:
                if line.start() > 1:
                    break
                continue
            if content.endswith((".", "!", "?")) and len(content.split()) > 20:
                break
            ranges.append((pos + line.start(), pos + line.end()))
    return ranges


def generic_mention(doc: Doc, group: Group, slots: Slots) -> bool:
    """ "under attack", "the sanctions" with nothing specific: a reference, not a new claim."""
    trig = group.triggers[0]
    before = doc[trig.start - 1].lower_ if trig.start > 0 else ""
    if before in ("under", "any", "all", "more", "further", "new"):
        return not (slots.date or slots.count or slots.round)
    specific = slots.date or slots.count is not None or slots.round is not None
    after = doc[trig.end].lower_ if trig.end < len(doc) else ""
    if before in ("the", "these", "those", "such") and not specific:
        return after not in tr.NP_RIGHT_PREPOSITIONS
    return False


def has_specifier(doc: Doc, group: Group, sent_end: int) -> bool:
    """An event noun that says whose or where: "killings of civilians", "attack on a spy"."""
    trig = group.triggers[-1]
    end = min(trig.end + 4, sent_end)
    if trig.end < end and doc[trig.end].lower_ in ("of", "on", "against", "at", "in", "near"):
        return any(
            t.is_title or t.like_num or t.lower_ in SPECIFIC_NOUNS for t in doc[trig.end + 1 : end]
        )
    return False


SPECIFIC_NOUNS = words(
    "civilians people spy agent dissident journalist opponent critic passengers soldiers "
    "troops town city village embassy consulate plant depot base pipeline hospital"
)
