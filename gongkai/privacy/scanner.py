"""The personal-data scanner (RULES.md §7). Pure: no Django.

    scan(text) -> [Finding(type, start, end, text, masked), ...]
    mask(finding) -> the masked form of one finding
    apply_masks(text, findings) -> text with every finding replaced by its masked form

Offsets are character offsets into the string the caller passed. Full-width digits, letters and
"＠－．＋＿＃" are read as their ASCII forms; the normalisation maps one character to one
character, so offsets need no translation.

How it works, and why it is fast: candidates.find() finds, in two passes over the text, where
every detector's pattern matches — maximal digit runs (with single spaces or hyphens between
digit groups), credit codes with letters, licence plates, e-mail addresses, and the labels after
which names and addresses are written. Every candidate is then validated in Python (check
characters, birth dates, context words). Candidates are rare compared with the text, so the
Python work stays small. No pattern has nested unbounded quantifiers that can backtrack
catastrophically.
"""

import re
from typing import NamedTuple

from . import candidates as cd
from . import checksums as cs
from . import names as nm

# Types, in the order of priority used when two findings claim the same span.
TYPES = ("id_card", "uscc", "bank_card", "mobile", "phone", "email", "plate", "person_name", "address")
TYPE_LABELS = {
    "id_card": "身份证号码",
    "mobile": "手机号码",
    "phone": "固定电话",
    "uscc": "统一社会信用代码",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
    "person_name": "姓名",
    "address": "住址",
    "plate": "车牌号码",
}
_PRIORITY = {t: i for i, t in enumerate(TYPES)}


class Finding(NamedTuple):
    """One piece of personal data: `text` is `original[start:end]`, `masked` its public form.

    An immutable named tuple (cheap to create: a long document can hold many thousands).
    """

    type: str
    start: int
    end: int
    text: str
    masked: str

    @property
    def label(self):
        """The type in plain Chinese, for staff screens."""
        return TYPE_LABELS[self.type]

    def as_dict(self):
        """The stable JSON form of DESIGN.md (privacy_scan --json)."""
        return {"type": self.type, "start": self.start, "end": self.end, "text": self.text, "masked": self.masked}


# --- Normalisation --------------------------------------------------------------------------

# normalise(text): full-width alphanumerics to ASCII, dashes to "-", one character for one (see
# candidates.py, whose first pass also notices full-width characters).
normalise = cd.normalise


# --- Shared patterns ------------------------------------------------------------------------

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_HSPACE = "[ \\t\u00a0\u3000]"

_DIGIT_GROUP = re.compile(r"[0-9]+[Xx]?")

# Area codes: 010 and 02x are three digits, the rest 0 + three digits (0[3-9]xx).
_AREA_CODE = re.compile(r"0(?:10|2[0-9]|[3-9][0-9]{2})")
_PAREN_AREA = re.compile(r"[(（] ?(0(?:10|2[0-9]|[3-9][0-9]{2})) ?[)）] ?$")

# Context words looked for just before a number.
_CONTEXT_CHARS = 16
_ID_CONTEXT = re.compile(r"身份证|身份号码|证件号|公民身份")
_USCC_CONTEXT = re.compile(r"信用代码|统一代码|社会信用|纳税人识别号|税号|注册号")
_BANK_CONTEXT = re.compile(r"银行|卡号|账号|帐号|账户|帐户|开户|借记卡|信用卡|储蓄卡|收款|付款")
_PHONE_CONTEXT = re.compile(r"电话|座机|固话|传真|tel|Tel|TEL|联系方式")
# A number labelled as an order, a case or a document number is not a phone or a card.
_NOT_PERSONAL_CONTEXT = re.compile(
    r"(?:订单|单号|编号|流水|批号|批次|条码|条形码|运单|快递|发票|凭证|文号|案号|序列号|工单|合同|账单|"
    r"货号|型号|证书|许可证|登记号|备案号|检验报告|报告编号|样品|编码|代码|索引号|档案号|卷号)[号码:：\s]{0,4}$"
)
_AMOUNT_AFTER = re.compile(r" ?[元万亿]")

# Card issuer prefixes accepted without a banking word nearby: UnionPay 62, 60 and 65, Visa 4,
# Mastercard 51–55 and 2221–2720, JCB 35, and the old domestic 955xx cards.
_CARD_PREFIX = re.compile(r"62|60|65|4|5[1-5]|2(?:22[1-9]|2[3-9][0-9]|[3-6][0-9]{2}|7[01][0-9]|720)|35|955")


# --- Digit runs: IDs, mobiles, landlines, bank cards, all-digit credit codes -------------------


# Lengths a digit run can have to be anything at all: local landline numbers after a bracketed
# area code (7, 8), landlines with area code (10–12), mobiles (11, +86: 13, 0086: 15), legacy
# IDs (15), bank cards (16–19), IDs and credit codes (18).
_INTERESTING_LENGTHS = frozenset({7, 8, 10, 11, 12, 13, 15, 16, 17, 18, 19})


def _id_structured(digits):
    """Province code and a real birth date in place (used to keep IDs apart from cards and codes)."""
    return (
        digits[:2] in cs.PROVINCE_CODES
        and digits[6:14].isdigit()
        and cs.is_real_birth_date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    )


def _id_like(digits):
    """Province code and a plausible birth year in place, even if the date itself is wrong."""
    return digits[:2] in cs.PROVINCE_CODES and digits[6:8] in ("18", "19", "20")


def _is_mobile(digits):
    # RULES.md §7: mainland mobiles are 11 digits starting 13–19.
    return len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789"


def _landline(n, groups, i, j, digits, before):
    """A landline (area code + 7–8-digit local number), as (start, end) or None.

    Local numbers never start with 0 (or 1, which is for service numbers); with the area code
    written apart in brackets or with a separator, a leading 1 is accepted (examples and test
    data often use 12345678); written together after 电话/传真, the local number must start 2–9.
    """
    start, end = groups[i][0], groups[j][1]
    # (010)12345678 — the area code in brackets just before the run.
    paren = _PAREN_AREA.search(before)
    if paren and len(digits) in (7, 8) and digits[0] != "0":
        return start - (len(before) - paren.start()), end
    # 010-12345678, 0551 6234 5678, 010-12345678-801 (the extension is left out of the span).
    if j > i and _AREA_CODE.fullmatch(n[groups[i][0] : groups[i][1]]):
        for last in range(j, i, -1):
            local = "".join(n[a:b] for a, b in groups[i + 1 : last + 1])
            if len(local) in (7, 8) and local[0] != "0" and local.isdigit():
                return start, groups[last][1]
        return None
    # 01012345678 right after 电话/传真: split off the area code.
    if i == j and len(digits) in (10, 11, 12) and digits[0] == "0" and _PHONE_CONTEXT.search(before):
        area = 3 if digits[1] in "12" else 4
        local = digits[area:]
        if _AREA_CODE.fullmatch(digits[:area]) and len(local) in (7, 8) and local[0] in "23456789":
            return start, end
    return None


def _digit_position(groups, i, index):
    """The text offset of the index-th digit of the piece that starts at group i."""
    for a, b in groups[i:]:
        if index < b - a:
            return a + index
        index -= b - a
    raise IndexError(index)


def _classify_18(code, before, start, end):
    """An 18-character number: a resident ID, a credit code (digits only, or digits + X), or None.

    Both check characters can pass at once (1 number in 31): a credit-code word before it makes
    it a credit code, otherwise it is an ID. An all-digit credit code that fails as an ID is read
    as a credit code when a credit-code word precedes it, or when nothing suggests an ID (no ID
    word, no province code + real birth date in place).
    """
    id_ok, uscc_ok = cs.is_valid_resident_id(code), cs.is_valid_uscc(code)
    if id_ok:
        if uscc_ok and _USCC_CONTEXT.search(before) and not _ID_CONTEXT.search(before):
            return "uscc", start, end
        return "id_card", start, end
    if uscc_ok and (_USCC_CONTEXT.search(before) or not (_ID_CONTEXT.search(before) or _id_structured(code))):
        return "uscc", start, end
    return None


def _classify(n, groups, i, j, digits=None):
    """The finding that the digit groups i..j form, as (type, start, end), or None."""
    start, end = groups[i][0], groups[j][1]
    if digits is None:
        digits = n[start:end] if i == j else "".join(n[a:b] for a, b in groups[i : j + 1])
    length = len(digits)
    if length not in _INTERESTING_LENGTHS:
        return None
    before = n[max(0, start - _CONTEXT_CHARS) : start]
    if digits[-1] in "Xx":
        # Only an 18-character resident ID (GB 11643-1999) or credit code ends in X here.
        return _classify_18(digits.upper(), before, start, end) if length == 18 else None
    if _AMOUNT_AFTER.match(n, end):
        return None
    if length <= 12:
        phone = _landline(n, groups, i, j, digits, before)
        if phone:
            return ("phone", *phone)
    if length == 18:
        found = _classify_18(digits, before, start, end)
        if found:
            return found
    elif length == 15 and cs.is_valid_legacy_resident_id(digits):
        # Legacy 15-digit IDs have no check character: about one random 15-digit number in ten
        # looks like one, so an ID word must precede it (身份证号、证件号码……).
        if _ID_CONTEXT.search(before):
            return "id_card", start, end
        return None
    elif length == 11 and _is_mobile(digits):
        if _NOT_PERSONAL_CONTEXT.search(before):
            return None
        return "mobile", start, end
    elif length in (13, 15):
        # +86 13800138000, 0086 13800138000: the mobile number without the country code.
        prefix = 2 if length == 13 else 4
        if digits[:prefix] in ("86", "0086") and _is_mobile(digits[prefix:]):
            if length == 15 or n[start - 1 : start] == "+" or groups[i][1] - groups[i][0] == prefix:
                return "mobile", _digit_position(groups, i, prefix), end
    if 16 <= length <= 19:
        if _BANK_CONTEXT.search(before):
            return ("bank_card", start, end) if cs.luhn_valid(digits) else None
        if not _CARD_PREFIX.match(digits) or _NOT_PERSONAL_CONTEXT.search(before):
            return None
        if length == 18 and (_ID_CONTEXT.search(before) or _id_like(digits)):
            return None  # a mistyped ID is not a bank card
        if cs.luhn_valid(digits):
            return "bank_card", start, end
    return None


def _scan_runs(n, runs, out, hidden):
    found = []
    _scan_digit_runs(n, runs, found)
    for cand in found:
        # Credit codes of organisations are recognised (so that the span is not read as anything
        # else) but only reported for individual businesses (code starting with 92).
        if cand[0] == "uscc" and not cs.is_individual_business_uscc(n[cand[1] : cand[2]]):
            hidden.append(cand)
        else:
            out.append(cand)


# No finding is longer than 19 digits (bank cards); longer runs or pieces are never candidates.
# No number is written in more than 6 groups (6222 0212 3456 7890 128, +86 138 0013 8000).
_MAX_DIGITS = 19
_MAX_GROUPS = 6


def _scan_digit_runs(n, runs, out):
    for span in runs:
        run = n[span[0] : span[1]]
        if run.isdigit():
            one = _classify(n, [span], 0, 0)
            if one:
                out.append(one)
            continue
        base = span[0]
        groups = [(base + g.start(), base + g.end()) for g in _DIGIT_GROUP.finditer(run)]
        k = len(groups)
        sizes = [b - a for a, b in groups]
        if sum(sizes) <= _MAX_DIGITS:
            whole = _classify(n, groups, 0, k - 1)
            if whole:
                out.append(whole)
                continue
        # One formatted number (6222 0212 3456 7890 127) that failed its checks is not cut into
        # smaller numbers; other runs (a date, then a mobile) are split at their separators,
        # taking the longest valid piece first. Pieces never exceed _MAX_DIGITS, so a long run
        # costs time in proportion to its length.
        if k >= 3 and all(size == 4 for size in sizes[:-1]):
            continue
        joined = "".join(n[a:b] for a, b in groups)
        offsets = [0]
        for size in sizes:
            offsets.append(offsets[-1] + size)
        i = 0
        while i < k:
            # Candidate pieces start at group i; inside a piece every group but the last has at
            # least 2 digits (no number is written "1 3 8…"), and the piece has a length some
            # type can have.
            last = i
            while (
                last + 1 < k
                and last - i < _MAX_GROUPS - 1
                and sizes[last] >= 2
                and offsets[last + 2] - offsets[i] <= _MAX_DIGITS
            ):
                last += 1
            for j in range(last, i - 1, -1):
                if (i == 0 and j == k - 1) or offsets[j + 1] - offsets[i] not in _INTERESTING_LENGTHS:
                    continue  # the whole run was tried above
                piece = _classify(n, groups, i, j, joined[offsets[i] : offsets[j + 1]])
                if piece:
                    out.append(piece)
                    i = j + 1
                    break
            else:
                i += 1


def _scan_uscc(n, codes, out, hidden):
    for start, end in codes:
        code = n[start:end]
        if code[:17].isdigit() and code[17] in "0123456789X":
            continue  # all digits (or digits + X): a digit run, classified there
        if cs.is_valid_uscc(code):
            target = out if cs.is_individual_business_uscc(code) else hidden
            target.append(("uscc", start, end))


_NOT_PLATE_SERIAL = re.compile(r"[^0-9A-Z]")

# logo@2x.png is a file name, not an address.
_FILE_EXTENSIONS = frozenset(
    "png jpg jpeg gif svg webp bmp tif tiff pdf doc docx xls xlsx ppt pptx zip rar txt csv htm html js css".split()
)


def _scan_email(n, emails, out):
    for start, end in emails:
        if n[start:end].rsplit(".", 1)[1].lower() in _FILE_EXTENSIONS:
            continue
        out.append(("email", start, end))


def _scan_plates(n, plates, out):
    for start, end in plates:
        serial = _NOT_PLATE_SERIAL.sub("", n[start + 2 : end])
        if len(serial) == 6:
            # New-energy plates: D or F first (small vehicles) or last (large vehicles).
            if not (serial[0] in "DF" or serial[5] in "DF"):
                continue
        if sum(c.isdigit() for c in serial) < 3:
            continue
        out.append(("plate", start, end))


# --- Person names -----------------------------------------------------------------------------

_CJK_RUN = re.compile(f"[{_CJK}]{{1,40}}")


# 李四（签名） — the name before a signature mark is read backwards.
_CJK_RUN_BEFORE = re.compile(f"[{_CJK}]{{2,5}}{_HSPACE}*$")
# The separators of a list of names: 张三、李四和王五.
_LIST_SEP = re.compile(rf"{_HSPACE}*(?:[、，,；;/]|和|及|与){_HSPACE}*")
# run.startswith(words) for a long tuple of words tries them one by one; one pattern is faster.
_ROLE_WORD = re.compile("|".join(map(re.escape, nm.ROLE_WORDS)))
_TITLE_WORD = re.compile("|".join(map(re.escape, nm.TITLE_WORDS)))
_MASKED_GIVEN = frozenset("某*＊×Xx○〇")
_NOT_GIVEN_START = frozenset("本该其我贵此")


def _is_cjk(char):
    return bool(char) and ("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf")


def _surname_length(run):
    if len(run) >= 3 and run[:2] in nm.COMPOUND_SURNAMES:
        return 2
    if run[0] in nm.SINGLE_SURNAMES:
        return 1
    if run[:2] in nm.COMPOUND_SURNAMES:
        return 2
    return 0


def _looks_like_organisation(run):
    return _ORG_WORD.search(run) or run[-1] in nm.ORG_SUFFIX_CHARS or any(c in nm.PLACE_SUFFIX_CHARS for c in run[1:6])


_FOLLOW = re.compile("|".join(sorted(nm.FOLLOW_WORDS, key=len, reverse=True)))
_ORG_WORD = re.compile("|".join(nm.ORG_WORDS))


def _follow_length(tail):
    """Length of the longest follow word at the start of `tail` (0 if none)."""
    match = _FOLLOW.match(tail)
    return len(match.group()) if match else 0


def _name_cut(run, s):
    """How many characters of `run` (surname length s) are the name, or None."""
    if len(run) <= s + 2:
        if len(run) == s + 2 and run[s + 1] in nm.STRONG_FOLLOW_CHARS:
            return s + 1  # 张三于、李四等
        return len(run)
    best = None
    for cut in (s + 2, s + 1):
        if cut > 4:
            continue
        score = _follow_length(run[cut:])
        if not score:
            continue
        # Ties between one-character follow words: a list connector (和、与、及) is the better
        # reading, a character that is also a surname the worse one (吴芳和曾娜华).
        word = run[cut : cut + score]
        if word in ("和", "与", "及"):
            score += 0.5
        elif score == 1 and word in nm.SINGLE_SURNAMES:
            score -= 0.5
        if best is None or score > best[0]:
            best = (score, cut)
    if best:
        return best[1]
    if _looks_like_organisation(run):
        return None
    return min(s + 2, 4)


def _name_at(n, pos, in_list=False):
    """The (start, end) of a person's name starting at pos, or None."""
    if n[pos : pos + 1] not in nm.SINGLE_SURNAMES and n[pos : pos + 2] not in nm.COMPOUND_SURNAMES:
        return None
    match = _CJK_RUN.match(n, pos)
    if not match:
        return None
    run = match.group()
    if _ROLE_WORD.match(run):
        return None
    s = _surname_length(run)
    if not s or len(run) == s:
        return None
    given = run[s:]
    if _TITLE_WORD.match(given) or given[0] in _NOT_GIVEN_START:
        return None
    next_char = n[match.end() : match.end() + 1]
    if next_char and next_char in _MASKED_GIVEN:
        return None  # 欧阳**、王×× — already masked
    cut = _name_cut(run, s)
    if cut is None or cut <= s:
        return None
    if in_list and cut != len(run) and not _follow_length(run[cut:]):
        return None
    return pos, pos + cut


def _scan_names(n, candidates, out):
    known = {}  # (pos, in_list) -> _name_at(): the names of a list after a bare label are read twice

    def name_at(pos, in_list=False):
        key = (pos, in_list)
        if key not in known:
            known[key] = _name_at(n, pos, in_list)
        return known[key]

    starts = [end for _, end in candidates.name_labels]
    starts += [end for _, end in candidates.signs_before]
    for _, end in candidates.bare_labels:
        # Without a colon only a list counts: the first name must be followed by "、" and a name.
        first = name_at(end)
        if first and n[first[1] : first[1] + 1] == "、" and name_at(first[1] + 1, in_list=True):
            starts.append(end)
    for pos in starts:
        found = name_at(pos)
        while found:
            out.append(("person_name", *found))
            sep = _LIST_SEP.match(n, found[1])
            if not sep:
                break
            found = name_at(sep.end(), in_list=True)
    for mark, _ in candidates.signs_after:
        before = _CJK_RUN_BEFORE.search(n, max(0, mark - 8), mark)
        run = before.group().rstrip(" \t\u00a0\u3000") if before else ""
        if not run or len(run) > 4 or run.endswith("人") or _is_cjk(n[before.start() - 1 : before.start()]):
            continue
        found = _name_at(n, before.start())
        if found and found[1] == before.start() + len(run):
            out.append(("person_name", *found))


# --- Addresses --------------------------------------------------------------------------------

_ADDRESS_BODY = re.compile(rf"[{_CJK}][{_CJK}0-9A-Za-z\-#()（）·]{{2,59}}")
_ADDRESS_END_CHARS = frozenset(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz号室栋幢楼层座组村弄巷路街道里院苑园屯庄区元同坊门户"
)
_ADMIN_UNIT = re.compile(
    rf"[{_CJK}]{{1,7}}?(?:特别行政区|自治区|自治州|自治县|自治旗|地区|街道|省|市|州|盟|区|县|旗|镇|乡)"
)
_DISTRICT_LEVEL = ("区", "县", "旗", "镇", "乡", "街道")
_ROAD = re.compile(rf"[{_CJK}]{{1,10}}?(?:大道|大街|胡同|路|街|巷|道)")
_ADDRESS_ORG_WORDS = ("公司", "委员会", "政府", "管理局", "分局")
_STOP_WORDS = re.compile("|".join(nm.ADDRESS_STOP_WORDS))


def _address_kept_prefix(address):
    """How much of an address stays visible: administrative areas down to district/town level
    (RULES.md §7 practice); when the address names no district, county or town, also its road
    (示范市建设大道***)."""
    pos, district = 0, False
    while True:
        unit = _ADMIN_UNIT.match(address, pos)
        if not unit:
            break
        pos = unit.end()
        district = district or unit.group().endswith(_DISTRICT_LEVEL)
    if not district:
        road = _ROAD.match(address, pos)
        if road:
            pos = road.end()
    return pos


def _address_at(n, pos, strict):
    body = _ADDRESS_BODY.match(n, pos)
    if not body:
        return None
    text = body.group()
    stop = _STOP_WORDS.search(text)
    if stop:
        text = text[: stop.start()]
    text = text.rstrip("-#()（）·")
    if not text or text[-1] in "局厂店" or any(w in text for w in _ADDRESS_ORG_WORDS):
        return None  # an agency's or a company's name, not an address
    end = len(text)
    while end and text[end - 1] not in _ADDRESS_END_CHARS:
        end -= 1
    text = text[:end]
    if len(text) < 4 or not any(marker in text for marker in nm.ADDRESS_DETAIL_MARKERS):
        return None
    if strict and not any(c in "省市区县镇乡旗" for c in text[:12]):
        return None
    if _address_kept_prefix(text) >= len(text):
        return None  # no detail below district level: nothing personal to hide
    return pos, pos + len(text)


def _scan_addresses(n, candidates, out):
    for label_start, label_end in candidates.address_labels:
        if n.startswith("地址", label_start) and n[max(0, label_start - 4) : label_start].endswith(
            nm.NON_PERSONAL_ADDRESS_PREFIXES
        ):
            continue
        address = _address_at(n, label_end, strict=False)
        if address:
            out.append(("address", *address))
    for _, end in candidates.lives_at:
        address = _address_at(n, end, strict=True)
        if address:
            out.append(("address", *address))


# --- Masks (RULES.md §7) -----------------------------------------------------------------------


def _mask_name(name):
    # Surname + 某; compound surnames + 某某 (张某, 欧阳某某).
    if len(name) >= 3 and name[:2] in nm.COMPOUND_SURNAMES:
        return name[:2] + "某某"
    return name[0] + "某"


_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Za-z]")
_PHONE_AREA_PREFIX = re.compile(r"[(（]? ?0(?:10|2[0-9]|[3-9][0-9]{2}) ?[)）]?[ -]?")
# A digit followed by at least two more digits: every digit but the last two.
_DIGIT_BEFORE_LAST_TWO = re.compile(r"[0-9](?=(?:[^0-9]*[0-9]){2})")


def _mask_phone(text):
    # Landlines keep the area code and the last 2 digits (010-******78): the area code only
    # names a city, and 2 digits do not identify a line.
    match = _PHONE_AREA_PREFIX.match(text)
    keep = match.end() if match else 0
    return text[:keep] + _DIGIT_BEFORE_LAST_TWO.sub("*", text[keep:])


def _mask_plate(text):
    # Province + office letter + "·" + masked serial, last 2 visible: 示A·***45.
    serial = _NOT_PLATE_SERIAL.sub("", text[2:])
    suffix = text[-1] if text[-1] in "学警挂港澳领试超" else ""
    return f"{text[:2]}·{'*' * (len(serial) - 2)}{serial[-2:]}{suffix}"


def mask_text(kind, text):
    """The masked form of `text` found as `kind` (RULES.md §7 masks)."""
    return _mask(kind, normalise(text))


def _mask(kind, t):
    if kind in ("id_card", "mobile", "bank_card", "uscc"):
        compact = _NOT_ALPHANUMERIC.sub("", t).upper()
        if kind == "id_card":
            # 18 digits: first 6 + last 4 visible (110105********002X, RULES.md §7).
            # 15 digits (legacy): area code and the 3-digit sequence visible, birth date hidden.
            if len(compact) == 15:
                return compact[:6] + "*" * 6 + compact[-3:]
            return compact[:6] + "*" * (len(compact) - 10) + compact[-4:]
        if kind == "mobile":
            return compact[:3] + "****" + compact[-4:]  # 138****5678 (RULES.md §7)
        if kind == "bank_card":
            return compact[:4] + "*" * (len(compact) - 8) + compact[-4:]
        # Credit code: authority, type and area code (first 8) and the last 4 visible.
        return compact[:8] + "*" * (len(compact) - 12) + compact[-4:]
    if kind == "phone":
        return _mask_phone(t)
    if kind == "email":
        local, _, domain = t.partition("@")
        return f"{local[:1]}***@{domain}"
    if kind == "person_name":
        return _mask_name(t)
    if kind == "address":
        return t[: _address_kept_prefix(t)] + "***"
    if kind == "plate":
        return _mask_plate(t)
    raise ValueError(f"未知的个人信息类型：{kind}")


def mask(finding):
    """The masked form of a finding."""
    return mask_text(finding.type, finding.text)


# --- Scan -------------------------------------------------------------------------------------


def _settle(cluster):
    """Non-overlapping choice among overlapping candidates: longest first, then type priority."""
    taken = []
    for cand in sorted(cluster, key=lambda c: (c[1] - c[2], _PRIORITY[c[0]], c[1])):
        if all(cand[2] <= t[1] or cand[1] >= t[2] for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c[1])


def _resolve(candidates):
    """One finding per span: among overlapping candidates the longest wins, then by type priority."""
    chosen, cluster, cluster_end = [], [], -1
    for cand in sorted(set(candidates), key=lambda c: c[1]):
        if cluster and cand[1] >= cluster_end:
            chosen.extend(cluster if len(cluster) == 1 else _settle(cluster))
            cluster = []
        cluster_end = max(cluster_end, cand[2]) if cluster else cand[2]
        cluster.append(cand)
    if cluster:
        chosen.extend(cluster if len(cluster) == 1 else _settle(cluster))
    return chosen


def scan(text, *, organisations=False):
    """Every piece of personal data in `text`, in order, without overlaps.

    Credit codes (统一社会信用代码) are reported only for individual businesses (个体工商户, codes
    starting with 92): a company's code is not a natural person's data and is published with its
    penalty decisions. `organisations=True` reports every valid code.
    """
    if not text:
        return []
    n, candidates = cd.find(text)
    found, hidden = [], []
    if candidates.runs:
        _scan_runs(n, candidates.runs, found, hidden)
    if candidates.uscc:
        _scan_uscc(n, candidates.uscc, found, hidden)
    if candidates.emails:
        _scan_email(n, candidates.emails, found)
    if candidates.plates:
        _scan_plates(n, candidates.plates, found)
    if candidates.name_labels or candidates.bare_labels or candidates.signs_before or candidates.signs_after:
        _scan_names(n, candidates, found)
    if candidates.address_labels or candidates.lives_at:
        _scan_addresses(n, candidates, found)
    if not found and not hidden:
        return []
    if organisations:
        found += hidden
        hidden = []
    hidden_set = set(hidden)
    result = []
    for kind, start, end in _resolve(found + hidden):
        if (kind, start, end) in hidden_set:
            continue
        result.append(Finding(kind, start, end, text[start:end], _mask(kind, n[start:end])))
    return result


def apply_masks(text, findings):
    """`text` with every finding replaced by its masked form.

    Findings must come from `text` (their `text` must match); overlapping findings keep the
    first one by start offset.
    """
    parts, pos = [], 0
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if finding.start < pos:
            continue
        if text[finding.start : finding.end] != finding.text:
            raise ValueError(f"检查结果与原文不一致（第 {finding.start} 个字符起）：请重新扫描后再遮盖。")
        parts.append(text[pos : finding.start])
        parts.append(finding.masked)
        pos = finding.end
    parts.append(text[pos:])
    return "".join(parts)
