"""
The backend's own full-text index over SearchEntry's analysed token columns.

SQLite: an external-content FTS5 table kept in step by triggers.
PostgreSQL: a generated, weighted tsvector column (headline A, teaser B, body C,
compound parts and tags D) with a GIN index. Both see the same tokens, so both find
the same articles.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE VIRTUAL TABLE discovery_fts USING fts5(
        title_tokens, teaser_tokens, body_tokens, extra_tokens,
        content='discovery_searchentry', content_rowid='article_id',
        tokenize='unicode61 remove_diacritics 0', detail='full'
    )""",
    """CREATE TRIGGER discovery_fts_ai AFTER INSERT ON discovery_searchentry BEGIN
        INSERT INTO discovery_fts(rowid, title_tokens, teaser_tokens, body_tokens, extra_tokens)
        VALUES (new.article_id, new.title_tokens, new.teaser_tokens, new.body_tokens, new.extra_tokens);
    END""",
    """CREATE TRIGGER discovery_fts_ad AFTER DELETE ON discovery_searchentry BEGIN
        INSERT INTO discovery_fts(discovery_fts, rowid, title_tokens, teaser_tokens, body_tokens, extra_tokens)
        VALUES ('delete', old.article_id, old.title_tokens, old.teaser_tokens, old.body_tokens, old.extra_tokens);
    END""",
    """CREATE TRIGGER discovery_fts_au AFTER UPDATE ON discovery_searchentry BEGIN
        INSERT INTO discovery_fts(discovery_fts, rowid, title_tokens, teaser_tokens, body_tokens, extra_tokens)
        VALUES ('delete', old.article_id, old.title_tokens, old.teaser_tokens, old.body_tokens, old.extra_tokens);
        INSERT INTO discovery_fts(rowid, title_tokens, teaser_tokens, body_tokens, extra_tokens)
        VALUES (new.article_id, new.title_tokens, new.teaser_tokens, new.body_tokens, new.extra_tokens);
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS discovery_fts_au",
    "DROP TRIGGER IF EXISTS discovery_fts_ad",
    "DROP TRIGGER IF EXISTS discovery_fts_ai",
    "DROP TABLE IF EXISTS discovery_fts",
]
POSTGRES_UP = [
    """ALTER TABLE discovery_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_tokens), 'A')
        || setweight(to_tsvector('simple'::regconfig, teaser_tokens), 'B')
        || setweight(to_tsvector('simple'::regconfig, body_tokens), 'C')
        || setweight(to_tsvector('simple'::regconfig, extra_tokens), 'D')
    ) STORED""",
    "CREATE INDEX discovery_searchentry_document_gin ON discovery_searchentry USING GIN (document)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS discovery_searchentry_document_gin",
    "ALTER TABLE discovery_searchentry DROP COLUMN IF EXISTS document",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(
                f"Search needs SQLite or PostgreSQL, not {schema_editor.connection.vendor}."
            )
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("discovery", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
