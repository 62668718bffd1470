"""OpenSanctions search against recorded shapes on a local server."""

from __future__ import annotations

import sqlite3

import claimcheck
from claimcheck.sources.http import make_session
from claimcheck.sources.sanctions import OpenSanctionsSource, named_people_and_companies

from ..replay_server import Reply

TEXT = "The US Treasury on Friday imposed sanctions on the aluminium magnate Oleg Deripaska."


def claim():
    return claimcheck.detect(TEXT, published="2018-04-07")[0]


def test_named_people_are_looked_up_with_the_key_in_a_header(replay, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_OPENSANCTIONS_KEY", "OS-SECRET")
    replay.route("/search/default", Reply(fixture="opensanctions/search_deripaska.json"))
    source = OpenSanctionsSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    (item,) = source.lookup(claim())
    assert item.title == "Oleg Deripaska" and item.date == "2018-04-06"
    assert item.url == "https://www.opensanctions.org/entities/NK-example-deripaska/"
    assert "sanction" in item.snippet and "us_ofac_sdn" in item.snippet
    request = replay.requests[0]
    assert request["query"]["q"] == ["Oleg Deripaska"]
    assert request["headers"]["Authorization"] == "ApiKey OS-SECRET"
    with sqlite3.connect(tmp_path / "c.sqlite") as db:
        assert "OS-SECRET" not in repr(db.execute("SELECT * FROM responses").fetchall())


def test_claims_without_names_send_nothing(replay, tmp_path):
    other = claimcheck.detect("The EU imposed sanctions on Russia on Monday.", "2022-03-01")[0]
    assert named_people_and_companies(other) == []
    source = OpenSanctionsSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    assert source.lookup(other) == [] and replay.requests == []


def test_a_rejected_key_is_reported_with_the_services_words(replay, tmp_path):
    replay.route("/search/default", Reply(401, fixture="opensanctions/unauthorized.json"))
    source = OpenSanctionsSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    result = source.search(claim())
    assert "HTTP 401 Invalid API key" in result.error


def test_the_key_stays_with_its_request(replay, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_OPENSANCTIONS_KEY", "OS-SECRET")
    replay.route("/search/default", Reply(fixture="opensanctions/search_deripaska.json"))
    shared = make_session(tmp_path / "c.sqlite")
    OpenSanctionsSource(replay.url, session=shared).lookup(claim())
    assert "Authorization" not in shared.headers
