"""Page furniture: datelines, photo captions, navigation and boilerplate lines.

A dateline ("PARIS, March 4 (Agency) -", "OTTAWA [Canada], May 2 (Agency):") says where a story
was filed; it is never the actor or the place of a claim, but it tells which country an unnamed
"foreign ministry" belongs to. Captions and credits describe a picture, not an event, and lines
of navigation, sharing and copyright are not claims at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import text_rules as tr

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_UPPER_PLACE = r"[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+){0,3}"
_TITLE_PLACE = r"[A-Z][a-zà-ÿ.'’-]+(?:[ -][A-Z][a-zà-ÿ.'’-]+){0,2}"
_AGENCY = r"(?:\([A-Z][\w .&'’-]{1,40}\)|/[A-Z][\w .&-]{1,30}/\.?)"
_DASH = r"(?:--|[-–—:])"
DATELINE_RE = re.compile(
    rf"""(?mx)^[ \t]*
    (?P<place>{_UPPER_PLACE}(?:\s*/\s*{_UPPER_PLACE})*|{_TITLE_PLACE}(?=,\s*{_DAY_DATE}|\s*[\[(]))
    (?:\s*\[(?P<bracket>[^\]\n]{{2,40}})\])?
    (?:,\s*(?P<region>{_TITLE_PLACE}|{_UPPER_PLACE})(?=\s*[,(/]|\s*{_DASH}|\s+\())?
    (?:,?\s*(?P<date>{_DAY_DATE}))?\.?
    (?:\s*(?P<agency>{_AGENCY}))?
    (?:\s*{_DASH}[ \t]+|(?<=/\.)[ \t]+|(?<=/)[ \t]+)"""
)


WEEKDAY_OR_MONTH = re.compile(
    rf"(?i)(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|{_MONTH}"
)


@dataclass
class Dateline:
    start: int
    end: int  # where the story's own text begins
    place: str  # as written: "PARIS", "OTTAWA [Canada]"
    names: list[str]  # the place words to look up: ["PARIS"], ["OTTAWA", "Canada"]


def find_datelines(text: str) -> list[Dateline]:
    """Datelines at the start of a line; upper-case places, or title case with a date or agency."""
    found = []
    for m in DATELINE_RE.finditer(text):
        place = m.group("place")
        upper = place.isupper()
        if not upper and not (m.group("date") or m.group("agency") or m.group("bracket")):
            continue
        if m.group().rstrip().endswith(("/", "/.")) and not (m.group("agency") or "").startswith(
            "/"
        ):
            continue
        if upper and len(place.replace(".", "")) < 3 and not m.group("agency"):
            continue  # "US -" or "EU:" at the start of a line is a headline, not a dateline
        if not upper and not m.group("date") and not m.group("agency"):
            continue
        if WEEKDAY_OR_MONTH.fullmatch(place.strip(" .")):
            continue  # "Friday, June 23 -" heads an entry of a timeline: its date is the event's
        names = [p.strip() for p in re.split(r"\s*/\s*", place)]
        for extra in (m.group("bracket"), m.group("region")):
            if extra:
                names.append(extra.strip())
        found.append(Dateline(m.start("place"), m.end(), place, names))
    return found


def dateline_party(datelines: list[Dateline]) -> str | None:
    """The country (or bloc) the first dateline names: "PARIS" -> France, "[Canada]" -> Canada."""
    from .actors import canonical_parties, country_of

    for dateline in datelines[:1]:
        for name in reversed(dateline.names):
            for candidate in (name, name.title()):
                parties = canonical_parties(candidate)
                if parties:
                    return country_of(parties[0])
    return None


CAPTION_LINE = re.compile(
    r"""(?imx)^[^\n]*(?:
        \((?:[A-Z][\w.&' -]{0,30}\s)?(?:photo|picture|image|pic|file\ photo|video)s?\b[^)\n]*\)
      | \b(?:photo|picture|image|credit|photograph|caption)s?\s*(?:credit\s*)?:\s*\S
      | \b(?:AP|AFP|EPA|Reuters|Getty|Xinhua|TASS|Sputnik|Anadolu|PA|ANP|dpa)\s*
          (?:Photo|Images?|/)\b
      | /(?:AP|AFP|EPA|Reuters|Getty\ Images|Xinhua|TASS|Sputnik|Anadolu|Pool)\b
      | \bvia\ Getty\ Images\b
      | ^[ \t]*(?:file\ photo|pictured|above|top|main\ image)\s*[:|,-]
    )[^\n]*$"""
)


# What a caption line holds: a bracket, a slash, or one of these words; or it begins with
# "above" or "top". An agency's credit may run on after line breaks ("Reuters\nPhoto").
_CAPTION_CUE = re.compile(
    tr.starting_with("pic", "(/") + r"(?:[(/]|(?i:photo|picture|image|credit|caption))"
)
_CAPTION_START_CUE = re.compile(r"(?im)^[ \t]*(?:above|top)")


def caption_ranges(text: str) -> list[tuple[int, int]]:
    """What ``CAPTION_LINE.finditer`` finds, tried only at the start of lines that can hold a
    caption: each match starts at a line start, and its line (or, for a credit broken over
    lines, the last line before the one with the cue that is not blank) holds a cue."""
    cues = [m.start() for m in _CAPTION_CUE.finditer(text)]
    cues += [m.start() for m in _CAPTION_START_CUE.finditer(text)]
    starts = set()
    line_end = -1
    for pos in sorted(cues):
        if pos > line_end:  # a new line: each character is looked at once
            starts.add(text.rfind("\n", max(line_end, 0), pos) + 1)
            line_end = text.find("\n", pos)
            if line_end == -1:
                line_end = len(text)
    for line_start in list(starts):
        i = line_start - 1
        while i >= 0 and text[i].isspace():
            i -= 1
        if i >= 0:
            starts.add(text.rfind("\n", 0, i) + 1)
    ranges = []
    last_end = 0
    for start in sorted(starts):
        if start < last_end:
            continue
        m = CAPTION_LINE.match(text, start)
        if m:
            ranges.append((m.start(), m.end()))
            last_end = m.end()
    return ranges


NAV_MARKS = "|›»>•·"  # the separators tr.NAV_LINE needs


def boilerplate_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of page furniture: navigation, share and copyright lines, related links,
    photo captions and credits."""
    ranges = [(m.start(), m.end()) for m in tr.BOILERPLATE_LINE.finditer(text)]
    if any(mark in text for mark in NAV_MARKS):  # a navigation line has two of them
        ranges += [(m.start(), m.end()) for m in tr.NAV_LINE.finditer(text)]
    ranges += caption_ranges(text)
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


def in_ranges(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in ranges)
