"""The sample article that ships with claimcheck, for the demo, the quickstart and tests."""

from __future__ import annotations

from importlib import resources

SAMPLE_PUBLISHED = "2018-12-22"
SAMPLE_TITLE = "Salisbury poisoning: a year of expulsions and sanctions"


def sample_article() -> str:
    """The text of the bundled sample article (published 22 December 2018)."""
    return (resources.files("claimcheck") / "data" / "sample_article.txt").read_text("utf-8")
