"""The full-text index queries of search(), one set per backend (see expressions.py for the layout).

Every function reads a bounded number of index rows, given by its arguments (services.py holds
the limits): the newest matches of a query (counted up to a limit), and the ranking features of
a bounded set of candidates. Keys are sort keys (services.sort_key): newest first = largest first.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction

from gongkai.search import expressions, highlight
from gongkai.search.models import SearchEntry
from gongkai.search.tokens import ParsedQuery

FTS_TABLE = "gksearch_fts"
ENTRY_TABLE = SearchEntry._meta.db_table


@dataclass(frozen=True)
class Filters:
    """What search() narrows the matches to (an empty value: no filter)."""

    kinds: tuple[str, ...] = ()
    category: str | None = None
    department_id: int | None = None
    year: int | None = None
    validity: str | None = None

    @property
    def narrowing(self) -> bool:
        """Filters other than the kinds (which public search sets to nearly every entry)."""
        return any(v not in (None, "") for v in (self.category, self.department_id, self.year, self.validity))

    def __bool__(self) -> bool:
        return bool(self.kinds) or any(
            v not in (None, "") for v in (self.category, self.department_id, self.year, self.validity)
        )

    def sql(self, alias: str) -> tuple[str, list]:
        """' AND …' conditions on the entry table (aliased) and their parameters (PostgreSQL)."""
        parts, params = [], []
        if self.kinds:
            parts.append(f"{alias}.kind IN ({', '.join(['%s'] * len(self.kinds))})")
            params += list(self.kinds)
        for column, value in (
            ("category", self.category),
            ("department_id", self.department_id),
            ("year", self.year),
            ("validity", self.validity),
        ):
            if value not in (None, ""):
                parts.append(f"{alias}.{column} = %s")
                params.append(value)
        return "".join(f" AND {p}" for p in parts), params

    def narrowing_facets(self) -> list[list[str]]:
        """The facet terms of the narrowing filters (PostgreSQL: in the tsquery, so that the GIN
        index intersects them; the kinds, nearly every entry in public search, stay in SQL)."""
        return Filters(
            category=self.category, department_id=self.department_id, year=self.year, validity=self.validity
        ).facets()

    def facets(self) -> list[list[str]]:
        """The FTS5 filter terms: one of each inner list must be present (SQLite)."""
        groups = [[t for kind in self.kinds for t in expressions.facet_terms(kind=kind)]]
        groups += [
            expressions.facet_terms(category=self.category),
            expressions.facet_terms(department_id=self.department_id),
            expressions.facet_terms(year=self.year),
            expressions.facet_terms(validity=self.validity),
        ]
        return [g for g in groups if g]


def entry_id(key: int) -> int:
    return key & 0xFFFFFFFF


def count(vendor: str, parsed: ParsedQuery, filters: Filters, limit: int) -> int:
    """Matching entries, up to `limit` + 1: counting stops there, however broad the query."""
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute(
                f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s)",
                [expressions.fts5_match(parsed, filters=filters.facets()), limit + 1],
            )
        else:
            query = expressions.tsquery(parsed, filters=filters.narrowing_facets())
            where, params = filters.sql("e")
            if len(filters.narrowing_facets()) < PG_GIN_FILTERS:
                # A broad query is counted to its limit among the newest entries: through the GIN
                # index, the bitmap of all its matches would be built first (行政处罚: 221,518 rows,
                # 95 ms to count to 101). See postgres_matches for the slices.
                cursor.execute(
                    "SELECT count(*) FROM (SELECT 1 FROM (SELECT e.search_vector FROM"
                    f" {ENTRY_TABLE} e WHERE e.sort_key IS NOT NULL{where} ORDER BY e.sort_key DESC LIMIT %s) AS s"
                    " WHERE s.search_vector @@ %s::tsquery LIMIT %s) AS matches",
                    [*params, PG_SLICES[0], query, limit + 1],
                )
                found = cursor.fetchone()[0]
                if found > limit:
                    return found
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {ENTRY_TABLE} e"
                f" WHERE e.search_vector @@ %s::tsquery{where} LIMIT %s) AS matches",
                [query, *params, limit + 1],
            )
        return cursor.fetchone()[0]


def newest_keys(vendor: str, parsed: ParsedQuery, filters: Filters, limit: int, *, offset: int = 0) -> list[int]:
    """Sort keys of the newest matching entries (`limit` of them, after the first `offset`), newest first."""
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            # rowid is the sort key: the index yields newest first and stops after `limit`.
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s OFFSET %s",
                [expressions.fts5_match(parsed, filters=filters.facets()), limit, offset],
            )
        else:
            where, params = filters.sql("e")
            cursor.execute(
                f"SELECT e.sort_key FROM {ENTRY_TABLE} e WHERE e.search_vector @@ %s::tsquery{where}"
                " ORDER BY e.sort_key DESC LIMIT %s OFFSET %s",
                [expressions.tsquery(parsed, filters=filters.narrowing_facets()), *params, limit, offset],
            )
        return [key for (key,) in cursor.fetchall()]


def sqlite_matches(parsed: ParsedQuery, filters: Filters, window: int, limit: int) -> tuple[list[int], int, bool]:
    """(the newest matching keys, newest first: all of them when there are no more than `limit`,
    else the newest `window` + 1; the matches counted up to `limit` + 1; True).

    FTS5 reads its doclists oldest first; newest first costs more, up to twice as much for a rare
    query of common terms, which reads every doclist through (示范 is in nearly every entry). So
    the matches are first read in the index's own order, up to `limit` + 1: a query with fewer
    matches is then complete (sorted here), a broader one stops early and its newest `window` + 1
    are read newest first, which stops early too.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s",
            [expressions.fts5_match(parsed, filters=filters.facets()), limit + 1],
        )
        keys = sorted((key for (key,) in cursor.fetchall()), reverse=True)
    if len(keys) <= limit:
        return keys, len(keys), True
    return newest_keys("sqlite", parsed, filters, window + 1), len(keys), True


def _features_found(features: list[str], filters: Filters, low: int, high: int) -> list[tuple[int, int]]:
    """(sort key, index in `features`) of the entries between low and high (inclusive) that match
    each FTS5 feature expression: one statement, whatever the number of features.

    Not all of them match the query: the caller keeps the candidates. The filters only make the
    answer smaller; the kinds and the year are left out (the kinds of public search are nearly
    every entry: a long doclist to read for nothing; the year is nearly implied by the range).
    """
    narrowing = Filters(category=filters.category, department_id=filters.department_id, validity=filters.validity)
    facets = " AND ".join("{fx} : (" + " OR ".join(terms) + ")" for terms in narrowing.facets() if terms)
    selects, params = [], []
    for i, expression in enumerate(features):
        selects.append(f"SELECT rowid, {i} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid >= %s AND rowid <= %s")
        params += [f"({expression}) AND {facets}" if facets else expression, low, high]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        return cursor.fetchall()


# Feature weights (expressions.py): the query as written in the title outranks everything below
# it together, as written elsewhere everything below it; words as words order what is left tied.
RANK_WEIGHTS = {
    expressions.TITLE: 8,
    expressions.EXACT: 4,
    expressions.TITLE_WORDS: 2,
    expressions.BODY_WORDS: 1,
}
# Groups of a query that add to the score (the others still decide what matches).
RANKED_GROUPS = 3


def _ranked(scores: dict[int, int]) -> list[tuple[int, float]]:
    """Best first, ties newest first."""
    return [(key, float(score)) for key, score in sorted(scores.items(), key=lambda item: (-item[1], -item[0]))]


def sqlite_rank(parsed: ParsedQuery, filters: Filters, candidates: list[int]) -> list[tuple[int, float]]:
    """The candidates (sort keys of the newest matches, newest first), best first, with scores.

    Score: for each group of the query, the RANK_WEIGHTS of the features it has (expressions.py):
    as written in the title, as written anywhere (for a group that also matches with its words
    apart), as words of the title and of the body. Ties: newest first. Up to TEXTS_READ
    candidates are scored from their stored texts; more, through the index: a lookup of each
    feature between the oldest and the newest candidate. Either way one statement, whose cost is
    bounded by the candidates, not by all the entries the query matches.
    """
    if not candidates:
        return []
    scores = dict.fromkeys(candidates, 0)
    groups = parsed.groups[:RANKED_GROUPS]
    if len(candidates) <= TEXTS_READ:
        _score_texts(groups, scores)
        return _ranked(scores)
    features = [
        (RANK_WEIGHTS[feature], expression)
        for group in groups
        for feature in expressions.FEATURES
        if (expression := expressions.fts5_feature(group, feature)) is not None
    ]
    if features:
        lookups = [e for _, e in features]
        if len(parsed.groups) > 1:
            # A feature of one group alone would be read wherever that group occurs in the range,
            # most of it not a match of the whole query (common words far apart).
            whole = expressions.fts5_match(parsed)
            lookups = [f"({e}) AND {whole}" for e in lookups]
        found = _features_found(lookups, filters, candidates[-1], candidates[0])
        for key, i in found:
            if key in scores:
                scores[key] += features[i][0]
    return _ranked(scores)


# Up to this many candidates are scored from their stored title, body and words (one read of a
# few rows) rather than through the index: few candidates may lie far apart, and a lookup between
# the first and the last reads every entry of the feature's rarest term in between.
TEXTS_READ = 100


def _score_texts(groups, scores: dict[int, int]) -> None:
    """Add the features of each group found in the stored texts of the entries keyed in scores:
    the same features as the index lookups (the phrase as highlight.py finds it, the words as
    written to the FTS5 word columns)."""
    scattered = [expressions.is_scattered(g) for g in groups]
    words = [() if s else expressions.group_words(g) for g, s in zip(groups, scattered, strict=True)]
    fields = ["pk", "title"] + ["index_words"] * any(words) + ["body"] * any(scattered)
    patterns = [highlight.phrase_regex(p) if (p := expressions.exact_phrase(g)) else None for g in groups]
    by_id = {entry_id(key): key for key in scores}
    for row in SearchEntry.objects.filter(pk__in=list(by_id)).values(*fields):
        title_words, _, body_words = row.get("index_words", "").partition("\n")
        title_words, body_words = f" {title_words} ", f" {body_words} "
        score = 0
        for pattern, is_scattered, group_words in zip(patterns, scattered, words, strict=True):
            in_title = pattern is not None and pattern.search(row["title"]) is not None
            score += RANK_WEIGHTS[expressions.TITLE] * in_title
            if is_scattered:
                in_body = pattern is not None and pattern.search(row["body"]) is not None
                score += RANK_WEIGHTS[expressions.EXACT] * (in_title or in_body)
            elif group_words:
                score += RANK_WEIGHTS[expressions.TITLE_WORDS] * all(f" {w} " in title_words for w in group_words)
                score += RANK_WEIGHTS[expressions.BODY_WORDS] * all(f" {w} " in body_words for w in group_words)
        scores[by_id[row["pk"]]] += score


# PostgreSQL: every test of a tsvector outside the GIN index reads the whole vector (some
# kilobytes, kept inside the row: migration 0004), and the GIN index yields its matches in no
# order, each of them checked again for a phrase: its cost grows with the matches. So the newest
# entries within the filters are tested in date order first, in slices of PG_SLICES rows (read
# backwards on the sort key or on a filter's (column, sort key) index), stopping at the window's
# + 1st match. A query found in fewer than PG_DENSE of the entries tested so far goes on through
# the GIN index (the planner's estimate of a phrase's matches is too poor to leave it the choice:
# it would test a rare phrase against every entry in date order); any other is broad: its
# candidates are what the slices found, its count too ("N 多": older entries are not counted).
PG_SLICES = (1000, 2000)
PG_DENSE = 0.02
# Through the GIN index, each match is checked in its row (the phrase, the kinds): the cost grows
# with the matches, and only the newest count. So the GIN index is asked year by year of
# publication (the "#p…" term of each vector, expressions.py), newest first, for up to PG_YEARS
# years while each yields at least PG_YEAR_DENSE matches; then, or for a query with none in a
# year, at once for the rest. 行政处罚 2024 at 1M entries: 26,542 matches checked at once
# (160 ms), the newest 501 in two years (50 ms). Filters are terms of the vectors too,
# intersected inside the index (优化营商环境 [department 10]: 34,502 rows checked before, 820 now).
# Over the benchmark's 120 queries at 1M (docs/benchmark-findings.md), each year needing 10 or
# 50 matches to go on to the next gave a p95 of 89 and 100 ms, one match 66 ms.
PG_YEARS = 4
PG_YEAR_DENSE = 1
# With this many narrowing filters (category, department, year, validity) there are no slices:
# a slice walks one filter's (column, sort key) index and reads each row to check the others,
# about 1,000 / (the share the other filters keep) rows; through the GIN index the filters'
# terms and the query's meet inside the index. “部门预算” [art20-13, department 9, 2024] at 1M
# entries: 235 ms in slices.
PG_GIN_FILTERS = 2


# The GIN index's matches and a filter's index entries meet in bitmaps; a bitmap larger than
# work_mem (PostgreSQL's default: 4 MB) turns lossy, and then every row of its pages is read and
# tested again. 处罚 [category=art20-15] at 1M entries (221,518 and 157,779 entries, none in
# both): 2.0 s with 4 MB, 0.1 s with 32 MB. Memory is taken only as a bitmap needs it.
PG_WORK_MEM = "64MB"


@contextmanager
def reading(vendor: str):
    """The statements of one search. PostgreSQL: in one transaction with PG_WORK_MEM (inside an
    outer transaction the setting lasts until that one ends)."""
    if vendor == "sqlite":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL work_mem = '{PG_WORK_MEM}'")
        yield


def postgres_matches(parsed: ParsedQuery, filters: Filters, window: int, limit: int) -> tuple[list[int], int, bool]:
    """(the newest matching keys, newest first: at least `window` + 1 if there are so many; the
    matches counted, up to `limit` + 1; whether the count is exact)."""
    query = expressions.tsquery(parsed, filters=filters.narrowing_facets())
    with connection.cursor() as cursor:
        ceiling = None  # keys below it are still to be looked at
        keys: list[int] = []
        if len(filters.narrowing_facets()) < PG_GIN_FILTERS:
            keys, ceiling, done = _pg_slices(cursor, query, filters, window)
            if done is not None:
                return keys, len(keys), done
        return _pg_through_gin(cursor, query, filters, keys, ceiling, limit)


def _pg_slices(cursor, query: str, filters: Filters, window: int) -> tuple[list[int], int | None, bool | None]:
    """(matching keys of the newest entries within the filters, newest first; the key below which
    nothing was looked at; True/False: the answer is complete, its count exact or not — None: on
    through the GIN index)."""
    keys: list[int] = []
    ceiling = None
    examined = 0
    for size in PG_SLICES:
        if examined and len(keys) < PG_DENSE * examined:
            return keys, ceiling, None  # rare: on through the GIN index
        # The slice: the `size` newest entries within the filters below the ceiling. A filter
        # that keeps few entries would otherwise leave few of them in a slice of all entries,
        # and a broad query would look rare.
        where, params = filters.sql("e")
        if ceiling is not None:
            where += " AND e.sort_key < %s"
            params.append(ceiling)
        cursor.execute(
            f"SELECT e.sort_key FROM {ENTRY_TABLE} e WHERE e.sort_key IS NOT NULL{where}"
            " ORDER BY e.sort_key DESC LIMIT 1 OFFSET %s",
            [*params, size - 1],
        )
        row = cursor.fetchone()
        floor = row[0] if row else None  # None: fewer entries left than the slice
        cursor.execute(
            "SELECT s.sort_key FROM (SELECT e.sort_key, e.search_vector FROM"
            f" {ENTRY_TABLE} e WHERE e.sort_key IS NOT NULL{where} ORDER BY e.sort_key DESC LIMIT %s) AS s"
            " WHERE s.search_vector @@ %s::tsquery ORDER BY s.sort_key DESC LIMIT %s",
            [*params, size, query, window + 1 - len(keys)],
        )
        keys += [key for (key,) in cursor.fetchall()]
        if len(keys) > window:
            return keys, ceiling, False
        if floor is None:
            return keys, ceiling, True
        ceiling, examined = floor, examined + size
    if len(keys) >= PG_DENSE * examined:
        # Common, but not enough to fill the window: rank what the slices found rather than
        # read every older match back through the GIN index.
        return keys, ceiling, False
    return keys, ceiling, None


def _pg_through_gin(cursor, query: str, filters: Filters, keys: list[int], ceiling: int | None, limit: int):
    """The matches below the ceiling (all if None) added to keys through the GIN index, newest year
    of publication first (see PG_YEARS), up to `limit` + 1 in all: (keys, their count, True)."""
    if ceiling is None:
        cursor.execute(f"SELECT max(sort_key) FROM {ENTRY_TABLE}")
        newest = cursor.fetchone()[0]
        year = expressions.key_year(newest) if newest is not None else None
    else:
        year = expressions.key_year(ceiling)
    for step in range(PG_YEARS + 1):
        last = step == PG_YEARS or year is None
        where, params = filters.sql("e")
        if ceiling is not None:
            # "+ 0": no sort_key index for this (it would be walked in date order, see above).
            where += " AND e.sort_key + 0 < %s"
            params.append(ceiling)
        bucket = "" if last else f" & '{expressions.FACET_MARK}{expressions.published_term(year)}'"
        cursor.execute(
            f"SELECT e.sort_key FROM {ENTRY_TABLE} e WHERE e.search_vector @@ %s::tsquery{where}"
            " ORDER BY e.sort_key + 0 DESC LIMIT %s",
            [query + bucket, *params, limit + 1 - len(keys)],
        )
        found = [key for (key,) in cursor.fetchall()]
        keys += found
        if last or len(keys) > limit:
            break
        ceiling = expressions.year_start_key(year)
        year = year - 1 if len(found) >= PG_YEAR_DENSE else None  # None: rare, the rest at once
    return keys, len(keys), True


def postgres_rank(parsed: ParsedQuery, candidates: list[int]) -> list[tuple[int, float]]:
    """The candidates best first by the same features and weights as sqlite_rank(), each tested in
    the candidate's vector (one read of each vector), ties newest first."""
    if not candidates:
        return []
    features = []
    for group in parsed.groups[:RANKED_GROUPS]:
        for feature in expressions.FEATURES:
            tsquery = expressions.ts_feature(group, feature)
            if tsquery is not None:
                features.append((RANK_WEIGHTS[feature], tsquery))
    scores = dict.fromkeys(candidates, 0)
    if not features:
        return _ranked(scores)
    tests = ", ".join(["s.v @@ %s::tsquery"] * len(features))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT s.sort_key, {tests} FROM (SELECT e.sort_key, e.search_vector AS v"
            f" FROM {ENTRY_TABLE} e WHERE e.sort_key = ANY(%s) OFFSET 0) AS s",
            [*(tsquery for _, tsquery in features), list(candidates)],
        )
        rows = cursor.fetchall()
    weights = [weight for weight, _ in features]
    for key, *hits in rows:
        scores[key] = sum(weight for weight, hit in zip(weights, hits, strict=True) if hit)
    return _ranked(scores)
