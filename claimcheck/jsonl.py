"""Reading JSON and JSONL data files (rules, packs, exports) with errors that say what is wrong.

Everything that reads JSON a user or a stranger wrote goes through :func:`loads`, which keeps
the data within what the rest of claimcheck can handle: no NaN or Infinity, no number longer
than ``MAX_DIGITS`` digits, nothing nested deeper than ``MAX_DEPTH`` levels.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any

from .errors import ClaimcheckError
from .files import read_text

MAX_DIGITS = 30
MAX_DEPTH = 40


class _Refused(ValueError):
    """A value the JSON grammar allows but claimcheck does not take."""


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not a number claimcheck accepts")


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(f"a number with {len(text.lstrip('-'))} digits is too long")
    return int(text)


def _real(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or len(text) > 2 * MAX_DIGITS:
        raise _Refused(f"the number {text[:20]}… is out of range")
    return value


def _depth_ok(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return True


def loads(
    text: str, where: str, error: type[ClaimcheckError] = ClaimcheckError, hint: str = ""
) -> Any:
    """Parse JSON text; ``where`` (a file, maybe with its line) names it in the messages and
    ``hint`` says what to do."""
    try:
        return _loads(text, where, error)
    except ClaimcheckError as exc:
        if not hint:
            raise
        raise error(f"{exc}; {hint}") from None


def _loads(text: str, where: str, error: type[ClaimcheckError]) -> Any:
    try:
        value = json.loads(text, parse_constant=_constant, parse_int=_integer, parse_float=_real)
    except json.JSONDecodeError as exc:
        raise error(
            f"{where}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except _Refused as exc:
        raise error(f"{where}: {exc}") from None
    except RecursionError:
        raise error(f"{where}: nested too deeply (more than {MAX_DEPTH} levels)") from None
    if not _depth_ok(value):
        raise error(f"{where}: nested too deeply (more than {MAX_DEPTH} levels)")
    return value


def read_jsonl_objects(
    text: str, source: str, error: type[ClaimcheckError] = ClaimcheckError
) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; ``error`` names ``source`` and the line."""
    rows = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        row = loads(line, f"{source}:{lineno}", error)
        if not isinstance(row, dict):
            raise error(f"{source}:{lineno}: each line must be a JSON object")
        rows.append((lineno, row))
    return rows


def read_json_file(
    path: str | os.PathLike[str], what: str, error: type[ClaimcheckError] = ClaimcheckError
) -> Any:
    """The JSON value in a file; ``what`` names the kind of file in the messages."""
    return loads(read_text(path, what, error), str(path), error, hint=f"give {what}")
