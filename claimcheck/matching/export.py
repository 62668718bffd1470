"""A store's reviews as a reference pack (``claimcheck pack export``).

Claims reviewed true or mostly true that have evidence with an http(s) URL become pack records
(the format of :mod:`claimcheck.sources.pack`), so that a newsroom's or a class's work grows its
reference data. The record's sources are the evidence a reviewer added, or found online and
identified by the signals as the claim's own event; a claim whose only support is a record of
the reference pack is in the pack already. Every reviewed claim, whatever its verdict, also goes
into the pack's reviews section (``{"review": ...}`` lines, :mod:`claimcheck.validation.reviews`)
for other stores to match their claims against. Each record and line is checked against its
schema before it is written: what would not pass ``claimcheck pack validate`` is left out and
counted.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..detection.actors import canonical_parties
from ..errors import ClaimcheckError
from ..files import slug
from ..link import same_event
from ..model import Slots
from ..redact import scrub_text, secret_values, strip_secrets
from ..sources.pack import FIELDS, PackError
from ..validation import check, http_url_or_none, partial_date
from ..validation.packs import PackRecordIn
from ..validation.reviews import ReviewLineIn

TRUE_VERDICTS = ("true", "mostly_true")
STATEMENT_TYPES = frozenset({"statistic", "comparison", "quote", "position"})
RECORD_STATUSES = ("completed", "announced", "cancelled", "suspended")
EXACT_QUALIFIERS = frozenset(
    {"a total of", "another", "an additional", "a further", "only", "just"}
)
MAX_TEXT = 20_000


@dataclass
class ExportedPack:
    """What ``export_pack`` made: the records, the reviews section and what was left out why."""

    records: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[dict[str, Any]] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)
    secrets: set[str] = field(default_factory=set)

    def text(self) -> str:
        """The pack as JSONL: the records, then the reviews section; keys never leave in it."""
        lines = [json.dumps(r, ensure_ascii=False) for r in self.records]
        lines += [json.dumps({"review": r}, ensure_ascii=False) for r in self.reviews]
        return scrub_text("\n".join(lines) + "\n", self.secrets) if lines else ""


def export_pack(store: Any, reviewer: str | None = None) -> ExportedPack:
    """A store's reviews as pack records and a reviews section (see the module docstring).

    ``reviewer``: only that reviewer's verdicts. A claim whose reviewers disagree goes into the
    reviews section with its latest verdict, and becomes a record only when every verdict on it
    is true or mostly true.
    """
    name = store.path.name
    origin = hashlib.sha1(f"{name}|{store.created_at}".encode()).hexdigest()[:6]
    prefix = slug(Path(name).stem, "store", 30)
    pack = ExportedPack()
    for article_id in store.article_ids():
        verdicts: dict[int, list[Any]] = {}
        for verdict in store.reviews(article_id, reviewer=reviewer):
            if verdict.label:
                verdicts.setdefault(verdict.claim_id, []).append(verdict)
        if not verdicts:
            continue
        article = store.article(article_id)
        for claim in article.claims:
            given = sorted(verdicts.get(claim.id, []), key=lambda v: (v.updated_at, v.reviewer))
            if not given or claim.rejected:
                continue
            ident = f"{prefix}-{origin}-c{claim.id}"
            pack.secrets |= secret_values(e.url for e in claim.evidence or [])
            _add_review(pack, ident, claim, article, given[-1], store.scale, name)
            why = _not_a_record(claim, given)
            if why:
                pack.skipped[why] += 1
                continue
            _add_record(pack, ident, claim)
    return pack


def _add_review(pack, ident, claim, article, verdict, scale, store_name) -> None:
    label = scale.get(verdict.label)
    entry = {
        "id": ident,
        "type": claim.type,
        "text": claim.text[:MAX_TEXT],
        "slots": claim.slots.to_dict(),
        "verdict": verdict.label,
        "verdict_label": label.label if label else verdict.label,
        "reviewer": verdict.reviewer[:300],
        "reviewed_at": verdict.updated_at,
        "rationale": verdict.rationale[:MAX_TEXT],
        "article": {
            "id": article.id,
            "title": (article.title or "")[:MAX_TEXT] or None,
            "published": article.published,
            "url": http_url_or_none(strip_secrets(article.url)),
        },
        "claim": claim.id,
        "store": store_name[:300],
    }
    try:
        check(ReviewLineIn, {"review": entry}, "review", ClaimcheckError)
    except ClaimcheckError:
        pack.skipped["review that does not fit the pack format"] += 1
        return
    pack.reviews.append(entry)


def _not_a_record(claim, given) -> str | None:
    """Why a reviewed claim does not become a pack record, or None when it does."""
    if any(v.label not in TRUE_VERDICTS for v in given):
        return "not reviewed true or mostly true"
    if claim.type in STATEMENT_TYPES:
        return "a statement, not an event"
    if claim.slots.status not in (None, *RECORD_STATUSES):
        return "says the event did not happen"
    if claim.slots.date is None or not claim.slots.date.resolved:
        return "no date"
    if not any(_supports(e) for e in claim.evidence or []):
        return "no evidence with an http(s) URL"
    if not _sources(claim):
        return "already a record of the reference pack"
    return None


def _supports(item) -> bool:
    """Evidence that speaks for the claim: added by the reviewer, or a linked record the
    signals identify as the claim's own event (not a neighbour linking ranked near it)."""
    if item.source == "reviews" or http_url_or_none(strip_secrets(item.url)) is None:
        return False
    return item.source == "manual" or same_event(item)


def _add_record(pack: ExportedPack, ident: str, claim) -> None:
    slots = claim.slots
    record: dict[str, Any] = {
        "id": ident,
        "type": claim.type,
        **_dates(slots),
        "actors": _parties(slots.actor),
        "targets": _parties(slots.target),
        "count": slots.count,
        "count_unit": None,
        "round": slots.round,
        "treaty": slots.treaty,
        "place": slots.place,
        "status": slots.status or "completed",
        "summary": " ".join(claim.text.split())[:MAX_TEXT],
        "sources": _sources(claim),
    }
    qualifier = (slots.count_qualifier or "").lower()
    if qualifier and qualifier not in EXACT_QUALIFIERS:
        if "count_qualifier" in FIELDS:  # packs that know qualifiers keep "more than 150" whole
            record["count_qualifier"] = qualifier
        else:  # a lower bound is not an exact number: left out rather than stored as one
            record["count"] = None
    try:
        check(PackRecordIn, record, "record", PackError)
    except PackError:
        pack.skipped["record that does not fit the pack format"] += 1
        return
    pack.records.append(record)


def _dates(slots: Slots) -> dict[str, str | None]:
    value = slots.date
    start, end = value.start, value.end or value.start
    if value.precision == "day" or start == end:
        return {"date": start, "end_date": None}
    if value.precision == "month":
        return {"date": start[:7], "end_date": None}
    if value.precision == "year":
        return {"date": start[:4], "end_date": None}
    return {"date": start, "end_date": end}


def _parties(text: str | None) -> list[str]:
    if not text:
        return []
    return canonical_parties(text) or [" ".join(text.split())[:300]]


def _sources(claim) -> list[dict[str, Any]]:
    """The evidence that supports the claim, as pack sources (keys taken out of URLs). A record
    of the reference pack is left out: it is there already, and its date is the event's, not
    its source's."""
    found: dict[str, dict[str, Any]] = {}
    for item in claim.evidence or []:
        url = http_url_or_none(strip_secrets(item.url))
        if not _supports(item) or item.source == "pack" or url in found:
            continue
        title = url if item.title in (None, "", item.url) else item.title
        found[url] = {
            "title": title[:MAX_TEXT],
            "publisher": (item.publisher or None) and item.publisher[:MAX_TEXT],
            "url": url,
            "date": _source_date(item.date),
            "type": _source_type(item.source, url),
        }
    return list(found.values())


# What kind of source evidence is, for the pack's ``type``: by the online source that found it,
# else (evidence a reviewer added) by its address; anything else counts as a news report.
SOURCE_KINDS = {
    "wikipedia": "encyclopedia", "wikidata": "encyclopedia", "gdelt": "news",
    "factcheck": "report", "opensanctions": "report",
}  # fmt: skip
OFFICIAL_HOSTS = (
    (".gov", "government"), (".gov.uk", "government"), (".gouv.fr", "government"),
    ("europa.eu", "international_organisation"), ("nato.int", "international_organisation"),
    ("osce.org", "international_organisation"), ("un.org", "un_document"),
    ("treasury.gov", "sanctions_notice"), ("ofac.treasury.gov", "sanctions_notice"),
    ("eur-lex.europa.eu", "official_journal"), ("federalregister.gov", "official_journal"),
    ("justice.gov", "court_record"), ("courtlistener.com", "court_record"),
)  # fmt: skip


def _source_type(source: str, url: str) -> str:
    if source in SOURCE_KINDS:
        return SOURCE_KINDS[source]
    host = url.split("://", 1)[-1].split("/", 1)[0].lower()
    best = ""
    kind = "news"
    for suffix, name in OFFICIAL_HOSTS:  # the longest matching suffix decides
        bare = suffix.lstrip(".")
        if (host == bare or host.endswith("." + bare)) and len(suffix) > len(best):
            best, kind = suffix, name
    return kind


def _source_date(value: str | None) -> str | None:
    try:
        return partial_date(value) if value else None
    except ValueError:
        return None
