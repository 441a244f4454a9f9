"""Findings where the detectors' patterns overlap, touch or claim the same span (RULES.md §7): the
scanner finds all their candidates first, then keeps one finding per span — the longest, then by
type priority (TYPES)."""

import pytest

from gongkai.privacy import checksums as cs
from gongkai.privacy.scanner import TYPES, scan


def found(text, **kwargs):
    return [(f.type, f.text) for f in scan(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A digit run starting inside a plate (after its separator) is longer: the mobile wins.
        ("车辆京A 13812 345678", [("mobile", "13812 345678")]),
        # … and when the run is nothing, the plate stays.
        ("车辆京A 12345 678901", [("plate", "京A 12345")]),
        # An e-mail address beginning with a landline, or inside a plate, or after a country code.
        ("联系：010-12345678.x@abc.com", [("email", "010-12345678.x@abc.com")]),
        ("邮件京A·D12345@qq.com", [("email", "D12345@qq.com")]),
        ("86 13800138000-x@abc.com", [("email", "13800138000-x@abc.com")]),
        # An e-mail address starting inside a mobile written in groups (8000.x@a.com) is shorter.
        ("138 0013 8000.x@a.com", [("mobile", "138 0013 8000")]),
        # An address running into an e-mail address: the longer address wins.
        ("住址：示范市建设路12号abc@qq.com", [("address", "示范市建设路12号abc")]),
        # Two labels starting at one place (当事人 + 姓名; 现居住 and 现居住地), a label inside a
        # longer one (举报人 in 被举报人), a signature mark after one name and before another.
        ("当事人姓名：张三，男", [("person_name", "张三")]),
        ("被举报人姓名：李四", [("person_name", "李四")]),
        ("当事人，现居住地：示范市东城区人民路12号", [("address", "示范市东城区人民路12号")]),
        ("李四（签名）：王五", [("person_name", "李四"), ("person_name", "王五")]),
        # 住 right after a label or its colon.
        ("当事人住示范市东城区人民路12号", [("address", "示范市东城区人民路12号")]),
        ("当事人：住示范市东城区人民路12号", [("address", "示范市东城区人民路12号")]),
        ("当事人：张三住示范市东城区人民路12号", [("person_name", "张三")]),
    ],
)
def test_overlapping_candidates(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("手机13812345678、13987654321", [("mobile", "13812345678"), ("mobile", "13987654321")]),
        ("京A12345、京B54321", [("plate", "京A12345"), ("plate", "京B54321")]),
        ("京A12345 13812345678", [("plate", "京A12345"), ("mobile", "13812345678")]),
        (
            "户籍地址：示范市西城区解放街3号，联系人：王五",
            [("address", "示范市西城区解放街3号"), ("person_name", "王五")],
        ),
        (
            "电话：１３８１２３４５６７８和ｘｙ＠ａｂ．ｃｏｍ",
            [("mobile", "１３８１２３４５６７８"), ("email", "ｘｙ＠ａｂ．ｃｏｍ")],
        ),
    ],
)
def test_adjacent_findings_are_all_reported(text, expected):
    assert found(text) == expected


# 18 digits that are a valid resident ID and a valid credit code at once (1 number in 31).
ID_AND_CREDIT_CODE = "360426196808277761"


def test_a_number_valid_as_id_and_as_credit_code_is_an_id_unless_a_credit_code_word_precedes_it():
    assert cs.is_valid_resident_id(ID_AND_CREDIT_CODE) and cs.is_valid_uscc(ID_AND_CREDIT_CODE)
    assert TYPES.index("id_card") < TYPES.index("uscc")
    assert found(f"号码：{ID_AND_CREDIT_CODE}") == [("id_card", ID_AND_CREDIT_CODE)]
    assert found(f"身份证号码：{ID_AND_CREDIT_CODE}") == [("id_card", ID_AND_CREDIT_CODE)]
    # An organisation's code: recognised (nothing else is read into it) but not reported …
    assert found(f"统一社会信用代码：{ID_AND_CREDIT_CODE}") == []
    # … unless asked for.
    assert found(f"统一社会信用代码：{ID_AND_CREDIT_CODE}", organisations=True) == [("uscc", ID_AND_CREDIT_CODE)]


def test_a_long_run_of_separated_digit_groups_is_one_candidate():
    # Every group after a "-" could start a run of its own; the run is read once, as a whole.
    assert found("12-" * 5) == []
    assert found("编号12-12-12-12-12，手机13812345678") == [("mobile", "13812345678")]
