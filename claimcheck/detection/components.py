"""spaCy components that find checkable claims.

``claimcheck_linebreaks`` starts a sentence after every line break (headlines and list items have
no full stop), ``claimcheck_mentions`` marks actors and treaties from the bundled gazetteers, and
``claimcheck_claims`` turns event triggers from the claim-type rules into claims with slots and a
check-worthiness score. All three work on ``spacy.blank("en")``; a trained pipeline's entities and
parse, where present, improve the slots.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy
from spacy.attrs import IS_SPACE, LIKE_NUM, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..errors import PatternError
from ..model import Claim, DateValue, Slots
from . import text_rules as tr
from .dates import DateMention, DateResolver, find_dateline
from .numbers import build_count_regex, find_counts, find_rounds
from .rules import load_actors, load_rules, load_treaties
from .text_rules import words

MENTIONS_KEY = "claimcheck_mentions"
CLAIMS_KEY = "claimcheck_claims"
MODEL_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


def register_extensions() -> None:
    """Declare the Doc extensions claimcheck uses; safe to call more than once."""
    for name, default in (
        ("claimcheck_published", None),  # ISO date (or datetime.date) of publication
        ("claimcheck_date_context", None),  # DateResolver carried across chunks of one article
        ("claimcheck_continuation", False),  # a later chunk of a long article: no headline
        ("claimcheck_claims", None),  # claims at or above the threshold
        ("claimcheck_candidates", None),  # every candidate with its score
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()


# -- line breaks --------------------------------------------------------------------------------


class LineBreaks:
    """Starts a new sentence after a line break, so headlines and list lines stand alone."""

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2 or doc.has_annotation("DEP"):
            return doc
        strings = doc.vocab.strings
        values = doc.to_array([IS_SPACE, ORTH, SENT_START])
        starts = values[:, 2].astype(numpy.int64)
        changed = False
        # spaCy keeps a line break as a whitespace token of its own
        for space in numpy.flatnonzero(values[:, 0]).tolist():
            if "\n" not in strings[int(values[space, 1])]:
                continue
            i = space + 1
            while i < len(doc) and values[i, 0]:
                i += 1
            if i < len(doc) and starts[i] != 1:
                starts[i] = 1
                changed = True
        if changed:
            # one bulk write: setting Token.is_sent_start scans the whole doc on every call
            doc.from_array([SENT_START], starts.astype(numpy.uint64))
        return doc


@Language.factory("claimcheck_linebreaks", assigns=["token.is_sent_start"])
def make_linebreaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks()


# -- mentions -----------------------------------------------------------------------------------


class Mentions:
    """Marks countries, demonyms, capitals used as metonyms, organisations and treaties.

    Spans go to ``doc.spans["claimcheck_mentions"]`` with the kind as label (COUNTRY, DEMONYM,
    METONYM, ORG, INSTITUTION, TREATY, or a trained model's entity label) and the canonical name as
    ``kb_id_``.
    """

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        make = nlp.make_doc
        for actor in load_actors():
            kind = actor.get("kind", "org").upper()
            for group, label in (
                ("aliases", kind),
                ("demonyms", "DEMONYM"),
                ("metonyms", "METONYM"),
            ):
                names = actor.get(group, [])
                if names:
                    self.exact.add(f"{label}|{actor['name']}", [make(n) for n in names])
        for treaty in load_treaties():
            key = f"TREATY|{treaty['id']}"
            if treaty.get("aliases"):
                self.folded.add(key, [make(a) for a in treaty["aliases"]])
            if treaty.get("acronyms"):
                self.exact.add(key, [make(a) for a in treaty["acronyms"]])

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        spans = []
        for match_id, start, end in [*self.exact(doc), *self.folded(doc)]:
            label, canonical = strings[match_id].split("|", 1)
            spans.append(Span(doc, start, end, label=label, kb_id=canonical))
        for ent in doc.ents:
            if ent.label_ in MODEL_ENTITY_LABELS:
                spans.append(Span(doc, ent.start, ent.end, label=ent.label_, kb_id=ent.text))
        doc.spans[MENTIONS_KEY] = filter_spans(spans)
        return doc


@Language.factory("claimcheck_mentions", assigns=["doc.spans"])
def make_mentions(nlp: Language, name: str) -> Mentions:
    return Mentions(nlp, name)


# -- claims -------------------------------------------------------------------------------------


@dataclass
class Trigger:
    start: int  # token indices
    end: int
    type: str
    kind: str
    status: str | None
    promoted: bool = False  # an event noun that a verb of taking place made a verbal claim


@dataclass
class Group:
    type: str
    triggers: list[Trigger]
    embedded: bool = False

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
        return next((t for t in self.triggers if t.kind == "verb"), self.triggers[0])


@dataclass
class SentenceContext:
    doc: Doc
    text: str
    sent: Span
    mentions: list[Span]
    dates: list[DateMention]
    boilerplate: bool
    headline: bool = False
    parsed: bool = False
    first_trigger_char: int | None = None
    attributions: list[tuple[int, int, str]] = field(default_factory=list)


class ClaimDetector:
    """Finds claims: trigger rules from data, clause segmentation, slots, check-worthiness."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        threshold: float = 0.5,
        patterns_dir: str | None = None,
    ):
        self.name = name
        self.threshold = threshold
        self.rules = load_rules(patterns_dir)
        # One Matcher per rule, run only on sentences holding the rule's key word: spaCy's
        # Matcher costs tokens x patterns, and most sentences need only a few rules.
        self.matchers: dict[str, Matcher] = {}
        self.rules_by_key: dict[int, list[str]] = {}
        self.unkeyed: list[str] = []
        for pattern in self.rules.patterns:
            matcher = Matcher(nlp.vocab, validate=True)
            try:
                matcher.add(pattern["id"], [pattern["pattern"]])
            except Exception as exc:  # spaCy raises several types for a bad pattern
                raise PatternError(
                    f"pattern {pattern['id']!r} is not a valid spaCy Matcher pattern: {exc}"
                ) from None
            self.matchers[pattern["id"]] = matcher
            keys = _key_words(pattern["pattern"])
            if keys is None:
                self.unkeyed.append(pattern["id"])
            for word in keys or ():
                self.rules_by_key.setdefault(nlp.vocab.strings.add(word), []).append(pattern["id"])
        self.key_hashes = numpy.array(sorted(self.rules_by_key), dtype=numpy.uint64)
        self.near_hashes = {
            pid: numpy.array(
                sorted(nlp.vocab.strings.add(w) for w in extra["requires_near"]), dtype=numpy.uint64
            )
            for pid, extra in self.rules.extras.items()
            if extra["requires_near"]
        }
        self.date_hashes = numpy.array(
            sorted(nlp.vocab.strings.add(w) for w in DATE_WORDS), dtype=numpy.uint64
        )
        self.count_regex = {
            name: build_count_regex(t.count_nouns)
            for name, t in self.rules.types.items()
            if t.count_nouns
        }
        self.fallback_types = {n for n, t in self.rules.types.items() if t.fallback}

    # -- pipeline entry ------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # Doc.text is rebuilt on every access: read it once
        sent_starts = _sentence_starts(doc)
        triggers = self._triggers(doc, sent_starts)
        candidates: list[Claim] = []
        if triggers:
            resolver = doc._.claimcheck_date_context
            if resolver is None:
                published = doc._.claimcheck_published
                if isinstance(published, str):
                    published = date.fromisoformat(published)
                resolver = DateResolver(published or find_dateline(text))
            dates = self._find_dates(doc, text, sent_starts, resolver)
            mentions = sorted(doc.spans.get(MENTIONS_KEY, []), key=lambda s: s.start)
            boiler = boilerplate_ranges(text)
            by_sentence: dict[int, list[Trigger]] = {}
            for trig in triggers:
                key = _sentence_index(sent_starts, trig.start)
                by_sentence.setdefault(key, []).append(trig)
            parsed = doc.has_annotation("DEP")
            date_starts = [d.start for d in dates]
            mention_starts = [m.start for m in mentions]
            for key in sorted(by_sentence):
                start = int(sent_starts[key])
                end = int(sent_starts[key + 1]) if key + 1 < len(sent_starts) else len(doc)
                sent = doc[start:end]
                lo = bisect.bisect_left(date_starts, sent.start_char)
                hi = bisect.bisect_left(date_starts, sent.end_char)
                mlo = bisect.bisect_left(mention_starts, sent.start)
                mhi = bisect.bisect_left(mention_starts, sent.end)
                ctx = SentenceContext(
                    doc=doc,
                    text=text,
                    sent=sent,
                    mentions=mentions[mlo:mhi],
                    dates=dates[lo:hi],
                    boilerplate=_in_ranges(boiler, sent.start_char, sent.end_char),
                    headline=not doc._.claimcheck_continuation and _is_headline(text, sent),
                    parsed=parsed,
                )
                candidates.extend(self._sentence_claims(ctx, by_sentence[key]))
        elif doc._.claimcheck_date_context is not None:
            # keep the date context moving for "the following year" in later chunks
            self._find_dates(doc, text, sent_starts, doc._.claimcheck_date_context)
        kept = [c for c in candidates if c.score >= self.threshold]
        # Stored as plain dicts so that docs cross process boundaries (nlp.pipe(n_process=...)).
        doc._.claimcheck_candidates = [c.to_dict() for c in candidates]
        doc._.claimcheck_claims = [c.to_dict() for c in kept]
        doc.spans[CLAIMS_KEY] = [
            doc.char_span(c.start, c.end, label=c.type, alignment_mode="expand") for c in kept
        ]
        return doc

    # -- triggers ------------------------------------------------------------------------------

    def _triggers(self, doc: Doc, sent_starts: numpy.ndarray) -> list[Trigger]:
        strings = doc.vocab.strings
        extras = self.rules.extras
        specific, generic = [], []
        lowers = _column(doc, LOWER)
        for sent_start, sent_end, rule_ids in self._candidate_sentences(doc, sent_starts):
            sent = doc[sent_start:sent_end]
            for rule_id in rule_ids:
                for match_id, rel_start, rel_end in self.matchers[rule_id](sent):
                    start, end = sent_start + rel_start, sent_start + rel_end
                    pid = strings[match_id]
                    extra = extras[pid]
                    near = self.near_hashes.get(pid)
                    if near is not None:
                        lo, hi = max(sent_start, start - 12), min(sent_end, end + 12)
                        if not numpy.isin(lowers[lo:hi], near).any():
                            continue
                    label = pid.rsplit("-", 1)[0]
                    span = Span(doc, start, end, label=label, kb_id=pid)
                    (generic if label in self.fallback_types else specific).append(span)
        # Specific claim types win over the generic "policy" type where their triggers overlap.
        chosen = filter_spans(specific)
        taken = {i for span in chosen for i in range(span.start, span.end)}
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
            kind = extra["kind"]
            before = doc[span.start - 1].lower_ if span.start > 0 else ""
            sent_index = _sentence_index(sent_starts, span.start)
            sent_end = (
                int(sent_starts[sent_index + 1]) if sent_index + 1 < len(sent_starts) else len(doc)
            )
            first_in_sentence = span.start == int(sent_starts[sent_index])
            if kind == "verb" and before in tr.DETERMINERS and not first_in_sentence:
                kind = "noun"  # "a banned missile", "the seized assets": adjectival use
            if kind == "noun" and span.start in verbal_tokens:
                kind = "verb"
            promoted = kind == "noun" and _occurrence_follows(doc, span.end, sent_end)
            if promoted:
                kind = "verb"  # "the drills began", "the summit took place"
            triggers.append(
                Trigger(span.start, span.end, span.label_, kind, extra["status"], promoted)
            )
        return triggers

    def _candidate_sentences(
        self, doc: Doc, sent_starts: numpy.ndarray
    ) -> list[tuple[int, int, list[str]]]:
        """(start, end, rule ids) for each sentence holding the key word of some rule."""
        if len(doc) == 0:
            return []
        bounds = [*(int(x) for x in sent_starts), len(doc)]
        lowers = _column(doc, LOWER)
        hits = numpy.flatnonzero(numpy.isin(lowers, self.key_hashes))
        per_sentence: dict[int, dict[str, None]] = {}
        if self.unkeyed:
            for i in range(len(bounds) - 1):
                per_sentence[i] = dict.fromkeys(self.unkeyed)
        sentence_of = numpy.searchsorted(sent_starts, hits, side="right") - 1
        for position, sentence in zip(hits.tolist(), sentence_of.tolist(), strict=True):
            rules = per_sentence.setdefault(sentence, {})
            for rule_id in self.rules_by_key[int(lowers[position])]:
                rules[rule_id] = None
        return [(bounds[i], bounds[i + 1], list(per_sentence[i])) for i in sorted(per_sentence)]

    def _find_dates(self, doc: Doc, text: str, sent_starts: numpy.ndarray, resolver: DateResolver):
        """Date expressions, looked for only in sentences with a number or a date word."""
        if len(doc) == 0:
            return []
        lowers = _column(doc, LOWER)
        numeric = _column(doc, LIKE_NUM).astype(bool)
        hits = numpy.flatnonzero(numpy.isin(lowers, self.date_hashes) | numeric)
        bounds = [*(int(x) for x in sent_starts), len(doc)]
        found = []
        last_end = -1
        for i in numpy.unique(numpy.searchsorted(sent_starts, hits, side="right") - 1).tolist():
            start_char = max(doc[bounds[i]].idx, last_end)
            end_token = doc[bounds[i + 1] - 1]
            end_char = end_token.idx + len(end_token.text_with_ws)
            found.extend(resolver.find(text[start_char:end_char], start_char))
            last_end = end_char
        return found

    # -- sentences -----------------------------------------------------------------------------

    def _sentence_claims(self, ctx: SentenceContext, triggers: list[Trigger]) -> list[Claim]:
        doc, sent = ctx.doc, ctx.sent
        ctx.first_trigger_char = doc[triggers[0].start].idx
        ctx.attributions = find_attributions(
            ctx.text[sent.start_char : sent.end_char], sent.start_char
        )
        groups = self._group(doc, triggers)
        main = [g for g in groups if not g.embedded]
        bounds: dict[int, tuple[int, int]] = {}
        left = sent.start
        for i, group in enumerate(main):
            cut = _best_cut(doc, group.end, main[i + 1].start) if i + 1 < len(main) else sent.end
            bounds[id(group)] = (left, cut)
            left = cut
        claims = []
        for group in groups:
            if group.embedded:
                start, end = _noun_phrase(doc, group, sent)
            else:
                start, end = bounds[id(group)]
                if not group.verbal:
                    start = _noun_claim_start(ctx, group, start)
            claim = self._build(ctx, group, start, end)
            if claim is not None:
                claims.append(claim)
        return _dedupe(claims)

    def _group(self, doc: Doc, triggers: list[Trigger]) -> list[Group]:
        """Triggers of one clause form one claim; a new clause or a new type starts another."""
        groups: list[Group] = []
        for trig in triggers:
            current = next((g for g in reversed(groups) if not g.embedded), None)
            if current is None:
                groups.append(Group(trig.type, [trig]))
                continue
            strength = _boundary_strength(doc, current.end, trig.start)
            same_type = trig.type == current.type
            own_event = trig.kind == "noun" and strength >= 1 and _names_its_own_event(doc, trig)
            if (
                same_type
                and not own_event
                and (strength == 0 or trig.kind == "noun" or trig.promoted)
            ):
                # "imposed ... sanctions", "expelled 23 diplomats, the largest expulsion ..."
                current.triggers.append(trig)
            elif strength == 0 and trig.type in self.fallback_types:
                continue  # a generic measure inside a clause that already has a type
            elif strength == 0 and current.type in self.fallback_types:
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

    # -- one claim -----------------------------------------------------------------------------

    def _build(self, ctx: SentenceContext, group: Group, start: int, end: int) -> Claim | None:
        doc, sent = ctx.doc, ctx.sent
        head = group.head
        start, end = _trim(doc, start, end, head)
        if start >= end:
            return None
        char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        attribution = None
        trigger_start, trigger_end = doc[head.start].idx, doc[head.end - 1].idx
        for a_start, a_end, who in ctx.attributions:
            if a_end <= char_start or a_start >= char_end:
                continue  # another clause's source
            if a_start >= trigger_end or a_end <= trigger_start:
                attribution = who
                # drop an attribution that trails the claim ("..., officials said")
                if char_start < a_start and a_end >= char_end - 1:
                    char_end = _rstrip_punct(ctx.text, char_start, a_start)
                break
        seg_text = ctx.text[char_start:char_end]
        slots = Slots(attribution=attribution)
        self._fill_actors(ctx, group, start, end, slots)
        slots.treaty = _treaty(ctx, start, end, group.type)
        treaty_names = {m.text for m in ctx.mentions if m.label_ == "TREATY"}
        slots.place = _place(seg_text, slots, treaty_names)
        win_start = max(start, head.start - 14)
        win_end = min(end, head.end + 20)
        window_start_char = doc[win_start].idx
        window_text = ctx.text[
            window_start_char : doc[win_end - 1].idx + len(doc[win_end - 1].text)
        ]
        self._fill_count(group.type, window_text, window_start_char, doc[head.start].idx, slots)
        if slots.count is None and slots.count_text is None and group.type in self.count_regex:
            _bare_count(doc, group, end, slots)
        rounds = find_rounds(seg_text, char_start)
        if rounds:
            best = min(rounds, key=lambda r: abs(r.start - doc[head.start].idx))
            slots.round, slots.round_text = best.value, best.text
        clause_start = _clause_start(doc, start, head.start)
        slots.date = _pick_date(
            ctx,
            doc[head.start].idx,
            char_start,
            char_end,
            own_only=not group.verbal,
            clause_char=doc[clause_start].idx,
        )
        slots.status = _status(group, seg_text)

        cues, score = self._score(ctx, group, slots, seg_text, start, end)
        sentence = ctx.text[sent.start_char : sent.end_char].strip()
        return Claim(
            type=group.type,
            text=ctx.text[char_start:char_end],
            start=char_start,
            end=char_end,
            sentence=sentence,
            score=score,
            cues=cues,
            slots=slots,
        )

    def _fill_actors(
        self, ctx: SentenceContext, group: Group, start: int, end: int, slots: Slots
    ) -> None:
        doc = ctx.doc
        head = group.head
        found = _actor_mentions(ctx, start, end)
        passive = group.verbal and any(
            t.lower_ in tr.PASSIVE_AUX for t in doc[max(start, head.start - 3) : head.start]
        )
        left = [m for m in found if m[1] <= head.start and not _after_preposition(doc, m[0], start)]
        right = [m for m in found if m[0] >= head.end]
        by_actor = next((m for m in right if m[0] > 0 and doc[m[0] - 1].lower_ == "by"), None)
        right = [
            m
            for m in right
            if not (m[0] > 0 and doc[m[0] - 1].lower_ in ("by", "in", "at", "near"))
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

    def _fill_count(
        self, claim_type: str, text: str, offset: int, anchor: int, slots: Slots
    ) -> None:
        regex = self.count_regex.get(claim_type)
        if regex is None:
            return
        counts = find_counts(text, regex, offset)
        if not counts:
            return
        best = min(counts, key=lambda c: abs(c.start - anchor))
        slots.count, slots.count_text, slots.count_qualifier = best.value, best.text, best.qualifier

    # -- check-worthiness ----------------------------------------------------------------------

    def _score(
        self, ctx: SentenceContext, group: Group, slots: Slots, text: str, start: int, end: int
    ) -> tuple[list[str], float]:
        doc = ctx.doc
        cues: list[str] = []
        score = 0.45 if group.verbal else 0.3
        cues.append("event" if group.verbal else "event_noun")
        if slots.actor:
            score += 0.15
            cues.append("actor")
        if (
            slots.count is not None
            or slots.round is not None
            or slots.count_text
            or slots.round_text
        ):
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
        if not group.verbal and _has_specifier(doc, group, ctx.sent.end):
            score += 0.1
            cues.append("specific")
        if ctx.headline:
            score += 0.1
            cues.append("headline")
        score = min(score, 1.0)

        scope_end = _clause_end(doc, group.head.end, end)
        words = [t.lower_ for t in doc[start:scope_end]]
        orths = [t.text for t in doc[start:scope_end]]
        text = ctx.text[doc[start].idx : doc[scope_end - 1].idx + len(doc[scope_end - 1].text)]
        sent_text = ctx.text[ctx.sent.start_char : ctx.sent.end_char].strip().rstrip("\"'”’)")
        penalties = []
        hedge = any(w in tr.HEDGE_WORDS for w in words if w != "may") or any(
            o == "may" for o in orths
        )
        if hedge or tr.HEDGE_PHRASES.search(text):
            penalties.append("hedge")
        future_at = [i for i, w in enumerate(words) if w in tr.FUTURE_WORDS]
        if future_at:
            announced = any(
                w in tr.ANNOUNCE_VERBS for w in words[: future_at[0]]
            ) or _announce_before(doc, ctx.sent.start, start)
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
        if not group.verbal and _generic_mention(doc, group, slots):
            penalties.append("generic")
        for penalty in penalties:
            cues.append(penalty)
            score *= 0.0 if penalty == "boilerplate" else 0.3
        return cues, round(score, 3)


@Language.factory(
    "claimcheck_claims",
    default_config={"threshold": 0.5, "patterns_dir": None},
    assigns=["doc._.claimcheck_claims", "doc._.claimcheck_candidates", "doc.spans"],
)
def make_claims(
    nlp: Language, name: str, threshold: float, patterns_dir: str | None
) -> ClaimDetector:
    return ClaimDetector(nlp, name, threshold=threshold, patterns_dir=patterns_dir)


# -- helpers: segmentation ----------------------------------------------------------------------


def _sentence_starts(doc: Doc) -> numpy.ndarray:
    """Token indices where sentences start, computed once per doc."""
    if len(doc) == 0:
        return numpy.zeros(0, dtype=numpy.int64)
    flags = doc.to_array([SENT_START])
    if flags.ndim > 1:
        flags = flags[:, 0]
    starts = numpy.flatnonzero(flags == 1)
    if len(starts) == 0 or starts[0] != 0:
        starts = numpy.concatenate([[0], starts])
    return starts


def _column(doc: Doc, attr: int) -> numpy.ndarray:
    values = doc.to_array([attr])
    return values[:, 0] if values.ndim > 1 else values


COMMON_WORDS = words(
    "the a an to of in on at for from by with out off up down and or have has had was were is "
    "are be been held hold said says announced announces signed signs adopted sent send moved "
    "ordered told gave cut cuts end ended ends left leave called call back walk walked step "
    "stepped pulled pull put took take made make added adds listed designated"
)


def _key_words(pattern: list[dict[str, Any]]) -> list[str] | None:
    """The words of a rule's most distinctive required token, or None if it has none."""
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
    return best[2] if best else None


DATE_WORDS = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar. apr. jun. jul. aug. sep. "
    "sept. oct. nov. dec. monday tuesday wednesday thursday friday saturday sunday spring "
    "summer autumn fall winter today yesterday tomorrow tonight night morning weekend week "
    "weeks month months year years overnight day days decade"
)


def _sentence_index(sent_starts: numpy.ndarray, token: int) -> int:
    return int(numpy.searchsorted(sent_starts, token, side="right")) - 1


def _boundary_strength(doc: Doc, a: int, b: int) -> int:
    """0: no boundary between tokens a..b; 1: only commas; 2: a clause boundary."""
    strength = 0
    for token in doc[a:b]:
        if token.text in tr.STRONG_PUNCT or token.lower_ in tr.CLAUSE_CONJUNCTIONS:
            return 2
        if token.text == ",":
            strength = 1
    return strength


def _best_cut(doc: Doc, a: int, b: int) -> int:
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


def _noun_phrase(doc: Doc, group: Group, sent: Span) -> tuple[int, int]:
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


def _trim(doc: Doc, start: int, end: int, head: Trigger) -> tuple[int, int]:
    start = _skip_dateline(doc, start, head.start)
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


def _rstrip_punct(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1] in " ,;:—–\"“”'’" or text[end - 1].isspace()):
        end -= 1
    return end


def _in_ranges(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
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


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen: dict[tuple[str, int, int], Claim] = {}
    for claim in claims:
        key = (claim.type, claim.start, claim.end)
        if key not in seen or claim.score > seen[key].score:
            seen[key] = claim
    return list(seen.values())


# -- helpers: slots -----------------------------------------------------------------------------


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


def _actor_mentions(ctx: SentenceContext, start: int, end: int) -> list[tuple[int, int, str]]:
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


def _treaty(ctx: SentenceContext, start: int, end: int, claim_type: str) -> str | None:
    inside = [m for m in ctx.mentions if m.label_ == "TREATY" and m.start >= start and m.end <= end]
    if not inside and claim_type == "treaty_withdrawal":
        inside = [m for m in ctx.mentions if m.label_ == "TREATY"]
    return inside[0].kb_id_ if inside else None


def _place(text: str, slots: Slots, excluded: set[str]) -> str | None:
    for m in tr.PLACE_RE.finditer(text):
        place = m.group("place")
        words = place.split()
        while words and words[-1] in ("of", "de", "upon", "on"):
            words.pop()
        if not words or words[0] in tr.NAME_STOPWORDS or re.fullmatch(r"\d+", words[0]):
            continue
        place = " ".join(words)
        if place in (slots.actor, slots.target) or any(place in name for name in excluded):
            continue
        return place
    return None


def _pick_date(
    ctx: SentenceContext,
    anchor: int,
    start: int,
    end: int,
    own_only: bool = False,
    clause_char: int | None = None,
) -> DateValue | None:
    """The date nearest the trigger inside the claim, else (for a main clause) in the sentence.

    Inside the claim, a date in the trigger's own clause wins over one before a "that" or a
    clause word: in "X said on Saturday that Y fired on Wednesday", Wednesday is Y's date.
    """
    inside = [d for d in ctx.dates if d.start >= start and d.end <= end]
    if clause_char is not None:
        own_clause = [d for d in inside if d.start >= clause_char]
        inside = own_clause or inside
    pool = inside if (inside or own_only) else ctx.dates
    if not pool:
        return None
    resolved = [d for d in pool if d.value.resolved]
    pool = resolved or pool
    if not inside and ctx.first_trigger_char is not None:
        # a date that opens the sentence ("On Thursday, X did A, B and C") covers every clause
        opening = [d for d in pool if d.end <= ctx.first_trigger_char]
        pool = opening or pool
    best = min(pool, key=lambda d: abs(d.start - anchor))
    return best.value


def _status(group: Group, text: str) -> str:
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


def _announce_before(doc: Doc, sent_start: int, start: int) -> bool:
    return any(t.lower_ in tr.ANNOUNCE_VERBS for t in doc[sent_start:start])


OCCURRENCE_VERBS = words(
    "began begun begins started starts ended ends took take takes held opened opens concluded "
    "concludes continued resumed went got wrapped kicked"
)


def _occurrence_follows(doc: Doc, end: int, sent_end: int) -> bool:
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


def _noun_claim_start(ctx: SentenceContext, group: Group, start: int) -> int:
    """Start a noun-carried claim at its noun phrase ("in retaliation for | the killing of ..."),
    unless an actor or a date before the phrase belongs to the claim."""
    np_start, _ = _noun_phrase(ctx.doc, group, ctx.sent)
    if np_start <= start:
        return start
    if any(start <= m.start < np_start for m in ctx.mentions):
        return start
    lo, hi = ctx.doc[start].idx, ctx.doc[np_start].idx
    if any(lo <= d.start < hi for d in ctx.dates):
        return start
    return np_start


def _clause_start(doc: Doc, start: int, head: int) -> int:
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


def _names_its_own_event(doc: Doc, trig: Trigger) -> bool:
    """An event noun with its own object or name ("the killing of General Soleimani")."""
    end = min(trig.end + 4, len(doc))
    if trig.end < end and doc[trig.end].lower_ in ("of", "on", "against"):
        return any(
            t.is_title and t.lower_ not in DATE_WORDS and t.text not in tr.NAME_STOPWORDS
            for t in doc[trig.end + 1 : end]
        )
    return False


def _clause_end(doc: Doc, after: int, end: int) -> int:
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


def _generic_mention(doc: Doc, group: Group, slots: Slots) -> bool:
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


def _bare_count(doc: Doc, group: Group, end: int, slots: Slots) -> None:
    """ "expel 35", "ordered 25 to leave": a number inside or right after the trigger."""
    from .numbers import words_to_int

    head = group.head
    inside = [t for t in doc[head.start : head.end] if t.like_num]
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
        if value is None or (1900 <= value <= 2099):
            return
        if following is None or following.is_punct or following.lower_ in BARE_COUNT_FOLLOWERS:
            slots.count, slots.count_text = value, doc[i].text


BARE_COUNT_FOLLOWERS = words("to more others of as and in on after over from by while but")


def _skip_dateline(doc: Doc, start: int, limit: int) -> int:
    """Skip a wire-style dateline ("MOSCOW -", "BERLIN/PARIS -") at the start of a clause."""
    i = start
    while i < limit and (doc[i].is_upper or doc[i].text in ("/", ",") or doc[i].like_num):
        i += 1
    if i > start and i < limit and doc[i].text in ("-", "—", "–", "--"):
        return i + 1
    return start


def _is_headline(text: str, sent: Span) -> bool:
    """The article's first line when it reads as a headline: short, on its own, no full stop."""
    if sent.start_char > 400 or text[: sent.start_char].strip():
        return False
    line_end = text.find("\n", sent.start_char)
    line = text[sent.start_char : line_end if line_end != -1 else len(text)].strip()
    return 0 < len(line.split()) <= 16 and not line.endswith((".", "?", "!", ":"))


def _has_specifier(doc: Doc, group: Group, sent_end: int) -> bool:
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
