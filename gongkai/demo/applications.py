"""The demo register of disclosure applications (依申请公开, RULES.md §3) of 示范市市场监督管理局.

Deterministic (fixed seed): about 320 synthetic applications received over the two years up
to the demo's "today", each built THROUGH the intake and handling services with explicit past
dates, so that its events, letters, audit entries, groups and proposals are the real ones.
Every stage, every outcome of the codebook (RULES.md §3.3), every channel and applicant type
appears, with corrections, consultations, fees (paid and unpaid), extensions, Art. 35 dates,
overdue cases, petitions, passed-on letters, repeats, groups of applicants asking for the same
information (Art. 44) and reconsideration and litigation with every result.

The calendar fails closed (RULES.md §1). The demo's "today" is the real today, or the last day
of the last year the calendar covers if that is earlier; cases still open are dated so that
every window they have running (reply, correction, payment, consultation) ends within covered
years. A step the services still refuse (for instance when the register is loaded years later
with no calendar for the current year) is skipped and logged: the case stays at the step
before, and the load goes on.

All names, numbers and texts are synthetic: resident IDs and credit codes have valid check
characters but belong to nobody; phone numbers and e-mail addresses are made up.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.applications import choices, clock_events, intake, outcomes, remedies, services
from gongkai.applications.errors import Refused
from gongkai.applications.models import DisclosureApplication
from gongkai.demo.records import DISTRICTS, GIVEN, PRODUCTS, STREETS, SURNAMES
from gongkai.privacy.checksums import USCC_CHARSET, id_check_char, uscc_check_char
from gongkai.workcalendar.clock import CalendarYearMissing
from gongkai.workcalendar.services import load_calendar

logger = logging.getLogger(__name__)

SEED = 20261128
SPAN_DAYS = 730  # the register covers about two years up to the demo's today
# Synthetic area codes: resident IDs use the demo records' codes (a real province prefix is part of the
# checksum rules); credit codes use the demo agency's own 999900.
ID_AREAS = ("110105", "360426", "320102", "440304", "510107")
USCC_AREA = "999900"
USERNAMES = ("ogi", "ogi2", "ogi.head", "editor", "reviewer", "head", "editor.food", "head.food")

# (drafter, reviewer, approver, handler) by handling department: the department drafts, a second person
# reviews, the department head approves (drafter ≠ reviewer ≠ approver, RULES.md §2 Art. 17 practice).
TEAMS = {
    "quality": ("editor", "reviewer", "head", "editor"),
    "food": ("editor.food", "ogi2", "head.food", "editor.food"),
    "office": ("ogi", "ogi2", "ogi.head", "ogi"),
}

# --- synthetic applicants ---------------------------------------------------------------------------------

BRANDS = ("恒达", "宏远", "佳禾", "瑞丰", "鑫源", "华腾", "明达", "众诚", "新锐", "金穗", "安泰", "博雅", "德润",
          "长青", "丰源", "和信", "嘉诚", "锦程", "凯越", "蓝天", "绿洲", "美佳", "启航", "荣盛", "盛世", "天成",
          "万家", "旭日")
TRADES = ("电器", "食品", "商贸", "建材", "科技", "服装", "医疗器械", "餐饮管理", "化妆品", "家具", "电动车", "粮油",
          "母婴用品", "五金", "包装材料")
RESEARCH = ("示范市质量发展研究院", "示范大学公共政策研究所", "示范大学食品科学与工程研究中心", "示范市标准化研究所",
            "示范理工学院消费品安全实验室", "示范市社会科学院法治研究中心", "示范市营商环境研究中心")
PUBLIC_INTEREST = ("示范市消费者权益志愿服务中心", "示范市绿色食品促进会", "示范市老年人关爱协会",
                   "示范市食品安全公益服务中心", "示范市环境与健康公益研究会", "示范市残疾人互助协会")
LAW_FIRMS = ("示范正衡律师事务所", "示范明法律师事务所", "示范诚信律师事务所", "示范天平律师事务所",
             "示范致远律师事务所", "示范市法律援助中心")
OTHER_ORGS = ("示范市滨江路社区居民委员会", "阳光花园小区业主委员会", "示范市个体劳动者协会东城分会",
              "南湖区新华路商户联合会", "北山县青石村村民委员会", "示范市家具行业协会")
ORG_PREFIX = {"business": "91", "research": "12", "public_interest": "52", "legal_service": "31", "other_org": "Y1"}

FORMS_AND_ROUTES = (("electronic", "email"), ("electronic", "email"), ("electronic", "online"), ("paper", "post"),
                    ("paper", "pickup"), ("viewing", "pickup"))
DELIVERY_FOR_ROUTE = {"email": "email", "online": "online", "post": "post", "pickup": "pickup", "fax": "fax"}


@dataclass
class Applicant:
    kind: str
    name: str
    id_type: str
    id_number: str
    phone: str
    email: str
    address: str
    postcode: str
    contact_person: str = ""


class People:
    """Synthetic applicants: people with resident IDs, organisations with credit codes (valid checksums)."""

    def __init__(self, rng):
        self.rng = rng
        self.used_ids = set()
        self.used_names = set()
        self.seq = 0

    def _person_name(self):
        rng = self.rng
        return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))

    def _resident_id(self):
        rng = self.rng
        while True:
            born = dt.date(rng.randint(1955, 2003), rng.randint(1, 12), rng.randint(1, 28))
            body = rng.choice(ID_AREAS) + born.strftime("%Y%m%d") + f"{rng.randint(900, 999):03d}"
            number = body + id_check_char(body)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def _uscc(self, kind):
        rng = self.rng
        while True:
            organisation = ("MA" if kind == "business" else "") + "".join(
                rng.choice(USCC_CHARSET) for _ in range(9 if kind != "business" else 7))
            body = ORG_PREFIX[kind] + USCC_AREA + organisation
            code = body + uscc_check_char(body)
            if code not in self.used_ids:
                self.used_ids.add(code)
                return code

    def _address(self, home):
        rng = self.rng
        base = f"示范市{rng.choice(DISTRICTS)}{rng.choice(STREETS)}{rng.randint(1, 388)}号"
        if home:
            base += f"{rng.randint(1, 24)}栋{rng.randint(1, 4)}单元{rng.randint(1, 28)}0{rng.randint(1, 4)}室"
        return base

    def _mobile(self):
        rng = self.rng
        return f"1{rng.choice('35789')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"

    def company_name(self):
        rng = self.rng
        while True:
            name = f"示范市{rng.choice(BRANDS)}{rng.choice(TRADES)}有限公司"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def make(self, kind):
        rng = self.rng
        self.seq += 1
        postcode = f"9990{rng.randint(1, 40):02d}"
        if kind == choices.NATURAL_PERSON:
            return Applicant(kind, self._person_name(), choices.RESIDENT_ID, self._resident_id(), self._mobile(),
                             f"applicant{self.seq:04d}@example.com" if rng.random() < 0.7 else "",
                             self._address(True), postcode)
        name = {"business": self.company_name, "research": lambda: rng.choice(RESEARCH),
                "public_interest": lambda: rng.choice(PUBLIC_INTEREST), "legal_service": lambda: rng.choice(LAW_FIRMS),
                "other_org": lambda: rng.choice(OTHER_ORGS)}[kind]()
        phone = self._mobile() if rng.random() < 0.5 else f"0999-8{rng.randint(1000000, 9999999)}"
        return Applicant(kind, name, choices.USCC, self._uscc(kind), phone, f"office{self.seq:04d}@example.org",
                         self._address(False), postcode, contact_person=self._person_name())


# --- what is asked for, and the reply ------------------------------------------------------------------------

PLACES = ("人民医院门诊楼", "万达广场", "滨江花园小区 3 号楼", "市图书馆", "火车站候车室", "第一中学教学楼")
TOPICS = ("农贸市场提档升级", "电动自行车充电安全", "校园周边食品安全", "预付式消费监管", "直播带货监管",
          "老旧小区电梯更新", "餐饮油烟治理")
OTHER_AGENCIES = ("示范市住房和城乡建设局", "示范市生态环境局", "示范市卫生健康委员会", "示范市交通运输局",
                  "示范市自然资源和规划局", "南湖区人民政府")


def _doc(rng, kind, year):
    return f"示市监{kind}〔{year}〕{rng.randint(3, 96)}号"


def topic_for(outcome, rng, people, year):
    """(department, info_title, info_doc_number, info_description) fitting an outcome."""
    product, company = rng.choice(PRODUCTS), people.company_name()
    district, month = rng.choice(DISTRICTS), rng.randint(1, 12)
    spot = ("quality", f"{year}年{product}产品质量监督抽查结果", _doc(rng, "质", year) if rng.random() < 0.4 else "",
            f"希望获取{year}年本市{product}产品质量监督抽查的企业名单、抽查批次和不合格项目，用于消费者选购参考。")
    penalty = (rng.choice(("quality", "food")), f"对{company}作出的行政处罚决定书", _doc(rng, "罚", year),
               f"{company}因销售不合格{product}被处罚，请提供行政处罚决定书。")
    complaint = (rng.choice(("quality", "food")), f"本人{year}年{month}月投诉{company}一事的调查处理结果", "",
                 f"本人于{year}年{month}月通过 12315 平台投诉{company}销售的{product}存在质量问题，"
                 "希望获取贵局的调查处理结果。")
    sampling = ("food", f"{year}年第{rng.randint(1, 4)}季度食品安全监督抽检结果", "",
                f"请提供{year}年本市食品安全监督抽检中不合格食品的生产经营者名单和不合格项目。")
    licence = ("food", f"{company}食品经营许可证的审批结果", "",
               f"请提供{company}食品经营许可证的核发日期、许可范围和有效期。")
    elevator = ("quality", f"{district}{rng.choice(PLACES)}电梯定期检验报告", "",
                "本人居住（工作）的楼宇电梯多次困人，希望获取最近一次定期检验报告和检验结论。")
    budget = ("office", f"示范市市场监督管理局{year}年部门预算和“三公”经费支出明细", "",
              f"请提供贵局{year}年部门预算、决算及因公出国（境）费、公务用车购置及运行费、公务接待费的支出明细。")
    price = ("food", f"{district}农贸市场{product}价格监测数据", "",
             f"请提供{year}年{district}主要农贸市场的价格监测数据，用于课题研究。")
    by_outcome = {
        "disclosed": (spot, penalty, sampling, licence, elevator, budget, price, complaint),
        "partial": (spot, penalty, complaint, licence, (
            "quality", f"{company}{product}召回情况报告", "",
            f"请提供{company}召回{product}的召回计划、召回范围和完成情况。")),
        "withheld.state_secret": (("office", f"{year}年重大活动食品安全保障工作方案", "",
                                   "请提供本市承办重大活动期间食品安全保障的工作方案全文。"),),
        "withheld.prohibited": (("office", f"{company}的{year}年经济普查单位调查资料", "",
                                 f"请提供{company}在经济普查中填报的全部统计调查资料。"),),
        "withheld.security_stability": (("quality", f"{district}危险化学品压力容器的分布位置及安全评估报告", "",
                                         f"请提供{district}所有危险化学品压力容器的具体位置、容量和安全评估报告。"),),
        "withheld.third_party": (("quality", f"{company}送检{product}的原始检验报告", "",
                                  f"本人与{company}存在买卖合同纠纷，需要该公司送检{product}的原始检验数据和检验报告。"),
                                 ("food", f"{company}申请食品生产许可时提交的配方和工艺材料", "",
                                  f"请提供{company}申请食品生产许可时提交的产品配方、生产工艺流程图。")),
        "withheld.internal_affairs": (("office", f"局机关{year}年度公务员年度考核结果", "",
                                       f"请提供贵局机关{year}年度全体公务员的年度考核等次和奖惩情况。"),
                                      ("office", f"示范市市场监督管理局{year}年机关内部工作规程", "",
                                       "请提供贵局机关公文处理、会议管理等内部工作规程。")),
        "withheld.process_info": (("office", f"关于{rng.choice(TOPICS)}问题的局长办公会会议纪要", "",
                                   f"请提供贵局{year}年研究{rng.choice(TOPICS)}问题的局长办公会会议纪要及讨论记录。"),
                                  ("quality", f"{year}年{product}抽查方案的内部讨论稿和请示", "",
                                   f"请提供{year}年{product}监督抽查方案形成过程中的讨论稿、请示和内部意见。")),
        "withheld.enforcement_file": (("quality", f"{company}涉嫌销售不合格{product}一案的全部案卷材料", "",
                                       f"请提供{company}涉嫌销售不合格{product}案的调查询问笔录、现场检查笔录等全部案卷材料。"),
                                      ("food", f"{company}食品安全违法案件的调查取证材料", "",
                                       f"请提供贵局查处{company}食品安全违法案件的全部调查取证材料。")),
        "withheld.registry_query": (("office", f"{company}的股东名册及历次变更登记材料", "",
                                     f"请提供{company}的股东名册、出资情况和历次变更登记档案。"),),
        "unavailable.not_held": (("office", f"{rng.choice(OTHER_AGENCIES)}关于{rng.choice(TOPICS)}的会议纪要", "",
                                  f"请提供关于{rng.choice(TOPICS)}的专题会议纪要。"),
                                 ("quality", f"{district}{rng.choice(PLACES)}的消防验收意见书", "",
                                  "请提供该建筑的消防验收意见书和竣工验收备案材料。"),
                                 ("food", f"{company}{year}年的纳税申报材料", "",
                                  f"请提供{company}{year}年度的纳税申报表。")),
        "unavailable.needs_creation": (("office", f"近五年全市{product}抽查不合格率的分区县统计分析", "",
                                        f"请按区县、年度统计近五年全市{product}抽查的不合格率，并形成分析报告。"),
                                       ("food", f"{year}年全市各农贸市场食品抽检合格率排名", "",
                                        "请对全市各农贸市场的抽检合格率进行排名并提供排名表。")),
        "unavailable.unclear_after_correction": (("office", "", "",
                                                  "要求提供有关部门在市场管理方面不作为的全部材料。"),),
        "not_processed.publication": (("office", f"《示范市市场监督管理年鉴（{year}）》全文", "",
                                       f"请提供《示范市市场监督管理年鉴（{year}）》的全文电子版。"),),
        "not_processed.excessive": (("office", f"贵局{year}年以来全部行政处罚案件的决定书和案卷材料", "",
                                     f"请提供贵局{year}年以来作出的全部行政处罚决定书及对应案卷"
                                     f"（约 {rng.randint(300, 900)} 件）。"),),
        "not_processed.confirmation": (("office", f"确认已获取的《{year}年{product}产品质量监督抽查结果》并加盖公章",
                                        "", "本人已从贵局网站下载该抽查结果，请贵局加盖公章后重新出具，"
                                        "作为诉讼证据使用。"),),
        "other.other": (spot, complaint, elevator),
    }
    return rng.choice(by_outcome.get(outcome, (spot,)))


REPLIES = {
    "disclosed": "您申请的“{t}”属于本机关公开的政府信息，现按您要求的方式提供（见附件），也可在本局门户网站"
                 "“政府信息公开”专栏查阅。",
    "partial": "您申请的“{t}”中，抽查（处理）结论、企业名称和不合格项目予以公开（见附件）；其中涉及第三方商业秘密和"
               "个人信息的内容，依照《中华人民共和国政府信息公开条例》第十五条不予公开。",
    "withheld.state_secret": "您申请的“{t}”经本机关依法审查，已依照有关规定确定为国家秘密，不予公开。",
    "withheld.prohibited": "您申请的“{t}”属于统计调查中单个调查对象的资料，依照《中华人民共和国统计法》的规定应当保密，"
                           "不予公开。",
    "withheld.security_stability": "您申请的“{t}”涉及重点设施的具体位置和安全评估数据，公开后可能危及公共安全，"
                                   "依法不予公开。",
    "withheld.third_party": "您申请的“{t}”涉及第三方的商业秘密。本机关依法征求了第三方的意见，第三方不同意公开，"
                            "且不公开不会对公共利益造成重大影响，依法不予公开。",
    "withheld.internal_affairs": "您申请的“{t}”属于本机关的人事管理、内部工作流程等内部事务信息，依法可以不予公开。",
    "withheld.process_info": "您申请的“{t}”属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿和请示报告等"
                             "过程性信息，依法可以不予公开。",
    "withheld.enforcement_file": "您申请的“{t}”属于行政执法案卷信息，依法可以不予公开。该案的行政处罚决定书已在本局"
                                 "门户网站公示，您可以查阅。",
    "withheld.registry_query": "您申请的“{t}”属于企业登记档案查询事项。请持有效身份证件到示范市政务服务中心市场监管"
                               "窗口，按照企业登记档案查询的规定办理。",
    "unavailable.not_held": "经检索，本机关没有制作或保存您申请的“{t}”。该信息可能由有关主管部门掌握，"
                            "建议您向其咨询。",
    "unavailable.needs_creation": "您申请的内容需要本机关对现有信息进行汇总、加工、分析后另行制作，依法不予提供。"
                                  "本机关已公开的历年抽查结果，可在本局门户网站查阅。",
    "unavailable.unclear_after_correction": "本机关已一次性告知您补正申请内容。经补正，您的申请仍不能确定所需政府信息"
                                            "的名称、文号或者其他特征，本机关无法提供。",
    "not_processed.repeat": "您此次申请的“{t}”，本机关已于此前作出答复。您重复提出同一申请，本机关不再重复处理。",
    "not_processed.publication": "您申请的是公开出版物，请通过公共图书馆借阅或向出版发行单位购买。",
    "not_processed.excessive": "您在短期内提出的申请数量明显超过合理范围，经要求说明理由，您未能说明理由的合理性，"
                               "本机关依照《中华人民共和国政府信息公开条例》第三十五条不予处理。",
    "not_processed.confirmation": "您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的处理范围，"
                                  "本机关不予处理。",
    "other.other": "您于办理期间书面申请撤回本次政府信息公开申请，本机关终止办理。",
}

PETITIONS = (("举报{c}虚假宣传", "要求贵局立即查处{c}在网上虚假宣传“{p}”功效的行为，并给予本人书面答复。"),
             ("投诉{c}拒不退款", "本人在{c}购买的{p}有质量问题，商家拒不退款，要求贵局责令其退款并赔偿。"),
             ("要求查处{c}无证经营", "{c}长期无证经营，要求贵局依法取缔并公开处理结果。"))
PASSED_ON = (("咨询个体工商户营业执照办理需要哪些材料", "示范市政务服务中心市场监管窗口"),
             ("咨询网店经营是否需要办理食品经营许可", "12345 市民服务热线"),
             ("反映小区物业收费标准过高", "示范市发展和改革委员会（价格主管部门）"),
             ("咨询商品房预售许可情况", "示范市住房和城乡建设局"),
             ("询问 3·15 活动报名方式", "本局消费者权益保护科"))
GROUPS = (("quality", "2025年电动自行车产品质量监督抽查结果", "示市监质〔2025〕21号"),
          ("food", "2025年第三季度食品安全监督抽检结果", "示市监食〔2025〕47号"),
          ("quality", "2026年儿童玩具产品质量监督抽查结果", "示市监质〔2026〕9号"),
          ("quality", "2026年学生校服产品质量监督抽查结果", "示市监质〔2026〕14号"),
          ("food", "2026年上半年校园周边食品安全专项检查情况", "示市监食〔2026〕22号"))


# --- the plan of one case -----------------------------------------------------------------------------------------


@dataclass
class Plan:
    seq: int
    scenario: str
    received: dt.date
    channel: str
    applicant: Applicant
    department: str
    title: str
    doc_number: str
    description: str
    outcome: str = ""
    flags: set = field(default_factory=set)
    submitted: dt.date | None = None  # online: the day submitted (received = the day it was confirmed)
    application: DisclosureApplication | None = None


class Days:
    """Working-day arithmetic on the stored calendar, capped at the demo's today."""

    def __init__(self, calendar, end):
        self.calendar, self.end = calendar, end

    def working(self, day):
        try:
            return self.calendar.is_working_day(day)
        except CalendarYearMissing:
            return False

    def add(self, day, n):
        """The n-th working day after `day` (n = 0: the day itself); date.max beyond the calendar."""
        if n <= 0:
            return day
        try:
            return self.calendar.add_working_days(day, n).due
        except CalendarYearMissing:
            return dt.date.max

    def back(self, day, n):
        """The n-th working day before `day` (n = 0: the last working day on or before it)."""
        while not self.working(day):
            day -= dt.timedelta(days=1)
        while n > 0:
            day -= dt.timedelta(days=1)
            if self.working(day):
                n -= 1
        return day

    def latest_start(self, n):
        """The last working day (≤ today) from which an n-WD window still ends inside the calendar."""
        day = self.back(self.end, 0)
        while self.add(day, n) == dt.date.max:
            day = self.back(day, 1)
        return day

    def horizon(self):
        """The last working day the calendar covers."""
        return self.back(dt.date(max(self.calendar.covered_years), 12, 31), 0)

    def cap(self, day, earliest):
        """`day`, no later than today and no earlier than `earliest`."""
        return max(earliest, min(day, self.end))


def demo_today(calendar, today=None):
    """The real today, or the last day of the last covered year when today's year has no calendar yet."""
    today = today or timezone.localdate()
    if calendar.covers(today.year):
        return today
    years = sorted(y for y in calendar.covered_years if y < today.year)
    return dt.date(years[-1], 12, 31) if years else today


# --- planning -------------------------------------------------------------------------------------------------

CHANNEL_WEIGHTS = ((choices.ONLINE, 45), (choices.IN_PERSON, 16), (choices.REGISTERED_POST, 14), (choices.LETTER, 10),
                   (choices.FAX, 5), (choices.ORAL, 10))
TYPE_WEIGHTS = ((choices.NATURAL_PERSON, 60), ("business", 18), ("research", 5), ("public_interest", 5),
                ("legal_service", 8), ("other_org", 4))
# Outcomes of concluded, fully handled cases (the early closes and repeats are planned separately).
ANSWERED = {
    "disclosed": 55, "partial": 26, "withheld.state_secret": 3, "withheld.prohibited": 3,
    "withheld.security_stability": 3, "withheld.third_party": 6, "withheld.internal_affairs": 4,
    "withheld.process_info": 6, "withheld.enforcement_file": 6, "withheld.registry_query": 5,
    "unavailable.not_held": 30, "unavailable.needs_creation": 9, "unavailable.unclear_after_correction": 4,
    "not_processed.publication": 3, "not_processed.excessive": 3, "not_processed.confirmation": 4, "other.other": 4,
}
# Cases still open on the demo's today: scenario → how many.
OPEN = {
    "unconfirmed": 6, "unclassified": 5, "registration_correction": 3, "assigned": 8, "drafting": 4, "consulting": 5,
    "correcting": 4, "fee_pending": 3, "fee_paid": 2, "extended": 4, "art35": 2, "overdue": 5, "review": 6,
    "review_overdue": 2, "approval": 6, "approved": 5, "replied": 10, "awaiting_delivery": 4,
}
EARLY = {"petition": 12, "passed_on": 6, "correction_overdue": 5, "fee_unpaid": 4}
REPEATS = 4


class Planner:
    def __init__(self, rng, days, count):
        self.rng, self.days, self.count = rng, days, count
        self.people = People(rng)
        self.plans = []

    def _pick(self, weights):
        return self.rng.choices([k for k, _ in weights], weights=[w for _, w in weights])[0]

    def applicant(self, kind=None):
        return self.people.make(kind or self._pick(TYPE_WEIGHTS))

    def add(self, scenario, received, *, outcome="", topic=None, applicant=None, channel=None, flags=()):
        rng = self.rng
        year = received.year if rng.random() < 0.6 else received.year - 1
        department, title, doc, description = topic or topic_for(outcome, rng, self.people, year)
        plan = Plan(len(self.plans) + 1, scenario, received, channel or self._pick(CHANNEL_WEIGHTS),
                    applicant or self.applicant(), department, title, doc, description, outcome, set(flags))
        if plan.channel == choices.ONLINE:
            # Submitted on the day (or the evening or weekend before) and confirmed on the next working day.
            plan.submitted = received - dt.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        self.plans.append(plan)
        return plan

    def concluded_day(self, margin_days=60):
        """A received date for a case that has run its course: spread over two years before today."""
        end = self.days.end
        start = end - dt.timedelta(days=SPAN_DAYS)
        return self.days.back(start + dt.timedelta(days=self.rng.randint(0, SPAN_DAYS - margin_days)), 0)

    def open_day(self, low, high, window=20):
        """A received date `low`..`high` working days before today whose `window` still fits the calendar."""
        day = self.days.back(self.days.end, self.rng.randint(low, high))
        return min(day, self.days.latest_start(window))

    def make(self):
        rng = self.rng
        # Fully handled cases, with the clock events real registers show.
        for outcome, n in ANSWERED.items():
            for _ in range(n):
                flags = set()
                if outcome == "withheld.third_party" or (outcome == "partial" and rng.random() < 0.4):
                    flags.add("consult_third_party")
                if outcome == "unavailable.not_held" and rng.random() < 0.2:
                    flags.add("consult_agency")
                if outcome == "unavailable.unclear_after_correction" or rng.random() < 0.07:
                    flags.add("correction")
                if outcome == "not_processed.excessive" or rng.random() < 0.01:
                    flags.add("art35")
                for flag, chance in (("fee", 0.03), ("extension", 0.1), ("late", 0.05), ("review_return", 0.06),
                                     ("approval_return", 0.03)):
                    if rng.random() < chance:
                        flags.add(flag)
                self.add("answered", self.concluded_day(), outcome=outcome, flags=flags)
        # The same applicant again for what was answered: flagged as a repeat (Art. 36(6)).
        for _ in range(REPEATS):
            first = self.add("answered", self.concluded_day(200), outcome="disclosed")
            topic = (first.department, first.title, first.doc_number, first.description)
            again = self.days.back(first.received + dt.timedelta(days=rng.randint(60, 120)), 0)
            self.add("answered", again, outcome="not_processed.repeat", topic=topic, applicant=first.applicant)
        # Several applicants for the same information: proposals to publish it proactively (Art. 44).
        for department, title, doc in GROUPS:
            year = int(doc[doc.index("〔") + 1:doc.index("〕")])
            first = max(dt.date(year, 3, 1), self.days.end - dt.timedelta(days=SPAN_DAYS - 30))
            base = min(first + dt.timedelta(days=rng.randint(0, 120)), self.days.end - dt.timedelta(days=80))
            for _ in range(rng.randint(3, 5)):
                day = self.days.back(base + dt.timedelta(days=rng.randint(0, 40)), 0)
                description = f"请提供{title}，包括不合格企业名单和不合格项目。"
                self.add("answered", day, outcome=rng.choice(("disclosed", "disclosed", "partial")),
                         topic=(department, title if rng.random() < 0.5 else "", doc, description))
        # Early closes: petitions, letters that are not applications, missed corrections and fees.
        for _ in range(EARLY["petition"]):
            title, text = rng.choice(PETITIONS)
            company, product = self.people.company_name(), rng.choice(PRODUCTS)
            topic = ("", title.format(c=company), "", text.format(c=company, p=product))
            self.add("petition", self.concluded_day(20), topic=topic)
        for _ in range(EARLY["passed_on"]):
            title, channel = rng.choice(PASSED_ON)
            self.add("passed_on", self.concluded_day(20), topic=("", title, "", f"{title}。"), flags={channel})
        for _ in range(EARLY["correction_overdue"]):
            self.add("correction_overdue", self.concluded_day(), outcome="unavailable.unclear_after_correction")
        for _ in range(EARLY["fee_unpaid"]):
            self.add("fee_unpaid", self.concluded_day(), outcome="unavailable.needs_creation",
                     applicant=self.applicant(rng.choice(("natural_person", "legal_service", "research"))))
        # Cases still open today, in every state.
        ages = {"unconfirmed": (0, 1), "unclassified": (0, 2), "registration_correction": (4, 9),
                "assigned": (1, 12), "drafting": (6, 16), "consulting": (5, 14), "correcting": (4, 10),
                "fee_pending": (5, 12), "fee_paid": (10, 16), "extended": (12, 18), "art35": (4, 10),
                "overdue": (23, 34), "review": (10, 18), "review_overdue": (22, 26), "approval": (12, 19),
                "approved": (14, 19), "replied": (8, 30), "awaiting_delivery": (6, 18)}
        # Windows that must end inside the calendar: the step's own window plus the working days before the step.
        windows = {"extended": 40, "fee_pending": 27, "correcting": 21, "registration_correction": 20,
                   "consulting": 22}
        open_outcomes = ["disclosed", "disclosed", "disclosed", "partial", "partial", "unavailable.not_held",
                         "withheld.third_party", "withheld.process_info", "unavailable.needs_creation"]
        for scenario, n in OPEN.items():
            for _ in range(n):
                low, high = ages[scenario]
                day = self.open_day(low, high, windows.get(scenario, 20))
                outcome = rng.choice(open_outcomes)
                self.add(scenario, day, outcome=outcome)
        # The rest: ordinary disclosed or not-held answers.
        while len(self.plans) < self.count:
            self.add("answered", self.concluded_day(), outcome=rng.choice(("disclosed", "unavailable.not_held")))
        return self.plans


# --- building through the services -------------------------------------------------------------------------------


class Builder:
    def __init__(self, rng, days, users, departments):
        self.rng, self.days, self.u, self.departments = rng, days, users, departments
        self.skipped = []

    def at(self, day, early=False):
        """A moment in office hours of `day` (never after now)."""
        rng = self.rng
        hour = rng.randint(8, 11) if early else rng.randint(8, 16)
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59))))
        return min(moment, timezone.now())

    def data(self, plan):
        a = plan.applicant
        form, route = self.rng.choice(FORMS_AND_ROUTES)
        if plan.channel == choices.FAX and self.rng.random() < 0.5:
            route = "fax"
        if route == "email" and not a.email:
            route = "post"
        return {"applicant_type": a.kind, "applicant_name": a.name, "contact_person": a.contact_person,
                "id_type": a.id_type, "id_number": a.id_number, "phone": a.phone, "email": a.email,
                "address": a.address, "postcode": a.postcode, "info_title": plan.title,
                "info_doc_number": plan.doc_number, "info_description": plan.description, "requested_form": form,
                "delivery_route": route}

    def run(self, plan):
        try:
            getattr(self, f"_{plan.scenario}", self._handled)(plan)
        except (Refused, CalendarYearMissing) as exc:
            self.skipped.append((plan.seq, plan.scenario, str(exc)))
            logger.warning("Demo application %s (%s) stopped early: %s", plan.seq, plan.scenario, exc)

    # --- intake ---------------------------------------------------------------------------------------------

    def intake(self, plan, confirm=True):
        ogi, day, data = self.u["ogi"], plan.received, self.data(plan)
        if plan.channel == choices.ONLINE:
            evening = plan.submitted < day
            moment = self.at(plan.submitted)
            if evening:
                moment = min(moment.replace(hour=20), timezone.now())
            application, _ = intake.do_submit_online(data, [], f"demo-register-{plan.seq:04d}", now=moment)
            if confirm:
                application = intake.do_confirm_receipt(ogi, application, day, on=day)
        elif plan.channel == choices.REGISTERED_POST and self.rng.random() < 0.2 and self.days.add(day, 1) <= \
                self.days.end:
            # Signed for late on a Friday, registered on the next working day: back-dated with an audited reason.
            registered = self.days.add(day, 1)
            application = intake.do_register(ogi, data, [], plan.channel, received_on=day, now=self.at(registered),
                                             received_reason="挂号信于下班前签收，次日上班后补登，收到日期按签收日记载。")
        elif plan.channel in (choices.IN_PERSON, choices.REGISTERED_POST, choices.ORAL):
            application = intake.do_register(ogi, data, [], plan.channel, received_on=day, now=self.at(day))
        else:  # ordinary letter and fax: registered on arrival, confirmed with the applicant that day
            application = intake.do_register(ogi, data, [], plan.channel, now=self.at(day, early=True))
            if confirm:
                application = intake.do_confirm_receipt(ogi, application, day, on=day)
        plan.application = application
        return application

    def assign(self, plan, application):
        rng, ogi = self.rng, self.u["ogi"]
        classified = self.days.cap(self.days.add(plan.received, rng.choice((0, 0, 1))), plan.received)
        application = services.do_classify_application(ogi, application, on=classified)
        assigned = self.days.cap(self.days.add(classified, rng.choice((0, 1, 1, 2))), classified)
        handler = self.u[TEAMS[plan.department][3]]
        application = services.do_assign(ogi, application, self.departments[plan.department], handler, on=assigned)
        return application, assigned

    # --- scenarios --------------------------------------------------------------------------------------------

    def _unconfirmed(self, plan):
        self.intake(plan, confirm=False)

    def _unclassified(self, plan):
        self.intake(plan)

    def _registration_correction(self, plan):
        application = self.intake(plan)
        sent = self.days.cap(self.days.add(plan.received, self.rng.randint(1, 4)), plan.received)
        clock_events.do_request_correction(self.u["ogi"], application, sent, self._correction_items(plan))

    def _petition(self, plan):
        application = self.intake(plan, confirm=plan.channel not in (choices.LETTER, choices.FAX)
                                  or self.rng.random() < 0.5)
        replied = self.days.cap(self.days.add(plan.received, self.rng.randint(1, 5)), plan.received)
        channel = self.rng.choice(("12315 消费者投诉举报平台", "12345 市民服务热线",
                                   "本局消费者权益保护科（投诉举报受理）"))
        application = services.do_close_as_petition(
            self.u["ogi"], application, channel,
            f"您反映的事项属于投诉举报，不属于政府信息公开申请。请通过“{channel}”反映，我局将依法处理。", replied)
        self.deliver_and_archive(plan, application, replied)

    def _passed_on(self, plan):
        application = self.intake(plan, confirm=self.rng.random() < 0.5)
        channel = next(iter(plan.flags))
        on = self.days.cap(self.days.add(plan.received, self.rng.choice((0, 1))), plan.received)
        services.do_pass_on(self.u["ogi"], application, channel, "已告知申请人。", on=on)

    def _correction_overdue(self, plan):
        application = self.intake(plan)
        application, assigned = self.assign(plan, application)
        sent = self.days.cap(self.days.add(plan.received, self.rng.randint(2, 6)), assigned)
        application = clock_events.do_request_correction(self.u["ogi"], application, sent, self._correction_items(plan))
        closed = self.days.cap(self.days.add(application.correction.deadline_on, self.rng.randint(1, 3)), sent)
        application = clock_events.do_close_correction_overdue(None, application, today=closed)
        self.deliver_and_archive(plan, application, closed)

    def _fee_unpaid(self, plan):
        application = self.intake(plan)
        application, assigned = self.assign(plan, application)
        sent = self.days.cap(self.days.add(assigned, self.rng.randint(1, 4)), assigned)
        application = self.fee_notice(application, sent)
        closed = self.days.cap(self.days.add(application.fee_notice.pay_by, self.rng.randint(1, 2)), sent)
        application = clock_events.do_close_fee_unpaid(None, application, today=closed)
        self.deliver_and_archive(plan, application, closed)

    def _assigned(self, plan):
        self.assign(plan, self.intake(plan))

    def _overdue(self, plan):
        application, assigned = self.assign(plan, self.intake(plan))
        if self.rng.random() < 0.5:
            self.draft(plan, application, self.days.cap(self.days.add(assigned, 8), assigned))

    def _drafting(self, plan):
        application, assigned = self.assign(plan, self.intake(plan))
        self.draft(plan, application, self.days.cap(self.days.add(assigned, self.rng.randint(2, 5)), assigned))

    def _consulting(self, plan):
        application, assigned = self.assign(plan, self.intake(plan))
        sent = self.days.cap(self.days.add(assigned, self.rng.randint(1, 3)), assigned)
        self.consult(plan, application, sent, answer=False)

    def _correcting(self, plan):
        application, assigned = self.assign(plan, self.intake(plan))
        sent = self.days.cap(self.days.add(plan.received, self.rng.randint(2, 5)), assigned)
        clock_events.do_request_correction(self.u["ogi"], application, sent, self._correction_items(plan))

    def _fee_pending(self, plan):
        application, assigned = self.assign(plan, self.intake(plan))
        self.fee_notice(application, self.days.cap(self.days.add(assigned, self.rng.randint(1, 3)), assigned))

    def _fee_paid(self, plan):
        application, assigned = self.assign(plan, self.intake(plan))
        sent = self.days.cap(self.days.add(assigned, self.rng.randint(1, 3)), assigned)
        application = self.fee_notice(application, sent)
        paid = self.days.cap(self.days.add(sent, self.rng.randint(1, 5)), sent)
        clock_events.do_record_payment(self.u["ogi"], application, paid)

    def _extended(self, plan):
        application, assigned = self.assign(plan, self.intake(plan))
        self.extend(application, assigned)

    def _art35(self, plan):
        application, assigned = self.assign(plan, self.intake(plan))
        self.art35(application, assigned)

    def _review(self, plan, stop="review"):
        application, assigned = self.assign(plan, self.intake(plan))
        drafted = self.days.cap(self.days.add(assigned, self.rng.randint(3, 8)), assigned)
        self.through_approval(plan, application, drafted, stop=stop)

    def _review_overdue(self, plan):
        self._review(plan)

    def _approval(self, plan):
        self._review(plan, stop="approval")

    def _approved(self, plan):
        self._review(plan, stop="reply")

    def _replied(self, plan, delivered=True):
        application, assigned = self.assign(plan, self.intake(plan))
        drafted = self.days.cap(self.days.add(assigned, self.rng.randint(2, 8)), assigned)
        application, approved = self.through_approval(plan, application, drafted)
        replied = self.days.cap(self.days.add(approved, self.rng.choice((0, 1))), approved)
        self.send(plan, application, replied, delivered=delivered)

    def _awaiting_delivery(self, plan):
        self._replied(plan, delivered=False)

    def _handled(self, plan):
        """A fully handled case: every clock event its flags ask for, review, approval, reply, archive."""
        rng, days, ogi = self.rng, self.days, self.u["ogi"]
        application = self.intake(plan)
        application, t = self.assign(plan, application)
        if "art35" in plan.flags:
            application, t = self.art35(application, t)
        if "correction" in plan.flags:
            late = rng.random() < 0.25
            sent = days.cap(days.add(plan.received, rng.randint(8, 10) if late else rng.randint(2, 6)), t)
            application = clock_events.do_request_correction(ogi, application, sent, self._correction_items(plan))
            corrected = days.cap(days.add(sent, rng.randint(2, 12)), sent)
            application = clock_events.do_record_correction(ogi, application, corrected,
                                                            "申请人补充了信息名称和时间范围。")
            t = corrected
        if "consult_third_party" in plan.flags or "consult_agency" in plan.flags:
            sent = days.cap(days.add(t, rng.randint(1, 4)), t)
            application, t = self.consult(plan, application, sent, answer=True)
        if "fee" in plan.flags:
            sent = days.cap(days.add(t, rng.randint(1, 3)), t)
            application = self.fee_notice(application, sent)
            t = days.cap(days.add(sent, rng.randint(1, 8)), sent)
            application = clock_events.do_record_payment(ogi, application, t)
        if "extension" in plan.flags:
            application, t = self.extend(application, t)
        due = application.due_on or days.add(t, 10)
        if "late" in plan.flags:
            drafted = days.add(due, rng.randint(1, 6))
        else:
            drafted = max(t, days.back(due, rng.randint(1, 14)))
        drafted = days.cap(drafted, t)
        application, approved = self.through_approval(plan, application, drafted)
        replied = days.cap(days.add(approved, rng.choice((0, 0, 1))), approved)
        application = self.send(plan, application, replied)
        if replied < days.end:
            self.archive(application, replied)

    # --- steps ------------------------------------------------------------------------------------------------

    def _correction_items(self, plan):
        return self.rng.choice((
            "1. 请写明所需信息的名称或文号；2. 请写明信息形成的大致时间范围。",
            "1. 请补充有效身份证件复印件；2. 请明确所需信息的具体内容，不能笼统表述为“全部材料”。",
            "请明确所需信息所涉及的企业名称和年份。",
        ))

    def fee_notice(self, application, sent):
        rng = self.rng
        if rng.random() < 0.5:
            return clock_events.do_issue_fee_notice(self.u["ogi"], application, choices.FEE_BY_PAGES,
                                                    rng.randint(36, 160), sent)
        return clock_events.do_issue_fee_notice(self.u["ogi"], application, choices.FEE_BY_COUNT, rng.randint(11, 14),
                                                sent)

    def consult(self, plan, application, sent, *, answer):
        rng, days = self.rng, self.days
        drafter = self.u[TEAMS[plan.department][0]]
        agency = "consult_agency" in plan.flags or (not answer and rng.random() < 0.3)
        if agency:
            kind, party = choices.CONSULT_AGENCY, rng.choice(OTHER_AGENCIES)
            matter = "所申请信息是否由贵机关制作、能否公开"
        else:
            kind, party = choices.CONSULT_THIRD_PARTY, _third_party(rng)
            matter = "所申请信息涉及贵单位的商业秘密，请提出是否同意公开的意见"
        consultation = clock_events.do_start_consultation(drafter, application, kind, party, matter, sent,
                                                          party_address="示范市" + rng.choice(STREETS) + "1号")
        if not answer:
            return application, sent
        answered = days.cap(days.add(sent, rng.randint(3, 15)), sent)
        opinion = "逾期未提出意见" if rng.random() < 0.2 else (
            "不同意公开，理由是涉及商业秘密。" if plan.outcome in ("withheld.third_party", "partial") else "同意公开。")
        application = clock_events.do_record_consultation_answer(drafter, consultation, answered, opinion)
        return application, answered

    def extend(self, application, t):
        days = self.days
        due = application.due_on
        if due is None:
            return application, t
        approved = max(t, days.back(min(due, days.end), self.rng.randint(0, 3)))
        if approved > min(due, days.end):
            return application, t
        application = clock_events.do_approve_extension(
            self.u["ogi.head"], application, self.rng.choice((10, 15, 20, 20)),
            self.rng.choice(("所需信息涉及多个科室，需要调阅、核对历年档案。",
                                 "所需信息数量较多，需要逐件审查是否涉及个人信息。",
                                 "需要与相关企业核实信息，正常期限内难以答复。")), approved_on=approved)
        return application, approved

    def art35(self, application, t):
        days = self.days
        on = days.cap(days.add(t, self.rng.randint(1, 3)), t)
        due = application.due_on or days.add(on, 20)
        later = min(days.add(due, self.rng.randint(15, 30)), days.horizon())
        if later <= due or later <= on:
            return application, t
        application = clock_events.do_set_art35_date(
            self.u["ogi"], application, later,
            "申请人短期内提出大量申请，经要求说明理由，申请人称用于课题研究；综合考虑工作量，确定延后答复。", on=on)
        return application, on

    def draft(self, plan, application, on):
        drafter = self.u[TEAMS[plan.department][0]]
        outcome = plan.outcome or "disclosed"
        text = REPLIES[outcome].format(t=plan.title or "所申请的信息")
        return services.do_draft_reply(drafter, application, outcome, text, on=on)

    def through_approval(self, plan, application, drafted, stop="done"):
        """Draft, submit, review and approve (with returns when the plan says so); returns (application, day)."""
        rng, days = self.rng, self.days
        drafter, reviewer, approver, _ = (self.u[name] for name in TEAMS[plan.department])
        application = self.draft(plan, application, drafted)
        application = services.do_submit_for_review(drafter, application, on=drafted)
        day = drafted
        if "review_return" in plan.flags:
            day = days.cap(days.add(day, 1), day)
            application = services.do_review(reviewer, application, False, "请补充不予公开部分的法律依据，并核对文号。",
                                             on=day)
            application = self.draft(plan, application, day)
            application = services.do_submit_for_review(drafter, application, on=day)
        if stop == "review":
            return application, day
        day = days.cap(days.add(day, rng.choice((0, 1, 1))), day)
        application = services.do_review(reviewer, application, True, on=day)
        if "approval_return" in plan.flags:
            day = days.cap(days.add(day, 1), day)
            application = services.do_approve(approver, application, False, "答复口径请与法规科再核对一次。", on=day)
            application = self.draft(plan, application, day)
            application = services.do_submit_for_review(drafter, application, on=day)
            application = services.do_review(reviewer, application, True, on=day)
        if stop == "approval":
            return application, day
        day = days.cap(days.add(day, rng.choice((0, 1))), day)
        application = services.do_approve(approver, application, True, on=day)
        return application, day

    def send(self, plan, application, replied, delivered=True):
        days = self.days
        method = DELIVERY_FOR_ROUTE[application.delivery_route]
        if plan.channel == choices.IN_PERSON and application.requested_form == "viewing":
            method = "on_the_spot"
        on = None
        if delivered:
            extra = {"post": self.rng.randint(2, 4), "pickup": self.rng.randint(0, 3)}.get(method, 0)
            on = min(replied + dt.timedelta(days=extra), days.end)
        return services.do_send_reply(self.u["ogi"], application, replied, method, on)

    def deliver_and_archive(self, plan, application, replied):
        application = self.send(plan, application, replied)
        if replied < self.days.end:
            self.archive(application, replied)

    def archive(self, application, replied):
        days = self.days
        on = days.cap(days.add(application.delivered_on or replied, self.rng.randint(1, 12)), replied)
        return services.do_archive(self.u["ogi"], application, on=on)

    # --- remedies -----------------------------------------------------------------------------------------------

    def remedies(self, plans):
        """Reconsideration and litigation (table 四) with every result, on disputed replies."""
        rng, days, ogi = self.rng, self.days, self.u["ogi"]
        ids = [p.application.pk for p in plans if p.scenario in ("answered", "correction_overdue", "fee_unpaid")
               and p.application is not None]
        disputed = [a for a in DisclosureApplication.objects.filter(pk__in=ids, concluded_on__isnull=False)
                    if outcomes.BY_CODE[a.outcome].group != "disclosed"]
        disputed.sort(key=lambda a: (a.concluded_on, a.pk))
        kinds = [code for code, _ in choices.REMEDY_CHOICES]
        results = [code for code, _ in choices.REMEDY_RESULT_CHOICES]
        notes = {"upheld": "维持原答复。", "corrected": "责令重新作出答复。", "other": "申请人撤回申请，终止审理。",
                 "pending": "正在审理中。"}
        wanted = [(kind, result) for kind in kinds for result in results for _ in range(2)]
        rng.shuffle(wanted)
        old = [a for a in disputed if a.concluded_on <= days.end - dt.timedelta(days=200)]
        recent = [a for a in disputed if a.concluded_on > days.end - dt.timedelta(days=200)]
        rng.shuffle(old)
        rng.shuffle(recent)
        for kind, result in wanted:
            pool = recent if result == "pending" and recent else old
            if not pool:
                continue
            application = pool.pop()
            filed = min(application.concluded_on + dt.timedelta(days=rng.randint(10, 50)), days.end)
            try:
                if kind == "litigation_after":
                    decided = min(filed + dt.timedelta(days=rng.randint(40, 60)), days.end)
                    remedies.do_add_remedy(ogi, application, "reconsideration", filed, "upheld", decided,
                                           "复议机关决定维持原答复，申请人随后提起行政诉讼。")
                    filed = min(decided + dt.timedelta(days=rng.randint(5, 14)), days.end)
                decided = filed + dt.timedelta(days=rng.randint(45, 120))
                if result != "pending" and decided > days.end:
                    decided = days.end
                remedies.do_add_remedy(ogi, application, kind, filed, result, None if result == "pending" else decided,
                                       notes[result])
            except Refused as exc:
                self.skipped.append((application.pk, f"remedy {kind}", str(exc)))


def _third_party(rng):
    """A third party's name: a synthetic company."""
    return f"示范市{rng.choice(BRANDS)}{rng.choice(TRADES)}有限公司"


def load_applications(departments, count=320, today=None):
    """Build the demo register through the services. Returns (applications created, skipped steps)."""
    calendar = load_calendar()
    days = Days(calendar, demo_today(calendar, today))
    rng = random.Random(SEED)
    plans = Planner(rng, days, count).make()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=USERNAMES)}
    builder = Builder(random.Random(SEED + 1), days, users, departments)
    for plan in sorted(plans, key=lambda p: (p.submitted or p.received, p.seq)):
        builder.run(plan)
    builder.remedies(plans)
    return DisclosureApplication.objects.count(), builder.skipped
