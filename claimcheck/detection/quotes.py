"""Quoted claims and speaker turns.

A ``quote`` claim is a factual statement someone is reported to have made, in quotation marks or
in reported speech ("the ministry said the convoy carried only food"), when what is said is not
already an event, statistic, comparison or position claim. An opinion, a fear, a promise or a
prediction in quotes stays what it is and is not a claim.

Transcripts (one speaker turn per line, "SPEAKER: what they said") are read as such: the speaker
is the attribution of what the turn claims, and a moderator's or questioner's turn holds no claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import text_rules as tr
from .text_rules import words

# Letters of any script: "KOVAČ:", "ØVERGAARD:", "Šimečka:" are speakers as much as "SMITH:".
# The regex finds the label's shape; is_speaker_label() checks its case.
_L = r"[^\W\d_]"
TURN = re.compile(
    r"(?m)^[ \t]*(?P<speaker>(?:(?:MR|MRS|MS|DR|SEN|REP|GEN|AMB|PRES|GOV|SEC)\.?\s)?"
    rf"{_L}[^\W\d_.'’-]*(?:[.'’-]{_L}*)*(?:\s{_L}[^\W\d_.'’-]*(?:[.'’-]{_L}*)*){{0,3}})"
    r"(?:\s\([^)\n]{1,40}\))?[ \t]*:[ \t]+(?=\S)"
)
TITLE_WORD = re.compile(r"[^\W\d_][^\W\d_'’-]*")


def is_speaker_label(label: str) -> bool:
    """A label in capitals ("SMITH", "MR. KOVAČ", "Q") or a name of one to three capitalised
    words ("Anchor", "Lena Kovač"); not a phrase that happens to end in a colon."""
    if label == label.upper():
        return len(label) == 1 or len(label.replace(".", "").replace(" ", "")) >= 2
    words_ = label.split()
    return len(words_) <= 3 and all(
        w[0].isupper() and w[1:] == w[1:].lower() and TITLE_WORD.fullmatch(w) for w in words_
    )


MODERATORS = words(
    "moderator host interviewer anchor presenter q question questioner reporter journalist "
    "audience chair chairman chairwoman speaker co-host unidentified"
)
NOT_SPEAKERS = words(
    "note update updated editor's photo image source read more related tags topics warning "
    "breaking watch listen caption credit transcript published posted"
)


@dataclass
class Turn:
    start: int  # the turn's text, after the label
    end: int
    speaker: str
    moderator: bool


def speaker_turns(text: str) -> list[Turn]:
    """The turns of a transcript, or [] when the text does not read as one (fewer than three
    labelled lines, or labels on under a third of the non-empty lines)."""
    found = []
    for m in TURN.finditer(text):
        speaker = m.group("speaker").strip()
        if not is_speaker_label(speaker):
            continue
        if speaker.lower().rstrip(".") in NOT_SPEAKERS or len(speaker) > 40:
            continue
        line_end = text.find("\n", m.end())
        found.append((m.start(), m.end(), line_end if line_end != -1 else len(text), speaker))
    lines = [line for line in text.splitlines() if line.strip()]
    if len(found) < 3 or len(found) * 3 < len(lines):
        return []
    turns = []
    for i, (_, begin, end, speaker) in enumerate(found):
        # a turn runs on over unlabelled lines up to the next label
        if i + 1 < len(found):
            end = max(end, found[i + 1][0] - 1)
        first_word = speaker.split()[0].lower().rstrip(".")
        moderator = first_word in MODERATORS or speaker.lower() in MODERATORS
        turns.append(Turn(begin, end, speaker, moderator))
    return turns


QUOTE_SPAN = re.compile(r"[\"“](?P<body>[^\"“”]{20,600})[\"”]")
_SAY = (
    r"(?:said|says|say|told(?: \w+){0,2}|tells \w+|stated|states|added|adds|claimed|claims|"
    r"alleged|alleges|insisted|insists|acknowledged|acknowledges|admitted|admits|confirmed|"
    r"confirms|reported|reports|wrote|writes|noted|notes|explained|explains|announced|"
    r"announces|concluded|concludes|assessed|found|finds|showed|shows|estimated|estimates|"
    r"argued|argues|maintained|maintains|stressed|stresses|recalled|recalls|described|"
    r"describes|accused \w+ of|accuses \w+ of|testified|disclosed|revealed|reveals)"
)
_WHO = r"(?P<who>(?:[A-Z][\w.'’-]*|the|a|an|its|his|her|their|he|she|they|it|we|officials?|police|prosecutors?|investigators?|experts?|analysts?)(?:[ ,][\w.'’()-]+){0,7}?)"
SAY_BEFORE = re.compile(
    rf"(?:^|[,;]\s|^\W*){_WHO}\s+{_SAY}(?:\s+(?:on|in|last|earlier|late|this|at)\s+\w+(?:\s\w+)?)?"
    rf"(?:\s+in\s+an?\s+\w+)?,?\s+(?:that\s+)?(?P<body>[^\n]{{15,}})$"
)
SAY_AFTER = re.compile(rf"^(?P<body>.{{15,}}?)[,\"”']+\s+{_WHO}\s+{_SAY}\b[^.]*\.?\s*$")
SAY_INVERTED = re.compile(
    rf"^(?P<body>.{{15,}}?)[,\"”']+\s+{_SAY}\s+"
    # a speaker after the verb starts with a name, a title or a determiner ("said the ministry",
    # "said Mr Lavrov"); "..., said more could follow" is a subject and its own statement
    rf"(?P<who>(?:[A-Z]|(?:the|a|an|its|his|her|their|one|he|she)\b)[^,.]{{1,79}})[,.]?.*$"
)
ACCORDING = re.compile(r"(?i)^\s*according to (?P<who>[^,]{2,80}),\s*(?P<body>.+)$")
NOT_FACT_VERBS = words(
    "warned warns promised promises vowed vows hoped hopes predicted predicts urged urges "
    "called calls demanded demands proposed proposes suggested suggests believes believed "
    "thinks thought feared fears expects expected wants wanted asked asks"
)
FIRST_PERSON_PLAN = re.compile(
    r"(?i)\b(?:we|i)(?:'ll| will| shall| would| are going to| am going to| must| need to| want"
    r" to| intend to| plan to| hope)\b"
)
PAST_MARK = re.compile(
    r"(?i)\b(?:\w+ed|was|were|had|has been|have been|did|made|took|gave|left|"
    r"sent|held|met|won|lost|fell|rose|grew|began|came|went|paid|sold|bought|"
    r"built|struck|shot|killed|said)\b"
)


# a statement's first word that is capitalised only because it comes first
OPENING_WORDS = words(
    "There These Those Such Some Many Most All Both Each Every No None Several Few Only Nothing "
    "Everyone Everything Nobody Someone What Who Why How Where Which Whether If Once Now Then "
    "Today Yesterday Tomorrow Here Yes Not Other Another Any Our Your My Us Them"
)
PLUPERFECT = re.compile(
    r"(?i)\bhad (?:already |just |also |since |previously |not |never )?(?:been )?\w+(?:ed|en|wn|ne|ft|ld|nt|ck|ght)\b"
)


def factual(text: str) -> bool:
    """A statement that reports, not one that predicts, wishes, judges or asks."""
    low = text.lower()
    tokens = re.findall(r"[\w'’]+", low)
    if len(tokens) < 5 or text.rstrip().endswith("?"):
        return False
    if any(t in tr.HEDGE_WORDS for t in tokens if t != "may") or tr.HEDGE_PHRASES.search(text):
        return False
    if any(t in tr.OPINION_WORDS for t in tokens) or tr.OPINION_PHRASES.search(text):
        return False
    if FIRST_PERSON_PLAN.search(text) or any(t in ("will", "would", "'ll") for t in tokens):
        return False
    evaluative = sum(t in tr.EVALUATIVE_WORDS for t in tokens)
    if evaluative:
        return False
    if len(tokens) < 6 or not re.search(r"\b(?:is|are|was|were|has|have|had)\b|\w(?:ed|s)\b", low):
        return False  # a fragment, or no verb that states something
    number = bool(re.search(r"\d", text))
    stripped = text.strip()
    named = bool(re.search(r"(?<!^)\b[A-Z][a-z]{2,}", stripped)) or (
        # "Butina reported ...": a name that opens the statement names it too
        bool(re.match(r"[A-Z][a-z]{2,}\b", stripped))
        and stripped.split()[0] not in tr.NAME_STOPWORDS
        and stripped.split()[0] not in OPENING_WORDS
    )
    past = bool(PAST_MARK.search(text))
    if PLUPERFECT.search(text):
        return True  # "traces of explosives had been found": a definite past event
    return (number or named) and (past or number)


def reported_statements(
    sentence: str, offset: int, attributions=None
) -> list[tuple[int, int, str]]:
    """(start, end, speaker) of what a sentence reports someone as saying: "X said (that) ...",
    "..., X said", "according to X, ...", and quotations in a sentence that names a speaker."""
    text = sentence.rstrip()
    out: list[tuple[int, int, str]] = []
    for regex in (ACCORDING, SAY_AFTER, SAY_INVERTED, SAY_BEFORE):
        m = regex.search(text)
        if not m:
            continue
        body_start, body_end = m.span("body")
        body = text[body_start:body_end]
        stripped = body.strip(" \"“”'‘’,.;:")
        if not stripped:
            continue
        body_start += body.find(stripped)
        who = m.group("who").strip(" ,")
        if who.split()[0].lower() in ("it", "they", "this", "that") and regex is not ACCORDING:
            continue
        if len(who.split()) > 6 or ("," in who and regex is not ACCORDING):
            continue  # not a speaker but a stretch of the sentence
        out.append((offset + body_start, offset + body_start + len(stripped), who))
        break
    if not out and attributions:
        for m in QUOTE_SPAN.finditer(text):
            body = m.group("body").strip().rstrip(",")
            start = offset + m.start("body")
            out.append((start, start + len(body), attributions[0][2]))
    return out
