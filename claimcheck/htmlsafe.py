"""Safe HTML for text claimcheck did not write: articles, evidence snippets, rationales.

Everything untrusted goes through :func:`esc`; links only through :func:`link`, which renders
http(s) URLs and nothing else (no ``javascript:``, ``data:``, relative or protocol-relative URLs).
The panels and the reports both build their markup with these helpers.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

_CSS_COLOUR = re.compile(r"^#[0-9a-fA-F]{3,8}$")


def esc(value: object) -> str:
    """Text as HTML: ``<``, ``>``, ``&`` and both quotes escaped; None becomes empty."""
    return "" if value is None else html.escape(str(value), quote=True)


def safe_url(url: object) -> str | None:
    """The URL if it is an absolute http(s) URL with a valid host (and port), else None.

    Total: any value, however malformed (``https://[2001:db8::1/paper``, a port of 99999, lone
    surrogates), gives a string or None and never an exception.
    """
    if not isinstance(url, str):
        return None
    text = url.strip()
    if not text or len(text) > 4096:
        return None
    if any(ord(ch) < 0x20 or ch in "\\ \x7f" or 0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        return None
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return text


def link(url: object, text: object | None = None) -> str:
    """An ``<a>`` for an http(s) URL (opened in a new tab, no referrer); other URLs as plain text."""
    safe = safe_url(url)
    label = esc(text if text not in (None, "") else url)
    if safe is None:
        return label
    return f'<a href="{esc(safe)}" target="_blank" rel="noopener noreferrer nofollow">{label}</a>'


def colour(value: object, default: str = "#777777") -> str:
    """A CSS colour from a scale or pattern file, if it is a plain hex colour."""
    return value if isinstance(value, str) and _CSS_COLOUR.match(value) else default


def frame(document: str, title: str, height: int = 640) -> str:
    """A whole HTML page in an ``<iframe srcdoc>`` with every permission off.

    For showing a report inside a notebook: the page gets its own document, so its CSS cannot
    restyle the notebook around it, its own Content-Security-Policy applies, and the empty
    ``sandbox`` keeps it from running scripts or reaching the notebook's origin.
    """
    return (
        f'<iframe class="cc-frame" sandbox="" title="{esc(title)}" srcdoc="{esc(document)}" '
        f'style="width: 100%; height: {int(height)}px; border: 1px solid #ccc; '
        'resize: vertical; background: #fff"></iframe>'
    )
