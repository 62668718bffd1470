"""The article view: the article with its claims highlighted, as a small anywidget.

Plain ipywidgets cannot report a click on a word or a text selection, so this one piece has a
front-end module (``static/article.js``). It receives the text and the claim spans, sets
``selected`` when a highlight or a badge is clicked and ``selection`` when words are selected,
dims the claims outside the panel's filters, and sends the panel's keyboard shortcuts as
messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as w
import traitlets

from ..htmlsafe import colour
from ..model import Verdict, VerdictScale
from ..palette import type_style
from ..store import StoredClaim
from .render import type_label

_STATIC = Path(__file__).parent / "static"


class ArticleView(anywidget.AnyWidget):
    _esm = _STATIC / "article.js"
    _css = _STATIC / "article.css"

    text = traitlets.Unicode("").tag(sync=True)
    # Each span: id, n (its number in reading order), start, end (code points), type, colour,
    # line (CSS line style), title.
    spans = traitlets.List(traitlets.Dict()).tag(sync=True)
    # Claim id (as text) -> [badge text, colour], for the reviewed claims; changes without
    # redrawing the article.
    badges = traitlets.Dict({}).tag(sync=True)
    # Claims outside the filters: drawn grey.
    dimmed = traitlets.List(traitlets.Int()).tag(sync=True)
    selected = traitlets.Int(None, allow_none=True).tag(sync=True)
    # The last text selection in the article: {"start": int, "end": int}, for adding a claim.
    selection = traitlets.Dict({}).tag(sync=True)
    digit_keys = traitlets.Int(5).tag(sync=True)
    scroll = traitlets.Bool(True).tag(sync=True)


def spans_of(claims: list[StoredClaim], types: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The spans the view draws, numbered in reading order as the list and the card number them."""
    out = []
    for n, claim in enumerate(claims, start=1):
        style = type_style(claim.type, types)
        out.append(
            {
                "id": claim.id,
                "n": n,
                "start": claim.start,
                "end": claim.end,
                "type": claim.type,
                "colour": style.colour,
                "line": style.line,
                "title": f"{type_label(claim.type)}: {claim.text}",
            }
        )
    return out


def badges_of(
    claims: list[StoredClaim], reviews: Mapping[int, Verdict], scale: VerdictScale
) -> dict[str, list[str]]:
    """The verdict in words (or "skipped") to show after each reviewed claim, with its colour."""
    badges = {}
    for claim in claims:
        review = reviews.get(claim.id)
        label = scale.get(review.label) if review and review.label else None
        if label:
            badges[str(claim.id)] = [label.label, colour(label.colour)]
        elif review is not None and review.status == "skipped":
            badges[str(claim.id)] = ["skipped", "#999999"]
    return badges


class AddClaimBar(w.HBox):
    """Under the article: add a claim the detector missed, from selected or pasted words."""

    def __init__(self, type_names: list[str]) -> None:
        self.claim_type = w.Dropdown(
            options=[(type_label(t), t) for t in type_names],
            tooltip="the type of the claim to add",
            layout=w.Layout(width="130px"),
        )
        self.add_selection_button = w.Button(
            description="Add selected words",
            tooltip="select the claim's words in the article, then click here",
        )
        self.snippet = w.Text(placeholder="or paste its words", layout=w.Layout(width="130px"))
        self.add_snippet_button = w.Button(description="Add", tooltip="add the pasted words")
        self.message = w.HTML()
        super().__init__(
            [
                w.Label("Missed a claim?"),
                self.claim_type,
                self.add_selection_button,
                self.snippet,
                self.add_snippet_button,
                self.message,
            ]
        )
        self.add_class("cc-add")
