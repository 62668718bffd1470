"""Hostile input against the clock: an article followed by 100 KB of punctuation.

spaCy's tokenizer spends time quadratic in the length of a token made of punctuation; claimcheck
cuts runs of more than 64 non-space characters before spaCy sees them (same offsets). Printed,
in one run: the command on the sample article alone, and followed by 100 KB of '=' and of mixed
punctuation (wall time of `claimcheck scan`, ratio to the plain article); then, in process, what
the cut saves on a run of 4,000 '=' (the run is kept short: without the cut it grows
quadratically, 20,000 '=' took minutes).
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import claimcheck
from claimcheck import scan as scan_module
from claimcheck.scan import scan_stream

PUNCTUATION = "=-*#~.,;:!?_"


def cli_seconds(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "claimcheck", "scan", str(path), "--format", "json"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def in_process_seconds(text: str) -> float:
    start = time.perf_counter()
    list(scan_stream(io.BytesIO(text.encode())).claims)
    return time.perf_counter() - start


def main() -> None:
    article = claimcheck.sample_article()
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "sample article": article,
            "+ 100 KB of '='": article + "\n" + "=" * 100_000 + "\n",
            "+ 100 KB of mixed punctuation": article
            + "\n"
            + "".join(PUNCTUATION[i % len(PUNCTUATION)] for i in range(100_000))
            + "\n",
        }
        times = {}
        for name, text in files.items():
            path = Path(tmp) / f"{len(times)}.txt"
            path.write_text(text)
            times[name] = min(cli_seconds(path) for _ in range(3))
        base = times["sample article"]
        print("claimcheck scan FILE --format json (best of 3, wall time)")
        for name, seconds in times.items():
            print(f"  {name:<32} {seconds:6.2f} s   ratio {seconds / base:5.2f}")
    in_process_seconds(article)  # the pipeline is built once
    run = article + "\n" + "=" * 4_000 + "\n"
    cut = in_process_seconds(run)
    real = scan_module.spacy_text
    scan_module.spacy_text = lambda text: text  # spaCy sees the whole run
    try:
        uncut = in_process_seconds(run)
    finally:
        scan_module.spacy_text = real
    print("in process, sample article + 4,000 '='")
    print(f"  runs cut at 64 characters        {cut:6.2f} s")
    print(f"  without the cut                  {uncut:6.2f} s   ratio {uncut / cut:5.1f}")


if __name__ == "__main__":
    main()
