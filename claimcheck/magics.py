"""IPython magics: ``%load_ext claimcheck``, then ``%claimcheck review FILE`` or ``%%claimcheck``.

    %claimcheck review article.txt --published 2018-03-26 --store class.sqlite --reviewer ana

    %%claimcheck --published 2018-03-26 --title "Expulsions"
    Britain expelled 23 Russian diplomats on Wednesday ...

Both return the review panel (shown as the cell's output). Mistakes in the options are reported
in one line, as IPython does for its own magics.
"""

from __future__ import annotations

import argparse
import shlex
from typing import Any

from IPython.core.error import UsageError
from IPython.core.magic import Magics, line_cell_magic, magics_class

from .errors import ClaimcheckError
from .workbench import Workbench

USAGE = (
    "usage: %claimcheck review FILE [--published YYYY-MM-DD] [--title T] [--url U] "
    "[--store PATH] [--reviewer NAME], or a %%claimcheck cell with the article as its body"
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # never exit the kernel
        raise UsageError(f"{message}; {USAGE}")


def _parser(with_file: bool) -> _Parser:
    parser = _Parser(prog="%claimcheck", add_help=False)
    if with_file:
        parser.add_argument("command", choices=["review"])
        parser.add_argument("file")
    parser.add_argument("--published")
    parser.add_argument("--title")
    parser.add_argument("--url")
    parser.add_argument("--store")
    parser.add_argument("--reviewer")
    return parser


@magics_class
class ClaimcheckMagics(Magics):
    @line_cell_magic
    def claimcheck(self, line: str, cell: str | None = None) -> Any:
        try:
            words = shlex.split(line)
        except ValueError as exc:
            raise UsageError(f"cannot read the options ({exc}); {USAGE}") from None
        args = _parser(with_file=cell is None).parse_args(words)
        try:
            wb = Workbench(args.store, reviewer=args.reviewer)
            if cell is None:
                article = wb.add_file(
                    args.file, published=args.published, title=args.title, url=args.url
                )
            else:
                article = wb.add_article(
                    cell, published=args.published, title=args.title, url=args.url
                )
            return wb.review(article.id)
        except ClaimcheckError as exc:
            raise UsageError(str(exc)) from None


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magics(ClaimcheckMagics)
