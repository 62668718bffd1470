"""Verdict reports from a review store: HTML, Markdown, JSON, CSV, ClaimReview JSON-LD, PDF.

``export(store, format, path)`` writes one; ``render(store, format)`` returns the text (all
formats but PDF). ``import_json(store, path)`` loads a JSON export back into a store.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import OptionError
from ..jsonl import read_json_file
from ..store import Store
from .collect import Report, collect, scrub_text, strip_secrets
from .formats import render_claimreview, render_csv, render_json, render_markdown
from .html import render_html
from .pdf import ReportError, html_to_pdf

FORMATS = ("html", "md", "json", "csv", "claimreview", "pdf")
SUFFIXES = {
    "html": ".html",
    "md": ".md",
    "json": ".json",
    "csv": ".csv",
    "claimreview": ".jsonld",
    "pdf": ".pdf",
}


def _check_format(fmt: str) -> str:
    name = {"markdown": "md", "jsonld": "claimreview"}.get(fmt, fmt)
    if name not in FORMATS:
        raise OptionError(f"unknown report format {fmt!r}: use one of {', '.join(FORMATS)}")
    return name


def render(
    store: Store,
    fmt: str,
    articles: list[int] | None = None,
    reviewer: str | None = None,
    **settings: str | None,
) -> str:
    """A report as text: html, md, json, csv or claimreview."""
    name = _check_format(fmt)
    if name == "pdf":
        raise OptionError("a PDF is not text: use export(store, 'pdf', path)")
    report = collect(store, articles, reviewer, **settings)
    if name == "claimreview":
        missing = [n for n in ("organisation", "base_url") if not getattr(report, n)]
        if missing:
            raise OptionError(
                "ClaimReview needs the reviewing organisation and the base URL of its review "
                "pages: give --organisation and --base-url (or wb.set_setting('organisation', ...)"
                " and wb.set_setting('base_url', ...))"
            )
    if name == "html":
        text = render_html(report)
    elif name == "md":
        text = render_markdown(report)
    elif name == "json":
        text = render_json(store, report)
    elif name == "csv":
        text = render_csv(report)
    else:
        text = render_claimreview(report)
    # A key may hide in a title or a note as well as in a URL: none leaves in a report.
    return scrub_text(text, report.secrets)


def export(
    store: Store,
    fmt: str,
    path: str | os.PathLike[str],
    articles: list[int] | None = None,
    reviewer: str | None = None,
    **settings: str | None,
) -> Path:
    """Write a report to ``path`` (a folder gets a file named after the format); returns it."""
    name = _check_format(fmt)
    target = Path(path)
    if target.is_dir():
        target = target / f"claimcheck-report{SUFFIXES[name]}"
    if not target.parent.is_dir():
        raise ReportError(f"{target.parent} does not exist: create the folder first")
    html = render(store, "html" if name == "pdf" else name, articles, reviewer, **settings)
    try:
        if name == "pdf":
            html_to_pdf(html, target)
        else:
            target.write_text(html, encoding="utf-8", newline="")
    except OSError as exc:
        raise ReportError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target


def import_json(store: Store, path: str | os.PathLike[str]) -> dict[int, int]:
    """Load a JSON export into a store; returns old article id -> new id."""
    data = read_json_file(path, "a JSON export of a claimcheck store", ReportError)
    return store.load(data)


__all__ = [
    "FORMATS",
    "Report",
    "ReportError",
    "collect",
    "export",
    "import_json",
    "render",
    "strip_secrets",
]
