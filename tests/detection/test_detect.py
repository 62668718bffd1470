"""Claim detection end to end through the public API."""

from __future__ import annotations

import datetime

import pytest
import spacy

import claimcheck
from claimcheck.detection import claims_of, get_pipeline, make_doc
from claimcheck.detection.dates import DateResolver
from claimcheck.ingest import iter_chunks

SALISBURY = (
    "Following a nerve agent attack on a former Russian spy in Salisbury in March, the two "
    "countries expelled large numbers of each other's diplomatic personnel and Washington "
    "imposed multiple rounds of sanctions."
)


def by_type(claims):
    return {c.type: c for c in claims}


def test_one_sentence_carries_three_claims_with_their_own_spans():
    claims = claimcheck.detect(SALISBURY, published="2018-12-22")
    assert [c.type for c in claims] == ["attack", "expulsion", "sanctions"]
    for claim in claims:
        assert SALISBURY[claim.start : claim.end] == claim.text
    attack, expulsion, sanctions = claims
    assert attack.end <= expulsion.start and expulsion.end <= sanctions.start
    assert expulsion.text == (
        "the two countries expelled large numbers of each other's diplomatic personnel"
    )
    assert expulsion.slots.count is None and expulsion.slots.count_text == "large numbers"
    assert expulsion.slots.actor == "the two countries"
    assert expulsion.slots.date.to_dict() == {
        "text": "in March",
        "start": "2018-03-01",
        "end": "2018-03-31",
        "precision": "month",
    }
    assert sanctions.slots.actor == "Washington"
    assert sanctions.slots.round is None and sanctions.slots.round_text == "multiple rounds"
    assert attack.slots.place == "Salisbury"


def test_slots_count_round_treaty_status_and_date():
    text = (
        "Britain expelled 23 Russian diplomats on Wednesday. "
        "The EU adopted its sixth package of sanctions on 3 June 2022. "
        "Washington said on Thursday it would withdraw from the Intermediate-range Nuclear "
        "Forces Treaty. "
        "Moscow suspended its participation in the Iranian nuclear deal last week. "
        "The White House on Wednesday called off the summit planned for Moscow."
    )
    claims = by_type(claimcheck.detect(text, published="2018-12-22"))
    expulsion = claims["expulsion"]
    assert (expulsion.slots.count, expulsion.slots.actor, expulsion.slots.target) == (
        23,
        "Britain",
        "Russia",
    )
    assert expulsion.slots.date.start == "2018-12-19"
    assert claims["sanctions"].slots.round == 6
    assert claims["sanctions"].slots.date.start == "2022-06-03"
    withdrawals = [
        c for c in claimcheck.detect(text, published="2018-12-22") if c.type == "treaty_withdrawal"
    ]
    assert [(c.slots.treaty, c.slots.status) for c in withdrawals] == [
        ("INF", "announced"),
        ("JCPOA", "suspended"),
    ]
    assert withdrawals[1].slots.date.precision == "week"
    assert claims["summit"].slots.status == "cancelled"


def test_predictions_opinions_questions_and_boilerplate_are_not_claims():
    text = (
        "Russia expelled 23 British diplomats on Saturday.\n"
        "Analysts fear Moscow could expel more diplomats.\n"
        "The EU is expected to adopt new sanctions next month.\n"
        "It remains to be seen whether the summit will take place.\n"
        "Western governments should impose tougher sanctions on Russia.\n"
        "Will the alliance hold more exercises in the Baltic?\n"
        "Related news\n"
        "Russia expels 23 British diplomats\n"
        "Copyright 2018 Example News. All rights reserved.\n"
    )
    claims = claimcheck.detect(text, published="2018-03-18")
    assert [c.text for c in claims] == ["Russia expelled 23 British diplomats on Saturday"]
    every = claimcheck.detect(text, published="2018-03-18", include_all=True)
    cues = {c.text: set(c.cues) for c in every}
    assert "hedge" in cues["Analysts fear Moscow could expel more diplomats"]
    assert "opinion" in cues["Western governments should impose tougher sanctions on Russia"]
    assert "boilerplate" in cues["Russia expels 23 British diplomats"]
    assert any("question" in c for c in cues.values())
    assert all(c.score < 0.5 for c in every if c.text != claims[0].text)


def test_announced_intention_is_a_claim_but_a_forecast_is_not():
    claims = claimcheck.detect(
        "The United States announced on Thursday that it would withdraw from the Paris "
        "Agreement. Experts predict that other countries will leave the accord.",
        published="2019-11-08",
    )
    assert len(claims) == 1
    assert claims[0].slots.status == "announced" and claims[0].slots.treaty == "Paris Agreement"


def test_scores_and_cues_explain_check_worthiness():
    rich, bare = claimcheck.detect(
        "On 26 March the United States expelled 60 Russian diplomats. Sanctions followed.",
        published="2018-03-30",
        include_all=True,
    )
    assert set(rich.cues) >= {"event", "actor", "number", "date", "named"}
    assert 0.9 <= rich.score <= 1.0
    # "Sanctions followed.": an event with no party, figure or date to check it by
    assert bare.score < rich.score and bare.type == "sanctions"
    assert not {"actor", "number", "date", "named"} & set(bare.cues)


def test_treaty_names_are_normalised():
    names = {
        "the Iranian nuclear deal": "JCPOA",
        "the Intermediate-range Nuclear Forces Treaty": "INF",
        "the Treaty on Open Skies": "Open Skies",
        "the Comprehensive Nuclear-Test-Ban Treaty": "CTBT",
        "the Paris climate accord": "Paris Agreement",
    }
    for phrase, canonical in names.items():
        claims = claimcheck.detect(f"Washington withdrew from {phrase} in May.", "2020-06-01")
        assert [c.slots.treaty for c in claims] == [canonical], phrase


def test_long_text_is_chunked_with_correct_offsets(monkeypatch):
    paragraph = "Britain expelled 23 Russian diplomats on Wednesday.\n\nOther news of the day.\n\n"
    text = paragraph * 400  # about 30,000 characters
    import claimcheck.detection as detect_module

    monkeypatch.setattr(detect_module, "CHUNK_CHARS", 2_000)
    assert len(list(iter_chunks(text, 2_000))) > 10
    claims = claimcheck.detect(text, published="2018-03-16")
    assert len(claims) == 400
    assert all(text[c.start : c.end] == c.text for c in claims)
    assert len({c.id for c in claims}) == 400


def test_pipeline_works_with_nlp_pipe_and_in_anyones_pipeline():
    nlp = get_pipeline()
    docs = [
        make_doc(nlp, "Russia expelled 60 US diplomats on Thursday.", "2018-03-30"),
        make_doc(nlp, "Nothing happened.", "2018-03-30"),
    ]
    results = [claims_of(doc) for doc in nlp.pipe(docs)]
    assert [len(r) for r in results] == [1, 0]
    assert results[0][0].slots.date.start == "2018-03-29"
    # registered factories: a user's own blank pipeline can add the components by name
    own = spacy.blank("en")
    own.add_pipe("sentencizer")
    own.add_pipe("claimcheck_mentions")
    own.add_pipe("claimcheck_claims")
    doc = own("The EU imposed sanctions on 21 officials.")
    assert [c["type"] for c in doc._.claimcheck_claims] == ["sanctions"]
    assert [s.label_ for s in doc.spans["claimcheck_claims"]] == ["sanctions"]


def test_dateline_in_the_text_gives_the_publication_date():
    text = "Published: 30 March 2018\n\nRussia expelled 60 US diplomats on Thursday."
    (claim,) = claimcheck.detect(text)
    assert claim.slots.date.start == "2018-03-29"


def test_without_any_publication_date_relative_dates_stay_unresolved():
    (claim,) = claimcheck.detect("Russia expelled 60 US diplomats on Thursday.")
    assert claim.slots.date.text == "on Thursday" and claim.slots.date.start is None


def test_date_context_is_shared_across_chunks():
    resolver = DateResolver(None)
    resolver.find("The treaty was signed in 2015.")
    assert resolver.find("the following year")[0].value.start == "2016-01-01"


def test_an_event_noun_naming_its_own_object_is_its_own_claim():
    text = (
        "Iranian forces fired more than a dozen ballistic missiles at two bases in Iraq on "
        "8 January, in retaliation for the killing of General Qassem Soleimani in a US drone "
        "strike at Baghdad airport on 3 January."
    )
    first, second = claimcheck.detect(text, published="2020-01-12")
    # a state's forces firing are a military claim (the guide's table); the killing an attack
    assert (first.type, second.type) == ("military", "attack")
    assert first.text.endswith("at two bases in Iraq on 8 January")
    assert first.slots.date.start == "2020-01-08"
    assert second.text.startswith("the killing of General Qassem Soleimani")
    assert second.slots.date.start == "2020-01-03"


def test_the_date_of_the_claims_own_clause_beats_the_reporting_verbs():
    (claim,) = claimcheck.detect(
        "Iran acknowledged on Saturday that it had shot down a Ukrainian airliner on "
        "Wednesday, killing all 176 people aboard.",
        published="2020-01-12",
    )
    assert claim.slots.date.text == "on Wednesday" and claim.slots.date.start == "2020-01-08"
    assert claim.slots.count == 176


def test_an_attribution_belongs_to_its_own_clause():
    first, second = claimcheck.detect(
        "Washington imposed sanctions on 11 officials, while the European Union announced "
        "travel bans and asset freezes against 21 people.",
        published="2014-03-25",
    )
    assert first.text == "Washington imposed sanctions on 11 officials"
    assert first.slots.attribution is None and first.slots.count == 11
    assert second.slots.actor == "European Union" and second.slots.count == 21


def test_the_pipeline_tokenizes_as_spacys_english_tokenizer_does():
    """The pipeline's tokenizer drops the whitespace special cases (they stop spaCy caching
    words); every token, its whitespace and its norm stay what spaCy's own tokenizer gives."""
    from spacy.attrs import NORM, ORTH, SPACY

    from ..conftest import fixture_articles

    ours = get_pipeline().tokenizer
    stock = spacy.blank("en").tokenizer
    assert "\n" not in ours.rules and "\n" in stock.rules and "\xa0" in ours.rules
    texts = fixture_articles()
    texts.append("A\tB  C\n\nD \n E\xa0F\r\nG \t\n H\u2009I  \n")
    for text in texts:
        a, b = ours(text), stock(text)
        assert [t.text_with_ws for t in a] == [t.text_with_ws for t in b]
        assert (a.to_array([ORTH, NORM, SPACY]) == b.to_array([ORTH, NORM, SPACY])).all()


def test_sentence_starts_are_those_of_linebreaks_and_spacys_sentencizer():
    """``claimcheck_sentences`` sets the starts ``claimcheck_linebreaks`` followed by spaCy's
    ``sentencizer`` set, token for token, also where a Doc comes with starts of its own and
    with sentence-final characters that are not punctuation."""
    from spacy.attrs import SENT_START
    from spacy.tokens import Doc

    from ..conftest import fixture_articles

    texts = fixture_articles()
    texts += [
        "",
        "\n",
        ". Starts with a stop",
        "?!... \n\n \n",
        'One. Two!\n\nThree?\n  "Four." five x six\n- seven\r\n\teight . . nine',
        "No stop at all",
        "A.\nB.\n\n\nC",
    ]
    for punct_chars in (None, [".", "x", "!"]):
        config = {"punct_chars": punct_chars}
        ours = spacy.blank("en")
        ours.add_pipe("claimcheck_sentences", config=config)
        theirs = spacy.blank("en")
        theirs.add_pipe("claimcheck_linebreaks")
        theirs.add_pipe("sentencizer", config=config)
        for text in texts:
            a, b = ours(text), theirs(text)
            assert a.to_array([SENT_START]).tolist() == b.to_array([SENT_START]).tolist(), text
        words = ["Hello", ".", "there", "\n", "you", "x", "all"]
        preset = [True, False, False, None, None, True, False]
        a = ours(Doc(ours.vocab, words=words, sent_starts=preset))
        b = theirs(Doc(theirs.vocab, words=words, sent_starts=preset))
        assert a.to_array([SENT_START]).tolist() == b.to_array([SENT_START]).tolist()
    assert "claimcheck_sentences" in get_pipeline().pipe_names


def test_the_text_given_with_a_doc_is_used_only_when_it_fits():
    from claimcheck.detection.sentences import doc_text

    nlp = get_pipeline()
    text = "Norway expelled 15 Russian diplomats on Friday.\n\nThey left."
    doc = nlp.make_doc(text)
    assert doc_text(doc) == text  # nothing given: rebuilt from the tokens
    doc._.claimcheck_text = text
    assert doc_text(doc) is text
    doc._.claimcheck_text = "a text of another Doc"
    assert doc_text(doc) == text
    empty = nlp.make_doc("")
    empty._.claimcheck_text = ""
    assert doc_text(empty) == ""


def test_a_claim_in_a_sentence_that_never_ends_keeps_only_the_words_around_it():
    # a page with no full stops: each claim once carried the whole 40,000-character run, so
    # the JSON of 500 claims grew to 20 MB
    run_on = (
        "Britain expelled 23 Russian diplomats on 14 March 2018 and the weather was fine " * 500
    )
    claims = claimcheck.detect(run_on, published="2018-12-22")
    assert len(claims) >= 400
    for claim in claims[:50] + claims[-50:]:
        assert claim.text in claim.sentence and len(claim.sentence) <= 1300
    middle = claims[len(claims) // 2]
    assert middle.sentence.startswith("… ") and middle.sentence.endswith(" …")
    short = claimcheck.detect("Britain expelled 23 Russian diplomats on 14 March 2018.")
    assert short[0].sentence == "Britain expelled 23 Russian diplomats on 14 March 2018."


@pytest.mark.parametrize(
    ("text", "published", "error", "message"),
    [
        (None, None, "InputError", "as a string, not NoneType"),
        (b"Britain expelled 23 diplomats.", None, "InputError", "not bytes: decode it first"),
        (12345, None, "InputError", "not int"),
        ("Britain expelled 23 diplomats.", b"2018-03-20", "DateError", "not bytes"),
        ("Britain expelled 23 diplomats.", "2018-02-30", "DateError", "bad published date"),
        ("Britain expelled 23 diplomats.", "9999-12-31", "DateError", "outside the years"),
        ("Britain expelled 23 diplomats.", datetime.date(1, 1, 1), "DateError", "outside the years"),
    ],
)  # fmt: skip
def test_the_api_says_what_to_give_for_what_it_cannot_read(text, published, error, message):
    from claimcheck import errors

    with pytest.raises(getattr(errors, error), match=message):
        claimcheck.detect(text, published=published)


def test_the_api_reads_what_a_file_reader_would():
    text = "Britain expelled 23 Russian diplomats on 14 March 2018."
    # a datetime is a date with a time of day
    (claim,) = claimcheck.detect(text, published=datetime.datetime(2018, 3, 20, 9, 30))
    assert claim.slots.date.start == "2018-03-14"
    # a lone surrogate is repaired where it is, a NUL is read as a space: offsets hold
    odd = "Britain expelled\x00 23 Russian \udcff diplomats on 14 March 2018."
    (claim,) = claimcheck.detect(odd, published="2018-03-20")
    assert claim.type == "expulsion" and claim.start == 0 and claim.slots.count == 23


def test_link_takes_claims_and_names_its_sources_plainly():
    from claimcheck.errors import DateError, InputError
    from claimcheck.link import link

    claims = claimcheck.detect("Britain expelled 23 Russian diplomats on 14 March 2018.")
    with pytest.raises(InputError, match="a list of claims"):
        link(None, offline=True)
    with pytest.raises(InputError, match="one claim"):
        link(claims[0], offline=True)
    with pytest.raises(DateError, match="bad published date"):
        link(claims, offline=True, published="2018-02-30")
    (linked,) = link(claims, sources="pack", offline=True, published="2018-03-20")
    assert linked.evidence and linked.evidence[0].source == "pack"
