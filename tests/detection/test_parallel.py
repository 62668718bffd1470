"""``nlp.pipe(n_process=2)`` on the claimcheck pipeline gives the Docs one process gives."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from claimcheck.detection import claims_of, get_pipeline, make_doc

from ..conftest import fixture_articles


def state(doc: Doc) -> dict:
    """Everything the pipeline puts on a Doc."""
    return {
        "tokens": [(t.text, t.whitespace_, t.norm_) for t in doc],
        "sentences": [(s.start, s.end) for s in doc.sents] if len(doc) else [],
        "spans": {
            key: (group.name, group.attrs, [(s.start, s.end, s.label_, s.kb_id_) for s in group])
            for key, group in doc.spans.items()
        },
        "user_data": dict(doc.user_data),
    }


def inputs(nlp) -> list:
    """Fixture articles as Docs and as strings, a Doc another tokenizer made (the words of
    ``spacy.blank("en")`` split differently: it is processed in the parent), a Doc whose
    sentence starts are already set, and an empty text."""
    articles = fixture_articles()[:24]
    other = Doc(
        nlp.vocab,
        words=["Russia's", "ministry", "expelled", "23", "British", "diplomats", "."],
        spaces=[True, True, True, True, True, False, False],
    )
    preset = nlp.make_doc("Britain expelled 23 Russian diplomats on Wednesday. Nothing else.")
    preset[3].is_sent_start = True
    return [
        *(make_doc(nlp, text, "2018-03-30") for text in articles[:16]),
        other,
        *articles[16:],
        preset,
        "",
    ]


def test_two_processes_return_the_docs_of_one():
    nlp = get_pipeline()
    one = [state(doc) for doc in nlp.pipe(inputs(nlp), batch_size=5)]
    two = [state(doc) for doc in nlp.pipe(inputs(nlp), batch_size=5, n_process=2)]
    assert len(one) == len(two) == 27
    assert two == one
    assert sum(len(s["user_data"][("._.", "claimcheck_claims", None, None)]) for s in one) > 50


def test_two_processes_keep_contexts_and_the_claims():
    nlp = get_pipeline()
    texts = [(make_doc(nlp, t, "2018-03-30"), i) for i, t in enumerate(fixture_articles()[:6])]
    one = [(claims_of(d), c) for d, c in nlp.pipe(texts, as_tuples=True)]
    texts = [(make_doc(nlp, t, "2018-03-30"), i) for i, t in enumerate(fixture_articles()[:6])]
    two = [(claims_of(d), c) for d, c in nlp.pipe(texts, as_tuples=True, n_process=2)]
    assert [c for _, c in two] == list(range(6))
    assert two == one


def test_a_pipeline_with_other_components_goes_through_spacys_pipe():
    nlp = get_pipeline()
    assert nlp._text_only([])
    own = type(nlp).from_config()
    own.add_pipe("sentencizer")
    own.add_pipe("entity_ruler")
    own.add_pipe("claimcheck_claims")
    assert not own._text_only([])
    assert own._text_only(["entity_ruler"])
    assert spacy.blank("en").pipe_names == []  # a user's own blank pipeline is spaCy's English
