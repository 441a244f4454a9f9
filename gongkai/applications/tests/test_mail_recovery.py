"""Deadline-warning mails survive a killed task worker and a database outage (RULES.md §3.2: warnings are mailed,
once): the sweep queues again what no task will send (tasks.requeue_lost_warnings), and a mail sent again
carries the Message-ID of the first (found by the soak test, bench/soak.py)."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from gongkai.applications import notifications, tasks
from gongkai.applications.models import DeadlineWarning
from gongkai.sweep import jobs

RECEIVED = dt.date(2026, 6, 1)  # reply due 2026-06-30
LATER = dt.timedelta(minutes=1)  # older than tasks.LOST_AFTER


@pytest.fixture
def warning(assigned, staff):
    staff["editor"].email = "editor@shifan.gov.invalid"
    staff["editor"].save()
    application = assigned(received_on=RECEIVED)
    return DeadlineWarning.objects.create(application=application, threshold=0, due_on=application.due_on,
                                          recipients="editor@shifan.gov.invalid")


@pytest.fixture
def worker(monkeypatch):
    """worker() runs every queued task, as `db_worker --batch` does (see test_sweep.run_worker_once)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
               max_tasks=None, worker_id="test-worker", excluded_queue_names=[]).run()

    return run


@pytest.fixture
def requeue(django_capture_on_commit_callbacks):
    """requeue(later=LATER) -> (queued, interrupted) of the sweep's recovery, run `later` from now, callbacks run."""

    def run(later=LATER):
        with django_capture_on_commit_callbacks(execute=True):
            return tasks.requeue_lost_warnings(timezone.now() + later)

    return run


def queued(warning):
    return DBTaskResult.objects.filter(args_kwargs__args__0=warning.pk)


def test_a_task_left_running_by_a_killed_worker_is_sent_by_the_next_sweep(warning, worker, requeue):
    task = tasks.send_deadline_warning.enqueue(warning.pk)
    DBTaskResult.objects.get(pk=task.id).claim("killed-worker")  # claimed, then the worker was SIGKILLed
    worker()
    assert mail.outbox == []  # nobody runs a RUNNING task again by itself
    assert requeue() == (1, 1)
    old = DBTaskResult.objects.get(pk=task.id)
    assert old.status == "FAILED" and old.exception_class_path == "gongkai.applications.tasks.Interrupted"
    assert "killed-worker" in old.traceback
    assert queued(warning).filter(status="READY").get().args_kwargs["args"] == [warning.pk, 2]
    worker()
    assert len(mail.outbox) == 1
    warning.refresh_from_db()
    assert warning.sent_at is not None
    assert requeue() == (0, 0)
    worker()
    assert len(mail.outbox) == 1


def test_a_worker_killed_after_marking_the_mail_sent_does_not_cause_a_second_mail(warning, worker, requeue):
    task = tasks.send_deadline_warning.enqueue(warning.pk)
    DBTaskResult.objects.get(pk=task.id).claim("killed-worker")
    assert notifications.send_warning(warning.pk).startswith("sent")  # sent and committed; killed before the end
    assert requeue(later=dt.timedelta(0)) == (0, 0)  # it may still be recording its end
    assert requeue() == (0, 1)  # no longer: it is marked interrupted, nothing is queued
    old = DBTaskResult.objects.get(pk=task.id)
    assert old.status == "FAILED" and "提醒邮件已经发出" in old.traceback
    assert DBTaskResult.objects.count() == 1
    assert requeue() == (0, 0)
    worker()
    assert tasks.send_deadline_warning.call(warning.pk) == "already sent"  # a task re-run after a crash
    assert len(mail.outbox) == 1


def test_a_mail_whose_queueing_was_lost_is_queued_once_it_is_old_enough(assigned, staff, worker, requeue,
                                                                         django_capture_on_commit_callbacks):
    staff["ogi_office"].email = "ogi@shifan.gov.invalid"
    staff["ogi_office"].save()
    assigned(received_on=RECEIVED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:  # the database went away before queueing
        notifications.queue_due_warnings(dt.date(2026, 6, 30))
    assert len(callbacks) == 1 and not DBTaskResult.objects.exists()
    assert requeue(later=dt.timedelta(0)) == (0, 0)  # a fresh warning may still be on its way to the queue
    assert requeue() == (1, 0)
    assert requeue() == (0, 0)  # queued once: the waiting task is left alone
    worker()
    assert len(mail.outbox) == 1
    assert DeadlineWarning.objects.get().sent_at is not None


def test_waiting_deferred_and_finished_tasks_are_left_alone(warning, requeue):
    tasks.send_deadline_warning.enqueue(warning.pk)
    assert requeue() == (0, 0)
    DBTaskResult.objects.all().delete()
    tasks.send_deadline_warning.using(run_after=timezone.now() + tasks.RETRY_AFTER).enqueue(warning.pk, 2)
    assert requeue() == (0, 0)  # a retry after a mail-server failure is waiting for its time
    DBTaskResult.objects.all().delete()
    finished = tasks.send_deadline_warning.enqueue(warning.pk)
    DBTaskResult.objects.get(pk=finished.id).set_successful("due date moved")
    assert requeue() == (0, 0)  # its task found it should not go out
    assert DBTaskResult.objects.count() == 1


def test_after_max_attempts_the_mail_is_given_up(warning, requeue):
    for attempt in range(1, tasks.MAX_ATTEMPTS + 1):
        result = tasks.send_deadline_warning.enqueue(warning.pk, attempt)
        DBTaskResult.objects.get(pk=result.id).set_failed(RuntimeError("broken"))
    assert requeue() == (0, 0)
    assert not queued(warning).filter(status="READY").exists()


def test_old_warnings_are_not_looked_at(warning, requeue):
    assert requeue(later=tasks.RECOVERY_HORIZON + LATER) == (0, 0)
    assert not DBTaskResult.objects.exists()


def test_the_sweep_runs_the_recovery_and_says_what_it_did(warning, django_capture_on_commit_callbacks):
    assert [label for label, _ in jobs.JOBS][-1] == "到期提醒邮件补发"
    task = tasks.send_deadline_warning.enqueue(warning.pk)
    DBTaskResult.objects.get(pk=task.id).claim("killed-worker")
    with django_capture_on_commit_callbacks(execute=True):
        summary = jobs.requeue_lost_mails(timezone.now() + LATER)
    assert summary == "重新排队 1 封提醒邮件；1 个发送任务执行中断，已标记为失败"
    assert jobs.requeue_lost_mails(timezone.now() + LATER) == "没有需要补发的提醒邮件"


def test_with_another_task_backend_there_is_nothing_to_recover(warning, settings, requeue):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert requeue() == (0, 0)


def test_a_mail_sent_again_has_the_message_id_of_the_first(warning, assigned):
    assert notifications.send_warning(warning.pk).startswith("sent")
    DeadlineWarning.objects.filter(pk=warning.pk).update(sent_at=None)  # the commit after sending was lost
    assert notifications.send_warning(warning.pk).startswith("sent")
    other = DeadlineWarning.objects.create(application=warning.application, threshold=2, due_on=warning.due_on,
                                           recipients="editor@shifan.gov.invalid")
    assert notifications.send_warning(other.pk).startswith("sent")
    first, again, third = (m.extra_headers["Message-ID"] for m in mail.outbox)
    assert first == again == f"<deadline-warning.{warning.pk}.20260630.0@gongkai.invalid>"
    assert third != first
    assert all(m.message()["Message-ID"] == m.extra_headers["Message-ID"] for m in mail.outbox)
