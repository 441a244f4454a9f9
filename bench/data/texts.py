"""Titles and HTML bodies of synthetic government information, composed from bench.data.vocabulary.

Pure: no Django (gongkai.privacy's checksums and masks are plain modules). Every function takes a
random.Random and draws from it only, so a seed gives the same texts on every machine.

A genre builder returns a Text: the catalogue fields of one record and its body twice — `body`
as drafted (with the personal data the generator put in, for penalty decisions) and
`public_body` with exactly that personal data masked the way the product masks it
(gongkai.privacy.scanner.mask_text, RULES.md §7). Bodies are 1–5 KB of UTF-8 HTML paragraphs
(BODY_MIN_BYTES..BODY_MAX_BYTES): each genre writes its fixed parts, then adds paragraphs of its
own kind until the record's target size, drawn so that most bodies are short and a few long.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bench.data import vocabulary as v
from gongkai.privacy.checksums import USCC_CHARSET, id_check_char, uscc_check_char
from gongkai.privacy.scanner import mask_text

BODY_MIN_BYTES = 1024
BODY_MAX_BYTES = 5120
# Targets are drawn in [BODY_MIN_BYTES, _TARGET_MAX]; the last paragraph and the closing lines
# may go past the target by at most _PARAGRAPH_MAX + _TAIL_MAX bytes, which keeps bodies under 5 KB.
_TARGET_MAX = 4200
_PARAGRAPH_MAX = 500
_TAIL_MAX = 300

CN_DIGITS = "〇一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 105 → 一百零五 (enough for article and section numbers)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    if rest == 0:
        tail = ""
    elif rest < 10:
        tail = "零" + CN_DIGITS[rest]
    else:
        tail = cn_number(rest) if rest >= 20 else "一" + cn_number(rest)
    return CN_DIGITS[n // 100] + "百" + tail


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- lazily filled template fields ---------------------------------------------------------------


class Fields(dict):
    """Template fields drawn on first use (str.format_map): a sentence draws only what it names."""

    def __init__(self, rng, year):
        super().__init__()
        self.rng, self.year = rng, year

    def __missing__(self, key):
        rng = self.rng
        pools = _POOLS.get(key)
        if pools is not None:
            return rng.choice(pools)
        if key == "year":
            return self.year
        if key == "month":
            return rng.randint(1, 12)
        if key == "n":
            return rng.randint(2, 30)
        if key in ("small", "small2", "small3"):
            return rng.randint(3, 480)
        if key == "mid":
            return rng.randint(600, 48000)
        if key in ("big", "big2", "big3"):
            return rng.randint(12000, 860000)
        if key in ("pct", "pct2"):
            return f"{rng.uniform(0.3, 28):.1f}"
        if key == "pct3":
            return f"{rng.uniform(95, 99.9):.1f}"
        if key in ("money", "money2", "money3"):
            return f"{rng.uniform(120, 26000):.2f}"
        raise KeyError(key)


_POOLS = {
    "actor": v.ACTORS, "duty": v.DUTIES, "purpose": v.PURPOSES, "measure": v.MEASURES, "object": v.OBJECTS,
    "result": v.RESULTS, "time": v.TIME_WORDS, "dept": v.DEPARTMENT_WORDS, "partner": v.PARTNER_AGENCIES,
    "product": v.PRODUCTS, "food": v.FOODS, "district": v.DISTRICTS, "trade": v.TRADES, "defect": v.PRODUCT_DEFECTS,
    "hazard": v.FOOD_HAZARDS, "equipment": v.SPECIAL_EQUIPMENT, "instrument": v.MEASURING_INSTRUMENTS,
    "event": v.EVENTS, "tip": v.CONSUMER_TIPS,
}


def sentence(rng, templates, year) -> str:
    return rng.choice(templates).format_map(Fields(rng, year))


def sentences(rng, templates, year, count) -> str:
    fields = Fields(rng, year)
    return "".join(rng.choice(templates).format_map(fields) for _ in range(count))


# --- synthetic identities --------------------------------------------------------------------------


def person_name(rng) -> str:
    if rng.random() < 0.03:
        surname = rng.choice(v.COMPOUND_SURNAMES)
    else:
        surname = rng.choice(v.SURNAMES)
    return surname + "".join(rng.choice(v.GIVEN_CHARS) for _ in range(1 if rng.random() < 0.3 else 2))


def resident_id(rng) -> str:
    """An 18-digit resident ID with a valid GB 11643-1999 check character; it belongs to nobody."""
    born = dt.date(rng.randint(1958, 2002), rng.randint(1, 12), rng.randint(1, 28))
    first17 = f"{rng.choice(v.ID_AREAS)}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    return first17 + id_check_char(first17)


def mobile(rng) -> str:
    return f"1{rng.choice('35789')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"


def credit_code(rng, prefix="91") -> str:
    """A unified social credit code (GB 32100-2015 check character): 91 companies, 92 individual businesses."""
    body = prefix + "360100" + "".join(rng.choice(USCC_CHARSET) for _ in range(9))
    return body + uscc_check_char(body)


def home_address(rng) -> str:
    street = f"{v.CITY}{rng.choice(v.DISTRICTS)}{rng.choice(v.TOWNS)}{rng.choice(v.ROADS)}{rng.randint(1, 399)}号"
    flat = f"{rng.randint(1, 30)}栋{rng.randint(1, 4)}单元{rng.randint(1, 28)}0{rng.randint(1, 4)}室"
    return f"{street}{rng.choice(v.ESTATES)}{flat}"


def business_address(rng) -> str:
    return f"{v.CITY}{rng.choice(v.DISTRICTS)}{rng.choice(v.ROADS)}{rng.randint(1, 599)}号"


def company_name(rng) -> str:
    return f"{v.CITY}{rng.choice(v.BRANDS)}{rng.choice(v.TRADES)}{rng.choice(v.COMPANY_FORMS)}"


def shop_name(rng, owner_surname) -> str:
    place = rng.choice(v.DISTRICTS)[:2]
    return f"{place}{rng.choice((owner_surname + '记', rng.choice(v.BRANDS)))}{rng.choice(v.SHOP_KINDS)}"


# --- bodies -----------------------------------------------------------------------------------------


class Body:
    """HTML paragraphs of a body and of its public version, and the body's size in UTF-8 bytes."""

    __slots__ = ("original", "public", "size")

    def __init__(self):
        self.original, self.public, self.size = [], [], 0

    def add(self, text, public=None):
        paragraph = f"<p>{text}</p>"
        self.original.append(paragraph)
        self.public.append(paragraph if public is None else f"<p>{public}</p>")
        self.size += len(paragraph.encode())

    def fill(self, target, filler, tail=()):
        """Add filler paragraphs until the body with its closing `tail` paragraphs reaches `target`
        bytes, then the tail: the body ends between `target` and `target` + one filler paragraph.

        `tail` is a list of texts, or a function returning one (asked again after each filler
        paragraph, for a tail that depends on what came before, such as the last article's number).
        """
        def closing():
            paragraphs = [f"<p>{t}</p>" for t in (tail() if callable(tail) else tail)]
            return paragraphs, sum(len(p.encode()) for p in paragraphs)

        paragraphs, tail_size = closing()
        while self.size + tail_size < target:
            self.add(filler())
            if callable(tail):
                paragraphs, tail_size = closing()
        tail = paragraphs
        self.original += tail
        self.public += tail
        self.size += tail_size

    def html(self):
        return "".join(self.original), "".join(self.public)


def body_target(rng) -> int:
    """Most bodies are short, a few long: BODY_MIN_BYTES plus a skewed share of the range."""
    return BODY_MIN_BYTES + int((_TARGET_MAX - BODY_MIN_BYTES) * rng.random() ** 3)


@dataclass(slots=True)
class Text:
    genre: str
    category: str
    department: str
    title: str
    document_number: str
    summary: str
    topics: str
    body: str
    public_body: str
    personal: list[tuple[str, str]] = field(default_factory=list)  # (scanner type, original text)
    filler: object = None  # a function (rng) -> one plain paragraph in this genre, for attachment text
    attachment_title: str = ""
    interpretation: Text | None = None  # a 政策解读 published with this policy


class Numbers:
    """Document numbers (文号) per prefix and year, in the order documents are written."""

    def __init__(self):
        self.counters = {}

    def next(self, key, year) -> int:
        value = self.counters.get((key, year), 0) + 1
        self.counters[(key, year)] = value
        return value

    def doc(self, kind, year) -> str:
        return f"{v.DOC_PREFIX}{kind}〔{year}〕{self.next(kind, year)}号"


@dataclass(slots=True)
class Context:
    """What a genre builder knows about the record it writes."""

    formed_on: dt.date
    numbers: Numbers
    target: int

    @property
    def year(self):
        return self.formed_on.year


def signature(day):
    return [v.AGENCY_NAME, cn_date(day)]


def _plain_filler(templates):
    def make(rng, year):
        def filler():
            return sentences(rng, templates, year, rng.randint(2, 4))
        return filler
    return make


# --- 行政处罚决定书 (Art. 20 item 6), with personal data --------------------------------------------------

_PENALTY_FACTS = (
    "经查，当事人自{year}年{month}月起从事上述经营活动，涉案{goods}共计{small}件（箱），货值金额{money}元，违法所得{money2}元。",
    "执法人员现场对涉案{goods}依法实施了扣押，并制作了现场检查笔录和询问笔录，当事人在笔录上签字确认。",
    "当事人提供了部分进货票据，但未能提供供货者的许可证和产品合格证明文件，也无法说明涉案{goods}的具体来源。",
    "本局于{year}年{month}月依法委托具有资质的检验机构对涉案{goods}进行检验，检验结论为不合格。",
    "当事人在规定期限内未提出复检申请，对检验结论无异议。",
    "本局依法向当事人送达了行政处罚告知书，告知其拟作出行政处罚的内容及事实、理由、依据，以及依法享有的陈述、申辩和要求听证的权利。",
    "当事人在法定期限内未提出陈述、申辩意见，也未要求举行听证。",
    "当事人提出了陈述、申辩意见，称其不知道所售{goods}不符合要求。经复核，当事人的陈述、申辩意见不能成为免除处罚的理由，本局不予采纳。",
    "案发后，当事人积极配合调查，主动召回已售出的{goods}，并如实陈述违法事实，依法可以从轻处罚。",
    "当事人系初次违法，危害后果轻微并及时改正，但涉案货值金额较大，不符合免予处罚的情形。",
    "上述事实，有现场检查笔录、询问调查笔录、进货凭证、检验报告、当事人的营业执照复印件及身份证明等证据为证。",
    "本案经本局案件审核机构审核、负责人集体讨论决定。",
)


def _penalty_filler(rng, year, goods):
    """Paragraphs of the investigation, each used once before any comes again."""
    queue = []

    def filler():
        if not queue:
            queue.extend(rng.sample(_PENALTY_FACTS, len(_PENALTY_FACTS)))
        fields = Fields(rng, year)
        fields["goods"] = goods
        return queue.pop().format_map(fields)
    return filler


def penalty(rng, ctx) -> Text:
    year, day = ctx.year, ctx.formed_on
    number = ctx.numbers.doc("罚", year)
    violation, law, article, applied = rng.choice(v.VIOLATIONS)
    fields = Fields(rng, year)
    violation = violation.format_map(fields)
    goods = fields.get("food") or fields.get("product") or fields.get("equipment") or fields.get("instrument") \
        or "商品"
    name = person_name(rng)
    personal = [("person_name", name)]
    ident, phone, home = resident_id(rng), mobile(rng), home_address(rng)
    personal += [("id_card", ident), ("mobile", phone), ("address", home)]
    masked = {kind: mask_text(kind, value) for kind, value in personal}
    individual = rng.random() < 0.6
    body = Body()
    body.add(f"{v.AGENCY_NAME}行政处罚决定书")
    body.add(number)
    if individual:
        shop = shop_name(rng, name[0])
        code = credit_code(rng, "92")
        personal.append(("uscc", code))
        masked["uscc"] = mask_text("uscc", code)
        subject = shop
        body.add(f"当事人：{shop}（个体工商户）")
        body.add(f"统一社会信用代码：{code}", f"统一社会信用代码：{masked['uscc']}")
        body.add(f"经营者：{name}", f"经营者：{masked['person_name']}")
    else:
        subject = company_name(rng)
        body.add(f"当事人：{subject}")
        body.add(f"统一社会信用代码：{credit_code(rng)}")
        body.add(f"法定代表人：{name}", f"法定代表人：{masked['person_name']}")
        body.add(f"经营场所：{business_address(rng)}")
    body.add(f"公民身份号码：{ident}", f"公民身份号码：{masked['id_card']}")
    body.add(f"住址：{home}", f"住址：{masked['address']}")
    body.add(f"联系电话：{phone}", f"联系电话：{masked['mobile']}")
    found_on = day - dt.timedelta(days=rng.randint(20, 120))
    body.add(
        f"{cn_date(found_on)}，本局执法人员在日常监督检查中发现，当事人{violation}。经本局负责人批准，于同日立案调查。"
    )
    body.add(f"本局认为，当事人的上述行为违反了{law}{article}的规定。")
    fine = rng.choice((2000, 3000, 5000, 8000, 10000, 15000, 20000, 30000, 50000, 80000, 100000))
    measures = rng.sample(v.PENALTY_MEASURES[:3], rng.randint(0, 2))
    decided = "、".join([*measures, f"罚款人民币{fine}元"])
    tail = [
        f"依据{law}{applied}的规定，本局决定对当事人作出如下行政处罚：{decided}。",
        "当事人应当自收到本决定书之日起十五日内，通过银行或政务服务平台缴纳罚没款。到期不缴纳罚款的，"
        "本局可以每日按罚款数额的百分之三加处罚款。",
        "当事人如不服本行政处罚决定，可以在收到本决定书之日起六十日内向示范市人民政府申请行政复议，"
        "也可以在六个月内依法向人民法院提起行政诉讼。",
    ]
    body.fill(ctx.target, _penalty_filler(rng, year, goods), [*tail, *signature(day)])
    original, public = body.html()
    return Text(
        genre="penalty", category="art20-6", department=rng.choice(("enforcement", "enforcement-1", "enforcement-1",
                                                                     "enforcement-2", "enforcement-2")),
        title=f"行政处罚决定书（{number}）", document_number=number,
        summary=f"{subject}{violation}，本局依法作出行政处罚。", topics=f"行政处罚 {goods}",
        body=original, public_body=public, personal=personal, filler=None,
    )


# --- 监督抽查、抽检和检查 (item 13) -----------------------------------------------------------------------


def spot_check(rng, ctx) -> Text:
    year, day = ctx.year, ctx.formed_on
    product = rng.choice(v.PRODUCTS)
    number = ctx.numbers.doc("质", year)
    batch = ctx.numbers.next(("spot", product), year)
    total = rng.randint(30, 260)
    failed = rng.randint(0, max(1, total // 8))
    body = Body()
    body.add(f"为加强{product}产品质量安全监管，本局于{year}年组织开展了{product}产品质量市级监督抽查。"
             f"现将第{cn_number(batch)}批抽查结果通告如下：")
    body.add(f"本次共抽查{rng.randint(10, total)}家企业生产或销售的{product}{total}批次，"
             f"经检验，合格{total - failed}批次，不合格{failed}批次，批次不合格率{failed * 100 / total:.1f}%。")
    body.add("不合格产品及企业名单如下：")
    for i in range(1, min(failed, 6) + 1):
        model = f"{rng.choice('ABCDEFGHJK')}{rng.randint(10, 999)}"
        body.add(f"{i}. {company_name(rng)}生产的{product}（规格型号：{model}，"
                 f"生产日期或批号：{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}），"
                 f"{rng.choice(v.PRODUCT_DEFECTS)}项目不合格。")
    body.fill(ctx.target, lambda: sentences(rng, v.CHECK_SENTENCES, year, rng.randint(2, 3)), [*signature(day)])
    original, public = body.html()
    return Text(
        genre="spot_check", category="art20-13", department="quality",
        title=f"关于{year}年第{cn_number(batch)}批{product}产品质量监督抽查情况的通告", document_number=number,
        summary=f"抽查{product}{total}批次，不合格{failed}批次。", topics=f"监督抽查 产品质量 {product}",
        body=original, public_body=public, filler=_plain_filler(v.CHECK_SENTENCES)(rng, year),
        attachment_title=f"{product}监督抽查结果汇总表",
    )


def food_sampling(rng, ctx) -> Text:
    year, day = ctx.year, ctx.formed_on
    issue = ctx.numbers.next("food-sampling", year)
    total = rng.randint(80, 900)
    failed = rng.randint(0, max(1, total // 30))
    foods = rng.sample(v.FOODS, 4)
    body = Body()
    body.add(f"近期，本局组织抽检{'、'.join(foods)}等{rng.randint(8, 24)}大类食品{total}批次，"
             f"抽样检验合格{total - failed}批次，不合格{failed}批次。")
    body.add("根据《中华人民共和国食品安全法》及其实施条例等规定，现将抽检结果公告如下：")
    for i in range(1, min(failed, 5) + 1):
        body.add(f"{i}. {v.CITY}{rng.choice(v.MARKETS)}{rng.choice(v.SHOP_KINDS)}销售的{rng.choice(foods)}，"
                 f"{rng.choice(v.FOOD_HAZARDS)}检出值不符合食品安全国家标准规定。")
    body.add("对抽检中发现的不合格食品，本局已责令相关食品生产经营者立即采取下架、召回等措施，控制风险，"
             "并依法开展核查处置。")
    body.fill(ctx.target, lambda: sentences(rng, v.CHECK_SENTENCES, year, 2), [*signature(day)])
    original, public = body.html()
    return Text(
        genre="food_sampling", category="art20-13", department="food",
        title=f"{year}年第{issue}期食品安全监督抽检信息公告", document_number=ctx.numbers.doc("食", year),
        summary=f"抽检食品{total}批次，不合格{failed}批次。", topics="食品安全 监督抽检",
        body=original, public_body=public, filler=_plain_filler(v.CHECK_SENTENCES)(rng, year),
        attachment_title="食品安全监督抽检产品合格信息",
    )


def equipment_check(rng, ctx) -> Text:
    year, day = ctx.year, ctx.formed_on
    equipment = rng.choice(v.SPECIAL_EQUIPMENT)
    units = rng.randint(40, 900)
    body = Body()
    body.add(f"为切实做好{equipment}安全工作，本局于{year}年{rng.randint(1, 12)}月至{rng.randint(1, 12)}月"
             f"在全市开展{equipment}安全专项检查。")
    body.add(f"专项检查共出动执法人员{rng.randint(50, 800)}人次，检查使用单位{units}家，"
             f"检查{equipment}{units * rng.randint(2, 9)}台（套），发现隐患{rng.randint(5, 300)}处，"
             f"下达安全监察指令书{rng.randint(3, 120)}份，目前隐患已全部整改完毕。")
    body.fill(ctx.target, lambda: sentences(rng, v.NOTICE_SENTENCES, year, 2), [*signature(day)])
    original, public = body.html()
    return Text(
        genre="equipment_check", category="art20-13", department="quality",
        title=f"关于{year}年全市{equipment}安全专项检查情况的通报", document_number=ctx.numbers.doc("特", year),
        summary=f"检查{equipment}使用单位{units}家。", topics=f"特种设备 {equipment} 安全检查",
        body=original, public_body=public, filler=_plain_filler(v.NOTICE_SENTENCES)(rng, year),
    )


# --- 行政许可和服务事项 (item 5) -------------------------------------------------------------------------


_FOOD_BUSINESSES = ("预包装食品销售", "散装食品销售", "热食类食品制售", "冷食类食品制售", "自制饮品制售")


def food_licence(rng, ctx) -> Text:
    year, day = ctx.year, ctx.formed_on
    month = day.month
    count = rng.randint(20, 400)
    body = Body()
    body.add(f"根据《中华人民共和国食品安全法》《食品经营许可和备案管理办法》等规定，本局对{year}年{month}月"
             f"受理的食品经营许可申请进行了审查，准予{count}户食品经营者许可，现予公示。")
    for i in range(1, rng.randint(3, 8)):
        body.add(f"{i}. {company_name(rng)}，经营场所：{business_address(rng)}，"
                 f"许可证编号：JY{rng.randint(1, 3)}3601{rng.randint(0, 99):02d}{rng.randint(0, 99999999):08d}，"
                 f"经营项目：{rng.choice(_FOOD_BUSINESSES)}。")

    def filler():
        return (f"{company_name(rng)}，许可证编号：JY{rng.randint(1, 3)}3601{rng.randint(0, 99):02d}"
                f"{rng.randint(0, 99999999):08d}，有效期至{year + 5}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日。")

    body.fill(ctx.target, filler, ["公示期间，如对上述许可事项有异议，请向本局反映。", *signature(day)])
    original, public = body.html()
    return Text(
        genre="food_licence", category="art20-5", department=rng.choice(("food", "registration")),
        title=f"{year}年{month}月食品经营许可准予许可决定公示", document_number="",
        summary=f"准予{count}户食品经营者许可。", topics="行政许可 食品经营许可",
        body=original, public_body=public, filler=filler, attachment_title="食品经营许可准予许可名单",
    )


def industrial_licence(rng, ctx) -> Text:
    year, day = ctx.year, ctx.formed_on
    issue = ctx.numbers.next("industrial-licence", year)
    body = Body()
    body.add(f"根据《中华人民共和国工业产品生产许可证管理条例》及其实施办法，经审查，下列企业符合发证条件，"
             f"本局准予许可（{year}年第{issue}期）：")

    def filler():
        product = rng.choice(v.PRODUCTS)
        return (f"{company_name(rng)}，产品名称：{product}，证书编号：（示）XK{rng.randint(10, 99)}-"
                f"{rng.randint(100, 999)}-{rng.randint(0, 99999):05d}，有效期五年。")

    body.fill(ctx.target, filler, [
        "企业名称、住所或者生产地址名称发生变化而产品和生产条件不变的，应当自变化事项发生之日起三十日内提出变更申请。",
        *signature(day),
    ])
    original, public = body.html()
    return Text(
        genre="industrial_licence", category="art20-5", department="quality",
        title=f"工业产品生产许可证获证企业名单（{year}年第{issue}期）", document_number="",
        summary=f"{year}年第{issue}期准予工业产品生产许可的企业名单。", topics="行政许可 工业产品生产许可证",
        body=original, public_body=public, filler=filler, attachment_title="获证企业名单",
    )


_GUIDE_ITEMS = ("个体工商户设立登记", "企业变更登记", "企业注销登记", "食品经营许可", "特种设备使用登记",
                "计量器具型式批准", "检验检测机构资质认定", "广告发布登记", "股权出质登记", "动产抵押登记",
                "商标专用权质押登记", "工业产品生产许可证核发")


def service_guide(rng, ctx) -> Text:
    year = ctx.year
    item = rng.choice(_GUIDE_ITEMS)
    body = Body()
    days = rng.choice((1, 3, 5, 10, 15, 20))
    sections = [
        f"一、事项名称：{item}",
        f"二、实施机关：{v.AGENCY_NAME}",
        "三、设定依据：相关法律、行政法规和国务院决定。",
        f"四、申请条件：申请人应当{rng.choice(v.DUTIES)}，并符合法律、法规规定的其他条件。",
        "五、申请材料：申请书；主体资格证明；经营场所使用证明；法律、法规规定的其他材料。",
        "六、办理流程：申请、受理、审查、决定、送达。申请人可以通过政务服务网全程网上办理。",
        f"七、办理时限：法定办理时限二十个工作日，承诺办理时限{days}个工作日。",
        "八、收费标准：不收费。",
        "九、咨询方式：0999-81230020，工作日上午9:00—12:00，下午13:30—17:30。",
    ]
    for s in sections:
        body.add(s)
    body.fill(ctx.target, lambda: sentences(rng, v.POLICY_SENTENCES, year, 2))
    original, public = body.html()
    return Text(
        genre="service_guide", category="art20-5", department="registration", title=f"{item}办事指南（{year}年版）",
        document_number="", summary=f"{item}的申请条件、材料、流程和时限。", topics=f"办事指南 {item}",
        body=original, public_body=public, filler=_plain_filler(v.POLICY_SENTENCES)(rng, year),
        attachment_title=f"{item}申请书（示范文本）",
    )


# --- 规章、规范性文件和政策解读 (item 1) ---------------------------------------------------------------


def _articles(body, rng, year, target, first, closing):
    """Articles 第N条 from `first` until the target size, then `closing(number)` (the last article and more)."""
    number = first

    def filler():
        nonlocal number
        text = f"第{cn_number(number)}条　{sentences(rng, v.POLICY_SENTENCES, year, rng.randint(1, 2))}"
        number += 1
        return text

    body.fill(target, filler, lambda: closing(number))


def _interpretation(rng, ctx, policy_title, short, department, category) -> Text:
    year = ctx.year
    body = Body()
    body.add(f"一、起草背景。为{rng.choice(v.PURPOSES)}，本局在深入调研、广泛征求意见的基础上，起草了《{short}》。")
    body.add(f"二、主要内容。《{short}》共{cn_number(rng.randint(12, 40))}条，主要包括总则、职责分工、监督管理、"
             "法律责任和附则等部分。")
    body.add(f"三、主要创新点。一是推行{rng.choice(v.MEASURES)}；二是明确{rng.choice(v.ACTORS)}的主体责任；"
             f"三是建立与{rng.choice(v.PARTNER_AGENCIES)}的协作机制。")
    closing = f"四、施行时间。《{short}》自印发之日起施行。如有疑问，请咨询{rng.choice(v.DEPARTMENT_WORDS)}。"
    body.fill(ctx.target, lambda: sentences(rng, v.POLICY_SENTENCES, year, 2), [closing])
    original, public = body.html()
    return Text(
        genre="interpretation", category=category, department=department, title=f"《{short}》政策解读",
        document_number="", summary=f"解读{policy_title}。", topics="政策解读", body=original, public_body=public,
    )


def normative(rng, ctx, *, with_interpretation=False) -> Text:
    year, day = ctx.year, ctx.formed_on
    topic = rng.choice(v.POLICY_TOPICS)
    short = f"{v.CITY}{topic}办法"
    number = ctx.numbers.doc("规", year)
    body = Body()
    body.add("各区县市场监督管理局，局机关各科室、各直属单位：")
    body.add(f"《{short}》已经局务会议审议通过，现印发给你们，请结合实际认真贯彻执行。")
    body.add(short)
    body.add(f"第一条　为{rng.choice(v.PURPOSES)}，规范{topic}工作，"
             "根据有关法律、法规和规章，结合本市实际，制定本办法。")
    body.add(f"第二条　本市行政区域内的{topic}活动，适用本办法。")
    starts = cn_date(day + dt.timedelta(days=30))
    _articles(body, rng, year, ctx.target, 3,
              lambda n: [f"第{cn_number(n)}条　本办法自{starts}起施行，有效期五年。", *signature(day)])
    original, public = body.html()
    text = Text(
        genre="normative", category="art20-1-normative", department="legal",
        title=f"{v.AGENCY_NAME}关于印发《{short}》的通知", document_number=number,
        summary=f"规范本市{topic}工作的行政规范性文件。", topics=f"规范性文件 {topic}",
        body=original, public_body=public, filler=_plain_filler(v.POLICY_SENTENCES)(rng, year),
        attachment_title=f"《{short}》起草说明",
    )
    if with_interpretation:
        text.interpretation = _interpretation(rng, ctx, text.title, short, "legal", "art20-1-normative")
    return text


def rules(rng, ctx, *, with_interpretation=False) -> Text:
    year, day = ctx.year, ctx.formed_on
    topic = rng.choice(v.RULE_TOPICS)
    short = f"{v.CITY}{topic}规定"
    order = ctx.numbers.next("government-order", year)
    body = Body()
    body.add(f"《{short}》已经{year}年{day.month}月市人民政府常务会议审议通过，现予公布，"
             f"自{cn_date(day + dt.timedelta(days=60))}起施行。")
    body.add(f"第一条　为了加强{topic}，{rng.choice(v.PURPOSES)}，根据有关法律、行政法规，结合本市实际，制定本规定。")
    body.add(f"第二条　市市场监督管理部门负责本市{topic}的监督管理工作。")
    _articles(body, rng, year, ctx.target, 3, lambda n: [f"第{cn_number(n)}条　本规定由市市场监督管理部门负责解释。"])
    original, public = body.html()
    text = Text(
        genre="rules", category="art20-1-rules", department="legal", title=short,
        document_number=f"{v.CITY}人民政府令第{order}号", summary=f"{v.CITY}{topic}的政府规章。",
        topics=f"规章 {topic}", body=original, public_body=public,
        filler=_plain_filler(v.POLICY_SENTENCES)(rng, year),
    )
    if with_interpretation:
        text.interpretation = _interpretation(rng, ctx, short, short, "legal", "art20-1-rules")
    return text


def law_notice(rng, ctx) -> Text:
    year, day = ctx.year, ctx.formed_on
    topic = rng.choice(v.POLICY_TOPICS)
    body = Body()
    body.add("各区县市场监督管理局，局机关各科室：")
    body.add(f"为做好{topic}有关法律法规的贯彻实施工作，{rng.choice(v.PURPOSES)}，现就有关事项通知如下。")
    section = 1

    def filler():
        nonlocal section
        text = f"{cn_number(section)}、{sentences(rng, v.NOTICE_SENTENCES, year, rng.randint(2, 3))}"
        section += 1
        return text

    body.fill(ctx.target, filler, [*signature(day)])
    original, public = body.html()
    return Text(
        genre="law_notice", category="art20-1", department="legal",
        title=f"关于做好{topic}相关法律法规贯彻实施工作的通知", document_number=ctx.numbers.doc("法", year),
        summary=f"部署{topic}有关法律法规的贯彻实施。", topics=f"法律法规 {topic}",
        body=original, public_body=public, filler=_plain_filler(v.NOTICE_SENTENCES)(rng, year),
    )


# --- 机构职能 (item 2), 规划 (3), 统计 (4) ----------------------------------------------------------------


def organisation(rng, ctx) -> Text:
    year = ctx.year
    body = Body()
    body.add(f"{v.AGENCY_NAME}是市人民政府工作部门，为正处级，加挂市知识产权局牌子。")
    body.add("办公地址：示范市建设大道188号。办公时间：工作日上午9:00—12:00，下午13:30—17:30。")
    body.add("根据职责，本局设下列内设机构：")
    for dept in v.DEPARTMENT_WORDS:
        body.add(f"{dept}：{sentence(rng, v.POLICY_SENTENCES, year)}")
    body.fill(ctx.target, lambda: sentences(rng, v.NOTICE_SENTENCES, year, 2))
    original, public = body.html()
    kind = rng.choice(("机构职能", "内设机构", "办公地址和联系方式", "直属单位"))
    return Text(
        genre="organisation", category="art20-2", department="office", title=f"{v.AGENCY_NAME}{kind}（{year}年更新）",
        document_number="", summary=f"本局{kind}。", topics=f"机构职能 {kind}", body=original, public_body=public,
    )


def plan(rng, ctx, *, with_interpretation=False) -> Text:
    year = ctx.year
    topic = rng.choice(v.PLAN_TOPICS)
    period = v.PLAN_PERIODS[0 if year <= 2020 else 1 if year <= 2025 else 2]
    short = f"{v.CITY}{period}{topic}规划"
    body = Body()
    body.add(f"为{rng.choice(v.PURPOSES)}，根据上级规划和本市国民经济和社会发展规划纲要，制定本规划。")
    body.add(f"一、发展基础。{sentences(rng, v.STAT_SENTENCES, year, 2)}")
    body.add(f"二、总体要求。坚持{rng.choice(v.MEASURES)}，到规划期末，{rng.choice(v.RESULTS)}。")
    section = 3

    def filler():
        nonlocal section
        text = f"{cn_number(section)}、{sentences(rng, v.NOTICE_SENTENCES, year, rng.randint(2, 3))}"
        section += 1
        return text

    body.fill(ctx.target, filler)
    original, public = body.html()
    text = Text(
        genre="plan", category="art20-3", department=rng.choice(("office", "legal")), title=short,
        document_number=ctx.numbers.doc("发", year), summary=f"{period}时期本市{topic}的目标和任务。",
        topics=f"规划 {topic}", body=original, public_body=public,
        filler=_plain_filler(v.STAT_SENTENCES)(rng, year), attachment_title=f"{short}重点项目表",
    )
    if with_interpretation:
        text.interpretation = _interpretation(rng, ctx, short, short, text.department, "art20-3")
    return text


def statistics(rng, ctx) -> Text:
    year, day = ctx.year, ctx.formed_on
    month = day.month
    subject, department = rng.choice((
        ("全市市场主体发展情况", "registration"), ("消费者投诉举报情况分析", "consumer"),
        ("知识产权主要统计数据", "credit"), ("特种设备安全状况", "quality"), ("食品安全监督抽检情况统计", "food"),
    ))
    body = Body()
    body.add(f"现将{year}年{month}月{subject}公布如下。")
    body.fill(ctx.target, lambda: sentences(rng, v.STAT_SENTENCES, year, rng.randint(2, 4)),
              ["注：本公报数据为初步统计数，部分数据因四舍五入的原因，存在总计与分项合计不等的情况。"])
    original, public = body.html()
    return Text(
        genre="statistics", category="art20-4", department=department, title=f"{year}年{month}月{subject}",
        document_number="", summary=f"{year}年{month}月{subject}。", topics=f"统计信息 {subject}",
        body=original, public_body=public, filler=_plain_filler(v.STAT_SENTENCES)(rng, year),
        attachment_title="统计数据表",
    )


# --- 财政 (7), 收费 (8), 采购 (9), 建设项目 (10) --------------------------------------------------------


def budget(rng, ctx) -> Text:
    year = ctx.year
    kind = rng.choice(("部门预算", "部门决算", "单位预算", "“三公”经费预算"))
    of_year = year if "预算" in kind else year - 1
    body = Body()
    body.add(f"根据预决算公开有关规定，现将{v.AGENCY_NAME}{of_year}年{kind}公开如下。")
    body.add(f"第一部分　部门概况。{sentence(rng, v.POLICY_SENTENCES, year)}")
    body.fill(ctx.target, lambda: sentences(rng, v.BUDGET_SENTENCES, of_year, rng.randint(2, 3)))
    original, public = body.html()
    return Text(
        genre="budget", category="art20-7", department="office", title=f"{v.AGENCY_NAME}{of_year}年{kind}",
        document_number="", summary=f"{of_year}年{kind}公开。", topics=f"财政预决算 {kind}",
        body=original, public_body=public, filler=_plain_filler(v.BUDGET_SENTENCES)(rng, of_year),
        attachment_title=f"{of_year}年{kind}公开表",
    )


def fees(rng, ctx) -> Text:
    year = ctx.year
    body = Body()
    body.add(f"根据行政事业性收费目录清单管理有关规定，现将本局{year}年执行的收费项目及标准公示如下。")
    items = ("特种设备检验检测费（按国家规定标准收取）", "计量器具强制检定（免收）", "企业登记注册（免收）",
             "商标注册规费（由国家知识产权局收取）", "产品质量监督抽查检验（不向企业收取）")

    def filler():
        return (f"{rng.choice(items)}。收费依据为国家和省有关规定，收费标准按文件执行。"
                f"{sentence(rng, v.BUDGET_SENTENCES, year)}")

    body.fill(ctx.target, filler, ["监督电话：12315。"])
    original, public = body.html()
    return Text(
        genre="fees", category="art20-8", department="office",
        title=f"{v.AGENCY_NAME}行政事业性收费项目公示（{year}年）",
        document_number="", summary=f"{year}年执行的行政事业性收费项目及标准。", topics="行政事业性收费",
        body=original, public_body=public, filler=filler,
    )


_PROCUREMENTS = ("食品安全监督抽检服务", "产品质量监督抽查检验服务", "执法记录仪采购", "12315热线座席外包服务",
                 "办公设备采购", "检验检测设备采购", "网络安全等级保护测评服务", "智慧市场监管平台运维服务",
                 "快速检测试剂采购", "执法车辆采购", "档案数字化加工服务", "物业管理服务")


def procurement(rng, ctx) -> Text:
    year = ctx.year
    item = rng.choice(_PROCUREMENTS)
    project = f"SFCG{year}-{ctx.numbers.next('procurement', year):04d}"
    winner = company_name(rng)
    amount = rng.randint(50000, 6000000)
    body = Body()
    body.add(f"一、项目编号：{project}")
    body.add(f"二、项目名称：{v.AGENCY_NAME}{year}年{item}项目")
    body.add(f"三、中标（成交）信息：供应商名称：{winner}；供应商地址：{business_address(rng)}；"
             f"中标（成交）金额：{amount}元。")
    body.add(f"四、主要标的信息：{item}，服务期限{rng.randint(1, 3)}年，服务要求详见采购文件。")
    body.add(f"五、评审专家名单：按规定随机抽取，共{rng.choice((3, 5, 7))}人。")

    def filler():
        return (f"本项目采用{rng.choice(('公开招标', '竞争性磋商', '竞争性谈判', '询价'))}方式采购，"
                f"共有{rng.randint(3, 12)}家供应商参与，经评审委员会评审，{winner}综合得分最高。")

    body.fill(ctx.target, filler, ["六、公告期限：自本公告发布之日起1个工作日。各有关当事人对中标（成交）结果有异议的，"
                                   "可以在公告期限届满之日起七个工作日内以书面形式提出质疑。"])
    original, public = body.html()
    return Text(
        genre="procurement", category="art20-9", department="office",
        title=f"{v.AGENCY_NAME}{year}年{item}项目中标（成交）结果公告", document_number="",
        summary=f"{item}项目由{winner}中标，金额{amount}元。", topics=f"政府采购 {item}",
        body=original, public_body=public, filler=filler, attachment_title="中标（成交）结果明细",
    )


_PROJECTS = ("食品药品检验检测中心", "特种设备检验检测实验楼", "智慧市场监管指挥平台", "计量测试大楼",
             "质量基础设施一站式服务中心", "知识产权保护中心", "消费维权服务中心", "快检实验室")


def construction(rng, ctx) -> Text:
    year, day = ctx.year, ctx.formed_on
    project = f"{v.CITY}{rng.choice(_PROJECTS)}建设项目"
    body = Body()
    body.add(f"{project}经市发展和改革委员会批准立项，总投资{rng.randint(800, 90000)}万元，"
             f"建设内容包括{rng.choice(('主体工程', '实验用房', '信息系统', '配套设施'))}等。")
    body.add(f"截至{year}年{day.month}月，项目完成投资{rng.randint(10, 100)}%，"
             f"{rng.choice(('主体结构已封顶', '设备安装调试中', '已完成竣工验收', '土建工程进展顺利'))}。")
    body.fill(ctx.target, lambda: sentences(rng, v.NOTICE_SENTENCES, year, 2))
    original, public = body.html()
    return Text(
        genre="construction", category="art20-10", department="office", title=f"{project}批准和实施情况（{year}年）",
        document_number="", summary=f"{project}的批准和实施进展。", topics="重大建设项目",
        body=original, public_body=public, filler=_plain_filler(v.NOTICE_SENTENCES)(rng, year),
    )


# --- 惠企、就业 (11), 应急 (12), 招考 (14), 其他 (15) ----------------------------------------------------


def support(rng, ctx) -> Text:
    year = ctx.year
    subject = rng.choice(("支持个体工商户发展", "助企纾困", "促进高校毕业生创业", "扶持小微企业质量提升",
                          "帮扶农民专业合作社", "优化企业开办服务"))
    body = Body()
    body.add(f"为{rng.choice(v.PURPOSES)}，切实{subject}，结合本市实际，制定以下措施。")
    section = 1

    def filler():
        nonlocal section
        text = f"（{cn_number(section)}）{rng.choice(v.MEASURES)}。{sentences(rng, v.POLICY_SENTENCES, year, 2)}"
        section += 1
        return text

    body.fill(ctx.target, filler)
    original, public = body.html()
    return Text(
        genre="support", category="art20-11", department=rng.choice(("registration", "credit")),
        title=f"关于{subject}的若干措施", document_number=ctx.numbers.doc("发", year),
        summary=f"{subject}的政策措施。", topics=f"惠企政策 {subject}", body=original, public_body=public,
        filler=_plain_filler(v.POLICY_SENTENCES)(rng, year),
    )


def emergency(rng, ctx) -> Text:
    year = ctx.year
    if rng.random() < 0.5:
        event = rng.choice(v.EVENTS)
        title, topics = f"{v.CITY}{event}应急预案（{year}年修订）", f"应急预案 {event}"
        opening = f"为有效预防和妥善处置{event}，最大限度减少危害，保障公众身体健康和生命安全，制定本预案。"
        department = rng.choice(("food", "quality"))
    else:
        tip = rng.choice(v.CONSUMER_TIPS)
        title, topics = f"消费提示：{tip[:-1][:24]}", "消费提示 消费警示"
        opening = f"近期，本局接到多起相关消费投诉。为维护消费者合法权益，特作如下提示：{tip}"
        department = "consumer"
    body = Body()
    body.add(opening)
    body.fill(ctx.target, lambda: sentences(rng, v.EMERGENCY_SENTENCES, year, 2))
    original, public = body.html()
    return Text(
        genre="emergency", category="art20-12", department=department, title=title, document_number="",
        summary=opening[:60], topics=topics, body=original, public_body=public,
        filler=_plain_filler(v.EMERGENCY_SENTENCES)(rng, year),
    )


_MAJORS = ("食品科学与工程", "法学", "机械工程", "化学", "汉语言文学", "计算机科学与技术")


def recruitment(rng, ctx) -> Text:
    year = ctx.year
    stage = rng.choice(("公开招聘事业单位工作人员公告", "公务员招录职位表", "拟录用公务员公示", "公开遴选公务员公告"))
    positions = ("食品安全监管岗", "特种设备安全监察岗", "综合执法岗", "法制审核岗", "计量检定岗", "文秘岗")
    body = Body()
    body.add(f"根据公务员和事业单位人员招录有关规定，{v.AGENCY_NAME}{year}年{stage}如下。")

    def filler():
        return (f"{rng.choice(positions)}：招录{rng.randint(1, 6)}名，学历要求{rng.choice(('本科及以上', '研究生'))}，"
                f"专业要求{rng.choice(_MAJORS)}，"
                f"{rng.choice(('不限户籍', '需具有两年以上基层工作经历', '限应届毕业生'))}。")

    body.fill(ctx.target, filler, ["咨询电话：0999-81230000。"])
    original, public = body.html()
    return Text(
        genre="recruitment", category="art20-14", department="office", title=f"{v.AGENCY_NAME}{year}年{stage}",
        document_number="", summary=f"{year}年{stage}。", topics="公务员招考 招聘", body=original,
        public_body=public, filler=filler, attachment_title="职位表",
    )


_CAMPAIGNS = ("“守护消费”铁拳行动", "校园食品安全守护行动", "农村假冒伪劣食品专项整治", "电动自行车质量安全专项整治",
              "民生领域案件查办", "“3·15”国际消费者权益日系列活动", "计量惠民服务", "质量月活动",
              "特种设备安全隐患排查", "网络市场监管专项行动", "食品安全宣传周", "知识产权宣传周",
              "打击侵权假冒专项行动", "燃气安全专项整治", "重要节日市场监管")


def notice(rng, ctx) -> Text:
    year, day = ctx.year, ctx.formed_on
    campaign = rng.choice(_CAMPAIGNS)
    body = Body()
    body.add(f"{rng.choice(('各区县市场监督管理局，局机关各科室：', '各有关单位：', '各市场监督管理所：'))}")
    body.add(f"为{rng.choice(v.PURPOSES)}，经研究，决定在全市开展{year}年{campaign}。现将有关事项通知如下。")
    section = 1

    def filler():
        nonlocal section
        text = f"{cn_number(section)}、{sentences(rng, v.NOTICE_SENTENCES, year, rng.randint(2, 3))}"
        section += 1
        return text

    body.fill(ctx.target, filler, [rng.choice(v.CLOSINGS), *signature(day)])
    original, public = body.html()
    return Text(
        genre="notice", category="art20-15",
        department=rng.choice(("office", "legal", "registration", "credit", "food", "quality", "consumer",
                               "enforcement")),
        title=f"关于开展{year}年{campaign}的通知", document_number=ctx.numbers.doc("发", year),
        summary=f"部署{year}年{campaign}。", topics=campaign, body=original, public_body=public,
        filler=_plain_filler(v.NOTICE_SENTENCES)(rng, year), attachment_title=f"{campaign}工作方案",
    )


def credit_list(rng, ctx) -> Text:
    year, day = ctx.year, ctx.formed_on
    count = rng.randint(5, 400)
    kind = rng.choice(("列入经营异常名录", "移出经营异常名录", "列入严重违法失信名单", "信用修复"))
    body = Body()
    body.add(f"经查，下列{count}户企业存在相关情形，根据《企业信息公示暂行条例》和有关规定，本局决定对其{kind}。")

    def filler():
        reason = rng.choice(("未按规定期限公示年度报告", "通过登记的住所或者经营场所无法联系",
                             "公示企业信息隐瞒真实情况、弄虚作假", "已履行公示义务，申请移出"))
        return f"{company_name(rng)}，统一社会信用代码：{credit_code(rng)}，事由：{reason}。"

    body.fill(ctx.target, filler, ["企业对本决定不服的，可以依法申请行政复议或者提起行政诉讼。", *signature(day)])
    original, public = body.html()
    return Text(
        genre="credit_list", category="art20-15", department="credit", title=f"关于{count}户企业{kind}的公告",
        document_number=ctx.numbers.doc("告", year), summary=f"{count}户企业{kind}。", topics=f"企业信用 {kind}",
        body=original, public_body=public, filler=filler, attachment_title="企业名单",
    )


def annual_report(rng, ctx, report_year) -> Text:
    body = Body()
    body.add(f"本报告根据《中华人民共和国政府信息公开条例》要求，由{v.AGENCY_NAME}编制。全文包括总体情况、"
             "主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、"
             "存在的主要问题及改进情况、其他需要报告的事项。")
    body.add(f"一、总体情况。{report_year}年，本局{sentences(rng, v.NOTICE_SENTENCES, report_year, 2)}")
    body.add(f"二、主动公开政府信息情况。全年主动公开政府信息{rng.randint(3000, 120000)}条，"
             f"制发规范性文件{rng.randint(2, 20)}件。")
    body.add(f"三、收到和处理政府信息公开申请情况。全年新收政府信息公开申请{rng.randint(300, 30000)}件。")
    body.fill(ctx.target, lambda: sentences(rng, v.NOTICE_SENTENCES, report_year, 2))
    original, public = body.html()
    return Text(
        genre="annual_report", category="annual-reports", department="office",
        title=f"{v.AGENCY_NAME}{report_year}年政府信息公开工作年度报告", document_number="",
        summary=f"{report_year}年政府信息公开工作年度报告。", topics="政府信息公开 年度报告",
        body=original, public_body=public, filler=_plain_filler(v.NOTICE_SENTENCES)(rng, report_year),
    )


# (builder, weight per 1000 records). Annual reports are placed by the record plan, one a year.
GENRES = (
    (penalty, 230), (spot_check, 130), (food_sampling, 90), (equipment_check, 30), (food_licence, 90),
    (industrial_licence, 40), (service_guide, 20), (normative, 30), (rules, 5), (law_notice, 15),
    (organisation, 8), (plan, 7), (statistics, 40), (budget, 10), (fees, 5), (procurement, 20),
    (construction, 10), (support, 20), (emergency, 25), (recruitment, 10), (notice, 105), (credit_list, 60),
)
# The builders that may bring an interpretation (政策解读) with them.
WITH_INTERPRETATION = {normative, rules, plan}


def attachment_text(rng, text: Text, year: int) -> str:
    """The extracted text of an attachment: its title, then paragraphs in the record's genre."""
    filler = text.filler or _plain_filler(v.NOTICE_SENTENCES)(rng, year)
    lines = [text.attachment_title or "附件"]
    lines += [filler() for _ in range(rng.randint(3, 10))]
    return "\n".join(lines)
