"""Archives: scan a whole collection of articles into a Parquet dataset, locally or on Dask.

``scan_corpus(INPUT, OUT)`` is what ``claimcheck corpus scan`` runs. It needs the ``archive``
extra (pyarrow, fsspec, tqdm; distributed for Dask): ``pip install 'claimcheck[archive]'``.
"""

from __future__ import annotations

from ..errors import DependencyError

try:
    import fsspec  # noqa: F401
    import pyarrow  # noqa: F401
    import tqdm  # noqa: F401
except ImportError as exc:  # pragma: no cover - the test environment has the extra
    raise DependencyError(
        f"archive scans need the {exc.name} package: pip install 'claimcheck[archive]'"
    ) from None

from .inputs import ArticleFailure, ArticleRecord, open_input, read_articles
from .review import reviewed_claims
from .runner import CorpusScan, ScanError, scan_corpus

__all__ = [
    "ArticleFailure",
    "ArticleRecord",
    "CorpusScan",
    "ScanError",
    "open_input",
    "read_articles",
    "reviewed_claims",
    "scan_corpus",
]
