"""The rows of the output dataset: one per claim (slots flattened) and one per article.

The Arrow schemas are fixed here, so every part file has the same columns and types whether a
partition found claims or not, and a data team can load the folder with pandas, DuckDB or Spark.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pyarrow as pa

from ..model import Claim
from .inputs import ArticleRecord

_ARTICLE_FIELDS = [
    ("article_id", pa.string()),
    ("published", pa.date32()),
    ("title", pa.string()),
    ("url", pa.string()),
    ("source", pa.string()),
]

CLAIM_SCHEMA = pa.schema(
    [
        *_ARTICLE_FIELDS,
        ("claim_index", pa.int32()),  # reading order in the article, from 0
        ("claim_id", pa.string()),  # the detector's id: the same claim in the review store
        ("type", pa.string()),
        ("text", pa.string()),
        ("sentence", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("score", pa.float64()),
        ("status", pa.string()),
        ("cues", pa.list_(pa.string())),
        ("actor", pa.string()),
        ("target", pa.string()),
        ("count", pa.int64()),
        ("count_text", pa.string()),
        ("count_qualifier", pa.string()),
        ("round", pa.int64()),
        ("round_text", pa.string()),
        ("treaty", pa.string()),
        ("place", pa.string()),
        ("attribution", pa.string()),
        ("date_text", pa.string()),
        ("date_start", pa.date32()),
        ("date_end", pa.date32()),
        ("date_precision", pa.string()),
    ]
)

# With --link: the best evidence and the suggested verdict, plus all evidence as JSON.
LINK_FIELDS = [
    ("suggestion", pa.string()),
    ("suggestion_reason", pa.string()),
    ("evidence_count", pa.int32()),
    ("evidence_source", pa.string()),
    ("evidence_title", pa.string()),
    ("evidence_url", pa.string()),
    ("evidence_date", pa.string()),
    ("evidence_score", pa.float64()),
    ("evidence", pa.string()),
]
LINKED_CLAIM_SCHEMA = pa.schema([*CLAIM_SCHEMA, *(pa.field(n, t) for n, t in LINK_FIELDS)])

ARTICLE_SCHEMA = pa.schema(
    [
        *_ARTICLE_FIELDS,
        ("ref", pa.string()),  # where the article is in the input: a file, "line 12", "row 12"
        ("format", pa.string()),  # text or html
        ("encoding", pa.string()),
        ("chars", pa.int64()),
        ("claims", pa.int32()),
        ("warnings", pa.list_(pa.string())),
    ]
)


def claim_schema(link: bool) -> pa.Schema:
    return LINKED_CLAIM_SCHEMA if link else CLAIM_SCHEMA


def _iso_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _article_fields(record: ArticleRecord, published: date | None) -> dict[str, Any]:
    return {
        "article_id": record.id,
        "published": published,
        "title": record.title,
        "url": record.url,
        "source": record.source,
    }


def claim_rows(
    record: ArticleRecord, published: date | None, claims: list[Claim], link: bool = False
) -> list[dict[str, Any]]:
    """One flat row per claim of an article, in reading order."""
    base = _article_fields(record, published)
    rows = []
    for index, claim in enumerate(claims):
        s = claim.slots
        row = {
            **base,
            "claim_index": index,
            "claim_id": claim.id,
            "type": claim.type,
            "text": claim.text,
            "sentence": claim.sentence,
            "start": claim.start,
            "end": claim.end,
            "score": round(claim.score, 3),
            "status": s.status,
            "cues": list(claim.cues),
            "actor": s.actor,
            "target": s.target,
            "count": s.count,
            "count_text": s.count_text,
            "count_qualifier": s.count_qualifier,
            "round": s.round,
            "round_text": s.round_text,
            "treaty": s.treaty,
            "place": s.place,
            "attribution": s.attribution,
            "date_text": s.date.text if s.date else None,
            "date_start": _iso_date(s.date.start) if s.date else None,
            "date_end": _iso_date(s.date.end) if s.date else None,
            "date_precision": s.date.precision if s.date else None,
        }
        if link:
            evidence = claim.evidence or []
            top = evidence[0] if evidence else None
            row.update(
                {
                    "suggestion": claim.suggestion.verdict if claim.suggestion else None,
                    "suggestion_reason": claim.suggestion.reason if claim.suggestion else None,
                    "evidence_count": len(evidence),
                    "evidence_source": top.source if top else None,
                    "evidence_title": top.title if top else None,
                    "evidence_url": top.url if top else None,
                    "evidence_date": top.date if top else None,
                    "evidence_score": round(top.score, 3) if top else None,
                    "evidence": json.dumps([e.to_dict() for e in evidence], ensure_ascii=False),
                }
            )
        rows.append(row)
    return rows


def article_row(record: ArticleRecord, published: date | None, claims: int) -> dict[str, Any]:
    """One row per article scanned (with or without claims)."""
    return {
        **_article_fields(record, published),
        "ref": record.ref,
        "format": record.format,
        "encoding": record.encoding,
        "chars": len(record.text),
        "claims": claims,
        "warnings": list(record.warnings),
    }


__all__ = [
    "ARTICLE_SCHEMA",
    "CLAIM_SCHEMA",
    "LINKED_CLAIM_SCHEMA",
    "article_row",
    "claim_rows",
    "claim_schema",
]
