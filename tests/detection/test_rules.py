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


@pytest.mark.parametrize(
    ("pattern", "reach"),
    [
        ([{"LOWER": "expel"}], (0, 0)),
        ([{"IS_TITLE": True, "OP": "{0,3}"}, {"LOWER": "expelled"}, {"LIKE_NUM": True}], (3, 1)),
        ([{"LOWER": "the"}, {"LOWER": "summit"}, {"OP": "?"}, {"OP": "{2}"}], (1, 3)),
        ([{"IS_TITLE": True, "OP": "+"}, {"LOWER": "expelled"}], None),
        ([{"LOWER": "expelled"}, {"OP": "{1,}"}], None),
        ([{"LOWER": {"IN": ["sanctions", "sanction"]}, "OP": "{1,2}"}], None),
        ([{"IS_TITLE": True}], None),  # no key word at all
    ],
)
def test_how_far_a_match_reaches_from_its_key_word(pattern, reach):
    from claimcheck.detection.triggers import key_reach

    assert key_reach(pattern) == reach


def test_matching_around_key_words_finds_what_matching_whole_sentences_finds():
    """The Matcher reads only the windows around a rule's key words: on every fixture
    sentence, every rule finds the same matches as on the whole sentence."""
    from claimcheck.detection.sentences import sentence_starts

    from ..conftest import FIXTURES

    nlp = get_pipeline()
    finder = nlp.get_pipe("claimcheck_claims").triggers
    checked = 0
    for path in sorted((FIXTURES / "realstyle" / "articles").glob("*.txt"))[:25]:
        doc = nlp(path.read_text(encoding="utf-8"))
        for start, end, rules in finder._candidate_sentences(doc, sentence_starts(doc)):
            for rule_id, positions in rules.items():
                whole = [
                    (m, start + a, start + b)
                    for m, a, b in finder.matchers[rule_id](doc[start:end])
                ]
                windowed = finder._matches(doc, rule_id, positions, start, end)
                assert sorted(windowed) == sorted(whole), (rule_id, doc[start:end].text)
                checked += bool(whole)
    assert checked > 100
