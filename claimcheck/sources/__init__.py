"""Reference sources behind one small interface.

A source takes a claim and returns candidate evidence. The bundled offline reference pack is the
default; online sources register themselves by name. ``init_source`` accepts a name, a class or an
instance, as requests-cache does for its backends.
"""

from __future__ import annotations

from .base import SOURCES, Source, SourceResult, init_source, register_source
from .news import FactCheckSource, GdeltSource
from .pack import PackRecord, ReferencePack, load_pack, validate_pack_file
from .sanctions import OpenSanctionsSource
from .wiki import WikidataSource, WikipediaSource

__all__ = [
    "SOURCES",
    "FactCheckSource",
    "GdeltSource",
    "OpenSanctionsSource",
    "PackRecord",
    "ReferencePack",
    "Source",
    "SourceResult",
    "WikidataSource",
    "WikipediaSource",
    "init_source",
    "load_pack",
    "register_source",
    "validate_pack_file",
]
