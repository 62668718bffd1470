"""The Makefile's set-up steps wait for the package manager instead of failing."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from .conftest import ROOT


def test_every_apt_get_call_waits_for_the_dpkg_lock():
    if shutil.which("make") is None:
        pytest.skip("make is not installed, so the recipe cannot be expanded")
    recipe = subprocess.run(
        ["make", "-n", "-B", "-C", str(ROOT), "chromium"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    calls = re.findall(r"apt-get [^;&|]*", recipe.stdout)
    assert len(calls) == 2, recipe.stdout
    assert all("-o DPkg::Lock::Timeout=600" in call for call in calls)
