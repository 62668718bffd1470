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
from .detection.dates import find_dateline
from .encoders import shown
from .errors import DataError, OptionError
from .ingest import (
    Source,
    iter_chunks,
    iter_stream_chunks,
    looks_like_html,
    read_source,
    spacy_text,
)
from .model import Claim, claim_id
from .validation import MAX_YEAR, MIN_YEAR, publication_date

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
    pub = publication_date(published, "publication")
    nlp = get_pipeline(model, threshold, weights=weights)
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    is_html = input_format == "html" or (input_format == "auto" and _sniff_html(stream, name))
    if is_html:
        source = read_source(stream, "html", name)
        if pub is None and source.published:
            pub = page_date(source.published, source.warnings)
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
    # spaCy is given each chunk with long runs cut and digits folded (same offsets); the claims'
    # words are then taken back from the article as it is.
    originals: dict[int, str] = {}

    def for_spacy() -> Iterator[tuple[int, str]]:
        for offset, chunk in chunks:
            originals[offset] = chunk
            yield offset, spacy_text(chunk)

    def restored(claims: Iterator[Claim]) -> Iterator[Claim]:
        for claim in claims:
            for offset in sorted(originals):
                if offset + len(originals[offset]) <= claim.start:
                    del originals[offset]  # claims come in reading order
                elif offset <= claim.start:
                    restore_text(claim, originals[offset], offset)
                    break
            yield claim

    if sentences:

        def sentences_restored() -> Iterator:
            for sentence in sentences_of_chunks(for_spacy(), pub, nlp, threshold):
                for offset, original in originals.items():
                    if offset <= sentence.start < offset + len(original):
                        sentence.text = original[sentence.start - offset : sentence.end - offset]
                        break
                yield sentence

        return Scan(source=source, published=pub, claims=iter(()), sentences=sentences_restored())
    claims = restored(detect_chunks(for_spacy(), pub, nlp, include_all))
    return Scan(source=source, published=pub, claims=claims)


def restore_text(claim: Claim, original: str, offset: int = 0) -> Claim:
    """The claim's words as the article has them (detection saw superscript digits folded and
    long runs cut, at the same offsets)."""
    text = original[claim.start - offset : claim.end - offset]
    if len(text) == len(claim.text) and text != claim.text:
        claim.text = text
        claim.id = claim_id(claim.type, claim.start, claim.end, text)
    return claim


def page_date(value: str, warnings: list[str]) -> date | None:
    """A publication date from a page's metadata, or None (with a warning) when it is not a
    real date in the years claimcheck resolves."""
    try:
        return publication_date(value, "page metadata")
    except DataError:
        warnings.append(
            f"ignored the publication date {shown(value)} in the page: not a date from "
            f"{MIN_YEAR} to {MAX_YEAR}"
        )
        return None


def scan_text(text: str, **kwargs) -> Scan:
    """``scan_stream`` over a string."""
    return scan_stream(io.BytesIO(text.encode("utf-8")), **kwargs)


__all__ = ["INPUT_FORMATS", "Scan", "read_source", "scan_stream", "scan_text"]
