"""Rules written with base words match every form of those words."""

from __future__ import annotations

import pytest

from claimcheck.detection.inflect import expand_pattern, expand_words, forms
from claimcheck.detection.rules import parse_rules_file
from claimcheck.errors import PatternError


@pytest.mark.parametrize(
    ("lemma", "inflect", "expected"),
    [
        ("expel", "verb", {"expel", "expels", "expelled", "expelling"}),
        ("freeze", "verb", {"freeze", "freezes", "froze", "frozen", "freezing"}),
        ("quit", "verb", {"quit", "quits", "quitting"}),
        ("leave", "verb", {"leave", "leaves", "left", "leaving"}),
        ("expulsion", "noun", {"expulsion", "expulsions"}),
        ("re-elect", "verb", {"re-elect", "re-elects", "re-elected", "re-electing"}),
        ("deratify", "verb", {"deratify", "deratifies", "deratified", "deratifying"}),
    ],
)
def test_forms_of_base_words(lemma, inflect, expected):
    assert expected <= set(forms(lemma, inflect))
    assert forms(lemma, inflect)[0] == lemma


def test_a_verb_rule_expands_to_verb_forms_and_a_token_can_ask_for_nouns():
    pattern = [{"LEMMA": {"IN": ["oust", "expel"]}}, {"LEMMA": "diplomat", "INFLECT": "noun"}]
    out = expand_pattern(pattern, "verb", "test:1")
    assert {"ousted", "expelling"} <= set(out[0]["LOWER"]["IN"])
    assert "ousts" in out[0]["LOWER"]["IN"]
    assert set(out[1]["LOWER"]["IN"]) == {"diplomat", "diplomats"}
    assert "LEMMA" not in out[0] and "INFLECT" not in out[1]


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ({"LEMMA": "pull out"}, "one word"),
        ({"LEMMA": {"NOT_IN": ["x"]}}, "LEMMA must be"),
        ({"LEMMA": "x", "LOWER": "x"}, "both LEMMA"),
        ({"LEMMA": "x", "INFLECT": "adverb"}, "INFLECT must be"),
        ({"INFLECT": "noun"}, "no LEMMA"),
    ],
)
def test_bad_lemma_tokens_are_reported_with_their_place(token, message):
    with pytest.raises(PatternError, match=message):
        expand_pattern([token], "verb", "x.jsonl:3")


def test_rule_files_with_lemmas_load_and_report_their_line():
    good = (
        '{"meta": {"type": "t"}}\n'
        '{"label": "t", "id": "t-1", "pattern": [{"LEMMA": "quit"}, {"LOWER": "the"}]}\n'
    )
    _, patterns = parse_rules_file(good, "t.jsonl")
    assert "quitting" in patterns[0]["pattern"][0]["LOWER"]["IN"]
    bad = '{"meta": {"type": "t"}}\n{"label": "t", "id": "t-1", "pattern": [{"LEMMA": 3}]}\n'
    with pytest.raises(PatternError, match=r"t.jsonl:2"):
        parse_rules_file(bad, "t.jsonl")


def test_requires_near_words_take_their_plurals():
    assert {"embassy", "embassies", "diplomat", "diplomats"} <= expand_words(
        ["embassy", "diplomat"]
    )
