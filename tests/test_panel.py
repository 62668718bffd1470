"""The review panel without a browser: drive its methods and widgets, check widgets and store."""

from __future__ import annotations

import shutil

import pytest
from IPython.core.error import UsageError
from IPython.testing.globalipapp import get_ipython

import claimcheck
from claimcheck.errors import ClaimcheckError
from claimcheck.htmlsafe import link, safe_url
from claimcheck.widgets import ReviewPanel
from claimcheck.workbench import Workbench

from .conftest import review_then_match

SAMPLE = claimcheck.sample_article()
HOSTILE = (
    "Published: 14 March 2018\n\n"
    'Britain expelled 23 Russian diplomats <img src=x onerror="alert(1)"> on 14 March. '
    "Moscow expelled 23 British diplomats <script>alert(2)</script> three days later."
)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    path = tmp_path_factory.mktemp("panel") / "t.sqlite"
    with Workbench(path) as wb:
        wb.add_article(SAMPLE, published="2018-12-22", title="Sample")
    return path


@pytest.fixture
def wb(template, tmp_path):
    path = tmp_path / "reviews.sqlite"
    shutil.copy(template, path)
    with Workbench(path, reviewer="ana") as bench:
        yield bench


@pytest.fixture
def panel(wb):
    return wb.review(1)


def ids(panel):
    return [item["id"] for item in panel.claim_list.items]


def type_rationale(panel, claim_id, text):
    """What the rationale box sends when it loses the focus: the text and its claim's id."""
    panel._on_rationale_message(
        panel.card.rationale, {"type": "rationale", "claim": claim_id, "text": text}
    )


def test_panel_shows_every_claim_and_starts_on_the_first(panel, wb):
    claims = wb.claims(1)
    assert [s["id"] for s in panel.view.spans] == [c.id for c in claims]
    assert [s["n"] for s in panel.view.spans] == list(range(1, len(claims) + 1))
    assert panel.view.text == wb.article(1).text
    assert panel.selected == claims[0].id == panel.view.selected == panel.claim_list.selected
    assert ids(panel) == [c.id for c in claims]
    first = panel.claim_list.items[0]
    assert (first["n"], first["chip"], first["text"]) == (1, "not reviewed", claims[0].text)
    assert "expulsion (5)" in panel.legend.value
    assert f"0 of {len(claims)} reviewed by ana" in panel.top.progress_text.value
    assert f"Claim 1 of {len(claims)}" in panel.card.head.value
    assert claims[0].text in panel.card.head.value
    assert panel.card.rationale.claim["id"] == claims[0].id
    assert repr(panel) == f"<ReviewPanel article 1: 0 of {len(claims)} reviewed>"


def test_clicking_a_highlight_selects_its_claim(panel, wb):
    target = wb.claims(1)[4]
    panel.view.selected = target.id  # what the front end does on a click
    assert panel.selected == target.id == panel.claim_list.selected
    assert target.text.replace("'", "&#x27;") in panel.card.head.value
    assert "Claim 5 of" in panel.card.head.value
    panel.claim_list.selected = wb.claims(1)[2].id  # a click on a row of the list
    assert panel.selected == wb.claims(1)[2].id == panel.view.selected


def test_a_verdict_button_saves_and_stays_so_the_rationale_lands_on_the_same_claim(panel, wb):
    first, second = wb.claims(1)[:2]
    panel.card.verdict_buttons["false"].click()
    assert wb.verdict(first.id).label == "false"
    assert "Saved False for claim 1" in panel.card.message.value
    assert panel.selected == first.id  # the card did not move on
    assert panel.card.rationale.claim["id"] == first.id
    type_rationale(panel, first.id, "the record says 23")
    verdict = wb.verdict(first.id)
    assert (verdict.label, verdict.rationale, verdict.reviewer) == (
        "false",
        "the record says 23",
        "ana",
    )
    assert wb.verdict(second.id) is None
    assert panel.view.badges[str(first.id)] == ["False", "#D55E00"]
    assert panel.claim_list.items[0]["chip"] == "False"
    assert "1 of" in panel.top.progress_text.value and panel.top.progress_bar.value == 1
    assert "Rationale saved for claim 1" in panel.card.message.value
    panel.card.save_next_button.click()  # moving on is asked for
    assert panel.selected == second.id


def test_a_rationale_sent_for_one_claim_never_lands_on_another(panel, wb):
    first, second = wb.claims(1)[:2]
    panel.select(second.id)  # the card moved on before the text arrived
    type_rationale(panel, first.id, "typed while the first claim was shown")
    assert wb.reviews(claim_id=first.id)[0].rationale == "typed while the first claim was shown"
    assert wb.reviews(claim_id=second.id) == []
    assert panel.selected == second.id
    panel.card.verdict_buttons["true"].click()
    assert wb.verdict(second.id).rationale == ""
    with pytest.raises(ClaimcheckError, match="not in this article"):
        panel.save_rationale(10**6, "x")


def test_keyboard_shortcuts(panel, wb):
    claims = wb.claims(1)
    panel.press("3")  # no rationale yet: save and move on
    assert wb.verdict(claims[0].id).label == "misleading"
    assert panel.selected == claims[1].id
    panel.press("u")  # undo: back to the claim, verdict gone
    assert wb.verdict(claims[0].id) is None and panel.selected == claims[0].id
    assert "Undone: gave the verdict Misleading" in panel.card.message.value
    panel.press("n")
    assert panel.selected == claims[1].id
    panel.press("k")
    assert panel.selected == claims[0].id
    panel.press("s")
    assert wb.verdict(claims[0].id) is None
    assert wb.progress(1, reviewer="ana").skipped == 1
    panel.press("9")  # not a verdict on a 5-step scale: ignored
    assert wb.progress(1, reviewer="ana").done == 0
    panel._on_view_message(panel.view, {"type": "key", "key": "1"})  # as sent by the front end
    assert wb.verdict(claims[1].id).label == "true"
    # With a rationale written, a verdict key saves both and the card stays to be read.
    type_rationale(panel, claims[2].id, "the record agrees")
    panel.press("4")
    assert panel.selected == claims[2].id
    assert (wb.verdict(claims[2].id).label, wb.verdict(claims[2].id).rationale) == (
        "false",
        "the record agrees",
    )


def test_the_end_of_the_list_says_so_and_saves_nothing_twice(panel, wb):
    claims = wb.claims(1)
    panel.select(claims[-1].id)
    for claim in claims[:-1]:
        wb.set_verdict(claim.id, "true", reviewer="ana")
    panel.refresh()
    panel.press("2")
    assert panel.selected == claims[-1].id  # nothing left to move to
    assert "none is left open" in panel.card.message.value
    assert f"All {len(claims)} claims reviewed" in panel.done.value
    count = len(wb.history(reviewer="ana"))
    for _ in range(3):
        panel.press("2")
    assert len(wb.history(reviewer="ana")) == count
    assert "already Mostly true: nothing changed" in panel.card.message.value
    panel.press("n")
    assert "last claim of the list" in panel.card.message.value


def test_filters_drive_the_list_the_card_and_the_article(panel, wb):
    shown = panel.set_filter(type="sanctions")
    assert shown and {c.type for c in shown} == {"sanctions"}
    assert ids(panel) == [c.id for c in shown]
    assert panel.selected == shown[0].id  # the card follows the filter
    others = {c.id for c in wb.claims(1)} - {c.id for c in shown}
    assert set(panel.view.dimmed) == others
    panel.set_verdict("true")
    assert panel.set_filter(verdict="true") == [c for c in shown if wb.verdict(c.id)]
    assert panel.set_filter(verdict="false") == []
    assert (
        panel.claim_list.items == [] and "No claim matches these filters" in panel.claim_list.empty
    )
    assert panel.selected is None and "No claim matches the filters" in panel.card.head.value
    assert panel.card.details.layout.display == "none"
    assert set(panel.view.dimmed) == {c.id for c in wb.claims(1)}
    panel._on_list_message(panel.claim_list, {"type": "clear_filters"})  # "Show all claims"
    assert ids(panel) == [c.id for c in wb.claims(1)] and panel.view.dimmed == []
    assert panel.selected == wb.claims(1)[0].id and panel.card.details.layout.display == ""
    panel.set_filter(verdict="none")
    assert all(wb.verdict(c.id) is None for c in panel.claims)
    with pytest.raises(ClaimcheckError, match="unknown type 'nonsense'"):
        panel.set_filter(type="nonsense")


def test_a_correction_in_the_card_changes_the_signals_and_keeps_the_detected_value(panel, wb):
    target = next(c for c in wb.claims(1) if c.type == "expulsion" and "23" in c.text)
    panel.select(target.id)
    assert panel.card.slot_boxes["count"].value == "23"
    assert "count agrees" in panel.card.evidence.value
    panel.card.slot_boxes["count"].value = "150"
    panel.card.slot_boxes["date"].value = "2018-03-15"
    panel.card.save_slots_button.click()
    stored = wb.claim(target.id)
    assert stored.slots.count == 150 and stored.slots.date.start == "2018-03-15"
    assert "count differs" in panel.card.evidence.value
    assert "the claim says 150; the record says 23" in panel.card.evidence.value
    assert "how many: 150 (detected: 23)" in panel.card.corrections.value
    assert "Corrected how many, when; signals worked out again" in panel.card.slots_message.value
    panel.card.slot_boxes["count"].value = "lots"
    panel.card.save_slots_button.click()  # an error beside the button, not an exception
    assert "whole number" in panel.card.slots_message.value
    assert "cc-error" in panel.card.slots_message.value and "cc-error" in panel.card.message.value
    assert wb.claim(target.id).slots.count == 150


def test_manual_evidence_is_escaped_and_only_http_links(panel, wb):
    card = panel.card
    before = len(wb.claim(panel.selected).evidence)
    card.evidence_url.value = "javascript:alert(1)"
    card.evidence_note.value = "<script>alert(1)</script>"
    card.add_evidence_button.click()  # refused where it enters, beside the button
    assert "must be http" in card.evidence_message.value and card.evidence_note.value
    assert "must be http" in card.message.value
    assert len(wb.claim(panel.selected).evidence) == before
    card.evidence_url.value = "https://[2001:db8::1/paper"  # a malformed URL: refused too
    card.add_evidence_button.click()
    assert "not a valid URL" in card.evidence_message.value
    card.evidence_url.value = ""
    card.add_evidence_button.click()
    html = card.evidence.value
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Evidence added" in card.evidence_message.value  # beside the button
    card.evidence_url.value = "https://www.gov.uk/x"
    card.evidence_date.value = "14 March"
    card.add_evidence_button.click()
    assert "YYYY-MM-DD" in card.evidence_message.value and card.evidence_url.value  # kept
    card.evidence_date.value = "2018-03-14"
    card.add_evidence_button.click()
    assert wb.claim(panel.selected).evidence[-1].date == "2018-03-14"
    assert "2018-03-14" in card.evidence.value and card.evidence_url.value == ""
    panel.add_evidence("https://Example.ORG/a?b=<c>", "fine")  # stored normalised
    assert 'href="https://example.org/a?b=%3Cc%3E"' in card.evidence.value
    assert wb.claim(panel.selected).evidence[-1].url == "https://example.org/a?b=%3Cc%3E"


def test_adding_a_missed_claim_and_rejecting_a_false_one(panel, wb):
    text = wb.article(1).text
    start = text.index("ordered the British Council")
    panel.view.selection = {"start": start, "end": start + 27}
    panel.add_bar.add_selection_button.click()
    added = wb.claims(1, include_rejected=True)[-1]
    added = next(c for c in wb.claims(1) if c.origin == "manual")
    assert added.text == "ordered the British Council" and panel.selected == added.id
    assert added.slots.actor == "Moscow"  # read from the article as the detector reads it
    assert "Added claim" in panel.add_bar.message.value
    assert "has not been linked" not in panel.card.evidence.value
    panel.add_bar.add_selection_button.click()  # the same words again: refused
    assert "already there" in panel.add_bar.message.value
    assert len([c for c in wb.claims(1) if c.origin == "manual"]) == 1
    panel.add_bar.snippet.value = "words that are not there"
    panel.add_bar.add_snippet_button.click()
    assert "not in the article" in panel.add_bar.message.value
    victim = wb.claims(1)[0]
    panel.select(victim.id)
    panel.reject("a scene-setting line")
    assert victim.id not in [s["id"] for s in panel.view.spans]
    assert panel.selected != victim.id
    assert "Rejected claim 1" in panel.card.reject_message.value
    rejected = panel.set_filter(status="rejected")
    assert [c.id for c in rejected] == [victim.id]
    panel.select(victim.id)
    assert "Rejected as a false detection: a scene-setting line" in panel.card.head.value
    panel.press("1")  # no verdict on a rejected detection
    assert wb.verdict(victim.id) is None and "restore it" in panel.card.message.value
    panel.restore()
    assert any(s["id"] == victim.id for s in panel.view.spans)


def test_summary_and_history_tabs_in_plain_words(panel, wb):
    first = wb.claims(1)[0]
    type_rationale(panel, first.id, "the record has 23")
    panel.press("4")  # with its rationale: the card stays
    panel.press("n")
    panel.press("1")
    panel.press("s")
    panel.tabs.selected_index = 1
    assert "1 True" in panel.tabs.summary.value and "1 False" in panel.tabs.summary.value
    assert "skipped" in panel.tabs.summary.value and "cc-bar-part" in panel.tabs.summary.value
    panel.tabs.selected_index = 2
    history = panel.tabs.history.value
    assert history.count("<tr>") == 1 + 5  # header, rationale, three changes, the article
    assert "wrote the rationale “the record has 23”" in history
    assert (
        "gave the verdict False on “" in history
        and "with the rationale “the record has 23”" in history
    )
    assert "skipped the claim" in history
    assert f"stored the article with {len(wb.claims(1))} detected claims" in history
    assert "in_progress" not in history and "mostly_true" not in history
    panel.undo()  # the skip of claim 3
    panel.undo()
    panel.undo()  # the verdict on the first claim
    message = panel.card.message.value
    assert "Undone: gave the verdict False on “" in message
    assert "with the rationale “the record has 23”" in message


def test_reviewer_switch_follows_the_store(panel, wb):
    panel.press("1")
    panel.top.reviewer_box.value = "ben"
    assert panel.reviewer == "ben" and "0 of" in panel.top.progress_text.value
    panel.press("2")
    assert {v.reviewer for v in wb.reviews(1)} == {"ana", "ben"}
    panel.select(wb.claims(1)[0].id)  # ana said True here; ben sees it beside his own
    assert "other reviewers: ana: True" in panel.card.verdict_line.value


def test_a_new_panel_shows_what_was_saved(wb):
    first = wb.review(1)
    first.press("4")
    claim_id = wb.claims(1)[0].id
    wb.close()
    with Workbench(wb.path, reviewer="ana") as again:  # as after a kernel restart
        panel = again.review(1)
        assert panel.view.badges[str(claim_id)][0] == "False"
        assert panel.selected != claim_id  # it opens on the first claim still open
        panel.select(claim_id)
        assert "Verdict:" in panel.card.verdict_line.value
        assert "cc-chosen" in panel.card.verdict_buttons["false"]._dom_classes


def test_hostile_article_text_is_escaped_everywhere(tmp_path):
    with Workbench(tmp_path / "h.sqlite") as wb:
        article = wb.add_article(HOSTILE, title='<img src=x onerror="alert(3)">')
        panel = wb.review(article.id)
        assert '<img src=x onerror="alert(3)">' not in panel.top.header.value
        assert "&lt;img" in panel.top.header.value
        assert "<img" not in panel.card.head.value and "&lt;img" in panel.card.head.value
        assert panel.view.text == article.text  # the front end writes it with textContent
        # List rows are written with textContent too: the text is sent as it is.
        assert any("<img" in item["text"] for item in panel.claim_list.items)
        panel.tabs.selected_index = 2
        panel.press("1")
        panel._on_tab({"new": 2})
        assert "<img" not in panel.tabs.history.value


def test_review_one_liner_and_default_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    panel = claimcheck.review(SAMPLE, published="2018-12-22")
    assert isinstance(panel, ReviewPanel)
    assert (tmp_path / "claimcheck-reviews.sqlite").exists()
    monkeypatch.setenv("CLAIMCHECK_STORE", str(tmp_path / "elsewhere.sqlite"))
    claimcheck.review("Britain expelled 23 Russian diplomats on 14 March 2018.")
    assert (tmp_path / "elsewhere.sqlite").exists()


def test_magics(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ip = get_ipython()
    ip.run_line_magic("load_ext", "claimcheck")
    article = tmp_path / "story.txt"
    article.write_text("Britain expelled 23 Russian diplomats on 14 March 2018.\n")
    store = tmp_path / "m.sqlite"
    panel = ip.run_line_magic("claimcheck", f"review {article} --store {store} --reviewer kim")
    assert isinstance(panel, ReviewPanel) and panel.reviewer == "kim"
    assert panel.article.title == "story"
    cell = "Moscow expelled 23 British diplomats on 17 March 2018."
    panel = ip.run_cell_magic("claimcheck", f"--store {store} --published 2018-03-18", cell)
    assert panel.article.published == "2018-03-18" and len(panel.claims) == 1
    with pytest.raises(UsageError, match="unrecognized arguments: --colour"):
        ip.run_line_magic("claimcheck", f"review {article} --colour red")
    with pytest.raises(UsageError, match="no such file"):
        ip.run_line_magic("claimcheck", "review missing.txt")
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        ip.run_cell_magic("claimcheck", "--published yesterday", cell)


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://en.wikipedia.org/wiki/X", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        (" JavaScript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example/x", False),
        ("/relative", False),
        ("https://exa mple.org", False),
        ("https://example.org/\nx", False),
        ("ftp://example.org", False),
        (None, False),
    ],
)
def test_only_http_links_are_rendered(url, safe):
    assert (safe_url(url) is not None) == safe
    html = link(url, "<b>t</b>")
    assert ("<a " in html) == safe
    assert "<b>" not in html


def test_the_article_picker_moves_between_articles(wb):
    second = wb.add_article(HOSTILE, title="Second")
    panel = wb.review(1)
    assert panel.top.article_picker.layout.display == ""
    assert [v for _, v in panel.top.article_picker.options] == [1, second.id]
    panel.press("1")
    panel.top.article_picker.value = second.id  # as the drop-down does
    assert panel.article_id == second.id and panel.view.text == second.text
    assert {s["id"] for s in panel.view.spans} == {c.id for c in wb.claims(second.id)}
    assert panel.selected in {c.id for c in wb.claims(second.id)}
    assert "0 of 2 reviewed" in panel.top.progress_text.value and "Second" in panel.top.header.value
    panel.press("4")
    panel.show_article(1)
    assert "1 of" in panel.top.progress_text.value and panel.view.badges
    with pytest.raises(ClaimcheckError, match="not among this panel's"):
        panel.show_article(99)
    alone = wb.review(1, articles=[1])
    assert alone.top.article_picker.layout.display == "none"


def test_a_store_that_asks_for_rationales_says_so_in_the_card(panel, wb):
    wb.set_setting("require_rationale", "false,misleading")
    panel.refresh()
    assert "needed for False, Misleading" in panel.card.rationale.claim["label"]
    first = panel.current
    panel.card.verdict_buttons["false"].click()
    assert wb.verdict(first.id) is None
    assert "asks for a rationale with False" in panel.card.message.value
    type_rationale(panel, first.id, "the record says 23")
    panel.card.verdict_buttons["false"].click()
    assert wb.verdict(first.id).label == "false"


def test_a_deleted_store_is_answered_in_the_panel_and_nothing_more_is_saved(panel, wb):
    first = panel.current
    panel.press("1")
    wb.path.unlink()
    panel.press("4")
    message = panel.card.message.value
    assert "was deleted or moved" in message and "cc-error" in message and "wb.reset()" in message
    panel.card.save_next_button.click()
    panel.card.undo_button.click()  # refused as well, with the same message
    assert "was deleted or moved" in panel.card.message.value
    (rescued,) = wb.path.parent.glob("reviews.rescued-*.sqlite")
    with Workbench(rescued) as copy:
        assert copy.verdict(first.id).label == "true"  # saved before the file went
        assert len(copy.reviews()) == 1
    assert "store unavailable" in repr(panel)


def test_a_statistic_shows_and_corrects_its_own_slots(tmp_path):
    with Workbench(tmp_path / "s.sqlite", reviewer="ana") as bench:
        article = bench.add_article(
            "Unemployment rose to 7.5 per cent in March 2019.", published="2019-05-01"
        )
        panel = bench.review(article.id)
        (claim,) = bench.claims(article.id)
        assert claim.type == "statistic" and panel.selected == claim.id
        card = panel.card
        assert card.statement_slots.layout.display == ""
        assert (card.slot_boxes["metric"].value, card.slot_boxes["value"].value) == (
            "unemployment",
            "7.5",
        )
        card.slot_boxes["value"].value = "about eight"
        card.save_slots_button.click()
        assert "value must be a number" in card.slots_message.value
        card.slot_boxes["value"].value = "7.9"
        card.save_slots_button.click()
        assert bench.claim(claim.id).slots.value == 7.9
        assert "value: 7.9 (detected: 7.5)" in card.corrections.value
        other = bench.add_article("Britain expelled 23 Russian diplomats on 14 March 2018.")
        # An event claim has no statistic slots on its card.
        assert bench.review(other.id).card.statement_slots.layout.display == "none"


# -- earlier reviews on the card -------------------------------------------------------------------

HOSTILE_RATIONALE = '<img src=x onerror="alert(1)"> the record says <b>23</b> & "14 March"'


@pytest.fixture
def matched(tmp_path):
    """A store where a claim of the second article matches a claim reviewed in the first."""
    with Workbench(tmp_path / "m.sqlite", reviewer="ana") as bench:
        earlier, later = review_then_match(bench, HOSTILE_RATIONALE)
        yield bench, earlier, later


def panel_number(wb, claim):
    return [c.id for c in wb.claims(claim.article_id)].index(claim.id) + 1


def test_the_card_shows_the_earlier_review_escaped_and_opens_it(matched):
    wb, earlier, later = matched
    panel = wb.review(later.article_id, articles=[later.article_id])
    assert panel.top.article_picker.layout.display == "none"  # one article: no picker
    panel.select(later.id)
    rows = panel.card.reviewed_before.children
    assert panel.card.reviewed_before.layout.display == ""
    line = rows[0].children[0].value
    assert "Reviewed before:" in line and "by ana" in line
    where = f"article {earlier.article_id} “May&#x27;s expulsions” (published 2018-03-14)"
    assert "False" in line and f"{where}, claim id {earlier.id}" in line
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in line and "<img" not in line
    assert "&lt;b&gt;23&lt;/b&gt; &amp; &quot;14 March&quot;" in line
    assert "Reviewed before" not in panel.card.evidence.value  # shown once, above
    button = rows[0].children[1]
    assert button.description == "Open that review"
    button.click()
    assert (panel.article_id, panel.selected) == (earlier.article_id, earlier.id)
    assert panel.top.article_picker.layout.display == ""  # the article joined the picker
    assert [v for _, v in panel.top.article_picker.options] == [
        later.article_id,
        earlier.article_id,
    ]
    assert "The earlier review: claim" in panel.card.message.value
    assert "reviewed by ana" in panel.card.message.value
    assert f"back: claim {panel_number(wb, later)} of article 1 in the picker" in (
        panel.card.message.value
    )
    assert "May&#x27;s expulsions" in panel.card.message.value
    panel.top.article_picker.value = later.article_id  # and back
    assert panel.article_id == later.article_id


def test_a_claim_without_earlier_reviews_has_no_such_section(matched):
    wb, earlier, _ = matched
    panel = wb.review(earlier.article_id)
    panel.select(earlier.id)
    assert panel.card.reviewed_before.layout.display == "none"
    assert panel.card.reviewed_before.children == ()


def test_a_review_that_is_gone_is_a_message_not_a_traceback(matched):
    wb, _, later = matched
    panel = wb.review(later.article_id)
    with pytest.raises(ClaimcheckError, match="no claim 99999"):
        panel.open_review(99999)
    panel.card._open_review(99999)  # what a button does: a message in the card
    assert "no claim 99999" in panel.card.message.value
    assert panel.article_id == later.article_id


def test_a_trainee_does_not_see_earlier_reviews(matched):
    wb, _, later = matched
    panel = wb.review(later.article_id, trainee=True)
    panel.select(later.id)
    assert panel.card.reviewed_before.layout.display == "none"
    with pytest.raises(ClaimcheckError, match="hidden until the key is revealed"):
        panel.open_review(1)


OTHER = (
    "Published: 14 March 2018\n\n"
    "Britain expelled 23 Russian diplomats on 14 March.\n\n"
    "The embassy had employed about 120 people <b onmouseover=alert(3)>before</b> the "
    "expulsions, according to the Foreign Office.\n\n"
    "It was a grey day in London."
)


def test_other_check_worthy_sentences_are_listed_and_can_be_added(tmp_path):
    with Workbench(tmp_path / "o.sqlite", reviewer="ana") as bench:
        article = bench.add_article(OTHER, published="2018-03-14", title="Other")
        panel = bench.review(article.id)
        other = panel.other
        assert other.selected_index is None  # closed until opened
        assert other.get_title(0) == "Other check-worthy sentences (1)"
        (row,) = other.shown
        assert row.text.startswith("The embassy had employed about 120 people")
        assert row.score >= 0.5
        html = other.rows.children[0].children[0].value
        assert "<b onmouseover" not in html and "&lt;b onmouseover" in html  # escaped
        before = len(bench.claims(article.id))
        assert other.claim_type.value == "statistic"  # the default: a figure said in passing
        other.rows.children[0].children[1].click()
        claims = bench.claims(article.id)
        assert len(claims) == before + 1
        added = next(c for c in claims if c.start == row.start)
        assert added.type == "statistic" and added.text.startswith("The embassy had employed")
        assert panel.current.id == added.id  # the new claim is selected
        # the sentence now holds a claim: it leaves the list
        assert other.shown == [] and other.get_title(0) == "Other check-worthy sentences (0)"


def test_a_trainee_sees_no_other_sentences_until_the_reveal(tmp_path):
    with Workbench(tmp_path / "t.sqlite", reviewer="kim") as bench:
        article = bench.add_article(OTHER, published="2018-03-14", title="Other")
        panel = bench.review(article.id, trainee=True)
        assert panel.other.layout.display == "none"
        bench.set_setting("revealed_at", "2026-11-28T10:00:00+00:00")  # what reveal() records
        panel.refresh()
        assert panel.other.layout.display != "none"
        assert len(panel.other.shown) == 1
