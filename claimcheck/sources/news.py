"""Earlier fact-checks (Google Fact Check Tools) and news coverage (GDELT DOC 2.0)."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from typing import Any

import requests

from ..model import Claim, Evidence
from .base import Source, claim_parties, claim_query, register_source
from .http import OnlineSource, SourceError
from .wiki import safe_url

FACTCHECK_KEY_ENV = "CLAIMCHECK_FACTCHECK_KEY"


@register_source
class FactCheckSource(OnlineSource, Source):
    """Published fact-checks of similar claims (ClaimReview), through Google's Fact Check Tools.

    The API key is read from the environment at each lookup and never stored: requests-cache
    keeps it out of cache keys and redacts it from stored responses.
    """

    name = "factcheck"
    online = True

    default_url = "https://factchecktools.googleapis.com"
    url_env = "CLAIMCHECK_FACTCHECK_URL"

    def __init__(
        self,
        base_url: str | None = None,
        session: requests.Session | None = None,
        offline: bool = False,
        **client: Any,
    ):
        super().__init__(base_url, session=session, offline=offline, **client)

    def lookup(self, claim: Claim, published: str | None = None) -> list[Evidence]:
        key = os.environ.get(FACTCHECK_KEY_ENV, "").strip()
        if not key:
            raise SourceError(f"no API key: set {FACTCHECK_KEY_ENV} to use earlier fact-checks")
        data = self.client.get_json(
            "/v1alpha1/claims:search",
            {"query": claim.text[:200], "languageCode": "en", "pageSize": 10, "key": key},
        )
        evidence = []
        for rank, item in enumerate((data or {}).get("claims") or []):
            for review in item.get("claimReview") or []:
                url = safe_url(review.get("url"))
                if url is None:
                    continue
                publisher = review.get("publisher") or {}
                rating = review.get("textualRating") or "no rating"
                evidence.append(
                    Evidence(
                        source=self.name,
                        title=review.get("title") or item.get("text", "")[:120],
                        publisher=publisher.get("name") or publisher.get("site"),
                        url=url,
                        date=(review.get("reviewDate") or item.get("claimDate") or "")[:10] or None,
                        snippet=f"Rated “{rating}”: {item.get('text', '')}"[:400],
                        score=round(0.6 * (1 - rank / 10), 3),
                    )
                )
        return evidence


@register_source
class GdeltSource(OnlineSource, Source):
    """News coverage in the days around the claim's date, from the GDELT DOC 2.0 API."""

    name = "gdelt"
    online = True

    default_url = "https://api.gdeltproject.org"
    url_env = "CLAIMCHECK_GDELT_URL"

    def __init__(
        self,
        base_url: str | None = None,
        session: requests.Session | None = None,
        days: int = 7,
        offline: bool = False,
        **client: Any,
    ):
        super().__init__(base_url, session=session, offline=offline, **client)
        self.days = days

    def lookup(self, claim: Claim, published: str | None = None) -> list[Evidence]:
        centre = _centre(claim, published)
        params: dict[str, Any] = {
            "query": claim_query(claim, claim_parties(claim)),
            "mode": "artlist",
            "format": "json",
            "maxrecords": 25,
        }
        if centre is not None:
            start = centre - timedelta(days=self.days)
            end = centre + timedelta(days=self.days)
            params["startdatetime"] = start.strftime("%Y%m%d000000")
            params["enddatetime"] = end.strftime("%Y%m%d235959")
        data = self.client.get_json("/api/v2/doc/doc", params)
        evidence = []
        for rank, article in enumerate((data or {}).get("articles") or []):  # no key when empty
            url = safe_url(article.get("url"))
            if url is None:
                continue
            seen = _seen_date(article.get("seendate"))
            closeness = 0.0
            if seen and centre:
                closeness = max(0.0, 1 - abs((seen - centre).days) / max(1, self.days))
            evidence.append(
                Evidence(
                    source=self.name,
                    title=article.get("title") or url,
                    publisher=article.get("domain"),
                    url=url,
                    date=seen.isoformat() if seen else None,
                    snippet=", ".join(
                        x for x in (article.get("sourcecountry"), article.get("language")) if x
                    ),
                    score=round(0.3 + 0.2 * closeness - 0.005 * rank, 3),
                )
            )
        return evidence


def _centre(claim: Claim, published: str | None) -> date | None:
    value = claim.slots.date
    if value is not None and value.start and value.end:
        start, end = date.fromisoformat(value.start), date.fromisoformat(value.end)
        return start + (end - start) / 2
    return date.fromisoformat(published) if published else None


def _seen_date(value: Any) -> date | None:
    try:
        return datetime.strptime(str(value), "%Y%m%dT%H%M%SZ").date()
    except ValueError:
        return None
