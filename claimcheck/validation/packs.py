"""Reference packs: the records users add as JSONL or CSV (see :mod:`claimcheck.sources.pack`)."""

from __future__ import annotations

from collections.abc import Collection
from difflib import get_close_matches
from functools import lru_cache
from importlib import resources
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from ..model import RECORD_COUNT_QUALIFIERS, STATUSES, TREATY_STAGES
from .core import Count, Lenient, Name, OptionalUrl, PartialDate, Strict, Text, Url, partial_date

FIELDS = (
    "id", "type", "date", "end_date", "actors", "targets", "count", "count_qualifier",
    "count_parts", "count_unit", "round", "treaty", "place", "status", "stage", "summary", "sources",
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


def not_one_of(value: Any, known: Collection[str], what: str, prefix: str = "") -> str:
    """The message for a value outside ``known``: "'x' is not a source type (did you mean 'y'?);
    use one of ..." (``prefix`` names the field first: "type 'x' is not a claim type ...")."""
    return (
        f"{prefix}{str(value)[:30]!r} is not a {what}{did_you_mean(value, known)}; "
        f"use one of {', '.join(known)}"
    )


def _whole_number(value: Any) -> Any:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
        raise ValueError("must be a whole number or empty")
    return value


# What a source is. A checker quotes the primary and official ones; news and encyclopedia pages
# are context. An encyclopedia page is revised continually and has no publication date: it is
# the one type that may go without a date, and it never dates a record on its own.
SOURCE_TYPES = {
    "government": "a government's statement, press release, decree, note or letter",
    "sanctions_notice": "a sanctions authority's notice (Treasury/OFAC, EU Council, UK OFSI)",
    "official_journal": "an official journal or gazette (EU Official Journal, Federal Register)",
    "court_record": "an indictment, plea, judgment, court order or a court's press release",
    "electoral_commission": "official election results",
    "un_document": "a UN resolution, report, press release or depositary notification",
    "international_organisation": "a statement of NATO, the OSCE, the OPCW, the Council of "
    "Europe or another international organisation",
    "legislature": "a parliament's vote, bill or law as the parliament publishes it",
    "news": "a news report",
    "report": "a research, NGO or inquiry report",
    "encyclopedia": "an encyclopedia page",
}
PRIMARY_SOURCE_TYPES = (
    "government", "sanctions_notice", "official_journal", "court_record",
    "electoral_commission", "un_document", "international_organisation", "legislature",
)  # fmt: skip


@lru_cache(maxsize=1)
def event_types() -> tuple[str, ...]:
    """The claim types a record can have: those the detector has patterns for."""
    folder = resources.files("claimcheck.detection") / "patterns"
    names = (item.name for item in folder.iterdir())
    return tuple(sorted(n.removesuffix(".jsonl") for n in names if n.endswith(".jsonl")))


class PackSourceIn(Lenient):
    """Where a record's facts come from: what it is, who published it, when and where."""

    url: Url
    type: Annotated[str | None, Field(validate_default=True)] = None
    title: Text = ""
    publisher: Text | None = None
    date: Annotated[str | None, BeforeValidator(lambda v: None if v in (None, "") else v)] = None

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        return None if value is None else partial_date(value)

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, value: Any) -> Any:
        if value is None or value == "":
            raise ValueError(f"give the source's type: one of {', '.join(SOURCE_TYPES)}")
        if not isinstance(value, str) or value not in SOURCE_TYPES:
            raise ValueError(not_one_of(value, SOURCE_TYPES, "source type"))
        return value

    @model_validator(mode="after")
    def _dated(self) -> PackSourceIn:
        if self.date is None and self.type not in (None, "encyclopedia"):
            raise ValueError(
                "the source has no date: give the day (or month, or year) it was published, "
                "as YYYY-MM-DD, YYYY-MM or YYYY"
            )
        return self


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

    stage: str | None = None

    @field_validator("stage", mode="before")
    @classmethod
    def _stage(cls, value: Any) -> Any:
        if value is None or value == "":
            return None
        if not isinstance(value, str) or value not in TREATY_STAGES:
            raise ValueError(
                f"stage {str(value)[:30]!r} is not one of {', '.join(TREATY_STAGES)}"
                f"{did_you_mean(value, list(TREATY_STAGES))}"
            )
        return value

    @model_validator(mode="after")
    def _stage_fits(self) -> PackRecordIn:
        if self.stage is None:
            return self
        if not self.treaty:
            raise ValueError("stage without a treaty: a stage is a step in leaving a treaty")
        if TREATY_STAGES[self.stage] != self.status:
            raise ValueError(
                f"stage {self.stage} goes with status {TREATY_STAGES[self.stage]}, "
                f"not {self.status}"
            )
        return self

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

    @field_validator("type")
    @classmethod
    def _claim_type(cls, value: str) -> str:
        if value not in event_types():
            raise ValueError(not_one_of(value, event_types(), "claim type", prefix="type "))
        return value

    @model_validator(mode="after")
    def _a_dated_source(self) -> PackRecordIn:
        if self.sources and all(source.date is None for source in self.sources):
            raise ValueError(
                "sources: no dated source, only encyclopedia pages: add the document the facts "
                "come from (a statement, a notice, a court record) with its date"
            )
        return self

    @field_validator("count_qualifier", mode="before")
    @classmethod
    def _count_qualifier(cls, value: Any) -> Any:
        if value is None or value == "":
            return None
        if not isinstance(value, str) or value not in RECORD_COUNT_QUALIFIERS:
            raise ValueError(not_one_of(value, RECORD_COUNT_QUALIFIERS, "count qualifier"))
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


__all__ = [
    "FIELDS",
    "PRIMARY_SOURCE_TYPES",
    "REQUIRED",
    "SOURCE_TYPES",
    "OptionalUrl",
    "PackRecordIn",
    "PackSourceIn",
    "event_types",
]
