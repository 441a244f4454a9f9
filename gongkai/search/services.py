"""Writing to and reading from the Chinese full-text index.

index_document()   -- add or replace one object's entry (idempotent)
remove_document()  -- remove one object's entry (no error if absent)
reindex()          -- add or replace many entries in batches
rebuild_index()    -- rewrite the whole full-text index from the stored entries (after a change of
                      the dictionary or of tokens.py)
search()           -- a page of hits with highlighted titles and snippets, the total, and
                      suggestions when nothing was found
load_dictionary()  -- the user dictionary (bundled words, agency and department names); loaded
                      once per process before the first indexing or search

Entries are written only here (see models.py). Every function needs a database with a full-text
index: SQLite (FTS5) or PostgreSQL; see expressions.py for the index layout of each.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from django.db import NotSupportedError, connection, transaction
from django.utils.safestring import SafeString, mark_safe

from gongkai.search import expressions, highlight
from gongkai.search.models import BODY_MAX_CHARS, TITLE_MAX_CHARS, URL_MAX_CHARS, SearchEntry
from gongkai.search.tokens import ParsedQuery, load_user_dictionary, query_terms, streams

BATCH_SIZE = 500
MAX_PER_PAGE = 100
# Deeper pages cost more the deeper they go (OFFSET); nobody reads past a few pages of hits.
MAX_RESULT_WINDOW = 2000
# Counting stops here: "10000 多" is as useful as an exact number and costs a bounded time.
COUNT_LIMIT = 10000
# A query matching more than RANK_WINDOW entries (a common word, one character) is "broad": its
# relevance order is title matches first, then the rest, newest first, among the RANK_WINDOW
# newest matches (see _page_by_tiers), so that its cost does not grow with the site.
RANK_WINDOW = 5000
MAX_SUGGESTIONS = 5

ORDER_RELEVANCE = "relevance"
ORDER_DATE = "date"
ORDERS = (ORDER_RELEVANCE, ORDER_DATE)

# FTS5 bm25() column weights, in column order tg, tw, bg, bw: title above body; a word match
# (the query is a word of the text) adds to the gram match it always comes with.
FTS_WEIGHTS = (10.0, 5.0, 2.0, 1.0)
# ts_rank() weights {D, C, B, A}: A = title, B = body; normalisation 1 divides by 1 + log(length).
PG_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
PG_NORMALIZATION = 1

DICTIONARY_FILE = Path(__file__).with_name("dictionary.txt")

_FTS_TABLE = "gksearch_fts"
_ENTRY_TABLE = SearchEntry._meta.db_table
_WHITESPACE = re.compile(r"\s+")


# --- documents --------------------------------------------------------------------------


@dataclass
class Document:
    """What an app hands to the index for one object (all text plain, no HTML)."""

    kind: str
    object_id: int
    title: str
    body: str = ""
    url: str = ""
    category: str = ""
    department_id: int | None = None
    year: int | None = None
    validity: str = ""
    published_at: dt.datetime | None = None

    @classmethod
    def coerce(cls, value) -> Document:
        if isinstance(value, cls):
            return value
        if isinstance(value, Mapping):
            return cls(**value)
        raise TypeError(f"Cannot index {value!r}: expected a Document or a mapping")

    def cleaned(self) -> Document:
        return Document(
            kind=str(self.kind),
            object_id=int(self.object_id),
            title=_WHITESPACE.sub(" ", self.title or "").strip()[:TITLE_MAX_CHARS],
            body=_clean_body(self.body),
            url=(self.url or "")[:URL_MAX_CHARS],
            category=str(self.category or ""),
            department_id=self.department_id,
            year=self.year,
            validity=str(self.validity or ""),
            published_at=_as_datetime(self.published_at),
        )


def _as_datetime(value):
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return value


def _clean_body(body: str) -> str:
    lines = (_WHITESPACE.sub(" ", line).strip() for line in (body or "").splitlines())
    return "\n".join(line for line in lines if line)[:BODY_MAX_CHARS]


# --- backend ------------------------------------------------------------------------------


def _vendor() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise NotSupportedError(f"Chinese full-text search needs SQLite or PostgreSQL, not {vendor}.")
    return vendor


# --- dictionary ---------------------------------------------------------------------------

_dictionary_lock = threading.Lock()
_dictionary_loaded = False


def load_dictionary(force: bool = False) -> int:
    """Load the user dictionary: bundled words, the agency's and the departments' names."""
    global _dictionary_loaded
    with _dictionary_lock:
        if _dictionary_loaded and not force:
            return 0
        _dictionary_loaded = True
        words = [line.strip() for line in DICTIONARY_FILE.read_text("utf-8").splitlines()]
        words = [w for w in words if w and not w.startswith("#")]
        try:
            from gongkai.organisation.models import Agency, Department

            words += list(Agency.objects.values_list("name", flat=True))
            words += list(Department.objects.values_list("name", flat=True))
        except Exception:  # noqa: BLE001 — no organisation tables yet (first migrate): bundled words only
            pass
        return load_user_dictionary(words)


# --- writing ------------------------------------------------------------------------------

_UPDATE_FIELDS = [
    "title",
    "body",
    "url",
    "category",
    "department_id",
    "year",
    "validity",
    "published_at",
    "index_words",
    "updated_at",
]
_SORT_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_SECONDS_MIN, _SECONDS_MAX = -(2**31) + 1, 2**31 - 1


def sort_key(published_at: dt.datetime | None, pk: int) -> int:
    """Newest first = largest first: seconds since 2000 (UTC) in the high 32 bits, the id below.

    An entry without a date sorts after every dated one. Unique while ids stay below 2**32.
    """
    if published_at is None:
        seconds = -(2**31)
    else:
        if published_at.tzinfo is None:
            published_at = published_at.replace(tzinfo=dt.UTC)
        seconds = int((published_at - _SORT_EPOCH).total_seconds())
        seconds = max(_SECONDS_MIN, min(seconds, _SECONDS_MAX))
    return seconds * 2**32 + (pk & 0xFFFFFFFF)


def _facets(kind, category, department_id, year, validity) -> list[str]:
    return expressions.facet_terms(
        kind=kind, category=category, department_id=department_id, year=year, validity=validity
    )


def index_document(
    kind: str,
    object_id: int,
    *,
    title: str,
    body: str = "",
    url: str = "",
    category: str = "",
    department_id: int | None = None,
    year: int | None = None,
    validity: str = "",
    published_at: dt.datetime | None = None,
) -> None:
    """Add or replace the entry of one object. Running it twice does no harm."""
    reindex([Document(kind, object_id, title, body, url, category, department_id, year, validity, published_at)])


def reindex(documents: Iterable, *, batch_size: int = BATCH_SIZE) -> int:
    """Add or replace many entries (Documents or mappings of their fields); returns how many."""
    load_dictionary()
    vendor = _vendor()
    count = 0
    batch: list[Document] = []
    for value in documents:
        batch.append(Document.coerce(value).cleaned())
        if len(batch) >= batch_size:
            count += _write_batch(batch, vendor)
            batch = []
    if batch:
        count += _write_batch(batch, vendor)
    return count


def _write_batch(batch: list[Document], vendor: str) -> int:
    # The last version of an object in the batch wins.
    docs = list({(d.kind, d.object_id): d for d in batch}.values())
    prepared = [(d, streams(d.title), streams(d.body)) for d in docs]
    with transaction.atomic():
        if vendor == "sqlite":
            _fts_delete(_existing_entries([(d.kind, d.object_id) for d in docs]))
        entries = [
            SearchEntry(
                kind=d.kind,
                object_id=d.object_id,
                title=d.title,
                body=d.body,
                url=d.url,
                category=d.category,
                department_id=d.department_id,
                year=d.year,
                validity=d.validity,
                published_at=d.published_at,
                index_words=expressions.words_text(ts, bs) if vendor == "sqlite" else "",
            )
            for d, ts, bs in prepared
        ]
        SearchEntry.objects.bulk_create(
            entries, update_conflicts=True, unique_fields=["kind", "object_id"], update_fields=_UPDATE_FIELDS
        )
        keys = [sort_key(d.published_at, e.pk) for e, (d, _, _) in zip(entries, prepared, strict=True)]
        with connection.cursor() as cursor:
            if vendor == "sqlite":
                cursor.executemany(
                    f"UPDATE {_ENTRY_TABLE} SET sort_key = %s WHERE id = %s",
                    [(key, e.pk) for key, e in zip(keys, entries, strict=True)],
                )
                cursor.executemany(
                    f"INSERT INTO {_FTS_TABLE} (rowid, tg, tw, bg, bw, fx) VALUES (%s, %s, %s, %s, %s, %s)",
                    [
                        (
                            key,
                            *expressions.fts_row(
                                ts, bs, _facets(d.kind, d.category, d.department_id, d.year, d.validity)
                            ),
                        )
                        for key, (d, ts, bs) in zip(keys, prepared, strict=True)
                    ],
                )
            else:
                cursor.executemany(
                    f"UPDATE {_ENTRY_TABLE} SET sort_key = %s, search_vector = %s::tsvector WHERE id = %s",
                    [
                        (key, expressions.tsvector_literal(ts, bs), e.pk)
                        for key, e, (_, ts, bs) in zip(keys, entries, prepared, strict=True)
                    ],
                )
    return len(docs)


_STORED_FIELDS = (
    "id",
    "sort_key",
    "title",
    "body",
    "index_words",
    "kind",
    "category",
    "department_id",
    "year",
    "validity",
)


def _existing_entries(keys: list[tuple[str, int]]) -> list[dict]:
    """The stored entries among keys (the fields their FTS5 row was built from)."""
    by_kind: dict[str, list[int]] = {}
    for kind, object_id in keys:
        by_kind.setdefault(kind, []).append(object_id)
    rows = []
    for kind, ids in by_kind.items():
        rows += SearchEntry.objects.filter(kind=kind, object_id__in=ids).values(*_STORED_FIELDS)
    return rows


def _fts_delete(rows: list[dict]) -> None:
    """Remove rows from the contentless FTS5 table: FTS5 needs the exact terms that were inserted."""
    rows = [r for r in rows if r["sort_key"] is not None]
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {_FTS_TABLE} ({_FTS_TABLE}, rowid, tg, tw, bg, bw, fx)"
            " VALUES ('delete', %s, %s, %s, %s, %s, %s)",
            [
                (
                    r["sort_key"],
                    *expressions.fts_row_from_stored(
                        r["title"],
                        r["body"],
                        r["index_words"],
                        _facets(r["kind"], r["category"], r["department_id"], r["year"], r["validity"]),
                    ),
                )
                for r in rows
            ],
        )


def remove_document(kind: str, object_id: int) -> bool:
    """Remove one object's entry; True if there was one."""
    return remove_documents([(kind, object_id)]) > 0


def remove_documents(keys: Iterable[tuple[str, int]]) -> int:
    """Remove the entries of many (kind, object_id) pairs; returns how many were removed."""
    vendor = _vendor()
    keys = [(str(k), int(o)) for k, o in keys]
    if not keys:
        return 0
    with transaction.atomic():
        rows = _existing_entries(keys)
        if vendor == "sqlite":
            _fts_delete(rows)
        SearchEntry.objects.filter(pk__in=[r["id"] for r in rows]).delete()
    return len(rows)


def rebuild_index(*, batch_size: int = BATCH_SIZE) -> int:
    """Rewrite the full-text index of every entry from its stored fields (after a change of the
    dictionary or of tokens.py); returns how many entries were indexed."""
    load_dictionary()
    vendor = _vendor()
    count = 0
    with transaction.atomic():
        if vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {_FTS_TABLE} ({_FTS_TABLE}) VALUES ('delete-all')")
        last_id = 0
        while True:
            rows = list(
                SearchEntry.objects.filter(pk__gt=last_id)
                .order_by("pk")
                .values(*_STORED_FIELDS, "published_at")[:batch_size]
            )
            if not rows:
                break
            last_id = rows[-1]["id"]
            prepared = [
                (r, sort_key(r["published_at"], r["id"]), streams(r["title"]), streams(r["body"])) for r in rows
            ]
            with connection.cursor() as cursor:
                if vendor == "sqlite":
                    cursor.executemany(
                        f"UPDATE {_ENTRY_TABLE} SET index_words = %s, sort_key = %s WHERE id = %s",
                        [(expressions.words_text(ts, bs), key, r["id"]) for r, key, ts, bs in prepared],
                    )
                    cursor.executemany(
                        f"INSERT INTO {_FTS_TABLE} (rowid, tg, tw, bg, bw, fx) VALUES (%s, %s, %s, %s, %s, %s)",
                        [
                            (
                                key,
                                *expressions.fts_row(
                                    ts,
                                    bs,
                                    _facets(r["kind"], r["category"], r["department_id"], r["year"], r["validity"]),
                                ),
                            )
                            for r, key, ts, bs in prepared
                        ],
                    )
                else:
                    cursor.executemany(
                        f"UPDATE {_ENTRY_TABLE} SET sort_key = %s, search_vector = %s::tsvector WHERE id = %s",
                        [(key, expressions.tsvector_literal(ts, bs), r["id"]) for r, key, ts, bs in prepared],
                    )
            count += len(rows)
    return count


# --- searching ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    category: str | None = None
    department_id: int | None = None
    year: int | None = None
    validity: str | None = None

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


def _filters(kinds, category, department_id, year, validity) -> Filters:
    if isinstance(kinds, str):
        kinds = [kinds]
    return Filters(
        tuple(str(k) for k in kinds or ()),
        str(category) if category not in (None, "") else None,
        int(department_id) if department_id not in (None, "") else None,
        int(year) if year not in (None, "") else None,
        str(validity) if validity not in (None, "") else None,
    )


@dataclass
class Hit:
    entry: SearchEntry
    title_html: SafeString
    snippet_html: SafeString
    score: float | None = None

    @property
    def url(self) -> str:
        return self.entry.url


@dataclass
class Suggestion:
    """Another query that has results: `query` with the same filters, or without any filter."""

    query: str
    count: int
    without_filters: bool = False


@dataclass
class SearchResults:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    total_exact: bool = True
    page: int = 1
    num_pages: int = 0
    per_page: int = 20
    order: str = ORDER_RELEVANCE
    suggestions: list[Suggestion] = field(default_factory=list)
    error: str = ""

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def start_index(self) -> int:
        """1-based number of the first hit on this page (0 when there are none)."""
        return (self.page - 1) * self.per_page + 1 if self.hits else 0

    @property
    def total_label(self) -> str:
        """The number of hits for people: "128" or "10000 多" when counting stopped at COUNT_LIMIT."""
        return str(self.total) if self.total_exact else f"{self.total} 多"


def search(
    query: str,
    *,
    kinds: Iterable[str] | str | None = None,
    category: str | None = None,
    department_id: int | None = None,
    year: int | None = None,
    validity: str | None = None,
    order: str = ORDER_RELEVANCE,
    page: int = 1,
    per_page: int = 20,
) -> SearchResults:
    """One page of entries matching `query` (see tokens.py for how it is read).

    order="relevance": best first (bm25 / ts_rank: title above body, whole-query and whole-word
    matches above scattered ones; ties newest first); for a broad query (more than RANK_WINDOW
    matches) title matches first, then the others, newest first, among the RANK_WINDOW newest.
    order="date": newest first. `total` is exact up to COUNT_LIMIT (else total_exact is False).
    A refused query returns no hits and `.error` in Chinese.
    """
    load_dictionary()
    vendor = _vendor()
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}")
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    filters = _filters(kinds, category, department_id, year, validity)
    parsed = query_terms(query)
    results = SearchResults(query=parsed.text, per_page=per_page, order=order)
    if not parsed.ok:
        results.error = parsed.error
        return results

    found = _count(vendor, parsed, filters)
    results.total = min(found, COUNT_LIMIT)
    results.total_exact = found <= COUNT_LIMIT
    window = min(results.total, MAX_RESULT_WINDOW, RANK_WINDOW)  # pages past these are not served
    results.num_pages = math.ceil(window / per_page)
    try:
        page = int(page)
    except (TypeError, ValueError):
        page = 1
    results.page = max(1, min(page, max(results.num_pages, 1)))
    if results.total == 0:
        results.suggestions = _suggestions(vendor, parsed, filters)
        return results

    offset = (results.page - 1) * per_page
    if order == ORDER_DATE:
        ranked = _page_by_date(vendor, parsed, filters, offset, per_page)
    else:
        ranked = _page_by_relevance(vendor, parsed, filters, found, offset, per_page)
    entries = SearchEntry.objects.defer("index_words").in_bulk([pk for pk, _ in ranked])
    regex = highlight.query_regex(parsed)
    for pk, score in ranked:
        entry = entries.get(pk)
        if entry is None:
            continue
        results.hits.append(
            Hit(
                entry=entry,
                title_html=mark_safe(highlight.highlight(entry.title, regex)),  # noqa: S308 — escaped
                snippet_html=mark_safe(highlight.snippet(entry.body, regex)),  # noqa: S308 — escaped
                score=score,
            )
        )
    return results


def count(
    query: str,
    *,
    kinds=None,
    category=None,
    department_id=None,
    year=None,
    validity=None,
) -> int:
    """How many entries match, counted up to COUNT_LIMIT + 1 (0 for a refused query)."""
    load_dictionary()
    parsed = query_terms(query)
    if not parsed.ok:
        return 0
    return _count(_vendor(), parsed, _filters(kinds, category, department_id, year, validity))


def _count(vendor: str, parsed: ParsedQuery, filters: Filters) -> int:
    """Matching entries, up to COUNT_LIMIT + 1: counting stops there, however broad the query."""
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute(
                f"SELECT count(*) FROM (SELECT rowid FROM {_FTS_TABLE} WHERE {_FTS_TABLE} MATCH %s LIMIT %s)",
                [expressions.fts5_match(parsed, filters=filters.facets()), COUNT_LIMIT + 1],
            )
        else:
            where, params = filters.sql("e")
            cursor.execute(
                f"SELECT count(*) FROM (SELECT 1 FROM {_ENTRY_TABLE} e"
                f" WHERE e.search_vector @@ %s::tsquery{where} LIMIT %s) AS matches",
                [expressions.tsquery(parsed), *params, COUNT_LIMIT + 1],
            )
        return cursor.fetchone()[0]


def _entry_id(key: int) -> int:
    return key & 0xFFFFFFFF


def _page_by_date(vendor, parsed, filters, offset, limit) -> list[tuple[int, None]]:
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            # rowid is the sort key: the index yields newest first and stops after the page.
            cursor.execute(
                f"SELECT rowid FROM {_FTS_TABLE} WHERE {_FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT %s OFFSET %s",
                [expressions.fts5_match(parsed, filters=filters.facets()), limit, offset],
            )
            return [(_entry_id(key), None) for (key,) in cursor.fetchall()]
        where, params = filters.sql("e")
        cursor.execute(
            f"SELECT e.id FROM {_ENTRY_TABLE} e WHERE e.search_vector @@ %s::tsquery{where}"
            " ORDER BY e.sort_key DESC LIMIT %s OFFSET %s",
            [expressions.tsquery(parsed), *params, limit, offset],
        )
        return [(pk, None) for (pk,) in cursor.fetchall()]


def _page_by_relevance(vendor, parsed, filters, found, offset, limit) -> list[tuple[int, float | None]]:
    if found > RANK_WINDOW:
        return _page_by_tiers(vendor, parsed, filters, offset, limit)
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            weights = ", ".join(str(w) for w in FTS_WEIGHTS)
            cursor.execute(
                f"SELECT rowid, bm25({_FTS_TABLE}, {weights}) AS score FROM {_FTS_TABLE}"
                f" WHERE {_FTS_TABLE} MATCH %s ORDER BY score, rowid DESC LIMIT %s OFFSET %s",
                [expressions.fts5_match(parsed, boost=True, filters=filters.facets()), limit, offset],
            )
            return [(_entry_id(key), -score) for key, score in cursor.fetchall()]
        where, params = filters.sql("e")
        cursor.execute(
            f"SELECT e.id, ts_rank(%s::float4[], e.search_vector, %s::tsquery, {PG_NORMALIZATION}) AS score"
            f" FROM {_ENTRY_TABLE} e WHERE e.search_vector @@ %s::tsquery{where}"
            " ORDER BY score DESC, e.sort_key DESC LIMIT %s OFFSET %s",
            [PG_WEIGHTS, expressions.tsquery(parsed, boost=True), expressions.tsquery(parsed), *params, limit, offset],
        )
        return list(cursor.fetchall())


def _page_by_tiers(vendor, parsed, filters, offset, limit) -> list[tuple[int, None]]:
    """Relevance for a broad query (more than RANK_WINDOW matches), at a cost that does not grow
    with the site: among the RANK_WINDOW newest matches, those whose title matches the query
    come first, then the others; newest first within each tier. (bm25() would first count every
    match of every phrase; ts_rank() would read every matching vector.)"""
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            facets = filters.facets()
            match = expressions.fts5_match(parsed, filters=facets)
            title_match = expressions.fts5_match(parsed, filters=facets, title_only=True)
            cursor.execute(
                f"SELECT rowid FROM {_FTS_TABLE} WHERE {_FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET %s",
                [match, RANK_WINDOW - 1],
            )
            floor = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT rowid FROM {_FTS_TABLE} WHERE {_FTS_TABLE} MATCH %s AND rowid >= %s ORDER BY rowid DESC",
                [title_match, floor],
            )
            titles = [key for (key,) in cursor.fetchall()]
            keys = titles[offset : offset + limit]
            if len(keys) < limit:
                cursor.execute(
                    f"SELECT rowid FROM {_FTS_TABLE} WHERE {_FTS_TABLE} MATCH %s AND rowid >= %s"
                    " ORDER BY rowid DESC LIMIT %s OFFSET %s",
                    [f"({match}) NOT ({title_match})", floor, limit - len(keys), max(0, offset - len(titles))],
                )
                keys += [key for (key,) in cursor.fetchall()]
            return [(_entry_id(key), None) for key in keys]
        where, params = filters.sql("e")
        cursor.execute(
            "SELECT c.id, NULL FROM (SELECT e.id, e.sort_key, e.search_vector"
            f" FROM {_ENTRY_TABLE} e WHERE e.search_vector @@ %s::tsquery{where}"
            " ORDER BY e.sort_key DESC LIMIT %s) AS c"
            " ORDER BY (c.search_vector @@ %s::tsquery) DESC, c.sort_key DESC LIMIT %s OFFSET %s",
            [
                expressions.tsquery(parsed),
                *params,
                RANK_WINDOW,
                expressions.tsquery(parsed, title_only=True),
                limit,
                offset,
            ],
        )
        return list(cursor.fetchall())


def _suggestions(vendor: str, parsed: ParsedQuery, filters: Filters) -> list[Suggestion]:
    """Other queries that find something: without the filters, without quotes, each part alone,
    one character shorter."""
    original = parsed.text
    candidates: list[tuple[str, bool]] = []
    if filters:
        candidates.append((parsed.text, True))
    if any(g.quoted for g in parsed.groups):
        unquoted = " ".join(g.text for g in parsed.groups)
        candidates.append((unquoted, False))
        # Its parts are suggested below, as for a query typed without quotes.
        parsed = query_terms(unquoted)
    if len(parsed.groups) > 1:
        candidates += [(g.text, False) for g in parsed.groups]
    candidates += [(word, False) for word in parsed.words()]
    text = parsed.text.strip()
    if len(parsed.groups) == 1 and len(text) >= 3:
        candidates += [(text[:-1], False), (text[1:], False)]

    suggestions: list[Suggestion] = []
    seen = {(original, False)}
    for text, without_filters in candidates:
        if (text, without_filters) in seen or len(suggestions) >= MAX_SUGGESTIONS:
            continue
        seen.add((text, without_filters))
        candidate = query_terms(text)
        if not candidate.ok:
            continue
        n = _count(vendor, candidate, Filters() if without_filters else filters)
        if n:
            suggestions.append(Suggestion(text, min(n, COUNT_LIMIT), without_filters))
    return suggestions
