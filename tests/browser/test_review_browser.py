"""The review panel in JupyterLab, in headless Chromium driven by Playwright.

Opens the quickstart notebook, runs it, checks the highlights, clicks a claim and a verdict,
uses a keyboard shortcut, restarts the kernel, runs the notebook again and finds the verdicts
still there. A second notebook shows a hostile article. Screenshots are kept in
``test-artifacts/browser/`` for people to look at.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from ..conftest import ROOT
from .jupyterlab import browser_page, chromium_path, jupyterlab

ARTIFACTS = ROOT / "test-artifacts" / "browser"

if chromium_path() is None:
    if os.environ.get("CLAIMCHECK_BROWSER_TESTS") == "required":
        raise RuntimeError("the browser tests are required but Debian's chromium is not installed")
    pytest.skip(
        "Debian's chromium is not installed; `make test` installs it and runs these tests",
        allow_module_level=True,
    )


def run_all(page) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


def open_and_run(page, lab, notebook: str) -> None:
    """Open a notebook, wait for its kernel, run every cell and wait for the panel's highlights."""
    page.goto(lab.notebook_url(notebook))
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    lab.wait_for_kernel(notebook.rsplit("/", 1)[-1])
    run_all(page)
    page.wait_for_selector(".cc-panel mark.cc-claim", timeout=90_000)


def wait_for_row(db: Path, query: str, params: tuple, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    with sqlite3.connect(db) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(query, params).fetchone()
            if row:
                return row
            time.sleep(0.05)
    return None


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000  # a real picture, not an empty page
    return path


def test_quickstart_panel_review_survives_a_kernel_restart(tmp_path):
    shutil.copy(ROOT / "notebooks" / "01-quickstart.ipynb", tmp_path)
    store = tmp_path / "quickstart-reviews.sqlite"
    with jupyterlab(tmp_path) as lab, browser_page() as page:
        open_and_run(page, lab, "01-quickstart.ipynb")
        panel = page.locator(".cc-panel").first
        panel.evaluate("e => e.scrollIntoView()")

        # Every stored claim is highlighted, and the legend names the types.
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
        legend = page.locator(".cc-panel .cc-legend").first.inner_text()
        assert "expulsion" in legend and "sanctions" in legend
        assert f"0 of {len(claims)} reviewed" in page.locator(".cc-progress-text").inner_text()
        shot(page, "01-panel-opened.png")

        # Click an expulsion claim: it is outlined and its card opens.
        claim_id, _, claim_text = next(c for c in claims if c[1] == "expulsion" and "23" in c[2])
        page.locator(f'.cc-panel mark.cc-claim[data-ids^="{claim_id}"]').first.click()
        page.wait_for_function(
            "id => [...document.querySelectorAll('.cc-panel mark.cc-selected')]"
            ".some(m => m.dataset.ids.split(',').includes(String(id)))",
            arg=claim_id,
        )
        card = page.locator(".cc-card-head blockquote")
        card.filter(has_text=claim_text).wait_for()

        # A verdict click is in the store at once.
        page.locator(".cc-verdict-false").click()
        row = wait_for_row(
            store, "SELECT label, reviewer FROM reviews WHERE claim_id = ?", (claim_id,)
        )
        assert row == ("false", "me")
        page.wait_for_selector(f'.cc-badge[data-claim="{claim_id}"]')
        assert page.locator(f'.cc-badge[data-claim="{claim_id}"]').inner_text() == "False"

        # The panel moved on to the next open claim; key 1 gives it "true", and JupyterLab does
        # not also take the key (it would turn the notebook cell into a heading).
        next_id = int(
            page.locator(".cc-panel mark.cc-selected").first.get_attribute("data-ids").split(",")[0]
        )
        assert next_id != claim_id
        code_cells = page.locator(".jp-CodeCell").count()
        page.locator(".cc-article").click(position={"x": 4, "y": 4})
        page.keyboard.press("1")
        row = wait_for_row(store, "SELECT label FROM reviews WHERE claim_id = ?", (next_id,))
        assert row == ("true",)
        assert page.locator(".jp-CodeCell").count() == code_cells
        page.wait_for_function(
            "() => document.querySelector('.cc-progress-text').textContent.startsWith('2 of')"
        )
        shot(page, "02-after-verdicts.png")

        # A claim the detector missed: select its words in the article, then add it.
        words = "Russia denies any role in the poisoning"
        page.evaluate(
            """words => {
                const root = document.querySelector('.cc-article');
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                let node;
                while ((node = walker.nextNode()) && !node.data.includes(words)) {}
                const start = node.data.indexOf(words);
                const range = document.createRange();
                range.setStart(node, start);
                range.setEnd(node, start + words.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                root.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
            }""",
            words,
        )
        page.locator(".cc-panel button", has_text="Add claim from selection").click()
        added = wait_for_row(store, "SELECT text, origin FROM claims WHERE origin = 'manual'", ())
        assert added == (words, "manual")
        page.wait_for_function(
            "n => document.querySelectorAll('.cc-panel mark.cc-claim').length > n",
            arg=len(marked) - 1,
        )

        # Restart the kernel and run everything again: a new panel shows the saved verdicts.
        page.evaluate(
            "() => document.querySelectorAll('.cc-panel').forEach(p => p.dataset.old = 1)"
        )
        page.locator(".lm-MenuBar-itemLabel", has_text="Kernel").first.click()
        page.locator(
            ".lm-Menu-itemLabel", has_text="Restart Kernel and Run All Cells"
        ).first.click()
        page.locator(".jp-Dialog-button.jp-mod-accept").click()
        page.wait_for_function(
            "id => { const b = document.querySelector("
            "`.cc-panel:not([data-old]) .cc-badge[data-claim='${id}']`);"
            " return b && b.textContent === 'False'; }",
            arg=claim_id,
            timeout=90_000,
        )
        fresh = page.locator(".cc-panel:not([data-old])").first
        # Two verdicts, and one claim more: the one added by hand.
        assert fresh.locator(".cc-progress-text").inner_text().startswith(f"2 of {len(claims) + 1}")
        options = fresh.locator(".cc-claim-list select").evaluate(
            "s => [...s.options].map(o => o.text)"
        )
        assert sum(o.startswith("✓") for o in options) == 2
        fresh.evaluate("e => e.scrollIntoView()")
        shot(page, "03-after-restart.png")
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone() == (1,)  # not re-added


HOSTILE_ARTICLE = (
    "Published: 14 March 2018\n\n"
    'Britain expelled 23 Russian diplomats <img src=x onerror="window.__ccPwned=1"> on 14 March.'
    "\n\nMoscow answered by expelling 23 British diplomats <script>window.__ccPwned=2</script>"
    " three days later."
)


def test_hostile_article_and_evidence_are_shown_as_text(tmp_path):
    notebook = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
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
                "wb.review(article.id)"
            )
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)"}},
    )
    nbformat.write(notebook, tmp_path / "hostile.ipynb")
    with jupyterlab(tmp_path) as lab, browser_page() as page:
        open_and_run(page, lab, "hostile.ipynb")
        page.locator(".cc-panel").first.evaluate("e => e.scrollIntoView()")
        article = page.locator(".cc-article")
        assert '<img src=x onerror="window.__ccPwned=1">' in article.inner_text()
        assert article.locator("img, script").count() == 0
        assert page.locator(".cc-panel .cc-title").inner_text() == "<b>bold</b> title"
        evidence = page.locator(".cc-panel .cc-evidence")
        assert evidence.locator("iframe").count() == 0
        hrefs = evidence.locator("a").evaluate_all("as => as.map(a => a.href)")
        assert hrefs and all(h.startswith("https://") for h in hrefs)
        assert "javascript:window.__ccPwned=3" in evidence.inner_text()  # shown, not linked
        assert page.evaluate("() => window.__ccPwned") is None
        shot(page, "04-hostile-article.png")


def test_trainee_notebook_panel_and_reveal(tmp_path):
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / "03-workshop-trainee.ipynb", notebooks)
    with jupyterlab(tmp_path) as lab, browser_page() as page:
        open_and_run(page, lab, "notebooks/03-workshop-trainee.ipynb")
        page.wait_for_selector(".cc-reveal table", timeout=90_000)  # the key, after submitting
        (store,) = notebooks.glob("ws-russia-west-sam-trainee.sqlite")
        with sqlite3.connect(store) as conn:
            claims = conn.execute(
                "SELECT c.id, c.text FROM claims c WHERE c.article_id = 1 AND c.id NOT IN "
                "(SELECT claim_id FROM reviews) ORDER BY c.start"
            ).fetchall()
        claim_id = claims[0][0]
        panel = page.locator(".cc-panel").first
        panel.evaluate("e => e.scrollIntoView()")
        # The answers the notebook gave are shown as badges; now the trainee adds one by hand.
        page.wait_for_function("() => document.querySelectorAll('.cc-panel .cc-badge').length == 3")
        page.locator(f'.cc-panel mark.cc-claim[data-ids^="{claim_id}"]').first.click()
        page.locator(".cc-panel .cc-verdict-misleading").click()
        row = wait_for_row(
            store, "SELECT label, reviewer FROM reviews WHERE claim_id = ?", (claim_id,)
        )
        assert row == ("misleading", "Sam Trainee")
        page.wait_for_function(  # the store is written first, then the page is updated
            "() => document.querySelector('.cc-progress-text').textContent.startsWith('4 of')"
        )
        shot(page, "05-trainee-panel.png")
        # One panel for the whole pack: the picker moves to the second article.
        panel.locator("select").first.select_option(label="2. Trump abandons Iran nuclear deal")
        page.wait_for_function(
            "() => document.querySelector('.cc-article').textContent"
            ".startsWith('Trump abandons Iran nuclear deal')"
        )
        expect(page.locator(".cc-panel .cc-title").first).to_have_text(
            "Trump abandons Iran nuclear deal"
        )
        page.wait_for_function(
            "() => document.querySelectorAll('.cc-panel mark.cc-claim').length >= 2"
        )
        reveal = page.locator(".cc-reveal").first
        reveal.scroll_into_view_if_needed()
        assert "Papadopoulos pleaded guilty on 5 October 2017" in reveal.inner_text()
        shot(page, "06-trainee-reveal.png")
