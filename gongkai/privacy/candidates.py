"""Where personal data may be: the patterns of the scanner's detectors (RULES.md §7), found in
two passes over the text (three when it has an "@"). Pure: no Django.

    find(text) -> (n, Candidates)   n: `text` normalised (normalise), the text the offsets refer to
    normalise(text) -> text with full-width digits and letters as ASCII, same length

Every detector has one pattern, defined below: digit runs (IDs, mobiles, landlines, bank cards,
all-digit credit codes), credit codes with letters, e-mail addresses, licence plates, and the
labels and marks after or before which names and addresses are written. Candidates holds, for
each pattern, exactly the matches that `pattern.finditer(n)` would give (each pattern on its own,
non-overlapping from left to right) — but for all-digit credit codes, which the scanner reads as
digit runs anyway; the scanner validates them. tests/test_candidates.py checks this.

Why two passes instead of one per pattern: Python's regular-expression engine scans a text fast
up to the next character that can start a match, and then pays for every attempt. Ten passes
paid the scan ten times and most attempts (at every digit, at every 法/监/检…) twice or more.

- NUMBERS is one alternation of the digit runs, the credit codes and the plates, starting with
  the class of their first characters. A digit run or a credit code consumes its match, as its
  own pattern does; nothing else of this pass can start inside one (a run or a code never starts
  right after a letter or digit, and a plate starts with a Chinese character). A plate only
  consumes its first character (its body is captured in a look-ahead), because a digit run can
  start inside it (京A 12345 678901). Where a run and a credit code both match at one place, the
  code is all digits (where a code with a letter starts, no run matches), and the scanner
  ignores all-digit codes found as codes: it classifies them as digit runs. The same pass stops
  at the first full-width character: the text is then normalised and the pass starts again.
- LABELS finds every place where a label starts: one alternative per first character, which it
  consumes, with a look-ahead for the rest of the labels starting with it. At each such place the
  label patterns that can start there are matched, each only from the end of its own previous
  match on (as its finditer would), so overlapping labels of different kinds are all found
  (当事人姓名：…, 现居住地：…).
- E-mail addresses overlap digit runs and plates (138 0013 8000.x@…, 京A·D12345@…), so they keep
  their own pass, run only when the text has an "@".
"""

import re
from collections import defaultdict
from typing import NamedTuple

from . import names as nm

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_HSPACE = "[ \\t\u00a0\u3000]"

# --- Normalisation ------------------------------------------------------------------------------

# Full-width digits, letters and the few symbols that occur inside numbers and e-mail addresses,
# plus the hyphen-like dashes (‐ ‑ ‒ – − ﹣). One character in, one character out.
_FULLWIDTH_CHARS = (
    "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff20\uff0d\uff0e\uff0b\uff3f\uff03\u2010-\u2013\u2212\ufe63"
)
_FULLWIDTH = re.compile(f"[{_FULLWIDTH_CHARS}]+")
# One character of the class: a pattern that starts with a class (not a repeat) lets the engine
# skip to the next candidate character, several times faster on text that has none.
_FULLWIDTH_ONE = re.compile(f"[{_FULLWIDTH_CHARS}]")
_FULLWIDTH_TABLE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH_TABLE.update({c: ord("-") for c in (0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE63)})


def normalise(text):
    """Full-width alphanumerics to ASCII, dashes to "-"; same length as `text`."""
    if not _FULLWIDTH_ONE.search(text):
        return text
    return _FULLWIDTH.sub(lambda m: m.group().translate(_FULLWIDTH_TABLE), text)


# --- Numbers, codes and plates ------------------------------------------------------------------

# A maximal run of digits: digit groups joined by one separator (a space, a no-break or
# ideographic space, or a hyphen with optional spaces), or a single group of at least 7 digits;
# an 18-digit ID may end in X. Not preceded or followed by a letter or digit (so a number inside
# a longer run or a code is never a candidate), nor part of a decimal such as 12345678.90.
_RUN_BODY = (
    r"(?<![0-9]\.[0-9])"
    r"(?:[0-9]*+(?:(?: ?- ?| {1,2}|[\u00a0\u3000])[0-9]++)++|[0-9]{6,}+)[Xx]?"
    r"(?![0-9A-Za-z_@])(?!\.[0-9])"
)
# The first digit is matched before the look-behinds so that the regex engine can skip ahead to
# the next digit instead of testing the assertions at every position.
RUN = re.compile(r"[0-9](?<![0-9A-Za-z_][0-9])" + _RUN_BODY)

# Unified social credit codes (GB 32100-2015): authority code, type code, 6-digit area code,
# 9-character body, check character. All-digit codes are digit runs.
_USCC_BODY = r"[0-9A-HJ-NP-RTUW-Y][0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}(?![0-9A-Za-z_])"
USCC = re.compile(r"[1-9ANY](?<![0-9A-Za-z_][1-9ANY])" + _USCC_BODY)

# Mainland licence plates (GA 36-2018): province character, issuing-office letter, optional
# separator dot, then 5 characters (conventional), 4 + 学/警/港/澳… (coach, police, cross-border)
# or 6 (new-energy vehicles).
PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_BODY = (
    r"[A-HJ-NP-Z][·•・.\u00b7 ]?"
    r"(?:[A-HJ-NP-Z0-9]{6}|[A-HJ-NP-Z0-9]{4}[学警挂港澳领试超]|[A-HJ-NP-Z0-9]{5})(?![0-9A-Za-z])"
)
PLATE = re.compile(f"[{PLATE_PROVINCES}]" + _PLATE_BODY)

# The first character is consumed by the leading class (so that the engine skips to it), then
# tested again by look-behind to choose the alternative. `(?<![0-9A-Za-z_][0-9ANY])` is the
# "not right after a letter or digit" of both RUN and USCC (always true before a plate or a
# full-width character): tested first, it turns away a digit inside a number in one step. Then
# what both RUN and USCC need — 6 more digits or letters, or digits and a separator — turns
# away the short numbers of ordinary text (2024年, 12户) before either is tried.
# A full-width character ends the pass.
NUMBERS = re.compile(
    f"[0-9ANY{PLATE_PROVINCES}{_FULLWIDTH_CHARS}](?<![0-9A-Za-z_][0-9ANY])"
    r"(?:(?=[0-9A-Z]{6}|[0-9]*+[ \-\u00a0\u3000])"
    rf"(?:(?<=[0-9])(?P<run>{_RUN_BODY})|(?<=[1-9ANY])(?P<uscc>{_USCC_BODY}))"
    rf"|(?<=[{PLATE_PROVINCES}])(?=(?P<plate>{_PLATE_BODY}))|(?<=[{_FULLWIDTH_CHARS}])(?P<fullwidth>))"
)

EMAIL = re.compile(
    r"[A-Za-z0-9](?<![A-Za-z0-9._%+\-][A-Za-z0-9])[A-Za-z0-9._%+\-]{0,63}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62})\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9\-])"
)


class Candidates(NamedTuple):
    """For each pattern, the (start, end) of its matches, in order, as its own finditer gives them."""

    runs: list
    uscc: list
    plates: list
    emails: list
    name_labels: list
    bare_labels: list
    signs_before: list
    signs_after: list
    address_labels: list
    lives_at: list


# --- Labels -------------------------------------------------------------------------------------

# Formal documents write 当 事 人 and 姓　　名 to line labels up: up to 4 spaces between characters.
_LABEL_GAP = "[ \u3000]{0,4}"


def _spaced(word):
    return _LABEL_GAP.join(re.escape(c) for c in word)


_SIGN_MARK = r"[(（](?:本人)?(?:签名|签字|签章)[)）]"

# Each label pattern is an alternation of labels (or words, or the signature mark), then a tail.
_NAME_TAIL = (
    rf"(?:姓名)?{_HSPACE}*(?:[(（](?:本人)?(?:签名|签字|签章|盖章)(?:或盖章|或签章)?[)）])?"
    rf"(?:{_HSPACE}*[：:]{_HSPACE}*(?:\r?\n{_HSPACE}*)?|{_HSPACE}+)"
)
# Without a colon, before a list of names (本局执法人员宋文斌、郑海燕对……).
_BARE_TAIL = f"(?=[{_CJK}])"
_SIGN_BEFORE_TAIL = rf"{_HSPACE}*[：:]?{_HSPACE}*"
_ADDRESS_TAIL = rf"(?:为|是|在)?{_HSPACE}*[：:]?{_HSPACE}*"
# 张三，男，住示范市…… — "住" after a comma, a line start or 人 (当事人住……), not 住房、住宅、住所……
# The match starts at the word; the character before it (or the start of the text) is looked
# behind at.
_LIVES_WORDS = ("现住", "家住", "现居住于", "现居住", "现居", "居住于", "住")
_LIVES_BEFORE = r"[^，,、；;：:\n （(\t\u3000人]"
_LIVES_TAIL = r"(?:在|于)?(?![房宅宿院所址户])"


def _pattern(words, spaced, tail):
    """A label pattern: its labels, longest first, then the tail."""
    spelt = (_spaced(w) if spaced else re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile("(?:" + "|".join(spelt) + ")" + tail)


NAME_LABEL = _pattern(nm.NAME_LABELS, True, _NAME_TAIL)
NAME_LABEL_BARE = _pattern(nm.BARE_LIST_LABELS, False, _BARE_TAIL)
# （签名）李四 — a signature mark before the name; 李四（签名） — after it.
SIGN_BEFORE = re.compile(_SIGN_MARK + _SIGN_BEFORE_TAIL)
SIGN_AFTER = re.compile(_SIGN_MARK)
ADDRESS_LABEL = _pattern(nm.ADDRESS_LABELS, True, _ADDRESS_TAIL)
LIVES_AT = re.compile(f"(?<!{_LIVES_BEFORE})(?:" + "|".join(_LIVES_WORDS) + ")" + _LIVES_TAIL)

# (field of Candidates, pattern, the labels or words it starts with, whether they may have spaces
# between their characters).
_SIGN_MARKS = ("(", "（")  # the first character of the mark; _rest gives the rest
_LABEL_KINDS = (
    ("name_labels", NAME_LABEL, nm.NAME_LABELS, True),
    ("bare_labels", NAME_LABEL_BARE, nm.BARE_LIST_LABELS, False),
    ("signs_before", SIGN_BEFORE, _SIGN_MARKS, False),
    ("signs_after", SIGN_AFTER, _SIGN_MARKS, False),
    ("address_labels", ADDRESS_LABEL, nm.ADDRESS_LABELS, True),
    ("lives_at", LIVES_AT, _LIVES_WORDS, False),
)


def _rest(word, spaced):
    """The pattern of `word` after its first character (of the signature mark, after its bracket)."""
    if word in _SIGN_MARKS:
        return _SIGN_MARK[len("[(（]") :]
    if spaced:
        return "".join(_LABEL_GAP + re.escape(c) for c in word[1:])
    return re.escape(word[1:])


def _label_pass():
    """LABELS, and for each first character the label patterns that can start with it (with the
    index of their field in Candidates).

    The alternative for a character c is c(?=R), R the alternation of the rests of all labels
    starting with c: every label pattern that matches at c matches one of them there. (R leaves
    the patterns' tails out: testing them here as well costs more than it saves.)
    """
    rests, dispatch = defaultdict(list), defaultdict(list)
    for field, pattern, words, spaced in _LABEL_KINDS:
        for word in sorted(words, key=len, reverse=True):
            rest = _rest(word, spaced)
            if rest not in rests[word[0]]:
                rests[word[0]].append(rest)
            kind = (Candidates._fields.index(field), pattern)
            if kind not in dispatch[word[0]]:
                dispatch[word[0]].append(kind)
    alternatives = [re.escape(c) + "(?=" + "|".join(r) + ")" for c, r in rests.items()]
    return re.compile("|".join(alternatives)), {c: tuple(kinds) for c, kinds in dispatch.items()}


LABELS, _LABELS_AT = _label_pass()


# --- The passes ---------------------------------------------------------------------------------


def find(text):
    """(n, candidates): `text` normalised, and every pattern's matches in it."""
    runs, uscc, plates = [], [], []
    for match in NUMBERS.finditer(text):
        kind = match.lastgroup
        if kind == "run":
            runs.append(match.span())
        elif kind == "uscc":
            uscc.append(match.span())
        elif kind == "plate":
            plates.append((match.start(), match.end("plate")))
        else:  # a full-width character (a normalised text has none): normalise, start again
            return find(normalise(text))
    n = text
    found = Candidates(runs, uscc, plates, [], [], [], [], [], [], [])
    if "@" in n:
        found.emails.extend(match.span() for match in EMAIL.finditer(n))
    # For each field, the end of its pattern's last match: where its own finditer would go on.
    ends = [0] * len(found)
    for match in LABELS.finditer(n):
        pos = match.start()
        for field, pattern in _LABELS_AT[n[pos]]:
            if pos >= ends[field]:
                label = pattern.match(n, pos)
                if label:
                    found[field].append(label.span())
                    ends[field] = label.end()
    return n, found
