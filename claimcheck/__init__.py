"""claimcheck: find checkable claims in news text, link them to evidence, review and report.

The public API is re-exported here; everything else is internal and may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

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


def load_ipython_extension(ipython):
    """``%load_ext claimcheck`` registers the ``%claimcheck`` / ``%%claimcheck`` magics."""
    from .magics import load_ipython_extension as load

    load(ipython)
