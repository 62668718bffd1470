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


def test_panel_shows_every_claim_and_starts_on_the_first(panel, wb):
    claims = wb.claims(1)
    assert [s["id"] for s in panel.view.spans] == [c.id for c in claims]
    assert panel.view.text == wb.article(1).text
    assert panel.selected == claims[0].id == panel.view.selected
    assert [value for _, value in panel.claim_list.options] == [c.id for c in claims]
    assert "expulsion (5)" in panel.legend.value
    assert f"0 of {len(claims)} reviewed by ana" in panel.progress_text.value
    assert claims[0].text in panel.card_head.value
    assert repr(panel) == f"<ReviewPanel article 1: 0 of {len(claims)} reviewed>"


def test_clicking_a_highlight_selects_its_claim(panel, wb):
    target = wb.claims(1)[4]
    panel.view.selected = target.id  # what the front end does on a click
    assert panel.selected == target.id
    assert panel.claim_list.value == target.id
    assert target.text.replace("'", "&#x27;") in panel.card_head.value


def test_verdict_button_saves_at_once_and_moves_on(panel, wb):
    first, second = wb.claims(1)[:2]
    panel.rationale.value = "the record agrees"  # saved as a note straight away
    assert wb.history(claim_id=first.id)[0].action == "rationale"
    panel.verdict_buttons["false"].click()
    verdict = wb.verdict(first.id)
    assert (verdict.label, verdict.rationale, verdict.reviewer) == (
        "false",
        "the record agrees",
        "ana",
    )
    assert panel.selected == second.id  # auto-advance to the next open claim
    assert panel.view.badges[str(first.id)] == ["False", "#D55E00"]
    assert panel.claim_list.options[0][0].startswith("✓ False")
    assert "1 of" in panel.progress_text.value and panel.progress_bar.value == 1
    assert "Saved: False" in panel.message.value


def test_keyboard_shortcuts(panel, wb):
    claims = wb.claims(1)
    panel.press("3")
    assert wb.verdict(claims[0].id).label == "misleading"
    assert panel.selected == claims[1].id
    panel.press("u")  # undo: back to the claim, verdict gone
    assert wb.verdict(claims[0].id) is None and panel.selected == claims[0].id
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


def test_filters(panel, wb):
    shown = panel.set_filter(type="sanctions")
    assert shown and {c.type for c in shown} == {"sanctions"}
    assert [v for _, v in panel.claim_list.options] == [c.id for c in shown]
    panel.set_verdict("true")
    assert panel.set_filter(verdict="true") == [c for c in shown if wb.verdict(c.id)]
    panel.set_filter(type="all", verdict="none")
    assert all(wb.verdict(c.id) is None for c in panel.claims)
    with pytest.raises(ClaimcheckError, match="unknown type 'nonsense'"):
        panel.set_filter(type="nonsense")


def test_slot_correction_through_the_card(panel, wb):
    target = next(c for c in wb.claims(1) if c.type == "expulsion" and "23" in c.text)
    panel.select(target.id)
    assert panel.slot_boxes["count"].value == "23"
    panel.slot_boxes["count"].value = "25"
    panel.slot_boxes["date"].value = "2018-03-15"
    panel.save_slots_button.click()
    stored = wb.claim(target.id)
    assert stored.slots.count == 25 and stored.slots.date.start == "2018-03-15"
    assert "Corrected by a reviewer" in panel.card_head.value
    panel.slot_boxes["count"].value = "lots"
    panel.save_slots_button.click()  # an error in the panel, not an exception
    assert "whole number" in panel.message.value and "cc-error" in panel.message.value
    assert wb.claim(target.id).slots.count == 25


def test_manual_evidence_is_escaped_and_only_http_links(panel, wb):
    before = len(wb.claim(panel.selected).evidence)
    panel.evidence_url.value = "javascript:alert(1)"
    panel.evidence_note.value = "<script>alert(1)</script>"
    panel._add_evidence_from_boxes()  # refused where it enters, with a message in the panel
    assert "must be http" in panel.message.value and panel.evidence_note.value
    assert len(wb.claim(panel.selected).evidence) == before
    panel.evidence_url.value = "https://[2001:db8::1/paper"  # a malformed URL: refused too
    panel._add_evidence_from_boxes()
    assert "not a valid URL" in panel.message.value
    panel.evidence_url.value = ""
    panel._add_evidence_from_boxes()
    html = panel.evidence_html.value
    assert "<script>" not in html and "&lt;script&gt;" in html
    panel.evidence_url.value = "https://www.gov.uk/x"
    panel.evidence_date.value = "14 March"
    panel._add_evidence_from_boxes()
    assert "YYYY-MM-DD" in panel.message.value and panel.evidence_url.value  # kept for a fix
    panel.evidence_date.value = "2018-03-14"
    panel._add_evidence_from_boxes()
    assert wb.claim(panel.selected).evidence[-1].date == "2018-03-14"
    assert "2018-03-14" in panel.evidence_html.value and panel.evidence_url.value == ""
    panel.add_evidence("https://Example.ORG/a?b=<c>", "fine")  # stored normalised
    assert 'href="https://example.org/a?b=%3Cc%3E"' in panel.evidence_html.value
    assert wb.claim(panel.selected).evidence[-1].url == "https://example.org/a?b=%3Cc%3E"


def test_adding_a_missed_claim_and_rejecting_a_false_one(panel, wb):
    text = wb.article(1).text
    start = text.index("ordered the British Council")
    panel.view.selection = {"start": start, "end": start + 27}
    added = panel.add_claim_from_selection("policy")
    assert added.text == "ordered the British Council" and panel.selected == added.id
    assert any(s["id"] == added.id for s in panel.view.spans)
    panel.snippet.value = "words that are not there"
    panel.add_snippet_button.click()
    assert "not in the article" in panel.message.value
    victim = wb.claims(1)[0]
    panel.select(victim.id)
    panel.reject("a scene-setting line")
    assert victim.id not in [s["id"] for s in panel.view.spans]
    assert panel.selected != victim.id
    rejected = panel.set_filter(status="rejected")
    assert [c.id for c in rejected] == [victim.id]
    panel.select(victim.id)
    assert "Rejected as a false detection: a scene-setting line" in panel.card_head.value
    panel.restore()
    assert any(s["id"] == victim.id for s in panel.view.spans)


def test_summary_and_history_tabs(panel, wb):
    panel.press("1")
    panel.press("4")
    panel.press("s")
    panel.tabs.selected_index = 1
    assert "1 True" in panel.summary.value and "1 False" in panel.summary.value
    assert "skipped" in panel.summary.value and "cc-bar-part" in panel.summary.value
    panel.tabs.selected_index = 2
    history = panel.history.value
    assert history.count("<tr>") == 1 + 3 + 1  # header, three changes, the article stored
    assert "true → skipped" not in history and "nothing → false" in history
    detected = len(wb.claims(1))
    assert f"article stored with {detected} detected claims" in history


def test_reviewer_switch_follows_the_store(panel, wb):
    panel.press("1")
    panel.reviewer_box.value = "ben"
    assert panel.reviewer == "ben" and "0 of" in panel.progress_text.value
    panel.press("2")
    assert {v.reviewer for v in wb.reviews(1)} == {"ana", "ben"}
    panel.select(wb.claims(1)[0].id)  # ana said True here; ben sees it beside his own
    assert "other reviewers: ana: True" in panel.verdict_line.value


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
        assert "Your verdict" in panel.verdict_line.value
        assert panel.verdict_buttons["false"].icon == "check"


def test_hostile_article_text_is_escaped_everywhere(tmp_path):
    with Workbench(tmp_path / "h.sqlite") as wb:
        article = wb.add_article(HOSTILE, title='<img src=x onerror="alert(3)">')
        panel = wb.review(article.id)
        assert '<img src=x onerror="alert(3)">' not in panel.header.value
        assert "&lt;img" in panel.header.value
        assert "<img" not in panel.card_head.value and "&lt;img" in panel.card_head.value
        assert panel.view.text == article.text  # the front end writes it with textContent
        # List options are plain text in a <select>: the browser never parses them as markup.
        assert any("<img" in label for label, _ in panel.claim_list.options)


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
    assert panel.article_picker.layout.display == ""
    assert [v for _, v in panel.article_picker.options] == [1, second.id]
    panel.press("1")
    panel.article_picker.value = second.id  # as the drop-down does
    assert panel.article_id == second.id and panel.view.text == second.text
    assert {s["id"] for s in panel.view.spans} == {c.id for c in wb.claims(second.id)}
    assert panel.selected in {c.id for c in wb.claims(second.id)}
    assert "0 of 2 reviewed" in panel.progress_text.value and "Second" in panel.header.value
    panel.press("4")
    panel.show_article(1)
    assert "1 of" in panel.progress_text.value and panel.view.badges
    with pytest.raises(ClaimcheckError, match="not among this panel's"):
        panel.show_article(99)
    alone = wb.review(1, articles=[1])
    assert alone.article_picker.layout.display == "none"
