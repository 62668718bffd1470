"""The corpus scan: the same rows whatever the workers, resumable, errors kept apart."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import claimcheck
from claimcheck.archive import ScanError, scan_corpus
from claimcheck.archive.inputs import open_input, read_partition
from claimcheck.errors import OptionError

from .conftest import SIZE, assert_same_scan, read_parts, summary


def test_two_local_workers_write_the_same_rows_as_one(small_archive, one_worker, tmp_path):
    result = scan_corpus(
        small_archive, tmp_path / "two", workers=2, partition_size=SIZE, progress=False
    )
    assert result.mode == "2 local processes"
    assert len(result.workers) == 2  # both processes took partitions
    assert sum(w["articles"] for w in result.workers) == result.rows
    assert_same_scan(one_worker, tmp_path / "two")


def test_rows_are_the_claims_detect_finds_in_each_article(small_archive, one_worker):
    claims = read_parts(one_worker, "claims").to_pylist()
    articles = read_parts(one_worker, "articles").to_pylist()
    rows = [json.loads(line) for line in small_archive.read_text().splitlines()]
    good = [r for r in rows if not r["id"].startswith("bad")]
    assert [a["article_id"] for a in articles] == [r["id"] for r in good]
    by_article: dict[str, list[dict]] = {}
    for row in claims:
        by_article.setdefault(row["article_id"], []).append(row)
    assert len(by_article) > len(good) / 2  # most articles have claims; the everyday ones none
    for row, article in zip(good, articles, strict=True):
        found = claimcheck.detect(row["text"], row["published"])
        mine = by_article.get(row["id"], [])
        assert [(c["claim_id"], c["type"], c["start"], c["end"]) for c in mine] == [
            (c.id, c.type, c.start, c.end) for c in found
        ]
        assert [c["claim_index"] for c in mine] == list(range(len(found)))
        assert article["claims"] == len(found)
        for c, claim in zip(mine, found, strict=True):
            assert c["count"] == claim.slots.count and c["actor"] == claim.slots.actor
            assert c["status"] == claim.slots.status and c["cues"] == claim.cues
            if claim.slots.date and claim.slots.date.start:
                assert c["date_start"].isoformat() == claim.slots.date.start
        if mine:
            assert mine[0]["published"].isoformat() == row["published"]
            assert mine[0]["url"] == row["url"] and mine[0]["source"] == row["source"]


def test_bad_articles_go_to_the_errors_file_and_the_rest_is_scanned(one_worker):
    errors = [json.loads(line) for line in (one_worker / "errors.jsonl").read_text().splitlines()]
    assert [e["id"] for e in errors] == ["bad001", "bad002", "bad003"]
    assert [e["ref"] for e in errors] == ["line 121", "line 122", "line 123"]
    assert "no text" in errors[0]["error"] and "YYYY-MM-DD" in errors[1]["error"]
    result = summary(one_worker)
    assert result["errors"] == 3 and result["articles"] == 120 and result["rows"] == 123
    assert result["claims"] == sum(result["by_type"].values()) > 0
    assert result["claims"] == read_parts(one_worker, "claims").num_rows
    assert result["partitions"] == 7  # 123 rows in partitions of 20


def test_every_part_file_has_the_full_schema_even_without_claims(tmp_path):
    archive = tmp_path / "quiet.jsonl"
    archive.write_text(json.dumps({"text": "The library opens late on Fridays."}) + "\n")
    scan_corpus(archive, tmp_path / "out", workers=1, progress=False)
    table = pq.read_table(tmp_path / "out" / "claims" / "part-00000.parquet")
    assert table.num_rows == 0
    assert {"article_id", "claim_id", "type", "actor", "date_start", "score"} <= set(
        table.column_names
    )
    assert "evidence_url" not in table.column_names


def test_link_adds_evidence_columns(small_archive, tmp_path):
    result = scan_corpus(small_archive, tmp_path / "linked", workers=1, link=True, progress=False)
    rows = read_parts(tmp_path / "linked", "claims").to_pylist()
    assert len(rows) == result.claims > 0
    with_evidence = [r for r in rows if r["evidence_count"]]
    assert with_evidence, "the bundled pack covers events of the fixture articles"
    for row in with_evidence:
        evidence = json.loads(row["evidence"])
        assert len(evidence) == row["evidence_count"]
        assert evidence[0]["url"] == row["evidence_url"] and row["suggestion"]


def test_a_partition_written_but_not_marked_done_is_scanned_again(small_archive, tmp_path):
    out = tmp_path / "out"
    first = scan_corpus(small_archive, out, workers=1, partition_size=SIZE, progress=False)
    (out / "_progress" / "part-00002.json").unlink()  # killed after the part files, before this
    (out / "claims" / "part-00003.parquet").write_bytes(b"half a file")  # and during this one
    (out / "_progress" / "part-00003.json").unlink()
    (out / "claims" / ".part-00003.parquet.tmp-1-2").write_bytes(b"left by a killed worker")
    again = scan_corpus(small_archive, out, workers=1, partition_size=SIZE, progress=False)
    assert again.resumed_partitions == first.partitions - 2
    assert sum(w["articles"] for w in again.workers) == 2 * SIZE  # only the two partitions ran
    assert (again.articles, again.claims, again.errors) == (first.articles, first.claims, 3)
    assert read_parts(out, "claims").num_rows == first.claims
    assert not list(out.glob("*/.part-*"))  # no temporary file left


def test_a_killed_scan_continues_where_it_stopped(small_archive, one_worker, tmp_path):
    out = tmp_path / "killed"
    command = [
        sys.executable, "-m", "claimcheck", "corpus", "scan", str(small_archive),
        "--out", str(out), "--workers", "1", "--partition-size", str(SIZE),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(list((out / "_progress").glob("part-*.json"))) < 2:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the scan made no progress"
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done_before = len(list((out / "_progress").glob("part-*.json")))
    assert done_before < 7, "the scan ended before it could be killed"
    result = scan_corpus(small_archive, out, workers=1, partition_size=SIZE, progress=False)
    assert result.resumed_partitions == done_before
    assert_same_scan(one_worker, out)


def _running_in_session(session: int) -> list[int]:
    """The processes of a session (the scan and the workers it started) still running."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:  # ended while we looked
            continue
        fields = stat[stat.rfind(")") + 2 :].split()  # state, parent, group, session, ...
        if fields and int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="looks for workers in /proc")
def test_ctrl_c_twice_stops_the_workers_at_once_and_the_scan_resumes(small_archive, tmp_path):
    out = tmp_path / "out"
    command = [
        sys.executable, "-m", "claimcheck", "corpus", "scan", str(small_archive),
        "--out", str(out), "--workers", "2", "--partition-size", "2",
    ]  # fmt: skip
    # its own session and process group, as a terminal's job: Ctrl-C reaches every process
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 120
    while not list((out / "_progress").glob("part-*.json")):
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the scan made no progress"
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    time.sleep(0.05)  # while the workers are being stopped
    os.killpg(process.pid, signal.SIGINT)
    try:
        _, err = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("the scan still runs 15 s after Ctrl-C twice")
    assert (process.returncode, err.decode()) == (130, "claimcheck: interrupted\n")
    deadline = time.monotonic() + 5
    while _running_in_session(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _running_in_session(process.pid) == [], "workers left running"
    done = len(list((out / "_progress").glob("part-*.json")))
    assert 0 < done < 62, "the scan ended before it was interrupted"
    result = scan_corpus(small_archive, out, workers=1, partition_size=2, progress=False)
    assert result.resumed_partitions == done
    assert (result.articles, result.errors) == (120, 3)
    articles = read_parts(out, "articles").to_pylist()
    assert [a["article_id"] for a in articles] == [f"a{i:06d}" for i in range(1, 121)]
    claims = read_parts(out, "claims").to_pylist()
    assert len(claims) == result.claims == sum(a["claims"] for a in articles)
    keys = [(c["article_id"], c["claim_index"]) for c in claims]
    assert len(set(keys)) == len(keys)  # no claim written twice


def test_a_second_ctrl_c_waits_for_the_workers_to_stop_and_ctrl_c_works_again_after():
    from claimcheck.archive.runner import _interrupt_once

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with _interrupt_once():
        with pytest.raises(KeyboardInterrupt):
            signal.raise_signal(signal.SIGINT)
        signal.raise_signal(signal.SIGINT)  # while the workers are stopped: nothing happens
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks (Windows)")
def test_workers_start_with_ctrl_c_held_back_so_none_dies_while_it_imports():
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from claimcheck.archive.runner import _interrupt_blocked

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        with _interrupt_blocked():
            held = pool.submit(signal.pthread_sigmask, signal.SIG_BLOCK, [])
        assert signal.SIGINT in held.result(timeout=60)
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])


def test_resuming_refuses_other_options_or_a_changed_input(small_archive, one_worker, tmp_path):
    with pytest.raises(ScanError, match=r"made with no --link .*asks for --link"):
        scan_corpus(small_archive, one_worker, workers=1, link=True, progress=False)
    with pytest.raises(ScanError, match="--partition-size 20"):
        scan_corpus(small_archive, one_worker, workers=1, partition_size=50, progress=False)
    copy = tmp_path / "archive.jsonl"
    copy.write_text(small_archive.read_text())
    with pytest.raises(ScanError, match="another input"):
        scan_corpus(copy, one_worker, workers=1, progress=False)
    scan_corpus(copy, tmp_path / "copy", workers=1, partition_size=SIZE, progress=False)
    with copy.open("a") as f:
        f.write(json.dumps({"text": "One more."}) + "\n")
    with pytest.raises(ScanError, match=r"input changed .*123 rows then, 124 now"):
        scan_corpus(copy, tmp_path / "copy", workers=1, progress=False)
    other = tmp_path / "not-a-scan"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(ScanError, match="holds no claimcheck scan"):
        scan_corpus(small_archive, other, workers=1, progress=False)
    assert (other / "notes.txt").read_text() == "mine"


def test_an_edit_that_keeps_the_size_is_refused_and_the_scan_left_as_it_was(tmp_path):
    archive = tmp_path / "in.jsonl"
    row = {"id": "1", "text": "Britain expelled 23 Russian diplomats on 14 March 2018."}
    archive.write_text(json.dumps(row) + "\n")
    out = tmp_path / "out"
    scan_corpus(archive, out, workers=1, progress=False)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    stat = archive.stat()
    archive.write_text(archive.read_text().replace("Britain", "Norway "))  # the same size
    os.utime(archive, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same time, as cp -p
    assert archive.stat().st_size == stat.st_size
    with pytest.raises(ScanError, match=r"input changed .*\(same size, other content\): give"):
        scan_corpus(archive, out, workers=1, progress=False)
    archive.write_text(json.dumps(row) + "\n")  # the content scanned, written again
    with pytest.raises(ScanError, match=r"\(modified since \(another modification time\)\)"):
        scan_corpus(archive, out, workers=1, progress=False)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    os.utime(archive, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = scan_corpus(archive, out, workers=1, progress=False)
    assert again.resumed_partitions == again.partitions == 1


def test_a_scan_started_by_an_older_claimcheck_is_refused_with_a_reason(tmp_path):
    archive = tmp_path / "in.jsonl"
    archive.write_text(json.dumps({"text": "Poland expelled 45 Russian diplomats."}) + "\n")
    out = tmp_path / "out"
    scan_corpus(archive, out, workers=1, progress=False)
    manifest = json.loads((out / "scan.json").read_text())
    size = archive.stat().st_size
    (out / "scan.json").write_text(json.dumps({**manifest, "format": 1, "fingerprint": {"": size}}))
    with pytest.raises(ScanError, match=r"started by an older claimcheck.*give another --out"):
        scan_corpus(archive, out, workers=1, progress=False)
    (out / "scan.json").write_text(json.dumps({**manifest, "fingerprint": {"": size}}))
    with pytest.raises(ScanError, match="modification time and content were not recorded"):
        scan_corpus(archive, out, workers=1, progress=False)
    (out / "scan.json").write_text(json.dumps({**manifest, "fingerprint": "?"}))
    with pytest.raises(ScanError, match="fingerprint kept of it is unreadable"):
        scan_corpus(archive, out, workers=1, progress=False)


def test_a_folder_edited_under_a_scan_is_noticed(tmp_path):
    root = tmp_path / "articles"
    root.mkdir()
    for i in range(4):
        (root / f"{i}.txt").write_text(f"Poland expelled {40 + i} Russian diplomats on Tuesday.")
    out = tmp_path / "out"
    scan_corpus(root, out, workers=1, partition_size=2, progress=False)
    stat = (root / "3.txt").stat()
    (root / "3.txt").write_text("Poland expelled 45 Russian diplomats on Tuesday, it said.")
    (out / "_progress" / "part-00000.json").unlink()
    with pytest.raises(ScanError, match="partition 1 differs"):
        scan_corpus(root, out, workers=1, partition_size=2, progress=False)
    (root / "3.txt").write_text("Poland expelled 43 Russian diplomats on Tuesday.")
    with pytest.raises(ScanError, match="partition 1 differs"):  # as it was, at a new time
        scan_corpus(root, out, workers=1, partition_size=2, progress=False)
    os.utime(root / "3.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert scan_corpus(root, out, workers=1, partition_size=2, progress=False).claims == 4
    stat = (root / "2.txt").stat()
    (root / "2.txt").write_text("Poland expelled 24 Russian diplomats on Tuesday.")
    os.utime(root / "2.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(ScanError, match="partition 1 differs"):  # the same size and time
        scan_corpus(root, out, workers=1, partition_size=2, progress=False)


def test_a_file_of_a_folder_that_cannot_be_read_is_an_error_not_the_end_of_the_scan(tmp_path):
    root = tmp_path / "articles"
    root.mkdir()
    (root / "a.txt").write_text("Poland expelled 45 Russian diplomats on Tuesday.")
    (root / "b.txt").symlink_to(tmp_path / "nowhere")
    result = scan_corpus(root, tmp_path / "out", workers=1, progress=False)
    assert (result.articles, result.claims, result.errors) == (1, 1, 1)
    errors = (tmp_path / "out" / "errors.jsonl").read_text().splitlines()
    assert [json.loads(e)["ref"] for e in errors] == ["b.txt"]
    assert "cannot be read" in errors[0]


def test_out_inside_the_input_folder_is_refused(tmp_path):
    root = tmp_path / "articles"
    root.mkdir()
    (root / "a.txt").write_text("Poland expelled 45 Russian diplomats.")
    with pytest.raises(OptionError, match="inside the input"):
        scan_corpus(root, root / "scan", workers=1, progress=False)
    assert not (root / "scan").exists()


def test_partitions_depend_on_the_input_only(small_archive):
    archive = open_input(str(small_archive))
    parts = list(archive.partitions(SIZE))
    assert [p.rows for p in parts] == [20] * 6 + [3]
    ids = [r.id for p in parts for r in read_partition(p) if hasattr(r, "text")]
    assert ids == [f"a{i:06d}" for i in range(1, 121)]
