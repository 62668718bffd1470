"""A check-worthiness score for every sentence, transcripts, and quoted claims."""

from __future__ import annotations

import json

import claimcheck
from claimcheck.detection import detect_sentences
from claimcheck.detection.quotes import factual, reported_statements, speaker_turns
from claimcheck.ranking import average_precision

TRANSCRIPT = (
    "MODERATOR: Good evening and welcome. Senator, inflation is at 6 percent. What would you do?\n"
    "SEN. HALE: Thank you. Inflation reached 6.4 percent in January, the highest since 1982.\n"
    "SEN. HALE: We will fight for every family in this state!\n"
    "MS. ORTIZ: The plant closed in 2019 and 1,200 people lost their jobs.\n"
    "MODERATOR: Thank you both.\n"
)


def test_every_sentence_gets_a_score_and_checkable_ones_rank_first():
    sentences = detect_sentences(TRANSCRIPT, published="2023-03-10")
    assert len(sentences) >= 7
    for s in sentences:
        assert TRANSCRIPT[s.start : s.end] == s.text and 0.0 <= s.score <= 1.0
    ranked = sorted(sentences, key=lambda s: -s.score)
    top = {s.text for s in ranked[:2]}
    assert "Inflation reached 6.4 percent in January, the highest since 1982." in top
    assert "The plant closed in 2019 and 1,200 people lost their jobs." in top
    promise = next(s for s in sentences if "fight for every family" in s.text)
    question = next(s for s in sentences if s.text.endswith("What would you do?"))
    assert {"plan", "rhetoric"} & set(promise.cues) and "question" in question.cues
    assert promise.score < 0.5 and question.score < 0.5


def test_transcript_turns_give_the_speaker_and_moderators_hold_no_claims():
    turns = speaker_turns(TRANSCRIPT)
    assert [t.speaker for t in turns] == [
        "MODERATOR",
        "SEN. HALE",
        "SEN. HALE",
        "MS. ORTIZ",
        "MODERATOR",
    ]
    assert [t.moderator for t in turns] == [True, False, False, False, True]
    claims = claimcheck.detect(TRANSCRIPT, published="2023-03-10")
    moderator = [(t.start, t.end) for t in turns if t.moderator]
    assert claims and not [c for c in claims if any(a <= c.start < b for a, b in moderator)]
    inflation = next(c for c in claims if c.type == "statistic" and c.slots.value == 6.4)
    assert inflation.slots.attribution == "SEN. HALE"
    sentences = detect_sentences(TRANSCRIPT, published="2023-03-10")
    assert {s.speaker for s in sentences} == {"MODERATOR", "SEN. HALE", "MS. ORTIZ"}


def test_speakers_named_in_any_script_are_speakers_and_keep_their_claims():
    text = (
        "ANCHOR: Welcome back. What is in the new package?\n"
        "KOVAČ: The EU banned imports of Russian aluminium on Monday.\n"
        "ANCHOR: And the banks?\n"
        "Lena Kovač: Thirteen more Russian banks were cut off from SWIFT.\n"
        "MR. ØVERGAARD: Norway expelled 15 Russian diplomats on Thursday.\n"
        "The result was clear: yes.\n"
    )
    turns = speaker_turns(text)
    assert [t.speaker for t in turns] == [
        "ANCHOR",
        "KOVAČ",
        "ANCHOR",
        "Lena Kovač",
        "MR. ØVERGAARD",
    ]
    assert [t.moderator for t in turns] == [True, False, True, False, False]
    claims = claimcheck.detect(text, published="2025-02-28")
    speakers = {c.slots.attribution for c in claims if "moderator" not in c.cues}
    assert {"KOVAČ", "MR. ØVERGAARD"} <= speakers


def test_an_article_with_colons_is_not_a_transcript():
    text = (
        "Note: the figures are provisional.\nBritain expelled 23 Russian diplomats on Wednesday.\n"
    )
    assert speaker_turns(text) == []


def test_reported_statements_and_what_counts_as_factual():
    sentence = "Prigozhin was on the passenger list, Russia's civil aviation authority said."
    ((start, end, who),) = reported_statements(sentence, 0)
    assert sentence[start:end] == "Prigozhin was on the passenger list"
    assert who == "Russia's civil aviation authority"
    assert factual("Russia had formally notified Turkey and the UN Secretariat in July")
    assert not factual("We will respond to this provocation")
    assert not factual("Is this the end of arms control in Europe?")
    assert not factual("The sanctions could hurt the Russian economy badly")


def test_a_factual_reported_statement_is_a_quote_claim_and_an_opinion_is_not():
    text = (
        "Foreign ministry spokeswoman Maria Zakharova said Russia had formally notified Turkey "
        'and the U.N. Secretariat in July. "This is a disgrace," she said.'
    )
    claims = claimcheck.detect(text, published="2023-08-01")
    quotes = [c for c in claims if c.type == "quote"]
    assert len(quotes) == 1
    assert quotes[0].text.startswith("Russia had formally notified Turkey")
    assert quotes[0].slots.attribution == "Foreign ministry spokeswoman Maria Zakharova"


def test_average_precision():
    assert average_precision([True, False, True]) == (1 + 2 / 3) / 2
    assert average_precision([False, False]) == 0.0


def test_scan_sentences_lists_every_sentence_best_first(run_cli, tmp_path):
    path = tmp_path / "debate.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    result = run_cli("scan", str(path), "--all", "--sentences", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    scores = [s["score"] for s in data["sentences"]]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 7
    table = run_cli("scan", str(path), "--sentences")
    assert table.returncode == 0
    assert b"best first" in table.stdout and b"cues:" in table.stdout
