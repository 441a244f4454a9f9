"""Editing the working-day calendar recomputes the due date of every open application (RULES.md §1, §3.2)."""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.applications import choices, clock_events, services
from gongkai.applications.models import DisclosureApplication
from gongkai.audit.models import AuditEntry
from gongkai.workcalendar import services as calendar_services
from gongkai.workcalendar.models import CalendarDay

RECEIVED = dt.date(2026, 6, 1)
DUE = dt.date(2026, 6, 30)
INSIDE = dt.date(2026, 6, 10)  # a Wednesday inside the open case's 20 working days


@pytest.fixture
def open_and_closed(assigned, register, staff):
    open_case = assigned(received_on=RECEIVED)
    closed = register(received_on=RECEIVED, applicant_name="王志远")
    services.do_close_as_petition(staff["ogi_office"], closed, "12345 热线", "请通过 12345 热线反映。",
                                  replied_on=dt.date(2026, 6, 3))
    closed.refresh_from_db()
    assert open_case.due_on == DUE and closed.due_on == DUE
    return open_case, closed


def test_a_new_holiday_moves_the_open_case_by_one_working_day(open_and_closed, staff):
    open_case, closed = open_and_closed
    calendar_services.do_set_day(staff["administrator"], INSIDE, CalendarDay.HOLIDAY, "临时调整", "示范市政府通知")
    open_case.refresh_from_db()
    closed.refresh_from_db()
    assert open_case.due_on == dt.date(2026, 7, 1)
    assert open_case.calendar_version == calendar_services.current_version()
    assert closed.due_on == DUE  # a concluded case keeps the date it was answered against
    entry = AuditEntry.objects.filter(action="application.recomputed").latest("pk")
    assert "1 件的期限发生变化" in entry.summary
    assert entry.after["changed"] == [{"number": open_case.number, "before": "2026-06-30", "after": "2026-07-01"}]
    event = open_case.events.get(action="recomputed")
    assert event.summary == "工作日历调整，答复期限由 2026-06-30 改为 2026-07-01。"


def test_resetting_the_day_moves_it_back(open_and_closed, staff):
    open_case, _ = open_and_closed
    calendar_services.do_set_day(staff["administrator"], INSIDE, CalendarDay.HOLIDAY, "临时调整", "示范市政府通知")
    calendar_services.do_set_day(staff["administrator"], INSIDE, calendar_services.RESET, "", "通知已撤回")
    open_case.refresh_from_db()
    assert open_case.due_on == DUE
    assert AuditEntry.objects.filter(action="application.recomputed").count() == 2


def test_a_make_up_working_day_brings_the_due_date_forward(open_and_closed, staff):
    open_case, _ = open_and_closed
    calendar_services.do_set_day(staff["administrator"], dt.date(2026, 6, 13), CalendarDay.WORKDAY, "调休",
                                 "示范市政府通知")
    open_case.refresh_from_db()
    assert open_case.due_on == dt.date(2026, 6, 29)


def test_a_change_outside_every_window_changes_no_due_date_but_is_logged(open_and_closed, staff):
    open_case, _ = open_and_closed
    calendar_services.do_set_day(staff["administrator"], dt.date(2026, 9, 2), CalendarDay.HOLIDAY, "临时调整",
                                 "示范市政府通知")
    open_case.refresh_from_db()
    assert open_case.due_on == DUE
    assert not open_case.events.filter(action="recomputed").exists()
    entry = AuditEntry.objects.filter(action="application.recomputed").latest("pk")
    assert "0 件的期限发生变化" in entry.summary


def _bulk_open_cases(count):
    now = timezone.now()
    DisclosureApplication.objects.bulk_create([
        DisclosureApplication(
            number=f"T{i:05d}", tracking_code=f"TRK{i:07d}", channel=choices.IN_PERSON,
            kind=choices.KIND_APPLICATION, applicant_type=choices.NATURAL_PERSON, applicant_name="测试申请人",
            id_type=choices.OTHER_ID, phone="13900000000", requested_form="paper", delivery_route="post",
            submitted_at=now, received_on=RECEIVED, stage=choices.ASSIGNED, stage_entered_on=RECEIVED, due_on=DUE)
        for i in range(count)])


def test_recompute_does_not_query_per_case(db, staff, django_assert_max_num_queries):
    _bulk_open_cases(60)
    with django_assert_max_num_queries(30):
        calendar_services.do_set_day(staff["administrator"], INSIDE, CalendarDay.HOLIDAY, "临时调整", "示范市政府通知")
    assert set(DisclosureApplication.objects.values_list("due_on", flat=True)) == {dt.date(2026, 7, 1)}
    assert DisclosureApplication.objects.filter(events__action="recomputed").count() == 60


def test_a_missing_year_leaves_the_due_date_empty_rather_than_guessed(db, staff):
    from gongkai.workcalendar.models import CalendarYear

    _bulk_open_cases(1)
    DisclosureApplication.objects.update(received_on=dt.date(2035, 6, 1))
    assert not CalendarYear.objects.filter(year=2035).exists()
    changed = services.recompute_open(reason="测试")
    assert changed == 1
    assert DisclosureApplication.objects.get().due_on is None


def test_recompute_agrees_with_the_clock_for_every_kind_of_fact(assigned, staff, ogi_head):
    """recompute_open reads the facts with plain queries; they must give the clock's own due date."""
    from gongkai.applications import clockdata

    ogi = staff["ogi_office"]
    plain = assigned(received_on=RECEIVED)
    awaiting = assigned(received_on=RECEIVED)
    clock_events.do_request_correction(ogi, awaiting, dt.date(2026, 6, 2), "请写明年份。")
    restarted = assigned(received_on=RECEIVED)
    clock_events.do_request_correction(ogi, restarted, dt.date(2026, 6, 2), "请写明年份。")
    clock_events.do_record_correction(ogi, restarted, dt.date(2026, 6, 10), "补充了年份")
    consulting = assigned(received_on=RECEIVED)
    clock_events.do_start_consultation(ogi, consulting, choices.CONSULT_THIRD_PARTY, "示范市某电动车有限公司",
                                       "是否同意公开检验数据", dt.date(2026, 6, 3))
    consulted = assigned(received_on=RECEIVED)
    consultation = clock_events.do_start_consultation(ogi, consulted, choices.CONSULT_AGENCY, "示范市公安局",
                                                      "是否同意公开", dt.date(2026, 6, 3))
    clock_events.do_record_consultation_answer(ogi, consultation, dt.date(2026, 6, 12), "同意公开")
    unpaid = assigned(received_on=RECEIVED)
    clock_events.do_issue_fee_notice(ogi, unpaid, choices.FEE_BY_PAGES, 60, dt.date(2026, 6, 3))
    paid = assigned(received_on=RECEIVED)
    clock_events.do_issue_fee_notice(ogi, paid, choices.FEE_BY_PAGES, 60, dt.date(2026, 6, 3))
    clock_events.do_record_payment(ogi, paid, dt.date(2026, 6, 9))
    extended = assigned(received_on=RECEIVED)
    clock_events.do_approve_extension(ogi_head, extended, 15, "需要调取档案。", approved_on=dt.date(2026, 6, 20))
    art35 = assigned(received_on=RECEIVED)
    clock_events.do_set_art35_date(ogi, art35, dt.date(2026, 9, 30), "申请人一次申请 300 份文件，说明了用途。",
                                   on=dt.date(2026, 6, 10))
    cases = [plain, awaiting, restarted, consulting, consulted, unpaid, paid, extended, art35]
    expected = {case.pk: clockdata.state_of(DisclosureApplication.objects.get(pk=case.pk)).due for case in cases}
    assert expected[awaiting.pk] is None and expected[consulting.pk] is None and expected[unpaid.pk] is None
    assert len({expected[c.pk] for c in (plain, restarted, consulted, paid, extended, art35)}) == 6
    DisclosureApplication.objects.update(due_on=dt.date(2020, 1, 1))
    assert services.recompute_open(reason="测试") == len(cases)
    assert dict(DisclosureApplication.objects.values_list("pk", "due_on")) == expected
