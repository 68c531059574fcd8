"""
Make "the newest matches" cheap to find on both backends, so a search can rank a bounded
window of matches instead of scoring every one (see services.search_articles).

SQLite: the FTS5 table becomes contentless and its rowid a publication key,
`unix seconds * 2**30 + article id` (page ids stay far below 2**30; 64-bit keys last
until the year 2242). FTS5 walks a term's matches in rowid order and
takes rowid ranges natively, so "the 1,001 newest matches published before now" is read
straight from the index without touching discovery_searchentry. The section is indexed
as a `section_<id>` token in a `facets` column (tokenchars '_' keeps it one token, and
the analyser never makes a token with '_', so a reader cannot match it). Prefix indexes
for 3-5 characters keep `Wahl*` from merging the lists of every word that starts so.

PostgreSQL: a low toast_tuple_target moves the token texts, the vector and the tsvector
out of the row, so the heap that a bitmap scan visits for `published_at` is a few
megabytes instead of 120 MB at 100,000 articles.
"""

from django.db import migrations

FTS_COLUMNS = "title_tokens, teaser_tokens, body_tokens, extra_tokens, facets"
KEY = "CAST(strftime('%s', {row}.published_at) AS INTEGER) * 1073741824 + {row}.article_id"
VALUES = (
    f"{KEY}, {{row}}.title_tokens, {{row}}.teaser_tokens, {{row}}.body_tokens, "
    "{row}.extra_tokens, 'section_' || coalesce({row}.section_id, 0)"
)


def _values(row):
    return VALUES.format(row=row)


SQLITE_UP = [
    "DROP TRIGGER IF EXISTS discovery_fts_au",
    "DROP TRIGGER IF EXISTS discovery_fts_ad",
    "DROP TRIGGER IF EXISTS discovery_fts_ai",
    "DROP TABLE IF EXISTS discovery_fts",
    f"""CREATE VIRTUAL TABLE discovery_fts USING fts5(
        {FTS_COLUMNS},
        content='', tokenize="unicode61 remove_diacritics 0 tokenchars '_'",
        detail='full', prefix='3 4 5'
    )""",
    f"""CREATE TRIGGER discovery_fts_ai AFTER INSERT ON discovery_searchentry BEGIN
        INSERT INTO discovery_fts(rowid, {FTS_COLUMNS}) VALUES ({_values("new")});
    END""",
    f"""CREATE TRIGGER discovery_fts_ad AFTER DELETE ON discovery_searchentry BEGIN
        INSERT INTO discovery_fts(discovery_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', {_values("old")});
    END""",
    f"""CREATE TRIGGER discovery_fts_au AFTER UPDATE ON discovery_searchentry BEGIN
        INSERT INTO discovery_fts(discovery_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', {_values("old")});
        INSERT INTO discovery_fts(rowid, {FTS_COLUMNS}) VALUES ({_values("new")});
    END""",
    f"INSERT INTO discovery_fts(rowid, {FTS_COLUMNS}) "
    f"SELECT {_values('e')} FROM discovery_searchentry e",
]
# Back to 0002's external-content table keyed by article id.
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS discovery_fts_au",
    "DROP TRIGGER IF EXISTS discovery_fts_ad",
    "DROP TRIGGER IF EXISTS discovery_fts_ai",
    "DROP TABLE IF EXISTS discovery_fts",
]
POSTGRES_UP = [
    "ALTER TABLE discovery_searchentry SET (toast_tuple_target = 128)",
    # Rewrite the rows that exist so they follow the new target at once.
    "UPDATE discovery_searchentry SET title_tokens = title_tokens",
]
POSTGRES_DOWN = ["ALTER TABLE discovery_searchentry RESET (toast_tuple_target)"]


def _run(statements_by_vendor, *, then=None):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(
                f"Search needs SQLite or PostgreSQL, not {schema_editor.connection.vendor}."
            )
        for sql in statements:
            schema_editor.execute(sql, None)  # None: keep strftime's %s as it is
        if then is not None:
            then(apps, schema_editor)

    return run


def _sqlite_restore_0002(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from importlib import import_module

    fulltext = import_module("redaktion.discovery.migrations.0002_fulltext")
    for sql in fulltext.SQLITE_UP:
        schema_editor.execute(sql, None)
    schema_editor.execute("INSERT INTO discovery_fts(discovery_fts) VALUES ('rebuild')", None)


class Migration(migrations.Migration):
    dependencies = [("discovery", "0003_relatedterm")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}, then=_sqlite_restore_0002),
        )
    ]
