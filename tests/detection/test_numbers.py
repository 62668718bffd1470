import pytest

from claimcheck.detection.numbers import build_count_regex, find_counts, find_rounds, words_to_int

NOUNS = ["diplomats", "diplomatic personnel", "officials", "individuals", "entities"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("60", 60),
        ("ten", 10),
        ("twenty-three", 23),
        ("two dozen", 24),
        ("1,200", 1200),
        ("three hundred and six", 306),
        ("a dozen", 12),
        ("5 million", 5_000_000),
    ],
)
def test_words_to_int(text, value):
    assert words_to_int(text) == value


@pytest.mark.parametrize(
    ("text", "count", "count_text", "qualifier"),
    [
        ("expelled 60 Russian diplomats", 60, "60", None),
        ("expelled more than 30 diplomats", 30, "more than 30", "more than"),
        ("ten diplomats were told to leave", 10, "ten", None),
        ("large numbers of each other's diplomatic personnel", None, "large numbers", None),
        ("sanctions on 11 Russian and Ukrainian officials", 11, "11", None),
        ("nearly 200 individuals and entities", 200, "nearly 200", "nearly"),
    ],
)
def test_counts(text, count, count_text, qualifier):
    found = find_counts(text, build_count_regex(NOUNS))
    assert found, text
    assert (found[0].value, found[0].text, found[0].qualifier) == (count, count_text, qualifier)


def test_a_year_before_a_noun_is_not_a_count():
    assert find_counts("the 2018 officials", build_count_regex(NOUNS)) == []


@pytest.mark.parametrize(
    ("text", "value", "round_text"),
    [
        ("its sixth package of sanctions", 6, "sixth package"),
        ("the 13th package", 13, "13th package"),
        ("multiple rounds of sanctions", None, "multiple rounds"),
    ],
)
def test_rounds(text, value, round_text):
    found = find_rounds(text)
    assert (found[0].value, found[0].text) == (value, round_text)


def test_non_ascii_digits_are_no_count_and_do_not_crash_detection():
    import claimcheck
    from claimcheck.detection.numbers import words_to_int

    assert words_to_int("²³") is None and words_to_int("23") == 23
    text = "Britain expelled 23² Russian diplomats on Wednesday. " + "=" * 5000
    (claim,) = claimcheck.detect(text, published="2018-03-16")
    assert claim.text == "Britain expelled 23² Russian diplomats on Wednesday"
