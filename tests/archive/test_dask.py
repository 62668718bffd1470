"""The same scan on a real Dask cluster (``distributed.LocalCluster``, two worker processes)."""

from __future__ import annotations

import contextlib
import io

import pytest

from claimcheck.cli import main

from .conftest import SIZE, assert_same_scan, summary

distributed = pytest.importorskip(
    "distributed", reason="the Dask tests need the archive extra: pip install 'claimcheck[archive]'"
)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def test_a_dask_cluster_writes_the_same_dataset_as_a_local_run(
    small_archive, one_worker, cluster, tmp_path
):
    out = tmp_path / "dask"
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        status = main(
            [
                "corpus", "scan", str(small_archive), "--out", str(out),
                "--dask", cluster.scheduler_address, "--partition-size", str(SIZE),
            ]
        )  # fmt: skip
    assert status == 0
    assert f"Dask at {cluster.scheduler_address}, 2 workers" in stdout.getvalue()
    assert_same_scan(one_worker, out)
    assert len(summary(out)["workers"]) == 2  # both Dask workers scanned partitions


def test_claimcheck_dask_in_the_environment_selects_the_cluster(
    small_archive, one_worker, cluster, tmp_path, monkeypatch
):
    monkeypatch.setenv("CLAIMCHECK_DASK", cluster.scheduler_address)
    from claimcheck.archive import scan_corpus

    result = scan_corpus(small_archive, tmp_path / "env", partition_size=SIZE, progress=False)
    assert result.mode.startswith("Dask at")
    assert_same_scan(one_worker, tmp_path / "env")
