"""A trained spaCy pipeline named by the user improves slots; the rules still run."""

from __future__ import annotations

import json

import pytest
import spacy

import claimcheck
from claimcheck.errors import ModelError


@pytest.fixture(scope="module")
def saved_pipeline(tmp_path_factory):
    """A small pipeline on disk whose entity ruler knows a person the gazetteer does not."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Gavin"}])
    path = tmp_path_factory.mktemp("model") / "tiny_pipeline"
    nlp.to_disk(path)
    return str(path)


TEXT = "Gavin expelled 23 Russian diplomats on Wednesday."


def test_entities_from_a_trained_pipeline_fill_the_actor(saved_pipeline):
    blank = claimcheck.detect(TEXT, published="2018-03-16")
    trained = claimcheck.detect(TEXT, published="2018-03-16", model=saved_pipeline)
    assert [c.type for c in blank] == [c.type for c in trained] == ["expulsion"]
    assert blank[0].slots.actor is None
    assert trained[0].slots.actor == "Gavin"
    assert trained[0].slots.count == 23 and trained[0].slots.date.start == "2018-03-14"


def test_the_cli_accepts_a_pipeline_path(run_cli, saved_pipeline):
    result = run_cli(
        "scan",
        "-",
        "--model",
        saved_pipeline,
        "--published",
        "2018-03-16",
        "--format",
        "json",
        stdin=TEXT.encode(),
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["claims"][0]["slots"]["actor"] == "Gavin"


def test_an_unknown_pipeline_is_a_clear_error():
    with pytest.raises(ModelError, match="python -m spacy download"):
        claimcheck.detect(TEXT, model="en_core_web_nonexistent")
