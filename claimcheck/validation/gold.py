"""Gold labels for ``claimcheck eval``: one article per JSONL line, with its claims."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field, model_validator

from .core import IsoDay, LongText, Name, Offset, Strict, Text


class GoldClaimIn(Strict):
    model_config = ConfigDict(strict=True, extra="allow", hide_input_in_errors=True)

    type: Name
    start: Offset
    end: Offset
    text: Text | None = None


class GoldArticleIn(Strict):
    model_config = ConfigDict(strict=True, extra="allow", hide_input_in_errors=True)

    id: Annotated[str, Field(max_length=300)] | int | None = None
    text: LongText | None = None
    file: Annotated[str, Field(min_length=1, max_length=1000)] | None = None
    published: IsoDay | None = None
    claims: Annotated[list[GoldClaimIn], Field(max_length=100_000)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _text(self) -> GoldArticleIn:
        if self.text is None and self.file is None:
            raise ValueError("needs 'text' or 'file'")
        return self


def gold_row(row: Any, where: str, error: type) -> GoldArticleIn:
    from .core import check

    return check(GoldArticleIn, row, where, error)
