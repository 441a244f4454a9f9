"""Realistic Chinese government texts for the inner-part measurements (issue 6). Pure: no Django.

Deterministic: the same seed gives the same texts, byte for byte, on every machine (only
`random.Random` methods whose output is stable across Python versions are used).

    document(rng)                      -> Text(kind, article20, title, body): one record of 1–5 KB
    corpus(size_bytes, seed)           -> [str]: whole documents whose UTF-8 size adds up to at least
                                          size_bytes (the personal-data scanner's input)
    import_rows(count, departments=..) -> [dict]: rows of a bulk-import file (importer.COLUMNS names)
    write_csv(path, rows)              -> the rows as a UTF-8 CSV, as staff export one from Excel

Personal data is sprinkled in where government texts really carry it: the parties of penalty
decisions (name, resident ID, mobile, address, the credit code of an individual business), the
contacts of notices (a landline, an e-mail address), the payees of subsidy lists (bank cards), the
plates of traffic decisions and the names on recruitment lists. Every number is well-formed (ID
and credit-code check characters, Luhn digits, real birth dates), so that the scanner's
validation work is exercised as on real data. The templates and vocabulary are written for this
benchmark; names and places are invented (示范市).
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

SEED = 20261127
VERSION = 1  # bump when the output changes (cached corpora are named after it)

BODY_MIN_BYTES = 1000
BODY_MAX_BYTES = 5000
MASKED_PENALTY_SHARE = 0.4

# --- well-formed numbers ---------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_AREAS = ("440304", "440305", "310104", "110105", "320102", "330106", "420106", "510107", "370202", "350203")
_PLATE_PROVINCES = "粤沪京苏浙鄂川鲁闽湘"
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def id_check_char(first17: str) -> str:
    """GB 11643-1999 check character of a resident ID."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def resident_id(rng: random.Random) -> str:
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 55))
    first17 = f"{rng.choice(_AREAS)}{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return first17 + id_check_char(first17)


def uscc_check_char(first17: str) -> str:
    """GB 32100-2015 check character of a unified social credit code."""
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31]


def credit_code(rng: random.Random, *, individual: bool) -> str:
    """A company's (91…) or an individual business's (92…) code."""
    body = "".join(rng.choice(_USCC_CHARS) for _ in range(9))
    first17 = ("92" if individual else "91") + rng.choice(_AREAS) + body
    return first17 + uscc_check_char(first17)


def luhn_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def bank_card(rng: random.Random) -> str:
    payload = "62" + "".join(str(rng.randrange(10)) for _ in range(rng.choice((14, 16))))
    return payload + luhn_digit(payload)


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randrange(10)}{rng.randrange(0, 10**8):08d}"


def landline(rng: random.Random) -> str:
    return f"0755-{rng.choice('2345678')}{rng.randrange(0, 10**7):07d}"


def plate(rng: random.Random) -> str:
    serial = "".join(rng.choice("0123456789" + _PLATE_LETTERS[:6]) for _ in range(5))
    return f"{rng.choice(_PLATE_PROVINCES)}{rng.choice(_PLATE_LETTERS)}·{serial}"


# --- vocabulary -----------------------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢"
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂文华建国志红玉海燕"
    "晓东春梅卫立新俊涵浩然欣怡思远雨轩梓萱佳琪宇航"
)
DISTRICTS = ("东城区", "西城区", "南湖区", "北山县", "高新区", "滨海新区", "临江区")
STREETS = ("建设大道", "人民路", "解放街", "滨江路", "和平巷", "新华路", "光明街", "迎宾大道", "学府路", "工业大道")
ESTATES = ("幸福花园", "阳光小区", "锦绣家园", "翠苑", "金色港湾", "御景湾", "春晓苑", "东湖村")
FIRM_WORDS = ("恒达", "鑫源", "华盛", "宏图", "金诚", "惠民", "嘉禾", "顺丰源", "天和", "永信", "百味", "康健", "绿野")
FIRM_TRADES = (
    "商贸", "食品", "餐饮管理", "药业", "电子科技", "建材", "日用品", "农副产品", "酒业", "母婴用品", "汽车销售",
)
SHOPS = ("便利店", "小吃店", "餐馆", "五金店", "水果店", "药店", "理发店", "烟酒商行", "服装店", "早餐店")
PRODUCTS = (
    "电动自行车头盔", "儿童玩具", "电线电缆", "燃气灶具", "学生校服", "食用植物油", "瓶装饮用水", "家用插座",
    "化妆品", "婴幼儿配方乳粉", "白酒", "散装熟食", "蔬菜", "冷冻饮品", "一次性塑料餐具", "眼镜", "纸尿裤",
)
DEPARTMENT_NAMES = ("办公室", "法规科", "登记注册科", "信用监督管理科", "食品生产安全监督管理科", "执法稽查支队")
# (conduct, act, article violated, article applied)
VIOLATIONS = (
    ("销售超过保质期的食品", "中华人民共和国食品安全法", "第三十四条第十项", "第一百二十四条第一款第五项"),
    ("未按规定明码标价", "中华人民共和国价格法", "第十三条", "第四十二条"),
    ("经营不符合标准的产品", "中华人民共和国产品质量法", "第三十九条", "第五十条"),
    ("未取得食品经营许可从事食品经营活动", "中华人民共和国食品安全法", "第三十五条第一款", "第一百二十二条第一款"),
    ("发布虚假广告", "中华人民共和国广告法", "第四条", "第五十五条第一款"),
    ("使用未经检定的计量器具", "中华人民共和国计量法", "第九条", "第二十六条"),
    ("销售不符合强制性标准的电动自行车头盔", "中华人民共和国产品质量法", "第十三条", "第四十九条"),
)
PROCEDURE = (
    "{day}，本局向当事人送达了《行政处罚告知书》，告知其拟作出行政处罚的事实、理由、依据及依法享有的陈述、申辩和要求听证的权利。",
    "当事人在法定期限内提出了陈述、申辩意见，称其系初次违法且已主动停止销售，本局经复核后予以部分采纳。",
    "执法人员现场提取了{product}样品{n}件，并委托示范市产品质量检验所进行检验，检验结论为不合格。",
    "当事人积极配合调查，如实陈述违法事实并主动提供证据材料，依据《中华人民共和国行政处罚法》第三十二条的规定，可以从轻处罚。",
    "本案经本局案件审核机构审核，并经本局负责人集体讨论决定。",
    "经核实，涉案{product}共计{n}件，货值金额{m}元，已全部下架封存。",
)
TOPICS = (
    "优化营商环境", "食品安全", "产品质量", "消费维权", "知识产权保护", "安全生产", "市场主体登记", "信用修复",
    "价格监督检查", "广告监测", "计量监督", "特种设备安全", "药品零售", "网络交易监管", "农贸市场", "校园食品安全",
)
PHRASES = (
    "坚持以人民为中心的发展思想", "进一步压实企业主体责任", "切实维护人民群众合法权益", "推动高质量发展",
    "强化事中事后监管", "持续优化营商环境", "健全长效工作机制", "加大执法检查力度", "严格落实属地管理责任",
    "提升监管效能和服务水平", "营造安全放心的消费环境", "坚持问题导向和目标导向", "全面推行“双随机、一公开”监管",
)
MAILBOXES = ("zhangwei", "liuyang", "chenjing", "wangfang", "lina", "huangmin", "zhaolei", "sunli")
MONTHS = ("一月", "二月", "三月", "第一季度", "上半年", "前三季度", "全年")


_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1–99 in Chinese numerals (第二十一条); larger numbers in digits."""
    if not 0 < n < 100:
        return str(n)
    tens, units = divmod(n, 10)
    if tens == 0:
        return _DIGITS[units]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[units] if units else "")


def _name(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def _address(rng: random.Random) -> str:
    return (f"示范市{rng.choice(DISTRICTS)}{rng.choice(STREETS)}{rng.randrange(1, 300)}号"
            f"{rng.choice(ESTATES)}{rng.randrange(1, 30)}栋{rng.randrange(1, 30)}0{rng.randrange(1, 6)}室")


def _firm(rng: random.Random) -> str:
    return f"示范市{rng.choice(FIRM_WORDS)}{rng.choice(FIRM_TRADES)}有限公司"


def _shop(rng: random.Random, owner: str) -> str:
    return f"示范市{rng.choice(DISTRICTS)}{owner[0]}记{rng.choice(SHOPS)}"


def _date(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, 365))


def _cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _filler(rng: random.Random) -> str:
    """One sentence of the general text every document is padded with."""
    topic = rng.choice(TOPICS)
    pick = rng.randrange(6)
    if pick == 0:
        return f"各单位要{rng.choice(PHRASES)}，围绕{topic}工作{rng.choice(PHRASES)}。"
    if pick == 1:
        return (f"{rng.choice(MONTHS)}，全市共检查各类市场主体{rng.randrange(200, 9000)}户次，"
                f"发现问题{rng.randrange(10, 400)}个，已督促整改{rng.randrange(10, 400)}个，{topic}形势总体平稳。")
    if pick == 2:
        return f"下一步，我局将{rng.choice(PHRASES)}，{rng.choice(PHRASES)}，推动{topic}工作取得新成效。"
    if pick == 3:
        return f"对检查中发现的{rng.choice(PRODUCTS)}质量问题，依法责令生产者、销售者停止销售，并跟踪复查整改情况。"
    if pick == 4:
        return (f"请各区市场监督管理局于{rng.randrange(1, 13)}月{rng.randrange(1, 29)}日前将{topic}工作情况报送至"
                f"{rng.choice(DEPARTMENT_NAMES)}。")
    return (f"本年度共受理{topic}相关投诉举报{rng.randrange(100, 5000)}件，"
            f"办结率{rng.randrange(90, 100)}.{rng.randrange(10)}%，"
            f"为消费者挽回经济损失{rng.randrange(10, 900)}.{rng.randrange(10)}万元。")


@dataclass(frozen=True)
class Text:
    kind: str
    article20: int  # 条例第二十条 item the record is filed under
    title: str
    body: str
    document_number: str = ""


def _pad(rng: random.Random, lines: list[str], target_bytes: int, closing: list[str]) -> str:
    size = sum(len(line.encode()) + 1 for line in lines + closing)
    while size < target_bytes:
        sentence = _filler(rng)
        lines.append(sentence)
        size += len(sentence.encode()) + 1
    return "\n".join(lines + closing)


def _penalty(rng, year, target):
    seq = rng.randrange(1, 400)
    number = f"示市监罚〔{year}〕{seq}号"
    conduct, act, violated, applied = rng.choice(VIOLATIONS)
    person = _name(rng)
    decided = _date(rng, year)
    # Many sites published their penalty decisions masked already (张某, 4403**********1234):
    # the scanner must read those too and find nothing in them.
    masked = rng.random() < MASKED_PENALTY_SHARE
    if rng.random() < 0.5:
        number_id, phone, address = resident_id(rng), mobile(rng), _address(rng)
        if masked:
            person = person[0] + rng.choice(("某", "某某"))
            number_id = number_id[:6] + "*" * 8 + number_id[-4:]
            phone = phone[:3] + "****" + phone[-4:]
            address = address[: address.index("区") + 1 if "区" in address else 6] + "***"
        party = [
            f"当事人：{person}，{rng.choice('男女')}，{rng.choice(('汉族', '汉族', '回族', '壮族'))}，"
            f"公民身份号码：{number_id}",
            f"住址：{address}",
            f"联系电话：{phone}",
        ]
    else:
        shop = _shop(rng, person)
        code = credit_code(rng, individual=True)
        if masked:
            person = person[0] + "某某"
            code = code[:8] + "******" + code[-4:]
        party = [
            f"当事人：{shop}",
            f"统一社会信用代码：{code}",
            f"经营者：{person}",
            f"经营场所：示范市{rng.choice(DISTRICTS)}{rng.choice(STREETS)}{rng.randrange(1, 300)}号",
            f"联系电话：{mobile(rng)[:3] + '****' + mobile(rng)[-4:] if masked else mobile(rng)}",
        ]
    amount = rng.randrange(1, 50) * 1000
    lines = ["示范市市场监督管理局行政处罚决定书", number, *party,
             f"{_cn_date(decided - dt.timedelta(days=rng.randrange(20, 90)))}，本局执法人员{_name(rng)}、{_name(rng)}"
             f"依法对当事人的经营场所进行检查，发现当事人涉嫌{conduct}。经本局负责人批准，于当日立案调查。",
             f"经查，当事人自{year}年{rng.randrange(1, 7)}月起{conduct}，违法所得{rng.randrange(100, 9000)}元。"
             f"上述事实有现场笔录、询问笔录、{rng.choice(PRODUCTS)}进货凭证等证据证明。",
             *(rng.choice(PROCEDURE).format(day=_cn_date(decided - dt.timedelta(days=rng.randrange(5, 20))),
                                            product=rng.choice(PRODUCTS), n=rng.randrange(2, 300),
                                            m=rng.randrange(100, 90000)) for _ in range(rng.randrange(2, 6))),
             f"当事人的上述行为违反了《{act}》{violated}的规定。依据《{act}》{applied}的规定，本局决定："
             f"一、没收违法所得；二、罚款人民币{amount}元。",
             "当事人应当自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳的，每日按罚款数额的百分之三加处罚款。"]
    closing = ["如不服本处罚决定，可以在收到本决定书之日起六十日内向示范市人民政府申请行政复议，"
               "或者在六个月内依法向示范市南湖区人民法院提起行政诉讼。",
               "示范市市场监督管理局", _cn_date(decided)]
    return Text("penalty", 6, f"行政处罚决定书（{number}）", _pad(rng, lines, target, closing), number)


def _spot_check(rng, year, target):
    product = rng.choice(PRODUCTS)
    batch = rng.randrange(1, 8)
    lines = [f"为加强{product}质量安全监管，本局于{year}年组织开展了第{batch}批{product}产品质量监督抽查。"
             f"本次共抽查{rng.randrange(20, 120)}家企业生产或销售的{rng.randrange(30, 200)}批次产品。"]
    for _ in range(rng.randrange(3, 9)):
        lines.append(f"{_firm(rng)}（统一社会信用代码：{credit_code(rng, individual=False)}）生产的{product}，"
                     f"检验结论：{rng.choice(('合格', '合格', '合格', '不合格'))}。")
    closing = ["对抽查不合格的产品，本局已依法责令相关企业停止生产、销售，并依法立案查处。", "特此通告。"]
    title = f"关于{year}年第{batch}批{product}产品质量监督抽查情况的通告"
    return Text("spot_check", 13, title, _pad(rng, lines, target, closing))


def _notice(rng, year, target):
    topic = rng.choice(TOPICS)
    number = f"示市监办〔{year}〕{rng.randrange(1, 120)}号"
    contact = _name(rng)
    lines = ["各区市场监督管理局，局机关各处室、各直属单位：",
             f"为{rng.choice(PHRASES)}，进一步做好{topic}工作，经研究，决定在全市范围内开展{topic}专项行动。现将有关事项通知如下。",
             "一、工作目标", f"通过专项行动，{rng.choice(PHRASES)}，{rng.choice(PHRASES)}。",
             "二、主要任务"]
    closing = ["三、工作要求", "各单位要高度重视，明确专人负责，确保专项行动取得实效。",
               f"联系人：{contact}，联系电话：{landline(rng)}"
               + (f"，电子邮箱：{rng.choice(MAILBOXES)}{rng.randrange(10, 99)}@{rng.choice(('163.com', 'qq.com'))}"
                  if rng.random() < 0.3 else ""),
               "示范市市场监督管理局办公室", _cn_date(_date(rng, year))]
    title = f"关于开展{year}年{topic}专项行动的通知"
    return Text("notice", rng.choice((2, 3, 15)), title, _pad(rng, lines, target, closing), number)


def _policy(rng, year, target):
    topic = rng.choice(TOPICS)
    number = f"示市监规〔{year}〕{rng.randrange(1, 20)}号"
    lines = [f"示范市{topic}管理办法", "第一章 总则",
             f"第一条 为了{rng.choice(PHRASES)}，规范{topic}工作，根据有关法律、法规，结合本市实际，制定本办法。",
             f"第二条 本市行政区域内的{topic}及其监督管理活动，适用本办法。",
             f"第三条 市市场监督管理部门负责全市{topic}的监督管理工作。"]
    article = 4
    while sum(len(line.encode()) + 1 for line in lines) < target - 200:
        lines.append(f"第{cn_number(article)}条 {_filler(rng)}")
        article += 1
    closing = [f"第{cn_number(article)}条 本办法自{year}年{rng.randrange(1, 13)}月1日起施行，有效期五年。"]
    return Text("policy", 1, f"示范市{topic}管理办法", _pad(rng, lines, target, closing), number)


def _statistics(rng, year, target):
    period = rng.choice(MONTHS)
    lines = [f"{year}年{period}，全市新登记市场主体{rng.randrange(1, 9)}.{rng.randrange(10, 99)}万户，"
             f"同比增长{rng.randrange(1, 20)}.{rng.randrange(10)}%。"]
    for district in DISTRICTS:
        lines.append(f"{district}：新登记企业{rng.randrange(500, 9000)}户，个体工商户{rng.randrange(500, 9000)}户，"
                     f"注册资本{rng.randrange(10, 900)}.{rng.randrange(10)}亿元。")
    return Text("statistics", 4, f"{year}年{period}示范市市场主体发展情况统计", _pad(rng, lines, target, []))


def _subsidy(rng, year, target):
    lines = [f"根据《示范市个体工商户纾困扶持办法》，经审核，以下个体工商户符合{year}年度稳岗补贴发放条件，"
             "现予以公示。",
             "公示期为5个工作日。如有异议，请在公示期内向本局反映。"]
    for _ in range(rng.randrange(3, 10)):
        owner = _name(rng)
        lines.append(f"{_shop(rng, owner)}，经营者：{owner}，补贴金额{rng.randrange(1, 10)}000元，"
                     f"收款账号：{bank_card(rng)}（示范农村商业银行）。")
    closing = [f"举报电话：{landline(rng)}"]
    return Text("subsidy", 11, f"关于{year}年度个体工商户稳岗补贴发放名单的公示", _pad(rng, lines, target, closing))


def _traffic(rng, year, target):
    lines = [f"本局在{year}年网络货运平台专项检查中，发现下列车辆存在超限运输食品冷链货物的情况，"
             "已移送交通运输部门依法处理："]
    for _ in range(rng.randrange(2, 7)):
        lines.append(f"车牌号码{plate(rng)}，车主{_name(rng)}，"
                     f"{_cn_date(_date(rng, year))}在{rng.choice(STREETS)}被查获。")
    return Text("notice", 12, f"关于{year}年冷链食品运输车辆检查情况的通报", _pad(rng, lines, target, []))


def _recruitment(rng, year, target):
    lines = [f"根据《示范市市场监督管理局{year}年公开招聘事业单位工作人员公告》，经笔试、面试、体检和考察，"
             "拟聘用以下人员，现予公示："]
    for _ in range(rng.randrange(3, 8)):
        lines.append(f"姓名：{_name(rng)}，{rng.choice('男女')}，报考岗位：{rng.choice(DEPARTMENT_NAMES)}科员，"
                     f"准考证号：{year}{rng.randrange(0, 10**6):06d}。")
    closing = [f"监督电话：{landline(rng)}"]
    return Text("recruitment", 14, f"示范市市场监督管理局{year}年公开招聘拟聘用人员公示",
                _pad(rng, lines, target, closing))


def _budget(rng, year, target):
    def amount():
        return f"{rng.randrange(1000, 99999)}.{rng.randrange(10, 99)}万元"

    lines = [f"示范市市场监督管理局{year}年部门预算收入总计{amount()}，其中一般公共预算拨款{amount()}。"]
    for item in ("基本支出", "项目支出", "“三公”经费", "政府采购", "机关运行经费"):
        lines.append(f"{item}{rng.randrange(10, 9999)}.{rng.randrange(10, 99)}万元，比上年"
                     f"{rng.choice(('增加', '减少'))}{rng.randrange(1, 30)}.{rng.randrange(10)}%。")
    return Text("budget", 7, f"示范市市场监督管理局{year}年部门预算", _pad(rng, lines, target, []))


BUILDERS = (
    (_penalty, 30), (_spot_check, 15), (_notice, 16), (_policy, 8), (_statistics, 6), (_subsidy, 8),
    (_traffic, 5), (_recruitment, 4), (_budget, 3),
)
_BUILDER_FUNCTIONS = [b for b, _ in BUILDERS]
_BUILDER_WEIGHTS = [w for _, w in BUILDERS]
FIRST_YEAR, LAST_YEAR = 2016, 2025


def document(rng: random.Random, year: int | None = None) -> Text:
    """One record, its body between BODY_MIN_BYTES and about BODY_MAX_BYTES of UTF-8."""
    builder = rng.choices(_BUILDER_FUNCTIONS, weights=_BUILDER_WEIGHTS)[0]
    year = year or rng.randrange(FIRST_YEAR, LAST_YEAR + 1)
    target = rng.randrange(BODY_MIN_BYTES, BODY_MAX_BYTES - 300)
    return builder(rng, year, target)


def corpus(size_bytes: int, seed: int = SEED) -> list[str]:
    """Whole documents (title line + body) adding up to at least size_bytes of UTF-8 text."""
    rng = random.Random(seed)
    texts, total = [], 0
    while total < size_bytes:
        text = document(rng)
        item = text.title + "\n" + text.body
        texts.append(item)
        total += len(item.encode())
    return texts


# --- the bulk-import file -------------------------------------------------------------------

IMPORT_HEADER = (
    "名称", "文号", "发布机构", "部门", "信息类别", "主题词", "生成日期", "发布日期", "有效性", "内容概述", "正文",
)
DRAFT_SHARE = 0.1


def import_rows(count: int, *, departments: list[str], seed: int = SEED) -> list[dict]:
    """`count` rows of an old site's export: 90 % published (with 发布日期), 10 % drafts.

    departments: the department codes of the site (the 部门 column must name existing ones).
    """
    if not departments:
        raise ValueError("import_rows needs at least one department code")
    rng = random.Random(seed + 1)
    rows = []
    for _ in range(count):
        text = document(rng)
        formed = _date(rng, rng.randrange(FIRST_YEAR, LAST_YEAR + 1))
        published = None
        if rng.random() >= DRAFT_SHARE:
            published = dt.datetime.combine(formed + dt.timedelta(days=rng.randrange(0, 15)),
                                            dt.time(rng.randrange(8, 18), rng.randrange(60)))
        rows.append({
            "名称": text.title,
            "文号": text.document_number,
            "发布机构": "示范市市场监督管理局",
            "部门": rng.choice(departments),
            "信息类别": str(text.article20),
            "主题词": "、".join(rng.sample(TOPICS, 2)),
            "生成日期": formed.isoformat(),
            "发布日期": published.strftime("%Y-%m-%d %H:%M") if published else "",
            "有效性": "有效",
            "内容概述": text.body.split("\n", 1)[0][:120],
            "正文": text.body,
        })
    return rows


def write_csv(path: Path, rows: list[dict]) -> Path:
    """UTF-8 with BOM, as Excel's "CSV UTF-8" export writes it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=IMPORT_HEADER)
        writer.writeheader()
        writer.writerows(rows)
    return path
