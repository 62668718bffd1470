"""Slots of the claims that are not events: statistics, comparisons and stated positions.

- statistic: ``value`` and ``unit`` from the figure, ``metric`` from the noun it measures
  ("inflation", "gas exports"), ``change`` (rise or fall) and ``previous`` (the "from" value),
  ``period`` (the date the figure covers), ``place`` (the country it is about).
- comparison: ``superlative`` (the words that compare: "the largest", "the first ... since"),
  ``subject`` (what is compared) and ``scope`` (since when, in what: "since 1986", "in history").
- position: ``stance`` (denied, refused, rejected, admitted, confirmed, ruled_out) and ``about``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..model import Slots
from .clauses import Group
from .sentences import SentenceContext
from .text_rules import words

STATEMENT_TYPES = frozenset({"statistic", "comparison", "position"})

_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
    "trillion": 1e12,
}  # fmt: skip
_UNIT_WORDS = {
    "%": "%", "percent": "%", "pct": "%", "per cent": "%", "$": "USD", "us$": "USD",
    "dollars": "USD", "€": "EUR", "euros": "EUR", "£": "GBP", "pounds": "GBP", "¥": "JPY",
    "roubles": "RUB", "rubles": "RUB", "₽": "RUB", "yuan": "CNY", "rupees": "INR",
    "hryvnias": "UAH", "hryvnia": "UAH", "basis points": "basis points",
}  # fmt: skip
FIGURE = re.compile(
    r"(?i)(?P<cur>US\$|[$€£¥₽])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|m|k)\b)?"
    r"(?:\s?(?P<unit>%|per ?cent|percent|pct|basis points|dollars|euros|pounds|roubles|rubles|yuan|"
    r"rupees|hryvnias?|(?:cubic|metric|square)\s\w+|tonnes|tons|barrels(?:\s(?:a|per)\sday)?|bcm|"
    r"[a-z]+))?"
)
RISE = words(
    "rose rise rises risen rising increased increase increases grew grow grows jumped jump surged "
    "soared climbed climb up doubled tripled higher gained gain expanded hike hiked raised"
)
FALL = words(
    "fell fall falls fallen falling decreased decrease declined decline dropped drop drops "
    "plunged plummeted slumped shrank contracted down lower halved cut cuts lost slid"
)
NOT_UNITS = words(
    "the a an its their his her this that these those of in on at by to from for with and or as "
    "last next this year years month months week weeks day days ago earlier later since until "
    "per than more less over under about after before when while is was are were has have had "
    "will would could said says according compared up down which who where"
)
METRIC_STOP = words(
    "fewer under below above exceeded exceeds "
    "the a an its their his her this that these those of in on at by to from for with and or "
    "was were is are has have had be been which who said says according than some about around "
    "nearly almost over more less up down rose fell grew reached stood last year month week"
)
STANCES = {
    "deny": "denied", "denied": "denied", "denies": "denied", "denying": "denied",
    "denial": "denied", "reject": "rejected", "rejected": "rejected", "rejects": "rejected",
    "dismissed": "rejected", "dismiss": "rejected", "dismisses": "rejected", "refuted": "denied",
    "disputed": "denied", "refuse": "refused", "refused": "refused", "refuses": "refused",
    "refusing": "refused", "refusal": "refused", "declined": "refused", "declines": "refused",
    "ruled": "ruled_out", "rules": "ruled_out", "rule": "ruled_out", "ruling": "ruled_out",
    "admit": "admitted", "admitted": "admitted", "admits": "admitted", "acknowledged": "admitted",
    "acknowledges": "admitted", "conceded": "admitted", "confessed": "admitted",
    "confirm": "confirmed", "confirmed": "confirmed", "confirms": "confirmed",
    "claimed": "admitted", "claims": "admitted", "took": "admitted", "takes": "admitted",
}  # fmt: skip
SCOPE_RE = re.compile(
    r"(?i)\b(since (?:the )?[\w'’-]+(?: [\w'’-]+){0,3}|in (?:its |their |the )?(?:\w+ )?history|"
    r"ever|on record|in (?:decades|years|a decade|a generation|a century)|"
    r"in (?:more than |over |almost |nearly )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"a dozen) (?:years|decades)|of its kind|in the world|in europe|in the country)\b"
)


def fill_statement_slots(
    ctx: SentenceContext, group: Group, start: int, end: int, slots: Slots
) -> None:
    doc = ctx.doc
    head = group.head
    if group.type == "statistic":
        _statistic(ctx, doc, head.start, head.end, start, end, slots)
    elif group.type == "comparison":
        _comparison(ctx, doc, head.start, head.end, start, end, slots)
    elif group.type == "position":
        _position(doc, head.start, head.end, end, slots)


_SMALL = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
    if w
}
_NUMBER_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred|thousand|million|billion|trillion)"
)
NUMBER_WORDS = frozenset(
    [*_SMALL, *_TENS, "hundred", "thousand", "million", "billion", "trillion", "a", "an", "and"]
)
# "four hundred and fifty", "sixty-five billion", "a hundred and eighty million": spoken figures
WORD_NUMBER = re.compile(
    rf"(?i)\b(?:an?\s+)?{_NUMBER_WORD}(?:(?:\s+and\s+|\s*-\s*|\s+){_NUMBER_WORD})*\b"
)


def words_to_number(text: str) -> float | None:
    """The value of a number written in words: "four hundred and fifty" -> 450."""
    total, current, seen = 0.0, 0.0, False
    for word in re.split(r"[\s-]+", text.lower().strip()):
        if word in ("a", "an"):
            current = max(current, 1.0)
        elif word == "and" or not word:
            continue
        elif word in _SMALL:
            current += _SMALL[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word == "hundred":
            current = max(current, 1.0) * 100
            seen = True
        elif word in _SCALES and word not in ("k", "m", "mn", "bn"):
            total += max(current, 1.0) * _SCALES[word]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def _spoken_figure(text: str) -> tuple[float | None, str | None]:
    m = WORD_NUMBER.search(text)
    if not m:
        return None, None
    value = words_to_number(m.group())
    if value is None:
        return None, None
    rest = text[m.end() :]
    unit_match = re.match(
        r"\s*(%|per ?cent|percent|percentage points|basis points|dollars|euros|pounds|roubles|"
        r"rubles|yuan|barrels(?:\s(?:a|per)\sday)?|(?:cubic|metric|square)\s\w+|tonnes|tons|"
        r"[a-z]+)?",
        rest,
        re.I,
    )
    raw = (unit_match.group(1) or "").lower() if unit_match else ""
    known = raw in _UNIT_WORDS or raw in ("percentage points",) or " " in raw
    large = re.search(r"(?i)hundred|thousand|million|billion|trillion", m.group())
    if not known and not large:
        return None, None  # "one of the ...", "two of them": a word, not a figure
    unit = _UNIT_WORDS.get(raw, raw or None)
    if raw in ("per cent", "percent", "percent"):
        unit = "%"
    return (int(value) if value.is_integer() else value), unit


def parse_figure(text: str) -> tuple[float | None, str | None]:
    """ "12 billion cubic metres" -> (12e9, "cubic metres"); "7.4%" -> (7.4, "%"); "sixty-five
    billion dollars" -> (65e9, "USD")."""
    m = FIGURE.search(text)
    spoken = WORD_NUMBER.search(text)
    if spoken and (not m or spoken.start() < m.start()):
        value, unit = _spoken_figure(text)
        if value is not None:
            return value, unit
    if not m:
        return None, None
    value = float(m.group("num").replace(",", ""))
    scale = (m.group("scale") or "").lower()
    if scale:
        value *= _SCALES[scale]
    unit = None
    if m.group("cur"):
        unit = _UNIT_WORDS.get(m.group("cur").lower(), m.group("cur"))
    raw = (m.group("unit") or "").lower()
    if raw in NOT_UNITS:
        raw = ""  # "146 million last year", "12 in March": the word after is no unit
    if raw:
        unit = _UNIT_WORDS.get(raw) or unit or raw
        if raw.replace(" ", "") in ("percent", "percent") or raw in ("per cent", "percent"):
            unit = "%"
    return (int(value) if value.is_integer() else value), unit


def _statistic(
    ctx: SentenceContext, doc: Doc, hs: int, he: int, start: int, end: int, slots: Slots
) -> None:
    while (
        hs > start
        and doc[hs].lower_ != "a"
        and (
            doc[hs - 1].lower_ in NUMBER_WORDS
            or (doc[hs - 1].text == "-" and hs - 2 >= start and doc[hs - 2].lower_ in NUMBER_WORDS)
        )
    ):
        hs -= 1  # "four hundred and [fifty dollars]", "sixty-[five billion]": the whole figure
    while hs < he and doc[hs].lower_ == "and":
        hs += 1
    figure = ctx.text[doc[hs].idx : doc[end - 1].idx + len(doc[end - 1].text)]
    value, unit = parse_figure(figure)
    slots.value, slots.unit = value, unit
    clause = [t.lower_ for t in doc[start:end]]
    before = [t.lower_ for t in doc[start:hs]]
    if any(w in RISE for w in before):
        slots.change = "rise"
    elif any(w in FALL for w in before):
        slots.change = "fall"
    # "to 12 billion from 19 billion", "from 16% to 18%"
    tail = ctx.text[
        doc[he - 1].idx + len(doc[he - 1].text) : doc[end - 1].idx + len(doc[end - 1].text)
    ]
    previous = re.match(r"\s*,?\s*(?:[\w'’]+\s+){0,4}?(?:up |down )?from\s+(.{1,40})", tail)
    head_text = ctx.text[doc[max(start, hs - 3)].idx : doc[hs].idx]
    if previous:
        slots.previous, _ = parse_figure(previous.group(1))
    elif re.search(r"(?i)\bfrom\s*$", head_text):
        slots.previous = value
        later = re.match(r"\s*to\s+(.{1,40})", tail)
        if later:
            slots.value, unit2 = parse_figure(later.group(1))
            slots.unit = slots.unit or unit2
    if slots.previous is None:
        earlier = re.match(r"\s*,?\s*\(?(?:previously|compared with|compared to)\s+(.{1,40})", tail)
        if earlier:
            slots.previous, _ = parse_figure(earlier.group(1))
    if slots.change is None:
        # "three points higher than in 2020", "up 4% on the year", "down sharply"
        after = re.match(r"[^.;]{0,40}?\b(higher|more|up|lower|less|fewer|down)\b", tail)
        if after and (after.group(1) in ("up", "down") or re.search(r"\bthan\b", tail)):
            slots.change = "rise" if after.group(1) in ("higher", "more", "up") else "fall"
    if slots.change is None and slots.previous is not None and slots.value is not None:
        slots.change = "rise" if slots.value > slots.previous else "fall"
    slots.metric = _metric(doc, start, hs, clause)
    if he - hs > 1 and doc[he - 1].lower_ in COUNTED_THINGS:
        # "900 American troops", "1,474 deployed warheads": the thing counted is the unit, and
        # with the words before it the metric
        slots.unit = doc[he - 1].lower_
        things = [t.lower_ for t in doc[hs + 1 : he] if t.is_alpha and t.lower_ not in SCALES]
        slots.metric = " ".join(things) or slots.metric
    slots.period = slots.date
    mention = next((d for d in ctx.dates if d.value is slots.date), None)
    # "three points higher than in 2020", "from 410 a year earlier": the date of the earlier
    # value, not of the figure (which then takes the time of the event told before it)
    if (
        mention is not None
        and mention.start > doc[hs].idx
        and re.search(
            r"(?i)\b(?:from|than|previously|compared (?:with|to))\b",
            ctx.text[doc[hs].idx : mention.start],
        )
    ):
        slots.period = None
    places = [m for m in ctx.mentions if start <= m.start < end and m.label_ != "TREATY"]
    if places and not slots.place:
        slots.place = places[0].kb_id_ if places[0].label_ == "DEMONYM" else places[0].text


# what a bare count counts (the statistic rules that count forces and flights)
COUNTED_THINGS = words(
    "troops soldiers servicemen personnel warheads missiles launchers bombers tanks jets "
    "warships flights sorties drones"
)
SCALES = words("million billion thousand")
METRIC_PREPOSITIONS = frozenset({"to", "in", "from", "for", "at", "of", "among", "across"})


def _metric(doc: Doc, start: int, figure: int, clause: list[str]) -> str | None:
    """The noun phrase the figure measures: the nearest nouns before the verb before it
    ("gas exports dropped to ..."), or after "of" ("a turnout of 54%")."""
    if figure > start and doc[figure - 1].lower_ == "of":
        j = figure - 2
        words_ = []
        while (
            j >= start and len(words_) < 4 and doc[j].is_alpha and doc[j].lower_ not in METRIC_STOP
        ):
            words_.insert(0, doc[j].text)
            j -= 1
        if words_:
            return " ".join(words_).lower()
    j = figure - 1
    # walk back over the verb and its helpers to the noun phrase that is its subject
    while j >= start and (doc[j].lower_ in METRIC_STOP or doc[j].like_num or doc[j].is_punct):
        j -= 1
    while j >= start and (doc[j].lower_ in RISE or doc[j].lower_ in FALL):
        j -= 1
    words_ = []
    while j >= start and len(words_) < 4 and doc[j].is_alpha and doc[j].lower_ not in METRIC_STOP:
        words_.insert(0, doc[j].text)
        j -= 1
    # "gas exports to Europe fell": the measure is before the place or partner it concerns;
    # "exports of gas fell" keeps its "of"
    if words_ and j - 1 >= start and doc[j].lower_ in METRIC_PREPOSITIONS:
        head = []
        k = j - 1
        while k >= start and len(head) < 3 and doc[k].is_alpha and doc[k].lower_ not in METRIC_STOP:
            head.insert(0, doc[k].text)
            k -= 1
        if head:
            words_ = [*head, "of", *words_] if doc[j].lower_ == "of" else head
    text = " ".join(words_)
    return text.lower() if text else None


def _comparison(
    ctx: SentenceContext, doc: Doc, hs: int, he: int, start: int, end: int, slots: Slots
) -> None:
    if doc[hs].lower_ in ("'s", "’s") and he - hs > 1:
        hs += 1  # "Washington's biggest": the possessive belongs to the subject's owner
    slots.superlative = doc[hs:he].text
    tail = ctx.text[
        doc[he - 1].idx + len(doc[he - 1].text) : doc[end - 1].idx + len(doc[end - 1].text)
    ]
    scope = SCOPE_RE.search(ctx.text[doc[hs].idx : doc[end - 1].idx + len(doc[end - 1].text)])
    if scope:
        slots.scope = scope.group(0)
    # the noun phrase right after the superlative: "the largest [expulsion of Russian diplomats]"
    subject = re.match(
        r"\s*((?:[\w'’-]+\s?){1,6}?)"
        r"(?=\s*(?:\b(?:since|in|on|ever|yet|so far|of all|for|to|that)\b|[,.;]|$))",
        tail,
    )
    if subject and subject.group(1).strip():
        slots.subject = subject.group(1).strip()


def _position(doc: Doc, hs: int, he: int, end: int, slots: Slots) -> None:
    word = doc[hs].lower_
    slots.stance = STANCES.get(word, "denied" if word.startswith("den") else None)
    trigger = doc[hs:he].text.lower()
    if trigger.startswith(("rule", "ruled", "rules", "ruling")):
        slots.stance = "ruled_out"
    elif re.search(r"recogni[sz]e|disagree|\bobject|oppos", trigger):
        slots.stance = "rejected"  # "did not recognise the result", "objects to extending"
    elif re.search(
        r"nothing to do|unrelated|unconnected|not (?:linked|connected|related)", trigger
    ):
        slots.stance = "denied"  # "had nothing to do with the attack"
    about = doc[hs + 1 : end]
    text = about.text.strip(" ,.;:")
    slots.about = " ".join(text.split()[:12]) or None
