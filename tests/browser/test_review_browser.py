"""The review panel in JupyterLab, in headless Chromium driven by Playwright.

The quickstart notebook is run and reviewed as a fact-checker would: a verdict and its rationale,
keys after a click in the list, filters, a correction, evidence, an error, a claim added twice,
a kernel restart. The trainee and instructor notebooks are run as a workshop would run them, and
a hostile article is shown. Every test also fails on a console error. Screenshots at 1400x1000 and
1000x800 are kept in ``test-artifacts/browser/`` for people to look at.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import nbformat
from playwright.sync_api import expect

from ..conftest import MAY_EXPELS, MOSCOW_ANSWERS, ROOT
from .jupyterlab import (
    browser_page,
    in_viewport,
    jupyterlab,
    open_and_run,
    open_notebook,
    require_chromium,
    run_menu,
    select_words,
    watch_console,
)

ARTIFACTS = ROOT / "test-artifacts" / "browser"

require_chromium()

CORE = ".cc-panel .cc-core"


def wait_for_row(db: Path, query: str, params: tuple, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    with sqlite3.connect(db) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(query, params).fetchone()
            if row:
                return row
            time.sleep(0.05)
    return None


def write_notebook(path: Path, code: str) -> None:
    """A notebook of one code cell, on the Python 3 kernel."""
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(code)],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)"}},
    )
    nbformat.write(notebook, path)


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000  # a real picture, not an empty page
    return path


def assert_review_in_view(page) -> None:
    """The article, the card's head, the verdict buttons, the rationale and the message line are
    all in the window at once, without scrolling."""
    for selector in (
        ".cc-panel .cc-article",
        f"{CORE} .cc-card-head",
        f"{CORE} .cc-verdicts",
        f"{CORE} .cc-rationale textarea",
        f"{CORE} .cc-message",
    ):
        assert in_viewport(page, page.locator(selector).first), selector


def in_small_window(page, name: str) -> None:
    """At 1000x800 the panel is one column; the same parts are still in view together."""
    page.set_viewport_size({"width": 1000, "height": 800})
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.cc-panel .cc-body')).flexDirection"
        " === 'column'"
    )
    page.locator(".cc-panel").first.evaluate("e => e.scrollIntoView()")
    assert_review_in_view(page)
    shot(page, name)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('.cc-panel .cc-body')).flexDirection"
        " === 'row'"
    )
    page.locator(".cc-panel").first.evaluate("e => e.scrollIntoView()")


def card_head(page):
    return page.locator(f"{CORE} .cc-card-head")


def test_quickstart_review_in_the_browser(tmp_path):
    shutil.copy(ROOT / "notebooks" / "01-quickstart.ipynb", tmp_path)
    store = tmp_path / "quickstart-reviews.sqlite"
    with jupyterlab(tmp_path) as lab, browser_page() as page:
        errors = watch_console(page)
        open_and_run(page, lab, "01-quickstart.ipynb")
        review_quickstart(page, store)
        restart_and_rerun(page, store)
        assert errors == []
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)  # not re-added


def review_quickstart(page, store: Path) -> None:
    panel = page.locator(".cc-panel").first
    panel.evaluate("e => e.scrollIntoView()")
    with sqlite3.connect(store) as conn:
        claims = conn.execute("SELECT id, type, text FROM claims ORDER BY start").fetchall()
    assert len(claims) >= 8
    marked = {
        int(i)
        for ids in page.locator(".cc-panel mark.cc-claim").evaluate_all(
            "ms => ms.map(m => m.dataset.ids)"
        )
        for i in ids.split(",")
    }
    assert marked == {c[0] for c in claims}
    assert "expulsion" in panel.locator(".cc-legend").first.inner_text()
    assert f"0 of {len(claims)} reviewed" in page.locator(".cc-progress-text").inner_text()
    assert_review_in_view(page)
    shot(page, "01-quickstart-1400x1000.png")
    in_small_window(page, "02-quickstart-1000x800.png")

    # A verdict, then the rationale typed after it: both on the claim the card showed.
    claim_id, _, claim_text = next(c for c in claims if c[1] == "expulsion" and "23" in c[2])
    page.locator(f'.cc-panel mark.cc-claim[data-ids^="{claim_id}"]').first.click()
    expect(card_head(page)).to_contain_text(claim_text)
    page.locator(f"{CORE} .cc-verdict-false").click()
    assert wait_for_row(
        store, "SELECT 1 FROM reviews WHERE claim_id = ? AND label = 'false'", (claim_id,)
    )
    badge = page.locator(f'.cc-badge[data-claim="{claim_id}"]')
    expect(badge).to_contain_text("False")
    number = [c[0] for c in claims].index(claim_id) + 1  # the badge names its claim
    assert badge.locator(".cc-badge-n").inner_text() == str(number)
    expect(card_head(page)).to_contain_text(f"Claim {number} of {len(claims)}")
    expect(card_head(page)).to_contain_text(claim_text)  # the card stayed
    box = page.locator(f"{CORE} .cc-rationale textarea")
    box.click()
    page.keyboard.type("The record says 23 diplomats on 14 March.")
    page.locator(f"{CORE} .cc-save-next").click()
    row = wait_for_row(
        store,
        "SELECT label, rationale, reviewer FROM reviews WHERE claim_id = ? AND rationale != ''",
        (claim_id,),
    )
    assert row == ("false", "The record says 23 diplomats on 14 March.", "me")
    expect(card_head(page)).not_to_contain_text(claim_text)  # moved on when asked
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT count(*) FROM reviews").fetchone() == (1,)

    # Keys after a click in the list, with the focus shown.
    target = claims[-1][0]
    page.locator(f'.cc-panel .cc-list li[data-id="{target}"]').click()
    expect(card_head(page)).to_contain_text(claims[-1][2][:40])
    expect(page.locator(".cc-panel .cc-keys-on")).to_be_visible()
    code_cells = page.locator(".jp-CodeCell").count()
    page.keyboard.press("1")
    assert wait_for_row(store, "SELECT label FROM reviews WHERE claim_id = ?", (target,)) == (
        "true",
    )
    assert page.locator(".jp-CodeCell").count() == code_cells  # JupyterLab did not take the key
    expect(page.locator(".cc-progress-text")).to_contain_text("2 of")

    # Filters: the other claims turn grey; a filter nobody matches says so.
    filters = page.locator(".cc-panel .cc-filters select")
    filters.nth(0).select_option(label="sanctions")
    sanctions = {c[0] for c in claims if c[1] == "sanctions"}
    page.wait_for_function(
        "n => document.querySelectorAll('.cc-panel .cc-list li').length === n", arg=len(sanctions)
    )
    dimmed = page.locator(".cc-panel mark.cc-claim.cc-dim").evaluate_all(
        "ms => ms.map(m => m.dataset.ids)"
    )
    assert dimmed and not any(int(ids.split(",")[0]) in sanctions for ids in dimmed)
    assert page.locator(".cc-panel mark.cc-claim:not(.cc-dim)").count() >= len(sanctions)
    filters.nth(2).select_option(label="False")
    empty = page.locator(".cc-panel .cc-list-empty")
    expect(empty).to_contain_text("No claim matches these filters")
    expect(card_head(page)).to_contain_text("No claim matches the filters")
    shot(page, "03-filter-empty.png")
    empty.locator("button", has_text="Show all claims").click()
    page.wait_for_function(
        "n => document.querySelectorAll('.cc-panel .cc-list li').length === n", arg=len(claims)
    )
    assert page.locator(".cc-panel mark.cc-claim.cc-dim").count() == 0

    # A correction works out the signals again.
    page.locator(f'.cc-panel .cc-list li[data-id="{claim_id}"]').click()
    details = page.locator(".cc-panel .cc-details")
    expect(details).to_contain_text("count agrees")
    count = details.locator(".cc-slots .widget-text").filter(
        has=page.locator("label", has_text="how many")
    )
    count.locator("input").fill("150")
    details.locator("button", has_text="Save corrections").click()
    expect(details).to_contain_text("the claim says 150; the record says 23")
    expect(details).to_contain_text("how many: 150 (detected: 23)")
    local = details.locator(".cc-local").first
    expect(local).to_contain_text("signals worked out again")
    assert in_viewport(page, local) and in_viewport(page, page.locator(f"{CORE} .cc-message"))

    # Evidence added by hand: the message beside the button and in the card, both in view.
    details.locator('input[placeholder^="https://"]').fill("https://www.gov.uk/expulsions")
    details.locator('input[placeholder="what it says"]').fill("23 diplomats, 14 March")
    details.locator('input[placeholder^="its date"]').fill("14 March")  # not a date it reads
    details.locator("button", has_text="Add evidence").click()
    error = details.locator(".cc-local.cc-error")
    expect(error).to_contain_text("YYYY-MM-DD")
    expect(page.locator(f"{CORE} .cc-message.cc-error")).to_contain_text("YYYY-MM-DD")
    assert in_viewport(page, error)
    assert in_viewport(page, page.locator(f"{CORE} .cc-message"))
    details.locator('input[placeholder^="its date"]').fill("2018-03-14")
    details.locator("button", has_text="Add evidence").click()
    added = details.locator(".cc-local", has_text="Evidence added")
    expect(added).to_be_visible()
    assert in_viewport(page, added) and in_viewport(page, page.locator(f"{CORE} .cc-message"))
    expect(details.locator(".cc-evidence-item.cc-from-manual")).to_contain_text("www.gov.uk")
    shot(page, "04-evidence-added.png")

    # A claim added by hand; the same words again are refused.
    bar = page.locator(".cc-panel .cc-add")
    select_words(page, "Britain expelled 23 Russian diplomats on 14 March")
    bar.locator("button", has_text="Add selected words").click()
    refused = bar.locator(".cc-local.cc-error")
    expect(refused).to_contain_text("that claim is already there")
    assert in_viewport(page, refused)
    words = "Russia expels 23 British diplomats"  # a headline under "Related news"
    select_words(page, words)
    bar.locator("button", has_text="Add selected words").click()
    added = wait_for_row(store, "SELECT text, origin FROM claims WHERE origin = 'manual'", ())
    assert added == (words, "manual")
    expect(card_head(page)).to_contain_text(words)
    select_words(page, words)
    bar.locator("button", has_text="Add selected words").click()
    expect(refused).to_contain_text("that claim is already there")
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT count(*) FROM claims WHERE origin = 'manual'").fetchone() == (
            1,
        )


def restart_and_rerun(page, store: Path) -> None:
    """Restart the kernel and run everything again: a new panel shows the saved verdicts."""
    with sqlite3.connect(store) as conn:
        total = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        (claim_id,) = conn.execute("SELECT claim_id FROM reviews WHERE label = 'false'").fetchone()
    page.evaluate("() => document.querySelectorAll('.cc-panel').forEach(p => p.dataset.old = 1)")
    run_menu(page, "Kernel", "Restart Kernel and Run All Cells")
    page.locator(".jp-Dialog-button.jp-mod-accept").click()
    page.wait_for_function(
        "id => { const b = document.querySelector("
        "`.cc-panel:not([data-old]) .cc-badge[data-claim='${id}']`);"
        " return b && b.textContent.endsWith('False'); }",
        arg=claim_id,
        timeout=90_000,
    )
    fresh = page.locator(".cc-panel:not([data-old])").first
    assert fresh.locator(".cc-progress-text").inner_text().startswith(f"2 of {total}")
    chips = fresh.locator(".cc-list .cc-chip").all_inner_texts()
    assert chips.count("False") == 1 and chips.count("True") == 1
    fresh.evaluate("e => e.scrollIntoView()")
    shot(page, "05-after-restart.png")


HOSTILE_ARTICLE = (
    "Published: 14 March 2018\n\n"
    'Britain expelled 23 Russian diplomats <img src=x onerror="window.__ccPwned=1"> on 14 March.'
    "\n\nMoscow answered by expelling 23 British diplomats <script>window.__ccPwned=2</script>"
    " three days later."
)


def test_hostile_article_and_evidence_are_shown_as_text(tmp_path):
    write_notebook(
        tmp_path / "hostile.ipynb",
        "import sqlite3\nfrom contextlib import closing\nimport claimcheck\n"
        "wb = claimcheck.Workbench('hostile.sqlite', reviewer='t')\n"
        f"article = wb.add_article({HOSTILE_ARTICLE!r}, title='<b>bold</b> title')\n"
        "first = wb.claims(article.id)[0]\n"
        "try:  # refused where it enters ...\n"
        "    wb.add_evidence(first.id, url='javascript:window.__ccPwned=3')\n"
        "    raise AssertionError('a javascript: URL was accepted')\n"
        "except claimcheck.ClaimcheckError:\n    pass\n"
        "old = wb.add_evidence(first.id, url='https://example.org/old',"
        " note='<iframe src=javascript:alert(1)></iframe>')\n"
        "with closing(sqlite3.connect('hostile.sqlite')) as db, db:  # ... or an old store\n"
        "    db.execute(\"UPDATE evidence SET data = json_set(data, '$.url', "
        "'javascript:window.__ccPwned=3', '$.title', 'javascript:window.__ccPwned=3')"
        " WHERE id = ?\", (int(old.record_id.split(':')[1]),))\n"
        "wb.add_evidence(first.id, url='https://example.org/<x>', note='fine')\n"
        "wb.review(article.id)",
    )
    with jupyterlab(tmp_path) as lab, browser_page() as page:
        errors = watch_console(page)
        open_and_run(page, lab, "hostile.ipynb")
        page.locator(".cc-panel").first.evaluate("e => e.scrollIntoView()")
        article = page.locator(".cc-article")
        assert '<img src=x onerror="window.__ccPwned=1">' in article.inner_text()
        assert article.locator("img, script").count() == 0
        assert page.locator(".cc-panel .cc-title").inner_text() == "<b>bold</b> title"
        rows = page.locator(".cc-panel .cc-list")
        expect(rows).to_contain_text("<img src=x onerror")
        assert rows.locator("img, script").count() == 0
        evidence = page.locator(".cc-panel .cc-evidence")
        assert evidence.locator("iframe").count() == 0
        hrefs = evidence.locator("a").evaluate_all("as => as.map(a => a.href)")
        assert hrefs and all(h.startswith("https://") for h in hrefs)
        assert "javascript:window.__ccPwned=3" in evidence.inner_text()  # shown, not linked
        assert page.evaluate("() => window.__ccPwned") is None
        shot(page, "06-hostile-article.png")
        assert errors == []


def test_trainee_notebook_hides_the_answers_and_closes_after_the_reveal(tmp_path):
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / "03-workshop-trainee.ipynb", notebooks)
    with jupyterlab(tmp_path) as lab, browser_page() as page:
        errors = watch_console(page)
        open_notebook(page, lab, "notebooks/03-workshop-trainee.ipynb")
        # Run the cells down to the panel, as a trainee starts.
        page.locator(".jp-MarkdownCell", has_text="Where you are").first.click()
        run_menu(page, "Run", "Run All Above Selected Cell")
        page.wait_for_selector(".cc-panel mark.cc-claim", timeout=90_000)
        panel = page.locator(".cc-panel").first
        panel.evaluate("e => e.scrollIntoView()")
        (store,) = notebooks.glob("ws-russia-west-sam-trainee.sqlite")
        details = panel.locator(".cc-details")
        expect(details.locator(".cc-hidden-note")).to_contain_text("hidden until the key")
        assert "Suggested:" not in details.inner_text()
        assert details.locator(".cc-signal").count() == 0
        assert details.locator(".cc-evidence-item").count() >= 1  # the records are there
        expect(panel.locator(".cc-list .cc-chip").first).to_have_text("not answered")
        assert_review_in_view(page)
        shot(page, "07-trainee-1400x1000.png")
        in_small_window(page, "08-trainee-1000x800.png")
        # A verdict click, saved for the trainee.
        claim_id = int(panel.locator(".cc-list li").nth(3).get_attribute("data-id"))
        panel.locator(".cc-list li").nth(3).click()
        panel.locator(".cc-verdict-misleading").click()
        row = wait_for_row(
            store, "SELECT label, reviewer FROM reviews WHERE claim_id = ?", (claim_id,)
        )
        assert row == ("misleading", "Sam Trainee")
        # The rest of the notebook answers three claims, submits and reveals the key.
        page.locator(".jp-MarkdownCell", has_text="Where you are").first.click()
        run_menu(page, "Run", "Run Selected Cell and All Below")
        page.wait_for_selector(".cc-reveal table", timeout=90_000)
        reveal = page.locator(".cc-reveal").first
        assert "Papadopoulos pleaded guilty on 5 October 2017" in reveal.inner_text()
        assert "not answered" in reveal.inner_text() and "missed" not in reveal.inner_text()
        expect(panel.locator(".cc-done")).to_contain_text("submissions are closed")
        # Nested claims: every badge follows the last piece of its own claim, in reading order.
        page.wait_for_function("() => document.querySelectorAll('.cc-panel .cc-badge').length >= 4")
        assert page.evaluate(
            """() => [...document.querySelectorAll('.cc-panel .cc-badge')].every(b => {
                let m = b.previousElementSibling;
                while (m && m.classList.contains('cc-badge')) {
                    if (Number(m.textContent.match(/^\\d+/)) > Number(b.textContent.match(/^\\d+/)))
                        return false;
                    m = m.previousElementSibling;
                }
                return m && m.dataset.ids.split(',').includes(b.dataset.claim);
            })"""
        )
        panel.evaluate("e => e.scrollIntoView()")
        expect(details).to_contain_text("Suggested:")  # shown now
        panel.locator("button", has_text="Submit answers").click()
        message = page.locator(f"{CORE} .cc-message.cc-error")
        expect(message).to_contain_text("submissions are closed")
        assert in_viewport(page, message)
        shot(page, "09-trainee-after-reveal.png")
        # One panel for the whole pack: the picker moves to the second article.
        panel.locator(".cc-top select").first.select_option(
            label="2. Trump abandons Iran nuclear deal"
        )
        expect(panel.locator(".cc-title").first).to_have_text("Trump abandons Iran nuclear deal")
        page.wait_for_function(
            "() => document.querySelectorAll('.cc-panel mark.cc-claim').length >= 2"
        )
        assert errors == []


def test_class_report_stays_in_its_frame(tmp_path):
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / "02-workshop-instructor.ipynb", notebooks)
    heading = ".jp-MarkdownOutput h2"
    style = (
        "h => { const s = getComputedStyle(h); return [s.borderBottomStyle, s.borderBottomWidth,"
        " s.marginTop, s.fontSize].join(' '); }"
    )
    with jupyterlab(tmp_path) as lab, browser_page() as page:
        errors = watch_console(page)
        open_notebook(page, lab, "notebooks/02-workshop-instructor.ipynb")
        page.wait_for_selector(heading)
        before = page.locator(heading).first.evaluate(style)
        run_menu(page, "Run", "Run All Cells")
        frame_element = page.wait_for_selector("iframe.cc-frame", timeout=90_000)
        frame = frame_element.content_frame()
        frame.wait_for_selector("h1")
        assert frame.locator("h1").inner_text().startswith("Class report")
        # The report's own styles work inside the frame ...
        assert frame.locator("table").first.evaluate("t => getComputedStyle(t).borderCollapse") == (
            "collapse"
        )
        csp = frame.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "default-src 'none'" in csp
        # ... and nothing of them reaches the notebook.
        assert page.locator(heading).first.evaluate(style) == before
        assert (
            page.evaluate(
                "() => [...document.querySelectorAll('style')].some(s => s.textContent.includes"
                "('td.diag'))"
            )
            is False
        )
        frame_element.scroll_into_view_if_needed()
        page.wait_for_timeout(500)  # for the picture: the frame is painted by its own process
        shot(page, "10-class-report.png")
        assert errors == []


MATCH_EARLIER, MATCH_LATER = MAY_EXPELS, MOSCOW_ANSWERS
MATCH_RATIONALE = (
    "May announced the expulsion on 14 March; the 23 left on 20 March. "
    '<img src=x onerror="window.__ccPwned=4">'
)


def test_a_card_shows_the_earlier_review_and_opens_it(tmp_path):
    write_notebook(
        tmp_path / "matched.ipynb",
        "import claimcheck\n"
        "wb = claimcheck.Workbench('matched.sqlite', reviewer='ana')\n"
        f"first = wb.add_article({MATCH_EARLIER!r}, '2018-03-14', "
        'title="May\'s expulsions")\n'
        "earlier = next(c for c in first.claims if 'will expel' in c.text)\n"
        f"wb.set_verdict(earlier.id, 'false', {MATCH_RATIONALE!r})\n"
        f"second = wb.add_article({MATCH_LATER!r}, '2018-03-17', title='Moscow answers')\n"
        "later = next(c for c in second.claims if c.text.startswith('London had'))\n"
        "panel = wb.review(second.id)\n"
        "panel.select(later.id)\n"
        "panel",
    )
    store = tmp_path / "matched.sqlite"
    with jupyterlab(tmp_path) as lab, browser_page() as page:
        errors = watch_console(page)
        open_and_run(page, lab, "matched.ipynb")
        panel = page.locator(".cc-panel").first
        panel.evaluate("e => e.scrollIntoView()")
        expect(card_head(page)).to_contain_text("London had ordered 23 Russian diplomats")
        earlier = panel.locator(".cc-reviewed-before")
        line = earlier.locator(".cc-reviewed-line").first
        expect(line).to_contain_text("Reviewed before: False on ")
        expect(line).to_contain_text("by ana — May announced the expulsion on 14 March")
        assert '<img src=x onerror="window.__ccPwned=4">' in line.inner_text()
        assert earlier.locator("img, script").count() == 0
        expect(earlier).to_contain_text("May's expulsions")
        button = earlier.locator("button", has_text="Open that review")
        assert in_viewport(page, line) and in_viewport(page, button)
        assert_review_in_view(page)
        shot(page, "11-reviewed-before-1400x1000.png")
        button.click()
        expect(card_head(page)).to_contain_text("Britain will expel 23 Russian diplomats")
        expect(panel.locator(".cc-title").first).to_have_text("May's expulsions")
        message = page.locator(f"{CORE} .cc-message")
        expect(message).to_contain_text("The earlier review: claim 2 of “May's expulsions”")
        expect(message).to_contain_text("back: claim 2 of article 2 in the picker")
        # the earlier claim's own verdict is on its card
        expect(page.locator(f"{CORE} .cc-verdict-line")).to_contain_text("False")
        shot(page, "12-earlier-review-opened.png")
        assert page.evaluate("() => window.__ccPwned") is None
        assert errors == []
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT count(*) FROM reviews").fetchone() == (1,)


OTHER_ARTICLE = (
    "Published: 14 March 2018\n\n"
    "Britain expelled 23 Russian diplomats on 14 March.\n\n"
    "The embassy had employed about 120 people <b onmouseover=window.__ccPwned=4>before</b> the "
    "expulsions, according to the Foreign Office.\n\n"
    "It was a grey day in London."
)


def test_other_check_worthy_sentences_open_and_add_a_claim(tmp_path):
    write_notebook(
        tmp_path / "other.ipynb",
        "import claimcheck\n"
        "wb = claimcheck.Workbench('other.sqlite', reviewer='t')\n"
        f"article = wb.add_article({OTHER_ARTICLE!r}, title='Other sentences')\n"
        "wb.review(article.id)",
    )
    with jupyterlab(tmp_path) as lab, browser_page() as page:
        errors = watch_console(page)
        open_and_run(page, lab, "other.ipynb")
        page.locator(".cc-panel").first.evaluate("e => e.scrollIntoView()")
        section = page.locator(".cc-panel .cc-other")
        expect(section).to_contain_text("Other check-worthy sentences (1)")
        section.get_by_text("Other check-worthy sentences (1)").click()
        row = section.locator(".cc-other-row").first
        expect(row).to_be_visible()
        assert "<b onmouseover" in row.inner_text()  # the article's markup, shown as text
        assert row.locator("b").count() == 0
        assert_review_in_view(page)
        shot(page, "13-other-sentences-1400x1000.png")
        row.get_by_role("button", name="Add as claim").click()
        added = wait_for_row(
            tmp_path / "other.sqlite",
            "SELECT type FROM claims WHERE origin = 'manual' AND text LIKE 'The embassy%'",
            (),
        )
        assert added is not None
        expect(section).to_contain_text("Other check-worthy sentences (0)")
        expect(page.locator(f"{CORE} .cc-claim-text")).to_contain_text("The embassy had employed")
        assert page.evaluate("() => window.__ccPwned") is None
        assert errors == []
