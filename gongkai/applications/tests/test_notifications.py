"""Deadline warning mails (RULES.md §3.2): which threshold, who gets it, what it says, and the task sending it once."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongkai.applications import notifications, tasks
from gongkai.applications.models import DeadlineWarning

LEVELS = (5, 2, 0)


@pytest.mark.parametrize(("days_left", "already", "expected"), [
    (20, [], None),
    (6, [], None),
    (5, [], 5),
    (4, [], 5),
    (3, [5], None),  # the 5-WD warning is out; 2 not reached yet
    (2, [5], 2),
    (2, [], 2),
    (1, [], 2),  # first seen at 1 WD left: only the 2-WD warning, not also the 5-WD one
    (1, [2], None),
    (0, [5, 2], 0),
    (0, [], 0),
    (-1, [], 0),  # overdue
    (-30, [5, 2], 0),
    (-3, [0], None),  # overdue cases are warned once
    (4, [2], None),  # never a less urgent warning after a more urgent one for the same date
    (0, [0], None),
])
def test_threshold_reached(days_left, already, expected):
    assert notifications.threshold_reached(days_left, LEVELS, already) == expected


def test_thresholds_come_from_settings(settings):
    settings.APPLICATION_WARNING_DAYS = (3, 10, 0)
    assert notifications.thresholds() == [0, 3, 10]


@pytest.fixture
def application(assigned, staff):
    staff["editor"].email = "editor@shifan.gov.invalid"
    staff["editor"].save()
    return assigned(received_on=dt.date(2026, 6, 1))


def test_recipients_are_the_handler_and_the_active_office_with_addresses(application, staff, make_staff):
    staff["ogi_office"].email = "ogi@shifan.gov.invalid"
    staff["ogi_office"].save()
    make_staff("u_ogi_2", "ogi_office")  # no e-mail address
    gone = make_staff("u_ogi_gone", "ogi_office")
    gone.email, gone.is_active = "gone@shifan.gov.invalid", False
    gone.save()
    also_handler = make_staff("u_ogi_3", "ogi_office")
    also_handler.email = "editor@shifan.gov.invalid"  # the same address is written once
    also_handler.save()
    staff["reviewer"].email = "reviewer@shifan.gov.invalid"  # not the handler, not the office
    staff["reviewer"].save()
    assert notifications.recipients_for(application) == ["editor@shifan.gov.invalid", "ogi@shifan.gov.invalid"]


def test_an_inactive_handler_is_not_mailed(application, staff):
    staff["editor"].is_active = False
    staff["editor"].save()
    application.refresh_from_db()
    assert notifications.recipients_for(application, office=["ogi@shifan.gov.invalid"]) == ["ogi@shifan.gov.invalid"]


def test_the_link_points_to_the_back_office_page(application, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://gongkai.shifan.gov.invalid/"
    link = notifications.application_link(application)
    assert link.startswith("https://gongkai.shifan.gov.invalid/")
    assert "//" not in link.removeprefix("https://")
    assert str(application.pk) in link


def _warning(application, threshold, due_on):
    return DeadlineWarning.objects.create(application=application, threshold=threshold, due_on=due_on,
                                          recipients="editor@shifan.gov.invalid\nogi@shifan.gov.invalid")


@pytest.mark.parametrize(("days_left", "today", "subject", "phrases"), [
    (5, dt.date(2026, 6, 23), "还剩 5 个工作日",
     ["还剩 5 个工作日到期（答复期限 2026年6月30日（星期二））", "剩余工作日：5 个"]),
    (2, dt.date(2026, 6, 26), "还剩 2 个工作日", ["剩余工作日：2 个"]),
    (0, dt.date(2026, 6, 30), "今天到期", ["今天（2026年6月30日（星期二））是答复期限的最后一天", "0 个（今天到期）"]),
    (-3, dt.date(2026, 7, 3), "已超过答复期限", ["逾期 3 个工作日"]),
])
def test_the_mail_says_number_information_due_date_and_days_left(application, days_left, today, subject, phrases):
    warning = _warning(application, max(days_left, 0), dt.date(2026, 6, 30))
    title, body = notifications.message_for(warning, days_left, today)
    assert application.number in title and subject in title
    for phrase in phrases:
        assert phrase in body
    assert "2025 年度电动自行车产品质量监督抽查结果" in body
    assert "产品质量安全监督管理科" in body
    assert f"办理页面：{notifications.application_link(application)}" in body
    assert "第三十三条" in body


def test_the_task_sends_once_and_records_when(application):
    warning = _warning(application, 0, application.due_on)
    assert tasks.send_deadline_warning.call(warning.pk).startswith("sent")
    assert tasks.send_deadline_warning.call(warning.pk) == "already sent"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["editor@shifan.gov.invalid", "ogi@shifan.gov.invalid"]
    warning.refresh_from_db()
    assert warning.sent_at is not None and warning.sent_at <= timezone.now()


def test_no_mail_for_a_concluded_case_or_a_due_date_that_moved(application, staff):
    moved = _warning(application, 2, dt.date(2026, 6, 29))  # not the case's due date (2026-06-30)
    assert tasks.send_deadline_warning.call(moved.pk) == "due date moved"
    current = _warning(application, 0, application.due_on)
    application.concluded_on = dt.date(2026, 6, 20)
    application.save()
    assert tasks.send_deadline_warning.call(current.pk) == "application concluded"
    assert mail.outbox == []
    assert not DeadlineWarning.objects.filter(sent_at__isnull=False).exists()


def refuse(*args, **kwargs):
    raise ConnectionRefusedError("mail server down")


def test_a_mail_server_failure_is_retried_later_and_nothing_is_marked_sent(application, monkeypatch):
    warning = _warning(application, 0, application.due_on)
    monkeypatch.setattr(notifications, "send_mail", refuse)
    with pytest.raises(ConnectionRefusedError):
        tasks.send_deadline_warning.call(warning.pk)
    warning.refresh_from_db()
    assert warning.sent_at is None
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs == {"args": [warning.pk, 2], "kwargs": {}}
    assert retry.run_after > timezone.now()
    monkeypatch.undo()
    assert tasks.send_deadline_warning.call(warning.pk, 2).startswith("sent")
    assert len(mail.outbox) == 1


def test_no_retry_after_the_last_attempt(application, monkeypatch):
    warning = _warning(application, 0, application.due_on)
    monkeypatch.setattr(notifications, "send_mail", refuse)
    with pytest.raises(ConnectionRefusedError):
        tasks.send_deadline_warning.call(warning.pk, tasks.MAX_ATTEMPTS)
    assert not DBTaskResult.objects.exists()
