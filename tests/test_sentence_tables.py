"""Labelled sentence tables of public benchmarks' kinds: reading them, ranking their rows."""

from __future__ import annotations

import csv
import json

import pytest

from claimcheck.detection import detect_sentences
from claimcheck.detection.worthiness import SentenceScore
from claimcheck.errors import GoldError
from claimcheck.ranking import (
    as_transcript,
    average_precision,
    rank_rows,
    ranked_rows,
    row_scores,
)
from claimcheck.sentence_tables import LabelledRow, LabelledText, is_table, load_table, load_tables

from .conftest import FIXTURES

TABLES = FIXTURES / "benchmark-formats"


def split_lines(path, delimiter="\t"):
    """The table read by hand: header, then rows as lists of fields."""
    lines = [line.split(delimiter) for line in path.read_text().splitlines() if line.strip()]
    return lines[0], lines[1:]


def test_a_debate_table_loads_its_rows_speakers_and_labels():
    header, lines = split_lines(TABLES / "debate.tsv")
    assert header == ["line_number", "speaker", "text", "label"]
    [text] = load_table(TABLES / "debate.tsv")
    assert text.id == "debate.tsv"
    assert [(r.id, r.speaker, r.text, r.label) for r in text.rows] == [
        (n, speaker, body, label == "1") for n, speaker, body, label in lines
    ]
    assert {r.speaker for r in text.rows} == {"MODERATOR", "FERRANT", "OKAFOR"}
    assert 3 <= sum(r.label for r in text.rows) < len(text.rows)


def test_a_headerless_debate_table_reads_as_the_one_with_a_header(tmp_path):
    headerless = tmp_path / "debate.tsv"
    headerless.write_text("".join((TABLES / "debate.tsv").read_text().splitlines(True)[1:]))
    [with_header] = load_table(TABLES / "debate.tsv")
    [without] = load_table(headerless)
    assert [(r.id, r.speaker, r.text, r.label) for r in without.rows] == [
        (r.id, r.speaker, r.text, r.label) for r in with_header.rows
    ]


def test_a_tweets_table_loads_yes_and_no():
    header, lines = split_lines(TABLES / "tweets.tsv")
    assert header == ["tweet_id", "tweet_url", "tweet_text", "class_label"]
    [text] = load_table(TABLES / "tweets.tsv")
    assert [(r.id, r.text, r.label, r.speaker) for r in text.rows] == [
        (tweet_id, body, label == "Yes", None) for tweet_id, _, body, label in lines
    ]
    assert {label for *_, label in lines} == {"Yes", "No"}


def test_a_claimbuster_table_counts_only_verdict_1():
    with (TABLES / "claimbuster.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["Sentence_id", "Text", "Verdict"]
    assert {r["Verdict"] for r in rows} == {"1", "0", "-1"}
    [text] = load_table(TABLES / "claimbuster.csv")
    assert [(r.id, r.text, r.label) for r in text.rows] == [
        (r["Sentence_id"], r["Text"], r["Verdict"] == "1") for r in rows
    ]
    assert any("," in r.text for r in text.rows)  # quoted fields keep their commas


def test_a_folder_of_tables_gives_one_text_a_file():
    texts = load_tables(TABLES)
    assert [t.id for t in texts] == ["claimbuster.csv", "debate.tsv", "tweets.tsv"]
    assert is_table(TABLES) and is_table("x.TSV") and not is_table(FIXTURES / "transcripts")


def test_a_debate_column_groups_rows_and_line_numbers_order_them(tmp_path):
    path = tmp_path / "two.tsv"
    path.write_text(
        "Debate\tLine_Number\tSpeaker\tText\tLabel\n"
        "d1\t2\tHALE\tThe plant closed in 2019.\tTRUE\n"
        "d2\t1\tORTIZ\tGood evening.\tfalse\n"
        "d1\t1\tMODERATOR\tWelcome.\tFalse\n"
        "d2\t2\tORTIZ\tTaxes rose 4 percent in 2021.\t1\n"
    )
    texts = load_table(path)
    assert [t.id for t in texts] == ["two.tsv:d1", "two.tsv:d2"]
    assert [(r.id, r.label) for r in texts[0].rows] == [("1", False), ("2", True)]
    assert [(r.id, r.label) for r in texts[1].rows] == [("1", False), ("2", True)]


def test_tab_separated_quotes_are_read_as_written(tmp_path):
    raw = tmp_path / "raw.tsv"
    raw.write_text(
        'line_number\tspeaker\ttext\tlabel\n1\tHALE\t"We won," he said.\t0\n2\tHALE\tOk.\t0\n'
    )
    assert [r.text for r in load_table(raw)[0].rows] == ['"We won," he said.', "Ok."]
    quoted = tmp_path / "quoted.tsv"  # as pandas writes a text holding quotes or a line break
    quoted.write_text('tweet_id\ttweet_text\tclass_label\n1\t"Say ""no""\nnow"\tno\n2\tYes.\tyes\n')
    rows = load_table(quoted)[0].rows
    assert [(r.id, r.text, r.label) for r in rows] == [
        ("1", 'Say "no" now', False),
        ("2", "Yes.", True),
    ]


def test_a_table_read_as_a_transcript_keeps_its_speakers_and_moderator():
    [text] = load_table(TABLES / "debate.tsv")
    body, spans = as_transcript(text)
    assert [body[a:b] for a, b in spans] == [r.text for r in text.rows]
    sentences = detect_sentences(body)
    moderator = [s for s in sentences if s.speaker == "MODERATOR"]
    assert moderator and all("moderator" in s.cues for s in moderator)
    assert {s.speaker for s in sentences} == {"MODERATOR", "FERRANT", "OKAFOR"}


def test_a_speaker_the_reader_would_miss_is_written_in_capitals():
    rows = [LabelledRow(str(i), "Prices rose.", False, "moderator x1") for i in range(3)]
    body, _ = as_transcript(LabelledText("t", rows))
    assert body.splitlines()[0] == "MODERATOR X1: Prices rose."


@pytest.mark.parametrize("name", ["debate.tsv", "tweets.tsv", "claimbuster.csv"])
def test_rows_ranked_by_score_beat_the_reverse_order(name):
    [text] = load_table(TABLES / name)
    ranked = ranked_rows(text)
    assert [label for *_, label in ranked.units] == [r.label for r in text.rows]
    best_first = sorted(ranked.units, key=lambda u: -u[0])
    worst_first = sorted(ranked.units, key=lambda u: u[0])
    ap_best = average_precision([label for *_, label in best_first])
    ap_worst = average_precision([label for *_, label in worst_first])
    assert ap_best > ap_worst + 0.2, (ap_best, ap_worst)
    report = rank_rows([text])
    assert report.per_text[0]["ap_score"] == round(ap_best, 3)


def sentence(start, end, score):
    return SentenceScore(start=start, end=end, text="x" * (end - start), score=score)


def test_row_scores_take_the_sentences_each_row_overlaps():
    spans = [(0, 10), (11, 20), (21, 21), (22, 40)]
    sentences = [
        sentence(0, 4, 0.2),
        sentence(5, 10, 0.7),  # row 0 split in two: the better half counts
        sentence(11, 30, 0.9),  # rows 1 and 3 run together (the empty row 2 between)
        sentence(31, 40, 0.1),
    ]
    assert row_scores(spans, sentences) == [0.7, 0.9, 0.0, 0.9]
    assert row_scores(spans, []) == [0.0] * 4


def test_a_row_merged_with_its_neighbour_by_the_splitter_still_gets_a_score(monkeypatch):
    import claimcheck.detection as detection

    [text] = load_table(TABLES / "debate.tsv")
    real = detection.detect_sentences
    merged = {}

    def merging(body, **kwargs):
        found = real(body, **kwargs)
        i = next(i for i, s in enumerate(found) if "Rents in Harlow Bay" in s.text)
        first, second = found[i], found[i + 1]
        joined = sentence(first.start, second.end, first.score)
        merged["score"] = first.score
        return [*found[:i], joined, *found[i + 2 :]]

    monkeypatch.setattr(detection, "detect_sentences", merging)
    units = ranked_rows(text).units
    i = next(i for i, r in enumerate(text.rows) if r.text.startswith("Rents in Harlow Bay"))
    assert units[i][0] == units[i + 1][0] == merged["score"] > 0.5
    assert all(score > 0 for score, *_ in units)


def test_eval_scores_a_folder_of_tables_as_json(run_cli):
    result = run_cli("eval", "--sentences", str(TABLES), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    texts = {t.id: t for t in load_tables(TABLES)}
    assert [t["id"] for t in data["per_text"]] == list(texts)
    assert [t["rows"] for t in data["per_text"]] == [len(t.rows) for t in texts.values()]
    assert data["texts"] == 3 and data["rows"] == sum(len(t.rows) for t in texts.values())
    assert data["positives"] == sum(r.label for t in texts.values() for r in t.rows)
    mean = sum(t["ap_score"] for t in data["per_text"]) / 3
    assert data["map_score"] == pytest.approx(mean, abs=0.002)
    assert data["map_score"] > data["map_number"]
    table = run_cli("eval", "--sentences", str(TABLES / "tweets.tsv"))
    assert table.returncode == 0 and b"rows: 14 in 1 texts" in table.stdout


BAD_TABLES = [
    ("empty.tsv", b"", "is empty"),
    ("blank.csv", b"\n \n", "is empty"),
    ("binary.tsv", bytes(range(256)) * 4, "binary file"),
    ("latin1.tsv", "text\tlabel\nÉté à Paris\t1\n".encode("latin-1"), "not UTF-8"),
    ("unknown.tsv", b"name\tvalue\nx\t1\n", "unknown header 'name, value'"),
    ("nolabel.csv", b"Sentence_id,Text\n1,Prices rose.\n", "no label column"),
    (
        "badlabel.tsv",
        b"tweet_id\ttweet_text\tclass_label\n1\tPrices rose.\tmaybe\n",
        ".tsv:2: label 'maybe'",
    ),
    ("badverdict.csv", b"Sentence_id,Text,Verdict\n1,Prices rose.,2\n", "verdict '2'"),
    (
        "dupe.tsv",
        b"line_number\tspeaker\ttext\tlabel\n1\tA\tx\t1\n1\tA\ty\t0\n",
        "'1' appears twice",
    ),
    ("short.tsv", b"line_number\tspeaker\ttext\tlabel\n1\tA\tx\n", "3 columns"),
    ("header-only.csv", b"Sentence_id,Text,Verdict\n", "no rows"),
    ("quotes.csv", b'Sentence_id,Text,Verdict\n1,Ok.,0\n2,"We won," he said,1\n', "csv:3: not a"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_TABLES, ids=[b[0] for b in BAD_TABLES])
def test_bad_tables_are_refused_with_what_to_do(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(GoldError) as caught:
        load_table(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_a_bad_label_names_file_line_and_value(tmp_path):
    path = tmp_path / "t.tsv"
    path.write_text("tweet_id\ttweet_text\tclass_label\n1\tOk.\tno\n2\tPrices rose.\tmaybe\n")
    with pytest.raises(GoldError, match=r"t\.tsv:3: label 'maybe' is not 1/0, yes/no"):
        load_table(path)


def test_only_cr_and_lf_end_a_row(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(
        "Sentence_id,Text,Verdict\r\n1,Prices rose\u2028by 4%.,1\r\n2,Ok.,0\r\n".encode()
    )
    rows = load_table(path)[0].rows
    assert [(r.id, r.text, r.label) for r in rows] == [
        ("1", "Prices rose by 4%.", True),
        ("2", "Ok.", False),
    ]
