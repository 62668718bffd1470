"""Refitting check-worthiness weights on a store's reviews, end to end through the CLI."""

from __future__ import annotations

import json

import pytest

from claimcheck import Workbench
from claimcheck.detection.weights import load_weights
from claimcheck.samples import SAMPLE_PUBLISHED, sample_article
from claimcheck.train import TrainingError, train


def reviewed_store(path, rejected_type="attack", copies=3):
    wb = Workbench(path, reviewer="ana")
    text = sample_article()
    for i in range(copies):
        article = wb.add_article(text + f"\n\nEdition {i}.", published=SAMPLE_PUBLISHED)
        for claim in wb.claims(article.id):
            if claim.type == rejected_type:
                wb.reject_claim(claim.id, "background, not a claim")
            else:
                wb.set_verdict(claim.id, "true", rationale="checked")
    wb.close()


def test_train_learns_what_reviewers_reject_and_writes_weights(tmp_path, run_cli):
    store = tmp_path / "reviews.sqlite"
    reviewed_store(store)
    out = tmp_path / "weights.json"
    result = run_cli("train", "--store", str(store), "-o", str(out))
    assert result.returncode == 0, result.stderr
    weights = load_weights(str(out))
    assert weights.mode == "logistic" and weights.meta["samples"] >= 20
    assert weights.features["type:attack"] < 0 < weights.features["type:expulsion"]
    data = json.loads(out.read_text())
    assert data["meta"]["positives"] < data["meta"]["samples"]


def test_training_needs_enough_and_two_sided_reviews(tmp_path, run_cli):
    store = tmp_path / "few.sqlite"
    reviewed_store(store, copies=1)
    with pytest.raises(TrainingError, match="review at least"):
        train(store, tmp_path / "w.json")
    assert not (tmp_path / "w.json").exists()
    result = run_cli("train", "--store", str(store), "-o", str(tmp_path / "w.json"))
    assert result.returncode != 0 and b"review at least" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "w.json").exists()
