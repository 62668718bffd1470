"""Archives for the corpus-scan tests, generated from the fixture articles (nothing stored)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from claimcheck.archive import scan_corpus

from ..conftest import FIXTURES


def _load_builder():
    spec = importlib.util.spec_from_file_location(
        "archive_build", FIXTURES / "archive" / "build.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def builder():
    """``fixtures/archive/build.py`` as a module: ``generate(n, seed, bad)`` and ``write``."""
    return _load_builder()


@pytest.fixture(scope="session")
def small_archive(builder, tmp_path_factory) -> Path:
    """120 generated articles and 3 broken rows, as JSONL."""
    path = tmp_path_factory.mktemp("archive") / "archive.jsonl"
    builder.write(builder.generate(120, seed=3, bad=3), path, "jsonl")
    return path


def read_parts(out: Path, name: str) -> pa.Table:
    """A dataset's part files read in their order (partition 0 first) and put end to end."""
    parts = sorted((out / name).glob("part-*.parquet"))
    assert parts, f"no part files in {out / name}"
    return pa.concat_tables(pq.read_table(p) for p in parts)


SIZE = 20  # articles per partition: several partitions even in a small archive


@pytest.fixture(scope="session")
def one_worker(small_archive, tmp_path_factory) -> Path:
    """The small archive scanned in this process, for the other runs to be compared with."""
    out = tmp_path_factory.mktemp("scan") / "one"
    scan_corpus(small_archive, out, workers=1, partition_size=SIZE, progress=False)
    return out


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text())


COUNTS = ("rows", "articles", "articles_with_claims", "claims", "errors", "by_type", "partitions")


def assert_same_scan(a: Path, b: Path) -> None:
    for name in ("claims", "articles"):
        left, right = read_parts(a, name), read_parts(b, name)
        assert left.schema.equals(right.schema)
        assert left.equals(right), name
    assert (a / "errors.jsonl").read_text() == (b / "errors.jsonl").read_text()
    assert {k: summary(a)[k] for k in COUNTS} == {k: summary(b)[k] for k in COUNTS}
