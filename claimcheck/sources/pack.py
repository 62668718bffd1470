"""The reference pack: curated records of real events, shipped with the package.

A record is one event: ``id``, ``type``, ``date`` (YYYY, YYYY-MM or YYYY-MM-DD: the form is the
precision), optional ``end_date``, ``actors``, ``targets``, ``count`` (+ ``count_qualifier``
such as "more than" when the source gives a bound, ``count_parts`` when the count adds up
parts a claim may give alone, such as 4 expelled and 46 told to leave, and ``count_unit``),
``round``, ``treaty``, ``place``, ``status``, ``stage`` (of a treaty exit: announced, notice,
suspended, effective), a ``summary`` and ``sources`` (type, title,
publisher, URL, date: see :data:`claimcheck.validation.packs.SOURCE_TYPES`; every source but an
encyclopedia page is dated). Users add packs of their own as JSONL or CSV with the same columns
(lists in CSV cells are separated by ``;``; a source is ``title|publisher|url|date|type``). Files
are validated on load and errors name the file and line.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import ClaimcheckError
from ..files import decode_spreadsheet, read_bytes, read_text
from ..jsonl import read_jsonl_objects
from ..model import Claim, Evidence
from .base import Source, register_source

FIELDS = (
    "id", "type", "date", "end_date", "actors", "targets", "count", "count_qualifier",
    "count_parts", "count_unit", "round", "treaty", "place", "status", "stage", "summary", "sources",
)  # fmt: skip
REQUIRED = ("id", "type", "date", "summary", "sources")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class PackError(ClaimcheckError):
    """A reference pack file breaks the schema."""

    exit_code = 2


@dataclass
class PackRecord:
    id: str
    type: str
    date: str
    summary: str
    sources: list[dict[str, Any]]
    end_date: str | None = None
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    count: int | None = None
    count_qualifier: str | None = None
    count_parts: list[int] = field(default_factory=list)
    count_unit: str | None = None
    round: int | None = None
    treaty: str | None = None
    place: str | None = None
    status: str = "completed"
    stage: str | None = None

    @property
    def exit_stage(self) -> str | None:
        """The stage of a treaty exit this record is: its ``stage``, else the one its status
        implies (announced, suspended, effective)."""
        if self.stage or not self.treaty or self.type != "treaty_withdrawal":
            return self.stage
        return {"announced": "announced", "suspended": "suspended", "completed": "effective"}.get(
            self.status
        )

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.date)]

    @property
    def span(self) -> tuple[date, date]:
        """The first and last day the record's dates cover."""
        start, _ = date_range(self.date)
        _, end = date_range(self.end_date or self.date)
        return start, end

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS}


_WORD = re.compile(r"[^\W\d_][\w-]{3,}|\b[A-Z]{3}\b|\b\d{4}\b")
_NAME = re.compile(r"(?<!^)(?<![.!?:]\s)(?<![\"“‘'])\b(?:[A-Z][\w-]{2,}|\d{4})\b")
_COMMON = frozenset(
    {
        "that", "this", "with", "from", "over", "after", "into", "their", "them", "they", "were",
        "have", "will", "been", "which", "about", "more", "than", "also", "other", "said", "says",
        "against", "under", "january", "february", "march", "april", "june", "july", "august",
        "september", "october", "november", "december", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday",
    }
)  # fmt: skip


def _words(text: str) -> frozenset[str]:
    """Lower-case words of four letters or more (and four-digit numbers), accents kept."""
    return frozenset(w.lower() for w in _WORD.findall(text)) - _COMMON


def gap_days(a: tuple[date, date], b: tuple[date, date]) -> int:
    """Days between two date ranges; 0 when they overlap."""
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def date_range(value: str) -> tuple[date, date]:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    day = date(*parts)
    return day, day


def _check(row: dict[str, Any], where: str) -> tuple[PackRecord | None, list[str]]:
    """A record checked against the schema (:mod:`claimcheck.validation.packs`): the record, or
    None and every problem found, each naming ``where``."""
    from ..validation import check_each
    from ..validation.packs import PackRecordIn, did_you_mean

    problems = []
    for name in sorted(set(map(str, row)) - set(FIELDS))[:5]:
        problems.append(f"unknown column {name[:30]!r}{did_you_mean(name, FIELDS)}")
    if len(set(map(str, row)) - set(FIELDS)) > 5:
        problems.append(f"more unknown columns; the columns are {', '.join(FIELDS)}")
    missing = [name for name in REQUIRED if row.get(name) in (None, "", [])]
    if missing:
        problems.append(f"missing {', '.join(missing)}")
    known = {k: v for k, v in row.items() if k in FIELDS and k not in missing}
    record, found = check_each(PackRecordIn, known)
    problems.extend(p for p in found if not p.startswith(tuple(f"{m}:" for m in missing)))
    if problems or record is None:
        return None, [f"{where}: {p}" for p in problems]
    return PackRecord(**record.model_dump()), []


_CSV_LISTS = ("actors", "targets", "count_parts")


def _csv_dialect(header: str) -> str:
    """The delimiter that splits the header into the most known column names: a spreadsheet
    saves CSV with commas, or with semicolons where the comma is the decimal sign."""
    scores = {
        sep: sum(cell.strip().strip('"') in FIELDS for cell in header.split(sep))
        for sep in (",", ";", "\t")
    }
    return max(scores, key=lambda sep: (scores[sep], sep == ","))


def _rows_from_csv(text: str, source: str) -> list[tuple[int, dict[str, Any]]]:
    header = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=_csv_dialect(header))
    rows = []
    try:
        for row in reader:
            lineno = reader.line_num
            if not any((v or "").strip() for k, v in row.items() if isinstance(v, str)):
                continue  # a blank row, as spreadsheets leave at the end
            clean: dict[str, Any] = {
                k.strip(): (v.strip() if isinstance(v, str) and v.strip() else None)
                for k, v in row.items()
                if k and k.strip()
            }
            if None in row:  # more cells than the header has names
                clean["(cells beyond the header)"] = row[None]
            for name in _CSV_LISTS:
                clean[name] = [p.strip() for p in (clean.get(name) or "").split(";") if p.strip()]
            for name in ("count", "round"):
                if clean.get(name) is not None and clean[name].isdigit():
                    clean[name] = int(clean[name])  # anything else is reported by _check
            if all(p.isdigit() for p in clean["count_parts"]):
                clean["count_parts"] = [int(p) for p in clean["count_parts"]]
            clean["sources"] = _csv_sources(clean.get("sources") or "")
            rows.append((lineno, clean))
    except csv.Error as exc:
        raise PackError(f"{source}:{reader.line_num}: not readable as CSV ({exc})") from None
    return rows


def _csv_sources(cell: str) -> list[dict[str, Any]]:
    """Sources written ``title|publisher|url|date|type``, several separated by ``;``."""
    sources = []
    for item in cell.split(";"):
        parts = [p.strip() for p in item.split("|")]
        if len(parts) >= 3:
            names = ("title", "publisher", "url", "date", "type")
            source = {name: (value or None) for name, value in zip(names, parts, strict=False)}
            source["title"] = source.get("title") or ""
            sources.append(source)
    return sources


def parse_pack(
    text: str, source: str, problems: list[str] | None = None, reviews: list[Any] | None = None
) -> list[PackRecord]:
    """Validate a pack given as JSONL or CSV text; ``source`` names it in errors.

    The first bad record is an error; with a ``problems`` list, every problem of every bad
    record (or line) is described there instead, each with the file and line, the bad records
    are skipped and the good ones returned. A pack without a single line is an error. Lines of a
    reviews section (``{"review": ...}``, see :mod:`claimcheck.validation.reviews`) are checked
    too and go to ``reviews`` when it is given.
    """
    if source.lower().endswith(".csv"):
        rows = _rows_from_csv(text, source)
    else:
        rows = _jsonl_rows(text, source, problems)
    if not rows and not problems:
        raise PackError(
            f"{source} holds no records: a pack needs at least one (one JSON object a line, or "
            "a CSV header and a row for each event)"
        )
    records, seen = [], set()
    for lineno, row in rows:
        where = f"{source}:{lineno}"
        if "review" in row:  # the reviews section that `claimcheck pack export` writes
            try:
                entry = _check_review(row, where, seen)
            except PackError as exc:
                if problems is None:
                    raise
                problems.append(str(exc))
                continue
            if reviews is not None:
                reviews.append(entry)
            continue
        record, found = _check(row, where)
        if record is not None and record.id in seen:
            found = [f"{where}: id {record.id[:60]!r} is used twice"]
        if found:
            if problems is None:
                more = f" (and {len(found) - 1} more problem(s) on this line)" if found[1:] else ""
                raise PackError(found[0] + more)
            problems.extend(found)
            continue
        seen.add(record.id)
        records.append(record)
    return records


def _check_review(row: dict[str, Any], where: str, seen: set[str]) -> Any:
    """A line of the reviews section, checked (its id apart from the records')."""
    from ..validation import check
    from ..validation.reviews import ReviewLineIn

    entry = check(ReviewLineIn, row, where, PackError).review
    if f"\0review:{entry.id}" in seen:
        raise PackError(f"{where}: review id {entry.id[:60]!r} is used twice")
    seen.add(f"\0review:{entry.id}")
    return entry


def _jsonl_rows(
    text: str, source: str, problems: list[str] | None
) -> list[tuple[int, dict[str, Any]]]:
    if problems is None:
        return read_jsonl_objects(text, source, PackError)
    rows = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        try:
            rows.extend((lineno, row) for _, row in read_jsonl_objects(line, source, PackError))
        except PackError as exc:
            problems.append(str(exc).replace(f"{source}:1:", f"{source}:{lineno}:", 1))
    return rows


def validate_pack_file(
    path: str | Path, problems: list[str] | None = None, reviews: list[Any] | None = None
) -> list[PackRecord]:
    """The records of a pack file (see :func:`parse_pack` for ``problems`` and ``reviews``). A
    CSV file is read as spreadsheets save it: UTF-8 with or without a BOM, else Windows-1252 or
    Latin-1."""
    if str(path).lower().endswith(".csv"):
        data = read_bytes(path, "a reference pack (JSONL or CSV)", PackError)
        text, _ = decode_spreadsheet(data, str(path), "a reference pack (CSV)", PackError)
    else:
        text = read_text(path, "a reference pack (JSONL or CSV)", PackError)
    return parse_pack(text, str(path), problems, reviews)


RARE = 4  # a name used by this many records or fewer tells them apart


class ReferencePack:
    """Records indexed by type, actor and treaty for fast candidate lookup."""

    def __init__(self, records: list[PackRecord]):
        self.records = records
        self.by_type: dict[str, list[PackRecord]] = defaultdict(list)
        self.by_treaty: dict[str, list[PackRecord]] = defaultdict(list)
        self.by_party: dict[str, list[PackRecord]] = defaultdict(list)
        self.by_type_year: dict[tuple[str, int], list[PackRecord]] = defaultdict(list)
        self._parties: dict[str, frozenset[str]] = {}
        self._order = {record.id: i for i, record in enumerate(records)}
        self._related: dict[tuple[str, frozenset[str]], list[PackRecord]] = {}
        self.words: dict[str, frozenset[str]] = {}
        self.frequency: Counter[str] = Counter()
        for record in records:
            words = _words(" ".join([record.summary, record.place or "", *record.targets]))
            self.words[record.id] = words
            self.frequency.update(words)
        from ..detection.actors import affiliated  # detection is upstream of sources

        self.by_type_party: dict[tuple[str, str], list[PackRecord]] = defaultdict(list)
        self.by_type_treaty: dict[tuple[str, str], list[PackRecord]] = defaultdict(list)
        for record in records:
            parties = self._parties[record.id] = frozenset(
                affiliated({*record.actors, *record.targets})
            )
            for party in parties:
                self.by_type_party[(record.type, party)].append(record)
            if record.treaty:
                self.by_type_treaty[(record.type, record.treaty)].append(record)
        for record in records:
            self.by_type[record.type].append(record)
            start, end = record.span
            for year in range(start.year, end.year + 1):
                self.by_type_year[(record.type, year)].append(record)
            if record.treaty:
                self.by_treaty[record.treaty].append(record)
            for party in {*record.actors, *record.targets}:
                self.by_party[party].append(record)

    def __len__(self) -> int:
        return len(self.records)

    def names_in(self, text: str, most: int = RARE) -> dict[str, str]:
        """The names in ``text`` (capitalised words inside a sentence, and years) that at most
        ``most`` records use, lower-cased, each with the form the text has: "Salisbury",
        "Vrbětice", "GRU", "1991"."""
        found = {}
        for match in _NAME.finditer(text):
            word = match.group()
            if 0 < self.frequency[word.lower()] <= most and word.lower() not in _COMMON:
                found.setdefault(word.lower(), word)
        return found

    def candidates(
        self,
        claim_type: str,
        parties: set[str],
        treaty: str | None,
        years: range | None = None,
        published: date | None = None,
        text: str = "",
    ) -> list[PackRecord]:
        """Records of the claim's type (in ``years`` when given), narrowed by treaty or parties.

        A narrowing that would leave nothing is skipped, so a claim with an unknown party still
        sees the records of its type and time. Records after ``published`` never count, and a
        record about a person ``text`` names ("Maria Butina pleaded guilty") is kept whatever
        the parties.
        """
        if years is not None:
            seen: dict[str, PackRecord] = {}
            for year in years:
                for record in self.by_type_year.get((claim_type, year), ()):
                    seen.setdefault(record.id, record)
            pool = list(seen.values())
        else:
            pool = list(self.by_type.get(claim_type, []))
        if published is not None:
            pool = [r for r in pool if r.span[0] <= published]

        def before(records: list[PackRecord]) -> list[PackRecord]:
            return [r for r in records if published is None or r.span[0] <= published]

        if treaty:
            same = [r for r in pool if r.treaty == treaty]
            if same:
                return same
            if years is not None:
                # nothing of the treaty in the claim's years: its records of other years, so
                # that the nearest one can be named ("the INF Treaty in 2015")
                same = before(self.related(claim_type, set(), treaty))
                if same:
                    return same
        if parties:
            named = [r for r in pool if self.names_a_person(r, text)]
            related = [r for r in pool if parties & self.parties(r)]
            if related:
                return related + [r for r in named if r not in related]
            if years is not None:  # the claim's years, and its parties' records of other years
                return pool + before(self.related(claim_type, parties, None))
        return pool

    @staticmethod
    def names_a_person(record: PackRecord, text: str) -> bool:
        """Whether ``text`` names one of the record's parties of several words (a person)."""
        if not text:
            return False
        return any(" " in p and p in text for p in (*record.actors, *record.targets))

    def parties(self, record: PackRecord) -> frozenset[str]:
        """A record's actors and targets with the countries they act for ("special counsel"
        is the United States too)."""
        return self._parties[record.id]

    def related(self, claim_type: str, parties: set[str], treaty: str | None) -> list[PackRecord]:
        """Records of a type, of any year, about ``treaty``, else involving any of ``parties``
        (in the order of the pack)."""
        if treaty and self.by_type_treaty.get((claim_type, treaty)):
            return list(self.by_type_treaty[(claim_type, treaty)])
        key = (claim_type, frozenset(parties))
        cached = self._related.get(key)
        if cached is None:
            found: dict[str, PackRecord] = {}
            for party in sorted(parties):
                for record in self.by_type_party.get((claim_type, party), ()):
                    found.setdefault(record.id, record)
            order = self._order
            cached = self._related[key] = sorted(found.values(), key=lambda r: order[r.id])
        return list(cached)

    def earlier(self, record: PackRecord, parties: set[str]) -> list[PackRecord]:
        """Records of the same type before ``record`` that involve any of ``parties`` (and,
        for a record about a treaty, that concern the same treaty: "the first country to leave
        the Paris Agreement" is not contradicted by an earlier exit from another treaty)."""
        found = {}
        for party in parties:
            for other in self.by_party.get(party, ()):
                if (
                    other.type == record.type
                    and other.id != record.id
                    and other.span[0] < record.span[0]
                    and (not record.treaty or other.treaty == record.treaty)
                ):
                    found[other.id] = other
        return sorted(found.values(), key=lambda r: r.date)

    def to_evidence(self, record: PackRecord, score: float) -> Evidence:
        first = record.sources[0]
        return Evidence(
            source="pack",
            title=first.get("title") or record.summary,
            publisher=first.get("publisher"),
            url=first.get("url"),
            date=record.date,
            snippet=record.summary,
            score=score,
            record_id=record.id,
        )


@lru_cache(maxsize=1)
def bundled_pack() -> ReferencePack:
    text = (resources.files("claimcheck.sources") / "data" / "pack.jsonl").read_text(
        encoding="utf-8"
    )
    return ReferencePack(parse_pack(text, "claimcheck/sources/data/pack.jsonl"))


def load_pack(
    *paths: str | Path, bundled: bool = True, problems: list[str] | None = None
) -> ReferencePack:
    """The bundled pack plus the user's own pack files; with a ``problems`` list, bad records
    are described there and skipped instead of stopping the load."""
    records = list(bundled_pack().records) if bundled else []
    for path in paths:
        records.extend(validate_pack_file(path, problems))
    return ReferencePack(records)


@register_source
class PackSource(Source):
    """The offline reference pack as a source: every record of the claim's type is a candidate.

    Ranking and signals are the linker's job; this source only narrows by type, treaty and
    parties so that linking stays fast on large packs.
    """

    name = "pack"
    online = False

    def __init__(self, pack: ReferencePack | None = None):
        self.pack = pack or bundled_pack()
        self._by_id = {r.id: r for r in self.pack.records}

    def record(self, record_id: str) -> PackRecord | None:
        return self._by_id.get(record_id)

    def lookup(self, claim: Claim, published: str | None = None) -> list[Evidence]:
        from ..detection.actors import affiliated, parties_of  # detection is upstream

        parties = affiliated(parties_of(claim))  # Trump stands for the United States too
        years = years_for(claim, published)
        day = date.fromisoformat(published[:10]) if published else None
        found = self.pack.candidates(
            claim.type, parties, claim.slots.treaty, years, day, claim.text
        )
        return [self.pack.to_evidence(r, 0.0) for r in found]


def years_for(claim: Claim, published: str | None, window: int = 2) -> range | None:
    """The years a claim's event can fall in: around its date, else just before its article."""
    value = claim.slots.date
    if value is not None and value.start and value.end:
        return range(int(value.start[:4]) - 1, int(value.end[:4]) + 2)
    if published:
        year = int(published[:4])
        return range(year - window - 1, year + 1)
    return None
