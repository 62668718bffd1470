"""``claimcheck pack export``: a store's reviews as a pack that validates and that other stores
link and match against; bad input is one line on stderr and no file touched."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from claimcheck.matching.export import export_pack
from claimcheck.model import Slots
from claimcheck.workbench import Workbench

from .conftest import MAY_EXPELS, MOSCOW_ANSWERS
from .test_cli import assert_one_line_error

SECRET = "sk-test-0a1b2c3d4e5f"
EARLIER, LATER = MAY_EXPELS, MOSCOW_ANSWERS
ELSEWHERE = (
    "A week of expulsions\n\n"
    "BRUSSELS, March 20 - Britain threw out 23 Russian diplomats on March 14, officials said."
)
HOSTILE = '<script>alert(1)</script> "quoted" \\ back\nslash'


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "newsroom.sqlite"
    with Workbench(path, reviewer="ana") as wb:
        first = wb.add_article(EARLIER, "2018-03-14", title="May's expulsions")
        lede = next(c for c in first.claims if "will expel" in c.text)
        wb.add_evidence(
            lede.id,
            url=f"https://www.gov.uk/government/speeches/pm-commons-statement?key={SECRET}",
            note="the Prime Minister's statement to the Commons",
            title="PM Commons statement on the Salisbury incident",
            date="2018-03-14",
        )
        wb.set_verdict(lede.id, "true", HOSTILE)
        headline = next(c for c in first.claims if c is not lede)
        wb.set_verdict(headline.id, "mostly_true", "no date in a headline")
        second = wb.add_article(LATER, "2018-03-17", title="Moscow answers")
        for claim in second.claims:
            wb.set_verdict(claim.id, "false", "checked", reviewer="ben")
    return path


@pytest.fixture
def store(template, tmp_path):
    path = tmp_path / "newsroom.sqlite"
    shutil.copy(template, path)
    return path


def test_export_round_trips_through_validate_and_serves_another_store(store, tmp_path, run_cli):
    pack = tmp_path / "newsroom-pack.jsonl"
    result = run_cli("pack", "export", str(store), "-o", str(pack))
    assert result.returncode == 0, result.stderr
    said = result.stdout.decode()
    assert said.startswith(f"wrote {pack}: 1 record(s)") and "reviewed claim(s)" in said
    assert "no date" in said and "not reviewed true or mostly true" in said
    lines = [json.loads(line) for line in pack.read_text(encoding="utf-8").splitlines()]
    records = [x for x in lines if "review" not in x]
    reviews = [x["review"] for x in lines if "review" in x]
    (record,) = records
    assert (record["type"], record["date"], record["count"]) == ("expulsion", "2018-03-14", 23)
    assert (record["actors"], record["targets"], record["status"]) == (
        ["United Kingdom"],
        ["Russia"],
        "announced",
    )
    assert record["sources"] == [
        {
            "title": "PM Commons statement on the Salisbury incident",
            "publisher": "added by ana",
            "url": "https://www.gov.uk/government/speeches/pm-commons-statement",
            "date": "2018-03-14",
            "type": "government",  # told from its address
        }
    ]
    assert SECRET not in pack.read_text(encoding="utf-8")
    with Workbench(store) as wb:
        assert len(reviews) == sum(len(wb.claims(a)) for a in wb.article_ids())
    assert {r["verdict"] for r in reviews} == {"true", "mostly_true", "false"}
    lede = next(r for r in reviews if r["verdict"] == "true")
    assert lede["rationale"] == HOSTILE and lede["reviewer"] == "ana"
    assert lede["store"] == "newsroom.sqlite" and lede["article"]["title"] == "May's expulsions"

    checked = run_cli("pack", "validate", str(pack))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.decode() == (
        f"{pack}: 1 valid record(s) of 1 type(s): expulsion; "
        f"{len(reviews)} reviewed claim(s) to match against\n"
    )
    listed = run_cli("pack", "list", str(pack), "--type", "expulsion")
    assert listed.returncode == 0 and record["id"] in listed.stdout.decode()

    # Another store links its claims to the new record and matches them to the reviews.
    with Workbench(tmp_path / "other.sqlite", packs=[pack]) as other:
        article = other.add_article(ELSEWHERE, "2018-03-20")
    claim = next(c for c in article.claims if "threw out 23" in c.text)
    assert record["id"] in [e.record_id for e in claim.evidence if e.source == "pack"]
    earlier = [e for e in claim.evidence if e.source == "reviews"]
    assert earlier and all(e.review.store == "newsroom.sqlite" for e in earlier)
    assert any(e.review.rationale == HOSTILE for e in earlier)


def test_export_of_one_reviewer(store, tmp_path, run_cli):
    pack = tmp_path / "ben.jsonl"
    result = run_cli("pack", "export", str(store), "-o", str(pack), "--reviewer", "ben")
    assert result.returncode == 0, result.stderr
    reviews = [json.loads(x)["review"] for x in pack.read_text().splitlines()]
    assert reviews and {r["reviewer"] for r in reviews} == {"ben"}
    assert "0 record(s)" in result.stdout.decode()


def test_a_count_with_a_lower_bound_is_not_exported_as_an_exact_count(tmp_path):
    with Workbench(tmp_path / "s.sqlite", reviewer="ana") as wb:
        article = wb.add_article(
            "Expulsions\n\nBRUSSELS, March 27 - More than 25 countries expelled over 150 "
            "Russian diplomats on Monday.",
            "2018-03-27",
        )
        (claim,) = [c for c in article.claims if c.slots.count == 150]
        assert claim.slots.count_qualifier == "over"
        wb.add_evidence(
            claim.id, url="https://example.org/nato", note="the list", date="2018-03-27"
        )
        wb.set_verdict(claim.id, "true", "over 150 in all")
        (record,) = export_pack(wb).records
    assert record["count"] is None or record.get("count_qualifier") == "over"


def test_a_statement_or_a_denial_is_no_record(tmp_path):
    with Workbench(tmp_path / "s.sqlite", reviewer="ana") as wb:
        article = wb.add_article(EARLIER, "2018-03-14")
        lede = next(c for c in article.claims if "will expel" in c.text)
        wb.add_evidence(lede.id, url="https://example.org/x", note="n", date="2018-03-14")
        wb.set_verdict(lede.id, "true")
        assert len(export_pack(wb).records) == 1
        wb.correct_slots(lede.id, status="denied")
        pack = export_pack(wb)
        assert pack.records == [] and pack.skipped["says the event did not happen"] == 1
        assert isinstance(Slots.from_dict(pack.reviews[0]["slots"]), Slots)


def assert_untouched(path, before):
    if before is None:
        assert not path.exists()
    else:
        assert path.read_bytes() == before[0] and os.stat(path).st_mtime_ns == before[1]


@pytest.mark.parametrize(
    "case, message",
    [
        ("not a store", "not a claimcheck review store"),
        ("an empty file", "is empty"),
        ("a store without verdicts", "has no claim with a verdict"),
        ("no such store", "no such review store"),
        ("output exists", "exists already: add --force"),
        ("output in a missing folder", "does not exist"),
        ("output under a file", "is a file, not a folder"),
        ("output is a folder", "is a folder"),
        ("output is the store", "-o names the store itself"),
        ("csv output", "writes JSONL"),
        ("unknown reviewer", "nobody named 'zoe'"),
    ],
)
def test_bad_input_is_one_line_and_no_file_touched(case, message, store, tmp_path, run_cli):
    source, target = store, tmp_path / "out.jsonl"
    extra: list[str] = []
    if case == "not a store":
        source = tmp_path / "notes.txt"
        source.write_text("not a store\n")
    elif case == "an empty file":
        source = tmp_path / "empty.sqlite"
        source.write_bytes(b"")
    elif case == "a store without verdicts":
        source = tmp_path / "fresh.sqlite"
        with Workbench(source) as wb:
            wb.add_article(EARLIER, "2018-03-14")
    elif case == "no such store":
        source = tmp_path / "missing.sqlite"
    elif case == "output exists":
        target.write_text("someone's pack\n")
    elif case == "output in a missing folder":
        target = tmp_path / "nowhere" / "out.jsonl"
    elif case == "output under a file":
        (tmp_path / "afile").write_text("x")
        target = tmp_path / "afile" / "out.jsonl"
    elif case == "output is a folder":
        target = tmp_path
    elif case == "output is the store":
        target, extra = store, ["--force"]
    elif case == "csv output":
        target = tmp_path / "out.csv"
    elif case == "unknown reviewer":
        extra = ["--reviewer", "zoe"]
    files = {
        p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in tmp_path.rglob("*") if p.is_file()
    }
    result = run_cli("pack", "export", str(source), "-o", str(target), *extra)
    assert_one_line_error(result, message)
    after = {p for p in tmp_path.rglob("*") if p.is_file()}
    assert after == set(files)  # no file made (no journal beside the store either)
    for path, before in files.items():
        assert_untouched(path, before)


def test_force_replaces_an_existing_pack(store, tmp_path, run_cli):
    target = tmp_path / "out.jsonl"
    target.write_text("someone's pack\n")
    result = run_cli("pack", "export", str(store), "-o", str(target), "--force")
    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("{")


@pytest.mark.parametrize(
    ("source", "url", "kind"),
    [
        ("wikipedia", "https://en.wikipedia.org/wiki/X", "encyclopedia"),
        ("manual", "https://eur-lex.europa.eu/eli/reg/2022/328/oj", "official_journal"),
        ("manual", "https://www.consilium.europa.eu/en/press/", "international_organisation"),
        ("manual", "https://home.treasury.gov/news/press-releases/sm0338", "sanctions_notice"),
        ("manual", "https://www.state.gov/briefings/", "government"),
        ("manual", "https://example-news.org/story", "news"),
        ("manual", "https://notgov.example.org/x", "news"),
        ("manual", "https://mytreasury.gov.example.org/x", "news"),
    ],
)
def test_an_exported_source_says_what_kind_of_source_it_is(source, url, kind):
    from claimcheck.matching.export import _source_type

    assert _source_type(source, url) == kind
