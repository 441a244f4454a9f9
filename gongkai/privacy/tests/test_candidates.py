"""The two passes of candidates.find() give, for every detector's pattern, exactly the matches
that the pattern run on its own with finditer gives (the scanner validated those before the
passes were merged, and must find the same things)."""

import random
import re

import pytest

from gongkai.privacy import candidates as cd
from gongkai.privacy import names as nm

# How the "lives at" pattern was written before it was matched from the word on: run over
# "\n" + text, the character before the word consumed, the address starting at match.end() - 1.
LIVES_AT_CONSUMING_THE_CHARACTER_BEFORE = re.compile(
    r"[，,、；;：:\n （(\t\u3000人](?:现住|家住|现居住于|现居住|现居|居住于|住)(?:在|于)?(?![房宅宿院所址户])"
)

OWN_PATTERNS = {
    "runs": cd.RUN,
    "plates": cd.PLATE,
    "emails": cd.EMAIL,
    "name_labels": cd.NAME_LABEL,
    "bare_labels": cd.NAME_LABEL_BARE,
    "signs_before": cd.SIGN_BEFORE,
    "signs_after": cd.SIGN_AFTER,
    "address_labels": cd.ADDRESS_LABEL,
    "lives_at": cd.LIVES_AT,
}


def _digits_only_code(n, span):
    # The scanner reads an all-digit credit code (or digits + X) as a digit run, never as a code.
    code = n[span[0] : span[1]]
    return code[:17].isdigit() and code[17] in "0123456789X"


def assert_same_as_each_pattern_alone(text):
    n, found = cd.find(text)
    assert n == cd.normalise(text)
    for field, pattern in OWN_PATTERNS.items():
        assert getattr(found, field) == [m.span() for m in pattern.finditer(n)], field
    codes = [m.span() for m in cd.USCC.finditer(n) if not _digits_only_code(n, m.span())]
    assert [span for span in found.uscc if not _digits_only_code(n, span)] == codes
    # The address after 住 starts where it did when the character before 住 was consumed.
    assert [end for _, end in found.lives_at] == [
        m.end() - 1 for m in LIVES_AT_CONSUMING_THE_CHARACTER_BEFORE.finditer("\n" + n)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "当事人：张三，身份证号码：11010519491231002X，手机13812345678，住址：示范市建设区人民路8号。",
        # a plate, then a digit run starting inside it
        "车辆京A 13812 345678，京B·D12345，粤B 12345 678901 234",
        # e-mail addresses over digit runs and plates
        "联系：010-12345678.x@abc.com；86 13800138000-x@abc.com；京A·D12345@qq.com；138 0013 8000.x@a.com",
        # credit codes with letters, all-digit codes, codes right after runs
        "91350100M000100Y43，123456789012345678@x.com，12 91350100M000100Y43，110105194912310021X",
        # labels of several kinds starting at one place, labels inside labels
        "当事人姓名：张三；被举报人姓名：李四；被申请人王五、赵六；现居住地：示范市东城区人民路12号",
        "当事人住示范市东城区人民路12号，当事人：住示范市南湖区1号，，住在示范市2号",
        "现住址：示范市3号，家住示范市4号，居住于示范市5号",
        # signature marks before and after names, one mark both
        "李四（签名）：王五（本人签字） 赵六(签章)",
        "当 事 人 ：张三　执　法　人　员　李四、王五",
        # full-width characters: the pass starts again on the normalised text
        "电话：１３８１２３４５６７８和ｘｙ＠ａｂ．ｃｏｍ，京Ａ１２３４５",
        # runs that restart after their own separators, and decimals
        "12-12-12-12-12-12 1.5 1234567 12345678.90 0086 13812345678 +86 138 1234 5678",
        "住" * 5 + "当事人" * 5 + "（签名）" * 3,
    ],
)
def test_each_pattern_matches_as_on_its_own(text):
    assert_same_as_each_pattern_alone(text)


# Pieces that start or end the patterns, and that make them overlap when strung together.
_PIECES = (
    list("0123456789") * 6
    + list(" -.@+_xXAaNYMZ") * 2
    + ["\u00a0", "\u3000", "１", "２", "Ａ", "－", "．", "＠", "–", "\t", "\r\n"]
    + list(cd.PLATE_PROVINCES[:6])
    + ["A", "B", "D", "F", "·", "学"]
    + list(nm.NAME_LABELS)
    + list(nm.ADDRESS_LABELS)
    + ["（签名）", "(签字)", "（本人签章）", "（", "签名", "：", ":", "，", "、", "\n", "住", "现", "居", "在", "于"]
    + ["为", "姓名"]
    + list("张李王欧阳司马某市区路号室栋村人的和及与房所址")
    + ["13812345678", "11010519491231002X", "91350100M000100Y43", "6222021234567890128", "010-62345678"]
    + ["zhangsan@qq.com"]
)


def test_each_pattern_matches_as_on_its_own_in_random_text():
    rng = random.Random(20261127)
    for _ in range(3000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(1, 40)))
        assert_same_as_each_pattern_alone(text)


def test_every_label_pattern_is_found_where_its_labels_start():
    # LABELS only sends the scanner to places where a label starts: each label, alone or with
    # spaces between its characters where the pattern allows them, is such a place.
    for words, spaced in ((nm.NAME_LABELS, True), (nm.ADDRESS_LABELS, True), (nm.BARE_LIST_LABELS, False)):
        for word in words:
            spelt_apart = [f"，{' '.join(word)}：张三"] if spaced else []
            for text in [f"，{word}：张三，", f"，{word}张三、李四", *spelt_apart]:
                assert_same_as_each_pattern_alone(text)
                assert [m.start() for m in cd.LABELS.finditer(text)][:1] == [1], text
