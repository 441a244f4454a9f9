"""Fast tests of the pure pieces of bench.micro (issue 6): statistics, the text generator, the query
mix, the choice of the calendar day. Nothing here times anything."""

import datetime as dt
import random

import pytest

from bench import micro, micro_queries, micro_text
from gongkai.privacy import checksums
from gongkai.privacy.scanner import scan
from gongkai.search.tokens import query_terms

# --- statistics ---------------------------------------------------------------------------------


def test_percentile_interpolates_between_closest_ranks():
    values = [5, 1, 4, 2, 3]  # unsorted on purpose
    assert micro_queries.percentile(values, 0) == 1
    assert micro_queries.percentile(values, 50) == 3
    assert micro_queries.percentile(values, 100) == 5
    assert micro_queries.percentile(values, 95) == pytest.approx(4.8)
    assert micro_queries.percentile(list(range(1, 101)), 95) == pytest.approx(95.05)
    assert micro_queries.percentile([7.5], 95) == 7.5


def test_percentile_refuses_no_values_and_bad_p():
    with pytest.raises(ValueError):
        micro_queries.percentile([], 50)
    with pytest.raises(ValueError):
        micro_queries.percentile([1, 2], 101)


def test_timing_summary_is_in_milliseconds():
    summary = micro_queries.timing_summary([0.001, 0.002, 0.003, 0.004])
    assert summary["p50_ms"] == pytest.approx(2.5)
    assert summary["max_ms"] == pytest.approx(4.0)
    assert summary["mean_ms"] == pytest.approx(2.5)
    assert summary["samples"] == 4


# --- well-formed numbers ------------------------------------------------------------------------


def test_generated_numbers_pass_the_product_checksums():
    rng = random.Random(3)
    for _ in range(200):
        assert checksums.is_valid_resident_id(micro_text.resident_id(rng))
        assert checksums.is_valid_uscc(micro_text.credit_code(rng, individual=True))
        assert checksums.is_individual_business_uscc(micro_text.credit_code(rng, individual=True))
        assert not checksums.is_individual_business_uscc(micro_text.credit_code(rng, individual=False))
        assert checksums.luhn_valid(micro_text.bank_card(rng))


def test_chinese_numbers():
    numbers = [micro_text.cn_number(n) for n in (1, 10, 11, 20, 24, 99)]
    assert numbers == ["一", "十", "十一", "二十", "二十四", "九十九"]
    assert micro_text.cn_number(120) == "120"


# --- documents and the corpus -------------------------------------------------------------------


def test_document_bodies_are_1_to_5_kb_of_chinese_text():
    rng = random.Random(8)
    kinds = set()
    for _ in range(400):
        text = micro_text.document(rng)
        kinds.add(text.kind)
        size = len(text.body.encode())
        assert micro_text.BODY_MIN_BYTES <= size <= micro_text.BODY_MAX_BYTES, (text.kind, size)
        assert 1 <= text.article20 <= 15
        assert text.title
    assert {"penalty", "spot_check", "notice", "policy", "statistics", "subsidy", "recruitment"} <= kinds


def test_corpus_is_deterministic():
    assert micro_text.corpus(150_000, seed=5) == micro_text.corpus(150_000, seed=5)
    assert micro_text.corpus(150_000, seed=5) != micro_text.corpus(150_000, seed=6)


def test_corpus_size_is_the_requested_size_give_or_take_one_document():
    size = 400_000
    documents = micro_text.corpus(size)
    total = sum(len(d.encode()) for d in documents)
    assert size <= total < size + micro_text.BODY_MAX_BYTES + 500
    assert total - len(documents[-1].encode()) < size  # it stopped as soon as the size was reached


def test_corpus_carries_every_kind_of_personal_data_and_masked_decisions():
    documents = micro_text.corpus(600_000)
    found = {finding.type for document in documents for finding in scan(document)}
    assert found >= {"id_card", "mobile", "phone", "uscc", "bank_card", "email", "person_name", "address", "plate"}
    assert any("某某" in document and "********" in document for document in documents)
    assert any(not scan(document) for document in documents)  # plain texts too


def test_limit_regex_sees_what_the_scanner_looks_for():
    text = "当事人：张三，公民身份号码：440304199001011234，联系电话：13812345678，电子邮箱：zhangsan@163.com"
    matches = [m.group() for m in micro.LIMIT_REGEX.finditer(text)]
    assert "440304199001011234" in matches
    assert "13812345678" in matches
    assert "zhangsan@163.com" in matches
    assert "当事人：" in matches
    assert [m.group() for m in micro.ID_REGEX.finditer(text)] == ["440304199001011234"]


# --- the import file ----------------------------------------------------------------------------


def test_import_rows_use_the_site_departments_and_article_20_items():
    rows = micro_text.import_rows(300, departments=["office", "food"])
    assert len(rows) == 300
    assert all(set(row) == set(micro_text.IMPORT_HEADER) for row in rows)
    assert {row["部门"] for row in rows} == {"office", "food"}
    assert all(1 <= int(row["信息类别"]) <= 15 for row in rows)
    drafts = sum(1 for row in rows if not row["发布日期"])
    assert 10 <= drafts <= 60  # about 10 %
    for row in rows:
        if row["发布日期"]:
            assert row["发布日期"][:10] >= row["生成日期"]
    assert rows == micro_text.import_rows(300, departments=["office", "food"])
    with pytest.raises(ValueError):
        micro_text.import_rows(1, departments=[])


@pytest.mark.django_db
def test_import_file_passes_the_importer_check(tmp_path, departments):
    from gongkai.disclosure import importer
    from gongkai.organisation.models import Department

    codes = list(Department.objects.values_list("code", flat=True))
    path = micro_text.write_csv(tmp_path / "rows.csv", micro_text.import_rows(25, departments=codes))
    result = importer.check_file(path)
    assert result.ok, [str(p) for p in result.errors]
    assert result.rows == 25
    assert result.published + result.drafts == 25


# --- the query mix ------------------------------------------------------------------------------

FACETS = {"categories": ["art20-6", "art20-13", "art20-1"], "departments": [4, 9], "years": [2025, 2024, 2023]}


def test_query_mix_has_at_least_100_queries_of_every_required_kind():
    queries = micro_queries.query_mix(**FACETS)
    assert len(queries) >= 100
    plain = [q for q in queries if not q.filtered]
    short = {len(q.text) for q in plain if q.kind == micro_queries.SHORT}
    assert short == {1, 2, 3, 4, 5, 6}
    assert sum(1 for q in plain if q.kind == micro_queries.NAME) >= 10
    assert any(q.text.endswith("有限公司") for q in queries)  # company names
    phrases = [q for q in plain if q.kind == micro_queries.PHRASE]
    assert len(phrases) >= 10 and all(q.text[0] in "\"“「《" for q in phrases)
    assert any(len(query_terms(q.text).groups) > 1 for q in queries)  # several words
    assert {q.order for q in queries} == {"relevance", "date"}


def test_query_mix_filters_by_category_year_and_department_with_the_site_values():
    queries = micro_queries.query_mix(**FACETS)
    only_category = [q for q in queries if q.category and q.year is None and q.department_id is None]
    only_year = [q for q in queries if q.year and q.category is None and q.department_id is None]
    only_department = [q for q in queries if q.department_id and q.category is None and q.year is None]
    all_three = [q for q in queries if q.category and q.year and q.department_id]
    assert len(only_category) >= 10 and len(only_year) >= 10 and len(only_department) >= 5 and all_three
    assert {q.category for q in queries if q.category} <= set(FACETS["categories"])
    assert {q.year for q in queries if q.year} <= set(FACETS["years"])
    assert {q.department_id for q in queries if q.department_id} == set(FACETS["departments"])
    assert {q.kind for q in queries if q.filtered} == set(micro_queries.KINDS)


def test_query_mix_is_deterministic_and_every_query_is_searchable():
    queries = micro_queries.query_mix(**FACETS)
    assert queries == micro_queries.query_mix(**FACETS)
    for query in queries:
        assert query_terms(query.text).ok, query.text


def test_query_mix_needs_filter_values():
    with pytest.raises(ValueError):
        micro_queries.query_mix(categories=[], departments=[1], years=[2024])


# --- the calendar day and the database check --------------------------------------------------


def test_pick_day_takes_the_weekday_inside_most_running_periods():
    d = dt.date
    periods = [
        (d(2026, 3, 2), d(2026, 3, 13)),
        (d(2026, 3, 9), d(2026, 3, 20)),
        (d(2026, 3, 10), d(2026, 3, 12)),
        (None, d(2026, 3, 12)),  # no receipt date: ignored
    ]
    # 10–12 March are inside all three periods; the latest of them wins the tie.
    assert micro.pick_day(periods, {2026}, set()) == d(2026, 3, 12)
    assert micro.pick_day(periods, {2026}, {d(2026, 3, 12)}) == d(2026, 3, 11)
    assert micro.pick_day(periods, {2025}, set()) is None  # year not covered
    weekend = [(d(2026, 3, 14), d(2026, 3, 15))]
    assert micro.pick_day(weekend, {2026}, set()) is None


def test_same_database_compares_sqlite_paths_and_postgres_urls(tmp_path):
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "a.sqlite3")}
    assert micro._same_database(sqlite, str(tmp_path / "a.sqlite3"))
    assert not micro._same_database(sqlite, str(tmp_path / "b.sqlite3"))
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "gk_x", "HOST": "127.0.0.1", "PORT": 5432}
    assert micro._same_database(postgres, "postgres://postgres@127.0.0.1:5432/gk_x")
    assert not micro._same_database(postgres, "postgres://postgres@127.0.0.1:5432/gk_y")
    assert not micro._same_database(sqlite, "postgres://postgres@127.0.0.1:5432/gk_x")


def test_verdicts_word_misses_like_the_report():
    assert micro.miss(12.0, 20.0, higher_is_better=True) == "missed by 40 %"
    assert micro.miss(25.0, 20.0, higher_is_better=True) == "met"
    assert micro.miss(3.0, 2.0, higher_is_better=False) == "missed by 50 %"
    assert micro._at_scale("met", 70, 10_000, "open cases") == "met (at 70 open cases; the goal is for 10,000)"
    assert micro._at_scale("met", 10_000, 10_000, "open cases") == "met"


def test_format_table_shows_values_goals_and_misses():
    table = micro.format_table({
        "scanner_mb_per_s": micro.figure(12.5, "MB/s", "≥ 20 MB/s", limit=30.0, limit_label="regex", met=False,
                                         ratio=2.4),
        "annual_report_s": micro.figure(0.5, "s", "≤ 2 s", met=True),
    })
    assert "scanner_mb_per_s" in table and "12.5" in table and "missed" in table
    assert "annual_report_s" in table and "met" in table
    assert "scanner_mb_per_s: limit = regex" in table


def test_company_names_are_taken_from_the_texts_in_full_and_short_form():
    texts = ["当事人：示范市恒达商贸有限公司，住所：……", "经查，示范市绿源酒业股份有限公司生产的白酒",
             "示范市恒达商贸有限公司再次出现", "抽查了示范市远航家居有限公司。"]
    assert micro_queries.company_names(texts) == ["示范市恒达商贸有限公司", "绿源酒业", "示范市远航家居有限公司"]
    assert micro_queries.company_names(texts, limit=1) == ["示范市恒达商贸有限公司"]
    assert micro_queries.company_names(["没有公司名称的文字"]) == []


def test_query_mix_uses_the_site_companies_and_fills_up_with_fixed_ones():
    found = ["示范市恒达商贸有限公司", "绿源酒业"]
    queries = micro_queries.query_mix(**FACETS, companies=found)
    names = [q.text for q in queries if q.kind == micro_queries.NAME and not q.filtered]
    assert names[len(micro_queries.PERSON_NAMES):] == found + list(micro_queries.COMPANY_NAMES[:6])
    assert len(queries) == len(micro_queries.query_mix(**FACETS)) == 120
