"""Working-day arithmetic (RULES.md §1) and pauses (§3.2), on the hand-typed official schedules 2024–2026.

Every expectation below was counted by hand against the State Council notices.
"""

import datetime as dt

import chinese_calendar
import pytest

from gongkai.workcalendar.clock import (
    HOLIDAY,
    MAKEUP,
    WEEKDAY,
    WEEKEND,
    CalendarYearMissing,
    WorkCalendar,
    format_day,
)
from gongkai.workcalendar.tests.official import ALL_MAKEUP_DAYS, official_calendar

D = dt.date.fromisoformat


@pytest.fixture(scope="module")
def cal():
    return official_calendar()


# (start, N working days, expected due date, what it shows)
CASES = [
    # RULES.md §1 examples, verbatim.
    ("2024-09-25", 20, "2024-10-28", "RULES §1: 20 WD after 2024-09-25"),
    ("2025-09-27", 1, "2025-09-28", "RULES §1: Sat start, Sun make-up day"),
    ("2026-01-01", 1, "2026-01-04", "RULES §1: holiday start, Sun make-up day"),
    ("2026-02-14", 1, "2026-02-24", "RULES §1: start on a make-up Saturday, across Spring Festival"),
    ("2026-09-26", 20, "2026-10-29", "RULES §1: Sat start, across Mid-autumn and National Day"),
    # Every make-up working day of 2024–2026 is counted.
    ("2024-02-03", 1, "2024-02-04", "make-up Sun 2024-02-04"),
    ("2024-02-09", 1, "2024-02-18", "make-up Sun 2024-02-18 after Spring Festival"),
    ("2024-04-03", 1, "2024-04-07", "make-up Sun 2024-04-07 after Qingming"),
    ("2024-04-27", 1, "2024-04-28", "make-up Sun 2024-04-28"),
    ("2024-04-30", 6, "2024-05-11", "make-up Sat 2024-05-11 after Labour Day"),
    ("2024-09-13", 1, "2024-09-14", "make-up Sat 2024-09-14"),
    ("2024-09-13", 2, "2024-09-18", "make-up Sat then Mid-autumn 2024"),
    ("2024-09-28", 1, "2024-09-29", "make-up Sun 2024-09-29"),
    ("2024-09-30", 5, "2024-10-12", "make-up Sat 2024-10-12 after National Day"),
    ("2025-01-25", 1, "2025-01-26", "make-up Sun 2025-01-26"),
    ("2025-01-27", 4, "2025-02-08", "make-up Sat 2025-02-08 after Spring Festival"),
    ("2025-04-26", 1, "2025-04-27", "make-up Sun 2025-04-27"),
    ("2025-09-30", 3, "2025-10-11", "make-up Sat 2025-10-11 after National Day"),
    ("2026-02-13", 1, "2026-02-14", "make-up Sat 2026-02-14"),
    ("2026-02-23", 5, "2026-02-28", "make-up Sat 2026-02-28"),
    ("2026-04-30", 4, "2026-05-09", "make-up Sat 2026-05-09 after Labour Day"),
    ("2026-09-19", 1, "2026-09-20", "make-up Sun 2026-09-20"),
    ("2026-09-30", 3, "2026-10-10", "make-up Sat 2026-10-10 after National Day"),
    # Starts on rest days: the first working day after is day 1.
    ("2024-10-01", 1, "2024-10-08", "start on a National Day holiday"),
    ("2025-10-05", 1, "2025-10-09", "start on a Sunday inside National Day"),
    ("2024-06-08", 1, "2024-06-11", "Sat start, Dragon Boat Monday"),
    ("2025-05-31", 1, "2025-06-03", "start on Dragon Boat Saturday"),
    ("2026-06-20", 1, "2026-06-22", "start on Dragon Boat Saturday 2026"),
    ("2026-04-04", 1, "2026-04-07", "start on Qingming Saturday"),
    ("2024-12-28", 1, "2024-12-30", "ordinary Saturday start"),
    # Ranges across Spring Festival.
    ("2024-02-01", 20, "2024-03-05", "20 WD across Spring Festival 2024"),
    ("2025-01-20", 20, "2025-02-21", "20 WD across Spring Festival 2025"),
    ("2026-02-10", 20, "2026-03-16", "20 WD across Spring Festival 2026"),
    # Ranges across National Day.
    ("2025-09-25", 20, "2025-10-29", "20 WD across National Day 2025 (8 days)"),
    ("2024-09-27", 7, "2024-10-12", "7 WD across National Day 2024"),
    ("2026-09-18", 10, "2026-10-09", "10 WD across Mid-autumn and National Day 2026"),
    # Across the new year.
    ("2024-12-20", 20, "2025-01-20", "20 WD into 2025"),
    ("2025-12-15", 20, "2026-01-13", "20 WD into 2026 with the Jan 4 make-up day"),
    ("2025-12-31", 1, "2026-01-04", "New Year 2026"),
    # Ordinary spans and other statutory periods.
    ("2024-03-01", 20, "2024-03-29", "20 WD without holidays"),
    ("2024-04-01", 15, "2024-04-23", "15 WD consultation across Qingming"),
    ("2024-04-26", 7, "2024-05-09", "7 WD correction notice across Labour Day"),
    ("2025-04-03", 3, "2025-04-09", "3 WD across Qingming 2025"),
    ("2025-04-25", 5, "2025-05-06", "5 WD across Labour Day 2025"),
    ("2026-04-30", 20, "2026-06-01", "20 WD after Labour Day 2026"),
    ("2026-06-18", 1, "2026-06-22", "Dragon Boat 2026 from Thursday"),
    ("2024-05-01", 0, "2024-05-01", "0 WD: the start day itself"),
]


@pytest.mark.parametrize(("start", "n", "expected", "why"), CASES, ids=[c[3] for c in CASES])
def test_add_working_days(cal, start, n, expected, why):
    result = cal.add_working_days(D(start), n)
    assert result.due == D(expected), why
    if n:
        assert cal.is_working_day(result.due)
        assert cal.working_days_between(D(start), result.due) == n
        assert len(result.counted) == n


# (start, N, pauses, extension, expected)
PAUSE_CASES = [
    ("2024-09-25", 20, [("2024-10-08", "2024-10-09")], 0, "2024-10-30", "two paused working days"),
    ("2024-09-25", 20, [("2024-09-30", "2024-10-08")], 0, "2024-10-30", "pause spanning National Day"),
    ("2024-09-25", 20, [("2024-10-01", "2024-10-07")], 0, "2024-10-28", "pause inside a holiday removes nothing"),
    ("2026-09-26", 20, [("2026-10-10", "2026-10-10")], 0, "2026-10-30", "pause on a make-up Saturday"),
    ("2024-09-25", 20, [("2024-09-01", "2024-09-20")], 0, "2024-10-28", "pause before the start"),
    ("2024-03-04", 5, [("2024-03-04", "2024-03-06")], 0, "2024-03-13", "pause from the start day"),
    ("2025-01-20", 20, [("2025-01-21", "2025-01-22"), ("2025-02-10", "2025-02-11")], 0, "2025-02-27", "two pauses"),
    ("2024-03-01", 5, [("2024-03-04", "2024-03-08"), ("2024-03-06", "2024-03-12")], 0, "2024-03-19", "overlap"),
    ("2024-09-25", 20, [], 20, "2024-11-25", "extension +20"),
    ("2024-09-25", 20, [("2024-10-08", "2024-10-09")], 2, "2024-11-01", "pause and extension"),
    ("2026-02-10", 20, [], 5, "2026-03-23", "extension across Spring Festival 2026"),
]


@pytest.mark.parametrize(
    ("start", "n", "pauses", "extension", "expected", "why"), PAUSE_CASES, ids=[c[5] for c in PAUSE_CASES]
)
def test_pauses_and_extension(cal, start, n, pauses, extension, expected, why):
    result = cal.add_working_days(D(start), n, pauses=[(D(a), D(b)) for a, b in pauses], extension=extension)
    assert result.due == D(expected), why
    assert len(result.counted) == n + extension
    for a, b in pauses:
        assert not any(D(a) <= day <= D(b) for day in result.counted)


@pytest.mark.parametrize("day", ALL_MAKEUP_DAYS, ids=[d.isoformat() for d in ALL_MAKEUP_DAYS])
def test_every_makeup_day_is_a_working_weekend_day(cal, day):
    assert day.weekday() >= 5
    assert cal.is_working_day(day)
    info = cal.day_info(day)
    assert info.kind == MAKEUP and info.name
    # ... and counting through the day before reaches it.
    assert cal.add_working_days(day - dt.timedelta(days=1), 1).due == day


def test_day_kinds(cal):
    assert cal.day_info(D("2024-10-02")).kind == HOLIDAY
    assert cal.day_info(D("2024-10-02")).name == "国庆节"
    assert cal.day_info(D("2024-10-02")).label == "国庆节假期"
    assert cal.day_info(D("2024-10-12")).label == "国庆节调休上班"
    assert cal.day_info(D("2024-10-13")).kind == WEEKEND
    assert cal.day_info(D("2024-10-14")).kind == WEEKDAY
    assert not cal.is_working_day(D("2025-01-28"))  # 除夕 is a holiday from 2025 on
    assert cal.is_working_day(D("2024-02-09"))  # but was a working day in 2024


def test_rules_example_explained_day_by_day(cal):
    steps = cal.add_working_days(D("2024-09-25"), 20).steps
    assert steps[0] == "起算日：2024-09-25（星期三），当日不计入期限。"
    assert "第 1 个工作日：2024-09-26（星期四）" in steps
    assert "2024-09-28（星期六）：周末休息，不计。" in steps
    assert "第 3 个工作日：2024-09-29（星期日，国庆节调休上班）" in steps
    assert "2024-10-01（星期二）至 2024-10-07（星期一）：国庆节假期，不计。" in steps
    assert "第 20 个工作日：2024-10-28（星期一）" in steps
    assert steps[-1] == "期限届满日：2024-10-28（星期一）。"
    numbered = [s for s in steps if s.startswith("第 ")]
    assert len(numbered) == 20


def test_explanation_shows_pause_and_extension(cal):
    steps = cal.add_working_days(D("2024-09-25"), 20, pauses=[(D("2024-10-08"), D("2024-10-09"))], extension=2).steps
    assert "期限：20 个工作日，延长 2 个工作日，共 22 个工作日。" in steps
    assert "暂停计算：2024-10-08 至 2024-10-09，期间的工作日不计入期限。" in steps
    assert "2024-10-08（星期二）至 2024-10-09（星期三）：暂停计算期间的工作日，不计。" in steps
    assert steps[-1] == "期限届满日：2024-11-01（星期五）。"


def test_missing_year_fails_closed(cal):
    # 5 WD after 2026-12-10 stays in 2026; 20 WD needs 2027, which is not loaded.
    assert cal.add_working_days(D("2026-12-10"), 5).due == D("2026-12-17")
    with pytest.raises(CalendarYearMissing) as excinfo:
        cal.add_working_days(D("2026-12-10"), 20)
    assert str(excinfo.value) == "2027 年节假日安排尚未录入"
    assert excinfo.value.year == 2027
    with pytest.raises(CalendarYearMissing, match="2023 年节假日安排尚未录入"):
        cal.is_working_day(D("2023-12-29"))
    with pytest.raises(CalendarYearMissing):
        cal.working_days_between(D("2026-12-30"), D("2027-01-05"))


def test_working_days_between(cal):
    assert cal.working_days_between(D("2024-09-25"), D("2024-10-28")) == 20
    assert cal.working_days_between(D("2024-09-30"), D("2024-10-07")) == 0
    assert cal.working_days_between(D("2025-12-31"), D("2026-01-04")) == 1
    assert cal.working_days_between(D("2024-10-28"), D("2024-09-25")) == -20
    assert cal.working_days_between(D("2024-10-28"), D("2024-10-28")) == 0
    # The whole of 2024, counted by hand: 262 Mon–Fri days; weekday holidays 1 + 5 + 2 + 3 + 1 + 2 + 5 = 19;
    # plus 8 make-up days = 251. 2024-01-01 itself is a holiday, so starting the count on it loses nothing.
    assert cal.working_days_between(D("2024-01-01"), D("2024-12-31")) == 251


def test_counting_round_trips_every_start_in_2024_2026(cal):
    """For every start day, the due date is a working day exactly N working days later."""
    day = D("2024-01-01")
    while day <= D("2026-11-15"):
        for n in (1, 5, 20):
            result = cal.add_working_days(day, n)
            assert cal.is_working_day(result.due)
            assert cal.working_days_between(day, result.due) == n
            assert cal.working_days_between(day, result.due - dt.timedelta(days=1)) == n - 1
        day += dt.timedelta(days=1)


def test_agrees_with_chinesecalendar_package(cal):
    """The seed source gives the same working status as the hand-typed notices for 2024–2026."""
    day = D("2024-01-01")
    while day <= D("2026-12-31"):
        assert chinese_calendar.is_workday(day) == cal.is_working_day(day), day
        day += dt.timedelta(days=1)


def test_find_workday_is_not_used_because_it_is_one_day_late_on_rest_days(cal):
    """RULES.md §1: chinese_calendar.find_workday(1, Sat 2025-09-27) is not the 28th; we count one by one."""
    assert cal.add_working_days(D("2025-09-27"), 1).due == D("2025-09-28")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n": -1}, "工作日数不能是负数"),
        ({"n": 20, "extension": -2}, "延长的工作日数不能是负数"),
        ({"n": "20"}, "工作日数必须是整数"),
        ({"n": 20, "pauses": [(D("2024-10-09"), D("2024-10-08"))]}, "结束日期 2024-10-08 早于开始日期 2024-10-09"),
        ({"n": 20, "pauses": [(D("2024-10-09"),)]}, "暂停期间应为"),
        ({"n": 20, "pauses": [("2024-10-08", "2024-10-09")]}, "必须是日期"),
    ],
)
def test_validation_errors(cal, kwargs, message):
    with pytest.raises(ValueError, match=message):
        cal.add_working_days(D("2024-09-25"), **kwargs)


def test_calendar_data_is_checked():
    with pytest.raises(ValueError, match="不能同时是放假日和调休上班日"):
        WorkCalendar([2024], {D("2024-02-04"): "春节"}, {D("2024-02-04"): "春节"})
    with pytest.raises(ValueError, match="2025 年不在已录入的年份中"):
        WorkCalendar([2024], {D("2025-01-01"): "元旦"})


def test_format_day():
    assert format_day(D("2024-09-26")) == "2024-09-26（星期四）"
    assert format_day(D("2026-10-10")) == "2026-10-10（星期六）"
