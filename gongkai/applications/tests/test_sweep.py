"""The periodic sweep for disclosure applications: deadline warnings mailed once (through the task queue)
and overdue corrections / unpaid fees closed (RULES.md §3.2)."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from gongkai.applications import choices, clock_events, services, sweep_jobs
from gongkai.applications.models import CorrectionRequest, DeadlineWarning, FeeNotice, Letter
from gongkai.sweep import jobs

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
RECEIVED = dt.date(2026, 6, 1)  # reply due 2026-06-30 (Dragon Boat Festival 06-19 not counted)
DUE = dt.date(2026, 6, 30)


def at(day):
    """Nine in the morning of `day`, local time: when the sweep runs."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


@pytest.fixture
def mail_addresses(staff):
    for role, address in (("editor", "editor@shifan.gov.invalid"), ("ogi_office", "ogi@shifan.gov.invalid")):
        staff[role].email = address
        staff[role].save()
    return {"handler": "editor@shifan.gov.invalid", "office": "ogi@shifan.gov.invalid"}


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def sweep(django_capture_on_commit_callbacks):
    """sweep(day) -> the results of one run of every sweep job on that day, with on-commit callbacks run."""

    def run(day):
        with django_capture_on_commit_callbacks(execute=True):
            return dict((label, (ok, summary)) for label, ok, summary in jobs.run_all(at(day)))

    return run


@pytest.fixture
def run_worker_once(monkeypatch):
    """run_worker_once() does what `manage.py db_worker --batch` does: run every queued task, then stop.

    The worker closes stale connections between tasks; inside a test's transaction (PostgreSQL)
    that would close the test's own connection, so it is skipped here.
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return run_worker


def run_worker():
    Worker(queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
           max_tasks=None, worker_id="test-worker", excluded_queue_names=[]).run()


def warnings_of(application):
    return list(DeadlineWarning.objects.filter(application=application).order_by("created_at", "pk")
                .values_list("threshold", "due_on"))


# --- warnings ------------------------------------------------------------------------------------


def test_sweep_runs_the_application_jobs_in_order():
    labels = [label for label, _ in jobs.JOBS]
    assert labels.index("依申请公开逾期结案") < labels.index("依申请公开到期提醒")


def test_warnings_at_5_2_and_0_working_days_each_mailed_once(assigned, mail_addresses, immediate_tasks, sweep):
    application = assigned(received_on=RECEIVED)
    assert application.due_on == DUE
    mails_after = {}
    for day in (dt.date(2026, 6, 22), dt.date(2026, 6, 23), dt.date(2026, 6, 23), dt.date(2026, 6, 24),
                dt.date(2026, 6, 26), dt.date(2026, 6, 27), dt.date(2026, 6, 30), dt.date(2026, 6, 30),
                dt.date(2026, 7, 1), dt.date(2026, 7, 6)):
        sweep(day)
        mails_after[day] = len(mail.outbox)
    assert mails_after[dt.date(2026, 6, 22)] == 0  # 6 WD left
    assert mails_after[dt.date(2026, 6, 23)] == 1  # 5 WD left, the second run the same day sends nothing
    assert mails_after[dt.date(2026, 6, 24)] == 1
    assert mails_after[dt.date(2026, 6, 26)] == 2  # 2 WD left
    assert mails_after[dt.date(2026, 6, 27)] == 2
    assert mails_after[dt.date(2026, 6, 30)] == 3  # due today
    assert mails_after[dt.date(2026, 7, 6)] == 3  # overdue: the 0-WD warning was already sent
    assert warnings_of(application) == [(5, DUE), (2, DUE), (0, DUE)]
    assert all(w.sent_at for w in DeadlineWarning.objects.all())
    for message in mail.outbox:
        assert message.to == [mail_addresses["handler"], mail_addresses["office"]]
        assert application.number in message.subject and application.number in message.body
        assert "2026年6月30日" in message.body


def test_sweep_summary_counts_warnings(assigned, mail_addresses, immediate_tasks, sweep):
    assigned(received_on=RECEIVED)
    assigned(received_on=RECEIVED, applicant_name="王志远")
    assert sweep(dt.date(2026, 6, 23))["依申请公开到期提醒"] == (True, "发出到期提醒 2 条")
    assert sweep(dt.date(2026, 6, 23))["依申请公开到期提醒"] == (True, "没有需要发出的到期提醒")


def test_a_case_first_seen_at_1_wd_left_gets_the_2_wd_warning_only(assigned, mail_addresses, immediate_tasks,
                                                                    sweep):
    application = assigned(received_on=RECEIVED)
    sweep(dt.date(2026, 6, 29))  # 1 WD left
    sweep(dt.date(2026, 6, 29))
    assert warnings_of(application) == [(2, DUE)]
    assert len(mail.outbox) == 1
    sweep(dt.date(2026, 6, 30))
    assert warnings_of(application) == [(2, DUE), (0, DUE)]
    assert len(mail.outbox) == 2


def test_an_overdue_case_gets_the_0_wd_warning_once(assigned, mail_addresses, immediate_tasks, sweep):
    application = assigned(received_on=RECEIVED)
    for day in (dt.date(2026, 7, 3), dt.date(2026, 7, 3), dt.date(2026, 7, 10), dt.date(2026, 8, 3)):
        sweep(day)
    assert warnings_of(application) == [(0, DUE)]
    assert len(mail.outbox) == 1
    assert "已逾期" in mail.outbox[0].subject


def test_a_moved_due_date_is_warned_about_again(assigned, ogi_head, mail_addresses, immediate_tasks, sweep):
    application = assigned(received_on=RECEIVED)
    sweep(dt.date(2026, 6, 26))  # 2 WD left
    assert warnings_of(application) == [(2, DUE)]
    application = clock_events.do_approve_extension(ogi_head, application, 10, "需要调取多个科室的档案。",
                                                    approved_on=dt.date(2026, 6, 26))
    new_due = application.due_on
    assert new_due == dt.date(2026, 7, 14)  # 30 WD after 2026-06-01
    sweep(dt.date(2026, 6, 29))  # 11 WD left on the new date: nothing
    assert len(mail.outbox) == 1
    sweep(dt.date(2026, 7, 7))  # 5 WD left on the new date
    sweep(dt.date(2026, 7, 7))
    assert warnings_of(application) == [(2, DUE), (5, new_due)]
    assert len(mail.outbox) == 2
    assert "2026年7月14日" in mail.outbox[1].body


def test_cases_without_a_running_clock_are_not_warned(register, assigned, staff, mail_addresses, immediate_tasks,
                                                      sweep):
    not_received = register(received_on=None, channel=choices.ONLINE)
    correcting = assigned(received_on=RECEIVED)
    clock_events.do_request_correction(staff["ogi_office"], correcting, dt.date(2026, 6, 2), "请写明所需信息的年份。")
    concluded = register(received_on=RECEIVED)
    services.do_close_as_petition(staff["ogi_office"], concluded, "12345 热线", "请通过 12345 热线反映。",
                                  replied_on=dt.date(2026, 6, 3))
    sweep(dt.date(2026, 6, 30))
    assert not DeadlineWarning.objects.filter(application__in=[not_received, correcting, concluded]).exists()
    assert mail.outbox == []


def test_without_a_handler_the_office_is_warned(register, staff, mail_addresses, immediate_tasks, sweep):
    application = register(received_on=RECEIVED)  # registered, not yet assigned: no handler
    sweep(dt.date(2026, 6, 30))
    assert [m.to for m in mail.outbox] == [[mail_addresses["office"]]]
    assert DeadlineWarning.objects.get(application=application).recipients == mail_addresses["office"]


def test_the_mail_task_is_queued_only_after_commit(assigned, mail_addresses, immediate_tasks,
                                                   django_capture_on_commit_callbacks):
    assigned(received_on=RECEIVED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sweep_jobs.warn_due_applications(at(dt.date(2026, 6, 30)))
    assert DeadlineWarning.objects.count() == 1
    assert mail.outbox == []  # nothing leaves before the warning row is committed
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_the_database_queue_delivers_each_warning_once(assigned, mail_addresses, sweep, settings, run_worker_once):
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    first = assigned(received_on=RECEIVED)
    second = assigned(received_on=RECEIVED, applicant_name="王志远")
    sweep(dt.date(2026, 6, 26))
    assert DBTaskResult.objects.count() == 2
    assert mail.outbox == []  # queued, not sent: the worker sends
    sweep(dt.date(2026, 6, 26))  # the second run queues nothing
    assert DBTaskResult.objects.count() == 2
    run_worker_once()
    assert len(mail.outbox) == 2
    assert {first.number, second.number} == {n for m in mail.outbox for n in (first.number, second.number)
                                              if n in m.subject}
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    run_worker_once()
    sweep(dt.date(2026, 6, 26))
    run_worker_once()
    assert len(mail.outbox) == 2
    assert DeadlineWarning.objects.filter(sent_at__isnull=True).count() == 0


# --- closing overdue corrections and unpaid fees -------------------------------------------------------------


def test_an_overdue_correction_closes_the_case_once(assigned, staff, sweep):
    application = assigned(received_on=RECEIVED)
    clock_events.do_request_correction(staff["ogi_office"], application, dt.date(2026, 6, 2), "请写明所需信息的年份。",
                                       deadline_days=15)
    deadline = CorrectionRequest.objects.get(application=application).deadline_on
    assert sweep(deadline)["依申请公开逾期结案"] == (True, "没有逾期未补正或未缴费的申请")
    application.refresh_from_db()
    assert application.is_open
    next_day = deadline + dt.timedelta(days=1)
    assert sweep(next_day)["依申请公开逾期结案"] == (True, "逾期不补正结案 1 件")
    assert sweep(next_day)["依申请公开逾期结案"] == (True, "没有逾期未补正或未缴费的申请")
    application.refresh_from_db()
    assert application.outcome == "other.correction_overdue"
    assert application.concluded_on == next_day
    assert not application.is_open
    assert application.events.filter(action="closed").count() == 1
    assert Letter.objects.filter(application=application, kind=choices.LETTER_REPLY).count() == 1


def test_a_correction_received_in_time_is_not_closed(assigned, staff, sweep):
    application = assigned(received_on=RECEIVED)
    clock_events.do_request_correction(staff["ogi_office"], application, dt.date(2026, 6, 2), "请写明所需信息的年份。")
    clock_events.do_record_correction(staff["ogi_office"], application, dt.date(2026, 6, 5), "补充了年份")
    sweep(dt.date(2026, 8, 3))
    application.refresh_from_db()
    assert application.outcome == "" and application.concluded_on is None


def test_an_unpaid_fee_closes_the_case_once_and_a_paid_one_does_not(assigned, staff, sweep):
    unpaid = assigned(received_on=RECEIVED)
    paid = assigned(received_on=RECEIVED, applicant_name="王志远")
    for application in (unpaid, paid):
        clock_events.do_issue_fee_notice(staff["ogi_office"], application, choices.FEE_BY_PAGES, 60, dt.date(2026, 6,
                                                                                                             3))
    clock_events.do_record_payment(staff["ogi_office"], paid, dt.date(2026, 6, 10))
    pay_by = FeeNotice.objects.get(application=unpaid).pay_by
    sweep(pay_by)
    unpaid.refresh_from_db()
    assert unpaid.is_open
    after = pay_by + dt.timedelta(days=1)
    assert sweep(after)["依申请公开逾期结案"] == (True, "逾期未缴费结案 1 件")
    assert sweep(after)["依申请公开逾期结案"] == (True, "没有逾期未补正或未缴费的申请")
    unpaid.refresh_from_db()
    paid.refresh_from_db()
    assert (unpaid.outcome, unpaid.concluded_on) == ("other.fee_unpaid", after)
    assert paid.is_open and paid.outcome == ""


def test_one_broken_case_does_not_keep_the_others_open(assigned, staff, monkeypatch):
    first = assigned(received_on=RECEIVED)
    second = assigned(received_on=RECEIVED, applicant_name="王志远")
    for application in (first, second):
        clock_events.do_request_correction(staff["ogi_office"], application, dt.date(2026, 6, 2), "请写明年份。")
    real = clock_events.do_close_correction_overdue

    def close(actor, application, today=None):
        if application.pk == first.pk:
            raise RuntimeError("磁盘已满")
        return real(actor, application, today=today)

    monkeypatch.setattr(clock_events, "do_close_correction_overdue", close)
    with pytest.raises(RuntimeError, match=first.number):
        sweep_jobs.close_overdue_applications(at(dt.date(2026, 8, 3)))
    second.refresh_from_db()
    assert second.outcome == "other.correction_overdue"


def test_sweep_command_lists_the_application_jobs(db):
    from io import StringIO

    out = StringIO()
    call_command("sweep", stdout=out)
    assert "依申请公开逾期结案" in out.getvalue() and "依申请公开到期提醒" in out.getvalue()
