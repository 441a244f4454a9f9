"""Indexing, updating, removing and searching entries, on whichever database the suite runs."""

import datetime as dt

import pytest
from django.db import connection

from gongkai.search import lookup, services
from gongkai.search.models import BODY_MAX_CHARS, SearchEntry
from gongkai.search.tokens import ERROR_EMPTY, ERROR_TOO_LONG

pytestmark = pytest.mark.django_db


def day(n):
    return dt.datetime(2024, 1, 1, 9, 0, tzinfo=dt.UTC) + dt.timedelta(days=n)


def ids(results):
    return [hit.entry.object_id for hit in results.hits]


def fts_rows():
    """Rows in the backend's full-text index (SQLite: FTS5 rows; PostgreSQL: non-null vectors)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM gksearch_fts")
        else:
            cursor.execute("SELECT count(*) FROM gksearch_searchentry WHERE search_vector IS NOT NULL")
        return cursor.fetchone()[0]


def test_index_and_find():
    services.index_document(
        "record",
        1,
        title="关于当事人张伟华的行政处罚决定书",
        body="示市监发〔2024〕12号\n当事人张伟华，住示范市建设大道88号。",
        url="/xxgk/record/1/",
        category="6",
        department_id=3,
        year=2024,
        validity="valid",
        published_at=day(0),
    )
    results = services.search("建设大道")
    assert results.total == 1 and results.total_exact
    (hit,) = results.hits
    assert hit.url == "/xxgk/record/1/"
    assert hit.entry.kind == "record" and hit.entry.year == 2024
    assert "<mark>建设大道</mark>" in hit.snippet_html
    assert hit.title_html == "关于当事人张伟华的行政处罚决定书"


def test_indexing_twice_changes_nothing():
    for _ in range(2):
        services.index_document("record", 7, title="食品安全抽检结果", body="合格率98%", published_at=day(1))
    assert SearchEntry.objects.count() == 1
    assert fts_rows() == 1
    assert services.search("抽检").total == 1


def test_update_replaces_the_old_text_and_filters():
    services.index_document("record", 1, title="旧标题：电梯检查", body="电梯", year=2023, published_at=day(0))
    services.index_document("record", 1, title="新标题：锅炉检查", body="锅炉", year=2024, published_at=day(5))
    assert services.search("电梯").total == 0
    assert services.search("锅炉").total == 1
    assert services.search("锅炉", year=2023).total == 0
    assert services.search("锅炉", year=2024).total == 1
    assert fts_rows() == 1
    entry = SearchEntry.objects.get()
    assert entry.title == "新标题：锅炉检查"
    assert entry.sort_key == services.sort_key(day(5), entry.pk)


def test_a_batch_keeps_ids_and_sort_keys_of_existing_entries():
    services.reindex(services.Document("record", n, f"旧稿{n}", published_at=day(n)) for n in (1, 2))
    before = dict(SearchEntry.objects.values_list("object_id", "pk"))
    services.reindex(services.Document("record", n, f"新稿{n}", published_at=day(10 + n)) for n in (2, 3, 1))
    entries = {e.object_id: e for e in SearchEntry.objects.all()}
    assert {n: entries[n].pk for n in (1, 2)} == before
    assert all(e.sort_key == services.sort_key(e.published_at, e.pk) for e in entries.values())
    assert [h.entry.object_id for h in services.search("新稿", order="date").hits] == [3, 2, 1]
    assert services.search("旧稿").total == 0


def test_remove_document():
    services.index_document("record", 1, title="电梯检查", published_at=day(0))
    services.index_document("interpretation", 1, title="电梯检查解读", published_at=day(1))
    assert services.remove_document("record", 1) is True
    assert services.remove_document("record", 1) is False
    assert ids(services.search("电梯")) == [1]
    assert services.search("电梯").hits[0].entry.kind == "interpretation"
    assert fts_rows() == 1


def test_rebuild_index_keeps_every_entry_searchable():
    services.reindex(
        services.Document("record", n, f"第{n}号公告：特种设备", "电梯", published_at=day(n)) for n in range(1, 31)
    )
    assert services.rebuild_index(batch_size=7) == 30
    assert services.search("特种设备").total == 30
    assert fts_rows() == 30
    services.index_document("record", 5, title="改为锅炉", published_at=day(5))
    assert services.search("特种设备").total == 29


def test_reindex_accepts_mappings_and_documents():
    count = services.reindex(
        [
            {"kind": "record", "object_id": 1, "title": "电梯", "published_at": dt.date(2024, 3, 1)},
            services.Document("record", 2, "锅炉"),
            {"kind": "record", "object_id": 1, "title": "电梯（更正）"},  # the last version wins
        ]
    )
    assert count == 2
    assert SearchEntry.objects.get(object_id=1).title == "电梯（更正）"


def test_body_is_bounded_and_cleaned():
    services.index_document(
        "record", 1, title="  长  文  ", body="第一段\n\n  第二段  \n" + "字" * (BODY_MAX_CHARS * 2)
    )
    entry = SearchEntry.objects.get()
    assert entry.title == "长 文"
    assert entry.body.startswith("第一段\n第二段\n")
    assert len(entry.body) == BODY_MAX_CHARS


def test_html_in_documents_is_escaped():
    services.index_document(
        "record",
        1,
        title='<script>alert("x")</script> 通知 & 公告',
        body="<b>正文</b> 通知 <img src=x onerror=alert(1)>",
    )
    (hit,) = services.search("通知").hits
    assert "<script>" not in hit.title_html and "<b>" not in hit.snippet_html and "<img" not in hit.snippet_html
    assert hit.title_html == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>通知</mark> &amp; 公告"
    assert hit.snippet_html == "&lt;b&gt;正文&lt;/b&gt; <mark>通知</mark> &lt;img src=x onerror=alert(1)&gt;"
    assert hasattr(hit.title_html, "__html__")  # safe to put in a template as is


def test_pagination_totals():
    services.reindex(
        services.Document("record", n, f"政务公开第{n}期", "内容", published_at=day(n)) for n in range(1, 46)
    )
    first = services.search("政务公开", order="date", per_page=20)
    assert (first.total, first.num_pages, first.page) == (45, 3, 1)
    assert ids(first) == list(range(45, 25, -1))
    assert first.has_next and not first.has_previous and first.start_index == 1
    last = services.search("政务公开", order="date", per_page=20, page=3)
    assert ids(last) == [5, 4, 3, 2, 1]
    assert not last.has_next and last.has_previous and last.start_index == 41
    beyond = services.search("政务公开", order="date", per_page=20, page=99)
    assert beyond.page == 3
    assert services.search("政务公开", page="x").page == 1
    seen = []
    for page in (1, 2, 3):
        seen += ids(services.search("政务公开", per_page=20, page=page))
    assert sorted(seen) == list(range(1, 46))  # relevance pages neither repeat nor skip


def test_count_stops_at_the_limit(monkeypatch):
    monkeypatch.setattr(services, "COUNT_LIMIT", 10)
    services.reindex(services.Document("record", n, f"通知{n}", published_at=day(n)) for n in range(1, 16))
    results = services.search("通知")
    assert (results.total, results.total_exact, results.total_label) == (10, False, "10 多")
    assert services.search("通知1").total_exact


def test_broad_queries_rank_title_matches_first_among_the_newest(monkeypatch):
    monkeypatch.setattr(services, "RANK_WINDOW", 6)
    for n in range(1, 10):  # 1..9: the title matches for odd n, only the body for even n
        title = f"第{n}期通知" if n % 2 else f"第{n}期公告"
        services.index_document("record", n, title=title, body="通知如下", published_at=day(n))
    services.index_document("record", 100, title="通知 通知 通知", published_at=day(-10))  # best, but old
    results = services.search("通知", per_page=4)
    # SQLite counts every match (10); PostgreSQL stops counting when the window is full ("7 多").
    assert (results.total, results.total_exact) in ((10, True), (7, False))
    assert results.num_pages == 2  # only the newest 6 are ranked
    assert ids(results) == [9, 7, 5, 8]  # newest 6 are 4..9: titles 9, 7, 5, then 8, 6, 4
    assert ids(services.search("通知", per_page=4, page=2)) == [6, 4]
    assert ids(services.search("通知", per_page=2, page=2)) == [5, 8]
    assert ids(services.search("通知", per_page=4, category="x")) == []
    scores = [hit.score for hit in results.hits]
    assert scores[0] == scores[1] == scores[2] > scores[3]  # ties are newest first
    assert all(hit.score is None for hit in services.search("通知", order="date").hits)


def test_a_filter_that_keeps_few_of_the_newest_entries_still_finds_all_its_matches(monkeypatch):
    # PostgreSQL reads the newest entries in slices (lookup.postgres_matches): small ones here.
    # The slices are taken within the filter; taken among all entries (the newest 4, then 8), the
    # page would show the 2 matches among the newest 12 entries of the site alone ("2 多").
    monkeypatch.setattr(lookup, "PG_SLICES", (4, 8))
    monkeypatch.setattr(services, "RANK_WINDOW", 6)
    services.reindex(
        services.Document("record", n, f"第{n}期通知", department_id=7 if n % 10 == 0 else 8, published_at=day(n))
        for n in range(1, 61)
    )
    results = services.search("通知", department_id=7)
    assert (results.total, results.total_exact) == (6, True)
    assert ids(results) == [60, 50, 40, 30, 20, 10]
    assert ids(services.search("通知", department_id=7, order="date")) == [60, 50, 40, 30, 20, 10]
    broad = services.search("通知", department_id=8)  # more than the window: the newest are ranked
    assert ids(broad)[:5] == [59, 58, 57, 56, 55]


def test_title_hits_rank_above_body_hits():
    services.index_document("record", 1, title="年度工作总结", body="其中提到电梯维护保养。", published_at=day(9))
    services.index_document("record", 2, title="电梯维护保养规定", body="具体规定如下。", published_at=day(1))
    assert ids(services.search("电梯维护")) == [2, 1]


def test_exact_query_ranks_above_scattered_words():
    services.index_document("record", 1, title="通知", body="食品安全工作……另行抽样检验。", published_at=day(9))
    services.index_document("record", 2, title="通知", body="食品安全抽样检验工作。", published_at=day(1))
    assert ids(services.search("食品安全抽样检验")) == [2, 1]


def test_filters_combine():
    docs = [
        services.Document("record", 1, "电梯", category="13", department_id=5, year=2024, validity="valid"),
        services.Document("record", 2, "电梯", category="13", department_id=5, year=2023, validity="valid"),
        services.Document("record", 3, "电梯", category="1", department_id=5, year=2024, validity="expired"),
        services.Document("interpretation", 4, "电梯", category="13", department_id=6, year=2024, validity="valid"),
    ]
    services.reindex(docs)
    assert sorted(ids(services.search("电梯", category="13"))) == [1, 2, 4]
    assert sorted(ids(services.search("电梯", category="13", year=2024))) == [1, 4]
    assert ids(services.search("电梯", category="13", year=2024, department_id=5)) == [1]
    assert ids(services.search("电梯", validity="expired")) == [3]
    assert ids(services.search("电梯", kinds=["interpretation"])) == [4]
    assert sorted(ids(services.search("电梯", kinds=["record", "interpretation"]))) == [1, 2, 3, 4]
    assert services.search("电梯", category="", year=None).total == 4  # empty filters are no filters


def test_refused_queries_have_chinese_errors():
    assert services.search("").error == ERROR_EMPTY
    results = services.search("长" * 101)
    assert results.error == ERROR_TOO_LONG
    assert results.hits == [] and results.total == 0


def test_unknown_order_is_a_programming_error():
    with pytest.raises(ValueError):
        services.search("电梯", order="popularity")


def test_suggestions_when_nothing_is_found():
    services.index_document("record", 1, title="电梯安全检查", year=2024)
    services.index_document("record", 2, title="食品安全抽检", year=2024)
    results = services.search("电梯 抽检")
    assert results.total == 0
    assert {(s.query, s.count) for s in results.suggestions} == {("电梯", 1), ("抽检", 1)}
    filtered = services.search("电梯", year=2020)
    assert [(s.query, s.count, s.without_filters) for s in filtered.suggestions] == [("电梯", 1, True)]
    assert services.search("完全无关").suggestions == []


def test_dictionary_loads_agency_and_department_names(departments):
    services.load_dictionary(force=True)
    from gongkai.search.tokens import loaded_user_words

    assert {"产品质量安全监督管理科", "示范市市场监督管理局"} <= loaded_user_words()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgres_searches_with_memory_for_exact_bitmaps(monkeypatch):
    # With the default 4 MB a filtered query's bitmaps turn lossy at a million entries and every
    # row of their pages is read again (lookup.PG_WORK_MEM).
    seen = []
    matches = lookup.postgres_matches

    def watched(*args):
        with connection.cursor() as cursor:
            cursor.execute("SHOW work_mem")
            seen.append(cursor.fetchone()[0])
        return matches(*args)

    monkeypatch.setattr(lookup, "postgres_matches", watched)
    services.index_document("record", 1, title="电梯检查", category="13", published_at=day(1))
    assert ids(services.search("电梯", category="13")) == [1]
    assert seen == [lookup.PG_WORK_MEM]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's storage of the vector")
def test_postgres_keeps_the_vector_inside_the_row():
    # Out of line (TOAST), checking a phrase in a vector costs about six buffer reads instead of one
    # (migration 0004). 400 different characters make a vector of some KB: the row stays whole.
    body = "".join(chr(0x4E00 + (n * 7919) % 20000) for n in range(400))
    services.index_document("record", 1, title="食品经营监督检查通知", body=body, published_at=day(1))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_size(search_vector), pg_relation_size(c.reltoastrelid)"
            " FROM gksearch_searchentry, pg_class c WHERE c.oid = 'gksearch_searchentry'::regclass"
        )
        vector_bytes, toast_bytes = cursor.fetchone()
    assert vector_bytes > 2500  # beyond the default threshold (about 2 KB), which would move it out
    assert toast_bytes == 0
    assert ids(services.search(f"“{body[200:206]}”")) == [1]
