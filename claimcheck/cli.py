"""The ``claimcheck`` command.

Mistakes a user can make (bad dates, missing files, unknown options, unreadable input) end with
one line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from . import __version__
from .errors import ClaimcheckError, InputError, OptionError

FORMATS = ("table", "json", "jsonl")


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

    demo = sub.add_parser("demo", help="scan the bundled sample article (no network, no keys)")
    demo.add_argument("--format", choices=FORMATS, default="table", help="output format")

    ev = sub.add_parser("eval", help="score claim detection against gold labels")
    ev.add_argument("gold", metavar="GOLD", help="gold JSONL file, or a folder with gold.jsonl")
    ev.add_argument("--model", metavar="NAME", help="a trained spaCy pipeline (name or path)")
    ev.add_argument("--threshold", type=_threshold, default=None, metavar="0..1")
    ev.add_argument("--format", choices=("text", "json"), default="text")
    ev.add_argument("--quiet", action="store_true", help="numbers only, without the misses")
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


def _warn(message: str) -> None:
    print(f"claimcheck: warning: {message}", file=sys.stderr)


def cmd_scan(args: argparse.Namespace, out: TextIO) -> int:
    from .detection import DEFAULT_THRESHOLD
    from .scan import scan_stream

    stream = _open_input(args.file)
    try:
        scan = scan_stream(
            stream,
            name=args.file,
            published=args.published,
            model=args.model,
            include_all=args.all,
            input_format=args.input_format,
            threshold=args.threshold if args.threshold is not None else DEFAULT_THRESHOLD,
        )
        published = scan.published.isoformat() if scan.published else None
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
    for warning in scan.source.warnings:
        _warn(warning)
    return 0


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


def format_table(claims: list, published: str | None, show_all: bool) -> str:
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
            ("status", s.status),
            ("when", when),
            ("source", s.attribution),
        ]
        head = f"{n:>3}. {claim.type:<17} {claim.score:.2f}  [{claim.start}:{claim.end}]"
        lines.append(head)
        lines.extend(
            textwrap.wrap(
                claim.text, width=width - 7, initial_indent="       ", subsequent_indent="       "
            )
        )
        lines.extend(_pack([f"{k}: {v}" for k, v in facts if v not in (None, "")], width - 7))
        lines.append(f"       cues: {', '.join(claim.cues)}")
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

    gold = load_gold(args.gold)
    report = evaluate(gold, model=args.model, threshold=args.threshold)
    if args.format == "json":
        json.dump(report.to_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(format_report(report, show_misses=not args.quiet) + "\n")
    return 0


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from importlib import resources

    sample = resources.files("claimcheck") / "data" / "sample_article.txt"
    with resources.as_file(sample) as path:
        out.write(f"Scanning the bundled sample article ({path.name}) offline.\n\n")
        out.flush()
        scan_args = argparse.Namespace(
            file=str(path),
            published=None,
            format=args.format,
            all=False,
            model=None,
            input_format="text",
            threshold=None,
        )
        status = cmd_scan(scan_args, out)
    out.write(
        "\nNext: scan your own article with `claimcheck scan ARTICLE --published YYYY-MM-DD`"
        " (add --all to see rejected candidates, --format json for machines).\n"
    )
    return status


COMMANDS = {"scan": cmd_scan, "eval": cmd_eval, "demo": cmd_demo}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not args.command:
            raise OptionError("no command given: try 'claimcheck scan ARTICLE' (see --help)")
        return COMMANDS[args.command](args, sys.stdout)
    except ClaimcheckError as exc:
        print(f"claimcheck: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("claimcheck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (e.g. `| head`); nothing more to say
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
