"""The jobs of the periodic sweep, in the order they run.

DESIGN.md: deadlines are data computed from events, never timers; one idempotent sweep
(run every few minutes by cron or a systemd timer) does what is due: scheduled publication,
deadline warnings, inspections. Each job takes `now` and returns a short Chinese summary;
running a job twice in a row must do nothing the second time.
"""

from django.utils.module_loading import import_string

JOBS = [
    ("定时发布政府信息", "gongkai.sweep.jobs.publish_scheduled_records"),
    ("依申请公开逾期结案", "gongkai.applications.sweep_jobs.close_overdue_applications"),
    ("依申请公开到期提醒", "gongkai.applications.sweep_jobs.warn_due_applications"),
    ("到期提醒邮件补发", "gongkai.sweep.jobs.requeue_lost_mails"),
]


def publish_scheduled_records(now):
    from gongkai.disclosure.services import do_publish_due

    published = do_publish_due(now=now)
    return f"发布 {len(published)} 条" if published else "没有到期的定时发布"


def requeue_lost_mails(now):
    """Deadline-warning mails whose task was lost (worker killed mid-task, database gone before queueing): queued
    again, once (gongkai.applications.tasks.requeue_lost_warnings)."""
    from gongkai.applications.tasks import requeue_lost_warnings

    queued, interrupted = requeue_lost_warnings(now)
    if not queued and not interrupted:
        return "没有需要补发的提醒邮件"
    summary = f"重新排队 {queued} 封提醒邮件"
    if interrupted:
        summary += f"；{interrupted} 个发送任务执行中断，已标记为失败"
    return summary


def run_all(now):
    """Run every job; a failing job is reported and does not stop the others."""
    results = []
    for label, path in JOBS:
        try:
            results.append((label, True, import_string(path)(now)))
        except Exception as exc:  # noqa: BLE001 — one job's failure must not block the rest
            results.append((label, False, f"{type(exc).__name__}: {exc}"))
    return results
