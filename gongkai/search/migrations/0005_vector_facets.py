"""PostgreSQL: each entry's tsvector also holds its filter terms and its year of publication.

The terms are lexemes without positions, prefixed with "#" (expressions.py): "#k…" kind, "#c…"
category, "#d…" department, "#y…" year, "#v…" validity (each as in the SQLite fx column) and
"#p…" the UTC year of the sort key. The GIN index then intersects a filter, or a year of the date
order, with the query's terms before any row is read (lookup.postgres_matches). Existing vectors
get the same terms services._pg_vector writes for new ones (a test compares the two).
SQLite: nothing (its fx column has the filter terms since 0002).
"""

from django.db import migrations

# The hex codes are expressions._code (UTF-8 bytes, lower-case hex); the year of the sort key is
# expressions.key_year (seconds since 2000-01-01 UTC in its high 32 bits; -2**31: no date).
FACETS_SQL = """
array_to_tsvector(array_remove(ARRAY[
    CASE WHEN e.kind <> '' THEN '#k' || encode(convert_to(e.kind, 'UTF8'), 'hex') END,
    CASE WHEN e.category <> '' THEN '#c' || encode(convert_to(e.category, 'UTF8'), 'hex') END,
    CASE WHEN e.department_id IS NOT NULL THEN '#d' || e.department_id END,
    CASE WHEN e.year IS NOT NULL THEN '#y' || e.year END,
    CASE WHEN e.validity <> '' THEN '#v' || encode(convert_to(e.validity, 'UTF8'), 'hex') END,
    CASE WHEN e.sort_key IS NOT NULL AND (e.sort_key >> 32) <> -2147483648 THEN '#p' || extract(year FROM
        (timestamp '2000-01-01 00:00:00' + make_interval(secs => (e.sort_key >> 32)::double precision)))::int END
], NULL))
"""
FORWARD = f"UPDATE gksearch_searchentry e SET search_vector = e.search_vector || {FACETS_SQL} WHERE e.search_vector IS NOT NULL"
BACKWARD = """
UPDATE gksearch_searchentry e SET search_vector = ts_delete(e.search_vector,
    ARRAY(SELECT lexeme FROM unnest(e.search_vector) AS u WHERE lexeme LIKE '#%'))
WHERE e.search_vector IS NOT NULL
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("gksearch", "0004_vector_in_row")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
