"""The sweep's recovery of lost warning mails leaves alone a mail a live worker is sending (PostgreSQL row locks).

The rest of the recovery is tested in gongkai/applications/tests/test_mail_recovery.py; this one needs two
connections at once, so a transactional test without the applications' fixtures.
"""

import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongkai.applications import tasks
from gongkai.applications.models import DeadlineWarning


@pytest.mark.django_db(transaction=True)
def test_a_mail_being_sent_right_now_is_not_queued_again(warning):
    if connection.vendor != "postgresql":
        pytest.skip("row locks (SELECT … FOR UPDATE SKIP LOCKED) are PostgreSQL's; SQLite serialises writers")
    task = tasks.send_deadline_warning.enqueue(warning.pk)
    DBTaskResult.objects.get(pk=task.id).claim("live-worker")
    later = timezone.now() + tasks.LOST_AFTER * 6
    locked, release = threading.Event(), threading.Event()

    def live_worker():  # holds the row as send_warning does while the mail server answers
        try:
            with transaction.atomic():
                DeadlineWarning.objects.select_for_update().get(pk=warning.pk)
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=live_worker)
    thread.start()
    try:
        assert locked.wait(10)
        assert tasks.requeue_lost_warnings(later) == (0, 0)
        assert DBTaskResult.objects.get(pk=task.id).status == "RUNNING"
    finally:
        release.set()
        thread.join()
    assert tasks.requeue_lost_warnings(later) == (1, 1)  # the worker has gone: its task was interrupted
    assert DBTaskResult.objects.filter(status="READY").count() == 1
