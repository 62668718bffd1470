"""One exception hierarchy for everything a user can act on.

Every message says what was wrong and what to do about it. The CLI prints the message on one
line to stderr and exits with ``exit_code``; it never shows a traceback for these.
"""

from __future__ import annotations


class ClaimcheckError(Exception):
    """Base class for errors caused by input, options or environment, not by a bug."""

    exit_code = 1


class InputError(ClaimcheckError):
    """The article text cannot be used: empty, binary, unreadable."""

    exit_code = 2


class DateError(ClaimcheckError):
    """A date given by the user cannot be parsed."""

    exit_code = 2


class OptionError(ClaimcheckError):
    """An option or argument has a value claimcheck does not know."""

    exit_code = 2


class ModelError(ClaimcheckError):
    """A spaCy pipeline named by the user cannot be loaded."""

    exit_code = 2


class PatternError(ClaimcheckError):
    """A claim-type pattern file is malformed."""

    exit_code = 3


class GoldError(ClaimcheckError):
    """A gold-label file for evaluation is malformed."""

    exit_code = 2


class StoreError(ClaimcheckError):
    """A review store cannot be opened or written: not a claimcheck store, newer, damaged."""

    exit_code = 2


class CacheError(ClaimcheckError):
    """The HTTP cache cannot be used: its path is not a file, or the file is not a cache."""

    exit_code = 2


class NetworkError(ClaimcheckError):
    """Online sources could not be reached, or refused every look-up."""

    exit_code = 1


class ReviewError(ClaimcheckError):
    """A review action names something that does not exist or cannot be done."""

    exit_code = 2


class OutputError(ClaimcheckError):
    """A file cannot be written where the user asked: no such folder, not writable, disk full."""

    exit_code = 2


class DataError(ClaimcheckError):
    """A file or record given as data (an export, a pack, a submission, a setting) is not what
    it should be: wrong type, out of range, malformed."""

    exit_code = 2


class DependencyError(ClaimcheckError):
    """An optional part of claimcheck needs packages that are not installed."""

    exit_code = 3
