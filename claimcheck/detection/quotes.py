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
# Verbs that report what someone said or found. The sentences holding one of them (or a
# quotation mark) are the ones read for reported speech, so this one list feeds both.
SAY_VERBS = words(
    "said says say stated states added adds claimed claims alleged alleges insisted insists "
    "acknowledged acknowledges admitted admits confirmed confirms reported reports wrote writes "
    "noted notes explained explains announced announces concluded concludes assessed found finds "
    "showed shows estimated estimates argued argues maintained maintains stressed stresses "
    "recalled recalls described describes testified disclosed revealed reveals"
)
# unnamed commentators, whose reported views are opinions rather than a party's statements
COMMENTATORS = re.compile(
    r"(?i)(?:some|many|several|most|other|a few|few)\s+(?:\w+\s+)?"
    r"(?:analysts|experts|observers|commentators|critics|economists|diplomats|people)\b"
)
# verbs that report speech only with an object after them ("told reporters", "accused X of")
SAY_WITH_OBJECT = words("told tells accused accuses")
_SAY = (
    r"(?:told(?: \w+){0,2}|tells(?: \w+){1,2}|accused \w+ of|accuses \w+ of|"
    + "|".join(sorted(SAY_VERBS, key=lambda w: (-len(w), w)))
    # "the ruling adds to the uncertainty" reports nothing
    + r")(?! to\b)"
)
# "has said", "had earlier told": the auxiliary before a reporting verb
_AUX = r"(?:(?:has|have|had)\s+(?:also\s+|already\s+|repeatedly\s+|previously\s+|long\s+)?)?"
_WHO = r"(?P<who>(?:[A-Z][\w.'’-]*|the|a|an|its|his|her|their|he|she|they|it|we|officials?|police|prosecutors?|investigators?|experts?|analysts?)(?:[ ,][\w.'’()-]+){0,7}?)"
SAY_BEFORE = re.compile(
    rf"(?:^|[,;]\s|^\W*){_WHO},?\s+{_AUX}{_SAY}(?:\s+(?:on|in|last|earlier|late|this|at)\s+\w+(?:\s\w+)?)?"
    rf"(?:\s+in\s+an?\s+\w+)?,?\s+(?:that\s+)?(?P<body>[^\n]{{15,}})$"
)
# "..., the ministry said on Friday.": the verb closes the sentence but for a short tail
# ("in a statement", "on Tuesday") or a clause of its own after a comma (", calling it ...",
# ", and if ..."), not a reported clause ("..., officials said the talks ...")
SAY_AFTER = re.compile(
    rf"^(?P<body>.{{15,}}?)[,\"”']+\s+{_WHO}\s+{_AUX}{_SAY}\b"
    r"(?P<tail>(?:\s+[^\s.,]+){0,6}?(?:,\s+(?:\w+ing|and|but|as|while|after|before|when|which|"
    r"though|although|because|since)\b[^\n]*)?)\.?\s*$"
)
SAY_INVERTED = re.compile(
    rf"^(?P<body>.{{15,}}?)[,\"”']+\s+{_SAY}\s+"
    # a speaker after the verb starts with a name, a title or a determiner ("said the ministry",
    # "said Mr Lavrov"); "..., said more could follow" is a subject and its own statement
    rf"(?P<who>(?:[A-Z]|(?:the|a|an|its|his|her|their|one|he|she)\b)[^,.]{{1,79}})[,.]?.*$"
)
NOT_A_CLAUSE = re.compile(
    r"(?i)(?:as|while|but|and|which|after|before|when|calling|citing|adding|had|has|have|was|"
    r"were|is|are|to)\b"
)
TOLD_TO = re.compile(r"\b(?:told|tells)\b")
ORDER = re.compile(r"(?:[\w'’]+\s+){0,3}?to\s+[a-z]+\b")
# the name before an appositive role that the reporting pattern matched as the speaker
APPOSED = re.compile(r"^\W*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}),\s*$")
# "Putin declined, saying Russia had ...": the sentence's subject said it
SAY_PARTICIPLES = words(
    "saying adding noting insisting stressing explaining claiming confirming acknowledging "
    "admitting"
)
SAY_PARTICIPLE = re.compile(
    r"^\W*(?P<who>(?:[Tt]he )?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})\b[^,;]{0,80}?,\s+"
    rf"(?:{'|'.join(sorted(SAY_PARTICIPLES))})\s+(?:that\s+)?(?P<body>[^\n]{{15,}})$"
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
# "may have produced" hedges; "May" the month does not
MAY_HEDGE = re.compile(r"\bmay (?:have|be|also|well|still|already|soon)\b")
# "he expected a full plane": what someone expects or believes is no fact
BELIEF = re.compile(
    r"(?i)\b(?:he|she|they|we|i|it)\s+(?:expected|expects|hoped|hopes|feared|fears|believed|"
    r"believes|thought|thinks|wanted|wants|assumed|assumes)\b"
)
NO_PLANS = re.compile(r"(?i)\b(?:has|have|had) no (?:plans?|intention|desire) to\b")
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
    r"(?i)\bhad (?:already |just |also |since |previously |not |never )?(?:been )?"
    r"(?:\w+(?:ed|en|wn|ne|ft|ld|nt|ck|ght)|found|made|paid|met|set|cut|put|hit|quit|shot|got|"
    r"lost|won|kept|begun|run|come|become|led|fled|spread|read|laid)\b"
)


def factual(text: str) -> bool:
    """A statement that reports, not one that predicts, wishes, judges or asks."""
    low = text.lower()
    tokens = re.findall(r"[\w'’]+", low)
    if len(tokens) < 6 or text.rstrip().endswith("?"):
        return False
    # what a report needs (checked first, as it is cheap and most statements fail here): a
    # definite past event ("traces of explosives had been found"), or a name or a figure with
    # a verb in the past or a figure
    if not PLUPERFECT.search(text):
        number = bool(re.search(r"\d", text))
        stripped = text.strip()
        named = bool(re.search(r"(?<!^)\b[A-Z][a-z]{2,}", stripped)) or (
            # "Butina reported ...": a name that opens the statement names it too
            bool(re.match(r"[A-Z][a-z]{2,}\b", stripped))
            and stripped.split()[0] not in tr.NAME_STOPWORDS
            and stripped.split()[0] not in OPENING_WORDS
        )
        if not (number or named) or not (number or PAST_MARK.search(text)):
            return False
    # and nothing that makes it a hedge, a belief, an opinion, a plan or a judgement
    if any(t in tr.HEDGE_WORDS for t in tokens if t != "may") or tr.HEDGE_PHRASES.search(text):
        return False
    if MAY_HEDGE.search(text) or BELIEF.search(text):
        return False
    if any(t in tr.OPINION_WORDS for t in tokens) or tr.OPINION_PHRASES.search(text):
        return False
    if (
        FIRST_PERSON_PLAN.search(text)
        or NO_PLANS.search(text)
        or any(t in ("will", "would", "'ll") for t in tokens)
    ):
        return False
    if any(t in tr.EVALUATIVE_WORDS for t in tokens):
        return False
    # a fragment, or no verb that states something
    return bool(re.search(r"\b(?:is|are|was|were|has|have|had)\b|\w(?:ed|s)\b", low))


# words that open an adverbial before the subject ("After the talks, officials said ...")
OPENERS = words(
    "After Before Following On In At When While During Since Until Asked Speaking Last Earlier "
    "Later Late Then Meanwhile Separately Also However But And Yesterday Today"
)
CLAUSE_VERBS = words("is are was were has have had will would can could did does do")


def _after_opener(who: str) -> str:
    """ "On Tuesday the ministry" -> "the ministry"; "In its statement the bank" -> "the bank";
    "On Tuesday Lavrov" -> "Lavrov"."""
    tokens = who.split()
    if len(tokens) < 2 or tokens[0] not in OPENERS:
        return who
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i].lower() in ("the", "its", "his", "her", "their", "a", "an"):
            return " ".join(tokens[i:])
    i = len(tokens)
    while i > 1 and tokens[i - 1][:1].isupper():
        i -= 1
    return " ".join(tokens[i:]) if i < len(tokens) else who


def speaker_of(matched: str, regex: re.Pattern) -> str | None:
    """The speaker a reporting pattern matched, or None when the match is no speaker: a pronoun
    for a thing ("it said"), a stretch of clause, unnamed commentators. "After the talks,
    officials" is "officials"; "Rosaviatsia, the aviation authority," is "Rosaviatsia"."""
    who = matched.strip(" ,")
    if not who:
        return None
    if regex is not ACCORDING:
        first = who.split()[0].lower()
        if first in ("it", "they") and len(who.split()) == 1:
            return first  # "..., it said": resolved to the body named before, or dropped
        if first in ("it", "they", "this", "that"):
            return None
        parts = [p.strip() for p in who.split(",") if p.strip()]
        if len(parts) > 2:
            return None  # not a speaker but a stretch of the sentence
        if len(parts) == 2:
            # an opening adverbial, then the speaker; or the speaker, then an appositive
            opener = parts[0].split()[0] in OPENERS
            who = parts[1] if opener else parts[0]
            # a common noun may speak after an opening adverbial ("After the talks, officials
            # said"); otherwise the speaker is a name
            if not who[:1].isupper() and not (opener and regex is SAY_BEFORE):
                return None
        who = _after_opener(who)
    tokens = who.split()
    if not tokens or len(tokens) > 6 or CLAUSE_VERBS.intersection(t.lower() for t in tokens):
        return None
    if COMMENTATORS.match(who):
        return None  # "some analysts say ...": a view, not a party's statement
    return who


def reported_statements(
    sentence: str, offset: int, attributions=None
) -> list[tuple[int, int, str]]:
    """(start, end, speaker) of what a sentence reports someone as saying: "X said (that) ...",
    "..., X said", "according to X, ...", and quotations in a sentence that names a speaker."""
    text = sentence.rstrip()
    out: list[tuple[int, int, str]] = []
    for regex in (ACCORDING, SAY_AFTER, SAY_INVERTED, SAY_BEFORE, SAY_PARTICIPLE):
        m = regex.search(text)
        if not m:
            continue
        if regex is SAY_BEFORE:
            # "When Carlson said he had been busy, Putin said the CIA ...": the last speaker's
            # clause is the one that runs to the end of the sentence
            later = regex.search(text, m.start("body"))
            while later is not None and speaker_of(later.group("who"), regex) is not None:
                m = later
                later = regex.search(text, m.start("body"))
        body_start, body_end = m.span("body")
        body = text[body_start:body_end]
        stripped = body.strip(" \"“”'‘’,.;:")
        if not stripped:
            continue
        body_start += body.find(stripped)
        if NOT_A_CLAUSE.match(stripped):
            continue  # ", the Pentagon said, as governments prepared ...": no reported clause
        if TOLD_TO.search(text[m.start() : body_start]) and ORDER.match(stripped):
            continue  # "Britain told its citizens to leave": an order, not a report
        who = speaker_of(m.group("who"), regex)
        if who is None:
            continue
        if regex is SAY_BEFORE and who[:1].islower():
            named = APPOSED.match(text[: m.start("who")])
            if named:  # "Sergei Lavrov, the foreign minister, said": the name speaks
                who = named.group(1)
        out.append((offset + body_start, offset + body_start + len(stripped), who))
        break
    if not out and attributions:
        for m in QUOTE_SPAN.finditer(text):
            body = m.group("body").strip().rstrip(",")
            start = offset + m.start("body")
            out.append((start, start + len(body), attributions[0][2]))
    return out
