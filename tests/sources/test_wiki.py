"""Wikipedia and Wikidata clients against recorded shapes on a local server."""

from __future__ import annotations

import socket

import claimcheck
from claimcheck.link import link
from claimcheck.sources.http import make_session
from claimcheck.sources.wiki import WikidataSource, WikipediaSource, parse_wikidata_time

from ..replay_server import Reply

CLAIM_TEXT = "The United States pulled out of the Treaty on Open Skies in November 2020."


def claim():
    return claimcheck.detect(CLAIM_TEXT, published="2021-01-16")[0]


def route_open_skies_pages(replay):
    """Wikipedia's search for the claim, the treaty's summary, and a second hit that is gone."""
    replay.route("/w/api.php", Reply(fixture="wikipedia/search_open_skies.json"))
    replay.route(
        "/api/rest_v1/page/summary/Treaty_on_Open_Skies",
        Reply(fixture="wikipedia/summary_treaty_on_open_skies.json"),
    )
    replay.route(
        "/api/rest_v1/page/summary/Open_skies", Reply(404, fixture="wikipedia/not_found.json")
    )


def test_wikipedia_search_and_summaries_become_evidence(replay, tmp_path):
    route_open_skies_pages(replay)
    source = WikipediaSource(
        replay.url, session=make_session(tmp_path / "c.sqlite"), sleep=lambda s: None
    )
    evidence = source.lookup(claim())
    assert [e.title for e in evidence] == ["Treaty on Open Skies", "Open skies"]
    assert evidence[0].url == "https://en.wikipedia.org/wiki/Treaty_on_Open_Skies"
    assert "withdrew in November 2020" in evidence[0].snippet
    assert evidence[1].snippet == "Open skies is an aviation policy"  # search snippet, tags gone
    query = replay.requests[0]["query"]["srsearch"][0]
    assert "Open Skies" in query and "United States" in query and "2020" in query


def test_hostile_remote_text_keeps_only_http_links(replay, tmp_path):
    replay.route("/w/api.php", Reply(fixture="wikipedia/search_open_skies.json"))
    replay.route(
        "/api/rest_v1/page/summary/Treaty_on_Open_Skies",
        Reply(fixture="wikipedia/summary_hostile.json"),
    )
    source = WikipediaSource(replay.url, session=make_session(tmp_path / "c.sqlite"), pages=1)
    (item,) = source.lookup(claim())
    assert not item.url.startswith("javascript:")
    assert item.url.startswith(replay.url)


def test_wikidata_dates_keep_their_precision_and_compare(replay, tmp_path):
    replay.route(
        "/w/api.php",
        Reply(fixture="wikidata/search_open_skies.json"),
        Reply(fixture="wikidata/entities_open_skies.json"),
    )
    source = WikidataSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    evidence = source.lookup(claim())
    by_title = {e.title: e for e in evidence}
    assert set(by_title) == {
        "Treaty on Open Skies",
        "United States withdrawal from the Treaty on Open Skies",
    }
    withdrawal = by_title["United States withdrawal from the Treaty on Open Skies"]
    assert withdrawal.date == "2020-11"  # precision 10: month; the deprecated 2019 is ignored
    assert [(s.kind, s.verdict) for s in withdrawal.signals] == [("date", "agrees")]
    assert by_title["Treaty on Open Skies"].signals[0].verdict == "differs"
    assert withdrawal.url == "https://www.wikidata.org/wiki/Q900002"


def test_wikidata_time_values():
    assert parse_wikidata_time({"time": "+2018-07-16T00:00:00Z", "precision": 11}) == (
        "2018-07-16",
        "day",
    )
    assert parse_wikidata_time({"time": "+2018-07-00T00:00:00Z", "precision": 11}) == (
        "2018-07",
        "month",
    )
    assert parse_wikidata_time({"time": "+2018-00-00T00:00:00Z", "precision": 9}) == (
        "2018",
        "year",
    )
    assert parse_wikidata_time({"time": "+1900-00-00T00:00:00Z", "precision": 7}) is None


def test_wikidata_error_with_200_fails_that_source_only(replay, tmp_path):
    replay.route(
        "/w/api.php",
        Reply(fixture="wikidata/search_open_skies.json"),
        Reply(fixture="wikidata/no_such_entity.json"),
    )
    wikidata = WikidataSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    (linked,) = link([claim()], sources=["pack", wikidata], published="2021-01-16")
    assert linked.evidence[0].source == "pack"
    assert (
        "wikidata: SourceError: error sent with HTTP 200: no-such-entity"
        in linked.suggestion.reason
    )


def test_online_sources_join_the_pack_in_link(replay, tmp_path):
    replay.route(
        "/w/api.php",
        Reply(fixture="wikidata/search_open_skies.json"),
        Reply(fixture="wikidata/entities_open_skies.json"),
    )
    wikidata = WikidataSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    (linked,) = link([claim()], sources=["pack", wikidata], published="2021-01-16")
    sources = {e.source for e in linked.evidence}
    assert sources == {"pack", "wikidata"}
    assert linked.evidence[0].record_id == "treaty-2020-11-22-us-openskies-exit"


def test_warm_the_cache_then_link_offline_from_it(run_cli, replay, tmp_path):
    replay.route(
        "/w/api.php?action=wbsearchentities", Reply(fixture="wikidata/search_open_skies.json")
    )
    replay.route(
        "/w/api.php?action=wbgetentities", Reply(fixture="wikidata/entities_open_skies.json")
    )
    article = tmp_path / "article.txt"
    article.write_text(CLAIM_TEXT)
    env = {
        "CLAIMCHECK_WIKIDATA_URL": replay.url,
        "CLAIMCHECK_CACHE": str(tmp_path / "cache.sqlite"),
    }
    warm = run_cli(
        "cache", "warm", str(article), "--sources", "wikidata", "--published", "2021-01-16", env=env
    )
    assert warm.returncode == 0, warm.stderr
    assert b"wikidata: evidence for 1 claim lookups, 0 failed" in warm.stdout
    asked = len(replay.requests)
    replay.stop()
    offline = run_cli(
        "scan",
        str(article),
        "--published",
        "2021-01-16",
        "--link",
        "--sources",
        "pack,wikidata",
        "--offline",
        "--format",
        "json",
        env=env,
    )
    assert offline.returncode == 0, offline.stderr
    import json

    (linked,) = json.loads(offline.stdout)["claims"]
    assert {e["source"] for e in linked["evidence"]} == {"pack", "wikidata"}
    assert len(replay.requests) == asked


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_warming_fails_when_every_lookup_failed_and_not_when_some_did(run_cli, replay, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(CLAIM_TEXT)
    warm = ("cache", "warm", str(article), "--published", "2021-01-16")
    env = {
        "CLAIMCHECK_WIKIPEDIA_URL": f"http://127.0.0.1:{closed_port()}",
        "CLAIMCHECK_CACHE": str(tmp_path / "cache.sqlite"),
    }
    nothing = run_cli(*warm, "--sources", "wikipedia", env=env)
    assert nothing.returncode == 1
    assert nothing.stdout.decode().startswith(
        "wikipedia: evidence for 0 claim lookups, 1 failed (first failure: SourceError: gave up "
        "after 4 attempts: cannot connect (ConnectionError))\n1 claim(s) looked up; cache: "
    )
    assert nothing.stderr.decode() == (
        "claimcheck: error: every lookup failed (first failure: wikipedia: SourceError: gave up "
        "after 4 attempts: cannot connect (ConnectionError)): check the connection and the "
        "sources' URLs, then warm the cache again\n"
    )
    replay.route(  # Wikidata answers; Wikipedia's search has no route there (HTTP 404)
        "/w/api.php?action=wbsearchentities", Reply(fixture="wikidata/search_open_skies.json")
    )
    replay.route(
        "/w/api.php?action=wbgetentities", Reply(fixture="wikidata/entities_open_skies.json")
    )
    env |= {"CLAIMCHECK_WIKIPEDIA_URL": replay.url, "CLAIMCHECK_WIKIDATA_URL": replay.url}
    some = run_cli(*warm, "--sources", "wikipedia,wikidata", env=env)
    assert some.returncode == 0, some.stderr
    lines = some.stdout.decode().splitlines()
    assert lines[0].startswith("wikipedia: evidence for 0 claim lookups, 1 failed (first failure")
    assert lines[1] == "wikidata: evidence for 1 claim lookups, 0 failed"
    assert some.stderr == b""


def test_offline_with_an_empty_cache_sends_nothing(run_cli, replay, tmp_path):
    replay.route("/w/api.php", Reply(fixture="wikidata/search_open_skies.json"))
    env = {
        "CLAIMCHECK_WIKIDATA_URL": replay.url,
        "CLAIMCHECK_CACHE": str(tmp_path / "empty.sqlite"),
    }
    result = run_cli(
        "scan",
        "-",
        "--published",
        "2021-01-16",
        "--link",
        "--sources",
        "pack,wikidata",
        "--offline",
        "--format",
        "json",
        stdin=CLAIM_TEXT.encode(),
        env=env,
    )
    assert result.returncode == 0, result.stderr
    import json

    (linked,) = json.loads(result.stdout)["claims"]
    assert "wikidata: SourceError: offline and not in the cache" in linked["suggestion"]["reason"]
    assert replay.requests == []


def test_wikidata_empty_answers(replay, tmp_path):
    replay.route("/w/api.php?action=wbsearchentities", Reply(body='{"search": [], "success": 1}'))
    source = WikidataSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    assert source.lookup(claim()) == []
    replay.route(
        "/w/api.php?action=wbsearchentities", Reply(fixture="wikidata/search_open_skies.json")
    )
    replay.route("/w/api.php?action=wbgetentities", Reply(fixture="wikidata/empty.json"))
    other = WikidataSource(replay.url, session=make_session(tmp_path / "d.sqlite"))
    assert other.lookup(claim()) == []  # {"entities": {}}: nothing to show, no error


def test_online_evidence_says_when_it_was_fetched_and_the_cache_keeps_that_time(replay, tmp_path):
    import time
    from datetime import datetime, timezone

    from claimcheck.fragments import evidence_html
    from claimcheck.model import Evidence

    route_open_skies_pages(replay)
    cache = tmp_path / "c.sqlite"
    before = datetime.now(timezone.utc).isoformat(timespec="seconds")
    online = WikipediaSource(replay.url, session=make_session(cache), sleep=lambda s: None)
    first = online.search(claim()).evidence
    assert first and all(e.fetched and e.fetched >= before for e in first)
    time.sleep(1.1)
    offline = WikipediaSource(replay.url, session=make_session(cache, offline=True))
    again = offline.search(claim()).evidence
    # the cache's time (stored a moment after the first answer came), not now
    for old, new in zip(first, again, strict=True):
        gap = datetime.fromisoformat(new.fetched) - datetime.fromisoformat(old.fetched)
        assert abs(gap.total_seconds()) < 0.5
    assert Evidence.from_dict(again[0].to_dict()).fetched == again[0].fetched
    assert f"fetched {first[0].fetched[:10]}" in evidence_html(again)
    (linked,) = link([claim()], sources=["pack", offline], published="2021-01-16")
    assert all(e.fetched for e in linked.evidence if e.source == "wikipedia")
    assert all(e.fetched is None for e in linked.evidence if e.source == "pack")
