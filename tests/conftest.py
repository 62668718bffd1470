"""Shared fixtures: paths into the repository and a small way to run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


# Two short articles in which the same expulsion is told twice: a claim of the second matches a
# reviewed claim of the first (matching, reports, pack export, the panel's "Reviewed before")
MAY_EXPELS = (
    "Britain expels 23 Russian diplomats\n\n"
    "LONDON, March 14 - Britain will expel 23 Russian diplomats, Prime Minister Theresa May "
    "said on Wednesday."
)
MOSCOW_ANSWERS = (
    "Moscow answers London\n\n"
    "MOSCOW, March 17 - Russia said on Saturday it was expelling 23 British diplomats. London "
    "had ordered 23 Russian diplomats to leave on Wednesday."
)


def review_then_match(bench, rationale: str, first_title: str = "May's expulsions"):
    """Add MAY_EXPELS, give its "will expel" claim a False verdict with ``rationale``, then add
    MOSCOW_ANSWERS, whose "London had ordered ..." claim matches it: (earlier, later)."""
    first = bench.add_article(MAY_EXPELS, "2018-03-14", title=first_title)
    earlier = next(c for c in first.claims if "will expel" in c.text)
    bench.set_verdict(earlier.id, "false", rationale)
    second = bench.add_article(MOSCOW_ANSWERS, "2018-03-17", title="Moscow answers")
    later = next(c for c in second.claims if c.text.startswith("London had ordered"))
    return earlier, later


def fixture_articles() -> list[str]:
    """The text of every fixture article, in a fixed order (inputs for the tests that compare a
    fast search with a plain one)."""
    return [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*/articles/*.txt"))]


@pytest.fixture
def run_cli():
    """Run ``python -m claimcheck ARGS`` as a user would; returns the CompletedProcess."""

    def run(*args: str, stdin: bytes | None = None, timeout: float = 120, env=None):
        return subprocess.run(
            [sys.executable, "-m", "claimcheck", *args],
            input=stdin,
            capture_output=True,
            timeout=timeout,
            check=False,
            env={**os.environ, **(env or {})},
        )

    return run


@pytest.fixture
def replay():
    """A replay server on 127.0.0.1, stopped after the test."""
    from .replay_server import ReplayServer

    server = ReplayServer()
    yield server
    server.stop()
