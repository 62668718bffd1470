"""A bounded fuzz test: a few hundred mutated fixture articles, packs, exports, exercise packs
and submissions through the commands that read them.

Every case must end with exit status 0 or 2 (never an exception, so never a traceback), within
a time limit (no hang), and write nothing outside the folder it works in. The mutations are
seeded, so a failure names the case that reproduces it.
"""

from __future__ import annotations

import copy
import json
import random
import shutil
import signal
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pytest

from claimcheck.cli import main

from .conftest import FIXTURES, ROOT

SEED = 20260
CASE_SECONDS = 20
HOSTILE_VALUES = [
    None, True, False, 0, -1, 2**62, 1.5, "", "x" * 5000, [], {}, [{}], [[[[]]]], "\ud800",
    "</script><script>alert(1)</script>", "\x1b[2J\x1b]0;pwned\x07", "javascript:alert(1)",
    "https://[2001:db8::1/paper", "../../../../tmp/escaped", "/tmp/claimcheck-fuzz-abs",
    "=HYPERLINK(\"http://evil.example\")", "line\rbreak\n# heading", "0001-01-01", "9999-12-31",
    "2018-02-30", "true", "1e999", {"nested": {"deeper": [1, {"x": None}]}},
]  # fmt: skip
JUNK = [b"\x00", b"\xff\xfe", b"\x1b[31m", b"=" * 3000, b"<nav>", b"<form>", b"</p>", b"\r",
        b"&#27;", b"\xed\xa0\x80", b"<script>", b"\xe2\x80\xae"]  # fmt: skip


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout(f"a case took more than {CASE_SECONDS} s")


def mutate_json(value, rng: random.Random, edits: int = 3):
    """The value with a few fields replaced, removed or duplicated."""
    value = copy.deepcopy(value)
    for _ in range(edits):
        paths = list(_paths(value))
        if not paths:
            return rng.choice(HOSTILE_VALUES)
        path = rng.choice(paths)
        parent, key = _resolve(value, path)
        action = rng.random()
        if action < 0.6:
            parent[key] = copy.deepcopy(rng.choice(HOSTILE_VALUES))
        elif action < 0.8 and isinstance(parent, dict):
            del parent[key]
        elif isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        else:
            parent[key] = [parent[key]]
    return value


def _paths(value, prefix=()):
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    for key, child in items:
        yield (*prefix, key)
        if len(prefix) < 6:
            yield from _paths(child, (*prefix, key))


def _resolve(value, path):
    for key in path[:-1]:
        value = value[key]
    return value, path[-1]


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        where = rng.randrange(len(out) + 1)
        action = rng.random()
        if action < 0.5:
            out[where:where] = rng.choice(JUNK)
        elif action < 0.7 and out:
            out[where : where + rng.randint(1, 40)] = b""
        elif action < 0.85:
            del out[where:]
        else:
            out[where:where] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 30)))
    return bytes(out)


def dumps(value) -> str:
    return (
        json.dumps(value, ensure_ascii=False)
        .encode("utf-8", "surrogatepass")
        .decode("utf-8", "replace")
    )


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    from claimcheck import report
    from claimcheck.workbench import Workbench

    path = tmp_path_factory.mktemp("fuzz") / "source.sqlite"
    with Workbench(path, reviewer="ana") as wb:
        for name in ("a01-hanssen-expulsions.txt", "a03-litvinenko-expulsions.txt"):
            article = wb.add_article((FIXTURES / "corpus" / "articles" / name).read_text())
            for claim in article.claims[:3]:
                wb.set_verdict(claim.id, "true", "checked")
            wb.add_evidence(article.claims[0].id, url="https://example.org/e", note="note")
            wb.correct_slots(article.claims[0].id, count=3)
            wb.reject_claim(article.claims[-1].id, "no")
        return json.loads(report.render(wb, "json"))


def test_fuzzed_inputs_never_crash_hang_or_write_outside(tmp_path, export, monkeypatch, capsys):
    rng = random.Random(SEED)
    target = tmp_path / "target"
    target.mkdir()
    (target / "submissions").mkdir()
    monkeypatch.chdir(target)
    monkeypatch.setenv("CLAIMCHECK_CACHE", str(target / "cache.sqlite"))
    monkeypatch.setenv("CLAIMCHECK_STORE", str(target / "default.sqlite"))
    outside_before = sorted(p for p in tmp_path.rglob("*") if target not in (p, *p.parents))
    pack = json.loads((FIXTURES / "workshop" / "pack.json").read_text())
    shutil.copy(FIXTURES / "workshop" / "pack.json", target / "pack.json")
    submissions = sorted((FIXTURES / "workshop" / "submissions").glob("*.json"))
    articles = sorted((FIXTURES / "corpus" / "articles").glob("*.txt"))
    records = (ROOT / "claimcheck" / "sources" / "data" / "pack.jsonl").read_text().splitlines()

    def article_case(n: int) -> list[str]:
        page = target / f"article-{n}.{'html' if n % 4 == 0 else 'txt'}"
        data = articles[n % len(articles)].read_bytes()
        if n % 4 == 0:
            data = b"<html><body><form><p>" + data.replace(b"\n\n", b"</p><p>") + b"</p>"
        page.write_bytes(mutate_bytes(data, rng))
        return ["scan", str(page), "--format", rng.choice(["json", "table", "jsonl"])]

    def pack_case(n: int) -> list[str]:
        lines = [dumps(mutate_json(json.loads(rng.choice(records)), rng)) for _ in range(3)]
        path = target / f"pack-{n}.jsonl"
        path.write_text("\n".join([rng.choice(records), *lines]) + "\n")
        if n % 5 == 0:
            return ["scan", str(articles[0]), "--link", "--offline", "--pack", str(path)]
        return ["pack", rng.choice(["validate", "list"]), str(path)]

    def export_case(n: int) -> list[str]:
        path = target / f"export-{n}.json"
        path.write_text(dumps(mutate_json(export, rng, edits=rng.randint(1, 4))))
        return ["import", str(path), "--store", str(target / f"imported-{n}.sqlite")]

    def submission_case(n: int) -> list[str]:
        folder = target / "submissions" / f"class-{n}"
        folder.mkdir()
        for good in submissions[:3]:
            shutil.copy(good, folder)
        base = json.loads(submissions[n % 3].read_text())
        name = rng.choice(["x.json", "=cmd.json", "..json", "z z.json"])
        (folder / name).write_text(dumps(mutate_json(base, rng)))
        return ["workshop", rng.choice(["grade", "report"]), str(target / "pack.json"), str(folder)]

    def exercise_pack_case(n: int) -> list[str]:
        path = target / f"exercise-{n}.json"
        path.write_text(dumps(mutate_json(pack, rng)))
        return ["workshop", "grade", str(path), str(FIXTURES / "workshop" / "submissions")]

    makers: list[tuple[str, int, Callable[[int], list[str]]]] = [
        ("article", 90, article_case),
        ("pack", 80, pack_case),
        ("export", 70, export_case),
        ("submission", 60, submission_case),
        ("exercise pack", 40, exercise_pack_case),
    ]
    previous = signal.signal(signal.SIGALRM, _alarm)
    ran = 0
    outcomes: dict[tuple[str, int], int] = {}
    try:
        for kind, count, make in makers:
            for n in range(count):
                argv = make(n)
                signal.alarm(CASE_SECONDS)
                try:
                    status = main(argv)
                except BaseException as exc:
                    message = f"{kind} case {n} (seed {SEED}): {argv} raised {exc!r}"
                    raise AssertionError(message) from exc
                finally:
                    signal.alarm(0)
                err = capsys.readouterr().err
                assert status in (0, 2), (kind, n, argv, err[-500:])
                outcomes[kind, status] = outcomes.get((kind, status), 0) + 1
                if status == 2:
                    assert err.count("\n") >= 1 and "Traceback" not in err
                if kind == "export" and status == 0:
                    _reports_of(target / f"imported-{n}.sqlite", kind, n)
                ran += 1
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert ran == sum(count for _, count, _ in makers)
    # The mutations reach both sides: inputs that are refused and inputs that go through.
    for kind, _, _ in makers:
        assert (outcomes.get((kind, 0)) and outcomes.get((kind, 2))) or kind in (
            "submission", "exercise pack"), (kind, outcomes)  # fmt: skip
    print("fuzz outcomes (kind, exit status): cases", outcomes)
    outside_after = sorted(p for p in tmp_path.rglob("*") if target not in (p, *p.parents))
    assert outside_after == outside_before
    assert not Path("/tmp/claimcheck-fuzz-abs").exists()
    assert not any(p.name.startswith("escaped") for p in Path("/tmp").iterdir())


def _reports_of(store: Path, kind: str, n: int) -> None:
    """Every report of a store an import made, and an undo, work without an exception."""
    from claimcheck import report
    from claimcheck.errors import ClaimcheckError
    from claimcheck.workbench import Workbench

    with Workbench(store, reviewer="ana") as wb:
        for fmt in ("html", "md", "csv", "json", "claimreview"):
            # a clear error (e.g. no article) is fine; an exception is not
            with suppress(ClaimcheckError):
                report.render(wb, fmt, organisation="O", base_url="https://example.org")
        with suppress(ClaimcheckError):
            wb.undo()
