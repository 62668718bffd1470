"""Exercise packs: articles to review and an answer key, in one JSON file to hand out.

The instructor's pack holds the key: the claims that should be found (by character offsets in
the article), the verdict each deserves, an explanation and the evidence that settles it. The
trainees' copy has the articles and either no key at all or the key locked with a passphrase
(encrypted with Fernet, from the ``cryptography`` package, under a key stretched from the
passphrase with scrypt); the instructor gives the passphrase once the submissions are in.
``key_digest`` ties every copy, and every submission, to one answer key.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import ClaimcheckError
from ..files import output_path, read_text, write_atomic
from ..jsonl import read_json_file
from ..model import DEFAULT_SCALE, Evidence, VerdictScale
from ..store import Store

PACK_FORMAT = "claimcheck-exercise-pack"
PACK_VERSION = 1


class WorkshopError(ClaimcheckError):
    """An exercise pack, submission or passphrase cannot be used."""

    exit_code = 2


@dataclass
class PackArticle:
    key: str
    text: str
    title: str = ""
    published: str | None = None
    url: str | None = None
    publisher: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "published": self.published,
            "url": self.url,
            "publisher": self.publisher,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PackArticle:
        return cls(
            key=str(data["key"]),
            text=str(data["text"]),
            title=str(data.get("title") or ""),
            published=data.get("published"),
            url=data.get("url"),
            publisher=data.get("publisher"),
        )


@dataclass
class KeyClaim:
    """A claim the trainees should find, with the verdict it deserves and why."""

    id: str
    article: str
    start: int
    end: int
    text: str
    type: str
    verdict: str
    explanation: str = ""
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "verdict": self.verdict,
            "explanation": self.explanation,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KeyClaim:
        return cls(
            id=str(data["id"]),
            article=str(data["article"]),
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            type=str(data["type"]),
            verdict=str(data["verdict"]),
            explanation=str(data.get("explanation") or ""),
            evidence=[Evidence.from_dict(e) for e in data.get("evidence", [])],
        )


def _key_claims(checked: list[Any]) -> list[KeyClaim]:
    """Key claims from their checked form (:class:`claimcheck.validation.workshop.KeyClaimIn`)."""
    return [
        KeyClaim(
            **{**k.model_dump(exclude={"evidence"}),
               "evidence": [Evidence.from_dict(e.model_dump()) for e in k.evidence]}
        )
        for k in checked
    ]  # fmt: skip


def key_digest(key: list[KeyClaim]) -> str:
    canonical = json.dumps([k.to_dict() for k in key], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _fernet(passphrase: str, salt: bytes):
    from cryptography.fernet import Fernet

    stretched = hashlib.scrypt(passphrase.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return Fernet(base64.urlsafe_b64encode(stretched))


@dataclass
class ExercisePack:
    title: str
    articles: list[PackArticle]
    key: list[KeyClaim] | None
    scale: VerdictScale = field(default_factory=lambda: DEFAULT_SCALE)
    description: str = ""
    instructor: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    created_at: str = field(
        default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds")
    )
    digest: str = ""
    locked_key: dict[str, str] | None = None

    def __post_init__(self) -> None:
        if self.key is not None:
            self.digest = key_digest(self.key)
            self._check_key(self.key)
        elif not self.digest:
            raise WorkshopError("an exercise pack needs its key or the key's digest")

    def _check_key(self, key: list[KeyClaim]) -> None:
        texts = {a.key: a.text for a in self.articles}
        if len(texts) != len(self.articles):
            raise WorkshopError("two articles of the pack have the same key: give each its own")
        for claim in key:
            if claim.article not in texts:
                raise WorkshopError(f"key claim {claim.id} names no article of the pack")
            if texts[claim.article][claim.start : claim.end] != claim.text:
                raise WorkshopError(
                    f"key claim {claim.id}: the offsets {claim.start}..{claim.end} do not hold "
                    f"{claim.text!r} in article {claim.article}"
                )
            if claim.verdict not in self.scale.keys:
                raise WorkshopError(
                    f"key claim {claim.id}: unknown verdict {claim.verdict!r}; use one of "
                    f"{', '.join(self.scale.keys)}"
                )

    # -- building ---------------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        title: str,
        articles: list[dict[str, Any]],
        key: list[dict[str, Any]],
        scale: VerdictScale | None = None,
        description: str = "",
        instructor: str = "",
    ) -> ExercisePack:
        """A pack from plain data. Key claims name their article and quote their words
        (``"text"``); the offsets are found in the article (``"occurrence"`` picks a later one)."""
        pack_articles = [
            PackArticle.from_dict({"key": a.get("key") or f"a{i}", **a})
            for i, a in enumerate(articles, start=1)
        ]
        texts = {a.key: a.text for a in pack_articles}
        claims = []
        for i, item in enumerate(key, start=1):
            article = str(item.get("article", ""))
            if article not in texts:
                raise WorkshopError(
                    f"key claim {i} names article {article!r}; the pack has {', '.join(texts)}"
                )
            words = str(item["text"])
            start = -1
            for _ in range(int(item.get("occurrence", 1))):
                start = texts[article].find(words, start + 1)
            if start < 0:
                raise WorkshopError(
                    f"key claim {i}: {words!r} is not in article {article}; quote it exactly"
                )
            claims.append(
                KeyClaim(
                    id=str(item.get("id") or f"k{i}"),
                    article=article,
                    start=start,
                    end=start + len(words),
                    text=words,
                    type=str(item["type"]),
                    verdict=str(item["verdict"]),
                    explanation=str(item.get("explanation") or ""),
                    evidence=[
                        Evidence(
                            source="key",
                            title=str(e.get("title") or e.get("url") or ""),
                            url=e.get("url"),
                            publisher=e.get("publisher"),
                            date=e.get("date"),
                            snippet=str(e.get("note") or e.get("snippet") or ""),
                        )
                        for e in item.get("evidence", [])
                    ],
                )
            )
        return cls(
            title=title,
            articles=pack_articles,
            key=claims,
            scale=scale or DEFAULT_SCALE,
            description=description,
            instructor=instructor,
        )

    @classmethod
    def from_spec(cls, path: str | os.PathLike[str]) -> ExercisePack:
        """A pack from a JSON spec: title, articles (``file`` relative to the spec, or ``text``)
        and key claims quoting their words; see fixtures/workshop/spec.json."""
        from ..validation import check
        from ..validation.workshop import SpecIn

        spec_path = Path(path)
        data = read_json_file(spec_path, "a pack spec (JSON)", WorkshopError)
        spec = check(SpecIn, data, f"{spec_path} is not a usable pack spec", WorkshopError)
        articles = []
        for item in spec.articles:
            article = item.model_dump(exclude={"file"})
            if item.file is not None:
                file = spec_path.parent / item.file
                article["text"] = read_text(file, "an article as UTF-8 text", WorkshopError)
            articles.append({k: v for k, v in article.items() if v is not None})
        pack = cls.build(
            title=spec.title,
            articles=articles,
            key=[k.model_dump(exclude_none=True) for k in spec.key],
            scale=VerdictScale.from_dict(spec.scale.model_dump()) if spec.scale else None,
            description=spec.description,
            instructor=spec.instructor,
        )
        pack.id = spec.id or pack.id
        pack.created_at = spec.created_at or pack.created_at
        return pack

    @classmethod
    def from_store(
        cls,
        store: Store,
        reviewer: str,
        title: str,
        article_ids: list[int] | None = None,
        description: str = "",
    ) -> ExercisePack:
        """A pack from an instructor's own review: their verdicts become the key, their
        rationales the explanations, the evidence they added (or the top evidence) its support."""
        ids = article_ids or [a["id"] for a in store.articles()]
        articles, key = [], []
        for n, article_id in enumerate(ids, start=1):
            article = store.article(article_id)
            articles.append(
                PackArticle(
                    key=f"a{n}",
                    text=article.text,
                    title=article.title or f"Article {n}",
                    published=article.published,
                    url=article.url,
                )
            )
            for claim in article.active_claims:
                verdict = store.verdict(claim.id, reviewer=reviewer)
                if verdict is None:
                    continue
                # what the instructor added, else the top record (not a match with an
                # earlier review of the instructor's own store)
                evidence = [e for e in claim.evidence or [] if e.source == "manual"] or [
                    e for e in claim.evidence or [] if e.source != "reviews"
                ][:1]
                key.append(
                    KeyClaim(
                        id=f"k{len(key) + 1}",
                        article=f"a{n}",
                        start=claim.start,
                        end=claim.end,
                        text=claim.text,
                        type=claim.type,
                        verdict=verdict.label,
                        explanation=verdict.rationale,
                        evidence=evidence,
                    )
                )
        if not key:
            raise WorkshopError(
                f"{reviewer!r} has given no verdict in this store: review the articles first, "
                "their verdicts become the key"
            )
        return cls(
            title=title,
            articles=articles,
            key=key,
            scale=store.scale,
            description=description,
            instructor=reviewer,
        )

    # -- copies for trainees --------------------------------------------------------------------

    def trainee_copy(self, passphrase: str | None = None) -> ExercisePack:
        """The pack without its key; with a passphrase, the key travels locked inside."""
        if self.key is None:
            raise WorkshopError("this pack has no key to hide: it is already a trainee copy")
        locked = None
        if passphrase:
            salt = os.urandom(16)
            payload = json.dumps([k.to_dict() for k in self.key], ensure_ascii=False).encode()
            locked = {
                "kdf": "scrypt",
                "cipher": "fernet",
                "salt": base64.b64encode(salt).decode(),
                "token": _fernet(passphrase, salt).encrypt(payload).decode(),
            }
        return replace(self, key=None, locked_key=locked)

    def unlock(self, passphrase: str) -> list[KeyClaim]:
        """The key of a trainee copy, with the passphrase the instructor gave."""
        if self.key is not None:
            return self.key
        if not self.locked_key:
            raise WorkshopError(
                "this copy carries no key: ask the instructor for the key file or the full pack"
            )
        from cryptography.fernet import InvalidToken

        try:
            salt = base64.b64decode(self.locked_key["salt"])
            payload = _fernet(passphrase, salt).decrypt(self.locked_key["token"].encode())
        except (InvalidToken, KeyError, ValueError):
            raise WorkshopError(
                "wrong passphrase for the answer key: check it and try again"
            ) from None
        from ..jsonl import loads
        from ..validation import check
        from ..validation.workshop import KeyList

        where = "the unlocked answer key"
        key = _key_claims(check(KeyList, loads(payload.decode("utf-8", "replace"), where,
                                               WorkshopError), where, WorkshopError))  # fmt: skip
        if key_digest(key) != self.digest:
            raise WorkshopError("the unlocked key does not belong to this pack")
        return key

    # -- files ------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": PACK_FORMAT,
            "version": PACK_VERSION,
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "instructor": self.instructor,
            "created_at": self.created_at,
            "scale": self.scale.to_dict(),
            "key_digest": self.digest,
            "articles": [a.to_dict() for a in self.articles],
        }
        if self.key is not None:
            data["key"] = [k.to_dict() for k in self.key]
        if self.locked_key:
            data["locked_key"] = self.locked_key
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "the pack") -> ExercisePack:
        """A pack from its JSON form, checked by :mod:`claimcheck.validation.workshop`."""
        from ..validation import check
        from ..validation.workshop import ExercisePackIn

        if not isinstance(data, dict) or data.get("format") != PACK_FORMAT:
            raise WorkshopError(f"{source} is not a claimcheck exercise pack")
        version = data.get("version", 0)
        if isinstance(version, int) and version > PACK_VERSION:
            raise WorkshopError(f"{source} was made by a newer claimcheck: upgrade to open it")
        pack = check(ExercisePackIn, data, f"{source} is incomplete or damaged", WorkshopError)
        return cls(
            title=pack.title,
            articles=[PackArticle(**a.model_dump()) for a in pack.articles],
            key=_key_claims(pack.key) if pack.key is not None else None,
            scale=VerdictScale.from_dict(pack.scale.model_dump()),
            description=pack.description,
            instructor=pack.instructor,
            id=pack.id,
            created_at=pack.created_at,
            digest=pack.key_digest,
            locked_key=pack.locked_key.model_dump() if pack.locked_key else None,
        )

    DEFAULT_NAME = "exercise-pack.json"  # the file name in a folder given to save()
    TRAINEE_NAME = "exercise-pack-trainees.json"  # ... for a copy without the key

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the pack (whole or not at all); a folder gets it under the default name."""
        name = self.DEFAULT_NAME if self.key is not None else self.TRAINEE_NAME
        target = output_path(path, name)
        return write_atomic(target, json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n")

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> ExercisePack:
        data = read_json_file(path, "an exercise pack (JSON)", WorkshopError)
        return cls.from_dict(data, str(path))

    def article(self, key: str) -> PackArticle:
        for article in self.articles:
            if article.key == key:
                return article
        raise WorkshopError(
            f"the pack has no article {key!r}: it has {[a.key for a in self.articles]}"
        )
