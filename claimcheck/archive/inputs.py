"""Reading an archive: a folder of article files, or a JSONL, CSV or Parquet table of articles.

The input is cut into partitions that depend only on the input and the partition size, never on
the number of workers, so every run produces the same rows. A partition is a small JSON-able
description (file names, or a byte range, or a slice of a Parquet row group) that a worker turns
back into articles with :func:`read_partition`; nothing else crosses to the workers. Paths are
local paths or fsspec URLs (``s3://``, ``gs://``, ...), read through the same interface.

Every value is checked here, where it enters: a row without text, with an unreadable date or an
undecodable file becomes an :class:`ArticleFailure` for the errors file, never an exception.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import math
import os
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

import fsspec
import numpy
from fsspec.implementations.local import LocalFileSystem

from ..encoders import printable, shown
from ..errors import ClaimcheckError, InputError
from ..ingest import guess_encoding, read_source
from ..validation import MAX_YEAR, MIN_YEAR

TABLE_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
COLUMNS = ("id", "text", "published", "url", "title", "source")
BLOCK = 8 << 20  # bytes read at a time when looking for record boundaries
HASH_WHOLE = 32 << 20  # files up to this size are hashed whole; bigger ones by samples
SAMPLES, SAMPLE = 32, 1 << 20  # blocks hashed of a bigger file, the first and last included
# What a listing may give as a hash of the content (S3, Google Cloud Storage, Azure ...).
LISTED_HASHES = ("ETag", "etag", "md5Hash", "content_md5", "crc32c", "checksum")


@dataclass
class ArticleRecord:
    """One article of the archive, decoded and checked."""

    id: str
    text: str
    ref: str  # where it is in the input: a file's relative path, or "line 12" / "row 12"
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    format: str = "text"
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)


@dataclass
class ArticleFailure:
    """An article that cannot be scanned, and why (it goes to the errors file)."""

    ref: str
    error: str
    id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "ref": self.ref, "error": self.error}


@dataclass
class Partition:
    """A piece of the input a worker reads on its own: ``spec`` says which, as plain JSON."""

    index: int
    kind: str
    root: str  # the input as a URL
    spec: dict[str, Any]
    rows: int  # rows of the input it covers (blank lines included)

    @property
    def digest(self) -> str:
        """Changes when the input under this partition changes: resuming checks it."""
        text = json.dumps([self.kind, self.root, self.spec], sort_keys=True)
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _url(fs: fsspec.AbstractFileSystem, path: str) -> str:
    return fs.unstrip_protocol(path)


class CorpusInput:
    """An archive to scan: counts its articles and cuts it into partitions."""

    def __init__(self, location: str) -> None:
        try:
            fs, path = fsspec.core.url_to_fs(location)
        except (ImportError, ValueError) as exc:
            raise InputError(f"{location}: cannot open this location ({exc})") from None
        self.fs, self.path = fs, path.rstrip("/") or path
        self.url = _url(fs, self.path)
        self.location = location
        try:
            is_dir = fs.isdir(self.path)
            exists = is_dir or fs.isfile(self.path)
        except (OSError, ValueError) as exc:
            raise InputError(f"{location}: cannot be read ({exc})") from None
        if not exists:
            raise InputError(f"{location}: no such file or folder")
        self.parquet_files: list[str] = []
        if is_dir:
            self.kind = "folder"
            # A folder of .parquet files only is one Parquet dataset; the first other file
            # decides it is a folder of articles (without listing the rest).
            parquet: list[str] = []
            for rel, _ in self._walk():
                if not rel.lower().endswith(".parquet"):
                    parquet = []
                    break
                parquet.append(posixpath.join(self.path, rel))
            if parquet:
                self.kind = "parquet"
                self.parquet_files = parquet
        else:
            suffix = posixpath.splitext(self.path.lower())[1]
            if suffix not in TABLE_SUFFIXES:
                raise InputError(
                    f"{location} is a single {suffix or 'extensionless'} file: give a folder of "
                    "articles or a table of articles (.jsonl, .csv or .parquet); for one article "
                    "use 'claimcheck scan FILE'"
                )
            self.kind = TABLE_SUFFIXES[suffix]
            if self.kind == "parquet":
                self.parquet_files = [self.path]
        self.header: list[str] = []
        self.encoding = "utf-8"
        self.data_start = 0
        if self.kind == "csv":
            self._read_csv_header()
        if self.kind == "jsonl":
            self._check_jsonl_text()
        if self.kind == "parquet":
            self._check_parquet_columns()

    # -- what the input is ---------------------------------------------------------------

    def fingerprint(self) -> dict[str, dict[str, Any]]:
        """Size, modification time and content hash of each file of a table, by its path under
        the input ("" for a single file). A folder of articles is checked partition by
        partition instead: a partition's digest covers the same three of each of its files."""
        if self.kind == "folder":
            return {}
        files = self.parquet_files or [self.path]
        out = {}
        for path in files:
            rel = posixpath.relpath(path, self.path) if path != self.path else ""
            out[rel] = file_stamp(self.fs, path, self.fs.info(path))
        return out

    def count(self) -> int:
        """How many rows (articles, with blank lines) the input has; one quick pass."""
        if self.kind == "folder":
            return sum(1 for _ in self._walk())
        if self.kind == "parquet":
            return sum(rows for _, _, rows in self._row_groups())
        return sum(1 for _ in self._row_ends())

    def partitions(self, size: int) -> Iterator[Partition]:
        """The partitions in order; made as they are needed, so memory stays small."""
        if self.kind == "folder":
            yield from self._folder_partitions(size)
        elif self.kind == "parquet":
            yield from self._parquet_partitions(size)
        else:
            yield from self._table_partitions(size)

    # -- folders -------------------------------------------------------------------------

    def _walk(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every file under the folder, hidden ones left out, sorted: (relative path, listing)."""
        for dirpath, dirs, files in self.fs.walk(self.path, detail=True):
            # fsspec visits the sub-folders left in ``dirs``, in its order: sorted, none hidden
            kept = sorted((k, v) for k, v in dirs.items() if not k.startswith((".", "_")))
            dirs.clear()
            dirs.update(kept)
            for name in sorted(files):
                if name.startswith((".", "_")):
                    continue
                full = posixpath.join(dirpath, name)
                yield posixpath.relpath(full, self.path), files[name]

    def _folder_partitions(self, size: int) -> Iterator[Partition]:
        batch: list[list[Any]] = []
        index = 0
        for rel, info in self._walk():
            stamp = file_stamp(self.fs, posixpath.join(self.path, rel), info)
            batch.append([rel, stamp["size"], stamp["mtime_ns"], stamp["sha256"]])
            if len(batch) == size:
                yield Partition(index, "folder", self.url, {"files": batch}, len(batch))
                index, batch = index + 1, []
        if batch:
            yield Partition(index, "folder", self.url, {"files": batch}, len(batch))

    # -- JSONL and CSV -------------------------------------------------------------------

    def _read_csv_header(self) -> None:
        with self.fs.open(self.path, "rb") as f:
            head = f.read(1 << 20)
        if not head.strip():
            raise InputError(f"{self.location} is empty: give a CSV table with a header row")
        encoding = guess_encoding(head)
        if encoding.startswith(("utf-16", "utf-32")):
            raise InputError(
                f"{self.location} is {encoding.upper()}: save the table as UTF-8 and try again"
            )
        self.encoding = "utf-8" if encoding in ("utf-8-sig", "ascii") else encoding
        start = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
        end = next(self._record_starts(), None)
        end = end if end is not None else len(head)
        line = head[start:end].decode(self.encoding, errors="replace")
        self.header = next(csv.reader(io.StringIO(line)), [])
        self.data_start = end
        if "text" not in self.header:
            found = ", ".join(self.header[:12]) or "none"
            raise InputError(
                f"{self.location} has no 'text' column (columns: {found}); name the article "
                "column 'text' (optional: id, published, url, title, source)"
            )

    def _check_jsonl_text(self) -> None:
        """Refuse JSON Lines none of whose records has a 'text' field, as a table without a
        'text' column is: every row would go to the errors file. Reads up to the first record
        that has one (the first line, as a rule)."""
        first = None  # what the first record is, for the message
        with self.fs.open(self.path, "rb") as f:
            for line in f:
                if not line.strip():
                    continue
                if first is not None and b"text" not in line and b"\\u" not in line:
                    continue  # no field named 'text' in it, escaped or not: no need to parse it
                try:
                    row = json.loads(line)
                except ValueError:  # not JSON, or not UTF-8
                    row = None
                if isinstance(row, dict) and "text" in row:
                    return
                if first is None and isinstance(row, dict):
                    names = ", ".join(printable(k, 30) for k in list(row)[:8]) or "none"
                    first = f"fields of the first: {names}"
                elif first is None:
                    first = "the first is not a JSON object"
        if first is not None:  # an input without records is refused where rows are counted
            raise InputError(
                f"{self.location} has no record with a 'text' field ({first}); name the "
                "article field 'text' (optional: id, published, url, title, source)"
            )

    def _record_starts(self) -> Iterator[int]:
        """Byte offsets where each row after the first line starts (CSV: outside quotes)."""
        quoted = self.kind == "csv"
        with self.fs.open(self.path, "rb") as f:
            offset, inside, last_end = 0, 0, 0
            while True:
                block = f.read(BLOCK)
                if not block:
                    break
                data = numpy.frombuffer(block, dtype=numpy.uint8)
                ends = numpy.flatnonzero(data == 10)
                if quoted:
                    # parity of the quotes so far (uint8 wraps at 256, which keeps the parity)
                    quotes = numpy.cumsum(data == 34, dtype=numpy.uint8) + numpy.uint8(inside)
                    ends = ends[quotes[ends] % 2 == 0]
                    inside = int(quotes[-1] % 2) if len(quotes) else inside
                for end in ends:
                    yield offset + int(end) + 1
                if len(ends):
                    last_end = offset + int(ends[-1]) + 1
                offset += len(block)
            if offset > last_end:  # a last row without a line break
                yield offset

    def _row_ends(self) -> Iterator[int]:
        """Byte offsets where each data row ends (JSONL: each line; CSV: after the header)."""
        starts = self._record_starts()
        if self.kind == "csv":
            next(starts, None)  # the header's end is where the data starts
        yield from starts

    def _table_partitions(self, size: int) -> Iterator[Partition]:
        start = self.data_start
        first_row, rows, index = 1, 0, 0
        spec_extra = (
            {"header": self.header, "encoding": self.encoding} if self.kind == "csv" else {}
        )
        for end in self._row_ends():
            rows += 1
            if rows == size:
                spec = {"start": start, "end": end, "first_row": first_row, **spec_extra}
                yield Partition(index, self.kind, self.url, spec, rows)
                index, start, first_row, rows = index + 1, end, first_row + rows, 0
        if rows:
            spec = {"start": start, "end": None, "first_row": first_row, **spec_extra}
            yield Partition(index, self.kind, self.url, spec, rows)

    # -- Parquet -------------------------------------------------------------------------

    def _parquet_file(self, path: str):
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(self.fs.open(path, "rb"))
        except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
            raise InputError(
                f"{_url(self.fs, path)} is not a readable Parquet file ({exc})"
            ) from None

    def _check_parquet_columns(self) -> None:
        for path in self.parquet_files:
            names = self._parquet_file(path).schema_arrow.names
            if "text" not in names:
                raise InputError(
                    f"{_url(self.fs, path)} has no 'text' column (columns: "
                    f"{', '.join(names[:12])}); name the article column 'text'"
                )

    def _row_groups(self) -> Iterator[tuple[str, int, int]]:
        for path in self.parquet_files:
            meta = self._parquet_file(path).metadata
            for group in range(meta.num_row_groups):
                yield path, group, meta.row_group(group).num_rows

    def _parquet_partitions(self, size: int) -> Iterator[Partition]:
        index, first_row = 0, 1
        for path, group, rows in self._row_groups():
            rel = posixpath.relpath(path, self.path) if path != self.path else ""
            for start in range(0, rows, size):
                stop = min(rows, start + size)
                spec = {"file": rel, "group": group, "start": start, "stop": stop}
                spec["first_row"] = first_row + start
                yield Partition(index, "parquet", self.url, spec, stop - start)
                index += 1
            first_row += rows


def default_partition_size(total: int) -> int:
    """About 200 partitions, each of 50 to 2,000 articles: fine progress, few small files."""
    return min(2000, max(50, math.ceil(total / 200 / 50) * 50))


# -- telling whether a file changed -----------------------------------------------------------


def file_stamp(fs: fsspec.AbstractFileSystem, path: str, info: dict[str, Any]) -> dict[str, Any]:
    """What tells an edited file from the one scanned: its size, its modification time in
    nanoseconds and a hash of its content (the listing's own hash where the store gives one,
    else SHA-256 of the whole file or, past ``HASH_WHOLE`` bytes, of ``SAMPLES`` blocks spread
    over it, so that a file of gigabytes is checked in a moment)."""
    size = int(info.get("size") or 0)
    listed = next((info[k] for k in LISTED_HASHES if info.get(k)), None)
    try:
        if listed is not None:
            content = f"listed:{listed}"
        elif size <= HASH_WHOLE:
            content = hashlib.sha256(fs.cat_file(path)).hexdigest()
        else:
            digest = hashlib.sha256()
            for k in range(SAMPLES):
                start = (size - SAMPLE) * k // (SAMPLES - 1)
                digest.update(fs.cat_file(path, start, start + SAMPLE))
            content = f"sampled:{digest.hexdigest()}"
    except OSError:  # a file of a folder that cannot be read: its worker reports it
        content = None
    return {"size": size, "mtime_ns": _mtime_ns(fs, path, info), "sha256": content}


def _mtime_ns(fs: fsspec.AbstractFileSystem, path: str, info: dict[str, Any]) -> int | None:
    if isinstance(fs, LocalFileSystem):  # fsspec's mtime is a float: a few hundred ns lost
        try:
            return os.stat(path).st_mtime_ns
        except OSError:  # a link to nothing
            return None
    for key in ("mtime", "LastModified", "last_modified", "updated"):
        value = info.get(key)
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                continue
        if isinstance(value, datetime):
            moment = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
            return (moment - _EPOCH) // timedelta(microseconds=1) * 1000
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return round(value * 1e9)
    return None


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def describe_change(before: Any, now: dict[str, dict[str, Any]]) -> str | None:
    """What differs between two fingerprints of the input, in a few words; None when nothing
    does."""
    if before == now:
        return None
    if not isinstance(before, dict):
        return "the fingerprint kept of it is unreadable"
    for rel in sorted(set(before) | set(now)):
        old, new = before.get(rel), now.get(rel)
        where = f"{rel}: " if rel else ""
        if old == new:
            continue
        if old is None:
            return f"{rel} was added"
        if new is None:
            return f"{rel} is gone"
        if not isinstance(old, dict) or "sha256" not in old or "mtime_ns" not in old:
            return f"{where}its modification time and content were not recorded"
        if old.get("size") != new["size"]:
            return f"{where}{old.get('size')} bytes then, {new['size']} now"
        if old["sha256"] != new["sha256"]:
            return f"{where}same size, other content"
        return f"{where}modified since (another modification time)"
    return "its files differ"


# -- reading a partition (on a worker) -----------------------------------------------------


def read_partition(part: Partition) -> Iterator[ArticleRecord | ArticleFailure]:
    """The articles of one partition, in input order; bad ones as failures."""
    fs, root = fsspec.core.url_to_fs(part.root)
    if part.kind == "folder":
        for rel, *_stamp in part.spec["files"]:
            yield _from_file(fs, posixpath.join(root, rel), rel)
    elif part.kind in ("jsonl", "csv"):
        with fs.open(root, "rb") as f:
            f.seek(part.spec["start"])
            end = part.spec["end"]
            data = f.read() if end is None else f.read(end - part.spec["start"])
        if part.kind == "jsonl":
            yield from _from_jsonl(data, part.spec["first_row"])
        else:
            yield from _from_csv(data, part.spec)
    elif part.kind == "parquet":
        yield from _from_parquet(fs, root, part.spec)
    else:  # pragma: no cover - partitions are made by CorpusInput
        raise ValueError(f"unknown partition kind {part.kind!r}")


def _from_file(fs, path: str, rel: str) -> ArticleRecord | ArticleFailure:
    try:
        data = fs.cat_file(path)
    except OSError as exc:
        return ArticleFailure(rel, f"cannot be read ({exc.strerror or exc})", rel)
    stem = posixpath.splitext(posixpath.basename(rel))[0].replace("-", " ").replace("_", " ")
    return _article(rel, rel, data, None, None, None, None, name=rel, fallback_title=stem)


def _from_jsonl(data: bytes, first_row: int) -> Iterator[ArticleRecord | ArticleFailure]:
    for number, line in enumerate(data.split(b"\n"), start=first_row):
        if not line.strip():
            continue
        ref = f"line {number}"
        try:
            row = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield ArticleFailure(ref, f"not a JSON object ({exc})")
            continue
        if not isinstance(row, dict):
            yield ArticleFailure(ref, 'not a JSON object: each line must be {"text": ...}')
            continue
        yield _from_row(row, ref, str(number))


def _from_csv(data: bytes, spec: dict[str, Any]) -> Iterator[ArticleRecord | ArticleFailure]:
    header = spec["header"]
    text = io.TextIOWrapper(
        io.BytesIO(data), encoding=spec["encoding"], errors="replace", newline=""
    )
    reader = csv.reader(text)
    number = spec["first_row"] - 1
    while True:
        number += 1  # rows are numbered as the planner counted them, blank ones included
        ref = f"row {number}"
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ArticleFailure(ref, f"unreadable CSV row ({exc})")
            continue
        if not values or values == [""]:
            continue
        if len(values) != len(header):
            yield ArticleFailure(
                ref, f"has {len(values)} fields where the header has {len(header)}"
            )
            continue
        row = {k: (v if v != "" else None) for k, v in zip(header, values, strict=True)}
        yield _from_row(row, ref, str(number))


def _from_parquet(fs, root: str, spec: dict[str, Any]) -> Iterator[ArticleRecord | ArticleFailure]:
    import pyarrow.parquet as pq

    path = posixpath.join(root, spec["file"]) if spec["file"] else root
    with fs.open(path, "rb") as f:
        pf = pq.ParquetFile(f)
        columns = [c for c in COLUMNS if c in pf.schema_arrow.names]
        start, stop = spec["start"], spec["stop"]
        position = 0
        batch_rows = min(1024, max(1, stop - start))
        for batch in pf.iter_batches(
            batch_size=batch_rows, row_groups=[spec["group"]], columns=columns
        ):
            if position + batch.num_rows <= start:
                position += batch.num_rows
                continue
            lo = max(0, start - position)
            hi = min(batch.num_rows, stop - position)
            for offset, row in enumerate(batch.slice(lo, hi - lo).to_pylist()):
                number = spec["first_row"] + (position + lo + offset - start)
                yield _from_row(row, f"row {number}", str(number))
            position += batch.num_rows
            if position >= stop:
                return


def _from_row(row: dict[str, Any], ref: str, default_id: str) -> ArticleRecord | ArticleFailure:
    raw_id = row.get("id")
    article_id = default_id if _blank(raw_id) else _as_text(raw_id)
    text = row.get("text")
    if _blank(text):
        return ArticleFailure(ref, "no text: the 'text' value is empty or missing", article_id)
    if isinstance(text, str):
        data = text.encode("utf-8", "surrogatepass")
    elif isinstance(text, bytes):
        data = text
    else:
        return ArticleFailure(ref, f"'text' is a {type(text).__name__}, not text", article_id)
    published = row.get("published")
    try:
        pub = _date(published)
    except ValueError as exc:
        return ArticleFailure(ref, f"published date {shown(published)} {exc}", article_id)
    return _article(
        article_id,
        ref,
        data,
        pub,
        _optional(row.get("title")),
        _optional(row.get("url")),
        _optional(row.get("source")),
    )


def _article(
    article_id: str,
    ref: str,
    data: bytes,
    published: date | None,
    title: str | None,
    url: str | None,
    source: str | None,
    name: str = "",
    fallback_title: str | None = None,
) -> ArticleRecord | ArticleFailure:
    try:
        decoded = read_source(io.BytesIO(data), "auto", name)
    except ClaimcheckError as exc:
        return ArticleFailure(ref, str(exc), article_id)
    warnings = list(decoded.warnings)
    if published is None and decoded.published:
        try:
            published = _date(decoded.published)
        except ValueError as exc:
            warnings.append(
                f"ignored the publication date {shown(decoded.published)} in the page: it {exc}"
            )
    return ArticleRecord(
        id=article_id,
        text=decoded.text,
        ref=ref,
        published=published,
        title=title or decoded.title or fallback_title,
        url=url,
        source=source,
        format=decoded.format,
        encoding=decoded.encoding,
        warnings=warnings,
    )


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, (str, bytes)) and not value.strip()


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value if isinstance(value, str) else str(value)


def _optional(value: Any) -> str | None:
    return None if _blank(value) else _as_text(value).strip()


def _date(value: Any) -> date | None:
    """A publication date from a table or a page: a date, a timestamp or ISO text, in the years
    claimcheck resolves dates in; None when blank. The ValueError says what is wrong."""
    if _blank(value):
        return None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(value.strip()[:10])
        except (AttributeError, ValueError):
            raise ValueError("is unreadable: write it as YYYY-MM-DD") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"is outside the years {MIN_YEAR} to {MAX_YEAR}")
    return day


def open_input(location: str) -> CorpusInput:
    """The archive at ``location`` (a folder, .jsonl, .csv or .parquet; local or fsspec URL)."""
    return CorpusInput(location)


def read_articles(location: str, ids: list[str] | set[str]) -> list[ArticleRecord]:
    """The articles with these ids, as the scan read them (HTML already reduced to text).

    Reads through the whole input once; the result keeps the order of ``ids``.
    """
    wanted = {str(i) for i in ids}
    found: dict[str, ArticleRecord] = {}
    archive = open_input(location)
    for part in archive.partitions(default_partition_size(0)):
        for record in read_partition(part):
            if isinstance(record, ArticleRecord) and record.id in wanted:
                found.setdefault(record.id, record)
        if len(found) == len(wanted):
            break
    return [found[str(i)] for i in ids if str(i) in found]


__all__ = [
    "ArticleFailure",
    "ArticleRecord",
    "CorpusInput",
    "Partition",
    "default_partition_size",
    "open_input",
    "read_articles",
    "read_partition",
]
