"""State changes of disclosure applications: handling stages, clock events, reply and archive.

Each do_* function checks who may do it, runs in one transaction, writes an Event (the
history the applicant and staff see) and an audit entry, and refreshes the stored copy of
the due date. A refused step raises Refused with a Chinese message and changes nothing.
Intake (online submission, staff registration, receipt confirmation) lives in intake.py.

Steps that happen on a day (a notice sent, an answer received, a reply issued) take that
date; the other steps take an optional `on` (default today) so that a late entry, an import
or the demo register can record when a step really happened. No step may be dated in the
future or before the receipt date (条例第三十一条).
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.applications import choices, clock, clockdata, fees, letters, outcomes
from gongkai.applications import permissions as perms
from gongkai.applications.errors import Refused
from gongkai.applications.models import (
    Consultation,
    CorrectionRequest,
    DisclosureApplication,
    Event,
    FeeNotice,
    Remedy,
)
from gongkai.audit.services import record as audit
from gongkai.audit.services import snapshot
from gongkai.organisation import roles
from gongkai.organisation.permissions import role_of
from gongkai.workcalendar.services import load_calendar

TRACKED = {"stage", "kind", "received_on", "department", "handler", "outcome", "reply_text", "extension_days",
           "art35_due_on", "concluded_on", "delivery_method", "delivered_on", "due_on", "passed_on_to"}


def _today():
    return timezone.localdate()


def _check(allowed, message):
    if not allowed:
        raise Refused(message)


def _not_future(day, what):
    _check(isinstance(day, dt.date) and not isinstance(day, dt.datetime), f"请填写{what}。")
    if day > _today():
        raise Refused(f"{what}不能晚于今天（{_today().isoformat()}）。")


def _earliest(application):
    """The first day anything can happen on an application: its receipt, else the day it was submitted."""
    if application.received_on is not None:
        return application.received_on
    return timezone.localdate(application.submitted_at)


def _step_day(on, application, what):
    """The date a step is recorded on: today unless given; never in the future, never before receipt."""
    day = _today() if on is None else on
    _not_future(day, what)
    earliest = _earliest(application)
    _check(day >= earliest, f"{what}不能早于收到申请之日（{earliest.isoformat()}）。")
    return day


def _moment(day):
    """A timestamp for a step dated `day`: now, or the end of office hours of an earlier day."""
    if day == _today():
        return timezone.now()
    return timezone.make_aware(dt.datetime.combine(day, dt.time(17, 30)))


def _calendar_refused(exc):
    return Refused(f"{exc}，无法计算期限（不推算，以免算错）。请系统管理员先在“工作日历”中录入该年度的节假日安排。")


def _window_due(start, days):
    """The `days`-th working day after `start`; a year without calendar data is refused (RULES.md §1)."""
    try:
        return clock.window_due(load_calendar(), start, days)
    except clock.CalendarYearMissing as exc:
        raise _calendar_refused(exc) from None


def _require_open(application):
    _check(application.is_open, f"申请 {application.number} 已经办结，不能再办理这一步。")


def _require_stage(application, *stages):
    if application.stage not in stages:
        allowed = "、".join(choices.STAGE_LABELS[s] for s in stages)
        raise Refused(f"申请当前处于“{application.get_stage_display()}”阶段，这一步只能在“{allowed}”阶段进行。")


def _require_application(application):
    _check(application.kind == choices.KIND_APPLICATION,
           "请先在登记阶段确认这是一件政府信息公开申请（甄别），再办理这一步。")


def _require_received(application):
    _check(application.received_on is not None,
           "还没有确认收到申请之日（条例第三十一条），请先确认收到日期，期限才能开始计算。")


def _set_stage(application, stage, on=None):
    application.stage = stage
    application.stage_entered_on = on or _today()


def event(application, action, summary, *, actor=None, on=None, public=True):
    return Event.objects.create(application=application, action=action, summary=summary[:500], on=on or _today(),
                                public=public, actor=actor)


def save(application, actor, action, summary, before, *, public=True, on=None):
    """Save, refresh the due date, and write the event and the audit entry."""
    clockdata.refresh_due(application)
    application.save()
    event(application, action, summary, actor=actor, on=on, public=public)
    audit(f"application.{action}", actor=actor, obj=application, before=before,
          after=snapshot(application, TRACKED), summary=summary)
    return application


def _locked(application):
    return DisclosureApplication.objects.select_for_update().get(pk=application.pk)


def state(application, today=None):
    return clockdata.state_of(application, today=today)


def _state(application, today=None):
    """state(), with a year missing from the calendar refused in Chinese."""
    try:
        return state(application, today=today)
    except clock.CalendarYearMissing as exc:
        raise _calendar_refused(exc) from None


def _name(user):
    return user.get_full_name() or user.get_username()


# --- registration stage ------------------------------------------------------------------------


@transaction.atomic
def do_classify_application(actor, application, on=None):
    """Registration: this is a true disclosure application (甄别, 条例第二十九条)."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以甄别申请。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.REGISTRATION)
    _check(application.kind != choices.KIND_APPLICATION, "这件申请已经甄别为政府信息公开申请，无需再次甄别。")
    day = _step_day(on, application, "甄别日期")
    before = snapshot(application, TRACKED)
    application.kind = choices.KIND_APPLICATION
    return save(application, actor, "classified", "经甄别，属于政府信息公开申请。", before, on=day)


@transaction.atomic
def do_close_as_petition(actor, application, channel, reply_text, replied_on=None):
    """Registration: a petition/complaint/report — closed as not_processed.petition (Art. 39), channel named."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以甄别申请。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.REGISTRATION)
    channel, reply_text = (channel or "").strip(), (reply_text or "").strip()
    _check(channel, "请写明应当通过哪个渠道反映（如：12345 热线、信访部门、投诉举报平台）。")
    _check(reply_text, "请填写告知申请人的答复内容。")
    replied_on = _step_day(replied_on, application, "答复日期")
    before = snapshot(application, TRACKED)
    receipt = ""
    if application.received_on is None:
        # Table 三 counts it as received; without a confirmed date the day of the answer is the receipt date.
        application.received_on = replied_on
        receipt = f"收到申请之日按答复日期（{replied_on.isoformat()}）确定。"
    application.kind = choices.KIND_APPLICATION
    application.passed_on_to = channel
    application.outcome = "not_processed.petition"
    application.reply_text = reply_text
    application.drafted_by = actor
    _set_stage(application, choices.REPLY, replied_on)
    application.concluded_on = replied_on
    summary = f"属于信访、投诉、举报类诉求，不作为政府信息公开申请处理，告知通过“{channel}”反映。{receipt}"
    save(application, actor, "closed_petition", summary, before, on=replied_on)
    letters.issue(application, choices.LETTER_REPLY, actor=actor, issued_on=replied_on)
    return application


@transaction.atomic
def do_pass_on(actor, application, channel, note="", on=None):
    """Registration: not an application at all (e.g. a consultation) — passed to the proper channel, not counted."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以甄别申请。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.REGISTRATION)
    channel, note = (channel or "").strip(), (note or "").strip()
    _check(channel, "请写明转交的渠道或部门。")
    day = _step_day(on, application, "转交日期")
    before = snapshot(application, TRACKED)
    application.kind = choices.KIND_PASSED_ON
    application.passed_on_to = channel
    _set_stage(application, choices.ARCHIVED, day)
    application.archived_at = _moment(day)
    summary = f"不属于政府信息公开申请，已转“{channel}”办理。" + (f"说明：{note}" if note else "")
    return save(application, actor, "passed_on", summary, before, on=day)


@transaction.atomic
def do_assign(actor, application, department, handler=None, on=None):
    """Registration → assigned: the department that prepares the reply (承办); again to reassign."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以分办申请。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.REGISTRATION, choices.ASSIGNED)
    _require_application(application)
    _require_received(application)
    _check(department is not None and department.is_active, "请选择一个在用的承办部门。")
    if handler is not None:
        _check(role_of(handler) in (roles.EDITOR, roles.HEAD, roles.OGI_OFFICE),
               f"{_name(handler)} 不能作为承办人：承办人应是承办部门的编辑、负责人或政务公开办工作人员。")
        _check(perms.can_handle(handler, department), f"{_name(handler)} 不属于{department}，不能作为承办人。")
    again = application.stage == choices.ASSIGNED
    _check(not again or (application.department_id, application.handler_id) != (department.pk, handler and handler.pk),
           f"这件申请已经由{department.name}承办，承办人没有变化。")
    day = _step_day(on, application, "分办日期")
    before = snapshot(application, TRACKED)
    application.department, application.handler = department, handler
    _set_stage(application, choices.ASSIGNED, day)
    who = f"，承办人：{_name(handler)}" if handler else ""
    return save(application, actor, "assigned", f"{'改由' if again else '交由'}{department.name}承办{who}。", before,
                public=False, on=day)


# --- clock events ----------------------------------------------------------------------------------


@transaction.atomic
def do_request_correction(actor, application, sent_on, items, deadline_days=None):
    """The one correction notice (Art. 30), listing everything to fix; the clock waits for the answer.

    The notice is due on WD 7 after receipt (RULES.md §3.2); a later one is allowed but flagged.
    """
    _check(perms.is_ogi_office(actor), "只有政务公开办可以发出补正告知。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.REGISTRATION, choices.ASSIGNED)
    _require_received(application)
    _check(not CorrectionRequest.objects.filter(application=application).exists(),
           "补正告知只能发出一次（条例第三十条：一次性告知需要补正的事项）。")
    items = (items or "").strip()
    _check(items, "请一次性列明需要补正的全部事项。")
    _not_future(sent_on, "告知日期")
    _check(sent_on >= application.received_on, "补正告知日期不能早于收到申请之日。")
    try:
        deadline_days = settings.APPLICATION_CORRECTION_DAYS if deadline_days in (None, "") else int(deadline_days)
    except (TypeError, ValueError):
        raise Refused("补正期限应为 1 至 60 个工作日。") from None
    _check(1 <= deadline_days <= 60, "补正期限应为 1 至 60 个工作日。")
    notice_due = _window_due(application.received_on, clock.CORRECTION_NOTICE_DAYS)
    deadline_on = _window_due(sent_on, deadline_days)
    before = snapshot(application, TRACKED)
    CorrectionRequest.objects.create(application=application, sent_on=sent_on, items=items,
                                     deadline_days=deadline_days, deadline_on=deadline_on, created_by=actor)
    late = sent_on > notice_due
    summary = f"发出补正告知，请于 {deadline_on.isoformat()} 前补正。"
    if late:
        summary += f"（注意：告知晚于应发日期 {notice_due.isoformat()}）"
    save(application, actor, "correction_requested", summary, before, on=sent_on)
    letters.issue(application, choices.LETTER_CORRECTION, actor=actor, issued_on=sent_on,
                  extra={"补正事项": items, "补正截止日": deadline_on, "补正期限": deadline_days})
    return application


@transaction.atomic
def do_record_correction(actor, application, received_on, note="", good_reason=""):
    """The corrected application arrived: the clock restarts, 20 WD after that day (Art. 30).

    After the deadline only with the applicant's good reason, which is recorded.
    """
    _check(perms.is_ogi_office(actor), "只有政务公开办可以登记补正材料。")
    application = _locked(application)
    _require_open(application)
    correction = CorrectionRequest.objects.filter(application=application).first()
    _check(correction is not None, "这件申请没有发出补正告知。")
    _check(correction.received_on is None, "已经登记过补正材料。")
    _not_future(received_on, "收到补正材料之日")
    _check(received_on >= correction.sent_on, "收到补正材料之日不能早于补正告知日期。")
    note, good_reason = (note or "").strip(), (good_reason or "").strip()
    late = received_on > correction.deadline_on
    _check(not late or good_reason,
           f"补正截止日是 {correction.deadline_on.isoformat()}，补正材料逾期送达。如申请人有正当理由，请填写理由；"
           "否则请按“逾期不补正”结案。")
    before = snapshot(application, TRACKED)
    correction.received_on, correction.received_note = received_on, note
    correction.good_reason = good_reason if late else ""
    correction.save()
    application.refresh_from_db()
    summary = f"收到补正材料，答复期限自 {received_on.isoformat()} 次日起重新计算。"
    if late:
        deadline = correction.deadline_on.isoformat()
        summary = (f"收到补正材料（晚于补正截止日 {deadline}，申请人的正当理由：{good_reason}），"
                   f"答复期限自 {received_on.isoformat()} 次日起重新计算。")
    return save(application, actor, "correction_received", summary, before, on=received_on)


@transaction.atomic
def do_close_correction_overdue(actor, application, today=None):
    """The applicant missed the correction deadline without good reason: other.correction_overdue (Art. 30)."""
    if actor is not None:
        _check(perms.is_ogi_office(actor), "只有政务公开办可以结案。")
    application = _locked(application)
    _require_open(application)
    correction = CorrectionRequest.objects.filter(application=application).first()
    _check(correction is not None and correction.received_on is None, "这件申请没有待补正的告知。")
    today = today or _today()
    _not_future(today, "结案日期")
    deadline = correction.deadline_on.isoformat()
    _check(today > correction.deadline_on, f"补正期限到 {deadline} 才届满，现在不能按逾期不补正结案。")
    return _close_early(actor, application, "other.correction_overdue",
                        f"申请人未在补正期限（{deadline}）内补正，本机关不再处理该申请。", today)


def _close_early(actor, application, outcome, reply_text, on):
    before = snapshot(application, TRACKED)
    application.outcome, application.reply_text = outcome, reply_text
    application.concluded_on = on
    _set_stage(application, choices.REPLY, on)
    save(application, actor, "closed", f"办结：{outcomes.short(outcome)}。", before, on=on)
    letters.issue(application, choices.LETTER_REPLY, actor=actor, issued_on=on)
    return application


@transaction.atomic
def do_start_consultation(actor, application, kind, party, matter, sent_on, party_address=""):
    """Consult a third party (Art. 32) or another agency (Art. 34); the time is not counted, 15 WD window."""
    application = _locked(application)  # permissions are judged on the current row (it may have been reassigned)
    _check(perms.is_ogi_office(actor) or perms.can_draft_reply(actor, application),
           "只有政务公开办或承办部门可以征求意见。")
    _require_open(application)
    _require_stage(application, choices.ASSIGNED, choices.REVIEW)
    _require_received(application)
    _check(kind in dict(choices.CONSULTATION_CHOICES), "请选择征求意见的类型。")
    party, matter = (party or "").strip(), (matter or "").strip()
    _check(party, "请填写被征求意见的第三方或机关名称。")
    _check(matter, "请写明征求意见的事项。")
    _not_future(sent_on, "发出日期")
    _check(sent_on >= application.received_on, "发出日期不能早于收到申请之日。")
    due_on = _window_due(sent_on, clock.CONSULTATION_DAYS)
    before = snapshot(application, TRACKED)
    consultation = Consultation.objects.create(
        application=application, kind=kind, party=party, party_address=(party_address or "").strip(),
        matter=matter, sent_on=sent_on, due_on=due_on, created_by=actor)
    what = "第三方" if kind == choices.CONSULT_THIRD_PARTY else "有关机关"
    save(application, actor, "consultation_sent",
         f"征求{what}意见，征求意见期间（至 {due_on.isoformat()}）不计入答复期限。", before, on=sent_on)
    letters.issue(application, choices.LETTER_CONSULTATION, actor=actor, issued_on=sent_on, addressee=party,
                  to_applicant=False, extra={"被征求意见方": party, "征求事项": matter, "意见期限": due_on})
    return consultation


@transaction.atomic
def do_record_consultation_answer(actor, consultation, answered_on, opinion):
    """The consulted party answered (or its 15 WD passed): the clock runs again (Arts. 32, 34)."""
    application = _locked(consultation.application)
    _check(perms.is_ogi_office(actor) or perms.can_draft_reply(actor, application),
           "只有政务公开办或承办部门可以登记意见。")
    _require_open(application)
    consultation = Consultation.objects.get(pk=consultation.pk)
    _check(consultation.answered_on is None, "这次征求意见已经登记了结果。")
    _not_future(answered_on, "收到意见之日")
    _check(answered_on >= consultation.sent_on, "收到意见之日不能早于发出日期。")
    opinion = (opinion or "").strip()
    _check(opinion, "请填写对方的意见；逾期未答复的，请写明“逾期未提出意见”。")
    before = snapshot(application, TRACKED)
    consultation.answered_on, consultation.opinion = answered_on, opinion
    consultation.save()
    application.refresh_from_db()
    summary = f"征求意见结束（{consultation.party}），恢复计算答复期限。"
    return save(application, actor, "consultation_answered", summary, before, on=answered_on)


@transaction.atomic
def do_issue_fee_notice(actor, application, basis, quantity, sent_on):
    """A processing-fee notice (RULES.md §3.4); the amount comes from the calculator, the clock pauses until paid."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以发出收费通知。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.ASSIGNED, choices.REVIEW, choices.APPROVAL)
    _require_received(application)
    _check(not FeeNotice.objects.filter(application=application).exists(), "这件申请已经发出过收费通知。")
    _not_future(sent_on, "通知日期")
    _check(sent_on >= application.received_on, "收费通知日期不能早于收到申请之日。")
    try:
        quantity = int(str(quantity).strip())
    except (TypeError, ValueError):
        raise Refused("件数或页数应为正整数。") from None
    try:
        charge = fees.calculate(basis, quantity)
    except ValueError as exc:
        raise Refused(str(exc)) from None
    _check(charge.amount > 0, f"按照收费标准，这件申请不收费（{charge.explanation}），无需发出收费通知。")
    pay_by = _window_due(sent_on, settings.APPLICATION_FEE_PAYMENT_DAYS)
    before = snapshot(application, TRACKED)
    FeeNotice.objects.create(application=application, basis=basis, quantity=quantity,
                             amount=Decimal(charge.amount), explanation=charge.explanation, sent_on=sent_on,
                             pay_by=pay_by, created_by=actor)
    save(application, actor, "fee_notice", f"发出收费通知，金额 {charge.amount} 元，请于 {pay_by.isoformat()} 前缴纳；"
         "缴费期间不计入答复期限。", before, on=sent_on)
    letters.issue(application, choices.LETTER_FEE, actor=actor, issued_on=sent_on,
                  extra={"收费金额": charge.amount, "计算过程": charge.explanation, "缴费截止日": pay_by})
    return application


@transaction.atomic
def do_record_payment(actor, application, paid_on):
    """The applicant paid the fee: the clock runs again (RULES.md §3.2)."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以登记缴费。")
    application = _locked(application)
    _require_open(application)
    fee = FeeNotice.objects.filter(application=application).first()
    _check(fee is not None and fee.paid_on is None, "这件申请没有待缴的费用。")
    _not_future(paid_on, "缴费日期")
    _check(paid_on >= fee.sent_on, "缴费日期不能早于收费通知日期。")
    before = snapshot(application, TRACKED)
    fee.paid_on = paid_on
    fee.save()
    application.refresh_from_db()
    return save(application, actor, "fee_paid", f"申请人已缴纳信息处理费 {fee.amount} 元，恢复计算答复期限。", before,
                on=paid_on)


@transaction.atomic
def do_close_fee_unpaid(actor, application, today=None):
    """Unpaid after the payment period: other.fee_unpaid (RULES.md §3.2; 条例第四十二条)."""
    if actor is not None:
        _check(perms.is_ogi_office(actor), "只有政务公开办可以结案。")
    application = _locked(application)
    _require_open(application)
    fee = FeeNotice.objects.filter(application=application).first()
    _check(fee is not None and fee.paid_on is None, "这件申请没有待缴的费用。")
    today = today or _today()
    _not_future(today, "结案日期")
    _check(today > fee.pay_by, f"缴费期限到 {fee.pay_by.isoformat()} 才届满，现在不能按逾期未缴费结案。")
    return _close_early(actor, application, "other.fee_unpaid",
                        f"申请人未在缴费期限（{fee.pay_by}）内缴纳信息处理费，本机关不再处理该申请。", today)


@transaction.atomic
def do_approve_extension(actor, application, days, reason, approved_on=None):
    """Extension: once, at most 20 WD, approved by the head of the OGI office (Art. 33); notice to the applicant."""
    _check(perms.can_approve_extension(actor), "延期答复须经政府信息公开工作机构负责人同意（条例第三十三条）。")
    application = _locked(application)
    _require_open(application)
    _require_received(application)
    _check(application.extension_days == 0, "答复期限只能延长一次。")
    _check(application.stage in (choices.ASSIGNED, choices.REVIEW, choices.APPROVAL),
           "只有分办后、答复前的申请可以延期。")
    try:
        days = int(str(days).strip())
    except (TypeError, ValueError):
        raise Refused(f"请填写延长的工作日数（1 至 {clock.MAX_EXTENSION_DAYS}）。") from None
    _check(1 <= days <= clock.MAX_EXTENSION_DAYS, f"延长的期限最长不超过 {clock.MAX_EXTENSION_DAYS} 个工作日。")
    reason = (reason or "").strip()
    _check(reason, "请填写延期理由。")
    approved_on = _step_day(approved_on, application, "批准日期")
    current = _state(application, today=approved_on)
    _check(current.due is None or approved_on <= current.due,
           f"答复期限已于 {current.due.isoformat() if current.due else ''} 届满，不能再延期。")
    before = snapshot(application, TRACKED)
    application.extension_days, application.extension_reason = days, reason
    application.extension_approved_by, application.extension_approved_on = actor, approved_on
    save(application, actor, "extended", f"经政府信息公开工作机构负责人同意，答复期限延长 {days} 个工作日。", before,
         on=approved_on)
    # While a pause is open the new due date is not known yet; the letter says so instead of leaving a gap.
    new_due = application.due_on or "暂停计算的事项结束后，按延长后的期限重新确定，届时另行告知"
    letters.issue(application, choices.LETTER_EXTENSION, actor=actor, issued_on=approved_on,
                  extra={"新答复期限": new_due})
    return application


@transaction.atomic
def do_set_art35_date(actor, application, due_on, reason, on=None):
    """Art. 35: for an excessive request, a later reply date with its reason, stored explicitly."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以确定第三十五条的答复期限。")
    application = _locked(application)
    _require_open(application)
    _require_received(application)
    _check(isinstance(due_on, dt.date) and not isinstance(due_on, dt.datetime), "请填写确定的答复期限。")
    reason = (reason or "").strip()
    _check(reason, "请写明申请人说明的理由及确定这一期限的理由（条例第三十五条）。")
    day = _step_day(on, application, "确定日期")
    current = _state(application, today=day)
    _check(due_on > day and (current.due is None or due_on > current.due),
           "第三十五条确定的答复期限应当晚于法定期限" + (f"（{current.due}）" if current.due else "") + "。")
    before = snapshot(application, TRACKED)
    application.art35_due_on, application.art35_reason = due_on, reason
    return save(application, actor, "art35", f"依照条例第三十五条，答复期限确定为 {due_on.isoformat()}。", before,
                on=day)


# --- drafting, review, approval -----------------------------------------------------------------------


@transaction.atomic
def do_draft_reply(actor, application, outcome, reply_text, on=None):
    """The department drafts the reply: one outcome of the codebook (RULES.md §3.3) and its text."""
    application = _locked(application)
    _check(perms.can_draft_reply(actor, application), "只有承办部门的编辑、负责人或政务公开办可以拟写答复。")
    _require_open(application)
    _require_stage(application, choices.ASSIGNED)
    _check(outcome in outcomes.BY_CODE, "请选择一个办理结果。")
    _check(outcome not in outcomes.EARLY_CLOSE[1:], "逾期不补正、逾期未缴费由系统按期限结案，不能手工选择。")
    reply_text = (reply_text or "").strip()
    _check(reply_text, "请填写答复内容：公开的，说明获取方式；不予公开或无法提供的，说明理由和依据。")
    day = _step_day(on, application, "拟稿日期")
    before = snapshot(application, TRACKED)
    application.outcome, application.reply_text, application.drafted_by = outcome, reply_text, actor
    return save(application, actor, "drafted", f"拟定答复：{outcomes.short(outcome)}。", before, public=False, on=day)


@transaction.atomic
def do_submit_for_review(actor, application, on=None):
    """Assigned → review; not while a consultation, a correction or a fee is outstanding (the clock is paused)."""
    application = _locked(application)
    _check(perms.can_draft_reply(actor, application), "只有承办部门的编辑、负责人或政务公开办可以提交审查。")
    _require_open(application)
    _require_stage(application, choices.ASSIGNED)
    _check(application.outcome and application.reply_text, "请先拟写答复（办理结果和答复内容）再提交审查。")
    open_consultations = application.consultations.filter(answered_on__isnull=True).count()
    _check(not open_consultations, "还有征求意见没有结束，请先登记对方意见。")
    correction = CorrectionRequest.objects.filter(application=application).first()
    _check(correction is None or correction.received_on is not None, "申请人尚未补正，不能提交审查。")
    fee = FeeNotice.objects.filter(application=application).first()
    _check(fee is None or fee.paid_on is not None, "申请人尚未缴费，不能提交审查。")
    day = _step_day(on, application, "提交日期")
    before = snapshot(application, TRACKED)
    _set_stage(application, choices.REVIEW, day)
    return save(application, actor, "submitted", "答复稿提交法制和保密审查。", before, public=False, on=day)


@transaction.atomic
def do_review(actor, application, passed, note="", on=None):
    """Legal and confidentiality review (审查): pass to approval or return to the department."""
    application = _locked(application)
    _check(perms.can_review_reply(actor, application), "只有承办部门的审核人或政务公开办可以审查答复。")
    _require_open(application)
    _require_stage(application, choices.REVIEW)
    _check(application.drafted_by_id != actor.pk, "拟稿人不能审查自己拟写的答复。")
    note = (note or "").strip()
    _check(passed or note, "退回时请写明需要修改的地方。")
    day = _step_day(on, application, "审查日期")
    before = snapshot(application, TRACKED)
    application.reviewed_by, application.review_note = actor, note
    _set_stage(application, choices.APPROVAL if passed else choices.ASSIGNED, day)
    summary = "审查通过，报部门负责人审批。" if passed else f"审查退回：{note}"
    return save(application, actor, "reviewed" if passed else "review_returned", summary, before, public=False,
                on=day)


@transaction.atomic
def do_approve(actor, application, approved, note="", on=None):
    """Approval by the head of the assigned department (审批); returned drafts go back to the department."""
    application = _locked(application)
    _check(perms.can_approve_reply(actor, application), "只有承办部门的负责人可以审批答复。")
    _require_open(application)
    _require_stage(application, choices.APPROVAL)
    _check(application.drafted_by_id != actor.pk, "拟稿人不能审批自己拟写的答复。")
    note = (note or "").strip()
    _check(approved or note, "退回时请写明理由。")
    day = _step_day(on, application, "审批日期")
    before = snapshot(application, TRACKED)
    if approved:
        application.approved_by = actor
        _set_stage(application, choices.REPLY, day)
    else:
        _set_stage(application, choices.ASSIGNED, day)
    summary = "部门负责人审批同意，准备答复。" if approved else f"审批退回：{note}"
    return save(application, actor, "approved" if approved else "approval_returned", summary, before, public=False,
                on=day)


@transaction.atomic
def do_send_reply(actor, application, replied_on, delivery_method, delivered_on=None):
    """Reply and delivery: the reply letter is issued with the approved outcome and text (Art. 36).

    A reply sent without a delivery date may be called again later with the delivery date alone.
    """
    _check(perms.is_ogi_office(actor), "只有政务公开办可以出具答复并登记送达。")
    application = _locked(application)
    _check(application.stage not in (choices.ASSIGNED, choices.REVIEW, choices.APPROVAL),
           f"答复须经部门负责人审批后才能出具（不能跳过审批）。申请当前处于“{application.get_stage_display()}”阶段。")
    _require_stage(application, choices.REPLY)
    _check(delivery_method in dict(choices.DELIVERY_CHOICES), "请选择送达方式。")
    _not_future(replied_on, "答复日期")
    if delivered_on is not None:
        _not_future(delivered_on, "送达日期")
        _check(delivered_on >= replied_on, "送达日期不能早于答复日期。")
    if application.delivery_method:
        return _record_delivery(actor, application, delivery_method, delivered_on)
    early_closed = application.concluded_on is not None
    if early_closed:
        _check(replied_on >= application.concluded_on,
               f"答复日期不能早于办结日期（{application.concluded_on.isoformat()}）。")
    else:
        _check(application.approved_by_id is not None, "答复须经部门负责人审批后才能出具（不能跳过审批）。")
        _check(application.received_on is not None and replied_on >= application.received_on,
               "答复日期不能早于收到申请之日。")
    before = snapshot(application, TRACKED)
    if not early_closed:
        application.concluded_on = replied_on
    application.delivery_method, application.delivered_on = delivery_method, delivered_on
    delivered = f"，{delivered_on.isoformat()} 送达" if delivered_on else ""
    save(application, actor, "replied",
         f"出具答复（{outcomes.short(application.outcome)}），送达方式：{application.get_delivery_method_display()}{delivered}。",
         before, on=replied_on)
    if not early_closed:
        letters.issue(application, choices.LETTER_REPLY, actor=actor, issued_on=replied_on)
    return application


def _record_delivery(actor, application, delivery_method, delivered_on):
    """The reply was sent earlier without a delivery date: record the day it reached the applicant."""
    _check(application.delivered_on is None and delivered_on is not None,
           "答复已经出具并登记送达，不能重复登记。")
    _check(application.stage == choices.REPLY and delivered_on >= application.concluded_on,
           "送达日期不能早于答复日期。")
    before = snapshot(application, TRACKED)
    application.delivery_method, application.delivered_on = delivery_method, delivered_on
    return save(application, actor, "delivered",
                f"答复已于 {delivered_on.isoformat()} 送达（{application.get_delivery_method_display()}）。", before,
                on=delivered_on)


@transaction.atomic
def do_archive(actor, application, on=None):
    """Reply → archived (归档): the case file is complete."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以归档。")
    application = _locked(application)
    _require_stage(application, choices.REPLY)
    _check(application.concluded_on is not None and application.delivery_method,
           "请先出具答复并登记送达方式，再归档。")
    day = _today() if on is None else on
    _not_future(day, "归档日期")
    _check(day >= application.concluded_on, f"归档日期不能早于答复日期（{application.concluded_on.isoformat()}）。")
    before = snapshot(application, TRACKED)
    _set_stage(application, choices.ARCHIVED, day)
    application.archived_at = _moment(day)
    return save(application, actor, "archived", "办理完毕，已归档。", before, on=day)


# --- reconsideration and litigation -----------------------------------------------------------------


@transaction.atomic
def do_add_remedy(actor, application, kind, filed_on, result="pending", decided_on=None, note=""):
    """Administrative reconsideration or litigation about an application (table 四; 条例第五十一条)."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以登记复议、诉讼。")
    _check(application.kind == choices.KIND_APPLICATION, "只有政府信息公开申请可以登记复议、诉讼。")
    _check(kind in dict(choices.REMEDY_CHOICES), "请选择复议或诉讼类型。")
    _check(result in dict(choices.REMEDY_RESULT_CHOICES), "请选择结果。")
    _not_future(filed_on, "申请或起诉日期")
    _check(filed_on >= _earliest(application), "申请或起诉日期不能早于收到申请之日。")
    _check(result == "pending" or decided_on is not None, "已审结的，请填写结案日期。")
    if result != "pending":
        _not_future(decided_on, "结案日期")
        _check(decided_on >= filed_on, "结案日期不能早于申请或起诉日期。")
    remedy = Remedy.objects.create(application=application, kind=kind, filed_on=filed_on, result=result,
                                   decided_on=decided_on if result != "pending" else None, note=(note or "").strip(),
                                   created_by=actor)
    summary = f"登记{remedy.get_kind_display()}（{remedy.get_result_display()}）。"
    event(application, "remedy_added", summary, actor=actor, on=filed_on, public=False)
    audit("application.remedy_added", actor=actor, obj=application, after=snapshot(remedy), summary=summary)
    return remedy


@transaction.atomic
def do_update_remedy(actor, remedy, result, decided_on=None, note=""):
    """The result of a reconsideration or a lawsuit: 维持, 纠正, 其他, or back to 尚未审结."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以登记复议、诉讼。")
    _check(result in dict(choices.REMEDY_RESULT_CHOICES), "请选择结果。")
    _check(result == "pending" or decided_on is not None, "已审结的，请填写结案日期。")
    remedy = Remedy.objects.select_for_update().get(pk=remedy.pk)
    if result != "pending":
        _not_future(decided_on, "结案日期")
        _check(decided_on >= remedy.filed_on, "结案日期不能早于申请或起诉日期。")
    note = (note or "").strip()
    before = snapshot(remedy)
    remedy.result, remedy.decided_on = result, decided_on if result != "pending" else None
    if note:
        remedy.note = note
    remedy.save()
    summary = f"{remedy.get_kind_display()}结果：{remedy.get_result_display()}。"
    event(remedy.application, "remedy_updated", summary, actor=actor, on=remedy.decided_on, public=False)
    audit("application.remedy_updated", actor=actor, obj=remedy.application, before=before, after=snapshot(remedy),
          summary=summary)
    return remedy


# --- recomputation ------------------------------------------------------------------------------------


def recompute_open(actor=None, reason="", batch=1000):
    """Refresh the stored due date of every open application after a calendar edit (RULES.md §1).

    Returns the number of cases whose due date changed. Each of them gets an Event saying so;
    one audit entry lists them. Built for volume (10,000 open cases in a few seconds): the facts
    the clock reads come from three plain queries (no model instances; the same facts as
    clockdata.facts_of, which test_recompute checks), cases with the same facts — most share a
    receipt day and nothing else — are counted once, and the changed dates are written with one
    UPDATE per new date. A missing year or impossible facts leave the due date empty
    ("期限无法计算"), never guessed.
    """
    from gongkai.workcalendar.services import current_version

    calendar = load_calendar()
    version = calendar.version if isinstance(calendar.version, int) else current_version()
    today = _today()
    open_cases = DisclosureApplication.objects.filter(stage__in=choices.OPEN_STAGES, concluded_on__isnull=True)
    kind_labels = {kind: label.split("（")[0] for kind, label in choices.CONSULTATION_CHOICES}
    pauses_of = {}
    for application_id, kind, sent_on, answered_on in (
            Consultation.objects.filter(application__in=open_cases)
            .values_list("application_id", "kind", "sent_on", "answered_on").order_by("pk")):
        pauses_of.setdefault(application_id, []).append(clock.Pause(sent_on, answered_on, kind_labels[kind]))
    rows = open_cases.values_list(
        "pk", "number", "due_on", "received_on", "extension_days", "art35_due_on", "art35_reason", "concluded_on",
        "correction__sent_on", "correction__received_on", "fee_notice__sent_on", "fee_notice__paid_on",
    ).order_by("pk")
    dues, moved, changes, events = {}, {}, [], []
    for (pk, number, stored, received_on, extension_days, art35_due_on, art35_reason, concluded_on,
         correction_sent, correction_received, fee_sent, fee_paid) in rows.iterator(chunk_size=batch):
        pauses = list(pauses_of.get(pk, ()))
        if fee_sent is not None:
            pauses.append(clock.Pause(fee_sent, fee_paid, "等待缴纳信息处理费"))
        facts = clock.ClockFacts(
            received_on=received_on, correction_requested_on=correction_sent,
            correction_received_on=correction_received if correction_sent else None,
            pauses=tuple(sorted(pauses, key=lambda p: p.start)), extension_days=extension_days,
            art35_due_on=art35_due_on, art35_reason=art35_reason, concluded_on=concluded_on)
        if facts not in dues:
            try:
                # The due date does not depend on the day the clock is read on; reading it as of
                # the receipt day keeps the counts of days used and left short.
                dues[facts] = clock.compute(calendar, facts, received_on or today).due
            except (clock.CalendarYearMissing, ValueError):
                dues[facts] = None
        due = dues[facts]
        if due == stored:
            continue
        moved.setdefault(due, []).append(pk)
        changes.append({"number": number, "before": stored, "after": due})
        before = stored.isoformat() if stored else "无法计算"
        after = due.isoformat() if due else "暂时无法计算"
        events.append(Event(application_id=pk, action="recomputed", on=today, actor=actor,
                            summary=f"工作日历调整，答复期限由 {before} 改为 {after}。"))
    for due, ids in moved.items():
        for start in range(0, len(ids), 500):
            DisclosureApplication.objects.filter(pk__in=ids[start:start + 500]).update(due_on=due)
    Event.objects.bulk_create(events, batch_size=batch)
    refreshed = open_cases.exclude(calendar_version=version).update(calendar_version=version)
    if not changes and not refreshed:
        return 0  # no open case to recompute: the calendar's own entry is the whole story
    audit("application.recomputed", actor=actor, object_type="applications.disclosureapplication",
          after={"calendar_version": version, "changed": changes[:1000]},
          summary=f"重新计算在办申请的答复期限：{len(changes)} 件的期限发生变化。{reason}")
    return len(changes)


def working_days_on_stage(application, today=None, calendar=None):
    """(days spent in the current stage, the stage's internal target) in working days."""
    calendar = calendar or load_calendar()
    target = settings.APPLICATION_STAGE_TARGETS.get(application.stage)
    spent = calendar.working_days_between(application.stage_entered_on, today or _today())
    return spent, target


def today():
    return _today()


def parse_date(text):
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None
