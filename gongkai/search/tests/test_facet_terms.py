"""Filter terms and years of publication inside the PostgreSQL vectors (expressions.py, migration
0005) and the year-by-year reading of a query's matches through the GIN index
(lookup.postgres_matches). The searches run on whichever database the suite runs: SQLite must
give the same answers by its own path."""

import datetime as dt
import importlib

import pytest
from django.db import connection

from gongkai.search import expressions, lookup, services
from gongkai.search.tokens import query_terms

vector_facets = importlib.import_module("gongkai.search.migrations.0005_vector_facets")

UTC = dt.UTC


def at(year, month=6, day=15, hour=9, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- pure ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment",
    [at(2000, 1, 1, 0, 0), at(2024, 12, 31, 23, 59), at(2025, 1, 1, 0, 0), at(1999, 12, 31, 23, 59), at(2068, 3, 1)],
)
def test_the_year_of_a_sort_key_is_the_utc_year_of_publication(moment):
    key = services.sort_key(moment, 12345)
    assert expressions.key_year(key) == moment.year
    assert expressions.year_start_key(moment.year) <= key < expressions.year_start_key(moment.year + 1)


def test_a_key_without_a_date_has_no_year():
    assert expressions.key_year(services.sort_key(None, 7)) is None


def test_filters_are_terms_of_the_tsquery():
    parsed = query_terms("电梯")
    assert expressions.tsquery(parsed) == "('电梯')"
    assert expressions.tsquery(parsed, filters=[["d7"], ["y2024", "y2025"], []]) == (
        "('电梯') & ('#d7') & ('#y2024' | '#y2025')"
    )
    assert expressions.tsvector_facets(["d7", "p2024"]) == "'#d7' '#p2024'"


# --- on the database ------------------------------------------------------------------------------


def _index(spec):
    """spec: (object id, title, published_at, department) …"""
    services.reindex(
        services.Document("record", n, title, published_at=when, department_id=department)
        for n, title, when, department in spec
    )


# Matches of 电梯检验 per year of publication (UTC), newest first; six fillers at the end of 2025
# are newer than all of them.
MATCH_YEARS = {2025: 5, 2024: 5, 2023: 1, 2022: 5, 2021: 5}


def _matches_and_fillers():
    spec, expected = [], []
    n = 0
    for year, count in MATCH_YEARS.items():
        for i in range(count):
            n += 1
            # The first of each year near its end, the last at its first minute: the buckets' edges.
            when = at(year, 12, 31, 23, 45) if i == 0 else at(year, 1, 1, 0, 0) if i == count - 1 else at(year, 12 - i)
            spec.append((n, f"第{n}号电梯检验报告", when, 3))
            expected.append((when, n))
    for k in range(6):  # the newest entries do not match: the slices find the query rare
        spec.append((100 + k, f"第{k}期工作简报", at(2025, 12, 31, 23, 50 + k), 3))
    expected.sort(reverse=True)
    return spec, [n for _, n in expected]


def _statements():
    """(list of the (SQL, parameters) run, the wrapper that collects them)."""
    seen = []

    def watch(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    return seen, watch


@pytest.fixture
def small_slices(monkeypatch):
    """Slices of 4 and 8 entries (lookup.postgres_matches), so that a few entries make them."""
    monkeypatch.setattr(lookup, "PG_SLICES", (4, 8))


@pytest.mark.django_db
def test_a_rare_query_is_read_year_by_year_newest_first(monkeypatch, small_slices):
    monkeypatch.setattr(lookup, "PG_YEARS", 4)
    monkeypatch.setattr(lookup, "PG_YEAR_DENSE", 3)
    spec, expected = _matches_and_fillers()
    _index(spec)
    seen, watch = _statements()
    with connection.execute_wrapper(watch):
        results = services.search("电梯检验", order="date", per_page=50)
    assert ids(results) == expected  # 21 matches, newest first, none twice
    assert (results.total, results.total_exact) == (21, True)
    assert set(ids(services.search("电梯检验", per_page=50))) == set(expected)
    if connection.vendor == "postgresql":
        # The newest slice holds no match: through the GIN index, 2025 and 2024 hold at least
        # PG_YEAR_DENSE matches, 2023 fewer: the rest at once (PG_YEARS would allow one more year).
        years = ["#p" + y for y in ("2025", "2024", "2023")]
        # Through the GIN index: the tsquery is the first parameter.
        statements = [params[0] for sql, params in seen if "search_vector @@" in sql and "+ 0" in sql]
        assert [next((y for y in years if y in s), "rest") for s in statements] == years + ["rest"]


@pytest.mark.django_db
def test_reading_by_year_stops_at_the_count_limit(monkeypatch, small_slices):
    monkeypatch.setattr(lookup, "PG_YEAR_DENSE", 3)
    monkeypatch.setattr(services, "COUNT_LIMIT", 8)
    spec, expected = _matches_and_fillers()
    _index(spec)
    results = services.search("电梯检验", order="date", per_page=5)
    assert (results.total, results.total_exact, results.total_label) == (8, False, "8 多")
    assert ids(results) == expected[:5]


@pytest.mark.django_db
def test_a_filter_inside_the_index_keeps_only_its_entries(small_slices):
    spec, expected = _matches_and_fillers()
    spec = [(n, title, when, 5 if n % 3 == 0 else department) for n, title, when, department in spec]
    _index(spec)
    mine = [n for n in expected if n % 3 == 0]
    assert ids(services.search("电梯检验", department_id=5, order="date", per_page=50)) == mine
    assert services.count("电梯检验", department_id=5) == len(mine)
    assert services.count("电梯检验", department_id=3) == len(expected) - len(mine)


def ids(results):
    return [hit.entry.object_id for hit in results.hits]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's vectors")
def test_the_migration_gives_old_vectors_the_terms_new_ones_get():
    services.reindex(
        [
            services.Document(
                "record",
                1,
                "电梯检验",
                category="art20-13",
                department_id=4,
                year=2024,
                validity="有效",
                published_at=at(2024, 12, 31, 23, 59),
            ),
            services.Document("interpretation", 2, "解读：电梯检验", published_at=at(2025, 1, 1, 0, 0)),
            services.Document("record", 3, "无日期的电梯检验", category="公告"),
            services.Document("record", 4, "很早的电梯检验", published_at=at(1950, 3, 1)),
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, search_vector::text FROM gksearch_searchentry ORDER BY id")
        written = cursor.fetchall()
        assert all("'#k" in vector for _, vector in written)
        cursor.execute(vector_facets.BACKWARD)
        cursor.execute("SELECT count(*) FROM gksearch_searchentry WHERE search_vector::text LIKE '%''#%'")
        assert cursor.fetchone()[0] == 0  # backward: no facet term left
        cursor.execute(vector_facets.FORWARD)
        cursor.execute("SELECT id, search_vector::text FROM gksearch_searchentry ORDER BY id")
        assert cursor.fetchall() == written
    assert "'#p2024'" in written[0][1] and "'#c6172743230" in written[0][1] and "'#p2025'" in written[1][1]
    assert "'#p" not in written[2][1] and "'#p1950'" in written[3][1]


SLICE = "LIMIT 1 OFFSET"  # the first statement of a slice (its floor)


@pytest.mark.django_db
def test_two_filters_go_through_the_index_without_slices(small_slices):
    spec, expected = _matches_and_fillers()
    spec = [(n, title, when, 5 if n % 3 == 0 else department) for n, title, when, department in spec]
    _index(spec)
    services.reindex(
        services.Document("record", n, title, published_at=when, department_id=department, category="a1")
        for n, title, when, department in spec
        if n % 2 == 0
    )
    seen, watch = _statements()
    with connection.execute_wrapper(watch):
        results = services.search("电梯检验", department_id=5, category="a1", order="date", per_page=50)
        counted = services.count("电梯检验", department_id=5, category="a1")
    assert ids(results) == [n for n in expected if n % 6 == 0]
    assert counted == len(ids(results))
    if connection.vendor == "postgresql":
        assert not any(SLICE in sql for sql, _ in seen)
    seen.clear()
    with connection.execute_wrapper(watch):
        assert services.search("电梯检验", department_id=5, order="date", per_page=50).total == len(expected) // 3
    if connection.vendor == "postgresql":
        assert any(SLICE in sql for sql, _ in seen)  # one filter: the newest entries first


@pytest.mark.django_db
def test_counting_stops_among_the_newest_entries_and_goes_on_for_older_matches(small_slices):
    spec, expected = _matches_and_fillers()  # 21 matches, older than the 6 newest entries
    _index(spec)
    _index([(200 + k, f"第{k}号电梯检验通知", at(2026, 2, 1 + k), 3) for k in range(5)])  # the newest 5 match
    seen, watch = _statements()
    with connection.execute_wrapper(watch):
        assert services.count("电梯检验通知") == 5  # all among the newest: counted there, then through the index
        assert lookup.count(connection.vendor, query_terms("电梯检验"), lookup.Filters(), 3) == 4  # stops at 3 + 1
    assert services.count("电梯检验") == 26
    if connection.vendor == "postgresql":
        gin_counts = [sql for sql, _ in seen if "count(*)" in sql and "ORDER BY" not in sql]
        assert len(gin_counts) == 1  # the broad count stopped among the newest entries
