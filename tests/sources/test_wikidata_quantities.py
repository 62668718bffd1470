"""Statistics against Wikidata quantities: the figure as written and the statements read."""

from __future__ import annotations

import json

import pytest

from claimcheck.model import Claim, Slots
from claimcheck.sources.quantities import (
    metric_named,
    read_quantity,
    table,
    value_agrees,
    written_figure,
)

from ..replay_server import FIXTURES


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


def test_odd_statements_are_skipped():
    entity = json.loads((FIXTURES / "wikidata" / "entity_russia_odd.json").read_text())
    statements = entity["entities"]["Q159"]["claims"]["P1082"]
    population = next(m for m in table()["metrics"] if m.property == "P1082")
    usable = [read_quantity(s, population) is not None for s in statements]
    assert usable == [True] + [False] * (len(statements) - 1)
