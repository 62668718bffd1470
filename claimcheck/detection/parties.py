"""Who acts and who is acted upon: the actor, target and attribution slots."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import Slots
from . import text_rules as tr
from .actors import country_of, is_demonym, is_place, state_of
from .clauses import Group
from .mentions import REGIONS
from .sentences import SentenceContext
from .text_rules import words
from .triggers import Trigger

Party = tuple[int, int, str, str]  # start token, end token, text, kind (name, pronoun, generic)

PRONOUN_SUBJECTS = words("it they he she")
# an unnamed institution acting for a state: "the foreign ministry said it was expelling ..."
GENERIC_SUBJECT = re.compile(
    r"(?i)\b(?:the\s+)?(?:(?:foreign|defence|defense|interior|justice|finance|economy|trade|"
    r"security)\s+)?(?:ministry|government|cabinet|authorities|presidency|administration|"
    r"prosecutor'?s?(?:\s+office)?|prosecutors|regime|leadership|junta|court|courts|judge|police|"
    r"investigators|security\s+service|border\s+guards?|parliament|lawmakers|legislature|"
    r"central\s+bank|army|military|navy|armed\s+forces|defence\s+ministry|defense\s+ministry)\b"
)
IRREGULAR_PARTICIPLES = words(
    "given made told sent put cut shut hit struck held met set thrown kept brought seen taken "
    "left dealt broken frozen chosen driven beaten caught won lost sworn forbidden withdrawn "
    "overthrown shot slain"
)
# prepositions after which a name is a place or a circumstance, not the other party
TARGET_SKIP_PREPOSITIONS = words("by in at near during over for since after before until with")
UNDERGOER_SKIP_PREPOSITIONS = words("in at near from to into by during over with")


def fill_actors(
    ctx: SentenceContext,
    group: Group,
    start: int,
    end: int,
    slots: Slots,
    roles: str = "agent",
    undergoer_subject: bool = False,
    count_nouns: frozenset[str] = frozenset(),
) -> None:
    """Actor and target of one claim, from the parties its clause names.

    ``roles`` is the claim type's rule: ``agent`` (who does it to whom), ``actor`` (who does it;
    no other side: treaty withdrawals), ``all`` (everyone named takes part: summits), ``state``
    (the country where it happens: elections).
    ``undergoer_subject`` says the trigger's subject undergoes the event ("diplomats leave
    Berlin": the diplomats are the target, the country they leave the actor).
    """
    doc = ctx.doc
    head = group.head
    sent = ctx.sent
    # what this claim carries over from earlier sentences; set below where it does (the flags
    # live on the sentence, so one claim's must not reach the next claim of the sentence)
    ctx.inherited_actor = ctx.inherited_target = False
    if roles == "none":
        return
    if ctx.parties is None:  # the same for every claim of the sentence: found once
        ctx.parties = _story_parties(ctx)
    found = list(ctx.parties)
    if roles == "state":
        names = [p for p in found if p[3] == "name" and start <= p[0] < end]
        if group.verbal:
            names = names or [p for p in found if p[3] == "name"]
        # where the vote is held: a state named, or one a candidate or leader acts for; not a
        # bloc or a party ("the governing Social Democrats came first", "EU membership")
        states = [p for p in names if state_of(p[2])]
        document = ctx.document
        if states:
            slots.actor = states[0][2]
        elif document and document.election_state:
            slots.actor = document.election_state  # the vote the story is about
            ctx.inherited_actor = True
        else:
            fallback = document.dateline_party if document and group.verbal else None
            slots.actor = names[0][2] if names else fallback
        held_in = state_of(slots.actor) if document and slots.actor else None
        if held_in:
            document.election_state = held_in
        slots.target = None
        return
    in_clause = [p for p in found if start <= p[0] and p[1] <= end]
    split = _complement_verb(doc, head, start)
    before = [p for p in in_clause if p[1] <= split]
    # a trigger can hold its object: "sending 15 Russian embassy staff home"
    after = [p for p in in_clause if p[0] > split]
    if not before and group.verbal:
        # "Moscow answered ... and ordered the British Council to close": the clause shares
        # the sentence's subject, its first party that no preposition governs
        subjects = [
            p
            for p in found
            if p[1] <= start and not _after_word(doc, p[0], sent.start, tr.PREPOSITIONS)
        ]
        before = subjects[:1]
    passive = group.verbal and is_passive(doc, head, start)
    by_party = next((p for p in after if _word_before(doc, p[0], start) == "by"), None)
    dep_actor, dep_target = _from_parse(doc, head, start, end) if ctx.parsed else (None, None)
    if roles == "all":
        forums = _forum_names(ctx, group)
        left = _subject(ctx, [p for p in before if p[:2] not in forums], start)
        names = [left] if left else []
        names += [
            p[2]
            for p in after
            if p[3] != "pronoun"  # "... only to reinstate it": a pronoun after is no party
            and p[:2] not in forums
            # "a summit with Kim", "met with Putin": who it is held with takes part
            and not _after_word(doc, p[0], start, TARGET_SKIP_PREPOSITIONS - {"with"})
        ]
        names = list(dict.fromkeys(n for n in names if n))
        slots.actor = " and ".join(names) if names else dep_actor
        slots.target = None
        return
    undergoer = passive or undergoer_subject
    if undergoer:
        subject = [
            p for p in before if not _after_word(doc, p[0], start, UNDERGOER_SKIP_PREPOSITIONS)
        ]
        counted = _demonym_of_counted(doc, subject, count_nouns, None) if count_nouns else None
        slots.target = counted or (subject[-1][2] if subject else dep_target)
        named_subject = [p for p in subject if p[3] == "name"]
        if group.type == "legal" and not counted and named_subject:
            # "Bratislav Dikic, a former commander of Serbia's gendarmerie, received eight
            # years", "Mandic and Knezevic, leaders of the Democratic Front, were sentenced":
            # the defendants open the subject; what follows describes them
            slots.target = _with_coordinated(doc, named_subject[0], named_subject)
        # "the 18 Russian staff Prague expelled ... left": the other name is who expelled them
        others = [p for p in subject if p[3] == "name" and p[2] != slots.target]
        if counted and others and not by_party:
            by_party = others[-1]
        slots.actor = by_party[2] if by_party else dep_actor
        if slots.actor is None:
            slots.actor = _place_left(doc, after)
        if slots.actor is None:
            # "Italy's foreign ministry says two diplomats will be expelled", "Germany: four
            # diplomats have been told to leave": who reports it is who does it
            slots.actor = _sayer(ctx, found, head.start, subject[-1] if subject else None)
    else:
        slots.actor = _subject(ctx, before, start) or dep_actor
        objects = [
            p
            for p in after
            if p[3] == "name"
            and (
                not _after_word(doc, p[0], start, TARGET_SKIP_PREPOSITIONS)
                or _ties_with(doc, p[0], start)
            )
            # "..., President Emmanuel Macron said": who says it is not acted upon
            and not (p[1] < len(doc) and doc[p[1]].lower_ in SAY_AFTER_NAME)
        ]
        if objects and group.type == "legal":
            objects = _defendant_first(doc, objects, after)
        slots.target = _with_coordinated(doc, objects[0], after) if objects else dep_target
        if slots.actor is None and by_party:
            slots.actor = by_party[2]
        if group.type in DESTINATION_TYPES:
            target_state = state_of(slots.target) if slots.target else None
            if target_state is None:
                # "deploy tactical nuclear weapons in Belarus", "a frigate to the Baltic Sea and
                # F-16s to Lithuania", "struck a camp at Balakot in Pakistan": where forces go
                # or strike is the state they act on
                slots.target = _destination(doc, after, start, slots.actor) or slots.target
                target_state = state_of(slots.target) if slots.target else None
            if target_state and slots.actor and target_state == state_of(slots.actor):
                slots.target = None  # "Russia moved troops back to Moscow": its own ground
    if (not group.verbal or head.kind == "noun") and not undergoer:
        owner = _possessor(doc, head.start, found)
        if owner is not None:  # "Russia's invasion of Ukraine": whose event it is
            if slots.target == owner[2]:
                slots.target = None
            slots.actor = owner[2]
    if (
        slots.actor is None
        and group.verbal
        and roles in ("agent", "actor")
        and ctx.document is not None
    ):
        slots.actor = _dateline_actor(ctx, start, head.start, group.type)
    if roles == "actor":
        slots.target = None
    if slots.target is None and count_nouns:
        slots.target = _demonym_of_counted(doc, in_clause, count_nouns, slots.actor)
    if slots.target == slots.actor:
        slots.target = None
    if group.type == "legal":
        _legal_parties(doc, slots, after)
    if slots.actor and is_place(slots.actor):
        # a city does not act: "the Salisbury poisoning" names where; "a court in
        # Yekaterinburg" acts for the state the city is in
        slots.actor = state_of(slots.actor) if group.type == "legal" else None
    _story_target(ctx, group, slots, roles)


# types whose target may be given as where they happen: forces sent or striking somewhere
DESTINATION_TYPES = frozenset({"military", "attack"})
DESTINATION_PREPOSITIONS = words("to in into near towards toward at on over against inside")


def _destination(doc: Doc, after: list[Party], floor: int, actor: str | None) -> str | None:
    """The first state named after a preposition of place that is not the actor's own."""
    own = state_of(actor) if actor else None
    for p in after:
        if p[3] != "name" or not _after_word(doc, p[0], floor, DESTINATION_PREPOSITIONS):
            continue
        state = state_of(p[2])
        if state and state != own:
            return p[2]
    return None


def _legal_parties(doc: Doc, slots: Slots, after: list[Party]) -> None:
    """Courts, police and prosecutors act; people are tried. A person read as the actor of a
    legal claim with no defendant is the defendant ("Paul Whelan, a former Marine sentenced in
    2020 to 16 years"), and a state the claim says it happens in acts for its courts ("two
    Americans jailed in Russia", "a life sentence in Germany")."""
    if (
        slots.target is None
        and slots.actor
        and not state_of(slots.actor)
        and tr.PERSON_RE.fullmatch(slots.actor)
    ):
        slots.target, slots.actor = slots.actor, None
    if slots.actor is None or is_demonym(slots.actor):
        for p in after:
            if p[3] == "name" and p[0] > 0 and doc[p[0] - 1].lower_ == "in" and state_of(p[2]):
                slots.actor = p[2]
                break


# types whose target a story keeps from claim to claim: a round of expulsions or sanctions
# names its target once and then goes on with "Denmark is also expelling two"
STORY_TARGET_TYPES = frozenset({"expulsion", "sanctions"})


def _story_target(ctx: SentenceContext, group: Group, slots: Slots, roles: str) -> None:
    document = ctx.document
    if document is None or roles != "agent" or group.type not in STORY_TARGET_TYPES:
        return
    if slots.target:
        document.last_target[group.type] = slots.target
    elif group.type in document.last_target:
        target = document.last_target[group.type]
        if target != slots.actor:
            slots.target = target
            ctx.inherited_target = True


ROLE_NOUNS = words(
    "reporter reporters journalist journalists correspondent correspondents citizen citizens "
    "national nationals activist activists businessman businesswoman tycoon oligarch blogger "
    "editor editors photographer lawyer researcher scientist student officer official diplomat "
    "opposition leader politician dissident critic ex-marine veteran executive employee worker "
    "director chief founder co-founder spokesman spokeswoman analyst"
)


def _defendant_first(doc: Doc, objects: list[Party], after: list[Party]) -> list[Party]:
    """In a legal claim the defendant is the person: "convicted Wall Street Journal reporter Evan
    Gershkovich", "sentenced US reporter Gershkovich" name the person after the outlet or the
    country and a role; the outlet or country is no defendant."""
    first = objects[0]
    for p in after:
        if p[0] < first[1] or p[3] != "name":
            continue
        between = list(doc[first[1] : p[0]])
        if between and all(
            t.lower_ in ROLE_NOUNS or t.lower_ in ("former", "a", "the") for t in between
        ):
            return [p, *[o for o in objects if o is not first and o is not p]]
        break
    return objects


SAY_AFTER_NAME = words("said says told tells added adds announced announces stated wrote")


def _possessor(doc: Doc, noun: int, parties: list[Party]) -> Party | None:
    """The party whose event noun it is: "Russia's invasion", "Moscow's full-scale invasion"."""
    i = noun - 1
    steps = 0
    while i > 0 and steps < 4 and (doc[i].text == "-" or (doc[i].is_alpha and doc[i].is_lower)):
        i -= 1
        steps += 1
    if i <= 0 or doc[i].lower_ not in ("'s", "’s", "'"):
        return None
    return next((p for p in parties if p[1] == i and p[3] == "name"), None)


HIT_WITH_FORMS = words(
    "hit hits hitting slap slaps slapped slapping target targets targeted targeting punish "
    "punishes punished punishing strike strikes struck striking"
)
DECLARE_FORMS = words("declare declares declared declaring declaration")


def _complement_verb(doc: Doc, head: Trigger, floor: int) -> int:
    """Where subject and object part: at the trigger, or, when the trigger is what its object is
    declared ("Russia declares diplomats of Sweden ... persona non grata"), at the verb."""
    if doc[head.start].lower_ in ("persona", "personae", "personas"):
        for i in range(head.start - 1, max(floor, head.start - 16) - 1, -1):
            if doc[i].lower_ in DECLARE_FORMS:
                return i
    if head.start - 1 >= floor and doc[head.start - 1].lower_ == "with":
        # "US hits Rosneft, Lukoil with sanctions": who is hit stands between verb and noun
        for i in range(head.start - 2, max(floor, head.start - 12) - 1, -1):
            if doc[i].lower_ in HIT_WITH_FORMS:
                return i
    return head.start


# what joins coordinated names: "Britain, France and the Netherlands"
JOINS = (["and"], [","], [",", "and"], ["and", "the"], [",", "and", "the"])
SUBJECT_JOINS = (["-"], ["–"], *JOINS)  # "the US-Russia summit"
COORDINATION = (*JOINS, ["or"])  # a list after the verb: "... to Poland or Romania"


def _with_coordinated(doc: Doc, first: Party, parties: list[Party]) -> str:
    """A party with the names coordinated after it: "diplomats of Sweden, Poland and Germany",
    "troops to Poland, Germany and Romania". A list ends with "and" or "or": in "to Poland,
    the Pentagon said" the comma joins no list."""
    run: list[tuple[list[str], Party]] = []
    end = first[1]
    for p in parties:
        if p[0] < end or p[3] != "name":
            continue
        between = [t.lower_ for t in doc[end : p[0]]]
        if between not in COORDINATION:
            break
        run.append((between, p))
        end = p[1]
    last = max(
        (i for i, (between, _) in enumerate(run) if {"and", "or"} & set(between)), default=-1
    )
    names = [first[2]]
    for _, p in run[: last + 1]:
        if p[2] not in names:
            names.append(p[2])
    return " and ".join(names) if len(names) > 1 else names[0]


MEETING_NOUNS = words("summit summits meeting meetings talks conference visit forum")
FORUM_LABELS = frozenset({"COUNTRY", "ORG", "METONYM", "CITY", "PLACE", "GPE"})


def _forum_names(ctx: SentenceContext, group: Group) -> set[tuple[int, int]]:
    """Places and bodies that name a meeting rather than take part in it: "the Singapore
    summit", "a G20 meeting", "the Budapest talks" (a name right before the meeting's noun). Not
    a pair ("the US-Russia summit") and not a person ("the Putin meeting")."""
    doc = ctx.doc
    starts = {
        i for t in group.triggers for i in range(t.start, t.end) if doc[i].lower_ in MEETING_NOUNS
    }
    out = set()
    for span in ctx.mentions:
        if span.end in starts and span.label_ in FORUM_LABELS:
            before = doc[span.start - 1].text if span.start > 0 else ""
            after = doc[span.end].text if span.end < len(doc) else ""
            if before not in ("-", "–", "/") and after not in ("-", "–", "/"):
                out.add((span.start, span.end))
    return out


def _story_parties(ctx: SentenceContext) -> list[Party]:
    """The parties a sentence names, without its dateline's cities and agency ("NIAMEY/PARIS,
    Sept 25 (Meridian Wire) -"): they are never parties of the story's claims."""
    sent = ctx.sent
    found = party_mentions(ctx, sent.start, sent.end)
    if ctx.document and ctx.document.dateline_ends:
        story = next(
            (e for e in ctx.document.dateline_ends if sent.start_char < e <= sent.end_char), None
        )
        if story is not None:
            found = [p for p in found if ctx.doc[p[0]].idx >= story]
    return found


def _word_before(doc: Doc, index: int, floor: int) -> str:
    """The word before a name, past any determiner: "by the Czech Republic" -> "by"."""
    i = index - 1
    while i >= floor and doc[i].lower_ in tr.DETERMINERS:
        i -= 1
    return doc[i].lower_ if i >= floor else ""


def _demonym_of_counted(
    doc: Doc, parties: list[Party], count_nouns: frozenset[str], actor: str | None
) -> str | None:
    """ "the 18 Russian staff", "Belarusian diplomats": whose people the claim counts."""
    for p in parties:
        if p[3] != "name" or p[2] == actor:
            continue
        following = {t.lower_ for t in doc[p[1] : p[1] + 3]}
        if following & count_nouns and doc[p[1] - 1].text[:1].isupper():
            return p[2]
    return None


REPORTING = words(
    "says said say announced announces told tells confirmed confirms stated states declared "
    "declares reported reports added adds insisted noted informed informs"
)


def _sayer(ctx: SentenceContext, found: list[Party], head: int, target: Party | None) -> str | None:
    """The party that reports an agentless event: "X says/said ...", or "X:" opening the line."""
    doc, sent = ctx.doc, ctx.sent
    for p in found:
        if p[1] > head or p is target or (target is not None and p[2] == target[2]):
            continue
        if _after_word(doc, p[0], sent.start, tr.PREPOSITIONS - {"of"}):
            continue
        window = [t.lower_ for t in doc[p[1] : min(p[1] + 4, head)]]
        label = p[0] == sent.start and p[1] < len(doc) and doc[p[1]].text == ":"
        if label or any(w in REPORTING for w in window):
            if p[3] == "name":
                return p[2]
            return _resolve(ctx, p, [q for q in found if q[1] <= p[0]])
    return None


# A subject that is many states, not the one the story is filed from: "more than 25 countries
# expelled ...", "dozens of allies".
MANY_STATES = re.compile(
    r"(?i)\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozens?|several|many|other|"
    r"more|some)\b[\w\s-]{0,20}\b(?:countries|states|nations|allies|members|partners|"
    r"capitals|governments)\b"
)


def _dateline_actor(ctx: SentenceContext, start: int, head: int, claim_type: str) -> str | None:
    """The dateline's country for a clause that names no party ("the foreign ministry said it
    would expel ..."): not for attacks (their authors are rarely the state the story is filed
    from) and not when the subject is many states ("more than 25 countries expelled ...")."""
    if ctx.document is None or ctx.document.dateline_party is None or claim_type == "attack":
        return None
    if head > start and MANY_STATES.search(ctx.doc[start:head].text):
        return None
    return ctx.document.dateline_party


def is_passive(doc: Doc, head: Trigger, floor: int) -> bool:
    """ "were expelled", "have been formally expelled", "was given 72 hours": a passive verb."""
    verb = doc[head.start].lower_
    if not (verb.endswith(("ed", "en")) or verb in IRREGULAR_PARTICIPLES):
        return False
    i = head.start - 1
    steps = 0
    while i >= floor and steps < 4:
        word = doc[i].lower_
        if word in tr.PASSIVE_AUX:
            return True
        if word not in tr.ADVERBS_BEFORE_VERB:
            return False
        i -= 1
        steps += 1
    return False


def _subject(ctx: SentenceContext, before: list[Party], floor: int) -> str | None:
    """The party nearest before the verb in subject position, pronouns resolved, with the
    parties coordinated with it ("Britain, France and Germany")."""
    doc = ctx.doc
    usable = [
        p for p in before if not _after_word(doc, p[0], floor, tr.PREPOSITIONS - {"by", "of"})
    ]
    if not usable:
        return None
    nearest = usable[-1]
    if nearest[3] != "name":
        return _resolve(ctx, nearest, usable[:-1])
    if TWO_SIDES.match(nearest[2]):
        pair = _two_sides(ctx, nearest[0])
        if pair:
            return pair
    names = [nearest[2]]
    begin = nearest[0]
    for p in reversed(usable[:-1]):
        between = [t.lower_ for t in doc[p[1] : begin]]
        if p[3] == "name" and between in SUBJECT_JOINS:
            names.insert(0, p[2])
            begin = p[0]
        else:
            break
    return " and ".join(names) if len(names) > 1 else names[0]


PLACE_PREPOSITIONS = words("in at near from to into outside inside across")
TWO_SIDES = re.compile(
    r"(?i)^(?:the\s+two|both)\s+(?:countries|nations|sides|governments|capitals|states)$"
)


def _two_sides(ctx: SentenceContext, before: int) -> str | None:
    """ "The two countries extended it": the last two states named before, in this sentence or
    the three before it."""
    doc = ctx.doc
    spans = [m for m in ctx.mentions if m.start < before]
    document = ctx.document
    if document is not None and ctx.index > 0:
        first = document.sentence_bounds(max(0, ctx.index - 3))[0]
        spans = [*document.mentions_between(first, ctx.sent.start), *spans]
    found: list[str] = []
    seen: set[str] = set()
    for span in reversed(spans):
        if span.label_ == "TREATY" or (
            span.start > 0 and doc[span.start - 1].lower_ in PLACE_PREPOSITIONS
        ):
            continue  # "arrived in Moscow": a place, not a side
        name = _mention_text(span)
        state = country_of(span.kb_id_ or name)
        if state in seen:
            continue
        seen.add(state)
        found.insert(0, name)
        if len(found) == 2:
            return " and ".join(found)
    return None


def _resolve(ctx: SentenceContext, party: Party, earlier: list[Party]) -> str | None:
    """What "it", "he" or "the ministry" stands for: a party named before it in the sentence,
    else the subject of one of the two sentences before, else (for an unnamed institution) the
    country of the dateline."""
    doc = ctx.doc
    subjects = [
        p
        for p in earlier
        if p[3] != "pronoun"
        and not _after_word(doc, p[0], ctx.sent.start, tr.PREPOSITIONS - {"of"})
    ]
    if subjects and subjects[0][3] == "name":
        return subjects[0][2]
    if subjects:
        party = subjects[0]  # "the ministry said it ...": what the ministry stands for
    document = ctx.document
    if document is not None:
        for back in (1, 2):
            index = ctx.index - back
            if index < 0:
                break
            s_start, s_end = document.sentence_bounds(index)
            for span in document.mentions_between(s_start, s_end):
                if span.label_ == "TREATY" or _after_word(
                    doc, span.start, s_start, tr.PREPOSITIONS
                ):
                    continue
                return _mention_text(span)
        if party[3] == "generic" and document.dateline_party:
            return document.dateline_party
    return None


def _place_left(doc: Doc, after: list[Party]) -> str | None:
    """ "ordered to leave Russia", "expelled from Moldova": the country left is the actor."""
    for p in after:
        if p[3] != "name" or p[0] == 0:
            continue
        prev = doc[p[0] - 1].lower_
        if prev == "the" and p[0] > 1:
            prev = doc[p[0] - 2].lower_
        if prev in ("leave", "leaves", "leaving", "left", "from", "depart", "exit", "quit"):
            return p[2]
    return None


TIES = words("ties relations contacts links trade cooperation co-operation talks border borders")


def _ties_with(doc: Doc, index: int, floor: int) -> bool:
    """ "cut diplomatic ties with Doha", "suspended trade with India": who the ties are with is
    the one the measure is aimed at."""
    i = index - 1
    while i > floor and (doc[i].lower_ in tr.DETERMINERS or doc[i].is_title):
        i -= 1
    return i > floor and doc[i].lower_ == "with" and doc[i - 1].lower_ in TIES


def _after_word(doc: Doc, index: int, floor: int, preps: frozenset[str]) -> bool:
    i = index - 1
    while i >= floor and (doc[i].lower_ in tr.DETERMINERS or (doc[i].is_title and i > floor)):
        if doc[i].lower_ in tr.DETERMINERS:
            i -= 1
            continue
        break
    return i >= floor and doc[i].lower_ in preps


def find_attributions(sentence: str, offset: int) -> list[tuple[int, int, str]]:
    """Who says so: "according to X", "X said", "said X"; (start, end, who) with char offsets."""
    if not tr.ATTRIBUTION_HINT.search(sentence):
        return []
    found = []
    for pattern in tr.ATTRIBUTION_PATTERNS:
        for m in pattern.finditer(sentence):
            who = m.group("who").strip(" ,\"“”'’")
            if who.endswith(".") and not re.search(r"(?:\b[A-Z][a-z]?|\.[A-Z])\.$", who):
                who = who[:-1]  # "..., said Maria Zakharova.": the sentence's full stop
            first = who.split()[0].lower() if who.split() else ""
            if not who or first in tr.PRONOUNS or who in tr.NAME_STOPWORDS:
                continue
            found.append((offset + m.start(), offset + m.end(), who))
    found.sort()
    return found


def party_mentions(ctx: SentenceContext, start: int, end: int) -> list[Party]:
    """Parties named between tokens ``start`` and ``end``: gazetteer and model mentions, people,
    collectives ("the two countries"), subject pronouns and unnamed institutions."""
    doc = ctx.doc
    out: list[Party] = []
    treaties = []
    for span in ctx.mentions:
        if span.start >= start and span.end <= end:
            if span.label_ == "TREATY":
                treaties.append((span.start, span.end))  # "Joint Comprehensive Plan" is no one
            else:
                out.append((span.start, span.end, _mention_text(span), "name"))
    taken = [(p[0], p[1]) for p in out] + treaties
    if start < end:
        seg_start, seg_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        segment = ctx.text[seg_start:seg_end]
        for regex in (tr.PERSON_RE, tr.COLLECTIVE_RE, GENERIC_SUBJECT):
            for m in regex.finditer(segment):
                words_ = m.group().split()
                if regex is tr.PERSON_RE and all(w in tr.NAME_STOPWORDS for w in words_[:1]):
                    words_ = words_[1:]
                    if len(words_) < 2:
                        continue
                if regex is tr.PERSON_RE:
                    last_body = max(
                        (i for i, w in enumerate(words_) if w in tr.BODY_WORDS), default=-1
                    )
                    if last_body >= 0:
                        words_ = words_[last_body + 1 :]
                        if len(words_) < 2:
                            continue
                span = doc.char_span(
                    seg_start + m.end() - len(" ".join(words_)),
                    seg_start + m.end(),
                    alignment_mode="expand",
                )
                if span is None or any(s < span.end and span.start < e for s, e in taken):
                    continue
                if regex is tr.PERSON_RE and (
                    any(w in tr.NAME_STOPWORDS for w in words_[-1:]) or span.text in REGIONS
                ):
                    continue  # "Economic Crime Act", "Latin American": no party
                if regex is GENERIC_SUBJECT and _named_before(doc, span.start, taken):
                    continue  # "the Russian Foreign Ministry": the demonym names the party
                place = _named_after_in(doc, span.end, out) if regex is GENERIC_SUBJECT else None
                if place is not None:
                    # "the government in Chisinau": the place names the party, which acts
                    # where the institution stands
                    out.remove(place)
                    out.append((span.start, place[1], place[2], "name"))
                    taken.append((span.start, place[1]))
                    continue
                kind = "generic" if regex is GENERIC_SUBJECT else "name"
                out.append((span.start, span.end, span.text, kind))
                taken.append((span.start, span.end))
        for token in doc[start:end]:
            if token.lower_ in PRONOUN_SUBJECTS and not any(s <= token.i < e for s, e in taken):
                out.append((token.i, token.i + 1, token.text, "pronoun"))
    out.sort()
    return out


def _named_after_in(doc: Doc, end: int, parties: list[Party]) -> Party | None:
    """The party named right after "in" following an institution ("the government in
    Chisinau", "the authorities in Kyiv")."""
    if end >= len(doc) or doc[end].lower_ != "in":
        return None
    return next((p for p in parties if p[0] == end + 1 and p[3] == "name"), None)


def _named_before(doc: Doc, index: int, taken: list[tuple[int, int]]) -> bool:
    return any(e in (index, index + 1, index + 2) and s < index + 2 for s, e in taken)


def _mention_text(span) -> str:
    return span.kb_id_ if span.label_ in ("DEMONYM", "COREF") else _strip_article(span.text)


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _from_parse(doc: Doc, head: Trigger, start: int, end: int) -> tuple[str | None, str | None]:
    """Subject and object of the trigger verb from a trained parser, when the pipeline has one."""
    verb = doc[head.start]
    actor = target = None
    for child in verb.children:
        if not (start <= child.i < end):
            continue
        phrase = doc[child.left_edge.i : child.right_edge.i + 1].text
        if child.dep_ == "nsubj" and actor is None:
            actor = phrase
        elif child.dep_ in ("nsubjpass", "dobj") and target is None:
            target = phrase
    return actor, target
