"""The personal-data scanner (RULES.md §7): detection, offsets, overlaps, masks."""

import time

import pytest

from gongkai.privacy.scanner import TYPE_LABELS, TYPES, Finding, apply_masks, mask, mask_text, normalise, scan


def found(text, **kwargs):
    return [(f.type, f.text, f.masked) for f in scan(text, **kwargs)]


def types(text):
    return [f.type for f in scan(text)]


# --- One table of examples per detector ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Resident ID (GB 11643-1999): first 6 + last 4 visible (RULES.md §7).
        ("身份证号码：11010519491231002X。", [("id_card", "11010519491231002X", "110105********002X")]),
        ("公民身份号码360426199101010071", [("id_card", "360426199101010071", "360426********0071")]),
        ("证件号 11010519491231002x", [("id_card", "11010519491231002x", "110105********002X")]),
        ("证件号码：110105 19491231 002X", [("id_card", "110105 19491231 002X", "110105********002X")]),
        ("证件号码：110105-19491231-002X", [("id_card", "110105-19491231-002X", "110105********002X")]),
        # Legacy 15 digits: area and sequence visible, birth date hidden; needs an ID word.
        ("原身份证号：110105491231002", [("id_card", "110105491231002", "110105******002")]),
        ("检验编号110105491231002", []),
        # Mobiles: 138****5678.
        ("联系电话：13812345678", [("mobile", "13812345678", "138****5678")]),
        ("手机 138 1234 5678。", [("mobile", "138 1234 5678", "138****5678")]),
        ("手机 138-1234-5678。", [("mobile", "138-1234-5678", "138****5678")]),
        ("+86 138 1234 5678", [("mobile", "138 1234 5678", "138****5678")]),
        ("+8613812345678", [("mobile", "13812345678", "138****5678")]),
        ("0086 13812345678", [("mobile", "13812345678", "138****5678")]),
        # Landlines: area code and last 2 digits visible.
        ("电话：010-62345678", [("phone", "010-62345678", "010-******78")]),
        ("电话：(0551)6234567", [("phone", "(0551)6234567", "(0551)*****67")]),
        ("电话：（0571）88234567", [("phone", "（0571）88234567", "（0571）******67")]),
        ("电话 0755 8234 5678", [("phone", "0755 8234 5678", "0755 **** **78")]),
        ("座机：01062345678", [("phone", "01062345678", "010******78")]),
        ("电话：010-62345678-801", [("phone", "010-62345678", "010-******78")]),
        # Credit codes: only individual businesses (92…) by default.
        ("统一社会信用代码：91110000600037341L", []),
        ("统一社会信用代码：91350100M000100Y43", []),
        # Bank cards: first 4 + last 4.
        ("银行卡号：6222021234567890128", [("bank_card", "6222021234567890128", "6222***********0128")]),
        ("卡号 6222 0212 3456 7890 128", [("bank_card", "6222 0212 3456 7890 128", "6222***********0128")]),
        ("卡号 6222-0212-3456-7890-128", [("bank_card", "6222-0212-3456-7890-128", "6222***********0128")]),
        ("信用卡4111111111111111", [("bank_card", "4111111111111111", "4111********1111")]),
        # E-mail: first character + *** + @domain.
        ("邮箱：zhangsan@example.com。", [("email", "zhangsan@example.com", "z***@example.com")]),
        (
            "Email: li.si_88@mail.example.org.cn",
            [("email", "li.si_88@mail.example.org.cn", "l***@mail.example.org.cn")],
        ),
        # Plates: 示A·***45 style.
        ("车牌号京A12345", [("plate", "京A12345", "京A·***45")]),
        ("车辆粤B·D12345", [("plate", "粤B·D12345", "粤B·****45")]),
        ("车辆沪A 12345D", [("plate", "沪A 12345D", "沪A·****5D")]),
        ("教练车苏A1234学", [("plate", "苏A1234学", "苏A·**34学")]),
    ],
)
def test_detects_and_masks(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("当事人：张三，男，汉族。", [("person_name", "张三", "张某")]),
        ("申请人：王小明\n申请日期：2024年3月1日", [("person_name", "王小明", "王某")]),
        ("法定代表人：欧阳娜娜。", [("person_name", "欧阳娜娜", "欧阳某某")]),
        ("委托代理人：司马光，律师。", [("person_name", "司马光", "司马某某")]),
        ("联系人: 李四", [("person_name", "李四", "李某")]),
        ("姓名\t赵六\t性别\t男", [("person_name", "赵六", "赵某")]),
        (
            "执法人员：王五、赵六和孙七",
            [("person_name", "王五", "王某"), ("person_name", "赵六", "赵某"), ("person_name", "孙七", "孙某")],
        ),
        (
            "本局执法人员宋文斌、郑海燕对现场进行检查",
            [("person_name", "宋文斌", "宋某"), ("person_name", "郑海燕", "郑某")],
        ),
        ("经办人（签名）：周八\n2024年5月1日", [("person_name", "周八", "周某")]),
        ("以上情况属实。\n（签名）吴九", [("person_name", "吴九", "吴某")]),
        ("笔录已阅。\n郑十（签字）", [("person_name", "郑十", "郑某")]),
        ("申请人：李四申请公开示范市预算。", [("person_name", "李四", "李某")]),
        ("申请人：王小明于2024年3月1日提出申请。", [("person_name", "王小明", "王某")]),
        ("当事人：张三于2024年3月1日", [("person_name", "张三", "张某")]),
        ("当 事 人：张三", [("person_name", "张三", "张某")]),
        ("姓\u3000\u3000名：李四", [("person_name", "李四", "李某")]),
        ("拟稿人：王五　核稿人：赵六", [("person_name", "王五", "王某"), ("person_name", "赵六", "赵某")]),
        ("执法人员：张三、李四等2人", [("person_name", "张三", "张某"), ("person_name", "李四", "李某")]),
        # 依法 right after a name, as 依据 and 根据 (the name must not take 依, nor the list be lost).
        ("当事人：张三依法享有陈述、申辩的权利。", [("person_name", "张三", "张某")]),
        (
            "本局执法人员张三、李四依法对当事人的经营场所进行检查。",
            [("person_name", "张三", "张某"), ("person_name", "李四", "李某")],
        ),
    ],
)
def test_names_in_government_contexts(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "当事人：示范市恒通贸易有限公司，统一社会信用代码：91110000600037341L。",
        "当事人：王府井百货有限公司",
        "负责人：示范市市场监督管理局",
        "联系人：办公室",
        "联系人：本人",
        "联系人：党政办公室",
        "当事人：张某，男。",
        "申请人：李某某",
        "当事人：王**",
        "联系人：王科长",
        "联系人：张先生，电话见网站。",
        "申请人申请公开示范市2023年度预算。",
        "依法保护当事人的合法权益。",
        "张家界市开展专项检查。",
        "经办人（签名）：\n2024年5月1日",
    ],
)
def test_names_that_are_not_reported(text):
    assert types(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "住址：示范市建设区建设大道100号3栋2单元501室。",
            [("address", "示范市建设区建设大道100号3栋2单元501室", "示范市建设区***")],
        ),
        ("住址：示范市建设大道100号", [("address", "示范市建设大道100号", "示范市建设大道***")]),
        ("户籍地：示范市长安县幸福村3组", [("address", "示范市长安县幸福村3组", "示范市长安县***")]),
        ("张三，男，住示范市城关镇东街12号。", [("address", "示范市城关镇东街12号", "示范市城关镇***")]),
        ("当事人住示范市建设区幸福路8号院。", [("address", "示范市建设区幸福路8号院", "示范市建设区***")]),
        ("家庭住址：北京市朝阳区建国路88号联系电话", [("address", "北京市朝阳区建国路88号", "北京市朝阳区***")]),
    ],
)
def test_addresses(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "办公地址：示范市建设区人民路1号。",
        "单位地址：示范市建设区人民路1号。",
        "地址：示范市市场监督管理局",
        "住所：示范市建设区",
        "示范市住房和城乡建设局、住宅小区管理办公室联合检查。",
        "通讯地址：见申请表。",
        "网站地址：www.example.gov.cn",
    ],
)
def test_addresses_that_are_not_reported(text):
    assert types(text) == []


# --- Checksums decide ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "身份证号码：110105194912310021",  # wrong check character
        "身份证号码：110105194902300020",  # 30 February
        "身份证号码：000000199101010071",  # no province
        "银行卡号：6222021234567890127",  # fails Luhn
        "卡号 6222 0212 3456 7890 127",  # grouped, fails Luhn — not cut into smaller numbers
        "统一社会信用代码：92350100MA2Y3K4L5A",  # individual business, wrong check
        "订单号：2024050112345678903",  # Luhn-valid, but an order number with no issuer prefix
        "合同编号：6222021234567890128",  # Luhn-valid, but labelled as a contract number
    ],
)
def test_numbers_failing_their_checks_are_not_reported(text):
    assert types(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "流水号1101051949123100211",  # a valid ID followed by more digits
        "流水号911010519491231002X",  # …or preceded by one
        "编号1381234567890",  # a mobile inside 13 digits
        "编号213812345678",  # …inside 12 digits
        "HT13812345678",  # inside a code
        "13812345678A",
        "金额13812345678.50元",  # a decimal amount
        "罚款13812345678元",  # an amount
        "流水号62220212345678901280",  # a card inside 20 digits
    ],
)
def test_numbers_inside_longer_runs_are_not_reported(text):
    assert types(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "投诉举报电话：12315",
        "政务服务便民热线12345",
        "服务热线：400-810-8888",
        "客服95588",
        "会议定于2024-05-01召开",
        "依据 GB 11643-1999 和 GB 32100-2015",
        "网站备案号：京ICP备05070602号",
        "增值电信业务经营许可证：粤B2-20090059",
        "图片 logo@2x.png 已上传",
        "请发送至 admin@localhost",
        "邮政编码100000",
        "项目编码：15010520240",  # 11 digits starting 15, labelled as a code
        "索引号：11010500000/2024-00012",
        "2024年预算数1234567万元",
        "ISO 9001:2015",
    ],
)
def test_public_numbers_are_not_personal_data(text):
    assert types(text) == []


def test_credit_codes_of_individual_businesses_are_reported_and_others_on_request():
    individual = "92350100MA2Y3K4L5" + _uscc_check("92350100MA2Y3K4L5")
    text = f"个体工商户统一社会信用代码：{individual}；公司统一社会信用代码：91110000600037341L。"
    assert found(text) == [("uscc", individual, individual[:8] + "******" + individual[-4:])]
    everything = found(text, organisations=True)
    assert [f[1] for f in everything] == [individual, "91110000600037341L"]
    assert everything[1][2] == "91110000******341L"


def _uscc_check(first17):
    from gongkai.privacy.checksums import uscc_check_char

    return uscc_check_char(first17)


# --- Overlaps -----------------------------------------------------------------------------------


def test_a_valid_id_is_not_also_a_bank_card_or_a_credit_code():
    # 11010519491231002X passes no Luhn check, but this number does and is also an ID.
    for number in ("110105194912310021", "11010519491231002X", "360426199101010071"):
        for f in scan(f"号码：{number}"):
            assert f.type == "id_card"
    assert types("身份证号码：360426199101010071") == ["id_card"]


def test_an_email_made_of_digits_is_one_email():
    assert found("邮箱：13812345678@qq.com") == [("email", "13812345678@qq.com", "1***@qq.com")]


def test_one_finding_per_span_and_in_order():
    text = "当事人：张三，身份证号码：11010519491231002X，手机13812345678，住址：示范市建设区人民路8号。"
    findings = scan(text)
    assert [f.type for f in findings] == ["person_name", "id_card", "mobile", "address"]
    for earlier, later in zip(findings, findings[1:], strict=False):
        assert earlier.end <= later.start


def test_a_date_then_a_mobile_is_split_at_the_separator():
    assert found("2024-05-01 13812345678") == [("mobile", "13812345678", "138****5678")]
    assert found("电话 13812345678 13987654321") == [
        ("mobile", "13812345678", "138****5678"),
        ("mobile", "13987654321", "139****4321"),
    ]


# --- Offsets into the original text (full-width characters) ------------------------------------


def test_full_width_digits_and_letters_keep_their_offsets():
    text = (
        "手机：１３８１２３４５６７８，"
        "身份证：１１０１０５１９４９１２３１００２Ｘ，"
        "邮箱：ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ"
    )
    findings = scan(text)
    assert [f.type for f in findings] == ["mobile", "id_card", "email"]
    for f in findings:
        assert text[f.start : f.end] == f.text  # callers index the original string
    assert findings[0].text == "１３８１２３４５６７８"
    assert findings[0].masked == "138****5678"
    assert findings[1].masked == "110105********002X"
    assert findings[2].masked == "z***@example.com"


def test_full_width_separators_and_dashes():
    assert found("手机 138－1234－5678") == [("mobile", "138－1234－5678", "138****5678")]
    assert found("手机 138\u30001234\u30005678") == [("mobile", "138\u30001234\u30005678", "138****5678")]
    assert found("电话：010–62345678") == [("phone", "010–62345678", "010-******78")]


def test_normalise_keeps_the_length():
    text = "ＡＢＣ１２３＠－．＋＿＃‐–−﹣中文：（）"
    assert len(normalise(text)) == len(text)
    assert normalise(text) == "ABC123@-.+_#----中文：（）"


def test_offsets_after_astral_and_combining_characters():
    # Python strings index code points; an emoji before the number does not shift anything.
    text = "😀申请人：王小明，手机13812345678"
    findings = scan(text)
    assert [(f.type, text[f.start : f.end]) for f in findings] == [("person_name", "王小明"), ("mobile", "13812345678")]


# --- Masks and apply_masks ----------------------------------------------------------------------


def test_apply_masks_replaces_every_finding():
    text = "当事人：欧阳娜娜，身份证号码：11010519491231002X，手机13812345678，住址：示范市建设区人民路8号3栋101室。"
    assert apply_masks(text, scan(text)) == (
        "当事人：欧阳某某，身份证号码：110105********002X，手机138****5678，住址：示范市建设区***。"
    )


def test_apply_masks_refuses_findings_of_another_text():
    findings = scan("手机13812345678")
    with pytest.raises(ValueError, match="重新扫描"):
        apply_masks("手机13912345678", findings)


def test_apply_masks_with_no_findings_returns_the_text():
    assert apply_masks("没有个人信息。", []) == "没有个人信息。"


def test_mask_of_a_finding_equals_its_masked_field():
    for f in scan("当事人：张三，手机13812345678，电话010-62345678，邮箱a@b.cn，车辆京A12345"):
        assert mask(f) == f.masked


@pytest.mark.parametrize(
    ("kind", "text", "masked"),
    [
        ("person_name", "张三", "张某"),
        ("person_name", "王小明", "王某"),
        ("person_name", "欧阳娜娜", "欧阳某某"),
        ("person_name", "上官婉", "上官某某"),
        ("person_name", "欧阳", "欧某"),  # two characters: 欧 + 阳, not a compound surname
        ("id_card", "11010519491231002X", "110105********002X"),
        ("mobile", "13812345678", "138****5678"),
        ("bank_card", "6222021234567890128", "6222***********0128"),
        ("bank_card", "4111111111111111", "4111********1111"),
        ("email", "zhangsan@example.com", "z***@example.com"),
        ("plate", "京A12345", "京A·***45"),
        ("address", "示范市建设大道100号", "示范市建设大道***"),
    ],
)
def test_mask_text(kind, text, masked):
    assert mask_text(kind, text) == masked


def test_mask_text_rejects_unknown_types():
    with pytest.raises(ValueError):
        mask_text("passport", "E12345678")


def test_finding_fields_and_json_form():
    f = scan("手机13812345678")[0]
    assert isinstance(f, Finding)
    assert f.as_dict() == {"type": "mobile", "start": 2, "end": 13, "text": "13812345678", "masked": "138****5678"}
    assert f.label == "手机号码"
    assert set(TYPE_LABELS) == set(TYPES)


def test_empty_text():
    assert scan("") == []
    assert scan("\n\n") == []


# --- No catastrophic backtracking ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 100_000,
        "12-" * 100_000,
        "1" * 300_000,
        "a1" * 150_000,
        ("a" * 60 + "@") * 5_000,
        "a@" + "b." * 100_000,
        "当事人：" * 50_000,
        "执法人员：" + "王小明、" * 50_000,
        "住址：" + "示范市" * 50_000,
        "，住" * 100_000,
        "京A" * 100_000,
        "１２３４５６７８９０" * 30_000,
        "（签名）" * 50_000,
    ],
    ids=lambda t: repr(t[:12]),
)
def test_pathological_input_is_scanned_in_linear_time(text):
    started = time.perf_counter()
    scan(text)
    assert time.perf_counter() - started < 3.0
