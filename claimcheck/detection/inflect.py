"""Rules are written with base words; they are matched as every form of those words.

A rule file says ``{"LEMMA": "expel"}`` or ``{"LEMMA": {"IN": ["expel", "oust"]}}`` (spaCy's own
Matcher attribute) and this module rewrites the token to ``{"LOWER": {"IN": ["expel", "expels",
"expelled", "expelling", "oust", ...]}}`` when the rules load. Matching then needs no lemmatizer
(``spacy.blank("en")`` has none) and stays a fast word-form lookup.

Forms come from lemminflect, an inflection library built for spaCy users from the SPECIALIST
lexicon: it knows irregular forms ("freeze" -> froze, frozen; "quit" -> quit; "leave" -> left)
and the spelling rules of regular ones ("expel" -> expelled). A token can say which inflections
it wants with ``"INFLECT": "verb" | "noun" | "adjective" | "all"``; otherwise a rule of kind
``verb`` takes verb forms and a rule of kind ``noun`` noun forms (singular and plural).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import PatternError

_UPOS = {
    "verb": ("VERB",),
    "noun": ("NOUN",),
    "adjective": ("ADJ",),
    "all": ("VERB", "NOUN", "ADJ"),
}


@lru_cache(maxsize=8192)
def forms(lemma: str, inflect: str = "verb") -> tuple[str, ...]:
    """Every lower-case form of ``lemma`` for the given part of speech, the lemma first."""
    from lemminflect import getAllInflections, getAllInflectionsOOV

    lemma = lemma.lower()
    if inflect not in _UPOS:
        raise PatternError(f"INFLECT must be one of {', '.join(_UPOS)}, not {inflect!r}")
    if "-" in lemma or not lemma.isalpha():
        # "re-elect", "de-ratify": inflect the last part, keep the rest
        head, sep, last = lemma.rpartition("-")
        if sep and last.isalpha():
            return tuple(dict.fromkeys(f"{head}-{f}" for f in forms(last, inflect)))
        return (lemma,)
    out: dict[str, None] = {lemma: None}
    for upos in _UPOS[inflect]:
        table = getAllInflections(lemma, upos=upos) or getAllInflectionsOOV(lemma, upos=upos)
        if upos == "VERB" and "VBD" in table and "VBN" not in table:
            table = {**table, "VBN": table["VBD"]}  # the library leaves some regular VBN out
        for tag in sorted(table):
            for form in table[tag]:
                out[form.lower()] = None
    return tuple(out)


@lru_cache(maxsize=4096)
def is_bare_verb(word: str) -> bool:
    """Whether ``word`` is a verb's base form ("withdraw", not "withdrew" or "withdraws")."""
    from lemminflect import getAllLemmas

    return word in getAllLemmas(word, upos="VERB").get("VERB", ())


def expand_pattern(pattern: Any, kind: str, where: str) -> Any:
    """The pattern with every ``LEMMA`` token rewritten to the word forms it stands for."""
    if not isinstance(pattern, list):
        return pattern
    out = []
    for position, token in enumerate(pattern):
        if not isinstance(token, dict) or ("LEMMA" not in token and "INFLECT" not in token):
            out.append(token)
            continue
        token = dict(token)
        inflect = token.pop("INFLECT", "noun" if kind == "noun" else "verb")
        spec = token.pop("LEMMA", None)
        if spec is None:
            raise PatternError(f"{where}: token {position} has INFLECT but no LEMMA")
        if isinstance(spec, str):
            lemmas = [spec]
        elif isinstance(spec, dict) and set(spec) == {"IN"} and isinstance(spec["IN"], list):
            lemmas = spec["IN"]
        else:
            raise PatternError(
                f'{where}: token {position}: LEMMA must be a word or {{"IN": [words]}}'
            )
        if not all(isinstance(w, str) and w.strip() and " " not in w.strip() for w in lemmas):
            raise PatternError(
                f"{where}: token {position}: each LEMMA is one word (write a phrase as "
                "several tokens)"
            )
        if "LOWER" in token or "ORTH" in token:
            raise PatternError(f"{where}: token {position} has both LEMMA and LOWER/ORTH")
        words = dict.fromkeys(f for w in lemmas for f in forms(w.strip(), inflect))
        token["LOWER"] = {"IN": list(words)}
        out.append(token)
    return out


def expand_words(words: list[str]) -> frozenset[str]:
    """Nouns given in the singular or plural, with both forms (for ``requires_near`` lists)."""
    return frozenset(f for w in words for f in forms(w.lower(), "noun"))


def expand_exact(words: list[str]) -> frozenset[str]:
    """Words matched as written: lower-case ones with their plural (they then never match a
    capitalised name: "forces" but not "Conventional Armed Forces"), others exactly."""
    out: set[str] = set()
    for w in words:
        out.update(forms(w, "noun") if w.islower() else (w,))
    return frozenset(out)
