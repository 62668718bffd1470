"""The plain data types every part of claimcheck shares.

They are dataclasses with ``to_dict``/``from_dict`` so that they cross process, file and widget
boundaries as JSON. Field names are part of the public contract (the JSON output of
``claimcheck scan`` is built from them): rename nothing without a migration.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from functools import cache
from typing import Any

PRECISIONS = ("day", "week", "part_of_month", "month", "season", "year", "decade")
STATUSES = ("announced", "completed", "cancelled", "suspended", "denied", "not_done")
# The stages of leaving a treaty, each with the status its record carries: the intention is
# announced, formal notice is given (the exit is still to come), the treaty is suspended, the
# exit takes effect.
TREATY_STAGES = {
    "announced": "announced",
    "notice": "announced",
    "suspended": "suspended",
    "effective": "completed",
}
# What a word before a number says about the true figure: a lower bound ("over 150" is 151 or
# more), an upper bound ("up to 150"), about the figure ("about 150"), or just under it
# ("nearly 150"). A claim's qualifier comes from the text; a pack record's from the source.
COUNT_QUALIFIERS = {
    "more than": "above", "over": "above", "at least": "from",
    "fewer than": "below", "less than": "below", "up to": "to", "at most": "to",
    "as many as": "to", "about": "about", "around": "about", "roughly": "about",
    "approximately": "about", "some": "about", "close to": "about", "an estimated": "about",
    "nearly": "under", "almost": "under",
}  # fmt: skip
RECORD_COUNT_QUALIFIERS = (
    "over", "more than", "at least", "about", "around", "approximately", "nearly", "almost",
    "up to", "at most", "fewer than", "less than",
)  # fmt: skip


def count_range(value: int, qualifier: str | None = None) -> tuple[int, float]:
    """The figures a count allows, as (lowest, highest): "more than 150" is (151, inf), "about
    150" (135, 165), "nearly 150" (135, 150); a plain or unknown qualifier is the number itself.
    The margin of "about" is a tenth of the number, and at least 2."""
    kind = COUNT_QUALIFIERS.get((qualifier or "").lower())
    margin = max(2, round(0.1 * value))
    if kind == "above":
        return value + 1, float("inf")
    if kind == "from":
        return value, float("inf")
    if kind == "below":
        return 0, value - 1
    if kind == "to":
        return 0, value
    if kind == "about":
        return max(0, value - margin), value + margin
    if kind == "under":
        return max(0, value - margin), value
    return value, value


@dataclass
class DateValue:
    """A date as written in the text and, where it can be resolved, the span of days it covers.

    ``start``/``end`` are ISO dates (inclusive) or None when the expression cannot be resolved
    (for example a weekday with no publication date to count back from).
    """

    text: str
    start: str | None = None
    end: str | None = None
    precision: str | None = None

    @property
    def resolved(self) -> bool:
        return self.start is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "precision": self.precision,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> DateValue | None:
        if data is None:
            return None
        return cls(
            text=data.get("text", ""),
            start=data.get("start"),
            end=data.get("end"),
            precision=data.get("precision"),
        )

    @classmethod
    def span(cls, text: str, start: date, end: date, precision: str) -> DateValue:
        return cls(text=text, start=start.isoformat(), end=end.isoformat(), precision=precision)


@dataclass
class Slots:
    """What a checker needs to verify a claim. Every field is optional: the text may not say."""

    actor: str | None = None
    target: str | None = None
    count: int | None = None
    count_text: str | None = None
    count_qualifier: str | None = None
    round: int | None = None
    round_text: str | None = None
    treaty: str | None = None
    status: str | None = None
    place: str | None = None
    attribution: str | None = None
    date: DateValue | None = None
    # statistics: what is measured, the number and its unit, the time it covers, the change
    metric: str | None = None
    value: float | None = None
    unit: str | None = None
    period: DateValue | None = None
    change: str | None = None  # rise, fall
    previous: float | None = None  # the earlier value of a from-to change
    # comparisons and records: what is compared, the superlative, since when or among what
    subject: str | None = None
    superlative: str | None = None
    scope: str | None = None
    # stated positions: denied, refused, rejected, admitted, confirmed, ruled_out; about what
    stance: str | None = None
    about: str | None = None

    def __getitem__(self, key: str) -> Any:
        if key not in self._names():
            raise KeyError(key)
        return getattr(self, key)

    @classmethod
    @cache
    def _names(cls) -> frozenset[str]:
        return frozenset(f.name for f in fields(cls))

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["date"] = self.date.to_dict() if self.date else None
        out["period"] = self.period.to_dict() if self.period else None
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Slots:
        data = dict(data or {})
        known = cls._names()
        values = {k: v for k, v in data.items() if k in known}
        values["date"] = DateValue.from_dict(data.get("date"))
        values["period"] = DateValue.from_dict(data.get("period"))
        return cls(**values)


@dataclass
class Signal:
    """One comparison between a claim and a record: does the date, count, ... agree?

    ``kind`` is date, count, round, actors, party, status, happened (a negated or denied claim
    against the record of the event), uniqueness, record, or value (a statistic's figure against
    a reference value); ``verdict`` agrees, differs, swapped or unknown; ``detail`` says how in
    words ("the record says 60; the claim says 35").
    """

    kind: str
    verdict: str
    detail: str = ""
    delta: float | None = None  # days apart for dates; relative difference for counts and values

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "verdict": self.verdict,
            "detail": self.detail,
            "delta": self.delta,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Signal:
        return cls(
            kind=data["kind"],
            verdict=data["verdict"],
            detail=data.get("detail", ""),
            delta=data.get("delta"),
        )


@dataclass
class ReviewRef:
    """An earlier review that a claim matches: its verdict, who gave it, when and why, and where
    it is (an article and claim of this store, or of the store a review pack was exported from).
    """

    label: str
    label_text: str  # the verdict as the reviewing store's scale names it ("False")
    reviewer: str
    reviewed_at: str  # ISO timestamp
    rationale: str = ""
    claim_text: str = ""
    article_id: int | None = None
    claim_id: int | None = None
    article_title: str | None = None
    article_url: str | None = None
    published: str | None = None
    store: str | None = None  # None: this store; else the pack or store it comes from

    @property
    def local(self) -> bool:
        """Whether the review is in this store (and can be opened in the panel)."""
        return self.store is None and self.claim_id is not None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ReviewRef | None:
        if not data:
            return None
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Evidence:
    """A piece of the record found for a claim, with where it comes from and how it compares.

    Evidence of source ``reviews`` is an earlier review of a claim that matches this one; its
    ``review`` says which verdict was given, by whom, when and why.
    """

    source: str
    title: str
    url: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO date (start of the event or of the publication)
    snippet: str = ""
    review: ReviewRef | None = None
    score: float = 0.0
    signals: list[Signal] = field(default_factory=list)
    record_id: str | None = None
    fetched: str | None = None  # when an online source's answer was fetched (UTC, ISO 8601)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "source": self.source,
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "date": self.date,
            "snippet": self.snippet,
            **({"review": self.review.to_dict()} if self.review else {}),
            "score": round(self.score, 3),
            "signals": [s.to_dict() for s in self.signals],
            "record_id": self.record_id,
        }
        if self.fetched:  # online evidence only: pack records and stored keys stay as they were
            data["fetched"] = self.fetched
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(
            source=data["source"],
            title=data.get("title", ""),
            url=data.get("url"),
            publisher=data.get("publisher"),
            date=data.get("date"),
            snippet=data.get("snippet", ""),
            review=ReviewRef.from_dict(data.get("review")),
            score=float(data.get("score", 0.0)),
            signals=[Signal.from_dict(s) for s in data.get("signals", [])],
            record_id=data.get("record_id"),
            fetched=data.get("fetched"),
        )


@dataclass
class Suggestion:
    """A suggested verdict from the signals. Only a suggestion: a person decides."""

    verdict: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Suggestion | None:
        return cls(verdict=data["verdict"], reason=data.get("reason", "")) if data else None


@dataclass
class Claim:
    """One checkable statement found in an article.

    ``start``/``end`` are character offsets into the text that was scanned (for HTML input, the
    extracted text). ``score`` is the check-worthiness from 0 to 1 and ``cues`` say why.
    """

    type: str
    text: str
    start: int
    end: int
    sentence: str = ""
    score: float = 0.0
    cues: list[str] = field(default_factory=list)
    slots: Slots = field(default_factory=Slots)
    id: str = ""
    # Filled by linking; None means "not linked" and keeps them out of the JSON.
    evidence: list[Evidence] | None = None
    suggestion: Suggestion | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = claim_id(self.type, self.start, self.end, self.text)

    def to_dict(self) -> dict[str, Any]:
        data = {
            "id": self.id,
            "type": self.type,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "score": round(self.score, 3),
            "cues": list(self.cues),
            "slots": self.slots.to_dict(),
        }
        if self.evidence is not None:
            data["evidence"] = [e.to_dict() for e in self.evidence]
            data["suggestion"] = self.suggestion.to_dict() if self.suggestion else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            id=data.get("id", ""),
            type=data["type"],
            text=data.get("text", ""),
            start=int(data["start"]),
            end=int(data["end"]),
            sentence=data.get("sentence", ""),
            score=float(data.get("score", 0.0)),
            cues=list(data.get("cues", [])),
            slots=Slots.from_dict(data.get("slots")),
            evidence=(
                [Evidence.from_dict(e) for e in data["evidence"]] if "evidence" in data else None
            ),
            suggestion=Suggestion.from_dict(data.get("suggestion")),
        )


def claim_id(claim_type: str, start: int, end: int, text: str) -> str:
    """A short id that is stable for the same claim in the same text."""
    digest = hashlib.sha1(f"{claim_type}|{start}|{end}|{text}".encode()).hexdigest()
    return f"c{digest[:10]}"


@dataclass
class Article:
    """An article as scanned: its text, publication date and the claims found in it."""

    text: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    claims: list[Claim] = field(default_factory=list)
    source_format: str = "text"
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["claims"] = [c.to_dict() for c in self.claims]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            text=data["text"],
            published=data.get("published"),
            title=data.get("title"),
            url=data.get("url"),
            claims=[Claim.from_dict(c) for c in data.get("claims", [])],
            source_format=data.get("source_format", "text"),
            warnings=list(data.get("warnings", [])),
        )


REVIEW_STATUSES = ("unreviewed", "in_progress", "done", "skipped")


@dataclass
class VerdictLabel:
    """One step of a verdict scale: its key, what people read, a colour and what it means.

    ``value`` places the label on the scale for ClaimReview ratings and partial credit (higher is
    truer); None keeps a label such as "unverifiable" off the scale.
    """

    key: str
    label: str
    colour: str
    description: str
    value: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VerdictLabel:
        return cls(
            key=str(data["key"]),
            label=str(data.get("label") or data["key"]),
            colour=str(data.get("colour", "#777777")),
            description=str(data.get("description", "")),
            value=data.get("value"),
        )


@dataclass
class VerdictScale:
    """The verdicts reviewers choose from, in the order the panel shows them (keys 1, 2, ...)."""

    labels: list[VerdictLabel]

    def __post_init__(self) -> None:
        keys = [label.key for label in self.labels]
        if not keys:
            raise ValueError("a verdict scale needs at least one label")
        if len(set(keys)) != len(keys):
            raise ValueError(f"a verdict scale has a label twice: {keys}")

    @property
    def keys(self) -> list[str]:
        return [label.key for label in self.labels]

    def get(self, key: str) -> VerdictLabel | None:
        return next((label for label in self.labels if label.key == key), None)

    @property
    def best(self) -> int:
        return max((lab.value for lab in self.labels if lab.value is not None), default=1)

    @property
    def worst(self) -> int:
        return min((lab.value for lab in self.labels if lab.value is not None), default=1)

    def to_dict(self) -> dict[str, Any]:
        return {"labels": [label.to_dict() for label in self.labels]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VerdictScale:
        return cls(labels=[VerdictLabel.from_dict(item) for item in data["labels"]])


# Okabe-Ito colours, which stay apart for the common kinds of colour blindness; the panel and the
# reports always print the label beside the colour as well.
DEFAULT_SCALE = VerdictScale(
    [
        VerdictLabel("true", "True", "#009E73", "Accurate: the record supports it in full.", 5),
        VerdictLabel(
            "mostly_true",
            "Mostly true",
            "#56B4E9",
            "Accurate in substance, but a detail (a date, a count, a name) is off or missing.",
            4,
        ),
        VerdictLabel(
            "misleading",
            "Misleading",
            "#E69F00",
            "Partly accurate, but cut or framed so that it leaves a wrong impression.",
            2,
        ),
        VerdictLabel("false", "False", "#D55E00", "The record contradicts it.", 1),
        VerdictLabel(
            "unverifiable",
            "Unverifiable",
            "#999999",
            "The record at hand can neither confirm nor refute it.",
            None,
        ),
    ]
)


@dataclass
class Verdict:
    """A reviewer's decision on one claim, kept apart from the review status."""

    claim_id: int
    label: str | None
    rationale: str = ""
    reviewer: str = ""
    status: str = "done"
    updated_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Verdict:
        return cls(
            claim_id=int(data["claim_id"]),
            label=data.get("label"),
            rationale=data.get("rationale", ""),
            reviewer=data.get("reviewer", ""),
            status=data.get("status", "done"),
            updated_at=data.get("updated_at", ""),
        )
