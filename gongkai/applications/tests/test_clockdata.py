"""The stored facts of an application → the clock (RULES.md §3.2), and the stored copy of the due date.

Dates are in 2026, whose official schedule is seeded in the test database: 端午节 H 2026-06-19..21,
国庆节 H 2026-10-01..07, make-up W Sat 2026-10-10. "WD" = working day.
"""

import datetime as dt

import pytest

from gongkai.applications import choices, clock, clock_events, clockdata
from gongkai.applications.models import DisclosureApplication
from gongkai.workcalendar import services as calendar_services
from gongkai.workcalendar.models import CalendarDay, CalendarYear
from gongkai.workcalendar.tests.official import SCHEDULE_2027

D = dt.date.fromisoformat


def reloaded(application):
    return DisclosureApplication.objects.get(pk=application.pk)


def test_facts_of_a_new_application(assigned):
    application = assigned(received_on=D("2026-06-01"))
    assert clockdata.facts_of(application) == clock.ClockFacts(received_on=D("2026-06-01"))
    # 20 WD after Mon 2026-06-01: 06-02..05, 06-08..12, 06-15..18, 端午 H 06-19, 06-22..26, 06-29, 06-30.
    assert application.due_on == D("2026-06-30")


def test_facts_of_builds_pauses_from_consultations_and_the_fee_notice(assigned, staff):
    office = staff["ogi_office"]
    application = assigned(received_on=D("2026-06-01"))
    third = clock_events.do_start_consultation(office, application, choices.CONSULT_THIRD_PARTY, "示范电动车有限公司",
                                               "抽查结果中涉及该企业的检验数据是否可以公开", D("2026-06-03"))
    clock_events.do_issue_fee_notice(office, application, choices.FEE_BY_PAGES, 150, D("2026-06-04"))
    clock_events.do_record_consultation_answer(office, third, D("2026-06-10"), "不同意公开检验数据。")
    agency = clock_events.do_start_consultation(office, application, choices.CONSULT_AGENCY, "示范市市场监督管理局",
                                                "抽查结果是否已由该局公开", D("2026-06-15"))

    application = reloaded(application)
    assert clockdata.facts_of(application).pauses == (
        clock.Pause(D("2026-06-03"), D("2026-06-10"), "征求第三方意见"),
        clock.Pause(D("2026-06-04"), None, "等待缴纳信息处理费"),
        clock.Pause(D("2026-06-15"), None, "征求其他机关意见"),
    )
    state = clockdata.state_of(application, today=D("2026-06-16"))
    assert (state.status, state.due, state.used) == (clock.PAUSED, None, 1)  # only 06-02 counted so far
    assert application.due_on is None  # no due date while a pause is open

    clock_events.do_record_payment(office, application, D("2026-06-12"))
    clock_events.do_record_consultation_answer(office, agency, D("2026-06-17"), "该局已于 2026 年 5 月公开。")
    application = reloaded(application)
    assert clockdata.facts_of(application).pauses == (
        clock.Pause(D("2026-06-03"), D("2026-06-10"), "征求第三方意见"),
        clock.Pause(D("2026-06-04"), D("2026-06-12"), "等待缴纳信息处理费"),
        clock.Pause(D("2026-06-15"), D("2026-06-17"), "征求其他机关意见"),
    )
    # Counted: 06-02; paused 06-03..12 and 06-15..17; then 06-18, 端午 H 06-19, 06-22..26, 06-29, 06-30,
    # 07-01..03, 07-06..10, 07-13..15 = 20.
    assert application.due_on == D("2026-07-15")
    assert clockdata.state_of(application, today=D("2026-07-13")).days_left == 2


def test_facts_of_a_correction_and_its_restart(register, staff):
    office = staff["ogi_office"]
    application = register(received_on=D("2026-06-01"))
    clock_events.do_request_correction(office, application, D("2026-06-02"), "请写明所需信息的年份和文件名称。")
    application = reloaded(application)
    facts = clockdata.facts_of(application)
    assert (facts.correction_requested_on, facts.correction_received_on) == (D("2026-06-02"), None)
    assert application.due_on is None
    state = clockdata.state_of(application, today=D("2026-06-03"))
    # The notice was due on WD 7 after 06-01: 06-02..05, 06-08..10.
    assert (state.status, state.correction_notice_due) == (clock.AWAITING_CORRECTION, D("2026-06-10"))

    clock_events.do_record_correction(office, application, D("2026-06-08"))
    application = reloaded(application)
    assert clockdata.facts_of(application).correction_received_on == D("2026-06-08")
    # Restart: 20 WD after Mon 06-08: 06-09..12, 06-15..18, 端午 H 06-19, 06-22..26, 06-29, 06-30, 07-01..03,
    # 07-06, 07-07.
    assert application.due_on == D("2026-07-07")


def test_facts_of_extension_art35_and_conclusion(assigned):
    application = assigned(received_on=D("2026-06-01"))
    application.extension_days = 5
    application.art35_due_on, application.art35_reason = D("2026-08-31"), "一次申请 120 项信息"
    application.concluded_on = D("2026-08-28")
    facts = clockdata.facts_of(application)
    assert (facts.extension_days, facts.art35_due_on, facts.art35_reason, facts.concluded_on) == (
        5, D("2026-08-31"), "一次申请 120 项信息", D("2026-08-28"))
    state = clockdata.state_of(application, today=D("2026-09-01"))
    assert (state.status, state.due, state.on_time) == (clock.CONCLUDED, D("2026-08-31"), True)


def test_an_unsaved_application_has_no_pauses():
    application = DisclosureApplication(received_on=D("2026-06-01"))
    assert clockdata.facts_of(application) == clock.ClockFacts(received_on=D("2026-06-01"))


def test_refresh_due_stores_the_due_date_and_the_calendar_version(assigned, staff):
    application = assigned(received_on=D("2026-09-21"))
    # 20 WD after Mon 2026-09-21: 09-22..24, 中秋 H 09-25..27, 09-28..30, 国庆 H 10-01..07, 10-08, 10-09,
    # W Sat 10-10, 10-12..16, 10-19..23, 10-26.
    assert (application.due_on, application.calendar_version) == (D("2026-10-26"), calendar_services.current_version())
    assert clockdata.refresh_due(application) is False  # nothing changed

    # The administrator cancels the make-up day 10-10: every open case is recomputed with the new version.
    calendar_services.do_set_day(staff["administrator"], D("2026-10-10"), calendar_services.RESET, reason="测试：更正")
    application = reloaded(application)
    assert (application.due_on, application.calendar_version) == (D("2026-10-27"), calendar_services.current_version())


def test_refresh_due_records_the_version_of_the_calendar_it_used(assigned, staff):
    application = assigned(received_on=D("2026-09-21"))
    old_calendar = calendar_services.load_calendar()
    calendar_services.do_set_day(staff["administrator"], D("2026-10-10"), calendar_services.RESET, reason="测试：更正")
    assert calendar_services.current_version() != old_calendar.version
    clockdata.refresh_due(application, calendar=old_calendar)
    assert (application.due_on, application.calendar_version) == (D("2026-10-26"), old_calendar.version)


def _remove_year(year):
    CalendarDay.objects.filter(date__year=year).delete()
    CalendarYear.objects.filter(year=year).delete()
    calendar_services.clear_cache()


def test_a_due_date_that_needs_a_missing_year_is_stored_as_none(assigned, staff):
    application = assigned(received_on=D("2026-11-20"))
    # 20 WD after Fri 2026-11-20 is 2026-12-18, inside 2026.
    assert application.due_on == D("2026-12-18")
    _remove_year(2027)  # the package conftest covers next year with a weekday-only test calendar

    # Extended by 20 WD: 12-21..24 and 12-28..31 are only 9 more, the rest needs 2027.
    application.extension_days = 20
    assert clockdata.refresh_due(application) is True
    assert (application.due_on, application.calendar_version) == (None, calendar_services.current_version())
    with pytest.raises(clock.CalendarYearMissing, match="2027 年节假日安排尚未录入"):
        clockdata.state_of(application, today=D("2026-11-27"))

    # Once 2027 is imported (a synthetic schedule: 元旦 H 2027-01-01..03), the due date is known again:
    # 12-21..25, 12-28..31 (9), 01-04..08 (14), 01-11..15 (19), 01-18 (20).
    calendar_services.do_import_year(staff["administrator"], 2027, SCHEDULE_2027)
    assert clockdata.refresh_due(application) is True
    assert application.due_on == D("2027-01-18")


def test_the_extension_service_stores_none_without_next_year(assigned, ogi_head):
    application = assigned(received_on=D("2026-11-20"))
    _remove_year(2027)
    application = clock_events.do_approve_extension(ogi_head, application, 20, "需要调取档案",
                                                    approved_on=D("2026-11-27"))
    assert reloaded(application).due_on is None
