"""Linking claims to the reference pack: ranking, signals, suggestions, failures."""

from __future__ import annotations

import json

import pytest

import claimcheck
from claimcheck.link import _count_gap, link
from claimcheck.model import Claim
from claimcheck.sources import Source
from claimcheck.sources.pack import load_pack


def linked(text: str, published: str):
    return link(claimcheck.detect(text, published=published), published=published)


def kinds(evidence):
    return {s.kind: s.verdict for s in evidence.signals}


def test_a_correct_claim_finds_its_event_and_agrees():
    (claim,) = linked("Britain expelled 23 Russian diplomats on 14 March.", "2018-03-20")
    best = claim.evidence[0]
    assert best.record_id == "exp-2018-03-14-uk-ru"
    assert best.publisher == "UK Prime Minister's Office"  # the primary source comes first
    assert best.url.startswith("https://www.gov.uk/")
    assert kinds(best) == {"date": "agrees", "count": "agrees", "actors": "agrees"}
    assert claim.suggestion.verdict == "true"


def test_metonyms_and_treaty_names_drive_ranking():
    (claim,) = linked(
        "On Friday Washington formally withdrew from the Intermediate-Range Nuclear Forces Treaty.",
        "2019-08-03",
    )
    assert claim.evidence[0].record_id == "treaty-2019-08-02-us-inf-exit"
    assert claim.suggestion.verdict in ("true", "mostly_true")


def test_a_wrong_count_is_pointed_out():
    (near,) = linked("Britain expelled 32 Russian diplomats on 14 March.", "2018-03-20")
    signals = kinds(near.evidence[0])
    assert signals["count"] == "differs" and signals["date"] == "agrees"
    assert near.suggestion.verdict == "misleading"  # 32 against 23: 39 % off
    assert "the record says 23" in near.suggestion.reason
    (far,) = linked("Britain expelled 50 Russian diplomats on 14 March.", "2018-03-20")
    assert far.suggestion.verdict == "false"  # more than half off


def test_a_wrong_date_is_pointed_out_when_the_record_is_the_same_event():
    (claim,) = linked(
        "The European Union adopted its sixth package of sanctions against Russia in May 2022.",
        "2022-06-10",
    )
    best = claim.evidence[0]
    assert best.record_id == "sanc-2022-06-03-eu-package-6"
    assert kinds(best)["round"] == "agrees" and kinds(best)["date"] == "differs"
    assert claim.suggestion.verdict == "misleading"


@pytest.mark.parametrize(
    ("claimed", "qualifier", "recorded", "record_qualifier", "agrees"),
    [
        (151, None, 150, "more than", True),
        (150, None, 150, "more than", False),  # "more than 150" is 151 or more
        (150, "about", 140, None, True),
        (150, "about", 120, None, False),
        (160, None, 140, "about", False),
        (145, None, 150, "about", True),
        (200, "more than", 150, "over", True),
        (100, "fewer than", 150, "over", False),
        (140, None, 150, "nearly", True),
        (160, None, 150, "up to", False),
        (12, "at least", 12, None, True),
    ],
)
def test_count_qualifiers_count_on_both_sides(
    claimed, qualifier, recorded, record_qualifier, agrees
):
    assert (_count_gap(claimed, qualifier, recorded, record_qualifier) == 0) is agrees


def test_a_count_agrees_with_a_records_lower_bound_and_with_its_parts():
    said = "In a coordinated response on 26 March, Western countries expelled {} Russian diplomats."
    (claim,) = linked(said.format(151), "2018-03-30")
    best = claim.evidence[0]
    assert best.record_id == "exp-2018-03-26-coordinated"
    assert kinds(best)["count"] == "agrees"
    (low,) = linked(said.format(60), "2018-03-30")
    record = next(e for e in low.evidence if e.record_id == "exp-2018-03-26-coordinated")
    count = next(s for s in record.signals if s.kind == "count")
    assert count.verdict == "differs" and "the record says over 150" in count.detail
    # 4 declared persona non grata and 46 told to leave: either part, or the 50, agrees
    for text in (
        "The United States on Thursday expelled four Russian diplomats.",
        "The United States on Thursday ordered 50 Russian diplomats to leave.",
    ):
        (part,) = linked(text, "2001-03-24")
        assert part.evidence[0].record_id == "exp-2001-03-22-us-ru"
        assert kinds(part.evidence[0])["count"] == "agrees", text
        assert part.suggestion.verdict == "true"


def test_swapped_actor_and_target():
    (claim,) = linked("Russia expelled 23 British diplomats on 14 March.", "2018-03-20")
    best = next(e for e in claim.evidence if e.record_id == "exp-2018-03-14-uk-ru")
    assert kinds(best)["actors"] == "swapped"


def test_only_or_first_is_checked_against_earlier_events():
    claims = linked(
        "For the first time, the United States expelled 60 Russian diplomats on 26 March.",
        "2018-03-30",
    )
    (claim,) = [c for c in claims if c.type == "expulsion"]
    assert kinds(claim.evidence[0])["uniqueness"] == "differs"
    assert claim.suggestion.verdict == "misleading"


def test_records_after_the_article_are_never_evidence():
    (claim,) = linked("Russia suspended its participation in the CFE Treaty.", "2008-01-10")
    assert all(e.date <= "2008-01-10" for e in claim.evidence)
    assert claim.evidence[0].record_id.startswith("treaty-2007")


def test_an_event_missing_from_the_pack_is_unverifiable_not_false():
    (claim,) = linked("Ruritania expelled 4 Graustark diplomats on 2 May.", "2019-05-05")
    assert claim.suggestion.verdict == "unverifiable"


class Broken(Source):
    name = "broken"

    def lookup(self, claim, published=None):
        raise TimeoutError("read timed out after 10 s")


def test_a_failing_source_is_recorded_and_the_others_go_on():
    claims = claimcheck.detect("Britain expelled 23 Russian diplomats on 14 March.", "2018-03-20")
    (claim,) = link(claims, sources=["pack", Broken()], published="2018-03-20")
    assert claim.evidence and claim.suggestion.verdict == "true"
    assert "broken: TimeoutError: read timed out" in claim.suggestion.reason


def test_linked_claims_round_trip_and_unlinked_ones_stay_unchanged():
    (claim,) = linked("Britain expelled 23 Russian diplomats on 14 March.", "2018-03-20")
    again = Claim.from_dict(json.loads(json.dumps(claim.to_dict())))
    assert again.to_dict() == claim.to_dict() and again.evidence
    plain = claimcheck.detect("Britain expelled 23 Russian diplomats on 14 March.", "2018-03-20")[0]
    assert "evidence" not in plain.to_dict()


def test_scan_link_json(run_cli):
    result = run_cli(
        "scan",
        "-",
        "--published",
        "2018-03-20",
        "--link",
        "--offline",
        "--format",
        "json",
        stdin=b"Britain expelled 23 Russian diplomats on 14 March.",
    )
    assert result.returncode == 0, result.stderr
    (claim,) = json.loads(result.stdout)["claims"]
    evidence = claim["evidence"][0]
    assert set(evidence) >= {
        "source",
        "title",
        "publisher",
        "url",
        "date",
        "snippet",
        "score",
        "signals",
    }
    assert claim["suggestion"]["verdict"] == "true"
    bad = run_cli("scan", "-", "--link", "--sources", "nowhere", stdin=b"Britain expelled 23.")
    assert bad.returncode == 2 and b"unknown source 'nowhere'" in bad.stderr


def test_people_and_institutions_act_for_their_country():
    (claim,) = linked(
        "President Barack Obama on Thursday expelled 35 Russian diplomats.", "2016-12-30"
    )
    best = claim.evidence[0]
    assert best.record_id == "exp-2016-12-29-us-ru"
    assert kinds(best)["actors"] == "agrees"  # Obama acts for the United States
    assert claim.suggestion.verdict == "true"


def test_an_announcement_is_not_contradicted_by_its_completion():
    (claim,) = linked("France said on Monday it would expel 35 Russian diplomats.", "2022-04-06")
    assert claim.evidence[0].record_id == "exp-2022-04-04-fr-ru"
    assert "status" not in kinds(claim.evidence[0])


def test_statements_say_what_would_check_them():
    claims = linked(
        "Inflation rose to 7.2 per cent in March, the statistics office said. "
        '"We will not be intimidated," the foreign minister said.',
        "2022-04-20",
    )
    by_type = {c.type: c for c in claims}
    stat = by_type["statistic"]
    assert stat.suggestion.verdict == "unverifiable"
    assert "official series" in stat.suggestion.reason
    assert not [e for e in stat.evidence if e.source == "pack"]  # no event stands in for a figure


def test_a_record_claim_about_expulsions_is_set_against_the_packs_largest():
    claims = linked(
        "It was the largest expulsion of Russian diplomats since 1986, officials said.",
        "2018-03-30",
    )
    (claim,) = [c for c in claims if c.type == "comparison"]
    best = claim.evidence[0]
    assert best.source == "pack" and best.date >= "1986" and best.date <= "2018-03-30"
    assert kinds(best) == {"record": "unknown"}
    done_to_russia = [
        r
        for r in load_pack().by_type["expulsion"]
        if "Russia" in r.targets and "1986" <= r.date <= "2018-03-30" and r.count
    ]
    largest = max(done_to_russia, key=lambda r: r.count)
    assert (
        best.record_id == largest.id
        and f"{largest.count} on {largest.date}" in claim.suggestion.reason
    )
    assert "since 1986" in claim.suggestion.reason


def test_a_negated_or_denied_event_is_never_true_against_the_record_of_it():
    (negated,) = linked("Britain did not expel 23 Russian diplomats on 14 March.", "2018-03-20")
    assert negated.slots.status == "not_done"
    assert negated.suggestion.verdict == "false"
    assert kinds(negated.evidence[0])["happened"] == "differs"
    (denied,) = linked("Moscow denied expelling 23 British diplomats on 17 March.", "2018-03-20")
    assert denied.slots.status == "denied" and denied.suggestion.verdict == "false"
    (undated,) = linked("Washington has not withdrawn from the INF Treaty.", "2019-08-03")
    assert undated.suggestion.verdict == "false" and "2019-08-02" in undated.suggestion.reason
    # before the withdrawal took effect the record has no such event: nothing contradicts it
    (earlier,) = linked("Washington has not withdrawn from the INF Treaty.", "2019-01-03")
    assert earlier.suggestion.verdict != "false"
    assert "happened" not in kinds(earlier.evidence[0])


def test_a_claim_links_to_the_stage_of_a_treaty_exit_it_states():
    (notice,) = linked(
        "The Trump administration on Monday formally notified the United Nations that the "
        "United States would withdraw from the Paris Agreement.",
        "2019-11-06",
    )
    assert notice.evidence[0].record_id == "treaty-2019-11-04-us-paris-notice"
    assert kinds(notice.evidence[0])["stage"] == "agrees"
    (effective,) = linked(
        "The United States formally withdrew from the Paris Agreement on Wednesday.", "2020-11-05"
    )
    assert effective.evidence[0].record_id == "treaty-2020-11-04-us-paris-exit"
    (suspended,) = linked("In February 2023 Russia suspended its part in New START.", "2023-06-01")
    assert suspended.evidence[0].record_id.startswith("treaty-2023-02-2")
    assert kinds(suspended.evidence[0])["stage"] == "agrees"


def test_a_called_off_summit_links_to_the_cancellation():
    (claim,) = linked(
        "Trump called off his meeting with Putin at the G20 in Buenos Aires.", "2018-12-01"
    )
    assert claim.evidence[0].record_id == "summit-2018-11-29-buenos-aires-cancelled"
    assert kinds(claim.evidence[0])["status"] == "agrees"
    assert claim.suggestion.verdict in ("true", "mostly_true")


def test_people_places_and_names_identify_the_event():
    (murder,) = linked(
        "Britain wants to try Lugovoi for the murder of Alexander Litvinenko.", "2007-07-20"
    )
    assert murder.evidence[0].record_id == "attack-2006-11-01-litvinenko"
    claims = linked(
        "Prague said Russian agents were behind explosions at an ammunition depot in Vrbetice in "
        "2014 that killed two people.",
        "2021-04-18",
    )
    (depot,) = [c for c in claims if c.type == "attack"]
    assert depot.evidence[0].record_id == "attack-2014-10-16-vrbetice"  # "Vrbětice" in the pack
    (bucha,) = linked("The killings of civilians in Bucha shocked Europe.", "2022-04-06")
    assert bucha.evidence[0].record_id == "attack-2022-03-bucha"
    assert kinds(bucha.evidence[0])["names"] == "agrees"
    assert bucha.suggestion.verdict in ("true", "mostly_true")


def test_a_treaty_named_beside_an_exercise_does_not_count_against_it():
    claims = linked(
        "Moscow and Minsk said 12,700 troops took part in the Zapad exercises, below the "
        "threshold at which observers must be invited under the Vienna Document.",
        "2017-09-21",
    )
    (drill,) = [c for c in claims if c.type == "military"]
    assert drill.evidence[0].record_id == "mil-2017-09-14-zapad"


def test_a_date_a_day_off_with_the_same_count_is_the_event_misdated():
    (claim,) = linked(
        "On Thursday the Treasury added 15 officers of Russia's military intelligence agency to "
        "its sanctions list.",
        "2018-12-22",
    )
    best = claim.evidence[0]
    assert best.record_id == "sanc-2018-12-19-us-gru"
    assert kinds(best)["date"] == "differs" and kinds(best)["count"] == "agrees"
    assert claim.suggestion.verdict == "misleading" and "1 day(s) apart" in claim.suggestion.reason


def test_the_nearest_record_is_named_and_a_date_outside_the_records_is_said():
    (claim,) = linked("The United States withdrew from the INF Treaty in 2015.", "2026-11-28")
    assert claim.evidence, "a claim with a known type and treaty always gets the nearest record"
    assert claim.evidence[0].record_id == "treaty-2019-08-02-us-inf-exit"
    assert claim.suggestion.verdict == "unverifiable"
    reason = claim.suggestion.reason
    assert "the nearest is 2019-08-02" in reason
    assert "before every treaty exit record of the INF in the reference pack" in reason
    (late,) = linked("Russia suspended its participation in the CFE Treaty in 2030.", "2031-01-01")
    assert "after every treaty exit record of the CFE" in late.suggestion.reason
    (party,) = linked("Russia expelled three Estonian diplomats in 1995.", "1995-12-31")
    # every Russian expulsion in the pack is later than the article: none can be evidence
    assert not party.evidence and party.suggestion.verdict == "unverifiable"
    assert "before every expulsion record involving" in party.suggestion.reason
    (later,) = linked("Russia expelled three Estonian diplomats in 1995.", "2026-11-28")
    assert later.evidence and "the earliest is 2001-03-22" in later.suggestion.reason


def test_the_right_side_wins_over_the_swapped_record_when_both_exist():
    # Germany expelled 40 on 4 April, Russia answered with 40 on 25 April
    (claim,) = linked("On 4 April Russia expelled 40 German diplomats.", "2022-05-01")
    assert claim.evidence[0].record_id == "exp-2022-04-25-ru-de"
    assert kinds(claim.evidence[0])["actors"] == "agrees"
    swapped = next(e for e in claim.evidence if e.record_id == "exp-2022-04-04-de-ru")
    assert kinds(swapped)["actors"] == "swapped"


def test_every_claim_of_the_sample_article_links_to_its_own_event():
    claims = linked(claimcheck.sample_article(), "2018-12-22")
    tops = {c.text[:40]: (c.evidence[0].record_id if c.evidence else None) for c in claims}
    expected = {
        "The attack on Sergei Skripal shaped rela": "attack-2018-03-04-skripal",
        "a nerve agent attack on the former Russi": "attack-2018-03-04-skripal",
        "the two countries expelled large numbers": "exp-2018-03-14-uk-ru",
        "Washington imposed multiple rounds of sa": "sanc-2018-08-08-us-cbw",
        "Britain expelled 23 Russian diplomats on": "exp-2018-03-14-uk-ru",
        "Moscow answered by expelling the same nu": "exp-2018-03-17-ru-uk",
        "ordered the British Council to stop work": "policy-2018-03-17-ru-british-council",
        "On 26 March the United States expelled 6": "exp-2018-03-26-us-ru",
        "closed the Russian consulate in Seattle": "policy-2018-03-26-us-seattle-consulate",
        "In all, more than 25 countries expelled ": "exp-2018-03-26-coordinated",
        "In August the State Department imposed s": "sanc-2018-08-08-us-cbw",
        "On Thursday the Treasury added 15 office": "sanc-2018-12-19-us-gru",
        "Earlier in the week, Washington said it ": "treaty-2018-12-04-us-inf-ultimatum",
    }
    for start, record in expected.items():
        assert tops.get(start) == record, (start, tops.get(start))


def test_a_person_named_keeps_the_record_about_them_among_the_candidates():
    # "agent of Russia" names Russia, but the record of the plea is about Maria Butina
    (claim,) = linked(
        "Maria Butina pleaded guilty on December 13 to conspiring to act as an agent of Russia.",
        "2018-12-21",
    )
    assert claim.evidence[0].record_id == "legal-2018-12-13-butina-plea"
    assert claim.suggestion.verdict in ("true", "mostly_true")


def test_records_after_the_article_do_not_narrow_the_candidates():
    from datetime import date

    pack = load_pack()
    # "Paris" stands for France; the only French summit of those years came after the article
    found = pack.candidates("summit", {"France"}, None, range(2017, 2020), date(2018, 12, 21))
    assert found and all(r.span[0] <= date(2018, 12, 21) for r in found)
    assert "summit-2018-11-paris-dropped" in {r.id for r in found}
