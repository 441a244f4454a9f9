"""State changes of disclosure applications: registration, the handling stages, reply and archive.

Each do_* function checks who may do it, runs in one transaction, writes an Event (the
history the applicant and staff see) and an audit entry, and refreshes the stored copy of
the due date. A refused step raises Refused with a Chinese message and changes nothing.
Intake (online submission, staff registration, receipt confirmation) lives in intake.py, the
events that change the clock (correction, consultation, fee, extension, Art. 35) in
clock_events.py, reconsideration and litigation in remedies.py; they share the checks here.

Steps that happen on a day (a notice sent, an answer received, a reply issued) take that
date; the other steps take an optional `on` (default today) so that a late entry, an import
or the demo register can record when a step really happened. No step may be dated in the
future or before the receipt date (条例第三十一条).
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gongkai.applications import choices, clock, clockdata, letters, outcomes
from gongkai.applications import permissions as perms
from gongkai.applications.errors import Refused
from gongkai.applications.models import (
    Consultation,
    CorrectionRequest,
    DisclosureApplication,
    Event,
    FeeNotice,
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
