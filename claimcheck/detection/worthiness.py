"""Check-worthiness of every sentence, with or without a typed claim.

A checker ranking a transcript needs a score for each sentence, not only for the claims the rules
type. Each sentence gets documented features, for and against:

- for: a typed claim in it (``claim``, ``claim_strong``), a figure with a unit (``figure``), any
  other number (``number``), a named party or person (``named``), a date (``date``), a
  comparative or superlative (``comparison``), a verb that reports a past fact (``past``), an
  attribution (``attribution``), quotation marks (``quoted``);
- against: a hedge (``hedge``), an opinion (``opinion``), a question (``question``), a speaker's
  own plan or promise (``plan``), rhetoric, greetings and stage directions (``rhetoric``), a
  moderator's turn (``moderator``), page furniture (``boilerplate``), a very short sentence
  (``short``).

The weights are a logistic regression fitted on annotated sentences
(``data/sentence_weights.json``, refitted by ``fixtures/fit_sentence_weights.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc

from . import text_rules as tr
from .dates import _DATE_RE
from .page import boilerplate_ranges, in_ranges
from .quotes import FIRST_PERSON_PLAN, PAST_MARK, speaker_turns
from .sentences import doc_text
from .weights import Weights, load_weights

FIGURE_WITH_UNIT = re.compile(
    r"(?i)(?:[$€£¥₽]\s?\d|\d(?:[.,]\d+)?\s?(?:%|per ?cent|percent|million|billion|trillion|"
    r"thousand|bn|tonnes|tons|barrels|km|kilomet|miles|people|jobs|votes|dollars|euros|"
    r"roubles|rubles|pounds|warheads|troops|soldiers|diplomats|years|points))"
)
NUMBER = re.compile(
    r"(?i)\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half|double|triple)\b"
)
COMPARISON = re.compile(
    r"(?i)\b(?:\w+est|most|least|first|only|record|more than|less than|fewer than|"
    r"higher than|lower than|twice|half as|times (?:more|as)|since \d{4}|ever|highest|lowest|"
    r"largest|biggest|smallest|worst|best)\b"
)
PERSON_OR_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}(?:\s[A-Z][a-z]+)*")
RHETORIC = re.compile(
    r"(?i)\b(?:thank you|thanks|good (?:morning|evening|afternoon|night)|ladies and gentlemen|"
    r"welcome|let me (?:be clear|say|tell you)|god bless|applause|laughter|crosstalk|inaudible|"
    r"my friends|folks|believe me|look,|well,|okay|ok)\b"
)
NOT_PAST = frozenset({"need", "speed", "indeed", "seed", "feed", "bed", "red", "shed", "hundred"})


@dataclass
class SentenceScore:
    """One sentence with its check-worthiness and the cues behind it."""

    start: int
    end: int
    text: str
    score: float
    cues: list[str] = field(default_factory=list)
    claims: int = 0  # typed claims at or above the threshold in the sentence
    speaker: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": self.score,
            "cues": list(self.cues),
            "claims": self.claims,
            "speaker": self.speaker,
        }


@lru_cache(maxsize=4)
def sentence_weights(path: str | None = None) -> Weights:
    if path is not None:
        return load_weights(path)
    return load_weights(_bundled_path())


def _bundled_path() -> str:
    from importlib import resources

    return str(resources.files("claimcheck.detection") / "data" / "sentence_weights.json")


def sentence_features(
    text: str,
    claim_scores: Sequence[float] = (),
    threshold: float = 0.5,
    moderator: bool = False,
    boilerplate: bool = False,
) -> list[str]:
    """The cues of one sentence (feature names ``s:<cue>``)."""
    body = text.strip()
    low = body.lower()
    tokens = re.findall(r"[\w'’%$€£-]+", low)
    cues: list[str] = []
    strong = [s for s in claim_scores if s >= threshold]
    if strong:
        cues.append("claim")
        if max(strong) >= 0.75:
            cues.append("claim_strong")
    elif claim_scores:
        cues.append("candidate")
    if FIGURE_WITH_UNIT.search(body):
        cues.append("figure")
    elif NUMBER.search(body):
        cues.append("number")
    if PERSON_OR_NAME.search(body):
        cues.append("named")
    if _DATE_RE.search(body):
        cues.append("date")
    if COMPARISON.search(body):
        cues.append("comparison")
    if any(t.endswith("ed") and t not in NOT_PAST and len(t) > 4 for t in tokens) or (
        PAST_MARK.search(body) and not FIRST_PERSON_PLAN.search(body)
    ):
        cues.append("past")
    if tr.ATTRIBUTION_HINT.search(body):
        cues.append("attribution")
    if re.search(r"[\"“”]", body):
        cues.append("quoted")
    if any(t in tr.HEDGE_WORDS for t in tokens if t != "may") or tr.HEDGE_PHRASES.search(body):
        cues.append("hedge")
    if any(t in tr.OPINION_WORDS for t in tokens) or tr.OPINION_PHRASES.search(body):
        cues.append("opinion")
    if body.endswith("?"):
        cues.append("question")
    if FIRST_PERSON_PLAN.search(body):
        cues.append("plan")
    if RHETORIC.search(body) or body.endswith("!") or body.startswith(("[", "(")):
        cues.append("rhetoric")
    if moderator:
        cues.append("moderator")
    if boilerplate:
        cues.append("boilerplate")
    if len(tokens) < 6:
        cues.append("short")
    return cues


def score_sentences(
    doc: Doc, threshold: float = 0.5, weights: Weights | None = None
) -> list[SentenceScore]:
    """Every sentence of a processed Doc, in reading order, with its score and cues."""
    weights = weights or sentence_weights()
    text = doc_text(doc)
    candidates = doc._.claimcheck_candidates or []
    turns = speaker_turns(text)
    furniture = boilerplate_ranges(text)
    labels = [(text.rfind("\n", 0, t.start) + 1, t.start) for t in turns]
    out = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        raw = text[start:end]
        if not raw.strip():
            continue
        if any(a <= start and end <= b + 1 for a, b in labels):
            continue  # "SEN." cut off from "SEN. HALE:" by the full stop: part of a label
        lead = len(raw) - len(raw.lstrip())
        start += lead
        end = start + len(raw.strip())
        turn = next((t for t in turns if t.start - 1 <= start < t.end + 1), None)
        if turn is None and turns:
            label = next((t for t in turns if start <= t.start <= end), None)
            if label is not None:  # the sentence holds the label "NAME:"; score its words
                start = label.start
                turn = label
        body = text[start:end]
        scores = [c["score"] for c in candidates if start <= c["start"] < end]
        cues = sentence_features(
            body,
            scores,
            threshold,
            moderator=bool(turn and turn.moderator),
            boilerplate=in_ranges(furniture, start, end),
        )
        value = weights.score(f"s:{c}" for c in cues)
        out.append(
            SentenceScore(
                start=start,
                end=end,
                text=body,
                score=round(value, 3),
                cues=cues,
                claims=sum(s >= threshold for s in scores),
                speaker=turn.speaker if turn else None,
            )
        )
    return out
