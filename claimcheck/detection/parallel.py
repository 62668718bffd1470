"""``nlp.pipe(texts, n_process=k)`` for the claimcheck pipeline: texts go to the workers, and
only what the claimcheck components add comes back.

spaCy's own multiprocessing sends every Doc to a worker and back with ``Doc.to_bytes`` and
``Doc.from_bytes``. Each of those makes two to six msgpack calls, and srsly builds every msgpack
packer and unpacker after asking catalogue for its registered encoders: a scan of every
installed package's entry points and of the whole function registry, about 0.2 ms a call. A
Doc's round trip cost more than detecting its claims (5.1 ms against 1.2 on the sparse news
mix), and the parent, which serialises every Doc out and back in, did half of it alone: two
processes were slower than one. Here the parent keeps the Docs it has; a worker is sent the
text, tokenizes it again (cheaper than reading a Doc back) and returns the sentence starts,
the span groups and the user data the components set (the claims). The Docs are the same as
with one process.

This path is taken only when every component that runs is one of claimcheck's own or spaCy's
sentencizer, whose annotations are exactly those three; a pipeline with a trained model, or
with components of the user's, goes through spaCy's ``Language.pipe`` unchanged. A Doc that a
worker could not make again from its text alone (made by another tokenizer, or already
annotated) is processed in the parent, in its place in the stream.
"""

from __future__ import annotations

import hashlib
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import numpy
from spacy.attrs import IDX, NORM, SENT_START, SPACY
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup
from spacy.util import SimpleFrozenList, minibatch

from .sentences import doc_text

# The factories whose components annotate a Doc only with sentence starts, span groups and
# user data: what a worker sends back.
TEXT_ONLY_FACTORIES = frozenset(
    {
        "claimcheck_sentences",
        "claimcheck_linebreaks",
        "claimcheck_mentions",
        "claimcheck_claims",
        "sentencizer",
    }
)
# Annotations a component may read that the tokenizer does not set: a Doc with any of them is
# processed in the parent, where they are.
PRESET = ("SENT_START", "TAG", "POS", "MORPH", "LEMMA", "DEP", "ENT_IOB")
IN_FLIGHT_PER_WORKER = 2

# one worker's pipeline, set when the worker starts
_worker_nlp: Language | None = None


class ClaimcheckEnglish(English):
    """``spacy.blank("en")`` with a ``pipe`` whose workers return annotations, not Docs."""

    def pipe(  # type: ignore[override]
        self,
        texts: Iterable[str | Doc] | Iterable[tuple[str | Doc, Any]],
        *,
        as_tuples: bool = False,
        batch_size: int | None = None,
        disable: Iterable[str] = SimpleFrozenList(),
        component_cfg: dict[str, dict[str, Any]] | None = None,
        n_process: int = 1,
    ) -> Iterator[Doc] | Iterator[tuple[Doc, Any]]:
        if n_process == -1:
            n_process = multiprocessing.cpu_count()
        # with as_tuples, spaCy's pipe calls this one again with the Docs alone
        if as_tuples or n_process == 1 or not self._text_only(disable):
            return super().pipe(
                texts,
                as_tuples=as_tuples,
                batch_size=batch_size,
                disable=disable,
                component_cfg=component_cfg,
                n_process=n_process,
            )
        return self._pipe_in_processes(
            texts, batch_size or self.batch_size, list(disable), component_cfg or {}, n_process
        )

    def _text_only(self, disable: Iterable[str]) -> bool:
        left_out = set(disable)
        return all(
            self.get_pipe_meta(name).factory in TEXT_ONLY_FACTORIES
            for name in self.pipe_names
            if name not in left_out
        )

    def _pipe_in_processes(
        self,
        texts: Iterable[str | Doc],
        batch_size: int,
        disable: list[str],
        component_cfg: dict[str, dict[str, Any]],
        n_process: int,
    ) -> Iterator[Doc]:
        pool = ProcessPoolExecutor(n_process, initializer=_start_worker, initargs=(self,))
        pending: deque[tuple[list[Doc], Future]] = deque()
        try:
            for batch in minibatch((self._ensure_doc(t) for t in texts), batch_size):
                pending.append(
                    (
                        batch,
                        pool.submit(
                            _annotate, [_sendable(d) for d in batch], disable, component_cfg
                        ),
                    )
                )
                if len(pending) >= IN_FLIGHT_PER_WORKER * n_process:
                    yield from self._receive(*pending.popleft(), disable, component_cfg)
            while pending:
                yield from self._receive(*pending.popleft(), disable, component_cfg)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def _receive(
        self,
        batch: list[Doc],
        future: Future,
        disable: list[str],
        component_cfg: dict[str, dict[str, Any]],
    ) -> Iterator[Doc]:
        for doc, found in zip(batch, future.result(), strict=True):
            if found is None:  # the worker could not make this Doc again: process it here
                yield from super().pipe([doc], disable=disable, component_cfg=component_cfg)
            else:
                yield _apply(doc, *found)


def _token_digest(doc: Doc) -> bytes:
    """Where the tokens are, whether a space follows, and their norms (which the tokenizer's
    special cases set): equal for two Docs the same tokenizer made from the same text."""
    values = doc.to_array([IDX, SPACY, NORM])
    return hashlib.blake2b(values.tobytes(), digest_size=16).digest()


def _sendable(doc: Doc) -> tuple[str, bytes, dict] | None:
    """What a worker needs to make the same Doc, or None when the text alone does not give it."""
    if doc.spans or any(doc.has_annotation(attr) for attr in PRESET):
        return None
    return doc_text(doc), _token_digest(doc), doc.user_data


def _start_worker(nlp: Language) -> None:
    global _worker_nlp
    _worker_nlp = nlp


def _annotate(
    batch: list[tuple[str, bytes, dict] | None],
    disable: list[str],
    component_cfg: dict[str, dict[str, Any]],
) -> list[tuple | None]:
    """In a worker: run the pipeline on the batch's texts; for each Doc, what the components
    added (None for a Doc made differently in the parent)."""
    nlp = _worker_nlp
    assert nlp is not None, "the worker's pipeline is set when the worker starts"
    docs, given = [], []
    out: list[tuple | None] = [None] * len(batch)
    places = []
    for place, item in enumerate(batch):
        if item is None:
            continue
        text, digest, user_data = item
        doc = nlp.make_doc(text)
        if _token_digest(doc) != digest:
            continue
        doc.user_data.update(user_data)
        docs.append(doc)
        given.append(dict(doc.user_data))
        places.append(place)
    processed = Language.pipe(
        nlp, docs, batch_size=max(len(docs), 1), disable=disable, component_cfg=component_cfg
    )
    for place, before, doc in zip(places, given, processed, strict=True):
        out[place] = _annotations(doc, before)
    return out


_MISSING = object()


def _annotations(doc: Doc, before: dict) -> tuple:
    """The sentence starts, the span groups and the user data set or replaced since ``before``."""
    starts = doc.to_array(SENT_START) if doc.has_annotation("SENT_START") else None
    groups = [
        (
            key,
            group.name,
            dict(group.attrs),
            [(s.start, s.end, s.label_, s.kb_id_, s.id_) for s in group],
        )
        for key, group in doc.spans.items()
    ]
    changed = {k: v for k, v in doc.user_data.items() if before.get(k, _MISSING) is not v}
    return starts, groups, changed


def _apply(doc: Doc, starts: numpy.ndarray | None, groups: list, changed: dict) -> Doc:
    if starts is not None:
        doc.from_array([SENT_START], starts)
    for key, name, attrs, spans in groups:
        doc.spans[key] = SpanGroup(
            doc,
            name=name,
            attrs=attrs,
            spans=[
                Span(doc, start, end, label=label, kb_id=kb_id, span_id=span_id)
                for start, end, label, kb_id, span_id in spans
            ],
        )
    doc.user_data.update(changed)
    return doc
