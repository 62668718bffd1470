"""Verdict reports from a review store: HTML, Markdown, JSON, CSV, ClaimReview JSON-LD, PDF.

``export(store, format, path)`` writes one; ``render(store, format)`` returns the text (all
formats but PDF). ``import_json(store, path)`` loads a JSON export back into a store.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..encoders import shown
from ..errors import DataError, OptionError
from ..files import output_path, write_atomic
from ..htmlsafe import safe_url
from ..jsonl import read_json_file
from ..redact import scrub_text, strip_secrets
from ..store import Store
from .collect import Report, collect
from .formats import render_claimreview, render_csv, render_json, render_markdown
from .html import render_html
from .pdf import ReportError, pdf_bytes

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
        if safe_url(report.base_url) is None:
            raise OptionError(
                f"the base URL {shown(report.base_url, 60)} is not an http(s) address: give "
                "--base-url https://..."
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
    target = output_path(path, f"claimcheck-report{SUFFIXES[name]}")
    text = render(store, "html" if name == "pdf" else name, articles, reviewer, **settings)
    return write_atomic(target, pdf_bytes(text) if name == "pdf" else text)


def read_export(path: str | os.PathLike[str]) -> dict:
    """A JSON export read from a file (to give to ``Store.load``)."""
    return read_json_file(path, "a JSON export of a claimcheck store", DataError)


def import_json(store: Store, path: str | os.PathLike[str]) -> dict[int, int]:
    """Load a JSON export into a store; returns old article id -> new id."""
    return store.load(read_export(path))


__all__ = [
    "FORMATS",
    "Report",
    "ReportError",
    "collect",
    "export",
    "import_json",
    "read_export",
    "render",
    "strip_secrets",
]
