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
