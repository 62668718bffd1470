"""From a scanned archive to the review store and back: which claims people have judged."""

from __future__ import annotations

from claimcheck import Workbench
from claimcheck.archive import read_articles, reviewed_claims

from .conftest import read_parts


def test_verdicts_in_the_store_point_back_at_the_scans_rows(small_archive, one_worker, tmp_path):
    rows = read_parts(one_worker, "claims").to_pylist()
    article_id = rows[0]["article_id"]
    (record,) = read_articles(str(small_archive), [article_id])
    with Workbench(tmp_path / "reviews.sqlite", reviewer="Ana") as wb:
        assert reviewed_claims(wb) == []
        stored = wb.add_article(record.text, record.published, title=record.title, url=record.url)
        scanned = [r["claim_id"] for r in rows if r["article_id"] == article_id]
        assert [c.key for c in stored.claims] == scanned  # the same claims, the same ids
        first, second = stored.claims[0], stored.claims[-1]
        wb.set_verdict(first.id, "false")
        wb.set_verdict(second.id, "true", reviewer="Ben")
        found = reviewed_claims(wb)
    assert {(r["claim_id"], r["label"], r["reviewer"]) for r in found} == {
        (first.key, "false", "Ana"),
        (second.key, "true", "Ben"),
    }
    assert {r["url"] for r in found} == {record.url}
