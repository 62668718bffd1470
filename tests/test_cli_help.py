"""The command's help: every option explained, and no heavy import before a command needs it."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from claimcheck.cli import SOURCE_NAMES, build_parser


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


def test_every_option_and_argument_has_a_help_line():
    missing = [
        f"{' '.join(path) or 'claimcheck'} {action.dest}"
        for path, parser in _parsers(build_parser())
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction) and not action.help
    ]
    assert missing == []


def test_the_sources_named_in_the_help_are_the_registered_ones():
    from claimcheck.sources import SOURCES

    assert sorted(SOURCE_NAMES) == sorted(SOURCES)


def test_readme_names_every_source():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert [name for name in SOURCE_NAMES if f"`{name}`" not in readme] == []


SUBCOMMANDS = [path for path, _ in _parsers(build_parser())]


@pytest.mark.parametrize("path", SUBCOMMANDS, ids=lambda p: " ".join(p) or "claimcheck")
def test_help_loads_neither_spacy_nor_the_http_stack(path):
    code = (
        "import sys\n"
        "from claimcheck.cli import main\n"
        f"try:\n    main({[*path, '--help']!r})\n"
        "except SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        "heavy = sorted(m for m in ('spacy', 'requests', 'requests_cache', 'ipywidgets', "
        "'cryptography', 'pydantic', 'sqlite3') if m in sys.modules)\n"
        "print('loaded:', heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("loaded: []"), result.stdout[-300:]


def test_public_api_is_unchanged_by_lazy_imports():
    import claimcheck

    for name in claimcheck.__all__:
        assert getattr(claimcheck, name) is not None, name
    from claimcheck.link import link as link_function

    assert claimcheck.link is link_function  # the function, not the submodule of that name
    assert callable(claimcheck.detect) and claimcheck.Workbench.__name__ == "Workbench"


def test_every_lazy_export_is_listed_in_all():
    import claimcheck

    assert sorted(claimcheck._EXPORTS) == sorted(
        set(claimcheck.__all__) - {"__version__", "load_ipython_extension"}
    )
