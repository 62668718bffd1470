"""Hostile input, one attack per test: paths from ids, secrets in what is kept, imports that
reach beyond themselves, submissions that try to stop the grading."""

from __future__ import annotations

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
