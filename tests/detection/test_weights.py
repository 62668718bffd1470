"""Check-worthiness weights: the bundled hand-set file, fitting, and loading a fitted file."""

from __future__ import annotations

import json

import pytest

import claimcheck
from claimcheck.detection import claims_of, get_pipeline, make_doc
from claimcheck.detection.weights import Weights, candidate_features, fit, load_weights
from claimcheck.errors import PatternError


def test_bundled_weights_are_additive_with_penalties_and_furniture_scores_zero():
    weights = load_weights()
    assert weights.mode == "additive"
    plain = candidate_features(["event", "actor", "date"], "expulsion", "completed")
    hedged = candidate_features(["event", "actor", "date", "hedge"], "expulsion", "completed")
    furniture = candidate_features(["event", "actor", "boilerplate"], "expulsion", None)
    assert weights.score(plain) == pytest.approx(0.75)
    assert weights.score(hedged) == pytest.approx(0.75 * 0.3)
    assert weights.score(furniture) == 0.0


def test_fit_learns_which_features_mark_claims():
    samples = [(["cue:event", "cue:date"], True)] * 30 + [(["cue:event", "cue:hedge"], False)] * 30
    weights = fit(samples)
    assert weights.mode == "logistic"
    assert weights.score(["cue:event", "cue:date"]) > 0.8
    assert weights.score(["cue:event", "cue:hedge"]) < 0.2
    assert weights.features["cue:hedge"] < 0 < weights.features["cue:date"]
    with pytest.raises(ValueError):
        fit([])


def test_a_fitted_weights_file_changes_the_scores_a_pipeline_gives(tmp_path):
    text = "Britain expelled 23 Russian diplomats on Wednesday."
    path = tmp_path / "weights.json"
    strict = Weights(-5.0, {"cue:event": 1.0}, {"note": "test"})
    path.write_text(json.dumps(strict.to_dict()))
    nlp = get_pipeline(weights=str(path))
    doc = nlp(make_doc(nlp, text, "2018-03-16"))
    assert claims_of(doc) == []
    (candidate,) = claims_of(doc, include_all=True)
    assert candidate.score == pytest.approx(1 / (1 + 2.718281828**4), abs=1e-3)
    assert [c.type for c in claimcheck.detect(text, published="2018-03-16")] == ["expulsion"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not valid JSON"),
        ('{"bias": 0}', "needs 'bias' and a 'features'"),
        ('{"features": {"cue:event": "high"}}', "must be numbers"),
        ('{"mode": "neural", "features": {}}', "mode must be"),
        ('{"features": {"cue:event": 1e999}}', "finite"),
    ],
)
def test_bad_weights_files_are_refused_with_a_reason(tmp_path, content, message):
    path = tmp_path / "w.json"
    path.write_text(content)
    with pytest.raises(PatternError, match=message):
        load_weights(str(path))


def test_a_score_is_the_same_whatever_the_hash_seed():
    """Features are a set, whose order changes with Python's hash seed; the score must not
    (a product of penalties taken in another order once turned 0.05 into 0.049)."""
    import os
    import subprocess
    import sys

    code = (
        "from claimcheck.detection.weights import load_weights, candidate_features\n"
        "cues = ['event_noun', 'actor', 'named', 'hedge', 'generic']\n"
        "print(repr(load_weights().score(candidate_features(cues, 'summit', None))))"
    )
    scores = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout.strip()
        for seed in range(8)
    }
    assert len(scores) == 1, scores
