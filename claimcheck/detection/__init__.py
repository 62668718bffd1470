"""Claim detection: the spaCy pipeline and the functions users call.

``detect(text)`` returns the claims of one article. ``get_pipeline()`` gives the configured spaCy
pipeline for ``nlp.pipe`` over many documents; ``claims_of(doc)`` reads the claims back from a
processed Doc.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import DateError, InputError, ModelError
from ..ingest import CHUNK_CHARS, iter_chunks
from ..model import Claim
from ..validation.core import MAX_YEAR, MIN_YEAR, repair_text
from . import claims as _claims  # noqa: F401 - registers the factories
from . import linebreaks, mentions, splitter  # noqa: F401 - register the factories
from .claims import register_extensions
from .dates import DateResolver, find_dateline, parse_user_date
from .parallel import ClaimcheckEnglish

DEFAULT_THRESHOLD = 0.5

__all__ = [
    "DEFAULT_THRESHOLD",
    "claims_of",
    "detect",
    "detect_chunks",
    "detect_sentences",
    "get_pipeline",
    "make_doc",
    "resolve_published",
]


@lru_cache(maxsize=4)
def get_pipeline(
    model: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    patterns_dir: str | None = None,
    weights: str | None = None,
) -> Language:
    """The claimcheck pipeline on ``spacy.blank("en")``, or on a trained pipeline if ``model`` names one.

    ``model`` is an installed package name (``en_core_web_sm``) or a path to a saved pipeline. Its
    entities and dependency parse then improve the actor and target slots; the rules still run.
    """
    register_extensions()
    if model is None:
        nlp = ClaimcheckEnglish.from_config()  # spacy.blank("en"), with workers that send less
        # the sentencizer's rule and a start after every line break, in one pass
        nlp.add_pipe("claimcheck_sentences")
    else:
        try:
            nlp = spacy.load(model, exclude=["lemmatizer", "textcat", "textcat_multilabel"])
        except (OSError, ImportError, ValueError) as exc:
            reason = str(exc).splitlines()[0][:160]
            if "/" in model or "\\" in model or model.startswith("."):
                advice = "give the folder of a pipeline saved with nlp.to_disk()"
            else:
                advice = (
                    f"install it (python -m spacy download {model}) or give the path of a saved "
                    "pipeline"
                )
            raise ModelError(f"cannot load spaCy pipeline {model!r} ({reason}); {advice}") from None
        if not any(n in nlp.pipe_names for n in ("parser", "senter", "sentencizer")):
            nlp.add_pipe("sentencizer", first=True)
        nlp.add_pipe("claimcheck_linebreaks", first=True)
    without_whitespace_special_cases(nlp)
    nlp.add_pipe("claimcheck_mentions")
    nlp.add_pipe(
        "claimcheck_claims",
        config={"threshold": threshold, "patterns_dir": patterns_dir, "weights": weights},
    )
    return nlp


# The English tokenizer has special cases for a lone "\n", " " and "\t" that give the same
# token as without them, but after any special case spaCy stops caching the tokenization of
# words for the rest of the Doc. "\xa0" stays: its special case sets a NORM of its own.
WHITESPACE_SPECIAL_CASES = ("\n", " ", "\t")


def without_whitespace_special_cases(nlp: Language) -> None:
    """Drop the tokenizer's whitespace special cases: the same tokens, cached words."""
    rules = nlp.tokenizer.rules or {}
    if any(key in rules for key in WHITESPACE_SPECIAL_CASES):
        nlp.tokenizer.rules = {
            key: value for key, value in rules.items() if key not in WHITESPACE_SPECIAL_CASES
        }


def resolve_published(published: str | date | None, text: str = "") -> date | None:
    """The publication date: as given (YYYY-MM-DD or a date, in the years 1000-2999), else from
    a dateline in ``text``. Anything else is a DateError that says what to give."""
    if isinstance(published, datetime):
        published = published.date()  # a datetime is a date with a time of day
    if isinstance(published, date):
        if not MIN_YEAR <= published.year <= MAX_YEAR:
            raise DateError(
                f"published date {published.isoformat()} is outside the years {MIN_YEAR}-"
                f"{MAX_YEAR}: give the article's real publication date"
            )
        return published
    if published is not None and not isinstance(published, str):
        raise DateError(
            f"published must be a date or a YYYY-MM-DD string, not {type(published).__name__}"
        )
    if published:
        return resolve_published(parse_user_date(published, "published"), text)
    return find_dateline(text) if text else None


def article_text(text: object) -> str:
    """The text ``detect`` reads: a string, with lone surrogates repaired where they are; bytes
    and anything else are refused with what to do."""
    if isinstance(text, str):
        return repair_text(text) if _has_surrogate(text) else text
    if isinstance(text, bytes | bytearray):
        raise InputError(
            "detect() reads text, not bytes: decode it first, or pass the bytes to "
            "Workbench.add_article or `claimcheck scan`, which detect the encoding"
        )
    raise InputError(f"detect() reads an article's text as a string, not {type(text).__name__}")


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def make_doc(nlp: Language, text: str, published: str | date | None = None) -> Doc:
    """A Doc ready for ``nlp.pipe`` with its publication date attached, and its text (which
    spaCy would otherwise build again from the tokens, for detection and for each worker of
    ``nlp.pipe(n_process=k)``)."""
    doc = nlp.make_doc(text)
    doc._.claimcheck_text = text
    pub = resolve_published(published, text)
    doc._.claimcheck_published = pub.isoformat() if pub else None
    return doc


def claims_of(doc: Doc, include_all: bool = False, offset: int = 0) -> list[Claim]:
    """The claims the pipeline found in ``doc`` (every candidate with ``include_all``)."""
    rows = doc._.claimcheck_candidates if include_all else doc._.claimcheck_claims
    claims = []
    for row in rows or []:
        claim = Claim.from_dict(row)
        if offset:
            claim.start += offset
            claim.end += offset
            claim.id = ""
            claim.__post_init__()
        claims.append(claim)
    return claims


def detect_chunks(
    chunks: Iterable[tuple[int, str]],
    published: date | None,
    nlp: Language,
    include_all: bool = False,
) -> Iterator[Claim]:
    """Claims from consecutive chunks of one article; dates like "the following year" carry over."""
    resolver = DateResolver(published)

    def docs() -> Iterator[tuple[Doc, int]]:
        for offset, chunk in chunks:
            doc = nlp.make_doc(chunk)
            doc._.claimcheck_text = chunk
            doc._.claimcheck_date_context = resolver
            doc._.claimcheck_continuation = offset > 0
            yield doc, offset

    for doc, offset in nlp.pipe(docs(), as_tuples=True, batch_size=4):
        yield from claims_of(doc, include_all=include_all, offset=offset)


def detect(
    text: str,
    published: str | date | None = None,
    model: str | None = None,
    *,
    include_all: bool = False,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Claim]:
    """The checkable claims in ``text``, in reading order.

    ``published`` (YYYY-MM-DD or a date) anchors relative dates; when it is None a dateline near
    the top of the text is used if there is one. ``include_all`` returns every candidate with its
    score, including hedged, opinion and boilerplate ones that fall under ``threshold``.
    """
    from ..ingest import spacy_text
    from ..model import claim_id

    text = article_text(text)
    nlp = get_pipeline(model, threshold)
    pub = resolve_published(published, text)
    # spaCy sees long runs of punctuation cut and odd digits folded, at the same offsets; the
    # claims' words are then taken from the text as given
    clean = spacy_text(text)
    if len(clean) <= CHUNK_CHARS:  # one chunk: run the pipeline directly
        doc = make_doc(nlp, clean, pub)
        claims = claims_of(nlp(doc), include_all=include_all)
    else:
        claims = list(detect_chunks(iter_chunks(clean, CHUNK_CHARS), pub, nlp, include_all))
    if clean != text:
        for claim in claims:
            original = text[claim.start : claim.end]
            if original != claim.text and len(original) == len(claim.text):
                claim.text = original
                claim.id = claim_id(claim.type, claim.start, claim.end, original)
    claims.sort(key=lambda c: (c.start, c.end))
    return claims


def detect_sentences(
    text: str,
    published: str | date | None = None,
    model: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
):
    """Every sentence of ``text`` with its check-worthiness score and cues, in reading order
    (sort by ``score`` to rank a transcript). Long texts are scored chunk by chunk."""
    text = article_text(text)
    nlp = get_pipeline(model, threshold)
    pub = resolve_published(published, text)
    return list(sentences_of_chunks(iter_chunks(text, CHUNK_CHARS), pub, nlp, threshold))


def sentences_of_chunks(
    chunks: Iterable[tuple[int, str]],
    published: date | None,
    nlp: Language,
    threshold: float = DEFAULT_THRESHOLD,
):
    """Scored sentences from consecutive chunks of one text, offsets into the whole text."""
    from .worthiness import score_sentences

    resolver = DateResolver(published)
    for offset, chunk in chunks:
        doc = nlp.make_doc(chunk)
        doc._.claimcheck_text = chunk
        doc._.claimcheck_date_context = resolver
        doc._.claimcheck_continuation = offset > 0
        doc._.claimcheck_published = published.isoformat() if published else None
        doc = nlp(doc)
        for sentence in score_sentences(doc, threshold):
            sentence.start += offset
            sentence.end += offset
            yield sentence
