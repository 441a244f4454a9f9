"""Background tasks of disclosure applications (django-tasks; the database backend by default).

Tasks are queued after the transaction that made them necessary commits (transaction.on_commit)
and are idempotent: running one twice does no harm (STYLE.md, DESIGN.md "Background work").

A queued task can still be lost: the worker may be killed while it runs one (the task then stays
RUNNING for ever: django-tasks-db has no lease), or the database may go away between the commit
of a warning and the queueing of its mail. The warning rows are the outbox, so the sweep
(gongkai.sweep.jobs) queues the mail of every unsent warning again when nothing will send it —
requeue_lost_warnings — and sending stays once-only because send_warning locks the row and
checks sent_at.
"""

import datetime as dt
import functools
import logging
from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from gongkai.applications import notifications
from gongkai.applications.models import DeadlineWarning

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_AFTER = dt.timedelta(minutes=15)
# A warning younger than this may still be on its way to the queue (its on-commit callback): not lost yet.
LOST_AFTER = dt.timedelta(seconds=10)
# Older warnings are not looked at: their tasks may have been pruned, and their date has long passed.
RECOVERY_HORIZON = dt.timedelta(days=7)


class Interrupted(Exception):  # noqa: N818 — the name is what the task list shows
    """The worker stopped (killed, crashed, lost its database) while the task ran; the task was queued again."""


@task()
def send_deadline_warning(warning_id, attempt=1):
    """Mail one deadline warning (RULES.md §3.2) to the handler and the OGI office, once.

    When the mail server cannot be reached the task is queued again later (up to MAX_ATTEMPTS,
    where the backend can defer tasks) and this run is recorded as failed.
    """
    try:
        return notifications.send_warning(warning_id)
    except OSError:  # smtplib.SMTPException and connection errors
        backend = send_deadline_warning.get_backend()
        if attempt < MAX_ATTEMPTS and backend.supports_defer:
            send_deadline_warning.using(run_after=timezone.now() + RETRY_AFTER * attempt).enqueue(
                warning_id, attempt + 1)
        raise


def _database_queue():
    """The DBTaskResult model when mail tasks go through django-tasks-db, else None (nothing to inspect)."""
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(send_deadline_warning.get_backend(), DatabaseBackend):
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult


def _warning_of(result):
    return ((result.args_kwargs or {}).get("args") or [None])[0]


def requeue_lost_warnings(now=None):
    """Queue again the mail of every unsent warning that no task will send. Returns (queued, interrupted).

    A warning (created between RECOVERY_HORIZON and LOST_AFTER ago, sent_at empty) is left alone
    while a worker holds its row (it is being sent: SELECT … FOR UPDATE SKIP LOCKED), while one of
    its tasks is READY (waiting, or deferred after a mail-server failure) and once one of its tasks
    has finished successfully (sent, or found not to be sent: case concluded, due date moved).
    A task of it still RUNNING while its row is free belongs to a worker that stopped: it is marked
    FAILED (Interrupted) and counted as an attempt. The mail is queued again, after commit, unless
    MAX_ATTEMPTS attempts have failed. On SQLite the transaction takes the write lock first, so no
    mail can be half-sent meanwhile.

    A task still RUNNING (since LOST_AFTER or longer) for a warning already marked sent lost its
    worker after the mail went out (the database went away before the task's end was recorded): it
    is marked interrupted too, so that no task looks busy for ever; nothing is queued for it.
    """
    DBTaskResult = _database_queue()
    if DBTaskResult is None:
        return 0, 0
    from django_tasks_db.compat import TaskResultStatus

    now = now or timezone.now()
    queued = interrupted = 0
    with transaction.atomic():
        unsent = list(DeadlineWarning.objects.select_for_update(skip_locked=True)
                      .filter(sent_at__isnull=True, created_at__lte=now - LOST_AFTER,
                              created_at__gte=now - RECOVERY_HORIZON)
                      .order_by("pk").values_list("pk", flat=True))
        results = DBTaskResult.objects.filter(task_path=send_deadline_warning.module_path,
                                              enqueued_at__gte=now - RECOVERY_HORIZON - dt.timedelta(days=1))
        if not unsent:
            # The usual sweep: no warning to judge, only tasks left RUNNING by a stopped worker matter
            # (a handful), not every mail task of the horizon.
            results = results.filter(status=TaskResultStatus.RUNNING)
        runs = defaultdict(list)
        for result in results.order_by("enqueued_at"):
            runs[_warning_of(result)].append(result)
        for pk in unsent:
            statuses = {result.status for result in runs[pk]}
            if TaskResultStatus.SUCCESSFUL in statuses or TaskResultStatus.READY in statuses:
                continue
            for result in runs[pk]:
                if result.status == TaskResultStatus.RUNNING:
                    result.set_failed(Interrupted(f"任务执行中断（执行者 {', '.join(result.worker_ids)}）。"))
                    interrupted += 1
            failures = sum(result.status == TaskResultStatus.FAILED for result in runs[pk])
            if failures >= MAX_ATTEMPTS:
                logger.error("Deadline warning %s was not sent after %s attempts; not queued again.", pk, failures)
                continue
            transaction.on_commit(functools.partial(send_deadline_warning.enqueue, pk, failures + 1))
            queued += 1
        judged = set(unsent)
        stale = {pk: [r for r in rows if r.status == TaskResultStatus.RUNNING and r.started_at
                      and r.started_at <= now - LOST_AFTER] for pk, rows in runs.items() if pk not in judged}
        sent = DeadlineWarning.objects.filter(pk__in=[pk for pk, rows in stale.items() if rows],
                                              sent_at__isnull=False).values_list("pk", flat=True)
        for pk in sent:
            for result in stale[pk]:
                workers = ", ".join(result.worker_ids)
                result.set_failed(Interrupted(f"任务执行中断（执行者 {workers}），提醒邮件已经发出。"))
                interrupted += 1
    return queued, interrupted
