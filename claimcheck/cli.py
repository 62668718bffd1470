"""The ``claimcheck`` command.

Mistakes a user can make (bad dates, missing files, unknown options, unreadable input) end with
one line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
import textwrap
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from . import __version__
from .errors import (
    ClaimcheckError,
    GoldError,
    InputError,
    NetworkError,
    OptionError,
    OutputError,
)
from .files import check_not_input, one_line, output_path, printable, write_atomic

FORMATS = ("table", "json", "jsonl")
# The registered source names, spelled out so that --help needs no import of the sources
# (tests check the list against the registry).
SOURCE_NAMES = ("pack", "wikipedia", "wikidata", "gdelt", "factcheck", "opensanctions")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr."""

    def error(self, message: str) -> NoReturn:
        raise OptionError(f"{message} (see '{self.prog} --help')")


def _threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"threshold {value!r} is not a number") from None
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"threshold {value} must be between 0 and 1")
    return number


def _article_id(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"an article id is a number, not {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"an article id is 1 or more, not {number}")
    return number


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, not {number}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="claimcheck",
        description="Find checkable claims in news articles, link them to evidence, review them.",
    )
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    scan = sub.add_parser("scan", help="find the checkable claims in an article")
    scan.add_argument("file", metavar="FILE", help="article as text or HTML; - for stdin")
    scan.add_argument("--published", metavar="YYYY-MM-DD", help="the article's publication date")
    scan.add_argument("--format", choices=FORMATS, default="table", help="output format")
    scan.add_argument("--all", action="store_true", help="show every candidate with its score")
    scan.add_argument(
        "--weights",
        metavar="FILE",
        help="check-worthiness weights of your own (from claimcheck train)",
    )
    scan.add_argument(
        "--sentences",
        action="store_true",
        help="score every sentence for check-worthiness and list them best first (to rank a "
        "transcript); with --all, sentences with no claim are listed too (the default)",
    )
    scan.add_argument("--model", metavar="NAME", help="a trained spaCy pipeline (name or path)")
    scan.add_argument(
        "--input-format",
        choices=("auto", "text", "html"),
        default="auto",
        help="treat the input as text or HTML (default: guess)",
    )
    scan.add_argument(
        "--threshold",
        type=_threshold,
        default=None,
        metavar="0..1",
        help="check-worthiness needed to count as a claim (default 0.5)",
    )
    scan.add_argument("--link", action="store_true", help="add evidence and a suggested verdict")
    scan.add_argument(
        "--sources",
        metavar="NAME,...",
        default="pack",
        help=f"sources to link against, comma-separated: {', '.join(SOURCE_NAMES)} (default: pack)",
    )
    scan.add_argument(
        "--offline", action="store_true", help="use only sources that need no network"
    )
    scan.add_argument(
        "--pack",
        action="append",
        default=[],
        metavar="FILE",
        help="an extra reference pack (JSONL or CSV) to link against; may be repeated",
    )

    pack = sub.add_parser("pack", help="check and list reference packs")
    pack_sub = pack.add_subparsers(dest="pack_command", parser_class=_Parser, metavar="ACTION")
    validate = pack_sub.add_parser("validate", help="check a pack file against the schema")
    validate.add_argument("file", metavar="FILE", help="a reference pack (JSONL or CSV)")
    listing = pack_sub.add_parser("list", help="list the records of the bundled pack (and yours)")
    listing.add_argument(
        "files", metavar="FILE", nargs="*", help="packs of your own to list with the bundled one"
    )
    listing.add_argument("--type", metavar="TYPE", help="only records of this claim type")
    exporting = pack_sub.add_parser(
        "export",
        help="turn a review store's verdicts into a pack: claims reviewed true or mostly true "
        "with evidence become records, every reviewed claim goes into its reviews section",
    )
    exporting.add_argument("store", metavar="STORE", help="a claimcheck review store (.sqlite)")
    exporting.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the pack to write (JSONL)"
    )
    exporting.add_argument("--force", action="store_true", help="replace FILE if it exists")
    exporting.add_argument("--reviewer", metavar="NAME", help="only this reviewer's verdicts")

    cache = sub.add_parser("cache", help="fill the HTTP cache so linking works without internet")
    cache_sub = cache.add_subparsers(dest="cache_command", parser_class=_Parser, metavar="ACTION")
    warm = cache_sub.add_parser("warm", help="look up every claim of these articles online now")
    warm.add_argument("files", metavar="FILE", nargs="+", help="articles (text or HTML)")
    warm.add_argument(
        "--sources",
        metavar="NAME,...",
        default="wikipedia,wikidata",
        help="online sources to ask, comma-separated (default: wikipedia,wikidata)",
    )
    warm.add_argument("--published", metavar="YYYY-MM-DD", help="the articles' publication date")

    rep = sub.add_parser("report", help="write a verdict report from a review store")
    rep.add_argument("store", metavar="STORE", help="a claimcheck review store (.sqlite)")
    rep.add_argument(
        "--format",
        required=True,
        choices=("html", "md", "json", "csv", "claimreview", "pdf"),
        help="report format",
    )
    rep.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="file, or folder (then claimcheck-report.FORMAT in it); default: stdout",
    )
    rep.add_argument(
        "--article",
        type=_article_id,
        action="extend",
        nargs="+",
        metavar="ID",
        help="only these articles (ids as wb.articles() lists them)",
    )
    rep.add_argument("--reviewer", metavar="NAME", help="only this reviewer's verdicts")
    rep.add_argument("--organisation", metavar="NAME", help="the reviewing organisation")
    rep.add_argument("--organisation-url", metavar="URL", help="the organisation's web site")
    rep.add_argument("--base-url", metavar="URL", help="where the review pages are published")

    imp = sub.add_parser("import", help="load a JSON export into a review store")
    imp.add_argument("file", metavar="FILE", help="a JSON export (claimcheck report --format json)")
    imp.add_argument("--store", required=True, metavar="STORE", help="the store to load it into")

    ws = sub.add_parser("workshop", help="exercise packs, grading and class reports")
    ws_sub = ws.add_subparsers(dest="workshop_command", parser_class=_Parser, metavar="ACTION")
    wpack = ws_sub.add_parser("pack", help="build an exercise pack with its answer key")
    wpack.add_argument("spec", nargs="?", metavar="SPEC", help="a pack spec (JSON)")
    wpack.add_argument("--from-store", metavar="STORE", help="use an instructor's review instead")
    wpack.add_argument(
        "--reviewer", metavar="NAME", help="whose verdicts are the key (--from-store)"
    )
    wpack.add_argument("--title", metavar="TEXT", help="the pack's title (--from-store)")
    wpack.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="the pack to write: a file, or a folder (then exercise-pack.json in it)",
    )
    wpack.add_argument(
        "--trainee-copy",
        metavar="PATH",
        help="also write the copy for trainees, without the key: a file, or a folder (then "
        "exercise-pack-trainees.json in it)",
    )
    wpack.add_argument(
        "--passphrase", metavar="WORDS", help="lock the key inside the trainee copy with this"
    )
    for name, text, default in (
        ("grade", "grade a folder of submissions (scores as CSV)", "scores.csv"),
        ("report", "the class report as HTML", "class-report.html"),
    ):
        action = ws_sub.add_parser(name, help=text)
        action.add_argument("pack", metavar="PACK", help="the instructor's pack (with the key)")
        action.add_argument("submissions", metavar="FOLDER", help="a folder of submission files")
        action.add_argument(
            "-o",
            "--output",
            metavar="PATH",
            help=f"file, or folder (then {default} in it); default: stdout",
        )

    demo = sub.add_parser("demo", help="scan the bundled sample article (no network, no keys)")
    demo.add_argument("--format", choices=FORMATS, default="table", help="output format")
    demo.add_argument(
        "--output-dir",
        default="claimcheck-demo",
        metavar="DIR",
        help="where the demo writes its review store and report (default: claimcheck-demo)",
    )

    ev = sub.add_parser("eval", help="score claim detection against gold labels")
    ev.add_argument(
        "gold",
        metavar="GOLD",
        nargs="+",
        help="gold JSONL files, or folders with gold.jsonl (several are scored together); with "
        "--sentences also labelled sentence tables (.tsv, .csv) or folders of them",
    )
    ev.add_argument("--model", metavar="NAME", help="a trained spaCy pipeline (name or path)")
    ev.add_argument(
        "--threshold",
        type=_threshold,
        default=None,
        metavar="0..1",
        help="score claims at or above this check-worthiness (default: the pipeline's 0.5)",
    )
    ev.add_argument(
        "--format", choices=("text", "json"), default="text", help="text for people, json for tools"
    )
    ev.add_argument("--quiet", action="store_true", help="numbers only, without the misses")
    ev.add_argument(
        "--sentences",
        action="store_true",
        help="rank sentences by check-worthiness and report mean average precision against "
        "ranking by 'contains a number'; a benchmark's sentence table is ranked by its rows",
    )

    tr = sub.add_parser("train", help="refit check-worthiness weights on a store's own reviews")
    tr.add_argument("--store", required=True, metavar="STORE", help="the review store (SQLite)")
    tr.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="where to write the weights (JSON); use them with scan --weights FILE",
    )

    corpus = sub.add_parser("corpus", help="scan a whole archive into a Parquet dataset")
    corpus_sub = corpus.add_subparsers(
        dest="corpus_command", parser_class=_Parser, metavar="ACTION"
    )
    cscan = corpus_sub.add_parser(
        "scan", help="find the claims of every article, locally or on a Dask cluster"
    )
    cscan.add_argument(
        "input",
        metavar="INPUT",
        help="a folder of articles (text or HTML), or a table with a 'text' column "
        "(.jsonl, .csv, .parquet); local path or URL",
    )
    cscan.add_argument(
        "--out",
        required=True,
        metavar="DIR",
        help="folder for the dataset (resumes a stopped scan)",
    )
    cscan.add_argument(
        "--workers", type=_count, metavar="N", help="local processes (default: one per CPU)"
    )
    cscan.add_argument(
        "--dask", metavar="ADDRESS", help="run on this Dask scheduler (default: $CLAIMCHECK_DASK)"
    )
    cscan.add_argument(
        "--link", action="store_true", help="add evidence columns from the bundled reference pack"
    )
    cscan.add_argument(
        "--partition-size", type=_count, metavar="N", help="articles per part file (default: auto)"
    )
    return parser


def _open_input(path: str):
    if path == "-":
        return sys.stdin.buffer
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{path} is a folder: give the path of an article file")
    try:
        return target.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None


def _check_article(path: str) -> None:
    """Refuse a missing, empty or binary article file before anything is made."""
    from .ingest import looks_binary

    if path == "-":
        raise OptionError("cache warm reads article files, not stdin: give their paths")
    with _open_input(path) as stream:
        head = stream.read(8192)
    if not head:
        raise InputError(f"{path} is empty: give an article as a text or HTML file")
    if looks_binary(head):
        raise InputError(f"{path} looks like a binary file, not an article: give text or HTML")


def _published_option(value: str | None):
    """--published as a date in the range claimcheck resolves dates in, else a clear error."""
    if value is None:
        return None
    from .validation import publication_date

    return publication_date(value, "--published")


def _warn(message: str) -> None:
    print(f"claimcheck: warning: {one_line(message, 500)}", file=sys.stderr)


def cmd_scan(args: argparse.Namespace, out: TextIO) -> int:
    from .detection import DEFAULT_THRESHOLD
    from .scan import scan_stream

    published = _published_option(args.published)
    sources = _sources(args) if args.link else []
    stream = _open_input(args.file)
    try:
        scan = scan_stream(
            stream,
            name=args.file,
            published=published,
            model=args.model,
            include_all=args.all,
            input_format=args.input_format,
            threshold=args.threshold if args.threshold is not None else DEFAULT_THRESHOLD,
            sentences=args.sentences,
            weights=args.weights,
        )
        published = scan.published.isoformat() if scan.published else None
        if args.sentences:
            write_sentences(sorted(scan.sentences, key=lambda s: -s.score), published, args, out)
            return _finish_scan(scan)
        if args.link:
            scan.claims = _linked(scan.claims, sources, args, scan.published)
        if args.format == "jsonl":
            for claim in scan.claims:
                out.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")
        elif args.format == "json":
            write_json(scan, published, out)
        else:
            out.write(format_table(list(scan.claims), published, args.all))
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return _finish_scan(scan)


def _finish_scan(scan) -> int:
    for warning in scan.source.warnings:
        _warn(warning)
    return 0


def write_sentences(sentences, published, args: argparse.Namespace, out: TextIO) -> None:
    """Sentences best first: a table for people, JSON or JSON lines for tools."""
    if args.format == "jsonl":
        for sentence in sentences:
            out.write(json.dumps(sentence.to_dict(), ensure_ascii=False) + "\n")
    elif args.format == "json":
        data = {"published": published, "sentences": [s.to_dict() for s in sentences]}
        out.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    else:
        out.write(
            f"{len(sentences)} sentences, best first (published {published or 'unknown'})\n\n"
        )
        for rank, sentence in enumerate(sentences, start=1):
            who = f"{printable(sentence.speaker)}: " if sentence.speaker else ""
            text = printable(" ".join(sentence.text.split()))
            out.write(f"{rank:4}. {sentence.score:.2f}  {who}{text[:110]}\n")
            out.write(f"        cues: {', '.join(sentence.cues) or '-'}\n")


def _sources(args: argparse.Namespace) -> list:
    """The sources --sources names (with --pack files), made before any output is written."""
    from .sources import init_source
    from .sources.pack import PackSource

    names = [n.strip() for n in args.sources.split(",") if n.strip()]
    sources = []
    for name in names:
        if name == "pack" and args.pack:
            sources.append(PackSource(_user_packs(args.pack)))
        else:
            sources.append(init_source(name, offline=args.offline))
    return sources


def _linked(claims, sources: list, args: argparse.Namespace, published):
    """Link claims one at a time as they stream out of detection."""
    from .link import link

    for claim in claims:
        yield from link([claim], sources=sources, offline=args.offline, published=published)


def cmd_pack(args: argparse.Namespace, out: TextIO) -> int:
    from .sources.pack import PackError, validate_pack_file

    if args.pack_command == "validate":
        problems: list[str] = []
        reviews: list = []
        records = validate_pack_file(args.file, problems, reviews)
        if problems:
            for problem in problems:
                out.write(printable(problem, 500) + "\n")
            lines = {problem.split(": ", 1)[0] for problem in problems}
            raise PackError(
                f"{args.file}: {len(problems)} problem(s) on {len(lines)} line(s) (listed "
                f"above), {len(records)} record(s) are valid; fix the lines named"
            )
        types = sorted({r.type for r in records})
        out.write(
            f"{printable(args.file)}: {len(records)} valid record(s) of {len(types)} type(s): "
            f"{printable(', '.join(types))}"
            + (f"; {len(reviews)} reviewed claim(s) to match against" if reviews else "")
            + "\n"
        )
        return 0
    if args.pack_command == "list":
        pack = _user_packs(args.files)
        records = [r for r in pack.records if not args.type or r.type == args.type]
        for r in sorted(records, key=lambda r: (r.date, r.id)):
            first = r.sources[0]
            cited = ", ".join(
                printable(str(first.get(k))) for k in ("publisher", "date") if first.get(k)
            )
            out.write(
                f"{printable(r.date):<10}  {printable(r.type):<17}  {printable(r.id)}\n"
                f"            {printable(r.summary)}\n"
                f"            source: {cited} ({printable(str(first.get('type')))})\n"
            )
        out.write(f"{len(records)} record(s)\n")
        return 0
    if args.pack_command == "export":
        return _pack_export(args, out)
    raise OptionError(
        "pack needs an action: 'claimcheck pack validate FILE', 'claimcheck pack list' or "
        "'claimcheck pack export STORE -o FILE'"
    )


def _pack_export(args: argparse.Namespace, out: TextIO) -> int:
    """``pack export``: every check (the output, the store, something to export) comes before
    the file is written, and it is written whole or not at all."""
    from .errors import ReviewError
    from .matching.export import export_pack

    target = Path(args.output)
    if target.is_dir():
        raise OutputError(f"{printable(target, 120)} is a folder: give -o a file name")
    if target.suffix.lower() == ".csv":
        raise OptionError(
            "pack export writes JSONL (a reviews section has no CSV form): -o FILE.jsonl"
        )
    if target.exists() and not args.force:
        raise OutputError(
            f"{printable(target, 120)} exists already: add --force to replace it, or give -o "
            "another name"
        )
    store_path = Path(args.store)
    check_not_input(target, ("the store", store_path))
    target = output_path(target, "reviews-pack.jsonl")  # the folder exists and can be written
    with _existing_store(args.store) as store:
        if args.reviewer is not None and args.reviewer not in store.reviewers():
            raise ReviewError(
                f"nobody named {printable(args.reviewer, 60)!r} reviewed in {printable(store_path)}:"
                f" reviewers are {', '.join(repr(printable(r, 60)) for r in store.reviewers()) or 'none yet'}"
            )
        pack = export_pack(store, args.reviewer)
    if not pack.reviews:
        raise ReviewError(
            f"{printable(store_path, 120)} has no claim with a verdict: nothing to export; review "
            "some claims first"
        )
    write_atomic(target, pack.text())
    left = "; ".join(f"{n} {why}" for why, n in pack.skipped.most_common())
    out.write(
        f"wrote {printable(target)}: {len(pack.records)} record(s) from claims reviewed true or "
        f"mostly true with evidence, and {len(pack.reviews)} reviewed claim(s) for other stores "
        f"to match"
        + (f" (not made records: {left})" if left else "")
        + f"; check it with 'claimcheck pack validate {printable(target)}'\n"
    )
    return 0


def _user_packs(paths: list[str]):
    """The bundled pack and the user's: a bad record is named in a warning and skipped; a file
    without a single valid record is not a pack, and an error."""
    from .sources.pack import PackError, ReferencePack, bundled_pack, validate_pack_file

    records = list(bundled_pack().records)
    problems: list[str] = []
    for path in paths:
        found: list[str] = []
        mine = validate_pack_file(path, found)
        if found and not mine:
            raise PackError(
                f"no valid record in {path} (first problem: {found[0]}); check it with "
                "'claimcheck pack validate'"
            )
        records.extend(mine)
        problems.extend(found)
    for problem in problems[:10]:
        _warn(f"skipped {problem}")
    if len(problems) > 10:
        _warn(f"skipped {len(problems) - 10} more bad record(s); see 'claimcheck pack validate'")
    return ReferencePack(records)


def write_json(scan, published: str | None, out: TextIO) -> None:
    """One JSON object, written claim by claim so that memory stays bounded on huge inputs."""
    head = {
        "published": published,
        "input": {
            "format": scan.source.format,
            "encoding": scan.source.encoding,
            "offsets": "extracted text" if scan.source.format == "html" else "input text",
        },
    }
    out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "claims": [')
    for n, claim in enumerate(scan.claims):
        text = json.dumps(claim.to_dict(), ensure_ascii=False, indent=2)
        out.write(("," if n else "") + "\n    " + text.replace("\n", "\n    "))
    warnings = json.dumps(scan.source.warnings, ensure_ascii=False)
    out.write(f'\n  ],\n  "warnings": {warnings}\n}}\n')


def _figure_text(slots) -> str | None:
    """ "12000000000 cubic metres (from 19000000000)" for a statistic's figure."""
    if slots.value is None:
        return None
    value = f"{slots.value:g}" if isinstance(slots.value, float) else str(slots.value)
    text = f"{value} {slots.unit}" if slots.unit else value
    if slots.previous is not None:
        previous = slots.previous
        text += f" (from {previous:g})" if isinstance(previous, float) else f" (from {previous})"
    return text


def format_table(claims: list, published: str | None, show_all: bool) -> str:
    from .fragments import slot_text

    width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 160))
    lines = [
        f"{len(claims)} {'candidate' if show_all else 'claim'}{'s' if len(claims) != 1 else ''}"
        f" (published {published or 'unknown'})",
        "",
    ]
    for n, claim in enumerate(claims, start=1):
        s = claim.slots
        when = s.date.start if s.date and s.date.start else (s.date.text if s.date else "")
        if s.date and s.date.precision and s.date.start:
            when = (
                f"{s.date.text} = {s.date.start}..{s.date.end}"
                if s.date.start != s.date.end
                else f"{s.date.text} = {s.date.start}"
            )
        facts = [
            ("who", s.actor),
            ("whom", s.target),
            ("count", _count_text(s)),
            ("round", s.round if s.round is not None else s.round_text),
            ("treaty", s.treaty),
            ("where", s.place),
            ("status", slot_text("status", s.status)),
            ("when", when),
            ("source", s.attribution),
            ("metric", s.metric),
            ("value", _figure_text(s)),
            ("change", s.change),
            ("subject", s.subject),
            ("record", s.superlative),
            ("scope", s.scope),
            ("stance", s.stance),
            ("about", s.about),
        ]
        # Every text shown comes from an article or a source: printed without escape sequences.
        head = f"{n:>3}. {printable(claim.type):<17} {claim.score:.2f}  [{claim.start}:{claim.end}]"
        lines.append(head)
        lines.extend(
            textwrap.wrap(
                printable(claim.text),
                width=width - 7,
                initial_indent="       ",
                subsequent_indent="       ",
            )
        )
        lines.extend(
            _pack([f"{k}: {printable(v)}" for k, v in facts if v not in (None, "")], width - 7)
        )
        lines.append(f"       cues: {printable(', '.join(claim.cues))}")
        if claim.evidence is not None:
            for ev in claim.evidence:
                signals = ", ".join(f"{sg.kind} {sg.verdict}" for sg in ev.signals) or "no signals"
                lines.append(
                    f"       evidence {ev.score:.2f} [{printable(ev.date)}] "
                    f"{printable(ev.snippet, 90)}"
                )
                lines.append(f"         {printable(ev.url)}  ({printable(signals)})")
            if claim.suggestion:
                lines.append(
                    f"       suggested: {printable(claim.suggestion.verdict)}: "
                    f"{printable(claim.suggestion.reason)}"
                )
        lines.append("")
    return "\n".join(lines) + "\n"


def _pack(items: list[str], width: int, indent: str = "       ") -> list[str]:
    """Lay facts out on lines of at most ``width`` without breaking a fact in two."""
    lines, current = [], ""
    for item in items:
        if current and len(current) + 2 + len(item) > width:
            lines.append(indent + current)
            current = item
        else:
            current = f"{current}  {item}" if current else item
    if current:
        lines.append(indent + current)
    return lines


def _count_text(slots) -> str | None:
    if slots.count is None:
        return slots.count_text
    if slots.count_qualifier:
        return f"{slots.count} ({slots.count_qualifier})"
    return str(slots.count)


def cmd_eval(args: argparse.Namespace, out: TextIO) -> int:
    from .evaluate import evaluate, format_report, load_gold
    from .sentence_tables import is_table, load_tables

    tables = [path for path in args.gold if is_table(path)]
    if tables and not args.sentences:
        raise OptionError(
            f"{printable(tables[0], 120)} is a labelled sentence table: score it with "
            "'claimcheck eval --sentences'"
        )
    if tables and len(tables) < len(args.gold):
        raise OptionError(
            "give gold files or sentence tables, not both: they rank different units "
            "(sentences, rows); score them in two runs"
        )
    if args.sentences:
        from .ranking import format_ranking, rank_rows, rank_sentences

        if tables:
            texts = [text for path in tables for text in load_tables(path)]
            ranking = rank_rows(texts, model=args.model)
        else:
            for path in map(Path, args.gold):
                if path.is_dir() and not (path / "gold.jsonl").exists():
                    raise GoldError(
                        f"{printable(path, 120)} holds no gold.jsonl and no .tsv or .csv "
                        "sentence tables: give a gold file, a table or a folder of them"
                    )
            gold = [article for path in args.gold for article in load_gold(path)]
            ranking = rank_sentences(gold, model=args.model)
        if args.format == "json":
            out.write(json.dumps(ranking.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(format_ranking(ranking) + "\n")
        return 0
    gold = [article for path in args.gold for article in load_gold(path)]
    report = evaluate(gold, model=args.model, threshold=args.threshold)
    if args.format == "json":
        json.dump(report.to_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(format_report(report, show_misses=not args.quiet) + "\n")
    return 0


def cmd_train(args: argparse.Namespace, out: TextIO) -> int:
    from .train import train

    check_not_input(args.output, ("the store", args.store))
    weights = train(args.store, args.output)
    meta = weights.meta
    out.write(
        f"fitted on {meta['samples']} reviewed claims ({meta['positives']} kept); "
        f"wrote {args.output}\n"
    )
    return 0


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from importlib import resources

    folder = Path(args.output_dir)
    _prepare_demo_folder(folder)  # before any output: a bad folder is told at once
    sample = resources.files("claimcheck") / "data" / "sample_article.txt"
    with resources.as_file(sample) as path:
        out.write(
            f"Scanning the bundled sample article ({path.name}) offline and linking each claim "
            "to the bundled reference pack.\n\n"
        )
        out.flush()
        scan_args = build_parser().parse_args(
            ["scan", str(path), "--link", "--offline", "--format", args.format]
        )
        status = cmd_scan(scan_args, out)
    out.write(
        "\nNext: scan your own article with `claimcheck scan ARTICLE --published YYYY-MM-DD`"
        " (add --link for evidence, --all to see rejected candidates, --format json for"
        " machines).\n"
    )
    report_path = _demo_report(folder)
    out.write(
        f"\nA report of this sample review: {report_path.resolve()}\n"
        "(the verdicts in it are claimcheck's suggestions, accepted by the demo without review;"
        " a person decides in the review panel)\n"
    )
    quickstart = Path("notebooks") / "01-quickstart.ipynb"
    if quickstart.is_file():
        out.write(
            f"\nReview these claims in JupyterLab: `make lab`, or `jupyter lab {quickstart}`, then"
            " Run > Run All Cells; the review panel appears under step 3.\n"
        )
    else:
        out.write(
            "\nReview these claims in JupyterLab: in a notebook, run `import claimcheck` and"
            " `claimcheck.review(claimcheck.sample_article())`.\n"
        )
    return status


DEMO_REVIEWER = "claimcheck demo (suggestions accepted unreviewed)"


def _clear_demo_store(store_path: Path) -> None:
    """Remove the store an earlier demo left, and only that: a file of that name that is not a
    claimcheck store holding the demo's reviews alone is refused and left as it is."""
    from .store import Store, store_files

    if store_path.exists() or store_path.is_symlink():
        if not store_path.is_file() or store_path.is_symlink():
            raise OutputError(
                f"{printable(store_path, 80)} is not a file the demo wrote: move it away or give "
                "--output-dir another folder"
            )
        try:
            with Store(store_path, readonly=True) as store:
                reviewers = set(store.reviewers())
        except ClaimcheckError:
            reviewers = None
        if reviewers is None or not reviewers <= {DEMO_REVIEWER}:
            raise OutputError(
                f"{printable(store_path, 80)} is not a store the demo wrote: move it away or "
                "give --output-dir another folder"
            )
    for leftover in store_files(store_path):
        leftover.unlink(missing_ok=True)


def _prepare_demo_folder(folder: Path) -> None:
    """The demo's folder, made if need be and writable, without an earlier demo's store."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is a file: give --output-dir a folder for the demo's files")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot make the folder {printable(folder, 80)} ({exc.strerror or exc}): give "
            "--output-dir a folder you can write to"
        ) from None
    output_path(folder / "demo-report.html", "demo-report.html")  # fails now if not writable
    _clear_demo_store(folder / "demo-reviews.sqlite")  # the demo starts from scratch each time


def _demo_report(folder: Path) -> Path:
    """A store with the sample article and its suggested verdicts, and an HTML report of it."""
    from . import report
    from .samples import SAMPLE_PUBLISHED, SAMPLE_TITLE, sample_article
    from .workbench import Workbench

    store_path = folder / "demo-reviews.sqlite"
    with Workbench(store_path, reviewer=DEMO_REVIEWER) as wb:
        article = wb.add_article(sample_article(), SAMPLE_PUBLISHED, title=SAMPLE_TITLE)
        for claim in article.claims:
            if claim.suggestion:
                wb.set_verdict(claim.id, claim.suggestion.verdict, claim.suggestion.reason)
        return report.export(
            wb, "html", folder / "demo-report.html", organisation="claimcheck demo"
        )


def cmd_workshop(args: argparse.Namespace, out: TextIO) -> int:
    from . import workshop

    if args.workshop_command == "pack":
        if args.from_store:
            if not args.reviewer or not args.title:
                raise OptionError("--from-store needs --reviewer (whose verdicts) and --title")
            with _existing_store(args.from_store) as store:
                pack = workshop.ExercisePack.from_store(store, args.reviewer, args.title)
        elif args.spec:
            pack = workshop.ExercisePack.from_spec(args.spec)
        else:
            raise OptionError("give a pack spec (JSON) or --from-store STORE")
        if args.passphrase and not args.trainee_copy:
            raise OptionError("--passphrase locks the key in the trainee copy: add --trainee-copy")
        # Both targets are checked before either file is written.
        target = output_path(args.output, workshop.ExercisePack.DEFAULT_NAME)
        read = (("the pack spec", args.spec), ("the store", args.from_store))
        check_not_input(target, *read)
        copy = None
        if args.trainee_copy:
            copy_target = output_path(args.trainee_copy, workshop.ExercisePack.TRAINEE_NAME)
            check_not_input(copy_target, *read, option="--trainee-copy")
            if copy_target.resolve() == target.resolve():
                raise OptionError("the trainee copy would overwrite the pack: give another name")
            copy = pack.trainee_copy(passphrase=args.passphrase)
        path = pack.save(target)
        out.write(
            f"wrote {path}: {len(pack.articles)} articles, {len(pack.key)} key claims "
            f"(pack {printable(pack.id, 40)})\n"
        )
        if copy is not None:
            copy_path = copy.save(copy_target)
            lock = "locked with the passphrase" if args.passphrase else "left out"
            out.write(f"wrote {copy_path} for trainees: the key is {lock}\n")
        return 0
    if args.workshop_command not in ("grade", "report"):
        raise OptionError("say what to do: claimcheck workshop pack|grade|report (see --help)")
    grading = args.workshop_command == "grade"
    target = None
    if args.output not in (None, "-"):
        target = output_path(args.output, "scores.csv" if grading else "class-report.html")
        check_not_input(
            target, ("the pack", args.pack), ("the submissions folder", args.submissions)
        )
    pack = workshop.ExercisePack.load(args.pack)
    result = workshop.grade(pack, args.submissions)
    for problem in result.problems:
        _warn(f"skipped {problem.path.name}: {problem.reason}")
    text = workshop.scores_csv(result) if grading else workshop.class_report_html(result)
    if target is None:
        out.write(text)
    else:
        write_atomic(target, text)
        out.write(f"wrote {target}: {len(result.trainees)} trainees graded\n")
    return 0


def _url_option(value: str | None, option: str) -> str | None:
    """A URL option as an http(s) address, normalised; anything else is a clear error."""
    if value is None:
        return None
    from .validation import http_url

    try:
        return http_url(value)
    except ValueError as exc:
        raise OptionError(f"{option} {printable(value, 60)!r} {exc}") from None


def _existing_store(path: str):
    """A store the command only reads: opened read-only, so nothing is created or changed."""
    from .store import Store

    return Store(path, readonly=True)


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from . import report

    settings = {
        "organisation": args.organisation,
        "organisation_url": _url_option(args.organisation_url, "--organisation-url"),
        "base_url": _url_option(args.base_url, "--base-url"),
    }
    with _existing_store(args.store) as store:
        if args.output in (None, "-"):
            if args.format == "pdf":
                raise OptionError("a PDF cannot go to the terminal: give -o FILE.pdf")
            out.write(report.render(store, args.format, args.article, args.reviewer, **settings))
            return 0
        check_not_input(args.output, ("the store", args.store))
        path = report.export(
            store, args.format, args.output, args.article, args.reviewer, **settings
        )
    out.write(f"wrote {path}\n")
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from . import report
    from .store import Store, new_store

    data = report.read_export(args.file)  # checked whole before any store is opened
    target = Path(args.store)
    if target.is_file() and target.stat().st_size > 0:
        with Store(target) as store:  # one transaction: all of it or nothing
            mapping = store.load(data)
    else:
        with new_store(target) as store:  # appears only when the import succeeded
            mapping = store.load(data)
    ids = ", ".join(str(i) for i in mapping.values())
    out.write(f"imported {len(mapping)} article(s) into {args.store} (ids {ids})\n")
    return 0


def cmd_cache(args: argparse.Namespace, out: TextIO) -> int:
    from .scan import scan_stream
    from .sources import init_source
    from .sources.http import default_cache_path

    if args.cache_command != "warm":
        raise OptionError("cache needs an action: 'claimcheck cache warm FILE...'")
    published = _published_option(args.published)
    for path in args.files:  # every article is checked before the cache is created
        _check_article(path)
    sources = [init_source(n.strip()) for n in args.sources.split(",") if n.strip()]
    found = dict.fromkeys((s.name for s in sources), 0)
    failed = dict.fromkeys((s.name for s in sources), 0)
    reasons: dict[str, str] = {}
    claims = 0
    for path in args.files:
        stream = _open_input(path)
        try:
            scan = scan_stream(stream, name=path, published=published)
            for claim in scan.claims:
                claims += 1
                for source in sources:
                    result = source.search(
                        claim, scan.published.isoformat() if scan.published else None
                    )
                    if result.error:
                        failed[source.name] += 1
                        reasons.setdefault(source.name, result.error)
                    elif result.evidence:
                        found[source.name] += 1
        finally:
            stream.close()
    for name in found:
        line = f"{name}: evidence for {found[name]} claim lookups, {failed[name]} failed"
        if name in reasons:
            line += f" (first failure: {one_line(reasons[name], 200)})"
        out.write(line + "\n")
    out.write(f"{claims} claim(s) looked up; cache: {default_cache_path()}\n")
    if claims and sum(failed.values()) == claims * len(sources):
        first = next(iter(reasons))
        raise NetworkError(
            f"every lookup failed (first failure: {first}: {one_line(reasons[first], 120)}): "
            "check the connection and the sources' URLs, then warm the cache again"
        )
    return 0


def cmd_corpus(args: argparse.Namespace, out: TextIO) -> int:
    if args.corpus_command != "scan":
        raise OptionError("corpus needs an action: 'claimcheck corpus scan INPUT --out DIR'")
    from .archive import scan_corpus

    try:
        result = scan_corpus(
            args.input,
            args.out,
            workers=args.workers,
            dask=args.dask,
            link=args.link,
            partition_size=args.partition_size,
        )
    except KeyboardInterrupt:
        # The workers are stopped and the command is on its way out: another Ctrl-C would
        # only break the interpreter's exit with a traceback.
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise
    resumed = (
        f", {result.resumed_partitions} of {result.partitions} partitions done before"
        if result.resumed_partitions
        else ""
    )
    rate = result.rows / result.elapsed if result.elapsed else 0
    out.write(
        f"{result.articles} articles scanned in {result.elapsed:.1f} s ({rate:.1f}/s, "
        f"{result.mode}{resumed}): {result.claims} claims in {result.articles_with_claims} "
        "articles\n"
    )
    if result.by_type:
        out.write("  " + ", ".join(f"{k} {v}" for k, v in result.by_type.items()) + "\n")
    out.write(f"claims: {result.claims_path} (one row per claim, Parquet)\n")
    out.write(f"articles: {result.articles_path}; summary: {result.out}/summary.json\n")
    if result.errors:
        _warn(f"{result.errors} article(s) could not be scanned: see {result.errors_path}")
    return 0


COMMANDS = {
    "scan": cmd_scan,
    "eval": cmd_eval,
    "train": cmd_train,
    "demo": cmd_demo,
    "pack": cmd_pack,
    "cache": cmd_cache,
    "report": cmd_report,
    "import": cmd_import,
    "workshop": cmd_workshop,
    "corpus": cmd_corpus,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not args.command:
            raise OptionError("no command given: try 'claimcheck scan ARTICLE' (see --help)")
        return COMMANDS[args.command](args, sys.stdout)
    except ClaimcheckError as exc:
        print(f"claimcheck: error: {one_line(exc)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`); nothing more to say
        return 0
    except OSError as exc:  # the file system said no: a full disk, a permission, a lost mount
        where = f"{exc.filename}: " if exc.filename else ""
        reason = exc.strerror or type(exc).__name__
        print(f"claimcheck: error: {one_line(where + reason)}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
