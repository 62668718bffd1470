"""Fact-checking workshops: exercise packs with answer keys, trainee sessions, grading.

Instructor: ``ExercisePack.build(...)`` or ``ExercisePack.from_store(...)``, ``pack.save()``,
``pack.trainee_copy(passphrase=...)``; then ``grade(pack, folder)`` and ``class_report(result)``
(shown in a notebook in an isolated frame; ``.save(path)``) or ``class_report_html``.
Trainee: ``Exercise(pack_path, trainee=...)``, ``.review(0)``, ``.submit()``, ``.reveal(...)``.
"""

from .grade import (
    ClassReport,
    ClassResult,
    class_report,
    class_report_html,
    grade,
    load_submissions,
    scores_csv,
)
from .match import cohen_kappa, fleiss_kappa, krippendorff_alpha, match_answers, verdict_credit
from .pack import ExercisePack, KeyClaim, PackArticle, WorkshopError
from .session import Answer, Exercise, Reveal

__all__ = [
    "Answer",
    "ClassReport",
    "ClassResult",
    "Exercise",
    "ExercisePack",
    "KeyClaim",
    "PackArticle",
    "Reveal",
    "WorkshopError",
    "class_report",
    "class_report_html",
    "cohen_kappa",
    "fleiss_kappa",
    "grade",
    "krippendorff_alpha",
    "load_submissions",
    "match_answers",
    "scores_csv",
    "verdict_credit",
]
