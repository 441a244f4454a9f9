"""Relevance order, bounded windows and suggestions of search(), on whichever database the suite runs.

The ranking reads a bounded number of the newest matches (services.RANK_WINDOW) and counts up to
services.COUNT_LIMIT; these tests shrink both to see what happens past them.
"""

import datetime as dt

import pytest
from django.db import connection

from gongkai.search import lookup, services
from gongkai.search.tokens import normalize, variants

pytestmark = pytest.mark.django_db


def day(n):
    return dt.datetime(2024, 1, 1, 9, 0, tzinfo=dt.UTC) + dt.timedelta(days=n)


def ids(results):
    return [hit.entry.object_id for hit in results.hits]


@pytest.fixture(params=[0, 100], ids=["features through the index", "features from the texts"])
def texts_read(request, monkeypatch):
    """Both ways SQLite scores candidates (PostgreSQL has one: the tests run twice the same)."""
    monkeypatch.setattr(lookup, "TEXTS_READ", request.param)


@pytest.mark.usefixtures("texts_read")
def test_a_long_name_as_written_ranks_above_its_words_scattered():
    name = "示范市锦华包装制品股份有限公司"
    services.index_document("record", 1, title=f"关于{name}的行政处罚决定书", body="当事人违法。", published_at=day(1))
    services.index_document("record", 2, title="行政处罚决定书", body=f"当事人：{name}。", published_at=day(2))
    scattered = "示范市包装行业协会通报：锦华路某制品厂股份制改造，另有数家有限公司参加。"
    services.index_document("record", 3, title="行业动态", body=scattered, published_at=day(3))  # newest
    results = services.search(name)
    assert results.total == 3
    assert ids(results) == [1, 2, 3]  # in the title, in the body, scattered


@pytest.mark.usefixtures("texts_read")
def test_a_long_name_as_written_ranks_first_among_the_newest_when_broad(monkeypatch):
    monkeypatch.setattr(services, "RANK_WINDOW", 4)
    name = "示范市锦华包装制品股份有限公司"
    scattered = "示范市包装行业协会通报：锦华路某制品厂股份制改造，另有数家有限公司参加。"
    for n in range(1, 7):  # 1..6, scattered except 2 and 5
        body = f"当事人：{name}。" if n in (2, 5) else scattered
        services.index_document("record", n, title=f"第{n}号通报", body=body, published_at=day(n))
    # The newest 4 (3..6) are ranked: 5 has the name as written, 2 is older than the window.
    assert ids(services.search(name, per_page=3)) == [5, 6, 4]


@pytest.mark.usefixtures("texts_read")
def test_every_group_in_the_title_ranks_above_one():
    services.index_document("record", 1, title="食品抽查结果", body="见附件。", published_at=day(1))
    services.index_document("record", 2, title="食品安全工作通知", body="开展抽查。", published_at=day(2))
    services.index_document("record", 3, title="通知", body="食品抽查安排。", published_at=day(3))
    assert ids(services.search("食品 抽查")) == [1, 2, 3]


@pytest.mark.usefixtures("texts_read")
def test_a_name_as_a_word_ranks_above_the_name_inside_a_longer_one():
    services.index_document("record", 1, title="处罚决定", body="当事人：张伟，男。", published_at=day(1))
    services.index_document("record", 2, title="处罚决定", body="当事人：张伟华，女。", published_at=day(2))
    assert ids(services.search("张伟")) == [1, 2]


def test_counting_stops_past_the_ranked_window(monkeypatch):
    monkeypatch.setattr(services, "RANK_WINDOW", 3)
    monkeypatch.setattr(services, "COUNT_LIMIT", 6)
    services.reindex(services.Document("record", n, f"通知{n}", published_at=day(n)) for n in range(1, 9))
    results = services.search("通知", order="date", per_page=2)
    if connection.vendor == "sqlite":
        assert (results.total, results.total_exact, results.total_label) == (6, False, "6 多")
        assert results.num_pages == 3  # date order: pages up to COUNT_LIMIT
        assert ids(services.search("通知", order="date", per_page=2, page=3)) == [4, 3]
    else:  # the window filled in date order: counting stopped there
        assert (results.total, results.total_exact, results.total_label) == (4, False, "4 多")
        assert results.num_pages == 2
    assert ids(results) == [8, 7]
    assert services.search("通知", per_page=2).num_pages == 2  # relevance: the 3 newest only
    assert ids(services.search("通知", order="date", per_page=2, page=2)) == [6, 5]


def test_a_filter_that_excludes_everything_is_the_only_suggestion():
    services.index_document("record", 1, title="电梯安全检查", year=2024, published_at=day(1))
    services.index_document("record", 2, title="安全生产月", year=2024, published_at=day(2))
    results = services.search("电梯安全", year=2020)
    assert results.total == 0
    assert [(s.query, s.count, s.without_filters) for s in results.suggestions] == [("电梯安全", 1, True)]


def test_other_kinds_are_not_suggested():
    services.index_document("record", 1, title="电梯安全检查", published_at=day(1))
    results = services.search("电梯", kinds=["interpretation"])
    assert results.total == 0 and results.suggestions == []


def test_a_shorter_query_is_suggested_only_when_no_part_finds_anything():
    services.index_document("record", 1, title="电梯安全检查", published_at=day(1))
    services.index_document("record", 2, title="楼梯维修站", published_at=day(2))
    # 电梯 and 维修 each find something: 梯维修 (one character shorter, found in 2) is not tried.
    assert [s.query for s in services.search("电梯维修").suggestions] == ["电梯", "维修"]
    # No part of 修站点 finds anything (站点): one character shorter does.
    assert [s.query for s in services.search("修站点").suggestions] == ["修站"]


def test_suggestion_counts_stop_at_their_limit(monkeypatch):
    monkeypatch.setattr(services, "SUGGESTION_COUNT_LIMIT", 2)
    services.reindex(services.Document("record", n, f"电梯检查第{n}期", published_at=day(n)) for n in range(1, 4))
    (suggestion,) = services.search("电梯 锅炉").suggestions
    assert (suggestion.query, suggestion.count, suggestion.count_exact, suggestion.count_label) == (
        "电梯",
        2,
        False,
        "2 多",
    )


def test_variants_are_every_form_that_normalises_to_a_character():
    targets = {normalize(chr(cp)) for cp in range(0x20, 0x10000)} | {"a", "1", "〇"}
    for target in targets:
        forms = variants(target)
        assert forms[0] == target
        assert all(normalize(form) == target for form in forms)
    assert set("aAａＡ") <= set(variants("a"))
    assert set("1１") <= set(variants("1"))
