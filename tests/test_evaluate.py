"""Evaluation: matching, scores, gold validation, and the development corpus itself."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from claimcheck.errors import GoldError
from claimcheck.evaluate import evaluate, format_report, load_gold, match
from claimcheck.model import Claim

from .conftest import FIXTURES, ROOT


def test_matching_is_one_to_one_by_type_and_largest_overlap():
    gold = [
        {"type": "expulsion", "start": 0, "end": 20},
        {"type": "sanctions", "start": 25, "end": 40},
    ]
    predicted = [
        Claim(type="expulsion", text="", start=5, end=30),
        Claim(type="expulsion", text="", start=0, end=18),
        Claim(type="sanctions", text="", start=41, end=50),
    ]
    assert match(gold, predicted) == [(0, 1)]


def _evaluate_one(tmp_path, text: str, claims: list[dict]):
    """Score detection on one article of gold written for the test."""
    gold = {"id": "t1", "published": "2018-03-20", "text": text, "claims": claims}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n")
    return evaluate(load_gold(path))


def test_scores_and_misses_on_a_small_gold_file(tmp_path):
    text = "Britain expelled 23 Russian diplomats on 14 March. Nothing else happened."
    claims = [
        {
            "type": "expulsion",
            "start": 0,
            "end": 49,
            "text": text[:49],
            "slots": {"count": 23, "date": {"start": "2018-03-14", "end": "2018-03-14"}},
        },
        {"type": "sanctions", "start": 51, "end": 73, "text": text[51:73]},
    ]
    report = _evaluate_one(tmp_path, text, claims)
    assert report.overall["tp"] == 1 and report.overall["fn"] == 1 and report.overall["fp"] == 0
    assert report.overall["recall"] == 0.5 and report.overall["precision"] == 1.0
    assert report.count_accuracy == 1.0 and report.date_accuracy == 1.0
    assert report.misses[0]["type"] == "sanctions"
    assert report.misses[0]["found_as"] is None and report.found_any_type == 0.5


def test_a_claim_found_with_another_type_is_a_miss_that_says_so(tmp_path):
    text = "Britain expelled 23 Russian diplomats on 14 March."
    claims = [{"type": "policy", "start": 0, "end": 49, "text": text[:49]}]
    report = _evaluate_one(tmp_path, text, claims)
    assert report.overall["recall"] == 0.0 and report.found_any_type == 1.0
    assert report.misses[0]["found_as"] == "expulsion"
    assert "policy (found as expulsion)" in format_report(report)
    assert "overlapped by a claim of any type: 1.000" in format_report(report, show_misses=False)


def test_gold_offsets_must_hold_their_text(tmp_path):
    row = {"id": "x", "text": "abc", "claims": [{"type": "t", "start": 0, "end": 2, "text": "bc"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(row))
    with pytest.raises(GoldError, match="do not hold"):
        load_gold(path)


def test_committed_gold_is_built_from_the_annotated_sources():
    result = subprocess.run(
        [sys.executable, str(FIXTURES / "corpus" / "build.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_development_corpus_meets_the_quality_bar():
    gold = load_gold(FIXTURES / "corpus" / "gold.jsonl")
    assert len(gold) >= 25
    assert sum(len(a.claims) for a in gold) >= 120
    report = evaluate(gold)
    assert report.overall["f1"] >= 0.9, report.overall
    assert report.count_accuracy >= 0.9 and report.date_accuracy >= 0.9
    assert len(report.per_type) >= 9
