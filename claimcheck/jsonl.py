"""Reading JSONL data files (claim-type rules, reference packs) with errors that name the line."""

from __future__ import annotations

import json
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
