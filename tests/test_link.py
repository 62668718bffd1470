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
