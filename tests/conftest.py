"""Shared fixtures: paths into the repository and a small way to run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


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
