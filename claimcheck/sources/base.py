"""The source interface and the registry of named sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import OptionError
from ..model import Claim, Evidence
from ..redact import environment_secrets, scrub_text, strip_secrets


@dataclass
class SourceResult:
    """What one source found for one claim; ``error`` says why it found nothing, if it failed."""

    source: str
    evidence: list[Evidence] = field(default_factory=list)
    error: str | None = None


class Source:
    """A place to look claims up. Subclasses set ``name`` and implement ``lookup``."""

    name: ClassVar[str] = "source"
    online: ClassVar[bool] = False

    def lookup(self, claim: Claim, published: str | None = None) -> list[Evidence]:
        raise NotImplementedError

    def search(self, claim: Claim, published: str | None = None) -> SourceResult:
        """``lookup`` with failures recorded on the result instead of raised.

        What leaves here carries no key and no malformed URL: evidence URLs lose key parameters
        and are normalised (or dropped when not http(s)); a failure's message loses the values of
        the key variables. Evidence from an online source carries when its answer was fetched
        (the oldest answer of the look-up: from the cache, the time it was cached).
        """
        client = getattr(self, "client", None)
        if client is not None and hasattr(client, "fetched"):
            client.fetched = None
        try:
            found = self.lookup(claim, published)
        except Exception as exc:  # a failing source must not stop the others
            message = scrub_text(f"{type(exc).__name__}: {exc}", environment_secrets())
            return SourceResult(self.name, [], message[:500])
        from ..validation import http_url_or_none

        fetched = getattr(client, "fetched", None)
        for item in found:  # a URL from a service is kept only as a valid http(s) address
            item.url = http_url_or_none(strip_secrets(item.url)) if item.url else None
            if fetched and item.fetched is None:
                item.fetched = fetched  # when the answer behind it was fetched
        return SourceResult(self.name, found)


SOURCES: dict[str, type[Source]] = {}


def register_source(cls: type[Source]) -> type[Source]:
    """Class decorator: make a source available by its ``name``."""
    SOURCES[cls.name] = cls
    return cls


def init_source(source: str | type[Source] | Source, offline: bool = False) -> Source:
    """A source instance from a registered name, a class or an instance.

    Online sources made here get a cache-only session when ``offline``: they answer from what
    the cache holds and never open a connection. An instance is used as it is.
    """
    if isinstance(source, Source):
        return source
    cls = source if isinstance(source, type) and issubclass(source, Source) else None
    if isinstance(source, str) and source in SOURCES:
        cls = SOURCES[source]
    if cls is not None:
        return cls(offline=offline) if cls.online else cls()
    known = ", ".join(sorted(SOURCES)) or "none"
    raise OptionError(f"unknown source {source!r}: use one of {known}")


TYPE_WORDS = {
    "expulsion": "expulsion diplomats",
    "sanctions": "sanctions",
    "treaty_withdrawal": "withdrawal treaty",
    "summit": "summit",
    "legal": "",
    "election": "election",
    "military": "military",
    "attack": "attack",
    "policy": "",
}


def claim_parties(claim: Claim) -> list[str]:
    """Canonical names of everyone the claim names, actor first, in order."""
    from ..detection.actors import canonical_parties  # detection is upstream of sources

    found: list[str] = []
    for text in (claim.slots.actor, claim.slots.target, claim.text):
        for name in canonical_parties(text):
            if name not in found:
                found.append(name)
    return found


def claim_query(claim: Claim, parties: list[str] | None = None) -> str:
    """A short search query from the claim's structure: parties, treaty, type words and year."""
    words: list[str] = []
    slots = claim.slots
    if slots.treaty:
        words.append(slots.treaty)
    words.extend(p for p in (parties or []) if p not in words)
    if slots.place and slots.place not in words:
        words.append(slots.place)
    type_words = TYPE_WORDS.get(claim.type, claim.type)
    if type_words:
        words.append(type_words)
    if slots.date and slots.date.start:
        words.append(slots.date.start[:4])
    return " ".join(words)[:200]
