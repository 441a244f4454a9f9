"""Check characters of the numbers the personal-data scanner looks for (RULES.md §7). Pure: no Django.

- Resident identity number, GB 11643-1999: 6-digit area code + 8-digit birth date + 3-digit
  sequence + check character (ISO 7064 MOD 11-2). Legacy 15-digit numbers: area + YYMMDD + 3 digits.
- Unified social credit code, GB 32100-2015: 18 characters, check character MOD 31.
- Bank card numbers: 16–19 digits passing the Luhn check (ISO/IEC 7812).

Every function takes an already normalised string (ASCII digits and upper-case letters, no
separators); the scanner does the normalisation.
"""

import datetime as dt
from operator import mul

# --- Resident identity number (GB 11643-1999) -------------------------------------------------

# Weights of digits 1–17 (RULES.md §7): W_i = 2^(18-i) mod 11.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
# check = (12 − Σ mod 11) mod 11, the value 10 written "X".
ID_CHECK_CHARS = "0123456789X"

# First two digits: the province-level codes of GB/T 2260, plus 71 (台湾), 81 (香港) and 82 (澳门),
# which also appear on the residence permits for Hong Kong, Macao and Taiwan residents (83 is the
# Taiwan residents' permit prefix). A number whose first two digits are not a province code is not
# a resident ID. This is stricter than RULES.md, which only names the structure; it removes most
# random 18-digit numbers (order numbers, tracking numbers) that would otherwise pass the check
# with probability 1/11.
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    }
)

# A birth date is "real" when it is a calendar date, not in the future and not before this year.
EARLIEST_BIRTH_YEAR = 1890


def id_check_char(first17):
    """The GB 11643-1999 check character for the first 17 digits of an 18-digit resident ID."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("first17 must be 17 ASCII digits")
    total = sum(map(mul, map(int, first17), ID_WEIGHTS))
    return ID_CHECK_CHARS[(12 - total % 11) % 11]


def is_real_birth_date(year, month, day, today=None):
    """True for a calendar date between EARLIEST_BIRTH_YEAR-01-01 and today (inclusive)."""
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    today = today or dt.date.today()
    return EARLIEST_BIRTH_YEAR <= year and born <= today


def _has_area_code(number):
    return number[:2] in PROVINCE_CODES


def is_valid_resident_id(number, today=None):
    """An 18-character resident ID: province code, real birth date, correct check character.

    `number` is upper-case ASCII ("x" must already be "X").
    """
    if len(number) != 18 or not number.isascii() or not number[:17].isdigit():
        return False
    if not _has_area_code(number):
        return False
    if not is_real_birth_date(int(number[6:10]), int(number[10:12]), int(number[12:14]), today):
        return False
    return id_check_char(number[:17]) == number[17]


def is_valid_legacy_resident_id(number, today=None):
    """A 15-digit resident ID (issued before 1999): area + YYMMDD (born 19YY) + 3 digits, no check."""
    if len(number) != 15 or not number.isascii() or not number.isdigit():
        return False
    if not _has_area_code(number):
        return False
    return is_real_birth_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]), today)


def resident_id_birth_date(number):
    """The birth date of a valid 18- or 15-digit resident ID, else None."""
    if is_valid_resident_id(number):
        return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    if is_valid_legacy_resident_id(number):
        return dt.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    return None


# --- Unified social credit code (GB 32100-2015) -----------------------------------------------

# The 31 characters of the code: digits and upper-case letters without I, O, Z, S, V.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_VALUES = {c: i for i, c in enumerate(USCC_CHARSET)}
_USCC_CHARS = frozenset(USCC_CHARSET)
# Weights of positions 1–17 (RULES.md §7): W_i = 3^(i-1) mod 31.
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
# Position 1, the registration authority (登记管理部门) code of GB 32100-2015: 1 机构编制, 2 外交,
# 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 市场监督管理（工商）, A 中央军委改革和编制办公室,
# N 农业农村, Y 其他. Positions 3–8 are the registering authority's GB/T 2260 area code (digits).
USCC_AUTHORITY_CODES = frozenset("123456789ANY")


def uscc_check_char(first17):
    """The GB 32100-2015 check character for the first 17 characters of a credit code."""
    if len(first17) != 17:
        raise ValueError("first17 must be 17 characters")
    try:
        total = sum(map(mul, map(USCC_VALUES.__getitem__, first17), USCC_WEIGHTS))
    except KeyError as exc:
        raise ValueError(f"{exc.args[0]!r} is not a credit-code character") from None
    return USCC_CHARSET[(31 - total % 31) % 31]


def is_valid_uscc(code):
    """An 18-character unified social credit code with a known authority code, a numeric area code
    (positions 3–8) and the right check character."""
    if len(code) != 18 or not _USCC_CHARS.issuperset(code):
        return False
    if code[0] not in USCC_AUTHORITY_CODES or not code[2:8].isdigit():
        return False
    return uscc_check_char(code[:17]) == code[17]


def is_individual_business_uscc(code):
    """Codes starting with 92 belong to individual businesses (个体工商户): personal data of the owner."""
    return code.startswith("92")


# --- Bank cards (Luhn) ------------------------------------------------------------------------


_LUHN_DOUBLED = {str(d): d * 2 - 9 if d > 4 else d * 2 for d in range(10)}


def luhn_check_digit(payload):
    """The Luhn check digit to append to `payload` (ASCII digits)."""
    if not payload.isascii() or not payload.isdigit():
        raise ValueError("payload must be ASCII digits")
    # From the right, the 1st, 3rd, 5th… digit of the payload is doubled once the check digit is
    # appended (a doubled digit above 9 counts as the sum of its digits: 2 × 7 = 14 → 5).
    reverse = payload[::-1]
    total = sum(map(_LUHN_DOUBLED.__getitem__, reverse[::2])) + sum(map(int, reverse[1::2]))
    return str((10 - total % 10) % 10)


def luhn_valid(number):
    """True when the digit string passes the Luhn check."""
    if len(number) < 2 or not number.isascii() or not number.isdigit():
        return False
    return luhn_check_digit(number[:-1]) == number[-1]


def is_valid_bank_card(number):
    """16–19 digits passing the Luhn check (RULES.md §7)."""
    return 16 <= len(number) <= 19 and luhn_valid(number)
