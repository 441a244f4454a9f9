"""Highlighted titles and snippets: HTML-escaped text with <mark> around the query's matches.

Pure (standard library only). Matching runs on the normalised text (tokens.normalize keeps
lengths), so the marks land on the original characters: a query ＡＢＣ marks "abc" and "ABC".
"""

from __future__ import annotations

import html
import re

from gongkai.search.tokens import OTHER_LETTER, ParsedQuery, normalize

SNIPPET_CHARS = 160
SNIPPET_LEAD = 40
ELLIPSIS = "…"
# What may stand between two parts of a phrase in a text: anything that is not a term character.
_BETWEEN = r"[\W_]*"
_SPACES = re.compile(r"\s+")


def query_regex(query: ParsedQuery) -> re.Pattern | None:
    """One pattern matching every phrase of the query (longest alternatives first)."""
    alternatives = set()
    for phrase in query.phrases():
        parts = []
        for text, han in phrase.units:
            if han:
                parts.append(re.escape(text))
            else:
                edge = r"\d" if text.isdigit() else OTHER_LETTER
                parts.append(rf"(?<!{edge}){re.escape(text)}(?!{edge})")
        if parts:
            alternatives.add(_BETWEEN.join(parts))
    if not alternatives:
        return None
    ordered = sorted(alternatives, key=lambda a: (-len(a), a))
    return re.compile("|".join(f"(?:{a})" for a in ordered))


def match_spans(text: str, regex: re.Pattern | None) -> list[tuple[int, int]]:
    if regex is None or not text:
        return []
    spans: list[tuple[int, int]] = []
    for m in regex.finditer(normalize(text)):
        if m.end() > m.start():
            if spans and m.start() <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], m.end()))
            else:
                spans.append((m.start(), m.end()))
    return spans


def _render(text: str, spans, start: int, end: int) -> str:
    out = []
    pos = start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if e <= s:
            continue
        out.append(_plain(text[pos:s]))
        out.append("<mark>" + _plain(text[s:e]) + "</mark>")
        pos = e
    out.append(_plain(text[pos:end]))
    return "".join(out)


def _plain(text: str) -> str:
    return html.escape(_SPACES.sub(" ", text), quote=True)


def highlight(text: str, regex: re.Pattern | None) -> str:
    """The whole text, escaped, with the matches marked."""
    text = text or ""
    return _render(text, match_spans(text, regex), 0, len(text))


def snippet(text: str, regex: re.Pattern | None, width: int = SNIPPET_CHARS) -> str:
    """About `width` characters around the first match (the beginning if none), escaped and marked."""
    text = (text or "").strip()
    if not text:
        return ""
    spans = match_spans(text, regex)
    start = max(0, spans[0][0] - min(SNIPPET_LEAD, width // 4)) if spans else 0
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    result = _render(text, spans, start, end)
    if start > 0:
        result = ELLIPSIS + result
    if end < len(text):
        result += ELLIPSIS
    return result
