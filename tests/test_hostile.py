"""Hostile input, one attack per test: paths from ids, secrets in what is kept, imports that
reach beyond themselves, submissions that try to stop the grading."""

from __future__ import annotations

import json
import os

import pytest

from claimcheck.workshop import Exercise, ExercisePack


def _files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("pack_id", ["../x/../../ws", "/tmp/claimcheck-abs-ws", "..", "a/b\\c"])
def test_a_pack_id_never_becomes_a_path(tmp_path, monkeypatch, pack_id):
    outside = tmp_path / "outside"
    work = outside / "class" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    pack = ExercisePack.build(
        "Paths",
        [{"key": "a", "text": "Britain expelled 23 Russian diplomats on 14 March 2018."}],
        [{"article": "a", "text": "Britain expelled 23 Russian diplomats", "type": "expulsion",
          "verdict": "true"}],
    )  # fmt: skip
    pack.id = pack_id
    copy = pack.trainee_copy().save(work / "pack.json")
    ex = Exercise(copy, trainee="../../Sam")
    claim = ex.wb.claims(1)[0]
    ex.wb.set_verdict(claim.id, "true")
    submitted = ex.submit()
    ex.wb.close()
    assert submitted.resolve().parent == work
    assert _files_under(outside) == sorted(
        f"class/work/{name}" for name in os.listdir(work) if (work / name).is_file()
    )
    assert not os.path.exists("/tmp/claimcheck-abs-ws-sam.sqlite")
    assert json.loads(submitted.read_text())["pack_id"] == pack_id  # the id itself is kept
