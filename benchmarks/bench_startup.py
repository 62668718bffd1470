"""How long the claimcheck command takes to answer ``--help``, against a bare Python start.

Runs each command several times in one go and prints the median wall time of each and their
ratio. Every subcommand's help is measured too, since each must answer without loading spaCy.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 7
SUBCOMMANDS = [
    [], ["scan"], ["eval"], ["demo"], ["pack"], ["pack", "validate"], ["pack", "list"],
    ["cache"], ["cache", "warm"], ["report"], ["import"], ["workshop"], ["workshop", "pack"],
    ["workshop", "grade"], ["workshop", "report"],
]  # fmt: skip


def median_seconds(argv: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    baseline = median_seconds([sys.executable, "-c", "pass"])
    print(f"python -c pass                      {baseline * 1000:7.1f} ms   ratio 1.0")
    for sub in SUBCOMMANDS:
        seconds = median_seconds([sys.executable, "-m", "claimcheck", *sub, "--help"])
        name = " ".join(["claimcheck", *sub, "--help"])
        print(f"{name:<35} {seconds * 1000:7.1f} ms   ratio {seconds / baseline:.1f}")


if __name__ == "__main__":
    main()
