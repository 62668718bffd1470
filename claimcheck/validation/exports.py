"""Store exports (``claimcheck report --format json``) and the settings a store keeps.

An export is checked whole before anything is written: every field's type and range, ids that
are unique, claims that lie inside their article, verdicts from the export's scale, and a
history whose every row refers only to articles, claims and evidence of the export (a crafted
row could otherwise make a later ``undo()`` change something else in the store).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_serializer, model_validator

from ..model import REVIEW_STATUSES
from .core import (
    Count,
    IsoDay,
    Lenient,
    LenientUrl,
    LongText,
    Name,
    Number,
    Offset,
    OptionalUrl,
    RowId,
    Score,
    Text,
    Timestamp,
    timestamp,
)

_HEX = re.compile(r"^#[0-9a-fA-F]{3,8}$")
ShortText = Annotated[str, Field(max_length=300)]


class LabelIn(Lenient):
    key: Name
    label: Text = ""
    colour: Annotated[str, BeforeValidator(lambda v: v if isinstance(v, str) and _HEX.match(v)
                                           else "#777777")] = "#777777"  # fmt: skip
    description: Text = ""
    value: Annotated[int, Field(ge=-1000, le=1000)] | None = None


class ScaleIn(Lenient):
    labels: Annotated[list[LabelIn], Field(min_length=1, max_length=50)]

    @model_validator(mode="after")
    def _unique(self) -> ScaleIn:
        keys = [label.key for label in self.labels]
        if len(set(keys)) != len(keys):
            raise ValueError("a verdict scale has a label twice")
        return self


class DateValueIn(Lenient):
    text: Text = ""
    start: IsoDay | None = None
    end: IsoDay | None = None
    precision: Name | None = None


class SlotsIn(Lenient):
    actor: Text | None = None
    target: Text | None = None
    count: Count | None = None
    count_text: Text | None = None
    count_qualifier: Text | None = None
    round: Count | None = None
    round_text: Text | None = None
    treaty: Text | None = None
    status: Text | None = None
    place: Text | None = None
    attribution: Text | None = None
    date: DateValueIn | None = None
    metric: Text | None = None
    value: Number | None = None
    unit: Text | None = None
    period: DateValueIn | None = None
    change: Text | None = None
    previous: Number | None = None
    subject: Text | None = None
    superlative: Text | None = None
    scope: Text | None = None
    stance: Text | None = None
    about: Text | None = None


class SignalIn(Lenient):
    kind: Name
    verdict: Name
    detail: Text = ""
    delta: Number | None = None


class ReviewRefIn(Lenient):
    """The earlier review a match with a reviewed claim refers to."""

    label: Name
    label_text: Text = ""
    reviewer: ShortText = ""
    reviewed_at: Timestamp
    rationale: Text = ""
    claim_text: Text = ""
    article_id: RowId | None = None
    claim_id: RowId | None = None
    article_title: Text | None = None
    article_url: LenientUrl = None
    published: IsoDay | None = None
    store: ShortText | None = None


class EvidenceIn(Lenient):
    """A piece of evidence; a URL that is not a valid http(s) address is dropped, the rest kept."""

    source: Name
    title: Text = ""
    url: LenientUrl = None
    publisher: Text | None = None
    date: ShortText | None = None
    snippet: Text = ""
    review: ReviewRefIn | None = None
    score: Score = 0.0
    signals: Annotated[list[SignalIn], Field(max_length=100)] = Field(default_factory=list)
    record_id: Text | None = None
    fetched: Annotated[
        str | None, BeforeValidator(lambda v: None if v in (None, "") else timestamp(v))
    ] = None

    @model_serializer(mode="wrap")
    def _fetched_only_when_known(self, handler: Any) -> Any:
        data = handler(self)
        if isinstance(data, dict) and data.get("fetched") is None:
            data.pop("fetched", None)  # as Evidence.to_dict writes it: only for online evidence
        return data


class SuggestionIn(Lenient):
    verdict: Name
    reason: Text = ""


class ReviewIn(Lenient):
    reviewer: ShortText = ""
    status: Literal[REVIEW_STATUSES]  # type: ignore[valid-type]
    label: Name | None = None
    rationale: Text = ""
    updated_at: Timestamp


class EvidenceRowIn(Lenient):
    id: RowId
    rank: Offset
    origin: Literal["linked", "manual"]
    data: EvidenceIn
    removed: bool = False
    created_at: Timestamp
    created_by: ShortText = ""


class ClaimRowIn(Lenient):
    id: RowId
    key: ShortText = ""
    origin: Literal["detected", "manual"]
    type: Name
    start: Offset
    end: Offset
    text: Text
    sentence: Text = ""
    score: Score = 0.0
    cues: Annotated[list[Name], Field(max_length=100)] = Field(default_factory=list)
    slots: SlotsIn
    detected_slots: SlotsIn | None = None
    suggestion: SuggestionIn | None = None
    rejected: bool = False
    reject_reason: Text = ""
    removed: bool = False
    created_at: Timestamp
    created_by: ShortText = ""
    evidence: Annotated[list[EvidenceRowIn], Field(max_length=1000)] = Field(default_factory=list)
    reviews: Annotated[list[ReviewIn], Field(max_length=10_000)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _span(self) -> ClaimRowIn:
        if self.end <= self.start:
            raise ValueError(f"claim {self.id} ends before it starts")
        return self


class ArticleIn(Lenient):
    id: RowId
    text: Annotated[LongText, Field(min_length=1)]
    published: IsoDay | None = None
    title: Text | None = None
    url: LenientUrl = None
    source_format: Literal["text", "html"] = "text"
    warnings: Annotated[list[Text], Field(max_length=1000)] = Field(default_factory=list)
    created_at: Timestamp
    created_by: ShortText = ""
    claims: Annotated[list[ClaimRowIn], Field(max_length=100_000)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _claims_inside(self) -> ArticleIn:
        for claim in self.claims:
            if claim.end > len(self.text):
                raise ValueError(f"claim {claim.id} lies beyond the end of article {self.id}")
        return self


class ReviewValueIn(Lenient):
    status: Literal[REVIEW_STATUSES]  # type: ignore[valid-type]
    label: Name | None = None
    rationale: Text = ""


_EVIDENCE_FIELD = re.compile(r"^evidence:(\d{1,18})$")


class ChangeIn(Lenient):
    """One history row, with old and new values of the shape its field has."""

    id: RowId
    at: Timestamp
    reviewer: ShortText = ""
    action: Name
    article_id: RowId | None = None
    claim_id: RowId | None = None
    field: Name
    old: Any = None
    new: Any = None
    undoes: RowId | None = None
    undone_by: RowId | None = None

    @model_validator(mode="after")
    def _values(self) -> ChangeIn:
        from .core import check

        field = self.field
        if field == "review":
            shape: Any = ReviewValueIn | None
        elif field == "slots":
            shape = SlotsIn
        elif field == "rejected":
            shape = RejectedIn
        elif field == "removed" or _EVIDENCE_FIELD.match(field):
            shape = bool
        elif field in ("article", "articles", "scale") or field.startswith("setting."):
            return self  # recorded for people to read; never undone
        else:
            raise ValueError(f"history row {self.id} changes an unknown field {field[:40]!r}")
        for value in (self.old, self.new):
            check(shape, value, f"history row {self.id}", ValueError)
        return self


class RejectedIn(Lenient):
    rejected: bool
    reason: Text = ""


class SettingsIn(Lenient):
    """The settings a store keeps; URLs must be http(s) addresses."""

    organisation: Text | None = None
    organisation_url: OptionalUrl = None
    base_url: OptionalUrl = None
    submitted_at: Timestamp | None = None
    revealed_at: Timestamp | None = None
    require_rationale: Text | None = None  # verdict keys, comma-separated


class ExportIn(Lenient):
    format: Literal["claimcheck-store"]
    schema_: Annotated[int, Field(ge=1, alias="schema")]
    scale: ScaleIn
    settings: SettingsIn = Field(default_factory=SettingsIn)
    articles: Annotated[list[ArticleIn], Field(max_length=100_000)]
    history: Annotated[list[ChangeIn], Field(max_length=10_000_000)] = Field(default_factory=list)
    exported_at: Text | None = None

    @field_validator("format", mode="wrap")
    @classmethod
    def _format(cls, value: Any, handler: Any) -> Any:
        try:
            return handler(value)
        except ValueError:
            raise ValueError(
                "not a claimcheck JSON export: write one with `claimcheck report --format json`"
            ) from None

    @model_validator(mode="after")
    def _consistent(self) -> ExportIn:
        labels = {label.key for label in self.scale.labels}
        articles: dict[int, ArticleIn] = {}
        claim_article: dict[int, int] = {}
        evidence_claim: dict[int, int] = {}
        for article in self.articles:
            if article.id in articles:
                raise ValueError(f"article {article.id} appears twice")
            articles[article.id] = article
            for claim in article.claims:
                if claim.id in claim_article:
                    raise ValueError(f"claim {claim.id} appears twice")
                claim_article[claim.id] = article.id
                for item in claim.evidence:
                    if item.id in evidence_claim:
                        raise ValueError(f"evidence {item.id} appears twice")
                    evidence_claim[item.id] = claim.id
                reviewers = [r.reviewer for r in claim.reviews]
                if len(set(reviewers)) != len(reviewers):
                    raise ValueError(f"claim {claim.id} has two reviews by one reviewer")
                unknown = {r.label for r in claim.reviews if r.label and r.label not in labels}
                if unknown:
                    raise ValueError(
                        f"claim {claim.id} has verdicts the export's scale lacks: "
                        f"{', '.join(sorted(unknown))}"
                    )
        ids = {change.id for change in self.history}
        if len(ids) != len(self.history):
            raise ValueError("a history row appears twice")
        for change in self.history:
            where = f"history row {change.id}"
            if change.article_id is not None and change.article_id not in articles:
                raise ValueError(f"{where} refers to article {change.article_id}, not exported")
            if (
                change.claim_id is not None
                and claim_article.get(change.claim_id) != change.article_id
            ):
                raise ValueError(f"{where} refers to claim {change.claim_id}, not in its article")
            evidence = _EVIDENCE_FIELD.match(change.field)
            if evidence and evidence_claim.get(int(evidence.group(1))) != change.claim_id:
                raise ValueError(f"{where} refers to evidence that is not its claim's")
            for link in (change.undoes, change.undone_by):
                if link is not None and link not in ids:
                    raise ValueError(f"{where} refers to history row {link}, not exported")
        return self


__all__ = ["ExportIn", "ScaleIn", "SettingsIn", "SlotsIn"]
