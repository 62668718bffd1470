"""``claimcheck_sentences``: where sentences start, in one pass over the Doc's token columns.

It sets the sentence starts that ``claimcheck_linebreaks`` followed by spaCy's ``sentencizer``
set (a start after every line break; a start at the first word after ``.``, ``!``, ``?`` and
the other sentence-final characters), with numpy instead of a Token object per token: the two
components together cost more than the tokenizer on plain news copy.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc


class SentenceStarts:
    """spaCy's sentencizer rule plus a sentence start after every line break; like both, it
    keeps the starts a Doc already has and only fills in the tokens left open."""

    def __init__(self, nlp: Language, name: str, punct_chars: list[str] | None = None):
        self.name = name
        chars = punct_chars or Sentencizer.default_punct_chars
        self.punct_hashes = frozenset(nlp.vocab.strings.add(c) for c in chars)
        # the rule reads "not punctuation and not a sentence-final character": with every
        # sentence-final character punctuation, that is "not punctuation"
        self.finals_are_punct = all(nlp.vocab[c].is_punct for c in chars)
        self._newline: dict[int, bool] = {}  # whitespace token's ORTH -> holds a line break

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        values = doc.to_array([ORTH, IS_PUNCT, IS_SPACE, SENT_START])
        orth, punct, space = values[:, 0], values[:, 1].astype(bool), values[:, 2].astype(bool)
        starts = values[:, 3].astype(numpy.int64)  # -1 (not a start) comes back as 2**64 - 1
        if not doc.has_annotation("DEP"):
            self._after_line_breaks(doc, orth, space, starts)
        open_ = starts == 0
        if open_.any():
            guess = self._sentencizer_starts(orth, punct)
            starts[open_] = numpy.where(guess[open_], 1, -1)
        doc.from_array([SENT_START], starts.astype(numpy.uint64))
        return doc

    def _after_line_breaks(
        self, doc: Doc, orth: numpy.ndarray, space: numpy.ndarray, starts: numpy.ndarray
    ) -> None:
        """The first token that is not whitespace after a whitespace token holding "\\n"."""
        spaces = numpy.flatnonzero(space)
        if len(spaces) == 0:
            return
        newline = self._newline
        breaks = []
        for i, key in zip(spaces.tolist(), orth[spaces].tolist(), strict=True):
            holds = newline.get(key)
            if holds is None:
                holds = newline[key] = "\n" in doc.vocab.strings[key]
            if holds:
                breaks.append(i)
        if not breaks:
            return
        solid = numpy.flatnonzero(~space)
        nxt = numpy.searchsorted(solid, numpy.array(breaks) + 1)
        starts[solid[nxt[nxt < len(solid)]]] = 1

    def _sentencizer_starts(self, orth: numpy.ndarray, punct: numpy.ndarray) -> numpy.ndarray:
        """spaCy's sentencizer: a sentence starts at the first token, and at a word (neither
        punctuation nor a sentence-final character) with a sentence-final character between it
        and the word before it."""
        n = len(orth)
        if self.finals_are_punct:
            candidates = numpy.flatnonzero(punct)
            final = [i for i, o in zip(candidates.tolist(), orth[candidates].tolist(), strict=True)
                     if o in self.punct_hashes]  # fmt: skip
            word = ~punct
        else:
            final_mask = numpy.array([o in self.punct_hashes for o in orth.tolist()], dtype=bool)
            final = numpy.flatnonzero(final_mask).tolist()
            word = ~punct & ~final_mask
        guess = numpy.zeros(n, dtype=bool)
        guess[0] = True
        if not final:
            return guess
        words = numpy.flatnonzero(word)
        if len(words) == 0:
            return guess
        finals = numpy.array(final)
        before = numpy.searchsorted(finals, words)  # finals before each word
        previous = numpy.concatenate([[0], before[:-1]])  # finals before the word before it
        guess[words[before > previous]] = True
        return guess


@Language.factory(
    "claimcheck_sentences",
    default_config={"punct_chars": None},
    assigns=["token.is_sent_start"],
)
def make_sentence_starts(nlp: Language, name: str, punct_chars: list[str] | None) -> SentenceStarts:
    return SentenceStarts(nlp, name, punct_chars)
