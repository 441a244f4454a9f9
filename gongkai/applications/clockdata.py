"""Reading an application's clock: the stored facts → clock.compute (RULES.md §3.2)."""

from django.utils import timezone

from gongkai.applications import clock
from gongkai.workcalendar.services import current_version, load_calendar


def facts_of(application):
    """The dated facts of one application, as the pure clock takes them."""
    correction = getattr(application, "correction", None) if application.pk else None
    pauses = []
    if application.pk:
        for consultation in application.consultations.all():
            label = consultation.get_kind_display().split("（")[0]
            pauses.append(clock.Pause(consultation.sent_on, consultation.answered_on, label))
        fee = getattr(application, "fee_notice", None)
        if fee is not None:
            pauses.append(clock.Pause(fee.sent_on, fee.paid_on, "等待缴纳信息处理费"))
    return clock.ClockFacts(
        received_on=application.received_on,
        correction_requested_on=correction.sent_on if correction else None,
        correction_received_on=correction.received_on if correction else None,
        pauses=tuple(sorted(pauses, key=lambda p: p.start)),
        extension_days=application.extension_days,
        art35_due_on=application.art35_due_on,
        art35_reason=application.art35_reason,
        concluded_on=application.concluded_on,
    )


def state_of(application, today=None, calendar=None):
    """The clock of an application now; raises CalendarYearMissing when a needed year has no data."""
    calendar = calendar or load_calendar()
    return clock.compute(calendar, facts_of(application), today or timezone.localdate())


def refresh_due(application, calendar=None):
    """Recompute the stored copy of the due date (for sorting) and the calendar version used.

    Returns True when something changed. A missing calendar year leaves the due date empty:
    the workbench shows such cases as "期限无法计算" rather than guessing (RULES.md §1: fail closed).
    The version recorded is the one of the calendar actually used (RULES.md §1: "record which
    calendar version produced each stored deadline").
    """
    calendar = calendar or load_calendar()
    try:
        due = state_of(application, calendar=calendar).due
    except clock.CalendarYearMissing:
        due = None
    version = calendar.version if isinstance(calendar.version, int) else current_version()
    changed = (application.due_on, application.calendar_version) != (due, version)
    application.due_on, application.calendar_version = due, version
    return changed
