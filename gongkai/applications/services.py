"""State changes of disclosure applications: handling stages, clock events, reply and archive.

Each do_* function checks who may do it, runs in one transaction, writes an Event (the
history the applicant and staff see) and an audit entry, and refreshes the stored copy of
the due date. A refused step raises Refused with a Chinese message and changes nothing.
Intake (online submission, staff registration, receipt confirmation) lives in intake.py.
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
from gongkai.workcalendar.services import load_calendar

TRACKED = {"stage", "kind", "received_on", "department", "handler", "outcome", "reply_text", "extension_days",
           "art35_due_on", "concluded_on", "delivery_method", "delivered_on", "due_on", "passed_on_to"}


def _today():
    return timezone.localdate()


def _check(allowed, message):
    if not allowed:
        raise Refused(message)


def _not_future(day, what):
    if day > _today():
        raise Refused(f"{what}不能晚于今天（{_today().isoformat()}）。")


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


def _set_stage(application, stage):
    application.stage = stage
    application.stage_entered_on = _today()


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


# --- registration stage ------------------------------------------------------------------------


@transaction.atomic
def do_classify_application(actor, application):
    """Registration: this is a true disclosure application (甄别)."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以甄别申请。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.REGISTRATION)
    before = snapshot(application, TRACKED)
    application.kind = choices.KIND_APPLICATION
    return save(application, actor, "classified", "经甄别，属于政府信息公开申请。", before)


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
    replied_on = replied_on or _today()
    _not_future(replied_on, "答复日期")
    if application.received_on is None:
        application.received_on = replied_on
    before = snapshot(application, TRACKED)
    application.kind = choices.KIND_APPLICATION
    application.passed_on_to = channel
    application.outcome = "not_processed.petition"
    application.reply_text = reply_text
    application.drafted_by = actor
    _set_stage(application, choices.REPLY)
    application.concluded_on = replied_on
    summary = f"属于信访、投诉、举报类诉求，不作为政府信息公开申请处理，告知通过“{channel}”反映。"
    save(application, actor, "closed_petition", summary, before, on=replied_on)
    letters.issue(application, choices.LETTER_REPLY, actor=actor, issued_on=replied_on)
    return application


@transaction.atomic
def do_pass_on(actor, application, channel, note=""):
    """Registration: not an application at all (e.g. a consultation) — passed to the proper channel, not counted."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以甄别申请。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.REGISTRATION)
    channel = (channel or "").strip()
    _check(channel, "请写明转交的渠道或部门。")
    before = snapshot(application, TRACKED)
    application.kind = choices.KIND_PASSED_ON
    application.passed_on_to = channel
    _set_stage(application, choices.ARCHIVED)
    application.archived_at = timezone.now()
    summary = f"不属于政府信息公开申请，已转“{channel}”办理。" + (f"说明：{note.strip()}" if note.strip() else "")
    return save(application, actor, "passed_on", summary, before)


@transaction.atomic
def do_assign(actor, application, department, handler=None):
    """Registration → assigned: the department that prepares the reply (承办)."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以分办申请。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.REGISTRATION, choices.ASSIGNED)
    _require_application(application)
    _require_received(application)
    _check(department is not None and department.is_active, "请选择一个在用的承办部门。")
    if handler is not None:
        from gongkai.organisation.permissions import visible_department_ids

        ids = visible_department_ids(handler)
        name = handler.get_full_name() or handler.get_username()
        _check(ids is None or department.pk in ids, f"{name} 不属于{department}，不能作为承办人。")
    before = snapshot(application, TRACKED)
    again = application.stage == choices.ASSIGNED
    application.department, application.handler = department, handler
    _set_stage(application, choices.ASSIGNED)
    who = f"，承办人：{handler.get_full_name() or handler.get_username()}" if handler else ""
    return save(application, actor, "assigned", f"{'改由' if again else '交由'}{department.name}承办{who}。", before,
                public=False)


# --- clock events ----------------------------------------------------------------------------------


@transaction.atomic
def do_request_correction(actor, application, sent_on, items, deadline_days=None):
    """The one correction notice (Art. 30), listing everything to fix; the clock waits for the answer."""
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
    deadline_days = settings.APPLICATION_CORRECTION_DAYS if deadline_days is None else int(deadline_days)
    _check(1 <= deadline_days <= 60, "补正期限应为 1 至 60 个工作日。")
    calendar = load_calendar()
    before = snapshot(application, TRACKED)
    notice_due = clock.window_due(calendar, application.received_on, clock.CORRECTION_NOTICE_DAYS)
    deadline_on = clock.window_due(calendar, sent_on, deadline_days)
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
    """The corrected application arrived: the clock restarts, 20 WD after that day (Art. 30)."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以登记补正材料。")
    application = _locked(application)
    _require_open(application)
    correction = CorrectionRequest.objects.filter(application=application).first()
    _check(correction is not None, "这件申请没有发出补正告知。")
    _check(correction.received_on is None, "已经登记过补正材料。")
    _not_future(received_on, "收到补正材料之日")
    _check(received_on >= correction.sent_on, "收到补正材料之日不能早于补正告知日期。")
    good_reason = (good_reason or "").strip()
    _check(received_on <= correction.deadline_on or good_reason,
           f"补正截止日是 {correction.deadline_on.isoformat()}，补正材料逾期送达。如申请人有正当理由，请填写理由；"
           "否则请按“逾期不补正”结案。")
    before = snapshot(application, TRACKED)
    correction.received_on, correction.received_note, correction.good_reason = received_on, note.strip(), good_reason
    correction.save()
    application.refresh_from_db()
    return save(application, actor, "correction_received",
                f"收到补正材料，答复期限自 {received_on.isoformat()} 次日起重新计算。", before, on=received_on)


@transaction.atomic
def do_close_correction_overdue(actor, application, today=None):
    """The applicant missed the correction deadline without good reason: other.correction_overdue."""
    application = _locked(application)
    _require_open(application)
    correction = CorrectionRequest.objects.filter(application=application).first()
    _check(correction is not None and correction.received_on is None, "这件申请没有待补正的告知。")
    today = today or _today()
    deadline = correction.deadline_on.isoformat()
    _check(today > correction.deadline_on, f"补正期限到 {deadline} 才届满，现在不能按逾期不补正结案。")
    if actor is not None:
        _check(perms.is_ogi_office(actor), "只有政务公开办可以结案。")
    return _close_early(actor, application, "other.correction_overdue",
                        f"申请人未在补正期限（{deadline}）内补正，本机关不再处理该申请。", today)


def _close_early(actor, application, outcome, reply_text, on):
    before = snapshot(application, TRACKED)
    application.outcome, application.reply_text = outcome, reply_text
    application.concluded_on = on
    _set_stage(application, choices.REPLY)
    save(application, actor, "closed", f"办结：{outcomes.short(outcome)}。", before, on=on)
    letters.issue(application, choices.LETTER_REPLY, actor=actor, issued_on=on)
    return application


@transaction.atomic
def do_start_consultation(actor, application, kind, party, matter, sent_on, party_address=""):
    """Consult a third party (Art. 32) or another agency (Art. 34); the time is not counted, 15 WD window."""
    _check(perms.is_ogi_office(actor) or perms.can_draft_reply(actor, application),
           "只有政务公开办或承办部门可以征求意见。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.ASSIGNED, choices.REVIEW)
    _require_received(application)
    _check(kind in dict(choices.CONSULTATION_CHOICES), "请选择征求意见的类型。")
    party, matter = (party or "").strip(), (matter or "").strip()
    _check(party, "请填写被征求意见的第三方或机关名称。")
    _check(matter, "请写明征求意见的事项。")
    _not_future(sent_on, "发出日期")
    _check(sent_on >= application.received_on, "发出日期不能早于收到申请之日。")
    before = snapshot(application, TRACKED)
    due_on = clock.window_due(load_calendar(), sent_on, clock.CONSULTATION_DAYS)
    consultation = Consultation.objects.create(
        application=application, kind=kind, party=party, party_address=party_address.strip(), matter=matter,
        sent_on=sent_on, due_on=due_on, created_by=actor)
    what = "第三方" if kind == choices.CONSULT_THIRD_PARTY else "有关机关"
    save(application, actor, "consultation_sent",
         f"征求{what}意见，征求意见期间（至 {due_on.isoformat()}）不计入答复期限。", before, on=sent_on)
    letters.issue(application, choices.LETTER_CONSULTATION, actor=actor, issued_on=sent_on, addressee=party,
                  to_applicant=False, extra={"被征求意见方": party, "征求事项": matter, "意见期限": due_on})
    return consultation


@transaction.atomic
def do_record_consultation_answer(actor, consultation, answered_on, opinion):
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
    """A processing-fee notice (RULES.md §3.4); the clock pauses until payment."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以发出收费通知。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.ASSIGNED, choices.REVIEW, choices.APPROVAL)
    _require_received(application)
    _check(not FeeNotice.objects.filter(application=application).exists(), "这件申请已经发出过收费通知。")
    _not_future(sent_on, "通知日期")
    try:
        charge = fees.calculate(basis, int(quantity))
    except ValueError as exc:
        raise Refused(str(exc)) from None
    _check(charge.amount > 0, f"按照收费标准，这件申请不收费（{charge.explanation}），无需发出收费通知。")
    before = snapshot(application, TRACKED)
    pay_by = clock.window_due(load_calendar(), sent_on, settings.APPLICATION_FEE_PAYMENT_DAYS)
    FeeNotice.objects.create(application=application, basis=basis, quantity=int(quantity),
                             amount=Decimal(charge.amount), explanation=charge.explanation, sent_on=sent_on,
                             pay_by=pay_by, created_by=actor)
    save(application, actor, "fee_notice", f"发出收费通知，金额 {charge.amount} 元，请于 {pay_by.isoformat()} 前缴纳；"
         "缴费期间不计入答复期限。", before, on=sent_on)
    letters.issue(application, choices.LETTER_FEE, actor=actor, issued_on=sent_on,
                  extra={"收费金额": charge.amount, "计算过程": charge.explanation, "缴费截止日": pay_by})
    return application


@transaction.atomic
def do_record_payment(actor, application, paid_on):
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
    application = _locked(application)
    _require_open(application)
    fee = FeeNotice.objects.filter(application=application).first()
    _check(fee is not None and fee.paid_on is None, "这件申请没有待缴的费用。")
    today = today or _today()
    _check(today > fee.pay_by, f"缴费期限到 {fee.pay_by.isoformat()} 才届满。")
    if actor is not None:
        _check(perms.is_ogi_office(actor), "只有政务公开办可以结案。")
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
    days = int(days)
    _check(1 <= days <= clock.MAX_EXTENSION_DAYS, f"延长的期限最长不超过 {clock.MAX_EXTENSION_DAYS} 个工作日。")
    reason = (reason or "").strip()
    _check(reason, "请填写延期理由。")
    approved_on = approved_on or _today()
    _not_future(approved_on, "批准日期")
    current = state(application, today=approved_on)
    _check(current.due is None or approved_on <= current.due,
           f"答复期限已于 {current.due.isoformat() if current.due else ''} 届满，不能再延期。")
    before = snapshot(application, TRACKED)
    application.extension_days, application.extension_reason = days, reason
    application.extension_approved_by, application.extension_approved_on = actor, approved_on
    save(application, actor, "extended", f"经政府信息公开工作机构负责人同意，答复期限延长 {days} 个工作日。", before,
         on=approved_on)
    letters.issue(application, choices.LETTER_EXTENSION, actor=actor, issued_on=approved_on,
                  extra={"新答复期限": application.due_on or ""})
    return application


@transaction.atomic
def do_set_art35_date(actor, application, due_on, reason):
    """Art. 35: for an excessive request, a later reply date with its reason, stored explicitly."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以确定第三十五条的答复期限。")
    application = _locked(application)
    _require_open(application)
    _require_received(application)
    reason = (reason or "").strip()
    _check(reason, "请写明申请人说明的理由及确定这一期限的理由（条例第三十五条）。")
    current = state(application)
    _check(current.due is None or due_on > current.due,
           "第三十五条确定的答复期限应当晚于法定期限" + (f"（{current.due}）" if current.due else "") + "。")
    before = snapshot(application, TRACKED)
    application.art35_due_on, application.art35_reason = due_on, reason
    return save(application, actor, "art35", f"依照条例第三十五条，答复期限确定为 {due_on.isoformat()}。", before)


# --- drafting, review, approval -----------------------------------------------------------------------


@transaction.atomic
def do_draft_reply(actor, application, outcome, reply_text):
    _check(perms.can_draft_reply(actor, application), "只有承办部门的编辑、负责人或政务公开办可以拟写答复。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.ASSIGNED)
    _check(outcome in outcomes.BY_CODE, "请选择一个办理结果。")
    _check(outcome not in outcomes.EARLY_CLOSE[1:], "逾期不补正、逾期未缴费由系统按期限结案，不能手工选择。")
    reply_text = (reply_text or "").strip()
    _check(reply_text, "请填写答复内容：公开的，说明获取方式；不予公开或无法提供的，说明理由和依据。")
    before = snapshot(application, TRACKED)
    application.outcome, application.reply_text, application.drafted_by = outcome, reply_text, actor
    return save(application, actor, "drafted", f"拟定答复：{outcomes.short(outcome)}。", before, public=False)


@transaction.atomic
def do_submit_for_review(actor, application):
    _check(perms.can_draft_reply(actor, application), "只有承办部门的编辑、负责人或政务公开办可以提交审查。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.ASSIGNED)
    _check(application.outcome and application.reply_text, "请先拟写答复（办理结果和答复内容）再提交审查。")
    open_consultations = application.consultations.filter(answered_on__isnull=True).count()
    _check(not open_consultations, "还有征求意见没有结束，请先登记对方意见。")
    correction = CorrectionRequest.objects.filter(application=application).first()
    _check(correction is None or correction.received_on is not None, "申请人尚未补正，不能提交审查。")
    fee = FeeNotice.objects.filter(application=application).first()
    _check(fee is None or fee.paid_on is not None, "申请人尚未缴费，不能提交审查。")
    before = snapshot(application, TRACKED)
    _set_stage(application, choices.REVIEW)
    return save(application, actor, "submitted", "答复稿提交法制和保密审查。", before, public=False)


@transaction.atomic
def do_review(actor, application, passed, note=""):
    """Legal and confidentiality review (审查): pass to approval or return to the department."""
    _check(perms.can_review_reply(actor, application), "只有承办部门的审核人或政务公开办可以审查答复。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.REVIEW)
    _check(application.drafted_by_id != actor.pk, "拟稿人不能审查自己拟写的答复。")
    note = (note or "").strip()
    _check(passed or note, "退回时请写明需要修改的地方。")
    before = snapshot(application, TRACKED)
    application.reviewed_by, application.review_note = actor, note
    _set_stage(application, choices.APPROVAL if passed else choices.ASSIGNED)
    summary = "审查通过，报部门负责人审批。" if passed else f"审查退回：{note}"
    return save(application, actor, "reviewed" if passed else "review_returned", summary, before, public=False)


@transaction.atomic
def do_approve(actor, application, approved, note=""):
    """Approval by the head of the assigned department (审批); returned drafts go back to the department."""
    _check(perms.can_approve_reply(actor, application), "只有承办部门的负责人可以审批答复。")
    application = _locked(application)
    _require_open(application)
    _require_stage(application, choices.APPROVAL)
    _check(application.drafted_by_id != actor.pk, "拟稿人不能审批自己拟写的答复。")
    note = (note or "").strip()
    _check(approved or note, "退回时请写明理由。")
    before = snapshot(application, TRACKED)
    if approved:
        application.approved_by = actor
        _set_stage(application, choices.REPLY)
    else:
        _set_stage(application, choices.ASSIGNED)
    summary = "部门负责人审批同意，准备答复。" if approved else f"审批退回：{note}"
    return save(application, actor, "approved" if approved else "approval_returned", summary, before, public=False)


@transaction.atomic
def do_send_reply(actor, application, replied_on, delivery_method, delivered_on=None):
    """Reply and delivery: the reply letter is issued with the approved outcome and text."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以出具答复并登记送达。")
    application = _locked(application)
    _require_stage(application, choices.REPLY)
    _check(delivery_method in dict(choices.DELIVERY_CHOICES), "请选择送达方式。")
    _not_future(replied_on, "答复日期")
    if delivered_on is not None:
        _not_future(delivered_on, "送达日期")
        _check(delivered_on >= replied_on, "送达日期不能早于答复日期。")
    early_closed = application.concluded_on is not None
    if not early_closed:
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


@transaction.atomic
def do_archive(actor, application):
    _check(perms.is_ogi_office(actor), "只有政务公开办可以归档。")
    application = _locked(application)
    _require_stage(application, choices.REPLY)
    _check(application.concluded_on is not None and application.delivery_method,
           "请先出具答复并登记送达方式，再归档。")
    before = snapshot(application, TRACKED)
    _set_stage(application, choices.ARCHIVED)
    application.archived_at = timezone.now()
    return save(application, actor, "archived", "办理完毕，已归档。", before)


# --- reconsideration and litigation -----------------------------------------------------------------


@transaction.atomic
def do_add_remedy(actor, application, kind, filed_on, result="pending", decided_on=None, note=""):
    _check(perms.is_ogi_office(actor), "只有政务公开办可以登记复议、诉讼。")
    _check(kind in dict(choices.REMEDY_CHOICES), "请选择复议或诉讼类型。")
    _check(result in dict(choices.REMEDY_RESULT_CHOICES), "请选择结果。")
    _not_future(filed_on, "申请或起诉日期")
    _check(result == "pending" or decided_on is not None, "已审结的，请填写结案日期。")
    if decided_on is not None:
        _check(decided_on >= filed_on, "结案日期不能早于申请或起诉日期。")
    remedy = Remedy.objects.create(application=application, kind=kind, filed_on=filed_on, result=result,
                                   decided_on=decided_on if result != "pending" else None, note=(note or "").strip(),
                                   created_by=actor)
    event(application, "remedy", f"登记{remedy.get_kind_display()}（{remedy.get_result_display()}）。", actor=actor,
          public=False)
    audit("application.remedy_added", actor=actor, obj=application, after=snapshot(remedy),
          summary=f"登记{remedy.get_kind_display()}")
    return remedy


@transaction.atomic
def do_update_remedy(actor, remedy, result, decided_on=None, note=""):
    _check(perms.is_ogi_office(actor), "只有政务公开办可以登记复议、诉讼。")
    _check(result in dict(choices.REMEDY_RESULT_CHOICES), "请选择结果。")
    _check(result == "pending" or decided_on is not None, "已审结的，请填写结案日期。")
    if decided_on is not None:
        _check(decided_on >= remedy.filed_on, "结案日期不能早于申请或起诉日期。")
        _not_future(decided_on, "结案日期")
    before = snapshot(remedy)
    remedy.result, remedy.decided_on = result, decided_on if result != "pending" else None
    if note:
        remedy.note = note.strip()
    remedy.save()
    audit("application.remedy_updated", actor=actor, obj=remedy.application, before=before, after=snapshot(remedy),
          summary=f"{remedy.get_kind_display()}结果：{remedy.get_result_display()}")
    return remedy


# --- recomputation ------------------------------------------------------------------------------------


def recompute_open(actor=None, reason="", batch=500):
    """Refresh the stored due date of every open application (after a calendar edit). Returns the number changed."""
    calendar = load_calendar()
    changed = 0
    queryset = (DisclosureApplication.objects.filter(stage__in=choices.OPEN_STAGES, concluded_on__isnull=True)
                .select_related("correction", "fee_notice").prefetch_related("consultations"))
    for application in queryset.iterator(chunk_size=batch):
        old = application.due_on
        if clockdata.refresh_due(application, calendar=calendar):
            DisclosureApplication.objects.filter(pk=application.pk).update(
                due_on=application.due_on, calendar_version=application.calendar_version)
            if old != application.due_on:
                changed += 1
    audit("application.recomputed", actor=actor, object_type="applications.disclosureapplication",
          summary=f"重新计算在办申请的答复期限：{changed} 件的期限发生变化。{reason}")
    return changed


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
