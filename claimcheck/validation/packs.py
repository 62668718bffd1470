"""Reference packs: the records users add as JSONL or CSV (see :mod:`claimcheck.sources.pack`)."""

from __future__ import annotations

from difflib import get_close_matches
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from ..model import RECORD_COUNT_QUALIFIERS, STATUSES
from .core import Count, Lenient, Name, OptionalUrl, PartialDate, Strict, Text, Url, partial_date

FIELDS = (
    "id", "type", "date", "end_date", "actors", "targets", "count", "count_qualifier",
    "count_parts", "count_unit", "round", "treaty", "place", "status", "summary", "sources",
)  # fmt: skip
REQUIRED = ("id", "type", "date", "summary", "sources")


def did_you_mean(value: Any, known: tuple[str, ...] | list[str]) -> str:
    """ " (did you mean 'x'?)" for a near miss among ``known``, else ""."""
    if not isinstance(value, str):
        return ""
    close = get_close_matches(value.strip().lower(), [k.lower() for k in known], n=1, cutoff=0.6)
    if not close:
        return ""
    match = next(k for k in known if k.lower() == close[0])
    return f" (did you mean {match!r}?)"


def _whole_number(value: Any) -> Any:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError("must be a whole number or empty")
    return value


class PackSourceIn(Lenient):
    """Where a record's facts come from."""

    url: Url
    title: Text = ""
    publisher: Text | None = None
    date: Annotated[str | None, BeforeValidator(lambda v: None if v in (None, "") else v)] = None

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return None if value is None else partial_date(value)


class PackRecordIn(Strict):
    """One event of a reference pack."""

    id: Name
    type: Name
    date: PartialDate
    summary: Annotated[str, Field(min_length=1, max_length=20_000)]
    sources: Annotated[list[PackSourceIn], Field(min_length=1, max_length=100)]
    end_date: PartialDate | None = None
    actors: Annotated[list[Name], Field(max_length=100)] = Field(default_factory=list)
    targets: Annotated[list[Name], Field(max_length=100)] = Field(default_factory=list)
    count: Annotated[Count | None, BeforeValidator(_whole_number)] = None
    count_qualifier: str | None = None
    count_parts: Annotated[
        list[Annotated[Count, BeforeValidator(_whole_number)]], Field(max_length=100)
    ] = Field(default_factory=list)
    count_unit: Name | None = None
    round: Annotated[Count | None, BeforeValidator(_whole_number)] = None
    treaty: Name | None = None
    place: Name | None = None
    status: Annotated[
        Literal[STATUSES], BeforeValidator(lambda v: v or "completed")  # type: ignore[valid-type]
    ] = "completed"

    @field_validator("status", mode="wrap")
    @classmethod
    def _status(cls, value: Any, handler: Any) -> Any:
        try:
            return handler(value)
        except ValueError:
            raise ValueError(
                f"status {str(value)[:30]!r} is not one of {', '.join(STATUSES)}"
                f"{did_you_mean(value, STATUSES)}"
            ) from None

    @field_validator("count_qualifier", mode="before")
    @classmethod
    def _count_qualifier(cls, value: Any) -> Any:
        if value in (None, ""):
            return None
        if value not in RECORD_COUNT_QUALIFIERS:
            raise ValueError(
                f"{str(value)[:30]!r} is not a count qualifier{did_you_mean(value, RECORD_COUNT_QUALIFIERS)}; "
                f"use one of {', '.join(RECORD_COUNT_QUALIFIERS)}"
            )
        return value

    @model_validator(mode="after")
    def _qualified_count(self) -> PackRecordIn:
        if (self.count_qualifier or self.count_parts) and self.count is None:
            raise ValueError(
                "count_qualifier or count_parts without a count: give the count they belong to"
            )
        return self

    @model_validator(mode="after")
    def _dates_in_order(self) -> PackRecordIn:
        from ..sources.pack import date_range

        if self.end_date and date_range(self.end_date)[1] < date_range(self.date)[0]:
            raise ValueError("end_date is before date")
        return self


__all__ = ["FIELDS", "REQUIRED", "OptionalUrl", "PackRecordIn", "PackSourceIn"]
