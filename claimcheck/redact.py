"""Keeping API keys out of everything claimcheck keeps or shows.

Keys travel in query parameters (``?key=...``) and headers (``Authorization: ApiKey ...``). A
service can send them back: in a redirect's ``Location``, in an error message that quotes the
request, in a URL inside its answer. They are removed where a response is captured (the HTTP
layer), so the cache, the store, the suggestions and every output only ever see
``[redacted]``; reports scrub once more on the way out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urlsplit, urlunsplit

# Parameters and headers that carry secrets (compared without case).
SECRET_PARAMETERS = ("key", "api_key", "apikey", "Authorization", "X-API-Key", "access_token")
SECRET_NAMES = {name.lower() for name in SECRET_PARAMETERS} | {
    "token", "apitoken", "secret", "client_secret", "password", "proxy-authorization",
}  # fmt: skip
REDACTED = "[redacted]"
_MIN_SECRET = 4  # shorter values would scrub ordinary words


def strip_secrets(url: str | None) -> str | None:
    """The URL without query parameters that carry keys or tokens (or user:password@)."""
    if not url or not isinstance(url, str):
        return url
    try:
        parts = urlsplit(url)
        netloc = parts.netloc.rsplit("@", 1)[-1] if "@" in parts.netloc else parts.netloc
    except ValueError:
        return url
    if not parts.query and netloc == parts.netloc:
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in SECRET_NAMES]  # fmt: skip
    query = urlencode(kept) if parts.query else ""
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def environment_secrets() -> set[str]:
    """The values of claimcheck's key variables (``CLAIMCHECK_*KEY``, ``*TOKEN``, ``*SECRET``)."""
    return {
        value.strip()
        for name, value in os.environ.items()
        if name.startswith(("CLAIMCHECK_", "OPENSANCTIONS_"))
        and any(word in name for word in ("KEY", "TOKEN", "SECRET"))
        and len(value.strip()) >= _MIN_SECRET
    }


def url_secrets(url: str | None) -> set[str]:
    """Secret values in a URL's query string and user info."""
    if not url or not isinstance(url, str):
        return set()
    try:
        parts = urlsplit(url)
    except ValueError:
        return set()
    found = {v for k, v in parse_qsl(parts.query) if k.lower() in SECRET_NAMES}
    if parts.password:
        found.add(parts.password)
    return {v for v in found if len(v) >= _MIN_SECRET}


def header_secrets(headers: Mapping[str, str] | None) -> set[str]:
    """Secret values in request headers: the whole value and its last word
    (``ApiKey abc`` -> ``ApiKey abc`` and ``abc``)."""
    found = set()
    for name, value in (headers or {}).items():
        if name.lower() in SECRET_NAMES and isinstance(value, str):
            found.update({value.strip(), value.strip().split(" ")[-1]})
    return {v for v in found if len(v) >= _MIN_SECRET}


def secret_values(urls: Iterable[str | None]) -> set[str]:
    """Keys and tokens found in URLs' query strings and in claimcheck's key variables."""
    found = environment_secrets()
    for url in urls:
        found |= url_secrets(url)
    return found


def _forms(secret: str) -> list[str]:
    """A secret as it may appear: plain and URL-encoded."""
    return list(dict.fromkeys([secret, quote(secret, safe=""), quote_plus(secret)]))


def scrub_text(text: str, secrets: Iterable[str]) -> str:
    """Replace every secret in the text (longest first, so no part of one is left)."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        for form in _forms(secret):
            text = text.replace(form, REDACTED)
    return text


def scrub_bytes(data: bytes, secrets: Iterable[str]) -> bytes:
    """:func:`scrub_text` for bytes (a response body), matching the UTF-8 forms."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        for form in _forms(secret):
            data = data.replace(form.encode("utf-8", "replace"), REDACTED.encode())
    return data


def scrub_url(url: str | None, secrets: Iterable[str]) -> str | None:
    """A URL without secret parameters and without any secret value elsewhere in it."""
    if not url:
        return url
    return scrub_text(strip_secrets(url) or "", secrets)
