"""`manage.py task_worker` (gongkai/sweep/management/commands/task_worker.py): the queue worker that waits out a
database outage instead of exiting, as db_worker does (found by the soak test, bench/soak.py)."""

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection, connections
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from gongkai.applications import tasks
from gongkai.sweep.management.commands import task_worker

OPTIONS = {"queue_names": ["default"], "interval": 0, "batch": True, "backend_name": "default", "startup_delay": False,
           "max_tasks": None, "excluded_queue_names": []}


def cut_the_connection():
    """Terminate this thread's database session from another one, as a server restart does."""
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    done = threading.Event()

    def terminate():
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        finally:
            connections.close_all()
            done.set()

    threading.Thread(target=terminate).start()
    assert done.wait(10)


@pytest.mark.django_db(transaction=True)
def test_a_lost_database_connection_ends_db_worker_but_not_task_worker(warning, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("terminating a session needs PostgreSQL")
    monkeypatch.setattr(task_worker, "RETRY_SECONDS", 0.1)
    task = tasks.send_deadline_warning.enqueue(warning.pk)
    cut_the_connection()
    with pytest.raises(OperationalError):
        Worker(worker_id="db-worker", **OPTIONS).run()
    connections.close_all()
    assert DBTaskResult.objects.get(pk=task.id).status == "READY"
    cut_the_connection()
    task_worker.SteadyWorker(worker_id="task-worker", **OPTIONS).run()
    result = DBTaskResult.objects.get(pk=task.id)
    assert result.status == "SUCCESSFUL" and result.worker_ids == ["task-worker"]


@pytest.mark.django_db(transaction=True)
def test_the_command_sends_what_is_queued_and_refuses_to_reload(warning):
    task = tasks.send_deadline_warning.enqueue(warning.pk)
    call_command("task_worker", "--batch", "--no-startup-delay", "--worker-id", "cmd", verbosity=0)
    assert DBTaskResult.objects.get(pk=task.id).status == "SUCCESSFUL"
    with pytest.raises(CommandError, match="reload"):
        call_command("task_worker", "--batch", "--reload", verbosity=0)


def test_a_restarted_worker_does_not_wait_for_the_system_checks():
    assert task_worker.Command.requires_system_checks == []
