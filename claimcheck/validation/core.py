"""The pieces every schema shares: checked text, URLs, dates and numbers, and how a failed check
becomes one message a user can act on.

Built on pydantic v2 (already installed with spaCy, which depends on it): typed models that check
each field's type and range in one pass, in Rust, with the location of every problem.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timezone
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    TypeAdapter,
    ValidationError,
)

from ..errors import ClaimcheckError, DataError

# The years claimcheck resolves dates in; a date outside them is refused where it enters.
MIN_YEAR, MAX_YEAR = 1000, 2999
MAX_TEXT = 5_000_000  # an article, in characters
MAX_LINE = 20_000  # a title, a rationale, a note
MAX_NAME = 300  # an id, a name, a label
MAX_ITEMS = 100_000  # records in a list
MAX_NUMBER = 10**9  # counts, rounds
MAX_OFFSET = 10**8  # character offsets

M = TypeVar("M")


class Strict(BaseModel):
    """A record read from a file someone else wrote: exact JSON types (no "5" for 5, no true for
    1), unknown fields refused, the input never repeated in messages."""

    model_config = ConfigDict(strict=True, extra="forbid", hide_input_in_errors=True)


class Lenient(Strict):
    """As :class:`Strict`, but fields this version does not know are ignored (newer files)."""

    model_config = ConfigDict(strict=True, extra="ignore", hide_input_in_errors=True)


# -- text ----------------------------------------------------------------------------------------


def repair_text(value: str) -> str:
    """Lone surrogates (half a character, from a broken JSON escape or a bad decode) become
    U+FFFD where they are; valid pairs become the character they encode; nothing else changes."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


Text = Annotated[str, Field(max_length=MAX_LINE), AfterValidator(repair_text)]
LongText = Annotated[str, Field(max_length=MAX_TEXT), AfterValidator(repair_text)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME), AfterValidator(repair_text)]
Count = Annotated[int, Field(ge=0, le=MAX_NUMBER)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
RowId = Annotated[int, Field(ge=1, le=2**62)]
# A number as it was written: an int stays an int (a lossless round trip), no NaN or infinity.
Number = (
    Annotated[int, Field(ge=-(10**12), le=10**12)]
    | Annotated[float, Field(ge=-1e12, le=1e12, allow_inf_nan=False)]
)
Score = Number


# -- URLs ----------------------------------------------------------------------------------------

_URL_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\\\\]")


def http_url(value: object) -> str:
    """An absolute http(s) URL with a valid host, normalised once (scheme and host in lower case,
    IDNA host, no user:password@, percent-encoded where needed); ValueError otherwise."""
    if not isinstance(value, str):
        raise ValueError("a URL must be text")
    text = value.strip()
    if not re.match(r"(?i)https?://", text):
        raise ValueError("must be http(s): give a URL that starts with https://")
    if len(text) > 4000 or _URL_CHARS.search(text) or repair_text(text) != text:
        raise ValueError("not a valid URL (spaces, control characters or too long)")
    try:
        url = _URL_ADAPTER.validate_python(text)
    except ValidationError:
        raise ValueError("not a valid URL: check the host name and the brackets") from None
    if not url.host:
        raise ValueError("not a valid URL: it has no host")
    if url.username or url.password:
        raise ValueError("a URL with user:password@ is not accepted: leave the credentials out")
    return str(url)


def http_url_or_none(value: object) -> str | None:
    """:func:`http_url`, or None for anything that is not a valid http(s) URL (for URLs from
    online sources and old stores: kept when valid, dropped otherwise)."""
    try:
        return http_url(value)
    except ValueError:
        return None


def _optional_url(value: object) -> str | None:
    return None if value in (None, "") else http_url(value)


_URL_ADAPTER = TypeAdapter(HttpUrl)
Url = Annotated[str, BeforeValidator(http_url)]
OptionalUrl = Annotated[str | None, BeforeValidator(_optional_url)]
LenientUrl = Annotated[str | None, BeforeValidator(http_url_or_none)]


# -- dates ---------------------------------------------------------------------------------------

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _in_range(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"the year {year} is outside {MIN_YEAR}-{MAX_YEAR}")


def partial_date(value: object) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD (the form is the precision), a real date in range."""
    if not isinstance(value, str) or not _PARTIAL_DATE.match(value):
        raise ValueError(f"{str(value)[:20]!r} must be YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = _PARTIAL_DATE.match(value).groups()
    _in_range(int(year))
    if month and not 1 <= int(month) <= 12:
        raise ValueError(f"{value!r} is not a real date")
    if day and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
        raise ValueError(f"{value!r} is not a real date")
    return value


def iso_day(value: object) -> str:
    """A YYYY-MM-DD date in range."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"{str(value)[:20]!r} must be a date written YYYY-MM-DD")
    return partial_date(value)


def timestamp(value: object) -> str:
    """An ISO 8601 date and time; one without a zone is taken as UTC. Returned in UTC, so that
    two timestamps compare as text in the order of time."""
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("a time must be ISO 8601 text, e.g. 2018-03-26T14:05:00+00:00")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(
            f"{value[:40]!r} is not an ISO 8601 time, e.g. 2018-03-26T14:05:00+00:00"
        ) from None
    _in_range(moment.year)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat(timespec="microseconds")


PartialDate = Annotated[str, BeforeValidator(partial_date)]
IsoDay = Annotated[str, BeforeValidator(iso_day)]
Timestamp = Annotated[str, BeforeValidator(timestamp)]


def publication_date(value: str | date | None, what: str = "--published") -> date | None:
    """A publication date as a user or a page gives it: YYYY-MM-DD in range, else DataError."""
    if value is None or isinstance(value, date):
        if isinstance(value, date):
            _check_year(value.year, what)
        return value
    text = str(value).strip()
    try:
        day = date.fromisoformat(
            iso_day(text[:10] if len(text) > 10 and text[10] in "T " else text)
        )
    except ValueError as exc:
        raise DataError(f"bad {what} date: {exc}") from None
    return day


def _check_year(year: int, what: str) -> None:
    try:
        _in_range(year)
    except ValueError as exc:
        raise DataError(f"bad {what} date: {exc}") from None


# -- checking ------------------------------------------------------------------------------------


def _location(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _problem(error: Any) -> str:
    message = str(error.get("msg", "invalid"))
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    where = _location(error.get("loc", ()))
    return f"{where}: {message}" if where else message


def describe_each(exc: ValidationError) -> list[str]:
    """Every problem of a failed check, each as "where: what"."""
    return [_problem(error) for error in exc.errors(include_url=False, include_input=False)]


def describe(exc: ValidationError) -> str:
    """The first problem of a failed check as "where: what", with how many more there are."""
    errors = exc.errors(include_url=False, include_input=False)
    text = _problem(errors[0])
    if len(errors) > 1:
        text += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return text


_ADAPTERS: dict[Any, TypeAdapter] = {}


def _adapter(schema: Any) -> TypeAdapter:
    adapter = _ADAPTERS.get(schema)
    if adapter is None:
        adapter = _ADAPTERS[schema] = TypeAdapter(schema)
    return adapter


def check_each(schema: type[M] | Any, data: Any) -> tuple[M | None, list[str]]:
    """``data`` checked against ``schema``: the value, or None and every problem found."""
    try:
        return _adapter(schema).validate_python(data), []
    except ValidationError as exc:
        return None, describe_each(exc)
    except RecursionError:
        return None, ["nested too deeply"]


def check(
    schema: type[M] | Any,
    data: Any,
    where: str,
    error: type[ClaimcheckError] = DataError,
    context: dict[str, Any] | None = None,
) -> M:
    """``data`` checked against ``schema`` (a model or a type); ``error`` names ``where``."""
    try:
        return _adapter(schema).validate_python(data, context=context)
    except ValidationError as exc:
        raise error(f"{where}: {describe(exc)}") from None
    except RecursionError:
        raise error(f"{where}: nested too deeply") from None
