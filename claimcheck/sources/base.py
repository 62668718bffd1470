"""The source interface and the registry of named sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import OptionError
from ..model import Claim, Evidence


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
        """``lookup`` with failures recorded on the result instead of raised."""
        try:
            return SourceResult(self.name, self.lookup(claim, published))
        except Exception as exc:  # a failing source must not stop the others
            return SourceResult(self.name, [], f"{type(exc).__name__}: {exc}")


SOURCES: dict[str, type[Source]] = {}


def register_source(cls: type[Source]) -> type[Source]:
    """Class decorator: make a source available by its ``name``."""
    SOURCES[cls.name] = cls
    return cls


def init_source(source: str | type[Source] | Source) -> Source:
    """A source instance from a registered name, a class or an instance."""
    if isinstance(source, Source):
        return source
    if isinstance(source, type) and issubclass(source, Source):
        return source()
    if isinstance(source, str) and source in SOURCES:
        return SOURCES[source]()
    known = ", ".join(sorted(SOURCES)) or "none"
    raise OptionError(f"unknown source {source!r}: use one of {known}")
