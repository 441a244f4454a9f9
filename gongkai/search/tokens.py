"""Chinese text → index terms, and a user's query → query terms. Pure: no Django.

How a text is indexed
---------------------
Every text (a title, a body) becomes two streams of terms:

* the **gram stream** — for every run of Han characters, one term per character: the bigram that
  starts at that character, and for the run's last character the character alone
  (示范市 → 示范 范市 市); for every other word (Latin letters and digits, other scripts) the word
  itself, lowercased (示市监发〔2024〕12号 → 示市 市监 监发 发 2024 12 号). Punctuation is dropped.
  Term i of a run starts at character i of the run, so
    - any string of two or more Han characters occurs in a text exactly when its bigrams occur
      as consecutive terms (a phrase): 伟华 is found in 当事人张伟华, 建设大道 in 示范市建设大道88号;
    - any single Han character is the first character of some term, so a one-character query is a
      prefix query (FTS5 ``"市"*``, PostgreSQL ``'市':*``);
    - 12号 is the phrase ``12`` followed by a term starting with 号.
* the **words** — rjieba's segmentation of each Han run (with the user dictionary), words of two or
  more characters. Words never decide whether a text matches (the grams do, so a dictionary change
  cannot lose a document); they raise the rank of texts in which the query is a word of its own:
  张伟 finds both 张伟 and 张伟华 but ranks the text about 张伟 first.

Normalisation is length-preserving (each character maps to one character): full-width forms become
half-width, compatibility ideographs become unified ones, ASCII letters become lowercase. Offsets
into the normalised text are therefore offsets into the original, which the highlighter relies on.

How a query is read
-------------------
* Spaces separate groups; every group must match (AND). ``行政处罚 决定`` finds texts with both.
* Text in quotes ("…", “…”, 「…」, 『…』) or in book-title marks (《…》) is a phrase: it must occur as
  written (spaces between Han characters inside quotes are ignored).
* In a group, a run of 1 Han character is a prefix query, 2–4 characters must occur as written,
  5 or more characters are split into words by rjieba and every word of two or more characters
  must occur (high recall);
  texts where the whole run occurs as written rank higher (a boost phrase), and so do texts where
  a query word is a word of the text, and title hits (column/weight, see the backends).
* Latin words and numbers are exact terms; a number written next to Han characters must stay next
  to them (2024年 is the phrase ``2024`` + a term starting with 年).
* An empty query, a query of more than MAX_QUERY_CHARS characters, or one with nothing searchable
  is refused with a message in Chinese (``ParsedQuery.error``).

Changing the gram stream or the normalisation changes what is stored in the index: rebuild it
afterwards (``gongkai.search.services.rebuild_index``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

import rjieba

MAX_QUERY_CHARS = 100
MAX_CLAUSES = 32
# A non-Han word longer than this (a URL, a hash, base64) is not indexed nor searched.
MAX_WORD_CHARS = 40
# Han runs up to this length must occur as written; longer runs are split into words.
MAX_EXACT_RUN = 4

ERROR_EMPTY = "请输入要查找的内容。"
ERROR_TOO_LONG = f"检索词太长了，请不要超过 {MAX_QUERY_CHARS} 个字。"
ERROR_NOTHING = "检索词里没有可以查找的文字或数字，请换一个词再试。"

# Han ideographs (after normalisation compatibility ideographs are unified) and 〇.
HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{HAN}]")
# A segment is a run of Han characters, a run of other letters, or a run of digits: letters and
# digits are split (GB/T37668 → gb t 37668), which phrases put back together.
_SEGMENT_RE = re.compile(rf"([{HAN}]+)|((?:(?![{HAN}])[^\W\d_])+|\d+)")
# A non-Han letter, for word boundaries in highlighting.
OTHER_LETTER = rf"(?:(?![{HAN}])[^\W\d_])"


_QUOTES = {'"': '"', "“": "”", "”": "“", "「": "」", "『": "』", "《": "》"}
_CLOSERS = frozenset('"“”」』》')


# --- normalisation ------------------------------------------------------------------


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [range(0xA0, 0x10000), range(0x2F800, 0x2FA20)]
    for r in ranges:
        for cp in r:
            ch = chr(cp)
            norm = unicodedata.normalize("NFKC", ch)
            if len(norm) == 1 and norm != ch:
                table[cp] = norm.lower() if norm.isascii() else norm
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp).lower()
    return table


_TABLE = _build_table()


def normalize(text: str) -> str:
    """Full-width → half-width, compatibility → unified ideographs, ASCII lowercase; same length."""
    return text.translate(_TABLE)


_VARIANTS: dict[str, str] = {}
for _source, _target in sorted(_TABLE.items()):
    _VARIANTS[_target] = _VARIANTS.get(_target, _target) + chr(_source)


def variants(ch: str) -> str:
    """Every character that normalize() turns into `ch` (normalised), `ch` first: a → aAａＡ.

    Lets a pattern built from a normalised query run on the original text (highlighting), instead
    of normalising every text first (str.translate with a large table is slow on long bodies)."""
    return _VARIANTS.get(ch, ch)


def is_han(ch: str) -> bool:
    return bool(_HAN_RE.match(ch))


# --- segments and streams -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of Han characters (han=True) or one other word, in normalised text."""

    text: str
    han: bool
    start: int
    end: int


def segments(normalized: str) -> list[Segment]:
    out = []
    for m in _SEGMENT_RE.finditer(normalized):
        if m.group(1):
            out.append(Segment(m.group(1), True, m.start(), m.end()))
        else:
            word = m.group(2).lower()
            if len(word) <= MAX_WORD_CHARS:
                out.append(Segment(word, False, m.start(), m.end()))
    return out


def han_grams(run: str) -> list[str]:
    """One term per character of a Han run: bigrams, then the last character alone."""
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


@dataclass(slots=True)
class Streams:
    """What one text contributes to the index.

    grams: the gram stream (term i is at position i);
    words: (word, position of its first character in the gram stream).
    """

    grams: list[str] = field(default_factory=list)
    words: list[tuple[str, int]] = field(default_factory=list)


def streams(text: str) -> Streams:
    """The gram stream and the words of a text: segments() and han_grams(), written out for speed
    (indexing runs it on every title and body; no Segment objects, bigrams by a C-level map)."""
    result = Streams()
    grams, words = result.grams, result.words
    for han, other in _SEGMENT_RE.findall(normalize(text or "")):
        if han:
            if len(han) == 1:
                grams.append(han)
                continue
            base = len(grams)
            grams.extend(map(str.__add__, han, han[1:]))
            grams.append(han[-1])
            for word, offset in _run_words(han):
                words.append((word, base + offset))
        else:
            word = other.lower()
            if len(word) <= MAX_WORD_CHARS:
                grams.append(word)
    return result


@functools.lru_cache(maxsize=20_000)
def _run_words(run: str) -> tuple[tuple[str, int], ...]:
    """The words of more than one character of a Han run and their offsets in it (rjieba), remembered:
    texts of one agency repeat their runs (根据, 的规定, 市场监督管理局 …). load_user_dictionary
    forgets them, since new words change the segmentation."""
    found, offset = [], 0
    for word in rjieba.cut(run):
        if len(word) > 1:
            found.append((word, offset))
        offset += len(word)
    return tuple(found)


def index_tokens(text: str) -> list[str]:
    """Every index term of a text: its rjieba words, then its gram stream (see module docstring)."""
    s = streams(text)
    return [w for w, _ in s.words] + s.grams


# --- user dictionary ------------------------------------------------------------------

_loaded_words: set[str] = set()


def load_user_dictionary(words) -> int:
    """Teach the segmenter agency, place and policy names (示范市, 市场监督管理局 …).

    rjieba keeps one process-wide dictionary; words are added (never removed) and kept as words
    when they occur. Returns how many new words were added. The dictionary only affects ranking
    (see module docstring), so processes with different dictionaries still find the same texts.
    """
    added = 0
    for word in words:
        word = normalize(str(word)).strip()
        if len(word) < 2 or word in _loaded_words or not all(is_han(c) for c in word):
            continue
        rjieba.add_word(word, None, None)
        _loaded_words.add(word)
        added += 1
    if added:
        _run_words.cache_clear()
    return added


def loaded_user_words() -> frozenset[str]:
    return frozenset(_loaded_words)


# --- queries --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Phrase:
    """Consecutive terms of the gram stream; with prefix=True the last term is a prefix.

    units: the (text, han) pieces the phrase was built from, for highlighting.
    """

    terms: tuple[str, ...]
    prefix: bool = False
    units: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True, slots=True)
class Clause:
    """A text matches the clause when it contains the phrase; words only raise its rank."""

    phrase: Phrase
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    """One space-separated part of the query (or one quoted phrase): all clauses must match.

    boost: the whole group as written; it implies every clause, so OR-ing it in changes the rank only.
    """

    text: str
    clauses: tuple[Clause, ...]
    boost: Phrase | None = None
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    text: str
    groups: tuple[Group, ...] = ()
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and bool(self.groups)

    def words(self) -> list[str]:
        """Smaller queries made of this one's parts, in order (used for suggestions): each
        clause that stands alone, then rjieba's words of every Han piece of 3 or more characters."""
        out: list[str] = []
        for group in self.groups:
            for clause in group.clauses:
                text = "".join(t for t, _ in clause.phrase.units)
                if len(clause.phrase.units) == 1 and text not in out:
                    out.append(text)
        for text in list(out):
            if len(text) >= 3 and is_han(text[0]):
                out += [w for w in rjieba.cut_for_search(text) if len(w) > 1 and w != text and w not in out]
        return out

    def phrases(self) -> list[Phrase]:
        out = []
        for group in self.groups:
            out.extend(c.phrase for c in group.clauses)
            if group.boost is not None:
                out.append(group.boost)
        return out


def _contiguous_phrase(segs: list[Segment]) -> Phrase | None:
    """The phrase for segments that must occur in this order, only punctuation between them."""
    if not segs:
        return None
    terms: list[str] = []
    prefix = False
    for k, seg in enumerate(segs):
        last = k == len(segs) - 1
        if seg.han:
            if not last:
                # The text's run ends here too (a non-Han segment or punctuation follows).
                terms.extend(han_grams(seg.text))
            elif len(seg.text) > 1:
                terms.extend(bigrams(seg.text))
            else:
                terms.append(seg.text)
                prefix = True
        else:
            terms.append(seg.text)
    return Phrase(tuple(terms), prefix, tuple((s.text, s.han) for s in segs))


def _run_phrase(text: str) -> Phrase:
    """A Han string that must occur as written (inside a longer run or not)."""
    if len(text) == 1:
        return Phrase((text,), True, ((text, True),))
    return Phrase(tuple(bigrams(text)), False, ((text, True),))


def _pieces(run: str) -> list[tuple[str, bool]]:
    """The words of a long Han run that must each occur: rjieba's words of 2 or more characters.

    One-character words (的, 和, 市 …) are not required: they add little and would fail texts where
    punctuation interrupts the run (双随机、一公开 for 双随机一公开); the whole run as written still
    ranks first through the group's boost phrase. Returns [(word, True)], or [(run, False)] when
    rjieba finds no longer word.
    """
    words = []
    for word in rjieba.cut(run):
        if len(word) > 1 and word not in words:
            words.append(word)
    return [(w, True) for w in words] or [(run, False)]


def _group_clauses(segs: list[Segment]) -> list[Clause]:
    clauses: list[Clause] = []
    linked: set[int] = set()  # segments wholly covered by a link phrase
    for k in range(len(segs) - 1):
        a, b = segs[k], segs[k + 1]
        if a.end != b.start:
            continue
        # A Han run touching a non-Han word (12号, 2024年, 第3条): they must stay touching.
        if a.han:
            terms = ((a.text[-2:],) if len(a.text) > 1 else ()) + (a.text[-1], b.text)
            clauses.append(Clause(Phrase(terms, False, ((a.text[-2:], True), (b.text, False)))))
            linked.add(k + 1)
            if len(a.text) <= 2:
                linked.add(k)
        elif not b.han:
            # Letters touching digits (t37668, covid19): the same phrase as "t 37668".
            clauses.append(Clause(Phrase((a.text, b.text), False, ((a.text, False), (b.text, False)))))
            linked.update((k, k + 1))
        else:
            if len(b.text) > 1:
                clauses.append(Clause(Phrase((a.text, b.text[:2]), False, ((a.text, False), (b.text[:2], True)))))
            else:
                clauses.append(Clause(Phrase((a.text, b.text), True, ((a.text, False), (b.text, True)))))
            linked.add(k)
            if len(b.text) <= 2:
                linked.add(k + 1)
    for k, seg in enumerate(segs):
        if k in linked:
            continue
        if not seg.han:
            clauses.append(Clause(Phrase((seg.text,), False, ((seg.text, False),))))
        elif len(seg.text) <= MAX_EXACT_RUN:
            clauses.append(Clause(_run_phrase(seg.text), (seg.text,) if len(seg.text) > 1 else ()))
        else:
            for piece, is_word in _pieces(seg.text):
                clauses.append(Clause(_run_phrase(piece), (piece,) if is_word else ()))
    # Drop repeated clauses, keep the order.
    seen: set[tuple] = set()
    unique = []
    for clause in clauses:
        key = (clause.phrase.terms, clause.phrase.prefix)
        if key not in seen:
            seen.add(key)
            unique.append(clause)
    return unique


def _split_quotes(text: str) -> list[tuple[str, bool]]:
    """[(text, quoted)] — quoted parts are phrases; an unclosed quote runs to the end."""
    parts: list[tuple[str, bool]] = []
    buf: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _QUOTES:
            if buf:
                parts.append(("".join(buf), False))
                buf = []
            j = i + 1
            while j < n and text[j] not in _CLOSERS:
                j += 1
            parts.append((text[i + 1 : j], True))
            i = j + 1
        else:
            buf.append(ch)
            i += 1
    if buf:
        parts.append(("".join(buf), False))
    return parts


_SPACE_BETWEEN_HAN = re.compile(rf"(?<=[{HAN}])\s+(?=[{HAN}])")


def query_terms(q: str) -> ParsedQuery:
    """Read a user's query (see the module docstring for the rules)."""
    raw = (q or "").strip()
    if not raw:
        return ParsedQuery(raw, error=ERROR_EMPTY)
    if len(raw) > MAX_QUERY_CHARS:
        return ParsedQuery(raw, error=ERROR_TOO_LONG)
    text = normalize(raw)
    groups: list[Group] = []
    clause_count = 0
    for part, quoted in _split_quotes(text):
        chunks = [_SPACE_BETWEEN_HAN.sub("", part)] if quoted else part.split()
        for chunk in chunks:
            segs = segments(chunk)
            if not segs:
                continue
            if quoted:
                phrase = _contiguous_phrase(segs)
                group = Group(chunk.strip(), (Clause(phrase),), None, True)
            else:
                clauses = _group_clauses(segs)
                boost = _contiguous_phrase(segs) if len(clauses) > 1 else None
                if boost is not None and any(c.phrase.terms == boost.terms for c in clauses):
                    boost = None
                group = Group(chunk, tuple(clauses), boost)
            if clause_count + len(group.clauses) > MAX_CLAUSES:
                break
            clause_count += len(group.clauses)
            groups.append(group)
    if not groups:
        return ParsedQuery(raw, error=ERROR_NOTHING)
    return ParsedQuery(raw, tuple(groups))
