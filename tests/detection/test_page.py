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
