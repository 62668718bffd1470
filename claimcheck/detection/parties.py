"""Who acts and who is acted upon: the actor, target and attribution slots."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Slots
from . import text_rules as tr
from .clauses import Group
from .sentences import SentenceContext
from .triggers import Trigger


def fill_actors(ctx: SentenceContext, group: Group, start: int, end: int, slots: Slots) -> None:
    doc = ctx.doc
    head = group.head
    found = actor_mentions(ctx, start, end)
    passive = group.verbal and any(
        t.lower_ in tr.PASSIVE_AUX for t in doc[max(start, head.start - 3) : head.start]
    )
    left = [m for m in found if m[1] <= head.start and not _after_preposition(doc, m[0], start)]
    right = [m for m in found if m[0] >= head.end]
    by_actor = next((m for m in right if m[0] > 0 and doc[m[0] - 1].lower_ == "by"), None)
    right = [
        m for m in right if not (m[0] > 0 and doc[m[0] - 1].lower_ in ("by", "in", "at", "near"))
    ]
    dep_actor, dep_target = _from_parse(doc, head, start, end) if ctx.parsed else (None, None)
    if passive:
        slots.actor = by_actor[2] if by_actor else dep_actor
        slots.target = (left[0][2] if left else None) or dep_target
    else:
        slots.actor = _join_coordinated(doc, left) if left else dep_actor
        slots.target = right[0][2] if right else dep_target
    if slots.actor is None and by_actor:
        slots.actor = by_actor[2]
    if slots.target == slots.actor:
        slots.target = None


def find_attributions(sentence: str, offset: int) -> list[tuple[int, int, str]]:
    """Who says so: "according to X", "X said", "said X"; (start, end, who) with char offsets."""
    if not tr.ATTRIBUTION_HINT.search(sentence):
        return []
    found = []
    for pattern in tr.ATTRIBUTION_PATTERNS:
        for m in pattern.finditer(sentence):
            who = m.group("who").strip(" ,\"“”'’")
            first = who.split()[0].lower() if who.split() else ""
            if not who or first in tr.PRONOUNS or who in tr.NAME_STOPWORDS:
                continue
            found.append((offset + m.start(), offset + m.end(), who))
    found.sort()
    return found


def actor_mentions(ctx: SentenceContext, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start token, end token, text) of gazetteer, model, person and collective mentions."""
    doc = ctx.doc
    out = []
    for span in ctx.mentions:
        if span.start >= start and span.end <= end and span.label_ != "TREATY":
            text = span.kb_id_ if span.label_ == "DEMONYM" else span.text
            out.append((span.start, span.end, _strip_article(text)))
    taken = [(s, e) for s, e, _ in out]
    if start < end:
        seg_start, seg_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        segment = ctx.text[seg_start:seg_end]
        for regex in (tr.PERSON_RE, tr.COLLECTIVE_RE):
            for m in regex.finditer(segment):
                words = m.group().split()
                if regex is tr.PERSON_RE and all(w in tr.NAME_STOPWORDS for w in words[:1]):
                    words = words[1:]
                    if len(words) < 2:
                        continue
                span = doc.char_span(
                    seg_start + m.end() - len(" ".join(words)),
                    seg_start + m.end(),
                    alignment_mode="expand",
                )
                if span is None or any(s < span.end and span.start < e for s, e in taken):
                    continue
                if any(w in tr.NAME_STOPWORDS for w in words[-1:]):
                    continue
                out.append((span.start, span.end, span.text))
                taken.append((span.start, span.end))
    out.sort()
    return out


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _after_preposition(doc: Doc, index: int, floor: int) -> bool:
    i = index - 1
    while i >= floor and (doc[i].lower_ in tr.DETERMINERS or (doc[i].is_title and i > floor)):
        if doc[i].lower_ in tr.DETERMINERS:
            i -= 1
            continue
        break
    return i >= floor and doc[i].lower_ in tr.PREPOSITIONS and doc[i].lower_ != "by"


def _join_coordinated(doc: Doc, left: list[tuple[int, int, str]]) -> str:
    first = left[0]
    names = [first[2]]
    end = first[1]
    for s, e, text in left[1:]:
        between = [t.lower_ for t in doc[end:s]]
        if between in (["and"], [",", "and"], [","], ["and", "the"]):
            names.append(text)
            end = e
        else:
            break
    return " and ".join(names) if len(names) > 1 else names[0]


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
