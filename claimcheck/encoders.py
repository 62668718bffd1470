"""Output encoders for text claimcheck did not write: CSV, Markdown, JSON for a script tag, and
the terminal. (HTML has its own in :mod:`claimcheck.htmlsafe`.)

Every encoder is total: it takes any value (None, numbers, lone surrogates, control characters,
escape sequences) and returns text that is safe where it goes; none of them raises.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .htmlsafe import safe_url

# -- terminal ------------------------------------------------------------------------------------

# ANSI escape sequences (CSI, OSC, and two-character escapes) are dropped whole; other control
# characters (C0, DEL, C1, line separators) and bidirectional overrides become spaces.
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(value: object, limit: int | None = None) -> str:
    """Text safe for a terminal, cut to ``limit`` characters (with an ellipsis) when given."""
    text = "" if value is None else str(value)
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub(" ", text)
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates
    if limit is not None and len(text) > limit:
        text = text[: max(0, limit - 1)] + "…"
    return text


def one_line(message: object, limit: int = 300) -> str:
    """A message as one terminal line of at most ``limit`` characters."""
    return re.sub(r" {2,}", " ", printable(message)).strip()[:limit]


def shown(value: object, limit: int = 40) -> str:
    """A value from a user's file, quoted for a message: printable and short."""
    return repr(printable(value, limit))


# -- CSV -----------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


def csv_cell(value: Any) -> Any:
    """A cell no spreadsheet runs as a formula: text that starts with ``=``, ``+``, ``-``,
    ``@``, a tab or a line break gets a leading ``'``, and so does every line inside the cell."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value).encode("utf-8", "replace").decode("utf-8")
    parts = _LINE_BREAK.split(text)
    for i in range(2, len(parts), 2):  # the lines after each line break
        if parts[i].startswith(_FORMULA_START):
            parts[i] = "'" + parts[i]
    text = "".join(parts)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV as spreadsheets read it safely: every cell quoted, rows ended by CR LF, cells
    neutralised (a CR inside a quoted cell stays in that cell)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


# -- Markdown ------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]()|~])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")
_MD_BREAKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def md(text: object) -> str:
    """Text for Markdown: one line (every kind of line break, CR included, becomes a space),
    markup characters escaped, HTML characters as entities."""
    value = "" if text is None else str(text)
    value = value.encode("utf-8", "replace").decode("utf-8")
    value = _MD_BREAKS.sub(" ", value).strip()
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _MD_SPECIAL.sub(r"\\\1", value)
    value = _MD_ORDERED.sub(r"\1\\\2", value)  # "1. " is not a list item: "1\. "
    return re.sub(r"^([#+\-=])", r"\\\1", value)  # nor a heading, a list or a setext line


def md_link(url: object, text: object) -> str:
    """A Markdown link for an http(s) URL; anything else as plain, escaped text."""
    safe = safe_url(url)
    if safe is None:
        return md(text or url)
    target = safe.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    target = target.replace("<", "%3C").replace(">", "%3E")
    return f"[{md(text or safe)}](<{target}>)"


# -- JSON inside <script type="application/ld+json"> ---------------------------------------------

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                  "\u2029": "\\u2029"}  # fmt: skip


def json_for_script(value: Any, indent: int | None = 1) -> str:
    """JSON that can be pasted into a ``<script>`` element as it is: ``<``, ``>``, ``&`` (and
    the JavaScript line separators) are written as ``\\u`` escapes, so no ``</script>`` or
    ``<!--`` can appear; the JSON value is unchanged."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    text = text.encode("utf-8", "replace").decode("utf-8")
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)
