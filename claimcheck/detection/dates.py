"""Finding date expressions in news text and resolving them to day ranges.

A resolved date keeps its precision: "in March" is the whole month, "last week" the Monday to
Sunday before the publication week, "on Thursday" the latest Thursday on or before publication
(news style names the weekday even for the publication day itself). Expressions such as "the
following year" resolve against the last date mentioned before them in the article. What cannot be
resolved keeps its text and has no start or end.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import DateError
from ..model import DateValue

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}

# Month names must be capitalised: "may" and "march" are also ordinary words.
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
    # timelines and headings in capitals: "APRIL 5 - Italy expels 30 diplomats"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|JAN\.?|FEB\.?|MAR\.?|APR\.?|JUN\.?|JUL\.?|AUG\.?|SEPT?\.?|OCT\.?|NOV\.?|DEC\.?)"
)
_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_NUM = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_PART = r"(?i:early|mid|late|the (?:start|beginning|middle|end) of|the first half of|the second half of)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_PREP = (
    r"(?i:in|since|by|during|until|till|from|before|after|through|throughout|of|to|and|between|for)"
)

# fixed-date days that news copy names instead of the date
HOLIDAYS = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
}

_PATTERNS = [
    (
        "day_range",
        rf"\b(?:(?P<dr_d1>{_DAY})\s*[-–]\s*(?P<dr_d2>{_DAY})\s+(?:of\s+)?(?P<dr_m1>{_MONTH})"
        rf"|(?P<dr_m2>{_MONTH})\s+(?P<dr_d3>{_DAY})\s*[-–]\s*(?P<dr_d4>{_DAY}))"
        rf"(?:,?\s+(?P<dr_y>{_YEAR}))?\b",
    ),
    ("iso", rf"\b(?P<iso_y>{_YEAR})-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>0[1-9]|[12]\d|3[01])\b"),
    ("dmy", rf"\b(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{_MONTH}),?\s+(?P<dmy_y>{_YEAR})\b"),
    ("mdy", rf"\b(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY}),?\s+(?P<mdy_y>{_YEAR})\b"),
    (
        "part_month",
        rf"\b(?P<pm_part>{_PART})[\s-]+(?P<pm_m>{_MONTH_FULL})(?:,?\s+(?P<pm_y>{_YEAR}))?\b",
    ),
    ("part_year", rf"\b(?P<py_part>{_PART})[\s-]+(?P<py_y>{_YEAR})\b"),
    ("my", rf"\b(?P<my_m>{_MONTH_FULL}|{_MONTH})(?:,?\s+(?:of\s+)?)(?P<my_y>{_YEAR})\b"),
    ("md", rf"\b(?P<md_m>{_MONTH})\s+(?P<md_d>{_DAY})\b(?!\s*(?:,\s*)?\d)"),
    ("holiday", r"\b(?P<hol>New Year['’]s (?:Day|Eve)|Christmas (?:Day|Eve))\b"),
    ("dm", rf"\b(?P<dm_d>{_DAY})\s+(?:of\s+)?(?P<dm_m>{_MONTH})\b"),
    ("season_year", rf"\b(?:the\s+)?(?P<sy_s>{_SEASON})\s+(?:of\s+)?(?P<sy_y>{_YEAR})\b"),
    (
        "rel_season",
        rf"\b(?P<rs_rel>last|this|next|in the|earlier this|over the)\s+(?P<rs_s>{_SEASON})\b(?!\s+(?:of\s+)?\d{{4}})",
    ),
    ("decade", r"\bthe\s+(?P<dec>(?:1[89]|20)\d0)s\b"),
    ("year", rf"\b{_PREP}\s+(?P<y>{_YEAR})\b(?!-)"),
    ("year_adj", rf"\b(?i:the|its|a|this)\s+(?P<ya>{_YEAR})(?=\s+[a-z])"),
    (
        "month",
        rf"\b(?P<mo_rel>(?i:in early|in late|in mid|in|since|by|during|until|from|before|after|last|this|next|of|early|late|mid))[\s-]+(?P<mo_m>{_MONTH_FULL})\b(?!\s+\d)",
    ),
    (
        "weekday",
        rf"\b(?:(?P<wd_rel>(?i:on|last|this|next|since|by|until|from|early|late))\s+)?(?P<wd>{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?\b",
    ),
    (
        "ago",
        rf"\b(?P<ago_n>{_NUM}|several|a few)\s+(?P<ago_u>day|week|month|year)s?\s+ago"
        r"(?:\s+(?P<ago_today>today|this week))?\b",
    ),
    (
        "anaphoric",
        rf"\b(?:(?P<an_dir1>the following|the next|the previous|the preceding|that|the same)\s+(?P<an_u1>day|week|month|year)|(?P<an_n>{_NUM})\s+(?P<an_u2>day|week|month|year)s?\s+(?P<an_dir2>later|earlier|before|after))\b",
    ),
    (
        "relative",
        r"\b(?P<rel>yesterday|today|tomorrow|last night|this morning|overnight|(?:over|at|during) the weekend|last weekend|this weekend|(?:earlier|later) (?:this|in the) (?:week|month|year)|last (?:week|month|year)|this (?:week|month|year)|next (?:week|month|year)|the day before)\b",
    ),
]
# Relative expressions are matched without regard to case ("Last week", "Yesterday"); month
# and weekday names only when capitalised.
_CASE_INSENSITIVE_KINDS = {"relative", "ago", "anaphoric", "rel_season"}
# Every expression begins with a letter or a digit: "(?=\w)" passes over the ends of words
# at once instead of trying each alternative there (half the time of the search, same matches).
_DATE_RE = re.compile(
    r"\b(?=\w)(?:"
    + "|".join(
        f"(?P<{name}>(?i:{rx}))" if name in _CASE_INSENSITIVE_KINDS else f"(?P<{name}>{rx})"
        for name, rx in _PATTERNS
    )
    + ")"
)
# Kinds whose reported text is one inner group rather than the whole match.
_TEXT_GROUP = {"year_adj": "ya"}
# Where _DATE_RE could find an expression that reads the anchor ("the following year"): a text
# in which this finds nothing has dates that do not depend on what came before it.
_ANAPHORIC_RE = re.compile(r"\b(?i:" + dict(_PATTERNS)["anaphoric"] + ")")
# Text passed over is kept for the anchor up to this many characters, then read.
PASSED_OVER_LIMIT = 200_000


@dataclass
class DateMention:
    """A date expression at ``start``..``end`` of the text it was found in."""

    start: int
    end: int
    text: str
    kind: str
    value: DateValue


def parse_user_date(value: str, what: str = "--published") -> date:
    """Parse a date the user typed; the error says which option and the expected form."""
    try:
        return date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise DateError(
            f"bad {what} date {value!r}: use the form YYYY-MM-DD, for example 2018-12-22"
        ) from None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _latest_month(month: int, ref: date, strictly_before: bool = False) -> int:
    """The year of the latest ``month`` not after ``ref`` (or strictly before its month)."""
    if month < ref.month or (month == ref.month and not strictly_before):
        return ref.year
    return ref.year - 1


def _part_of_month(part: str, year: int, month: int) -> tuple[date, date]:
    last = calendar.monthrange(year, month)[1]
    part = part.lower()
    if part.startswith(("early", "the start", "the beginning", "the first half")):
        return date(year, month, 1), date(year, month, 10 if "half" not in part else 15)
    if part.startswith(("mid", "the middle")):
        return date(year, month, 11), date(year, month, 20)
    if "second half" in part:
        return date(year, month, 16), date(year, month, last)
    return date(year, month, 21), date(year, month, last)


def _part_of_year(part: str, year: int) -> tuple[date, date]:
    part = part.lower()
    if part.startswith(("early", "the start", "the beginning")):
        return date(year, 1, 1), date(year, 4, 30)
    if part.startswith(("mid", "the middle")):
        return date(year, 5, 1), date(year, 8, 31)
    if "first half" in part:
        return date(year, 1, 1), date(year, 6, 30)
    if "second half" in part:
        return date(year, 7, 1), date(year, 12, 31)
    return date(year, 9, 1), date(year, 12, 31)


def _season(season: str, year: int) -> tuple[date, date]:
    first, last = SEASONS[season.lower()]
    if first > last:  # winter runs from December into the next year
        return date(year, first, 1), _month_end(year + 1, last)
    return date(year, first, 1), _month_end(year, last)


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, 1)


def _number(text: str) -> int | None:
    text = text.lower()
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


class DateResolver:
    """Finds and resolves date expressions against a publication date and the running context."""

    def __init__(self, published: date | None):
        self.published = published
        self.anchor: DateValue | None = None
        # text passed over in reading order, not yet read: its dates are not wanted, but the
        # anchor must move through them before anything reads it. An entry is a text to read
        # (text, offset), or the anchor a text read ahead of them leaves
        self._passed: list[tuple[str, int] | DateValue] = []
        self._passed_chars = 0

    def find(self, text: str, offset: int = 0) -> list[DateMention]:
        """Every date expression in ``text``, in order, resolved; offsets are shifted by ``offset``.

        The anchor for "the following year" and the like moves forward as dates are found, so call
        this on the text of an article in reading order.
        """
        self.catch_up()
        return self._find(text, offset)

    def pass_over(self, text: str, offset: int = 0) -> None:
        """Text whose dates are not wanted, in reading order: it is read for the anchor only
        when a later expression needs the anchor."""
        self._passed.append((text, offset))
        self._passed_chars += len(text)
        if self._passed_chars > PASSED_OVER_LIMIT:
            self.catch_up()

    def find_ahead(self, text: str, offset: int = 0) -> list[DateMention]:
        """As ``find``, but text passed over before it is read only if this text's dates depend
        on it: with a publication date, only "the following year" and the like read the anchor."""
        if not self._passed or self.published is None or _ANAPHORIC_RE.search(text):
            return self.find(text, offset)
        anchor = self.anchor
        mentions = self._find(text, offset)
        if self.anchor is not anchor:
            # the anchor this text leaves is set in its turn, once the text before it is read
            self._passed.append(self.anchor)
            self.anchor = anchor
        return mentions

    def catch_up(self) -> None:
        """Read the text passed over, in order, so that the anchor is where ``find`` left it."""
        passed, self._passed, self._passed_chars = self._passed, [], 0
        for entry in passed:
            if isinstance(entry, DateValue):
                self.anchor = entry
            else:
                self._find(*entry)

    def _find(self, text: str, offset: int) -> list[DateMention]:
        mentions = []
        for match in _DATE_RE.finditer(text):
            kind = match.lastgroup
            if kind is None:
                continue
            group = _TEXT_GROUP.get(kind, kind)
            mention_text = match.group(group)
            value = self._resolve(kind, match, mention_text)
            if value is None:
                continue
            mentions.append(
                DateMention(
                    start=offset + match.start(group),
                    end=offset + match.end(group),
                    text=mention_text,
                    kind=kind,
                    value=value,
                )
            )
            if value.resolved and kind != "anaphoric":
                self.anchor = value
        return _join_ranges(text, offset, mentions)

    # -- resolution -------------------------------------------------------------------------

    def _resolve(self, kind: str, m: re.Match, text: str) -> DateValue | None:
        g = m.group
        pub = self.published
        if kind == "day_range":
            return self._day_range(text, m)
        if kind == "iso":
            day = _safe_date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
            return DateValue.span(text, day, day, "day") if day else None
        if kind in ("dmy", "mdy"):
            p = kind
            day = _safe_date(int(g(f"{p}_y")), _month_number(g(f"{p}_m")), _day_number(g(f"{p}_d")))
            return DateValue.span(text, day, day, "day") if day else None
        if kind in ("md", "dm", "holiday"):
            if kind == "holiday":
                month, dnum = HOLIDAYS[g("hol").replace("’", "'").lower()]
            else:
                month, dnum = _month_number(g(f"{kind}_m")), _day_number(g(f"{kind}_d"))
            ref = self._reference()
            if ref is None:
                return DateValue(text=text, precision="day")
            year = ref.year if (month, dnum) <= (ref.month, ref.day) else ref.year - 1
            if self.published is None and self.anchor is not None:
                year = ref.year
            day = _safe_date(year, month, dnum)
            return DateValue.span(text, day, day, "day") if day else None
        if kind == "part_month":
            month = _month_number(g("pm_m"))
            if g("pm_y"):
                year = int(g("pm_y"))
            elif pub is not None:
                year = _latest_month(month, pub)
            else:
                return DateValue(text=text, precision="part_of_month")
            start, end = _part_of_month(g("pm_part"), year, month)
            return DateValue.span(text, start, end, "part_of_month")
        if kind == "part_year":
            start, end = _part_of_year(g("py_part"), int(g("py_y")))
            return DateValue.span(text, start, end, "part_of_year")
        if kind == "my":
            year, month = int(g("my_y")), _month_number(g("my_m"))
            return DateValue.span(text, date(year, month, 1), _month_end(year, month), "month")
        if kind == "season_year":
            start, end = _season(g("sy_s"), int(g("sy_y")))
            return DateValue.span(text, start, end, "season")
        if kind == "rel_season":
            return self._relative_season(text, g("rs_rel").lower(), g("rs_s").lower())
        if kind == "decade":
            first = int(g("dec"))
            return DateValue.span(text, date(first, 1, 1), date(first + 9, 12, 31), "decade")
        if kind in ("year", "year_adj"):
            year = int(g("y") or g("ya"))
            return DateValue.span(text, date(year, 1, 1), date(year, 12, 31), "year")
        if kind == "month":
            return self._month(text, g("mo_rel").lower(), _month_number(g("mo_m")))
        if kind == "weekday":
            return self._weekday(text, (g("wd_rel") or "on").lower(), WEEKDAYS[g("wd").lower()])
        if kind == "ago":
            value = self._ago(text, g("ago_n").lower(), g("ago_u").lower())
            if g("ago_today") and value.resolved and pub is not None:
                # "two years ago today": the same day, that many years (months) back
                n = _number(g("ago_n").lower()) or 0
                unit = g("ago_u").lower()
                back = {"year": 12 * n, "month": n}.get(unit)
                if back is not None:
                    first = _shift_months(pub, -back)
                    day = _safe_date(first.year, first.month, pub.day)
                    if day:
                        return DateValue.span(text, day, day, "day")
            return value
        if kind == "anaphoric":
            return self._anaphoric(text, m)
        if kind == "relative":
            return self._relative(text, g("rel").lower())
        return None

    def _day_range(self, text: str, m: re.Match) -> DateValue | None:
        """ "15-17 March", "March 15-17, 2024": the days from the first to the last."""
        g = m.group
        month = _month_number(g("dr_m1") or g("dr_m2"))
        first = _day_number(g("dr_d1") or g("dr_d3"))
        last = _day_number(g("dr_d2") or g("dr_d4"))
        if g("dr_y"):
            year = int(g("dr_y"))
        else:
            ref = self._reference()
            if ref is None:
                return DateValue(text=text, precision="day")
            year = ref.year if (month, first) <= (ref.month, ref.day) else ref.year - 1
        start, end = _safe_date(year, month, first), _safe_date(year, month, last)
        if start is None or end is None or end < start:
            return None
        return DateValue.span(
            text, start, end, _range_precision(start.isoformat(), end.isoformat())
        )

    def _reference(self) -> date | None:
        if self.published is not None:
            return self.published
        if self.anchor is not None and self.anchor.end:
            return date.fromisoformat(self.anchor.end)
        return None

    def _month(self, text: str, rel: str, month: int) -> DateValue:
        pub = self.published
        if pub is None:
            return DateValue(text=text, precision="month")
        if rel == "next":
            year = pub.year if month > pub.month else pub.year + 1
        elif rel == "this":
            year = pub.year
        else:
            year = _latest_month(month, pub, strictly_before=(rel == "last"))
        if rel.endswith(("early", "late", "mid")):
            start, end = _part_of_month(rel.split()[-1], year, month)
            return DateValue.span(text, start, end, "part_of_month")
        return DateValue.span(text, date(year, month, 1), _month_end(year, month), "month")

    def _weekday(self, text: str, rel: str, weekday: int) -> DateValue:
        pub = self.published
        if pub is None:
            return DateValue(text=text, precision="day")
        back = (pub.weekday() - weekday) % 7
        if rel == "next":
            ahead = (weekday - pub.weekday()) % 7 or 7
            day = pub + timedelta(days=ahead)
        elif rel == "last":
            day = pub - timedelta(days=back or 7)
        else:
            day = pub - timedelta(days=back)
        return DateValue.span(text, day, day, "day")

    def _relative_season(self, text: str, rel: str, season: str) -> DateValue:
        """ "last summer" is the latest summer already over; "this"/"in the" the latest begun."""
        pub = self.published
        if pub is None:
            return DateValue(text=text, precision="season")
        year = pub.year + 1
        start, end = _season(season, year)
        if rel == "next":
            while start > pub + timedelta(days=366):
                year -= 1
                start, end = _season(season, year)
            if start <= pub:
                start, end = _season(season, year + 1)
            return DateValue.span(text, start, end, "season")
        while start > pub or (rel == "last" and end >= pub):
            year -= 1
            start, end = _season(season, year)
        return DateValue.span(text, start, end, "season")

    def _ago(self, text: str, amount: str, unit: str) -> DateValue:
        pub = self.published
        n = _number(amount)
        if pub is None or n is None:
            return DateValue(text=text, precision=unit if unit != "day" else "day")
        if unit == "day":
            day = pub - timedelta(days=n)
            return DateValue.span(text, day, day, "day")
        if unit == "week":
            start, end = _week_of(pub - timedelta(weeks=n))
            return DateValue.span(text, start, end, "week")
        if unit == "month":
            first = _shift_months(pub, -n)
            return DateValue.span(text, first, _month_end(first.year, first.month), "month")
        year = pub.year - n
        return DateValue.span(text, date(year, 1, 1), date(year, 12, 31), "year")

    def _anaphoric(self, text: str, m: re.Match) -> DateValue:
        g = m.group
        if g("an_dir1"):
            direction, unit, n = g("an_dir1").lower(), g("an_u1").lower(), 1
            step = {"the following": 1, "the next": 1, "the previous": -1, "the preceding": -1}.get(
                direction, 0
            )
        else:
            unit, n = g("an_u2").lower(), _number(g("an_n"))
            direction = g("an_dir2").lower()
            step = 1 if direction in ("later", "after") else -1
            rest = m.string[m.end() : m.end() + 2]
            if direction in ("before", "after") and rest[:1] == " " and rest[1:2].isalnum():
                # "a day before the treaty was signed": relative to an event, not a date
                return DateValue(text=text, precision=unit)
        anchor = self.anchor
        if anchor is None or not anchor.resolved or n is None:
            return DateValue(text=text, precision=unit)
        base = date.fromisoformat(anchor.start)
        shift = step * n
        if unit == "year":
            year = base.year + shift
            return DateValue.span(text, date(year, 1, 1), date(year, 12, 31), "year")
        if unit == "month":
            first = _shift_months(base, shift)
            return DateValue.span(text, first, _month_end(first.year, first.month), "month")
        if unit == "week":
            start, end = _week_of(base + timedelta(weeks=shift))
            return DateValue.span(text, start, end, "week")
        if anchor.precision != "day":
            return DateValue(text=text, precision="day")
        day = base + timedelta(days=shift)
        return DateValue.span(text, day, day, "day")

    def _relative(self, text: str, rel: str) -> DateValue:
        pub = self.published
        if pub is None:
            return DateValue(text=text)
        one = timedelta(days=1)
        if rel in ("today", "this morning"):
            return DateValue.span(text, pub, pub, "day")
        if rel in ("yesterday", "last night", "the day before"):
            return DateValue.span(text, pub - one, pub - one, "day")
        if rel == "overnight":
            return DateValue.span(text, pub - one, pub, "day")
        if rel == "tomorrow":
            return DateValue.span(text, pub + one, pub + one, "day")
        if rel.endswith("weekend"):
            saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
            if rel.startswith("last") and pub.weekday() >= 5:
                saturday -= timedelta(days=7)
            return DateValue.span(text, saturday, saturday + one, "week")
        unit = rel.split()[-1]
        if rel.startswith("last"):
            if unit == "week":
                start, end = _week_of(pub - timedelta(days=7))
                return DateValue.span(text, start, end, "week")
            if unit == "month":
                first = _shift_months(pub, -1)
                return DateValue.span(text, first, _month_end(first.year, first.month), "month")
            return DateValue.span(
                text, date(pub.year - 1, 1, 1), date(pub.year - 1, 12, 31), "year"
            )
        if rel.startswith("next"):
            if unit == "week":
                start, end = _week_of(pub + timedelta(days=7))
                return DateValue.span(text, start, end, "week")
            if unit == "month":
                first = _shift_months(pub, 1)
                return DateValue.span(text, first, _month_end(first.year, first.month), "month")
            return DateValue.span(
                text, date(pub.year + 1, 1, 1), date(pub.year + 1, 12, 31), "year"
            )
        # this week / earlier this week / earlier in the week / later this month ...
        later = rel.startswith("later")
        if unit == "week":
            start, end = _week_of(pub)
            precision = "week"
        elif unit == "month":
            start, end = date(pub.year, pub.month, 1), _month_end(pub.year, pub.month)
            precision = "month"
        else:
            start, end = date(pub.year, 1, 1), date(pub.year, 12, 31)
            precision = "year"
        if rel.startswith("earlier"):
            end = pub
        elif later:
            start = pub
        return DateValue.span(text, start, end, precision)


_RANGE_LINK = re.compile(r"(?i)\s*(?:-|–|to|until|till|through|and)\s*")
_RANGE_OPEN = re.compile(r"(?i)\b(?:between|from)\s+$")


def _range_precision(start: str, end: str) -> str:
    days = (date.fromisoformat(end) - date.fromisoformat(start)).days + 1
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 31:
        return "month"
    return "year" if days <= 366 else "decade"


def _next_year(iso: str) -> str:
    day = date.fromisoformat(iso)
    return (_safe_date(day.year + 1, day.month, day.day) or date(day.year + 1, 2, 28)).isoformat()


def _join_ranges(text: str, offset: int, mentions: list[DateMention]) -> list[DateMention]:
    """ "between March 1 and Sept. 1", "from Monday to Wednesday": one range from two dates."""
    out: list[DateMention] = []
    i = 0
    while i < len(mentions):
        first = mentions[i]
        if i + 1 < len(mentions):
            second = mentions[i + 1]
            link = text[first.end - offset : second.start - offset]
            opener = text[max(0, first.start - offset - 12) : first.start - offset]
            opened = _RANGE_OPEN.search(opener) or first.text.lower().startswith("from ")
            if (
                first.value.resolved
                and second.value.resolved
                and _RANGE_LINK.fullmatch(link)
                and opened
                and second.value.end < first.value.start
                and not re.search(r"\d{4}", second.text)
            ):
                # "between November 1 and January 31": the second date is in the next year
                second = DateMention(
                    second.start,
                    second.end,
                    second.text,
                    second.kind,
                    DateValue(
                        text=second.value.text,
                        start=_next_year(second.value.start),
                        end=_next_year(second.value.end),
                        precision=second.value.precision,
                    ),
                )
            if (
                first.value.resolved
                and second.value.resolved
                and _RANGE_LINK.fullmatch(link)
                and opened
                and second.value.end >= first.value.start
            ):
                joined = text[first.start - offset : second.end - offset]
                value = DateValue(
                    text=joined,
                    start=first.value.start,
                    end=second.value.end,
                    precision=_range_precision(first.value.start, second.value.end),
                )
                out.append(DateMention(first.start, second.end, joined, "range", value))
                i += 2
                continue
        out.append(first)
        i += 1
    return out


_DATELINE_LABEL = re.compile(r"(?i)\b(published|posted|first published|date)\b[:\s]*")


def find_dateline(text: str, window: int = 1500) -> date | None:
    """The publication date from a dateline near the top of an article, if one is written there.

    Only complete dates (with a year) count. A labelled date ("Published: ...") wins over the
    first complete date in the window; "Updated" dates are passed over.
    """
    head = text[:window]
    resolver = DateResolver(None)
    candidates = []
    for mention in resolver.find(head):
        if mention.kind not in ("iso", "dmy", "mdy") or not mention.value.resolved:
            continue
        before = head[max(0, mention.start - 40) : mention.start]
        if re.search(r"(?i)updated[^\n]*$", before):
            continue
        labelled = bool(_DATELINE_LABEL.search(before.split("\n")[-1]))
        candidates.append((not labelled, mention.start, mention.value.start))
    if not candidates:
        return None
    candidates.sort()
    return date.fromisoformat(candidates[0][2])
