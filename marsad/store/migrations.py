"""Named schema migrations, applied once each and in order (sqlite-utils style).

The SQL keeps to types and constraints PostgreSQL shares (TEXT, INTEGER,
composite primary keys; JSON kept as TEXT) so the same schema maps onto it.
"""

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_pages_and_articles", """
        CREATE TABLE pages (
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            raw TEXT NOT NULL,
            is_html INTEGER NOT NULL,
            origin TEXT,
            published TEXT,
            source TEXT,
            url TEXT,
            title TEXT,
            ingested_at TEXT NOT NULL,
            PRIMARY KEY (id, version),
            UNIQUE (id, content_hash)
        );
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            page_id TEXT NOT NULL,
            page_version INTEGER NOT NULL,
            position INTEGER NOT NULL,
            published TEXT,
            data TEXT NOT NULL,
            stages TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX articles_by_page ON articles (page_id, page_version);
    """),
]

SCHEMA_VERSION = len(MIGRATIONS)
