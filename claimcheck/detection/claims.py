"""``claimcheck_claims``: the claim detector, one stage per module.

triggers (rules from data) -> clauses (one span per claim) -> parties and slots -> status ->
check-worthiness. Claims are stored on the Doc as plain dicts so Docs cross process boundaries.
"""

from __future__ import annotations

import bisect
import itertools
import re
from datetime import date, timedelta

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..model import Claim, DateValue, Slots
from . import text_rules as tr
from .clauses import (
    Group,
    best_cut,
    boundary_strength,
    clause_start,
    group_triggers,
    noun_claim_start,
    noun_phrase,
    relative_clause_end,
    rstrip_punct,
    trim,
)
from .dates import DateResolver, find_dateline
from .mentions import MENTIONS_KEY
from .numbers import build_count_regex, find_rounds
from .page import boilerplate_ranges, dateline_party, find_datelines, in_ranges
from .parties import PRONOUN_SUBJECTS, fill_actors, find_attributions
from .quotes import (
    QUOTE_SPAN,
    SAY_PARTICIPLES,
    SAY_VERBS,
    SAY_WITH_OBJECT,
    Turn,
    factual,
    reported_statements,
    speaker_turns,
)
from .rules import load_rules
from .scoring import score
from .sentences import (
    DATE_WORDS,
    Columns,
    DocumentContext,
    SentenceContext,
    doc_text,
    find_dates,
    heading_dates,
    is_headline,
    sentence_index,
    sentence_starts,
)
from .slots import bare_count, fill_count, pick_date, place_of, treaty_of
from .statements import STATEMENT_TYPES, fill_statement_slots
from .status import denied_role, status_of
from .triggers import Trigger, TriggerFinder
from .weights import candidate_features, load_weights

CLAIMS_KEY = "claimcheck_claims"


def register_extensions() -> None:
    """Declare the Doc extensions claimcheck uses; safe to call more than once."""
    for name, default in (
        ("claimcheck_published", None),  # ISO date (or datetime.date) of publication
        ("claimcheck_date_context", None),  # DateResolver carried across chunks of one article
        ("claimcheck_continuation", False),  # a later chunk of a long article: no headline
        ("claimcheck_claims", None),  # claims at or above the threshold
        ("claimcheck_candidates", None),  # every candidate with its score
        ("claimcheck_text", None),  # the text detect() made the Doc from (see doc_text)
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()


class ClaimDetector:
    """Finds claims: trigger rules from data, clause segmentation, slots, check-worthiness."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        threshold: float = 0.5,
        patterns_dir: str | None = None,
        weights: str | None = None,
    ):
        self.name = name
        self.threshold = threshold
        self.rules = load_rules(patterns_dir)
        self.weights = load_weights(weights)
        # the words that make a sentence worth reading for reported speech, as token keys
        self.hint_keys = frozenset(nlp.vocab.strings.add(w) for w in QUOTE_HINT_WORDS)
        self.triggers = TriggerFinder(nlp, self.rules)
        self.date_hashes = frozenset(nlp.vocab.strings.add(w) for w in DATE_WORDS)
        self.count_regex = {
            name: build_count_regex(t.count_nouns)
            for name, t in self.rules.types.items()
            if t.count_nouns
        }
        self.fallback_types = {n for n, t in self.rules.types.items() if t.fallback}
        # the last word of each counted noun ("embassy staff" -> "staff"), for whose people
        self.count_words = {
            name: frozenset(n.split()[-1].lower() for n in t.count_nouns)
            for name, t in self.rules.types.items()
        }

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        sent_starts = sentence_starts(doc)
        columns = Columns.of(doc)
        triggers = self.triggers.find(doc, sent_starts, columns)
        turns = [] if doc._.claimcheck_continuation else speaker_turns(text)
        by_sentence: dict[int, list[Trigger]] = {}
        for trig in triggers:
            key = sentence_index(sent_starts, trig.start)
            by_sentence.setdefault(key, []).append(trig)
        # what each sentence that may report speech reports, found before anything else is
        # done for it: most such sentences report nothing factual and need no more work
        quoted: dict[int, list[tuple[int, int, str | None]]] = {}
        named_at = sorted(m.start_char for m in doc.spans.get(MENTIONS_KEY, []))
        for key in sorted(self._quote_sentences(doc, text, sent_starts, turns, columns)):
            sent = doc[_sentence_span(doc, sent_starts, key)]
            statements = [
                (start, end, who)
                for start, end, who in self._quote_statements(text, sent, _turn_of(turns, sent))
                # a statement worth checking names a party or gives a figure: "the conductor
                # said the singers had rehearsed since June" does neither
                if bisect.bisect_left(named_at, start) < bisect.bisect_left(named_at, end)
                or any(ch.isdigit() for ch in text[start:end])
            ]
            if statements or key in by_sentence:
                quoted[key] = statements
        wanted = set(by_sentence) | set(quoted)
        candidates: list[Claim] = []
        if wanted:
            resolver = doc._.claimcheck_date_context
            if resolver is None:
                published = doc._.claimcheck_published
                if isinstance(published, str):
                    published = date.fromisoformat(published)
                resolver = DateResolver(published or find_dateline(text))
            # dates only where a claim may be: other sentences are passed over
            dates = find_dates(doc, text, sent_starts, resolver, self.date_hashes, wanted, columns)
            datelines = [] if doc._.claimcheck_continuation else find_datelines(text[:3000])
            if datelines:  # "PARIS, March 4 (Agency) -" dates the story, not its events
                dates = [d for d in dates if not any(x.start <= d.start < x.end for x in datelines)]
            mentions = sorted(
                (
                    m
                    for m in doc.spans.get(MENTIONS_KEY, [])
                    if not any(d.start <= m.start_char < d.end for d in datelines)
                ),
                key=lambda s: s.start,
            )
            document = DocumentContext(
                doc,
                text,
                sent_starts,
                mentions,
                dateline_party=dateline_party(datelines),
                dateline_ends=[d.end for d in datelines],
                published=resolver.published,
                turns=turns,
            )
            boiler = boilerplate_ranges(text)
            headings = heading_dates(text, dates)
            parsed = doc.has_annotation("DEP")
            date_starts = [d.start for d in dates]
            mention_starts = [m.start for m in mentions]
            for key in sorted(wanted):
                sent = doc[_sentence_span(doc, sent_starts, key)]
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
                    boilerplate=in_ranges(boiler, sent.start_char, sent.end_char),
                    headline=not doc._.claimcheck_continuation and is_headline(text, sent),
                    parsed=parsed,
                    index=key,
                    document=document,
                    heading_date=next(
                        (v for a, b, v in headings if a <= sent.start_char < b), None
                    ),
                )
                ctx.turn = _turn_of(turns, sent)
                found = self._sentence_claims(ctx, by_sentence[key]) if key in by_sentence else []
                if ctx.turn is not None:
                    for claim in found:
                        in_turn(claim, ctx.turn, self.weights)
                found += self._quotes(ctx, found, quoted[key]) if key in quoted else []
                candidates.extend(found)
        elif doc._.claimcheck_date_context is not None:
            # keep the date context moving for "the following year" in later chunks
            resolver = doc._.claimcheck_date_context
            find_dates(doc, text, sent_starts, resolver, self.date_hashes, set(), columns)
        if candidates:
            inherit_periods(candidates, text)
            resolve_pronoun_speakers(
                candidates,
                [(m.start_char, m.kb_id_) for m in mentions if m.label_ == "PERSON"],
                text,
            )
        kept = [c for c in candidates if c.score >= self.threshold]
        # Stored as plain dicts so that docs cross process boundaries (nlp.pipe(n_process=...)).
        doc._.claimcheck_candidates = [c.to_dict() for c in candidates]
        doc._.claimcheck_claims = [c.to_dict() for c in kept]
        doc.spans[CLAIMS_KEY] = [
            doc.char_span(c.start, c.end, label=c.type, alignment_mode="expand") for c in kept
        ]
        return doc

    def _quote_sentences(
        self, doc: Doc, text: str, sent_starts: numpy.ndarray, turns: list[Turn], columns: Columns
    ) -> set[int]:
        """Sentences that may report what someone said: an attribution verb or a quotation,
        or any sentence of a speaker's turn in a transcript."""
        if "quote" not in self.rules.types or len(doc) == 0:
            return set()
        token_starts = columns.idx
        hint_keys = self.hint_keys
        hints = [i for i, word in enumerate(columns.lower) if word in hint_keys]
        keys = set(
            (numpy.searchsorted(sent_starts, hints, side="right") - 1).tolist() if hints else []
        )
        for pos in (t.start for t in turns if not t.moderator):
            token = bisect.bisect_right(token_starts, pos) - 1
            keys.add(sentence_index(sent_starts, max(token, 0)))
        if turns:
            for turn in turns:
                if turn.moderator:
                    continue
                first = bisect.bisect_left(token_starts, turn.start)
                last = bisect.bisect_right(token_starts, turn.end) - 1
                for key in range(
                    sentence_index(sent_starts, first),
                    sentence_index(sent_starts, max(last, 0)) + 1,
                ):
                    keys.add(key)
        return keys

    def _quote_statements(
        self,
        text: str,
        sent: Span,
        turn: Turn | None,
    ) -> list[tuple[int, int, str | None]]:
        """What a sentence reports someone as saying, when it is long enough and factual:
        (start, end, speaker) in chars; in a transcript turn, the sentence itself."""
        sentence = text[sent.start_char : sent.end_char]
        statements = reported_statements(sentence, sent.start_char)
        if not statements and QUOTE_SPAN.search(sentence.rstrip()):
            # a quotation with its speaker named elsewhere in the sentence
            attributions = find_attributions(sentence, sent.start_char)
            statements = reported_statements(sentence, sent.start_char, attributions)
        if turn is not None and not turn.moderator and not statements:
            body_start = max(sent.start_char, turn.start)
            body = text[body_start : sent.end_char].strip()
            lead = len(text[body_start : sent.end_char]) - len(
                text[body_start : sent.end_char].lstrip()
            )
            statements = [
                (body_start + lead, body_start + lead + len(body.rstrip(".")), turn.speaker)
            ]
        return [
            (start, end, who)
            for start, end, who in statements
            if end - start >= 20 and factual(text[start:end])
        ]

    def _quotes(
        self,
        ctx: SentenceContext,
        claims: list[Claim],
        statements: list[tuple[int, int, str | None]],
    ) -> list[Claim]:
        """Quote claims: what the sentence reports someone as saying, when it is not already a
        claim of another type."""
        sent = ctx.sent
        out: list[Claim] = []
        for start, end, who in statements:
            body = ctx.text[start:end]
            covered = sum(
                min(end, c.end) - max(start, c.start)
                for c in claims
                if c.start < end and start < c.end and c.score >= self.threshold
            )
            if covered * 2 >= end - start:
                continue  # what is said is already an event or a figure
            if any(c.start < end and start < c.end for c in out):
                continue
            slots = Slots(attribution=who)
            inside = [d for d in ctx.dates if start <= d.start and d.end <= end]
            slots.date = inside[0].value if inside else None
            cues = ["quote", "attribution"]
            if re.search(r"\d", body):
                cues.append("number")
            if slots.date:
                cues.append("date")
            if any(start <= m.start_char < end for m in ctx.mentions):
                cues.append("named")
            if ctx.boilerplate:
                cues.append("boilerplate")
            worth = self.weights.score(candidate_features(cues, "quote", None))
            out.append(
                Claim(
                    type="quote",
                    text=body,
                    start=start,
                    end=end,
                    sentence=sentence_around(ctx.text, sent.start_char, sent.end_char, start, end),
                    score=round(worth, 3),
                    cues=cues,
                    slots=slots,
                )
            )
        return out

    def _sentence_claims(self, ctx: SentenceContext, triggers: list[Trigger]) -> list[Claim]:
        doc, sent = ctx.doc, ctx.sent
        ctx.first_trigger_char = doc[triggers[0].start].idx
        ctx.attributions = find_attributions(
            ctx.text[sent.start_char : sent.end_char], sent.start_char
        )
        groups = settle_statements(doc, group_triggers(doc, triggers, self.fallback_types))
        main = [g for g in groups if not g.embedded]
        bounds: dict[int, tuple[int, int]] = {}
        left = sent.start
        for i, group in enumerate(main):
            cut = best_cut(doc, group.end, main[i + 1].start) if i + 1 < len(main) else sent.end
            bounds[id(group)] = (left, cut)
            left = cut
        claims = []
        for group in groups:
            if group.embedded:
                start, end = noun_phrase(doc, group, sent)
            else:
                start, end = bounds[id(group)]
                if not group.verbal:
                    start = noun_claim_start(ctx, group, start)
            if group.type == "attack" and forces_act(doc, start, group):
                group.type = "military"
            claim = self._build(ctx, group, start, end)
            if claim is not None:
                claims.append(claim)
        claims += self._results_as_elections(ctx, claims)
        return dedupe(_results_of_the_same_event(ctx.text, claims))

    def _results_as_elections(self, ctx: SentenceContext, claims: list[Claim]) -> list[Claim]:
        """A candidate's share of the vote is a statistic and also an election told by its
        result ("Georgian Dream had 53.92 per cent of the vote"), as the annotation guide
        counts it: one election claim for the sentence, over the figure, unless the sentence
        already tells the election."""
        if any(c.type == "election" and c.score >= self.threshold for c in claims):
            return []
        for claim in claims:
            if claim.type != "statistic" or claim.score < self.threshold:
                continue
            if not VOTE_FIGURE.search(claim.text) or NOT_A_RESULT.search(claim.text):
                continue
            document = ctx.document
            slots = Slots(
                actor=document.election_state if document is not None else None,
                status="completed",
                date=claim.slots.date,
            )
            cues = [c for c in claim.cues if c != "event"]
            return [
                Claim(
                    type="election",
                    text=claim.text,
                    start=claim.start,
                    end=claim.end,
                    sentence=claim.sentence,
                    score=claim.score,
                    cues=["event", "result", *cues],
                    slots=slots,
                )
            ]
        return []

    def _build(self, ctx: SentenceContext, group: Group, start: int, end: int) -> Claim | None:
        doc, sent = ctx.doc, ctx.sent
        head = group.head
        start, end = trim(doc, start, end, head)
        # "Poland, which expelled 45 diplomats on Friday, said more could follow": the claim is
        # the relative clause; what its subject goes on to say is not part of it
        end = relative_clause_end(doc, sent.start, head.start, end) or end
        if ctx.document and ctx.document.dateline_ends:
            start = skip_to(doc, start, head.start, ctx.document.dateline_ends)
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
                    char_end = rstrip_punct(ctx.text, char_start, a_start)
                break
        seg_text = ctx.text[char_start:char_end]
        slots = Slots(attribution=attribution)
        fill_actors(
            ctx,
            group,
            start,
            end,
            slots,
            roles=self.rules.types[group.type].parties,
            undergoer_subject=group.head.undergoer_subject,
            count_nouns=self.count_words.get(group.type, frozenset()),
        )
        slots.treaty = treaty_of(ctx, start, end, group.type)
        treaty_names = {m.text for m in ctx.mentions if m.label_ == "TREATY"}
        slots.place = place_of(seg_text, slots, treaty_names)
        win_start = max(start, head.start - 14)
        win_end = min(end, head.end + 20)
        window_start_char = doc[win_start].idx
        window_text = ctx.text[
            window_start_char : doc[win_end - 1].idx + len(doc[win_end - 1].text)
        ]
        fill_count(
            self.count_regex.get(group.type),
            window_text,
            window_start_char,
            doc[head.start].idx,
            slots,
        )
        if slots.count is None and slots.count_text is None and group.type in self.count_regex:
            bare_count(doc, group, end, slots)
        rounds = find_rounds(seg_text, char_start) if group.type not in STATEMENT_TYPES else []
        if rounds:
            best = min(rounds, key=lambda r: abs(r.start - doc[head.start].idx))
            slots.round, slots.round_text = best.value, best.text
        clause_first = clause_start(doc, start, head.start)
        slots.date = pick_date(
            ctx,
            doc[head.start].idx,
            char_start,
            char_end,
            own_only=not group.verbal,
            clause_char=doc[clause_first].idx,
        )
        slots.status = status_of(doc, group, clause_first, seg_text, ctx.headline)
        if (
            slots.status == "announced"
            and ctx.document is not None
            and _of_the_announced_event(ctx, slots.date, doc[head.start].idx)
        ):
            slots.date = ahead(slots.date, ctx.document.published)
        if group.type in STATEMENT_TYPES:
            slots.status = None
            fill_statement_slots(ctx, group, start, end, slots)

        cues, worth = score(ctx, group, slots, seg_text, start, end, self.weights)
        sentence = sentence_around(ctx.text, sent.start_char, sent.end_char, char_start, char_end)
        return Claim(
            type=group.type,
            text=ctx.text[char_start:char_end],
            start=char_start,
            end=char_end,
            sentence=sentence,
            score=worth,
            cues=cues,
            slots=slots,
        )


@Language.factory(
    "claimcheck_claims",
    default_config={"threshold": 0.5, "patterns_dir": None, "weights": None},
    assigns=["doc._.claimcheck_claims", "doc._.claimcheck_candidates", "doc.spans"],
)
def make_claims(
    nlp: Language,
    name: str,
    threshold: float,
    patterns_dir: str | None,
    weights: str | None,
) -> ClaimDetector:
    return ClaimDetector(nlp, name, threshold=threshold, patterns_dir=patterns_dir, weights=weights)


def _sentence_span(doc: Doc, sent_starts: numpy.ndarray, key: int) -> slice:
    end = int(sent_starts[key + 1]) if key + 1 < len(sent_starts) else len(doc)
    return slice(int(sent_starts[key]), end)


def _turn_of(turns: list[Turn], sent: Span) -> Turn | None:
    """The transcript turn holding the sentence's last character: a sentence may begin with the
    speaker's label ("SMITH: Congress has ...")."""
    last_char = max(sent.start_char, sent.end_char - 1)
    return next((t for t in turns if t.start <= last_char < t.end + 1), None)


WEEKDAY_NAME = re.compile(r"(?i)\b(?:on\s+|this\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")


# "Prime Minister Kiril Petkov", "Yevgeny Prigozhin", "Ms Nabiullina": a named person
NAMED_PERSON = re.compile(
    r"(?:^|\s)(?:(?:Mr|Mrs|Ms|Dr)\.?\s+[A-Z][\w'’-]+|[A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w'’-]+)+)$"
)
# "the ministry said ...; it said": a body spoken for with a common noun
BODY_NOUN = re.compile(
    r"(?i)^the\s+(?:\w+\s+)?(?:ministry|office|department|council|commission|committee|agency|"
    r"service|bank|court|government|embassy|bureau|kremlin|police|prosecutors?|investigators|"
    r"officials|authorities|company|group|army|military|tribunal|inquiry|report|statement)$"
)
# "the Foreign Ministry", "Russia's Defence Ministry": a body named in the text
NAMED_BODY = re.compile(
    r"\b(?:[Tt]he|[A-Z][\w-]*['’]s)\s+(?:[A-Z][\w'’-]*\s+){0,3}"
    r"(?:Ministry|Office|Department|Council|Commission|Committee|Agency|Service|Bank|Kremlin|"
    r"Government|Court|Embassy|Bureau|Prosecutor's Office)\b"
)
INSTITUTION_WORDS = re.compile(
    r"\b(?:Ministry|Office|Department|Council|Commission|Committee|Agency|Service|Bank|Union|"
    r"Kremlin|Government|Institute|Court|Party|Embassy|Bureau|Centre|Center|Organization|"
    r"Organisation)\b"
)


def inherit_periods(claims: list[Claim], text: str) -> None:
    """A figure with no date of its own ("Turnout was 54.3%") is for the time of the event the
    text has just told, in the same or the previous paragraph ("Sandu won Sunday's runoff")."""
    last: tuple[int, DateValue] | None = None
    for claim in sorted(claims, key=lambda c: c.start):
        statistic = claim.type == "statistic"
        if statistic and claim.slots.period is None and last is not None:
            between = text[last[0] : claim.start]
            if between.count("\n\n") <= 1 and len(between) < 700:
                claim.slots.period = last[1]
        # a statistic's own date may be its earlier value's ("higher than in 2020"): its period
        # is what it is for
        when = claim.slots.period if statistic else claim.slots.date
        if when is not None and when.resolved:
            last = (claim.end, when)


def resolve_pronoun_speakers(
    claims: list[Claim], people: list[tuple[int, str]], text: str = ""
) -> None:
    """ "he said", "she told reporters": the speaker is the person named last before it (a
    known person's name, or a named person given as the speaker of an earlier claim), within a
    few sentences; otherwise the pronoun stays. "it said", "they said": the ministry, court or
    agency named last before it; a quote with no such body named is dropped."""
    named = list(people)
    for claim in claims:
        who = claim.slots.attribution
        if who and NAMED_PERSON.search(who) and not INSTITUTION_WORDS.search(who):
            named.append((claim.start, who))
    named.sort()
    bodies = sorted(
        [
            (c.start, c.slots.attribution)
            for c in claims
            if c.slots.attribution
            and c.slots.attribution.lower() not in PRONOUN_SUBJECTS
            and (
                INSTITUTION_WORDS.search(c.slots.attribution)
                or BODY_NOUN.search(c.slots.attribution)
            )
        ]
        + [(m.start(), m.group(0)) for m in NAMED_BODY.finditer(text)]
    )
    for claim in claims:
        who = claim.slots.attribution
        if who is None or who.lower() not in PRONOUN_SUBJECTS:
            continue
        pool = named if who.lower() in ("he", "she") else bodies
        before = [name for pos, name in pool if claim.start - 600 <= pos < claim.end]
        if before:
            claim.slots.attribution = before[-1]
    # "..., it said" with no ministry, court or agency named before: nobody to attribute it to
    claims[:] = [
        c
        for c in claims
        if not (c.type == "quote" and (c.slots.attribution or "").lower() in ("it", "they"))
    ]


# a share of the vote or a tally of votes: "53.92 per cent of the vote", "48.4% for Pekka
# Haavisto", "930,139 votes"
VOTE_FIGURE = re.compile(
    r"\d[\d.,]*\s*(?:%|[Pp]er ?cent|[Pp]ercent)\s+(?:of\s+(?:the\s+)?(?:\w+\s+)?(?:votes?|ballots)\b"
    r"|for\s+(?:[a-z-]+\s+){0,4}[A-Z])"
    r"|\d[\d,]*(?:\s+(?:million|thousand))?\s+votes\b"
)


# a chamber's tally ("by 188 votes to six") or votes bought are no election's result
NOT_A_RESULT = re.compile(
    r"(?i)\bvotes\s+(?:to|in\s+favou?r|against)\b|\b(?:buy|bought|buying)\s+(?:\S+\s+){0,2}\d"
)


def _results_of_the_same_event(text: str, claims: list[Claim]) -> list[Claim]:
    """Drop an event claim that only goes on to give the result of the one before it:
    "Sandu won re-election in Sunday's runoff, taking 55.41 per cent of the vote" is one
    election (the figure is a statistic of its own)."""
    events = sorted((c for c in claims if c.type not in STATEMENT_TYPES), key=lambda c: c.start)
    drop = set()
    for before, after in itertools.pairwise(events):
        between = text[before.end : after.start]
        if (
            after.type == before.type
            and re.fullmatch(r"\s*,\s*", between)
            and re.match(r"(?:taking|winning|securing|getting|gaining|with)\b", after.text)
        ):
            drop.add(id(after))
    return [c for c in claims if id(c) not in drop]


# "Norway will expel them on Friday": a weekday after the announced event's verb is when it
# happens. One before it ("Germany expelled 40 on Monday, and France said it would expel 35",
# "X on Monday notified ... that it would withdraw") or after a verb of saying ("announced on
# Thursday that ...") is when it was said or done, which is past.
SAID_BEFORE = re.compile(
    r"(?i)\b(?:\w+ed|said|told|wrote|spoke|gave|made|met|sent|took|held|set out|laid out)\s*$"
)


def _of_the_announced_event(ctx, value: DateValue | None, trigger_char: int) -> bool:
    mention = next((d for d in ctx.dates if d.value is value), None)
    if mention is None or mention.start < trigger_char:
        return False
    return not SAID_BEFORE.search(ctx.text[max(0, mention.start - 30) : mention.start])


def ahead(value: DateValue | None, published: date | None) -> DateValue | None:
    """An announced event on a bare weekday is the coming one: "will meet on Saturday"."""
    if value is None or published is None or not value.resolved or value.precision != "day":
        return value
    if not WEEKDAY_NAME.fullmatch(value.text.strip()):
        return value
    day = date.fromisoformat(value.start)
    if day >= published:
        return value
    day += timedelta(days=7)
    return DateValue.span(value.text, day, day, "day")


# where a sentence may report speech: a quotation mark, "according (to)" or a reporting verb
QUOTE_HINT_WORDS = frozenset(
    {*SAY_VERBS, *SAY_WITH_OBJECT, *SAY_PARTICIPLES, "according", '"', "“", "”"}
)


# the longest sentence a claim carries whole; in a longer one (a page with no full stops, a
# transcript without punctuation) the claim keeps the words around it, so that a claim's record
# stays small however its text runs on
SENTENCE_LIMIT = 1200


def sentence_around(text: str, start: int, end: int, claim_start: int, claim_end: int) -> str:
    """The sentence of a claim: whole, or the claim with up to about 300 characters each side,
    cut at spaces and marked with an ellipsis where the sentence goes on."""
    sentence = text[start:end].strip()
    if len(sentence) <= SENTENCE_LIMIT:
        return sentence
    room = max(300, (SENTENCE_LIMIT - (claim_end - claim_start)) // 2)
    lo = max(start, claim_start - room)
    hi = min(end, claim_end + room)
    if lo > start:
        space = text.find(" ", lo, claim_start)
        lo = space + 1 if space != -1 else lo
    if hi < end:
        space = text.rfind(" ", claim_end, hi)
        hi = space if space != -1 else hi
    body = text[lo:hi].strip()
    return ("… " if lo > start else "") + body + (" …" if hi < end else "")


def in_turn(claim: Claim, turn: Turn, weights) -> None:
    """A claim in a transcript turn: the speaker said it; a moderator's turn holds no claims."""
    if claim.slots.attribution is None:
        claim.slots.attribution = turn.speaker
    if turn.moderator and "moderator" not in claim.cues:
        claim.cues.append("moderator")
        claim.score = round(
            weights.score(candidate_features(claim.cues, claim.type, claim.slots.status)), 3
        )


def settle_statements(doc: Doc, groups: list[Group]) -> list[Group]:
    """Where a statement type and an event share words, keep the claim the text makes:
    "the largest expulsion since 1986" is a comparison (the expulsion noun is its subject), and
    "Minsk denied sending troops" is a military claim with status denied, not a position."""
    drop: set[int] = set()
    for g in groups:
        if g.type == "comparison":
            for h in groups:
                if (
                    h is not g
                    and not h.verbal
                    and h.type not in STATEMENT_TYPES
                    and g.head.start < h.start <= g.head.end + 6
                ):
                    drop.add(id(h))
                elif (
                    h is not g
                    and h.type not in STATEMENT_TYPES
                    and record_frame(doc, g.head.start)
                    and g.head.end <= h.start <= g.head.end + 10
                    and boundary_strength(doc, g.head.end, h.start) == 0
                ):
                    # "It is the largest number of diplomats Sofia has ordered out": the
                    # record an event told before set, not a new event; the record carries
                    # the clause
                    drop.add(id(h))
                    g.embedded = False
                    # its scope later in the clause is part of it: "... in one go"
                    drop.update(
                        id(k)
                        for k in groups
                        if k.type == "comparison"
                        and k.start > h.start
                        and boundary_strength(doc, g.head.end, k.start) == 0
                    )
        elif g.type == "position":
            for h in groups:
                if (
                    h is not g
                    and not h.verbal
                    and h.type not in STATEMENT_TYPES
                    and g.head.end <= h.start <= g.head.end + 6
                    and denied_role([t.lower_ for t in doc[g.head.start : h.start]])
                ):
                    # "Russia denies any part in the poisoning": the attack, denied by its
                    # actor (the annotation guide's example), not a position about it
                    drop.add(id(g))
                    h.embedded = False
            for h in groups:
                if (
                    h is not g
                    and h.verbal
                    and h.type not in STATEMENT_TYPES
                    # "denied sending troops": the gerund the denial names may be its own word
                    and (
                        g.head.end <= h.start
                        or (g.head.start < h.start and doc[h.start].lower_.endswith("ing"))
                    )
                    and h.start <= g.head.end + 12
                    and boundary_strength(doc, min(g.head.end, h.start), h.start) < 2
                ):
                    drop.add(id(g))
        elif g.type == "statistic":
            # "2,000 servicemen ... arrived in Kazakhstan": a head count next to the event it
            # counts is that event's count, not a statistic of its own
            if doc[g.head.end - 1].lower_ in HEAD_COUNT_NOUNS and any(
                h is not g
                and h.verbal
                and h.type not in STATEMENT_TYPES
                and abs(h.head.start - g.head.end) <= 8
                for h in groups
            ):
                drop.add(id(g))
                continue
            # "8.63 per cent, down from 9.05 per cent": the second figure is the first's
            # earlier value, not a statistic of its own
            for h in groups:
                if h is g or h.type != "statistic" or not g.head.end <= h.head.start:
                    continue
                between = doc[g.head.end : h.head.start].text.lower()
                if h.head.start - g.head.end <= 12 and EARLIER_VALUE.search(between):
                    drop.add(id(h))
    return [g for g in groups if id(g) not in drop]


def record_frame(doc: Doc, start: int) -> bool:
    """A statement opening "It is the ..." / "This was the ..." / "They were the ...": a record
    set by an event."""
    if doc[start].lower_ == "the":  # a trigger may begin with its article
        start += 1
    return (
        start >= 3
        and doc[start - 1].lower_ == "the"
        and doc[start - 2].lower_ in ("is", "was", "'s", "’s", "be", "were", "are")
        and doc[start - 3].lower_ in ("it", "this", "that", "they", "these", "those")
    )


# a state's armed forces as the subject of a strike: "Indian Air Force jets struck ...",
# "Russian forces had attacked across the border", "the army said it had killed ..."
FORCE_NOUNS = tr.words(
    "forces troops army military soldiers servicemen jets bombers warplanes fighters navy "
    "fleet marines paratroopers battalions brigades units"
)


def forces_act(doc: Doc, start: int, group: Group) -> bool:
    """A strike told as a state's armed forces acting is a military claim; an attack by
    unnamed hands, by missiles or on people is an attack."""
    if not group.verbal:
        return False
    head = group.head.start
    return any(t.lower_ in FORCE_NOUNS for t in doc[max(start, head - 6) : head])


HEAD_COUNT_NOUNS = tr.words(
    "people persons citizens voters children refugees migrants seekers residents civilians "
    "servicemen members applicants ukrainians russians immigrants evacuees prisoners detainees "
    "observers flights"
)
EARLIER_VALUE = re.compile(
    r"(?:\bfrom|\bpreviously|\bcompared (?:with|to)|\b(?:higher|lower|more|less) than"
    r"|\bthe previous)\W*(?:an? )?(?:\w+ )?$"
)


def skip_to(doc: Doc, start: int, limit: int, char_ends: list[int]) -> int:
    """Start a claim after a dateline it would otherwise begin with."""
    first = doc[start].idx
    for end_char in char_ends:
        if first < end_char <= doc[limit].idx:
            i = start
            while i < limit and doc[i].idx < end_char:
                i += 1
            return i
    return start


def dedupe(claims: list[Claim]) -> list[Claim]:
    seen: dict[tuple[str, int, int], Claim] = {}
    for claim in claims:
        key = (claim.type, claim.start, claim.end)
        if key not in seen or claim.score > seen[key].score:
            seen[key] = claim
    return list(seen.values())
