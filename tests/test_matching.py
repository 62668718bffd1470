"""Matching claims against earlier reviews: the rules, the wording score, the index, the store."""

from __future__ import annotations

import json

import pytest

from claimcheck.matching import ReviewedClaim, ReviewIndex, conflict, features, similarity
from claimcheck.matching.compare import content_words, count_range
from claimcheck.model import Claim, DateValue, ReviewRef, Slots
from claimcheck.sources.pack import PackError
from claimcheck.workbench import Workbench

from .conftest import MAY_EXPELS, MOSCOW_ANSWERS


def day(iso: str, text: str | None = None) -> DateValue:
    return DateValue(text or iso, iso, iso, "day")


def month(iso: str) -> DateValue:
    import calendar

    year, number = int(iso[:4]), int(iso[5:7])
    last = calendar.monthrange(year, number)[1]
    return DateValue(iso, f"{iso}-01", f"{iso}-{last:02d}", "month")


def feat(text, claim_type="expulsion", published="2018-03-30", **slots):
    return features(claim_type, text, Slots(**slots), published)


UK_23 = dict(actor="Britain", target="Russia", count=23, date=day("2018-03-14"))


def test_the_same_expulsion_told_in_other_words_matches():
    a = feat("Britain expelled 23 Russian diplomats on March 14", **UK_23)
    b = feat(
        "London had ordered 23 Russian diplomats to leave on Wednesday",
        actor="London",
        target="Russian",
        count=23,
        date=day("2018-03-14", "on Wednesday"),
    )
    assert conflict(a, b) is None
    assert similarity(a, b) >= 0.5


@pytest.mark.parametrize(
    "other, why",
    [
        # the same parties the other way round: Moscow's answer, not London's expulsion
        (dict(actor="Moscow", target="Britain", count=23, date=day("2018-03-17")), "round"),
        # the same type and target, another actor
        (
            dict(actor="the United States", target="Russia", count=23, date=day("2018-03-14")),
            "other actors",
        ),
        # the same parties, another date (Litvinenko, 2007)
        (dict(actor="Britain", target="Russia", count=23, date=day("2007-07-16")), "date"),
        # another count
        (dict(actor="Britain", target="Russia", count=4, date=day("2018-03-14")), "count"),
        # a denial of it
        (
            dict(actor="Britain", target="Russia", status="denied", date=day("2018-03-14")),
            "did not happen",
        ),
    ],
)
def test_near_misses_are_ruled_out(other, why):
    a = feat("Britain expelled 23 Russian diplomats", **UK_23)
    b = feat("Britain expelled 23 Russian diplomats", **other)
    assert why in conflict(a, b)


def test_another_type_or_no_party_in_common_is_ruled_out():
    a = feat("Britain expelled 23 Russian diplomats", **UK_23)
    assert conflict(a, feat("Britain sanctioned Russia", "sanctions", **UK_23)) == "another type"
    poland = feat("Poland expelled 45 diplomats", actor="Poland", count=23)
    assert conflict(a, poland) == "no party in common"


def test_a_person_counts_for_the_country_they_act_for():
    a = feat(
        "President Barack Obama expelled 35 Russian diplomats",
        actor="President Barack Obama",
        target="Russian",
        count=35,
        date=day("2016-12-29"),
        published="2016-12-30",
    )
    b = feat(
        "The United States expelled 35 Russian diplomats",
        actor="The United States",
        target="Russian",
        count=35,
        date=day("2016-12-29"),
        published="2016-12-30",
    )
    assert "United States" in a.actors
    assert conflict(a, b) is None and similarity(a, b) > 0.7


@pytest.mark.parametrize(
    "count, qualifier, other, other_qualifier, agree",
    [
        (150, "more than", 151, None, True),
        (150, "more than", 150, None, False),
        (150, "over", 200, "at least", True),
        (60, "about", 58, None, True),
        (60, "nearly", 61, None, False),
        (60, "nearly", 55, None, True),
        (10, "up to", 12, None, False),
        (23, "another", 23, None, True),
        (23, None, 60, None, False),
    ],
)
def test_counts_agree_with_their_qualifiers(count, qualifier, other, other_qualifier, agree):
    a, b = count_range(count, qualifier), count_range(other, other_qualifier)
    assert (a[0] <= b[1] and b[0] <= a[1]) is agree


def test_date_tolerance_grows_with_precision():
    base = feat("Britain expelled 23 Russian diplomats", **UK_23)
    two_days = feat("x", actor="Britain", target="Russia", count=23, date=day("2018-03-16"))
    five_days = feat("x", actor="Britain", target="Russia", count=23, date=day("2018-03-19"))
    assert conflict(base, two_days) is None
    assert conflict(base, five_days) == "another date"
    # "in March" covers the 14th; "in April" lies beyond a month's tolerance
    march = feat("x", actor="Britain", target="Russia", count=23, date=month("2018-03"))
    april = feat("x", actor="Britain", target="Russia", count=23, date=month("2018-05"))
    assert conflict(base, march) is None
    assert conflict(base, april) == "another date"


def test_an_undated_claim_stands_for_the_year_before_its_article():
    dated = feat("Britain expelled 23 Russian diplomats", **UK_23)
    headline = feat(
        "May expels 23 Russian diplomats",
        actor="Britain",
        target="Russia",
        count=23,
        published="2018-03-15",
    )
    years_later = feat(
        "Britain expels 23 Russian diplomats",
        actor="Britain",
        target="Russia",
        count=23,
        published="2021-03-15",
    )
    assert headline.span[1].isoformat() == "2018-03-15" and not headline.dated
    assert conflict(dated, headline) is None
    assert conflict(dated, years_later) == "another date"


def test_a_suspension_and_an_exit_are_two_stages():
    suspended = feat("x", "treaty_withdrawal", actor="US", treaty="INF", status="suspended")
    left = feat("x", "treaty_withdrawal", actor="US", treaty="INF", status="completed")
    announced = feat("x", "treaty_withdrawal", actor="US", treaty="INF", status="announced")
    assert conflict(suspended, left) == "another stage"
    assert conflict(left, announced) is None  # "will leave" and "left": one act


def test_wording_score_ranks_paraphrase_above_a_vaguer_claim():
    a = feat("Britain expelled 23 Russian diplomats", **UK_23)
    same = feat("Britain expelled 23 Russian diplomats", **UK_23)
    paraphrase = feat("The UK threw out 23 Russian diplomats", **UK_23)
    vague = feat("Britain said it would respond", actor="Britain")
    assert similarity(a, same) == pytest.approx(1.0)
    assert 0.5 < similarity(a, paraphrase) < 1.0
    assert conflict(a, vague) is None and similarity(a, vague) < 0.5


def test_content_words_are_lemmas_without_names_dates_or_stop_words():
    words = content_words("On Wednesday, London ordered 23 Russian diplomats out, May said.")
    assert words == {"order", "#23", "diplomat"}
    assert content_words("the expulsions") == content_words("expelled")


def reviewed(key, text, claim_type="expulsion", published="2018-03-30", **slots):
    review = ReviewRef("false", "False", "ana", "2019-03-02T10:00:00+00:00", "a rationale")
    return ReviewedClaim(key, claim_type, text, Slots(**slots), published, review)


def test_the_index_compares_only_claims_of_the_type_party_and_year():
    index = ReviewIndex(
        [
            reviewed("a", "Britain expelled 23 Russian diplomats", **UK_23),
            reviewed(
                "b",
                "Poland expelled 45 Russian diplomats",
                actor="Poland",
                target="Russia",
                date=day("2022-03-23"),
            ),
            reviewed("c", "Britain sanctioned Russia", "sanctions", **UK_23),
            reviewed(
                "d",
                "Germany expelled 2 Russian diplomats",
                actor="Germany",
                target="Russia",
                date=day("2019-12-04"),
            ),
        ]
    )
    claim = Claim(
        "expulsion", "London ordered 23 Russian diplomats out", 0, 10, slots=Slots(**UK_23)
    )
    mine = features(claim.type, claim.text, claim.slots, "2018-03-20")
    assert [c.key for c in index.candidates(mine)] == ["a"]
    assert [m.reviewed.key for m in index.match(claim, "2018-03-20")] == ["a"]
    assert index.match(claim, "2018-03-20", exclude=["a"]) == []
    index.remove("a")
    assert len(index) == 3 and index.match(claim, "2018-03-20") == []


FIRST, SECOND = MAY_EXPELS, MOSCOW_ANSWERS


@pytest.fixture
def wb(tmp_path):
    with Workbench(tmp_path / "reviews.sqlite", reviewer="ana") as bench:
        yield bench


def reviews_of(claim):
    return [e for e in claim.evidence or [] if e.source == "reviews"]


def test_a_new_article_shows_the_earlier_verdict(wb, tmp_path):
    first = wb.add_article(FIRST, "2018-03-14", title="May's expulsions")
    target = next(c for c in first.claims if "will expel" in c.text)
    wb.set_verdict(target.id, "false", "<b>ana's</b> rationale: the record says 23")
    second = wb.add_article(SECOND, "2018-03-17", title="Moscow answers")
    london = next(c for c in second.claims if c.text.startswith("London had ordered"))
    russia = next(c for c in second.claims if c.text.startswith("Russia said"))
    assert reviews_of(russia) == []  # the other way round: Moscow's own expulsion
    (match,) = [e for e in reviews_of(london) if e.review.claim_id == target.id]
    assert match.title.startswith("Reviewed before: False on ")
    assert match.review.reviewer == "ana" and match.review.label == "false"
    assert match.review.rationale == "<b>ana's</b> rationale: the record says 23"
    assert (match.review.article_id, match.review.local) == (first.id, True)
    assert match.review.article_title == "May's expulsions"
    assert {s.kind for s in match.signals} >= {"wording", "date", "count"}
    # the suggestion still comes from the records, not from the earlier verdict
    with Workbench(tmp_path / "plain.sqlite", match_reviews=False) as plain:
        alone = plain.add_article(SECOND, "2018-03-17")
    assert [c.suggestion for c in alone.claims] == [c.suggestion for c in second.claims]


def test_refresh_matches_follows_the_verdicts(wb):
    first = wb.add_article(FIRST, "2018-03-14")
    second = wb.add_article(SECOND, "2018-03-17")
    london = next(c for c in second.claims if c.text.startswith("London had ordered"))
    assert reviews_of(wb.claim(london.id)) == []  # nothing was reviewed when it came in
    for claim in first.claims:
        wb.set_verdict(claim.id, "true", "it happened")
    assert wb.refresh_matches(second.id) >= 1
    assert {e.review.claim_id for e in reviews_of(wb.claim(london.id))} <= {
        c.id for c in first.claims
    }
    assert reviews_of(wb.claim(london.id))
    # a claim never matches its own review; another claim of its article may match it
    wb.set_verdict(london.id, "true", "so it was")
    wb.refresh_matches()
    for claim in wb.claims(first.id):
        assert claim.id not in {e.review.claim_id for e in reviews_of(claim)}
    assert any(
        london.id == e.review.claim_id for c in first.claims for e in reviews_of(wb.claim(c.id))
    )
    # a verdict taken back takes its matches with it (the index follows the history)
    for claim in first.claims:
        wb.clear_verdict(claim.id)
    wb.refresh_matches(second.id)
    assert reviews_of(wb.claim(london.id)) == []


def test_a_correction_keeps_the_matches_and_the_suggestion_from_the_records(wb):
    first = wb.add_article(FIRST, "2018-03-14")
    target = next(c for c in first.claims if "will expel" in c.text)
    wb.set_verdict(target.id, "false", "checked")
    second = wb.add_article(SECOND, "2018-03-17")
    london = next(c for c in second.claims if c.text.startswith("London had ordered"))
    before = wb.claim(london.id)
    assert reviews_of(before)
    after = wb.correct_slots(london.id, place="London")
    assert [e.review.claim_id for e in reviews_of(after)] == [
        e.review.claim_id for e in reviews_of(before)
    ]
    assert after.suggestion == before.suggestion
    other = wb.correct_slots(london.id, count=60)  # now another count: no longer a match
    assert reviews_of(other) == []


def test_matching_can_be_turned_off(tmp_path):
    with Workbench(tmp_path / "s.sqlite", match_reviews=False) as wb:
        first = wb.add_article(FIRST, "2018-03-14")
        for claim in first.claims:
            wb.set_verdict(claim.id, "false")
        second = wb.add_article(SECOND, "2018-03-17")
        assert not any(reviews_of(c) for c in second.claims)
        assert wb.refresh_matches() == 0


def review_line(**changes):
    entry = {
        "id": "newsroom-c7",
        "type": "expulsion",
        "text": "Britain expelled 23 Russian diplomats on 14 March",
        "slots": {
            "actor": "Britain",
            "target": "Russia",
            "count": 23,
            "date": {
                "text": "14 March",
                "start": "2018-03-14",
                "end": "2018-03-14",
                "precision": "day",
            },
        },
        "verdict": "mostly_true",
        "verdict_label": "Mostly true",
        "reviewer": "ben",
        "reviewed_at": "2019-03-02T09:00:00+00:00",
        "rationale": "the record says 23 on 14 March",
        "article": {
            "id": 3,
            "title": "Salisbury",
            "published": "2018-03-15",
            "url": "https://example.org/salisbury",
        },
        "claim": 7,
        "store": "newsroom.sqlite",
    }
    entry.update(changes)
    return json.dumps({"review": entry})


def test_reviews_from_a_pack_exported_elsewhere_are_matched(tmp_path):
    pack = tmp_path / "newsroom-pack.jsonl"
    pack.write_text(review_line() + "\n", encoding="utf-8")
    with Workbench(tmp_path / "s.sqlite", packs=[pack]) as wb:
        second = wb.add_article(SECOND, "2018-03-17")
    london = next(c for c in second.claims if c.text.startswith("London had ordered"))
    (match,) = reviews_of(london)
    assert match.review.store == "newsroom.sqlite" and not match.review.local
    assert match.title.startswith("Reviewed before: Mostly true on 2019-03-02 by ben")
    assert match.url == "https://example.org/salisbury"
    assert match.publisher == "a review exported from newsroom.sqlite"


def test_a_bad_review_line_is_refused_with_its_file_and_line(tmp_path):
    pack = tmp_path / "p.jsonl"
    pack.write_text(review_line() + "\n" + review_line(reviewed_at="yesterday") + "\n")
    with pytest.raises(PackError, match=r"p\.jsonl:2: .*reviewed_at"):
        Workbench(tmp_path / "s.sqlite", packs=[pack])
    assert not (tmp_path / "s.sqlite").exists()  # nothing was opened
    pack.write_text(review_line() + "\n" + review_line() + "\n")
    with pytest.raises(PackError, match=r"p\.jsonl:2: review id 'newsroom-c7' is used twice"):
        Workbench(tmp_path / "s.sqlite", packs=[pack])


def test_an_import_into_another_store_moves_the_review_links(wb, tmp_path):
    first = wb.add_article(FIRST, "2018-03-14")
    for claim in first.claims:
        wb.set_verdict(claim.id, "false", "checked")
    second = wb.add_article(SECOND, "2018-03-17")
    data = wb.dump()
    with Workbench(tmp_path / "other.sqlite") as other:
        other.add_article("Something else happened.\n\nBritain expelled 4 Russian diplomats.")
        mapping = other.load(data)
        london = next(
            c for c in other.claims(mapping[second.id]) if c.text.startswith("London had")
        )
        (match, *_) = reviews_of(london)
        assert match.review.article_id == mapping[first.id]
        assert other.claim(match.review.claim_id).article_id == mapping[first.id]
    with Workbench(tmp_path / "partial.sqlite") as partial:
        moved = partial.load(wb.dump([second.id]))
        london = next(c for c in partial.claims(moved[second.id]) if c.text.startswith("London"))
        (match, *_) = reviews_of(london)
        assert match.review.store == "the store the import came from"
        assert not match.review.local


def test_an_exercise_pack_does_not_take_a_match_as_the_key_evidence(wb):
    from claimcheck.workshop import ExercisePack

    first = wb.add_article(FIRST, "2018-03-14")
    for claim in first.claims:
        wb.set_verdict(claim.id, "false", "checked")
    second = wb.add_article(SECOND, "2018-03-17")
    london = next(c for c in second.claims if c.text.startswith("London had ordered"))
    wb.set_linking(london.id, [], None)  # no record in the sources: only the match is left
    wb.refresh_matches(second.id)
    assert {e.source for e in wb.claim(london.id).evidence} == {"reviews"}
    wb.set_verdict(london.id, "true", "it happened")
    pack = ExercisePack.from_store(wb, "ana", "Expulsions")
    assert all(e.source != "reviews" for key in pack.key for e in key.evidence)
