"""Loading the claim-type rules and gazetteers that ship as data files.

Each claim type is one JSONL file in ``claimcheck/detection/patterns/``: one ``{"meta": {...}}`` line
(type, description, colour, the nouns a count of this type counts) and SpanRuler-style pattern
lines ``{"label", "id", "pattern"}`` with optional ``kind`` ("verb" or "noun"), ``status`` and
``requires_near`` (words of which one must be within 12 tokens; ``"@TREATY"`` stands for any
treaty the gazetteer knows), ``excludes_near`` (words of which
none may be in the 2 tokens before or the 5 after: "expelled from the party"; matched as written,
so "forces" does not exclude "Conventional Armed Forces") ``head`` ("last" when only the last matched word is the trigger, so that a subject the
pattern needs does not become part of the trigger) and ``subject`` ("target" when the verb's subject undergoes the event, as in
"diplomats leave Berlin"). Pattern tokens may name base words with ``LEMMA``; they are expanded to every
word form when the file loads (see ``inflect.py``). Users add a type by adding a file, here or in a folder of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import PatternError
from ..jsonl import read_jsonl_objects
from .inflect import expand_exact, expand_pattern, expand_words

PATTERN_KEYS = {
    "label",
    "id",
    "pattern",
    "kind",
    "status",
    "requires_near",
    "excludes_near",
    "subject",
    "head",
}
META_KEYS = {"type", "description", "colour", "count_nouns", "fallback", "parties"}
PARTY_RULES = ("agent", "actor", "all", "state", "none")


@dataclass
class ClaimType:
    name: str
    description: str = ""
    colour: str = "#777777"
    count_nouns: list[str] = field(default_factory=list)
    fallback: bool = False
    # agent: who does it to whom; actor: who does it; all: everyone takes part; state: where
    parties: str = "agent"


@dataclass
class Rules:
    types: dict[str, ClaimType]
    patterns: list[dict[str, Any]]  # SpanRuler patterns: label, id, pattern
    extras: dict[str, dict[str, Any]]  # pattern id -> kind, status, requires_near


def _read_jsonl(text: str, source: str) -> list[tuple[int, dict[str, Any]]]:
    return read_jsonl_objects(text, source, PatternError)


def parse_rules_file(text: str, source: str) -> tuple[ClaimType, list[dict[str, Any]]]:
    """Validate one claim-type file; errors name the file and line and say what to fix."""
    rows = _read_jsonl(text, source)
    metas = [(n, r["meta"]) for n, r in rows if "meta" in r]
    if len(metas) != 1:
        raise PatternError(f'{source}: needs exactly one {{"meta": {{"type": ...}}}} line')
    meta_line, meta = metas[0]
    unknown = set(meta) - META_KEYS
    if unknown or not isinstance(meta.get("type"), str):
        raise PatternError(
            f"{source}:{meta_line}: meta needs a string 'type'"
            + (f"; unknown keys {sorted(unknown)}" if unknown else "")
        )
    claim_type = ClaimType(
        name=meta["type"],
        description=meta.get("description", ""),
        colour=meta.get("colour", "#777777"),
        count_nouns=list(meta.get("count_nouns", [])),
        fallback=bool(meta.get("fallback", False)),
        parties=meta.get("parties", "agent"),
    )
    if claim_type.parties not in PARTY_RULES:
        raise PatternError(f"{source}:{meta_line}: parties must be one of {', '.join(PARTY_RULES)}")
    patterns = []
    for lineno, row in rows:
        if "meta" in row:
            continue
        unknown = set(row) - PATTERN_KEYS
        if unknown:
            raise PatternError(f"{source}:{lineno}: unknown keys {sorted(unknown)}")
        if row.get("label") != claim_type.name:
            raise PatternError(
                f"{source}:{lineno}: label {row.get('label')!r} differs from the file's type "
                f"{claim_type.name!r}"
            )
        if not isinstance(row.get("pattern"), list | str) or not row.get("id"):
            raise PatternError(f"{source}:{lineno}: a pattern line needs 'id' and 'pattern'")
        if row.get("kind", "verb") not in ("verb", "noun"):
            raise PatternError(f"{source}:{lineno}: kind must be 'verb' or 'noun'")
        head = row.get("head", "span")
        if head not in ("span", "last") and not (isinstance(head, int) and head < 0):
            raise PatternError(
                f"{source}:{lineno}: head must be 'span' (the whole match is the trigger), "
                "'last' (only its last word: the verb after its subject) or a negative number "
                "(that word counted from the end: -2 for the word before the last)"
            )
        for key in ("requires_near", "excludes_near"):
            value = row.get(key, [])
            if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
                raise PatternError(f"{source}:{lineno}: {key} must be a list of words")
        if row.get("subject", "actor") not in ("actor", "target"):
            raise PatternError(
                f"{source}:{lineno}: subject must be 'actor' (who does it) or 'target' "
                '(who undergoes it: "diplomats leave")'
            )
        row = {
            **row,
            "pattern": expand_pattern(
                row["pattern"], row.get("kind", "verb"), f"{source}:{lineno}"
            ),
        }
        patterns.append(row)
    return claim_type, patterns


def _package_files() -> list[tuple[str, str]]:
    folder = resources.files("claimcheck.detection") / "patterns"
    return sorted(
        (f"claimcheck/detection/patterns/{p.name}", p.read_text(encoding="utf-8"))
        for p in folder.iterdir()
        if p.name.endswith(".jsonl")
    )


@lru_cache(maxsize=8)
def load_rules(extra_dir: str | None = None) -> Rules:
    """The bundled claim types, plus every ``*.jsonl`` in ``extra_dir`` when given."""
    files = _package_files()
    if extra_dir:
        folder = Path(extra_dir)
        if not folder.is_dir():
            raise PatternError(f"pattern folder {extra_dir!r} does not exist")
        files += sorted((str(p), p.read_text(encoding="utf-8")) for p in folder.glob("*.jsonl"))
    types: dict[str, ClaimType] = {}
    patterns: list[dict[str, Any]] = []
    extras: dict[str, dict[str, Any]] = {}
    for source, text in files:
        claim_type, rows = parse_rules_file(text, source)
        types[claim_type.name] = claim_type
        for row in rows:
            if row["id"] in extras:
                raise PatternError(f"{source}: pattern id {row['id']!r} is used twice")
            patterns.append({"label": row["label"], "id": row["id"], "pattern": row["pattern"]})
            extras[row["id"]] = {
                "kind": row.get("kind", "verb"),
                "status": row.get("status"),
                "requires_near": expand_words(
                    [w for w in row.get("requires_near", []) if w != "@TREATY"]
                ),
                "near_treaty": "@TREATY" in row.get("requires_near", []),
                "undergoer_subject": row.get("subject") == "target",
                "excludes_near": expand_exact(row.get("excludes_near", [])),
                "label": row["label"],
                "head_offset": -1 if row.get("head") == "last" else row.get("head"),
            }
    return Rules(types=types, patterns=patterns, extras=extras)


def _package_data(name: str) -> list[dict[str, Any]]:
    text = (resources.files("claimcheck.detection") / "data" / name).read_text(encoding="utf-8")
    return [row for _, row in _read_jsonl(text, f"claimcheck/detection/data/{name}")]


@lru_cache(maxsize=1)
def load_actors() -> list[dict[str, Any]]:
    """Countries (with demonyms and capitals used as metonyms), organisations and institutions."""
    return _package_data("actors.jsonl")


@lru_cache(maxsize=1)
def load_treaties() -> list[dict[str, Any]]:
    """Treaties and agreements with their canonical short names and the ways news names them."""
    return _package_data("treaties.jsonl")


def claim_types() -> dict[str, ClaimType]:
    """The claim types claimcheck knows, by name (the bundled ones)."""
    return load_rules().types
