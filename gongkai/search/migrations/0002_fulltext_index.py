"""The full-text index of each database backend (see gongkai/search/expressions.py).

SQLite: a contentless FTS5 table; rowid = gksearch_searchentry.sort_key. The unicode61 tokenizer
keeps our pre-segmented terms whole (each is a run of letters/digits; Han characters are letters);
prefix='1' indexes one-character prefixes, which serve one-character queries.
PostgreSQL: a tsvector column on the entry table with a GIN index.
Other backends get no full-text index; searching there raises NotSupportedError.
"""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE gksearch_fts USING fts5("
    "tg, tw, bg, bw, fx, content='', tokenize='unicode61 remove_diacritics 0', prefix='1')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS gksearch_fts"

POSTGRES_CREATE = [
    "ALTER TABLE gksearch_searchentry ADD COLUMN search_vector tsvector",
    "CREATE INDEX gksearch_entry_vector ON gksearch_searchentry USING gin (search_vector)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS gksearch_entry_vector",
    "ALTER TABLE gksearch_searchentry DROP COLUMN IF EXISTS search_vector",
]


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for sql in POSTGRES_CREATE:
            schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        for sql in POSTGRES_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("gksearch", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
