"""M disclosure applications (依申请公开, RULES.md §3) for the benchmarks, written in bulk.

The plan (plan_applications) is deterministic for (count, seed, calendar). Applications are
received over five years (START_DAY..END_DAY, working days of the product's calendar):

* 90 % are closed: one of the 21 outcome codes of gongkai.applications.outcomes (each at least
  once, the rest weighted as a real register is), or passed on as not an application; archived,
  or replied and not yet archived when concluded in the last days. Corrections (补正),
  third-party and agency consultations, fee notices (paid and unpaid), extensions, Art. 35 dates,
  late replies, repeats (repeat_of) and reconsideration / litigation (Remedy) with every result.
* OPEN_SHARE (10 %) are open: received from OPEN_FROM (the last two months of the data), in
  every open stage (registration, assigned, review, approval, reply not yet sent), a few
  waiting for a correction, a consultation or a payment (their clock is paused: no due date).

`due_on` is filled for every application the way applications.services.recompute_open computes
it (clock.compute on the stored facts, as of the receipt day; a missing calendar year or
impossible facts leave it empty), with the calendar version used, so a recompute after an
unchanged calendar changes nothing. No identity data: id_type "other", no cipher, no proofs.
No Event, Letter or audit rows are written.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import random
from dataclasses import dataclass, field

from bench.data import texts
from bench.data import vocabulary as v
from bench.data.records import END_DAY, TZ, explicit_timestamps
from gongkai.applications import choices, clock, fees, outcomes

START_DAY = dt.date(2022, 1, 1)
OPEN_FROM = dt.date(2026, 10, 1)
OPEN_SHARE = 10  # percent of applications still open
CORRECTION_DAYS = 15  # settings.APPLICATION_CORRECTION_DAYS
FEE_PAYMENT_DAYS = 20  # settings.APPLICATION_FEE_PAYMENT_DAYS
CONSULTATION_DAYS = 15  # clock.CONSULTATION_DAYS
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # as gongkai.applications.intake

OUTCOME_WEIGHTS = {
    "disclosed": 400, "partial": 80, "withheld.state_secret": 5, "withheld.prohibited": 8,
    "withheld.security_stability": 5, "withheld.third_party": 25, "withheld.internal_affairs": 15,
    "withheld.process_info": 20, "withheld.enforcement_file": 20, "withheld.registry_query": 15,
    "unavailable.not_held": 150, "unavailable.needs_creation": 30, "unavailable.unclear_after_correction": 15,
    "not_processed.petition": 50, "not_processed.repeat": 30, "not_processed.publication": 5,
    "not_processed.excessive": 5, "not_processed.confirmation": 10, "other.correction_overdue": 30,
    "other.fee_unpaid": 10, "other.other": 30,
}
CHANNELS = (("online", 50), ("in_person", 12), ("registered_post", 15), ("letter", 10), ("fax", 3), ("oral", 3))
APPLICANT_TYPES = (("natural_person", 70), ("business", 14), ("research", 3), ("public_interest", 2),
                   ("legal_service", 7), ("other_org", 4))
FORMS_AND_ROUTES = (("electronic", "email"), ("electronic", "email"), ("electronic", "online"), ("paper", "post"),
                    ("paper", "pickup"), ("viewing", "pickup"), ("paper", "fax"))
OPEN_STAGES = (("registration", 20), ("assigned", 40), ("review", 15), ("approval", 10), ("reply", 15))
# Handling teams of the demo staff (gongkai.demo.data.STAFF): (drafter, reviewer, approver).
TEAMS = {"quality": ("editor", "reviewer", "head"), "food": ("editor.food", "ogi2", "head.food"),
         "office": ("ogi", "ogi2", "ogi.head")}
DEPARTMENT_WEIGHTS = (("quality", 35), ("food", 30), ("office", 35))
ORG_NAMES = {
    "research": ("示范大学食品科学研究院", "示范市质量技术研究所", "示范理工大学法学院", "示范市社会科学院",
                 "示范市标准化研究中心"),
    "public_interest": ("示范市消费者公益服务中心", "示范市食品安全志愿者协会", "示范市环境公益研究会",
                        "示范市助残服务中心"),
    "legal_service": ("示范正言律师事务所", "示范明德律师事务所", "示范公信律师事务所", "示范市法律援助中心",
                      "示范衡平律师事务所"),
    "other_org": ("东湖区新桥社区居民委员会", "锦绣花园业主委员会", "示范市个体劳动者协会", "示范市餐饮行业协会",
                  "柳溪县石门村村民委员会"),
}
OPINIONS = ("不同意公开，理由是涉及商业秘密。", "同意公开。", "逾期未提出意见。")
REMEDY_KINDS = ("reconsideration", "reconsideration", "litigation_direct", "litigation_after")
REMEDY_RESULTS = ("upheld", "upheld", "upheld", "corrected", "other", "pending")
EXTENSION_REASONS = ("所需信息涉及多个科室和年度，需要检索、汇总的档案较多。",
                     "需要征求有关单位意见，正常期限内无法答复。",
                     "申请内容涉及的信息量较大，需要逐页进行区分处理。")
PASSED_ON = (("咨询企业开办需要准备哪些材料", "示范市政务服务中心市场监管窗口"),
             ("反映小区物业收费过高", "示范市发展和改革委员会"),
             ("咨询网店是否需要办理营业执照", "12345 市民服务热线"),
             ("询问消费维权活动报名方式", "本局消费者权益保护科"))


@dataclass(slots=True)
class ApplicationSpec:
    index: int
    fields: dict
    correction: dict | None = None
    consultations: list = field(default_factory=list)
    fee: dict | None = None
    remedies: list = field(default_factory=list)
    repeat_of: int | None = None  # index of an earlier application
    handling: tuple[str, str, str] | None = None  # usernames: drafter, reviewer, approver


class Days:
    """Working-day arithmetic on the product's calendar (Monday–Friday beyond the years it covers)."""

    def __init__(self, calendar, start=dt.date(2021, 12, 1), end=dt.date(2027, 12, 31)):
        self.days = []
        day = start
        while day <= end:
            try:
                working = calendar.is_working_day(day)
            except LookupError:  # CalendarYearMissing
                working = day.weekday() < 5
            if working:
                self.days.append(day)
            day += dt.timedelta(days=1)

    def add(self, day, n):
        """The n-th working day after `day` (n ≥ 0; n = 0: the first working day on or after `day`)."""
        i = bisect.bisect_right(self.days, day) if n > 0 else bisect.bisect_left(self.days, day)
        return self.days[min(i + max(n - 1, 0), len(self.days) - 1)]

    def between(self, start, end):
        return self.days[bisect.bisect_left(self.days, start):bisect.bisect_right(self.days, end)]


def _weighted(rng, pairs):
    return rng.choices([k for k, _ in pairs], [w for _, w in pairs])[0]


def _subject(rng, outcome, year):
    """(info_title, info_doc_number, info_description) fitting the outcome."""
    product, food, company = rng.choice(v.PRODUCTS), rng.choice(v.FOODS), texts.company_name(rng)
    district = rng.choice(v.DISTRICTS)
    group = outcome.split(".")[0] if outcome else ""
    if outcome == "withheld.third_party":
        return (f"{company}送检{product}的检验原始记录", "",
                f"本人与{company}存在合同纠纷，请提供该公司送检{product}的原始检验记录和检验报告。")
    if outcome in ("withheld.process_info", "withheld.internal_affairs"):
        return (f"{year}年{rng.choice(v.POLICY_TOPICS)}工作的内部讨论记录", "",
                f"请提供贵局{year}年研究{rng.choice(v.POLICY_TOPICS)}工作的会议纪要、请示和内部讨论记录。")
    if outcome == "withheld.enforcement_file":
        return (f"{company}违法案件的全部调查取证材料", "",
                f"请提供贵局查处{company}销售不合格{product}案件的询问笔录、现场检查笔录等案卷材料。")
    if outcome == "withheld.registry_query":
        return (f"{company}的登记档案和股东出资情况", "", f"请提供{company}历次变更登记的档案材料和股东名册。")
    if group == "unavailable":
        return (f"{district}{rng.choice(v.ESTATES)}的消防验收材料", "",
                "请提供该小区的消防验收意见书和竣工验收备案材料。")
    if outcome == "not_processed.publication":
        return (f"《示范市市场监督管理年鉴（{year}）》", "", f"请提供《示范市市场监督管理年鉴（{year}）》全文。")
    if outcome == "not_processed.excessive":
        return (f"{year}年以来全部行政处罚案件的决定书和案卷", "",
                f"请提供贵局{year}年以来作出的全部行政处罚决定书及案卷材料，约{rng.randint(300, 900)}件。")
    if outcome == "not_processed.petition":
        return (f"要求查处{company}销售不合格{product}", "",
                f"本人在{company}购买的{product}存在质量问题，要求贵局查处并书面答复处理结果。")
    choice = rng.randrange(5)
    if choice == 0:
        return (f"{year}年{product}产品质量监督抽查结果", f"{v.DOC_PREFIX}质〔{year}〕{rng.randint(2, 90)}号",
                f"希望获取{year}年本市{product}产品质量监督抽查的企业名单和不合格项目。")
    if choice == 1:
        return (f"对{company}作出的行政处罚决定书", f"{v.DOC_PREFIX}罚〔{year}〕{rng.randint(10, 3000)}号",
                f"{company}因销售不合格{product}被处罚，请提供该行政处罚决定书。")
    if choice == 2:
        return (f"{year}年第{rng.randint(1, 4)}季度{food}监督抽检结果", "",
                f"请提供{year}年本市{food}监督抽检中不合格产品的生产经营者名单和不合格项目。")
    if choice == 3:
        return (f"{company}食品经营许可证的核发情况", "",
                f"请提供{company}食品经营许可证的核发日期、经营项目和有效期。")
    return (f"本人投诉{company}一事的调查处理结果", "",
            f"本人于{year}年通过12315平台投诉{company}销售的{product}存在质量问题，请提供调查处理结果。")


REPLY = {
    "disclosed": "您申请的信息予以公开，现按您要求的方式提供。",
    "partial": "您申请的信息中，涉及第三方商业秘密和个人隐私的部分不予公开，其余部分予以公开。",
    "withheld": "您申请的信息依法不予公开，理由和依据见本答复书。",
    "unavailable": "经检索，本机关无法提供您申请的信息，具体情形见本答复书。",
    "not_processed": "您的申请依法不予处理，理由见本答复书。",
    "other": "您的申请已按其他情形处理，具体情况见本答复书。",
}


def _applicant(rng, applicant_type, seq):
    phone = texts.mobile(rng)
    postcode = f"9990{rng.randint(1, 40):02d}"
    if applicant_type == "natural_person":
        return {"applicant_name": texts.person_name(rng), "contact_person": "", "phone": phone,
                "email": f"user{seq:06d}@example.com" if rng.random() < 0.6 else "",
                "address": texts.home_address(rng), "postcode": postcode}
    name = texts.company_name(rng) if applicant_type == "business" else rng.choice(ORG_NAMES[applicant_type])
    return {"applicant_name": name, "contact_person": texts.person_name(rng),
            "phone": phone if rng.random() < 0.6 else f"0999-8{rng.randint(1000000, 9999999)}",
            "email": f"org{seq:06d}@example.org", "address": texts.business_address(rng), "postcode": postcode}


def _coverage_positions(count, codes):
    """Spread positions (among `count` closed cases) that each get one outcome code."""
    return {(2 * i + 1) * count // (2 * len(codes)): code for i, code in enumerate(codes)}


def plan_applications(count: int, seed: int, calendar) -> list[ApplicationSpec]:
    """The applications of a dataset, in order of receipt. Deterministic for (count, seed, calendar)."""
    rng = random.Random(f"{seed}:applications")
    days = Days(calendar)
    open_count = count * OPEN_SHARE // 100
    closed_count = count - open_count
    closed_days = days.between(START_DAY, END_DAY - dt.timedelta(days=3))
    open_days = days.between(OPEN_FROM, END_DAY)
    received = [rng.choice(closed_days) for _ in range(closed_count)]
    openings = [rng.choice(open_days) for _ in range(open_count)]
    merged = sorted([(d, False) for d in received] + [(d, True) for d in openings])
    coverage = _coverage_positions(closed_count, outcomes.CODES) if closed_count else {}
    codes, weights = list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values())
    open_stage_cover = [s for s, _ in OPEN_STAGES]
    numbers, tracking, disclosed_indexes = {}, set(), []
    specs = []
    closed_seen = open_seen = 0

    for index, (day, open_case) in enumerate(merged):
        channel = _weighted(rng, CHANNELS)
        applicant_type = _weighted(rng, APPLICANT_TYPES)
        submitted = day - dt.timedelta(days=rng.choice((0, 0, 0, 1, 2))) if channel in ("online", "letter") else day
        year = submitted.year
        numbers[year] = numbers.get(year, 0) + 1
        while True:
            code = "".join(rng.choice(TRACKING_ALPHABET) for _ in range(10))
            if code not in tracking:
                tracking.add(code)
                break
        form, route = rng.choice(FORMS_AND_ROUTES)
        department = _weighted(rng, DEPARTMENT_WEIGHTS)
        team = TEAMS[department]
        f = {
            "number": f"YSQ{year}-{numbers[year]:05d}", "tracking_code": code, "channel": channel,
            "kind": "application", "applicant_type": applicant_type, "id_type": "other",
            **_applicant(rng, applicant_type, index + 1), "requested_form": form, "delivery_route": route,
            "submitted_at": dt.datetime(submitted.year, submitted.month, submitted.day, tzinfo=TZ)
            + dt.timedelta(seconds=rng.randint(8 * 3600, 20 * 3600)),
            "received_on": day, "registered_by": rng.choice(("ogi", "ogi2")), "department": department,
            "handler": team[0], "stage": "archived", "stage_entered_on": day,
        }
        spec = ApplicationSpec(index=index, fields=f, handling=team)
        if open_case:
            stage = open_stage_cover[open_seen] if open_seen < len(open_stage_cover) else _weighted(rng, OPEN_STAGES)
            open_seen += 1
            _plan_open(rng, spec, stage, days, codes, weights, year)
        else:
            position = closed_seen
            closed_seen += 1
            outcome = coverage.get(position) or rng.choices(codes, weights)[0]
            if position not in coverage and rng.random() < 0.02:
                _plan_passed_on(rng, spec, days)
            else:
                _plan_closed(rng, spec, outcome, days, year, disclosed_indexes)
                if outcome == "disclosed":
                    disclosed_indexes.append(index)
        specs.append(spec)
    return specs


def _title_fields(rng, f, outcome, year):
    title, doc, description = _subject(rng, outcome, year)
    f.update(info_title=title, info_doc_number=doc, info_description=description)


def _plan_passed_on(rng, spec, days):
    f = spec.fields
    topic, channel = rng.choice(PASSED_ON)
    f.update(kind="passed_on", passed_on_to=channel, info_title="", info_doc_number="", info_description=topic,
             department=None, handler=None, stage="archived")
    day = days.add(f["received_on"], rng.randint(1, 3))
    f["stage_entered_on"] = min(day, END_DAY)
    f["archived_at"] = _moment(f["stage_entered_on"])
    spec.handling = None


def _moment(day, hour=16):
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def _plan_closed(rng, spec, outcome, days, year, disclosed_indexes):
    f = spec.fields
    _title_fields(rng, f, outcome, year)
    received = f["received_on"]
    start = received
    pauses = []
    concluded = None
    if outcome in ("other.correction_overdue", "unavailable.unclear_after_correction") or rng.random() < 0.04:
        sent = days.add(received, rng.randint(1, 7))
        deadline = days.add(sent, CORRECTION_DAYS)
        answered = None if outcome == "other.correction_overdue" else days.add(sent, rng.randint(2, 12))
        spec.correction = {"sent_on": sent, "items": "请补充所需信息的名称、文号或者便于查询的其他特征描述。",
                           "deadline_days": CORRECTION_DAYS, "deadline_on": deadline, "received_on": answered,
                           "received_note": "申请人已补充说明所需信息的内容。" if answered else ""}
        if answered is None:
            concluded = days.add(deadline, rng.randint(1, 3))
        else:
            start = answered
    if concluded is None and outcome == "not_processed.petition":
        concluded = days.add(received, rng.randint(1, 5))
    if concluded is None and (outcome == "withheld.third_party" or rng.random() < 0.03):
        kind = "third_party" if outcome == "withheld.third_party" or rng.random() < 0.7 else "agency"
        sent = days.add(start, rng.randint(2, 8))
        answered = days.add(sent, rng.randint(3, CONSULTATION_DAYS))
        party = texts.company_name(rng) if kind == "third_party" else "示范" + rng.choice(v.PARTNER_AGENCIES)
        spec.consultations.append({
            "kind": kind, "party": party, "party_address": texts.business_address(rng),
            "matter": f"是否同意公开“{f['info_title']}”", "sent_on": sent, "due_on": days.add(sent, CONSULTATION_DAYS),
            "answered_on": answered, "opinion": rng.choice(OPINIONS),
        })
        pauses.append((sent, answered))
    if concluded is None and (outcome == "other.fee_unpaid" or rng.random() < 0.015):
        sent = days.add(start, rng.randint(3, 10))
        pay_by = days.add(sent, FEE_PAYMENT_DAYS)
        paid = None if outcome == "other.fee_unpaid" else days.add(sent, rng.randint(1, 10))
        pages = rng.randint(31, 260)
        charge = fees.by_pages(pages)
        spec.fee = {"basis": "pages", "quantity": pages, "amount": charge.amount, "explanation": charge.explanation,
                    "sent_on": sent, "pay_by": pay_by, "paid_on": paid}
        if paid is None:
            concluded = days.add(pay_by, rng.randint(1, 3))
        else:
            pauses.append((sent, paid))
    if concluded is None:
        extension = 0
        if rng.random() < 0.05:
            extension = rng.randint(5, 20)
            f.update(extension_days=extension, extension_reason=rng.choice(EXTENSION_REASONS),
                     extension_approved_by="ogi.head", extension_approved_on=days.add(start, rng.randint(12, 19)))
        if outcome == "not_processed.excessive":
            f.update(art35_due_on=days.add(start, rng.randint(30, 50)),
                     art35_reason="申请人短期内提出大量申请，经协商确定合理的答复期限（条例第三十五条）。")
        late = rng.random() < 0.04
        used = rng.randint(21, 28) + extension if late else rng.randint(2, 20 + extension)
        paused = sum(len(days.between(a, b)) for a, b in pauses if b > start)
        concluded = days.add(start, used + paused)
    concluded = min(concluded, END_DAY)
    f["outcome"] = outcome
    f["reply_text"] = REPLY[outcome.split(".")[0]]
    early = outcome in ("not_processed.petition", "other.correction_overdue", "other.fee_unpaid")
    drafter, reviewer, approver = spec.handling
    f["drafted_by"] = "ogi" if early else drafter
    if not early:
        f["reviewed_by"], f["approved_by"] = reviewer, approver
    if outcome == "not_processed.petition":
        f["passed_on_to"] = "12315 投诉举报平台"
    if outcome == "not_processed.repeat" and disclosed_indexes:
        spec.repeat_of = rng.choice(disclosed_indexes[-200:])
    f["concluded_on"] = concluded
    f["delivery_method"] = {"email": "email", "online": "online", "post": "post", "pickup": "pickup",
                            "fax": "fax"}[f["delivery_route"]]
    f["delivered_on"] = min(concluded + dt.timedelta(days=rng.choice((0, 0, 1, 2, 3))), END_DAY)
    if concluded >= END_DAY - dt.timedelta(days=7) and rng.random() < 0.6:
        f["stage"], f["stage_entered_on"] = "reply", concluded
    else:
        archived = min(concluded + dt.timedelta(days=rng.randint(1, 10)), END_DAY)
        f["stage"], f["stage_entered_on"], f["archived_at"] = "archived", archived, _moment(archived)
    group = outcome.split(".")[0]
    if group in ("withheld", "unavailable", "not_processed", "partial") and rng.random() < 0.06:
        filed = concluded + dt.timedelta(days=rng.randint(10, 60))
        if filed <= END_DAY:
            result = rng.choice(REMEDY_RESULTS)
            decided = filed + dt.timedelta(days=rng.randint(30, 90))
            if result == "pending" or decided > END_DAY:
                result, decided = "pending", None
            spec.remedies.append({"kind": rng.choice(REMEDY_KINDS), "filed_on": filed, "result": result,
                                  "decided_on": decided, "note": ""})


def _plan_open(rng, spec, stage, days, codes, weights, year):
    f = spec.fields
    outcome = rng.choices(codes, weights)[0]
    while outcome in ("other.correction_overdue", "other.fee_unpaid", "not_processed.petition"):
        outcome = rng.choices(codes, weights)[0]
    _title_fields(rng, f, outcome, year)
    received = f["received_on"]
    f["stage"] = stage
    drafter, reviewer, approver = spec.handling
    if stage == "registration":
        f.update(department=None, handler=None, kind=rng.choice(("pending", "application")))
        f["stage_entered_on"] = received
    else:
        f["stage_entered_on"] = min(days.add(received, rng.randint(1, 3)), END_DAY)
    r = rng.random()
    if stage in ("registration", "assigned") and r < 0.06:
        sent = days.add(received, rng.randint(1, 5))
        if sent <= END_DAY:
            spec.correction = {"sent_on": sent, "items": "请补充所需信息的名称、文号或者其他特征描述。",
                               "deadline_days": CORRECTION_DAYS, "deadline_on": days.add(sent, CORRECTION_DAYS),
                               "received_on": None, "received_note": ""}
    elif stage == "assigned" and r < 0.12:
        sent = min(days.add(received, rng.randint(2, 6)), END_DAY)
        spec.consultations.append({
            "kind": "third_party", "party": texts.company_name(rng), "party_address": texts.business_address(rng),
            "matter": f"是否同意公开“{f['info_title']}”", "sent_on": sent, "due_on": days.add(sent, CONSULTATION_DAYS),
            "answered_on": None, "opinion": ""})
    elif stage == "assigned" and r < 0.15:
        sent = min(days.add(received, rng.randint(2, 6)), END_DAY)
        pages = rng.randint(31, 200)
        charge = fees.by_pages(pages)
        spec.fee = {"basis": "pages", "quantity": pages, "amount": charge.amount, "explanation": charge.explanation,
                    "sent_on": sent, "pay_by": days.add(sent, FEE_PAYMENT_DAYS), "paid_on": None}
    elif received <= dt.date(2026, 10, 20) and r < 0.2:
        f.update(extension_days=rng.randint(5, 20), extension_reason=rng.choice(EXTENSION_REASONS),
                 extension_approved_by="ogi.head", extension_approved_on=min(days.add(received, 15), END_DAY))
    if stage in ("review", "approval", "reply"):
        f.update(outcome=outcome, reply_text=REPLY[outcome.split(".")[0]], drafted_by=drafter)
    if stage in ("approval", "reply"):
        f["reviewed_by"] = reviewer
    if stage == "reply":
        f["approved_by"] = approver


# --- writing ----------------------------------------------------------------------------------------------


def clock_facts(spec):
    """The clock facts of a planned application, as recompute_open reads them from the database."""
    f = spec.fields
    labels = {kind: label.split("（")[0] for kind, label in choices.CONSULTATION_CHOICES}
    pauses = [clock.Pause(c["sent_on"], c["answered_on"], labels[c["kind"]]) for c in spec.consultations]
    if spec.fee:
        pauses.append(clock.Pause(spec.fee["sent_on"], spec.fee["paid_on"], "等待缴纳信息处理费"))
    correction = spec.correction
    return clock.ClockFacts(
        received_on=f["received_on"], correction_requested_on=correction["sent_on"] if correction else None,
        correction_received_on=correction["received_on"] if correction else None,
        pauses=tuple(sorted(pauses, key=lambda p: p.start)), extension_days=f.get("extension_days", 0),
        art35_due_on=f.get("art35_due_on"), art35_reason=f.get("art35_reason", ""),
        concluded_on=f.get("concluded_on"),
    )


def _due_key(facts):
    """Facts with the same due date share a key: once every pause has ended and no correction is
    awaited, the conclusion date no longer moves the due date (clock.compute), so it is left out."""
    waiting = facts.correction_requested_on is not None and facts.correction_received_on is None
    if facts.concluded_on is None or waiting or any(p.end is None for p in facts.pauses):
        return facts
    return dataclasses.replace(facts, concluded_on=None)


USER_FIELDS = ("registered_by", "handler", "drafted_by", "reviewed_by", "approved_by", "extension_approved_by")


def write_applications(specs, *, departments: dict, users: dict, calendar, batch_size: int = 5000,
                       progress=None) -> dict:
    """Insert the planned applications and their corrections, consultations, fees and remedies."""
    from django.db import transaction

    from gongkai.applications.models import Consultation, CorrectionRequest, DisclosureApplication, FeeNotice, Remedy

    version = calendar.version
    dues = {}
    pks = []
    totals = {"applications": 0, "open": 0, "due": 0}
    for start in range(0, len(specs), batch_size):
        batch = specs[start:start + batch_size]
        objects = []
        for spec in batch:
            f = dict(spec.fields)
            department = f.pop("department")
            for name in USER_FIELDS:
                if name in f:
                    f[name + "_id"] = users[f.pop(name)] if f[name] else None
            facts = clock_facts(spec)
            key = _due_key(facts)
            if key not in dues:
                try:
                    dues[key] = clock.compute(calendar, facts, facts.received_on).due
                except (clock.CalendarYearMissing, ValueError):
                    dues[key] = None
            last = f.get("archived_at") or _moment(f["stage_entered_on"], 17)
            objects.append(DisclosureApplication(
                **f, department_id=departments[department] if department else None, due_on=dues[key],
                calendar_version=version, created_at=f["submitted_at"], updated_at=last))
            totals["due"] += dues[key] is not None
            totals["open"] += f.get("concluded_on") is None and f["stage"] != "archived"
        with transaction.atomic(), explicit_timestamps(DisclosureApplication):
            DisclosureApplication.objects.bulk_create(objects)
            pks += [o.pk for o in objects]
            corrections, consultations, fee_notices, remedies, repeats = [], [], [], [], {}
            for spec, obj in zip(batch, objects, strict=True):
                if spec.correction:
                    corrections.append(CorrectionRequest(application_id=obj.pk, created_by_id=users["ogi"],
                                                         **spec.correction))
                consultations += [Consultation(application_id=obj.pk, created_by_id=users["ogi"], **c)
                                  for c in spec.consultations]
                if spec.fee:
                    fee_notices.append(FeeNotice(application_id=obj.pk, created_by_id=users["ogi"], **spec.fee))
                remedies += [Remedy(application_id=obj.pk, created_by_id=users["ogi"], **r) for r in spec.remedies]
                if spec.repeat_of is not None:
                    repeats.setdefault(pks[spec.repeat_of], []).append(obj.pk)
            CorrectionRequest.objects.bulk_create(corrections)
            Consultation.objects.bulk_create(consultations)
            FeeNotice.objects.bulk_create(fee_notices)
            Remedy.objects.bulk_create(remedies)
            for earlier, ids in repeats.items():
                DisclosureApplication.objects.filter(pk__in=ids).update(repeat_of_id=earlier)
        totals["applications"] += len(batch)
        if progress:
            progress(totals["applications"])
    return totals
