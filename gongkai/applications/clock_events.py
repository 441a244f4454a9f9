"""Clock events of disclosure applications: correction, consultation, fee, extension, Art. 35 (RULES.md §3.2).

Each of these changes what the statutory clock counts: a correction restarts it (条例 Art. 30),
a consultation (Arts. 32, 34) or an unpaid fee pauses it, an extension adds to it (Art. 33), an
Art. 35 date replaces it. Like every step they check who may act, run in one transaction, write
an Event and an audit entry and refresh the stored due date (services.save). Missed correction
and payment deadlines close the case (other.correction_overdue, other.fee_unpaid).
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from gongkai.applications import choices, clock, fees, letters, outcomes
from gongkai.applications import permissions as perms
from gongkai.applications.errors import Refused
from gongkai.applications.models import Consultation, CorrectionRequest, FeeNotice
from gongkai.applications.services import (
    TRACKED,
    _check,
    _locked,
    _not_future,
    _require_open,
    _require_received,
    _require_stage,
    _set_stage,
    _state,
    _step_day,
    _today,
    _window_due,
    save,
)
from gongkai.audit.services import snapshot


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
    if kind == choices.CONSULT_THIRD_PARTY:
        # The 征求第三方意见书 is written under Art. 32; another agency (Art. 34) is consulted by official letter.
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
