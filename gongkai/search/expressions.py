"""Index rows and query expressions for the two full-text backends. Pure: no Django.

SQLite (FTS5, contentless table ``gksearch_fts``, tokenizer unicode61, rowid = sort key): columns
    tg  title gram stream     tw  title words
    bg  body gram stream      bw  body words
    fx  filter terms (kind, category, department, year, validity), so that filters are
        intersections of doclists inside the index, not lookups of every matching row
each a space-separated string of terms (unicode61 keeps every term whole: terms are runs of
letters/digits only). Matching uses the gram columns; the word columns only add to bm25().
A one-character prefix index (prefix='1') makes one-character queries a single doclist read.

PostgreSQL (``search_vector tsvector`` with a GIN index): one tsvector literal built here, so that
no text-search parser or dictionary touches the terms (the 'simple' configuration would, and its
parser does not know Han characters). Title terms have weight A, body terms weight B; the body
starts two positions after the title so that no phrase spans both. Words are stored with a "~"
prefix so that they never match a gram (the word 张伟 and the bigram 张伟 are different lexemes).
PostgreSQL keeps positions up to 16383 only; the body stored for search is bounded accordingly.
"""

from __future__ import annotations

from gongkai.search.tokens import Clause, Group, ParsedQuery, Phrase, Streams, streams

WORD_MARK = "~"

FTS_GRAMS = "{tg bg}"
FTS_WORDS = "{tw bw}"


# --- index rows -------------------------------------------------------------------------


def _code(value) -> str:
    """A filter value as letters/digits only (unicode61 would split anything else)."""
    return str(value).encode("utf-8").hex()


def facet_terms(*, kind=None, category=None, department_id=None, year=None, validity=None) -> list[str]:
    """The fx terms of an entry (all arguments) or of a filter (those given)."""
    terms = []
    if kind not in (None, ""):
        terms.append("k" + _code(kind))
    if category not in (None, ""):
        terms.append("c" + _code(category))
    if department_id is not None:
        terms.append(f"d{int(department_id)}")
    if year is not None:
        terms.append(f"y{int(year)}")
    if validity not in (None, ""):
        terms.append("v" + _code(validity))
    return terms


def fts_row(title_streams: Streams, body_streams: Streams, facets: list[str]) -> tuple[str, str, str, str, str]:
    """(tg, tw, bg, bw, fx) for the FTS5 table."""
    return (
        " ".join(title_streams.grams),
        " ".join(w for w, _ in title_streams.words),
        " ".join(body_streams.grams),
        " ".join(w for w, _ in body_streams.words),
        " ".join(facets),
    )


def words_text(title_streams: Streams, body_streams: Streams) -> str:
    """The words as stored beside an FTS5 row (needed to delete the row again: contentless table)."""
    return " ".join(w for w, _ in title_streams.words) + "\n" + " ".join(w for w, _ in body_streams.words)


def fts_row_from_stored(title: str, body: str, stored_words: str, facets: list[str]) -> tuple[str, ...]:
    """The FTS5 row that was inserted for a stored entry (grams are recomputed, words were stored)."""
    tw, _, bw = (stored_words or "").partition("\n")
    return (" ".join(streams(title).grams), tw, " ".join(streams(body).grams), bw, " ".join(facets))


def tsvector_literal(title_streams: Streams, body_streams: Streams) -> str:
    positions: dict[str, list[str]] = {}

    def add(term: str, pos: int, weight: str):
        entries = positions.setdefault(term, [])
        if len(entries) < 256:  # PostgreSQL keeps at most 256 positions per lexeme
            entries.append(f"{min(pos, 16383)}{weight}")

    for i, term in enumerate(title_streams.grams):
        add(term, i + 1, "A")
    for word, pos in title_streams.words:
        add(WORD_MARK + word, pos + 1, "A")
    offset = len(title_streams.grams) + 2
    for i, term in enumerate(body_streams.grams):
        add(term, offset + i, "B")
    for word, pos in body_streams.words:
        add(WORD_MARK + word, offset + pos, "B")
    return " ".join(f"'{term}':{','.join(pos)}" for term, pos in positions.items())


# --- FTS5 query expressions ---------------------------------------------------------------


FTS_TITLE_GRAMS = "{tg}"


def _fts_phrase(phrase: Phrase, columns: str = FTS_GRAMS) -> str:
    return f'{columns} : "{" ".join(phrase.terms)}"' + ("*" if phrase.prefix else "")


def _fts_clause(clause: Clause, boost: bool, columns: str = FTS_GRAMS) -> str:
    expr = _fts_phrase(clause.phrase, columns)
    if boost and clause.words:
        # A AND (A OR word) matches exactly what A matches; the word only adds to bm25().
        words = " OR ".join(f'{FTS_WORDS} : "{w}"' for w in clause.words)
        return f"({expr} OR {words})"
    return expr


def _fts_group(group: Group, boost: bool, columns: str = FTS_GRAMS) -> str:
    inner = " AND ".join(_fts_clause(c, boost, columns) for c in group.clauses)
    if boost and group.boost is not None:
        return f"(({inner}) OR {_fts_phrase(group.boost)})"
    return f"({inner})"


def fts5_match(
    query: ParsedQuery, *, boost: bool = False, filters: list[list[str]] = (), title_only: bool = False
) -> str:
    """The FTS5 MATCH expression; boost=True adds rank-only alternatives (same rows match);
    title_only=True matches rows whose title alone matches the query.

    filters: facet terms; a row must have one term of every inner list.
    """
    columns = FTS_TITLE_GRAMS if title_only else FTS_GRAMS
    parts = [_fts_group(g, boost and not title_only, columns) for g in query.groups]
    parts += ["{fx} : (" + " OR ".join(terms) + ")" for terms in filters if terms]
    return " AND ".join(parts)


# --- PostgreSQL tsquery -----------------------------------------------------------------------


def _ts_phrase(phrase: Phrase, weights: str = "") -> str:
    terms = [f"'{t}'" + (f":{weights}" if weights else "") for t in phrase.terms]
    if phrase.prefix:
        terms[-1] = f"'{phrase.terms[-1]}':*{weights}"
    return terms[0] if len(terms) == 1 else "(" + " <-> ".join(terms) + ")"


def _ts_clause(clause: Clause, boost: bool, weights: str = "") -> str:
    expr = _ts_phrase(clause.phrase, weights)
    if boost and clause.words:
        words = " | ".join(f"'{WORD_MARK}{w}'" for w in clause.words)
        return f"({expr} | {words})"
    return expr


def _ts_group(group: Group, boost: bool, weights: str = "") -> str:
    inner = " & ".join(_ts_clause(c, boost, weights) for c in group.clauses)
    if boost and group.boost is not None:
        return f"(({inner}) | {_ts_phrase(group.boost)})"
    return f"({inner})"


def tsquery(query: ParsedQuery, *, boost: bool = False, title_only: bool = False) -> str:
    """A tsquery literal (cast with ::tsquery, no parser involved); title_only=True matches
    vectors whose title terms (weight A) alone match the query."""
    weights = "A" if title_only else ""
    return " & ".join(_ts_group(g, boost and not title_only, weights) for g in query.groups)
