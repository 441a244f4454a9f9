"""Every handling step of a disclosure application, allowed and refused (RULES.md §3; 条例第二十九至四十五条).

One test per allowed transition checks what the step changes, the Event the applicant or
staff see and the audit entry ("application.<step>"). One test per refused transition checks
the exact Chinese reason and that nothing at all changed in the database.

Dates: 2026 is the real official calendar (端午 Fri 2026-06-19). Reference values computed by
counting one day at a time with chinese_calendar:
  WD 7 after 2026-06-01 = 06-10;  20 WD after 06-01 = 06-30;  20 WD after 06-15 = 07-14;
  15 WD after 06-03 = 06-25;  20 WD after 06-03 = 07-02;  40 WD after 06-01 = 07-28;
  20 WD after 06-01 with 06-03..06-10 (6 WD) not counted = 07-08;  25 WD after 06-01 = 07-07.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gongkai.applications import choices, clock_events, intake, outcomes, remedies, services
from gongkai.applications.errors import Refused
from gongkai.applications.models import (
    Consultation,
    CorrectionRequest,
    DisclosureApplication,
    FeeNotice,
    Remedy,
)
from gongkai.audit.models import AuditEntry

D = dt.date
RECEIVED = D(2026, 6, 1)


def today():
    return timezone.localdate()


def tomorrow():
    return today() + dt.timedelta(days=1)


def db_state(application):
    """Everything a step could change, read back from the database."""
    a = DisclosureApplication.objects.get(pk=application.pk)
    return {
        "fields": (a.stage, a.stage_entered_on, a.kind, a.received_on, a.department_id, a.handler_id, a.outcome,
                   a.reply_text, a.drafted_by_id, a.reviewed_by_id, a.approved_by_id, a.extension_days,
                   a.art35_due_on, a.concluded_on, a.delivery_method, a.delivered_on, a.archived_at, a.due_on,
                   a.passed_on_to),
        "events": a.events.count(),
        "letters": a.letters.count(),
        "audit": AuditEntry.objects.count(),
        "applications": DisclosureApplication.objects.count(),
        "corrections": list(CorrectionRequest.objects.values_list("received_on", "good_reason")),
        "consultations": list(Consultation.objects.values_list("answered_on", flat=True)),
        "fees": list(FeeNotice.objects.values_list("paid_on", flat=True)),
        "remedies": list(Remedy.objects.values_list("result", "decided_on")),
    }


def assert_refused(application, step, message):
    """The step is refused with exactly `message` and the database is unchanged."""
    before = db_state(application)
    with pytest.raises(Refused) as excinfo:
        step()
    assert str(excinfo.value) == message
    assert db_state(application) == before


def last_event(application):
    return application.events.order_by("-pk").first()


def last_audit(application):
    return AuditEntry.objects.filter(object_type="applications.disclosureapplication",
                                     object_id=str(application.pk)).order_by("-pk").first()


def assert_recorded(application, action, *, on=None, actor=None):
    """The step wrote an Event `action` (dated `on`) and an audit entry 'application.<action>'."""
    event = last_event(application)
    assert event.action == action
    if on is not None:
        assert event.on == on
    if actor is not None:
        assert event.actor == actor
    entry = last_audit(application)
    assert entry.action == f"application.{action}"
    assert entry.summary == event.summary
    return event, entry


@pytest.fixture
def ogi(staff):
    return staff["ogi_office"]


@pytest.fixture
def drafted(assigned, staff):
    def make(outcome="partial", **kw):
        application = assigned(**kw)
        reply = "抽查结果名单予以公开，检验数据涉及商业秘密不予公开。"
        return services.do_draft_reply(staff["editor"], application, outcome, reply)

    return make


@pytest.fixture
def in_review(drafted, staff):
    def make(**kw):
        return services.do_submit_for_review(staff["editor"], drafted(**kw))

    return make


@pytest.fixture
def in_approval(in_review, staff):
    def make(**kw):
        return services.do_review(staff["reviewer"], in_review(**kw), True)

    return make


@pytest.fixture
def approved(in_approval, staff):
    def make(**kw):
        return services.do_approve(staff["head"], in_approval(**kw), True)

    return make


@pytest.fixture
def replied(approved, ogi):
    def make(**kw):
        return services.do_send_reply(ogi, approved(**kw), D(2026, 6, 20), "email", D(2026, 6, 20))

    return make


# --- allowed transitions: registration ------------------------------------------------------------


def test_classify_marks_a_true_application(register, ogi):
    application = register()
    application = services.do_classify_application(ogi, application)
    assert application.kind == choices.KIND_APPLICATION
    assert application.stage == choices.REGISTRATION
    event, entry = assert_recorded(application, "classified", actor=ogi)
    assert event.summary == "经甄别，属于政府信息公开申请。"
    assert entry.before["kind"] == choices.KIND_PENDING and entry.after["kind"] == choices.KIND_APPLICATION


def test_close_as_petition_names_the_channel_and_issues_the_reply(register, ogi):
    application = register()
    application = services.do_close_as_petition(ogi, application, "12345 市民服务热线",
                                                "您反映的是投诉事项，请拨打 12345。", D(2026, 6, 3))
    assert application.outcome == "not_processed.petition"
    assert (application.stage, application.concluded_on) == (choices.REPLY, D(2026, 6, 3))
    assert application.passed_on_to == "12345 市民服务热线"
    assert not application.is_open
    event, _ = assert_recorded(application, "closed_petition", on=D(2026, 6, 3))
    assert "12345 市民服务热线" in event.summary
    letter = application.letters.get(kind=choices.LETTER_REPLY)
    assert outcomes.label("not_processed.petition") in letter.body and "第三十九条第一款" in letter.body
    # Delivery of the early reply is recorded afterwards, without a second letter, and the case is archived.
    application = services.do_send_reply(ogi, application, D(2026, 6, 3), "post", D(2026, 6, 5))
    assert application.letters.filter(kind=choices.LETTER_REPLY).count() == 1
    assert services.do_archive(ogi, application).stage == choices.ARCHIVED


def test_close_as_petition_takes_the_reply_date_as_receipt_when_unconfirmed(register, ogi):
    application = register(channel=choices.LETTER, received_on=None)
    application = services.do_close_as_petition(ogi, application, "信访部门", "请向信访部门反映。")
    assert application.received_on == today()
    event, entry = assert_recorded(application, "closed_petition")
    assert "收到申请之日按答复日期" in event.summary
    assert entry.before["received_on"] is None and entry.after["received_on"] == today().isoformat()


def test_pass_on_archives_what_is_not_an_application(register, ogi):
    application = register()
    application = services.do_pass_on(ogi, application, "12315 消费者投诉平台", "咨询商品退换货", on=D(2026, 6, 2))
    assert (application.kind, application.stage) == (choices.KIND_PASSED_ON, choices.ARCHIVED)
    assert application.stage_entered_on == D(2026, 6, 2)
    assert not application.is_open
    event, _ = assert_recorded(application, "passed_on", on=D(2026, 6, 2))
    assert event.summary == "不属于政府信息公开申请，已转“12315 消费者投诉平台”办理。说明：咨询商品退换货"


@pytest.mark.parametrize("channel", [choices.IN_PERSON, choices.REGISTERED_POST])
def test_in_person_and_registered_post_need_the_receipt_date_at_registration(applicant_data, ogi, channel):
    message = "当面提交的以提交之日、邮寄签收的以签收之日为收到申请之日，请填写这个日期。"
    with pytest.raises(Refused, match=message):
        intake.do_register(ogi, applicant_data(), [], channel)
    assert not DisclosureApplication.objects.exists()
    application = intake.do_register(ogi, applicant_data(), [], channel, received_on=today())
    assert application.received_on == today()
    event, _ = assert_recorded(application, "received", on=today())
    assert choices.RECEIPT_RULES[channel] in event.summary


@pytest.mark.parametrize("channel", [choices.LETTER, choices.FAX, choices.ORAL, choices.ONLINE])
def test_confirmation_channels_get_the_receipt_date_by_confirmation(applicant_data, ogi, channel):
    application = intake.do_register(ogi, applicant_data(), [], channel)
    assert application.received_on is None and application.due_on is None
    application = intake.do_confirm_receipt(ogi, application, today())
    assert application.received_on == today()
    assert application.due_on is not None
    event, entry = assert_recorded(application, "received", on=today(), actor=ogi)
    assert choices.RECEIPT_RULES[channel] in event.summary
    assert entry.before["received_on"] is None
    assert_refused(application, lambda: intake.do_confirm_receipt(ogi, application, today()),
                   f"收到申请之日已经确认为 {today()}，不能重复确认。")


def test_online_submission_waits_for_confirmation(applicant_data, ogi):
    application, created = intake.do_submit_online(applicant_data(), [], "token-1")
    assert created and application.received_on is None
    assert_recorded(application, "submitted")
    application = intake.do_confirm_receipt(ogi, application, today())
    assert application.received_on == today()


def test_a_past_receipt_date_needs_a_reason_recorded_in_event_and_audit(applicant_data, ogi):
    application = intake.do_register(ogi, applicant_data(), [], choices.LETTER,
                                     now=timezone.make_aware(dt.datetime(2026, 6, 1, 9, 0)))
    assert_refused(application, lambda: intake.do_confirm_receipt(ogi, application, D(2026, 6, 2)),
                   f"收到申请之日不是今天（{today().isoformat()}），补记以前的日期须写明原因（将记入审计日志）。")
    reason = "6 月 2 日已电话与申请人确认，当日未及时登记"
    application = intake.do_confirm_receipt(ogi, application, D(2026, 6, 2), reason)
    assert application.received_on == D(2026, 6, 2)
    event, entry = assert_recorded(application, "received", on=D(2026, 6, 2))
    assert f"补记原因：{reason}" in event.summary and reason in entry.summary


def test_assign_and_reassign(register, ogi, departments, staff, make_staff):
    application = services.do_classify_application(ogi, register())
    application = services.do_assign(ogi, application, departments["own"], staff["editor"], on=D(2026, 6, 2))
    assert (application.stage, application.department, application.handler) == (
        choices.ASSIGNED, departments["own"], staff["editor"])
    assert application.stage_entered_on == D(2026, 6, 2)
    event, entry = assert_recorded(application, "assigned", on=D(2026, 6, 2))
    assert event.summary == f"交由{departments['own'].name}承办，承办人：u_editor。" and not event.public
    food_editor = make_staff("u_food_editor", "editor", departments["other"])
    application = services.do_assign(ogi, application, departments["other"], food_editor)
    assert (application.department, application.handler) == (departments["other"], food_editor)
    event, entry = assert_recorded(application, "assigned")
    assert event.summary == f"改由{departments['other'].name}承办，承办人：u_food_editor。"
    assert entry.before["department"] == departments["own"].pk and entry.after["department"] == departments["other"].pk


# --- allowed transitions: the clock -----------------------------------------------------------------


def test_correction_request_stops_the_clock_and_issues_the_notice(assigned, ogi):
    application = assigned()
    assert application.due_on == D(2026, 6, 30)
    application = clock_events.do_request_correction(ogi, application, D(2026, 6, 3), "请写明抽查批次和产品名称。")
    correction = application.correction
    assert (correction.sent_on, correction.deadline_on) == (D(2026, 6, 3), D(2026, 6, 25))  # 15 WD
    assert application.due_on is None  # waiting for the applicant
    event, _ = assert_recorded(application, "correction_requested", on=D(2026, 6, 3))
    assert event.summary == "发出补正告知，请于 2026-06-25 前补正。"
    assert application.letters.filter(kind=choices.LETTER_CORRECTION, issued_on=D(2026, 6, 3)).exists()


def test_correction_notice_after_wd7_is_flagged(assigned, ogi):
    application = clock_events.do_request_correction(ogi, assigned(), D(2026, 6, 11), "请写明抽查批次。")
    event, _ = assert_recorded(application, "correction_requested")
    assert event.summary.endswith("（注意：告知晚于应发日期 2026-06-10）")
    on_time = clock_events.do_request_correction(ogi, assigned(), D(2026, 6, 10), "请写明抽查批次。")
    assert "注意" not in last_event(on_time).summary


def test_correction_received_restarts_the_clock(assigned, ogi):
    application = clock_events.do_request_correction(ogi, assigned(), D(2026, 6, 3), "请写明抽查批次。")
    application = clock_events.do_record_correction(ogi, application, D(2026, 6, 15), "补充了批次号")
    assert application.due_on == D(2026, 7, 14)  # 20 WD after the day the correction arrived
    assert application.correction.received_on == D(2026, 6, 15)
    event, _ = assert_recorded(application, "correction_received", on=D(2026, 6, 15))
    assert event.summary == "收到补正材料，答复期限自 2026-06-15 次日起重新计算。"


def test_late_correction_with_good_reason_is_accepted_and_recorded(assigned, ogi):
    application = clock_events.do_request_correction(ogi, assigned(), D(2026, 6, 3), "请写明抽查批次。")
    reason = "申请人住院治疗，提供了医院证明"
    application = clock_events.do_record_correction(ogi, application, D(2026, 6, 29), good_reason=reason)
    assert application.correction.good_reason == reason
    event, _ = assert_recorded(application, "correction_received", on=D(2026, 6, 29))
    assert "晚于补正截止日 2026-06-25" in event.summary and reason in event.summary


def test_late_correction_without_good_reason_is_refused(assigned, ogi):
    application = clock_events.do_request_correction(ogi, assigned(), D(2026, 6, 3), "请写明抽查批次。")
    assert_refused(application, lambda: clock_events.do_record_correction(ogi, application, D(2026, 6, 26)),
                   "补正截止日是 2026-06-25，补正材料逾期送达。如申请人有正当理由，请填写理由；"
                   "否则请按“逾期不补正”结案。")


def test_correction_overdue_closes_only_after_the_deadline(assigned, ogi):
    application = clock_events.do_request_correction(ogi, assigned(), D(2026, 6, 3), "请写明抽查批次。")
    assert_refused(application, lambda: clock_events.do_close_correction_overdue(ogi, application, today=D(2026, 6,
                                                                                                           25)),
                   "补正期限到 2026-06-25 才届满，现在不能按逾期不补正结案。")
    application = clock_events.do_close_correction_overdue(ogi, application, today=D(2026, 6, 26))
    assert (application.outcome, application.concluded_on, application.stage) == (
        "other.correction_overdue", D(2026, 6, 26), choices.REPLY)
    assert_recorded(application, "closed", on=D(2026, 6, 26))
    letter = application.letters.get(kind=choices.LETTER_REPLY)
    assert outcomes.label("other.correction_overdue") in letter.body


def test_consultation_pause_is_not_counted(assigned, ogi, staff):
    application = assigned()
    consultation = clock_events.do_start_consultation(staff["editor"], application, choices.CONSULT_THIRD_PARTY,
                                                      "示范市明达电器有限公司", "抽查检验数据是否涉及商业秘密",
                                                      D(2026, 6, 3))
    assert consultation.due_on == D(2026, 6, 25)  # the third party's own 15 WD
    application.refresh_from_db()
    assert application.due_on is None  # paused: unknown until the answer
    event, _ = assert_recorded(application, "consultation_sent", on=D(2026, 6, 3))
    assert "不计入答复期限" in event.summary
    letter = application.letters.get(kind=choices.LETTER_CONSULTATION)
    assert letter.addressee == "示范市明达电器有限公司" and not letter.to_applicant
    application = clock_events.do_record_consultation_answer(ogi, consultation, D(2026, 6, 10),
                                                             "不同意公开检验原始数据。")
    assert application.due_on == D(2026, 7, 8)  # 06-03..06-10 (6 WD) not counted
    assert_recorded(application, "consultation_answered", on=D(2026, 6, 10))


def test_fee_notice_takes_the_amount_from_the_fee_rules(assigned, ogi):
    application = assigned()
    application = clock_events.do_issue_fee_notice(ogi, application, choices.FEE_BY_PAGES, "101", D(2026, 6, 3))
    fee = application.fee_notice
    assert fee.amount == Decimal("720.00")  # 70 pages × 10 + 1 page × 20
    assert fee.pay_by == D(2026, 7, 2)
    assert application.due_on is None  # paused until paid
    event, _ = assert_recorded(application, "fee_notice", on=D(2026, 6, 3))
    assert "720 元" in event.summary
    letter = application.letters.get(kind=choices.LETTER_FEE)
    assert letter.issued_on == D(2026, 6, 3)


def test_a_free_fee_notice_is_refused(assigned, ogi):
    application = assigned()
    assert_refused(application,
                   lambda: clock_events.do_issue_fee_notice(ogi, application, choices.FEE_BY_COUNT, 10, D(2026, 6, 3)),
                   "按照收费标准，这件申请不收费（本月第 10 件申请，10 件以内不收费。），无需发出收费通知。")
    assert_refused(application,
                   lambda: clock_events.do_issue_fee_notice(ogi, application, choices.FEE_BY_PAGES, "三十", D(2026, 6,
                                                                                                            3)),
                   "件数或页数应为正整数。")


def test_payment_resumes_the_clock(assigned, ogi):
    application = clock_events.do_issue_fee_notice(ogi, assigned(), choices.FEE_BY_COUNT, 11, D(2026, 6, 3))
    assert application.fee_notice.amount == Decimal("100.00")
    application = clock_events.do_record_payment(ogi, application, D(2026, 6, 10))
    assert application.due_on == D(2026, 7, 8)  # 06-03..06-10 not counted
    event, _ = assert_recorded(application, "fee_paid", on=D(2026, 6, 10))
    assert "100" in event.summary


def test_fee_unpaid_closes_only_after_the_payment_period(assigned, ogi):
    application = clock_events.do_issue_fee_notice(ogi, assigned(), choices.FEE_BY_COUNT, 11, D(2026, 6, 3))
    assert_refused(application, lambda: clock_events.do_close_fee_unpaid(ogi, application, today=D(2026, 7, 2)),
                   "缴费期限到 2026-07-02 才届满，现在不能按逾期未缴费结案。")
    application = clock_events.do_close_fee_unpaid(ogi, application, today=D(2026, 7, 3))
    assert (application.outcome, application.concluded_on) == ("other.fee_unpaid", D(2026, 7, 3))
    assert_recorded(application, "closed", on=D(2026, 7, 3))
    assert outcomes.label("other.fee_unpaid") in application.letters.get(kind=choices.LETTER_REPLY).body


def test_extension_by_the_ogi_head_once_with_a_letter(assigned, ogi_head):
    application = assigned()
    application = clock_events.do_approve_extension(ogi_head, application, 20, "涉及多个科室的抽查档案，需要调阅核对",
                                                    approved_on=D(2026, 6, 25))
    assert (application.extension_days, application.extension_approved_by) == (20, ogi_head)
    assert application.due_on == D(2026, 7, 28)
    event, _ = assert_recorded(application, "extended", on=D(2026, 6, 25), actor=ogi_head)
    assert "延长 20 个工作日" in event.summary
    letter = application.letters.get(kind=choices.LETTER_EXTENSION)
    assert "延期答复告知书" in letter.title and letter.issued_on == D(2026, 6, 25) and letter.to_applicant
    assert_refused(application, lambda: clock_events.do_approve_extension(ogi_head, application, 5, "再延",
                                                                          approved_on=D(2026, 6, 26)),
                   "答复期限只能延长一次。")


def test_extension_is_at_most_20_working_days(assigned, ogi_head):
    application = assigned()
    assert_refused(application, lambda: clock_events.do_approve_extension(ogi_head, application, 21, "档案较多",
                                                                          approved_on=D(2026, 6, 25)),
                   "延长的期限最长不超过 20 个工作日。")
    application = clock_events.do_approve_extension(ogi_head, application, 5, "档案较多", approved_on=D(2026, 6, 25))
    assert application.due_on == D(2026, 7, 7)


def test_extension_after_the_due_date_is_refused(assigned, ogi_head):
    application = assigned()
    assert_refused(application, lambda: clock_events.do_approve_extension(ogi_head, application, 10, "档案较多",
                                                                          approved_on=D(2026, 7, 1)),
                   "答复期限已于 2026-06-30 届满，不能再延期。")


def test_art35_date_replaces_the_computed_due_date(assigned, ogi):
    application = assigned()
    reason = "申请人一次申请 300 项信息，明显超过合理范围，申请人说明了用途"
    application = clock_events.do_set_art35_date(ogi, application, D(2026, 9, 30), reason, on=D(2026, 6, 5))
    assert (application.art35_due_on, application.due_on, application.art35_reason) == (
        D(2026, 9, 30), D(2026, 9, 30), reason)
    event, _ = assert_recorded(application, "art35", on=D(2026, 6, 5))
    assert event.summary == "依照条例第三十五条，答复期限确定为 2026-09-30。"
    assert_refused(application, lambda: clock_events.do_set_art35_date(ogi, application, D(2026, 9, 1), reason),
                   "第三十五条确定的答复期限应当晚于法定期限（2026-09-30）。")


# --- allowed transitions: drafting, review, approval, reply ---------------------------------------------


def test_draft_reply(assigned, staff):
    application = services.do_draft_reply(staff["editor"], assigned(), "disclosed", "已在本局网站公开，网址见附件。")
    assert (application.outcome, application.drafted_by, application.stage) == (
        "disclosed", staff["editor"], choices.ASSIGNED)
    event, _ = assert_recorded(application, "drafted")
    assert event.summary == "拟定答复：予以公开。" and not event.public


def test_submit_for_review(drafted, staff):
    application = services.do_submit_for_review(staff["editor"], drafted())
    assert application.stage == choices.REVIEW
    assert_recorded(application, "submitted")


def test_only_a_third_party_gets_the_art32_letter(drafted, staff):
    application = drafted()
    clock_events.do_start_consultation(staff["editor"], application, choices.CONSULT_AGENCY,
                                       "示范市生态环境局", "该信息是否由贵局制作", D(2026, 6, 3))
    assert not application.letters.filter(kind=choices.LETTER_CONSULTATION).exists()
    clock_events.do_start_consultation(staff["editor"], application, choices.CONSULT_THIRD_PARTY,
                                       "示范市童乐玩具有限公司", "是否同意公开检验报告", D(2026, 6, 3))
    letter = application.letters.get(kind=choices.LETTER_CONSULTATION)
    assert letter.addressee == "示范市童乐玩具有限公司" and not letter.to_applicant
    assert "第三十二条" in letter.body


def test_submit_is_blocked_while_a_consultation_is_open(drafted, staff):
    application = drafted()
    consultation = clock_events.do_start_consultation(staff["editor"], application, choices.CONSULT_AGENCY,
                                                      "示范市生态环境局", "该信息是否由贵局制作", D(2026, 6, 3))
    assert_refused(application, lambda: services.do_submit_for_review(staff["editor"], application),
                   "还有征求意见没有结束，请先登记对方意见。")
    clock_events.do_record_consultation_answer(staff["editor"], consultation, D(2026, 6, 5), "逾期未提出意见")
    assert services.do_submit_for_review(staff["editor"], application).stage == choices.REVIEW


def test_submit_is_blocked_while_a_correction_is_pending(drafted, staff, ogi):
    application = clock_events.do_request_correction(ogi, drafted(), D(2026, 6, 3), "请写明抽查批次。")
    assert_refused(application, lambda: services.do_submit_for_review(staff["editor"], application),
                   "申请人尚未补正，不能提交审查。")


def test_submit_is_blocked_while_a_fee_is_unpaid(drafted, staff, ogi):
    application = clock_events.do_issue_fee_notice(ogi, drafted(), choices.FEE_BY_COUNT, 12, D(2026, 6, 3))
    assert_refused(application, lambda: services.do_submit_for_review(staff["editor"], application),
                   "申请人尚未缴费，不能提交审查。")


def test_review_pass(in_review, staff):
    application = services.do_review(staff["reviewer"], in_review(), True)
    assert (application.stage, application.reviewed_by) == (choices.APPROVAL, staff["reviewer"])
    event, _ = assert_recorded(application, "reviewed")
    assert event.summary == "审查通过，报部门负责人审批。"


def test_review_return_needs_a_note(in_review, staff):
    application = in_review()
    assert_refused(application, lambda: services.do_review(staff["reviewer"], application, False, "  "),
                   "退回时请写明需要修改的地方。")
    application = services.do_review(staff["reviewer"], application, False, "请补充不予公开部分的法律依据。")
    assert application.stage == choices.ASSIGNED
    event, _ = assert_recorded(application, "review_returned")
    assert event.summary == "审查退回：请补充不予公开部分的法律依据。"


def test_approve(in_approval, staff):
    application = services.do_approve(staff["head"], in_approval(), True)
    assert (application.stage, application.approved_by) == (choices.REPLY, staff["head"])
    assert application.concluded_on is None
    assert_recorded(application, "approved")


def test_approval_return(in_approval, staff):
    application = services.do_approve(staff["head"], in_approval(), False, "答复口径与上次不一致。")
    assert (application.stage, application.approved_by) == (choices.ASSIGNED, None)
    event, _ = assert_recorded(application, "approval_returned")
    assert event.summary == "审批退回：答复口径与上次不一致。"


def test_send_reply_issues_the_letter_with_outcome_and_article(approved, ogi):
    application = services.do_send_reply(ogi, approved(), D(2026, 6, 22), "post", None)
    assert (application.concluded_on, application.delivery_method, application.delivered_on) == (
        D(2026, 6, 22), "post", None)
    assert not application.is_open
    event, _ = assert_recorded(application, "replied", on=D(2026, 6, 22))
    assert event.public and "部分公开" in event.summary
    letter = application.letters.get(kind=choices.LETTER_REPLY)
    assert letter.issued_on == D(2026, 6, 22)
    assert outcomes.label("partial") in letter.body
    assert outcomes.BY_CODE["partial"].article in letter.body
    # The delivery date follows later; no second letter.
    application = services.do_send_reply(ogi, application, D(2026, 6, 22), "post", D(2026, 6, 24))
    assert application.delivered_on == D(2026, 6, 24)
    assert_recorded(application, "delivered", on=D(2026, 6, 24))
    assert application.letters.filter(kind=choices.LETTER_REPLY).count() == 1
    assert_refused(application, lambda: services.do_send_reply(ogi, application, D(2026, 6, 22), "post",
                                                               D(2026, 6, 25)),
                   "答复已经出具并登记送达，不能重复登记。")


def test_archive(replied, ogi):
    application = services.do_archive(ogi, replied(), on=D(2026, 6, 23))
    assert (application.stage, application.stage_entered_on) == (choices.ARCHIVED, D(2026, 6, 23))
    assert timezone.localdate(application.archived_at) == D(2026, 6, 23)
    assert_recorded(application, "archived", on=D(2026, 6, 23))


def test_remedies_add_and_update(replied, ogi):
    application = replied()
    remedy = remedies.do_add_remedy(ogi, application, "reconsideration", D(2026, 7, 10))
    assert remedy.result == "pending" and remedy.decided_on is None
    event, entry = assert_recorded(application, "remedy_added", on=D(2026, 7, 10))
    assert event.summary == "登记行政复议（尚未审结）。"
    remedy = remedies.do_update_remedy(ogi, remedy, "corrected", D(2026, 9, 1), "复议机关责令重新答复")
    assert (remedy.result, remedy.decided_on, remedy.note) == ("corrected", D(2026, 9, 1), "复议机关责令重新答复")
    event, entry = assert_recorded(application, "remedy_updated", on=D(2026, 9, 1))
    assert entry.before["result"] == "pending" and entry.after["result"] == "corrected"
    direct = remedies.do_add_remedy(ogi, application, "litigation_direct", D(2026, 7, 20), "upheld", D(2026, 10, 9))
    assert (direct.result, direct.decided_on) == ("upheld", D(2026, 10, 9))


def test_every_step_of_a_full_case_writes_an_event_and_an_audit_entry(assigned, staff, ogi, ogi_head):
    application = assigned()
    consultation = clock_events.do_start_consultation(ogi, application, choices.CONSULT_THIRD_PARTY, "第三方",
                                                      "商业秘密",
                                                      D(2026, 6, 2))
    clock_events.do_record_consultation_answer(ogi, consultation, D(2026, 6, 4), "同意公开")
    clock_events.do_approve_extension(ogi_head, application, 10, "需要调阅档案", approved_on=D(2026, 6, 5))
    services.do_draft_reply(staff["editor"], application, "disclosed", "予以公开。")
    services.do_submit_for_review(staff["editor"], application)
    services.do_review(staff["reviewer"], application, True)
    services.do_approve(staff["head"], application, True)
    services.do_send_reply(ogi, application, D(2026, 6, 26), "email", D(2026, 6, 26))
    services.do_archive(ogi, application)
    actions = [e.action for e in application.events.all()]
    assert actions == ["registered", "received", "classified", "assigned", "consultation_sent",
                       "consultation_answered", "extended", "drafted", "submitted", "reviewed", "approved", "replied",
                       "archived"]
    logged = list(AuditEntry.objects.filter(object_type="applications.disclosureapplication",
                                            object_id=str(application.pk)).order_by("pk")
                  .values_list("action", flat=True))
    assert logged == [f"application.{action}" for action in actions]


# --- refused transitions ------------------------------------------------------------------------------------


def test_editor_cannot_register(applicant_data, staff):
    with pytest.raises(Refused) as excinfo:
        intake.do_register(staff["editor"], applicant_data(), [], choices.IN_PERSON, received_on=today())
    assert str(excinfo.value) == "只有政务公开办可以登记申请。"
    assert not DisclosureApplication.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="application.").exists()


def test_reviewer_cannot_approve(in_approval, staff):
    application = in_approval()
    assert_refused(application, lambda: services.do_approve(staff["reviewer"], application, True),
                   "只有承办部门的负责人可以审批答复。")


def test_head_of_another_department_cannot_approve(in_approval, make_staff, departments):
    application = in_approval()
    food_head = make_staff("u_food_head", "head", departments["other"])
    assert_refused(application, lambda: services.do_approve(food_head, application, True),
                   "只有承办部门的负责人可以审批答复。")


def test_head_of_the_ogi_office_cannot_approve_another_departments_reply(in_approval, ogi_head):
    application = in_approval()
    assert_refused(application, lambda: services.do_approve(ogi_head, application, True),
                   "只有承办部门的负责人可以审批答复。")


@pytest.mark.parametrize("role", ["editor", "head", "ogi_office", "administrator", "reviewer"])
def test_only_the_ogi_head_approves_an_extension(assigned, staff, office, role):
    application = assigned()
    assert_refused(application, lambda: clock_events.do_approve_extension(staff[role], application, 10, "档案较多"),
                   "延期答复须经政府信息公开工作机构负责人同意（条例第三十三条）。")


def test_editor_of_another_department_cannot_draft(assigned, make_staff, departments):
    application = assigned()
    food_editor = make_staff("u_food_editor", "editor", departments["other"])
    assert_refused(application, lambda: services.do_draft_reply(food_editor, application, "disclosed", "予以公开。"),
                   "只有承办部门的编辑、负责人或政务公开办可以拟写答复。")


def test_editor_of_another_department_cannot_consult_or_submit(drafted, make_staff, departments):
    application = drafted()
    food_editor = make_staff("u_food_editor", "editor", departments["other"])
    assert_refused(application, lambda: clock_events.do_start_consultation(
        food_editor, application, choices.CONSULT_THIRD_PARTY, "第三方", "商业秘密", D(2026, 6, 3)),
        "只有政务公开办或承办部门可以征求意见。")
    assert_refused(application, lambda: services.do_submit_for_review(food_editor, application),
                   "只有承办部门的编辑、负责人或政务公开办可以提交审查。")


def test_rights_are_judged_on_the_current_assignment_not_a_stale_copy(assigned, ogi, staff, departments, make_staff):
    stale = assigned()  # the editor's page still shows the application as theirs
    services.do_assign(ogi, stale, departments["other"], make_staff("u_food_editor", "editor", departments["other"]))
    assert_refused(stale, lambda: services.do_draft_reply(staff["editor"], stale, "disclosed", "予以公开。"),
                   "只有承办部门的编辑、负责人或政务公开办可以拟写答复。")


def test_reviewer_of_another_department_cannot_review(in_review, make_staff, departments):
    application = in_review()
    food_reviewer = make_staff("u_food_reviewer", "reviewer", departments["other"])
    assert_refused(application, lambda: services.do_review(food_reviewer, application, True),
                   "只有承办部门的审核人或政务公开办可以审查答复。")


def test_sending_a_reply_from_review_skips_approval(in_review, ogi):
    application = in_review()
    assert_refused(application, lambda: services.do_send_reply(ogi, application, D(2026, 6, 20), "email"),
                   "答复须经部门负责人审批后才能出具（不能跳过审批）。申请当前处于“审查”阶段。")


def test_sending_a_reply_from_assigned_skips_approval(drafted, ogi):
    application = drafted()
    assert_refused(application, lambda: services.do_send_reply(ogi, application, D(2026, 6, 20), "email"),
                   "答复须经部门负责人审批后才能出具（不能跳过审批）。申请当前处于“承办”阶段。")


def test_sending_a_reply_from_approval_skips_approval(in_approval, ogi):
    application = in_approval()
    assert_refused(application, lambda: services.do_send_reply(ogi, application, D(2026, 6, 20), "email"),
                   "答复须经部门负责人审批后才能出具（不能跳过审批）。申请当前处于“审批”阶段。")


def test_review_while_assigned_is_the_wrong_stage(drafted, staff):
    application = drafted()
    assert_refused(application, lambda: services.do_review(staff["reviewer"], application, True),
                   "申请当前处于“承办”阶段，这一步只能在“审查”阶段进行。")


def test_archive_before_the_reply_is_the_wrong_stage(in_approval, ogi):
    application = in_approval()
    assert_refused(application, lambda: services.do_archive(ogi, application),
                   "申请当前处于“审批”阶段，这一步只能在“答复送达”阶段进行。")


def test_archive_before_the_reply_is_sent_is_refused(approved, ogi):
    application = approved()
    assert_refused(application, lambda: services.do_archive(ogi, application), "请先出具答复并登记送达方式，再归档。")


def test_assign_before_classification_is_refused(register, ogi, departments):
    application = register()
    assert_refused(application, lambda: services.do_assign(ogi, application, departments["own"]),
                   "请先在登记阶段确认这是一件政府信息公开申请（甄别），再办理这一步。")


def test_assign_before_receipt_is_refused(register, ogi, departments):
    application = services.do_classify_application(ogi, register(channel=choices.LETTER, received_on=None))
    assert_refused(application, lambda: services.do_assign(ogi, application, departments["own"]),
                   "还没有确认收到申请之日（条例第三十一条），请先确认收到日期，期限才能开始计算。")


def test_a_handler_outside_the_department_or_read_only_is_refused(register, ogi, staff, departments):
    application = services.do_classify_application(ogi, register())
    assert_refused(application, lambda: services.do_assign(ogi, application, departments["other"], staff["editor"]),
                   f"u_editor 不属于{departments['other']}，不能作为承办人。")
    assert_refused(application, lambda: services.do_assign(ogi, application, departments["own"], staff["auditor"]),
                   "u_auditor 不能作为承办人：承办人应是承办部门的编辑、负责人或政务公开办工作人员。")


def test_a_second_correction_notice_is_refused(assigned, ogi):
    application = clock_events.do_request_correction(ogi, assigned(), D(2026, 6, 3), "请写明抽查批次。")
    assert_refused(application, lambda: clock_events.do_request_correction(ogi, application, D(2026, 6, 4), "还有一项"),
                   "补正告知只能发出一次（条例第三十条：一次性告知需要补正的事项）。")


def test_a_correction_notice_without_items_is_refused(assigned, ogi):
    application = assigned()
    assert_refused(application, lambda: clock_events.do_request_correction(ogi, application, D(2026, 6, 3), "  "),
                   "请一次性列明需要补正的全部事项。")


def test_drafter_cannot_review_own_draft(assigned, ogi, staff):
    application = services.do_draft_reply(ogi, assigned(), "disclosed", "予以公开。")
    application = services.do_submit_for_review(ogi, application)
    assert_refused(application, lambda: services.do_review(ogi, application, True), "拟稿人不能审查自己拟写的答复。")


def test_drafter_cannot_approve_own_draft(assigned, staff):
    application = services.do_draft_reply(staff["head"], assigned(), "disclosed", "予以公开。")
    application = services.do_submit_for_review(staff["head"], application)
    application = services.do_review(staff["reviewer"], application, True)
    assert_refused(application, lambda: services.do_approve(staff["head"], application, True),
                   "拟稿人不能审批自己拟写的答复。")


def test_early_close_outcomes_cannot_be_drafted(assigned, staff):
    application = assigned()
    assert_refused(application, lambda: services.do_draft_reply(staff["editor"], application, "other.fee_unpaid", "x"),
                   "逾期不补正、逾期未缴费由系统按期限结案，不能手工选择。")


@pytest.mark.parametrize("step, what", [
    (lambda s, a: clock_events.do_request_correction(s["ogi_office"], a, tomorrow(), "请补正"), "告知日期"),
    (lambda s, a: clock_events.do_start_consultation(s["ogi_office"], a, choices.CONSULT_THIRD_PARTY, "第三方", "事项",
                                                     tomorrow()), "发出日期"),
    (lambda s, a: clock_events.do_issue_fee_notice(s["ogi_office"], a, choices.FEE_BY_COUNT, 11, tomorrow()),
     "通知日期"),
    (lambda s, a: services.do_assign(s["ogi_office"], a, a.department, on=tomorrow()), "分办日期"),
    (lambda s, a: services.do_draft_reply(s["editor"], a, "disclosed", "予以公开。", on=tomorrow()), "拟稿日期"),
], ids=["correction", "consultation", "fee", "reassign", "draft"])
def test_future_dates_are_refused(assigned, staff, step, what):
    application = assigned()
    assert_refused(application, lambda: step(staff, application), f"{what}不能晚于今天（{today().isoformat()}）。")


def test_a_future_receipt_date_is_refused(applicant_data, ogi):
    with pytest.raises(Refused) as excinfo:
        intake.do_register(ogi, applicant_data(), [], choices.IN_PERSON, received_on=tomorrow())
    assert str(excinfo.value) == f"收到申请之日不能晚于今天（{today().isoformat()}）。"
    assert not DisclosureApplication.objects.exists()


def test_a_future_reply_date_is_refused(approved, ogi):
    application = approved()
    assert_refused(application, lambda: services.do_send_reply(ogi, application, tomorrow(), "email"),
                   f"答复日期不能晚于今天（{today().isoformat()}）。")


@pytest.mark.parametrize("step, message", [
    (lambda s, a: clock_events.do_request_correction(s["ogi_office"], a, D(2026, 5, 29), "请补正"),
     "补正告知日期不能早于收到申请之日。"),
    (lambda s, a: clock_events.do_start_consultation(s["ogi_office"], a, choices.CONSULT_AGENCY, "机关", "事项",
                                                     D(2026, 5, 29)), "发出日期不能早于收到申请之日。"),
    (lambda s, a: clock_events.do_issue_fee_notice(s["ogi_office"], a, choices.FEE_BY_COUNT, 11, D(2026, 5, 29)),
     "收费通知日期不能早于收到申请之日。"),
    (lambda s, a: services.do_draft_reply(s["editor"], a, "disclosed", "予以公开。", on=D(2026, 5, 31)),
     "拟稿日期不能早于收到申请之日（2026-06-01）。"),
    (lambda s, a: remedies.do_add_remedy(s["ogi_office"], a, "reconsideration", D(2026, 5, 20)),
     "申请或起诉日期不能早于收到申请之日。"),
], ids=["correction", "consultation", "fee", "draft", "remedy"])
def test_dates_before_receipt_are_refused(assigned, staff, step, message):
    application = assigned()
    assert_refused(application, lambda: step(staff, application), message)


def test_a_reply_dated_before_receipt_is_refused(approved, ogi):
    application = approved()
    assert_refused(application, lambda: services.do_send_reply(ogi, application, D(2026, 5, 29), "email"),
                   "答复日期不能早于收到申请之日。")


def test_a_correction_answer_before_the_notice_is_refused(assigned, ogi):
    application = clock_events.do_request_correction(ogi, assigned(), D(2026, 6, 3), "请写明抽查批次。")
    assert_refused(application, lambda: clock_events.do_record_correction(ogi, application, D(2026, 6, 2)),
                   "收到补正材料之日不能早于补正告知日期。")


def test_steps_on_a_closed_case_are_refused(replied, ogi, staff):
    application = replied()
    assert_refused(application, lambda: clock_events.do_request_correction(ogi, application, D(2026, 6, 22), "补正"),
                   f"申请 {application.number} 已经办结，不能再办理这一步。")
    assert_refused(application, lambda: services.do_draft_reply(staff["editor"], application, "disclosed", "x"),
                   f"申请 {application.number} 已经办结，不能再办理这一步。")


def test_a_missing_calendar_year_is_refused_in_chinese(assigned, ogi):
    from gongkai.workcalendar.models import CalendarYear
    from gongkai.workcalendar.services import _bump_revision

    application = assigned()
    CalendarYear.objects.filter(year=2026).delete()
    _bump_revision()
    assert_refused(application, lambda: clock_events.do_request_correction(ogi, application, D(2026, 6, 3), "请补正"),
                   "2026 年节假日安排尚未录入，无法计算期限（不推算，以免算错）。"
                   "请系统管理员先在“工作日历”中录入该年度的节假日安排。")


# --- the auditor (read-only) may do nothing ----------------------------------------------------------------


AUDITOR_STEPS = {
    "register": ("none", lambda u, a, f: intake.do_register(u, f["applicant_data"](), [], choices.IN_PERSON,
                                                            received_on=today()),
                 "只有政务公开办可以登记申请。"),
    "classify": ("registered", lambda u, a, f: services.do_classify_application(u, a), "只有政务公开办可以甄别申请。"),
    "petition": ("registered", lambda u, a, f: services.do_close_as_petition(u, a, "12345", "请拨打热线"),
                 "只有政务公开办可以甄别申请。"),
    "pass_on": ("registered", lambda u, a, f: services.do_pass_on(u, a, "12345"), "只有政务公开办可以甄别申请。"),
    "confirm": ("unconfirmed", lambda u, a, f: intake.do_confirm_receipt(u, a, today()),
                "只有政务公开办可以确认收到申请之日。"),
    "assign": ("registered", lambda u, a, f: services.do_assign(u, a, f["departments"]["own"]),
               "只有政务公开办可以分办申请。"),
    "correction": ("assigned", lambda u, a, f: clock_events.do_request_correction(u, a, D(2026, 6, 3), "补正"),
                   "只有政务公开办可以发出补正告知。"),
    "correction_received": ("correcting", lambda u, a, f: clock_events.do_record_correction(u, a, D(2026, 6, 5)),
                            "只有政务公开办可以登记补正材料。"),
    "correction_overdue": ("correcting", lambda u, a, f: clock_events.do_close_correction_overdue(u, a),
                           "只有政务公开办可以结案。"),
    "consultation": ("assigned", lambda u, a, f: clock_events.do_start_consultation(
        u, a, choices.CONSULT_THIRD_PARTY, "第三方", "事项", D(2026, 6, 3)), "只有政务公开办或承办部门可以征求意见。"),
    "consultation_answer": ("consulting", lambda u, a, f: clock_events.do_record_consultation_answer(
        u, a.consultations.get(), D(2026, 6, 5), "同意"), "只有政务公开办或承办部门可以登记意见。"),
    "fee": ("assigned", lambda u, a, f: clock_events.do_issue_fee_notice(u, a, choices.FEE_BY_COUNT, 11, D(2026, 6, 3)),
            "只有政务公开办可以发出收费通知。"),
    "payment": ("fee", lambda u, a, f: clock_events.do_record_payment(u, a, D(2026, 6, 5)),
                "只有政务公开办可以登记缴费。"),
    "fee_unpaid": ("fee", lambda u, a, f: clock_events.do_close_fee_unpaid(u, a), "只有政务公开办可以结案。"),
    "extension": ("assigned", lambda u, a, f: clock_events.do_approve_extension(u, a, 10, "档案较多"),
                  "延期答复须经政府信息公开工作机构负责人同意（条例第三十三条）。"),
    "art35": ("assigned", lambda u, a, f: clock_events.do_set_art35_date(u, a, D(2026, 9, 30), "数量大"),
              "只有政务公开办可以确定第三十五条的答复期限。"),
    "draft": ("assigned", lambda u, a, f: services.do_draft_reply(u, a, "disclosed", "予以公开。"),
              "只有承办部门的编辑、负责人或政务公开办可以拟写答复。"),
    "submit": ("drafted", lambda u, a, f: services.do_submit_for_review(u, a),
               "只有承办部门的编辑、负责人或政务公开办可以提交审查。"),
    "review": ("review", lambda u, a, f: services.do_review(u, a, True),
               "只有承办部门的审核人或政务公开办可以审查答复。"),
    "approve": ("approval", lambda u, a, f: services.do_approve(u, a, True), "只有承办部门的负责人可以审批答复。"),
    "reply": ("reply", lambda u, a, f: services.do_send_reply(u, a, D(2026, 6, 20), "email"),
              "只有政务公开办可以出具答复并登记送达。"),
    "archive": ("replied", lambda u, a, f: services.do_archive(u, a), "只有政务公开办可以归档。"),
    "remedy": ("replied", lambda u, a, f: remedies.do_add_remedy(u, a, "reconsideration", D(2026, 7, 1)),
               "只有政务公开办可以登记复议、诉讼。"),
    "remedy_update": ("remedy", lambda u, a, f: remedies.do_update_remedy(u, a.remedies.get(), "upheld",
                                                                          D(2026, 8, 1)),
                      "只有政务公开办可以登记复议、诉讼。"),
    "read_identity": ("registered", lambda u, a, f: intake.read_identity(u, a),
                      "只有政务公开办可以查看申请人的证件号码。"),
}


@pytest.fixture
def prepare(register, assigned, drafted, in_review, in_approval, approved, replied, staff):
    ogi = staff["ogi_office"]

    def make(state):
        if state == "none":
            return None
        if state == "registered":
            return register()
        if state == "unconfirmed":
            return register(channel=choices.LETTER, received_on=None)
        if state == "correcting":
            return clock_events.do_request_correction(ogi, assigned(), D(2026, 6, 3), "请补正")
        if state == "consulting":
            application = assigned()
            clock_events.do_start_consultation(ogi, application, choices.CONSULT_THIRD_PARTY, "第三方", "事项",
                                               D(2026, 6, 3))
            return application
        if state == "fee":
            return clock_events.do_issue_fee_notice(ogi, assigned(), choices.FEE_BY_COUNT, 11, D(2026, 6, 3))
        if state == "remedy":
            application = replied()
            remedies.do_add_remedy(ogi, application, "reconsideration", D(2026, 7, 1))
            return application
        return {"assigned": assigned, "drafted": drafted, "review": in_review, "approval": in_approval,
                "reply": approved, "replied": replied}[state]()

    return make


@pytest.mark.parametrize("name", list(AUDITOR_STEPS))
def test_the_auditor_can_do_nothing(name, prepare, staff, applicant_data, departments):
    state, step, message = AUDITOR_STEPS[name]
    application = prepare(state)
    fixtures = {"applicant_data": applicant_data, "departments": departments}
    if application is None:
        count = AuditEntry.objects.count()
        with pytest.raises(Refused, match=message):
            step(staff["auditor"], None, fixtures)
        assert AuditEntry.objects.count() == count and not DisclosureApplication.objects.exists()
        return
    assert_refused(application, lambda: step(staff["auditor"], application, fixtures), message)
