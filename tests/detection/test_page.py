"""Page furniture: datelines in their wire forms, captions, and what they mean for claims."""

from __future__ import annotations

import pytest

import claimcheck
from claimcheck.detection.page import CAPTION_LINE, dateline_party, find_datelines


@pytest.mark.parametrize(
    ("text", "names", "rest"),
    [
        ("PARIS, March 4 (Agency) - France expelled six.", ["PARIS"], "France"),
        ("OTTAWA [Canada], May 2 (Agency): Canada imposed", ["OTTAWA", "Canada"], "Canada"),
        ("MOSCOW, Oct 19. /Agency/. The Russian side said", ["MOSCOW"], "The"),
        ("VILNIUS, Lithuania (Northline) — Lithuania said", ["VILNIUS", "Lithuania"], "Lithuania"),
        ("BERLIN/PARIS - Germany and France", ["BERLIN", "PARIS"], "Germany"),
        ("Warsaw, March 23 (Baltic Wire) - Poland said", ["Warsaw"], "Poland"),
        ("BEIJING, Jan. 5 (Agency) -- China said", ["BEIJING"], "China"),
        ("NEW DELHI, India - officials said", ["NEW DELHI", "India"], "officials"),
    ],
)
def test_datelines_in_wire_forms(text, names, rest):
    (dateline,) = find_datelines(text)
    assert dateline.names == names
    assert text[dateline.end :].startswith(rest)


@pytest.mark.parametrize(
    "text",
    ["US - the talks", "Britain - a short history", "Sanctions: what we know", "EU: no deal"],
)
def test_headlines_with_a_dash_are_not_datelines(text):
    assert find_datelines(text) == []


def test_dateline_party_is_the_country_of_the_place():
    assert dateline_party(find_datelines("PARIS, March 4 (Agency) - x")) == "France"
    assert dateline_party(find_datelines("OTTAWA [Canada], May 2 (Agency): x")) == "Canada"
    assert dateline_party(find_datelines("NOWHEREVILLE - x")) is None


def test_a_dateline_is_never_the_actor_nor_the_place_and_names_an_unnamed_ministry():
    text = (
        "MOSCOW, March 4 (Agency) - The foreign ministry said on Friday it was expelling "
        "three Estonian diplomats."
    )
    (claim,) = claimcheck.detect(text, published="2023-03-10")
    assert claim.text.startswith("The foreign ministry")
    assert claim.slots.actor == "Russia" and claim.slots.target == "Estonia"
    assert claim.slots.place is None


@pytest.mark.parametrize(
    "line",
    [
        "Diplomats leave the embassy in Berlin on Monday. (Photo: J. Novak / Agency)",
        "Photo: Police outside the building where the attack took place",
        "Soldiers take part in drills near the border. REUTERS/Jane Doe",
        "FILE PHOTO: The embassy in Washington, 2021",
        "A protester holds a flag. (AP Photo/Sam Smith)",
    ],
)
def test_captions_and_credits_are_page_furniture(line):
    assert CAPTION_LINE.search(line)
    assert claimcheck.detect(line + "\n", published="2023-03-10") == []


def test_an_ordinary_paragraph_is_not_a_caption():
    line = "Britain expelled 23 Russian diplomats on Wednesday, the Foreign Office said."
    assert not CAPTION_LINE.search(line)
    assert [c.type for c in claimcheck.detect(line, published="2018-03-16")] == ["expulsion"]


def _texts_for_the_fast_searches():
    from ..conftest import fixture_articles

    texts = fixture_articles()
    texts += [
        "Ministers met.\nREUTERS\n\n  /File Photo of the meeting\nThe talks went on.",
        "Top: the envoy arrives\nABOVE - the hall\n(AP Photo/Jane Roe)\nMain image: x",
        "AFP \n Photo by someone\nPHOTOGRAPH: ıMAGE İMAGE ſaid Caption:\n\nCredit:\n x",
        "Nothing here at all",
        "",
        "/" * 300 + "\n" + " " * 50 + "\n" + "credit: " * 40,
        '“We left,” she ſaid. "It was over," they SAID; according to police it ended.',
    ]
    return texts


def test_captions_found_line_by_line_are_those_the_whole_text_search_finds():
    from claimcheck.detection.page import caption_ranges

    texts = _texts_for_the_fast_searches()
    found = 0
    for text in texts:
        expected = [(m.start(), m.end()) for m in CAPTION_LINE.finditer(text)]
        assert caption_ranges(text) == expected, text[:80]
        found += len(expected)
    assert found >= 10


def test_the_sentences_read_for_reported_speech_are_those_a_plain_search_finds():
    """The hint is looked up by token; a plain search over the text for the same words (and
    quotation marks) finds the same sentences."""
    import bisect
    import re

    from claimcheck.detection import get_pipeline, make_doc
    from claimcheck.detection.claims import QUOTE_HINT_WORDS
    from claimcheck.detection.sentences import Columns, sentence_starts

    assert {"said", "say", "saying", "told", "found", "according", '"'} <= QUOTE_HINT_WORDS
    words = sorted((w for w in QUOTE_HINT_WORDS if w.isalpha()), key=len, reverse=True)
    plain = re.compile(r"(?i)[\"“”]|\b(?:" + "|".join(words) + r")\b")
    nlp = get_pipeline()
    detector = nlp.get_pipe("claimcheck_claims")
    found = 0
    for text in _texts_for_the_fast_searches():
        doc = nlp(make_doc(nlp, text))
        if len(doc) == 0:
            continue
        starts = sentence_starts(doc)
        columns = Columns.of(doc)
        expected = set()
        for m in plain.finditer(text):
            if m.group(0).isalpha() and m.group(0).lower() not in QUOTE_HINT_WORDS:
                continue  # "ſaid": a case fold of Python's, not a word of the text
            token = max(bisect.bisect_right(columns.idx, m.start()) - 1, 0)
            expected.add(int((starts <= token).sum()) - 1)
        assert detector._quote_sentences(doc, text, starts, [], columns) == expected, text[:80]
        found += len(expected)
    assert found > 300


def test_the_case_folds_are_every_non_ascii_letter_case_insensitive_matching_takes():
    """``starting_with`` lists, besides a letter's two cases, the characters Python's
    case-insensitive matching takes for it; checked on every code point."""
    import re

    from claimcheck.detection.text_rules import CASE_FOLDS

    letter = re.compile(r"(?i)[a-z]")
    folds = {}
    for code in range(0x110000):
        char = chr(code)
        if not char.isascii() and letter.fullmatch(char):
            owner = next(c for c in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(f"(?i){c}", char))
            folds[owner] = folds.get(owner, "") + char
    assert folds == CASE_FOLDS


def test_navigation_lines_are_looked_for_only_in_texts_with_their_separators():
    from claimcheck.detection import text_rules as tr
    from claimcheck.detection.page import NAV_MARKS, boilerplate_ranges

    assert f"[ \\t][{NAV_MARKS}][ \\t]" in tr.NAV_LINE.pattern
    nav = "News › World › Europe\nTroops left the town on Monday."
    assert boilerplate_ranges(nav) == [(0, 21)]
    assert boilerplate_ranges("Home - World - Europe\nTroops left the town.") == []
    # a bulleted summary is a list of sentences, not one navigation line across its breaks
    bullets = "Summary\n• Troops left the town\n• The border was closed\n• Talks resumed"
    assert boilerplate_ranges(bullets) == []
