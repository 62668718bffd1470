"""The reference pack: schema, user packs in JSONL and CSV, the CLI."""

from __future__ import annotations

import json
from datetime import date

import pytest

from claimcheck.errors import OptionError
from claimcheck.sources import init_source
from claimcheck.sources.pack import (
    PackError,
    bundled_pack,
    load_pack,
    parse_pack,
    validate_pack_file,
)
from claimcheck.validation.packs import PRIMARY_SOURCE_TYPES, event_types

GOOD = {
    "id": "exp-test",
    "type": "expulsion",
    "date": "2018-03",
    "actors": ["Ruritania"],
    "targets": ["Russia"],
    "count": 3,
    "summary": "Ruritania expels three diplomats.",
    "sources": [
        {
            "type": "government",
            "title": "Ruritania expels diplomats",
            "publisher": "Ruritanian Foreign Ministry",
            "url": "https://example.org/r",
            "date": "2018-03-02",
        }
    ],
}


def test_bundled_pack_is_valid_and_covers_every_claim_type():
    pack = bundled_pack()
    assert len(pack) >= 300
    sizes = {name: len(records) for name, records in pack.by_type.items()}
    assert set(sizes) == set(event_types()) - {"statistic", "comparison", "quote", "position"}
    assert min(sizes.values()) >= 30, sizes  # every type covered about as well
    for record in pack.records:
        start, end = record.span
        assert start <= end


def test_every_bundled_record_cites_a_dated_primary_source_first():
    for record in bundled_pack().records:
        first = record.sources[0]
        assert first["type"] in PRIMARY_SOURCE_TYPES and first["date"], record.id
        assert first["url"].startswith(("https://", "http://")), record.id
        assert first["date"] <= date.today().isoformat(), record.id
        for source in record.sources:
            assert source["date"] or source["type"] == "encyclopedia", record.id


def test_the_bundled_pack_passes_pack_validate(run_cli):
    result = run_cli("pack", "validate", "claimcheck/sources/data/pack.jsonl")
    assert result.returncode == 0, result.stdout.decode()[:500]
    assert b"valid record(s) of 9 type(s)" in result.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": "2018-13"}, "not a real date"),
        ({"date": "March 2018"}, "YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"summary": ""}, "missing summary"),
        ({"status": "rumoured"}, "status 'rumoured'"),
        ({"count": "three"}, "whole number"),
        ({"sources": [GOOD["sources"][0] | {"url": "javascript:alert(1)"}]}, "must be http"),
        ({"type": "expulsions"}, "not a claim type \\(did you mean 'expulsion'\\?\\)"),
        ({"sources": [GOOD["sources"][0] | {"type": "goverment"}]}, "did you mean 'government'"),
        ({"sources": [GOOD["sources"][0] | {"type": None}]}, "give the source's type"),
        ({"sources": [GOOD["sources"][0] | {"date": None}]}, "the source has no date"),
        ({"sources": [GOOD["sources"][0] | {"date": "2018-02-30"}]}, "not a real date"),
        (
            {"sources": [GOOD["sources"][0] | {"type": "encyclopedia", "date": None}]},
            "no dated source, only encyclopedia pages",
        ),
        ({"colour": "red"}, "unknown column"),
        ({"end_date": "2017-01-01"}, "end_date is before date"),
        (
            {"count_qualifier": "moer than"},
            "not a count qualifier \\(did you mean 'more than'\\?\\)",
        ),
        ({"count": None, "count_qualifier": "over"}, "without a count"),
        ({"stage": "notice"}, "stage without a treaty"),
        ({"treaty": "INF", "stage": "notice"}, "stage notice goes with status announced"),
        ({"treaty": "INF", "stage": "noticed"}, "did you mean 'notice'"),
        ({"count_parts": [4, "46"]}, "count_parts\\[1\\]: must be a whole number"),
    ],
)
def test_schema_errors_name_file_and_line(change, message):
    lines = [json.dumps(GOOD | {"id": "first"}), json.dumps(GOOD | change)]
    with pytest.raises(PackError, match=rf"mine\.jsonl:2: .*{message}|{message}"):
        parse_pack("\n".join(lines), "mine.jsonl")


def test_every_problem_of_a_record_is_named_with_file_and_line():
    bad = GOOD | {"date": "14/03/2018", "count": "three", "status": "complete"}
    bad = {("actor" if k == "actors" else k): v for k, v in bad.items()}
    text = "\n".join([json.dumps(GOOD), json.dumps(bad), json.dumps(GOOD | {"id": "again"})])
    problems: list[str] = []
    records = parse_pack(text, "mine.jsonl", problems)
    assert [r.id for r in records] == ["exp-test", "again"]
    assert all(p.startswith("mine.jsonl:2: ") for p in problems)
    said = "\n".join(problems)
    for part in (
        "unknown column 'actor' (did you mean 'actors'?)",
        "date: '14/03/2018' must be YYYY",
        "count: must be a whole number",
        "status 'complete' is not one of",
        "(did you mean 'completed'?)",
    ):
        assert part in said
    with pytest.raises(
        PackError, match=r"mine\.jsonl:2: .*\(and 3 more problem\(s\) on this line\)"
    ):
        parse_pack(text, "mine.jsonl")


CSV_HEADER = "id,type,date,actors,targets,count,count_qualifier,summary,sources\n"
CSV_ROW = (
    "exp-csv,expulsion,2019-05-02,Ruritania;Graustark,Russia,150,over,{summary},"
    "Statement|Ministry of Foreign Affairs|https://example.org/e|2019-05-03|government\n"
)


@pytest.mark.parametrize(
    ("data", "summary"),
    [
        (
            (CSV_HEADER + CSV_ROW.format(summary="Expulsé – Moscou")).encode("utf-8-sig"),
            "Expulsé – Moscou",
        ),
        (
            (CSV_HEADER + CSV_ROW.format(summary="Expulsé – Moscou")).encode("cp1252"),
            "Expulsé – Moscou",
        ),
        (
            (CSV_HEADER + CSV_ROW.format(summary="Expulsé à Moscou")).encode("latin-1"),
            "Expulsé à Moscou",
        ),
        (
            (CSV_HEADER + CSV_ROW.format(summary="Two states expel"))
            .replace(",", ";")
            .replace("Ruritania;Graustark", '"Ruritania;Graustark"')
            .replace("\n", "\r\n")
            .encode()
            + b";;;;;;;;\r\n",
            "Two states expel",
        ),
    ],
    ids=["utf-8 with BOM", "cp1252", "latin-1", "semicolons, CRLF, a blank row"],
)
def test_csv_as_spreadsheets_save_it(tmp_path, data, summary):
    path = tmp_path / "mine.csv"
    path.write_bytes(data)
    (record,) = validate_pack_file(path)
    assert record.summary == summary and record.actors == ["Ruritania", "Graustark"]
    assert record.count == 150 and record.count_qualifier == "over"
    assert record.sources[0]["date"] == "2019-05-03"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.csv", CSV_HEADER.encode(), "holds no records"),
        ("blank.csv", (CSV_HEADER + ",,,,,,,,\n").encode(), "holds no records"),
        ("empty.jsonl", b"\n\n  \n", "is empty"),
        ("nul.csv", b"id,type\x00\x00", "binary file"),
    ],
)
def test_an_empty_pack_is_an_error(tmp_path, run_cli, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(PackError, match=message):
        validate_pack_file(path, [])
    result = run_cli("pack", "validate", str(path))
    assert result.returncode == 2 and message in result.stderr.decode()


def test_duplicate_ids_are_refused():
    with pytest.raises(PackError, match="used twice"):
        parse_pack(json.dumps(GOOD) + "\n" + json.dumps(GOOD), "mine.jsonl")


def test_users_add_packs_in_csv(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(
        "id,type,date,actors,targets,count,summary,sources\n"
        "exp-csv,expulsion,2019-05-02,Ruritania;Graustark,Russia,7,Two states expel seven,"
        "Example|Example News|https://example.org/e|2019-05-03|news\n"
    )
    pack = load_pack(path)
    record = next(r for r in pack.records if r.id == "exp-csv")
    assert record.actors == ["Ruritania", "Graustark"] and record.count == 7
    assert record.sources[0]["date"] == "2019-05-03"
    assert len(pack) == len(bundled_pack()) + 1


def test_unknown_source_names_the_known_ones():
    with pytest.raises(OptionError, match=r"unknown source 'nope': use one of .*pack"):
        init_source("nope")


def test_pack_cli_validates_and_lists(run_cli, tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(GOOD) + "\n")
    result = run_cli("pack", "validate", str(good))
    assert result.returncode == 0 and b"1 valid record(s)" in result.stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(GOOD | {"date": "yesterday"}) + "\n")
    bad.write_text(
        json.dumps(GOOD | {"date": "yesterday"}) + "\n" + json.dumps(GOOD | {"id": "ok"}) + "\n"
        + json.dumps(GOOD | {"id": "x", "actors": [{}]}) + "\n"
    )  # fmt: skip
    result = run_cli("pack", "validate", str(bad))
    assert result.returncode == 2
    listed = result.stdout.decode().splitlines()  # every bad record, with file and line
    assert listed[0].startswith(f"{bad}:1: date: 'yesterday' must be YYYY")
    assert listed[1] == f"{bad}:3: actors[0]: Input should be a valid string"
    assert result.stderr.decode() == (
        f"claimcheck: error: {bad}: 2 problem(s) on 2 line(s) (listed above), 1 record(s) are"
        " valid; fix the lines named\n"
    )
    listing = run_cli("pack", "list", "--type", "summit")
    assert b"summit-2018-07-16-helsinki" in listing.stdout
