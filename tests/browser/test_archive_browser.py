"""The archive notebook in JupyterLab (headless Chromium): it runs to its review panel, with its
progress bar and chart, and no cell writes an error."""

from __future__ import annotations

import json
import shutil

from ..conftest import ROOT
from .jupyterlab import browser_page, jupyterlab, require_chromium, run_menu

ARTIFACTS = ROOT / "test-artifacts" / "browser"

require_chromium()

ERRORS = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def test_archive_notebook_runs_in_jupyterlab_without_errors(tmp_path):
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / "04-archive.ipynb", notebooks)
    with jupyterlab(tmp_path) as lab, browser_page() as page:
        # Every cell stays in the page (no windowing), so every output can be checked.
        tracker = (
            tmp_path / ".lab/settings/@jupyterlab/notebook-extension/tracker.jupyterlab-settings"
        )
        tracker.write_text(json.dumps({"autoStartDefaultKernel": True, "windowingMode": "none"}))
        page.goto(lab.notebook_url("notebooks/04-archive.ipynb"))
        page.wait_for_selector(".jp-Notebook", timeout=60_000)
        lab.wait_for_kernel("04-archive.ipynb")
        run_menu(page, "Run", "Run All Cells")
        # The last cell opens the review panel: every cell before it has run by then.
        page.wait_for_selector(".cc-panel mark.cc-claim", timeout=300_000)
        assert page.locator(ERRORS).count() == 0, page.locator(ERRORS).all_inner_texts()
        assert page.locator(".jp-OutputArea-output img").count() >= 1  # the monthly chart
        bar = page.locator(".widget-hprogress, .jupyter-widget-progress").first
        assert bar.count() == 1  # the scan's progress bar rendered as a widget
        assert "3002/3002" in page.locator(".jp-Notebook").inner_text()
        picker = page.locator(".cc-panel select").first
        assert picker.locator("option").count() == 3  # the three articles chosen for review
        panel = page.locator(".cc-panel").first
        panel.evaluate("e => e.scrollIntoView()")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "07-archive-notebook.png"))
