"""Scanning an article from a file or stream: decoding, HTML, chunking and detection together."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import BinaryIO

from .detection import (
    DEFAULT_THRESHOLD,
    detect_chunks,
    get_pipeline,
    resolve_published,
    sentences_of_chunks,
)
from .detection.dates import find_dateline, parse_user_date
from .errors import OptionError
from .ingest import (
    Source,
    iter_chunks,
    iter_stream_chunks,
    looks_like_html,
    read_source,
)
from .model import Claim

INPUT_FORMATS = ("auto", "text", "html")


@dataclass
class Scan:
    """An article being scanned: its source, publication date, and claims as they are found."""

    source: Source
    published: date | None
    claims: Iterator[Claim]
    sentences: Iterator | None = None  # scored sentences (SentenceScore), when asked for


def _sniff_html(stream: BinaryIO, name: str) -> bool:
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
    try:
        return looks_like_html(head.decode("utf-8", errors="ignore"))
    except Exception:  # pragma: no cover - decoding with errors="ignore" does not raise
        return False


def scan_stream(
    stream: BinaryIO,
    name: str = "",
    published: str | date | None = None,
    model: str | None = None,
    include_all: bool = False,
    input_format: str = "auto",
    threshold: float = DEFAULT_THRESHOLD,
    sentences: bool = False,
    weights: str | None = None,
) -> Scan:
    """Start scanning ``stream``. Plain text is read in chunks, so memory stays bounded. With
    ``sentences``, every sentence is scored for check-worthiness instead of listing claims."""
    if input_format not in INPUT_FORMATS:
        raise OptionError(
            f"unknown input format {input_format!r}: use one of {', '.join(INPUT_FORMATS)}"
        )
    pub = parse_user_date(published) if isinstance(published, str) else published
    nlp = get_pipeline(model, threshold, weights=weights)
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    is_html = input_format == "html" or (input_format == "auto" and _sniff_html(stream, name))
    if is_html:
        source = read_source(stream, "html", name)
        if pub is None and source.published:
            try:
                pub = parse_user_date(source.published, "article metadata")
            except Exception:
                source.warnings.append(
                    f"ignored unreadable publication date {source.published!r} in the page"
                )
        pub = resolve_published(pub, source.text)
        chunks: Iterator[tuple[int, str]] = iter_chunks(source.text)
    else:
        source = Source(text="")
        chunks = iter_stream_chunks(stream, source)
        first = next(chunks)  # raises InputError for empty or binary input
        if pub is None:
            pub = find_dateline(first[1])
        chunks = itertools.chain([first], chunks)
    if pub is None:
        source.warnings.append(
            "no publication date given or found in a dateline: relative dates such as "
            "'on Thursday' stay unresolved; pass --published YYYY-MM-DD"
        )
    if sentences:
        return Scan(
            source=source,
            published=pub,
            claims=iter(()),
            sentences=sentences_of_chunks(chunks, pub, nlp, threshold),
        )
    return Scan(source=source, published=pub, claims=detect_chunks(chunks, pub, nlp, include_all))


def scan_text(text: str, **kwargs) -> Scan:
    """``scan_stream`` over a string."""
    return scan_stream(io.BytesIO(text.encode("utf-8")), **kwargs)


__all__ = ["INPUT_FORMATS", "Scan", "read_source", "scan_stream", "scan_text"]
