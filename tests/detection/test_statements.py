"""Claims that are not events: statistics, comparisons and records, stated positions."""

from __future__ import annotations

import pytest

import claimcheck
from claimcheck.detection.statements import parse_figure

PUB = "2023-03-10"


def one(text, claim_type):
    claims = [c for c in claimcheck.detect(text, published=PUB) if c.type == claim_type]
    assert len(claims) == 1, [(c.type, c.text) for c in claimcheck.detect(text, published=PUB)]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("7.4%", 7.4, "%"),
        ("55.3 per cent", 55.3, "%"),
        ("$3.2 billion", 3_200_000_000, "USD"),
        ("12 billion cubic metres", 12_000_000_000, "cubic metres"),
        ("1,550 warheads", 1550, "warheads"),
        ("200 basis points", 200, "basis points"),
    ],
)
def test_figures_are_read_with_their_unit(text, value, unit):
    assert parse_figure(text) == (value, unit)


def test_a_statistic_with_its_metric_change_previous_value_and_period():
    claim = one(
        "Gas exports dropped to 12 billion cubic metres last year from 19 billion.", "statistic"
    )
    slots = claim.slots
    assert (slots.metric, slots.value, slots.unit) == ("gas exports", 12e9, "cubic metres")
    assert (slots.change, slots.previous) == ("fall", 19e9)
    assert (slots.period.start, slots.period.end) == ("2022-01-01", "2022-12-31")
    assert claim.slots.count is None and claim.slots.status is None


def test_a_share_of_the_vote_is_a_statistic_inside_the_election_claim():
    claims = claimcheck.detect("Sandu won 55.3 percent of the vote in the runoff.", published=PUB)
    election, statistic = claims
    assert (election.type, statistic.type) == ("election", "statistic")
    assert election.start <= statistic.start and statistic.end <= election.end
    assert election.slots.count is None


def test_a_record_is_a_comparison_and_swallows_the_event_noun_it_names():
    claims = claimcheck.detect("It was the largest wave of expulsions since 1986.", published=PUB)
    assert [c.type for c in claims] == ["comparison"]
    slots = claims[0].slots
    assert (slots.superlative, slots.scope, slots.subject) == (
        "the largest",
        "since 1986",
        "wave of expulsions",
    )


def test_a_record_beside_an_event_verb_keeps_both():
    text = "Russia expelled 23 British diplomats, the largest number since 1985."
    types = [c.type for c in claimcheck.detect(text, published=PUB)]
    assert types == ["expulsion", "comparison"]


@pytest.mark.parametrize(
    ("text", "actor", "stance"),
    [
        ("The Kremlin has denied any involvement in the poisoning.", "Kremlin", "denied"),
        ("Tehran refuses to reopen the talks.", "Tehran", "refused"),
        ("Ankara ruled out a new military operation in the region.", "Ankara", "ruled_out"),
    ],
)
def test_positions_have_their_party_and_stance(text, actor, stance):
    claim = one(text, "position")
    assert (claim.slots.actor, claim.slots.stance) == (actor, stance)
    assert claim.slots.about


def test_denying_an_event_is_the_event_denied_not_a_position():
    claims = claimcheck.detect("Minsk denied sending troops into Ukraine.", published=PUB)
    assert [(c.type, c.slots.status) for c in claims] == [("military", "denied")]
