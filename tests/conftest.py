"""Shared fixtures: paths into the repository and a small way to run the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture
def run_cli():
    """Run ``python -m claimcheck ARGS`` as a user would; returns the CompletedProcess."""

    def run(*args: str, stdin: bytes | None = None, timeout: float = 120):
        return subprocess.run(
            [sys.executable, "-m", "claimcheck", *args],
            input=stdin,
            capture_output=True,
            timeout=timeout,
            check=False,
        )

    return run
