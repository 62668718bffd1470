"""Reports tell the truth: the note on method counts what the store holds, disagreement between
reviewers is shown per claim and in the summary, a missing rationale is said to be missing, and
a claim added by hand is not described as searched for in vain."""

from __future__ import annotations

import csv
import io
import re

import pytest

from claimcheck import DEFAULT_SCALE, report
from claimcheck.store import Store
from claimcheck.workbench import Workbench

ARTICLE = (
    "Britain expelled 23 Russian diplomats on 14 March 2018.\n\n"
    "Moscow expelled 23 British diplomats on 17 March 2018.\n\n"
    "The United States expelled 60 Russian diplomats on 26 March 2018.\n\n"
    "Analysts said the embassy in Washington would stay open."
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("truth") / "s.sqlite"
    with Workbench(path, reviewer="ana") as wb:
        article = wb.add_article(ARTICLE, "2018-03-30", title="Expulsions")
        a, b, c = article.claims[:3]
        wb.set_verdict(a.id, "true", "the record agrees", reviewer="ana")
        wb.set_verdict(a.id, "false", "the record says 24", reviewer="ben")
        wb.set_verdict(b.id, "false", reviewer="ana")  # no rationale
        wb.set_verdict(b.id, "false", reviewer="ben")  # agrees, no rationale
        wb.correct_slots(c.id, count=61)
        start = ARTICLE.index("the embassy in Washington would stay open")
        # Stored without linking, as claims added by hand were before Workbench.add_claim
        # linked them (their stores still hold such claims).
        Store.add_claim(wb, article.id, start, start + 41, "policy")
        rejected = wb.add_claim(article.id, 0, 7, "policy")
        wb.reject_claim(rejected.id, "not a claim")
    return path


@pytest.fixture
def wb(store):
    with Workbench(store) as bench:
        yield bench


def test_the_note_on_method_counts_what_the_store_holds(wb):
    method = report.collect(wb).method()
    assert (method.claims, method.decided, method.verdicts, method.rationales) == (4, 2, 4, 2)
    assert (method.reviewers, method.added, method.corrected) == (2, 1, 1)
    assert method.rejected == 0  # the rejected claim was added by hand, not detected
    assert (method.reviewed_by_several, method.disputed) == (2, 1)
    assert method.agreement == pytest.approx(0.0)  # one pair agrees, one does not
    sentence = (
        "2 of 4 claims have a reviewer's verdict (4 verdicts from 2 reviewers, 2 with a "
        "rationale). Reviewers added 1 claims the detector missed, rejected 0 false detections, "
        "corrected the details of 1 claims and added 0 pieces of evidence by hand. 2 claims were "
        "decided by more than one reviewer; they disagree on 1 (Krippendorff's alpha 0.00)."
    )
    html = report.render(wb, "html")
    assert sentence.replace("'", "&#x27;") in html
    assert report.render(wb, "md").count("they disagree on 1") == 2  # summary and method


def test_disagreement_is_shown_per_claim_and_in_the_summary(wb):
    html = report.render(wb, "html")
    assert html.count('<p class="disputed">Reviewers disagree:') == 1
    section = html[html.index('<p class="disputed">') :].split("</section>")[0]
    assert "ana: True" in section and "ben: False" in section
    assert "<tr><td>reviewers disagree</td><td>1</td></tr>" in html
    false_row = re.search(r"False</span></td><td>(\d+)</td>", html)
    assert false_row and false_row.group(1) == "1"  # only the claim both call false
    text = report.render(wb, "md")
    assert "| reviewers disagree | 1 |" in text and "**Reviewers disagree:**" in text
    rows = list(csv.DictReader(io.StringIO(report.render(wb, "csv"), newline="")))
    assert [r["reviewers_disagree"] for r in rows].count("yes") == 1
    disputed = next(r for r in rows if r["reviewers_disagree"] == "yes")
    assert sorted(disputed["all_verdicts"].split(";")) == ["ana:true", "ben:false"]


def test_a_missing_rationale_is_said_to_be_missing(wb):
    html = report.render(wb, "html")
    description = DEFAULT_SCALE.get("false").description
    assert html.count("No rationale given.") == 2
    verdict_lines = re.findall(r'<p class="verdict">.*?</p>', html)
    assert verdict_lines and not any(description in line for line in verdict_lines)
    assert f'<p class="note">On the scale: {description}</p>' in html
    assert report.render(wb, "md").count("_No rationale given._") == 2


def test_a_claim_added_by_hand_is_not_described_as_searched_in_vain(wb):
    html = report.render(wb, "html")
    added = html[html.index("(added by a reviewer)") :].split("</section>")[0]
    assert "Added by a reviewer, not linked" in added
    assert "No evidence was found" not in added
    text = report.render(wb, "md")
    assert "Added by a reviewer, not linked: no source was consulted for it." in text


def test_a_claim_added_by_hand_and_linked_in_vain_says_so(tmp_path):
    with Workbench(tmp_path / "s.sqlite", reviewer="ana") as wb:
        text = ARTICLE + "\n\nThe mission employs about 120 people in total."
        article = wb.add_article(text, "2018-03-30", title="Expulsions")
        start = text.index("about 120 people")
        added = wb.add_claim(article.id, start, start + 16, "statistic")
        assert added.suggestion is not None and not added.evidence  # looked up, found nothing
        html = report.render(wb, "html")
        text = report.render(wb, "md")
    section = html[html.index("(added by a reviewer)") :].split("</section>")[0]
    assert "Added by a reviewer, not linked" not in section
    assert "Added by a reviewer, not linked" not in text
    assert "none was found in the sources consulted" in text
