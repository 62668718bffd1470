"""Earlier fact-checks and GDELT coverage against recorded shapes on a local server."""

from __future__ import annotations

import sqlite3

import claimcheck
from claimcheck.sources.http import make_session
from claimcheck.sources.news import FactCheckSource, GdeltSource

from ..replay_server import Reply

TEXT = "Russia on Thursday ordered 60 American diplomats to leave the country."


def claim():
    return claimcheck.detect(TEXT, published="2018-03-30")[0]


def test_earlier_fact_checks_with_a_key_from_the_environment(replay, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_FACTCHECK_KEY", "TOP-SECRET-KEY")
    replay.route("/v1alpha1/claims:search", Reply(fixture="factcheck/claims_expulsion.json"))
    source = FactCheckSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    evidence = source.lookup(claim())
    assert [e.url for e in evidence] == [
        "https://factdesk.example.org/checks/russia-60-diplomats",
        "https://checks.example.net/600",  # the javascript: link was dropped
    ]
    assert evidence[0].publisher == "Example Fact Desk" and evidence[0].date == "2018-03-30"
    assert evidence[0].snippet.startswith("Rated “True”")
    assert evidence[1].publisher == "checks.example.net"
    assert replay.requests[0]["query"]["key"] == ["TOP-SECRET-KEY"]
    with sqlite3.connect(tmp_path / "c.sqlite") as db:
        stored = repr(db.execute("SELECT * FROM responses").fetchall())
    assert "TOP-SECRET-KEY" not in stored


def test_without_a_key_the_source_says_how_to_get_one(replay, tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMCHECK_FACTCHECK_KEY", raising=False)
    source = FactCheckSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    result = source.search(claim())
    assert result.evidence == [] and "set CLAIMCHECK_FACTCHECK_KEY" in result.error
    assert replay.requests == []


def test_google_error_envelope_is_reported(replay, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_FACTCHECK_KEY", "bad")
    replay.route("/v1alpha1/claims:search", Reply(403, fixture="factcheck/permission_denied.json"))
    source = FactCheckSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    result = source.search(claim())
    assert "HTTP 403" in result.error and "PERMISSION_DENIED" in result.error


def test_gdelt_coverage_around_the_claims_date(replay, tmp_path):
    replay.route("/api/v2/doc/doc", Reply(fixture="gdelt/artlist.json"))
    source = GdeltSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    evidence = source.lookup(claim())
    assert [e.date for e in evidence] == ["2018-03-29", "2018-04-02"]
    assert evidence[0].score > evidence[1].score  # closer to the claim's date
    query = replay.requests[0]["query"]
    assert query["startdatetime"] == ["20180322000000"] and query["enddatetime"] == [
        "20180405235959"
    ]


def test_gdelt_empty_answer_has_no_articles_key(replay, tmp_path):
    replay.route("/api/v2/doc/doc", Reply(fixture="gdelt/empty.json"))
    source = GdeltSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    assert source.lookup(claim()) == []


def test_gdelt_errors_come_as_plain_text_with_200(replay, tmp_path):
    replay.route(
        "/api/v2/doc/doc",
        Reply(body="Please limit requests to one every 5 seconds.", content_type="text/html"),
    )
    source = GdeltSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    result = source.search(claim())
    assert "malformed JSON" in result.error and "one every 5 seconds" in result.error
