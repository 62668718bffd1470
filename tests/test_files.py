"""No file created or changed unless a command succeeded; -o takes a folder; stores opened for
reading stay byte-identical with nothing beside them."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest

from claimcheck.errors import OutputError, StoreError
from claimcheck.files import output_path, printable, write_atomic
from claimcheck.store import Store, new_store
from claimcheck.workbench import Workbench

from .conftest import FIXTURES

WS = FIXTURES / "workshop"


def snapshot(folder):
    """Every file under ``folder`` with a digest of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_write_atomic_replaces_whole_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / "report.html"
    target.write_text("the report a user already had")
    os.chmod(target, 0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new" and (target.stat().st_mode & 0o777) == 0o640

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, "newer")
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no temp left


def test_output_path_takes_a_folder_and_refuses_what_is_not_one(tmp_path):
    assert output_path(tmp_path, "scores.csv") == tmp_path / "scores.csv"
    assert output_path(tmp_path / "x.csv", "scores.csv") == tmp_path / "x.csv"
    (tmp_path / "scores.csv").mkdir()
    with pytest.raises(OutputError, match="is a folder"):
        output_path(tmp_path, "scores.csv")
    with pytest.raises(OutputError, match="does not exist"):
        output_path(tmp_path / "missing" / "x.csv", "scores.csv")
    with pytest.raises(OutputError, match="does not exist"):
        output_path(str(tmp_path / "missing") + "/", "scores.csv")
    (tmp_path / "file").write_text("")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        output_path(tmp_path / "file" / "x.csv", "scores.csv")


def test_printable_drops_escape_sequences_and_controls():
    hostile = "ok\x1b[2J\x1b]0;title\x07\x1b[31mred\r\nnext\u202eevil\x9b"
    assert printable(hostile) == "okred  next evil "
    assert printable("a" * 50, 10) == "a" * 9 + "…"
    assert printable("lone \ud800 surrogate") == "lone ? surrogate"


@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "reviews.sqlite"
    with Workbench(path, reviewer="ana") as wb:
        article = wb.add_article("Britain expelled 23 Russian diplomats on 14 March 2018.")
        wb.set_verdict(article.claims[0].id, "true", "the record agrees")
    return path


def test_a_report_opens_the_store_read_only(store_file, tmp_path, run_cli):
    folder = tmp_path / "work"
    folder.mkdir()
    shutil.copy(store_file, folder)
    store = folder / "reviews.sqlite"
    before = snapshot(folder)
    result = run_cli("report", str(store), "--format", "md")
    assert result.returncode == 0 and "Verdict: True" in result.stdout.decode()
    assert snapshot(folder) == before  # no -wal, no -shm, not a byte changed
    with Store(store, readonly=True) as read, pytest.raises(StoreError, match="read-only"):
        read.set_setting("organisation", "x")
    assert snapshot(folder) == before


@pytest.mark.parametrize("content", [b"", b"Britain expelled 23 diplomats.\n", b"\x00\x01" * 50])
def test_report_on_a_file_that_is_not_a_store_leaves_it_alone(tmp_path, run_cli, content):
    given = tmp_path / "empty.txt"
    given.write_bytes(content)
    result = run_cli("report", str(given), "--format", "md")
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert result.stderr.decode().count("\n") == 1
    assert given.read_bytes() == content and [p.name for p in tmp_path.iterdir()] == ["empty.txt"]


def test_import_creates_the_store_only_when_it_succeeds(store_file, tmp_path, run_cli):
    article = tmp_path / "article.txt"
    article.write_text("Britain expelled 23 Russian diplomats.")
    not_an_export = tmp_path / "other.json"
    not_an_export.write_text('{"format": "something else"}')
    for source in (article, tmp_path / "missing.json", not_an_export):
        result = run_cli("import", str(source), "--store", str(tmp_path / "x.sqlite"))
        assert result.returncode == 2 and result.stderr.decode().count("\n") == 1, result.stderr
        assert not any(p.name.startswith(("x.sqlite", ".x.sqlite")) for p in tmp_path.iterdir())
    export = tmp_path / "export.json"
    assert run_cli("report", str(store_file), "--format", "json", "-o", str(export)).returncode == 0
    done = run_cli("import", str(export), "--store", str(tmp_path / "x.sqlite"))
    assert done.returncode == 0 and done.stdout.decode().startswith("imported 1 article(s)")
    assert sorted(p.name for p in tmp_path.iterdir() if "x.sqlite" in p.name) == ["x.sqlite"]
    with Store(tmp_path / "x.sqlite") as imported:
        assert len(imported.articles()) == 1


def test_new_store_leaves_nothing_when_the_block_fails(tmp_path):
    with pytest.raises(RuntimeError), new_store(tmp_path / "n.sqlite") as store:
        store.set_setting("organisation", "x")
        raise RuntimeError("the import failed half-way")
    assert list(tmp_path.iterdir()) == []


def test_workshop_outputs_take_folders(tmp_path, run_cli):
    out = tmp_path / "out"
    out.mkdir()
    built = run_cli(
        "workshop", "pack", str(WS / "spec.json"), "-o", str(out), "--trainee-copy", str(out)
    )
    assert built.returncode == 0, built.stderr
    pack = out / "exercise-pack.json"
    for action, name in (("grade", "scores.csv"), ("report", "class-report.html")):
        result = run_cli("workshop", action, str(pack), str(WS / "submissions"), "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert result.stdout.decode() == f"wrote {out / name}: 5 trainees graded\n"
    assert sorted(p.name for p in out.iterdir()) == [
        "class-report.html", "exercise-pack-trainees.json", "exercise-pack.json", "scores.csv"
    ]  # fmt: skip


def test_workshop_pack_writes_neither_file_when_one_target_is_wrong(tmp_path, run_cli):
    result = run_cli(
        "workshop", "pack", str(WS / "spec.json"), "-o", str(tmp_path / "p.json"),
        "--trainee-copy", str(tmp_path / "missing" / "t.json"),
    )  # fmt: skip
    assert result.returncode == 2 and "does not exist" in result.stderr.decode()
    assert list(tmp_path.iterdir()) == []


def test_a_cache_that_is_not_a_cache_is_refused_in_one_line_and_left_untouched(
    store_file, tmp_path, run_cli
):
    from claimcheck.errors import CacheError
    from claimcheck.sources.http import make_session

    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "article.txt").write_text("Britain expelled 23 Russian diplomats on 14 March 2018.")
    (folder / "junk.sqlite").write_text("junk\n")
    (folder / "damaged.sqlite").write_bytes(b"SQLite format 3\x00" + b"garbage " * 100)
    shutil.copy(store_file, folder / "reviews.sqlite")  # a review store given by mistake
    os.mkfifo(folder / "pipe")
    (folder / "a-file").write_text("not a folder")
    devices = sorted(p.name for p in Path("/dev").glob("null*"))
    cases = {
        "junk.sqlite": "is not an SQLite file; it was left untouched",
        "damaged.sqlite": "is damaged (file is not a database); it was left untouched",
        "reviews.sqlite": "is an SQLite database of something else; it was left untouched",
        "pipe": "is neither a file nor a folder",
        "a-file/cache.sqlite": "a-file is not a folder",
        "/dev/null": "/dev/null is neither a file nor a folder",
    }
    before = snapshot(folder)
    for name, message in cases.items():
        env = {"CLAIMCHECK_CACHE": str(folder / name)}  # an absolute name stays as it is
        result = run_cli(
            "scan", str(folder / "article.txt"), "--link", "--offline",
            "--sources", "pack,wikipedia", env=env,
        )  # fmt: skip
        err = result.stderr.decode()
        assert result.returncode == 2, err
        assert err.startswith("claimcheck: error: the HTTP cache") or "cannot make" in err, err
        assert message in err and err.count("\n") == 1 and "Traceback" not in err, err
        assert result.stdout == b""
        with pytest.raises(CacheError, match=re.escape(message)):
            make_session(folder / name, offline=True)
    assert snapshot(folder) == before and sorted(p.name for p in folder.iterdir()) == [
        "a-file", "article.txt", "damaged.sqlite", "junk.sqlite", "pipe", "reviews.sqlite"
    ]  # fmt: skip
    assert sorted(p.name for p in Path("/dev").glob("null*")) == devices


def test_cache_variable_naming_a_folder_puts_the_cache_inside_it(tmp_path, monkeypatch):
    from claimcheck.sources.http import default_cache_path, make_session

    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path))
    assert default_cache_path() == tmp_path / "http_cache.sqlite"
    make_session().close()
    assert [p.name for p in tmp_path.iterdir()] == ["http_cache.sqlite"]
    assert [p.name for p in tmp_path.parent.iterdir() if p.name.startswith(tmp_path.name)] == [
        tmp_path.name
    ]
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(tmp_path / "mine"))
    assert default_cache_path() == tmp_path / "mine.sqlite"
