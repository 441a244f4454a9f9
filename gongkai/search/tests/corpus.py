"""A synthetic but realistic corpus for the search query set (test_query_set.py).

Every document has a stable key; object ids are assigned in list order (1, 2, …). Agencies,
people, companies and addresses are invented. Departments (ids):
1 办公室 · 2 法规科 · 3 执法支队 · 4 食品安全科 · 5 质量科 · 6 登记注册科 · 7 财务科 · 8 人事科
Validity codes: valid 有效 · expired 失效 · repealed 废止 · amended 已修订.
"""

import datetime as dt

OFFICE, LAW, ENFORCEMENT, FOOD, QUALITY, REGISTRATION, FINANCE, PERSONNEL = range(1, 9)

RECORD = "record"
INTERPRETATION = "interpretation"

DOCS: list[dict] = []


def doc(key, title, body, *, category, department, date, validity="valid", kind=RECORD):
    year, month, day = (int(p) for p in date.split("-"))
    DOCS.append(
        {
            "key": key,
            "kind": kind,
            "title": title,
            "body": body,
            "category": str(category),
            "department_id": department,
            "year": year,
            "validity": validity,
            "published_at": dt.datetime(year, month, day, 9, 0, tzinfo=dt.UTC),
        }
    )


# --- 1 行政法规、规章和规范性文件 -------------------------------------------------------------

doc(
    "pol-registration",
    "示范市市场监督管理局关于印发《示范市市场主体登记管理实施办法》的通知",
    "示市监发〔2021〕8号\n各区市场监督管理局，局机关各科室：\n"
    "《示范市市场主体登记管理实施办法》已经局务会议审议通过，现印发给你们，请认真贯彻执行。\n"
    "本办法自2021年9月1日起施行。申请人可以通过“一网通办”平台在线办理设立、变更、注销登记，"
    "营业执照电子版与纸质版具有同等法律效力。",
    category=1,
    department=REGISTRATION,
    date="2021-08-16",
)
doc(
    "pol-sampling-2020",
    "示范市食品安全抽样检验管理办法",
    "示市监规〔2020〕3号\n第一条 为规范食品安全抽样检验工作，根据《中华人民共和国食品安全法》制定本办法。\n"
    "第二条 本办法适用于本市各级市场监督管理部门组织实施的食品安全监督抽检和风险监测。\n"
    "第三条 抽样检验结果应当在20个工作日内向社会公布。",
    category=1,
    department=FOOD,
    date="2020-04-10",
    validity="amended",
)
doc(
    "pol-sampling-2023",
    "示范市食品安全抽样检验管理办法（2023年修订）",
    "示市监规〔2023〕2号\n第一条 为规范食品安全抽样检验工作，保障公众身体健康，制定本办法。\n"
    "第二条 抽检不合格食品的核查处置应当在收到检验报告之日起15个工作日内完成。\n"
    "第三条 网络食品交易第三方平台上销售的食品纳入抽样检验范围。本办法自2023年7月1日起施行。",
    category=1,
    department=FOOD,
    date="2023-06-20",
)
doc(
    "pol-individual-2019",
    "示范市个体工商户登记暂行规定",
    "示市监规〔2019〕1号\n为方便个体工商户办理登记，制定本规定。个体工商户可以个人经营，也可以家庭经营。"
    "经营者姓名和住所应当与身份证明一致。",
    category=1,
    department=REGISTRATION,
    date="2019-03-05",
    validity="repealed",
)
doc(
    "pol-repeal-individual",
    "关于废止《示范市个体工商户登记暂行规定》的决定",
    "示市监规〔2022〕4号\n根据《促进个体工商户发展条例》，经局务会议研究，决定废止《示范市个体工商户登记暂行规定》"
    "（示市监规〔2019〕1号）。本决定自公布之日起施行。",
    category=1,
    department=LAW,
    date="2022-11-01",
)
doc(
    "pol-discretion-2020",
    "示范市行政处罚裁量基准（试行）",
    "示市监规〔2020〕6号\n为规范行政处罚自由裁量权的行使，制定本基准。违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。",
    category=1,
    department=LAW,
    date="2020-09-15",
    validity="expired",
)
doc(
    "pol-discretion-2024",
    "示范市市场监督管理行政处罚裁量基准",
    "示市监规〔2024〕1号\n本基准适用于本市市场监督管理部门实施的行政处罚。初次违法且危害后果轻微并及时改正的，可以不予行政处罚。"
    "罚款数额按照从轻、一般、从重三个档次确定。",
    category=1,
    department=LAW,
    date="2024-03-01",
)
doc(
    "pol-online-trade",
    "示范市网络交易监督管理办法",
    "示市监规〔2025〕2号\n网络交易经营者应当在其首页显著位置持续公示营业执照信息。"
    "网络直播营销活动中，直播间运营者应当如实介绍商品。",
    category=1,
    department=LAW,
    date="2025-05-12",
)
doc(
    "pol-business-environment",
    "关于进一步优化营商环境的若干措施",
    "示市监发〔2022〕21号\n为持续优化营商环境，推出以下措施：一、企业开办全程网上办理，一个工作日内办结；"
    "二、推行“双随机、一公开”监管；三、对轻微违法行为实行包容审慎监管。",
    category=1,
    department=OFFICE,
    date="2022-04-18",
)
doc(
    "pol-price-rules",
    "示范市价格监督检查工作规则",
    "示市监规〔2019〕5号\n价格监督检查人员不得少于两人，并应当出示执法证件。经营者应当明码标价。",
    category=1,
    department=ENFORCEMENT,
    date="2019-07-22",
    validity="expired",
)
doc(
    "pol-special-equipment",
    "示范市特种设备安全监督管理办法",
    "示市监规〔2021〕3号\n电梯、锅炉、压力容器等特种设备的使用单位应当建立安全技术档案。"
    "电梯维护保养单位应当每15日进行一次清洁、润滑、调整和检查。",
    category=1,
    department=QUALITY,
    date="2021-06-30",
)
doc(
    "pol-metrology",
    "示范市计量监督管理办法",
    "示市监规〔2026〕1号\n集贸市场使用的电子计价秤应当经检定合格。加油机、出租车计价器实行强制检定。",
    category=1,
    department=QUALITY,
    date="2026-01-20",
)

# --- 2 机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名 ---------------------------------

doc(
    "org-functions",
    "示范市市场监督管理局主要职能",
    "负责市场综合监督管理，统一登记市场主体，组织市场监管综合执法，承担反垄断统一执法，"
    "负责产品质量安全监督管理、食品安全监督管理、特种设备安全监督、计量和标准化工作。",
    category=2,
    department=OFFICE,
    date="2019-01-10",
)
doc(
    "org-address",
    "办公地址和联系方式",
    "办公地址：示范市建设大道100号市政务服务中心东楼。邮政编码：100001。咨询电话：0000-12345678。"
    "办公时间：工作日上午9:00—12:00，下午13:30—17:30。",
    category=2,
    department=OFFICE,
    date="2024-09-02",
)
doc(
    "org-leaders",
    "局领导",
    "局长：孙建国，主持全面工作。副局长：周丽，负责食品安全、特种设备安全工作。副局长：郑伟，负责登记注册、执法稽查工作。",
    category=2,
    department=OFFICE,
    date="2025-02-14",
)
doc(
    "org-internal",
    "内设机构",
    "办公室、法规科、执法支队、食品安全科、质量科、登记注册科、财务科、人事科。各科室办公地点均在建设大道100号东楼。",
    category=2,
    department=OFFICE,
    date="2023-03-08",
)
doc(
    "org-hours-change",
    "关于调整夏季办公时间的通知",
    "自2025年7月1日起至9月30日，本局办公时间调整为：上午8:30—12:00，下午14:30—18:00。节假日按国家规定执行。",
    category=2,
    department=OFFICE,
    date="2025-06-25",
)

# --- 3 规划 -------------------------------------------------------------------------------

doc(
    "plan-14th",
    "示范市市场监管“十四五”规划",
    "到2025年，市场主体总量突破80万户，食品评价性抽检合格率稳定在98%以上，重点工业产品质量监督抽查合格率达到95%以上。",
    category=3,
    department=OFFICE,
    date="2021-12-28",
)
doc(
    "plan-standardization",
    "示范市标准化发展规划（2021—2025年）",
    "推动主导制定国家标准和行业标准，建设标准化试点示范项目，鼓励企业公开执行的标准。",
    category=3,
    department=QUALITY,
    date="2021-10-11",
)

# --- 4 统计信息 ---------------------------------------------------------------------------

_BULLETINS = [
    (2019, "52.3", "6.1", "15.8", "35.6", "2020-02-20"),
    (2020, "55.1", "5.4", "16.9", "37.2", "2021-02-22"),
    (2021, "59.8", "8.5", "18.6", "40.1", "2022-02-18"),
    (2022, "63.0", "5.4", "19.9", "42.0", "2023-02-21"),
    (2023, "67.4", "7.0", "21.7", "44.5", "2024-02-19"),
    (2024, "71.2", "5.6", "23.0", "46.9", "2025-02-24"),
    (2025, "74.9", "5.2", "24.4", "49.1", "2026-02-16"),
]
for year, total, growth, companies, individuals, published in _BULLETINS:
    doc(
        f"stat-{year}",
        f"示范市{year}年市场主体发展统计公报",
        f"截至{year}年底，全市实有各类市场主体{total}万户，同比增长{growth}%。"
        f"其中企业{companies}万户，个体工商户{individuals}万户。\n"
        f"注：本公报数据来源于市场主体登记系统，部分数据因四舍五入，合计数与分项数之和略有差异。",
        category=4,
        department=REGISTRATION,
        date=published,
    )
for key, title, body, published in [
    (
        "stat-2024q1",
        "2024年第一季度全市市场主体发展情况",
        "第一季度全市新设立市场主体1.8万户，其中新设企业0.6万户。新城区新设市场主体数量居各区首位。",
        "2024-04-15",
    ),
    (
        "stat-2024q2",
        "2024年第二季度全市市场主体发展情况",
        "第二季度全市新设立市场主体2.1万户，注销0.7万户。高新区新设企业同比增长12.3%。",
        "2024-07-16",
    ),
    (
        "stat-2025q1",
        "2025年第一季度全市市场主体发展情况",
        "第一季度全市新设立市场主体1.9万户。个体工商户占新设市场主体的六成。",
        "2025-04-14",
    ),
]:
    doc(key, title, body, category=4, department=REGISTRATION, date=published)

# --- 5 行政许可 ---------------------------------------------------------------------------

doc(
    "permit-food-guide",
    "食品经营许可办事指南",
    "办理依据：《中华人民共和国食品安全法》《食品经营许可和备案管理办法》。"
    "办理条件：具有与经营的食品品种、数量相适应的经营场所。办理时限：10个工作日。办理地点：建设大道100号政务服务中心二楼。",
    category=5,
    department=FOOD,
    date="2023-01-05",
)
for month, count, published in [(1, 316, "2024-02-05"), (2, 208, "2024-03-04"), (3, 355, "2024-04-03")]:
    doc(
        f"permit-food-2024-{month:02d}",
        f"2024年{month}月食品经营许可办理结果公示",
        f"2024年{month}月共核发食品经营许可证{count}件，办理结果详见附件。",
        category=5,
        department=FOOD,
        date=published,
    )
doc(
    "permit-industrial",
    "工业产品生产许可证办理结果（2025年第3期）",
    "示范市宏达电器有限公司等12家企业取得工业产品生产许可证，产品包括电线电缆、危险化学品包装物。",
    category=5,
    department=QUALITY,
    date="2025-03-28",
)

# --- 6 行政处罚、行政强制 -----------------------------------------------------------------

_APPEAL = (
    "当事人如不服本决定，可以在收到本决定书之日起六十日内向示范市人民政府申请行政复议，"
    "也可以在六个月内依法向人民法院提起行政诉讼。"
)
_PENALTIES = [
    (
        "pen-zhangwei",
        "示市监处罚〔2024〕12号",
        "当事人：张伟，男，经营场所：示范市新城区政通路12号。",
        "经查，当事人于2024年3月销售超过保质期的饼干20盒，货值金额300元。",
        "没收超过保质期的饼干20盒，罚款5000元",
        "2024-05-08",
    ),
    (
        "pen-zhangweihua",
        "示市监处罚〔2023〕45号",
        "当事人：张伟华，女，住所：示范市建设大道88号。",
        "经查，当事人未取得营业执照，在建设大道88号从事餐饮服务经营活动。",
        "责令停止违法行为，罚款3000元",
        "2023-08-21",
    ),
    (
        "pen-xinweihua",
        "示市监处罚〔2022〕112号",
        "当事人：示范市鑫伟华贸易有限公司，统一社会信用代码：91000000MA0000001X，住所：示范市高新区科技路6号。",
        "经查，当事人在其网店宣传普通食品具有治疗疾病功效，构成虚假宣传。",
        "责令停止违法行为，消除影响，罚款20万元",
        "2022-10-12",
    ),
    (
        "pen-wangfang",
        "示市监处罚〔2021〕7号",
        "当事人：王芳，女，经营场所：示范市老城区人民路3号。",
        "经查，当事人经营的水果店未按规定明码标价。",
        "警告，罚款500元",
        "2021-06-03",
    ),
    (
        "pen-lina",
        "示市监处罚〔2024〕112号",
        "当事人：示范市李娜五金店（个体工商户），经营者：李娜，经营场所：示范市老城区和平街18号。",
        "经查，当事人销售的电线电缆经抽查检验不合格。",
        "没收不合格电线电缆，罚款8000元",
        "2024-09-19",
    ),
    (
        "pen-liuyang",
        "示市监处罚〔2020〕33号",
        "当事人：刘洋，男，经营场所：示范市新城区农贸市场A区15号摊位。",
        "经查，当事人使用的电子计价秤未经检定，属于强制检定的计量器具。",
        "责令改正，罚款1000元",
        "2020-11-26",
    ),
    (
        "pen-ouyang",
        "示市监处罚〔2025〕9号",
        "当事人：欧阳娜娜，女，网络店铺经营者，住所：示范市高新区创业大街5号。",
        "经查，当事人在网络直播营销中未在首页公示营业执照信息。",
        "责令改正，罚款2000元",
        "2025-07-30",
    ),
    (
        "pen-fushun",
        "示市监处罚〔2019〕28号",
        "当事人：示范市福顺食品有限公司，住所：示范市建设大道南段200号。",
        "经查，当事人生产的糕点菌落总数不符合食品安全标准。",
        "没收违法所得，罚款5万元",
        "2019-12-09",
    ),
    (
        "pen-yuelai",
        "示市监处罚〔2022〕64号",
        "当事人：示范市新城区悦来餐馆（个体工商户），经营者：陈静，经营场所：示范市新城区政通路56号。",
        "经查，当事人使用超过保质期的食品原料加工食品。",
        "没收违法所得，罚款1万元",
        "2022-06-17",
    ),
    (
        "pen-hongda",
        "示市监处罚〔2023〕90号",
        "当事人：示范市宏达电器有限公司，住所：示范市高新区科技路18号。",
        "经查，当事人销售的电热水壶经监督抽查不合格。",
        "没收不合格产品，罚款3万元",
        "2023-12-01",
    ),
    (
        "pen-haoyunlai",
        "示市监处罚〔2021〕51号",
        "当事人：示范市好运来大药房有限公司，住所：示范市老城区人民路99号。",
        "经查，当事人销售的医用口罩标签标识不符合规定。",
        "警告，罚款2000元",
        "2021-03-15",
    ),
    (
        "pen-zhaoqiang",
        "示市监处罚〔2026〕3号",
        "当事人：赵强，男，经营场所：示范市新城区幸福路7号。",
        "经查，当事人未取得营业执照从事电动自行车维修经营活动。",
        "责令停止违法行为，罚款1000元",
        "2026-02-03",
    ),
]
for key, number, party, facts, decision, published in _PENALTIES:
    party_name = party.split("，")[0].removeprefix("当事人：")
    doc(
        key,
        f"示范市市场监督管理局行政处罚决定书（{number}）",
        f"{number}\n{party}\n{facts}上述行为违反了有关法律法规的规定。\n本局决定：{decision}。{_APPEAL}",
        category=6,
        department=ENFORCEMENT,
        date=published,
    )
    DOCS[-1]["party"] = party_name
doc(
    "pen-revoke-wangfang",
    "关于撤销示市监处罚〔2021〕7号行政处罚决定的公告",
    "经复查，示市监处罚〔2021〕7号行政处罚决定书适用依据错误，本局决定予以撤销。",
    category=6,
    department=ENFORCEMENT,
    date="2021-09-10",
)
doc(
    "pen-seizure",
    "示范市市场监督管理局实施查封扣押行政强制措施情况（2024年）",
    "2024年全年共实施查封、扣押行政强制措施46件，涉及不合格食品、假冒注册商标商品和无证生产的特种设备。",
    category=6,
    department=ENFORCEMENT,
    date="2025-01-20",
)
doc(
    "pen-basis",
    "行政处罚的依据、条件和程序",
    "行政处罚依据《中华人民共和国行政处罚法》《市场监督管理行政处罚程序规定》实施。"
    "作出较大数额罚款决定之前，应当告知当事人有要求听证的权利。",
    category=6,
    department=LAW,
    date="2021-07-15",
)

# --- 7 财政预算、决算 ---------------------------------------------------------------------

for key, title, body, published in [
    (
        "budget-2024",
        "示范市市场监督管理局2024年部门预算",
        "2024年部门收支总预算18650.32万元。“三公”经费预算86.5万元，比上年减少4.2万元。",
        "2024-02-08",
    ),
    (
        "budget-2025",
        "示范市市场监督管理局2025年部门预算",
        "2025年部门收支总预算19210.48万元。“三公”经费预算82.3万元。",
        "2025-02-10",
    ),
    (
        "final-2022",
        "示范市市场监督管理局2022年部门决算",
        "2022年度收入总计17985.06万元，支出总计17850.21万元。“三公”经费支出79.4万元。",
        "2023-08-25",
    ),
    (
        "final-2023",
        "示范市市场监督管理局2023年部门决算",
        "2023年度收入总计18420.77万元，支出总计18301.65万元。“三公”经费支出81.0万元。",
        "2024-08-27",
    ),
]:
    doc(key, title, body, category=7, department=FINANCE, date=published)

# --- 8 行政事业性收费 ---------------------------------------------------------------------

doc(
    "fees-2020",
    "示范市市场监督管理局行政事业性收费项目目录（2020年版）",
    "收费项目：特种设备检验检测费、计量器具强制检定费。收费依据：省财政厅、省发展改革委有关文件。",
    category=8,
    department=FINANCE,
    date="2020-01-15",
    validity="expired",
)
doc(
    "fees-2024",
    "示范市市场监督管理局行政事业性收费项目目录（2024年版）",
    "自2024年1月1日起，计量器具强制检定费停止征收。现行收费项目：特种设备检验检测费。",
    category=8,
    department=FINANCE,
    date="2024-01-02",
)

# --- 9 政府集中采购 -----------------------------------------------------------------------

doc(
    "proc-2024",
    "2024年政府集中采购目录执行情况",
    "2024年本局政府集中采购预算金额632.5万元，实际采购金额598.1万元，节约资金34.4万元。",
    category=9,
    department=FINANCE,
    date="2025-01-25",
)
doc(
    "proc-rapid-test",
    "食品快速检测设备采购项目中标公告",
    "项目编号：SF-CG-2023-017。中标供应商：示范市华测仪器有限公司，中标金额：126.8万元。",
    category=9,
    department=FINANCE,
    date="2023-05-19",
)

# --- 10 重大建设项目 -----------------------------------------------------------------------

doc(
    "proj-lab-approval",
    "示范市食品检验检测中心建设项目批准信息",
    "项目位于示范市高新区科技路30号，总建筑面积2.4万平方米，总投资3.2亿元，经市发展改革委批准建设。",
    category=10,
    department=OFFICE,
    date="2022-03-30",
)
doc(
    "proj-lab-progress",
    "示范市食品检验检测中心建设项目实施进展",
    "截至2024年6月底，主体结构已封顶，完成投资2.1亿元，计划于2025年投入使用。",
    category=10,
    department=OFFICE,
    date="2024-07-05",
)

# --- 11 扶贫、教育、医疗、社会保障、促进就业 -------------------------------------------------

doc(
    "jobs-graduates",
    "关于支持高校毕业生创业的市场主体登记便利措施",
    "高校毕业生申请设立个体工商户的，可以使用住所作为经营场所；登记实行“一次都不跑”。",
    category=11,
    department=REGISTRATION,
    date="2023-06-12",
)
doc(
    "jobs-individual-support",
    "个体工商户纾困帮扶政策汇编",
    "包括减免房租、小额担保贷款、社保补贴等政策。符合条件的个体工商户可以向所在区市场监督管理局咨询。",
    category=11,
    department=REGISTRATION,
    date="2022-07-21",
)

# --- 12 突发公共事件 ----------------------------------------------------------------------

doc(
    "emerg-plan-2020",
    "示范市食品安全事故应急预案",
    "食品安全事故分为特别重大、重大、较大和一般四级。事故发生后，事发单位应当在2小时内报告。",
    category=12,
    department=FOOD,
    date="2020-05-28",
    validity="amended",
)
doc(
    "emerg-plan-2025",
    "示范市食品安全事故应急预案（2025年修订）",
    "本预案适用于本市行政区域内发生的食品安全事故的应对工作。事故发生后，事发单位应当在1小时内报告。",
    category=12,
    department=FOOD,
    date="2025-04-30",
)
doc(
    "emerg-heat",
    "关于高温天气食品安全的消费提示",
    "高温天气食物容易腐败变质，请消费者购买食品时查看保质期，剩饭剩菜应当及时冷藏。",
    category=12,
    department=FOOD,
    date="2024-07-10",
)
doc(
    "emerg-flood",
    "汛期特种设备安全预警",
    "汛期来临，请电梯使用单位做好地下室电梯防水措施，发现进水立即停止运行并报告。",
    category=12,
    department=QUALITY,
    date="2023-07-03",
)

# --- 13 监督检查 --------------------------------------------------------------------------

doc(
    "check-food-2023",
    "2023年食品安全监督抽检情况通报",
    "2023年全市共完成食品安全监督抽检12,560批次，合格率98.6%。不合格项目主要为农药残留、微生物污染。",
    category=13,
    department=FOOD,
    date="2024-01-30",
)
doc(
    "check-food-2024",
    "2024年食品安全监督抽检情况通报",
    "2024年全市共完成食品安全监督抽检13,240批次，合格率98.9%。对抽检不合格食品均已依法核查处置。",
    category=13,
    department=FOOD,
    date="2025-01-28",
)
for issue, products, published in [
    (1, "电线电缆、电热水壶、儿童玩具", "2024-05-20"),
    (2, "电动自行车、燃气灶具、消防产品", "2024-10-22"),
]:
    doc(
        f"check-quality-2024-{issue}",
        f"2024年产品质量监督抽查结果公告（第{issue}期）",
        f"本期抽查{products}等产品，不合格产品生产企业名单见附件。",
        category=13,
        department=QUALITY,
        date=published,
    )
doc(
    "check-random",
    "2025年“双随机、一公开”抽查计划",
    "2025年度随机抽查事项清单共列入食品经营、特种设备、计量器具等32项，抽查比例不低于3%。",
    category=13,
    department=ENFORCEMENT,
    date="2025-03-10",
)
doc(
    "check-elevator",
    "电梯安全专项检查情况通报",
    "专项检查电梯1,206台，发现隐患56处，已全部督促整改。建设大道沿线商业综合体电梯全部检查完毕。",
    category=13,
    department=QUALITY,
    date="2023-11-14",
)

# --- 14 公务员招考 ------------------------------------------------------------------------

doc(
    "civil-2024-positions",
    "示范市市场监督管理局2024年度考试录用公务员职位表",
    "本次招录一级科员5名，其中执法支队3名、食品安全科2名。报考条件：全日制本科及以上学历。",
    category=14,
    department=PERSONNEL,
    date="2023-11-01",
)
doc(
    "civil-2024-result",
    "示范市市场监督管理局2024年度考试录用公务员拟录用人员公示",
    "拟录用人员：孙丽、周杰、吴敏、郑浩、钱多多。公示期5个工作日。",
    category=14,
    department=PERSONNEL,
    date="2024-06-18",
)
doc(
    "civil-2025-positions",
    "示范市市场监督管理局2025年度考试录用公务员职位表",
    "本次招录一级科员4名，其中登记注册科2名、质量科2名。",
    category=14,
    department=PERSONNEL,
    date="2024-11-04",
)

# --- 15 其他 ------------------------------------------------------------------------------

doc(
    "ogi-points-2024",
    "示范市市场监督管理局2024年政务公开工作要点",
    "一、加强政策解读，做到政策文件与解读材料同步起草、同步审签、同步发布。\n"
    "二、推进行政处罚决定信息公开。\n三、做好政府信息依申请公开工作。",
    category=15,
    department=OFFICE,
    date="2024-04-25",
)
doc(
    "ogi-report-2023",
    "示范市市场监督管理局2023年政府信息公开工作年度报告",
    "2023年主动公开政府信息326条，收到政府信息公开申请41件，全部按期答复。",
    category=15,
    department=OFFICE,
    date="2024-01-18",
)
doc(
    "ogi-report-2024",
    "示范市市场监督管理局2024年政府信息公开工作年度报告",
    "2024年主动公开政府信息358条，收到政府信息公开申请37件。行政复议、行政诉讼情况见表格。",
    category=15,
    department=OFFICE,
    date="2025-01-16",
)
doc(
    "ogi-guide",
    "政府信息公开指南",
    "申请人可以通过当面、邮寄或者网上申请等方式提出政府信息公开申请。"
    "受理机构：示范市市场监督管理局政务公开办公室，地址：示范市建设大道100号。",
    category=15,
    department=OFFICE,
    date="2025-03-03",
)
doc(
    "notice-315",
    "关于开展2025年“3·15”国际消费者权益日主题活动的通知",
    "今年主题为“共筑满意消费”。各区局于3月15日在人民广场开展咨询服务活动。",
    category=15,
    department=OFFICE,
    date="2025-03-06",
)
doc(
    "notice-accessibility",
    "关于落实GB/T 37668-2019网站无障碍技术要求的通知",
    "各科室：按照ＧＢ／Ｔ　３７６６８－２０１９《信息技术 互联网内容无障碍可访问性技术要求与测试方法》，"
    "局网站应当提供适老化和无障碍服务。",
    category=15,
    department=OFFICE,
    date="2022-08-09",
)
doc(
    "notice-english",
    "Guide for Foreign-Invested Enterprise Registration",
    "Foreign investors may apply online. The Registration Section (登记注册科) accepts applications "
    "on working days. Contact: 0000-12345678.",
    category=15,
    department=REGISTRATION,
    date="2023-09-15",
)

# --- 政策解读 (interpretations) -----------------------------------------------------------------

doc(
    "int-registration",
    "《示范市市场主体登记管理实施办法》政策解读",
    "一、制定背景：为落实《中华人民共和国市场主体登记管理条例》。"
    "二、主要内容：明确登记事项和备案事项，推行电子营业执照。三、适用对象：本市各类市场主体。",
    category=1,
    department=REGISTRATION,
    date="2021-08-17",
    kind=INTERPRETATION,
)
doc(
    "int-sampling-2023",
    "一图读懂《示范市食品安全抽样检验管理办法（2023年修订）》",
    "修订亮点：网络食品纳入抽检范围；不合格食品核查处置时限缩短为15个工作日。",
    category=1,
    department=FOOD,
    date="2023-06-21",
    kind=INTERPRETATION,
)
doc(
    "int-discretion-2024",
    "《示范市市场监督管理行政处罚裁量基准》解读",
    "新基准细化了从轻、减轻、不予行政处罚的情形，明确“首违不罚”清单，促进严格规范公正文明执法。",
    category=1,
    department=LAW,
    date="2024-03-02",
    kind=INTERPRETATION,
)
doc(
    "int-online-trade-expert",
    "专家解读：网络交易监督管理办法的五个亮点",
    "华东政法大学李明教授认为，办法压实平台责任，规范网络直播营销，保护消费者合法权益。",
    category=1,
    department=LAW,
    date="2025-05-13",
    kind=INTERPRETATION,
)
doc(
    "int-business-head",
    "局长解读优化营商环境若干措施",
    "孙建国局长表示，企业开办一个工作日办结后，全市新设企业数量明显增长。",
    category=1,
    department=OFFICE,
    date="2022-04-19",
    kind=INTERPRETATION,
)
doc(
    "int-special-equipment",
    "《示范市特种设备安全监督管理办法》问答",
    "问：电梯多久维护保养一次？答：每15日至少一次。问：谁对电梯安全负责？答：使用单位。",
    category=1,
    department=QUALITY,
    date="2021-07-01",
    kind=INTERPRETATION,
)
doc(
    "int-repeal-individual",
    "关于废止《示范市个体工商户登记暂行规定》的解读",
    "《促进个体工商户发展条例》施行后，原暂行规定的内容已被上位法涵盖，因此予以废止。",
    category=1,
    department=LAW,
    date="2022-11-02",
    kind=INTERPRETATION,
)
doc(
    "int-ogi-points",
    "图解：2024年政务公开工作要点",
    "用三张图看懂本局2024年政务公开重点任务：政策解读、处罚公开、依申请公开。",
    category=15,
    department=OFFICE,
    date="2024-04-26",
    kind=INTERPRETATION,
)
doc(
    "int-metrology",
    "《示范市计量监督管理办法》政策解读",
    "集贸市场经营者使用的电子计价秤需要每年检定一次，检定不收费。",
    category=1,
    department=QUALITY,
    date="2026-01-21",
    kind=INTERPRETATION,
)
doc(
    "int-price-rules",
    "《示范市价格监督检查工作规则》解读",
    "规则明确了价格监督检查的程序，经营者应当明码标价，不得价外加价。",
    category=1,
    department=ENFORCEMENT,
    date="2019-07-23",
    validity="expired",
    kind=INTERPRETATION,
)
doc(
    "int-stat-2024",
    "数说2024年全市市场主体发展",
    "2024年全市市场主体总量突破70万户，个体工商户占比近三分之二，新城区、高新区增长最快。",
    category=4,
    department=REGISTRATION,
    date="2025-02-25",
    kind=INTERPRETATION,
)


# --- consumer tips and work news: a broad background of everyday items ----------------------

_TIPS = [
    ("tip-mooncake", "中秋月饼消费提示", "选购月饼时注意查看生产日期和保质期，警惕过度包装。", 12, FOOD, "2024-09-10"),
    ("tip-new-year", "春节年货选购消费提示", "购买年货应当选择证照齐全的商户，索要购物凭证。", 12, FOOD, "2025-01-15"),
    (
        "tip-prepaid",
        "预付式消费风险提示",
        "办理预付卡前应当查看经营者营业执照，签订书面合同，不要一次性大额充值。",
        15,
        OFFICE,
        "2023-04-12",
    ),
    (
        "tip-livestream",
        "网络直播购物消费提示",
        "直播间下单前核实商家资质，保存聊天记录和付款凭证。",
        15,
        LAW,
        "2024-11-08",
    ),
    (
        "tip-gas-stove",
        "燃气灶具安全使用提示",
        "请选购带有熄火保护装置的燃气灶具，定期检查软管是否老化。",
        13,
        QUALITY,
        "2023-12-20",
    ),
    (
        "tip-ebike",
        "电动自行车安全消费提示",
        "不要购买非法改装的电动自行车，充电时远离易燃物。",
        13,
        QUALITY,
        "2024-04-08",
    ),
    (
        "tip-school-food",
        "开学季校园食品安全提示",
        "学校食堂应当落实食品安全校长负责制，严禁采购来源不明的食品原料。",
        12,
        FOOD,
        "2025-08-28",
    ),
    (
        "tip-wild-mushroom",
        "关于谨防误食野生菌中毒的消费提示",
        "不采摘、不购买、不食用野生菌，出现不适症状及时就医。",
        12,
        FOOD,
        "2023-06-02",
    ),
]
for key, title, body, category, department, published in _TIPS:
    doc(key, title, body, category=category, department=department, date=published)

_NEWS = [
    (
        "news-training-2019",
        "我局举办2019年行政执法人员培训班",
        "培训内容包括行政处罚程序、执法文书制作和执法记录仪使用。",
        ENFORCEMENT,
        "2019-05-16",
    ),
    (
        "news-training-2023",
        "我局举办2023年行政执法人员培训班",
        "来自各区局的120名执法人员参加培训，考试合格率100%。",
        ENFORCEMENT,
        "2023-05-22",
    ),
    (
        "news-open-day",
        "我局举办政府开放日活动",
        "20名市民代表走进食品检验检测实验室，了解食品抽检流程。",
        OFFICE,
        "2024-05-15",
    ),
    (
        "news-hearing",
        "关于召开计量器具检定收费听证会的公告",
        "听证会定于2019年10月12日上午9时在建设大道100号东楼三楼会议室召开。",
        FINANCE,
        "2019-09-20",
    ),
    (
        "news-smart-market",
        "智慧农贸市场建设试点工作启动",
        "首批5家农贸市场试点电子计价秤联网和食品快速检测数据公示。",
        FOOD,
        "2022-09-06",
    ),
    (
        "news-credit-repair",
        "信用修复办理指南",
        "被列入经营异常名录的企业，补报年报后可以申请移出。",
        REGISTRATION,
        "2021-11-30",
    ),
    (
        "news-annual-report",
        "关于做好2025年度企业年度报告公示工作的通知",
        "企业应当于每年1月1日至6月30日报送上一年度年度报告。",
        REGISTRATION,
        "2026-01-05",
    ),
    (
        "news-trademark",
        "商标侵权案件办理情况",
        "2023年查处商标侵权案件37件，罚没款186万元。",
        ENFORCEMENT,
        "2024-03-12",
    ),
    (
        "news-standard-day",
        "世界标准日宣传活动在人民广场举行",
        "活动展示了标准化试点示范项目成果。",
        QUALITY,
        "2020-10-14",
    ),
    (
        "news-metrology-day",
        "5·20世界计量日宣传活动",
        "计量检定人员现场为市民免费检定家用血压计。",
        QUALITY,
        "2021-05-20",
    ),
    (
        "news-anti-fraud",
        "关于防范冒充市场监管人员诈骗的提醒",
        "市场监管部门不会通过电话要求企业转账缴费，请提高警惕。",
        OFFICE,
        "2025-10-09",
    ),
    (
        "news-petition",
        "局领导接待群众来访日安排",
        "每月第一个星期三上午，局领导在建设大道100号东楼一楼接待群众来访。",
        OFFICE,
        "2020-03-02",
    ),
]
for key, title, body, department, published in _NEWS:
    doc(key, title, body, category=15, department=department, date=published)

doc(
    "news-appointment",
    "关于张伟等3名同志拟任职的公示",
    "经局党组研究，拟任命张伟为执法支队副支队长，李华为登记注册科科长，王磊为质量科副科长。公示期5个工作日。",
    category=2,
    department=PERSONNEL,
    date="2025-09-01",
)
doc(
    "news-market-upgrade",
    "老城区人民路农贸市场升级改造完成",
    "人民路农贸市场改造后新增电子计价秤120台、食品快速检测室1间，于2023年10月重新开业。",
    category=15,
    department=FOOD,
    date="2023-10-18",
)
doc(
    "news-standard-pilots",
    "关于第二批市级标准化试点示范项目验收结果的公示",
    "经专家评审，示范市华测仪器有限公司等8个项目通过验收。",
    category=13,
    department=QUALITY,
    date="2022-12-05",
)
doc(
    "stat-complaints-2019",
    "2019年全市消费者投诉举报情况分析",
    "2019年全市通过12315热线受理消费者投诉2.3万件，为消费者挽回经济损失860万元。",
    category=4,
    department=OFFICE,
    date="2020-03-13",
)
doc(
    "stat-complaints-2022",
    "2022年全市消费者投诉举报情况分析",
    "2022年受理消费者投诉3.1万件，预付式消费投诉增长明显。",
    category=4,
    department=OFFICE,
    date="2023-03-14",
)
doc(
    "stat-12315-2024",
    "12315热线工作情况通报（2024年）",
    "2024年12315热线接听来电15.6万次，按时办结率99.2%。",
    category=4,
    department=OFFICE,
    date="2025-03-11",
)
doc(
    "pol-ebike-draft",
    "关于公开征求《示范市电动自行车销售管理办法（征求意见稿）》意见的公告",
    "征求意见时间为2025年6月1日至6月30日。公众可以通过电子邮件或者信函提出意见。",
    category=1,
    department=LAW,
    date="2025-06-01",
    validity="expired",
)
doc(
    "pol-ebike",
    "示范市电动自行车销售管理办法",
    "示市监规〔2025〕5号\n销售者不得销售非法改装的电动自行车，应当向消费者提供产品合格证。",
    category=1,
    department=LAW,
    date="2025-10-20",
)
doc(
    "pol-anti-unfair",
    "示范市反不正当竞争工作要点（2020年）",
    "重点查处仿冒混淆、虚假宣传、商业贿赂等不正当竞争行为。",
    category=1,
    department=ENFORCEMENT,
    date="2020-04-02",
    validity="expired",
)
doc(
    "news-contract-credit",
    "关于公布2024年度守合同重信用企业名单的公告",
    "示范市福顺食品有限公司等56家企业被认定为2024年度守合同重信用企业。",
    category=15,
    department=REGISTRATION,
    date="2025-04-22",
)


KEYS = [d["key"] for d in DOCS]
assert len(KEYS) == len(set(KEYS)), "duplicate keys"


def object_id(key: str) -> int:
    return KEYS.index(key) + 1
