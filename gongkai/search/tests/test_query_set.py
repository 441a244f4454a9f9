"""The query set (query_set.py) over the corpus (corpus.py), on whichever database the suite runs.

Every query must find exactly the expected documents (precision and recall 1), in the expected
order where one is given, and offer the expected suggestions when it finds nothing. A second test
checks the full-text index against a plain scan of the corpus's token streams.
"""

import pytest
from django.db import transaction

from gongkai.search import services
from gongkai.search.tests import corpus
from gongkai.search.tests.query_set import QUERIES
from gongkai.search.tokens import query_terms, streams


@pytest.fixture(scope="module")
def indexed_corpus(django_db_setup, django_db_blocker):
    """The corpus, indexed once for the module inside a transaction that is rolled back after it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            documents = [
                services.Document(
                    kind=d["kind"],
                    object_id=corpus.object_id(d["key"]),
                    title=d["title"],
                    body=d["body"],
                    url=f"/xxgk/{d['key']}/",
                    category=d["category"],
                    department_id=d["department_id"],
                    year=d["year"],
                    validity=d["validity"],
                    published_at=d["published_at"],
                )
                for d in corpus.DOCS
            ]
            assert services.reindex(documents, batch_size=50) == len(corpus.DOCS)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _keys(results):
    return [corpus.KEYS[hit.entry.object_id - 1] for hit in results.hits]


def test_the_query_set_is_large_enough():
    assert len(corpus.DOCS) >= 120
    assert len(QUERIES) >= 50
    assert len({len(q.query) for q in QUERIES if q.query.isalpha()}) >= 6  # 1 to 6+ characters


@pytest.mark.django_db
@pytest.mark.parametrize("case", QUERIES, ids=str)
def test_query(indexed_corpus, case):
    results = services.search(case.query, order=case.order, per_page=100, **case.filters)
    assert not results.error
    found = _keys(results)
    assert len(found) == len(set(found))
    missing = case.expect - set(found)
    unexpected = set(found) - case.expect
    assert not missing and not unexpected, f"missing {sorted(missing)}, unexpected {sorted(unexpected)}"
    assert results.total == len(case.expect)
    if case.top:
        assert found[: len(case.top)] == list(case.top)
    if case.ordered:
        assert found == list(case.ordered)
    for expected in case.suggest:
        text, without_filters = expected if isinstance(expected, tuple) else (expected, False)
        offered = {(s.query, s.without_filters): s.count for s in results.suggestions}
        assert (text, without_filters) in offered, f"{expected} not in {results.suggestions}"
        assert offered[(text, without_filters)] == services.count(text, **({} if without_filters else case.filters))
    for hit in results.hits:
        assert "<mark>" in hit.title_html + hit.snippet_html, f"nothing marked in {hit.entry.title}"


def _naive(parsed, doc):
    """Does the document match, by scanning its token streams (no index)?"""

    def has(stream, phrase):
        n = len(phrase.terms)
        for i in range(len(stream) - n + 1):
            window = stream[i : i + n]
            if window[:-1] == list(phrase.terms[:-1]) and (
                window[-1].startswith(phrase.terms[-1]) if phrase.prefix else window[-1] == phrase.terms[-1]
            ):
                return True
        return False

    title, body = streams(doc["title"]).grams, streams(doc["body"]).grams
    return all(any(has(title, c.phrase) or has(body, c.phrase) for _ in [0]) for g in parsed.groups for c in g.clauses)


@pytest.mark.django_db
def test_index_agrees_with_a_scan_of_the_corpus(indexed_corpus):
    queries = {q.query for q in QUERIES} | {
        "公开",
        "局",
        "示范市",
        "市场监督管理局",
        "食品 安全",
        "2019",
        "号",
        "罚款 元",
        "a",
        "经查，当事人",
    }
    for query in sorted(queries):
        parsed = query_terms(query)
        expected = {corpus.object_id(d["key"]) for d in corpus.DOCS if _naive(parsed, d)}
        results = services.search(query, per_page=100)
        assert {h.entry.object_id for h in results.hits} == expected, query
        assert results.total == len(expected), query
