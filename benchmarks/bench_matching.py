"""Matching against earlier reviews on a store of 100,000 reviewed claims.

    python benchmarks/bench_matching.py [--claims 100000] [--seed 1]

The store is generated for the benchmark: claims of every event type between 2000 and 2024,
written from a few templates per type with parties drawn as news draws them (Russia, the United
States and Britain in most claims, the other countries of claimcheck's actor list in the rest),
each with a verdict. The claims matched are those the detector finds in fixtures/matching and in
the bundled sample article. Printed, in one run: the time to build the index from the store, the
time per claim with the index and when every reviewed claim is compared (the ratio is the point),
how many candidates the index hands over, the time to bring the index up to date after a verdict,
and the time to add the sample article to the store with and without matching.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import claimcheck  # noqa: E402
from claimcheck.detection import detect  # noqa: E402
from claimcheck.detection.rules import load_actors  # noqa: E402
from claimcheck.matching import conflict, features, similarity  # noqa: E402
from claimcheck.model import DateValue, Slots  # noqa: E402
from claimcheck.workbench import Workbench  # noqa: E402

TEMPLATES = {
    "expulsion": [
        "{a} expelled {n} {t_dem} diplomats",
        "{a} ordered {n} {t_dem} envoys to leave the country",
        "{a} threw out {n} diplomats of {t}",
    ],
    "sanctions": [
        "{a} imposed sanctions on {t}",
        "{a} announced new sanctions against {t_dem} banks",
        "{a} froze the assets of {n} {t_dem} officials",
    ],
    "summit": ["The leaders of {a} and {t} met in Geneva", "{a} hosted talks with {t}"],
    "treaty_withdrawal": ["{a} withdrew from its arms treaty with {t}", "{a} suspended the pact"],
    "military": ["{a} moved {n} troops to the border with {t}", "{a} held drills near {t}"],
    "legal": ["{a} charged {n} {t_dem} intelligence officers", "A court in {a} jailed a {t_dem}"],
    "policy": ["{a} closed the {t_dem} consulate", "{a} banned flights from {t}"],
    "attack": ["A cyber attack on {a} was blamed on {t}"],
}
TYPE_WEIGHTS = {"expulsion": 30, "sanctions": 25, "summit": 10, "treaty_withdrawal": 5,
                "military": 10, "legal": 10, "policy": 7, "attack": 3}  # fmt: skip
START, DAYS = date(2000, 1, 1), (date(2024, 12, 31) - date(2000, 1, 1)).days


def countries() -> list[dict]:
    return [a for a in load_actors() if a.get("kind") == "country" and a.get("demonyms")]


def draw_country(rng: random.Random, pool: list[dict], common: list[dict]) -> dict:
    roll = rng.random()
    if roll < 0.55:
        return common[0 if roll < 0.3 else 1 if roll < 0.45 else 2]
    return rng.choice(pool)


def generate(path: Path, total: int, seed: int) -> None:
    """A store with ``total`` claims, each with a verdict, written in one transaction."""
    with Workbench(path):
        pass  # the schema
    rng = random.Random(seed)
    pool = countries()
    by_name = {a["name"]: a for a in pool}
    common = [by_name["Russia"], by_name["United States"], by_name["United Kingdom"]]
    types, weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    now = "2024-01-01T00:00:00.000000+00:00"
    labels = ["true", "mostly_true", "misleading", "false", "unverifiable"]
    with sqlite3.connect(path) as conn:
        article_id = 0
        for claim_id in range(1, total + 1):
            if claim_id % 5 == 1:
                article_id += 1
                published = START + timedelta(days=rng.randrange(DAYS))
                conn.execute(
                    "INSERT INTO articles (id, text, text_sha1, published, title, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (article_id, "generated", f"x{article_id}", published.isoformat(),
                     f"Generated article {article_id}", now),
                )  # fmt: skip
            claim_type = rng.choices(types, weights)[0]
            actor = draw_country(rng, pool, common)
            target = draw_country(rng, pool, common)
            while target is actor:
                target = rng.choice(pool)
            n = rng.randint(2, 150)
            text = rng.choice(TEMPLATES[claim_type]).format(
                a=actor["aliases"][0], t=target["aliases"][0], t_dem=target["demonyms"][0], n=n
            )
            day = published - timedelta(days=rng.randrange(400))
            precision = rng.choices(["day", "month", "year"], [6, 3, 1])[0]
            if precision == "day":
                when = DateValue(day.isoformat(), day.isoformat(), day.isoformat(), "day")
            elif precision == "month":
                first = day.replace(day=1)
                last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                when = DateValue(day.strftime("%B"), first.isoformat(), last.isoformat(), "month")
            else:
                when = DateValue(str(day.year), f"{day.year}-01-01", f"{day.year}-12-31", "year")
            slots = Slots(
                actor=actor["aliases"][0],
                target=target["aliases"][0],
                count=n if "{n}" in text or claim_type == "expulsion" else None,
                date=when,
                status="completed",
            )
            data = json.dumps(slots.to_dict())
            conn.execute(
                'INSERT INTO claims (id, article_id, key, origin, type, start, "end", text, '
                "slots, detected_slots, created_at) VALUES (?, ?, ?, 'detected', ?, 0, ?, ?, ?, "
                "?, ?)",
                (claim_id, article_id, f"k{claim_id}", claim_type, len(text), text, data, data,
                 now),
            )  # fmt: skip
            conn.execute(
                "INSERT INTO reviews (claim_id, reviewer, status, label, rationale, updated_at) "
                "VALUES (?, 'bench', 'done', ?, 'generated', ?)",
                (claim_id, rng.choice(labels), now),
            )


def query_claims() -> list[tuple]:
    """The claims the detector finds in fixtures/matching and the sample article."""
    found = []
    gold = ROOT / "fixtures" / "matching" / "gold.jsonl"
    for line in gold.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = (gold.parent / row["file"]).read_text(encoding="utf-8")
        found += [(c, row["published"]) for c in detect(text, row["published"])]
    found += [(c, "2018-12-22") for c in detect(claimcheck.sample_article(), "2018-12-22")]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.sqlite"
        start = time.perf_counter()
        generate(path, args.claims, args.seed)
        print(f"generated {args.claims:,} reviewed claims in {time.perf_counter() - start:.1f} s")
        queries = query_claims()
        with Workbench(path, reviewer="bench") as wb:
            start = time.perf_counter()
            index = wb.review_index()
            built = time.perf_counter() - start
            print(f"index built from the store: {built:.2f} s for {len(index):,} reviewed claims")
            entries = list(index._entries.values())
            indexed, brute, candidates, matches = [], [], [], 0
            for claim, published in queries:
                mine = features(claim.type, claim.text, claim.slots, published)
                start = time.perf_counter()
                found = index.match(claim, published)
                indexed.append(time.perf_counter() - start)
                candidates.append(len(index.candidates(mine)))
                matches += len(found)
                start = time.perf_counter()
                for item in entries:  # every reviewed claim, with the same rules and score
                    if conflict(mine, item.features) is None:
                        similarity(mine, item.features)
                brute.append(time.perf_counter() - start)
            med_i, med_b = statistics.median(indexed), statistics.median(brute)
            p95 = sorted(indexed)[int(0.95 * (len(indexed) - 1))]
            print(
                f"{len(queries)} claims matched ({matches} matches): with the index median "
                f"{1000 * med_i:.2f} ms, 95th percentile {1000 * p95:.2f} ms per claim; "
                f"comparing with every reviewed claim {1000 * med_b:.0f} ms per claim "
                f"({med_b / med_i:.0f}x slower)"
            )
            print(
                f"candidates per claim: median {statistics.median(candidates):.0f}, "
                f"max {max(candidates):,} of {len(index):,}"
            )
            wb.set_verdict(1, "false", "changed")
            start = time.perf_counter()
            wb.review_index()
            print(
                f"index brought up to date after a verdict: {1000 * (time.perf_counter() - start):.1f}"
                " ms (only the changed claims are read again)"
            )
            sample = claimcheck.sample_article()
            timings = {}
            for label, flag in (("without matching", False), ("with matching", True)):
                wb.match_reviews = flag
                start = time.perf_counter()
                wb.add_article(sample + f"\n\n({label})", "2018-12-22")
                timings[label] = time.perf_counter() - start
            print(
                "adding the sample article (detect, link, store): "
                + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items())
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
