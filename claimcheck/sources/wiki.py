"""Wikipedia (search and page summaries) and Wikidata (entities with dated statements)."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import requests

from ..model import Claim, Evidence, Signal
from . import quantities
from .base import Source, claim_parties, claim_query, register_source
from .http import OnlineSource, SourceError

_TAGS = re.compile(r"<[^>]+>")


def strip_html(text: str) -> str:
    """Plain text from a search snippet: tags removed, entities decoded."""
    return html.unescape(_TAGS.sub("", text or "")).strip()


def safe_url(url: Any) -> str | None:
    """Only http(s) links are kept; anything else from a remote service is dropped."""
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


@register_source
class WikipediaSource(OnlineSource, Source):
    """Full-text search on Wikipedia, then the summary of the best pages."""

    name = "wikipedia"
    online = True

    default_url = "https://en.wikipedia.org"
    url_env = "CLAIMCHECK_WIKIPEDIA_URL"

    def __init__(
        self,
        base_url: str | None = None,
        session: requests.Session | None = None,
        pages: int = 3,
        offline: bool = False,
        **client: Any,
    ):
        super().__init__(base_url, session=session, offline=offline, **client)
        self.pages = pages

    def lookup(self, claim: Claim, published: str | None = None) -> list[Evidence]:
        query = claim_query(claim, claim_parties(claim))
        data = self.client.get_json(
            "/w/api.php",
            {
                "action": "query",
                "list": "search",
                "srsearch": query,
                "format": "json",
                "formatversion": 2,
                "srlimit": 10,
                "maxlag": 5,
            },
        )
        hits = ((data or {}).get("query") or {}).get("search") or []
        evidence = []
        for rank, hit in enumerate(hits[: self.pages]):
            title = hit.get("title")
            if not title:
                continue
            summary = self._summary(title)
            url = safe_url(((summary.get("content_urls") or {}).get("desktop") or {}).get("page"))
            evidence.append(
                Evidence(
                    source=self.name,
                    title=summary.get("title") or title,
                    publisher="Wikipedia",
                    url=url or f"{self.client.base_url}/wiki/{title.replace(' ', '_')}",
                    date=None,  # a page's timestamp is its last edit, not the event's date
                    snippet=(summary.get("extract") or strip_html(hit.get("snippet", "")))[:400],
                    score=round(0.6 * (1 - rank / max(1, self.pages)), 3),
                )
            )
        return evidence

    def _summary(self, title: str) -> dict[str, Any]:
        try:
            data = self.client.get_json(f"/api/rest_v1/page/summary/{title.replace(' ', '_')}")
        except SourceError:
            return {}  # the search hit is still worth showing without its summary
        return data if isinstance(data, dict) and data.get("type") != "disambiguation" else {}


def parse_wikidata_time(value: dict[str, Any]) -> tuple[str, str] | None:
    """("2018-07-16", "day") from a Wikidata time value; month and day may be 00."""
    text = value.get("time", "")
    match = re.match(r"^[+]?(\d{4,})-(\d{2})-(\d{2})", text)
    if not match:
        return None
    year, month, day = match.groups()
    precision = int(value.get("precision", 11))
    if precision >= 11 and month != "00" and day != "00":
        return f"{year}-{month}-{day}", "day"
    if precision >= 10 and month != "00":
        return f"{year}-{month}", "month"
    if precision >= 9:
        return year, "year"
    return None


TIME_PROPERTIES = ("P585", "P580", "P571")  # point in time, start time, inception
COUNTRY_HITS = 3  # search hits tried, one at a time, for a statistic's country


@register_source
class WikidataSource(OnlineSource, Source):
    """Entity search on Wikidata and the dates of the items found; for a statistic, the
    country's quantity for its metric at the nearest point in time (see :mod:`.quantities`)."""

    name = "wikidata"
    online = True

    default_url = "https://www.wikidata.org"
    url_env = "CLAIMCHECK_WIKIDATA_URL"

    def __init__(
        self,
        base_url: str | None = None,
        session: requests.Session | None = None,
        limit: int = 5,
        offline: bool = False,
        **client: Any,
    ):
        super().__init__(base_url, session=session, offline=offline, **client)
        self.limit = limit

    def lookup(self, claim: Claim, published: str | None = None) -> list[Evidence]:
        if claim.type == "statistic":
            return self._statistic(claim, published)
        query = claim_query(claim, claim_parties(claim))
        found = self.client.get_json(
            "/w/api.php",
            {
                "action": "wbsearchentities",
                "search": query,
                "language": "en",
                "type": "item",
                "limit": self.limit,
                "format": "json",
            },
        )
        hits = (found or {}).get("search") or []
        ids = [
            h["id"] for h in hits if isinstance(h, dict) and re.fullmatch(r"Q\d+", h.get("id", ""))
        ]
        if not ids:
            return []
        data = self.client.get_json(
            "/w/api.php",
            {
                "action": "wbgetentities",
                "ids": "|".join(ids),
                "props": "labels|descriptions|claims",
                "languages": "en",
                "format": "json",
            },
        )
        entities = (data or {}).get("entities") or {}
        evidence = []
        for rank, qid in enumerate(ids):
            entity = entities.get(qid) or {}
            if "missing" in entity or not entity:
                continue
            when = self._when(entity)
            label = ((entity.get("labels") or {}).get("en") or {}).get("value", qid)
            description = ((entity.get("descriptions") or {}).get("en") or {}).get("value", "")
            item = Evidence(
                source=self.name,
                title=label,
                publisher="Wikidata",
                url=f"https://www.wikidata.org/wiki/{qid}",
                date=when[0] if when else None,
                snippet=description,
                score=round(0.5 * (1 - rank / max(1, len(ids))), 3),
            )
            signal = _date_signal(claim, when)
            if signal is not None:
                item.signals.append(signal)
                item.score = round(item.score + (0.3 if signal.verdict == "agrees" else 0.0), 3)
            evidence.append(item)
        return evidence

    def _statistic(self, claim: Claim, published: str | None) -> list[Evidence]:
        """The claim's country item, then its statements for the claim's metric.

        Nothing is asked when the metric has no property or the place is not a country. Search
        hits are fetched one at a time (a country item is large) until one is a country.
        """
        country = quantities.claim_country(claim)
        metric = quantities.claim_metric(claim, country) if country else None
        if country is None or metric is None or quantities.written_figure(claim) is None:
            return []
        found = self.client.get_json(
            "/w/api.php",
            {
                "action": "wbsearchentities",
                "search": country,
                "language": "en",
                "type": "item",
                "limit": COUNTRY_HITS,
                "format": "json",
            },
        )
        hits = found.get("search") if isinstance(found, dict) else None
        ids = [
            h["id"]
            for h in (hits if isinstance(hits, list) else [])
            if isinstance(h, dict)
            and isinstance(h.get("id"), str)
            and re.fullmatch(r"Q\d+", h["id"])
        ]
        try:
            pub = date.fromisoformat(published) if published else None
        except ValueError:
            pub = None
        for qid in ids[:COUNTRY_HITS]:
            data = self.client.get_json(
                "/w/api.php",
                {
                    "action": "wbgetentities",
                    "ids": qid,
                    "props": "labels|claims",
                    "languages": "en",
                    "format": "json",
                },
            )
            entities = data.get("entities") if isinstance(data, dict) else None
            entity = entities.get(qid) if isinstance(entities, dict) else None
            if not isinstance(entity, dict) or "missing" in entity:
                continue
            if not quantities.is_country(entity):
                continue  # a namesake, a city, a historical state: try the next hit
            item = quantities.quantity_evidence(claim, entity, qid, metric, pub, country)
            return [item] if item is not None else []
        return []

    @staticmethod
    def _when(entity: dict[str, Any]) -> tuple[str, str] | None:
        claims = entity.get("claims") or {}
        for prop in TIME_PROPERTIES:
            statements = [s for s in claims.get(prop, []) if s.get("rank") != "deprecated"]
            statements.sort(key=lambda s: s.get("rank") != "preferred")
            for statement in statements:
                value = (((statement.get("mainsnak") or {}).get("datavalue")) or {}).get("value")
                if isinstance(value, dict):
                    parsed = parse_wikidata_time(value)
                    if parsed:
                        return parsed
        return None


def _date_signal(claim: Claim, when: tuple[str, str] | None) -> Signal | None:
    value = claim.slots.date
    if when is None or value is None or not value.resolved:
        return None
    from .pack import date_range, gap_days

    claimed = (date.fromisoformat(value.start), date.fromisoformat(value.end))
    gap = gap_days(claimed, date_range(when[0]))
    if gap == 0:
        return Signal("date", "agrees", f"Wikidata dates it {when[0]} ({when[1]})", 0)
    return Signal(
        "date", "differs", f"Wikidata dates it {when[0]} ({when[1]}), {gap} day(s) apart", gap
    )
