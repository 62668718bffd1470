"""``claimcheck_mentions``: countries, organisations, people's offices and treaties by name.

Spans go to ``doc.spans["claimcheck_mentions"]``; the label is the kind of party and the
``kb_id_`` its canonical name, so later stages compare parties, not spellings. A bare "Council"
after the Council of the EU or the Security Council has been named is a COREF span whose
canonical name is that body.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .rules import load_actors, load_treaties

MENTIONS_KEY = "claimcheck_mentions"
MODEL_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


TREATY_HEADS = ("Treaty", "Agreement", "Accord", "Convention", "Pact", "Initiative", "Protocol")


def treaty_variants(aliases: list[str], acronyms: list[str]) -> list[str]:
    """A treaty's names with the acronym in brackets, as news writes them: "Conventional Armed
    Forces in Europe (CFE) Treaty", "Treaty on Conventional Armed Forces in Europe (CFE)"."""
    out = list(aliases)
    for alias in aliases:
        for acronym in acronyms:
            out += [f"{alias} ({acronym})", f"{alias} ({acronym} Treaty)"]
            for head in TREATY_HEADS:
                if alias.lower().endswith(" " + head.lower()):
                    body = alias[: -len(head)].rstrip()
                    out.append(f"{body} ({acronym}) {alias[-len(head) :]}")
    return list(dict.fromkeys(out))


class Mentions:
    """Marks countries, demonyms, capitals used as metonyms, organisations and treaties.

    Spans go to ``doc.spans["claimcheck_mentions"]`` with the kind as label (COUNTRY, DEMONYM,
    METONYM, ORG, INSTITUTION, TREATY, or a trained model's entity label) and the canonical name as
    ``kb_id_``.
    """

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        make = nlp.make_doc
        for actor in load_actors():
            kind = actor.get("kind", "org").upper()
            for group, label in (
                ("aliases", kind),
                ("demonyms", "DEMONYM"),
                ("metonyms", "METONYM"),
            ):
                names = list(actor.get(group, []))
                # "the bloc" is also written "The bloc" at the start of a sentence
                names += [n[0].upper() + n[1:] for n in names if n.startswith("the ")]
                if names:
                    self.exact.add(f"{label}|{actor['name']}", [make(n) for n in names])
        # regions whose names hold a country's demonym: "Latin American states" names no
        # American party; matched so that the longer name wins, then dropped
        self.regions = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.regions.add("REGION", [make(n) for n in REGIONS])
        for treaty in load_treaties():
            key = f"TREATY|{treaty['id']}"
            if treaty.get("aliases"):
                variants = treaty_variants(treaty["aliases"], treaty.get("acronyms", []))
                self.folded.add(key, [make(a) for a in variants])
            if treaty.get("acronyms"):
                self.exact.add(key, [make(a) for a in treaty["acronyms"]])

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        spans = []
        for match_id, start, end in [*self.exact(doc), *self.folded(doc)]:
            label, canonical = strings[match_id].split("|", 1)
            spans.append(Span(doc, start, end, label=label, kb_id=canonical))
        for ent in doc.ents:
            if ent.label_ in MODEL_ENTITY_LABELS:
                spans.append(Span(doc, ent.start, ent.end, label=ent.label_, kb_id=ent.text))
        for _, start, end in self.regions(doc):
            spans.append(Span(doc, start, end, label="REGION"))
        kept = [s for s in filter_spans(spans) if s.label_ != "REGION"]
        doc.spans[MENTIONS_KEY] = kept + _the_council(doc, kept)
        return doc


def _the_council(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "The Council today adopted ...": in a text that has named the Council of the EU or the
    UN Security Council, a bare "Council" is the one named last before it."""
    councils = sorted(
        (s.start, s.kb_id_)
        for s in spans
        if "Council" in s.text and s.kb_id_ in ("European Union", "UN Security Council")
    )
    if not councils:
        return []
    covered = {i for s in spans for i in range(s.start, s.end)}
    out = []
    for token in doc:
        if token.text != "Council" or token.i in covered:
            continue
        before = doc[token.i - 1] if token.i else None
        if not (
            before is None
            or before.lower_ == "the"
            or before.is_space
            or before.is_punct
            or token.is_sent_start
        ):
            continue  # "the Foreign Affairs Council": another body
        named = [kb for start, kb in councils if start < token.i]
        if named:
            # COREF: a short name for a body named before; parties read its canonical name
            out.append(Span(doc, token.i, token.i + 1, label="COREF", kb_id=named[-1]))
    return out


REGIONS = [
    f"{part} {name}"
    for part in ("Latin", "South", "Central", "North")
    for name in ("America", "American", "Americans")
]


@Language.factory("claimcheck_mentions", assigns=["doc.spans"])
def make_mentions(nlp: Language, name: str) -> Mentions:
    return Mentions(nlp, name)
