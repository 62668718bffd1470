from datetime import date

import pytest

from claimcheck.detection.dates import DateResolver, find_dateline, parse_user_date
from claimcheck.errors import DateError

PUB = date(2018, 12, 22)  # a Saturday


def resolve(text: str, published: date | None = PUB):
    mentions = DateResolver(published).find(text)
    assert mentions, f"no date found in {text!r}"
    v = mentions[-1].value
    return v.start, v.end, v.precision


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Thursday", ("2018-12-20", "2018-12-20", "day")),
        ("on Saturday", ("2018-12-22", "2018-12-22", "day")),  # the publication day itself
        ("last Saturday", ("2018-12-15", "2018-12-15", "day")),
        ("last week", ("2018-12-10", "2018-12-16", "week")),
        ("earlier in the week", ("2018-12-17", "2018-12-22", "week")),
        ("yesterday", ("2018-12-21", "2018-12-21", "day")),
        ("early November", ("2018-11-01", "2018-11-10", "part_of_month")),
        ("in late June", ("2018-06-21", "2018-06-30", "part_of_month")),
        ("in March", ("2018-03-01", "2018-03-31", "month")),
        ("in December", ("2018-12-01", "2018-12-31", "month")),
        ("last month", ("2018-11-01", "2018-11-30", "month")),
        ("in 2019", ("2019-01-01", "2019-12-31", "year")),
        ("on March 14", ("2018-03-14", "2018-03-14", "day")),
        ("14 March 2016", ("2016-03-14", "2016-03-14", "day")),
        ("March 4, 2018", ("2018-03-04", "2018-03-04", "day")),
        ("in February 2022", ("2022-02-01", "2022-02-28", "month")),
        ("two weeks ago", ("2018-12-03", "2018-12-09", "week")),
        ("last summer", ("2018-06-01", "2018-08-31", "season")),
        ("the 1990s", ("1990-01-01", "1999-12-31", "decade")),
        ("late 2017", ("2017-09-01", "2017-12-31", "part_of_year")),
        ("2018-03-04", ("2018-03-04", "2018-03-04", "day")),
    ],
)
def test_resolves_against_publication_date(text, expected):
    assert resolve(text) == expected


def test_month_in_the_future_of_publication_is_last_year():
    # "in March" in an article of January 2019 is March 2018
    assert resolve("in March", date(2019, 1, 10))[:2] == ("2018-03-01", "2018-03-31")


def test_relative_to_a_date_in_context():
    resolver = DateResolver(PUB)
    mentions = resolver.find("The treaty was signed in 2015. The following year it took effect.")
    assert [m.text for m in mentions] == ["in 2015", "The following year"]
    assert mentions[1].value.start == "2016-01-01"
    assert mentions[1].value.precision == "year"


def test_context_carries_across_calls_in_reading_order():
    resolver = DateResolver(PUB)
    resolver.find("Britain expelled 23 diplomats on 14 March.")
    later = resolver.find("Russia answered three days later.")
    assert later[0].value.start == "2018-03-17"


def test_offset_relative_to_an_event_is_left_unresolved():
    mentions = DateResolver(PUB).find("On 17 March, a day before the treaty was signed, ...")
    texts = {m.text: m.value for m in mentions}
    assert texts["17 March"].start == "2018-03-17"
    assert texts["a day before"].start is None


def test_without_publication_date_relative_dates_keep_text_only():
    mention = DateResolver(None).find("on Thursday")[0]
    assert mention.value.text == "on Thursday"
    assert mention.value.start is None and mention.value.end is None


def test_month_names_must_be_capitalised():
    assert DateResolver(PUB).find("officials may march on") == []
    assert DateResolver(PUB).find("Theresa May said") == []


def test_dateline_prefers_a_labelled_date_and_skips_updates():
    text = "Updated: 3 January 2019\nPublished: 22 December 2018\n\nBody text."
    assert find_dateline(text) == date(2018, 12, 22)
    assert find_dateline("No date here at all.") is None


@pytest.mark.parametrize("bad", ["2018-13-01", "yesterday", "22/12/2018", ""])
def test_user_dates_are_checked(bad):
    with pytest.raises(DateError, match="YYYY-MM-DD"):
        parse_user_date(bad)


@pytest.mark.parametrize(
    "text, expected",
    [
        # the weekday of the announced event is the coming one
        ("Norway will expel 15 Russian officials on Monday, the ministry said.", "2022-04-11"),
        # the weekday of the saying or of another clause is past
        (
            "President Bush announced on Thursday that the United States would withdraw from "
            "the ABM Treaty.",
            "2022-04-07",
        ),
        (
            "The administration on Monday notified the United Nations that the United States "
            "would withdraw from the Paris Agreement.",
            "2022-04-04",
        ),
        (
            "Germany expelled 40 Russian diplomats on Monday, and France said it would expel 35.",
            "2022-04-04",
        ),
    ],
)
def test_a_weekday_is_ahead_only_for_the_announced_event_itself(text, expected):
    import claimcheck

    claims = claimcheck.detect(text, published="2022-04-08")  # a Friday
    announced = [c for c in claims if c.slots.status == "announced"]
    assert announced and announced[-1].slots.date.start == expected


LAZY_TEXT = (
    "In March 2019 the talks began in Geneva.\n"
    "The following year they ended. Nothing was signed.\n"
    "APRIL 5 - Italy expels 30 diplomats. It said on Monday it would go on.\n"
    "Two days later the envoy left. The vote was held in 2021. The same day he spoke.\n"
    "On June 3 the talks resumed. A week later they stopped."
)


def _mentions(found):
    return [(m.start, m.end, m.text, m.kind, m.value.to_dict()) for m in found]


@pytest.mark.parametrize("published", [PUB, None])
def test_dates_of_some_sentences_are_those_a_full_reading_finds(published):
    """Passing sentences over must not change the dates of the others: "the following year",
    "two days later" and "the same day" still read the anchor of the sentences before them,
    and a timeline's date heads its whole line."""
    from itertools import combinations

    from claimcheck.detection import get_pipeline
    from claimcheck.detection.sentences import (
        find_dates,
        heading_dates,
        sentence_index,
        sentence_starts,
    )

    nlp = get_pipeline()
    hashes = nlp.get_pipe("claimcheck_claims").date_hashes
    doc = nlp(LAZY_TEXT)
    starts = sentence_starts(doc)
    full_resolver = DateResolver(published)
    full = _mentions(find_dates(doc, LAZY_TEXT, starts, full_resolver, hashes))
    assert any(kind == "anaphoric" for _, _, _, kind, _ in full)
    sentence_of = {m[0]: sentence_index(starts, doc.char_span(m[0], m[1]).start) for m in full}
    sents = list(doc.sents)

    def headings(found):  # the timeline date heading each sentence, if any
        lines = heading_dates(LAZY_TEXT, found)
        return [next((v for a, b, v in lines if a <= s.start_char < b), None) for s in sents]

    full_headings = headings(find_dates(doc, LAZY_TEXT, starts, DateResolver(published), hashes))
    assert sum(h is not None for h in full_headings) == 2  # "APRIL 5 -" and the next sentence
    for size in range(len(starts) + 1):
        for wanted in combinations(range(len(starts)), size):
            resolver = DateResolver(published)
            found = find_dates(doc, LAZY_TEXT, starts, resolver, hashes, set(wanted))
            got = _mentions(found)
            heads = headings(found)
            assert [heads[i] for i in wanted] == [full_headings[i] for i in wanted], wanted
            assert all(m in full for m in got), wanted
            assert [m for m in full if sentence_of[m[0]] in wanted] == [
                m for m in got if sentence_of[m[0]] in wanted
            ], wanted
            resolver.catch_up()
            assert resolver.anchor == full_resolver.anchor


def test_text_passed_over_moves_the_anchor_before_a_later_chunk_reads_it():
    resolver = DateResolver(PUB)
    resolver.pass_over("The talks began in March 2015. ", 0)
    resolver.pass_over("Nothing happened. ", 31)
    # no expression here reads the anchor: found without reading what was passed over
    assert [m.text for m in resolver.find_ahead("He left on Monday.", 49)] == ["on Monday"]
    # "the following year" does: what was passed over is read first, then "on Monday" again,
    # in reading order, so the anchor is Monday 17 December 2018 (not March 2015)
    (mention,) = resolver.find_ahead("The following year they met.", 70)
    assert (mention.value.start, mention.value.end) == ("2019-01-01", "2019-12-31")
    assert mention.start == 70
    resolver.pass_over("It was agreed in 2015.", 99)
    (mention,) = resolver.find_ahead("The next year it ended.", 122)
    assert mention.value.start == "2016-01-01"


def test_the_date_search_finds_what_the_plain_alternation_finds():
    """The date regex skips word ends with a lookahead; every expression begins with a letter
    or digit, so it finds exactly what the plain alternation of the patterns finds."""
    import re

    from claimcheck.detection.dates import _CASE_INSENSITIVE_KINDS, _DATE_RE, _PATTERNS

    from ..conftest import fixture_articles

    plain = re.compile(
        r"\b(?:"
        + "|".join(
            f"(?P<{name}>(?i:{rx}))" if name in _CASE_INSENSITIVE_KINDS else f"(?P<{name}>{rx})"
            for name, rx in _PATTERNS
        )
        + ")"
    )
    texts = fixture_articles()
    texts += [
        "٣ days ago, ſince 2019, the ſame day; (in March) -last week- 5-7 June, 2021.",
        "...On Monday,the following year;«yesterday»—2019-03-04/Christmas Eve",
    ]

    def found(regex, text):
        return [(m.start(), m.end(), m.lastgroup) for m in regex.finditer(text)]

    assert sum(len(found(_DATE_RE, t)) for t in texts) > 1000
    for text in texts:
        assert found(_DATE_RE, text) == found(plain, text)
