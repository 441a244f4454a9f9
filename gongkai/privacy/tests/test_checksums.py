"""Check characters of RULES.md §7: GB 11643-1999 (resident ID), GB 32100-2015 (credit code), Luhn."""

import datetime as dt
import itertools

import pytest

from gongkai.privacy import checksums as cs

TODAY = dt.date(2026, 1, 15)


# --- The weights are the ones the standards derive ----------------------------------------------


def test_id_weights_are_powers_of_two_mod_11():
    # GB 11643-1999: W_i = 2^(18-i) mod 11 for i = 1..17 (RULES.md §7 lists them).
    assert cs.ID_WEIGHTS == (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    assert cs.ID_WEIGHTS == tuple(pow(2, 17 - i, 11) for i in range(17))


def test_uscc_weights_are_powers_of_three_mod_31():
    # GB 32100-2015: W_i = 3^(i-1) mod 31 for i = 1..17 (RULES.md §7 lists them).
    assert cs.USCC_WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    assert cs.USCC_WEIGHTS == tuple(pow(3, i, 31) for i in range(17))


def test_uscc_charset_has_31_characters_without_i_o_z_s_v():
    assert len(cs.USCC_CHARSET) == 31
    assert not set("IOZSV") & set(cs.USCC_CHARSET)


# --- Resident ID (GB 11643-1999) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        ("11010519491231002", "X"),  # RULES.md vector
        ("36042619910101007", "1"),  # RULES.md vector
        ("44052419800101001", "3"),  # worked by hand: Σ = 196, 196 mod 11 = 9, (12 − 9) mod 11 = 3
        ("11010120000229123", "X"),
        ("32010619700101000", "9"),  # Σ = 135, 135 mod 11 = 3
        ("00000000000000000", "1"),  # sum 0 → (12 - 0) mod 11 = 1
    ],
)
def test_id_check_char(first17, check):
    assert cs.id_check_char(first17) == check


def test_id_check_char_takes_every_value_0_to_x():
    # Vary the sequence digits: every one of the 11 check characters occurs.
    seen = {cs.id_check_char(f"11010519491231{n:03d}") for n in range(200)}
    assert seen == set("0123456789X")


@pytest.mark.parametrize(
    "bad", ["1101051949123100", "110105194912310021", "1101051949123100A", "１１０１０５１９４９１２３１００２"]
)
def test_id_check_char_rejects_bad_input(bad):
    with pytest.raises(ValueError):
        cs.id_check_char(bad)


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("11010519491231002X", True),  # RULES.md vector
        ("360426199101010071", True),  # RULES.md vector
        ("110105194912310021", False),  # wrong check character
        ("11010519491231002x", False),  # the scanner upper-cases first
        ("360426199101010070", False),
        ("36042619910101007", False),  # 17 characters
        ("3604261991010100711", False),  # 19 characters
        ("1101051949123100AX", False),  # letters in the body
    ],
)
def test_is_valid_resident_id(number, valid):
    assert cs.is_valid_resident_id(number, today=TODAY) is valid


@pytest.mark.parametrize(
    "first17",
    [
        "00000019910101007",  # no province 00
        "99010119910101007",  # no province 99
        "11010519490230002",  # 30 February
        "11010519491331002",  # month 13
        "11010519490001002",  # month 00
        "11010519490100002",  # day 00
        "11010518800101002",  # before 1890
        "11010520991231002",  # in the future
    ],
)
def test_a_correct_check_character_is_not_enough(first17):
    assert not cs.is_valid_resident_id(first17 + cs.id_check_char(first17), today=TODAY)


@pytest.mark.parametrize(
    ("area", "birth"),
    [
        ("110105", "20000229"),
        ("440305", "20240229"),
        ("650102", "19900101"),
        ("810000", "19700615"),
        ("830000", "19850101"),
    ],
)
def test_ids_with_a_correct_check_character_are_valid(area, birth):
    for seq in ("001", "123", "998"):
        first17 = area + birth + seq
        assert cs.is_valid_resident_id(first17 + cs.id_check_char(first17), today=TODAY)


def test_exactly_one_check_character_is_valid():
    for first17 in ("11010519491231002", "36042619910101007", "44030520240229555"):
        valid = [c for c in "0123456789X" if cs.is_valid_resident_id(first17 + c, today=TODAY)]
        assert valid == [cs.id_check_char(first17)]


@pytest.mark.parametrize(
    ("date", "valid"),
    [
        ((2000, 2, 29), True),  # divisible by 400
        ((1900, 2, 29), False),  # divisible by 100, not by 400
        ((2024, 2, 29), True),
        ((2023, 2, 29), False),
        ((1990, 4, 31), False),
        ((1990, 12, 31), True),
        ((1889, 12, 31), False),
        ((1890, 1, 1), True),
        ((2026, 1, 15), True),  # today
        ((2026, 1, 16), False),  # tomorrow
    ],
)
def test_is_real_birth_date(date, valid):
    assert cs.is_real_birth_date(*date, today=TODAY) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("110105491231002", True),
        ("360426910101007", True),
        ("110105490230002", False),  # 30 February 1949
        ("110105491301002", False),  # month 13
        ("000000491231002", False),  # no province
        ("11010549123100", False),  # 14 digits
        ("11010549123100X", False),  # legacy numbers have no check character
    ],
)
def test_is_valid_legacy_resident_id(number, valid):
    assert cs.is_valid_legacy_resident_id(number, today=TODAY) is valid


def test_resident_id_birth_date():
    assert cs.resident_id_birth_date("11010519491231002X") == dt.date(1949, 12, 31)
    assert cs.resident_id_birth_date("110105491231002") == dt.date(1949, 12, 31)
    assert cs.resident_id_birth_date("110105194912310021") is None


# --- Unified social credit code (GB 32100-2015) -----------------------------------------------


@pytest.mark.parametrize(
    ("first17", "check"),
    [
        ("91110000600037341", "L"),  # RULES.md vector
        ("91350100M000100Y4", "3"),  # RULES.md vector
    ],
)
def test_uscc_check_char(first17, check):
    assert cs.uscc_check_char(first17) == check


def test_uscc_check_char_rejects_characters_outside_the_set():
    for bad in "IOZSV":
        with pytest.raises(ValueError):
            cs.uscc_check_char("9111000060003734" + bad)
    with pytest.raises(ValueError):
        cs.uscc_check_char("911100006")


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("91110000600037341L", True),  # RULES.md vector
        ("91350100M000100Y43", True),  # RULES.md vector
        ("91110000600037341M", False),  # wrong check
        ("91350100M000100Y44", False),
        ("91110000600037341", False),  # 17 characters
        ("91110000600037341LL", False),
        ("91110000600O37341L", False),  # O is not in the set
        ("91110000600037341l", False),  # lower case
        ("B1110000600037341L", False),  # B is no registration authority
        ("911A0000600037341L", False),  # positions 3–8 are an area code
    ],
)
def test_is_valid_uscc(code, valid):
    assert cs.is_valid_uscc(code) is valid


def test_exactly_one_uscc_check_character_is_valid():
    for first17 in ("91110000600037341", "91350100M000100Y4", "92440300MA5F00000", "12100000400000624"):
        valid = [c for c in cs.USCC_CHARSET if cs.is_valid_uscc(first17 + c)]
        assert valid == [cs.uscc_check_char(first17)]


def test_every_check_value_maps_back_through_the_set():
    # Try bodies until all 31 check characters have appeared.
    seen = set()
    for body in itertools.product("0123456789ABCDEF", repeat=3):
        seen.add(cs.uscc_check_char("92110000MA000" + "".join(body) + "0"))
        if len(seen) == 31:
            break
    assert seen == set(cs.USCC_CHARSET)


def test_individual_business_codes_start_with_92():
    assert cs.is_individual_business_uscc("92350100MA2Y3K4L5X")
    assert not cs.is_individual_business_uscc("91110000600037341L")


# --- Luhn ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("79927398713", True),  # the classic example
        ("79927398710", False),
        ("4111111111111111", True),
        ("4111111111111112", False),
        ("6222021234567890128", True),
        ("6222021234567890127", False),
        ("0", False),
        ("", False),
        ("12a4", False),
        ("００", False),
    ],
)
def test_luhn_valid(number, valid):
    assert cs.luhn_valid(number) is valid


def test_luhn_check_digit_completes_every_payload():
    for payload in ("622202123456789012", "7992739871", "4", "0000000000000000"):
        digit = cs.luhn_check_digit(payload)
        assert cs.luhn_valid(payload + digit)
        assert [d for d in "0123456789" if cs.luhn_valid(payload + d)] == [digit]


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("4111111111111111", True),  # 16
        ("6222021234567890128", True),  # 19
        ("411111111111116", False),  # 15 digits, Luhn-valid
        ("62220212345678901286", False),  # 20 digits
    ],
)
def test_is_valid_bank_card_length(number, valid):
    if len(number) in (15, 20):
        number = number[:-1] + cs.luhn_check_digit(number[:-1])
        assert cs.luhn_valid(number)
    assert cs.is_valid_bank_card(number) is valid
