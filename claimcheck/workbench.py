"""The review workbench: a store that detects and links the articles it is given.

``Workbench`` is what notebooks use: ``wb.add_article(text)`` runs the same public functions as
``claimcheck scan --link`` (detect, then link) and stores the result; ``wb.review(id)`` returns
the review panel. All review actions (verdicts, corrections, undo) are the store's.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .detection import detect, detect_sentences, resolve_published
from .encoders import shown
from .errors import DataError, DateError, InputError
from .ingest import read_source, spacy_text
from .link import DEFAULT_SOURCES, link, signals_for, suggest
from .matching import ReviewedClaim, ReviewIndex, reviewed_from_pack, reviewed_from_store
from .model import Article, Claim, Evidence, Slots, VerdictScale
from .scan import page_date, restore_text
from .sources.base import Source, init_source
from .sources.pack import PackSource, load_pack
from .store import Change, Store, StoredArticle, StoredClaim
from .validation import http_url, publication_date, repair_text

if TYPE_CHECKING:  # the panels need ipywidgets; the store does not
    from .detection.worthiness import SentenceScore
    from .widgets import ReviewPanel

DEFAULT_STORE = "claimcheck-reviews.sqlite"


def default_store_path() -> Path:
    """``CLAIMCHECK_STORE`` if set, else ``claimcheck-reviews.sqlite`` in the working folder."""
    return Path(os.environ.get("CLAIMCHECK_STORE") or DEFAULT_STORE)


class Workbench(Store):
    """A review store that detects and links what it is given.

    ``sources`` and ``offline`` are passed to :func:`claimcheck.link`: by default only the bundled
    reference pack is consulted and nothing goes over the network. ``reviewer`` is the name
    recorded with each action unless an action names another.

    Each claim is also matched against the claims reviewed before (see
    :mod:`claimcheck.matching`): in this store, and in the reviews section of ``packs``, files
    that ``claimcheck pack export`` wrote from other stores (their records join the bundled pack
    for linking). ``match_reviews=False`` turns that off.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        sources: Sequence[str | type[Source] | Source] | None = None,
        offline: bool | None = None,
        reviewer: str | None = None,
        scale: VerdictScale | None = None,
        model: str | None = None,
        timeout: float = 30.0,
        packs: Sequence[str | os.PathLike[str]] = (),
        match_reviews: bool = True,
    ) -> None:
        reviewer = os.environ.get("CLAIMCHECK_REVIEWER", "") if reviewer is None else reviewer
        # Packs are read (and checked) before the store is opened: a bad one changes nothing.
        self.packs = [Path(p) for p in packs]
        self._pack_reviews = [item for p in self.packs for item in reviewed_from_pack(p)]
        super().__init__(
            path if path is not None else default_store_path(),
            scale=scale,
            reviewer=reviewer,
            timeout=timeout,
        )
        self.sources = list(sources) if sources else None
        # Offline unless online sources were named: a classroom without internet still works.
        self.offline = (self.sources is None) if offline is None else offline
        if self.packs:
            mine = PackSource(load_pack(*self.packs))
            self.sources = [
                mine if s == "pack" or s is PackSource else s for s in self._source_names()
            ]
        self.model = model
        self.match_reviews = match_reviews
        self._index: ReviewIndex | None = None
        self._index_at = 0  # the history row the index has caught up with

    def add_article(
        self,
        text: str | bytes,
        published: str | date | None = None,
        title: str | None = None,
        url: str | None = None,
        *,
        reuse: bool = True,
        link_evidence: bool = True,
    ) -> StoredArticle:
        """Detect and link the claims of an article and store it; returns the stored article.

        The same text with the same date is stored once: running a notebook cell again (after a
        kernel restart, say) returns the article with its reviews instead of a copy. Text and
        bytes are read as ``claimcheck scan`` reads a file: bytes in any encoding, and HTML
        (recognised by its markup) reduced to its text, with the page's date and title.
        """
        if url not in (None, ""):
            try:
                url = http_url(url)
            except ValueError as exc:
                raise InputError(f"the article's URL {shown(url, 60)}: {exc}") from None
        # A string is read as the CLI reads a file: HTML is recognised (and its date used); a
        # lone surrogate is repaired where it is instead of making the whole text undecodable.
        data = text if isinstance(text, bytes) else repair_text(str(text)).encode("utf-8")
        source = read_source(io.BytesIO(data), input_format="auto")
        body = source.text
        pub = _published(published, body, source.published, source.warnings)
        pub_text = pub.isoformat() if pub else None
        if reuse:  # looked up again when it is stored: another kernel may be adding it too
            existing = self.find_article(body, pub_text)
            if existing is not None:
                return self.article(existing)
        claims = detect(spacy_text(body), pub, self.model)  # same offsets, safe for spaCy
        claims = [restore_text(claim, body) for claim in claims]
        if link_evidence:
            claims = link(claims, sources=self.sources, offline=self.offline, published=pub)
        if self.match_reviews:
            index = self.review_index()
            for claim in claims:
                found = [m.to_evidence() for m in index.match(claim, pub_text)]
                if found:
                    claim.evidence = [*(claim.evidence or []), *found]
        article = Article(
            text=body,
            published=pub_text,
            title=title or source.title,
            url=url,
            claims=claims,
            source_format=source.format,
            warnings=list(source.warnings),
        )
        return self.insert_article(article, reuse=reuse)

    def add_file(self, path: str | os.PathLike[str], **kwargs: Any) -> StoredArticle:
        """Add an article from a file (text or HTML, any encoding)."""
        file = Path(path)
        if not file.is_file():
            raise InputError(f"{file}: no such file; give the path of an article")
        if not kwargs.get("title"):
            kwargs["title"] = file.stem.replace("-", " ").replace("_", " ")
        return self.add_article(file.read_bytes(), **kwargs)

    def export(
        self,
        format: str,
        path: str | os.PathLike[str],
        article: int | list[int] | None = None,
        reviewer: str | None = None,
        **settings: str | None,
    ) -> Path:
        """Write a report: html, md, json, csv, claimreview (JSON-LD) or pdf; returns its path.

        ``settings``: organisation, organisation_url, base_url (defaults: the store's settings).
        """
        from . import report

        articles = [article] if isinstance(article, int) else article
        return report.export(self, format, path, articles, reviewer, **settings)

    def sentences(self, article_id: int) -> list[SentenceScore]:
        """Every sentence of a stored article with its check-worthiness score and cues, read as
        the article's claims were (the same model, the same offsets)."""
        article = self.article(article_id, with_claims=False)
        return detect_sentences(spacy_text(article.text), article.published, self.model)

    # -- claims added and corrected by hand: detected slots, linked like the others -------------

    def add_claim(
        self,
        article_id: int,
        start: int,
        end: int,
        claim_type: str,
        reviewer: str | None = None,
        slots: Slots | None = None,
        **linking: Any,
    ) -> StoredClaim:
        """Add a claim the detector missed; its slots are read from the article as the detector
        reads them (who, whom, how many, when ...), and it is linked like a detected claim."""
        if linking:  # evidence and suggestion given: store as they are
            return super().add_claim(article_id, start, end, claim_type, reviewer, slots, **linking)
        article = self.article(article_id, with_claims=False)
        if slots is None:
            slots = _slots_for_span(
                article.text, article.published, self.model, start, end, claim_type
            )
        text = article.text[start:end]
        claim = Claim(type=claim_type, text=text.strip(), start=start, end=end, slots=slots)
        linked = link(
            [claim], sources=self.sources, offline=self.offline, published=article.published
        )[0]
        added = super().add_claim(
            article_id,
            start,
            end,
            claim_type,
            reviewer,
            slots,
            evidence=linked.evidence,
            suggestion=linked.suggestion,
        )
        return self._rematch(added.id)

    def correct_slots(
        self, claim_id: int, reviewer: str | None = None, **changes: Any
    ) -> StoredClaim:
        """Correct slots (see :meth:`Store.correct_slots`); the signals and the suggested verdict
        are worked out again from the corrected slots."""
        super().correct_slots(claim_id, reviewer, **changes)
        return self.relink(claim_id)

    def undo(self, reviewer: str | None = None, article_id: int | None = None) -> Change | None:
        change = super().undo(reviewer, article_id)
        if change is not None and change.field == "slots" and change.claim_id is not None:
            self.relink(change.claim_id)
        return change

    def relink(self, claim_id: int) -> StoredClaim:
        """Compare the claim's slots with its linked records again: new signals, new suggestion.

        Records from the reference pack get their signals again; a claim without linked
        evidence (added by hand before its slots were filled, say) is looked up afresh.
        """
        claim = self.claim(claim_id)
        linked = [e for e in claim.evidence or [] if e.source not in ("manual", "reviews")]
        if not linked:
            published = self.article(claim.article_id, with_claims=False).published
            bare = Claim(type=claim.type, text=claim.text, start=claim.start, end=claim.end,
                         sentence=claim.sentence, slots=claim.slots)  # fmt: skip
            found = link([bare], sources=self.sources, offline=self.offline, published=published)
            self.set_linking(claim_id, found[0].evidence, found[0].suggestion)
            return self._rematch(claim_id)
        packs = [
            init_source(s)
            for s in self._source_names()
            if s == "pack" or s is PackSource or isinstance(s, PackSource)
        ]
        for item in linked:
            for source in packs:
                record = source.record(item.record_id or "") if item.source == "pack" else None
                if record is not None:
                    item.signals = signals_for(claim, record, source.pack)
                    break
        self.set_linking(claim_id, linked, suggest(linked))
        return self._rematch(claim_id)

    def _source_names(self) -> list[Any]:
        return list(self.sources or DEFAULT_SOURCES)

    # -- earlier reviews as evidence ---------------------------------------------------------------

    def review_index(self) -> ReviewIndex:
        """The claims reviewed in this store and in the review packs, indexed for matching.

        Built once, then brought up to date from the history: only the claims changed since
        (verdicts given or taken back, slots corrected, detections rejected) are read again.
        """
        if self._index is not None:
            latest, changed = self.changed_claims(self._index_at)
            if changed is None:  # an import: read everything again
                self._index = None
            else:
                if changed:
                    for claim_id in changed:
                        self._index.remove(f"store:{claim_id}")
                    for item in self._reviewed(sorted(changed)):
                        self._index.add(item)
                self._index_at = latest
                return self._index
        self._index_at = self.last_change()  # read first: a change made meanwhile is read again
        self._index = ReviewIndex([*self._pack_reviews, *self._reviewed(None)])
        return self._index

    def _reviewed(self, claim_ids: list[int] | None) -> list[ReviewedClaim]:
        return reviewed_from_store(self.reviewed_claims(claim_ids), self.scale)

    def refresh_matches(self, article_id: int | None = None) -> int:
        """Match the claims of an article (default: every article) against the reviews there
        are now, replacing the matches they had; returns how many matches were found.

        A claim never matches its own review; it does match another claim of the same article.
        """
        if not self.match_reviews:
            return 0
        index = self.review_index()
        total = 0
        for current in [article_id] if article_id is not None else self.article_ids():
            article = self.article(current)
            found: dict[int, list[Evidence]] = {}
            for claim in article.active_claims:
                matches = index.match(claim, article.published, exclude=[f"store:{claim.id}"])
                found[claim.id] = [m.to_evidence() for m in matches]
                total += len(matches)
            self.set_matches(found)
        return total

    def _rematch(self, claim_id: int) -> StoredClaim:
        claim = self.claim(claim_id)
        if self.match_reviews:
            published = self.article(claim.article_id, with_claims=False).published
            matches = self.review_index().match(claim, published, exclude=[f"store:{claim_id}"])
            self.set_matches({claim_id: [m.to_evidence() for m in matches]})
            claim = self.claim(claim_id)
        return claim

    PICKER_LIMIT = 50  # a store with more articles gets no article picker by default

    def review(
        self, article_id: int | None = None, articles: list[int] | None = None, **options: Any
    ) -> ReviewPanel:
        """The review panel for an article (the latest one when no id is given).

        ``articles`` are the ids the panel's picker moves between (default: every article of a
        store with up to 50 of them).
        """
        from .widgets import ReviewPanel

        listed = self.article_ids()
        if not listed:
            raise InputError("the store has no article yet: add one with wb.add_article(text)")
        if article_id is None:
            article_id = listed[-1]
        elif article_id not in listed:
            self.article(article_id)  # raises with the message that names wb.articles()
        if articles is None:
            articles = listed if len(listed) <= self.PICKER_LIMIT else [article_id]
        return ReviewPanel(self, article_id, articles=articles, **options)


def _slots_for_span(
    text: str, published: str | None, model: str | None, start: int, end: int, claim_type: str
) -> Slots:
    """The slots the detector reads for the candidate that best covers ``start``..``end``.

    Every candidate counts, also those under the check-worthiness threshold; one of the same type
    wins over a larger overlap with another type. No candidate there: empty slots to fill in.
    """
    best: tuple[tuple[bool, int], Claim] | None = None
    for candidate in detect(spacy_text(text), published, model, include_all=True):
        overlap = min(end, candidate.end) - max(start, candidate.start)
        if overlap <= 0:
            continue
        rank = (candidate.type == claim_type, overlap)
        if best is None or rank > best[0]:
            best = (rank, candidate)
    return best[1].slots if best else Slots()


def _published(
    given: str | date | None, text: str, from_html: str | None, warnings: list[str]
) -> date | None:
    if given:
        try:
            return publication_date(given, "publication")
        except DataError as exc:
            raise DateError(f"{exc}: write it as YYYY-MM-DD") from None
    if from_html:
        found = page_date(from_html, warnings)
        if found is not None:
            return found
    return resolve_published(None, text)


def review(
    text: str | bytes,
    published: str | date | None = None,
    *,
    title: str | None = None,
    url: str | None = None,
    store: str | os.PathLike[str] | Workbench | None = None,
    reviewer: str | None = None,
    **options: Any,
) -> ReviewPanel:
    """One line from an article to its review panel: ``claimcheck.review(text, "2018-03-26")``.

    ``store`` is a path or a Workbench (default: ``CLAIMCHECK_STORE`` or
    ``claimcheck-reviews.sqlite`` in the working folder).
    """
    wb = store if isinstance(store, Workbench) else Workbench(store, reviewer=reviewer)
    article = wb.add_article(text, published, title=title, url=url)
    return wb.review(article.id, **options)
