"""The shared HTTP layer against a real local server: cache, retries, faults, offline."""

from __future__ import annotations

import sqlite3

import pytest

from claimcheck.sources.http import HttpClient, SourceError, make_session

from ..replay_server import Reply

SEARCH = "/w/api.php"


def client_for(replay, tmp_path, offline=False, **kwargs):
    waits: list[float] = []
    session = make_session(tmp_path / "cache.sqlite", offline=offline)
    client = HttpClient(replay.url, session=session, sleep=waits.append, **kwargs)
    return client, waits


def test_answers_are_cached_and_served_with_the_server_gone(replay, tmp_path):
    replay.route(SEARCH, Reply(fixture="wikipedia/search_open_skies.json"))
    client, _ = client_for(replay, tmp_path)
    first = client.get_json(SEARCH, {"srsearch": "Open Skies"})
    assert first["query"]["search"][0]["title"] == "Treaty on Open Skies"
    assert replay.requests[0]["headers"]["User-Agent"].startswith("claimcheck/")
    replay.stop()
    again, _ = client_for(replay, tmp_path)  # a new session on the same cache file
    assert again.get_json(SEARCH, {"srsearch": "Open Skies"}) == first


def test_offline_never_opens_a_connection(replay, tmp_path):
    replay.route(SEARCH, Reply(fixture="wikipedia/search_open_skies.json"))
    client, _ = client_for(replay, tmp_path, offline=True)
    with pytest.raises(SourceError, match="offline and not in the cache"):
        client.get_json(SEARCH, {"srsearch": "Open Skies"})
    assert replay.requests == []


def test_429_waits_as_long_as_retry_after_says(replay, tmp_path):
    replay.route(
        SEARCH,
        Reply(429, body='{"error": "slow down"}', headers={"Retry-After": "7"}),
        Reply(fixture="wikipedia/search_open_skies.json"),
    )
    client, waits = client_for(replay, tmp_path)
    assert client.get_json(SEARCH, {"q": "x"})["query"]["searchinfo"]["totalhits"] == 2
    assert waits == [7.0] and replay.hits(SEARCH) == 2


def test_a_retry_after_beyond_the_limit_gives_up_at_once(replay, tmp_path):
    replay.route(SEARCH, Reply(429, body="{}", headers={"Retry-After": "3600"}))
    client, waits = client_for(replay, tmp_path, max_wait=60)
    with pytest.raises(SourceError, match="HTTP 429: asked to wait 3600 s"):
        client.get_json(SEARCH, {"q": "x"})
    assert waits == [] and replay.hits(SEARCH) == 1


def test_5xx_is_retried_with_backoff_then_reported(replay, tmp_path):
    replay.route(SEARCH, Reply(503, body="{}"), Reply(502, body="{}"), Reply(500, body="{}"))
    client, waits = client_for(replay, tmp_path, retries=2, backoff=0.5)
    with pytest.raises(SourceError, match="gave up after 3 attempts: HTTP 500"):
        client.get_json(SEARCH, {"q": "x"})
    assert waits == [0.5, 1.0] and replay.hits(SEARCH) == 3


def test_timeouts_are_retried_then_reported(replay, tmp_path):
    replay.route(SEARCH, Reply(fixture="wikipedia/search_open_skies.json", delay=1.0))
    client, waits = client_for(replay, tmp_path, retries=1, timeout=(1.0, 0.2))
    with pytest.raises(SourceError, match=r"timed out after 0\.2 s"):
        client.get_json(SEARCH, {"q": "x"})
    assert waits == [0.5]


def test_malformed_json_is_reported(replay, tmp_path):
    replay.route(SEARCH, Reply(body='{"query": {"search": [', content_type="application/json"))
    client, _ = client_for(replay, tmp_path)
    with pytest.raises(SourceError, match="malformed JSON"):
        client.get_json(SEARCH, {"q": "x"})


def test_errors_sent_with_200_are_detected_and_never_cached(replay, tmp_path):
    replay.route(
        SEARCH,
        Reply(fixture="wikipedia/error_200.json", headers={"MediaWiki-API-Error": "badvalue"}),
        Reply(fixture="wikipedia/search_open_skies.json"),
    )
    client, _ = client_for(replay, tmp_path)
    with pytest.raises(SourceError, match="error sent with HTTP 200: badvalue"):
        client.get_json(SEARCH, {"q": "x"})
    assert client.get_json(SEARCH, {"q": "x"})["query"]["searchinfo"]["totalhits"] == 2
    assert replay.hits(SEARCH) == 2  # the error was not served from the cache


def test_maxlag_is_retried_after_the_wait_it_asks_for(replay, tmp_path):
    replay.route(
        SEARCH,
        Reply(fixture="wikipedia/maxlag.json", headers={"Retry-After": "5"}),
        Reply(fixture="wikipedia/search_open_skies.json"),
    )
    client, waits = client_for(replay, tmp_path)
    assert client.get_json(SEARCH, {"q": "x"})["batchcomplete"] is True
    assert waits == [5.0]


def test_html_error_pages_sent_with_200_are_refused(replay, tmp_path):
    replay.route(SEARCH, Reply(body="<html>Rate limit exceeded</html>", content_type="text/html"))
    client, _ = client_for(replay, tmp_path)
    with pytest.raises(SourceError, match="malformed JSON"):
        client.get_json(SEARCH, {"q": "x"})


def test_404_problem_json_is_described(replay, tmp_path):
    replay.route("/api/rest_v1/page/summary/X", Reply(404, fixture="wikipedia/not_found.json"))
    client, _ = client_for(replay, tmp_path)
    with pytest.raises(SourceError, match="HTTP 404 Page or revision not found"):
        client.get_json("/api/rest_v1/page/summary/X")


def test_api_keys_never_reach_the_cache_file(replay, tmp_path):
    replay.route("/v1alpha1/claims:search", Reply(body='{"claims": []}'))
    client, _ = client_for(replay, tmp_path)
    client.get_json("/v1alpha1/claims:search", {"query": "x", "key": "SECRET-KEY-123"})
    assert replay.requests[0]["query"]["key"] == ["SECRET-KEY-123"]  # the service got it
    with sqlite3.connect(tmp_path / "cache.sqlite") as db:
        rows = db.execute("SELECT * FROM responses").fetchall()
    assert rows and b"SECRET-KEY-123" not in repr(rows).encode()
