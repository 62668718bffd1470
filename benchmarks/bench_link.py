"""Linking time per claim against reference packs of growing size (up to 100,000 records).

The large packs are generated for the benchmark only: copies of the bundled records with shifted
dates and invented parties, so that the index sees realistic variety. Claims come from the
development corpus. Prints the median and 95th percentile time per claim for each pack size.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import claimcheck
from claimcheck.link import link
from claimcheck.sources.pack import PackSource, ReferencePack, bundled_pack

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "fixtures" / "corpus" / "gold.jsonl"


def scaled_pack(size: int, seed: int = 7) -> ReferencePack:
    rng = random.Random(seed)
    base = bundled_pack().records
    records = list(base)
    i = 0
    while len(records) < size:
        r = base[i % len(base)]
        year = int(r.date[:4]) - rng.randint(1, 60)
        shift = f"{year:04d}{r.date[4:]}"
        end = f"{year:04d}{r.end_date[4:]}" if r.end_date else None
        fake = f"Country {rng.randint(1, 400)}"
        records.append(
            replace(
                r,
                id=f"{r.id}-gen{i}",
                date=shift,
                end_date=end,
                actors=[fake if rng.random() < 0.5 else a for a in r.actors],
                targets=[
                    f"Country {rng.randint(1, 400)}" if rng.random() < 0.5 else t for t in r.targets
                ],
            )
        )
        i += 1
    return ReferencePack(records[:size])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="163,1000,10000,100000")
    args = parser.parse_args()
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    claims = []
    for row in rows:
        text = (GOLD.parent / row["file"]).read_text(encoding="utf-8")
        claims.extend(
            (c, row.get("published")) for c in claimcheck.detect(text, row.get("published"))
        )
    print(f"{len(claims)} claims from the development corpus")
    print(f"{'pack records':>12} {'build s':>8} {'median ms':>10} {'p95 ms':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        start = time.perf_counter()
        source = PackSource(scaled_pack(size))
        built = time.perf_counter() - start
        times = []
        for claim, published in claims:
            t = time.perf_counter()
            link([claim], sources=[source], published=published)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"{size:>12,} {built:>8.2f} {statistics.median(times):>10.2f} {p95:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
