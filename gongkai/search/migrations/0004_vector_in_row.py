"""PostgreSQL: each entry's tsvector is kept inside its row, not out of line in TOAST.

A phrase query checks the vector of every row the GIN index yields. Stored out of line, a vector
(about 7 KB) costs about six buffer reads per row (the row, the TOAST index, its chunks); inside
the row, one. Measured on the 1,000,000-record benchmark data (docs/benchmark-findings.md): search
p95 244 and 478 ms against 2,052 ms for the same rows stored out of line. Rows up to 8160 bytes
stay whole (toast_tuple_target); a larger vector still goes out of line (STORAGE MAIN allows it
as a last resort). Existing vectors are rewritten so that they move into their rows.
SQLite: nothing (FTS5 keeps its own index).
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE gksearch_searchentry SET (toast_tuple_target = 8160)",
    "ALTER TABLE gksearch_searchentry ALTER COLUMN search_vector SET STORAGE MAIN",
    # A new value (the concatenation) is stored by the new rules; an unchanged one would keep its TOAST pointer.
    "UPDATE gksearch_searchentry SET search_vector = search_vector || ''::tsvector WHERE search_vector IS NOT NULL",
]
BACKWARD = [
    "ALTER TABLE gksearch_searchentry RESET (toast_tuple_target)",
    "ALTER TABLE gksearch_searchentry ALTER COLUMN search_vector SET STORAGE EXTENDED",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("gksearch", "0003_filter_sort_key_indexes")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
