"""Counts ("60 diplomats", "more than thirty", "large numbers of") and rounds ("sixth package")."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip

_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_NUMBER_WORDS = rf"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:dozen|(?:hundred|thousand)(?:\s+(?:and\s+)?(?:{_WORD})(?:[\s-](?:{_WORD}))?)?)|(?:{_WORD})(?:[\s-](?:{_WORD}))?(?:\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?(?:{_WORD})(?:[\s-](?:{_WORD}))?)?)?|a dozen|dozen)"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s+(?:thousand|million))?"
QUALIFIERS = (
    "more than", "over", "at least", "nearly", "almost", "about", "around", "roughly", "some",
    "up to", "fewer than", "less than", "as many as", "approximately", "close to", "at most",
    "a total of", "another", "an additional", "a further", "an estimated", "only", "just",
)  # fmt: skip
_QUAL = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_VAGUE = (
    r"(?:dozens|scores|hundreds|thousands|large numbers|a large number|a number|several|"
    r"a handful|many|numerous|a few|multiple|a group|a batch|a string)"
)
_ORDINAL = rf"(?:{'|'.join(_ORDINALS)}|\d+(?:st|nd|rd|th))"
_ROUND_UNITS = r"(?:packages?|rounds?|tranches?|waves?|sets?|batch(?:es)?)"


@dataclass
class Count:
    value: int | None
    text: str
    qualifier: str | None
    start: int
    end: int


@dataclass
class Round:
    value: int | None
    text: str
    start: int
    end: int


def words_to_int(text: str) -> int | None:
    """'twenty-three' -> 23, 'two dozen' -> 24, '1,200' -> 1200, 'three hundred and six' -> 306."""
    text = text.lower().replace(",", "").replace("-", " ").strip()
    if not text:
        return None
    parts = text.split()
    if len(parts) == 2 and parts[0].isascii() and parts[0].isdigit() and parts[1] in _SCALES:
        return int(parts[0]) * _SCALES[parts[1]]
    if text.isdigit():
        # "²³" and other non-ASCII digits are digits to Python but no number to int()
        return int(text) if text.isascii() else None
    total, current = 0, 0
    for word in parts:
        if word in ("and",):
            continue
        if word in ("a", "an"):
            current = max(current, 1)
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in _SCALES:
            scale = _SCALES[word]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
        else:
            return None
    return total + current


def build_count_regex(nouns: list[str]) -> re.Pattern:
    """A count of one of ``nouns``, with up to three words between number and noun."""
    forms = set(nouns)
    for noun in nouns:  # "one entity", "a single official": the singular counts too
        if noun.endswith("ies"):
            forms.add(noun[:-3] + "y")
        elif noun.endswith("s") and not noun.endswith("ss") and len(noun) > 3:
            forms.add(noun[:-1])
    noun_alt = "|".join(re.escape(n) for n in sorted(forms, key=len, reverse=True))
    return re.compile(
        rf"(?i)(?<![\d.,])\b(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_DIGITS}|{_NUMBER_WORDS}|{_VAGUE})\b(?![.,]\d)"
        rf"(?:\s+of)?(?P<gap>(?:\s+(?!(?:to|in|on|for|by|from|after|was|were|than)\b)[\w'’.-]+){{0,3}}?)"
        rf"\s+(?P<noun>{noun_alt})\b"
    )


_SUM_LINK = re.compile(r"(?i)\s*(?:,|and|,\s*and|as well as|plus|along with)\s*")


def find_counts(text: str, pattern: re.Pattern, offset: int = 0) -> list[Count]:
    """Counts of the pattern's nouns; "six persons and one entity" is one count of 7."""
    counts = _find_counts(text, pattern, offset)
    merged: list[Count] = []
    for count in counts:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.value is not None
            and count.value is not None
            and not last.qualifier
            and _SUM_LINK.fullmatch(text[last.end - offset : count.start - offset])
        ):
            merged[-1] = Count(
                value=last.value + count.value,
                text=text[last.start - offset : count.start - offset] + count.text,
                qualifier=count.qualifier,
                start=last.start,
                end=count.end,
            )
            continue
        merged.append(count)
    return merged


def _find_counts(text: str, pattern: re.Pattern, offset: int = 0) -> list[Count]:
    counts = []
    for m in pattern.finditer(text):
        raw = m.group("num")
        value = words_to_int(raw)
        if value is not None and 1900 <= value <= 2099 and "," not in raw and not m.group("qual"):
            # a bare year before a noun ("2018 sanctions") is not a count
            continue
        qualifier = (m.group("qual") or "").lower() or None
        counts.append(
            Count(
                value=value,
                text=text[m.start() : m.end("num")],
                qualifier=qualifier,
                start=offset + m.start(),
                end=offset + m.end(),
            )
        )
    return counts


_ROUND_RE = re.compile(
    rf"(?i)\b(?:(?P<ord>{_ORDINAL})|(?P<vague>multiple|several|new|fresh|another|further|"
    rf"additional|latest|successive|more|numerous|two|three|four|five|six|seven|eight|nine|ten|\d+))"
    rf"(?:\s+(?:new|major|further|fresh|sanctions|such|separate|additional))?\s+(?P<unit>{_ROUND_UNITS})\b"
)


def find_rounds(text: str, offset: int = 0) -> list[Round]:
    rounds = []
    for m in _ROUND_RE.finditer(text):
        ordinal = m.group("ord")
        value = None
        if ordinal:
            low = ordinal.lower()
            value = _ORDINALS.get(low) or int(re.match(r"[0-9]+", low).group())
        rounds.append(
            Round(value=value, text=m.group(0), start=offset + m.start(), end=offset + m.end())
        )
    return rounds
