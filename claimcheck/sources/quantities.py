"""Statistic claims against Wikidata quantities: which property, which statement, do they agree?

Pure functions over a claim and a Wikidata entity (the HTTP is in :mod:`.wiki`). The vocabulary
(metrics and their properties, units, qualifier words) is data, in
``sources/data/wikidata_quantities.json``.

How close is close enough comes from the figure as written, not from a fixed percentage: the
last digit it gives sets its step ("146.2 million" steps by 100,000, "85.5%" by 0.1 points,
"146 million" by a million, "150,000" by 10,000 since trailing zeros of a whole number are not
taken as significant). A figure agrees when it is Wikidata's value rounded or cut to that digit:
within half a step, or less than a step short of it (146,171,015 is "146.2 million" or "146.1
million", not "146.3 million" nor "146.0 million"). "About", "nearly" and the like allow a full
step either way; "more than" and "less than" only ask the value to be on their side. A change
("rose by 2%") is not a level and is not compared.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from typing import Any

from ..model import Claim, Evidence, Signal
from .pack import date_range, gap_days


@dataclass(frozen=True)
class Metric:
    property: str
    label: str
    unit: str  # what its values measure: count, %, currency, km2, years
    names: tuple[str, ...]


@dataclass(frozen=True)
class Quantity:
    """One usable statement: its amount, unit, point in time (with precision) and rank."""

    amount: Decimal
    unit: str
    when: str
    precision: str
    span: tuple[date, date]
    preferred: bool


@dataclass(frozen=True)
class Figure:
    """The claim's number as written: its text, the step of its last digit, the word before it."""

    text: str
    value: float
    step: float
    qualifier: str | None = None  # at_least, at_most, about, change
    qualifier_text: str = ""  # the words: "more than", "about"


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    """The vocabulary, read once from the package data."""
    text = (resources.files("claimcheck.sources") / "data" / "wikidata_quantities.json").read_text(
        encoding="utf-8"
    )
    data = json.loads(text)
    data["metrics"] = [
        Metric(m["property"], m["label"], m["unit"], tuple(m["names"])) for m in data["metrics"]
    ]
    data["by_name"] = {name: m for m in data["metrics"] for name in m.names}
    return data


# -- which metric, which country -----------------------------------------------------------


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Country names and demonyms (not capitals: "Moscow's population" is not Russia's)."""
    from ..detection.rules import load_actors  # detection is upstream of sources

    names: dict[str, str] = {}
    for actor in load_actors():
        if actor.get("kind") != "country":
            continue
        for word in (actor["name"], *actor.get("aliases", []), *actor.get("demonyms", [])):
            names.setdefault(word.lower(), actor["name"])
            if word.lower().startswith("the "):
                names.setdefault(word[4:].lower(), actor["name"])
    return names


def claim_country(claim: Claim) -> str | None:
    """The country a statistic is about: its place, else its actor, if either names one."""
    for text in (claim.slots.place, claim.slots.actor):
        if text:
            name = _countries().get(re.sub(r"['’]s$", "", text.strip()).lower())
            if name:
                return name
    return None


def metric_named(phrase: str | None, country: str | None = None) -> Metric | None:
    """The metric a phrase names ("annual inflation", "Turkey's jobless rate"), if any.

    The phrase must be one of the metric's names once words that do not change the series
    (and the country) are dropped: "food inflation" or "GDP growth" name nothing.
    """
    if not phrase:
        return None
    data = table()
    text = re.sub(r"['’]s\b", "", phrase.lower())
    text = " ".join(text.split())
    if text in data["by_name"]:
        return data["by_name"][text]
    countries = _countries()
    ignored = set(data["modifiers"])
    kept = [w for w in text.split() if w not in ignored and countries.get(w) is None]
    if country:
        kept = [w for w in kept if countries.get(w) != country]
    return data["by_name"].get(" ".join(kept))


def claim_metric(claim: Claim, country: str) -> Metric | None:
    """The metric of a statistic claim: from its ``metric`` slot, else from the noun phrase
    before "in <place>" ("Inflation in Turkey reached ...", where the slot holds the place)."""
    found = metric_named(claim.slots.metric, country)
    if found is not None or not claim.slots.place:
        return found
    from ..detection.statements import METRIC_STOP

    place = re.escape(claim.slots.place)
    match = re.search(rf"((?:[\w'’()-]+\s+){{1,5}})in\s+(?:the\s+)?{place}\b", claim.text)
    if not match:
        return None
    words = match.group(1).split()
    run: list[str] = []
    for word in reversed(words):  # the nouns right before "in": stop at "the", "of", a verb ...
        if word.lower() in METRIC_STOP:
            break
        run.insert(0, word)
    return metric_named(" ".join(run), country) or metric_named(" ".join([*run, "in"]), country)


# -- the figure as written -------------------------------------------------------------------


def _step(digits: str, scale: float) -> float:
    """The value of the last digit given: "146.2" million -> 100,000; "150,000" -> 10,000."""
    digits = digits.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".", 1)[1]) * scale
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == len(digits):  # "0"
        return scale
    return 10.0**zeros * scale


def _qualifier(before: str) -> tuple[str | None, str]:
    """The kind and words of the qualifier that ends ``before`` ("more than" -> at_least)."""
    tail = before.lower().rstrip()
    options = sorted(
        ((phrase, kind) for kind, phrases in table()["qualifiers"].items() for phrase in phrases),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    for phrase, kind in options:
        if re.search(rf"(?:^|[^\w]){re.escape(phrase)}$", tail):
            return kind, phrase
    return None, ""


def written_figure(claim: Claim) -> Figure | None:
    """The claim's value as its text writes it, for the tolerance and the wording."""
    from ..detection.statements import _SCALES, FIGURE, parse_figure

    value = claim.slots.value
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        return None
    for match in FIGURE.finditer(claim.text):
        parsed, unit = parse_figure(match.group(0))
        if parsed is None or not math.isclose(parsed, value, rel_tol=1e-9):
            continue
        scale = _SCALES.get((match.group("scale") or "").lower(), 1.0)
        text = match.group(0).strip()
        if match.group("unit") and unit not in table()["claim_units"]:  # "146.2 million people"
            text = claim.text[match.start() : match.start("unit")].strip()
        kind, words = _qualifier(claim.text[: match.start()])
        return Figure(text, float(value), _step(match.group("num"), scale), kind, words)
    digits = f"{value:f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    return Figure(_format_number(Decimal(str(value))), float(value), _step(digits, 1.0))


def value_agrees(figure: Figure, actual: float) -> bool:
    """Whether Wikidata's value is what the figure says, to the digits it gives (see above)."""
    if figure.qualifier == "at_least":
        return actual >= figure.value
    if figure.qualifier == "at_most":
        return actual <= figure.value
    step = figure.step * (1 + 1e-9)  # binary fractions: 0.1 is not quite 0.1
    diff = figure.value - actual
    if figure.qualifier == "about":
        return abs(diff) <= step
    rounded = abs(diff) <= step / 2
    cut = abs(diff) < step and abs(figure.value) <= abs(actual) and figure.value * actual >= 0
    return rounded or cut


# -- the statements --------------------------------------------------------------------------

_AMOUNT = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def _datavalue(snak: Any) -> Any:
    if not isinstance(snak, dict) or snak.get("snaktype", "value") != "value":
        return None
    datavalue = snak.get("datavalue")
    return datavalue.get("value") if isinstance(datavalue, dict) else None


def point_in_time(statement: dict[str, Any]) -> tuple[str, str, tuple[date, date]] | None:
    """The statement's P585 qualifier as (text, precision, span of days), if it has a valid one."""
    from .wiki import parse_wikidata_time

    qualifiers = statement.get("qualifiers")
    snaks = qualifiers.get("P585") if isinstance(qualifiers, dict) else None
    for snak in snaks if isinstance(snaks, list) else []:
        value = _datavalue(snak)
        if not isinstance(value, dict):
            continue
        try:
            parsed = parse_wikidata_time(value)
            if parsed:
                return parsed[0], parsed[1], date_range(parsed[0])
        except (TypeError, ValueError):  # month 13, year 0 or beyond 9999, a precision "x"
            continue
    return None


def read_quantity(statement: Any, metric: Metric) -> Quantity | None:
    """One statement as a Quantity, or None when it cannot be used: deprecated, no value, an
    amount that is not a number, a unit we do not know or that does not fit the metric, no
    point in time."""
    if not isinstance(statement, dict) or statement.get("rank") == "deprecated":
        return None
    value = _datavalue(statement.get("mainsnak"))
    if not isinstance(value, dict):
        return None
    amount = value.get("amount")
    if not isinstance(amount, str) or not _AMOUNT.match(amount):
        return None
    data = table()
    unit = data["units"].get(value.get("unit"))
    fits = unit in data["currencies"] if metric.unit == "currency" else unit == metric.unit
    if unit is None or not fits:
        return None
    when = point_in_time(statement)
    if when is None:
        return None
    try:
        number = Decimal(amount)
    except InvalidOperation:
        return None
    return Quantity(number, unit, when[0], when[1], when[2], statement.get("rank") == "preferred")


def quantities(entity: dict[str, Any], metric: Metric) -> list[Quantity]:
    """The usable statements of the metric's property on an entity."""
    claims = entity.get("claims")
    statements = claims.get(metric.property) if isinstance(claims, dict) else None
    if not isinstance(statements, list):
        return []
    return [q for q in (read_quantity(s, metric) for s in statements) if q is not None]


def is_country(entity: dict[str, Any]) -> bool:
    """Whether the item is an instance of country or sovereign state (P31)."""
    claims = entity.get("claims")
    statements = claims.get("P31") if isinstance(claims, dict) else None
    classes = set(table()["country_classes"])
    for statement in statements if isinstance(statements, list) else []:
        if not isinstance(statement, dict) or statement.get("rank") == "deprecated":
            continue
        value = _datavalue(statement.get("mainsnak"))
        if isinstance(value, dict) and value.get("id") in classes:
            return True
    return False


def units_fit(claim_unit: str | None, quantity: Quantity) -> bool:
    """Whether the claim's unit measures what Wikidata's does (no unit fits anything)."""
    if not claim_unit:
        return True
    kind = table()["claim_units"].get(claim_unit, "count")
    return kind == quantity.unit


def choose(
    found: list[Quantity], period: tuple[date, date] | None, published: date | None
) -> Quantity | None:
    """The statement to compare with: never one dated after publication; the one nearest the
    claim's period (within it before overlapping it, then preferred rank, then the most
    precise); without a period, the latest (preferred first among equals)."""
    usable = [q for q in found if published is None or q.span[0] <= published]
    if not usable:
        return None
    if period is None:
        return max(usable, key=lambda q: (q.span[0], q.preferred, -(q.span[1] - q.span[0]).days))

    def nearness(q: Quantity) -> tuple:
        within = period[0] <= q.span[0] and q.span[1] <= period[1]
        return (gap_days(period, q.span), not within, not q.preferred, q.span[1] - q.span[0])

    return min(usable, key=nearness)


# -- the evidence ----------------------------------------------------------------------------


def _format_number(number: Decimal) -> str:
    """Digits as Wikidata gives them, grouped by thousands: 146171015 -> 146,171,015."""
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    grouped = f"{int(whole):,}"
    return f"{sign}{grouped}.{fraction}" if fraction else f"{sign}{grouped}"


def format_quantity(quantity: Quantity) -> str:
    """146,171,015; 85.51%; 1,778,782,625,793 USD; 17,098,246 km2; 72.5 years."""
    number = _format_number(quantity.amount)
    if quantity.unit == "count":
        return number
    if quantity.unit == "%":
        return f"{number}%"
    return f"{number} {quantity.unit}"


def claim_period(claim: Claim) -> tuple[date, date] | None:
    value = claim.slots.period
    if value is None or not value.resolved:
        return None
    try:
        start = date.fromisoformat(value.start)
        return start, date.fromisoformat(value.end) if value.end else start
    except (TypeError, ValueError):
        return None


def quantity_evidence(
    claim: Claim,
    entity: dict[str, Any],
    qid: str,
    metric: Metric,
    published: date | None,
    country: str,
) -> Evidence | None:
    """Evidence for a statistic from one country item: the chosen statement, a ``value``
    signal (agrees or differs, both numbers in words) and a ``date`` signal when the claim
    gives a period. None when nothing can be compared."""
    figure = written_figure(claim)
    if figure is None or figure.qualifier == "change":
        return None
    found = [q for q in quantities(entity, metric) if units_fit(claim.slots.unit, q)]
    period = claim_period(claim)
    chosen = choose(found, period, published)
    if chosen is None:
        return None
    labels = entity.get("labels")
    english = labels.get("en") if isinstance(labels, dict) else None
    label = english.get("value") if isinstance(english, dict) else None
    label = label if isinstance(label, str) and label else country
    actual = float(chosen.amount)
    stated = format_quantity(chosen)
    said = f"{figure.qualifier_text} {figure.text}".strip()
    agrees = value_agrees(figure, actual)
    relative = (figure.value - actual) / abs(actual) if actual else figure.value - actual
    signals = [
        Signal(
            "value",
            "agrees" if agrees else "differs",
            f"the claim says {said}; Wikidata has {stated} for {chosen.when}"
            + (" (the same to the digits given)" if agrees and not figure.qualifier else ""),
            round(relative, 4),
        )
    ]
    score = 0.9 if agrees else 0.7
    if period is not None:
        within = period[0] <= chosen.span[0] and chosen.span[1] <= period[1]
        said_when = f"{claim.slots.period.text} ({period[0].isoformat()}..{period[1].isoformat()})"
        if within:
            signals.append(
                Signal("date", "agrees", f"Wikidata's value is for {chosen.when}: {said_when}", 0)
            )
        else:
            signals.append(
                Signal(
                    "date",
                    "differs",
                    f"the nearest value Wikidata has is for {chosen.when}, not {said_when}",
                    gap_days(period, chosen.span),
                )
            )
            score -= 0.15
    return Evidence(
        source="wikidata",
        title=f"{label} — {metric.label}",
        publisher="Wikidata",
        url=f"https://www.wikidata.org/wiki/{qid}#{metric.property}",
        date=chosen.when,
        snippet=f"{metric.label[0].upper()}{metric.label[1:]} of {label}: {stated} "
        f"(point in time {chosen.when}, {chosen.precision} precision)",
        score=round(score, 3),
        signals=signals,
    )
