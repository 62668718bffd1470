"""Colours and line styles for claim types, apart from the verdict colours.

Two palettes that never share a colour: verdicts use the store's scale (Okabe-Ito by default,
always written out in words too); claim types use five other colours, each with three line
styles (solid, dashed, dotted), which gives fifteen entries. Fifteen colours alone cannot stay
apart for people with colour-vision deficiencies; five can (CIEDE2000 difference above 20
between any two, for normal vision and simulated protanopia, deuteranopia and tritanopia;
``tests/test_palette.py`` checks it), and the line style tells apart types of the same colour.

The palette is keyed by type name. A type it does not know (a user's own rule file) keeps the
colour of its rule file's ``meta.colour`` with a double line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .htmlsafe import colour

# Dark enough for a 3 px line on white (contrast 3:1 or more), and far from the verdict colours.
INDIGO, TEAL, BROWN, OLIVE, PINK = "#4B0092", "#01665E", "#7E5109", "#999933", "#D35FB7"
TYPE_COLOURS = (INDIGO, TEAL, BROWN, OLIVE, PINK)
LINE_STYLES = ("solid", "dashed", "dotted")
UNKNOWN_LINE = "double"


@dataclass(frozen=True)
class TypeStyle:
    """How a claim type is drawn: a colour and a line style (CSS ``text-decoration-style``)."""

    colour: str
    line: str

    def css(self) -> str:
        """CSS custom properties for ``style=""`` (the stylesheets read them)."""
        return f"--cc-colour:{self.colour};--cc-line:{self.line}"


# The most frequent types get solid lines in five different colours.
TYPE_STYLES: dict[str, TypeStyle] = {
    "attack": TypeStyle(PINK, "solid"),
    "expulsion": TypeStyle(TEAL, "solid"),
    "sanctions": TypeStyle(BROWN, "solid"),
    "policy": TypeStyle(INDIGO, "solid"),
    "treaty_withdrawal": TypeStyle(OLIVE, "solid"),
    "summit": TypeStyle(TEAL, "dashed"),
    "election": TypeStyle(INDIGO, "dashed"),
    "legal": TypeStyle(PINK, "dashed"),
    "military": TypeStyle(BROWN, "dashed"),
    "statistic": TypeStyle(OLIVE, "dashed"),
    "comparison": TypeStyle(TEAL, "dotted"),
    "quote": TypeStyle(PINK, "dotted"),
    "position": TypeStyle(INDIGO, "dotted"),
}
# Two entries are free for the next types: BROWN and OLIVE dotted.


def type_style(name: str, types: Mapping[str, Any] | None = None) -> TypeStyle:
    """The palette's style for a claim type, else its rule file's colour with a double line."""
    style = TYPE_STYLES.get(name)
    if style is not None:
        return style
    info = (types or {}).get(name)
    return TypeStyle(colour(getattr(info, "colour", None)), UNKNOWN_LINE)
