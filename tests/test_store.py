"""The review store: the Workbench API, history and undo, and the faults it must survive."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

import claimcheck
from claimcheck import store as store_module
from claimcheck.errors import DateError, InputError, ReviewError, StoreError
from claimcheck.model import VerdictLabel, VerdictScale
from claimcheck.store import APPLICATION_ID, Store, schema_version
from claimcheck.workbench import Workbench

from .conftest import MAY_EXPELS, ROOT

SAMPLE = claimcheck.sample_article()


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A store with the sample article, built once; tests get a copy."""
    path = tmp_path_factory.mktemp("template") / "t.sqlite"
    with Workbench(path) as wb:
        wb.add_article(SAMPLE, published="2018-12-22", title="Sample", url="https://example.org/s")
    return path


@pytest.fixture
def wb(template, tmp_path):
    path = tmp_path / "reviews.sqlite"
    shutil.copy(template, path)
    with Workbench(path, reviewer="ana") as bench:
        yield bench


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def expulsion(wb, article_id=1):
    return next(c for c in wb.claims(article_id) if c.type == "expulsion" and "23" in c.text)


def test_add_article_detects_links_and_stores(wb):
    article = wb.article(1)
    assert article.id == 1 and article.published == "2018-12-22" and article.title == "Sample"
    assert len(article.claims) >= 8
    for claim in article.claims:
        assert isinstance(claim.id, int)
        assert article.text[claim.start : claim.end] == claim.text
        assert claim.evidence is not None and claim.suggestion is not None
    claim = expulsion(wb)
    assert claim.slots.count == 23 and claim.slots.date.start == "2018-03-14"
    assert any(e.url and e.url.startswith("https://") for e in claim.evidence)
    assert wb.articles()[0]["claims"] == len(article.claims)


def test_same_article_is_stored_once(wb):
    again = wb.add_article(SAMPLE, published="2018-12-22")
    assert again.id == 1 and len(wb.articles()) == 1
    other_date = wb.add_article(SAMPLE, published="2018-12-23")
    assert other_date.id == 2


def test_a_store_that_holds_copies_of_an_article_returns_the_first(wb):
    # Stores written before articles were added once may hold copies; they are kept as they are.
    copy = wb.add_article(SAMPLE, published="2018-12-22", reuse=False)
    assert copy.id == 2
    assert wb.add_article(SAMPLE, published="2018-12-22").id == 1
    assert [a["id"] for a in wb.articles()] == [1, 2]


def test_bad_input_is_refused_with_advice(wb):
    with pytest.raises(InputError, match="no text"):
        wb.add_article("   \n ")
    with pytest.raises(InputError, match="binary"):
        wb.add_article(b"\x00\x01\x02\x03" * 100)
    with pytest.raises(DateError, match="YYYY-MM-DD"):
        wb.add_article("Britain expelled 23 Russian diplomats.", published="14/03/2018")
    with pytest.raises(ReviewError, match="no article 99"):
        wb.article(99)
    assert len(wb.articles()) == 1


def test_verdicts_are_per_reviewer_and_the_latest_wins(wb):
    claim = expulsion(wb)
    assert wb.verdict(claim.id) is None
    saved = wb.set_verdict(claim.id, "true", "the record says 23")
    assert (saved.label, saved.reviewer, saved.status) == ("true", "ana", "done")
    time.sleep(0.002)
    wb.set_verdict(claim.id, "mostly_true", reviewer="ben")
    latest = wb.verdict(claim.id)
    assert (latest.label, latest.reviewer) == ("mostly_true", "ben")
    mine = wb.verdict(claim.id, reviewer="ana")
    assert (mine.label, mine.rationale) == ("true", "the record says 23")
    assert mine.updated_at.endswith("+00:00")
    assert sorted(wb.reviewers()) == ["ana", "ben"]
    with pytest.raises(ReviewError, match=r"unknown verdict 'wrong'.*true, mostly_true"):
        wb.set_verdict(claim.id, "wrong")
    with pytest.raises(ReviewError, match="no claim 9999"):
        wb.set_verdict(9999, "true")


def test_status_is_kept_apart_from_the_verdict(wb):
    claim = expulsion(wb)
    wb.set_verdict(claim.id, "false")
    wb.set_status(claim.id, "skipped")
    verdict = wb.verdict(claim.id)
    assert (verdict.label, verdict.status) == ("false", "skipped")
    wb.set_rationale(claim.id, "checked twice")
    assert wb.verdict(claim.id).rationale == "checked twice"
    with pytest.raises(ReviewError, match="unknown status"):
        wb.set_status(claim.id, "finished")


def test_progress_counts_done_and_skipped(wb):
    claims = wb.claims(1)
    wb.set_verdict(claims[0].id, "true")
    wb.set_verdict(claims[1].id, "false")
    wb.set_status(claims[2].id, "skipped")
    progress = wb.progress(1)
    assert (progress.done, progress.skipped, progress.total) == (2, 1, len(claims))
    assert str(progress) == f"2 of {len(claims)} reviewed, 1 skipped"
    assert progress.by_label == {"true": 1, "false": 1}
    assert wb.progress(1, reviewer="ben").done == 0


def test_every_change_is_in_the_history(wb):
    claim = expulsion(wb)
    wb.set_verdict(claim.id, "true")
    wb.set_verdict(claim.id, "false", "count is off")
    changes = wb.history(claim_id=claim.id)
    assert [c.action for c in changes] == ["verdict", "verdict"]
    assert changes[0].old["label"] == "true" and changes[0].new["label"] == "false"
    assert changes[0].reviewer == "ana" and changes[1].old is None
    assert wb.history(limit=1)[0].id == changes[0].id


def test_undo_restores_the_previous_value_even_after_reopening(wb):
    claim = expulsion(wb)
    wb.set_verdict(claim.id, "true")
    wb.set_verdict(claim.id, "false")
    wb.close()
    with Workbench(wb.path, reviewer="ana") as reopened:
        undone = reopened.undo()
        assert undone.action == "verdict" and undone.new["label"] == "false"
        assert reopened.verdict(claim.id).label == "true"
        reopened.undo()
        assert reopened.verdict(claim.id) is None
        assert reopened.undo() is None  # nothing left of ana's
        actions = [c.action for c in reopened.history(claim_id=claim.id)]
        assert actions == ["undo", "undo", "verdict", "verdict"]


def test_undo_is_per_reviewer(wb):
    claim = expulsion(wb)
    wb.set_verdict(claim.id, "true")
    wb.set_verdict(claim.id, "false", reviewer="ben")
    wb.undo()  # ana's
    assert wb.verdict(claim.id, reviewer="ana") is None
    assert wb.verdict(claim.id, reviewer="ben").label == "false"


def test_slot_corrections_are_stored_and_undone(wb):
    claim = expulsion(wb)
    corrected = wb.correct_slots(claim.id, count="25", date="2018-03-15", actor="the UK")
    assert corrected.slots.count == 25 and corrected.slots.actor == "the UK"
    assert corrected.slots.date.start == "2018-03-15" and corrected.slots.date.precision == "day"
    assert corrected.detected_slots.count == 23
    assert sorted(corrected.corrected) == ["actor", "count", "date"]
    assert wb.correct_slots(claim.id, date="2018-03").slots.date.end == "2018-03-31"
    wb.undo()
    wb.undo()
    assert wb.claim(claim.id).slots.count == 23
    with pytest.raises(ReviewError, match="whole number"):
        wb.correct_slots(claim.id, count="many")
    with pytest.raises(ReviewError, match="YYYY-MM-DD"):
        wb.correct_slots(claim.id, date="14 March")
    with pytest.raises(ReviewError, match="unknown slot colour"):
        wb.correct_slots(claim.id, colour="red")


def test_undo_refuses_when_somebody_changed_it_since(wb):
    claim = expulsion(wb)
    wb.correct_slots(claim.id, count=24)
    wb.correct_slots(claim.id, count=25, reviewer="ben")
    with pytest.raises(ReviewError, match="changed again since"):
        wb.undo()
    assert wb.claim(claim.id).slots.count == 25


def test_added_rejected_claims_and_manual_evidence(wb):
    article = wb.article(1)
    start = article.text.index("ordered the British Council")
    added = wb.add_claim(1, start, start + 27, "policy")
    assert added.origin == "manual" and added.text == "ordered the British Council"
    assert "Moscow answered" in added.sentence
    with pytest.raises(ReviewError, match="outside the article"):
        wb.add_claim(1, 10, 10**6, "policy")
    victim = wb.claims(1)[0]
    wb.reject_claim(victim.id, "not an event")
    assert victim.id not in {c.id for c in wb.claims(1)}
    assert wb.claim(victim.id).rejected and wb.claim(victim.id).reject_reason == "not an event"
    evidence = wb.add_evidence(added.id, url="https://www.gov.uk/x", note="the order")
    assert evidence.record_id.startswith("manual:")
    assert wb.claim(added.id).evidence[-1].url == "https://www.gov.uk/x"
    with pytest.raises(ReviewError, match="URL or a note"):
        wb.add_evidence(added.id)
    wb.undo()  # the evidence
    assert all(e.source != "manual" for e in wb.claim(added.id).evidence)
    wb.undo()  # the rejection
    assert not wb.claim(victim.id).rejected
    wb.undo()  # the added claim
    assert added.id not in {c.id for c in wb.claims(1)}


def test_a_claim_added_by_hand_gets_slots_and_evidence_and_is_not_added_twice(wb):
    text = wb.article(1).text
    words = "Britain expelled 23 Russian diplomats on 14 March"
    start = text.index(words)
    before = len(wb.claims(1))
    with pytest.raises(ReviewError, match=r"already there \(claim \d+, expulsion\): select it"):
        wb.add_claim(1, start, start + len(words), "expulsion")
    assert len(wb.claims(1)) == before
    words = "Russia expels 23 British diplomats"  # a headline under "Related news"
    start = text.index(words)
    added = wb.add_claim(1, start - 1, start + len(words), "expulsion")  # the newline left out
    assert (added.start, added.end, added.text) == (start, start + len(words), words)
    # The slots the detector reads there, and evidence linked as for a detected claim.
    assert (added.slots.actor, added.slots.count) == ("Russia", 23)
    assert added.evidence and added.suggestion is not None
    assert ("count", "agrees") in {(s.kind, s.verdict) for s in added.evidence[0].signals}
    assert added.detected_slots == added.slots
    with pytest.raises(ReviewError, match="already there"):
        wb.add_claim(1, start, start + len(words), "expulsion")
    wb.reject_claim(added.id)
    with pytest.raises(ReviewError, match="rejected: show the rejected claims"):
        wb.add_claim(1, start, start + len(words), "expulsion")


def test_a_correction_works_out_the_signals_and_suggestion_again(wb):
    claim = expulsion(wb)  # "Britain expelled 23 Russian diplomats on 14 March"
    signals = {(s.kind, s.verdict) for s in claim.evidence[0].signals}
    assert ("count", "agrees") in signals and claim.suggestion.verdict == "true"
    corrected = wb.correct_slots(claim.id, count=150)
    count = next(s for s in corrected.evidence[0].signals if s.kind == "count")
    assert count.verdict == "differs" and "the claim says 150; the record says 23" in count.detail
    assert corrected.suggestion.verdict == "false"  # a count that far off
    assert corrected.detected_slots.count == 23  # what was detected stays visible
    wb.undo()
    again = wb.claim(claim.id)
    assert {(s.kind, s.verdict) for s in again.evidence[0].signals} == signals
    assert again.suggestion.verdict == "true"


def test_a_store_can_ask_for_a_rationale_with_some_verdicts(wb):
    claim = expulsion(wb)
    with pytest.raises(ReviewError, match="unknown verdicts wrong"):
        wb.set_setting("require_rationale", "false, wrong")
    wb.set_setting("require_rationale", "false, misleading")
    assert wb.rationale_required == ["false", "misleading"]
    with pytest.raises(ReviewError, match="asks for a rationale with False"):
        wb.set_verdict(claim.id, "false", "  ")
    assert wb.verdict(claim.id) is None
    wb.set_verdict(claim.id, "false", "the record says 23")
    wb.set_verdict(claim.id, "true")  # no rationale needed


def test_scale_is_set_per_store(tmp_path):
    scale = VerdictScale(
        [
            VerdictLabel("accurate", "Accurate", "#009E73", "fits the record", 3),
            VerdictLabel("inaccurate", "Inaccurate", "#D55E00", "does not", 1),
        ]
    )
    path = tmp_path / "s.sqlite"
    with Workbench(path, scale=scale) as bench:
        article = bench.add_article("Britain expelled 23 Russian diplomats on 14 March 2018.")
        bench.set_verdict(article.claims[0].id, "accurate")
        with pytest.raises(ReviewError, match="unknown verdict 'true'"):
            bench.set_verdict(article.claims[0].id, "true")
    with Store(path) as reopened:
        assert reopened.scale.keys == ["accurate", "inaccurate"]
        with pytest.raises(ReviewError, match=r"lacks labels already used.*accurate"):
            reopened.set_scale(claimcheck.DEFAULT_SCALE)


# -- files that are not (this version's) stores ------------------------------------------------


def test_a_text_file_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("my notes, not a database\n")
    before = digest(path)
    with pytest.raises(StoreError, match=r"not a claimcheck review store.*untouched"):
        Store(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_another_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (name TEXT)")
        conn.execute("INSERT INTO customers VALUES ('x')")
    before = digest(path)
    with pytest.raises(StoreError, match="SQLite database but not a claimcheck review store"):
        Workbench(path)
    assert digest(path) == before


def test_a_store_from_a_newer_claimcheck_is_refused_untouched(wb):
    wb.close()
    with sqlite3.connect(wb.path) as conn:
        conn.execute(f"PRAGMA user_version={schema_version() + 1}")
    before = digest(wb.path)
    with pytest.raises(StoreError, match=r"newer claimcheck.*upgrade claimcheck"):
        Workbench(wb.path)
    assert digest(wb.path) == before


def test_a_damaged_store_gets_a_clear_error(wb):
    wb.close()
    data = bytearray(wb.path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    wb.path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"damaged|not a claimcheck"):
        Workbench(wb.path)


def test_an_empty_file_and_a_missing_folder(tmp_path):
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    with Store(empty) as store:
        assert store.integrity() == "ok"
    with sqlite3.connect(empty) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nowhere" / "x.sqlite")
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)


def test_a_read_only_store_says_so(wb, monkeypatch):
    wb.close()
    with sqlite3.connect(wb.path) as conn:  # a store that still has to switch to WAL
        conn.execute("PRAGMA journal_mode=DELETE")
    real_connect = sqlite3.connect

    def read_only(path, **kwargs):  # as SQLite opens a file it may not write
        return real_connect(f"file:{path}?mode=ro", uri=True, **kwargs)

    monkeypatch.setattr(store_module.sqlite3, "connect", read_only)
    with pytest.raises(StoreError, match="is read-only"):
        Workbench(wb.path)


def test_a_store_sqlite_opens_read_only_refuses_each_change_in_one_line(wb, monkeypatch):
    wb.close()
    real_connect = sqlite3.connect

    def read_only(path, **kwargs):  # a file SQLite may read but not write, whatever its bits say
        return real_connect(f"file:{path}?mode=ro", uri=True, **kwargs)

    monkeypatch.setattr(store_module.sqlite3, "connect", read_only)
    before = digest(wb.path)
    with Workbench(wb.path, reviewer="ana") as bench:
        claim = expulsion(bench)
        for change in (
            lambda: bench.set_verdict(claim.id, "true"),
            lambda: bench.add_article("Britain expelled 23 Russian diplomats.", "2018-03-14"),
            lambda: bench.set_setting("organisation", "x"),
        ):
            with pytest.raises(StoreError, match=r"is read-only \(attempt to write"):
                change()
        assert bench.verdict(claim.id) is None and len(bench.articles()) == 1
    assert digest(wb.path) == before


def without_override() -> list[str]:
    """What runs a command as a user who may not write a read-only file: nothing for a user; for
    root (who may), setpriv takes away the capabilities that override permissions."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"] if setpriv else []
    if not prefix or subprocess.run([*prefix, "true"], check=False).returncode != 0:
        pytest.skip("running as root, and setpriv cannot take away the right to write any file")
    return prefix


def test_a_read_only_store_is_refused_before_sqlite_leaves_files_beside_it(template, tmp_path):
    prefix = without_override()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(*args):
        return subprocess.run(
            [*prefix, sys.executable, *args], capture_output=True, env=env, check=False
        )

    export = tmp_path / "review.json"
    made = run("-m", "claimcheck", "report", str(template), "--format", "json", "-o", str(export))
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "shared"
    folder.mkdir()
    store = folder / "ro.sqlite"
    shutil.copy(template, store)
    store.chmod(0o444)
    before = {p.name: digest(p) for p in folder.iterdir()}
    result = run("-m", "claimcheck", "import", str(export), "--store", str(store))
    assert result.returncode == 2, result.stderr
    assert result.stderr.decode() == (
        f"claimcheck: error: the store {store} is read-only (the file cannot be written); nothing "
        "was changed: make it writable, copy it somewhere writable, or give another file name\n"
    )
    api = "from claimcheck.workbench import Workbench\nWorkbench(__import__('sys').argv[1])"
    result = run("-c", api, str(store))
    assert b"claimcheck.errors.StoreError: the store" in result.stderr
    assert b"sqlite3" not in result.stderr
    read = run("-m", "claimcheck", "report", str(store), "--format", "md")  # reading is fine
    assert read.returncode == 0 and b"# Verdict report" in read.stdout
    assert {p.name: digest(p) for p in folder.iterdir()} == before  # no -wal, no -shm
    store.chmod(0o644)
    folder.chmod(0o555)  # a writable file in a folder where its journal cannot be made
    result = run("-m", "claimcheck", "import", str(export), "--store", str(store))
    folder.chmod(0o755)
    assert result.returncode == 2
    assert f"(its folder {folder} cannot be written)" in result.stderr.decode()
    assert {p.name: digest(p) for p in folder.iterdir()} == before


def test_migrations_run_once_and_keep_the_data(wb, monkeypatch):
    claim = expulsion(wb)
    wb.set_verdict(claim.id, "true")
    wb.close()

    def add_column(conn):
        conn.execute("ALTER TABLE reviews ADD COLUMN confidence REAL")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, add_column])
    with Workbench(wb.path) as upgraded:
        assert upgraded.verdict(claim.id).label == "true"
    with sqlite3.connect(wb.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
        columns = [r[1] for r in conn.execute("PRAGMA table_info(reviews)")]
        assert "confidence" in columns
    with Workbench(wb.path):  # a second open has nothing to do
        pass


def test_a_failing_migration_leaves_the_store_as_it_was(wb, monkeypatch):
    wb.close()

    def broken(conn):
        conn.execute("ALTER TABLE reviews ADD COLUMN confidence REAL")
        conn.execute("THIS IS NOT SQL")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, broken])
    with pytest.raises(StoreError):
        Workbench(wb.path)
    with sqlite3.connect(wb.path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "confidence" not in [r[1] for r in conn.execute("PRAGMA table_info(reviews)")]


# -- several processes -------------------------------------------------------------------------

WRITER = """
import sys
from claimcheck.store import Store
path, reviewer, first, last = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
store = Store(path, reviewer=reviewer)
claims = [c.id for c in store.claims(1)]
for i in range(first, last):
    claim = claims[i % len(claims)]
    store.set_verdict(claim, ("true", "false", "misleading")[i % 3], f"{reviewer} {i}")
    print(i, claim, flush=True)
"""


def test_two_processes_writing_at_once_lose_no_update(wb):
    wb.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(wb.path), name, "0", "120"],
            stdout=subprocess.PIPE,
            env=env,
        )
        for name in ("ana", "ben")
    ]
    outputs = [p.communicate(timeout=120)[0].decode().split("\n") for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert all(len([line for line in out if line]) == 120 for out in outputs)
    with Store(wb.path) as store:
        history = store.history()
        assert len([c for c in history if c.action == "verdict"]) == 240
        for name in ("ana", "ben"):
            mine = [c for c in history if c.reviewer == name and c.action == "verdict"]
            assert sorted(c.new["rationale"] for c in mine) == sorted(
                f"{name} {i}" for i in range(120)
            )
        assert store.integrity() == "ok"


def add_and_review(path, reviewer, start):
    """One kernel of the race below: add the same article as the others, then give a verdict on
    each of its claims (a process of its own; top level so that it can be started by name)."""
    with Workbench(path, reviewer=reviewer) as bench:
        start.wait(60)  # every process adds at the same moment
        article = bench.add_article(MAY_EXPELS, "2001-03-24")
        for claim in article.claims:
            bench.set_verdict(claim.id, "true", reviewer)


def test_processes_adding_the_same_article_at_once_store_it_once(tmp_path):
    path = tmp_path / "shared.sqlite"
    Store(path).close()  # made first, as a notebook's store already is
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(4)
    names = ["ana", "ben", "cat", "dan"]
    procs = [spawn.Process(target=add_and_review, args=(path, n, start)) for n in names]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(180)
        if proc.is_alive():
            proc.kill()
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    with Store(path) as store:
        assert [a["id"] for a in store.articles()] == [1]
        claims = sorted(c.id for c in store.claims(1))
        assert claims
        for name in names:  # every reviewer's verdicts are on the one copy
            assert sorted(v.claim_id for v in store.reviews(reviewer=name)) == claims
        added = [c for c in store.history() if c.action == "add_article"]
        assert len(added) == 1
        assert store.integrity() == "ok"


def test_a_process_killed_mid_write_loses_nothing_it_committed(wb):
    wb.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(wb.path), "kim", "0", "100000"],
        stdout=subprocess.PIPE,
        env=env,
    )
    committed = []
    while len(committed) < 150:
        line = proc.stdout.readline().decode()
        assert line, "the writer stopped early"
        committed.append(int(line.split()[0]))
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    # What it reported before it died but we had not read yet was committed too.
    committed += [int(line.split()[0]) for line in proc.stdout.read().decode().splitlines()]
    with Store(wb.path) as store:
        assert store.integrity() == "ok"
        saved = {
            int(c.new["rationale"].split()[1])
            for c in store.history(reviewer="kim")
            if c.action == "verdict"
        }
        assert set(committed) <= saved  # everything reported as saved is there
        assert len(saved) <= len(committed) + 1  # at most the write in flight besides
        for claim in store.claims(1):
            verdict = store.verdict(claim.id, reviewer="kim")
            if verdict:  # each verdict matches its history row
                last = next(c for c in store.history(claim_id=claim.id) if c.reviewer == "kim")
                assert last.new["label"] == verdict.label


# -- the file under a running kernel ------------------------------------------------------------


def test_a_deleted_store_is_noticed_rescued_and_refused(wb):
    claim = expulsion(wb)
    wb.set_verdict(claim.id, "false", "the record says 23")
    folder = wb.path.parent
    os.remove(wb.path)
    with pytest.raises(StoreError, match="was deleted or moved") as caught:
        wb.set_verdict(claim.id, "true")
    (rescued,) = folder.glob("reviews.rescued-*.sqlite")
    assert str(rescued) in str(caught.value) and "wb.reset()" in str(caught.value)
    with Store(rescued) as copy:  # everything up to the deletion, nothing after it
        assert copy.verdict(claim.id).label == "false"
        assert copy.verdict(claim.id).rationale == "the record says 23"
    for action in (
        lambda: wb.claims(1),
        lambda: wb.undo(),
        lambda: wb.add_evidence(claim.id, note="x"),
    ):
        with pytest.raises(StoreError, match="was deleted or moved"):
            action()
    assert not wb.path.exists()  # nothing wrote a file behind the user's back
    assert not any(folder.glob("reviews.sqlite-*"))  # no journal left for a new store to misread
    wb.reset()
    assert wb.articles() == []  # a new, empty store at the same path
    article = wb.add_article(SAMPLE, published="2018-12-22")
    assert wb.integrity() == "ok" and wb.claims(article.id)


def test_a_store_replaced_by_another_file_is_refused_and_the_other_file_kept(wb, tmp_path):
    claim = expulsion(wb)
    wb.set_verdict(claim.id, "false")
    other = tmp_path / "other.sqlite"
    with Workbench(other) as bench:
        bench.add_article("Britain expelled 23 Russian diplomats on 14 March 2018.")
    before = digest(other)
    os.replace(other, wb.path)  # a new file under the same name (mv, a download, git)
    with pytest.raises(StoreError, match="was replaced by another file"):
        wb.set_verdict(claim.id, "true")
    assert digest(wb.path) == before
    (rescued,) = tmp_path.glob("reviews.rescued-*.sqlite")
    with Store(rescued) as copy:
        assert copy.verdict(claim.id).label == "false"
    wb.reset()
    assert [a["claims"] for a in wb.articles()] == [1]  # the file that is there now


def test_a_store_copied_over_the_same_file_is_refused_and_left_intact(wb, tmp_path):
    claim = expulsion(wb)
    wb.set_verdict(claim.id, "false")  # pages in this kernel's journal, not yet in the file
    other = tmp_path / "other.sqlite"
    with Workbench(other) as bench:
        bench.add_article("Britain expelled 23 Russian diplomats on 14 March 2018.")
    inode = wb.path.stat().st_ino
    shutil.copyfile(other, wb.path)  # cp: same inode, other bytes
    assert wb.path.stat().st_ino == inode
    with pytest.raises(StoreError, match="overwritten with another store"):
        wb.set_verdict(claim.id, "true")
    with pytest.raises(StoreError, match="overwritten"):
        wb.progress()
    wb.close()  # closing must not write this kernel's old pages into the other store
    with Store(wb.path) as now:
        assert now.integrity() == "ok"
        assert [a["claims"] for a in now.articles()] == [1]
        assert now.history()[0].action == "add_article"


def test_other_writers_do_not_look_like_a_replaced_file(wb):
    claim = expulsion(wb)
    with Workbench(wb.path, reviewer="ben") as other:  # another kernel on the same store
        for label in ("true", "false", "misleading"):
            other.set_verdict(claim.id, label)
        other._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    wb.set_verdict(claim.id, "true")
    assert {v.reviewer for v in wb.reviews(claim_id=claim.id)} == {"ana", "ben"}


def test_rescue_copies_a_live_store(wb, tmp_path):
    wb.set_verdict(expulsion(wb).id, "true")
    copy = wb.rescue(tmp_path / "backup.sqlite")
    with Store(copy) as backup:
        assert backup.verdict(expulsion(wb).id).label == "true"
    with pytest.raises(StoreError, match="already exists"):
        wb.rescue(copy)


def test_article_ids_and_titles_for_the_picker(wb):
    second = wb.add_article("Britain expelled 23 Russian diplomats on 14 March 2018.", title="Two")
    assert wb.article_ids() == [1, second.id]
    assert wb.article_titles([second.id]) == {second.id: "Two"}
    assert wb.article_titles([]) == {}


def test_a_new_store_gets_the_permissions_any_new_file_would(tmp_path):
    import os

    from claimcheck.store import new_store

    old = os.umask(0o022)
    try:
        with new_store(tmp_path / "fresh.sqlite"):
            pass
        empty = tmp_path / "shared.sqlite"
        empty.touch()
        empty.chmod(0o664)  # a file made for the team beforehand keeps its mode
        with new_store(empty):
            pass
    finally:
        os.umask(old)
    assert (tmp_path / "fresh.sqlite").stat().st_mode & 0o777 == 0o644
    assert empty.stat().st_mode & 0o777 == 0o664
