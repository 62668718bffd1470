"""Match precision and recall on fixtures/matching: the same events told in other words.

Every article is stored, every claim gets a verdict, and each claim is matched against all the
others (its own review left out). A predicted pair (claim, earlier claim) is right when the gold
gives both the same event; a detected claim the gold does not name counts as wrong when it
matches, and a gold claim the detector missed counts as a miss.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.workbench import Workbench

from .conftest import FIXTURES

GOLD = FIXTURES / "matching" / "gold.jsonl"


def _gold_claim(claim, quotes: list[tuple[int, int, str, int]]) -> int | None:
    """The gold claim a detected claim is: an overlapping quote of the same type, the one that
    starts nearest to the claim (then the longest overlap); None when there is none."""
    best, rank = None, None
    for start, end, claim_type, number in quotes:
        overlap = min(end, claim.end) - max(start, claim.start)
        if overlap > 0 and claim_type == claim.type:
            here = (-abs(start - claim.start), overlap)
            if rank is None or here > rank:
                best, rank = number, here
    return best


def score_matching(tmp: Path, top: int | None = None) -> dict:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    gold_events: dict[int, str | None] = {}  # gold claim number -> event
    detected: dict[int, int | None] = {}  # store claim id -> gold claim number
    with Workbench(tmp / "matching.sqlite", reviewer="ana", match_reviews=False) as wb:
        published = {}
        number = 0
        for row in rows:
            text = (GOLD.parent / row["file"]).read_text(encoding="utf-8")
            article = wb.add_article(text, row["published"], title=row["id"])
            published[article.id] = article.published
            quotes = []
            for claim in row["claims"]:
                start = text.index(claim["quote"])
                quotes.append((start, start + len(claim["quote"]), claim["type"], number))
                gold_events[number] = claim["event"]
                number += 1
            for claim in wb.claims(article.id):
                detected[claim.id] = _gold_claim(claim, quotes)
                wb.set_verdict(claim.id, "false", "checked")
        wb.match_reviews = True
        index = wb.review_index()
        predicted = set()
        for claim_id in detected:
            claim = wb.claim(claim_id)
            for match in index.match(
                claim,
                published[claim.article_id],
                exclude=[f"store:{claim_id}"],
                top=top or len(index),
            ):
                predicted.add((claim_id, match.reviewed.review.claim_id))
    gold_pairs = {
        (a, b)
        for a, ea in gold_events.items()
        for b, eb in gold_events.items()
        if a != b and ea is not None and ea == eb
    }
    right, wrong = [], []
    for a, b in sorted(predicted):
        ga, gb = detected[a], detected[b]
        ok = ga is not None and gb is not None and (ga, gb) in gold_pairs
        (right if ok else wrong).append((a, b))
    found = {(detected[a], detected[b]) for a, b in right}
    return {
        "predicted": len(predicted),
        "right": len(right),
        "wrong": wrong,
        "gold_pairs": len(gold_pairs),
        "found": len(found & gold_pairs),
        "precision": len(right) / len(predicted) if predicted else 0.0,
        "recall": len(found & gold_pairs) / len(gold_pairs),
    }


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    return score_matching(tmp_path_factory.mktemp("matching"))


def test_match_precision_on_the_fixtures(scores):
    print(
        f"\nmatching fixtures: precision {scores['precision']:.3f} "
        f"({scores['right']} of {scores['predicted']} pairs), recall {scores['recall']:.3f} "
        f"({scores['found']} of {scores['gold_pairs']} gold pairs)"
    )
    assert scores["precision"] >= 0.9, scores["wrong"]
    assert scores["recall"] >= 0.4  # a floor that would catch a matcher that finds nothing
