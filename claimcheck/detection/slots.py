"""The other slots of a claim: counts, rounds, the treaty, the place and the date."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import DateValue, Slots
from . import text_rules as tr
from .clauses import Group
from .dates import MONTHS, WEEKDAYS
from .numbers import find_counts, words_to_int
from .sentences import SentenceContext
from .text_rules import words


def fill_count(regex: re.Pattern | None, text: str, offset: int, anchor: int, slots: Slots) -> None:
    if regex is None:
        return
    counts = find_counts(text, regex, offset)
    if not counts:
        return
    best = min(counts, key=lambda c: abs(c.start - anchor))
    slots.count, slots.count_text, slots.count_qualifier = best.value, best.text, best.qualifier


TREATY_NOUNS = words(
    "treaty pact accord agreement deal convention initiative arrangement it statute protocol"
)


def treaty_of(ctx: SentenceContext, start: int, end: int, claim_type: str) -> str | None:
    """The treaty the claim names; for a withdrawal that says only "the treaty", "the pact" or
    "it", the treaty named last before it in the article."""
    inside = [m for m in ctx.mentions if m.label_ == "TREATY" and m.start >= start and m.end <= end]
    if not inside and claim_type == "treaty_withdrawal":
        inside = [m for m in ctx.mentions if m.label_ == "TREATY"]
    if inside:
        return inside[0].kb_id_
    if claim_type != "treaty_withdrawal" or ctx.document is None:
        return None
    if not any(t.lower_ in TREATY_NOUNS for t in ctx.doc[start:end]):
        return None
    earlier = [m for m in ctx.document.mentions_between(0, ctx.sent.start) if m.label_ == "TREATY"]
    return earlier[-1].kb_id_ if earlier else None


DATE_NAMES = frozenset(MONTHS) | frozenset(WEEKDAYS)


def place_of(text: str, slots: Slots, excluded: set[str]) -> str | None:
    for m in tr.PLACE_RE.finditer(text):
        place = m.group("place")
        words = place.split()
        for i, word in enumerate(words[:-1]):
            if word == "on" and words[i + 1].lower() in DATE_NAMES:
                words = words[:i]  # "in Moscow on Monday": the date is not the place
                break
        while words and words[-1] in ("of", "de", "upon", "on"):
            words.pop()
        if not words or words[0] in tr.NAME_STOPWORDS or re.fullmatch(r"\d+", words[0]):
            continue
        place = " ".join(words)
        if place in (slots.actor, slots.target) or any(place in name for name in excluded):
            continue
        return place
    return None


DEADLINE_WORDS = words("until till by before through")


def _deadline(text: str, mention) -> bool:
    before = text[max(0, mention.start - 8) : mention.start].split()
    first = mention.text.split()[0].lower() if mention.text.split() else ""
    return first in DEADLINE_WORDS or (bool(before) and before[-1].lower() in DEADLINE_WORDS)


def pick_date(
    ctx: SentenceContext,
    anchor: int,
    start: int,
    end: int,
    own_only: bool = False,
    clause_char: int | None = None,
) -> DateValue | None:
    """The date nearest the trigger inside the claim, else (for a main clause) in the sentence,
    else the date heading of a timeline entry the sentence belongs to.

    Inside the claim, a date in the trigger's own clause wins over one before a "that" or a
    clause word: in "X said on Saturday that Y fired on Wednesday", Wednesday is Y's date.
    """
    inside = [d for d in ctx.dates if d.start >= start and d.end <= end]
    if clause_char is not None:
        own_clause = [d for d in inside if d.start >= clause_char]
        inside = own_clause or inside
    pool = inside if (inside or own_only) else ctx.dates
    if not pool:
        return None if own_only else ctx.heading_date
    resolved = [d for d in pool if d.value.resolved]
    pool = resolved or pool
    # the end of a period or a deadline ("until 2030", "must leave by May 21") is the event's date
    # only when the sentence gives no other
    events = [d for d in pool if not _deadline(ctx.text, d)]
    pool = events or pool
    if not inside and ctx.first_trigger_char is not None:
        # a date that opens the sentence ("On Thursday, X did A, B and C") covers every clause
        opening = [d for d in pool if d.end <= ctx.first_trigger_char]
        pool = opening or pool
    best = min(pool, key=lambda d: abs(d.start - anchor))
    return best.value


def bare_count(doc: Doc, group: Group, end: int, slots: Slots) -> None:
    """ "expel 35", "ordered 25 to leave": a number inside or right after the trigger."""

    head = group.head
    inside = [t for t in doc[head.start : head.end] if t.like_num and not _measure(doc, t.i)]
    if inside:
        token = inside[0]
        value = words_to_int(token.text)
        if value is not None and not 1900 <= value <= 2099:
            before = doc[token.i - 1].lower_ if token.i > 0 else ""
            slots.count, slots.count_text = value, token.text
            if before in ("about", "around", "nearly", "almost", "some", "over"):
                slots.count_qualifier = before
        return
    i = head.end
    if i < end and doc[i].lower_ in ("another", "some", "about", "around", "nearly"):
        i += 1
    if i < end and doc[i].like_num:
        value = words_to_int(doc[i].text)
        following = doc[i + 1] if i + 1 < len(doc) else None
        if value is None or (1900 <= value <= 2099) or _measure(doc, i):
            return
        if following is None or following.is_punct or following.lower_ in BARE_COUNT_FOLLOWERS:
            slots.count, slots.count_text = value, doc[i].text


BARE_COUNT_FOLLOWERS = words("to more others of as and in on after over from by while but")
UNIT_WORDS = words(
    "years year months month days day weeks week hours hour minutes percent per % points "
    "million billion trillion dollars euros roubles rubles pounds tonnes tons km kilometres "
    "kilometers miles metres meters times - a.m. p.m. am pm gmt bcm barrels"
)
MONTH_WORDS = words(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. "
    "nov nov. dec dec."
)


def _measure(doc: Doc, i: int) -> bool:
    """A number that measures time, money or distance, or is a day of a month: not a count."""
    after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    before = doc[i - 1].lower_ if i > 0 else ""
    return after in UNIT_WORDS or before in MONTH_WORDS or before in ("$", "€", "£")
