"""Canonical names for the parties a claim mentions: "Washington" and "the Kremlin" are countries."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Claim
from .rules import load_actors


@lru_cache(maxsize=1)
def _alias_index() -> tuple[re.Pattern, dict[str, str]]:
    names: dict[str, str] = {}
    for actor in load_actors():
        for group in ("aliases", "demonyms", "metonyms"):
            for alias in actor.get(group, []):
                names.setdefault(alias, actor["name"])
                if alias.lower().startswith("the "):
                    names.setdefault(alias[4:], actor["name"])
    ordered = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in ordered) + r")(?![\w-])")
    return pattern, names


def canonical_parties(text: str | None) -> list[str]:
    """Canonical names of the countries, organisations and people named in ``text``, in order."""
    if not text:
        return []
    pattern, names = _alias_index()
    found: list[str] = []
    for match in pattern.finditer(text):
        name = names[match.group()]
        if name not in found:
            found.append(name)
    return found


def parties_of(claim: Claim) -> set[str]:
    """Everyone the claim names, from its actor and target slots and its text."""
    return {
        *canonical_parties(claim.slots.actor),
        *canonical_parties(claim.slots.target),
        *canonical_parties(claim.text),
    }


@lru_cache(maxsize=1)
def _affiliation_index() -> dict[str, str]:
    by_code = {a["code"]: a["name"] for a in load_actors() if a.get("kind") == "country"}
    return {a["name"]: by_code[a["country"]] for a in load_actors() if a.get("country") in by_code}


def affiliated(names: set[str] | list[str]) -> set[str]:
    """The names with the countries their people and institutions act for ("Obama" -> United States)."""
    index = _affiliation_index()
    return {*names, *(index[n] for n in names if n in index)}


def country_of(name: str) -> str:
    """The country a person or institution acts for, or the name itself."""
    return _affiliation_index().get(name, name)


def without_parties(text: str) -> str:
    """The text with every name of a country, organisation or person blanked out (matching
    compares the parties by their canonical names and the other words apart)."""
    pattern, _ = _alias_index()
    return pattern.sub(" ", text)


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    return frozenset(a["name"] for a in load_actors() if a.get("kind") == "country")


def state_of(text: str) -> str | None:
    """The country a mention stands for: a country, its capital or a person or institution
    acting for it ("Sandu" -> Moldova); None for blocs, parties and names the gazetteer does
    not know."""
    for name in canonical_parties(text):
        country = country_of(name)
        if country in _country_names():
            return country
    return None


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Cities and other places the gazetteer knows ("Yekaterinburg", "Isfahan"): they stand for
    their state where a party is wanted, and are compared as names elsewhere."""
    return frozenset(a["name"] for a in load_actors() if a.get("kind") == "city")


def is_place(text: str | None) -> bool:
    """Whether ``text`` names places only ("Yekaterinburg"), no country, body or person."""
    known = canonical_parties(text)
    return bool(known) and set(known) <= place_names()


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    return frozenset(d for a in load_actors() for d in a.get("demonyms", []))


def is_demonym(text: str) -> bool:
    """ "Americans", "Russian": a word for a country's people, which in "two Americans jailed"
    says who they are, not who acts."""
    return text in _demonyms()
