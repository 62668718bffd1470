"""OpenSanctions (the yente API, hosted with a key or self-hosted): who is on which list."""

from __future__ import annotations

import os
import re
from typing import Any

import requests

from ..detection.actors import canonical_parties
from ..model import Claim, Evidence
from .base import Source, register_source
from .http import OnlineSource

KEY_ENV = "CLAIMCHECK_OPENSANCTIONS_KEY"
_NAME = re.compile(r"\b[A-Z][a-z’'-]+(?:\s+(?:[A-Z][a-z’'-]+|bin|al-[A-Z][a-z]+)){1,3}\b")
_NOT_NAMES = re.compile(
    r"^(?:The|On|In|At|Last|This|President|Prime|Foreign|Treasury|State|European|United)\b"
)


def named_people_and_companies(claim: Claim) -> list[str]:
    """Multi-word proper names in the claim that are not countries or organisations we know."""
    known = set(canonical_parties(claim.text))
    names = []
    for match in _NAME.finditer(claim.text):
        name = match.group()
        if _NOT_NAMES.match(name) or name in known or canonical_parties(name):
            continue
        if name not in names:
            names.append(name)
    return names


@register_source
class OpenSanctionsSource(OnlineSource, Source):
    """Entities on sanctions lists matching the people and companies a claim names."""

    name = "opensanctions"
    online = True

    default_url = "https://api.opensanctions.org"
    url_env = "CLAIMCHECK_OPENSANCTIONS_URL"

    def __init__(
        self,
        base_url: str | None = None,
        session: requests.Session | None = None,
        dataset: str = "default",
        offline: bool = False,
        **client: Any,
    ):
        super().__init__(base_url, session=session, offline=offline, **client)
        self.dataset = dataset

    def lookup(self, claim: Claim, published: str | None = None) -> list[Evidence]:
        if claim.type not in ("sanctions", "legal"):
            return []
        names = named_people_and_companies(claim)
        if not names:
            return []
        key = os.environ.get(KEY_ENV, "").strip()
        headers = {"Authorization": f"ApiKey {key}"} if key else {}
        evidence = []
        for name in names[:3]:
            data = self.client.get_json(
                f"/search/{self.dataset}", {"q": name, "limit": 5}, headers=headers
            )
            for rank, entity in enumerate((data or {}).get("results") or []):
                evidence.append(self._evidence(entity, rank))
        return evidence

    def _evidence(self, entity: dict[str, Any], rank: int) -> Evidence:
        props = entity.get("properties") or {}
        topics = ", ".join(props.get("topics") or []) or "no topics"
        datasets = ", ".join((entity.get("datasets") or [])[:4])
        entity_id = str(entity.get("id", ""))
        safe_id = entity_id if re.fullmatch(r"[A-Za-z0-9._-]+", entity_id) else ""
        return Evidence(
            source=self.name,
            title=entity.get("caption") or (props.get("name") or ["?"])[0],
            publisher="OpenSanctions",
            url=f"https://www.opensanctions.org/entities/{safe_id}/" if safe_id else None,
            date=(entity.get("first_seen") or "")[:10] or None,
            snippet=f"{entity.get('schema', 'Thing')}; {topics}; lists: {datasets}"[:400],
            score=round(0.5 - 0.05 * rank, 3),
        )
