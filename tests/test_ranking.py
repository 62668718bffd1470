"""Ranking by check-worthiness: the average precision shared by gold articles and tables."""

from __future__ import annotations

import pytest

from claimcheck.ranking import RankedText, rank_texts


def test_rank_texts_scores_each_text_and_pools_them():
    texts = [
        # score, contains a number, check-worthy
        RankedText("a", [(0.9, 0.0, True), (0.2, 1.0, False), (0.5, 1.0, True)]),
        RankedText("b", [(0.1, 0.0, True), (0.8, 1.0, False)]),
        RankedText("no positives", [(0.3, 1.0, False)]),
    ]
    report = rank_texts(texts, unit="rows")
    assert [t["id"] for t in report.per_text] == ["a", "b"]
    assert report.per_text[0]["ap_score"] == 1.0
    assert report.per_text[1]["ap_score"] == 0.5
    # "contains a number" ties keep reading order: a ranks 0.2 (no) before 0.5 (yes)
    assert report.per_text[0]["ap_number"] == pytest.approx(round((1 / 2 + 2 / 3) / 2, 3))
    assert report.map_score == 0.75
    assert (report.articles, report.sentences, report.positives) == (2, 5, 3)
    # pooled: 0.9+ 0.8- 0.5+ 0.2- 0.1+
    assert report.ap_score == round((1 + 2 / 3 + 3 / 5) / 3, 3)
    data = report.to_dict()
    assert data["texts"] == 2 and data["rows"] == 5 and "articles" not in data
    assert data["per_text"][0] == {
        "id": "a",
        "rows": 3,
        "positives": 2,
        "ap_score": 1.0,
        "ap_number": report.per_text[0]["ap_number"],
    }


def test_sentence_reports_keep_their_keys():
    data = rank_texts([RankedText("a", [(0.9, 0.0, True)])]).to_dict()
    assert data["articles"] == 1 and data["sentences"] == 1
    assert data["per_text"][0]["sentences"] == 1
