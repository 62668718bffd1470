"""The SQLite review store: articles, claims, evidence, verdicts and the history of every change.

One file holds a whole review (or a classroom's). It is written the way notebooks need it:

- every user action is one transaction, committed before the call returns, so a kernel that dies
  loses nothing it had been told was saved;
- WAL mode and ``BEGIN IMMEDIATE`` let several kernels or processes write the same file: writers
  wait their turn (up to ``timeout`` seconds) instead of failing or overwriting each other;
- verdicts are kept per reviewer, so two trainees sharing a file never overwrite each other, and
  every change is in ``history`` with who, when, the old and the new value (undo reads it back);
- the file says what it is (SQLite ``application_id``) and which schema it has (``user_version``);
  a file that is not a claimcheck store, or comes from a newer claimcheck, is refused untouched.

This module only stores; detection and linking happen in :mod:`claimcheck.workbench`.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from .errors import ReviewError, StoreError
from .files import give_mode
from .model import (
    DEFAULT_SCALE,
    REVIEW_STATUSES,
    Article,
    Claim,
    DateValue,
    Evidence,
    Slots,
    Suggestion,
    Verdict,
    VerdictScale,
)

APPLICATION_ID = 0x63636B31  # "cck1": marks the file as a claimcheck store
SQLITE_MAGIC = b"SQLite format 3\x00"

_SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL,
    text_sha1 TEXT NOT NULL,
    published TEXT,
    title TEXT,
    url TEXT,
    source_format TEXT NOT NULL DEFAULT 'text',
    warnings TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX articles_text ON articles(text_sha1);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    key TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('detected', 'manual')),
    type TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    sentence TEXT NOT NULL DEFAULT '',
    score REAL NOT NULL DEFAULT 0,
    cues TEXT NOT NULL DEFAULT '[]',
    slots TEXT NOT NULL,
    detected_slots TEXT NOT NULL,
    suggestion TEXT,
    rejected INTEGER NOT NULL DEFAULT 0,
    reject_reason TEXT NOT NULL DEFAULT '',
    removed INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX claims_article ON claims(article_id, start);
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    rank INTEGER NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('linked', 'manual')),
    data TEXT NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX evidence_claim ON evidence(claim_id, rank);
CREATE TABLE reviews (
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    reviewer TEXT NOT NULL,
    status TEXT NOT NULL,
    label TEXT,
    rationale TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (claim_id, reviewer)
);
CREATE INDEX reviews_reviewer ON reviews(reviewer, claim_id);
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    action TEXT NOT NULL,
    article_id INTEGER,
    claim_id INTEGER,
    field TEXT NOT NULL,
    old TEXT,
    new TEXT,
    undoes INTEGER,
    undone_by INTEGER
);
CREATE INDEX history_claim ON history(claim_id, id);
CREATE INDEX history_reviewer ON history(reviewer, id);
"""


# MIGRATIONS[n] brings a store from schema n to n + 1. Each runs in one transaction with the
# version bump, so a store is never left half-migrated. Append; never edit a released step.
def _run_script(conn: sqlite3.Connection, script: str) -> None:
    """Several statements inside the caller's transaction (``executescript`` would commit)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _create_v1(conn: sqlite3.Connection) -> None:
    _run_script(conn, _SCHEMA_V1)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_create_v1]


def schema_version() -> int:
    """The schema this claimcheck writes."""
    return len(MIGRATIONS)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def _dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class StoredClaim(Claim):
    """A claim as the store keeps it: ``id`` is the store's integer id, ``key`` the detector's."""

    article_id: int = 0
    key: str = ""
    origin: str = "detected"
    rejected: bool = False
    reject_reason: str = ""
    detected_slots: Slots | None = None

    @property
    def corrected(self) -> list[str]:
        """The slots a reviewer has changed from what was detected."""
        if self.detected_slots is None:
            return []
        now, before = self.slots.to_dict(), self.detected_slots.to_dict()
        return [name for name in now if now[name] != before.get(name)]


@dataclass
class StoredArticle(Article):
    """An article in the store, with its id and its claims (rejected ones included, marked)."""

    id: int = 0
    created_at: str = ""

    @property
    def active_claims(self) -> list[StoredClaim]:
        return [c for c in self.claims if not getattr(c, "rejected", False)]


@dataclass
class Change:
    """One row of the history: who changed what, when, from what to what."""

    id: int
    at: str
    reviewer: str
    action: str
    article_id: int | None
    claim_id: int | None
    field: str
    old: Any
    new: Any
    undoes: int | None = None
    undone_by: int | None = None


@dataclass
class Progress:
    """How far a reviewer is through an article's claims (rejected detections not counted)."""

    total: int
    done: int = 0
    skipped: int = 0
    in_progress: int = 0
    by_label: dict[str, int] = field(default_factory=dict)

    @property
    def unreviewed(self) -> int:
        return self.total - self.done - self.skipped - self.in_progress

    def __str__(self) -> str:
        text = f"{self.done} of {self.total} reviewed"
        if self.skipped:
            text += f", {self.skipped} skipped"
        return text


class Store:
    """A review store on disk. Open it with ``Store(path)``; see the module docstring."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        scale: VerdictScale | None = None,
        reviewer: str = "",
        timeout: float = 30.0,
        readonly: bool = False,
    ) -> None:
        self.path = Path(path)
        self.reviewer = reviewer
        self.readonly = readonly
        self._timeout = timeout
        self._lock = threading.RLock()
        self._connect(scale)

    def _connect(self, scale: VerdictScale | None) -> None:
        self._lost: str | None = None  # why the file can no longer be used, once it is gone
        self._file_id: tuple[int, ...] | None = None
        self._created_at: str | None = None
        # The file itself; ``path`` may be renamed for messages (``new_store`` builds a store
        # under a temporary name and gives it the name it will have).
        self._file = self.path
        self._check_file()
        try:
            uri = {"uri": True} if self.readonly else {}
            self._connection = sqlite3.connect(
                self._readonly_uri() if self.readonly else self.path,
                **uri,
                timeout=self._timeout,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the review store ({exc})") from exc
        try:
            self._open(scale)
        except sqlite3.OperationalError as exc:
            self._connection.close()
            if _read_only(exc):
                raise self._read_only_error(str(exc)) from exc
            raise StoreError(f"{self.path}: cannot open the review store ({exc})") from exc
        except sqlite3.DatabaseError as exc:
            self._connection.close()
            raise StoreError(
                f"{self.path}: the review store is damaged ({exc}); restore a copy, or start a new "
                "store under another name"
            ) from exc
        except BaseException:
            self._connection.close()
            raise
        self._created_at = self._meta("created_at")
        self._file_id = _file_identity(self._file)
        self._journals = {j: _file_identity(j) for j in self._journal_paths()}

    def _journal_paths(self) -> list[Path]:
        return [Path(f"{self._file}{suffix}") for suffix in ("-wal", "-shm")]

    # -- opening -------------------------------------------------------------------------------

    def _check_file(self) -> None:
        path = self.path
        if path.is_dir():
            raise StoreError(f"{path} is a folder: give a file name for the review store")
        if not path.exists():
            if self.readonly:
                raise StoreError(
                    f"{path}: no such review store; give the .sqlite file the review wrote"
                )
            if not path.parent.exists():
                raise StoreError(f"{path.parent} does not exist: create the folder first")
        elif path.stat().st_size == 0:
            if self.readonly:
                raise StoreError(
                    f"{path} is empty, not a claimcheck review store; it was left untouched: "
                    "give the .sqlite file the review wrote"
                )
            # an empty file becomes a new store
        else:
            with path.open("rb") as handle:
                head = handle.read(len(SQLITE_MAGIC))
            if head != SQLITE_MAGIC:
                raise StoreError(
                    f"{path} is not a claimcheck review store (not an SQLite file); it was left "
                    "untouched: give another file name"
                )
        if not self.readonly:
            self._check_writable()

    def _check_writable(self) -> None:
        """Refuse a store this process cannot write before SQLite opens it.

        SQLite would open it all the same and fail at the first change; a store in WAL mode
        opened so also gets -wal and -shm files beside it that are never removed.
        """
        path = self.path
        if path.exists() and not os.access(path, os.W_OK):
            raise self._read_only_error("the file cannot be written")
        journals = self._journal_paths()
        for journal in journals:
            if journal.exists() and not os.access(journal, os.W_OK):
                raise self._read_only_error(f"{journal.name} beside it cannot be written")
        if path.exists() and all(journal.exists() for journal in journals):
            return  # another kernel has it open: nothing needs to be created in the folder
        if not os.access(path.parent, os.W_OK | os.X_OK):
            raise self._read_only_error(f"its folder {path.parent} cannot be written")

    def _read_only_error(self, why: str) -> StoreError:
        return StoreError(
            f"the store {self.path} is read-only ({why}); nothing was changed: make it writable, "
            "copy it somewhere writable, or give another file name"
        )

    def _readonly_uri(self) -> str:
        """An SQLite URI that reads the file without writing it or anything beside it.

        With no write-ahead log beside the store (no writer has it open, none died mid-way),
        the file is opened as immutable: SQLite then creates no -wal/-shm files either.
        Otherwise it joins the writers' log read-only, with the files they already made.
        """
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        if not Path(f"{self.path}-wal").exists():
            uri += "&immutable=1"
        return uri

    def _open(self, scale: VerdictScale | None) -> None:
        conn = self._connection
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and (tables or version):
            raise StoreError(
                f"{self.path} is an SQLite database but not a claimcheck review store; it was left "
                "untouched: give another file name"
            )
        if version > schema_version():
            raise StoreError(
                f"{self.path} was written by a newer claimcheck (store schema {version}, this "
                f"version knows {schema_version()}); upgrade claimcheck to open it"
            )
        if self.readonly:
            if version < schema_version():
                raise StoreError(
                    f"{self.path} is not a claimcheck review store yet (or an older one): open "
                    "it with Workbench(path) once, or give the .sqlite file the review wrote"
                )
            self._scale = VerdictScale.from_dict(json.loads(self._meta("scale")))
            return
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # in WAL mode: durable when a process dies
        conn.execute("PRAGMA foreign_keys=ON")
        if version < schema_version():
            self._migrate(version, scale)
        self._scale = VerdictScale.from_dict(json.loads(self._meta("scale")))
        if scale is not None and scale.to_dict() != self._scale.to_dict():
            self.set_scale(scale)

    def _migrate(self, version: int, scale: VerdictScale | None) -> None:
        with self._write() as conn:
            # Read again under the write lock: another process may have migrated meanwhile.
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            for step in range(current, schema_version()):
                MIGRATIONS[step](conn)
            if current == 0:
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('scale', ?), ('created_at', ?)",
                    (json.dumps((scale or DEFAULT_SCALE).to_dict()), _now()),
                )
            conn.execute(f"PRAGMA user_version={schema_version()}")
        # The file itself (not only the journal) then says which store it is.
        self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()

    def _meta(self, key: str) -> str:
        row = self._connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: the store has no {key!r} setting; it is damaged")
        return row[0]

    @property
    def _conn(self) -> sqlite3.Connection:
        """The connection, once the file is known to be the one this store opened."""
        self._check_still_there()
        return self._connection

    def _check_still_there(self) -> None:
        """Refuse to go on when the file was deleted, moved or replaced under this kernel.

        SQLite would go on writing into a deleted file (the data vanish when the kernel stops) or
        into a file that is now another store. A changed size or time (another kernel's writes, or
        a file copied over this one) is checked by reading the store's creation time from the file
        itself. Once the file is gone, every action is refused with the same message.
        """
        if self._lost is None and self._file_id is not None:
            now = _file_identity(self._file)
            if now is None:
                self._abandon("was deleted or moved", same_file=False)
            elif now[:2] != self._file_id[:2]:
                self._abandon("was replaced by another file", same_file=False)
            elif now != self._file_id:
                if _created_at_on_disk(self._file) not in (self._created_at, None):
                    self._abandon("was overwritten with another store", same_file=True)
                else:
                    self._file_id = now
        if self._lost is not None:
            raise StoreError(self._lost)

    def _abandon(self, what: str, same_file: bool) -> None:
        """Stop using a file that is no longer this store's, keeping what this kernel holds.

        The connection still reads the old store (a deleted or renamed file stays readable while
        it is open), so it is copied to a new file beside it first. Then the connection is closed,
        which also removes its journal, so nobody opening the path later reads stale pages. When
        another store was copied over the same file, this kernel's journal is emptied first: closing
        would otherwise write old pages into the new file.
        """
        rescued = None
        if not same_file:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
            target = self._file.with_name(f"{self.path.stem}.rescued-{stamp}{self.path.suffix}")
            try:
                self.rescue(target)
                rescued = target
            except (sqlite3.Error, OSError, StoreError):
                rescued = None
        else:
            try:
                with open(f"{self._file}-wal", "r+b") as journal:
                    journal.truncate(0)
            except OSError:
                pass
        with suppress(sqlite3.Error):
            self._connection.close()
        # SQLite keeps the journal of a deleted file; left there, a store opened at the same path
        # would read it as its own. Only this store's own journal files are removed.
        for journal, identity in self._journals.items():
            now = _file_identity(journal)
            if identity is not None and now is not None and now[:2] == identity[:2]:
                journal.unlink(missing_ok=True)
        kept = (
            f"what this kernel had is saved in {rescued}"
            if rescued
            else "what this kernel had could not be saved"
        )
        self._lost = (
            f"{self.path} {what} while this kernel had it open, so this action was refused and "
            f"nothing more is written; {kept}; wb.reset() opens the store at {self.path} again "
            "(a new, empty one if the file is gone)"
        )

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction that takes the write lock at once and commits (or rolls back) at exit."""
        if self.readonly:
            raise StoreError(
                f"{self.path} was opened read-only: open it with Store(path) to change it"
            )
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(
                    f"{self.path}: the store is busy or read-only ({exc}); try again"
                ) from exc
            try:
                # The same inode can hold another store (a file copied over this one).
                if self._created_at is not None:
                    row = conn.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()
                    if row is None or row[0] != self._created_at:
                        raise _Replaced
                yield conn
            except _Replaced:
                conn.execute("ROLLBACK")
                self._abandon("was overwritten with another store", same_file=True)
                raise StoreError(self._lost) from None
            except sqlite3.OperationalError as exc:
                conn.execute("ROLLBACK")
                if _read_only(exc):  # made read-only by another way than its permissions
                    raise self._read_only_error(str(exc)) from exc
                raise
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
                self._file_id = _file_identity(self._file)  # this kernel's own change

    def close(self) -> None:
        self._connection.close()

    def rescue(self, path: str | os.PathLike[str]) -> Path:
        """Copy everything this store holds to a new file (a backup; also a way out of trouble)."""
        if self._lost is not None:
            raise StoreError(self._lost)
        target = Path(path)
        if target.exists():
            raise StoreError(f"{target} already exists: give the name of a new file")
        if not target.parent.exists():
            raise StoreError(f"{target.parent} does not exist: create the folder first")
        with self._lock:
            copy = sqlite3.connect(target)
            try:
                self._connection.backup(copy)
            finally:
                copy.close()
        return target

    def reset(self) -> None:
        """Open the store at ``path`` again: the file there now, or a new empty store if it is gone.

        For a store whose file was deleted or replaced under a running kernel (its actions are
        refused from then on); afterwards run the notebook again to add the articles back.
        """
        with self._lock:
            if self._lost is None:
                self._connection.close()
            self._connect(None)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self.path)!r})"

    @property
    def created_at(self) -> str:
        """When the store was made (it tells two stores of the same name apart)."""
        return self._created_at or ""

    # -- the verdict scale ---------------------------------------------------------------------

    @property
    def scale(self) -> VerdictScale:
        return self._scale

    def set_scale(self, scale: VerdictScale) -> None:
        """Change this store's verdict scale; labels already given must stay in it."""
        with self._write() as conn:
            used = {
                r[0]
                for r in conn.execute("SELECT DISTINCT label FROM reviews WHERE label IS NOT NULL")
            }
            missing = sorted(used - set(scale.keys))
            if missing:
                raise ReviewError(
                    f"the new verdict scale lacks labels already used in {self.path}: "
                    f"{', '.join(missing)}; keep them in the scale"
                )
            conn.execute(
                "UPDATE meta SET value = ? WHERE key = 'scale'", (json.dumps(scale.to_dict()),)
            )
            self._record(conn, "scale", None, None, "scale", self._scale.to_dict(), scale.to_dict())
        self._scale = scale

    # -- articles and claims -------------------------------------------------------------------

    def find_article(self, text: str, published: str | None = None) -> int | None:
        """The id of an article with this exact text and date, if the store has one."""
        return self._find_article(self._conn, text, published)

    @staticmethod
    def _find_article(conn: sqlite3.Connection, text: str, published: str | None) -> int | None:
        # The first copy: a store written before articles were added once may hold several.
        row = conn.execute(
            "SELECT id FROM articles WHERE text_sha1 = ? AND published IS ? ORDER BY id LIMIT 1",
            (text_sha1(text), published),
        ).fetchone()
        return row[0] if row else None

    def insert_article(
        self, article: Article, reviewer: str | None = None, *, reuse: bool = False
    ) -> StoredArticle:
        """Store an article with its (detected, perhaps linked) claims in one transaction.

        With ``reuse``, an article with the same text and date already in the store is returned
        instead. It is looked up inside the transaction that would add it, so kernels that add
        the same article at once store it once and all review that one.
        """
        who = self._who(reviewer)
        now = _now()
        with self._write() as conn:
            existing = self._find_article(conn, article.text, article.published) if reuse else None
            if existing is not None:
                return self.article(existing)
            cur = conn.execute(
                "INSERT INTO articles (text, text_sha1, published, title, url, source_format, "
                "warnings, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.text,
                    text_sha1(article.text),
                    article.published,
                    article.title,
                    article.url,
                    article.source_format,
                    json.dumps(article.warnings),
                    now,
                    who,
                ),
            )
            article_id = cur.lastrowid
            for claim in article.claims:
                self._insert_claim(conn, article_id, claim, "detected", who, now)
            self._record(
                conn,
                "add_article",
                article_id,
                None,
                "article",
                None,
                {"claims": len(article.claims), "title": article.title},
            )
        return self.article(article_id)

    def _insert_claim(
        self,
        conn: sqlite3.Connection,
        article_id: int,
        claim: Claim,
        origin: str,
        who: str,
        now: str,
    ) -> int:
        slots = _dumps(claim.slots.to_dict())
        cur = conn.execute(
            'INSERT INTO claims (article_id, key, origin, type, start, "end", text, sentence, '
            "score, cues, slots, detected_slots, suggestion, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                claim.id,
                origin,
                claim.type,
                claim.start,
                claim.end,
                claim.text,
                claim.sentence,
                claim.score,
                json.dumps(claim.cues),
                slots,
                slots,
                _dumps(claim.suggestion.to_dict()) if claim.suggestion else None,
                now,
                who,
            ),
        )
        claim_id = cur.lastrowid
        for rank, evidence in enumerate(claim.evidence or []):
            conn.execute(
                "INSERT INTO evidence (claim_id, rank, origin, data, created_at, created_by) "
                "VALUES (?, ?, 'linked', ?, ?, ?)",
                (claim_id, rank, _dumps(evidence.to_dict()), now, who),
            )
        return claim_id

    def article(self, article_id: int, with_claims: bool = True) -> StoredArticle:
        """An article with its claims (rejected ones included, marked)."""
        row = self._conn.execute(
            "SELECT id, text, published, title, url, source_format, warnings, created_at "
            "FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise ReviewError(f"the store has no article {article_id}: see wb.articles()")
        return StoredArticle(
            id=row[0],
            text=row[1],
            published=row[2],
            title=row[3],
            url=row[4],
            source_format=row[5],
            warnings=json.loads(row[6]),
            created_at=row[7],
            claims=self.claims(article_id, include_rejected=True) if with_claims else [],
        )

    def articles(self) -> list[dict[str, Any]]:
        """A line per article: id, title, published, url and how many claims it has."""
        rows = self._conn.execute(
            "SELECT a.id, a.title, a.published, a.url, a.created_at, "
            "(SELECT count(*) FROM claims c WHERE c.article_id = a.id AND NOT c.rejected "
            "AND NOT c.removed) FROM articles a ORDER BY a.id"
        )
        keys = ("id", "title", "published", "url", "created_at", "claims")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def article_ids(self) -> list[int]:
        """Every article's id, in order (quicker than ``articles()`` on a large store)."""
        return [row[0] for row in self._conn.execute("SELECT id FROM articles ORDER BY id")]

    def article_titles(self, article_ids: list[int]) -> dict[int, str | None]:
        """Article id -> title for the articles named."""
        titles: dict[int, str | None] = {}
        for start in range(0, len(article_ids), 500):
            batch = article_ids[start : start + 500]
            titles.update(
                self._conn.execute(
                    f"SELECT id, title FROM articles WHERE id IN ({','.join('?' * len(batch))})",
                    batch,
                ).fetchall()
            )
        return titles

    _CLAIM_COLUMNS = (
        'id, article_id, key, origin, type, start, "end", text, sentence, score, cues, slots, '
        "detected_slots, suggestion, rejected, reject_reason"
    )

    def claims(self, article_id: int, include_rejected: bool = False) -> list[StoredClaim]:
        """The article's claims in reading order, with their evidence."""
        where = "article_id = ? AND NOT removed" + ("" if include_rejected else " AND NOT rejected")
        rows = self._conn.execute(
            f'SELECT {self._CLAIM_COLUMNS} FROM claims WHERE {where} ORDER BY start, "end", id',
            (article_id,),
        ).fetchall()
        evidence = self._evidence_for([r[0] for r in rows])
        return [self._claim_from_row(row, evidence.get(row[0], [])) for row in rows]

    def claim(self, claim_id: int) -> StoredClaim:
        row = self._conn.execute(
            f"SELECT {self._CLAIM_COLUMNS} FROM claims WHERE id = ? AND NOT removed", (claim_id,)
        ).fetchone()
        if row is None:
            raise ReviewError(f"the store has no claim {claim_id}: see wb.article(id).claims")
        return self._claim_from_row(row, self._evidence_for([claim_id]).get(claim_id, []))

    def _evidence_for(self, claim_ids: list[int]) -> dict[int, list[Evidence]]:
        out: dict[int, list[Evidence]] = {}
        for start in range(0, len(claim_ids), 500):
            batch = claim_ids[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = self._conn.execute(
                f"SELECT claim_id, id, origin, data FROM evidence WHERE claim_id IN ({marks}) "
                "AND NOT removed ORDER BY claim_id, origin = 'manual', rank, id",
                batch,
            )
            for claim_id, evidence_id, origin, data in rows:
                item = Evidence.from_dict(json.loads(data))
                if origin == "manual":
                    item.record_id = item.record_id or f"manual:{evidence_id}"
                out.setdefault(claim_id, []).append(item)
        return out

    @staticmethod
    def _claim_from_row(row: tuple, evidence: list[Evidence]) -> StoredClaim:
        suggestion = _loads(row[13])
        return StoredClaim(
            id=row[0],  # type: ignore[arg-type]  # the store's ids are integers
            article_id=row[1],
            key=row[2],
            origin=row[3],
            type=row[4],
            start=row[5],
            end=row[6],
            text=row[7],
            sentence=row[8],
            score=row[9],
            cues=json.loads(row[10]),
            slots=Slots.from_dict(json.loads(row[11])),
            detected_slots=Slots.from_dict(json.loads(row[12])),
            suggestion=Suggestion.from_dict(suggestion),
            evidence=evidence,
            rejected=bool(row[14]),
            reject_reason=row[15],
        )

    def _claim_article(self, conn: sqlite3.Connection, claim_id: int) -> int:
        row = conn.execute(
            "SELECT article_id FROM claims WHERE id = ? AND NOT removed", (claim_id,)
        ).fetchone()
        if row is None:
            raise ReviewError(f"the store has no claim {claim_id}: see wb.article(id).claims")
        return row[0]

    # -- review actions: each is one transaction with its history row -----------------------

    def _who(self, reviewer: str | None) -> str:
        return self.reviewer if reviewer is None else str(reviewer)

    def set_verdict(
        self, claim_id: int, label: str, rationale: str = "", reviewer: str | None = None
    ) -> Verdict:
        """Record a reviewer's verdict (and marks the claim done for them)."""
        if label not in self._scale.keys:
            raise ReviewError(
                f"unknown verdict {label!r}: use one of {', '.join(self._scale.keys)}"
            )
        if label in self.rationale_required and not str(rationale or "").strip():
            name = self._scale.get(label).label  # type: ignore[union-attr]
            raise ReviewError(
                f"this store asks for a rationale with {name}: write what the record says, "
                "then choose the verdict again"
            )
        return self._set_review(
            claim_id,
            {"status": "done", "label": label, "rationale": str(rationale or "")},
            reviewer,
            "verdict",
        )

    @property
    def rationale_required(self) -> list[str]:
        """The verdicts that need a rationale in this store (setting ``require_rationale``)."""
        value = self.settings().get("require_rationale", "")
        return [k for k in value.split(",") if k]

    def set_rationale(self, claim_id: int, rationale: str, reviewer: str | None = None) -> Verdict:
        """Save a rationale (a note while reviewing) without changing the verdict."""
        current = self._review(self._conn, claim_id, self._who(reviewer))
        new = dict(current or {"status": "in_progress", "label": None})
        new["rationale"] = str(rationale or "")
        return self._set_review(claim_id, new, reviewer, "rationale")

    def set_status(self, claim_id: int, status: str, reviewer: str | None = None) -> Verdict:
        """Mark a claim unreviewed, in progress, done or skipped for a reviewer."""
        if status not in REVIEW_STATUSES:
            raise ReviewError(f"unknown status {status!r}: use one of {', '.join(REVIEW_STATUSES)}")
        current = self._review(self._conn, claim_id, self._who(reviewer))
        new = dict(current or {"label": None, "rationale": ""})
        new["status"] = status
        return self._set_review(claim_id, new, reviewer, "status")

    def clear_verdict(self, claim_id: int, reviewer: str | None = None) -> None:
        self._set_review(claim_id, None, reviewer, "clear")

    def _set_review(
        self, claim_id: int, new: dict[str, Any] | None, reviewer: str | None, action: str
    ) -> Verdict:
        who = self._who(reviewer)
        with self._write() as conn:
            article_id = self._claim_article(conn, claim_id)
            old = self._review(conn, claim_id, who)
            at = self._put_review(conn, claim_id, who, new)
            self._record(conn, action, article_id, claim_id, "review", old, new, who)
        new = new or {"status": "unreviewed", "label": None, "rationale": ""}
        return Verdict(claim_id, new["label"], new["rationale"], who, new["status"], at)

    @staticmethod
    def _review(conn: sqlite3.Connection, claim_id: int, reviewer: str) -> dict[str, Any] | None:
        row = conn.execute(
            "SELECT status, label, rationale FROM reviews WHERE claim_id = ? AND reviewer = ?",
            (claim_id, reviewer),
        ).fetchone()
        return {"status": row[0], "label": row[1], "rationale": row[2]} if row else None

    @staticmethod
    def _put_review(
        conn: sqlite3.Connection, claim_id: int, reviewer: str, value: dict[str, Any] | None
    ) -> str:
        at = _now()
        if value is None:
            conn.execute(
                "DELETE FROM reviews WHERE claim_id = ? AND reviewer = ?", (claim_id, reviewer)
            )
        else:
            conn.execute(
                "INSERT INTO reviews (claim_id, reviewer, status, label, rationale, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (claim_id, reviewer) DO UPDATE SET "
                "status = excluded.status, label = excluded.label, "
                "rationale = excluded.rationale, updated_at = excluded.updated_at",
                (claim_id, reviewer, value["status"], value["label"], value["rationale"], at),
            )
        return at

    def verdict(self, claim_id: int, reviewer: str | None = None) -> Verdict | None:
        """The latest verdict on a claim: a reviewer's own, or anybody's when reviewer is None."""
        query = (
            "SELECT claim_id, label, rationale, reviewer, status, updated_at FROM reviews "
            "WHERE claim_id = ? AND label IS NOT NULL"
        )
        params: tuple = (claim_id,)
        if reviewer is not None:
            query += " AND reviewer = ?"
            params += (reviewer,)
        row = self._conn.execute(query + " ORDER BY updated_at DESC, rowid DESC", params).fetchone()
        return Verdict(*row) if row else None

    def reviews(
        self,
        article_id: int | None = None,
        reviewer: str | None = None,
        claim_id: int | None = None,
    ) -> list[Verdict]:
        """Every review row (verdicts, skips, notes), for an article, a reviewer and/or a claim."""
        query = (
            "SELECT r.claim_id, r.label, r.rationale, r.reviewer, r.status, r.updated_at "
            "FROM reviews r JOIN claims c ON c.id = r.claim_id WHERE NOT c.removed"
        )
        params: list[Any] = []
        if article_id is not None:
            query += " AND c.article_id = ?"
            params.append(article_id)
        if reviewer is not None:
            query += " AND r.reviewer = ?"
            params.append(reviewer)
        if claim_id is not None:
            query += " AND r.claim_id = ?"
            params.append(claim_id)
        rows = self._conn.execute(query + " ORDER BY c.article_id, c.start, r.reviewer", params)
        return [Verdict(*row) for row in rows]

    def reviewers(self) -> list[str]:
        return [
            r[0] for r in self._conn.execute("SELECT DISTINCT reviewer FROM reviews ORDER BY 1")
        ]

    def correct_slots(
        self, claim_id: int, reviewer: str | None = None, **changes: Any
    ) -> StoredClaim:
        """Correct what was detected (``count=25``, ``date="2018-03-26"``, ``actor="Canada"``).

        A date may be given as ISO text (a day, YYYY-MM or YYYY) or as a dict with ``text``,
        ``start``, ``end`` and ``precision``; None clears a slot.
        """
        names = Slots._names()
        unknown = sorted(set(changes) - names)
        if unknown:
            raise ReviewError(f"unknown slot {', '.join(unknown)}: use {', '.join(sorted(names))}")
        values = {name: _slot_value(name, value) for name, value in changes.items()}
        who = self._who(reviewer)
        with self._write() as conn:
            article_id = self._claim_article(conn, claim_id)
            current = json.loads(
                conn.execute("SELECT slots FROM claims WHERE id = ?", (claim_id,)).fetchone()[0]
            )
            old = {name: current.get(name) for name in values}
            new = {name: value for name, value in values.items() if current.get(name) != value}
            if new:
                current.update(new)
                conn.execute(
                    "UPDATE claims SET slots = ? WHERE id = ?", (_dumps(current), claim_id)
                )
                old = {name: old[name] for name in new}
                self._record(conn, "correct", article_id, claim_id, "slots", old, new, who)
        return self.claim(claim_id)

    def add_claim(
        self,
        article_id: int,
        start: int,
        end: int,
        claim_type: str,
        reviewer: str | None = None,
        slots: Slots | None = None,
        evidence: list[Evidence] | None = None,
        suggestion: Suggestion | None = None,
    ) -> StoredClaim:
        """Add a claim the detector missed, by its character offsets in the article.

        Spaces around the words are left out; a claim with the same words as one already there
        is refused (it names the claim to select, or to restore if it was rejected).
        """
        who = self._who(reviewer)
        text = self.article_text(article_id)
        if not (0 <= start < end <= len(text)):
            raise ReviewError(
                f"offsets {start}..{end} are outside the article (0..{len(text)}): select text "
                "inside it"
            )
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        snippet = text[start:end]
        if not snippet:
            raise ReviewError("the selected text is empty: select the words of the claim")
        claim = Claim(
            type=claim_type,
            text=snippet,
            start=start,
            end=end,
            sentence=_sentence_around(text, start, end),
            score=1.0,
            cues=["added_by_reviewer"],
            slots=slots or Slots(),
            evidence=list(evidence or []),
            suggestion=suggestion,
        )
        now = _now()
        with self._write() as conn:
            same = conn.execute(
                'SELECT id, type, rejected FROM claims WHERE article_id = ? AND start = ? AND "end" = ? '
                "AND NOT removed ORDER BY id LIMIT 1",
                (article_id, start, end),
            ).fetchone()
            if same is not None:
                where = (
                    "it was rejected: show the rejected claims (Status filter) and restore it"
                    if same[2]
                    else "select it in the list"
                )
                raise ReviewError(
                    f"that claim is already there (claim {same[0]}, {same[1].replace('_', ' ')}): "
                    f"{where}"
                )
            claim_id = self._insert_claim(conn, article_id, claim, "manual", who, now)
            self._record(conn, "add_claim", article_id, claim_id, "removed", True, False, who)
        return self.claim(claim_id)

    def set_linking(
        self, claim_id: int, evidence: list[Evidence], suggestion: Suggestion | None
    ) -> StoredClaim:
        """Replace a claim's linked evidence (signals included) and its suggested verdict.

        What linking derives from the slots, written again after a correction; evidence added by
        hand is kept. Not in the history: undoing the correction links again.
        """
        now = _now()
        with self._write() as conn:
            self._claim_article(conn, claim_id)
            conn.execute(
                "DELETE FROM evidence WHERE claim_id = ? AND origin = 'linked'", (claim_id,)
            )
            for rank, item in enumerate(evidence):
                conn.execute(
                    "INSERT INTO evidence (claim_id, rank, origin, data, created_at, created_by) "
                    "VALUES (?, ?, 'linked', ?, ?, '')",
                    (claim_id, rank, _dumps(item.to_dict()), now),
                )
            conn.execute(
                "UPDATE claims SET suggestion = ? WHERE id = ?",
                (_dumps(suggestion.to_dict()) if suggestion else None, claim_id),
            )
        return self.claim(claim_id)

    # -- earlier reviews that claims match (see claimcheck.matching) ----------------------------

    def reviewed_claims(self, claim_ids: list[int] | None = None) -> list[dict[str, Any]]:
        """Claims with a verdict (all, or those named), each with its latest verdict and its
        article: what matching compares new claims with. Rejected and removed claims are left out.
        """
        query = (
            "SELECT c.id, c.article_id, c.type, c.text, c.slots, a.published, a.title, a.url, "
            "r.label, r.reviewer, r.rationale, r.updated_at FROM reviews r "
            "JOIN claims c ON c.id = r.claim_id JOIN articles a ON a.id = c.article_id "
            "WHERE r.label IS NOT NULL AND NOT c.removed AND NOT c.rejected"
        )
        keys = ("claim_id", "article_id", "type", "text", "slots", "published", "title", "url",
                "label", "reviewer", "rationale", "reviewed_at")  # fmt: skip
        batches: list[list[int] | None] = [None]
        if claim_ids is not None:
            batches = [claim_ids[i : i + 500] for i in range(0, len(claim_ids), 500)]
        latest: dict[int, dict[str, Any]] = {}
        for batch in batches:
            where, params = "", []
            if batch is not None:
                where, params = f" AND c.id IN ({','.join('?' * len(batch))})", batch
            for row in self._conn.execute(query + where, params):
                item = dict(zip(keys, row, strict=True))
                seen = latest.get(item["claim_id"])
                if seen is None or (item["reviewed_at"], item["reviewer"]) > (
                    seen["reviewed_at"],
                    seen["reviewer"],
                ):
                    latest[item["claim_id"]] = item
        for item in latest.values():
            item["slots"] = Slots.from_dict(json.loads(item["slots"]))
        return [latest[claim_id] for claim_id in sorted(latest)]

    def last_change(self) -> int:
        """The id of the latest row of the history (0 for a new store)."""
        return self._conn.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0]

    def changed_claims(self, since: int) -> tuple[int, set[int] | None]:
        """The claims changed after history row ``since``: (the latest row, their ids), or None
        for the ids when everything may have changed (an import, a new verdict scale)."""
        rows = self._conn.execute(
            "SELECT id, action, claim_id FROM history WHERE id > ? ORDER BY id", (since,)
        ).fetchall()
        if not rows:
            return since, set()
        if any(action in ("import", "scale") for _, action, _ in rows):
            return rows[-1][0], None
        return rows[-1][0], {claim_id for _, _, claim_id in rows if claim_id is not None}

    def set_matches(self, matches: dict[int, list[Evidence]]) -> None:
        """Replace claims' matches with earlier reviews (evidence of source ``reviews``), claim
        id -> its matches, in one transaction.

        Like linking, derived data: not in the history; ``Workbench.refresh_matches`` makes it
        again. The matches come after the claim's other linked evidence.
        """
        now = _now()
        with self._write() as conn:
            for claim_id, evidence in matches.items():
                self._claim_article(conn, claim_id)
                conn.execute(
                    "DELETE FROM evidence WHERE claim_id = ? AND origin = 'linked' "
                    "AND json_extract(data, '$.source') = 'reviews'",
                    (claim_id,),
                )
                rank = conn.execute(
                    "SELECT coalesce(max(rank), -1) + 1 FROM evidence WHERE claim_id = ? "
                    "AND origin = 'linked'",
                    (claim_id,),
                ).fetchone()[0]
                for offset, item in enumerate(evidence):
                    conn.execute(
                        "INSERT INTO evidence (claim_id, rank, origin, data, created_at, "
                        "created_by) VALUES (?, ?, 'linked', ?, ?, '')",
                        (claim_id, rank + offset, _dumps(item.to_dict()), now),
                    )

    def article_text(self, article_id: int) -> str:
        row = self._conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise ReviewError(f"the store has no article {article_id}: see wb.articles()")
        return row[0]

    def reject_claim(self, claim_id: int, reason: str = "", reviewer: str | None = None) -> None:
        """Mark a detection as false: it leaves the review but stays in the store and the history."""
        self._set_rejected(claim_id, True, str(reason or ""), reviewer)

    def restore_claim(self, claim_id: int, reviewer: str | None = None) -> None:
        self._set_rejected(claim_id, False, "", reviewer)

    def _set_rejected(
        self, claim_id: int, rejected: bool, reason: str, reviewer: str | None
    ) -> None:
        who = self._who(reviewer)
        with self._write() as conn:
            article_id = self._claim_article(conn, claim_id)
            row = conn.execute(
                "SELECT rejected, reject_reason FROM claims WHERE id = ?", (claim_id,)
            ).fetchone()
            old = {"rejected": bool(row[0]), "reason": row[1]}
            new = {"rejected": rejected, "reason": reason}
            conn.execute(
                "UPDATE claims SET rejected = ?, reject_reason = ? WHERE id = ?",
                (int(rejected), reason, claim_id),
            )
            action = "reject" if rejected else "restore"
            self._record(conn, action, article_id, claim_id, "rejected", old, new, who)

    def add_evidence(
        self,
        claim_id: int,
        url: str | None = None,
        note: str = "",
        title: str | None = None,
        date: str | None = None,
        publisher: str | None = None,
        reviewer: str | None = None,
    ) -> Evidence:
        """Add evidence found by hand: a URL and/or a note (what it says, why it settles it)."""
        url = (url or "").strip() or None
        note = str(note or "").strip()
        if not url and not note:
            raise ReviewError("give a URL or a note for the evidence")
        if url is not None:
            from .validation import http_url

            try:
                url = http_url(url)  # parsed once, stored normalised
            except ValueError as exc:
                raise ReviewError(
                    f"the evidence URL {url[:60]!r} {exc}; or put it in the note"
                ) from None
        date = (date or "").strip() or None
        if date is not None:
            date = _date_value(date)["text"]  # YYYY-MM-DD, YYYY-MM or YYYY, else an error
        who = self._who(reviewer)
        evidence = Evidence(
            source="manual",
            title=(title or url or note[:80]).strip(),
            url=url,
            publisher=publisher or (f"added by {who}" if who else "added by a reviewer"),
            date=date,
            snippet=note,
            score=1.0,
        )
        with self._write() as conn:
            article_id = self._claim_article(conn, claim_id)
            rank = conn.execute(
                "SELECT coalesce(max(rank), -1) + 1 FROM evidence WHERE claim_id = ?", (claim_id,)
            ).fetchone()[0]
            cur = conn.execute(
                "INSERT INTO evidence (claim_id, rank, origin, data, created_at, created_by) "
                "VALUES (?, ?, 'manual', ?, ?, ?)",
                (claim_id, rank, _dumps(evidence.to_dict()), _now(), who),
            )
            evidence.record_id = f"manual:{cur.lastrowid}"
            field_name = f"evidence:{cur.lastrowid}"
            self._record(conn, "add_evidence", article_id, claim_id, field_name, True, False, who)
        return evidence

    # -- history and undo ------------------------------------------------------------------------

    def _record(
        self,
        conn: sqlite3.Connection,
        action: str,
        article_id: int | None,
        claim_id: int | None,
        field_name: str,
        old: Any,
        new: Any,
        reviewer: str | None = None,
        undoes: int | None = None,
    ) -> int:
        cur = conn.execute(
            "INSERT INTO history (at, reviewer, action, article_id, claim_id, field, old, new, "
            "undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _now(),
                self._who(reviewer),
                action,
                article_id,
                claim_id,
                field_name,
                _dumps(old),
                _dumps(new),
                undoes,
            ),
        )
        return cur.lastrowid

    def history(
        self,
        claim_id: int | None = None,
        article_id: int | None = None,
        reviewer: str | None = None,
        limit: int | None = None,
    ) -> list[Change]:
        """Changes, newest first, for a claim, an article and/or a reviewer."""
        query = "SELECT * FROM history WHERE 1"
        params: list[Any] = []
        for column, value in (
            ("claim_id", claim_id),
            ("article_id", article_id),
            ("reviewer", reviewer),
        ):
            if value is not None:
                query += f" AND {column} = ?"
                params.append(value)
        query += " ORDER BY id DESC"
        if limit:
            query += f" LIMIT {int(limit)}"
        rows = self._conn.execute(query, params)
        return [
            Change(
                id=r[0],
                at=r[1],
                reviewer=r[2],
                action=r[3],
                article_id=r[4],
                claim_id=r[5],
                field=r[6],
                old=_loads(r[7]),
                new=_loads(r[8]),
                undoes=r[9],
                undone_by=r[10],
            )
            for r in rows
        ]

    UNDOABLE = ("verdict", "rationale", "status", "clear", "correct", "add_claim", "reject",
                "restore", "add_evidence")  # fmt: skip

    def undo(self, reviewer: str | None = None, article_id: int | None = None) -> Change | None:
        """Take back the reviewer's latest change that is not undone yet; returns it, or None.

        Works across kernel restarts (it reads the history). A change that somebody else has
        changed again since cannot be undone, and says so.
        """
        who = self._who(reviewer)
        with self._write() as conn:
            query = (
                "SELECT * FROM history WHERE reviewer = ? AND undone_by IS NULL AND action IN "
                f"({','.join('?' * len(self.UNDOABLE))})"
            )
            params: list[Any] = [who, *self.UNDOABLE]
            if article_id is not None:
                query += " AND article_id = ?"
                params.append(article_id)
            row = conn.execute(query + " ORDER BY id DESC LIMIT 1", params).fetchone()
            if row is None:
                return None
            change = Change(*row[:7], _loads(row[7]), _loads(row[8]), row[9], row[10])
            self._revert(conn, change, who)
            undo_id = self._record(
                conn,
                "undo",
                change.article_id,
                change.claim_id,
                change.field,
                change.new,
                change.old,
                who,
                undoes=change.id,
            )
            conn.execute("UPDATE history SET undone_by = ? WHERE id = ?", (undo_id, change.id))
        change.undone_by = undo_id
        return change

    def _revert(self, conn: sqlite3.Connection, change: Change, who: str) -> None:
        claim_id = change.claim_id
        conflict = ReviewError(
            f"cannot undo {change.action} on claim {claim_id}: it was changed again since; "
            "change it by hand"
        )
        if change.field == "review":
            if self._review(conn, claim_id, change.reviewer) != change.new:
                raise conflict
            self._put_review(conn, claim_id, change.reviewer, change.old)
        elif change.field == "slots":
            current = json.loads(
                conn.execute("SELECT slots FROM claims WHERE id = ?", (claim_id,)).fetchone()[0]
            )
            if any(current.get(k) != v for k, v in change.new.items()):
                raise conflict
            current.update(change.old)
            conn.execute("UPDATE claims SET slots = ? WHERE id = ?", (_dumps(current), claim_id))
        elif change.field == "rejected":
            conn.execute(
                "UPDATE claims SET rejected = ?, reject_reason = ? WHERE id = ?",
                (int(change.old["rejected"]), change.old["reason"], claim_id),
            )
        elif change.field == "removed":
            conn.execute("UPDATE claims SET removed = ? WHERE id = ?", (int(change.old), claim_id))
        elif change.field.startswith("evidence:"):
            evidence_id = int(change.field.split(":", 1)[1])
            conn.execute(
                "UPDATE evidence SET removed = ? WHERE id = ?", (int(change.old), evidence_id)
            )
        else:  # pragma: no cover - UNDOABLE and the fields above are kept in step
            raise ReviewError(f"cannot undo a change of {change.field!r}")

    # -- progress ------------------------------------------------------------------------------

    def progress(self, article_id: int | None = None, reviewer: str | None = None) -> Progress:
        """How many of the claims (of an article, or of the store) a reviewer has done."""
        who = self._who(reviewer)
        where = "NOT c.rejected AND NOT c.removed"
        params: list[Any] = [who]
        if article_id is not None:
            where += " AND c.article_id = ?"
            params.append(article_id)
        rows = self._conn.execute(
            "SELECT r.status, r.label, count(*) FROM claims c LEFT JOIN reviews r "
            f"ON r.claim_id = c.id AND r.reviewer = ? WHERE {where} GROUP BY 1, 2",
            params,
        ).fetchall()
        progress = Progress(total=sum(n for _, _, n in rows))
        for status, label, n in rows:
            if status == "done":
                progress.done += n
            elif status == "skipped":
                progress.skipped += n
            elif status == "in_progress":
                progress.in_progress += n
            if label:
                progress.by_label[label] = progress.by_label.get(label, 0) + n
        return progress

    # -- settings --------------------------------------------------------------------------------

    SETTINGS = (
        "organisation",
        "organisation_url",
        "base_url",
        "submitted_at",
        "revealed_at",
        "require_rationale",
    )

    def settings(self) -> dict[str, str]:
        """Settings kept with the store: organisation, organisation_url and base_url for
        reports; submitted_at and revealed_at for a trainee's workshop store; require_rationale,
        the verdicts (comma-separated keys, e.g. "false,misleading") that need a rationale."""
        rows = self._conn.execute("SELECT key, value FROM meta WHERE key LIKE 'setting.%'")
        return {key[len("setting.") :]: value for key, value in rows}

    def set_setting(self, name: str, value: str | None) -> None:
        if name not in self.SETTINGS:
            raise ReviewError(f"unknown setting {name!r}: use {', '.join(self.SETTINGS)}")
        if name == "require_rationale" and value is not None:
            keys = [k.strip() for k in str(value).split(",") if k.strip()]
            unknown = [k for k in keys if k not in self._scale.keys]
            if unknown:
                raise ReviewError(
                    f"require_rationale names unknown verdicts {', '.join(unknown)}: use keys of "
                    f"the scale ({', '.join(self._scale.keys)})"
                )
            value = ",".join(keys)
        if value is not None:
            from .validation import check
            from .validation.exports import SettingsIn

            checked = check(SettingsIn, {name: value}, f"the setting {name}", ReviewError)
            value = getattr(checked, name)
        with self._write() as conn:
            old = self.settings().get(name)
            if value is None:
                conn.execute("DELETE FROM meta WHERE key = ?", (f"setting.{name}",))
            else:
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                    "SET value = excluded.value",
                    (f"setting.{name}", str(value)),
                )
            self._record(conn, "setting", None, None, f"setting.{name}", old, value)

    # -- the whole store as data (lossless JSON export and import) ------------------------------

    def dump(self, article_ids: list[int] | None = None, reviewer: str | None = None) -> dict:
        """Everything the store holds about some articles (default: all), as plain data.

        Claims include rejected and removed ones, evidence includes removed items, reviews every
        reviewer (or only ``reviewer``), history every change. ``load`` reads it back.
        """
        ids = article_ids or [a["id"] for a in self.articles()]
        for article_id in ids:
            self.article_text(article_id)  # an unknown id is an error, not an empty export
        conn = self._conn

        def rows(query: str, params: tuple) -> list[dict[str, Any]]:
            cur = conn.execute(query, params)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur]

        articles = []
        for article_id in ids:
            (article,) = rows("SELECT * FROM articles WHERE id = ?", (article_id,))
            article.pop("text_sha1")
            article["warnings"] = json.loads(article["warnings"])
            article["claims"] = []
            for claim in rows(
                "SELECT * FROM claims WHERE article_id = ? ORDER BY id", (article_id,)
            ):
                for name in ("cues", "slots", "detected_slots", "suggestion"):
                    claim[name] = _loads(claim[name])
                claim["rejected"], claim["removed"] = (
                    bool(claim["rejected"]),
                    bool(claim["removed"]),
                )
                claim.pop("article_id")
                claim["evidence"] = rows(
                    "SELECT * FROM evidence WHERE claim_id = ? ORDER BY rank, id", (claim["id"],)
                )
                for item in claim["evidence"]:
                    item.pop("claim_id")
                    item["data"] = json.loads(item["data"])
                    item["removed"] = bool(item["removed"])
                query = "SELECT * FROM reviews WHERE claim_id = ?"
                params: tuple = (claim["id"],)
                if reviewer is not None:
                    query += " AND reviewer = ?"
                    params += (reviewer,)
                claim["reviews"] = rows(query + " ORDER BY reviewer", params)
                for review in claim["reviews"]:
                    review.pop("claim_id")
                article["claims"].append(claim)
            articles.append(article)
        marks = ",".join("?" * len(ids))
        query = f"SELECT * FROM history WHERE article_id IN ({marks})"
        params = tuple(ids)
        if reviewer is not None:
            query += " AND reviewer = ?"
            params += (reviewer,)
        history = rows(query + " ORDER BY id", params)
        for change in history:
            change["old"], change["new"] = _loads(change["old"]), _loads(change["new"])
        return {
            "format": "claimcheck-store",
            "schema": schema_version(),
            "scale": self.scale.to_dict(),
            "settings": self.settings(),
            "articles": articles,
            "history": history,
        }

    def load(self, data: dict[str, Any], reviewer: str | None = None) -> dict[int, int]:
        """Add what ``dump`` wrote, in one transaction; returns old article id -> new id.

        Ids are kept when the store is empty, so a round trip gives back the same store;
        otherwise new ids are given and every reference is mapped.
        """
        from .validation import check
        from .validation.exports import ExportIn

        if not isinstance(data, dict) or data.get("format") != "claimcheck-store":
            raise StoreError(
                "not a claimcheck JSON export: write one with `claimcheck report --format json`"
            )
        schema = data.get("schema")
        if isinstance(schema, int) and not isinstance(schema, bool) and schema > schema_version():
            raise StoreError(
                f"the export comes from a newer claimcheck (schema {schema}); upgrade "
                "claimcheck to import it"
            )
        # Checked whole before anything is written: types, ranges, ids, and a history that
        # refers only to what the export holds.
        export = check(ExportIn, data, "the JSON export is incomplete or damaged", _ImportError)
        return self._load(export.model_dump(by_alias=True))

    def _load(self, data: dict[str, Any]) -> dict[int, int]:
        scale = VerdictScale.from_dict(data["scale"])
        article_map: dict[int, int] = {}
        claim_map: dict[int, int] = {}
        evidence_map: dict[int, int] = {}
        refers: list[tuple[int, dict[str, Any]]] = []  # evidence that names a review by its ids
        with self._write() as conn:
            empty = conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
            keep = empty
            if empty and scale.to_dict() != self._scale.to_dict():
                conn.execute(
                    "UPDATE meta SET value = ? WHERE key = 'scale'", (json.dumps(scale.to_dict()),)
                )
                self._scale = scale
            unknown = {
                r["label"]
                for a in data["articles"]
                for c in a["claims"]
                for r in c["reviews"]
                if r["label"] and r["label"] not in self._scale.keys
            }
            if unknown:
                raise ReviewError(
                    f"the export uses verdicts this store's scale lacks: {', '.join(sorted(unknown))}"
                )
            for name, value in data.get("settings", {}).items():
                if name in self.SETTINGS and empty and value is not None:
                    conn.execute(
                        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                        (f"setting.{name}", value),
                    )
            for article in data["articles"]:
                cur = conn.execute(
                    "INSERT INTO articles (id, text, text_sha1, published, title, url, "
                    "source_format, warnings, created_at, created_by) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article["id"] if keep else None,
                        article["text"],
                        text_sha1(article["text"]),
                        article.get("published"),
                        article.get("title"),
                        article.get("url"),
                        article.get("source_format", "text"),
                        json.dumps(article.get("warnings", [])),
                        article["created_at"],
                        article.get("created_by", ""),
                    ),
                )
                article_map[article["id"]] = cur.lastrowid
                for claim in article["claims"]:
                    cur = conn.execute(
                        'INSERT INTO claims (id, article_id, key, origin, type, start, "end", text, '
                        "sentence, score, cues, slots, detected_slots, suggestion, rejected, "
                        "reject_reason, removed, created_at, created_by) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            claim["id"] if keep else None,
                            article_map[article["id"]],
                            claim["key"],
                            claim["origin"],
                            claim["type"],
                            int(claim["start"]),
                            int(claim["end"]),
                            claim["text"],
                            claim.get("sentence", ""),
                            float(claim.get("score", 0.0)),
                            json.dumps(claim.get("cues", [])),
                            _dumps(claim["slots"]),
                            _dumps(claim.get("detected_slots") or claim["slots"]),
                            _dumps(claim.get("suggestion")),
                            int(bool(claim.get("rejected"))),
                            claim.get("reject_reason", ""),
                            int(bool(claim.get("removed"))),
                            claim["created_at"],
                            claim.get("created_by", ""),
                        ),
                    )
                    claim_map[claim["id"]] = new_claim = cur.lastrowid
                    for item in claim.get("evidence", []):
                        cur = conn.execute(
                            "INSERT INTO evidence (id, claim_id, rank, origin, data, removed, "
                            "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            (
                                item["id"] if keep else None,
                                new_claim,
                                int(item["rank"]),
                                item["origin"],
                                _dumps(_evidence_data(item["data"])),
                                int(bool(item.get("removed"))),
                                item["created_at"],
                                item.get("created_by", ""),
                            ),
                        )
                        evidence_map[item["id"]] = cur.lastrowid
                        review = item["data"].get("review")
                        if review and review.get("store") is None:
                            refers.append((cur.lastrowid, item["data"]))
                    for review in claim.get("reviews", []):
                        conn.execute(
                            "INSERT INTO reviews (claim_id, reviewer, status, label, rationale, "
                            "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                            (
                                new_claim,
                                review["reviewer"],
                                review["status"],
                                review.get("label"),
                                review.get("rationale", ""),
                                review["updated_at"],
                            ),
                        )
            for evidence_id, data in refers:  # matches with reviews of the import: new ids
                conn.execute(
                    "UPDATE evidence SET data = ? WHERE id = ?",
                    (_dumps(_review_moved(data, article_map, claim_map)), evidence_id),
                )
            history_map: dict[int, int] = {}
            for change in data.get("history", []):
                field_name = change["field"]
                if field_name.startswith("evidence:"):
                    old_id = int(field_name.split(":", 1)[1])
                    field_name = f"evidence:{evidence_map.get(old_id, old_id)}"
                cur = conn.execute(
                    "INSERT INTO history (id, at, reviewer, action, article_id, claim_id, field, "
                    "old, new) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        change["id"] if keep else None,
                        change["at"],
                        change["reviewer"],
                        change["action"],
                        article_map.get(change.get("article_id")),
                        claim_map.get(change.get("claim_id")),
                        field_name,
                        _dumps(change.get("old")),
                        _dumps(change.get("new")),
                    ),
                )
                history_map[change["id"]] = cur.lastrowid
            for change in data.get("history", []):
                links = (
                    history_map.get(change.get("undoes")),
                    history_map.get(change.get("undone_by")),
                )
                if any(links):
                    conn.execute(
                        "UPDATE history SET undoes = ?, undone_by = ? WHERE id = ?",
                        (*links, history_map[change["id"]]),
                    )
            self._record(conn, "import", None, None, "articles", None, sorted(article_map.values()))
        return article_map

    def integrity(self) -> str:
        """SQLite's own check of the file: "ok" when it is sound."""
        return self._conn.execute("PRAGMA integrity_check").fetchone()[0]


@contextmanager
def new_store(path: str | os.PathLike[str], **options: Any) -> Iterator[Store]:
    """A new store that appears at ``path`` only when the ``with`` block succeeds.

    It is built under a temporary name in the same folder and renamed at the end; on an error
    nothing is left behind (an empty file already at ``path`` is replaced on success).
    """
    target = Path(path)
    if target.is_dir():
        raise StoreError(f"{target} is a folder: give a file name for the review store")
    if not target.parent.is_dir():
        raise StoreError(f"{target.parent} does not exist: create the folder first")
    if target.exists() and target.stat().st_size > 0:
        raise StoreError(f"{target} exists already: give the name of a new store")
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise StoreError(f"cannot create {target}: {exc.strerror or exc}") from None
    os.close(fd)
    temp = Path(name)
    try:
        with Store(temp, **options) as store:
            store.path = target  # messages name the file the user asked for
            yield store
        give_mode(temp, target)  # as any new file, or as the empty file it replaces
        os.replace(temp, target)
    finally:
        for leftover in store_files(temp):
            leftover.unlink(missing_ok=True)


class _ImportError(StoreError):
    """An export that fails its check: the message says nothing was imported."""

    def __init__(self, message: str) -> None:
        super().__init__(f"{message}; nothing was imported")


class _Replaced(Exception):
    """The file under an open transaction holds another store."""


def _evidence_data(data: dict[str, Any]) -> dict[str, Any]:
    """Evidence as an export gives it, without the empty ``review`` the check adds."""
    return {k: v for k, v in data.items() if k != "review" or v is not None}


def _review_moved(
    data: dict[str, Any], articles: dict[int, int], claims: dict[int, int]
) -> dict[str, Any]:
    """A match's review under the ids the import gave; a review outside the import is in the
    store the export came from, no longer in this one."""
    review = dict(data["review"])
    if review.get("claim_id") in claims and review.get("article_id") in articles:
        review["claim_id"] = claims[review["claim_id"]]
        review["article_id"] = articles[review["article_id"]]
        key = f"review:store:{review['claim_id']}"
    else:
        review["store"] = "the store the import came from"
        key = data.get("record_id")
    return {**_evidence_data(data), "review": review, "record_id": key}


def store_files(path: str | os.PathLike[str]) -> list[Path]:
    """A store's file and the journals SQLite may keep beside it."""
    return [Path(f"{path}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")]


def _read_only(exc: sqlite3.Error) -> bool:
    """SQLite's "attempt to write a readonly database" and its kin."""
    return "readonly" in str(exc) or "read-only" in str(exc)


def _file_identity(path: Path) -> tuple[int, ...] | None:
    """Device and inode (which file), then size and time (whether it changed)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _created_at_on_disk(path: Path) -> str | None:
    """The creation time written in the file itself (not in this kernel's journal), if readable."""
    try:
        uri = f"{path.resolve().as_uri().replace('file://', 'file:', 1)}?immutable=1"
        with closing(sqlite3.connect(uri, uri=True)) as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()
    except sqlite3.Error:
        return None  # being written, or not a store at all: decided at the next action
    return row[0] if row else ""


def _slot_value(name: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if name in ("count", "round"):
        try:
            return int(str(value).replace(",", "").strip())
        except ValueError:
            raise ReviewError(f"{name} must be a whole number, not {value!r}") from None
    if name in ("value", "previous"):
        try:
            return float(str(value).replace(",", "").strip())
        except ValueError:
            raise ReviewError(f"{name} must be a number, not {value!r}") from None
    if name in ("date", "period"):
        return _date_value(value)
    return str(value).strip()


def _date_value(value: Any) -> dict[str, Any]:
    if isinstance(value, DateValue):
        return value.to_dict()
    if isinstance(value, dict):
        return DateValue.from_dict(value).to_dict()
    text = str(value).strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return DateValue.span(text, day, day, "day").to_dict()
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:])
            last = calendar.monthrange(year, month)[1]
            return DateValue.span(
                text, date(year, month, 1), date(year, month, last), "month"
            ).to_dict()
        if len(text) == 4:
            year = int(text)
            return DateValue.span(text, date(year, 1, 1), date(year, 12, 31), "year").to_dict()
    except ValueError:
        pass
    raise ReviewError(f"cannot read the date {text!r}: write YYYY-MM-DD, YYYY-MM or YYYY")


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 : right].strip()
