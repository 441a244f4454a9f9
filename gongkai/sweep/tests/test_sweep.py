import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongkai.disclosure import services
from gongkai.sweep import jobs


@pytest.mark.django_db
def test_sweep_publishes_due_records_once(staff, draft_data, agency):
    record = services.do_create_record(staff["editor"], draft_data(body="<p>通知正文</p>"))
    services.do_submit(staff["editor"], record)
    services.do_approve(staff["reviewer"], record, checklist=dict.fromkeys(services.CHECKLIST, True),
                        publish_at=timezone.now() + dt.timedelta(seconds=1))
    record.refresh_from_db()
    assert record.status == "scheduled"
    later = timezone.now() + dt.timedelta(minutes=5)
    assert jobs.run_all(later)[0] == ("定时发布政府信息", True, "发布 1 条")
    assert jobs.run_all(later)[0] == ("定时发布政府信息", True, "没有到期的定时发布")
    record.refresh_from_db()
    assert record.status == "published"


@pytest.mark.django_db
def test_sweep_command_reports_each_job():
    out = StringIO()
    call_command("sweep", stdout=out)
    assert "定时发布政府信息" in out.getvalue()


def test_failing_job_does_not_stop_the_others(monkeypatch):
    monkeypatch.setattr(jobs, "JOBS", [("坏任务", "gongkai.sweep.tests.test_sweep.broken"),
                                      ("好任务", "gongkai.sweep.tests.test_sweep.fine")])
    results = jobs.run_all(timezone.now())
    assert [(label, ok) for label, ok, _ in results] == [("坏任务", False), ("好任务", True)]


def broken(now):
    raise RuntimeError("boom")


def fine(now):
    return "ok"
