"""Grading a class: submissions against the answer key, per trainee, per claim and for the group.

Bad submissions (not JSON, another pack, a trainee twice, no answers, broken answers) are listed
with the reason and left out; they never stop the grading.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean

from ..encoders import csv_text, printable
from ..files import read_text
from ..fragments import FRAGMENT_CSS, swatch
from ..htmlsafe import colour, esc, frame
from .match import fleiss_kappa, krippendorff_alpha, match_answers, pairwise_kappas, verdict_credit
from .pack import ExercisePack, KeyClaim, WorkshopError
from .session import SUBMISSION_FORMAT, Answer


@dataclass
class Submission:
    trainee: str
    path: Path
    submitted_at: str
    answers: list[Answer]


@dataclass
class Problem:
    path: Path
    reason: str


@dataclass
class TraineeResult:
    trainee: str
    path: Path
    found: int  # key claims found
    answered: int  # the trainee's claims
    precision: float
    recall: float
    accuracy: float  # mean credit over the key claims found
    exact: float  # share of found key claims with exactly the key's verdict
    score: float  # mean credit over all key claims (missing counts 0)
    verdicts: dict[str, str | None] = field(default_factory=dict)  # key claim -> verdict
    rationales: dict[str, str] = field(default_factory=dict)
    extra: list[Answer] = field(default_factory=list)


@dataclass
class ClaimResult:
    claim: KeyClaim
    found_by: int
    right: int
    mean_credit: float
    answers: Counter

    @property
    def difficulty(self) -> float:
        """1 - mean credit over the class: 0 everybody got it, 1 nobody did."""
        return 1.0 - self.mean_credit


@dataclass
class ClassResult:
    pack: ExercisePack
    trainees: list[TraineeResult]
    claims: list[ClaimResult]
    problems: list[Problem]
    cohen: dict[tuple[str, str], float | None]
    fleiss: float | None
    alpha: float | None
    confusion: dict[str, Counter]  # expected -> Counter(given)


def later_first(submission: Submission) -> tuple[str, str]:
    """The rule for two submissions by one trainee, as a sort key (highest counts): the later
    ``submitted_at`` (times compared in UTC; none counts as the earliest), and at the same time
    the file whose name sorts last (``ben-2.json`` after ``ben.json``)."""
    return (submission.submitted_at, submission.path.name)


def _after_name(exc: Exception, path: Path) -> str:
    """An error's message without the file name in front (the problem list names the file)."""
    message = str(exc)
    for prefix in (f"{path}: ", f"{path.name}: ", f"{path} "):
        message = message.removeprefix(prefix)
    return printable(message, 200)


def load_submissions(
    folder: str | os.PathLike[str], pack: ExercisePack
) -> tuple[list[Submission], list[Problem]]:
    root = Path(folder)
    if not root.is_dir():
        raise WorkshopError(f"{root} is not a folder: give the folder of submission files")
    from ..jsonl import loads
    from ..validation import check
    from ..validation.workshop import SubmissionIn

    good: dict[str, Submission] = {}
    problems: list[Problem] = []
    articles = {a.key for a in pack.articles}
    for path in sorted(root.glob("*.json")):
        try:
            text = read_text(path, "a submission (JSON)", WorkshopError)
            data = loads(text, path.name, WorkshopError)
        except WorkshopError as exc:
            detail = _after_name(exc, path)
            if detail.startswith("not valid JSON (") and detail.endswith(")"):
                detail = detail[len("not valid JSON (") : -1]
            problems.append(Problem(path, f"not readable JSON ({detail})"))
            continue
        if not isinstance(data, dict) or data.get("format") != SUBMISSION_FORMAT:
            problems.append(Problem(path, "not a claimcheck submission"))
            continue
        if data.get("pack_id") != pack.id or data.get("key_digest") != pack.digest:
            problems.append(
                Problem(path, f"made for another pack ({printable(data.get('pack_id'), 40)})")
            )
            continue
        try:
            submission = check(
                SubmissionIn, data, path.name, WorkshopError, context={"scale": pack.scale.keys}
            )
        except WorkshopError as exc:
            problems.append(Problem(path, f"a broken submission ({_after_name(exc, path)})"))
            continue
        trainee = submission.trainee
        answers = [Answer(**a.model_dump()) for a in submission.answers]
        if any(a.article not in articles for a in answers):
            problems.append(Problem(path, "answers name articles that are not in the pack"))
            continue
        if not any(a.verdict for a in answers):
            problems.append(Problem(path, "no verdicts: the trainee submitted no answers"))
            continue
        current = Submission(trainee, path, submission.submitted_at or "", answers)
        earlier = good.get(trainee.casefold())
        if earlier is not None:
            keep, drop = sorted((earlier, current), key=later_first, reverse=True)
            reason = (
                "the same submitted_at time: the file later in name order counts"
                if keep.submitted_at == drop.submitted_at
                else f"graded the later one, {keep.path.name}"
            )
            problems.append(Problem(drop.path, f"{trainee} submitted more than once; {reason}"))
            current = keep
        good[trainee.casefold()] = current
    return list(good.values()), problems


def grade(pack: ExercisePack, folder: str | os.PathLike[str]) -> ClassResult:
    if pack.key is None:
        raise WorkshopError("grading needs the instructor's pack with its key, not a trainee copy")
    key = pack.key
    submissions, problems = load_submissions(folder, pack)
    trainees = []
    for sub in submissions:
        pairs = match_answers(key, sub.answers)
        matched = [(k, pairs[k.id]) for k in key if pairs[k.id] is not None]
        credits = [verdict_credit(pack.scale, k.verdict, a.verdict) for k, a in matched]
        used = {id(a) for _, a in matched}
        answered = len(sub.answers)
        trainees.append(
            TraineeResult(
                trainee=sub.trainee,
                path=sub.path,
                found=len(matched),
                answered=answered,
                precision=len(matched) / answered if answered else 0.0,
                recall=len(matched) / len(key) if key else 0.0,
                accuracy=mean(credits) if credits else 0.0,
                exact=(sum(c == 1.0 for c in credits) / len(credits)) if credits else 0.0,
                score=sum(credits) / len(key) if key else 0.0,
                verdicts={k.id: (pairs[k.id].verdict if pairs[k.id] else None) for k in key},
                rationales={k.id: pairs[k.id].rationale for k in key if pairs[k.id]},
                extra=[a for a in sub.answers if id(a) not in used],
            )
        )
    claims = []
    confusion: dict[str, Counter] = {}
    for k in key:
        given = [t.verdicts[k.id] for t in trainees]
        credits = [verdict_credit(pack.scale, k.verdict, v) for v in given]
        claims.append(
            ClaimResult(
                claim=k,
                found_by=sum(v is not None for v in given),
                right=sum(v == k.verdict for v in given),
                mean_credit=mean(credits) if credits else 0.0,
                answers=Counter(v or "not found" for v in given),
            )
        )
        row = confusion.setdefault(k.verdict, Counter())
        row.update(v or "not found" for v in given)
    raters = {t.trainee: [t.verdicts[k.id] for k in key] for t in trainees}
    items = [[t.verdicts[k.id] for t in trainees] for k in key]
    return ClassResult(
        pack=pack,
        trainees=sorted(trainees, key=lambda t: t.trainee.casefold()),
        claims=claims,
        problems=problems,
        cohen=pairwise_kappas(raters),
        fleiss=fleiss_kappa(items),
        alpha=krippendorff_alpha(items),
        confusion=confusion,
    )


SCORE_COLUMNS = [
    "trainee", "found", "key_claims", "claims_marked", "recall", "precision",
    "verdict_accuracy", "exact_verdicts", "score", "file",
]  # fmt: skip


def scores_csv(result: ClassResult) -> str:
    """The scores as CSV: every cell quoted and neutralised, rows ended by CR LF."""
    key_ids = [c.claim.id for c in result.claims]
    rows = (
        [
            t.trainee,
            t.found,
            len(key_ids),
            t.answered,
            f"{t.recall:.3f}",
            f"{t.precision:.3f}",
            f"{t.accuracy:.3f}",
            f"{t.exact:.3f}",
            f"{t.score:.3f}",
            t.path.name,
        ]
        + [t.verdicts[k] or "" for k in key_ids]
        for t in result.trainees
    )
    return csv_text(SCORE_COLUMNS + [f"verdict_{k}" for k in key_ids], rows)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _bar(share: float, hex_colour: str = "#0072B2") -> str:
    width = max(0.0, min(1.0, share)) * 100
    return (
        f'<span class="bar"><span style="width:{width:.0f}%;background:{colour(hex_colour)}">'
        f"</span></span> {share:.0%}"
    )


class ClassReport:
    """The class report as a page: shown in a notebook inside an isolated frame (its styles stay
    in it), written to a file with :meth:`save`."""

    def __init__(self, result: ClassResult) -> None:
        self.html = class_report_html(result)

    def save(self, path: str | os.PathLike[str]) -> Path:
        target = Path(path)
        target.write_text(self.html, encoding="utf-8")
        return target

    def _repr_html_(self) -> str:
        return frame(self.html, "Class report")


def class_report(result: ClassResult) -> ClassReport:
    """The class report for a notebook: ``class_report(grade(pack, folder))``."""
    return ClassReport(result)


def class_report_html(result: ClassResult) -> str:
    """The class report: one self-contained HTML page with its charts."""
    pack, scale = result.pack, result.pack.scale
    trainee_rows = "".join(
        f"<tr><td>{esc(t.trainee)}</td><td>{t.found} of {len(result.claims)}</td>"
        f"<td>{_bar(t.recall)}</td><td>{_bar(t.precision)}</td><td>{_bar(t.accuracy, '#009E73')}"
        f"</td><td>{_bar(t.score, '#E69F00')}</td></tr>"
        for t in result.trainees
    )
    claim_rows = []
    for c in sorted(result.claims, key=lambda c: -c.difficulty):
        expected = scale.get(c.claim.verdict)
        answers = ", ".join(
            f"{esc(scale.get(v).label if scale.get(v) else v)}: {n}"
            for v, n in c.answers.most_common()
        )
        claim_rows.append(
            f"<tr><td>{esc(c.claim.id)}</td><td>{esc(c.claim.text)}</td>"
            f"<td>{esc(expected.label if expected else c.claim.verdict)}</td>"
            f"<td>{c.found_by}</td><td>{c.right}</td><td>{_bar(c.difficulty, '#D55E00')}</td>"
            f"<td>{answers}</td></tr>"
        )
    given_labels = [*scale.keys, "not found"]
    header = "".join(
        f"<th>{esc(scale.get(g).label if scale.get(g) else g)}</th>" for g in given_labels
    )
    confusion_rows = "".join(
        f"<tr><th>{esc(scale.get(e).label if scale.get(e) else e)}</th>"
        + "".join(
            f'<td class="{"diag" if g == e else ""}">{result.confusion[e][g] or ""}</td>'
            for g in given_labels
        )
        + "</tr>"
        for e in scale.keys
        if e in result.confusion
    )
    kappas = "".join(
        f"<tr><td>{esc(a)}</td><td>{esc(b)}</td><td>{_fmt(k)}</td></tr>"
        for (a, b), k in result.cohen.items()
    )
    problems = (
        "".join(f"<li>{esc(p.path.name)}: {esc(p.reason)}</li>" for p in result.problems)
        or "<li>none</li>"
    )
    rationales = "".join(
        f"<h3>{esc(c.claim.id)}: {esc(c.claim.text)}</h3><p><b>Key:</b> "
        f"{esc(scale.get(c.claim.verdict).label if scale.get(c.claim.verdict) else c.claim.verdict)}"
        f" · {esc(c.claim.explanation)}</p><ul>"
        + "".join(
            f"<li><b>{esc(t.trainee)}</b> ({esc(t.verdicts[c.claim.id] or 'not found')}): "
            f"{esc(t.rationales.get(c.claim.id, ''))}</li>"
            for t in result.trainees
        )
        + "</ul>"
        for c in result.claims
    )
    legend = "".join(swatch(lab.colour, lab.label) for lab in scale.labels)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Class report: {esc(pack.title)}</title>
<style>{FRAGMENT_CSS}
body {{ font-family: system-ui, sans-serif; font-size: 14px; max-width: 1000px; margin: 24px auto;
  padding: 0 16px; color: #1a1a1a; }}
table {{ border-collapse: collapse; margin: 8px 0; }}
td, th {{ border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }}
.bar {{ display: inline-block; width: 90px; height: 10px; background: #eee; vertical-align: middle; }}
.bar span {{ display: block; height: 10px; }}
td.diag {{ background: #d9f0e3; font-weight: 600; }}
h2 {{ border-bottom: 1px solid #ccc; margin-top: 26px; }}
section {{ break-inside: avoid; }}
</style></head><body>
<h1>Class report: {esc(pack.title)}</h1>
<p>{len(result.trainees)} submissions graded against {len(result.claims)} key claims in
{len(pack.articles)} articles.</p><div class="cc-legend">{legend}</div>
<section><h2>Trainees</h2>
<p>Found: key claims matched by a claim of the trainee's (same article, spans overlapping by at
least half). Recall: found / key claims; precision: found / claims the trainee marked. Verdicts:
mean credit on the claims found (1 for the key's verdict, 0.5 for a neighbouring one).
Score: credit over all key claims.</p>
<table><tr><th>trainee</th><th>found</th><th>recall</th><th>precision</th><th>verdicts</th>
<th>score</th></tr>{trainee_rows}</table></section>
<section><h2>Claims, hardest first</h2>
<table><tr><th>key</th><th>claim</th><th>key verdict</th><th>found by</th><th>right</th>
<th>difficulty</th><th>what the class answered</th></tr>{"".join(claim_rows)}</table></section>
<section><h2>Agreement between reviewers</h2>
<p>Fleiss' kappa (claims every trainee answered): <b>{_fmt(result.fleiss)}</b> ·
Krippendorff's alpha (nominal, missing answers allowed): <b>{_fmt(result.alpha)}</b></p>
<table><tr><th>trainee</th><th>trainee</th><th>Cohen's kappa</th></tr>{kappas}</table>
<h3>Verdicts: key (rows) against the class (columns)</h3>
<table><tr><th></th>{header}</tr>{confusion_rows}</table></section>
<section><h2>Rationales</h2>{rationales}</section>
<section><h2>Submissions left out</h2><ul>{problems}</ul></section>
</body></html>
"""
