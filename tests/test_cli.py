"""The claimcheck command as a user runs it: output formats and one-line errors."""

from __future__ import annotations

import json

import pytest

ARTICLE = (
    "Russia expels 60 US diplomats\n\n"
    "Russia on Thursday ordered 60 American diplomats to leave the country. "
    "Analysts believe more expulsions could follow.\n"
)


def assert_one_line_error(result, text):
    assert result.returncode != 0
    err = result.stderr.decode()
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line]
    assert len(lines) == 1, err
    assert lines[0].startswith("claimcheck: error:") and text in lines[0]


def test_scan_json_has_the_documented_shape(run_cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    result = run_cli("scan", str(article), "--published", "2018-03-30", "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["published"] == "2018-03-30"
    claims = payload["claims"]
    assert [c["type"] for c in claims] == ["expulsion", "expulsion"]
    claim = claims[1]
    assert set(claim) == {
        "id",
        "type",
        "text",
        "start",
        "end",
        "sentence",
        "score",
        "cues",
        "slots",
    }
    assert ARTICLE[claim["start"] : claim["end"]] == claim["text"]
    assert claim["slots"]["count"] == 60 and isinstance(claim["slots"]["count"], int)
    assert claim["slots"]["date"] == {
        "text": "on Thursday",
        "start": "2018-03-29",
        "end": "2018-03-29",
        "precision": "day",
    }
    for key in (
        "actor",
        "target",
        "count",
        "count_text",
        "round",
        "treaty",
        "status",
        "place",
        "attribution",
        "date",
    ):
        assert key in claim["slots"]


def test_scan_reads_stdin_and_prints_jsonl_and_all_candidates(run_cli):
    result = run_cli(
        "scan",
        "-",
        "--published",
        "2018-03-30",
        "--format",
        "jsonl",
        "--all",
        stdin=ARTICLE.encode(),
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(rows) == 3
    assert any("hedge" in r["cues"] and r["score"] < 0.5 for r in rows)


def test_scan_table_is_readable(run_cli):
    result = run_cli("scan", "-", "--published", "2018-03-30", stdin=ARTICLE.encode())
    out = result.stdout.decode()
    assert result.returncode == 0
    assert out.startswith("2 claims (published 2018-03-30)")
    assert "when: on Thursday = 2018-03-29" in out and "count: 60" in out


def test_scan_html_file_says_offsets_refer_to_extracted_text(run_cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><p>Britain <i>expelled</i> 23 Russian diplomats on 14 March 2018."
        "</p></body></html>"
    )
    result = run_cli("scan", str(page), "--format", "json")
    payload = json.loads(result.stdout)
    assert payload["input"]["offsets"] == "extracted text"
    assert payload["claims"][0]["slots"]["count"] == 23
    assert "offsets refer to the text extracted" in result.stderr.decode()


def test_demo_runs_offline_on_the_bundled_sample(run_cli, tmp_path):
    result = run_cli("demo", "--output-dir", str(tmp_path))
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    assert "claims (published 2018-12-22)" in out
    assert "the two countries expelled large numbers" in out
    assert "Review these claims in JupyterLab" in out
    report = tmp_path / "demo-report.html"
    assert f"A report of this sample review: {report}" in out
    assert "Verdict report" in report.read_text() and "claimcheck demo" in report.read_text()


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (("scan", "missing.txt"), None, "no such file"),
        (("scan", "-", "--published", "2018-02-30"), b"text", "bad --published date"),
        (("scan", "-"), b"", "the input is empty"),
        (("scan", "-"), b"\x00\x01\x02\x03" * 500, "binary"),
        (("scan", "-", "--format", "xml"), b"text", "invalid choice"),
        (("scan", "-", "--bogus"), b"text", "unrecognized arguments"),
        (("scan", "-", "--threshold", "2"), b"text", "between 0 and 1"),
        (("scan", "-", "--model", "no_such_pipeline_xyz"), b"text", "spacy download no_such"),
        # a path is no package to download
        (("scan", "-", "--model", "/no/such/folder"), b"text", "saved with nlp.to_disk()"),
        ((), None, "no command given"),
        (("eval", "missing-gold.jsonl"), None, "not found"),
    ],
)
def test_user_mistakes_give_one_line_and_a_non_zero_exit(run_cli, args, stdin, message):
    assert_one_line_error(run_cli(*args, stdin=stdin), message)


def test_a_folder_instead_of_a_file(run_cli, tmp_path):
    assert_one_line_error(run_cli("scan", str(tmp_path)), "is a folder")


def test_json_is_streamed_but_stays_one_valid_object(run_cli, tmp_path):
    empty = run_cli("scan", "-", "--format", "json", stdin=b"Nothing happened here.\n")
    assert json.loads(empty.stdout)["claims"] == []
    big = tmp_path / "big.txt"
    paragraph = "Britain expelled 23 Russian diplomats on 14 March 2018.\n\nQuiet day.\n\n"
    big.write_text(paragraph * 3000)  # over 200,000 characters: several chunks
    result = run_cli("scan", str(big), "--format", "json")
    payload = json.loads(result.stdout)
    assert len(payload["claims"]) == 3000
    text = big.read_text()
    assert all(text[c["start"] : c["end"]] == c["text"] for c in payload["claims"])
