"""Every subcommand against every kind of bad input a user can give it.

For each case: exit status 2, exactly one line on stderr that starts with "claimcheck: error:",
is short and printable, no traceback; every file given is byte-identical afterwards and no file
has appeared (a new store, a half-written report, a cache, a temporary file).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from claimcheck.cli import main

from .conftest import FIXTURES

WS = FIXTURES / "workshop"
ARTICLE = "Britain expelled 23 Russian diplomats on 14 March 2018.\n"


@pytest.fixture(scope="module")
def good_store(tmp_path_factory):
    from claimcheck.workbench import Workbench

    path = tmp_path_factory.mktemp("matrix") / "good.sqlite"
    with Workbench(path, reviewer="ana") as wb:
        article = wb.add_article(ARTICLE, "2018-03-20")
        wb.set_verdict(article.claims[0].id, "true", "checked")
    return path


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder no file can be created in, also for root (who ignores permission bits)."""
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    if Path("/sys/kernel").is_dir():
        return Path("/sys/kernel")
    pytest.skip("running as root without /sys/kernel: no folder is unwritable for root here")


@pytest.fixture
def work(tmp_path, good_store, monkeypatch):
    """A folder with every kind of file a user might give by mistake, and good ones."""
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "folder").mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.dat").write_bytes(bytes(range(256)) * 40)
    (folder / "latin1.json").write_bytes('{"title": "Expulsé à Moscou"}'.encode("latin-1"))
    (folder / "article.txt").write_text(ARTICLE)
    (folder / "other.json").write_text(json.dumps({"format": "something else", "items": [1]}))
    (folder / "a-file").write_text("not a folder")
    with sqlite3.connect(folder / "foreign.sqlite") as conn:
        conn.execute("CREATE TABLE t (x)")
    for name, data in BAD_TABLES.items():
        (folder / name).write_bytes(data)
    shutil.copy(FIXTURES / "benchmark-formats" / "debate.tsv", folder / "debate.tsv")
    shutil.copy(good_store, folder / "store.sqlite")
    shutil.copy(WS / "pack.json", folder / "pack.json")
    shutil.copytree(WS / "submissions", folder / "submissions")
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(folder / "cache.sqlite"))
    monkeypatch.setenv("CLAIMCHECK_STORE", str(folder / "default.sqlite"))
    monkeypatch.chdir(folder)
    return folder


BAD_FILES = ["missing.txt", "folder", "empty.txt", "binary.dat"]
# labelled sentence tables for eval --sentences
BAD_TABLES = {
    "empty.tsv": b"",
    "binary.tsv": bytes(range(256)) * 40,
    "latin1.csv": "Sentence_id,Text,Verdict\n1,Expulsé à Moscou,1\n".encode("latin-1"),
    "unknown-header.tsv": b"name\tvalue\nx\t1\n",
    "no-label.csv": b"Sentence_id,Text\n1,Prices rose.\n",
    "bad-label.tsv": b"tweet_id\ttweet_url\ttweet_text\tclass_label\n1\tu\tPrices rose.\tmaybe\n",
    "bad-verdict.csv": b"Sentence_id,Text,Verdict\n1,Prices rose.,2\n",
    "duplicate-ids.tsv": b"line_number\tspeaker\ttext\tlabel\n1\tA\tx.\t1\n1\tB\ty.\t0\n",
    "few-columns.tsv": b"line_number\tspeaker\ttext\tlabel\n1\tA\tx.\n",
}
BAD_JSON = [*BAD_FILES, "latin1.json", "article.txt", "other.json", "store.sqlite"]
BAD_STORES = [*BAD_FILES, "latin1.json", "article.txt", "foreign.sqlite", "other.json"]
BAD_OUTPUTS = ["nowhere/out.x", "a-file/out.x", "{unwritable}/out.x"]


def cases():
    for bad in BAD_FILES:
        yield "scan", ["scan", bad]
        yield "cache warm", ["cache", "warm", bad]
    for bad in BAD_JSON:
        yield "scan --pack", ["scan", "article.txt", "--link", "--offline", "--pack", bad]
        yield "pack validate", ["pack", "validate", bad]
        yield "pack list", ["pack", "list", bad]
        yield "eval", ["eval", bad]
        yield "import", ["import", bad, "--store", "new.sqlite"]
        yield "workshop pack", ["workshop", "pack", bad, "-o", "p.json"]
        yield "workshop grade", ["workshop", "grade", bad, "submissions"]
        yield "workshop report", ["workshop", "report", bad, "submissions"]
    for bad in BAD_STORES:
        yield "report", ["report", bad, "--format", "md"]
        yield "train", ["train", "--store", bad, "-o", "weights.json"]
        yield "workshop pack --from-store", [
            "workshop", "pack", "--from-store", bad, "--reviewer", "ana", "--title", "T",
            "-o", "p.json",
        ]  # fmt: skip
        yield "pack export", ["pack", "export", bad, "-o", "mine.jsonl"]
    for bad in ["missing.tsv", "folder", *BAD_TABLES]:
        yield "eval --sentences", ["eval", "--sentences", bad]
    yield "eval (a table without --sentences)", ["eval", "debate.tsv"]
    yield "eval --sentences (a table and gold)", ["eval", "--sentences", "debate.tsv", "gold.jsonl"]
    for bad in ["folder", "binary.dat", "foreign.sqlite", "article.txt", "nowhere/new.sqlite"]:
        yield "import --store", ["import", "export.json", "--store", bad]
    for bad in ["article.txt", "missing", "a-file"]:
        yield "workshop grade FOLDER", ["workshop", "grade", "pack.json", bad]
    for bad in BAD_OUTPUTS:
        yield "report -o", ["report", "store.sqlite", "--format", "html", "-o", bad]
        yield "report -o pdf", ["report", "store.sqlite", "--format", "pdf", "-o", bad]
        yield "workshop pack -o", ["workshop", "pack", "--from-store", "store.sqlite",
                                   "--reviewer", "ana", "--title", "T", "-o", bad]  # fmt: skip
        yield "workshop grade -o", ["workshop", "grade", "pack.json", "submissions", "-o", bad]
        yield "workshop report -o", ["workshop", "report", "pack.json", "submissions", "-o", bad]
        yield "train -o", ["train", "--store", "store.sqlite", "-o", bad]
        yield "pack export -o", ["pack", "export", "store.sqlite", "-o", bad]
        if not bad.startswith("nowhere"):  # the demo makes its folder (and the ones above)
            yield "demo --output-dir", ["demo", "--output-dir", bad.replace("/out.x", "/demo")]
    yield "demo --output-dir a file", ["demo", "--output-dir", "article.txt"]
    # corpus scan: inputs that are no archive, and outputs it must not write into
    for bad in [*BAD_FILES, "article.txt", "latin1.csv", "empty.tsv", "no-label.csv"]:
        yield "corpus scan", ["corpus", "scan", bad, "--out", "scan-out"]
    for bad in ["a-file", ".", "submissions/scan", "{unwritable}/scan"]:
        yield "corpus scan --out", ["corpus", "scan", "submissions", "--out", bad]
    yield "corpus scan --workers", ["corpus", "scan", "submissions", "--out", "o", "--workers", "0"]
    yield "corpus", ["corpus"]  # no action
    yield "scan --published", ["scan", "article.txt", "--published", "9999-12-31"]
    yield "pack export (the output exists)", ["pack", "export", "store.sqlite", "-o", "article.txt"]
    yield "pack export (no verdict)", ["pack", "export", "store.sqlite", "-o", "m.jsonl",
                                       "--reviewer", "nobody"]  # fmt: skip
    yield "train (too few reviews)", ["train", "--store", "store.sqlite", "-o", "weights.json"]
    yield "report --base-url", ["report", "store.sqlite", "--format", "claimreview",
                                "--organisation", "O", "--base-url", "javascript:alert(1)"]  # fmt: skip


CASES = list(cases())


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    } | {str(p.relative_to(folder)) + "/": "dir" for p in folder.rglob("*") if p.is_dir()}


@pytest.mark.parametrize(("command", "argv"), CASES, ids=[f"{c}: {a}" for c, a in CASES])
def test_bad_input_gives_one_line_exit_2_and_touches_nothing(work, tmp_path, capsys, command, argv):
    if "export.json" in argv:
        assert main(["report", "store.sqlite", "--format", "json", "-o", "export.json"]) == 0
        capsys.readouterr()
    unwritable = str(unwritable_folder(tmp_path)) if any("{unwritable}" in a for a in argv) else ""
    argv = [a.replace("{unwritable}", unwritable) for a in argv]
    before = snapshot(work)
    status = main(argv)
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert status == 2, (status, err)
    assert len(lines) == 1 and lines[0].startswith("claimcheck: error: "), err
    assert len(lines[0]) <= 320 and lines[0].isprintable(), lines[0]
    assert "Traceback" not in err and "\\x" not in lines[0]
    assert snapshot(work) == before
    assert "wrote" not in out


def test_the_matrix_covers_every_subcommand():
    from .test_cli_help import SUBCOMMANDS

    leaves = {" ".join(p) for p in SUBCOMMANDS if p and p not in [("pack",), ("cache",),
                                                                    ("workshop",)]}  # fmt: skip
    covered = {c.split(" -")[0].split(" FOLDER")[0] for c, _ in CASES}
    assert leaves <= covered | {"eval", "demo"}, leaves - covered
    assert sys.platform != "win32"  # the paths above are POSIX paths
