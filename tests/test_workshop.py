"""Workshops: packs and keys, the trainee's session, grading, agreement, the CLI."""

from __future__ import annotations

import html as html_module
import json
import shutil

import pytest

from claimcheck.workbench import Workbench
from claimcheck.workshop import (
    Exercise,
    ExercisePack,
    WorkshopError,
    class_report,
    class_report_html,
    cohen_kappa,
    fleiss_kappa,
    grade,
    krippendorff_alpha,
    scores_csv,
    verdict_credit,
)

from .conftest import FIXTURES

WS = FIXTURES / "workshop"
PASSPHRASE = "salisbury-helsinki"


@pytest.fixture(scope="module")
def pack():
    return ExercisePack.load(WS / "pack.json")


def test_the_sample_workshop_is_built_from_its_spec(pack):
    assert len(pack.articles) == 5 and len(pack.key) == 14
    rebuilt = ExercisePack.from_spec(WS / "spec.json")
    assert rebuilt.to_dict() == pack.to_dict()
    for claim in pack.key:
        assert pack.article(claim.article).text[claim.start : claim.end] == claim.text
        assert claim.explanation and claim.evidence and claim.evidence[0].url.startswith("https://")
    assert {c.verdict for c in pack.key} == {"true", "mostly_true", "misleading", "false"}


def test_trainee_copy_hides_or_locks_the_key(pack, tmp_path):
    bare = pack.trainee_copy()
    data = bare.save(tmp_path / "bare.json").read_text()
    assert "key" not in json.loads(data) and "explanation" not in data
    with pytest.raises(WorkshopError, match="carries no key"):
        bare.unlock("anything")
    locked = ExercisePack.load(WS / "pack-trainee.json")
    text = (WS / "pack-trainee.json").read_text()
    assert "Papadopoulos pleaded guilty on 5 October" not in text  # explanations are sealed
    assert locked.key is None and locked.digest == pack.digest
    assert locked.unlock(PASSPHRASE) == pack.key
    with pytest.raises(WorkshopError, match="wrong passphrase"):
        locked.unlock("helsinki-salisbury")


def test_pack_errors_say_what_is_wrong(tmp_path):
    articles = [{"key": "a", "text": "Britain expelled 23 Russian diplomats on 14 March 2018."}]
    with pytest.raises(WorkshopError, match="is not in article a"):
        ExercisePack.build("t", articles, [{"article": "a", "text": "Canada", "type": "x",
                                            "verdict": "true"}])  # fmt: skip
    with pytest.raises(WorkshopError, match="unknown verdict 'maybe'"):
        ExercisePack.build("t", articles, [{"article": "a", "text": "Britain", "type": "x",
                                            "verdict": "maybe"}])  # fmt: skip
    with pytest.raises(WorkshopError, match="names article 'b'"):
        ExercisePack.build("t", articles, [{"article": "b", "text": "x", "verdict": "true",
                                            "type": "x"}])  # fmt: skip
    (tmp_path / "p.json").write_text('{"format": "something"}')
    with pytest.raises(WorkshopError, match="not a claimcheck exercise pack"):
        ExercisePack.load(tmp_path / "p.json")


def test_a_pack_from_the_instructors_own_review(tmp_path):
    with Workbench(tmp_path / "teacher.sqlite", reviewer="teacher") as wb:
        article = wb.add_article(
            (WS / "articles" / "w4-helsinki.txt").read_text(), "2018-07-17", title="Helsinki"
        )
        legal = next(c for c in article.claims if c.type == "legal")
        wb.set_verdict(legal.id, "mostly_true", "12 officers, not 15")
        wb.add_evidence(legal.id, url="https://en.wikipedia.org/wiki/X", note="the indictment")
        pack = ExercisePack.from_store(wb, "teacher", "From my review")
        with pytest.raises(WorkshopError, match="no verdict"):
            ExercisePack.from_store(wb, "nobody", "x")
    (claim,) = pack.key
    assert (claim.text, claim.verdict, claim.explanation) == (legal.text, "mostly_true",
                                                              "12 officers, not 15")  # fmt: skip
    assert claim.evidence[0].url == "https://en.wikipedia.org/wiki/X"


def test_trainee_reviews_submits_and_reveals(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(WS / "pack-trainee.json", tmp_path)
    ex = Exercise("pack-trainee.json", trainee="Kim Lee")
    assert ex.articles == ["w1", "w2", "w3", "w4", "w5"]
    panel = ex.review("w4")
    assert panel.reviewer == "Kim Lee" and "Helsinki" in panel.article.title
    with pytest.raises(WorkshopError, match="nothing to submit"):
        ex.submit()
    for claim in panel.claims:
        panel.select(claim.id)
        panel.set_verdict("true", "looks right")
    with pytest.raises(WorkshopError, match="submit your answers first"):
        ex.reveal(PASSPHRASE)
    path = ex.submit()
    data = json.loads(path.read_text())
    assert data["trainee"] == "Kim Lee" and data["pack_id"] == "ws-russia-west"
    assert {a["article"] for a in data["answers"]} == {"w4"}
    with pytest.raises(WorkshopError, match="the key is locked"):
        ex.reveal()
    reveal = ex.reveal(PASSPHRASE)
    rows = {r["key"]: r for r in reveal.rows()}
    assert rows["k10"]["found"] and rows["k10"]["credit"] == 1.0
    assert rows["k11"]["yours"] == "true" and rows["k11"]["credit"] == 0.5  # key: mostly true
    assert not rows["k1"]["found"]
    html = reveal._repr_html_()
    assert "12 officers of the GRU" in html and "looks right" in html
    assert "not answered" in html and "missed" not in html  # claims of other articles
    with pytest.raises(WorkshopError, match="another pack"):
        ex.reveal(key=_other_pack(tmp_path))
    # After the reveal, submissions are closed: the file handed in stays the one graded.
    before = path.read_text()
    with pytest.raises(WorkshopError, match="submissions are closed"):
        ex.submit()
    assert path.read_text() == before
    # A new session on the same store (a kernel restart) still knows it was submitted.
    again = Exercise("pack-trainee.json", trainee="Kim Lee")
    assert again.submitted and again.revealed and again.reveal(key=WS / "pack.json").rows()
    with pytest.raises(WorkshopError, match="submissions are closed"):
        again.submit()


def test_the_trainee_panel_hides_the_answers_until_the_reveal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(WS / "pack-trainee.json", tmp_path)
    ex = Exercise("pack-trainee.json", trainee="Kim Lee")
    panel = ex.review("w4")
    other = Workbench(ex.wb.path, reviewer="Instructor")  # somebody else's verdict in the store
    first = panel.current
    other.set_verdict(first.id, "false", "the key")
    panel.refresh()
    card = panel.card
    assert panel.trainee and not panel.revealed
    assert (
        "Suggested:" not in card.suggestion.value
        and "hidden until the key" in card.suggestion.value
    )
    assert "cc-signal" not in card.evidence.value and card.evidence.value.count("cc-evidence-item")
    assert "Instructor" not in card.verdict_line.value
    assert panel.claim_list.items[0]["chip"] == "not answered"
    assert "not answered" in card.head.value
    # Submitting from the panel asks again while claims are open, then hands in.
    for claim in panel.claims[:-1]:
        panel.select(claim.id)
        panel.press("1")
    panel.top.submit_button.click()
    assert "not answered yet: click Submit answers again" in card.message.value
    assert not ex.submitted
    panel.select(panel.claims[-1].id)
    panel.press("2")
    assert "claims of this article answered; 4 other article(s)" in panel.done.value
    panel.top.submit_button.click()  # the other articles are open: asked once more
    assert not ex.submitted
    panel.top.submit_button.click()
    assert ex.submitted and "Submitted:" in card.message.value
    assert "Submitted. The key opens" in panel.done.value
    ex.reveal(PASSPHRASE)
    panel.select(first.id)
    assert panel.revealed and "Suggested:" in card.suggestion.value
    assert "cc-signal" in card.evidence.value and "Instructor: False" in card.verdict_line.value
    assert "submissions are closed" in panel.done.value
    panel.top.submit_button.click()
    assert "submissions are closed" in card.message.value and "cc-error" in card.message.value


def _other_pack(tmp_path):
    other = ExercisePack.build(
        "other",
        [{"key": "a", "text": "Britain expelled 23 Russian diplomats."}],
        [{"article": "a", "text": "Britain expelled 23", "type": "expulsion", "verdict": "true"}],
    )
    return other.save(tmp_path / "other.json")


def test_grading_the_sample_class(pack):
    result = grade(pack, WS / "submissions")
    names = [t.trainee for t in result.trainees]
    assert names == ["Amira Haddad", "Ben Okafor", "Chen Wei", "Dana Kowalski", "Eli Navarro"]
    by = {t.trainee: t for t in result.trainees}
    assert by["Amira Haddad"].recall == 1.0 and by["Amira Haddad"].precision == 1.0
    assert by["Amira Haddad"].accuracy == pytest.approx(13 / 14)
    ben = by["Ben Okafor"]
    assert (ben.found, ben.answered) == (12, 13) and len(ben.extra) == 1
    assert ben.accuracy == pytest.approx((10 + 0.5 + 0.5) / 12)  # two neighbouring verdicts
    assert by["Dana Kowalski"].recall == pytest.approx(6 / 14)
    assert by["Dana Kowalski"].score == pytest.approx(6 / 14)
    problems = {p.path.name: p.reason for p in result.problems}
    assert set(problems) == {"ben.json", "fay.json", "gus.json", "hana.json"}
    assert "more than once; graded the later one, ben-second-try.json" in problems["ben.json"]
    assert {t.path.name for t in result.trainees if t.trainee.startswith("Ben")} == {
        "ben-second-try.json"
    }
    assert "another pack" in problems["gus.json"] and "not readable" in problems["hana.json"]
    hardest = max(result.claims, key=lambda c: c.difficulty)
    assert hardest.claim.id == "k11" and hardest.answers["mostly_true"] == 2
    assert result.confusion["mostly_true"]["false"] == 1
    assert 0 < result.fleiss < 1 and 0 < result.alpha < 1
    assert result.cohen[("Amira Haddad", "Dana Kowalski")] == 1.0
    csv_text = scores_csv(result)
    assert csv_text.split("\r\n")[1].startswith(
        '"Amira Haddad","14","14","14","1.000","1.000","0.929"'
    )
    html = class_report_html(result)
    assert "Claims, hardest first" in html and "<script" not in html
    assert "gus.json: made for another pack" in html
    # In a notebook the page sits in a sandboxed frame: its styles cannot reach the notebook.
    shown = class_report(result)._repr_html_()
    assert shown.startswith('<iframe class="cc-frame" sandbox="" title="Class report" srcdoc="')
    assert "<style" not in shown and "&lt;style&gt;" in shown  # only inside the frame's page
    assert html_module.unescape(shown.split('srcdoc="')[1].split('" style=')[0]) == html


def test_credit_for_neighbouring_verdicts(pack):
    scale = pack.scale
    assert verdict_credit(scale, "false", "false") == 1.0
    assert verdict_credit(scale, "false", "misleading") == 0.5
    assert verdict_credit(scale, "true", "misleading") == 0.0
    assert verdict_credit(scale, "false", "unverifiable") == 0.0
    assert verdict_credit(scale, "true", None) == 0.0


def test_agreement_statistics_against_published_examples():
    # Cohen: 50 items, yes/yes 20, yes/no 5, no/yes 10, no/no 15 -> 0.4.
    a = ["y"] * 25 + ["n"] * 25
    b = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    # Fleiss: the ten subjects rated by fourteen raters into five categories -> 0.210.
    table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
             [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
             [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]  # fmt: skip
    items = [[str(c) for c, n in enumerate(row) for _ in range(n)] for row in table]
    assert fleiss_kappa(items) == pytest.approx(0.210, abs=0.001)
    # Krippendorff's reliability data (4 observers, 12 units, missing values) -> nominal 0.743.
    o = None
    units = [[1, 1, o, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2],
             [1, 2, 3, 4], [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [o, 5, 5, 5],
             [o, o, 1, 1], [o, 3, o, o]]  # fmt: skip
    assert krippendorff_alpha([[v and str(v) for v in u] for u in units]) == pytest.approx(
        0.743, abs=0.001
    )
    assert cohen_kappa(["a"], ["a"]) is None  # too few items to say


def test_workshop_cli(tmp_path, run_cli):
    out = run_cli(
        "workshop", "pack", str(WS / "spec.json"), "-o", str(tmp_path / "p.json"),
        "--trainee-copy", str(tmp_path / "t.json"), "--passphrase", "open sesame",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert (
        "14 key claims" in out.stdout.decode()
        and "locked with the passphrase" in out.stdout.decode()
    )
    assert ExercisePack.load(tmp_path / "t.json").unlock("open sesame")
    graded = run_cli("workshop", "grade", str(WS / "pack.json"), str(WS / "submissions"))
    assert graded.returncode == 0 and graded.stdout.decode().count("\n") == 6
    assert "skipped hana.json: not readable JSON" in graded.stderr.decode()
    report = tmp_path / "class.html"
    done = run_cli("workshop", "report", str(WS / "pack.json"), str(WS / "submissions"),
                   "-o", str(report))  # fmt: skip
    assert done.returncode == 0 and "Class report" in report.read_text()
    for args, message in (
        (("workshop",), "say what to do"),
        (("workshop", "grade", str(WS / "pack-trainee.json"), str(WS / "submissions")),
         "needs the instructor's pack"),
        (("workshop", "grade", str(WS / "pack.json"), str(tmp_path / "none")), "not a folder"),
        (("workshop", "pack", "-o", str(tmp_path / "x.json")), "give a pack spec"),
        (("workshop", "grade", str(tmp_path / "nopack.json"), str(WS)), "no such file; give an exercise pack"),
    ):  # fmt: skip
        failed = run_cli(*args)
        err = failed.stderr.decode()
        assert failed.returncode != 0 and message in err, (args, err)
        assert "Traceback" not in err
