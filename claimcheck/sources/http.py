"""The one HTTP layer every online source uses.

A shared ``requests`` session with a persistent SQLite cache (requests-cache), a descriptive
User-Agent, timeouts, retries with backoff that honour ``Retry-After``, and detection of error
bodies sent with HTTP 200 (MediaWiki, Google) so they are neither trusted nor cached. Offline, the
session answers from the cache only and never opens a connection.
"""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import requests
from requests.structures import CaseInsensitiveDict
from requests_cache import CachedSession, SQLiteCache

from .. import __version__
from ..errors import CacheError
from ..redact import (
    SECRET_NAMES,
    SECRET_PARAMETERS,
    environment_secrets,
    header_secrets,
    scrub_bytes,
    scrub_text,
    scrub_url,
    url_secrets,
)
from ..store import SQLITE_MAGIC


def user_agent() -> str:
    """Who is asking: Wikimedia and GDELT ask for a tool name and a way to reach its operator."""
    contact = os.environ.get("CLAIMCHECK_CONTACT", "").strip()
    about = f"fact-checking workbench; {contact}" if contact else "fact-checking workbench"
    return f"claimcheck/{__version__} ({about}) python-requests/{requests.__version__}"


__all__ = ["SECRET_PARAMETERS", "HttpClient", "OnlineSource", "SourceError", "make_session"]


class SourceError(Exception):
    """A source could not answer; the message says why in a few words."""


CACHE_NAME = "http_cache.sqlite"


def default_cache_path() -> Path:
    """The cache file: ``CLAIMCHECK_CACHE`` (a file, or a folder to hold http_cache.sqlite),
    else ``~/.cache/claimcheck/http_cache.sqlite``."""
    root = os.environ.get("CLAIMCHECK_CACHE")
    if root:
        return cache_file(root)
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "claimcheck" / CACHE_NAME


def cache_file(path: str | Path) -> Path:
    """The SQLite file for a cache path: a folder holds http_cache.sqlite, a name without a
    suffix gets .sqlite (as requests-cache would add it), so the file is where we say it is.
    A path that is there but neither a file nor a folder (/dev/null, a pipe) is refused."""
    target = Path(path)
    if target.exists() and not (target.is_dir() or target.is_file()):
        raise CacheError(
            f"the HTTP cache {path} is neither a file nor a folder: set CLAIMCHECK_CACHE to a "
            "file or a folder for the cache"
        )
    if target.is_dir() or str(path).endswith(("/", os.sep)):
        return target / CACHE_NAME
    return target if target.suffix else target.with_name(target.name + ".sqlite")


def check_cache_file(path: Path) -> None:
    """Refuse a file that is not an HTTP cache before requests-cache writes its tables into it.

    A new or empty file becomes the cache; an SQLite database of something else (a review
    store, say) and a file that is not SQLite at all are left untouched.
    """
    advice = "it was left untouched: set CLAIMCHECK_CACHE to another file, or move it away"
    if not path.exists():
        return
    if not path.is_file():
        raise CacheError(f"the HTTP cache {path} is not a file: {advice}")
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CacheError(f"the HTTP cache {path} cannot be read ({exc.strerror})") from None
    if not head:
        return
    if head != SQLITE_MAGIC:
        raise CacheError(f"the HTTP cache {path} is not an SQLite file; {advice}")
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"  # reads it, makes nothing beside it
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise CacheError(f"the HTTP cache {path} is damaged ({exc}); {advice}") from None
    if tables and "responses" not in tables:
        raise CacheError(f"the HTTP cache {path} is an SQLite database of something else; {advice}")


def is_error_body(response: requests.Response) -> bool:
    """True for the errors services send with status 200 (MediaWiki, Google, GDELT's text)."""
    if response.headers.get("MediaWiki-API-Error"):
        return True
    kind = response.headers.get("Content-Type", "")
    if "json" not in kind:
        return True  # every API we call answers JSON; anything else is an error page
    try:
        data = response.json()
    except ValueError:
        return True
    return isinstance(data, dict) and "error" in data


def make_session(
    cache_path: str | Path | None = None,
    offline: bool = False,
    expire_after: timedelta = timedelta(days=30),
) -> CachedSession:
    """The shared session: cached, identified, and cache-only when ``offline``."""
    path = cache_file(cache_path) if cache_path else default_cache_path()
    check_cache_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        there = next((p for p in path.parents if p.exists()), None)
        why = f"{there} is not a folder" if there and not there.is_dir() else exc.strerror
        raise CacheError(
            f"cannot make the folder of the HTTP cache {path} ({why}): set CLAIMCHECK_CACHE to "
            "a file or a folder for the cache"
        ) from None
    try:
        session = CachedSession(
            backend=RedactingCache(str(path)),
            expire_after=expire_after,
            allowable_codes=(200,),
            ignored_parameters=SECRET_PARAMETERS,
            filter_fn=lambda response: not is_error_body(response),
            only_if_cached=offline,
            stale_if_error=True,
        )
    except sqlite3.Error as exc:
        raise CacheError(
            f"the HTTP cache {path} cannot be used ({exc}): set CLAIMCHECK_CACHE to another file"
        ) from None
    session.headers["User-Agent"] = user_agent()
    return session


def response_secrets(response: requests.Response) -> set[str]:
    """The secrets the request (and every redirect on the way) carried, and the key variables'."""
    found = environment_secrets()
    for item in [*response.history, response]:
        request = item.request
        if request is not None:
            found |= url_secrets(request.url) | header_secrets(request.headers)
    return found


def redacted(response: requests.Response, secrets: set[str]) -> requests.Response:
    """A copy of ``response`` without the secrets: in its URL, headers (a redirect's Location
    included), body, request, the next request and every redirect before it."""
    clean = copy.copy(response)  # Response pickles only its __attrs__: add the rest back
    clean.raw, clean._next = response.raw, getattr(response, "_next", None)
    clean._content = scrub_bytes(response.content or b"", secrets)
    clean.url = scrub_url(response.url, secrets)
    clean.headers = CaseInsensitiveDict(
        {k: scrub_url(v, secrets) or "" for k, v in response.headers.items()}
    )
    clean.history = [redacted(h, secrets) for h in response.history]
    for name in ("request", "_next"):
        request = getattr(response, name, None)
        if request is not None:
            copied = request.copy()
            copied.url = scrub_url(request.url, secrets)
            copied.headers = CaseInsensitiveDict(
                {k: v for k, v in request.headers.items() if k.lower() not in SECRET_NAMES}
            )
            if isinstance(copied.body, str | bytes):
                body = copied.body
                copied.body = (
                    scrub_text(body, secrets)
                    if isinstance(body, str)
                    else scrub_bytes(body, secrets)
                )
            setattr(clean, name, copied)
    return clean


class RedactingCache(SQLiteCache):
    """requests-cache's SQLite backend, given responses without the keys they carried.

    requests-cache already leaves key parameters out of cache keys and the stored request; this
    also cleans what it keeps as it was received: a redirect's ``Location``, the redirects'
    requests and a body that quotes the key.
    """

    def save_response(self, response, cache_key=None, expires=None):
        cache_key = cache_key or self.create_key(response.request)
        clean = redacted(response, response_secrets(response))
        super().save_response(clean, cache_key=cache_key, expires=expires)


def retry_after(response: requests.Response) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date), if given."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class HttpClient:
    """GET JSON from one service with timeouts, retries and error detection."""

    def __init__(
        self,
        base_url: str,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (3.05, 10.0),
        retries: int = 3,
        backoff: float = 0.5,
        max_wait: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.base_url = base_url.rstrip("/")
        self.session = session if session is not None else make_session()
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.fetched: str | None = None  # the oldest answer since the last look-up began

    def get_json(
        self,
        path: str,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Any:
        """The JSON answer; ``headers`` go with this request only (keys stay with their service)."""
        url = f"{self.base_url}/{path.lstrip('/')}"
        last = "no attempt"
        for attempt in range(self.retries + 1):
            try:
                response = self.session.get(
                    url, params=params, headers=headers, timeout=self.timeout
                )
            except requests.Timeout:
                last = f"timed out after {self.timeout[1]:g} s"
                self._wait(attempt, None)
                continue
            except requests.ConnectionError as exc:
                last = f"cannot connect ({type(exc).__name__})"
                self._wait(attempt, None)
                continue
            if (
                response.status_code == 504
                and getattr(self.session, "settings", None)
                and (self.session.settings.only_if_cached)
            ):
                raise SourceError("offline and not in the cache: warm the cache first")
            if response.status_code == 429 or response.status_code >= 500:
                last = f"HTTP {response.status_code}"
                wait = retry_after(response)
                if wait is not None and wait > self.max_wait:
                    raise SourceError(f"{last}: asked to wait {wait:.0f} s")
                self._wait(attempt, wait)
                continue
            # The answer as captured: any key it quotes (an error echoing the request, a URL in
            # the data) is replaced here, before a message, a suggestion or the store sees it.
            body = scrub_text(response.text, response_secrets(response))
            if response.status_code >= 400:
                raise SourceError(f"HTTP {response.status_code} {self._problem(body)}".rstrip())
            try:
                data = json.loads(body)
            except ValueError:
                text = body[:60].replace("\n", " ")
                raise SourceError(f"malformed JSON from the service: {text!r}") from None
            self._note_fetched(response)
            error = self.error_in(data, response)
            if error is not None:
                lag = error.get("code") == "maxlag" if isinstance(error, dict) else False
                if lag and attempt < self.retries:
                    last = "server lagging (maxlag)"
                    self._wait(attempt, retry_after(response))
                    continue
                raise SourceError(f"error sent with HTTP 200: {self._describe(error)}")
            return data
        raise SourceError(f"gave up after {self.retries + 1} attempts: {last}")

    def _note_fetched(self, response: requests.Response) -> None:
        """Remember when the answer was fetched: the cache's time for a cached answer (an
        offline run shows how old its evidence is), now for a fresh one. The oldest since
        :attr:`fetched` was last cleared is kept."""
        created = getattr(response, "created_at", None)
        if not isinstance(created, datetime):
            created = datetime.now(timezone.utc)
        elif created.tzinfo is None:
            created = created.replace(tzinfo=timezone.utc)
        stamp = created.astimezone(timezone.utc).isoformat(timespec="microseconds")
        if self.fetched is None or stamp < self.fetched:
            self.fetched = stamp

    def _wait(self, attempt: int, wait: float | None) -> None:
        if attempt >= self.retries:
            return
        self.sleep(min(self.max_wait, wait if wait is not None else self.backoff * 2**attempt))

    @staticmethod
    def error_in(data: Any, response: requests.Response) -> Any:
        """The error object in a 200 answer (MediaWiki and Google put it under "error")."""
        if isinstance(data, dict) and "error" in data:
            return data["error"]
        if response.headers.get("MediaWiki-API-Error"):
            return {"code": response.headers["MediaWiki-API-Error"]}
        return None

    @staticmethod
    def _describe(error: Any) -> str:
        if isinstance(error, dict):
            parts = [
                str(error.get(k)) for k in ("code", "status", "info", "message") if error.get(k)
            ]
            return ": ".join(parts) or "unknown error"
        return str(error)[:80]

    @staticmethod
    def _problem(body: str) -> str:
        try:
            data = json.loads(body)
        except ValueError:
            return ""
        if isinstance(data, dict):
            for key in ("detail", "title", "message", "info"):
                if isinstance(data.get(key), str):
                    return data[key][:80]
            if isinstance(data.get("error"), dict):
                return HttpClient._describe(data["error"])
        return ""


class OnlineSource:
    """Mixin for sources over HTTP: base URL (overridable by environment), session and client.

    Subclasses set ``default_url`` and ``url_env``; ``offline`` gives a cache-only session.
    """

    default_url = ""
    url_env = ""

    def __init__(
        self,
        base_url: str | None = None,
        session: requests.Session | None = None,
        offline: bool = False,
        **client: Any,
    ):
        base = base_url or os.environ.get(self.url_env, "") or self.default_url
        session = session if session is not None else make_session(offline=offline)
        self.client = HttpClient(base, session=session, **client)
