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
index: SQLite (FTS5) or PostgreSQL; see expressions.py for the index layout of each, lookup.py
for the queries that search() reads it with.
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

from gongkai.search import expressions, highlight, lookup
from gongkai.search.lookup import Filters
from gongkai.search.models import BODY_MAX_CHARS, TITLE_MAX_CHARS, URL_MAX_CHARS, SearchEntry
from gongkai.search.tokens import ParsedQuery, load_user_dictionary, query_terms, streams

BATCH_SIZE = 500
MAX_PER_PAGE = 100
# Counting stops here: "500 多" is as useful as an exact number and costs a bounded time.
COUNT_LIMIT = 500
# Relevance ranks the RANK_WINDOW newest matches (lookup.py); a query matching more is "broad":
# its older matches are counted but not ranked, so that the cost of a search does not grow with
# the site (nor with how common the query is). They are also the first pages in date order.
RANK_WINDOW = 200
MAX_SUGGESTIONS = 5
# A suggestion's matches are counted up to here ("100 多"): a query without results tries up to a
# dozen others, and each count reads up to this many matches.
SUGGESTION_COUNT_LIMIT = 100

ORDER_RELEVANCE = "relevance"
ORDER_DATE = "date"
ORDERS = (ORDER_RELEVANCE, ORDER_DATE)

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
_SECONDS_MIN, _SECONDS_MAX = expressions.NO_DATE_SECONDS + 1, 2**31 - 1


def sort_key(published_at: dt.datetime | None, pk: int) -> int:
    """Newest first = largest first: seconds since 2000 (UTC) in the high 32 bits, the id below.

    An entry without a date sorts after every dated one. Unique while ids stay below 2**32.
    """
    if published_at is None:
        seconds = expressions.NO_DATE_SECONDS
    else:
        if published_at.tzinfo is None:
            published_at = published_at.replace(tzinfo=dt.UTC)
        seconds = int((published_at - expressions.SORT_EPOCH).total_seconds())
        seconds = max(_SECONDS_MIN, min(seconds, _SECONDS_MAX))
    return seconds * 2**32 + (pk & 0xFFFFFFFF)


def _facets(kind, category, department_id, year, validity) -> list[str]:
    return expressions.facet_terms(
        kind=kind, category=category, department_id=department_id, year=year, validity=validity
    )


def _pg_vector(key: int, title_streams, body_streams, kind, category, department_id, year, validity) -> str:
    """The tsvector literal of an entry (PostgreSQL): its terms, its filter terms and its year of
    publication (expressions.py)."""
    terms = _facets(kind, category, department_id, year, validity)
    published = expressions.key_year(key)
    if published is not None:
        terms.append(expressions.published_term(published))
    return expressions.tsvector_literal(title_streams, body_streams) + " " + expressions.tsvector_facets(terms)


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
                        (key, _pg_vector(key, ts, bs, d.kind, d.category, d.department_id, d.year, d.validity), e.pk)
                        for key, e, (d, ts, bs) in zip(keys, entries, prepared, strict=True)
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
                        [
                            (
                                key,
                                _pg_vector(
                                    key, ts, bs, r["kind"], r["category"], r["department_id"], r["year"], r["validity"]
                                ),
                                r["id"],
                            )
                            for r, key, ts, bs in prepared
                        ],
                    )
            count += len(rows)
    return count


# --- searching ----------------------------------------------------------------------------


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
    """One result; score: its relevance score (lookup.RANK_WEIGHTS summed), None in date order."""

    entry: SearchEntry
    title_html: SafeString
    snippet_html: SafeString
    score: float | None = None

    @property
    def url(self) -> str:
        return self.entry.url


@dataclass
class Suggestion:
    """Another query that has results: `query` with the same filters, or without any filter.

    count: its matches, counted up to SUGGESTION_COUNT_LIMIT (count_exact False if there are more).
    """

    query: str
    count: int
    without_filters: bool = False
    count_exact: bool = True

    @property
    def count_label(self) -> str:
        """The count for people: 12, or 100 多 when counting stopped at SUGGESTION_COUNT_LIMIT."""
        return str(self.count) if self.count_exact else f"{self.count} 多"


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
        """The number of hits for people: "128" or "500 多" when counting stopped at COUNT_LIMIT."""
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

    order="relevance": best first among the RANK_WINDOW newest matches (all of them, unless the
    query is broad), by the score of lookup.sqlite_rank / postgres_rank (Hit.score): the query as
    written in the title, then as written anywhere, then as words of the text; ties newest first.
    order="date": newest first. `total` is exact up to COUNT_LIMIT (else total_exact is False;
    PostgreSQL stops counting a broad query at the window, see lookup.postgres_matches). A refused
    query returns no hits and `.error` in Chinese.

    Every step reads a bounded number of index rows (at most COUNT_LIMIT + 1 matches, the
    features of at most RANK_WINDOW candidates, one page of entries), so that the time of a
    search does not grow with the number of entries the query matches.
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
    with lookup.reading(vendor):
        _search(vendor, parsed, filters, results, page)
    return results


def _search(vendor: str, parsed: ParsedQuery, filters: Filters, results: SearchResults, page) -> None:
    order, per_page = results.order, results.per_page
    # The newest matches, newest first: the candidates ranked by relevance and the first pages in
    # date order; the count.
    matches = lookup.sqlite_matches if vendor == "sqlite" else lookup.postgres_matches
    keys, found, exact = matches(parsed, filters, RANK_WINDOW, COUNT_LIMIT)
    results.total = min(found, COUNT_LIMIT)
    results.total_exact = exact and found <= COUNT_LIMIT
    # Pages past these are not served: relevance ranks the RANK_WINDOW newest matches only, date
    # order lists the counted ones (COUNT_LIMIT at most: deeper pages would cost more the deeper
    # they go, and nobody reads past a few pages of hits).
    served = min(results.total, RANK_WINDOW if order == ORDER_RELEVANCE else COUNT_LIMIT)
    results.num_pages = math.ceil(served / per_page)
    try:
        page = int(page)
    except (TypeError, ValueError):
        page = 1
    results.page = max(1, min(page, max(results.num_pages, 1)))
    if results.total == 0:
        results.suggestions = _suggestions(vendor, parsed, filters)
        return

    offset = (results.page - 1) * per_page
    if order == ORDER_RELEVANCE:
        if vendor == "sqlite":
            ranked = lookup.sqlite_rank(parsed, filters, keys[:RANK_WINDOW])
        else:
            ranked = lookup.postgres_rank(parsed, keys[:RANK_WINDOW])
        ranked = ranked[offset : offset + per_page]
    elif offset + per_page <= len(keys) or len(keys) >= found:
        ranked = [(key, None) for key in keys[offset : offset + per_page]]
    else:
        ranked = [(key, None) for key in lookup.newest_keys(vendor, parsed, filters, per_page, offset=offset)]
    ids = [lookup.entry_id(key) for key, _ in ranked]
    entries = SearchEntry.objects.defer("index_words").in_bulk(ids)
    regex = highlight.query_regex(parsed)
    for pk, (_, score) in zip(ids, ranked, strict=True):
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
    vendor = _vendor()
    with lookup.reading(vendor):
        return lookup.count(vendor, parsed, _filters(kinds, category, department_id, year, validity), COUNT_LIMIT)


def _suggestions(vendor: str, parsed: ParsedQuery, filters: Filters) -> list[Suggestion]:
    """Other queries that find something: without the filters (if that finds something, it is the
    only suggestion: the filters were the obstacle), without quotes, each part alone, and one
    character shorter (only if nothing else was found). Each is counted up to
    SUGGESTION_COUNT_LIMIT: a count reads at most that many matches, but a candidate without any
    reads its rarest term's whole doclist, hence the bounded number of candidates."""
    original = parsed.text
    # "Without filters" keeps the kinds: the page that asked for them would not show the others.
    unfiltered = Filters(kinds=filters.kinds)
    if filters.narrowing:
        n = lookup.count(vendor, parsed, unfiltered, SUGGESTION_COUNT_LIMIT)
        if n:
            return [Suggestion(original, min(n, SUGGESTION_COUNT_LIMIT), True, n <= SUGGESTION_COUNT_LIMIT)]
    candidates: list[str] = []
    if any(g.quoted for g in parsed.groups):
        unquoted = " ".join(g.text for g in parsed.groups)
        candidates.append(unquoted)
        # Its parts are suggested below, as for a query typed without quotes.
        parsed = query_terms(unquoted)
    if len(parsed.groups) > 1:
        candidates += [g.text for g in parsed.groups]
    candidates += parsed.words()
    shorter: list[str] = []
    text = parsed.text.strip()
    if len(parsed.groups) == 1 and len(text) >= 3:
        shorter = [text[:-1], text[1:]]

    suggestions: list[Suggestion] = []
    seen = {original}
    for batch in (candidates, shorter):
        if suggestions:
            break
        for text in batch:
            if text in seen or len(suggestions) >= MAX_SUGGESTIONS:
                continue
            seen.add(text)
            candidate = query_terms(text)
            if not candidate.ok:
                continue
            n = lookup.count(vendor, candidate, filters, SUGGESTION_COUNT_LIMIT)
            if n:
                suggestions.append(Suggestion(text, min(n, SUGGESTION_COUNT_LIMIT), False, n <= SUGGESTION_COUNT_LIMIT))
    return suggestions
