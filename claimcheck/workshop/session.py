"""A trainee's side of a workshop: open a pack, review in the usual panel, submit, reveal.

The trainee's review lives in a store of their own (``<pack id>-<trainee>.sqlite`` next to the
notebook by default), so a kernel restart loses nothing. ``submit`` writes a submission file
with the claims the trainee kept or added and their verdicts; after that, ``reveal`` shows the
answer key beside their answers, once the key is unlocked.
"""

from __future__ import annotations

import json
import os
import re
import weakref
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..htmlsafe import esc, link
from ..workbench import Workbench
from .match import match_answers, verdict_credit
from .pack import ExercisePack, KeyClaim, WorkshopError

SUBMISSION_FORMAT = "claimcheck-submission"


def _slug(text: str, default: str = "trainee") -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()[:60] or default


@dataclass
class Answer:
    article: str
    start: int
    end: int
    text: str
    type: str
    origin: str
    verdict: str | None
    rationale: str
    status: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Answer:
        return cls(
            article=str(data["article"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data.get("text", "")),
            type=str(data.get("type", "")),
            origin=str(data.get("origin", "detected")),
            verdict=data.get("verdict"),
            rationale=str(data.get("rationale") or ""),
            status=str(data.get("status", "done")),
        )


class Exercise:
    """A trainee working through an exercise pack."""

    def __init__(
        self,
        pack: str | os.PathLike[str] | ExercisePack,
        trainee: str,
        store: str | os.PathLike[str] | None = None,
    ) -> None:
        self.pack = pack if isinstance(pack, ExercisePack) else ExercisePack.load(pack)
        self.trainee = str(trainee).strip()
        if not self.trainee:
            raise WorkshopError("give your name: Exercise(pack, trainee='Your Name')")
        path = store or f"{self.file_stem}.sqlite"
        self.wb = Workbench(path, reviewer=self.trainee, scale=self.pack.scale)
        self.article_ids: dict[str, int] = {}
        for article in self.pack.articles:
            stored = self.wb.add_article(
                article.text, article.published, title=article.title, url=article.url
            )
            self.article_ids[article.key] = stored.id
        self._panels: list[weakref.ref] = []

    @property
    def file_stem(self) -> str:
        """``<pack id>-<trainee>`` for the default file names, both slugged: a pack's id comes
        from a file someone else wrote and never becomes a path of its own."""
        return f"{_slug(self.pack.id, 'pack')}-{_slug(self.trainee)}"

    @property
    def articles(self) -> list[str]:
        return [a.key for a in self.pack.articles]

    def review(self, article: str | int = 0):
        """The review panel for an article of the pack (by key, or by position from 0).

        It is the trainee's panel: the suggested verdicts, the comparisons with the records and
        other reviewers' verdicts stay hidden until the key is revealed, and its Submit button
        calls :meth:`submit`."""
        key = self.articles[article] if isinstance(article, int) else article
        if key not in self.article_ids:
            raise WorkshopError(f"the pack has no article {key!r}: it has {self.articles}")
        panel = self.wb.review(
            self.article_ids[key],
            articles=list(self.article_ids.values()),
            reviewer=self.trainee,
            trainee=True,
            on_submit=lambda: self.submit().name,
        )
        self._panels.append(weakref.ref(panel))
        return panel

    def _refresh_panels(self) -> None:
        for ref in self._panels:
            panel = ref()
            if panel is not None:
                panel.refresh()

    def answers(self) -> list[Answer]:
        """The claims the trainee kept (with a verdict, or added by hand) and their verdicts."""
        out = []
        for key, article_id in self.article_ids.items():
            reviews = {v.claim_id: v for v in self.wb.reviews(article_id, reviewer=self.trainee)}
            for claim in self.wb.claims(article_id):
                review = reviews.get(claim.id)
                if (review is None or not review.label) and claim.origin != "manual":
                    continue  # untouched detections are not the trainee's answers
                out.append(
                    Answer(
                        article=key,
                        start=claim.start,
                        end=claim.end,
                        text=claim.text,
                        type=claim.type,
                        origin=claim.origin,
                        verdict=review.label if review else None,
                        rationale=review.rationale if review else "",
                        status=review.status if review else "unreviewed",
                    )
                )
        return out

    def progress(self) -> str:
        parts = [
            f"{key}: {self.wb.progress(i, reviewer=self.trainee)}"
            for key, i in self.article_ids.items()
        ]
        return "; ".join(parts)

    def submit(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Write the submission file (default ``<pack id>-<trainee>.submission.json``).

        Closed once the key has been revealed: a submission made after seeing the key would not
        be the trainee's own."""
        if self.revealed:
            raise WorkshopError(
                "the key has been revealed, so submissions are closed: the file you submitted "
                "before is the one your instructor grades"
            )
        answers = self.answers()
        if not answers:
            raise WorkshopError("nothing to submit yet: give a verdict on at least one claim")
        target = Path(path or f"{self.file_stem}.submission.json")
        data = {
            "format": SUBMISSION_FORMAT,
            "version": 1,
            "pack_id": self.pack.id,
            "key_digest": self.pack.digest,
            "trainee": self.trainee,
            "submitted_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "answers": [a.to_dict() for a in answers],
        }
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        self.wb.set_setting("submitted_at", data["submitted_at"])
        self._refresh_panels()
        return target

    @property
    def submitted(self) -> bool:
        return bool(self.wb.settings().get("submitted_at"))

    @property
    def revealed(self) -> bool:
        return bool(self.wb.settings().get("revealed_at"))

    def reveal(
        self,
        passphrase: str | None = None,
        key: str | os.PathLike[str] | ExercisePack | None = None,
    ) -> Reveal:
        """The answer key beside your answers. Only after ``submit``; the key comes from the
        pack (locked: give the passphrase) or from the instructor's full pack (``key=``)."""
        if not self.submitted:
            raise WorkshopError("submit your answers first: the key opens after submission")
        if key is not None:
            full = key if isinstance(key, ExercisePack) else ExercisePack.load(key)
            if full.digest != self.pack.digest or full.key is None:
                raise WorkshopError("that key file belongs to another pack (or holds no key)")
            claims = full.key
        elif self.pack.key is not None:
            claims = self.pack.key
        elif passphrase:
            claims = self.pack.unlock(passphrase)
        else:
            raise WorkshopError(
                "the key is locked: reveal(passphrase='...') with the passphrase from your "
                "instructor, or reveal(key='full-pack.json')"
            )
        if not self.revealed:
            self.wb.set_setting(
                "revealed_at", datetime.now(timezone.utc).isoformat(timespec="seconds")
            )
        self._refresh_panels()  # suggestions and signals are shown from now on
        return Reveal(self.pack, claims, self.answers())


class Reveal:
    """Each key claim with the expected verdict, its explanation and evidence, and your answer."""

    def __init__(self, pack: ExercisePack, key: list[KeyClaim], answers: list[Answer]) -> None:
        self.pack, self.key, self.answers = pack, key, answers
        self.pairs = match_answers(key, answers)
        matched = {id(a) for a in self.pairs.values() if a is not None}
        self.extra = [a for a in answers if id(a) not in matched]

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for claim in self.key:
            answer = self.pairs.get(claim.id)
            out.append(
                {
                    "key": claim.id,
                    "article": claim.article,
                    "claim": claim.text,
                    "expected": claim.verdict,
                    "yours": answer.verdict if answer else None,
                    "found": answer is not None,
                    "credit": verdict_credit(self.pack.scale, claim.verdict, answer.verdict)
                    if answer
                    else 0.0,
                    "explanation": claim.explanation,
                    "your_rationale": answer.rationale if answer else "",
                }
            )
        return out

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_html(self) -> str:
        scale = self.pack.scale
        rows = []
        for claim in self.key:
            answer = self.pairs.get(claim.id)
            expected = scale.get(claim.verdict)
            yours = scale.get(answer.verdict) if answer and answer.verdict else None
            credit = verdict_credit(scale, claim.verdict, answer.verdict) if answer else 0.0
            if answer is None or not answer.verdict:
                mark = "not answered"
            else:
                mark = {1.0: "✓ right", 0.5: "≈ close"}.get(credit, "✗ not this")
            evidence = "".join(
                f"<li>{link(e.url, e.title)}{' · ' + esc(e.date) if e.date else ''}"
                f"{': ' + esc(e.snippet) if e.snippet else ''}</li>"
                for e in claim.evidence
            )
            rows.append(
                "<tr>"
                f"<td>{esc(claim.text)}</td>"
                f"<td><b>{esc(expected.label if expected else claim.verdict)}</b>"
                f"<div>{esc(claim.explanation)}</div><ul>{evidence}</ul></td>"
                f"<td>{esc(yours.label if yours else 'not answered')}"
                f"<div><i>{esc(answer.rationale if answer else '')}</i></div></td>"
                f"<td>{esc(mark)}</td></tr>"
            )
        extra = "".join(
            f"<li>{esc(a.text)} ({esc(a.verdict or 'no verdict')})</li>" for a in self.extra
        )
        return (
            "<style>.cc-reveal td, .cc-reveal th { text-align: left !important; vertical-align: "
            "top !important; padding: 4px 8px !important; border: 1px solid #ccc; }"
            ".cc-reveal table { border-collapse: collapse; }</style>"
            '<div class="cc-reveal"><table><thead><tr><th>claim</th><th>answer key</th>'
            "<th>your answer</th>"
            f"<th></th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            + (
                f"<p>Claims you marked that the key does not list:</p><ul>{extra}</ul>"
                if extra
                else ""
            )
            + "</div>"
        )
