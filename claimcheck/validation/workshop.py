"""Workshop files: exercise packs and their specs, sealed answer keys, trainees' submissions."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from ..model import REVIEW_STATUSES
from .core import (
    IsoDay,
    Lenient,
    LenientUrl,
    LongText,
    Name,
    Offset,
    OptionalUrl,
    Text,
    Timestamp,
)
from .exports import EvidenceIn, ScaleIn

PACK_FORMAT = "claimcheck-exercise-pack"
SUBMISSION_FORMAT = "claimcheck-submission"
ShortText = Annotated[str, Field(max_length=300)]
_Empty = BeforeValidator(lambda v: "" if v is None else v)


def _unique_ids(items: list[Any], what: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"two {what} have the id {item.id[:40]!r}: give each its own")
        seen.add(item.id)


class PackArticleIn(Lenient):
    key: Name
    text: Annotated[LongText, Field(min_length=1)]
    title: Annotated[Text, _Empty] = ""
    published: IsoDay | None = None
    url: LenientUrl = None  # not an http(s) address: dropped (the article is still usable)
    publisher: Text | None = None


class KeyEvidenceIn(EvidenceIn):
    """Evidence in an answer key. Its URL is kept exactly as written, not normalised: the key's
    digest ties every copy and submission to it, and must not change when a pack is read. It
    is only ever shown through the total ``safe_url`` encoder."""

    url: Annotated[str, Field(max_length=4000)] | None = None


class KeyClaimIn(Lenient):
    id: Name
    article: Name
    start: Offset
    end: Offset
    text: Text
    type: Name
    verdict: Name
    explanation: Annotated[Text, _Empty] = ""
    evidence: Annotated[list[KeyEvidenceIn], Field(max_length=100)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _span(self) -> KeyClaimIn:
        if self.end <= self.start:
            raise ValueError(f"key claim {self.id[:40]!r} ends before it starts")
        return self


KeyList = Annotated[list[KeyClaimIn], Field(max_length=10_000)]


class LockedKeyIn(Lenient):
    kdf: Literal["scrypt"]
    cipher: Literal["fernet"]
    salt: Annotated[str, Field(max_length=100)]
    token: Annotated[str, Field(max_length=50_000_000)]

    @field_validator("salt")
    @classmethod
    def _salt(cls, value: str) -> str:
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("the salt is not base64") from None
        if not 8 <= len(raw) <= 64:
            raise ValueError("the salt has the wrong length")
        return value


class ExercisePackIn(Lenient):
    format: Literal[PACK_FORMAT]  # type: ignore[valid-type]
    version: Annotated[int, Field(ge=0, le=1000)] = 1
    id: Name
    title: Text
    description: Annotated[Text, _Empty] = ""
    instructor: Annotated[ShortText, _Empty] = ""
    created_at: Annotated[ShortText, _Empty] = ""
    scale: ScaleIn
    key_digest: Annotated[ShortText, _Empty] = ""
    articles: Annotated[list[PackArticleIn], Field(min_length=1, max_length=1000)]
    key: KeyList | None = None
    locked_key: LockedKeyIn | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ExercisePackIn:
        keys = [a.key for a in self.articles]
        if len(set(keys)) != len(keys):
            raise ValueError("two articles of the pack have the same key: give each its own")
        if self.key is not None:
            _unique_ids(self.key, "key claims")
        return self


class SpecEvidenceIn(Lenient):
    title: Text | None = None
    url: OptionalUrl = None
    publisher: Text | None = None
    date: ShortText | None = None
    note: Text | None = None
    snippet: Text | None = None


class SpecArticleIn(Lenient):
    key: Name | None = None
    file: Annotated[str, Field(min_length=1, max_length=1000)] | None = None
    text: LongText | None = None
    title: Annotated[Text, _Empty] = ""
    published: IsoDay | None = None
    url: OptionalUrl = None
    publisher: Text | None = None

    @model_validator(mode="after")
    def _one_text(self) -> SpecArticleIn:
        if (self.file is None) == (self.text is None):
            raise ValueError("give each article either a file or its text")
        return self


class SpecKeyIn(Lenient):
    article: Name
    text: Name
    type: Name
    verdict: Name
    id: Name | None = None
    occurrence: Annotated[int, Field(ge=1, le=1000)] = 1
    explanation: Annotated[Text, _Empty] = ""
    evidence: Annotated[list[SpecEvidenceIn], Field(max_length=100)] = Field(default_factory=list)


class SpecIn(Lenient):
    title: Name
    articles: Annotated[list[SpecArticleIn], Field(min_length=1, max_length=1000)]
    key: Annotated[list[SpecKeyIn], Field(min_length=1, max_length=10_000)]
    scale: ScaleIn | None = None
    description: Annotated[Text, _Empty] = ""
    instructor: Annotated[ShortText, _Empty] = ""
    id: Name | None = None
    created_at: ShortText | None = None

    @model_validator(mode="after")
    def _unique(self) -> SpecIn:
        ids = [k.id for k in self.key if k.id is not None]
        if len(set(ids)) != len(ids):
            raise ValueError("two key claims have the same id: give each its own")
        return self


class AnswerIn(Lenient):
    """One answer of a trainee: a claim (kept or added) and the verdict given, from the scale."""

    article: Name
    start: Offset
    end: Offset
    text: Annotated[Text, _Empty] = ""
    type: Annotated[ShortText, _Empty] = ""
    origin: Literal["detected", "manual"] = "detected"
    verdict: Name | None = None
    rationale: Annotated[Text, _Empty] = ""
    status: Literal[REVIEW_STATUSES] = "done"  # type: ignore[valid-type]

    @field_validator("verdict")
    @classmethod
    def _on_the_scale(cls, value: str | None, info: ValidationInfo) -> str | None:
        scale = (info.context or {}).get("scale")
        if value is not None and scale is not None and value not in scale:
            raise ValueError(f"verdict {value[:30]!r} is not on the pack's scale")
        return value

    @model_validator(mode="after")
    def _span(self) -> AnswerIn:
        if self.end < self.start:
            raise ValueError("an answer ends before it starts")
        return self


class SubmissionIn(Lenient):
    format: Literal[SUBMISSION_FORMAT]  # type: ignore[valid-type]
    version: Annotated[int, Field(ge=0, le=1000)] = 1
    pack_id: Name
    key_digest: ShortText
    trainee: Annotated[str, Field(min_length=1, max_length=300), BeforeValidator(
        lambda v: v.strip() if isinstance(v, str) else v)]  # fmt: skip
    submitted_at: Timestamp | None = None
    answers: Annotated[list[AnswerIn], Field(max_length=10_000)] = Field(default_factory=list)


__all__ = [
    "PACK_FORMAT",
    "SUBMISSION_FORMAT",
    "AnswerIn",
    "ExercisePackIn",
    "KeyClaimIn",
    "KeyList",
    "LockedKeyIn",
    "PackArticleIn",
    "SpecIn",
    "SubmissionIn",
]
