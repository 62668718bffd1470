"""Claim detection throughput against spaCy's bare English tokenizer, and memory on 50 MB.

Everything is measured in this one run on the same texts, so the ratios hold whatever the
machine. Run with ``make bench`` or ``python benchmarks/bench_detect.py [--mb 50]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

import claimcheck
from claimcheck.detection import get_pipeline, make_doc

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "fixtures" / "corpus" / "gold.jsonl"


def load_articles() -> list[tuple[str, str | None]]:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    return [
        ((GOLD.parent / row["file"]).read_text(encoding="utf-8"), row.get("published"))
        for row in rows
    ]


def best_of(repeats: int, fn) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=50.0, help="size of the large input")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--copies", type=int, default=20, help="corpus copies for throughput")
    args = parser.parse_args()

    articles = load_articles()
    texts = [t for t, _ in articles] * args.copies
    words = sum(len(t.split()) for t in texts)
    tokenizer = spacy.blank("en").tokenizer
    nlp = get_pipeline()
    claimcheck.detect(texts[0])  # warm up: pipeline built and cached

    def bare_tokenizer() -> None:
        for text in texts:
            tokenizer(text)

    def detect_each() -> None:
        for text, published in articles * args.copies:
            claimcheck.detect(text, published=published)

    def pipe_batched(n_process: int) -> None:
        docs = (make_doc(nlp, t, p) for t, p in articles * args.copies)
        for _ in nlp.pipe(docs, batch_size=64, n_process=n_process):
            pass

    base = best_of(args.repeats, bare_tokenizer)
    single = best_of(args.repeats, detect_each)
    batched = best_of(args.repeats, lambda: pipe_batched(1))
    multi = best_of(max(1, args.repeats // 2), lambda: pipe_batched(2))

    print(f"texts: {len(texts)} articles, {words:,} words")
    print(f"{'':<34}{'words/s':>12}{'ratio':>9}{'ms/article':>12}")
    for name, seconds in (
        ("spaCy bare tokenizer (baseline)", base),
        ("claimcheck.detect, one by one", single),
        ("nlp.pipe, batch 64, n_process=1", batched),
        ("nlp.pipe, batch 64, n_process=2", multi),
    ):
        per_article = seconds / len(texts) * 1000
        print(f"{name:<34}{words / seconds:>12,.0f}{base / seconds:>9.3f}{per_article:>12.2f}")

    # Peak memory for a large input, scanned by the CLI in a child process.
    unit = "\n\n".join(t for t, _ in articles)
    target = int(args.mb * 1024 * 1024)
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        with big.open("w", encoding="utf-8") as fh:
            written = 0
            while written < target:
                fh.write(unit + "\n\n")
                written += len(unit) + 2
        size_mb = big.stat().st_size / 1024 / 1024
        start = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "claimcheck",
                "scan",
                str(big),
                "--format",
                "jsonl",
                "--published",
                "2024-12-31",
            ],
            capture_output=True,
            check=False,
        )
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    claims = result.stdout.count(b"\n")
    print(
        f"\nlarge input: {size_mb:.1f} MB scanned in {elapsed:.1f} s "
        f"({size_mb / elapsed:.2f} MB/s), {claims:,} claims, peak RSS {peak:.0f} MB "
        f"(exit {result.returncode})"
    )
    return 0 if result.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
