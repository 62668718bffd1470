"""Reading articles: bytes in any encoding, plain text or HTML, of any size.

Text is decoded as UTF-8 when it is UTF-8; as UTF-16 or UTF-32 by their byte-order mark or their
zero bytes; in the encoding an HTML page declares; as windows-1252 when it is English with a few
Western names (too little text for letter statistics); otherwise with the encoding
charset-normalizer finds. Undecodable bytes become U+FFFD and are counted in a warning. HTML is
reduced to its text (offsets then refer to that text). Large inputs are cut into chunks at
paragraph breaks so that spaCy never sees more than ``CHUNK_CHARS`` characters at once.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import BinaryIO

from .errors import InputError

CHUNK_CHARS = 100_000
# Control characters other than tabs and line breaks: terminal escapes and binary debris. Each
# becomes one space, so offsets stay valid and no escape sequence reaches a terminal or a page.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
READ_BYTES = 1 << 20
# Elements whose content is never article text, and boilerplate that is dropped unless it turns
# out to hold the article (see _TextExtractor).
_HARD_SKIP_TAGS = {
    "script", "style", "noscript", "template", "svg", "button", "select", "iframe", "head",
    "object", "canvas", "textarea",
}  # fmt: skip
_SOFT_SKIP_TAGS = {"nav", "footer", "aside", "form", "menu"}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "ul", "ol", "blockquote", "table", "tr", "figure", "figcaption", "dl", "dt", "dd", "pre",
    "address", "hr", "title", "time",
}  # fmt: skip
_VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col"}


@dataclass
class Source:
    """Decoded article text with what was learned on the way."""

    text: str
    format: str = "text"
    encoding: str = "utf-8"
    title: str | None = None
    published: str | None = None
    warnings: list[str] = field(default_factory=list)


def looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)):
        return False
    if b"\x00" in sample:
        return _wide_without_bom(sample) is None
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(sample) > 0.05


def _wide_without_bom(sample: bytes) -> str | None:
    """UTF-16 or UTF-32 written without a byte-order mark, told by where its zero bytes fall
    (text that is mostly Latin script has a zero in every other byte, or in three of four);
    None for anything else, such as a binary file."""
    if len(sample) < 16 or b"\x00" not in sample:
        return None  # (a text with no zero byte is neither)
    for name, width, zeros in (
        ("utf-32-le", 4, (1, 2, 3)),
        ("utf-32-be", 4, (0, 1, 2)),
        ("utf-16-le", 2, (1,)),
        ("utf-16-be", 2, (0,)),
    ):
        body = sample[: len(sample) - len(sample) % width]
        units = len(body) // width
        zero = sum(body[k::width].count(0) for k in zeros)
        if zero < 0.7 * units * len(zeros):
            continue
        try:
            text = body.decode(name)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
        if text and printable >= 0.95 * len(text):
            return name
    return None


def guess_encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 by BOM or by their zero bytes, an encoding an
    HTML page declares, windows-1252 for English with a few Western names, else
    charset-normalizer's best guess."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    wide = _wide_without_bom(sample)
    if wide:
        return wide
    try:
        # a multi-byte character may be cut at the end of the sample
        sample.decode("utf-8") if len(sample) < READ_BYTES else sample[:-4].decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(sample[:4096])
    if declared:
        return declared
    if _western_single_byte(sample[:200_000]):
        return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(sample[:200_000]).best()
    return best.encoding if best is not None else "utf-8"


_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""")
# what a Western page's text holds besides ASCII: accented letters and typographic marks
_WESTERN_MARKS = frozenset("’‘“”–—…€£¥°§©®«»·¡¿ºª×•")


def _declared_charset(head: bytes) -> str | None:
    """The encoding an HTML page or XML file declares, when Python knows it ("utf-8" is not
    trusted: the text was not UTF-8)."""
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name in ("utf-8", "utf-16", "utf-32"):
        return None
    # browsers read a page that says ISO-8859-1 or ASCII as windows-1252, a superset of both
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _western_single_byte(sample: bytes) -> bool:
    """English copy with a few accented names ("Peña", "España", "Tromsø") in windows-1252 or
    Latin-1: every non-ASCII character is a Western letter or mark, and they are few. Guessers
    that weigh letter statistics have too little to go on there and pick a Central European or
    Baltic code page ("Peńa")."""
    try:
        text = sample.decode("cp1252")
    except UnicodeDecodeError:
        return False
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii or len(non_ascii) > 0.06 * len(text):
        return False
    return all(
        ("\u00c0" <= c <= "\u00ff" and c.isalpha()) or c in _WESTERN_MARKS or c in "šžŠŽœŒŸƒ"
        for c in non_ascii
    )


class _Replacements:
    """Counts the bytes replaced while decoding so the user can be told."""

    def __init__(self) -> None:
        self.count = 0
        self.name = f"claimcheck-replace-{id(self)}"
        codecs.register_error(self.name, self._handle)

    def _handle(self, exc: UnicodeDecodeError) -> tuple[str, int]:
        self.count += exc.end - exc.start
        return "\ufffd", exc.end


def iter_decoded(stream: BinaryIO, source: Source) -> Iterator[str]:
    """Decode a byte stream block by block; fills ``source.encoding`` and its warnings."""
    first = stream.read(READ_BYTES)
    if not first:
        raise InputError("the input is empty: give an article as a text or HTML file, or on stdin")
    if looks_binary(first[:8192]):
        raise InputError(
            "the input looks like a binary file, not an article: give plain text or HTML "
            "(convert PDF or Word files to text first)"
        )
    encoding = guess_encoding(first)
    source.encoding = encoding
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        source.warnings.append(f"input is not UTF-8; decoded as {encoding}")
    errors = _Replacements()
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors.name)
    controls = 0
    block = first
    final = False
    while True:
        text, replaced = _CONTROL.subn(" ", decoder.decode(block, final=final))
        controls += replaced
        yield text
        if final:
            break
        block = stream.read(READ_BYTES)
        final = not block
    if controls:
        source.warnings.append(f"{controls} control character(s) replaced with spaces")
    if errors.count:
        source.warnings.append(
            f"{errors.count} undecodable byte(s) replaced with U+FFFD; "
            "check the file's encoding if words look wrong"
        )


class _Frame:
    """Text gathered inside a page element that is usually boilerplate (navigation, a form)."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.parts: list[str] = []
        self.prose = 0  # characters of paragraph text seen inside
        self.main = False  # an <article> or <main> inside

    @property
    def holds_the_article(self) -> bool:
        # A form around paragraphs is a page wrapped in one; navigation, asides and footers
        # need more to be taken for the article.
        return self.main or self.prose >= (80 if self.tag == "form" else 300)


class _TextExtractor(HTMLParser):
    """The text of a page, robust to the markup pages really have.

    Scripts, styles and the like are always dropped. Navigation, asides, footers and forms are
    dropped too, unless they hold the article: a page wrapped in one ``<form>`` (as some site
    builders do) or a ``<nav>`` left unclosed before the article keeps its text. ``<head>`` ends
    at ``<body>`` even without ``</head>``.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.frames: list[_Frame] = [_Frame("")]  # the page, then open boilerplate elements
        self.skip: list[str] = []  # open elements whose content is never text
        self.paragraphs = 0  # open <p> elements
        self.title: str | None = None
        self.published: str | None = None
        self._in_title = False

    def _emit(self, text: str) -> None:
        self.frames[-1].parts.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            prop = values.get("property") or values.get("name") or values.get("itemprop") or ""
            if prop.lower() in (
                "article:published_time",
                "datepublished",
                "date",
                "pubdate",
                "og:published_time",
                "publication_date",
                "dc.date",
            ):
                self.published = self.published or values.get("content")
            return
        if tag == "time" and values.get("datetime") and not self.published:
            self.published = values["datetime"]
        if tag == "body" and "head" in self.skip:  # <head> left open
            del self.skip[self.skip.index("head") :]
            self._in_title = False
        if tag in _VOID_TAGS:
            if tag in ("br", "hr") and not self.skip:
                self._emit("\n")
            return
        if tag in _HARD_SKIP_TAGS:
            self.skip.append(tag)
            return
        if tag in _SOFT_SKIP_TAGS:
            self.frames.append(_Frame(tag))
            return
        if tag in ("article", "main"):
            for frame in self.frames:
                frame.main = True
        if tag == "p":
            self.paragraphs += 1
        if tag == "title" and not self.skip[1:]:
            self._in_title = True
        elif tag in _BLOCK_TAGS:
            self._in_title = False  # a <title> left open ends at the first block
        if tag in _BLOCK_TAGS and not self.skip:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HARD_SKIP_TAGS:
            if tag in self.skip:
                del self.skip[len(self.skip) - 1 - self.skip[::-1].index(tag) :]
            return
        if tag in _SOFT_SKIP_TAGS:
            for i in range(len(self.frames) - 1, 0, -1):
                if self.frames[i].tag == tag:
                    while len(self.frames) > i:
                        self._close_frame()
                    break
            return
        if tag == "p":
            self.paragraphs = max(0, self.paragraphs - 1)
        if tag == "title":
            self._in_title = False
        if tag in _BLOCK_TAGS and not self.skip:
            self._emit("\n\n")

    def _close_frame(self, unclosed: bool = False) -> None:
        """End a boilerplate element: its text is kept when it holds the article (or, left open
        to the end of the page, any paragraph text: it was not meant to hold the rest)."""
        frame = self.frames.pop()
        parent = self.frames[-1]
        parent.prose += frame.prose
        if frame.holds_the_article or (unclosed and frame.prose):
            parent.parts.extend(frame.parts)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = ((self.title or "") + data.strip())[:300]
            return
        if not self.skip:
            self._emit(re.sub(r"\s+", " ", data))
            if self.paragraphs:
                self.frames[-1].prose += len(data.strip())  # passed up as frames close

    def text(self) -> str:
        while len(self.frames) > 1:  # elements left open at the end of the page
            self._close_frame(unclosed=True)
        return "".join(self.frames[0].parts)


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """(text, title, published) from an HTML page; scripts, navigation and asides dropped."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = _CONTROL.sub(" ", parser.text())  # as in plain text: no escapes from &#27;
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    published = parser.published[:10] if parser.published else None
    return text, parser.title, published


_HTML_START = re.compile(
    r"(?is)^\s*(?:<!doctype\s+html|<html|<head|<body|<article|<p[\s>]|<div[\s>]|<!--)"
)


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return (
        bool(_HTML_START.match(head)) or len(re.findall(r"</(?:p|div|span|a|li|h\d)>", head)) >= 3
    )


def read_source(stream: BinaryIO, input_format: str = "auto", name: str = "") -> Source:
    """Read a whole article from a byte stream (for text that fits in memory)."""
    source = Source(text="")
    text = "".join(iter_decoded(stream, source))
    fmt = input_format
    if fmt == "auto":
        fmt = (
            "html" if name.lower().endswith((".html", ".htm")) or looks_like_html(text) else "text"
        )
    if fmt == "html":
        text, source.title, source.published = html_to_text(text)
        source.format = "html"
        source.warnings.append("HTML input: offsets refer to the text extracted from the markup")
    if not text.strip():
        raise InputError("the input has no text: give an article with at least one sentence")
    source.text = text
    return source


MAX_RUN = 64
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def bound_runs(text: str, limit: int = MAX_RUN) -> str:
    """The text with every run of more than ``limit`` non-space characters broken by a space
    every ``limit`` characters, at the same offsets (the length does not change).

    spaCy's tokenizer takes time quadratic in the length of a token full of punctuation (20,000
    ``=`` took minutes); no word or URL a claim needs is that long, so what spaCy sees is cut.
    The text kept and shown is the original.
    """
    if len(text) <= limit or not _LONG_RUN.search(text):
        return text

    def cut(match: re.Match[str]) -> str:
        chars = list(match.group())
        for i in range(limit, len(chars), limit + 1):
            chars[i] = " "
        return "".join(chars)

    return _LONG_RUN.sub(cut, text)


def fold_digits(text: str) -> str:
    """Characters that are digits but not decimal digits (superscripts ``²³``, circled ``①``)
    as the ASCII digit they stand for, at the same offsets: number parsing (``int()``) takes
    decimal digits only. Other scripts' decimal digits (``२३``) are left as they are."""
    if text.isascii():
        return text
    return "".join(
        str(unicodedata.digit(ch, 0)) if ch.isdigit() and not ch.isdecimal() else ch for ch in text
    )


def spacy_text(text: str) -> str:
    """The text as spaCy is given it: control characters as spaces (as files are read), long
    runs cut, digits folded; offsets unchanged."""
    return fold_digits(bound_runs(_CONTROL.sub(" ", text)))


def iter_chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pieces of at most ``size`` characters, cut at paragraph or line breaks."""
    pos, n = 0, len(text)
    while pos < n:
        if n - pos <= size:
            yield pos, text[pos:]
            return
        window = text[pos : pos + size]
        cut = window.rfind("\n\n") + 2  # cut after a paragraph break ...
        if cut < size // 4:
            cut = window.rfind("\n") + 1  # ... or a line break ...
        if cut < size // 4:
            cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! ")) + 2
        if cut < size // 4:
            cut = window.rfind(" ") + 1  # ... or at least between words
        if cut <= 0:
            cut = size
        yield pos, text[pos : pos + cut]
        pos += cut


def iter_stream_chunks(
    stream: BinaryIO, source: Source, size: int = CHUNK_CHARS
) -> Iterator[tuple[int, str]]:
    """Chunks of a plain-text stream without holding the whole text: memory stays bounded."""
    buffer = ""
    base = 0
    seen_text = False
    for block in iter_decoded(stream, source):
        buffer += block
        while len(buffer) > size:
            _, chunk = next(iter_chunks(buffer, size))
            seen_text = seen_text or bool(chunk.strip())
            yield base, chunk
            buffer = buffer[len(chunk) :]
            base += len(chunk)
    if buffer:
        seen_text = seen_text or bool(buffer.strip())
        yield base, buffer
    if not seen_text:
        raise InputError("the input has no text: give an article with at least one sentence")
