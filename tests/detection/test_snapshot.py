"""Detection output is pinned: speed work and refactoring must leave every article's JSON as it
was. ``fixtures/detect_snapshot.py`` made the snapshot; it is regenerated only together with an
intended change to detection."""

from __future__ import annotations

import importlib.util
import json

from ..conftest import FIXTURES


def _snapshot_script():
    spec = importlib.util.spec_from_file_location(
        "detect_snapshot", FIXTURES / "detect_snapshot.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_detection_output_is_the_snapshot_on_every_fixture_article():
    script = _snapshot_script()
    expected = json.loads(script.TARGET.read_text(encoding="utf-8"))
    assert len(expected) > 100  # every article of the six sets, and the joined text
    assert script.differences(expected, script.snapshot()) == []


def test_the_snapshot_tells_a_changed_article_from_an_unchanged_one():
    script = _snapshot_script()
    text = (FIXTURES / "corpus" / "articles" / "a01-hanssen-expulsions.txt").read_text(
        encoding="utf-8"
    )
    before = script.entry(text, "2001-03-24")
    after = script.entry(text.replace("expelled", "welcomed"), "2001-03-24")
    assert script.entry(text, "2001-03-24") == before
    lines = script.differences({"a01": before}, {"a01": after})
    assert len(lines) == 1 and lines[0].startswith("a01: ")
    assert "claims_sha" in lines[0]
