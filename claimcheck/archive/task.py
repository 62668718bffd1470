"""The work of one partition, the same in a local process and on a Dask worker.

``scan_partition`` reads its articles, detects (and links) their claims with the process's one
pipeline, writes the partition's claim and article part files and, last, a small progress file
that says the partition is done. A partition is written whole or not at all: part files appear
under their final name only when complete, and a partition counts as done only once its progress
file exists, so a scan that is killed and started again never counts an article twice.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

from ..detection import DEFAULT_THRESHOLD, detect, get_pipeline, resolve_published
from ..model import Claim
from .inputs import ArticleFailure, ArticleRecord, Partition, read_partition
from .rows import ARTICLE_SCHEMA, article_row, claim_rows, claim_schema

try:
    import resource
except ImportError:  # pragma: no cover - not on Windows
    resource = None  # type: ignore[assignment]

# One pipeline per process; threads of a Dask worker take turns with it.
_LOCK = threading.Lock()


@dataclass
class Job:
    """What a worker needs: the partition, where to write, and the scan's options."""

    partition: Partition
    out: str  # the output folder as a URL
    link: bool = False
    threshold: float = DEFAULT_THRESHOLD


def part_name(index: int) -> str:
    return f"part-{index:05d}"


def progress_path(out: str, index: int) -> str:
    return f"{out.rstrip('/')}/_progress/{part_name(index)}.json"


def warm_up(threshold: float = DEFAULT_THRESHOLD, link: bool = False) -> str:
    """Build this process's pipeline (and reference pack) before the first partition arrives."""
    get_pipeline(None, threshold)
    if link:
        from ..sources.pack import bundled_pack

        bundled_pack()
    return f"{socket.gethostname()}:{os.getpid()}"


def detect_article(
    record: ArticleRecord, threshold: float = DEFAULT_THRESHOLD, link: bool = False
) -> tuple[date | None, list[Claim]]:
    """The publication date used and the claims of one article.

    ``detect`` itself, with this process's cached pipeline: the archive's rows are then the claims
    the review store finds for the same text, whatever detect does around the pipeline.
    """
    published = resolve_published(record.published, record.text)
    claims = detect(record.text, published, threshold=threshold)
    if link and claims:
        from ..link import link as link_claims

        claims = link_claims(claims, offline=True, published=published)
    return published, claims


def peak_rss_mb() -> float | None:
    """The most memory this process has held so far, in MB."""
    if resource is None:  # pragma: no cover
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if os.uname().sysname == "Darwin" else 1024), 1)


def _write_parquet(fs, path: str, rows: list[dict[str, Any]], schema: pa.Schema) -> None:
    table = pa.Table.from_pylist(rows, schema=schema)
    folder, name = path.rsplit("/", 1)
    temporary = f"{folder}/.{name}.tmp-{os.getpid()}-{threading.get_ident()}"
    with fs.open(temporary, "wb") as f:
        pq.write_table(table, f)
    fs.mv(temporary, path)


def _write_text(fs, path: str, text: str) -> None:
    folder, name = path.rsplit("/", 1)
    temporary = f"{folder}/.{name}.tmp-{os.getpid()}-{threading.get_ident()}"
    with fs.open(temporary, "wb") as f:
        f.write(text.encode("utf-8"))
    fs.mv(temporary, path)


def scan_partition(job: Job) -> dict[str, Any]:
    """Scan one partition and write its outputs; returns its counts (never the rows)."""
    started, cpu_started = time.perf_counter(), time.process_time()
    part = job.partition
    fs, out = fsspec.core.url_to_fs(job.out)
    name = part_name(part.index)
    claims_out: list[dict[str, Any]] = []
    articles_out: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    by_type: dict[str, int] = {}
    with_claims = 0
    with _LOCK:
        for record in read_partition(part):
            if isinstance(record, ArticleFailure):
                errors.append(record.to_dict())
                continue
            try:
                published, claims = detect_article(record, job.threshold, job.link)
            except Exception as exc:  # one article must not stop an archive: report it
                errors.append(
                    ArticleFailure(
                        record.ref, f"detection failed: {type(exc).__name__}: {exc}", record.id
                    ).to_dict()
                )
                continue
            claims_out.extend(claim_rows(record, published, claims, job.link))
            articles_out.append(article_row(record, published, len(claims)))
            with_claims += bool(claims)
            for claim in claims:
                by_type[claim.type] = by_type.get(claim.type, 0) + 1
    for folder in ("claims", "articles", "_progress"):
        fs.makedirs(f"{out}/{folder}", exist_ok=True)
    _write_parquet(fs, f"{out}/claims/{name}.parquet", claims_out, claim_schema(job.link))
    _write_parquet(fs, f"{out}/articles/{name}.parquet", articles_out, ARTICLE_SCHEMA)
    stats = {
        "index": part.index,
        "digest": part.digest,
        "rows": part.rows,
        "articles": len(articles_out),
        "articles_with_claims": with_claims,
        "claims": len(claims_out),
        "errors": len(errors),
        "by_type": dict(sorted(by_type.items())),
        "seconds": round(time.perf_counter() - started, 3),
        "cpu_seconds": round(time.process_time() - cpu_started, 3),
        "worker": f"{socket.gethostname()}:{os.getpid()}",
        "peak_rss_mb": peak_rss_mb(),
    }
    # Written last: from now on the partition counts as done.
    _write_text(
        fs,
        progress_path(out, part.index),
        json.dumps({**stats, "error_list": errors}, ensure_ascii=False),
    )
    return stats


__all__ = ["Job", "detect_article", "part_name", "scan_partition", "warm_up"]
