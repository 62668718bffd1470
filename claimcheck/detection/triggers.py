"""Trigger words: where a sentence names an event of some claim type.

The claim-type rules (``patterns/*.jsonl``) are compiled once into one spaCy ``Matcher`` per
rule, each keyed on its most distinctive word so that it only runs on sentences holding it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..errors import PatternError
from . import text_rules as tr
from .rules import Rules
from .sentences import Columns, column, sentence_index
from .text_rules import words


@dataclass
class Trigger:
    start: int  # token indices
    end: int
    type: str
    kind: str
    status: str | None
    promoted: bool = False  # an event noun that a verb of taking place made a verbal claim
    undergoer_subject: bool = False  # "diplomats leave Berlin": the subject is the target


class TriggerFinder:
    """Runs the claim-type rules over a Doc and returns its triggers in reading order."""

    def __init__(self, nlp: Language, rules: Rules):
        self.rules = rules
        # One Matcher per rule, run only on sentences holding the rule's key word: spaCy's
        # Matcher costs tokens x patterns, and most sentences need only a few rules.
        self.matchers: dict[str, Matcher] = {}
        self.rules_by_key: dict[int, list[str]] = {}
        self.unkeyed: list[str] = []
        # every word a rule needs, as alternatives per position: a sentence lacking any of
        # them cannot match, and the rule's Matcher is not called on it
        self.required: dict[str, list[frozenset[int]]] = {}
        # how many tokens a match may take before and after its key word (None: no bound): the
        # Matcher then reads only the tokens around the key words, not the whole sentence
        self.reach: dict[str, tuple[int, int] | None] = {}
        for pattern in self.rules.patterns:
            matcher = Matcher(nlp.vocab, validate=True)
            try:
                matcher.add(pattern["id"], [pattern["pattern"]])
            except Exception as exc:  # spaCy raises several types for a bad pattern
                raise PatternError(
                    f"pattern {pattern['id']!r} is not a valid spaCy Matcher pattern: {exc}"
                ) from None
            self.matchers[pattern["id"]] = matcher
            keys = key_words(pattern["pattern"])
            self.reach[pattern["id"]] = key_reach(pattern["pattern"])
            self.required[pattern["id"]] = [
                frozenset(nlp.vocab.strings.add(w) for w in group)
                for group in required_words(pattern["pattern"])
            ]
            if keys is None:
                self.unkeyed.append(pattern["id"])
            for word in keys or ():
                self.rules_by_key.setdefault(nlp.vocab.strings.add(word), []).append(pattern["id"])
        self.fallback_types = {n for n, t in rules.types.items() if t.fallback}
        # sets, not arrays: the windows are a few dozen tokens, where a set lookup per token is
        # several times faster than numpy.isin
        self.near_hashes = {
            pid: frozenset(nlp.vocab.strings.add(w) for w in extra["requires_near"])
            for pid, extra in self.rules.extras.items()
            if extra["requires_near"] or extra["near_treaty"]
        }
        self.exclude_hashes = {
            pid: frozenset(nlp.vocab.strings.add(w) for w in extra["excludes_near"])
            for pid, extra in self.rules.extras.items()
            if extra["excludes_near"]
        }

    def find(
        self, doc: Doc, sent_starts: numpy.ndarray, columns: Columns | None = None
    ) -> list[Trigger]:
        strings = doc.vocab.strings
        extras = self.rules.extras
        specific, generic = [], []
        if columns is None:
            columns = Columns.of(doc)
        lowers = columns.lower
        orths = None
        treaty_starts = None
        for sent_start, sent_end, rule_hits in self._candidate_sentences(doc, sent_starts, lowers):
            for rule_id, positions in rule_hits.items():
                for match_id, start, end in self._matches(
                    doc, rule_id, positions, sent_start, sent_end, lowers
                ):
                    pid = strings[match_id]
                    extra = extras[pid]
                    near = self.near_hashes.get(pid)
                    if near is not None:
                        lo, hi = max(sent_start, start - 12), min(sent_end, end + 12)
                        if treaty_starts is None and extra["near_treaty"]:
                            treaty_starts = sorted(
                                m.start
                                for m in doc.spans.get("claimcheck_mentions", [])
                                if m.label_ == "TREATY"
                            )
                        if near.isdisjoint(lowers[lo:hi]) and not (
                            extra["near_treaty"] and _treaty_between(treaty_starts, lo, hi)
                        ):
                            continue
                    far = self.exclude_hashes.get(pid)
                    if far is not None:
                        lo, hi = max(sent_start, start - 2), min(sent_end, end + 5)
                        if orths is None:
                            orths = column(doc, ORTH)
                        if not far.isdisjoint(orths[lo:hi].tolist()):
                            continue
                    label = extra["label"]
                    # the whole match competes with other rules' matches; the trigger itself
                    # may be one word of it (``head``), applied once the winners are chosen
                    span = Span(doc, start, end, label=label, kb_id=pid)
                    (generic if label in self.fallback_types else specific).append(span)
        # Specific claim types win over the generic "policy" type where their triggers overlap.
        # Statements (statistics, comparisons, positions) may sit inside an event's words ("won
        # 55 percent of the vote"): they compete only among themselves.
        statements = [s for s in specific if s.label_ in STATEMENT_LABELS]
        events = [s for s in specific if s.label_ not in STATEMENT_LABELS]
        chosen = filter_spans(events)
        taken = {i for span in chosen for i in range(span.start, span.end)}
        chosen += filter_spans(statements)
        chosen += filter_spans(
            [s for s in generic if not any(i in taken for i in range(s.start, s.end))]
        )
        # An event noun inside a verbal phrase that an earlier verb starts ("announced travel
        # bans", "announced the closure of ...") is that verb's object: the claim is verbal.
        verbal_tokens = {
            i
            for s in generic
            if extras[s.kb_id_]["kind"] == "verb"
            for i in range(s.start + 1, s.end)
        }
        triggers = []
        for span in sorted(chosen, key=lambda s: s.start):
            extra = extras[span.kb_id_]
            offset = extra["head_offset"]
            if isinstance(offset, int) and span.end + offset >= span.start:
                head = span.end + offset
                span = Span(doc, head, head + 1, label=span.label_, kb_id=span.kb_id_)
            kind = extra["kind"]
            before = doc[span.start - 1].lower_ if span.start > 0 else ""
            sent_index = sentence_index(sent_starts, span.start)
            sent_end = (
                int(sent_starts[sent_index + 1]) if sent_index + 1 < len(sent_starts) else len(doc)
            )
            first_in_sentence = span.start == int(sent_starts[sent_index])
            if kind == "verb" and not first_in_sentence and adjectival(doc, span.start, span.end):
                continue  # "1,550 deployed warheads", "Russian-annexed Crimea", "are stationed"
            if (
                kind == "verb"
                and before in tr.DETERMINERS
                and not first_in_sentence
                and (len(span) == 1 or doc[span.start].lower_.endswith(("ed", "en", "ing")))
            ):
                kind = "noun"  # "a banned missile", "the seized assets": adjectival use
            if kind == "noun" and span.start in verbal_tokens:
                kind = "verb"
            promoted = kind == "noun" and occurrence_follows(doc, span.end, sent_end)
            if promoted:
                kind = "verb"  # "the drills began", "the summit took place"
            triggers.append(
                Trigger(
                    span.start,
                    span.end,
                    span.label_,
                    kind,
                    extra["status"],
                    promoted,
                    extra.get("undergoer_subject", False),
                )
            )
        return triggers

    def _matches(
        self,
        doc: Doc,
        rule_id: str,
        positions: list[int],
        sent_start: int,
        sent_end: int,
        lowers: list[int] | None = None,
    ) -> list[tuple[int, int, int]]:
        """(match id, start, end) of one rule in one sentence. A match holds one of the rule's
        key words and reaches only so far from it, so the Matcher is run on the windows around
        the key words (merged where they overlap), and only on those windows that hold every
        word the rule requires: the same matches, far fewer tokens."""
        matcher = self.matchers[rule_id]
        reach = self.reach[rule_id]
        if lowers is None:
            lowers = Columns.of(doc).lower
        if reach is None:
            windows = [(sent_start, sent_end)]
        else:
            before, after = reach
            required = self.required[rule_id]
            windows = []
            for position in positions:
                lo, hi = max(sent_start, position - before), min(sent_end, position + after + 1)
                present = set(lowers[lo:hi])
                if any(group.isdisjoint(present) for group in required):
                    continue  # a match here would lack a word the rule needs
                if windows and lo <= windows[-1][1]:
                    windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
                else:
                    windows.append((lo, hi))
        out = []
        for lo, hi in windows:
            for match_id, rel_start, rel_end in matcher(doc[lo:hi]):
                out.append((match_id, lo + rel_start, lo + rel_end))
        return out

    def _candidate_sentences(
        self, doc: Doc, sent_starts: numpy.ndarray, lowers: list[int] | None = None
    ) -> list[tuple[int, int, dict[str, list[int]]]]:
        """(start, end, {rule id: positions of its key words}) for each sentence holding the
        key word of some rule whose required words are all in the sentence."""
        if len(doc) == 0:
            return []
        bounds = [*sent_starts.tolist(), len(doc)]
        if lowers is None:
            lowers = Columns.of(doc).lower
        rules_by_key = self.rules_by_key
        hits = [i for i, word in enumerate(lowers) if word in rules_by_key]
        per_sentence: dict[int, dict[str, list[int]]] = {}
        if self.unkeyed:
            for i in range(len(bounds) - 1):
                per_sentence[i] = {rule_id: [] for rule_id in self.unkeyed}
        sentence_of = numpy.searchsorted(sent_starts, hits, side="right") - 1
        for position, sentence in zip(hits, sentence_of.tolist(), strict=True):
            rules = per_sentence.setdefault(sentence, {})
            for rule_id in rules_by_key[lowers[position]]:
                rules.setdefault(rule_id, []).append(position)
        out = []
        for i in sorted(per_sentence):
            present = set(lowers[bounds[i] : bounds[i + 1]])
            runnable = {}
            for rule_id, positions in per_sentence[i].items():
                for group in self.required[rule_id]:
                    if group.isdisjoint(present):
                        break
                else:
                    runnable[rule_id] = positions
            if runnable:
                out.append((bounds[i], bounds[i + 1], runnable))
        return out


COMMON_WORDS = words(
    "the a an to of in on at for from by with out off up down and or have has had was were is "
    "are be been held hold said says announced announces signed signs adopted sent send moved "
    "ordered told gave cut cuts end ended ends left leave called call back walk walked step "
    "stepped pulled pull put took take made make added adds listed designated"
)


STATE_PARTICIPLES = words("deployed stationed based housed positioned located garrisoned kept held")
ADJECTIVE_LEFT = words("from of in into on at across throughout within -")


STATEMENT_LABELS = frozenset({"statistic", "comparison", "position"})


def _treaty_between(treaty_starts: list[int], lo: int, hi: int) -> bool:
    """A treaty named from token ``lo`` to ``hi`` (``treaty_starts``: sorted token starts)."""
    i = bisect.bisect_left(treaty_starts, lo)
    return i < len(treaty_starts) and treaty_starts[i] < hi


def adjectival(doc: Doc, start: int, end: int) -> bool:
    """A one-word participle used as an adjective or for a state, not a verb of an event:
    after a number ("1,550 deployed warheads"), a preposition or hyphen ("from occupied areas",
    "Russian-annexed Crimea"), or in a present-tense state ("troops are stationed in")."""
    word = doc[start].lower_
    if not word.endswith(("ed", "en")):
        return False
    prev = doc[start - 1]
    if any(ch.isdigit() for ch in prev.text) or prev.lower_ in ADJECTIVE_LEFT:
        return True
    # "troops are stationed in", "the troops deployed on the continent"
    return word in STATE_PARTICIPLES and (
        prev.lower_ in ("is", "are", "am", "remain", "remains")
        or (
            prev.is_lower
            and prev.is_alpha
            and prev.lower_ not in tr.PASSIVE_AUX
            # "France once deployed 5,000 soldiers": an adverb before a verb of the event
            and prev.lower_ not in tr.ADVERBS_BEFORE_VERB
        )
    )


def required_words(pattern: list[dict[str, Any]]) -> list[list[str]]:
    """For each token a pattern cannot do without, the lower-case words it accepts (tokens
    matched by other attributes, optional ones and NOT_IN lists say nothing)."""
    groups = []
    for token in pattern:
        op = str(token.get("OP", ""))
        if op in ("?", "*") or op.startswith("{0"):
            continue
        spec = token.get("LOWER")
        if spec is None and isinstance(token.get("ORTH"), str | dict):
            orth = token["ORTH"]
            values = orth.get("IN") if isinstance(orth, dict) else [orth]
            if values and all(str(v) == str(v).lower() for v in values):
                spec = {"IN": values}  # an ORTH in lower case is a LOWER too
        if spec is None:
            continue
        values = spec.get("IN") if isinstance(spec, dict) else [spec]
        if values:
            groups.append([str(v).lower() for v in values])
    return groups


def key_words(pattern: list[dict[str, Any]]) -> list[str] | None:
    """The words of a rule's most distinctive required token, or None if it has none."""
    key = key_token(pattern)
    return key[1] if key else None


def key_reach(pattern: list[dict[str, Any]]) -> tuple[int, int] | None:
    """How many tokens a match may hold before and after the key token, or None when the key
    token or an operator (``+``, ``*``, ``{n,}``) leaves it unbounded."""
    key = key_token(pattern)
    if key is None:
        return None
    widths = [_most_tokens(token) for token in pattern]
    if any(w is None for w in widths) or widths[key[0]] != 1:
        return None
    return sum(widths[: key[0]]), sum(widths[key[0] + 1 :])


def _most_tokens(token: dict[str, Any]) -> int | None:
    """The most tokens one pattern token can match: 1, or n or m for {n}, {n,m}, {,m}."""
    op = str(token.get("OP", ""))
    if op in ("", "?", "!"):
        return 1
    bounds = re.fullmatch(r"\{(\d*)(,?)(\d*)\}", op)
    if bounds is None:
        return None  # "+", "*" and anything new
    low, comma, high = bounds.groups()
    if not comma:
        return int(low) if low else None
    return int(high) if high else None


def key_token(pattern: list[dict[str, Any]]) -> tuple[int, list[str]] | None:
    """The position and words of a rule's most distinctive required token."""
    best: tuple[int, int, list[str]] | None = None
    for position, token in enumerate(pattern):
        op = str(token.get("OP", ""))
        if op in ("?", "*") or op.startswith("{0"):
            continue
        spec = token.get("LOWER", token.get("ORTH", token.get("NORM")))
        if spec is None:
            continue
        values = spec.get("IN") if isinstance(spec, dict) else [spec]
        if not values:
            continue
        words = [str(v).lower() for v in values]
        common = sum(w in COMMON_WORDS for w in words)
        rank = (common, -position)
        if best is None or rank < best[:2]:
            best = (common, -position, words)
    return (-best[1], best[2]) if best else None


OCCURRENCE_VERBS = words(
    "began begun begins started starts ended ends took take takes held opened opens concluded "
    "concludes continued resumed went got wrapped kicked"
)


def occurrence_follows(doc: Doc, end: int, sent_end: int) -> bool:
    """An event noun followed by a verb of taking place: "the drills began on 25 October"."""
    for i in range(end, min(end + 3, sent_end)):
        low = doc[i].lower_
        if low in OCCURRENCE_VERBS:
            if low in ("took", "take", "takes"):
                return i + 1 < sent_end and doc[i + 1].lower_ == "place"
            if low in ("went", "got"):
                return i + 1 < sent_end and doc[i + 1].lower_ in ("ahead", "under")
            return True
        if doc[i].is_punct or low in tr.CLAUSE_CONJUNCTIONS:
            return False
    return False
