"""The claim list and its filters: one wrapped row per claim with its verdict chip in words.

A small anywidget (``static/claim_list.js``): a ``<select>`` cannot wrap text or colour a chip,
and it takes the panel's keys for itself. ``selected`` is set when a row is clicked; the
"Show all claims" button of the empty state sends ``clear_filters``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as w
import traitlets

from ..htmlsafe import colour
from ..model import REVIEW_STATUSES, Verdict, VerdictScale
from ..palette import type_style
from ..store import StoredClaim
from .render import STATUS_TEXT, TRAINEE_STATUS_TEXT, event_status, type_label

ALL = "all"


class ClaimList(anywidget.AnyWidget):
    _esm = Path(__file__).parent / "static" / "claim_list.js"

    # Each item: id, n, text, type_label, colour, line, chip (words), chip_colour, event.
    items = traitlets.List(traitlets.Dict()).tag(sync=True)
    selected = traitlets.Int(None, allow_none=True).tag(sync=True)
    empty = traitlets.Unicode("").tag(sync=True)


def list_items(
    claims: list[StoredClaim],
    numbers: Mapping[int, int],
    reviews: Mapping[int, Verdict],
    scale: VerdictScale,
    types: Mapping[str, Any],
    trainee: bool = False,
) -> list[dict[str, Any]]:
    words = TRAINEE_STATUS_TEXT if trainee else STATUS_TEXT
    items = []
    for claim in claims:
        review = reviews.get(claim.id)
        label = scale.get(review.label) if review and review.label else None
        status = review.status if review else "unreviewed"
        style = type_style(claim.type, types)
        items.append(
            {
                "id": claim.id,
                "n": numbers.get(claim.id, 0),
                "text": claim.text,
                "type_label": type_label(claim.type),
                "colour": style.colour,
                "line": style.line,
                "chip": label.label if label else words.get(status, status),
                "chip_colour": colour(label.colour) if label else "",
                "event": f"event: {event_status(claim.slots.status)}" if claim.slots.status else "",
            }
        )
    return items


def filtered(
    claims: list[StoredClaim], reviews: Mapping[int, Verdict], filters: Mapping[str, str]
) -> list[StoredClaim]:
    """The claims that pass the filters; status "rejected" shows only rejected detections."""
    wanted_type, wanted_status, wanted_verdict = (
        filters.get("type", ALL),
        filters.get("status", ALL),
        filters.get("verdict", ALL),
    )
    out = []
    for claim in claims:
        if claim.rejected != (wanted_status == "rejected"):
            continue
        review = reviews.get(claim.id)
        status = review.status if review else "unreviewed"
        label = review.label if review else None
        if wanted_type != ALL and claim.type != wanted_type:
            continue
        if wanted_status not in (ALL, "rejected") and status != wanted_status:
            continue
        if wanted_verdict == "none" and label is not None:
            continue
        if wanted_verdict not in (ALL, "none") and label != wanted_verdict:
            continue
        out.append(claim)
    return out


class Filters(w.HBox):
    """Type, status and verdict drop-downs; ``on_change(name, value)`` is called on a change."""

    def __init__(self, type_names: list[str], scale: VerdictScale, trainee: bool = False) -> None:
        words = TRAINEE_STATUS_TEXT if trainee else STATUS_TEXT
        self.type = w.Dropdown(
            options=[("all types", ALL)] + [(type_label(t), t) for t in type_names],
            description="Show",
        )
        self.type.style.description_width = "36px"
        statuses = [*REVIEW_STATUSES, "rejected"]
        self.status = w.Dropdown(
            options=[("any status", ALL)] + [(words.get(s, s), s) for s in statuses]
        )
        self.verdict = w.Dropdown(
            options=[("any verdict", ALL)]
            + [(lab.label, lab.key) for lab in scale.labels]
            + [("no verdict", "none")]
        )
        self.boxes = {"type": self.type, "status": self.status, "verdict": self.verdict}
        super().__init__(list(self.boxes.values()))
        self.add_class("cc-filters")
