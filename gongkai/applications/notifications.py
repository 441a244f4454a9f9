"""Deadline warnings of disclosure applications (RULES.md §3.2: "Warn at 5, 2 and 0 WD before due").

The periodic sweep calls queue_due_warnings(today). For every open application whose reply
due date is known and near (the stored copy narrows the search), it reads the working days left
from the clock (clockdata.facts_of → clock.compute) and, when they have come down to a threshold
of settings.APPLICATION_WARNING_DAYS (5, 2, 0), writes one DeadlineWarning row for the most
urgent threshold reached and queues a mail task once the row is committed. The mail goes to the
handler (承办人) and to every active member of the OGI office with an e-mail address; its text
(days left, overdue or not) is worked out when it is sent.

Why nothing is ever sent twice:
- The row is keyed by (application, threshold, due date), a unique constraint: a second sweep
  (or two sweeps at once) cannot create it again. A due date that moves (an extension, a
  calendar edit, the clock restarting after a correction) is a new key, so the new date is
  warned about afresh.
- Only the most urgent threshold reached is written, and none that is less urgent than one
  already written for the same due date: a case first seen with 1 WD left gets the 2-WD
  warning only; an overdue case (days left < 0) gets the 0-WD warning, once.
- The mail task locks the row and does nothing when `sent_at` is already set; it sets
  `sent_at` in the same transaction as it sends.
- A mail task lost on the way (its worker killed, the database gone between the warning's commit
  and the queueing) is queued again by the sweep (tasks.requeue_lost_warnings), which skips rows
  a live worker holds locked. The one case that can send twice is a worker dying after the mail
  server accepted the mail and before its transaction committed; the mail then goes out again
  with the same Message-ID (message_id), by which mail systems recognise the repeat.
"""

import functools
import logging
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gongkai.applications import choices, clock, clockdata
from gongkai.applications.models import DeadlineWarning, DisclosureApplication
from gongkai.organisation import roles
from gongkai.workcalendar.clock import weekday_name
from gongkai.workcalendar.services import load_calendar

logger = logging.getLogger(__name__)

CHUNK = 500


def thresholds():
    """The warning thresholds in working days, most urgent first (settings.APPLICATION_WARNING_DAYS)."""
    return sorted({int(t) for t in settings.APPLICATION_WARNING_DAYS})


def threshold_reached(days_left, levels, already=None):
    """The threshold to warn about now, or None.

    `levels` are the thresholds (any order); `already` the thresholds warned about for the same
    due date. The most urgent threshold reached wins; nothing is returned when a threshold at
    least as urgent has already been warned about.
    """
    reached = [t for t in levels if days_left <= t]
    if not reached:
        return None
    level = min(reached)
    if already and min(already) <= level:
        return None
    return level


def open_applications():
    """Applications whose reply clock may be running: received, not concluded (RULES.md §3.2)."""
    return DisclosureApplication.objects.filter(stage__in=choices.OPEN_STAGES, concluded_on__isnull=True,
                                                received_on__isnull=False)


def office_addresses():
    """E-mail addresses of every active member of the OGI office (政务公开办)."""
    users = get_user_model().objects.filter(is_active=True, staff_profile__role=roles.OGI_OFFICE).exclude(email="")
    return sorted({email.strip() for email in users.values_list("email", flat=True) if email.strip()})


def recipients_for(application, office=None):
    """The handler (if any, active, with an address) and the OGI office; no address twice."""
    addresses = list(office_addresses() if office is None else office)
    handler = application.handler
    if handler is not None and handler.is_active and (handler.email or "").strip():
        addresses.insert(0, handler.email.strip())
    return list(dict.fromkeys(addresses))


def application_link(application):
    """The back-office page of the application, as an absolute address for a mail."""
    try:
        path = reverse("applications_detail", args=[application.pk])
    except NoReverseMatch:
        path = f"/admin/applications/{application.pk}/"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def queue_due_warnings(today, calendar=None):
    """Write the warnings due today and queue their mails after commit. Returns (warnings written, not computable).

    Idempotent: see the module docstring.
    """
    from gongkai.applications.tasks import send_deadline_warning

    calendar = calendar or load_calendar()
    levels = thresholds()
    if not levels:
        return 0, 0
    # The stored copy of the due date (refreshed on every change and after every calendar edit)
    # narrows the cases whose clock must be read: days left <= the largest threshold means the
    # due date is at most that many working days away. Cases already warned at the most urgent
    # level for their current due date have nothing left to be warned about.
    candidates = open_applications().filter(due_on__isnull=False).exclude(Exists(DeadlineWarning.objects.filter(
        application=OuterRef("pk"), threshold=levels[0], due_on=OuterRef("due_on"))))
    try:
        candidates = candidates.filter(due_on__lte=clock.window_due(calendar, today, max(max(levels), 0)))
    except clock.CalendarYearMissing:
        pass  # the clock of each case says what it can
    candidates = (candidates.select_related("correction", "fee_notice", "handler")
                  .prefetch_related("consultations", "warnings").order_by("pk"))
    office = office_addresses()
    states = {}  # cases with the same facts have the same clock today: read it once
    written = unknown = 0
    for application in candidates.iterator(chunk_size=CHUNK):
        facts = clockdata.facts_of(application)
        if facts not in states:
            try:
                states[facts] = clock.compute(calendar, facts, today)
            except clock.CalendarYearMissing:
                states[facts] = None
            except ValueError:  # impossible stored facts: the workbench shows the case; never guess here
                logger.exception("The clock of application %s cannot be read", application.number)
                states[facts] = None
        state = states[facts]
        if state is None:
            unknown += 1
            continue
        if state.due is None or state.days_left is None:
            if state.calendar_missing is not None:
                unknown += 1
            continue
        already = [w.threshold for w in application.warnings.all() if w.due_on == state.due]
        level = threshold_reached(state.days_left, levels, already)
        if level is None:
            continue
        try:
            with transaction.atomic():
                warning = DeadlineWarning.objects.create(
                    application=application, threshold=level, due_on=state.due,
                    recipients="\n".join(recipients_for(application, office)))
        except IntegrityError:
            continue  # written by a sweep running at the same time
        written += 1
        transaction.on_commit(functools.partial(send_deadline_warning.enqueue, warning.pk))
    return written, unknown


def chinese_day(day):
    """2026年6月30日（星期二）, as dates are written in letters to people."""
    return f"{day.year}年{day.month}月{day.day}日（{weekday_name(day)}）"


def message_for(warning, days_left, today):
    """(subject, body) of the warning mail, in Chinese; `days_left` as the clock counts them today."""
    application = warning.application
    due = chinese_day(warning.due_on)
    if today > warning.due_on:
        late = -days_left if days_left < 0 else 0
        status = f"已超过答复期限（{due}）" + (f"，逾期 {late} 个工作日" if late else "")
        subject = f"【已逾期】政府信息公开申请 {application.number} 已超过答复期限"
        left_line = f"已逾期 {late} 个工作日" if late else "已超过答复期限"
    elif days_left <= 0:
        status = f"今天（{due}）是答复期限的最后一天"
        subject = f"【今天到期】政府信息公开申请 {application.number} 今天到期"
        left_line = "0 个（今天到期）"
    else:
        status = f"还剩 {days_left} 个工作日到期（答复期限 {due}）"
        subject = f"【到期提醒】政府信息公开申请 {application.number} 还剩 {days_left} 个工作日"
        left_line = f"{days_left} 个"
    department = application.department.name if application.department_id else "尚未分办"
    body = "\n".join([
        "您好：",
        "",
        f"下面这件政府信息公开申请{status}，请抓紧办理。",
        "",
        f"申请编号：{application.number}",
        f"所需信息：{application.info_summary or '（未填写）'}",
        f"申请人：{application.applicant_name}",
        f"承办部门：{department}",
        f"办理阶段：{application.get_stage_display()}",
        f"答复期限：{due}",
        f"剩余工作日：{left_line}",
        f"办理页面：{application_link(application)}",
        "",
        "《中华人民共和国政府信息公开条例》第三十三条：行政机关应当自收到申请之日起 20 个工作日内予以答复；"
        "需要延长答复期限的，应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过 20 个工作日。",
        "",
        "这封邮件由政务公开平台自动发出，请不要直接回复。",
    ])
    return subject, body


def send_mail(subject, body, from_email, recipients, *, headers=None):
    """Send one mail through the configured backend (like django.core.mail.send_mail, with headers)."""
    return EmailMessage(subject, body, from_email, recipients, headers=headers).send()


def message_id(warning):
    """The Message-ID of a warning's mail: the same for every sending of one warning, different between warnings."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "gongkai.invalid"
    return f"<deadline-warning.{warning.pk}.{warning.due_on:%Y%m%d}.{warning.threshold}@{domain}>"


def send_warning(warning_id, today=None):
    """Send one warning mail unless it has been sent; set sent_at with it. Returns what happened (for the log).

    Idempotent: the row is locked while it is checked, sent and marked. A warning whose case has
    been concluded, or whose due date has moved since, is not sent (the sweep warns about the new date).
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        warning = (DeadlineWarning.objects.select_for_update(of=("self",))
                   .select_related("application", "application__department").filter(pk=warning_id).first())
        if warning is None:
            return "not found"
        if warning.sent_at is not None:
            return "already sent"
        application = warning.application
        if not application.is_open:
            return "application concluded"
        try:
            state = clockdata.state_of(application, today=today)
        except (clock.CalendarYearMissing, ValueError):
            state = None
        if state is not None and state.due is not None and state.due != warning.due_on:
            return "due date moved"
        days_left = state.days_left if state is not None and state.days_left is not None else warning.threshold
        addresses = [line.strip() for line in warning.recipients.splitlines() if line.strip()]
        if not addresses:
            logger.warning("Deadline warning %s of %s has no recipient with an e-mail address.", warning.pk,
                           application.number)
            return "no recipients"
        subject, body = message_for(warning, days_left, today)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses, headers={"Message-ID": message_id(warning)})
        warning.sent_at = timezone.now()
        warning.save(update_fields=["sent_at"])
    return f"sent to {len(addresses)}"
