"""Check-worthiness: a score from 0 to 1 with the cues that explain it.

Cues for (an event verb, an actor, a number, a date, a named party, a headline) and against
(hedges, predictions, opinions, questions, page furniture, generic or background mentions,
the grounds a party gave for what it did); how
much each counts comes from weights fitted on annotated articles (``weights.py``).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import Slots
from . import text_rules as tr
from .clauses import SAYING_CIRCUMSTANCE, Group, clause_end
from .sentences import SentenceContext
from .status import announce_before, denied_role
from .text_rules import words
from .weights import Weights, candidate_features, load_weights


def score(
    ctx: SentenceContext,
    group: Group,
    slots: Slots,
    text: str,
    start: int,
    end: int,
    weights: Weights | None = None,
) -> tuple[list[str], float]:
    """The claim's cues and its check-worthiness: the probability, under the fitted weights
    (``data/claim_weights.json``), that a person marking claims would mark this one."""
    weights = weights or load_weights()
    doc = ctx.doc
    cues: list[str] = []
    cues.append("event" if group.verbal else "event_noun")
    if slots.actor and not ctx.inherited_actor:  # an actor the claim's own words name
        cues.append("actor")
    if (
        slots.count is not None
        or slots.value is not None
        or slots.round is not None
        or slots.count_text
        or slots.round_text
        or PERCENT.search(text)
    ):
        cues.append("number")
    if slots.date:
        cues.append("date")
    if (slots.target and not ctx.inherited_target) or slots.place or slots.treaty:
        cues.append("named")
    if slots.attribution:
        cues.append("attribution")
    start_of = group.triggers[0].start
    # "Russia denies any part in the poisoning": who did it, denied; a claim of its own
    role_denied = denied_role([t.lower_ for t in doc[max(0, start_of - 7) : start_of]])
    if not group.verbal and (role_denied or has_specifier(doc, group, ctx.sent.end)):
        cues.append("specific")
    if ctx.headline:
        cues.append("headline")

    scope_end = clause_end(doc, group.head.end, end)
    words = [t.lower_ for t in doc[start:scope_end]]
    orths = [t.text for t in doc[start:scope_end]]
    text = ctx.text[doc[start].idx : doc[scope_end - 1].idx + len(doc[scope_end - 1].text)]
    sent_text = ctx.text[ctx.sent.start_char : ctx.sent.end_char].strip().rstrip("\"'”’)")
    penalties = []
    hedge = any(
        w in tr.HEDGE_WORDS
        and not (
            group.verbal
            and slots.status == "completed"
            and aside_condition(words, i, group.head.end - start)
        )
        for i, w in enumerate(words)
        if w != "may"
    ) or any(o == "may" for o in orths)
    if hedge or tr.HEDGE_PHRASES.search(text):
        penalties.append("hedge")
    future_at = [i for i, w in enumerate(words) if w in tr.FUTURE_WORDS]
    if future_at:
        announced = any(w in tr.ANNOUNCE_VERBS for w in words[: future_at[0]]) or announce_before(
            doc, ctx.sent.start, start
        )
        # a government's plain future ("Norway will expel 15 officials") is an announcement;
        # a commentator's or an unnamed one is a prediction
        by_party = (
            slots.status in ("announced", "not_done", "suspended", "cancelled")
            and (slots.actor or slots.attribution)
            and not any(w in COMMENTATORS for w in (slots.actor or "").lower().split())
        )
        if not (announced or by_party or measure_in_passive(doc, group, slots, start)):
            penalties.append("future")
    if (
        any(w in tr.OPINION_WORDS for w in words)
        or tr.OPINION_PHRASES.search(text)
        or (not group.verbal and any(w in tr.EVALUATIVE_WORDS for w in words))
    ):
        penalties.append("opinion")
    if sent_text.endswith("?") or INDIRECT_QUESTION.search(
        ctx.text[ctx.sent.start_char : doc[group.head.start].idx]
    ):
        penalties.append("question")
    if ctx.boilerplate:
        penalties.append("boilerplate")
    if (
        not group.verbal
        and not role_denied
        and (
            generic_mention(doc, group, slots)
            or (
                not ctx.headline
                and "specific" not in cues
                and not (slots.date or slots.count or slots.round)
                and background_reference(doc, group, ctx.sent.start)
            )
        )
    ) or (
        any(quantified_relative(doc, ctx.sent.start, t.start) for t in group.triggers)
        or (
            group.type == "treaty_withdrawal"
            and until_it_ends(doc, ctx.sent.start, group.head.start)
        )
        # the trigger is inside "Speaking at a government meeting on Monday," (trim has moved
        # a claim after it past the comma): where someone spoke, not news
        or doc[start].lower_ in SAYING_CIRCUMSTANCE
    ):
        penalties.append("generic")  # once: a penalty counted twice would halve the score again
    if given_as_reason(doc, ctx.sent.start, start_of):
        penalties.append("reason")
    cues.extend(penalties)
    features = candidate_features(cues, group.type, slots.status)
    return cues, round(weights.score(features), 3)


def aside_condition(words: list[str], i: int, head_end: int) -> bool:
    """An "if" after a completed event and a comma qualifies a detail, not the event: "Labour
    won 411 seats, 412 if you count the Speaker"."""
    return words[i] in ("if", "whether") and i > head_end and "," in words[head_end:i]


# a question asked without a question mark: a parliamentary written question ("To ask the
# Secretary of State how many diplomats have been expelled"), or one reported before the event
# ("asked whether Moscow had expelled", "wondered how many were sent home")
INDIRECT_QUESTION = re.compile(
    r"(?i)^\W*to ask\b|\b(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering)\b"
    r"[^.;:]{0,80}?\b(?:how many|how much|whether|if|why|when|what|which)\b"
)


def until_it_ends(doc: Doc, sent_start: int, head: int) -> bool:
    """ "keep to the limits until it expires", "unless the treaty lapses": a treaty's end named
    as the time something lasts until, not told as news."""
    word = doc[head].lower_
    if not word.endswith("s") or word.endswith("ed"):
        return False  # "until it expired in 2021" tells that it did
    for i in range(head - 1, max(sent_start, head - 4) - 1, -1):
        if doc[i].lower_ in ("until", "unless", "till"):
            return True
        if doc[i].is_punct:
            return False
    return False


# measures a government takes; violence and votes in the future tense stay predictions
MEASURE_TYPES = frozenset({"expulsion", "sanctions", "policy", "treaty_withdrawal", "legal"})


def measure_in_passive(doc: Doc, group: Group, slots: Slots, start: int) -> bool:
    """A measure told in the passive future with no one to predict it ("Aeroflot will be banned
    from landing", "banks will be cut off from SWIFT"): the wording of an announced decision,
    not a forecast, unless a commentator says it."""
    head = group.head.start
    if group.type not in MEASURE_TYPES or head - start < 2 or slots.status != "announced":
        return False
    if any(w in COMMENTATORS for w in (slots.attribution or "").lower().split()):
        return False
    return doc[head - 1].lower_ == "be" and doc[head - 2].lower_ in ("will", "shall", "'ll")


# verbs of a participial adjunct that gives the grounds of the main event: "Washington quit the
# treaty, accusing Moscow of deploying a banned missile"
REASON_VERBS = words("accusing alleging blaming")


def given_as_reason(doc: Doc, sent_start: int, trigger_start: int) -> bool:
    """The event is inside ", accusing X of ..." after another clause: the grounds a party gave
    for what it did, told as its charge, not a report of an event (that is the main clause's)."""
    seen_of = False
    for i in range(trigger_start - 1, sent_start, -1):
        word = doc[i].lower_
        if word in ("of", "for"):
            seen_of = True
        elif word in (",", ";", ":", "—", "–") or doc[i].is_quote:
            return False
        elif word in REASON_VERBS:
            return seen_of and doc[i - 1].lower_ == ","
    return False


def quantified_relative(doc: Doc, sent_start: int, trigger_start: int) -> bool:
    """An event verb in a relative clause on "every"/"any" ("every country that expelled its
    staff", "any state which imposes sanctions"): a rule about a kind of party, not an event."""
    i = trigger_start - 1
    while i > sent_start and doc[i].lower_ in ("has", "have", "had", "already", "also", "now"):
        i -= 1
    if i <= sent_start or doc[i].lower_ not in ("that", "which", "who"):
        return False
    return any(doc[j].lower_ in ("every", "any", "each") for j in range(max(sent_start, i - 4), i))


COMMENTATORS = words(
    "analysts analyst experts expert observers observer commentators commentator critics "
    "economists economist markets investors traders pundits forecasters"
)


# words before an event noun that refer to it as background, not report it
REFERENCE_WORDS = words(
    "citing cited despite amid because due years decades wake evade evading evasion circumvent "
    "circumventing breach breaching violating violation avoid avoiding against weathered "
    "withstand survive surviving impact effect effects cost costs hit-by"
)


def background_reference(doc: Doc, group: Group, sent_start: int) -> bool:
    """An event noun inside a prepositional phrase with nothing of its own: "over the 2016
    election", "after the summit", "since the invasion" — background, not a report."""
    trig = group.triggers[0]
    i = trig.start - 1
    steps = 0
    while i >= sent_start and steps < 4:
        word = doc[i].lower_
        if word in tr.PREPOSITIONS or word in ("since", "amid"):
            return True
        if not (
            word in tr.DETERMINERS
            or doc[i].like_num
            or doc[i].is_title
            or word in BACKGROUND_MODIFIERS
        ):
            return False
        i -= 1
        steps += 1
    return False


BACKGROUND_MODIFIERS = words(
    "presidential parliamentary general local regional snap last previous earlier recent "
    "disputed contested first second 's ’s - us u.s. russian american european"
)


def generic_mention(doc: Doc, group: Group, slots: Slots) -> bool:
    """ "under attack", "the sanctions" with nothing specific: a reference, not a new claim."""
    trig = group.triggers[0]
    window = {t.lower_ for t in doc[max(0, trig.start - 5) : trig.start]}
    if window & REFERENCE_WORDS and not (slots.date or slots.count or slots.round):
        return True  # "citing Western sanctions", "years of sanctions", "despite the embargo"
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
    first = group.triggers[0]
    if first.start > 0:
        before = doc[first.start - 1]
        # a named event: "the Bucha killings", "the Salisbury poisoning", "Crocus attack"
        if before.is_title and not before.is_sent_start and before.lower_ not in DATE_LIKE:
            return True
    trig = group.triggers[-1]
    end = min(trig.end + 4, sent_end)
    if trig.end < end and doc[trig.end].lower_ in ("of", "on", "against", "at", "in", "near"):
        return any(
            t.is_title or t.like_num or t.lower_ in SPECIFIC_NOUNS for t in doc[trig.end + 1 : end]
        )
    return False


PERCENT = re.compile(r"\d(?:[.,]\d+)?\s?(?:%|per ?cent|percent)")
DATE_LIKE = words(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday the a an"
)
SPECIFIC_NOUNS = words(
    "civilians people spy agent dissident journalist opponent critic passengers soldiers "
    "troops town city village embassy consulate plant depot base pipeline hospital"
)
