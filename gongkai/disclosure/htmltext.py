"""Plain text of a sanitised HTML body, with a map back into the HTML. Pure: no Django import.

    text_with_positions(markup) -> (text, spans)   spans[i]: the slice of markup text[i] came from
    text_of(markup) -> text                         the same text, without the map (search, import)
    replace_text_ranges(markup, spans, replacements) -> markup with text ranges replaced

The personal-data scanner works on text; masks must land in the HTML the public sees. Each text
character remembers the HTML span it came from (an entity such as &amp; is one character).
"""

import functools
import html
import re

_TOKEN = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|[^<&]+|&", re.S)
# Block elements end a line in the text, so that a label and a name in separate
# paragraphs do not run together.
_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|tr|table|blockquote)\s*>|<br\s*/?>", re.I)


def text_with_positions(markup):
    """(text, spans): spans[i] is the (start, end) slice of `markup` that text[i] came from.

    A newline added after a block element maps to an empty span at the element's end.
    """
    chars, spans = [], []
    for match in _TOKEN.finditer(markup):
        token = match.group(0)
        if token.startswith("<"):
            if _BLOCK_END.fullmatch(token):
                chars.append("\n")
                spans.append((match.end(), match.end()))
            continue
        start, end = match.span()
        if not token.startswith("&"):  # a run of plain text: one span per character
            chars.append(token)
            spans.extend(zip(range(start, end), range(start + 1, end + 1), strict=True))
            continue
        char = html.unescape(token)
        if len(char) != 1:  # an unknown entity stays as written
            char = token
        chars.append(char)
        spans.extend([(start, end)] * len(char))
    return "".join(chars), spans


# What text_with_positions drops or rewrites: tags, entities, and a "<" that no ">" closes. Plain
# text (which holds no "<" and no "&" but those of entities) stays as it is, so that it needs no
# work in Python.
_MARKUP = re.compile(r"<[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|<")


@functools.lru_cache(maxsize=512)
def _token_text(token):
    """What a tag or an entity becomes in the text (a body repeats the same few tags)."""
    if token.startswith("<"):
        return "\n" if _BLOCK_END.fullmatch(token) else ""
    char = html.unescape(token)
    return char if len(char) == 1 else token  # an unknown entity stays as written


def _markup_text(match):
    return _token_text(match.group(0))


def text_of(markup):
    """The text of text_with_positions(markup), without the positions (several times faster)."""
    return _MARKUP.sub(_markup_text, markup)


def replace_text_ranges(markup, spans, replacements):
    """Replace text ranges [(start, end, new_text)] (text offsets) inside `markup`.

    The new text goes where the first character of the range was; the other characters of the
    range are removed, wherever tags between them stand. Ranges must not overlap.
    """
    edits = []  # (html_start, html_end, text)
    for start, end, new_text in replacements:
        pieces = [spans[i] for i in range(start, end) if spans[i][0] != spans[i][1]]
        if not pieces:
            continue
        edits.append((pieces[0][0], pieces[0][1], html.escape(new_text, quote=False)))
        edits.extend((a, b, "") for a, b in pieces[1:])
    out, last = [], 0
    for a, b, text in sorted(edits):
        out.append(markup[last:a])
        out.append(text)
        last = b
    out.append(markup[last:])
    return "".join(out)
