"""Per-document indexes the claim stages share: sentence starts, token columns, dates.

Everything is computed once per Doc with ``Doc.to_array`` so that later stages never walk the
whole document token by token.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

import numpy
from spacy.attrs import IDX, LIKE_NUM, LOWER, SENT_START
from spacy.tokens import Doc, Span

from ..model import DateValue
from .dates import DateMention, DateResolver
from .text_rules import words


@dataclass
class DocumentContext:
    """What every sentence of one Doc may look back at: earlier sentences and their parties."""

    doc: Doc
    text: str
    sent_starts: numpy.ndarray
    mentions: list[Span]  # party and treaty mentions, sorted, datelines left out
    dateline_party: str | None = None  # the country an unnamed "foreign ministry" belongs to
    dateline_ends: list[int] = field(default_factory=list)  # char offsets where stories begin
    published: date | None = None
    turns: list = field(default_factory=list)  # transcript speaker turns (quotes.Turn)
    # the state the last election told was held in: "Sandu had 55.33% of the vote" is the
    # Moldovan vote of the sentences before
    election_state: str | None = None
    # the target of the last claim of each type that named one: "the Czech Republic is sending
    # three home" expels Russians in a story about expelling Russians
    last_target: dict[str, str] = field(default_factory=dict)

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        start = int(self.sent_starts[index])
        end = (
            int(self.sent_starts[index + 1]) if index + 1 < len(self.sent_starts) else len(self.doc)
        )
        return start, end

    def mentions_between(self, start: int, end: int) -> list[Span]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.mentions[lo:hi]

    def __post_init__(self) -> None:
        self._starts = [m.start for m in self.mentions]


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
    index: int = 0  # the sentence's number in the Doc
    document: DocumentContext | None = None
    heading_date: DateValue | None = None  # "APRIL 5 - ..." heads every sentence of its entry
    turn: object | None = None  # the transcript turn the sentence belongs to (quotes.Turn)
    parties: list | None = None  # the parties the sentence names (parties.party_mentions)
    # the claim being built has its actor from an earlier sentence, not from its own words
    inherited_actor: bool = False
    inherited_target: bool = False  # and its target (parties.STORY_TARGET_TYPES)


def doc_text(doc: Doc) -> str:
    """The Doc's text. ``Doc.text`` builds it anew from a Token object per token on every
    access; ``detect`` gives the text it tokenized along with the Doc, used when it fits."""
    given = doc._.claimcheck_text
    if given is not None:
        end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        if len(given) == end:
            return given
    return doc.text


def sentence_starts(doc: Doc) -> numpy.ndarray:
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


def column(doc: Doc, attr: int) -> numpy.ndarray:
    values = doc.to_array([attr])
    return values[:, 0] if values.ndim > 1 else values


@dataclass
class Columns:
    """Token attributes the claim stages read, taken from the Doc once (one ``to_array``) as
    Python lists: indexing a list is many times faster than a Token or a numpy array."""

    lower: list[int]  # hash of the lower-case form
    idx: list[int]  # character offset
    like_num: list[int]

    @classmethod
    def of(cls, doc: Doc) -> Columns:
        if len(doc) == 0:
            return cls([], [], [])
        values = doc.to_array([LOWER, IDX, LIKE_NUM])
        return cls(values[:, 0].tolist(), values[:, 1].tolist(), values[:, 2].tolist())


def sentence_index(sent_starts: numpy.ndarray, token: int) -> int:
    return int(numpy.searchsorted(sent_starts, token, side="right")) - 1


DATE_WORDS = words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar. apr. jun. jul. aug. sep. "
    "sept. oct. nov. dec. monday tuesday wednesday thursday friday saturday sunday spring "
    "summer autumn fall winter today yesterday tomorrow tonight night morning weekend week "
    "weeks month months year years overnight day days decade"
)


def find_dates(
    doc: Doc,
    text: str,
    sent_starts: numpy.ndarray,
    resolver: DateResolver,
    date_hashes: frozenset[int],
    wanted: set[int] | None = None,
    columns: Columns | None = None,
) -> list[DateMention]:
    """Date expressions, looked for only in sentences with a number or a date word.

    With ``wanted`` (sentence indices), only the dates of those sentences are returned, and of
    the sentences before them on the same line (a timeline's "APRIL 5 -" dates its whole line);
    the other sentences are passed over, read for the anchor of "the following year" only when
    such an expression needs it. The dates returned are the same as without ``wanted``.
    """
    if len(doc) == 0:
        return []
    if columns is None:
        columns = Columns.of(doc)
    token_idx = columns.idx
    bounds = [*sent_starts.tolist(), len(doc)]
    if wanted is not None:
        wanted = _with_line_heads(wanted, text, token_idx, bounds)
    # the sentences holding a number or a date word, in order
    with_dates = []
    for i in range(len(bounds) - 1):
        a, b = bounds[i], bounds[i + 1]
        if any(columns.like_num[a:b]) or not date_hashes.isdisjoint(columns.lower[a:b]):
            with_dates.append(i)
    found = []
    last_end = -1
    for i in with_dates:
        start_char = max(token_idx[bounds[i]], last_end)
        last = bounds[i + 1] - 1
        # the end of the sentence's last token with its trailing whitespace
        end_char = token_idx[last + 1] if last + 1 < len(doc) else len(text)
        if wanted is None:
            found.extend(resolver.find(text[start_char:end_char], start_char))
        elif i in wanted:
            found.extend(resolver.find_ahead(text[start_char:end_char], start_char))
        else:
            resolver.pass_over(text[start_char:end_char], start_char)
        last_end = end_char
    return found


def _with_line_heads(
    wanted: set[int], text: str, token_idx: list[int], bounds: list[int]
) -> set[int]:
    """The sentences wanted and those before them that begin on the same line."""
    out = set(wanted)
    for k in wanted:
        line_start = text.rfind("\n", 0, token_idx[bounds[k]]) + 1
        j = k - 1
        while j >= 0 and token_idx[bounds[j + 1]] > line_start:
            out.add(j)
            j -= 1
    return out


def is_headline(text: str, sent: Span) -> bool:
    """The article's first line when it reads as a headline: short, on its own, no full stop."""
    if sent.start_char > 400 or text[: sent.start_char].strip():
        return False
    line_end = text.find("\n", sent.start_char)
    line = text[sent.start_char : line_end if line_end != -1 else len(text)].strip()
    return 0 < len(line.split()) <= 16 and not line.endswith((".", "?", "!", ":"))


HEADING_DASH = re.compile(r"\s*(?:-|–|—|:|--)\s")


def heading_dates(text: str, dates: list[DateMention]) -> list[tuple[int, int, DateValue]]:
    """Timeline entries: a resolved date at the start of a line followed by a dash or colon
    ("APRIL 5 - Italy expels ...") dates the rest of that line; (start, end, date) in chars."""
    out = []
    for mention in dates:
        if not mention.value.resolved:
            continue
        line_start = text.rfind("\n", 0, mention.start) + 1
        if text[line_start : mention.start].strip(" \t•*-–—"):
            continue
        if not HEADING_DASH.match(text, mention.end):
            continue
        line_end = text.find("\n", mention.end)
        out.append((line_start, line_end if line_end != -1 else len(text), mention.value))
    return out
