"""Hostile input, one attack per test: paths from ids, secrets in what is kept, imports that
reach beyond themselves, submissions that try to stop the grading."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3

import pytest

from claimcheck.workshop import Exercise, ExercisePack


def _files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("pack_id", ["../x/../../ws", "/tmp/claimcheck-abs-ws", "..", "a/b\\c"])
def test_a_pack_id_never_becomes_a_path(tmp_path, monkeypatch, pack_id):
    outside = tmp_path / "outside"
    work = outside / "class" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    pack = ExercisePack.build(
        "Paths",
        [{"key": "a", "text": "Britain expelled 23 Russian diplomats on 14 March 2018."}],
        [{"article": "a", "text": "Britain expelled 23 Russian diplomats", "type": "expulsion",
          "verdict": "true"}],
    )  # fmt: skip
    pack.id = pack_id
    copy = pack.trainee_copy().save(work / "pack.json")
    ex = Exercise(copy, trainee="../../Sam")
    claim = ex.wb.claims(1)[0]
    ex.wb.set_verdict(claim.id, "true")
    submitted = ex.submit()
    ex.wb.close()
    assert submitted.resolve().parent == work
    assert _files_under(outside) == sorted(
        f"class/work/{name}" for name in os.listdir(work) if (work / name).is_file()
    )
    assert not os.path.exists("/tmp/claimcheck-abs-ws-sam.sqlite")
    assert json.loads(submitted.read_text())["pack_id"] == pack_id  # the id itself is kept


FAKE_KEY = "fake-key-7Hq2Zr9Lw4"
TWO_CLAIMS = (
    "Britain expelled 23 Russian diplomats on 14 March 2018.\n\n"
    "Russia expelled 60 American diplomats on 29 March 2018."
)


def _grep(paths, needle: bytes) -> list[str]:
    return [str(p) for p in paths if p.is_file() and needle in p.read_bytes()]


def test_no_key_survives_redirects_and_errors_that_echo_it(replay, tmp_path, monkeypatch, run_cli):
    from claimcheck import report
    from claimcheck.sources.http import make_session
    from claimcheck.sources.news import FactCheckSource
    from claimcheck.workbench import Workbench

    from .replay_server import Reply

    monkeypatch.setenv("CLAIMCHECK_FACTCHECK_KEY", FAKE_KEY)
    echo = {"claims": [{"text": f"Quoted back: key={FAKE_KEY}", "claimReview": [{
        "publisher": {"name": "Desk"}, "title": f"Title with {FAKE_KEY}",
        "url": f"https://factdesk.example.org/check?key={FAKE_KEY}&id=1",
        "reviewDate": "2018-03-29T00:00:00Z", "textualRating": "True"}]}]}  # fmt: skip
    refused = {"error": {"code": 400, "message": f"API key not valid: {FAKE_KEY}",
                         "status": "INVALID_ARGUMENT"}}  # fmt: skip
    replay.route(  # the first lookup is redirected with the key, the next ones refused
        "/v1alpha1/claims:search",
        Reply(302, body="", headers={"Location": f"/v1alpha1/moved?key={FAKE_KEY}&from=x"}),
        Reply(400, body=json.dumps(refused)),
    )
    replay.route("/v1alpha1/moved", Reply(body=json.dumps(echo)))
    cache = tmp_path / "cache" / "http.sqlite"
    source = FactCheckSource(replay.url, session=make_session(cache))
    store = tmp_path / "reviews.sqlite"
    with Workbench(store, sources=["pack", source], reviewer="ana") as wb:
        article = wb.add_article(TWO_CLAIMS, "2018-04-01")
        first, second = article.claims[:2]
        assert [e.title for e in first.evidence if e.source == "factcheck"] == [
            "Title with [redacted]"
        ]
        assert "API key not valid: [redacted]" in second.suggestion.reason
        for claim in (first, second):
            wb.set_verdict(claim.id, "true", "checked")
        wb.set_setting("organisation", "Example Checks")
        wb.set_setting("base_url", "https://checks.example.org")
        reports = [wb.export(fmt, tmp_path / f"r.{fmt}") for fmt in report.FORMATS if fmt != "pdf"]
    assert any(FAKE_KEY in str(r["query"]) for r in replay.requests)  # it was sent ...
    monkeypatch.delenv("CLAIMCHECK_FACTCHECK_KEY")  # ... and the output is not scrubbed later
    scan = run_cli(
        "scan", "-", "--link", "--sources", "pack,factcheck", "--format", "json",
        stdin=TWO_CLAIMS.encode(),
        env={"CLAIMCHECK_FACTCHECK_KEY": FAKE_KEY, "CLAIMCHECK_FACTCHECK_URL": replay.url,
             "CLAIMCHECK_CACHE": str(tmp_path / "cli-cache")},
    )  # fmt: skip
    assert scan.returncode == 0, scan.stderr
    assert b"[redacted]" in scan.stdout and FAKE_KEY.encode() not in scan.stdout + scan.stderr
    with sqlite3.connect(cache) as db:
        assert db.execute("SELECT count(*) FROM responses").fetchone()[0] >= 1
    kept = [*tmp_path.rglob("*"), *reports]
    assert _grep(kept, FAKE_KEY.encode()) == []


# -- 15.8: reference packs ---------------------------------------------------------------------

SOURCE = {"type": "government", "title": "t", "publisher": "p", "url": "https://example.org/x",
          "date": "2018-03-14"}  # fmt: skip
PACK_RECORD = {
    "id": "exp-x", "type": "expulsion", "date": "2018-03-14", "actors": ["United Kingdom"],
    "targets": ["Russia"], "count": 23, "summary": "Britain expels 23 Russian diplomats.",
    "sources": [{"type": "government", "title": "t", "publisher": "p", "url": "https://example.org/x", "date": "2018-03-14"}],
}  # fmt: skip


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[1, 2]", "each line must be a JSON object"),
        ('"just text"', "each line must be a JSON object"),
        ("[" * 5000 + "]" * 5000, "nested too deeply"),
        (json.dumps(PACK_RECORD | {"sources": 5}), "sources: Input should be a valid list"),
        (json.dumps(PACK_RECORD | {"actors": [{}]}), "actors[0]: Input should be a valid string"),
        (json.dumps(PACK_RECORD | {"treaty": ["INF"]}), "treaty: Input should be a valid string"),
        (json.dumps(PACK_RECORD | {"place": {}}), "place: Input should be a valid string"),
        (json.dumps(PACK_RECORD | {"count": True}), "count: must be a whole number"),
        (json.dumps(PACK_RECORD | {"count": 10**40}), "digits is too long"),
        (json.dumps(PACK_RECORD | {"date": "0001-01-01"}), "outside 1000-2999"),
        (json.dumps(PACK_RECORD | {"sources": [SOURCE | {"url": "https://[2001:db8::1/x"}]}),
         "sources[0].url: not a valid URL"),
        (json.dumps(PACK_RECORD | {"sources": [SOURCE | {"url": "https://exa mple.org/"}]}),
         "sources[0].url: not a valid URL"),
    ],
)  # fmt: skip
def test_pack_validate_refuses_wrong_types_with_one_line_each(tmp_path, run_cli, line, message):
    pack = tmp_path / "mine.jsonl"
    pack.write_text(line + "\n")
    result = run_cli("pack", "validate", str(pack))
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert result.stderr.decode().count("\n") == 1
    assert message in result.stdout.decode(), result.stdout.decode()[:300]


def test_pack_files_that_are_not_utf8_text_get_one_line(tmp_path, run_cli):
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(json.dumps(PACK_RECORD | {"summary": "Expulsé"}, ensure_ascii=False)
                      .encode("latin-1"))  # fmt: skip
    result = run_cli("pack", "validate", str(latin))
    assert result.returncode == 2 and "is not UTF-8 text" in result.stderr.decode()
    assert result.stderr.decode().count("\n") == 1 and "\\x" not in result.stderr.decode()


def test_a_bad_record_is_skipped_when_linking_and_the_rest_is_used(tmp_path, run_cli):
    pack = tmp_path / "mine.jsonl"
    good = PACK_RECORD | {"id": "exp-mine", "summary": "My own record of the expulsion."}
    pack.write_text(
        json.dumps(PACK_RECORD | {"id": "bad", "actors": [{}]}) + "\n" + json.dumps(good) + "\n"
    )
    result = run_cli(
        "scan", "-", "--link", "--offline", "--pack", str(pack), "--published", "2018-03-20",
        "--format", "json", stdin=b"Britain expelled 23 Russian diplomats on 14 March 2018.",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (
        "skipped" in result.stderr.decode() and "mine.jsonl:1: actors[0]" in result.stderr.decode()
    )
    claims = json.loads(result.stdout)["claims"]
    assert any(e["snippet"] == good["summary"] for e in claims[0]["evidence"])


# -- 15.9 and 15.14: imports -------------------------------------------------------------------


@pytest.fixture
def exported(tmp_path):
    from claimcheck import report
    from claimcheck.workbench import Workbench

    path = tmp_path / "source.sqlite"
    with Workbench(path, reviewer="ana") as wb:
        first = wb.add_article("Britain expelled 23 Russian diplomats on 14 March 2018.")
        second = wb.add_article("Russia expelled 60 American diplomats on 29 March 2018.")
        for article in (first, second):
            claim = article.claims[0]
            wb.set_verdict(claim.id, "true", "checked")
            wb.add_evidence(claim.id, url="https://example.org/e", note="a note")
        data = json.loads(report.render(wb, "json"))
    return data


def _target_store(tmp_path):
    from claimcheck.workbench import Workbench

    wb = Workbench(tmp_path / "target.sqlite", reviewer="ana")
    article = wb.add_article("Britain expelled 23 Russian diplomats on 14 March 2018.")
    for n in range(30):  # ids beyond those of the export
        wb.add_evidence(article.claims[0].id, note=f"note {n}")
    wb.add_evidence(article.claims[0].id, url="https://example.org/mine", note="unrelated")
    return wb


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["articles"][0]["claims"][0].update(slots=[1, 2]), "slots: Input should be"),
        (lambda d: d["articles"][0]["claims"][0].update(start="0"), "start: Input should be"),
        (lambda d: d["articles"][0]["claims"][0].update(end=10**6), "beyond the end"),
        (lambda d: d["articles"][0]["claims"][0]["reviews"][0].update(label="maybe"),
         "verdicts the export's scale lacks"),
        (lambda d: d["articles"][1].update(id=d["articles"][0]["id"]), "appears twice"),
        (lambda d: d["settings"].update(base_url="javascript:alert(1)"), "must be http"),
        (lambda d: d.update(scale={"labels": []}), "scale.labels"),
    ],
)  # fmt: skip
def test_an_export_that_would_break_the_store_is_refused_whole(exported, tmp_path, change, message):
    from claimcheck import report
    from claimcheck.errors import StoreError

    change(exported)
    wb = _target_store(tmp_path)
    before = report.render(wb, "json").split('"exported_at"')[0]
    with pytest.raises(StoreError, match="nothing was imported") as failure:
        wb.load(exported)
    assert message in str(failure.value)
    assert report.render(wb, "json").split('"exported_at"')[0] == before
    for fmt in ("html", "md", "csv"):
        report.render(wb, fmt)  # every report of the store still works
    wb.close()


def test_imported_history_cannot_reach_evidence_outside_the_import(exported, tmp_path):
    from claimcheck.errors import StoreError

    first_claim = exported["articles"][0]["claims"][0]
    second_claim = exported["articles"][1]["claims"][0]
    row = next(h for h in exported["history"] if h["field"].startswith("evidence:")
               and h["claim_id"] == first_claim["id"])  # fmt: skip
    wb = _target_store(tmp_path)
    mine = wb.claims(1)[0].evidence[-1]
    mine_id = int(mine.record_id.split(":")[1])
    exported_ids = {
        e["id"] for a in exported["articles"] for c in a["claims"] for e in c["evidence"]
    }
    assert mine_id not in exported_ids
    crafted = [
        dict(row, field=f"evidence:{mine_id}"),  # the target store's own evidence
        dict(row, field=f"evidence:{second_claim['evidence'][-1]['id']}"),  # another claim's
        dict(row, claim_id=second_claim["id"]),  # a claim of another article
        dict(row, undoes=99999),  # a history row the export does not hold
    ]
    for bad in crafted:
        data = json.loads(json.dumps(exported))
        data["history"] = [bad if h["id"] == row["id"] else h for h in data["history"]]
        with pytest.raises(StoreError, match="history row"):
            wb.load(data)
    mapping = wb.load(exported)  # the genuine export goes in ...
    assert len(mapping) == 2
    wb.undo(reviewer="ana")  # ... and undo touches only what it imported
    assert wb.claims(1)[0].evidence[-1].url == mine.url == "https://example.org/mine"
    wb.close()


# -- 15.10 and 15.2: submissions ---------------------------------------------------------------


def test_one_hostile_submission_never_stops_the_grading(tmp_path, run_cli):
    from .conftest import FIXTURES

    ws = FIXTURES / "workshop"
    folder = tmp_path / "subs"
    folder.mkdir()
    for name in ("amira.json", "chen.json"):
        (folder / name).write_bytes((ws / "submissions" / name).read_bytes())
    good = json.loads((ws / "submissions" / "dana.json").read_text())
    hostile = {
        "list-verdict.json": {**good, "trainee": "L", "answers": [{**good["answers"][0],
                                                                   "verdict": ["true"]}]},
        "off-scale.json": {**good, "trainee": "O", "answers": [{**good["answers"][0],
                                                                "verdict": "=cmd|' /C calc'!A0"}]},
        "no-time.json": {**good, "trainee": "T", "submitted_at": "yesterday"},
        "trainee-list.json": {**good, "trainee": ["x"]},
    }  # fmt: skip
    for name, data in hostile.items():
        (folder / name).write_text(json.dumps(data))
    (folder / "infinity.json").write_text(
        json.dumps(good).replace('"start": ', '"start": Infinity, "x": ', 1)
    )
    (folder / "digits.json").write_text(
        json.dumps(good).replace('"start": ', '"start": ' + "9" * 5000 + ', "x": ', 1)
    )
    (folder / "deep.json").write_text(
        '{"format": "claimcheck-submission", "answers": ' + "[" * 100000 + "]" * 100000 + "}"
    )
    (folder / "=HYPERLINK(1).json").write_text(json.dumps({**good, "trainee": "=HYPERLINK(1)"}))
    result = run_cli("workshop", "grade", str(ws / "pack.json"), str(folder))
    assert result.returncode == 0, result.stderr
    err = result.stderr.decode()
    assert b"Traceback" not in result.stderr
    for name in (
        "list-verdict",
        "off-scale",
        "no-time",
        "trainee-list",
        "infinity",
        "digits",
        "deep",
    ):
        assert f"skipped {name}.json" in err, (name, err[-2000:])
    assert "not on the pack's scale" in err and "too long" in err and "nested too deeply" in err
    rows = list(csv.reader(io.StringIO(result.stdout.decode(), newline="")))
    graded = {row[0] for row in rows[1:]}
    assert graded == {"Amira Haddad", "Chen Wei", "'=HYPERLINK(1)"}  # neutralised
    assert any(row[9] == "'=HYPERLINK(1).json" for row in rows[1:])  # the file column too


# -- 15.13: workshop specs ---------------------------------------------------------------------


def test_duplicate_key_claim_ids_are_refused(tmp_path, run_cli):
    from claimcheck.workshop import WorkshopError

    from .conftest import FIXTURES

    spec = json.loads((FIXTURES / "workshop" / "spec.json").read_text())
    spec["key"][1]["id"] = spec["key"][0]["id"] = "k1"
    for article in spec["articles"]:
        if "file" in article:
            article["file"] = str(FIXTURES / "workshop" / article["file"])
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    result = run_cli("workshop", "pack", str(path), "-o", str(tmp_path))
    assert result.returncode == 2 and "two key claims have the same id" in result.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["spec.json"]
    pack = json.loads((FIXTURES / "workshop" / "pack.json").read_text())
    pack["key"][1]["id"] = pack["key"][0]["id"]
    with pytest.raises(WorkshopError, match="two key claims have the id"):
        ExercisePack.from_dict(pack)


# -- 15.3 and 15.7: input before spaCy and the date resolver -----------------------------------


def test_long_runs_of_punctuation_are_cut_for_spacy_at_the_same_offsets():
    from claimcheck.ingest import MAX_RUN, bound_runs
    from claimcheck.scan import scan_text

    text = "Britain expelled 23 Russian diplomats on 14 March 2018.\n" + "=" * 20_000 + "\n"
    bounded = bound_runs(text)
    assert len(bounded) == len(text) and bounded[:60] == text[:60]
    assert max(len(run) for run in bounded.split()) == MAX_RUN
    url = "https://example.org/" + "a" * 40
    assert bound_runs(f"see {url} now") == f"see {url} now"  # ordinary words and URLs stay
    scan = scan_text(text + "Moscow expelled 23 British diplomats on 17 March 2018.\n")
    claims = list(scan.claims)  # minutes without the cut; well under a second with it
    assert [c.slots.actor for c in claims] == ["Britain", "Moscow"]
    assert text[claims[0].start : claims[0].end] == claims[0].text


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "0999-12-31"])
def test_out_of_range_publication_dates_are_refused_or_ignored(run_cli, tmp_path, day):
    article = b"Britain expelled 23 Russian diplomats on Thursday."
    given = run_cli("scan", "-", "--published", day, stdin=article)
    assert given.returncode == 2 and b"Traceback" not in given.stderr
    assert given.stderr.decode() == (
        f"claimcheck: error: bad --published date: the year {int(day[:4])} is outside 1000-2999\n"
    )
    page = tmp_path / "page.html"
    page.write_text(
        f'<html><head><meta property="article:published_time" content="{day}T10:00:00Z">'
        f"</head><body><p>{article.decode()}</p></body></html>"
    )
    scanned = run_cli("scan", str(page), "--format", "json")
    assert scanned.returncode == 0, scanned.stderr
    payload = json.loads(scanned.stdout)
    assert payload["published"] is None and len(payload["claims"]) == 1
    assert any("ignored the publication date" in w for w in payload["warnings"])


def test_add_article_reads_html_strings_as_html_with_the_pages_date(tmp_path):
    from claimcheck.workbench import Workbench

    page = (
        "<!doctype html><html><head><title>Expulsions</title>"
        '<meta property="article:published_time" content="2018-03-30T09:00:00Z">'
        "<script>var x = 'Russia expelled 999 diplomats on Monday';</script></head><body>"
        "<p>Russia on Thursday ordered 60 American diplomats to leave the country.</p>"
        "</body></html>"
    )
    with Workbench(tmp_path / "s.sqlite") as wb:
        article = wb.add_article(page)
    assert article.source_format == "html" and article.published == "2018-03-30"
    assert article.title == "Expulsions" and "<p>" not in article.text and "999" not in article.text
    assert [c.slots.count for c in article.claims] == [60]
    assert article.claims[0].slots.date.start == "2018-03-29"


def test_a_lone_surrogate_is_repaired_where_it_is(tmp_path):
    from claimcheck.workbench import Workbench

    text = "Le Kremlin a expulsé 23 diplomates \ud800 britanniques. Britain expelled 23 Russian diplomats."
    with Workbench(tmp_path / "s.sqlite") as wb:
        article = wb.add_article(text, "2018-03-20")
    assert article.text == text.replace("\ud800", "\ufffd")  # not re-decoded as ISO-8859-10
    assert not any("not UTF-8" in w for w in article.warnings)


@pytest.mark.parametrize(
    "wrapper",
    [
        "<html><body><nav><a href='/'>Home</a>{article}</body></html>",  # <nav> left open
        "<html><body><form action='/x'><div>{article}</div></form></body></html>",  # a form page
        "<html><head><title>T</title><body>{article}</body></html>",  # </head> missing
        "<html><body><aside><p>Related</p></aside><main>{article}</main><footer>(c)</footer>",
    ],
)
def test_html_extraction_survives_unclosed_and_wrapping_elements(wrapper):
    from claimcheck.ingest import html_to_text

    article = (
        "<p>Britain expelled 23 Russian diplomats on 14 March 2018, after the nerve agent attack "
        "in Salisbury. Moscow answered three days later by expelling 23 British diplomats and "
        "closing the British Council.</p>"
    )
    text, _, _ = html_to_text(wrapper.format(article=article))
    assert "Britain expelled 23 Russian diplomats" in text and "closing the British Council" in text
    assert "Related" not in text and "(c)" not in text


def test_superscript_digits_reach_spacy_as_digits_and_stay_in_the_claim(run_cli, tmp_path):
    from claimcheck.ingest import fold_digits
    from claimcheck.workbench import Workbench

    assert fold_digits("²³ ① २३ 23") == "23 1 २३ 23"  # other scripts' decimals stay
    text = "Britain expelled ²³ Russian diplomats on 14 March 2018."
    result = run_cli("scan", "-", "--format", "json", stdin=text.encode())
    assert result.returncode == 0, result.stderr
    (claim,) = json.loads(result.stdout)["claims"]
    assert claim["text"] == text[claim["start"] : claim["end"]] and "²³" in claim["text"]
    assert claim["slots"]["count"] == 23
    with Workbench(tmp_path / "s.sqlite") as wb:
        stored = wb.add_article(text, "2018-03-20").claims[0]
    assert stored.text == claim["text"] and stored.slots.count == 23


def test_reading_a_pack_keeps_its_key_digest(tmp_path):
    from claimcheck.workshop.pack import KeyClaim, key_digest

    from .conftest import FIXTURES

    data = json.loads((FIXTURES / "workshop" / "pack.json").read_text())
    data["key"][0]["evidence"] = [
        {"source": "key", "title": "t", "url": "HTTPS://Example.ORG/a b", "snippet": ""}
    ]
    data["articles"][0]["url"] = "javascript:alert(1)"  # dropped: not part of the key
    data["key_digest"] = key_digest([KeyClaim.from_dict(k) for k in data["key"]])  # as written
    again = ExercisePack.from_dict(data)
    assert again.digest == data["key_digest"]
    assert again.key[0].evidence[0].url == "HTTPS://Example.ORG/a b"  # as written
    assert again.articles[0].url is None
