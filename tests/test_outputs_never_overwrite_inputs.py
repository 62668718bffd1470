"""A command's output never overwrites what the command reads: the store a report or weights are
made from, the pack being graded, a trainee's submission, or a file the demo did not write."""

from __future__ import annotations

import shutil

import pytest

from .conftest import FIXTURES
from .test_cli import assert_one_line_error

WS = FIXTURES / "workshop"


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    """A store the demo made (one article with its suggested verdicts)."""
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("demo")
    done = subprocess.run(
        [sys.executable, "-m", "claimcheck", "demo", "--output-dir", str(folder)],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return folder / "demo-reviews.sqlite"


@pytest.mark.parametrize(
    "args",
    [
        ("report", "{store}", "--format", "html", "-o", "{store}"),
        ("report", "{store}", "--format", "md", "-o", "{same}"),
        ("report", "{store}", "--format", "json", "-o", "{store}"),
        ("train", "--store", "{store}", "-o", "{store}"),
    ],
)
def test_an_output_named_as_the_store_is_refused_and_the_store_kept(
    run_cli, demo_store, tmp_path, args
):
    store = tmp_path / "reviews.sqlite"
    shutil.copy(demo_store, store)
    before = store.read_bytes()
    same = tmp_path / "." / "reviews.sqlite"
    result = run_cli(*(a.format(store=store, same=same) for a in args))
    assert_one_line_error(result, "names the store itself")
    assert store.read_bytes() == before


def _workshop_copy(tmp_path):
    shutil.copy(WS / "pack.json", tmp_path / "pack.json")
    shutil.copy(WS / "spec.json", tmp_path / "spec.json")
    shutil.copytree(WS / "submissions", tmp_path / "submissions")
    shutil.copytree(WS / "articles", tmp_path / "articles")  # the spec names them
    return tmp_path


@pytest.mark.parametrize(
    ("command", "output", "message"),
    [
        ("grade", "pack.json", "names the pack itself"),
        ("report", "pack.json", "names the pack itself"),
        ("grade", "submissions/{first}", "is inside the submissions folder"),
        ("report", "submissions/class.html", "is inside the submissions folder"),
    ],
)
def test_grading_never_writes_over_the_pack_or_a_submission(
    run_cli, tmp_path, command, output, message
):
    ws = _workshop_copy(tmp_path)
    first = sorted(p.name for p in (ws / "submissions").iterdir())[0]
    files = {p: p.read_bytes() for p in ws.rglob("*") if p.is_file()}
    target = ws / output.format(first=first)
    result = run_cli(
        "workshop", command, str(ws / "pack.json"), str(ws / "submissions"), "-o", str(target)
    )
    assert_one_line_error(result, message)
    assert {p: p.read_bytes() for p in ws.rglob("*") if p.is_file()} == files


def test_a_pack_is_never_written_over_its_spec(run_cli, tmp_path):
    ws = _workshop_copy(tmp_path)
    spec = (ws / "spec.json").read_bytes()
    result = run_cli("workshop", "pack", str(ws / "spec.json"), "-o", str(ws / "spec.json"))
    assert_one_line_error(result, "names the pack spec itself")
    assert (ws / "spec.json").read_bytes() == spec
    result = run_cli(
        "workshop", "pack", str(ws / "spec.json"), "-o", str(ws / "p.json"),
        "--trainee-copy", str(ws / "spec.json"),
    )  # fmt: skip
    assert_one_line_error(result, "names the pack spec itself")
    assert (ws / "spec.json").read_bytes() == spec and not (ws / "p.json").exists()


def test_the_demo_clears_only_its_own_store(run_cli, demo_store, tmp_path):
    # a file of the demo store's name that the demo did not write is refused and kept, with
    # its neighbours, before anything is printed
    notes = tmp_path / "demo-reviews.sqlite"
    notes.write_text("my notes")
    backup = tmp_path / "demo-reviews.sqlite.bak"
    backup.write_text("keep")
    result = run_cli("demo", "--output-dir", str(tmp_path))
    assert_one_line_error(result, "is not a store the demo wrote")
    assert result.stdout == b""
    assert notes.read_text() == "my notes" and backup.read_text() == "keep"
    # a store the demo wrote is replaced by a fresh one
    notes.unlink()
    shutil.copy(demo_store, notes)
    again = run_cli("demo", "--output-dir", str(tmp_path))
    assert again.returncode == 0, again.stderr
    assert backup.read_text() == "keep" and (tmp_path / "demo-report.html").is_file()


def test_a_demo_folder_that_is_a_file_is_refused_before_any_output(run_cli, tmp_path):
    target = tmp_path / "afile"
    target.write_text("x")
    result = run_cli("demo", "--output-dir", str(target))
    assert_one_line_error(result, "is a file")
    assert result.stdout == b"" and target.read_text() == "x"
