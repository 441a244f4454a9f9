"""Highlighted titles and snippets: HTML-escaped text with <mark> around the query's matches.

Pure (standard library only). The query is normalised (tokens.normalize); the pattern built from
it matches every form that normalises to it (tokens.variants: a query ＡＢＣ or abc marks "abc",
"ABC" and "ＡＢＣ"), so it runs on the original text as stored: no text is normalised here, which
kept long bodies slow to highlight. A snippet looks at its own window of the text only.
"""

from __future__ import annotations

import html
import re

from gongkai.search.tokens import OTHER_LETTER, ParsedQuery, Phrase, variants

SNIPPET_CHARS = 160
SNIPPET_LEAD = 40
ELLIPSIS = "…"
# What may stand between two parts of a phrase in a text: anything that is not a term character.
_BETWEEN = r"[\W_]*"
_SPACES = re.compile(r"\s+")


def _literal(text: str) -> str:
    """A pattern for normalised `text` that matches each character in any of its forms."""
    out = []
    for ch in text:
        forms = variants(ch)
        out.append(re.escape(ch) if len(forms) == 1 else "[" + "".join(re.escape(c) for c in forms) + "]")
    return "".join(out)


def _phrase_pattern(phrase: Phrase) -> str:
    parts = []
    for text, han in phrase.units:
        if han:
            parts.append(_literal(text))
        else:
            edge = r"\d" if text.isdigit() else OTHER_LETTER
            parts.append(rf"(?<!{edge}){_literal(text)}(?!{edge})")
    return _BETWEEN.join(parts)


def phrase_regex(phrase: Phrase) -> re.Pattern | None:
    """A pattern matching one phrase of a query as the index matches it (None if it has no units)."""
    pattern = _phrase_pattern(phrase)
    return re.compile(pattern) if pattern else None


def query_regex(query: ParsedQuery) -> re.Pattern | None:
    """One pattern matching every phrase of the query (longest alternatives first)."""
    alternatives = {_phrase_pattern(phrase) for phrase in query.phrases()} - {""}
    if not alternatives:
        return None
    ordered = sorted(alternatives, key=lambda a: (-len(a), a))
    return re.compile("|".join(f"(?:{a})" for a in ordered))


def match_spans(text: str, regex: re.Pattern | None, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The merged spans of the matches that start in text[start:end] (the whole text by default)."""
    if regex is None or not text:
        return []
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for m in regex.finditer(text, start):
        if m.start() >= end:
            break
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
    first = regex.search(text) if regex is not None else None
    start = max(0, first.start() - min(SNIPPET_LEAD, width // 4)) if first else 0
    end = min(len(text), start + width)
    start = max(0, min(start, end - width))
    result = _render(text, match_spans(text, regex, start, end) if first else [], start, end)
    if start > 0:
        result = ELLIPSIS + result
    if end < len(text):
        result += ELLIPSIS
    return result
