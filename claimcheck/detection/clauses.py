"""Clauses: which triggers make one claim, and where each claim's span starts and ends.

A sentence can hold several claims ("X expelled 23 diplomats and froze the bank's assets"); each
gets its own span, cut at the clause boundary nearest the next claim's trigger.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from . import text_rules as tr
from .sentences import DATE_WORDS, SentenceContext
from .triggers import Trigger


@dataclass
class Group:
    type: str
    triggers: list[Trigger]
    embedded: bool = False
    lead: int | None = None  # the trigger that carries the clause, when not the first verb

    @property
    def start(self) -> int:
        return self.triggers[0].start

    @property
    def end(self) -> int:
        return self.triggers[-1].end

    @property
    def verbal(self) -> bool:
        return any(t.kind == "verb" for t in self.triggers)

    @property
    def head(self) -> Trigger:
        if self.lead is not None:
            return self.triggers[self.lead]
        return next((t for t in self.triggers if t.kind == "verb"), self.triggers[0])


STATEMENT_LABELS = frozenset({"statistic", "comparison", "position"})
TEMPORAL_LINKS = frozenset({"after", "before", "following", "since", "amid", "until"})


def group_triggers(doc: Doc, triggers: list[Trigger], fallback_types: set[str]) -> list[Group]:
    """Triggers of one clause form one claim; a new clause or a new type starts another."""
    groups: list[Group] = []
    for trig in triggers:
        current = next((g for g in reversed(groups) if not g.embedded), None)
        if current is None:
            groups.append(Group(trig.type, [trig]))
            continue
        strength = boundary_strength(doc, current.end, trig.start)
        same_type = trig.type == current.type
        own_event = trig.kind == "noun" and strength >= 1 and names_its_own_event(doc, trig)
        # "after the US exit", "following the poisoning": an earlier event of its own
        earlier = strength == 2 and any(
            t.lower_ in TEMPORAL_LINKS for t in doc[current.end : trig.start]
        )
        # "imposed sanctions ..., restricting access to capital markets": a generic measure that
        # spells out the claim before it
        spelled_out = (
            strength == 1
            and trig.kind == "verb"
            and doc[trig.start].lower_.endswith("ing")
            and trig.type in fallback_types
            and not same_type
            and current.verbal
        )
        statement = trig.type in STATEMENT_LABELS
        last = groups[-1]
        if (
            statement
            and last.type == trig.type
            and boundary_strength(doc, last.end, trig.start) == 0
            and trig.start - last.end <= 6
        ):
            # "to 21% from 19%": one figure and the one it changed from
            last.triggers.append(trig)
            continue
        if statement and strength == 0 and current.type not in STATEMENT_LABELS:
            # "won 55 percent of the vote": a figure inside an event's clause is its own claim
            groups.append(Group(trig.type, [trig], embedded=True))
            continue
        if (
            not statement
            and strength == 0
            and current.type in STATEMENT_LABELS
            and trig.kind == "verb"
            and trig.type not in fallback_types
        ):
            # "the largest [...] expelled": the event carries the clause, the statement nests
            current.embedded = True
            groups.append(Group(trig.type, [trig]))
            continue
        if spelled_out:
            continue
        if (
            same_type
            and trig.type == "summit"
            and trig.kind == "verb"
            and shared_subject(doc, current.end, trig.start)
        ):
            # "will travel to Moscow this afternoon and hold talks with Putin": one visit (two
            # measures joined so stay two claims: "imposed martial law and cut ties")
            current.triggers.append(trig)
            continue
        if same_type and trig.type in CAUSED_TYPES and caused_by(doc, current.end, trig.start):
            # "Eighteen people were killed when Russian missiles hit a military unit": the
            # deaths and the strike are one attack, and the strike's subject acts
            first = current.head.start  # "were killed": the trigger may hold its auxiliary
            if tr.PASSIVE_AUX.intersection((doc[first].lower_, doc[first - 1].lower_)):
                current.lead = len(current.triggers)
            current.triggers.append(trig)
            continue
        elif (
            same_type
            and not own_event
            and not earlier
            and (strength == 0 or trig.kind == "noun" or trig.promoted or elaborates(doc, trig))
        ):
            # "imposed ... sanctions", "expelled 23 diplomats, the largest expulsion ..."
            current.triggers.append(trig)
        elif earlier and trig.kind == "noun":
            groups.append(Group(trig.type, [trig], embedded=True))
        elif strength == 0 and trig.type in fallback_types:
            continue  # a generic measure inside a clause that already has a type
        elif strength == 0 and current.type in fallback_types:
            current.type = trig.type
            current.triggers.append(trig)
        elif strength == 0 and trig.kind == "noun":
            groups.append(Group(trig.type, [trig], embedded=True))
        elif strength == 0 and not current.verbal and trig.kind == "verb":
            current.embedded = True
            groups.append(Group(trig.type, [trig]))
        else:
            groups.append(Group(trig.type, [trig]))
    return groups


def elaborates(doc: Doc, trig: Trigger) -> bool:
    """A participle after a comma that goes on with the same measure: "agreed its toughest
    sanctions ..., banning new arms deals", "adopted its 13th package, adding nearly 200
    individuals to its list"."""
    return (
        trig.kind == "verb"
        and trig.start > 0
        and doc[trig.start - 1].text == ","
        and doc[trig.start].lower_.endswith("ing")
        and doc[trig.start].lower_ not in ANSWERING
    )


# participles that point at another event: "..., mirroring Thursday's expulsion of 10 Russians"
ANSWERING = tr.words("mirroring matching echoing following repeating answering reversing")


def shared_subject(doc: Doc, a: int, b: int) -> bool:
    """A verb right after "and", with no punctuation between it and the trigger before: the
    same subject going on with the same event ("travel to Moscow and hold talks")."""
    between = doc[a:b]
    return (
        b - a >= 1
        and doc[b - 1].lower_ == "and"
        and not any(t.is_punct or t.lower_ in tr.CLAUSE_CONJUNCTIONS for t in between[:-1])
    )


CAUSED_TYPES = frozenset({"attack", "military"})


def caused_by(doc: Doc, a: int, b: int) -> bool:
    """Only "when" (no punctuation) between two triggers: the second tells how the first came
    about."""
    between = [t.lower_ for t in doc[a:b]]
    return between.count("when") == 1 and not any(t.is_punct for t in doc[a:b])


def boundary_strength(doc: Doc, a: int, b: int) -> int:
    """0: no boundary between tokens a..b; 1: only commas; 2: a clause boundary."""
    strength = 0
    for token in doc[a:b]:
        if token.text in tr.STRONG_PUNCT or token.lower_ in tr.CLAUSE_CONJUNCTIONS:
            return 2
        if token.text == ",":
            strength = 1
    return strength


def best_cut(doc: Doc, a: int, b: int) -> int:
    """Where to split the clause of one trigger group from the next (a token index).

    A semicolon or dash wins; otherwise the boundary nearest the second trigger, because the
    second clause's subject sits between its boundary and its verb, while commas and "and"
    further left usually belong to the first clause's noun phrases.
    """
    strong = [i for i in range(a, b) if doc[i].text in tr.STRONG_PUNCT]
    if strong:
        return strong[-1]
    for i in range(b - 1, a - 1, -1):
        token = doc[i]
        if token.text == "," or token.lower_ in tr.CLAUSE_CONJUNCTIONS:
            if token.text == "," or i == a or doc[i - 1].text != ",":
                return i
            return i - 1  # ", and": cut before the comma
    return b


def noun_phrase(doc: Doc, group: Group, sent: Span) -> tuple[int, int]:
    """The noun phrase around an event noun embedded in another claim's clause."""
    start = group.start
    steps = 0
    while start - 1 >= sent.start and steps < 6:
        prev = doc[start - 1]
        low = prev.lower_
        if low in tr.DETERMINERS or low in tr.NOMINAL_MODIFIERS or prev.is_title or prev.like_num:
            if low in tr.PREPOSITIONS:
                break
            start -= 1
            steps += 1
            if low in tr.DETERMINERS:
                break
        elif low in ("'s", "’s"):
            start -= 1
            steps += 1
        else:
            break
    end = group.end
    if end < sent.end and doc[end].lower_ in tr.NP_RIGHT_PREPOSITIONS:
        limit = min(sent.end, end + 10)
        i = end
        while i < limit:
            token = doc[i]
            if token.is_punct or token.lower_ in tr.CLAUSE_CONJUNCTIONS or token.lower_ == "that":
                break
            i += 1
        end = i
    return start, end


CONTRAST_WORDS = frozenset({"but", "while", "whereas", "although", "though", "yet"})


SAYING_CIRCUMSTANCE = tr.words("speaking writing addressing talking answering asked responding")


def trim(doc: Doc, start: int, end: int, head: Trigger) -> tuple[int, int]:
    start = skip_dateline(doc, start, head.start)
    # "Speaking at a government meeting on Monday, Putin said ...": the circumstance of the
    # saying is no part of the claim, nor is its date
    if doc[start].lower_ in SAYING_CIRCUMSTANCE:
        comma = next((i for i in range(start, head.start) if doc[i].text == ","), None)
        if comma is not None:
            start = comma + 1
    # a contrasting clause after the claim is another statement: "..., but says the ambassador
    # is not affected"
    for i in range(head.end, end):
        token = doc[i]
        if token.text == ";" or (
            token.lower_ in CONTRAST_WORDS and i > head.end and doc[i - 1].text == ","
        ):
            end = i
            break
    while start < head.start and (doc[start].lower_ in tr.LEADING_TRIM or doc[start].is_space):
        start += 1
    while end > head.end and (doc[end - 1].lower_ in tr.TRAILING_TRIM or doc[end - 1].is_space):
        end -= 1
    # a trailing quote mark or bracket left on its own
    while end > start and doc[end - 1].is_punct and doc[end - 1].text not in ("%", ")", "]"):
        if end <= head.end:
            break
        end -= 1
    return start, end


def rstrip_punct(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1] in " ,;:—–\"“”'’" or text[end - 1].isspace()):
        end -= 1
    return end


def skip_dateline(doc: Doc, start: int, limit: int) -> int:
    """Skip a wire-style dateline ("MOSCOW -", "BERLIN/PARIS -") at the start of a clause."""
    i = start
    while i < limit and (doc[i].is_upper or doc[i].text in ("/", ",") or doc[i].like_num):
        i += 1
    if i > start and i < limit and doc[i].text in ("-", "—", "–", "--"):
        return i + 1
    return start


def noun_claim_start(ctx: SentenceContext, group: Group, start: int) -> int:
    """Start a noun-carried claim at its noun phrase ("in retaliation for | the killing of ..."),
    unless an actor or a date before the phrase belongs to the claim."""
    np_start, _ = noun_phrase(ctx.doc, group, ctx.sent)
    if np_start <= start:
        return start
    if any(start <= m.start < np_start for m in ctx.mentions):
        return start
    lo, hi = ctx.doc[start].idx, ctx.doc[np_start].idx
    if any(lo <= d.start < hi for d in ctx.dates):
        return start
    return np_start


def clause_start(doc: Doc, start: int, head: int) -> int:
    """The first token of the trigger's own clause within the claim span."""
    for i in range(head - 1, start - 1, -1):
        token = doc[i]
        if (
            token.text in tr.STRONG_PUNCT
            or token.lower_ in tr.SCOPE_BREAKS
            or token.lower_ == "that"
        ):
            return i + 1
    return start


def names_its_own_event(doc: Doc, trig: Trigger) -> bool:
    """An event noun with its own object or name ("the killing of General Soleimani")."""
    end = min(trig.end + 4, len(doc))
    if trig.end < end and doc[trig.end].lower_ in ("of", "on", "against"):
        return any(
            t.is_title and t.lower_ not in DATE_WORDS and t.text not in tr.NAME_STOPWORDS
            for t in doc[trig.end + 1 : end]
        )
    return False


def clause_end(doc: Doc, after: int, end: int) -> int:
    """Where the trigger's own clause ends: a clause word, strong punctuation, or ", <verb>ing"."""
    for i in range(after, end):
        token = doc[i]
        if token.text in tr.STRONG_PUNCT or (token.lower_ in tr.SCOPE_BREAKS and i > after):
            return i
        if (
            token.text == ","
            and i + 1 < end
            and doc[i + 1].lower_.endswith("ing")
            and len(doc[i + 1]) > 4
        ):
            return i
    return end


def relative_clause_end(doc: Doc, sent_start: int, trigger_start: int, end: int) -> int | None:
    """Where a non-restrictive relative clause holding the trigger ends ("Poland, which
    expelled 45 diplomats on Friday, said more could follow": at the second comma)."""
    for i in range(trigger_start - 1, max(sent_start, trigger_start - 4) - 1, -1):
        if doc[i].lower_ in ("which", "who") and i > sent_start and doc[i - 1].text == ",":
            for j in range(trigger_start + 1, end):
                if doc[j].text in (",", ";", "—", "–"):
                    return j
            return None
        if doc[i].text in (",", ";"):
            return None
    return None
