"""Whether a claim states what an earlier claim stated: the rules, and a wording score.

Two claims match when they could not be about different facts and their words say the same:

- the same type ("expulsion"), and parties in common (canonical names: Washington and the US
  are one party, and a person counts for the country they act for, Obama for the United States);
- roles that do not clash: when both name who acted, those overlap, and so do whom it was done
  to when both say; the parties the other way round (Prague's expulsions and Moscow's answer) are
  two events;
- dates that agree: the ranges overlap, or lie within a tolerance that grows with the coarser of
  the two precisions (a day may be reported a day or two apart; "late March" can slip into April);
  a claim that gives no date stands for the year before its article was published;
- counts that agree with their qualifiers ("more than 150" and "151" agree; "23" and "60" do
  not), and so do treaties, rounds, statistics' figures and what they measure; a denial never
  matches the claim it denies, nor a suspension an exit;
- similar wording, scored by :func:`similarity`.

Why this wording score: the texts are a sentence or shorter, so measures built for documents
(TF-IDF cosine, embeddings) have little to go on and would bring a heavy dependency. A token-set
Dice coefficient over content words (lemmas, without stop words, dates and party names) counts
what two short texts share without caring about word order. The slots are weighed in as tokens of
their own, each worth :data:`SLOT_WEIGHT` words, matched when they agree (not only when written
the same way: "London" and "Britain", "more than 150" and "151"); a slot only one claim has counts
against the score, because it is a detail the other does not confirm.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from ..detection.actors import affiliated, canonical_parties, without_parties
from ..model import PRECISIONS, Signal, Slots

SLOT_WEIGHT = 2.0
# How far apart two dates may lie (days between the ranges) by the coarser precision of the two.
# A year or a decade is wide enough already: those ranges must overlap.
DATE_TOLERANCE = {
    "day": 2, "week": 3, "part_of_month": 5, "month": 7, "season": 15, "year": 0, "decade": 0,
}  # fmt: skip
UNDATED_WINDOW = 365  # days before its article's publication an undated claim stands for
NEGATED = frozenset({"not_done", "denied"})
# The stage of an event a status names: an act told before it happens ("will expel") and after
# it ("expelled") is one fact; a suspension, an exit and a cancellation are three.
STAGES = {
    "announced": "act",
    "completed": "act",
    "suspended": "suspension",
    "cancelled": "cancellation",
}
VALUE_TOLERANCE = 0.005  # a statistic's figures agree when they differ by at most 0.5%

# Count qualifiers as ranges: (low, high) as multiples of the number, or offsets for "more than".
_ABOVE = {"more than": 1, "over": 1, "above": 1, "at least": 0, "no fewer than": 0}
_BELOW = {"fewer than": 1, "less than": 1, "under": 1, "below": 1, "up to": 0, "at most": 0,
          "as many as": 0, "no more than": 0}  # fmt: skip
_NEARLY = {"nearly", "almost", "close to", "just under"}
_ABOUT = {"about", "around", "roughly", "some", "approximately", "an estimated", "estimated"}

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")
_REPORTING = {
    "say", "said", "says", "tell", "told", "announce", "announced", "report", "reported",
    "according", "state", "statement", "spokesman", "spokeswoman", "official", "officials",
}  # fmt: skip
_TIME_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "today", "yesterday", "tomorrow", "week", "weeks", "day", "days",
    "month", "months", "year", "years", "ago", "later", "earlier", "last", "next", "early",
    "late", "mid", "end", "beginning", "spring", "summer", "autumn", "fall", "winter",
}  # fmt: skip
# Nouns that name the event a verb names ("expulsions" and "expel"): one token for both.
_EVENT_NOUNS = {
    "expulsion": "expel", "withdrawal": "withdraw", "suspension": "suspend",
    "imposition": "impose", "meeting": "meet", "election": "elect", "closure": "close",
    "invasion": "invade", "annexation": "annex", "ratification": "ratify", "arrest": "arrest",
}  # fmt: skip


@dataclass
class Features:
    """What matching compares, read once from a claim's type, words and slots."""

    type: str
    text: str
    actors: frozenset[str]
    targets: frozenset[str]
    parties: frozenset[str]
    span: tuple[date, date] | None
    precision: str | None
    dated: bool  # the span was written in the claim (else it stands for its article's year)
    date_text: str | None
    count: tuple[float, float] | None
    count_text: str | None
    treaty: str | None
    round: int | None
    status: str | None
    metric: str | None
    value: float | None
    count_number: int | None = None
    _words: frozenset[str] | None = field(default=None, repr=False)

    @property
    def words(self) -> frozenset[str]:
        """The content words, computed when first needed (most candidates fail a rule before);
        the count, weighed as a slot, is not a word as well."""
        if self._words is None:
            self._words = content_words(self.text) - {f"#{self.count_number}"}
        return self._words

    @property
    def years(self) -> range | None:
        """The years the claim's date covers, for the index."""
        if self.span is None:
            return None
        return range(self.span[0].year, self.span[1].year + 1)


def features(claim_type: str, text: str, slots: Slots, published: str | None) -> Features:
    """The features of a claim; ``published`` (YYYY-MM-DD) places a claim that gives no date."""
    actors = parties_in(slots.actor or slots.attribution)
    targets = parties_in(slots.target)
    named = parties_in(text) | parties_in(slots.subject)
    when = slots.date if slots.date is not None and slots.date.resolved else slots.period
    span: tuple[date, date] | None = None
    precision = None
    dated = False
    date_text = None
    if when is not None and when.resolved:
        try:
            span = (date.fromisoformat(when.start), date.fromisoformat(when.end or when.start))
            precision, dated, date_text = when.precision, True, when.text
        except ValueError:
            span = None
    if span is None and published:
        try:
            day = date.fromisoformat(published[:10])
        except ValueError:
            day = None
        if day is not None:
            span = (day - timedelta(days=UNDATED_WINDOW), day)
            precision = "year"
    return Features(
        type=claim_type,
        text=text,
        actors=actors,
        targets=targets,
        parties=frozenset(actors | targets | named),
        span=span,
        precision=precision,
        dated=dated,
        date_text=date_text,
        count=count_range(slots.count, slots.count_qualifier),
        count_text=_count_words(slots),
        count_number=slots.count,
        treaty=slots.treaty,
        round=slots.round,
        status=slots.status,
        metric=(slots.metric or "").lower() or None,
        value=slots.value,
    )


@lru_cache(maxsize=65536)
def parties_in(text: str | None) -> frozenset[str]:
    """The canonical parties a text names, with the countries their people act for (slots
    repeat: "Russia" is read once)."""
    return frozenset(affiliated(canonical_parties(text)))


def _count_words(slots: Slots) -> str | None:
    if slots.count is None:
        return None
    return f"{slots.count_qualifier} {slots.count}" if slots.count_qualifier else str(slots.count)


def count_range(count: int | None, qualifier: str | None) -> tuple[float, float] | None:
    """The numbers a count with its qualifier allows: "more than 150" is 151 and up."""
    if count is None:
        return None
    said = (qualifier or "").lower().strip()
    if said in _ABOVE:
        return count + _ABOVE[said], math.inf
    if said in _BELOW:
        return 0.0, count - _BELOW[said]
    if said in _NEARLY:
        return math.floor(count * 0.85), count
    if said in _ABOUT:
        margin = max(2.0, 0.1 * count)
        return count - margin, count + margin
    return float(count), float(count)  # exact, and "another 23", "a total of 23", "only 4"


def date_gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two ranges; 0 when they overlap."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def tolerance(a: str | None, b: str | None) -> int:
    """The days two dates may lie apart, by the coarser of their precisions."""
    order = {name: i for i, name in enumerate(PRECISIONS)}
    coarser = max((p for p in (a, b) if p in order), key=order.__getitem__, default="day")
    return DATE_TOLERANCE.get(coarser, 0)


def conflict(new: Features, old: Features) -> str | None:
    """Why the two claims cannot state the same fact, or None when nothing rules it out."""
    if new.type != old.type:
        return "another type"
    if not new.parties & old.parties:
        return "no party in common"
    swapped = new.actors & old.targets and new.targets & old.actors
    if new.targets and old.targets and swapped and not new.actors & old.actors:
        return "the parties the other way round"
    if new.actors and old.actors and not new.actors & old.actors:
        return "other actors"
    if new.targets and old.targets and not new.targets & old.targets:
        return "other targets"
    if (new.status in NEGATED) != (old.status in NEGATED):
        return "one says it did not happen"
    stages = STAGES.get(new.status or ""), STAGES.get(old.status or "")
    if all(stages) and stages[0] != stages[1]:
        return "another stage"
    if new.span is not None and old.span is not None:
        written = [f.precision for f in (new, old) if f.dated]  # a window is no written date
        allowed = tolerance(*written, *[None] * (2 - len(written))) if written else 0
        if date_gap(new.span, old.span) > allowed:
            return "another date"
    apart = _apart(new.count, old.count)
    return (
        "another count" if apart
        else "another treaty" if _differ(new.treaty, old.treaty)
        else "another round" if _differ(new.round, old.round)
        else "another measure" if _differ(new.metric, old.metric)
        else "another figure" if _figures_differ(new.value, old.value)
        else None
    )  # fmt: skip


def _apart(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    """Two count ranges that have no number in common."""
    return a is not None and b is not None and (a[0] > b[1] or b[0] > a[1])


def _differ(a: object, b: object) -> bool:
    return a is not None and b is not None and a != b


def _figures_differ(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) > VALUE_TOLERANCE * max(abs(a), abs(b))


def _slots_present(f: Features) -> dict[str, bool]:
    return {
        "actor": bool(f.actors),
        "target": bool(f.targets),
        "count": f.count is not None,
        "date": f.dated,
        "treaty": f.treaty is not None,
        "round": f.round is not None,
        "value": f.value is not None,
    }


def similarity(new: Features, old: Features) -> float:
    """Token-set Dice over content words, with each slot a token worth ``SLOT_WEIGHT`` words.

    A slot both claims have counts as shared (the rules have checked that it agrees); a slot
    only one has counts on its side alone. The parties named anywhere in the texts are one more
    such token, weighed by how far the two sets agree (Jaccard).
    """
    a, b = new.words, old.words
    shared = 2.0 * len(a & b)
    total = float(len(a) + len(b))
    mine, theirs = _slots_present(new), _slots_present(old)
    for name in mine:
        if mine[name] and theirs[name]:
            shared += 2 * SLOT_WEIGHT
        total += SLOT_WEIGHT * (mine[name] + theirs[name])
    if new.parties and old.parties:
        jaccard = len(new.parties & old.parties) / len(new.parties | old.parties)
        shared += 2 * SLOT_WEIGHT * jaccard
        total += 2 * SLOT_WEIGHT
    return shared / total if total else 0.0


def signals(new: Features, old: Features, score: float) -> list[Signal]:
    """What agrees between a claim and the earlier one it matches, in words."""
    found = [Signal("wording", "agrees", f"wording and details {score:.0%} alike")]
    if new.dated and old.dated and new.span and old.span:
        gap = date_gap(new.span, old.span)
        detail = f"the earlier claim says {old.date_text} ({old.span[0]}" + (
            f"..{old.span[1]})" if old.span[1] != old.span[0] else ")"
        )
        if gap:
            detail += f", {gap} day(s) apart"
        found.append(Signal("date", "agrees", detail, gap))
    elif old.dated and old.span:
        found.append(Signal("date", "unknown", f"the earlier claim dates it {old.date_text}"))
    if new.count is not None and old.count is not None:
        found.append(Signal("count", "agrees", f"the earlier claim says {old.count_text}"))
    if new.actors & old.actors:
        names = ", ".join(sorted(new.actors & old.actors))
        found.append(Signal("actors", "agrees", f"both name {names}"))
    return found


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    from lemminflect import getAllLemmas

    if word in _EVENT_NOUNS:
        return _EVENT_NOUNS[word]
    lemmas = getAllLemmas(word)
    for upos in ("VERB", "NOUN", "ADJ"):
        if upos in lemmas:
            lemma = lemmas[upos][0].lower()
            return _EVENT_NOUNS.get(lemma, lemma)
    return word


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | _REPORTING | _TIME_WORDS


def content_words(text: str) -> frozenset[str]:
    """The lemmas of the words that carry content: no stop words, dates or party names.

    Numbers stay (as "#23"): a count the detector did not read is still a shared word."""
    stop = _stop_words()
    words = set()
    for token in _WORD.findall(without_parties(text).lower().replace("’", "'")):
        if token[0].isdigit():
            if not (len(token) == 4 and token.startswith(("19", "20"))):  # a year is a date
                words.add("#" + token.replace(",", ""))
            continue
        token = token.split("'")[0]
        if len(token) < 2 or token in stop:
            continue
        lemma = _lemma(token)
        if lemma not in stop:
            words.add(lemma)
    return frozenset(words)
