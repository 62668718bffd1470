"""Labelled sentence tables, as public check-worthiness benchmarks ship them.

A table is a .tsv or .csv file (the delimiter is read from its first line) whose header says
which kind it is, in any case:

- debates and speeches: ``line_number`` (or ``line``, ``sentence_id``), ``speaker``, ``text``,
  ``label`` (1/0); also without a header, as four tab-separated columns in that order;
- tweets: ``tweet_id``, ``tweet_url``, ``tweet_text``, ``class_label`` (yes/no);
- ClaimBuster: ``Sentence_id``, ``Text``, ``Verdict``: only 1 (a check-worthy factual sentence)
  is positive, 0 (unimportant) and -1 (not factual) are not.

A ``label`` or ``class_label`` may be 1/0, yes/no or true/false. A ``file``, ``debate`` or
``topic`` column (or ``file_id``, ``debate_id``, ``topic_id``) groups the rows into texts, one
per value; without one, the file is one text. Rows keep the file's order, or the order of a
``line_number`` column where every row has a number. Everything is checked here, where the
table comes in: a problem is a :class:`GoldError` naming the file, the line and what to do.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from .errors import GoldError
from .files import read_text, shown

SUFFIXES = (".tsv", ".csv")
WHAT = "a labelled sentence table (.tsv or .csv)"
TEXT_COLUMNS = ("text", "tweet_text")
LABEL_COLUMNS = ("label", "class_label", "verdict")
ID_COLUMNS = ("sentence_id", "tweet_id", "line_number", "line")
ORDER_COLUMNS = ("line_number", "line")
GROUP_COLUMNS = ("file", "file_id", "debate", "debate_id", "topic", "topic_id")
HEADERLESS = ("line_number", "speaker", "text", "label")
LABELS = {"1": True, "yes": True, "true": True, "0": False, "no": False, "false": False}
VERDICTS = {"1": True, "0": False, "-1": False}  # ClaimBuster: only check-worthy factual counts
FORMATS = (
    "'line_number, speaker, text, label', 'tweet_id, tweet_url, tweet_text, class_label' or "
    "'Sentence_id, Text, Verdict'"
)


@dataclass
class LabelledRow:
    """One row of a table: the benchmark's unit, with its label."""

    id: str
    text: str
    label: bool
    speaker: str | None = None
    line: int = 0  # where it is in the file


@dataclass
class LabelledText:
    """The rows of one text (a debate, a speech, a topic's tweets), in reading order."""

    id: str
    rows: list[LabelledRow]


def is_table(path: str | Path) -> bool:
    """A .tsv or .csv file, or a folder holding some and no ``gold.jsonl``."""
    path = Path(path)
    if path.is_dir():
        return not (path / "gold.jsonl").exists() and bool(_table_files(path))
    return path.suffix.lower() in SUFFIXES


def _table_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def load_tables(path: str | Path) -> list[LabelledText]:
    """The texts of a table, or of every table in a folder (in name order)."""
    path = Path(path)
    if path.is_dir():
        files = _table_files(path)
        if not files:
            raise GoldError(f"{path}: no .tsv or .csv tables in this folder; give {WHAT}")
        return [text for file in files for text in load_table(file)]
    return load_table(path)


def load_table(path: str | Path) -> list[LabelledText]:
    """Read and check one table; its texts, each with its rows in reading order."""
    path = Path(path)
    source = read_text(path, WHAT, GoldError)
    records = _records(path, source)
    if not records:
        raise GoldError(f"{path} is empty: give {WHAT}")
    first_line, first = records[0]
    header = [name.strip().lower() for name in first]
    if any(name in TEXT_COLUMNS for name in header):
        body = records[1:]
    elif _headerless_debate(first):
        header, body = list(HEADERLESS), records
    else:
        raise GoldError(
            f"{path}:{first_line}: unknown header {shown(', '.join(first), 60)}: use {FORMATS} "
            "(or a headerless TSV: line number, speaker, text, label)"
        )
    columns = _columns(path, first_line, header)
    needed = max(columns.values()) + 1
    rows_by_text: dict[str, list[LabelledRow]] = {}
    orders: dict[str, list[int | None]] = {}
    seen: dict[tuple[str, str], int] = {}
    for line, fields in body:
        if len(fields) < needed or any(f.strip() for f in fields[len(header) :]):
            raise GoldError(
                f"{path}:{line}: {len(fields)} columns where the header has {len(header)}: "
                "give every row the header's columns (quote a text that holds the delimiter)"
            )
        cell = {name: fields[i] for name, i in columns.items()}
        group = cell["group"].strip() if "group" in cell else ""
        text_id = f"{path.name}:{group}" if "group" in cell else path.name
        row_id = cell["id"].strip() if "id" in cell and cell["id"].strip() else f"line {line}"
        if (text_id, row_id) in seen:
            raise GoldError(
                f"{path}:{line}: id {shown(row_id)} appears twice (first on line "
                f"{seen[text_id, row_id]}): give every row its own id"
            )
        seen[text_id, row_id] = line
        speaker = " ".join(cell.get("speaker", "").split()) or None
        rows_by_text.setdefault(text_id, []).append(
            LabelledRow(
                id=row_id,
                text=" ".join(cell["text"].split()),
                label=_label(path, line, columns, cell["label"]),
                speaker=speaker,
                line=line,
            )
        )
        order = cell.get("order", "").strip()
        orders.setdefault(text_id, []).append(int(order) if order.isdigit() else None)
    if not rows_by_text:
        raise GoldError(f"{path}: a header but no rows; give {WHAT} with its labelled rows")
    texts = []
    for text_id, rows in rows_by_text.items():
        numbers = orders[text_id]
        if None not in numbers:  # reading order, where every row has its line number
            rows = [row for _, row in sorted(zip(numbers, rows, strict=True), key=lambda p: p[0])]
        texts.append(LabelledText(text_id, rows))
    return texts


def _records(path: Path, source: str) -> list[tuple[int, list[str]]]:
    """(line, fields) of every non-blank record. Quoted fields are read as spreadsheets and
    pandas write them; a tab-separated file whose quotes do not read so (a sentence that
    starts with a quotation) is read a line at a time, split at every tab."""
    # only CR and LF end a line: a text may hold other line separators (U+2028)
    lines = io.StringIO(source, newline="").readlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = next((d for d in ("\t", ",", ";") if d in first), "\t")
    try:
        records = _quoted_records(lines, delimiter)
    except _Unreadable as exc:
        if delimiter != "\t":
            raise GoldError(
                f"{path}:{exc.line}: not a readable CSV row ({exc.reason}): quote a text that "
                'holds a comma or a quotation mark ("), doubling the marks inside'
            ) from None
        records = None
    if delimiter == "\t" and (
        records is None
        or any("\t" in f for _, fields in records for f in fields)
        or len({len(fields) for _, fields in records}) > 1
    ):
        records = [
            (n, line.rstrip("\r\n").split("\t"))
            for n, line in enumerate(lines, start=1)
            if line.strip()
        ]
    return records


class _Unreadable(Exception):
    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line, self.reason = line, reason


def _quoted_records(lines: list[str], delimiter: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    records, line = [], 1
    try:
        for fields in reader:
            if any(f.strip() for f in fields):
                records.append((line, fields))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise _Unreadable(line, str(exc)) from None
    return records


def _headerless_debate(fields: list[str]) -> bool:
    """Four columns: a line number, a speaker, a text and a 1/0 label."""
    return len(fields) == 4 and fields[0].strip().isdigit() and fields[3].strip().lower() in LABELS


def _columns(path: Path, line: int, header: list[str]) -> dict[str, int]:
    """Where each part of a row is: text, label, and id, speaker, group, order where given."""
    for name in header:
        if name and header.count(name) > 1:
            raise GoldError(
                f"{path}:{line}: column {shown(name)} appears twice: name each column once"
            )
    columns: dict[str, int] = {}
    for part, names in (
        ("text", TEXT_COLUMNS),
        ("label", LABEL_COLUMNS),
        ("id", ID_COLUMNS),
        ("order", ORDER_COLUMNS),
        ("group", GROUP_COLUMNS),
        ("speaker", ("speaker",)),
    ):
        found = next((name for name in names if name in header), None)
        if found is not None:
            columns[part] = header.index(found)
    if "label" not in columns:
        raise GoldError(
            f"{path}: no label column: add 'label' (1/0, yes/no, true/false), 'class_label' "
            "or 'verdict' (ClaimBuster: 1, 0, -1)"
        )
    if header[columns["label"]] == "verdict":
        columns["verdict"] = columns["label"]
    return columns


def _label(path: Path, line: int, columns: dict[str, int], value: str) -> bool:
    key = value.strip().lower()
    if "verdict" in columns:
        if key not in VERDICTS:
            raise GoldError(
                f"{path}:{line}: verdict {shown(value)} is not 1, 0 or -1 (ClaimBuster: 1 is a "
                "check-worthy factual sentence): fix the row"
            )
        return VERDICTS[key]
    if key not in LABELS:
        raise GoldError(
            f"{path}:{line}: label {shown(value)} is not 1/0, yes/no or true/false: fix the row"
        )
    return LABELS[key]
