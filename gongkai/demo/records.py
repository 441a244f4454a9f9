"""Demo records of government information for the fictional 示范市市场监督管理局.

Deterministic (fixed seed). Every record goes through the real workflow: drafted, submitted
(the personal-data scan runs), findings masked by the reviewer, approved and published on a
date in the past. All names, numbers and texts are synthetic.
"""

import datetime as dt
import random

from django.utils import timezone

SEED = 20261127
YEARS = (2022, 2023, 2024, 2025, 2026)
# The demo's history ends before the day this session's data was written, so nothing is "in the future".
LAST_FORMED = dt.date(2026, 11, 10)
LAST_PUBLICATION = dt.date(2026, 11, 25)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁沈任"
    "姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武莫孔汤"
)
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚文华建国志红玉海燕晓东春梅卫立新俊子涵浩然欣怡思远雨轩梓萱"
PRODUCTS = ["电动自行车头盔", "儿童玩具", "电线电缆", "燃气灶具", "学生校服", "食用植物油", "瓶装饮用水", "家用插座",
            "婴幼儿纸尿裤", "保温杯", "电热水壶", "塑料购物袋", "化妆品", "月饼", "散装白酒"]
STREETS = ["建设大道", "人民路", "解放街", "滨江路", "和平巷", "新华路", "光明街", "迎宾大道"]
DISTRICTS = ["东城区", "西城区", "南湖区", "北山县", "高新区"]


def _id_number(rng, year):
    area = rng.choice(["110105", "360426", "320102", "440304", "510107"])
    birth = dt.date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28)).strftime("%Y%m%d")
    body = area + birth + f"{rng.randint(0, 999):03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = (12 - sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11) % 11
    return body + ("X" if check == 10 else str(check))


def _name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _penalty(rng, year, seq):
    name, product = _name(rng), rng.choice(PRODUCTS)
    number = f"示市监罚〔{year}〕{seq}号"
    amount = rng.choice([3000, 5000, 8000, 12000, 20000, 35000])
    mobile = f"1{rng.choice('3589')}{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
    body = (
        f"<p>当事人：{name}</p><p>身份证号：{_id_number(rng, year)}</p>"
        f"<p>住址：示范市{rng.choice(DISTRICTS)}{rng.choice(STREETS)}{rng.randint(1, 300)}号</p>"
        f"<p>联系电话：{mobile}</p>"
        f"<p>{year}年{rng.randint(1, 9)}月，本局执法人员在检查中发现，当事人经营的{product}经抽样检验不合格。"
        f"当事人销售上述产品货值金额 {amount // 4} 元，违法所得 {amount // 10} 元。</p>"
        f"<p>以上事实有现场检查笔录、检验报告、询问笔录等证据证明。当事人的行为违反了《中华人民共和国产品质量法》"
        f"第三十九条的规定。依据该法第五十条，本局决定：没收违法所得，并处罚款 {amount} 元。</p>"
        f"<p>当事人如不服本处罚决定，可在收到决定书之日起六十日内申请行政复议，或者在六个月内依法提起行政诉讼。</p>"
    )
    return {
        "title": f"行政处罚决定书（{number}）", "document_number": number, "category": "art20-6",
        "department": "enforcement-1", "summary": f"对当事人销售不合格{product}的行政处罚决定。", "body": body,
        "topics": f"行政处罚 {product}",
    }


def _spot_check(rng, year, seq):
    product = rng.choice(PRODUCTS)
    batches = rng.randint(30, 120)
    failed = rng.randint(0, max(1, batches // 10))
    return {
        "title": f"关于{year}年第{seq % 4 + 1}批{product}产品质量监督抽查情况的通告",
        "document_number": f"示市监通〔{year}〕{seq}号", "category": "art20-13", "department": "quality",
        "summary": f"抽查{product} {batches} 批次，不合格 {failed} 批次。",
        "body": (
            f"<p>为加强{product}质量安全监管，本局组织开展了{year}年{product}产品质量监督抽查，"
            f"共抽查全市 {batches} 家企业生产或销售的 {batches} 批次产品。</p>"
            f"<p>经检验，{batches - failed} 批次产品合格，{failed} 批次产品不合格，"
            f"不合格项目主要为标识标注和物理性能。</p>"
            f"<p>对抽查不合格的产品，本局已责令相关企业停止生产销售，并依法立案调查。消费者如发现不合格产品，"
            f"可拨打 12315 投诉举报。</p>"
        ),
        "topics": f"监督抽查 {product} 产品质量",
    }


def _normative(rng, year, seq):
    topic = rng.choice(["个体工商户登记", "企业年度报告公示", "网络交易监督管理", "食品小作坊备案", "计量器具强制检定",
                        "广告发布登记", "特种设备安全监督检查", "知识产权纠纷行政调解"])
    return {
        "title": f"示范市市场监督管理局关于印发《示范市{topic}办法》的通知",
        "document_number": f"示市监规〔{year}〕{seq % 9 + 1}号", "category": "art20-1-normative",
        "department": "legal",
        "summary": f"规范本市{topic}工作的行政规范性文件。",
        "body": (
            f"<p>各区县市场监督管理局，局机关各科室、各直属单位：</p>"
            f"<p>《示范市{topic}办法》已经局务会议审议通过，现印发给你们，请认真贯彻执行。</p>"
            f"<p>第一条 为规范{topic}工作，提高办事效率，保护当事人合法权益，"
            f"根据有关法律、法规，结合本市实际，制定本办法。</p>"
            f"<p>第二条 本办法适用于本市行政区域内的{topic}活动。</p>"
            f"<p>第三条 本办法自印发之日起施行，有效期五年。</p>"
        ),
        "topics": f"规范性文件 {topic}",
    }


def _licence(rng, year, seq):
    brand = rng.choice(["恒信", "联创", "瑞丰", "华泰", "金桥", "永安", "嘉禾"])
    company = f"示范市{brand}{rng.choice(['食品', '电器', '包装', '建材'])}有限公司"
    return {
        "title": f"{year}年第{seq}期工业产品生产许可证获证企业名单",
        "document_number": "", "category": "art20-5", "department": "registration",
        "summary": f"本期准予许可的企业包括{company}等。",
        "body": f"<p>根据《中华人民共和国工业产品生产许可证管理条例》，本局对以下企业准予许可：{company}。</p>"
                f"<p>许可证有效期五年。企业名称、住所等事项发生变化的，应当自变化之日起三十日内申请变更。</p>",
        "topics": "行政许可 生产许可证",
    }


def _budget(rng, year, seq):
    kind = rng.choice(["部门预算", "部门决算"])
    amount = rng.randint(8000, 15000)
    return {
        "title": f"示范市市场监督管理局{year}年{kind}", "document_number": "", "category": "art20-7",
        "department": "office", "summary": f"{year}年{kind}收支总计 {amount} 万元。",
        "body": f"<p>{year}年本局{kind}收入总计 {amount} 万元，支出总计 {amount} 万元。"
                f"其中基本支出 {amount * 6 // 10} 万元，项目支出 {amount * 4 // 10} 万元。</p>",
        "topics": f"财政预决算 {kind}",
    }


def _notice(rng, year, seq):
    subject = rng.choice(["开展消费品质量安全进校园活动", "“3·15”国际消费者权益日主题活动", "计量宣传月活动",
                          "打击侵权假冒专项行动", "餐饮服务食品安全检查"])
    return {
        "title": f"关于{subject}的通知", "document_number": f"示市监发〔{year}〕{seq}号", "category": "art20-15",
        "department": "office", "summary": f"部署{year}年{subject}。",
        "body": f"<p>各有关单位：</p><p>为做好{year}年{subject}工作，现将有关事项通知如下。请各单位明确责任人，"
                f"联系人：办公室，电话 0999-81230000。</p>",
        "topics": subject,
    }


BUILDERS = [(_penalty, 40), (_spot_check, 20), (_normative, 8), (_licence, 12), (_budget, 4), (_notice, 16)]


def demo_records(count=300):
    """(data, published date) pairs, deterministic."""
    rng = random.Random(SEED)
    weights = [w for _, w in BUILDERS]
    out = []
    for seq in range(1, count + 1):
        build = rng.choices([b for b, _ in BUILDERS], weights=weights)[0]
        year = rng.choice(YEARS)
        formed = dt.date(year, rng.randint(1, 11), rng.randint(1, 28))
        formed = min(formed, LAST_FORMED)
        data = build(rng, year, seq)
        data["formed_on"] = formed
        # Most records go out well within 20 working days; a few are late, as in real life.
        delay = rng.choice([1, 2, 3, 5, 8, 12, 15]) if rng.random() > 0.05 else rng.randint(30, 45)
        published_on = min(formed + dt.timedelta(days=delay), LAST_PUBLICATION)
        published = timezone.make_aware(dt.datetime.combine(published_on, dt.time(9, 30)))
        validity = "valid"
        if data["category"] == "art20-1-normative" and year < 2024 and rng.random() < 0.4:
            validity = rng.choice(["expired", "abolished"])
            # The date it was declared abolished or expired: table 二 of the annual report counts it then.
            data["changed_on"] = min(dt.date(2024 + seq % 2, seq % 12 + 1, seq % 28 + 1), LAST_FORMED)
        data["validity"] = validity
        out.append((data, published))
    return out
