"""The article view: the article with its claims highlighted, as a small anywidget.

Plain ipywidgets cannot report a click on a word or a text selection, so this one piece has a
front-end module (``static/article.js``). It receives the text and the claim spans, sets
``selected`` when a highlight is clicked and ``selection`` when words are selected, and sends the
panel's keyboard shortcuts as messages.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

_STATIC = Path(__file__).parent / "static"


class ArticleView(anywidget.AnyWidget):
    _esm = _STATIC / "article.js"
    _css = _STATIC / "article.css"

    text = traitlets.Unicode("").tag(sync=True)
    # Each span: id, start, end (code points), type, colour, title.
    spans = traitlets.List(traitlets.Dict()).tag(sync=True)
    # Claim id (as text) -> [badge text, colour], for the reviewed claims; changes without
    # redrawing the article.
    badges = traitlets.Dict({}).tag(sync=True)
    selected = traitlets.Int(None, allow_none=True).tag(sync=True)
    # The last text selection in the article: {"start": int, "end": int}, for adding a claim.
    selection = traitlets.Dict({}).tag(sync=True)
    digit_keys = traitlets.Int(5).tag(sync=True)
    scroll = traitlets.Bool(True).tag(sync=True)
