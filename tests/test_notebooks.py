"""The notebooks run top to bottom, offline, in a fresh kernel, and are kept without outputs."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from claimcheck import Store

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    assert "01-quickstart.ipynb" in [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path, tmp_path, monkeypatch):
    # A cache of its own, so nothing from the user's HTTP cache takes part.
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path / "http_cache.sqlite"))
    # The notebooks live in notebooks/ and read the sample workshop from ../fixtures/.
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    workdir = tmp_path / "notebooks"
    workdir.mkdir()
    copy = workdir / path.name
    shutil.copy(path, copy)
    notebook = nbformat.read(copy, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(workdir)}},
    ).execute()
    outputs = [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs
    ]
    assert not [o for o in outputs if o.output_type == "error"]
    if path.name == "01-quickstart.ipynb":
        text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
        assert "expulsion" in text and "Suggestion:" in text
        widgets = [
            o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
        ]
        assert len(widgets) == 1  # the review panel
        assert (workdir / "quickstart-reviews.sqlite").exists()
        assert "Verdict report" in (workdir / "quickstart-report.html").read_text()
        assert (workdir / "quickstart-verdicts.csv").read_text().startswith('"article_id",')
    if path.name == "02-workshop-instructor.ipynb":
        assert "Class report" in (workdir / "class-report.html").read_text()
        assert len((workdir / "scores.csv").read_text().splitlines()) == 6
        assert (workdir / "my-pack-for-trainees.json").exists()
    if path.name == "03-workshop-trainee.ipynb":
        (submission,) = workdir.glob("*.submission.json")
        assert '"trainee": "Sam Trainee"' in submission.read_text()
        html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
        assert html and "answer key" in html[-1]
    if path.name == "04-archive.ipynb":
        summary = json.loads((workdir / "archive-scan" / "summary.json").read_text())
        assert (summary["rows"], summary["articles"], summary["errors"]) == (3002, 3000, 2)
        assert summary["claims"] > 0 and summary["mode"] == "2 local processes"
        assert [o for o in outputs if "image/png" in o.get("data", {})]  # the yearly chart
        widgets = [
            o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
        ]
        assert len(widgets) == 2  # the progress bar and the review panel
        with Store(workdir / "archive-reviews.sqlite") as store:
            stored = store.articles()
        assert len(stored) == 3 and len({a["title"] for a in stored}) == 3
        assert all(a["url"].startswith("https://archive.example.org/") for a in stored)
