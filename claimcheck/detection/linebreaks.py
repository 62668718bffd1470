"""``claimcheck_linebreaks``: a sentence starts after every line break.

Headlines, captions and list items have no full stop; without this they would run into the
next paragraph's first sentence.
"""

from __future__ import annotations

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc


class LineBreaks:
    """Starts a new sentence after a line break, so headlines and list lines stand alone."""

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2 or doc.has_annotation("DEP"):
            return doc
        strings = doc.vocab.strings
        values = doc.to_array([IS_SPACE, ORTH, SENT_START])
        starts = values[:, 2].astype(numpy.int64)
        changed = False
        # spaCy keeps a line break as a whitespace token of its own
        for space in numpy.flatnonzero(values[:, 0]).tolist():
            if "\n" not in strings[int(values[space, 1])]:
                continue
            i = space + 1
            while i < len(doc) and values[i, 0]:
                i += 1
            if i < len(doc) and starts[i] != 1:
                starts[i] = 1
                changed = True
        if changed:
            # one bulk write: setting Token.is_sent_start scans the whole doc on every call
            doc.from_array([SENT_START], starts.astype(numpy.uint64))
        return doc


@Language.factory("claimcheck_linebreaks", assigns=["token.is_sent_start"])
def make_linebreaks(nlp: Language, name: str) -> LineBreaks:
    return LineBreaks()
