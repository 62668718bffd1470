"""Claim detection throughput against spaCy's bare English tokenizer, and memory on 50 MB.

Two text sets, measured in this one run so that the ratios hold whatever the machine:

- dense: the development corpus (``fixtures/corpus/``), copied ``--copies`` times: wire stories
  about expulsions and treaties, about one claim every 25 words;
- sparse: a realistic news mix built here, deterministically, from the fixture articles
  (``fixtures/corpus``, ``realstyle``, ``transcripts``) and everyday articles written from the
  templates below (markets, weather, sport, culture, local news: no checkable claims of the
  detector's types), about one detected claim per 300 words.

Rows: spaCy's bare English tokenizer (the baseline), ``claimcheck.detect`` article by article,
``nlp.pipe`` in batches with one and two processes, and a trained spaCy pipeline
(``en_core_web_sm``, ``nlp.pipe``) when it is installed. Run with ``make bench`` or
``python benchmarks/bench_detect.py [--mb 50] [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import json
import random
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
FIXTURES = ROOT / "fixtures"
MIX_SETS = ("corpus", "realstyle", "transcripts")
WORDS_PER_CLAIM = 260  # per gold claim; the detector finds fewer: about 300 per detected claim
SEED = 16

# Everyday copy, written for this benchmark: no expulsions, treaties, sanctions, summits,
# military moves or government measures, but the numbers, dates, names and quotes that news
# copy is full of.
EVERYDAY_SENTENCES = (
    "Shares in {company} ended the week a little higher after a quiet session on {weekday}.",
    "Traders are waiting for the quarterly figures due {when}.",
    "The {company} chief executive, {person}, told shareholders in {city} that the year had "
    "started well.",
    "Forecasters expect {weather} across the {region} region through the weekend, with "
    "temperatures close to the seasonal average.",
    "Temperatures should reach {temp} degrees by {weekday} afternoon before cooler air "
    "arrives from the {direction}.",
    "Drivers were asked to take care on the coast road, where {weather} could make the "
    "morning commute slower than usual.",
    "{team} held on for a narrow {score} win in the late fixture on {weekday}.",
    "Their coach, {person}, praised the young squad for keeping its shape in the second half.",
    '"We knew it would be hard, and the players gave everything," {person} said after the match.',
    "The two teams play each other again in {month}, when the home stadium reopens after repairs.",
    "The {museum} opens its {season} exhibition of {art} on {weekday}.",
    "Tickets are on sale at the door and online, and children under {small} go free.",
    "The curator, {person}, said the {art} had been lent by families from across the "
    "{region} valley.",
    "Commuters on the {region} line should allow extra time on {weekday} while engineers "
    "replace a section of track near the central station.",
    "A replacement bus will run every {small} minutes between {hour} and {hour2} o'clock.",
    "A new bakery on {street} drew a long queue on its first morning, and the owners said "
    "they would bake a second batch of rye loaves.",
    "The city library will stay open until nine in the evening during the exam season.",
    "Local growers reported a good harvest of {crop} this year after a mild and wet summer.",
    "Stalls at the {city} farmers' market were busy, and {crop} sold out before noon.",
    "The council's culture office said the summer festival would return to {street} in "
    "{month}, with {small} stages and a children's area.",
    "Volunteers planted {big} trees along the river path over the weekend.",
    "The choir of {school} won first prize at the regional festival in {city} on {weekday}.",
    "Its conductor, {person}, said the singers had rehearsed twice a week since {month}.",
    "The new swimming pool in {city} welcomed {big} visitors in its first month.",
    "Opening hours will be longer from {month}, the pool's manager said.",
    "Readers can send their photographs of the {season} light to the paper's website.",
    "The {company} factory in {city} will hold an open day on {weekday} {day} {month}.",
    "Residents of {street} are invited to a meeting about the new cycle lanes on {weekday}.",
    "The recipe of the week is a {crop} tart that takes about {small} minutes to bake.",
    "In {city}, a cat that went missing in {month} was found safe in a neighbour's garage.",
    "The ferry to the islands runs on its {season} timetable from {weekday}.",
    "The marathon starts at {hour} o'clock on {weekday}, and {street} will be closed "
    "until the afternoon.",
)
EVERYDAY_TITLES = (
    "Markets close higher",
    "Weekend weather",
    "Late win for the home side",
    "Around town",
    "Exhibition opens",
    "What's on this week",
    "Harvest news",
    "Travel advice",
)
FILL = {
    "company": ("Nordlys Shipping", "Kestrel Foods", "Ardent Mills", "Bellwood Paper", "Orrin"),
    "person": ("Anna Lind", "Marek Kowal", "Sofia Brandt", "Tomas Reed", "Ines Morel"),
    "city": ("Harbourtown", "Eastfield", "Linden", "Millbrook", "Westport"),
    "region": ("northern", "coastal", "eastern", "lake", "valley"),
    "weather": ("light rain", "bright sunshine", "patchy fog", "strong winds", "snow showers"),
    "direction": ("north", "west", "sea", "hills"),
    "team": ("Riverside United", "The Harbour Seals", "Old Town Rovers", "Lakeside Athletic"),
    "score": ("1-0", "2-1", "3-2", "24-21"),
    "museum": ("Maritime Museum", "City Gallery", "Museum of Crafts", "Folk Art House"),
    "art": ("woodcuts", "portrait photographs", "textiles", "ceramics", "old maps"),
    "street": ("Mill Street", "Harbour Road", "Linden Avenue", "Market Square", "Kings Lane"),
    "crop": ("apples", "potatoes", "barley", "plums", "pears"),
    "school": ("St Mary's School", "Eastfield Academy", "the Music College"),
    "season": ("spring", "summer", "autumn", "winter"),
    "month": ("March", "April", "June", "September", "October", "November"),
    "weekday": ("Monday", "Tuesday", "Thursday", "Saturday", "Sunday"),
    "when": ("next week", "on Thursday", "at the end of the month", "in the new year"),
    "small": ("7", "12", "15", "23", "40"),
    "big": ("120", "350", "1,200", "2,400"),
    "temp": ("18", "21", "25", "9"),
    "price": ("12 euros", "£8", "$15", "6.50 euros"),
    "hour": ("6", "7", "8", "9"),
    "hour2": ("10", "11", "12"),
    "day": ("3", "12", "19", "27"),
}


def load_set(name: str) -> list[tuple[str, str | None, int]]:
    """(text, published, gold claims) of every article of one annotated set."""
    gold = FIXTURES / name / "gold.jsonl"
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line]
    return [
        (
            (gold.parent / row["file"]).read_text(encoding="utf-8"),
            row.get("published"),
            len(row.get("claims", [])),
        )
        for row in rows
    ]


def everyday_article(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(4, 9)):
        sentences = [rng.choice(EVERYDAY_SENTENCES) for _ in range(rng.randint(1, 3))]
        paragraphs.append(
            " ".join(s.format(**{k: rng.choice(v) for k, v in FILL.items()}) for s in sentences)
        )
    return "\n\n".join([rng.choice(EVERYDAY_TITLES), *paragraphs])


def sparse_mix() -> list[tuple[str, str | None]]:
    """Every article of the mix sets, each followed by as many everyday articles as bring the
    words up to ``WORDS_PER_CLAIM`` per gold claim; the same list on every run."""
    rng = random.Random(SEED)
    out: list[tuple[str, str | None]] = []
    for name in MIX_SETS:
        for text, published, claims in load_set(name):
            out.append((text, published))
            words = len(text.split())
            while words < WORDS_PER_CLAIM * claims:
                filler = everyday_article(rng)
                out.append((filler, published))
                words += len(filler.split())
    return out


def best_of(repeats: int, fn) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(label: str, articles: list[tuple[str, str | None]], repeats: int, trained) -> None:
    """Print the rows of one text set."""
    texts = [t for t, _ in articles]
    words = sum(len(t.split()) for t in texts)
    tokenizer = spacy.blank("en").tokenizer
    nlp = get_pipeline()
    claims = sum(len(claimcheck.detect(t, published=p)) for t, p in articles)

    def bare_tokenizer() -> None:
        for text in texts:
            tokenizer(text)

    def detect_each() -> None:
        for text, published in articles:
            claimcheck.detect(text, published=published)

    def pipe_batched(n_process: int) -> None:
        docs = (make_doc(nlp, t, p) for t, p in articles)
        for _ in nlp.pipe(docs, batch_size=64, n_process=n_process):
            pass

    base = best_of(repeats, bare_tokenizer)
    rows = [
        ("spaCy bare tokenizer (baseline)", base),
        ("claimcheck.detect, one by one", best_of(repeats, detect_each)),
        ("nlp.pipe, batch 64, n_process=1", best_of(repeats, lambda: pipe_batched(1))),
        ("nlp.pipe, batch 64, n_process=2", best_of(repeats, lambda: pipe_batched(2))),
    ]
    if trained is not None:
        rows.append(
            (
                "en_core_web_sm, nlp.pipe (no claimcheck)",
                best_of(max(1, repeats // 2), lambda: list(trained.pipe(texts, batch_size=64))),
            )
        )
    print(
        f"\n{label}: {len(texts)} articles, {words:,} words, {claims:,} claims "
        f"({words / max(claims, 1):.0f} words per claim)"
    )
    print(f"{'':<42}{'words/s':>12}{'ratio':>9}{'ms/article':>12}{'ms/claim':>10}")
    for name, seconds in rows:
        per_article = seconds / len(texts) * 1000
        per_claim = seconds / max(claims, 1) * 1000
        print(
            f"{name:<42}{words / seconds:>12,.0f}{base / seconds:>9.3f}"
            f"{per_article:>12.3f}{per_claim:>10.3f}"
        )
    if trained is None:
        print(f"{'en_core_web_sm, nlp.pipe':<42}  skipped: {TRAINED_MISSING}")


TRAINED_MISSING = "en_core_web_sm is not installed (pip install it to add this row)"


def large_input(articles: list[tuple[str, str | None]], mb: float) -> int:
    """Peak memory for a large input, scanned by the CLI in a child process."""
    unit = "\n\n".join(t for t, _ in articles)
    target = int(mb * 1024 * 1024)
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
        f"\nlarge input (the dense corpus repeated): {size_mb:.1f} MB scanned in {elapsed:.1f} s "
        f"({size_mb / elapsed:.2f} MB/s), {claims:,} claims, peak RSS {peak:.0f} MB "
        f"(exit {result.returncode})"
    )
    return result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=50.0, help="size of the large input (0: none)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--copies", type=int, default=20, help="dense corpus copies")
    args = parser.parse_args()

    try:
        trained = spacy.load("en_core_web_sm")
    except OSError:
        trained = None
    claimcheck.detect("Warm-up: the pipeline is built and cached.")
    corpus = [(t, p) for t, p, _ in load_set("corpus")]
    measure(f"dense: fixtures/corpus/ x {args.copies}", corpus * args.copies, args.repeats, trained)
    measure("sparse: news mix", sparse_mix(), args.repeats, trained)
    return large_input(corpus, args.mb) if args.mb > 0 else 0


if __name__ == "__main__":
    sys.exit(main())
