"""Statistics against Wikidata quantities, replayed from recorded shapes on a local server."""

from __future__ import annotations

import json

import pytest

import claimcheck
from claimcheck.link import link
from claimcheck.model import Claim, Slots
from claimcheck.sources.http import make_session
from claimcheck.sources.quantities import (
    metric_named,
    read_quantity,
    table,
    value_agrees,
    written_figure,
)
from claimcheck.sources.wiki import WikidataSource

from ..replay_server import FIXTURES, Reply

PUBLISHED = "2022-11-10"
SEARCH = "/w/api.php?action=wbsearchentities"
ENTITIES = "/w/api.php?action=wbgetentities"


def statistic(text: str, published: str = PUBLISHED):
    (claim,) = [c for c in claimcheck.detect(text, published=published) if c.type == "statistic"]
    return claim


def wikidata(replay, tmp_path, searches, entities, **client) -> WikidataSource:
    """A source on the replay server answering these searches and entities, in order."""
    replay.route(SEARCH, *[Reply(fixture=f"wikidata/{name}") for name in searches])
    replay.route(ENTITIES, *[Reply(fixture=f"wikidata/{name}") for name in entities])
    return WikidataSource(replay.url, session=make_session(tmp_path / "c.sqlite"), **client)


def russia(replay, tmp_path, entity="entity_russia.json", **client) -> WikidataSource:
    return wikidata(replay, tmp_path, ["search_russia.json"], [entity], **client)


def signals(evidence):
    return {s.kind: s for s in evidence.signals}


def test_a_rounded_figure_agrees_with_the_exact_population(replay, tmp_path):
    claim = statistic("Russia's population fell to 146.2 million people in 2021, officials said.")
    (item,) = russia(replay, tmp_path).lookup(claim, PUBLISHED)
    assert item.title == "Russia — population"
    assert item.url == "https://www.wikidata.org/wiki/Q159#P1082"
    assert item.date == "2021-01-01"
    assert "146,171,015" in item.snippet and "2021-01-01" in item.snippet
    value, when = signals(item)["value"], signals(item)["date"]
    assert value.verdict == "agrees"
    assert "146.2 million" in value.detail and "146,171,015" in value.detail
    assert when.verdict == "agrees"
    assert item.score >= 0.8
    search, entity = replay.requests
    assert search["query"]["search"] == ["Russia"]
    assert entity["query"]["ids"] == ["Q159"] and "claims" in entity["query"]["props"][0]


@pytest.mark.parametrize(
    ("figure", "verdict"),
    [
        ("146.2 million", "agrees"),  # rounded
        ("146.1 million", "agrees"),  # cut
        ("146 million", "agrees"),  # a million is its step
        ("146.0 million", "differs"),  # the written zero claims a tenth
        ("146.3 million", "differs"),
        ("147 million", "differs"),
        ("about 147 million", "agrees"),
        ("more than 146 million", "agrees"),
        ("more than 147 million", "differs"),
        ("less than 150 million", "agrees"),
    ],
)
def test_the_tolerance_comes_from_the_digits_written(replay, tmp_path, figure, verdict):
    claim = statistic(f"Russia's population stood at {figure} people in 2021, officials said.")
    (item,) = russia(replay, tmp_path).lookup(claim, PUBLISHED)
    assert item.date == "2021-01-01"
    assert signals(item)["value"].verdict == verdict


@pytest.mark.parametrize(
    ("phrase", "prop"),
    [
        ("population", "P1082"),
        ("inhabitants", "P1082"),
        ("Russian population", "P1082"),
        ("annual inflation", "P1279"),
        ("consumer prices", "P1279"),
        ("Turkey's jobless rate", "P1198"),
        ("the unemployment rate", "P1198"),
        ("gdp", "P2131"),
        ("GDP per capita", "P2132"),
        ("total fertility rate", "P4841"),
        ("life expectancy", "P2250"),
        ("food inflation", None),  # other series keep their qualifying word and match nothing
        ("GDP growth", None),
        ("youth unemployment", None),
        ("birth rate", None),
        ("Turkey", None),
    ],
)
def test_metrics_map_onto_properties(phrase, prop):
    found = metric_named(phrase)
    assert (found.property if found else None) == prop


@pytest.mark.parametrize(
    ("text", "value", "step", "qualifier", "actual", "agrees"),
    [
        ("146,171,015 people", 146171015, 1, None, 146171015, True),
        ("146,171,000 people", 146171000, 1000, None, 146171015, True),
        ("146,170,000 people", 146170000, 10000, None, 146171015, True),
        ("146,180,000 people", 146180000, 10000, None, 146171015, False),
        ("nearly 150 million", 150000000, 1e7, "about", 146171015, True),
        ("just over 146 million", 146000000, 1e6, "about", 146171015, True),
        ("over 146 million", 146000000, 1e6, "at_least", 145900000, False),
        ("7.40%", 7.4, 0.01, None, 7.4, True),
        ("7.40%", 7.4, 0.01, None, 7.42, False),
        ("$1.8 trillion", 1.8e12, 1e11, None, 1778782625793, True),
    ],
)
def test_written_figures_and_their_steps(text, value, step, qualifier, actual, agrees):
    claim = Claim("statistic", f"The figure was {text}.", 0, 10, slots=Slots(value=value))
    figure = written_figure(claim)
    assert figure.step == pytest.approx(step) and figure.qualifier == qualifier
    assert value_agrees(figure, actual) is agrees


@pytest.mark.parametrize(
    ("figure", "suggested"), [("140.2 million", "misleading"), ("120 million", "false")]
)
def test_a_differing_population_is_misleading_or_false(replay, tmp_path, figure, suggested):
    claim = statistic(f"Russia's population fell to {figure} people in 2021, officials said.")
    source = russia(replay, tmp_path)
    (linked,) = link([claim], sources=["pack", source], published=PUBLISHED)
    best = linked.evidence[0]
    assert best.source == "wikidata"
    value = signals(best)["value"]
    assert value.verdict == "differs"
    assert figure in value.detail and "146,171,015" in value.detail
    assert linked.suggestion.verdict == suggested
    assert linked.suggestion.reason == value.detail


def test_a_percentage_compares_with_the_month_it_is_for(replay, tmp_path):
    source = wikidata(replay, tmp_path, ["search_turkey.json"], ["entity_turkey.json"])
    claim = statistic("Turkey's annual inflation reached 85.5 per cent in October.")
    (linked,) = link([claim], sources=["pack", source], published=PUBLISHED)
    (item,) = linked.evidence
    assert item.url == "https://www.wikidata.org/wiki/Q43#P1279"
    assert item.date == "2022-10"  # the month, not the year 2022 that also covers October
    value = signals(item)["value"]
    assert (
        value.verdict == "agrees" and "85.5 per cent" in value.detail and "85.51%" in value.detail
    )
    assert linked.suggestion.verdict == "true"


@pytest.mark.parametrize(("figure", "suggested"), [("85.3", "misleading"), ("58.5", "false")])
def test_a_percentage_that_differs(replay, tmp_path, figure, suggested):
    source = wikidata(replay, tmp_path, ["search_turkey.json"], ["entity_turkey.json"])
    claim = statistic(f"Turkey's annual inflation reached {figure} per cent in October.")
    (linked,) = link([claim], sources=["pack", source], published=PUBLISHED)
    assert signals(linked.evidence[0])["value"].verdict == "differs"
    assert linked.suggestion.verdict == suggested


def test_synonyms_and_a_metric_before_in_place(replay, tmp_path):
    replay.route(SEARCH, Reply(fixture="wikidata/search_turkey.json"))
    replay.route(ENTITIES, Reply(fixture="wikidata/entity_turkey.json"))
    source = WikidataSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    jobless = source.lookup(statistic("Turkey's jobless rate was 12 per cent in 2021."), PUBLISHED)
    assert [(e.url, e.date) for e in jobless] == [
        ("https://www.wikidata.org/wiki/Q43#P1198", "2021")
    ]
    claim = statistic("Inflation in Turkey reached 85.5 per cent in October.")
    assert claim.slots.metric == "inflation"
    (item,) = source.lookup(claim, PUBLISHED)
    assert item.url.endswith("#P1279") and signals(item)["value"].verdict == "agrees"
    # a metric slot that holds the place (a trained pipeline's reading, a hand correction):
    # the words before "in Turkey" still name the measure
    claim.slots.metric = "turkey"
    (again,) = source.lookup(claim, PUBLISHED)
    assert again.url.endswith("#P1279")


@pytest.mark.parametrize(
    "text",
    [
        "Food inflation in Turkey reached 99 per cent in October.",  # another series
        "Turkey's GDP growth slowed to 3.9% in the third quarter.",
        "Moscow's population rose to 13 million in 2021.",  # a city, not Russia
    ],
)
def test_nothing_is_asked_for_what_no_property_measures(replay, tmp_path, text):
    source = russia(replay, tmp_path)
    assert source.lookup(statistic(text), PUBLISHED) == []
    assert replay.requests == []


def test_the_nearest_period_is_chosen(replay, tmp_path):
    claim = statistic("Russia's population rose to 146.7 million people in 2019, officials said.")
    (linked,) = link([claim], sources=["pack", russia(replay, tmp_path)], published=PUBLISHED)
    item = linked.evidence[0]
    assert item.date == "2020-01-01"  # a day after 2019; 2021 and 2010 are further
    when = signals(item)["date"]
    assert when.verdict == "differs" and when.delta == 1
    assert "the nearest value Wikidata has is for 2020-01-01" in when.detail
    assert signals(item)["value"].verdict == "agrees"
    assert linked.suggestion.verdict == "mostly_true"


def test_a_deprecated_statement_is_skipped(replay, tmp_path):
    # Wikidata's deprecated 151,000,000 for 2019-06-01 would agree on both value and date
    claim = statistic("Russia's population rose to 151 million people in 2019, officials said.")
    (linked,) = link([claim], sources=["pack", russia(replay, tmp_path)], published=PUBLISHED)
    item = linked.evidence[0]
    assert item.date == "2020-01-01"
    assert signals(item)["value"].verdict == "differs"
    # a different value for another period says nothing about this one
    assert linked.suggestion.verdict == "unverifiable"
    assert "no reference value for the claim's period" in linked.suggestion.reason
    assert "official series" in linked.suggestion.reason


@pytest.mark.parametrize(
    ("published", "expected"), [(PUBLISHED, "2021-01-01"), ("2023-06-01", "2023-01-01")]
)
def test_without_a_period_the_latest_before_publication(replay, tmp_path, published, expected):
    claim = statistic("Russia has a population of more than 146 million.", published)
    assert claim.slots.period is None
    (item,) = russia(replay, tmp_path).lookup(claim, published)
    assert item.date == expected  # the preferred 2023-01-01 is after an article of 2022
    assert "date" not in signals(item)


def test_odd_statements_are_skipped_and_never_raise(replay, tmp_path):
    entity = json.loads((FIXTURES / "wikidata" / "entity_russia_odd.json").read_text())
    statements = entity["entities"]["Q159"]["claims"]["P1082"]
    population = next(m for m in table()["metrics"] if m.property == "P1082")
    usable = [read_quantity(s, population) is not None for s in statements]
    assert usable == [True] + [False] * (len(statements) - 1)
    claim = statistic("Russia has a population of more than 146 million.")
    (item,) = russia(replay, tmp_path, entity="entity_russia_odd.json").lookup(claim, PUBLISHED)
    assert item.date == "2021-01-01"  # every odd statement is dated later, or not at all


def test_a_country_without_the_property_gives_no_evidence(replay, tmp_path):
    claim = statistic("Russia's unemployment rate fell to 3.9 per cent in 2022.")
    source = russia(replay, tmp_path)
    (linked,) = link([claim], sources=["pack", source], published=PUBLISHED)
    assert linked.evidence == []
    assert linked.suggestion.verdict == "unverifiable"
    assert "official series" in linked.suggestion.reason
    assert replay.hits("/w/api.php") == 2  # it did look


def test_a_namesake_is_passed_over_for_the_country(replay, tmp_path):
    source = wikidata(
        replay,
        tmp_path,
        ["search_georgia.json"],
        ["entity_georgia_state.json", "entity_georgia.json"],
    )
    claim = statistic("Georgia's population fell to 3.7 million in 2021, Geostat said.")
    (item,) = source.lookup(claim, PUBLISHED)
    assert item.url == "https://www.wikidata.org/wiki/Q230#P1082"  # not the US state Q1428
    assert signals(item)["value"].verdict == "agrees"
    asked = [r["query"].get("ids", [""])[0] for r in replay.requests]
    assert asked == ["", "Q1428", "Q230"]


def test_statistics_link_end_to_end(replay, tmp_path):
    text = (
        "Russia's population fell to 146.2 million people in 2021, the statistics office said. "
        "Inflation in Turkey reached 85.5 per cent in October."
    )
    source = wikidata(
        replay,
        tmp_path,
        ["search_russia.json", "search_turkey.json"],
        ["entity_russia.json", "entity_turkey.json"],
    )
    claims = link(
        claimcheck.detect(text, published=PUBLISHED),
        sources=["pack", source],
        published=PUBLISHED,
    )
    stats = [c for c in claims if c.type == "statistic"]
    assert len(stats) == 2
    for claim in stats:
        assert claim.suggestion.verdict == "true", claim.suggestion.reason
        assert claim.evidence[0].source == "wikidata"
    assert [c.evidence[0].title for c in stats] == [
        "Russia — population",
        "Turkey — inflation rate",
    ]


def test_an_event_claims_wikidata_evidence_is_unchanged(replay, tmp_path):
    replay.route(
        "/w/api.php",
        Reply(fixture="wikidata/search_open_skies.json"),
        Reply(fixture="wikidata/entities_open_skies.json"),
    )
    source = WikidataSource(replay.url, session=make_session(tmp_path / "c.sqlite"))
    (event,) = claimcheck.detect(
        "The United States pulled out of the Treaty on Open Skies in November 2020.",
        published="2021-01-16",
    )
    found = [e.to_dict() for e in source.lookup(event, "2021-01-16")]
    assert found == [
        {
            "source": "wikidata",
            "title": "Treaty on Open Skies",
            "publisher": "Wikidata",
            "url": "https://www.wikidata.org/wiki/Q900001",
            "date": "1992-03-24",
            "snippet": "arms control agreement",
            "score": 0.5,
            "signals": [
                {
                    "kind": "date",
                    "verdict": "differs",
                    "detail": "Wikidata dates it 1992-03-24 (day), 10449 day(s) apart",
                    "delta": 10449,
                }
            ],
            "record_id": None,
        },
        {
            "source": "wikidata",
            "title": "United States withdrawal from the Treaty on Open Skies",
            "publisher": "Wikidata",
            "url": "https://www.wikidata.org/wiki/Q900002",
            "date": "2020-11",
            "snippet": "2020 withdrawal",
            "score": 0.633,
            "signals": [
                {
                    "kind": "date",
                    "verdict": "agrees",
                    "detail": "Wikidata dates it 2020-11 (month)",
                    "delta": 0,
                }
            ],
            "record_id": None,
        },
    ]
    search, entities = (r["query"] for r in replay.requests)
    assert search["search"] == ["Open Skies United States withdrawal treaty 2020"]
    assert search["limit"] == ["5"]
    assert entities["ids"] == ["Q900001|Q900002|Q404"]
    assert entities["props"] == ["labels|descriptions|claims"]


def test_the_statistic_path_goes_through_the_client(replay, tmp_path):
    waits: list[float] = []
    replay.route(SEARCH, Reply(fixture="wikidata/search_russia.json"))
    replay.route(
        ENTITIES,
        Reply(429, body="{}", headers={"Retry-After": "2"}),
        Reply(fixture="wikidata/entity_russia.json"),
    )
    source = WikidataSource(
        replay.url, session=make_session(tmp_path / "c.sqlite"), sleep=waits.append
    )
    claim = statistic("Russia's population fell to 146.2 million people in 2021, officials said.")
    (item,) = source.lookup(claim, PUBLISHED)
    assert item.date == "2021-01-01" and waits == [2.0]


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(fixture="wikidata/no_such_entity.json"), "error sent with HTTP 200: no-such-entity"),
        (Reply(body='{"entities": {"Q159": '), "malformed JSON from the service"),
        (Reply(503, body="{}"), "gave up after 2 attempts: HTTP 503"),
    ],
)
def test_faults_fail_the_source_not_the_link(replay, tmp_path, reply, message):
    replay.route(SEARCH, Reply(fixture="wikidata/search_russia.json"))
    replay.route(ENTITIES, reply)
    source = WikidataSource(
        replay.url, session=make_session(tmp_path / "c.sqlite"), retries=1, sleep=lambda s: None
    )
    claim = statistic("Russia's population fell to 146.2 million people in 2021, officials said.")
    (linked,) = link([claim], sources=["pack", source], published=PUBLISHED)
    assert linked.suggestion.verdict == "unverifiable"
    assert f"wikidata: SourceError: {message}" in linked.suggestion.reason


def test_scan_links_a_statistic_to_wikidata_from_the_command_line(run_cli, replay, tmp_path):
    replay.route(SEARCH, Reply(fixture="wikidata/search_russia.json"))
    replay.route(ENTITIES, Reply(fixture="wikidata/entity_russia.json"))
    env = {
        "CLAIMCHECK_WIKIDATA_URL": replay.url,
        "CLAIMCHECK_CACHE": str(tmp_path / "cache.sqlite"),
    }
    result = run_cli(
        "scan",
        "-",
        "--published",
        PUBLISHED,
        "--link",
        "--sources",
        "pack,wikidata",
        "--format",
        "json",
        stdin=b"Russia's population fell to 146.2 million people in 2021, officials said.",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    (claim,) = json.loads(result.stdout)["claims"]
    assert claim["type"] == "statistic"
    assert claim["suggestion"]["verdict"] == "true"
    best = claim["evidence"][0]
    assert best["url"] == "https://www.wikidata.org/wiki/Q159#P1082"
    assert [s["kind"] for s in best["signals"]] == ["value", "date"]
    assert replay.hits("/w/api.php") == 2
