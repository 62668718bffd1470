"""Corpus scan: speed-up from 1 to 2 local workers, peak memory per worker, and what it means.

Generates an archive of 20,000 articles from the fixtures (``fixtures/archive/build.py``), scans
it with ``claimcheck corpus scan`` in a child process with 1 and then 2 workers, and prints the
speed-up and each process's peak memory. Baselines measured in this run on a sample of the same
articles: a plain ``claimcheck.detect`` loop (what the scan costs over detection alone) and
``nlp.pipe`` with ``n_process=1`` and ``2`` (what the process pool replaces). A smaller archive
scanned the same way shows that memory does not grow with the archive. Run with
``python benchmarks/bench_corpus.py [--articles 20000]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_builder():
    path = ROOT / "fixtures" / "archive" / "build.py"
    spec = importlib.util.spec_from_file_location("archive_build", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scan(archive: Path, out: Path, workers: int) -> tuple[float, dict]:
    """Wall time of ``claimcheck corpus scan`` in a child process, and its summary.json."""
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable, "-m", "claimcheck", "corpus", "scan", str(archive),
            "--out", str(out), "--workers", str(workers),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    return elapsed, json.loads((out / "summary.json").read_text())


PARTS = ("claims", "articles")


def dataset(out: Path, name: str):
    """A scan's rows, part files in order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pa.concat_tables(pq.read_table(p) for p in sorted((out / name).glob("part-*.parquet")))


def baselines(archive: Path, sample: int) -> dict[str, float]:
    """Articles per second on the first ``sample`` articles: detect() and nlp.pipe (1, 2)."""
    import claimcheck
    from claimcheck.detection import claims_of, get_pipeline, make_doc

    rows = []
    with archive.open(encoding="utf-8") as f:
        for line in f:
            rows.append(json.loads(line))
            if len(rows) == sample:
                break
    nlp = get_pipeline()
    claimcheck.detect(rows[0]["text"], rows[0]["published"])  # warm up
    rates = {}
    start = time.perf_counter()
    for row in rows:
        claimcheck.detect(row["text"], row["published"])
    rates["detect"] = len(rows) / (time.perf_counter() - start)
    for n in (1, 2):
        start = time.perf_counter()
        docs = (make_doc(nlp, r["text"], r["published"]) for r in rows)
        for doc in nlp.pipe(docs, batch_size=64, n_process=n):
            claims_of(doc)
        rates[f"pipe{n}"] = len(rows) / (time.perf_counter() - start)
    return rates


def worker_line(name: str, summary: dict, elapsed: float) -> str:
    workers = summary["workers"]
    rss = ", ".join(f"{w['peak_rss_mb']:.0f}" for w in workers)
    rates = ", ".join(f"{w['articles'] / w['cpu_seconds']:.1f}" for w in workers)
    share = ", ".join(f"{w['cpu_seconds'] / w['seconds']:.2f}" for w in workers)
    return (
        f"{name:<26}{elapsed:>9.1f}{summary['rows'] / elapsed:>12.1f}"
        f"   per worker: peak RSS {rss} MB, articles per CPU-second {rates}, on a CPU {share}"
        f" of the time; coordinator {summary['coordinator_peak_rss_mb']:.0f} MB"
    )


def cpu_rate(summary: dict) -> float:
    """Articles per CPU-second of one worker, averaged over the workers."""
    workers = summary["workers"]
    return sum(w["articles"] / w["cpu_seconds"] for w in workers) / len(workers)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--small", type=int, default=2_000, help="the archive for the memory check")
    parser.add_argument("--sample", type=int, default=1_000, help="articles for the baselines")
    args = parser.parse_args()
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    builder = load_builder()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        archive, small = work / "archive.jsonl", work / "small.jsonl"
        builder.write(builder.generate(args.articles, seed=11), archive, "jsonl")
        builder.write(builder.generate(args.small, seed=11), small, "jsonl")
        words = sum(len(json.loads(line)["text"].split()) for line in archive.open())
        print(
            f"archive: {args.articles:,} generated articles, {words:,} words, "
            f"{archive.stat().st_size / 1e6:.0f} MB of JSONL; {cpus} CPUs"
        )
        rates = baselines(archive, args.sample)
        one_time, one = scan(archive, work / "one", 1)
        two_time, two = scan(archive, work / "two", 2)
        small_time, small_two = scan(small, work / "small", 2)
        same = all(dataset(work / "one", n).equals(dataset(work / "two", n)) for n in PARTS)

    print(f"\n{'':<26}{'seconds':>9}{'articles/s':>12}")
    print(worker_line("scan, 1 worker", one, one_time))
    print(worker_line("scan, 2 workers", two, two_time))
    print(worker_line(f"scan {args.small:,}, 2 workers", small_two, small_time))
    print(
        f"\nspeed-up with 2 workers: {one_time / two_time:.2f}x "
        f"(identical rows: {'yes' if same else 'NO'}; {one['claims']:,} claims)"
    )
    scan_rate = one["rows"] / one_time
    print(
        f"baselines on the first {args.sample:,} articles, in this process: "
        f"detect() loop {rates['detect']:.1f} articles/s (1-worker scan / detect loop: "
        f"{scan_rate / rates['detect']:.2f}); nlp.pipe n_process=1 {rates['pipe1']:.1f}, "
        f"n_process=2 {rates['pipe2']:.1f} articles/s (ratio {rates['pipe2'] / rates['pipe1']:.2f})"
    )
    per_worker = sum(w["articles_per_second"] for w in two["workers"]) / len(two["workers"])
    million = 1_000_000 / per_worker
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"per-worker efficiency with 2 workers (articles per CPU-second, 2 workers / 1): "
        f"{cpu_rate(two) / cpu_rate(one):.2f}; load average at the end {load:.2f} (a share"
        " under 1.00 above is time a worker waited for a CPU that other work held)"
    )
    per_worker = min(w["articles_per_second"] for w in two["workers"])
    million = 1_000_000 / per_worker
    print(
        f"a million articles at {per_worker:.1f} articles/s per worker (the slowest of the 2-worker"
        f" run): {million / 3600:.1f} h on 1 worker, {million / 16 / 60:.0f} min on 16, "
        f"{million / 64 / 60:.0f} min on 64, if workers scale as measured here"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
