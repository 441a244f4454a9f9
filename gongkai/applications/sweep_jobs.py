"""The jobs the periodic sweep runs for disclosure applications (registered in gongkai.sweep.jobs.JOBS).

Each takes `now` and returns a short Chinese summary; running a job twice in a row does nothing
the second time (DESIGN.md: deadlines are data computed from events; one idempotent sweep).
"""

import logging

from django.utils import timezone

from gongkai.applications import choices, clock_events, notifications
from gongkai.applications.errors import Refused
from gongkai.applications.models import DisclosureApplication

logger = logging.getLogger(__name__)


def warn_due_applications(now):
    """依申请公开到期提醒: warnings at 5, 2 and 0 WD before the reply is due (RULES.md §3.2), mailed once."""
    written, unknown = notifications.queue_due_warnings(timezone.localdate(now))
    summary = f"发出到期提醒 {written} 条" if written else "没有需要发出的到期提醒"
    if unknown:
        summary += f"；{unknown} 件无法计算剩余工作日（节假日安排尚未录入或办理记录有误）"
    return summary


def _open():
    return DisclosureApplication.objects.filter(stage__in=choices.OPEN_STAGES,
                                                concluded_on__isnull=True)


def correction_overdue(today):
    """Open cases whose correction deadline has passed with no correction and no good reason (条例 Art. 30)."""
    return _open().filter(correction__received_on__isnull=True, correction__deadline_on__lt=today,
                          correction__good_reason="").order_by("pk")


def fee_unpaid(today):
    """Open cases whose fee notice is unpaid after the payment date (RULES.md §3.2, 国办函〔2020〕109号)."""
    return _open().filter(fee_notice__paid_on__isnull=True, fee_notice__pay_by__lt=today).order_by("pk")


def close_overdue_applications(now):
    """依申请公开逾期结案: close as other.correction_overdue / other.fee_unpaid (RULES.md §3.2).

    Each case closes in its own transaction through the services (Event, audit entry, reply
    letter), dated today. A case that cannot be closed does not stop the others; the job then
    fails with their numbers after closing the rest.
    """
    today = timezone.localdate(now)
    counts, failed = {}, []
    for label, cases, close in (
        ("逾期不补正", correction_overdue(today), clock_events.do_close_correction_overdue),
        ("逾期未缴费", fee_unpaid(today), clock_events.do_close_fee_unpaid),
    ):
        counts[label] = 0
        for application in list(cases):
            try:
                close(None, application, today=today)
            except Refused:
                continue  # closed or corrected meanwhile
            except Exception:  # noqa: BLE001 — one broken case must not keep the others open
                logger.exception("Could not close application %s as %s", application.number, label)
                failed.append(application.number)
                continue
            counts[label] += 1
    summary = "，".join(f"{label}结案 {n} 件" for label, n in counts.items() if n) or "没有逾期未补正或未缴费的申请"
    if failed:
        raise RuntimeError(f"{summary}；{len(failed)} 件未能结案：{'、'.join(failed[:20])}")
    return summary
