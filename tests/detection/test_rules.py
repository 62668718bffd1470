"""Claim types are data: a new type is a new JSONL file."""

from __future__ import annotations

import json

import pytest

from claimcheck.detection import get_pipeline
from claimcheck.detection.rules import claim_types, load_rules, parse_rules_file
from claimcheck.errors import PatternError

PROTEST = [
    {"meta": {"type": "protest", "description": "Street protests.", "count_nouns": ["people"]}},
    {
        "label": "protest",
        "id": "protest-01",
        "kind": "verb",
        "pattern": [{"LOWER": {"IN": ["protested", "marched", "rallied"]}}],
    },
]


def test_bundled_types_cover_the_design():
    assert set(claim_types()) >= {
        "expulsion",
        "sanctions",
        "treaty_withdrawal",
        "summit",
        "legal",
        "election",
        "military",
        "attack",
        "policy",
    }
    for claim_type in claim_types().values():
        assert claim_type.description and claim_type.colour.startswith("#")


def test_a_user_adds_a_claim_type_with_a_data_file(tmp_path):
    (tmp_path / "protest.jsonl").write_text("\n".join(json.dumps(r) for r in PROTEST))
    nlp = get_pipeline(patterns_dir=str(tmp_path))
    doc = nlp("About 5,000 people marched in Minsk on Sunday.")
    (claim,) = doc._.claimcheck_claims
    assert claim["type"] == "protest"
    assert claim["slots"]["count"] == 5000
    assert "protest" in load_rules(str(tmp_path)).types


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"meta": {"type": "x"}}', "{not json"], r"x\.jsonl:2: not valid JSON"),
        (['{"label": "x", "id": "x-1", "pattern": []}'], "exactly one"),
        (['{"meta": {"type": "x"}}', '{"label": "y", "id": "y-1", "pattern": []}'], "differs"),
        (
            ['{"meta": {"type": "x"}}', '{"label": "x", "id": "x-1", "pattern": [], "oops": 1}'],
            "unknown keys",
        ),
    ],
)
def test_malformed_rule_files_name_the_file_and_line(lines, message):
    with pytest.raises(PatternError, match=message):
        parse_rules_file("\n".join(lines), "x.jsonl")


def test_an_invalid_spacy_pattern_is_reported(tmp_path):
    rows = [
        {"meta": {"type": "bad"}},
        {"label": "bad", "id": "bad-01", "pattern": [{"LOWER": {"NOPE": ["x"]}}]},
    ]
    (tmp_path / "bad.jsonl").write_text("\n".join(json.dumps(r) for r in rows))
    with pytest.raises(PatternError, match="bad-01"):
        get_pipeline(patterns_dir=str(tmp_path))
