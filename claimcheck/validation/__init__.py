"""One typed validation layer for everything untrusted that enters claimcheck.

Reference packs, store exports, exercise packs and their specs, sealed answer keys, trainees'
submissions, store settings, and URLs typed by users or sent by online sources are checked here,
once, where they enter; code past this layer trusts their types. Each check names the file,
line or record and the field, and says what is wrong.

The schemas are pydantic v2 models (pydantic comes with spaCy, which depends on it): one
declaration per record gives the type and range of every field, runs in compiled code, and
reports every problem with its location, which hand-written checks spread over the package did
not do consistently.
"""

from .core import (
    MAX_YEAR,
    MIN_YEAR,
    check,
    check_each,
    describe,
    describe_each,
    http_url,
    http_url_or_none,
    iso_day,
    partial_date,
    publication_date,
    repair_text,
    timestamp,
)

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "check",
    "check_each",
    "describe",
    "describe_each",
    "http_url",
    "http_url_or_none",
    "iso_day",
    "partial_date",
    "publication_date",
    "repair_text",
    "timestamp",
]
