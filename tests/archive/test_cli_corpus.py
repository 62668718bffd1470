"""``claimcheck corpus scan`` as a user runs it: a summary on stdout, one-line errors."""

from __future__ import annotations

import json

from ..test_cli import assert_one_line_error


def test_corpus_scan_prints_a_summary_and_warns_about_bad_articles(
    run_cli, small_archive, tmp_path
):
    out = tmp_path / "out"
    result = run_cli("corpus", "scan", str(small_archive), "--out", str(out), "--workers", "2")
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    stored = json.loads((out / "summary.json").read_text())
    assert text.startswith("120 articles scanned in ")
    assert "2 local processes" in text
    assert f"{stored['claims']} claims in {stored['articles_with_claims']} articles" in text
    assert f"claims: {out}/claims" in text
    err = result.stderr.decode()
    assert "Traceback" not in err
    assert f"3 article(s) could not be scanned: see {out}/errors.jsonl" in err
    again = run_cli("corpus", "scan", str(small_archive), "--out", str(out), "--workers", "1")
    assert again.returncode == 0
    assert f"{stored['partitions']} of {stored['partitions']} partitions done before" in (
        again.stdout.decode()
    )


def test_corpus_mistakes_are_one_line_errors(run_cli, small_archive, tmp_path):
    out = str(tmp_path / "out")
    assert_one_line_error(run_cli("corpus"), "corpus needs an action")
    assert_one_line_error(
        run_cli("corpus", "scan", str(tmp_path / "missing"), "--out", out), "no such file"
    )
    assert_one_line_error(
        run_cli("corpus", "scan", str(small_archive), "--out", out, "--workers", "0"),
        "expected 1 or more",
    )
    assert_one_line_error(
        run_cli("corpus", "scan", str(small_archive)), "the following arguments are required: --out"
    )
    both = run_cli(
        "corpus", "scan", str(small_archive), "--out", out, "--workers", "2",
        "--dask", "tcp://127.0.0.1:9",
    )  # fmt: skip
    assert_one_line_error(both, "--workers is for local processes")
    assert both.returncode == 2
    unreachable = run_cli(
        "corpus", "scan", str(small_archive), "--out", out, "--dask", "tcp://127.0.0.1:9",
        env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"},  # Dask's own setting
    )  # fmt: skip
    assert_one_line_error(unreachable, "cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert not (tmp_path / "out").exists()  # nothing written before the cluster answered


def test_jsonl_without_any_text_field_fails_before_anything_is_written(run_cli, tmp_path):
    archive = tmp_path / "bodies.jsonl"
    archive.write_text(json.dumps({"id": "1", "body": "Britain expelled 23 diplomats."}) + "\n")
    result = run_cli("corpus", "scan", str(archive), "--out", str(tmp_path / "out"))
    assert_one_line_error(result, "has no record with a 'text' field (fields of the first: id")
    assert result.returncode == 2
    assert not (tmp_path / "out").exists()


def test_without_the_archive_extra_the_error_says_what_to_install(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['pyarrow'] = None\n"  # as if pyarrow were not installed
        "from claimcheck.cli import main\n"
        "sys.exit(main(['corpus', 'scan', 'x.jsonl', '--out', 'out']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, cwd=tmp_path, check=False
    )
    assert_one_line_error(result, "pip install 'claimcheck[archive]'")
    assert "pyarrow" in result.stderr.decode()
