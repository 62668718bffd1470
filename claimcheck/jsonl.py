"""Reading JSON and JSONL data files (rules, packs, exports) with errors that say what is wrong."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .errors import ClaimcheckError


def read_jsonl_objects(
    text: str, source: str, error: type[ClaimcheckError] = ClaimcheckError
) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line; ``error`` names ``source`` and the line."""
    rows = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"{source}:{lineno}: not valid JSON ({exc.msg}); fix the line") from None
        if not isinstance(row, dict):
            raise error(f"{source}:{lineno}: each line must be a JSON object")
        rows.append((lineno, row))
    return rows


def read_json_file(
    path: str | os.PathLike[str], what: str, error: type[ClaimcheckError] = ClaimcheckError
) -> Any:
    """The JSON value in a file; ``what`` names the kind of file in the messages."""
    source = Path(path)
    if not source.is_file():
        raise error(f"{source}: no such file; give {what}")
    try:
        return json.loads(source.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error(f"{source} is not JSON ({exc}); give {what}") from None
