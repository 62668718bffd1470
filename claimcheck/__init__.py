"""claimcheck: find checkable claims in news text, link them to evidence, review and report.

The public API is re-exported here; everything else is internal and may change. The names are
imported when first used (PEP 562), so ``import claimcheck`` and ``claimcheck --help`` do not
load spaCy; ``from claimcheck import detect`` works as before.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS = {
    "claims_of": ".detection",
    "detect": ".detection",
    "get_pipeline": ".detection",
    "make_doc": ".detection",
    "ClaimcheckError": ".errors",
    "link": ".link",
    "DEFAULT_SCALE": ".model",
    "Article": ".model",
    "Claim": ".model",
    "DateValue": ".model",
    "Evidence": ".model",
    "Signal": ".model",
    "Slots": ".model",
    "Suggestion": ".model",
    "Verdict": ".model",
    "VerdictLabel": ".model",
    "VerdictScale": ".model",
    "sample_article": ".samples",
    "scan_stream": ".scan",
    "scan_text": ".scan",
    "Store": ".store",
    "Workbench": ".workbench",
    "review": ".workbench",
}

__all__ = [
    "DEFAULT_SCALE",
    "Article",
    "Claim",
    "ClaimcheckError",
    "DateValue",
    "Evidence",
    "Signal",
    "Slots",
    "Store",
    "Suggestion",
    "Verdict",
    "VerdictLabel",
    "VerdictScale",
    "Workbench",
    "__version__",
    "claims_of",
    "detect",
    "get_pipeline",
    "link",
    "load_ipython_extension",
    "make_doc",
    "review",
    "sample_article",
    "scan_stream",
    "scan_text",
]

if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from .detection import claims_of, detect, get_pipeline, make_doc
    from .errors import ClaimcheckError
    from .link import link
    from .model import (
        DEFAULT_SCALE,
        Article,
        Claim,
        DateValue,
        Evidence,
        Signal,
        Slots,
        Suggestion,
        Verdict,
        VerdictLabel,
        VerdictScale,
    )
    from .samples import sample_article
    from .scan import scan_stream, scan_text
    from .store import Store
    from .workbench import Workbench, review


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


class _Package(types.ModuleType):
    """The package module. Importing the submodule ``claimcheck.link`` would bind the module over
    the function ``claimcheck.link``; the function keeps the name, as it did when it was
    imported eagerly."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def load_ipython_extension(ipython):
    """``%load_ext claimcheck`` registers the ``%claimcheck`` / ``%%claimcheck`` magics."""
    from .magics import load_ipython_extension as load

    load(ipython)
