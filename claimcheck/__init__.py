"""claimcheck: find checkable claims in news text, link them to evidence, review and report.

The public API is re-exported here; everything else is internal and may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .detection import claims_of, detect, get_pipeline, make_doc
from .errors import ClaimcheckError
from .link import link
from .model import Article, Claim, DateValue, Evidence, Signal, Slots, Suggestion
from .scan import scan_stream, scan_text

__all__ = [
    "Article",
    "Claim",
    "ClaimcheckError",
    "DateValue",
    "Evidence",
    "Signal",
    "Slots",
    "Suggestion",
    "__version__",
    "claims_of",
    "detect",
    "get_pipeline",
    "link",
    "make_doc",
    "scan_stream",
    "scan_text",
]
