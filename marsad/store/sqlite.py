"""The SQLite store: raw pages (every version kept) and their analysed articles.

WAL journal, one transaction per batch, schema versioned by named migrations.
A page re-ingested with the same content is a no-op; changed content under the
same id is a new version and the old one stays. Articles hold the analysed
``Document`` as JSON with the stages it has been through, which is what makes
processing resumable.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import orjson

from marsad.document import Document
from marsad.errors import StoreError
from marsad.ingest import Page
from marsad.store.migrations import MIGRATIONS, SCHEMA_VERSION


@dataclass(frozen=True)
class SerializedArticle:
    """An analysed article as stored: JSON made where it was analysed (in a worker, off the writer)."""

    id: str
    published: str | None
    data: str
    stages: str


def serialize_article(doc: Document) -> SerializedArticle:
    """The stored form: tokens are derivable from the text, and the raw page lives in ``pages``."""
    data = doc.to_dict(tokens=False)
    data.pop("raw", None)
    # orjson writes the same compact UTF-8 JSON as json.dumps(ensure_ascii=False), three times faster:
    # every analysed article passes through here.
    return SerializedArticle(doc.id, doc.published, orjson.dumps(data).decode(), json.dumps(doc.stages))


@dataclass
class StoredPage:
    page: Page
    version: int


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """A marsad database. Use ``":memory:"`` for tests."""

    def __init__(self, path: str | Path = "marsad.db"):
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a marsad database ({error}); "
                             "give another --db path") from error

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic batch: everything in it is stored, or nothing is."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        applied = {row[0] for row in self.db.execute("SELECT name FROM migrations")}
        unknown = applied - {name for name, _ in MIGRATIONS}
        if unknown:
            raise StoreError(f"{self.path}: made by a newer marsad (migrations {sorted(unknown)}); upgrade marsad")
        for name, sql in MIGRATIONS:
            if name in applied:
                continue
            with self.transaction() as db:
                for statement in filter(str.strip, sql.split(";")):
                    db.execute(statement)
                db.execute("INSERT INTO migrations VALUES (?, ?)", (name, _now()))

    @property
    def schema_version(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM migrations").fetchone()[0] if SCHEMA_VERSION else 0

    # Pages -----------------------------------------------------------------

    def add_pages(self, pages: list[Page]) -> list[str]:
        """Store a batch of pages in one transaction; per page: "new", "unchanged" or "new version"."""
        statuses = []
        with self.transaction() as db:
            for page in pages:
                statuses.append(self._add_page(db, page))
        return statuses

    def _add_page(self, db: sqlite3.Connection, page: Page) -> str:
        digest = page.content_hash
        if db.execute("SELECT 1 FROM pages WHERE id = ? AND content_hash = ?", (page.id, digest)).fetchone():
            return "unchanged"
        latest = db.execute("SELECT MAX(version) FROM pages WHERE id = ?", (page.id,)).fetchone()[0]
        version = (latest or 0) + 1
        meta = page.meta
        db.execute(
            "INSERT INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (page.id, version, digest, page.raw, int(page.is_html), page.origin, meta.get("published"),
             meta.get("source"), meta.get("url"), meta.get("title"), _now()))
        return "new" if version == 1 else "new version"

    def page(self, page_id: str, version: int | None = None) -> StoredPage | None:
        """The latest (or the given) version of a page."""
        row = self.db.execute(
            "SELECT id, version, raw, is_html, origin, published, source, url, title FROM pages "
            "WHERE id = ? AND (? IS NULL OR version = ?) ORDER BY version DESC LIMIT 1",
            (page_id, version, version)).fetchone()
        return _stored_page(row) if row else None

    def page_versions(self, page_id: str) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT version FROM pages WHERE id = ? ORDER BY version", (page_id,))]

    def pending_keys(self) -> list[tuple[str, int]]:
        """(id, version) of latest page versions whose articles are missing, stale or not through every stage."""
        from marsad.pipeline import stage_names
        complete = json.dumps(stage_names())
        return self.db.execute(
            """SELECT p.id, p.version FROM pages p
               WHERE p.version = (SELECT MAX(version) FROM pages q WHERE q.id = p.id)
                 AND (NOT EXISTS (SELECT 1 FROM articles a WHERE a.page_id = p.id AND a.page_version = p.version)
                      OR EXISTS (SELECT 1 FROM articles a WHERE a.page_id = p.id AND a.page_version = p.version
                                 AND a.stages != ?))
               ORDER BY p.id""", (complete,)).fetchall()

    def pending_pages(self) -> Iterator[StoredPage]:
        """The pending pages themselves, read one at a time so a large backlog stays out of memory."""
        for page_id, version in self.pending_keys():
            yield self.page(page_id, version)

    # Articles --------------------------------------------------------------

    def save_articles(self, batch: list[tuple[StoredPage, list[Document | SerializedArticle]]]) -> None:
        """Replace the articles of each page with its analysed ones, in one transaction."""
        with self.transaction() as db:
            for stored, articles in batch:
                db.execute("DELETE FROM articles WHERE page_id = ?", (stored.page.id,))
                for position, article in enumerate(articles):
                    row = article if isinstance(article, SerializedArticle) else serialize_article(article)
                    db.execute("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               (row.id, stored.page.id, stored.version, position, row.published,
                                row.data, row.stages, _now()))

    def partial_articles(self, page_id: str, version: int) -> list[Document]:
        """Articles of a page version already stored (maybe part-way through the stages)."""
        rows = self.db.execute("SELECT data FROM articles WHERE page_id = ? AND page_version = ? ORDER BY position",
                               (page_id, version))
        return [Document.from_dict(json.loads(row[0])) for row in rows]

    def documents(self) -> Iterator[Document]:
        """Every current article, by publication date then id."""
        rows = self.db.execute("SELECT data FROM articles ORDER BY published IS NULL, published, page_id, position")
        for (data,) in rows:
            yield Document.from_dict(json.loads(data))

    def document(self, doc_id: str) -> Document | None:
        """One article, with the raw page it was cleaned from (main article only)."""
        row = self.db.execute("SELECT data, page_id, page_version, position FROM articles WHERE id = ?",
                              (doc_id,)).fetchone()
        if not row:
            return None
        doc = Document.from_dict(json.loads(row[0]))
        if row[3] == 0:
            doc.raw = self.page(row[1], row[2]).page.raw
        return doc

    def counts(self) -> dict[str, int]:
        one = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "pages": one("SELECT COUNT(DISTINCT id) FROM pages"),
            "page versions": one("SELECT COUNT(*) FROM pages"),
            "articles": one("SELECT COUNT(*) FROM articles"),
            "pending pages": len(self.pending_keys()),
        }


def _stored_page(row: tuple) -> StoredPage:
    page_id, version, raw, is_html, origin, published, source, url, title = row
    meta = {"published": published, "source": source, "url": url, "title": title}
    return StoredPage(Page(page_id, raw, bool(is_html), origin or "", {k: v for k, v in meta.items() if v}), version)
