"""The labelled synthetic corpus of the personal-data scanner (RULES.md §7).

Every case is a realistic government sentence (penalty decisions, application registers,
notices, reply letters) with synthetic names and numbers. Check characters are computed here
with an implementation independent of gongkai.privacy.checksums (GB 11643-1999, GB 32100-2015,
Luhn), and deliberately broken for the negative cases.

A case is {"group", "kind", "text", "labels", "note"}:
- group: the detector the case is written for (id_card, mobile, phone, uscc, bank_card, email,
  person_name, address, plate);
- kind: "positive" (contains at least one finding of its group) or "negative" (contains none:
  a number failing its checksum, a number inside a longer digit run, a hotline, an agency…);
- labels: every finding the text contains, of any type: {"type", "start", "end"}.

The cases are generated deterministically (fixed seed) and written to corpus.jsonl, the file the
tests read. After changing this module, regenerate the file:

    .venv/bin/python -m gongkai.privacy.tests.corpus

(test_corpus.py checks that the file and the generator agree.)
"""

import datetime as dt
import json
import random
from pathlib import Path

CORPUS_PATH = Path(__file__).with_name("corpus.jsonl")
SEED = 20260101

# --- Independent check-character helpers ----------------------------------------------------


def id_check(first17):
    """GB 11643-1999: W_i = 2^(18-i) mod 11; check = (12 - sum mod 11) mod 11, 10 → X."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    return "0123456789X"[(12 - total % 11) % 11]


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def uscc_check(first17):
    """GB 32100-2015: W_i = 3^(i-1) mod 31; check = (31 - sum mod 31) mod 31."""
    total = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return USCC_CHARS[(31 - total % 31) % 31]


def luhn_digit(payload):
    """The digit that makes payload + digit pass the Luhn check."""
    for d in "0123456789":
        digits = [int(c) for c in payload + d][::-1]
        total = sum(x if i % 2 == 0 else (x * 2 - 9 if x * 2 > 9 else x * 2) for i, x in enumerate(digits))
        if total % 10 == 0:
            return d
    raise AssertionError("unreachable")


def wrong(char, alphabet):
    """A character of `alphabet` other than `char` (to break a check character)."""
    return alphabet[(alphabet.index(char) + 1 + len(alphabet) // 2) % len(alphabet)]


FULLWIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


def fullwidth(text):
    return text.translate(FULLWIDTH)


# --- Data pools -------------------------------------------------------------------------------

AREAS = [
    "110105",
    "110108",
    "310104",
    "320106",
    "330106",
    "340102",
    "350102",
    "360426",
    "370102",
    "410105",
    "420106",
    "430104",
    "440305",
    "440106",
    "450103",
    "500103",
    "510107",
    "520102",
    "530102",
    "610113",
    "620102",
    "650102",
    "130102",
    "140105",
    "150102",
    "210102",
    "220102",
    "230102",
    "460106",
    "540102",
    "630102",
    "640104",
    "120101",
    "360102",
]
SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔汤"
)
COMPOUND = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "司徒", "令狐", "尉迟"]
GIVEN = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文斌宇浩凯健俊帆旭宁龙林欣佳雪婷倩颖琳晨晓阳峰海波亮飞鑫博思梦雨子嘉欢露然瑞志德春秋云清泽轩涵睿"
)
CITIES = ["示范市", "青山市", "临江市", "安宁市", "东陵市", "北川市"]
DISTRICTS = ["建设区", "东城区", "西湖区", "高新区", "滨江区", "城关镇", "河口镇", "南山区", "长安县", "红旗乡"]
ROADS = ["建设大道", "人民路", "解放路", "幸福街", "和平巷", "中山路", "滨河路", "光明大街", "文化路", "胜利街"]
MOBILE_PREFIXES = [
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "147",
    "150",
    "151",
    "152",
    "155",
    "157",
    "158",
    "159",
    "166",
    "173",
    "176",
    "177",
    "180",
    "181",
    "182",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
]
AREA_CODES = [
    "010",
    "020",
    "021",
    "022",
    "023",
    "024",
    "025",
    "027",
    "028",
    "029",
    "0311",
    "0351",
    "0371",
    "0431",
    "0451",
    "0531",
    "0551",
    "0571",
    "0591",
    "0731",
    "0771",
    "0851",
    "0871",
    "0931",
    "0991",
]
CARD_PREFIXES = [
    ("622202", 19),
    ("621700", 19),
    ("622848", 19),
    ("622700", 19),
    ("623668", 19),
    ("621226", 19),
    ("622588", 16),
    ("625800", 16),
    ("436742", 16),
    ("622260", 19),
    ("621483", 16),
    ("622609", 16),
    ("518710", 16),
    ("402674", 16),
]
EMAIL_DOMAINS = [
    "qq.com",
    "163.com",
    "126.com",
    "sina.com",
    "foxmail.com",
    "sohu.com",
    "gmail.com",
    "example.org.cn",
    "mail.example.com",
    "yeah.net",
]
PINYIN = [
    "zhangsan",
    "lisi",
    "wangxm",
    "liu.fang",
    "chen_jie",
    "yang2020",
    "huangwei88",
    "zhao-lei",
    "wu.min",
    "zhou1990",
    "xu.jing",
    "sunhao",
    "ma_li",
    "zhuyan",
    "hu.qiang",
    "guo2001",
]
PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁苏浙赣鄂桂甘晋蒙陕吉闽贵粤川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
PLATE_SERIAL = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
AGENCY = "示范市市场监督管理局"


class Generator:
    def __init__(self, seed=SEED):
        self.rng = random.Random(seed)

    def pick(self, items):
        return self.rng.choice(items)

    def digits(self, count, first="0123456789"):
        return self.pick(first) + "".join(self.pick("0123456789") for _ in range(count - 1))

    # Names
    def name(self, compound_share=0.1):
        rng = self.rng
        surname = self.pick(COMPOUND) if rng.random() < compound_share else self.pick(SURNAMES)
        given_len = 1 if rng.random() < 0.3 else 2
        if len(surname) == 2 and rng.random() < 0.5:
            given_len = 1
        return surname + "".join(self.pick(GIVEN) for _ in range(given_len))

    def names(self, count):
        seen = []
        while len(seen) < count:
            candidate = self.name()
            if candidate not in seen:
                seen.append(candidate)
        return seen

    # Resident IDs
    def birth(self, start=1940, end=2010):
        day = dt.date(start, 1, 1) + dt.timedelta(
            days=self.rng.randrange((dt.date(end, 12, 31) - dt.date(start, 1, 1)).days)
        )
        return day

    def id18(self, valid=True, born=None):
        born = born or self.birth()
        first17 = self.pick(AREAS) + born.strftime("%Y%m%d") + self.digits(3)
        check = id_check(first17)
        return first17 + (check if valid else wrong(check, "0123456789X"))

    def id18_bad_date(self):
        year = self.rng.randrange(1950, 2000)
        bad = self.pick([f"{year}0230", f"{year}1301", f"{year}0432", f"{year}0000", "20991231", f"{year}1131"])
        first17 = self.pick(AREAS) + bad + self.digits(3)
        return first17 + id_check(first17)

    def id18_bad_area(self):
        first17 = self.pick(["000000", "990101", "100101", "960102"]) + self.birth().strftime("%Y%m%d") + self.digits(3)
        return first17 + id_check(first17)

    def id15(self):
        return self.pick(AREAS) + self.birth(1930, 1990).strftime("%y%m%d") + self.digits(3)

    # Mobiles and landlines
    def mobile(self):
        return self.pick(MOBILE_PREFIXES) + self.digits(8)

    def landline(self):
        area = self.pick(AREA_CODES)
        local = self.digits(8 if len(area) == 3 else self.pick([7, 8]), first="2345678")
        return area, local

    # Credit codes
    def uscc(self, head="92", valid=True):
        body = "".join(self.pick(USCC_CHARS) for _ in range(9))
        first17 = head + self.pick(AREAS) + body
        check = uscc_check(first17)
        return first17 + (check if valid else wrong(check, USCC_CHARS))

    # Bank cards
    def card(self, valid=True, prefix=None, length=None):
        if prefix is None:
            prefix, length = self.pick(CARD_PREFIXES)
        payload = prefix + self.digits(length - len(prefix) - 1)
        check = luhn_digit(payload)
        return payload + (check if valid else str((int(check) + 5) % 10))

    def luhn_number(self, prefix, length):
        payload = prefix + self.digits(length - len(prefix) - 1)
        return payload + luhn_digit(payload)

    # E-mail
    def email(self):
        local = self.pick(PINYIN)
        suffix = self.rng.randrange(0, 100) if self.rng.random() < 0.3 else ""
        return f"{local}{suffix}@{self.pick(EMAIL_DOMAINS)}"

    # Addresses
    def address(self, with_district=True):
        parts = [self.pick(CITIES)]
        if with_district:
            parts.append(self.pick(DISTRICTS))
        parts.append(self.pick(ROADS))
        parts.append(f"{self.rng.randrange(1, 999)}号")
        if self.rng.random() < 0.6:
            building, unit = self.rng.randrange(1, 30), self.rng.randrange(1, 6)
            floor, room = self.rng.randrange(1, 30), self.rng.randrange(1, 6)
            parts.append(f"{building}栋{unit}单元{floor}0{room}室")
        return "".join(parts)

    def village_address(self):
        county = self.pick(["长安县", "河口镇", "红旗乡"])
        village = self.pick(["幸福村", "团结村", "前进村"])
        return f"{self.pick(CITIES)}{county}{village}{self.rng.randrange(1, 12)}组"

    # Plates
    def plate(self, kind="normal"):
        head = self.pick(PLATE_PROVINCES) + self.pick(PLATE_LETTERS)
        if kind == "normal":
            serial = "".join(self.pick("0123456789") for _ in range(3)) + "".join(
                self.pick(PLATE_SERIAL) for _ in range(2)
            )
            serial = "".join(self.rng.sample(serial, len(serial)))
        elif kind == "ne_small":
            serial = self.pick("DF") + self.pick(PLATE_SERIAL) + self.digits(4)
        else:
            serial = self.digits(5) + self.pick("DF")
        return head, serial


def case(group, kind, *parts, note=""):
    """Build a case from text parts; a (type, text) tuple is a labelled finding."""
    text, labels = "", []
    for part in parts:
        if isinstance(part, tuple):
            kind_, value = part
            labels.append({"type": kind_, "start": len(text), "end": len(text) + len(value)})
            text += value
        else:
            text += part
    return {"group": group, "kind": kind, "text": text, "labels": labels, "note": note}


def date_text(g):
    return f"2024年{g.rng.randrange(1, 13)}月{g.rng.randrange(1, 29)}日"


# --- Positive cases ---------------------------------------------------------------------------


def id_card_positive(g):
    cases = []
    for i in range(60):
        n1 = g.name()
        born = g.birth()
        number = g.id18(born=born)
        variant = i % 10
        if variant == 0:
            cases.append(
                case(
                    "id_card",
                    "positive",
                    "当事人：",
                    ("person_name", n1),
                    f"，{'男' if i % 2 else '女'}，{born.year}年{born.month}月{born.day}日出生，公民身份号码：",
                    ("id_card", number),
                    "。",
                    note="penalty decision, party",
                )
            )
        elif variant == 1:
            cases.append(
                case(
                    "id_card",
                    "positive",
                    "申请人身份证号：",
                    ("id_card", number.lower()),
                    "，申请方式：网上申请。",
                    note="lower-case x",
                )
            )
        elif variant == 2:
            cases.append(
                case(
                    "id_card",
                    "positive",
                    "经核实，申请人提供的身份证件号码为",
                    ("id_card", fullwidth(number)),
                    "，与本人一致。",
                    note="full-width digits",
                )
            )
        elif variant == 3:
            spaced = f"{number[:6]} {number[6:14]} {number[14:]}"
            cases.append(
                case("id_card", "positive", "证件号码：", ("id_card", spaced), "（已核验）", note="spaces 6-8-4")
            )
        elif variant == 4:
            hyph = f"{number[:6]}-{number[6:14]}-{number[14:]}"
            cases.append(
                case("id_card", "positive", "身份证号码 ", ("id_card", hyph), " 有效期至2035年", note="hyphens")
            )
        elif variant == 5:
            cases.append(
                case(
                    "id_card",
                    "positive",
                    "序号1　",
                    ("id_card", number),
                    "　",
                    date_text(g),
                    "　已办结",
                    note="register row",
                )
            )
        elif variant == 6:
            legacy = g.id15()
            cases.append(
                case(
                    "id_card",
                    "positive",
                    "原身份证号（15位）：",
                    ("id_card", legacy),
                    "，现已换领。",
                    note="legacy 15-digit",
                )
            )
        elif variant == 7:
            cases.append(
                case(
                    "id_card",
                    "positive",
                    f"{date_text(g)}，本机关收到身份证号为",
                    ("id_card", number),
                    "的申请人提交的申请。",
                )
            )
        elif variant == 8:
            cases.append(
                case(
                    "id_card",
                    "positive",
                    "身份证：",
                    ("id_card", number),
                    "；电话：",
                    ("mobile", g.mobile()),
                    "。",
                    note="with mobile",
                )
            )
        else:
            cases.append(case("id_card", "positive", "附件：", ("id_card", number), "身份证复印件一份。"))
    # The RULES.md vectors themselves.
    cases.append(
        case("id_card", "positive", "公民身份号码：", ("id_card", "11010519491231002X"), "。", note="RULES.md vector")
    )
    cases.append(
        case("id_card", "positive", "公民身份号码：", ("id_card", "360426199101010071"), "。", note="RULES.md vector")
    )
    return cases


def mobile_positive(g):
    cases = []
    for i in range(50):
        number = g.mobile()
        variant = i % 10
        if variant == 0:
            cases.append(case("mobile", "positive", "联系电话：", ("mobile", number), "。"))
        elif variant == 1:
            cases.append(
                case(
                    "mobile",
                    "positive",
                    "如有疑问，请拨打",
                    ("mobile", f"{number[:3]} {number[3:7]} {number[7:]}"),
                    "咨询。",
                    note="spaces 3-4-4",
                )
            )
        elif variant == 2:
            cases.append(
                case(
                    "mobile",
                    "positive",
                    "手机：",
                    ("mobile", f"{number[:3]}-{number[3:7]}-{number[7:]}"),
                    "（工作日）",
                    note="hyphens",
                )
            )
        elif variant == 3:
            cases.append(
                case("mobile", "positive", "联系方式：+86 ", ("mobile", number), "，微信同号。", note="+86 prefix")
            )
        elif variant == 4:
            cases.append(
                case(
                    "mobile",
                    "positive",
                    "申请人手机号",
                    ("mobile", fullwidth(number)),
                    "，已短信告知。",
                    note="full-width",
                )
            )
        elif variant == 5:
            cases.append(
                case("mobile", "positive", "举报人称，其于", date_text(g), "拨打", ("mobile", number), "未获答复。")
            )
        elif variant == 6:
            cases.append(
                case("mobile", "positive", "联系人：", ("person_name", g.name()), "，", ("mobile", number), "。")
            )
        elif variant == 7:
            cases.append(
                case(
                    "mobile",
                    "positive",
                    "电话",
                    ("mobile", number),
                    "、",
                    ("mobile", g.mobile()),
                    "均无人接听。",
                    note="two mobiles",
                )
            )
        elif variant == 8:
            cases.append(case("mobile", "positive", "手机 +86", ("mobile", number), "（本人）", note="+86 glued"))
        else:
            cases.append(
                case(
                    "mobile",
                    "positive",
                    date_text(g),
                    " ",
                    ("mobile", number),
                    " ",
                    ("mobile", g.mobile()),
                    note="date then mobiles",
                )
            )
    return cases


def phone_positive(g):
    cases = []
    for i in range(30):
        area, local = g.landline()
        variant = i % 6
        if variant == 0:
            cases.append(case("phone", "positive", "申请人联系电话：", ("phone", f"{area}-{local}"), "。"))
        elif variant == 1:
            cases.append(
                case("phone", "positive", "家庭电话（", ("phone", f"({area}){local}"), "）", note="ASCII brackets")
            )
        elif variant == 2:
            cases.append(
                case(
                    "phone",
                    "positive",
                    "联系电话：",
                    ("phone", f"（{area}）{local}"),
                    "，传真同号。",
                    note="full-width brackets",
                )
            )
        elif variant == 3:
            spaced = f"{area} {local[:-4]} {local[-4:]}"
            cases.append(case("phone", "positive", "住宅电话 ", ("phone", spaced), "，", note="spaces"))
        elif variant == 4:
            cases.append(
                case("phone", "positive", "座机：", ("phone", f"{area}{local}"), "。", note="unseparated after label")
            )
        else:
            cases.append(
                case(
                    "phone",
                    "positive",
                    "投诉人家中电话为",
                    ("phone", fullwidth(f"{area}-{local}")),
                    "，已回访。",
                    note="full-width",
                )
            )
    return cases


def uscc_positive(g):
    cases = []
    for i in range(35):
        code = g.uscc("92")
        variant = i % 5
        if variant == 0:
            cases.append(
                case(
                    "uscc",
                    "positive",
                    "当事人：示范市建设区",
                    g.pick(["老王", "晓明", "东方"]),
                    "小吃店（个体工商户），统一社会信用代码：",
                    ("uscc", code),
                    "，经营者：",
                    ("person_name", g.name()),
                    "。",
                )
            )
        elif variant == 1:
            cases.append(case("uscc", "positive", "个体工商户营业执照（统一社会信用代码", ("uscc", code), "）已注销。"))
        elif variant == 2:
            cases.append(case("uscc", "positive", "社会信用代码：", ("uscc", fullwidth(code)), note="full-width"))
        elif variant == 3:
            cases.append(
                case("uscc", "positive", "被检查单位为个体工商户，信用代码", ("uscc", code), "，检查结果合格。")
            )
        else:
            cases.append(
                case("uscc", "positive", "序号", str(i), "　", ("uscc", code), "　食品经营许可　", date_text(g))
            )
    return cases


def bank_card_positive(g):
    cases = []
    for i in range(45):
        number = g.card()
        variant = i % 9
        if variant == 0:
            cases.append(
                case("bank_card", "positive", "退款账户：", ("bank_card", number), "，开户行：中国工商银行示范市分行。")
            )
        elif variant == 1:
            grouped = " ".join(number[k : k + 4] for k in range(0, len(number), 4))
            cases.append(case("bank_card", "positive", "银行卡号 ", ("bank_card", grouped), "。", note="groups of 4"))
        elif variant == 2:
            grouped = "-".join(number[k : k + 4] for k in range(0, len(number), 4))
            cases.append(
                case(
                    "bank_card",
                    "positive",
                    "收款卡号：",
                    ("bank_card", grouped),
                    "；户名：",
                    ("person_name", g.name()),
                    "。",
                    note="hyphens",
                )
            )
        elif variant == 3:
            cases.append(
                case(
                    "bank_card",
                    "positive",
                    "申请人提供的借记卡",
                    ("bank_card", fullwidth(number)),
                    "已冻结。",
                    note="full-width",
                )
            )
        elif variant == 4:
            cases.append(
                case(
                    "bank_card",
                    "positive",
                    "将罚没款退至其",
                    ("bank_card", number),
                    "账户。",
                    note="no label, UnionPay prefix",
                )
            )
        elif variant == 5:
            cases.append(
                case(
                    "bank_card",
                    "positive",
                    "账号：",
                    ("bank_card", g.luhn_number(g.pick(["955880", "940012", "601382"]), 19)),
                    "。",
                    note="label only",
                )
            )
        elif variant == 6:
            cases.append(case("bank_card", "positive", "银行账户", ("bank_card", number), "，户名同申请人。"))
        elif variant == 7:
            cases.append(
                case(
                    "bank_card",
                    "positive",
                    "信用卡号",
                    ("bank_card", g.card(prefix=g.pick(["436742", "518710", "625800"]), length=16)),
                    "被盗刷。",
                )
            )
        else:
            cases.append(
                case(
                    "bank_card",
                    "positive",
                    "请将费用汇入",
                    ("bank_card", number),
                    "（",
                    g.pick(["农业银行", "建设银行", "邮储银行"]),
                    "）。",
                )
            )
    return cases


def email_positive(g):
    cases = []
    for i in range(35):
        address = g.email()
        variant = i % 5
        if variant == 0:
            cases.append(case("email", "positive", "电子邮箱：", ("email", address), "。"))
        elif variant == 1:
            cases.append(case("email", "positive", "申请人要求通过电子邮件（", ("email", address), "）提供。"))
        elif variant == 2:
            cases.append(
                case(
                    "email",
                    "positive",
                    "邮箱",
                    ("email", address.replace("@", "＠")),
                    "，已发送。",
                    note="full-width @",
                )
            )
        elif variant == 3:
            cases.append(
                case(
                    "email",
                    "positive",
                    "联系人：",
                    ("person_name", g.name()),
                    "，Email: ",
                    ("email", address),
                    note="with name",
                )
            )
        else:
            cases.append(
                case("email", "positive", "答复书已于", date_text(g), "发送至", ("email", address), "，请查收。")
            )
    return cases


def person_name_positive(g):
    cases = []
    labels = [
        "当事人",
        "申请人",
        "被申请人",
        "法定代表人",
        "负责人",
        "联系人",
        "经办人",
        "委托代理人",
        "举报人",
        "投诉人",
        "姓名",
    ]
    for i in range(66):
        name = g.name(compound_share=0.15)
        variant = i % 11
        label = labels[i % len(labels)]
        if variant == 0:
            cases.append(
                case(
                    "person_name",
                    "positive",
                    f"{label}：",
                    ("person_name", name),
                    "，",
                    g.pick(["男", "女"]),
                    "，汉族。",
                )
            )
        elif variant == 1:
            cases.append(
                case("person_name", "positive", f"{label}：", ("person_name", name), "\n申请日期：", date_text(g))
            )
        elif variant == 2:
            cases.append(
                case(
                    "person_name",
                    "positive",
                    f"{label}: ",
                    ("person_name", name),
                    "    审核人：",
                    ("person_name", g.name()),
                    note="ASCII colon, two labels",
                )
            )
        elif variant == 3:
            a, b, c = g.names(3)
            cases.append(
                case(
                    "person_name",
                    "positive",
                    "执法人员：",
                    ("person_name", a),
                    "、",
                    ("person_name", b),
                    "、",
                    ("person_name", c),
                    "（均持有执法证件）",
                    note="list",
                )
            )
        elif variant == 4:
            cases.append(
                case(
                    "person_name",
                    "positive",
                    "本通知书已送达。\n（签名）",
                    ("person_name", name),
                    "\n",
                    date_text(g),
                    note="signature before",
                )
            )
        elif variant == 5:
            cases.append(
                case(
                    "person_name",
                    "positive",
                    "以上笔录已阅，无误。\n",
                    ("person_name", name),
                    "（签字）\n",
                    date_text(g),
                    note="signature after",
                )
            )
        elif variant == 6:
            cases.append(
                case(
                    "person_name",
                    "positive",
                    f"{label}：",
                    ("person_name", name),
                    "申请公开示范市2023年度部门预算。",
                    note="follow word",
                )
            )
        elif variant == 7:
            cases.append(
                case("person_name", "positive", "经办人（签名）：", ("person_name", name), "　　", date_text(g))
            )
        elif variant == 8:
            a, b = g.names(2)
            cases.append(
                case(
                    "person_name",
                    "positive",
                    "参加人员：无\n申请人：",
                    ("person_name", a),
                    "和",
                    ("person_name", b),
                    "（夫妻）",
                )
            )
        elif variant == 9:
            cases.append(
                case(
                    "person_name", "positive", "姓名\t", ("person_name", name), "\t性别\t男\t年龄\t45", note="table row"
                )
            )
        else:
            cases.append(
                case(
                    "person_name",
                    "positive",
                    f"{label}：",
                    ("person_name", name),
                    "于",
                    date_text(g),
                    "向本机关提出申请。",
                )
            )
    return cases


def address_positive(g):
    cases = []
    for i in range(40):
        variant = i % 8
        addr = g.address()
        if variant == 0:
            cases.append(case("address", "positive", "住址：", ("address", addr), "。"))
        elif variant == 1:
            cases.append(
                case(
                    "address",
                    "positive",
                    "当事人：",
                    ("person_name", g.name()),
                    "，男，汉族，住",
                    ("address", addr),
                    "。",
                )
            )
        elif variant == 2:
            cases.append(
                case(
                    "address", "positive", "家庭住址：", ("address", addr), "，联系电话：", ("mobile", g.mobile()), "。"
                )
            )
        elif variant == 3:
            cases.append(
                case(
                    "address",
                    "positive",
                    "户籍地：",
                    ("address", g.village_address()),
                    "；现住址：",
                    ("address", g.address()),
                    "。",
                )
            )
        elif variant == 4:
            cases.append(
                case(
                    "address",
                    "positive",
                    "通讯地址：",
                    ("address", g.address(with_district=False)),
                    "，邮编100000。",
                    note="no district",
                )
            )
        elif variant == 5:
            cases.append(
                case(
                    "address", "positive", "住所：", ("address", fullwidth_digits(addr)), "。", note="full-width digits"
                )
            )
        elif variant == 6:
            cases.append(
                case(
                    "address",
                    "positive",
                    "居住地：",
                    ("address", addr),
                    "联系电话",
                    ("mobile", g.mobile()),
                    note="stop word without punctuation",
                )
            )
        else:
            cases.append(
                case(
                    "address",
                    "positive",
                    "送达地址：",
                    ("address", addr),
                    "（收件人：",
                    ("person_name", g.name()),
                    "）",
                )
            )
    return cases


def fullwidth_digits(text):
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


def plate_positive(g):
    cases = []
    for i in range(32):
        variant = i % 8
        kind = ["normal", "normal", "ne_small", "ne_large"][i % 4]
        head, serial = g.plate(kind)
        if variant == 0:
            cases.append(case("plate", "positive", "车牌号码：", ("plate", head + serial), "。"))
        elif variant == 1:
            cases.append(case("plate", "positive", "当事人驾驶", ("plate", f"{head}·{serial}"), "号小型汽车违规停放。"))
        elif variant == 2:
            cases.append(case("plate", "positive", "涉案车辆（", ("plate", head + serial), "）已依法扣押。"))
        elif variant == 3:
            cases.append(
                case(
                    "plate",
                    "positive",
                    "车辆号牌",
                    ("plate", f"{head} {serial}"),
                    "，车主：",
                    ("person_name", g.name()),
                    "。",
                )
            )
        elif variant == 4:
            cases.append(
                case(
                    "plate", "positive", "号牌号码", ("plate", head + fullwidth(serial)), "，", note="full-width serial"
                )
            )
        elif variant == 5:
            cases.append(
                case(
                    "plate",
                    "positive",
                    "运输车辆",
                    ("plate", head + serial),
                    "、",
                    ("plate", "".join(g.plate("normal"))),
                    "均未办理备案。",
                )
            )
        elif variant == 6:
            cases.append(
                case("plate", "positive", date_text(g), "，", ("plate", head + serial), "在示范市建设大道违停。")
            )
        else:
            cases.append(case("plate", "positive", "新能源车辆", ("plate", head + serial), "充电桩故障投诉。"))
    return cases


# --- Negative cases ---------------------------------------------------------------------------


def id_card_negative(g):
    cases = []
    for i in range(50):
        variant = i % 10
        if variant == 0:
            cases.append(
                case(
                    "id_card", "negative", "公民身份号码：", g.id18(valid=False), "（校验位错误）。", note="wrong check"
                )
            )
        elif variant == 1:
            cases.append(
                case(
                    "id_card",
                    "negative",
                    "身份证号码：",
                    g.id18_bad_date(),
                    "，系录入错误。",
                    note="impossible birth date",
                )
            )
        elif variant == 2:
            cases.append(case("id_card", "negative", "证件号码 ", g.id18_bad_area(), "。", note="no province code"))
        elif variant == 3:
            cases.append(
                case(
                    "id_card", "negative", "业务流水号：", g.id18() + g.digits(2), "。", note="ID inside a 20-digit run"
                )
            )
        elif variant == 4:
            cases.append(
                case(
                    "id_card",
                    "negative",
                    "批次号",
                    g.digits(3, "123456789") + g.id18()[:-1].replace("X", "1"),
                    "已入库。",
                    note="ID digits inside a longer run",
                )
            )
        elif variant == 5:
            cases.append(case("id_card", "negative", "交易编号 ", g.id18()[:17], "。", note="17 digits"))
        elif variant == 6:
            cases.append(case("id_card", "negative", "合同编号：HT", g.id18(), "。", note="inside a code"))
        elif variant == 7:
            cases.append(
                case(
                    "id_card",
                    "negative",
                    "原身份证号（15位）：",
                    g.pick(AREAS) + g.pick(["991301", "870230", "650431"]) + g.digits(3),
                    "。",
                    note="legacy with bad date",
                )
            )
        elif variant == 8:
            cases.append(
                case(
                    "id_card",
                    "negative",
                    f"罚款金额{g.rng.randrange(100, 10000)}元，{date_text(g)}前缴清，缴款码",
                    g.digits(20),
                    "。",
                )
            )
        else:
            valid = g.id18()
            cases.append(
                case(
                    "id_card",
                    "negative",
                    "公民身份号码：",
                    fullwidth(valid[:-1] + wrong(valid[-1], "0123456789X")),
                    "。",
                    note="full-width, wrong check",
                )
            )
    cases.append(case("id_card", "negative", "公民身份号码：", "110105194912310021", "（RULES.md 向量的错误校验位）。"))
    return cases


def mobile_negative(g):
    cases = []
    for i in range(45):
        variant = i % 9
        if variant == 0:
            cases.append(
                case(
                    "mobile",
                    "negative",
                    "投诉举报请拨打",
                    g.pick(["12315", "12345", "12365", "96315", "110", "12388"]),
                    "热线。",
                    note="hotline",
                )
            )
        elif variant == 1:
            cases.append(
                case("mobile", "negative", "订单号：", g.mobile() + g.digits(3), "。", note="mobile inside 14 digits")
            )
        elif variant == 2:
            cases.append(
                case(
                    "mobile",
                    "negative",
                    "编号",
                    g.digits(4) + g.mobile(),
                    "的检验报告。",
                    note="mobile inside 15 digits",
                )
            )
        elif variant == 3:
            cases.append(
                case(
                    "mobile",
                    "negative",
                    "服务热线：",
                    g.pick(["400-810-8888", "400-820-1234", "800-820-5114", "95588", "95533"]),
                    "。",
                    note="company hotline",
                )
            )
        elif variant == 4:
            cases.append(
                case(
                    "mobile",
                    "negative",
                    "罚款人民币",
                    f"{g.rng.randrange(1, 99)},{g.rng.randrange(100, 999)}.00",
                    "元，于",
                    date_text(g),
                    "前缴纳。",
                    note="amount",
                )
            )
        elif variant == 5:
            cases.append(
                case(
                    "mobile",
                    "negative",
                    "号码",
                    "1" + g.pick("012") + g.digits(9),
                    "不属于手机号段。",
                    note="10x/11x/12x",
                )
            )
        elif variant == 6:
            cases.append(
                case(
                    "mobile",
                    "negative",
                    "文号：示市监罚〔2024〕",
                    str(g.rng.randrange(1, 300)),
                    "号，",
                    date_text(g),
                    "作出。",
                )
            )
        elif variant == 7:
            cases.append(case("mobile", "negative", "快递单号", g.mobile()[:10], "已签收。", note="10 digits"))
        else:
            cases.append(case("mobile", "negative", "金额", g.mobile(), ".50", "元", note="decimal amount"))
    return cases


def phone_negative(g):
    cases = []
    for i in range(30):
        variant = i % 6
        if variant == 0:
            cases.append(case("phone", "negative", "监督电话：", g.pick(["12315", "12345", "12320", "12369"]), "。"))
        elif variant == 1:
            cases.append(
                case(
                    "phone",
                    "negative",
                    "会议定于",
                    f"2024-{g.rng.randrange(1, 13):02d}-{g.rng.randrange(1, 29):02d}",
                    "召开。",
                    note="date",
                )
            )
        elif variant == 2:
            cases.append(
                case(
                    "phone",
                    "negative",
                    "企业客服电话：",
                    g.pick(["400-810-8888", "400-600-1234", "800-830-0001"]),
                    "。",
                )
            )
        elif variant == 3:
            cases.append(
                case("phone", "negative", "分机号", f"{g.pick(AREA_CODES)}-{g.digits(4)}", "。", note="too short local")
            )
        elif variant == 4:
            cases.append(case("phone", "negative", "标准号 GB 11643-1999 与 GB 32100-2015。", note="standard numbers"))
        else:
            cases.append(
                case(
                    "phone",
                    "negative",
                    "编号：",
                    "0" + g.digits(11),
                    "，请妥善保管。",
                    note="0-prefixed number, no phone label",
                )
            )
    return cases


def uscc_negative(g):
    cases = []
    for i in range(40):
        variant = i % 8
        if variant == 0:
            cases.append(
                case(
                    "uscc",
                    "negative",
                    "统一社会信用代码：",
                    g.uscc("92", valid=False),
                    "（校验码错误）。",
                    note="wrong check",
                )
            )
        elif variant == 1:
            cases.append(
                case(
                    "uscc",
                    "negative",
                    "当事人：示范市恒通贸易有限公司，统一社会信用代码：",
                    g.uscc("91"),
                    "。",
                    note="company code is not personal data",
                )
            )
        elif variant == 2:
            cases.append(
                case(
                    "uscc", "negative", "统一社会信用代码：", g.uscc("12"), "（事业单位）。", note="public institution"
                )
            )
        elif variant == 3:
            cases.append(case("uscc", "negative", "社会组织统一社会信用代码", g.uscc("52"), "。"))
        elif variant == 4:
            code = g.uscc("92")
            cases.append(case("uscc", "negative", "信用代码：", code[:17], "（缺一位）。", note="17 characters"))
        elif variant == 5:
            code = g.uscc("92")
            cases.append(
                case("uscc", "negative", "编号", code + g.pick(["A", "1", "B2"]), "。", note="inside a longer code")
            )
        elif variant == 6:
            cases.append(
                case(
                    "uscc",
                    "negative",
                    "代码：",
                    "92" + g.pick(AREAS) + "MAIOZS" + "V12" + "A",
                    "。",
                    note="letters outside the charset",
                )
            )
        else:
            cases.append(
                case(
                    "uscc",
                    "negative",
                    "统一社会信用代码：",
                    "91110000600037341L",
                    "。",
                    note="RULES.md vector, a company",
                )
            )
    return cases


def bank_card_negative(g):
    cases = []
    for i in range(50):
        variant = i % 10
        if variant == 0:
            cases.append(
                case(
                    "bank_card",
                    "negative",
                    "银行卡号：",
                    g.card(valid=False),
                    "（Luhn 校验不通过）。",
                    note="fails Luhn",
                )
            )
        elif variant == 1:
            number = g.card(valid=False)
            cases.append(
                case(
                    "bank_card",
                    "negative",
                    "卡号 ",
                    " ".join(number[k : k + 4] for k in range(0, len(number), 4)),
                    "。",
                    note="grouped, fails Luhn",
                )
            )
        elif variant == 2:
            cases.append(
                case(
                    "bank_card",
                    "negative",
                    "订单编号：",
                    g.luhn_number("2024" + f"{g.rng.randrange(1, 13):02d}", 19),
                    "。",
                    note="date-prefixed order number passing Luhn",
                )
            )
        elif variant == 3:
            cases.append(
                case(
                    "bank_card",
                    "negative",
                    "合同编号：",
                    g.card(),
                    "。",
                    note="Luhn-valid number labelled as contract number",
                )
            )
        elif variant == 4:
            cases.append(
                case(
                    "bank_card",
                    "negative",
                    "交易流水号",
                    g.card() + g.digits(3),
                    "。",
                    note="card inside a 19–22-digit run",
                )
            )
        elif variant == 5:
            cases.append(
                case(
                    "bank_card",
                    "negative",
                    "检验报告编号：",
                    g.luhn_number(g.pick(["1", "3", "7", "8"]), 16),
                    "。",
                    note="no issuer prefix",
                )
            )
        elif variant == 6:
            cases.append(
                case("bank_card", "negative", "身份证号码：", g.id18(valid=False), "。", note="bad ID is not a card")
            )
        elif variant == 7:
            cases.append(case("bank_card", "negative", "罚没款缴款书号码", g.luhn_number("1", 18), "。"))
        elif variant == 8:
            cases.append(
                case(
                    "bank_card",
                    "negative",
                    "样品编号 ",
                    g.luhn_number("62", 17),
                    "-",
                    g.digits(2),
                    "。",
                    note="sample number",
                )
            )
        else:
            cases.append(
                case("bank_card", "negative", "账户余额", g.digits(16, "123456789"), ".00元", note="decimal amount")
            )
    return cases


def email_negative(g):
    cases = []
    for i in range(30):
        variant = i % 6
        if variant == 0:
            cases.append(case("email", "negative", "本机关官方微博@示范市市场监管。", note="@ mention"))
        elif variant == 1:
            cases.append(case("email", "negative", "图片文件 logo@2x.png 已上传。", note="file name"))
        elif variant == 2:
            cases.append(case("email", "negative", "请发送至 admin@localhost 测试。", note="no top-level domain"))
        elif variant == 3:
            cases.append(case("email", "negative", "邮箱格式示例：用户名@域名。", note="placeholder"))
        elif variant == 4:
            cases.append(
                case(
                    "email",
                    "negative",
                    "电子邮箱：",
                    g.pick(PINYIN),
                    " at ",
                    g.pick(EMAIL_DOMAINS).replace(".", " dot "),
                    note="spelled out",
                )
            )
        else:
            cases.append(case("email", "negative", "会议纪要@", g.pick(["财务科", "办公室", "法规科"]), "，请阅。"))
    return cases


def person_name_negative(g):
    cases = []
    orgs = [
        "示范市恒通贸易有限公司",
        "王府井百货有限公司",
        "示范市建设区人民医院",
        "高新区管理委员会",
        "示范市第一中学",
        "李宁体育用品专卖店",
        "张记餐饮店",
        "示范市建设区住房和城乡建设局",
        "陈氏家具厂",
        "马鞍山市某某合作社",
    ]
    for i in range(50):
        variant = i % 10
        if variant == 0:
            cases.append(case("person_name", "negative", "当事人：", g.pick(orgs), "。", note="organisation"))
        elif variant == 1:
            cases.append(
                case(
                    "person_name",
                    "negative",
                    "联系人：",
                    g.pick(["本人", "办公室", "工作人员", "见附件", "无", "同上"]),
                    "。",
                    note="role word",
                )
            )
        elif variant == 2:
            cases.append(
                case(
                    "person_name",
                    "negative",
                    "当事人：",
                    g.pick(SURNAMES),
                    g.pick(["某", "某某", "**", "××"]),
                    "，男，住示范市。",
                    note="already masked",
                )
            )
        elif variant == 3:
            cases.append(
                case(
                    "person_name",
                    "negative",
                    "联系人：",
                    g.pick(SURNAMES),
                    g.pick(["科长", "先生", "女士", "主任", "老师", "经理"]),
                    "，电话见网站。",
                    note="title only",
                )
            )
        elif variant == 4:
            cases.append(
                case(
                    "person_name",
                    "negative",
                    "申请人申请公开示范市2023年度财政预算，本机关依法予以公开。",
                    note="label without colon",
                )
            )
        elif variant == 5:
            cases.append(case("person_name", "negative", "依法保护当事人的合法权益，维护市场秩序。"))
        elif variant == 6:
            cases.append(
                case(
                    "person_name",
                    "negative",
                    g.pick(["张家界市", "高新技术企业", "黄金周期间", "马鞍山市", "周边地区", "林业部门"]),
                    "开展专项检查。",
                    note="name-like words",
                )
            )
        elif variant == 7:
            cases.append(
                case("person_name", "negative", "法定代表人：", g.pick(["（空）", "——", "/", "-"]), note="empty field")
            )
        elif variant == 8:
            cases.append(case("person_name", "negative", "经办人（签名）：\n", date_text(g), note="empty signature"))
        else:
            cases.append(
                case(
                    "person_name",
                    "negative",
                    "负责人：",
                    g.pick(["示范市市场监督管理局", "办公室主任", "该单位法定代表人"]),
                    "。",
                )
            )
    return cases


def address_negative(g):
    cases = []
    for i in range(40):
        variant = i % 8
        if variant == 0:
            cases.append(case("address", "negative", "办公地址：", g.address(), "。", note="agency address"))
        elif variant == 1:
            cases.append(
                case(
                    "address",
                    "negative",
                    "地址：",
                    g.pick(CITIES),
                    g.pick(["市场监督管理局", "人民政府", "住房和城乡建设局"]),
                    "。",
                    note="agency name",
                )
            )
        elif variant == 2:
            cases.append(
                case("address", "negative", "住所：", g.pick(CITIES), g.pick(DISTRICTS), "。", note="no detail")
            )
        elif variant == 3:
            cases.append(
                case(
                    "address",
                    "negative",
                    g.pick(CITIES),
                    "住房和城乡建设局、",
                    g.pick(CITIES),
                    "住宅小区管理办公室联合开展检查。",
                )
            )
        elif variant == 4:
            cases.append(
                case(
                    "address",
                    "negative",
                    "受理地点：",
                    g.pick(CITIES),
                    "政务服务中心",
                    str(g.rng.randrange(1, 30)),
                    "号窗口。",
                )
            )
        elif variant == 5:
            cases.append(case("address", "negative", "通讯地址：见申请表。"))
        elif variant == 6:
            cases.append(case("address", "negative", "网站地址：www.example.gov.cn；IP地址：10.0.0.1。"))
        else:
            cases.append(
                case("address", "negative", "单位地址：", g.address(), "，邮编100000。", note="organisation address")
            )
    return cases


def plate_negative(g):
    cases = []
    for i in range(32):
        variant = i % 8
        if variant == 0:
            cases.append(
                case(
                    "plate",
                    "negative",
                    "网站备案号：",
                    g.pick(["京ICP备05070602号", "粤ICP备12345678号-1", "苏ICP备2020123456号"]),
                    "。",
                )
            )
        elif variant == 1:
            cases.append(
                case(
                    "plate",
                    "negative",
                    "增值电信业务经营许可证：",
                    g.pick(["粤B2-20090059", "京B2-20201234", "沪B2-20180001"]),
                    "。",
                )
            )
        elif variant == 2:
            cases.append(case("plate", "negative", "京公网安备", g.digits(14, "1"), "号"))
        elif variant == 3:
            head, serial = g.plate("normal")
            cases.append(case("plate", "negative", "号牌", head + serial[:4], "（残缺）", note="4 characters"))
        elif variant == 4:
            head, _ = g.plate("normal")
            cases.append(
                case("plate", "negative", "编号", head + g.digits(6), "。", note="6 characters, not new-energy")
            )
        elif variant == 5:
            cases.append(case("plate", "negative", g.pick(["苏A级景区", "京A区", "川A股"]), "名单公布。"))
        elif variant == 6:
            head, serial = g.plate("normal")
            cases.append(case("plate", "negative", "型号", head + serial + g.digits(2), "。", note="longer code"))
        else:
            cases.append(case("plate", "negative", "国家标准 GA 36-2018《中华人民共和国机动车号牌》。"))
    return cases


def hard_cases(g):
    """Hand-written cases for the corners: lists with commas, names before brackets, all-digit codes."""
    a, b = g.names(2)
    cases = [
        case(
            "person_name", "positive", "执法人员：", ("person_name", a), "，", ("person_name", b), "，出示了执法证件。"
        ),
        case(
            "person_name",
            "positive",
            "法定代表人：",
            ("person_name", g.name()),
            "（公民身份号码：",
            ("id_card", g.id18()),
            "）",
        ),
        case("person_name", "positive", "当事人： ", ("person_name", g.name()), "（个体工商户）"),
        case(
            "person_name",
            "positive",
            "申请人姓名：",
            ("person_name", "欧阳晓明"),
            "\n联系电话：",
            ("mobile", g.mobile()),
        ),
        case("person_name", "negative", "联系人：党政办公室，电话见门户网站。"),
        case("person_name", "negative", "经办人：高新区分局执法大队。"),
    ]
    while True:  # an all-digit credit code of an individual business, and of a public institution
        code = g.uscc("92")
        if code.isdigit():
            break
        g.rng.random()
    cases.append(case("uscc", "positive", "统一社会信用代码：", ("uscc", code), "（个体工商户）"))
    while True:
        other = g.uscc("12")
        if other.isdigit():
            break
    cases.append(case("uscc", "negative", "统一社会信用代码：", other, "（事业单位，非个人信息）"))
    cases.append(case("uscc", "negative", "公民身份号码：", g.id18_bad_date(), "（出生日期不存在）"))
    return cases


def build():
    g = Generator()
    cases = []
    for builder in (
        id_card_positive,
        mobile_positive,
        phone_positive,
        uscc_positive,
        bank_card_positive,
        email_positive,
        person_name_positive,
        address_positive,
        plate_positive,
        id_card_negative,
        mobile_negative,
        phone_negative,
        uscc_negative,
        bank_card_negative,
        email_negative,
        person_name_negative,
        address_negative,
        plate_negative,
        hard_cases,
    ):
        cases.extend(builder(g))
    return cases


def load():
    with CORPUS_PATH.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def dumps(cases):
    return "".join(json.dumps(c, ensure_ascii=False, sort_keys=True) + "\n" for c in cases)


if __name__ == "__main__":
    CORPUS_PATH.write_text(dumps(build()), encoding="utf-8")
    print(f"wrote {CORPUS_PATH}")
