"""The statutory clock of a disclosure application (RULES.md §1, §3.2), on the official schedules 2024–2026.

Pure tests: the calendar is the hand-typed official one (gongkai.workcalendar.tests.official), no database.
Every expected date was counted by hand, day by day, against the State Council notices; the comment of
each case names the holidays (H) and make-up working days (W) on the way. "WD" = working day.
"""

import datetime as dt

import pytest

from gongkai.applications import clock
from gongkai.applications.clock import ClockFacts, Pause, compute
from gongkai.workcalendar.clock import CalendarYearMissing, WorkCalendar, format_day
from gongkai.workcalendar.tests.official import official_calendar, official_days

D = dt.date.fromisoformat


@pytest.fixture(autouse=True)
def _calendar_around_today():
    """Overrides the package conftest's database fixture: these tests are pure and need no database."""


@pytest.fixture(scope="module")
def cal():
    """2024–2026 only: 2027 has no data, so anything that needs it fails closed."""
    return official_calendar()


def facts(received, *, correction=None, pauses=(), ext=0, art35=None, reason="", concluded=None, days=20):
    """ClockFacts from ISO strings. correction = (requested, received or None); pauses = (start, end or None)."""
    requested, corrected = correction or (None, None)
    return ClockFacts(
        received_on=D(received) if received else None,
        correction_requested_on=D(requested) if requested else None,
        correction_received_on=D(corrected) if corrected else None,
        pauses=tuple(Pause(D(p[0]), D(p[1]) if p[1] else None, *p[2:]) for p in pauses),
        extension_days=ext,
        art35_due_on=D(art35) if art35 else None,
        art35_reason=reason,
        concluded_on=D(concluded) if concluded else None,
        days=days,
    )


# --- due dates ---------------------------------------------------------------------------------------------

DUE_CASES = [
    # Plain 20 WD across ordinary weeks (no holiday in the way).
    pytest.param(facts("2025-03-03"), "2025-03-31", id="plain-mon-2025-03"),  # 4+5+5+5+1; Qingming is after
    pytest.param(facts("2026-07-01"), "2026-07-29", id="plain-wed-2026-07"),  # 2+5+5+5+3
    pytest.param(facts("2024-11-01"), "2024-11-29", id="plain-fri-2024-11"),  # four full weeks
    pytest.param(facts("2025-07-07"), "2025-08-04", id="plain-mon-2025-07-into-august"),  # 4+5+5+5+1
    pytest.param(facts("2026-03-02"), "2026-03-30", id="plain-mon-2026-03"),  # 4+5+5+5+1
    pytest.param(facts("2024-03-01"), "2024-03-29", id="plain-fri-2024-03"),  # four full weeks
    pytest.param(facts("2024-12-16"), "2025-01-14", id="plain-year-end-2024"),  # 元旦 H 2025-01-01
    pytest.param(facts("2025-12-15"), "2026-01-13", id="plain-year-end-2025"),  # 元旦 H 01-01..03, W Sun 2026-01-04
    # RULES.md §1 examples, through the engine.
    # W 09-29, 国庆 H 10-01..07, W 10-12:
    pytest.param(facts("2024-09-25"), "2024-10-28", id="rules-20wd-after-2024-09-25"),
    pytest.param(facts("2025-09-27", days=1), "2025-09-28", id="rules-1wd-after-sat-2025-09-27"),  # W Sun 09-28
    pytest.param(facts("2026-01-01", days=1), "2026-01-04", id="rules-1wd-after-2026-01-01"),  # 元旦 H, W Sun 01-04
    pytest.param(facts("2026-02-14", days=1), "2026-02-24", id="rules-1wd-after-sat-2026-02-14"),  # 春节 H 02-15..23
    pytest.param(facts("2026-09-26"), "2026-10-29", id="rules-20wd-after-sat-2026-09-26"),  # 中秋 H, 国庆 H, W 10-10
    # Receipt on a rest day, a holiday or a make-up day: the start day itself is never counted.
    pytest.param(facts("2025-03-08"), "2025-04-07", id="start-saturday"),  # 清明 H 2025-04-04..06
    pytest.param(facts("2024-06-09"), "2024-07-08", id="start-sunday-before-dragon-boat"),  # 端午 H Mon 2024-06-10
    pytest.param(facts("2024-10-03"), "2024-11-01", id="start-national-day-holiday-2024"),  # H to 10-07, W 10-12
    pytest.param(facts("2025-01-01"), "2025-02-05", id="start-new-year-holiday-2025"),  # W 01-26, 春节 H 01-28..02-04
    pytest.param(facts("2026-02-16"), "2026-03-20", id="start-spring-festival-holiday-2026"),  # H to 02-23, W 02-28
    pytest.param(facts("2024-09-29"), "2024-10-31", id="start-makeup-sunday-2024-09-29"),  # day 1 is 09-30, 国庆 H
    pytest.param(facts("2026-02-28"), "2026-03-27", id="start-makeup-saturday-2026-02-28"),  # four full weeks
    pytest.param(facts("2025-02-08"), "2025-03-07", id="start-makeup-saturday-2025-02-08"),  # four full weeks
    # Across the holidays, no pause: holidays are simply not working days.
    pytest.param(facts("2026-02-02"), "2026-03-06", id="across-spring-festival-2026"),  # W 02-14, H 02-15..23, W 02-28
    # W 01-26, H 01-28..02-04, W 02-08:
    pytest.param(facts("2025-01-20"), "2025-02-21", id="across-spring-festival-2025"),
    pytest.param(facts("2025-09-22"), "2025-10-24", id="across-national-day-2025"),  # W 09-28, H 10-01..08, W 10-11
    # Restart after correction: 20 WD after the day the corrected application arrives.
    pytest.param(facts("2025-03-03", correction=("2025-03-05", "2025-03-20")), "2025-04-18",
                 id="restart-after-correction"),  # 清明 H 2025-04-04..06
    pytest.param(facts("2024-09-10", correction=("2024-09-12", "2024-09-25")), "2024-10-28",
                 id="restart-across-national-day-2024"),  # as the RULES §1 example from 09-25
    pytest.param(facts("2026-02-09", correction=("2026-02-11", "2026-02-22")), "2026-03-20",
                 id="restart-on-spring-festival-holiday-2026"),  # H to 02-23, W 02-28
    pytest.param(facts("2025-06-03", correction=("2025-06-09", "2025-06-16"), pauses=[("2025-06-04", "2025-06-06")]),
                 "2025-07-14", id="restart-ignores-pause-before-restart"),  # the pause ended before 06-16
    pytest.param(facts("2025-06-03", correction=("2025-06-09", "2025-06-16"), pauses=[("2025-06-10", "2025-06-18")]),
                 "2025-07-16", id="restart-pause-spanning-restart-counts-only-after"),  # 06-17, 06-18 removed
    pytest.param(facts("2025-09-22", correction=("2025-09-24", "2025-09-30"), pauses=[("2025-10-13", "2025-10-17")],
                       ext=5), "2025-11-18", id="restart-then-pause-then-extension"),  # 国庆 H 10-01..08, W 10-11
    # Pauses across Spring Festival: only the pause's working days are removed; holidays were never counted.
    pytest.param(facts("2025-01-20", pauses=[("2025-01-24", "2025-02-07")]), "2025-03-03",
                 id="pause-across-spring-festival-2025"),  # paused WD 01-24, W 01-26, 01-27, 02-05..07 = 6
    pytest.param(facts("2026-02-02", pauses=[("2026-02-10", "2026-02-25")]), "2026-03-17",
                 id="pause-across-spring-festival-2026"),  # paused WD 02-10..13, W 02-14, 02-24, 02-25 = 7
    pytest.param(facts("2026-02-02", pauses=[("2026-02-15", "2026-02-23")]), "2026-03-06",
                 id="pause-inside-spring-festival-2026-no-effect"),  # all nine days are H
    # Pauses across National Day.
    pytest.param(facts("2024-09-25", pauses=[("2024-09-30", "2024-10-08")]), "2024-10-30",
                 id="pause-across-national-day-2024"),  # paused WD 09-30, 10-08 = 2; H 10-01..07
    pytest.param(facts("2025-09-22", pauses=[("2025-09-26", "2025-10-10")]), "2025-11-03",
                 id="pause-across-national-day-2025"),  # paused WD 09-26, W 09-28, 09-29, 09-30, 10-09, 10-10 = 6
    pytest.param(facts("2026-09-26", pauses=[("2026-09-28", "2026-10-09")]), "2026-11-05",
                 id="pause-across-national-day-2026"),  # paused WD 09-28..30, 10-08, 10-09 = 5; W 10-10 counts
    # Several pauses.
    pytest.param(facts("2024-09-25", pauses=[("2024-10-08", "2024-10-10"), ("2024-10-09", "2024-10-11")]),
                 "2024-11-01", id="two-overlapping-pauses"),  # union 10-08..11 = 4 WD
    pytest.param(facts("2025-03-03", pauses=[("2025-03-10", "2025-03-21"), ("2025-03-12", "2025-03-14")]),
                 "2025-04-15", id="pause-inside-another-pause"),  # union = 10 WD; 清明 H 04-04
    pytest.param(facts("2024-09-25", pauses=[("2024-10-08", "2024-10-08"), ("2024-10-09", "2024-10-09")]),
                 "2024-10-30", id="two-adjacent-one-day-pauses"),  # 2 WD
    pytest.param(facts("2025-03-03", pauses=[("2025-03-10", "2025-03-12"), ("2025-03-13", "2025-03-14")]),
                 "2025-04-08", id="two-adjacent-pauses"),  # 5 WD; 清明 H 04-04
    pytest.param(facts("2025-03-03", pauses=[("2025-03-14", "2025-03-18"), ("2025-03-04", "2025-03-04")]),
                 "2025-04-07", id="two-pauses-given-out-of-order"),  # 1 + 3 WD (weekend 03-15/16); 清明 H
    # Pauses that change nothing.
    pytest.param(facts("2025-03-03", pauses=[("2025-03-08", "2025-03-09")]), "2025-03-31",
                 id="pause-on-a-weekend-no-effect"),
    pytest.param(facts("2025-03-03", pauses=[("2025-04-01", "2025-04-03")]), "2025-03-31",
                 id="pause-after-due-no-effect"),
    pytest.param(facts("2025-03-03", pauses=[("2025-02-24", "2025-03-03")]), "2025-03-31",
                 id="pause-ending-on-receipt-day-no-effect"),
    pytest.param(facts("2025-03-03", pauses=[("2025-03-31", "2025-04-01")]), "2025-04-02",
                 id="pause-starting-on-the-due-day"),  # 19 WD by 03-28; 03-31, 04-01 paused; day 20 is 04-02
    pytest.param(facts("2025-03-03", pauses=[("2025-02-27", "2025-03-05")]), "2025-04-02",
                 id="pause-begun-before-receipt"),  # only 03-04, 03-05 removed
    # Extension (Art. 33): at most +20 WD, also after a pause.
    pytest.param(facts("2025-03-03", ext=1), "2025-04-01", id="extension-1"),
    pytest.param(facts("2025-03-03", ext=20), "2025-04-28", id="extension-20-2025"),  # 清明 H 04-04, W Sun 04-27
    pytest.param(facts("2024-09-25", ext=20), "2024-11-25", id="extension-20-across-national-day"),
    pytest.param(facts("2024-09-25", pauses=[("2024-10-08", "2024-10-09")], ext=2), "2024-11-01",
                 id="extension-after-pause"),  # 2 paused + 2 extended
    pytest.param(facts("2026-02-02", pauses=[("2026-02-10", "2026-02-25")], ext=10), "2026-03-31",
                 id="extension-after-pause-across-spring-festival-2026"),
    # Art. 35: an explicit date replaces the computed one.
    pytest.param(facts("2025-03-03", art35="2025-05-30", reason="申请数量明显超过合理范围"), "2025-05-30",
                 id="art35-date-overrides"),
    pytest.param(facts("2025-03-03", pauses=[("2025-03-10", "2025-03-14")], art35="2025-06-16"), "2025-06-16",
                 id="art35-date-overrides-pause"),
    # Other periods through the same engine (the deadline command's --days).
    pytest.param(facts("2025-01-24", days=7), "2025-02-10", id="7wd-across-spring-festival-2025"),  # W 01-26, W 02-08
    pytest.param(facts("2024-05-01", days=0), "2024-05-01", id="0wd-is-the-start-day"),
]


@pytest.mark.parametrize(("given", "due"), DUE_CASES)
def test_due_date(cal, given, due):
    state = compute(cal, given, today=given.correction_received_on or given.received_on)
    assert state.status == clock.RUNNING
    assert state.due == D(due)
    if given.art35_due_on is None and given.days:
        assert state.steps[-1] == f"期限届满日：{format_day(D(due))}。"


def test_enough_table_driven_cases():
    assert len(DUE_CASES) + len(STATE_CASES) + len(REFUSED_CASES) + len(MISSING_YEAR_CASES) >= 60


# --- status, days used and left ----------------------------------------------------------------------------

# (facts, today, status, due, days_left, used)
STATE_CASES = [
    # 20 WD after 2025-03-03 is 2025-03-31 (no holiday in March).
    pytest.param(facts("2025-03-03"), "2025-03-03", clock.RUNNING, "2025-03-31", 20, 0, id="left-20-on-receipt"),
    pytest.param(facts("2025-03-03"), "2025-03-24", clock.RUNNING, "2025-03-31", 5, 15, id="left-5"),
    pytest.param(facts("2025-03-03"), "2025-03-27", clock.RUNNING, "2025-03-31", 2, 18, id="left-2"),
    pytest.param(facts("2025-03-03"), "2025-03-29", clock.RUNNING, "2025-03-31", 1, 19, id="left-1-on-saturday"),
    pytest.param(facts("2025-03-03"), "2025-03-31", clock.RUNNING, "2025-03-31", 0, 20, id="left-0-on-due-day"),
    pytest.param(facts("2025-03-03"), "2025-04-01", clock.RUNNING, "2025-03-31", -1, 21, id="overdue-1"),
    pytest.param(facts("2025-03-03"), "2025-04-04", clock.RUNNING, "2025-03-31", -3, 23,
                 id="overdue-3-on-qingming-holiday"),  # 04-01..03 elapsed; 清明 H 04-04
    # Due Fri 2024-11-29: the weekend right after is already overdue.
    pytest.param(facts("2024-11-01"), "2024-11-30", clock.RUNNING, "2024-11-29", -1, 20, id="overdue-on-saturday"),
    pytest.param(facts("2024-11-01"), "2024-12-02", clock.RUNNING, "2024-11-29", -1, 21, id="overdue-monday"),
    pytest.param(facts("2024-11-01"), "2024-12-03", clock.RUNNING, "2024-11-29", -2, 22, id="overdue-tuesday"),
    # Days left across a holiday: 2024-09-25 → 2024-10-28; on 09-30 the days 10-08..11, W 10-12, 10-14..18,
    # 10-21..25, 10-28 remain.
    pytest.param(facts("2024-09-25"), "2024-09-30", clock.RUNNING, "2024-10-28", 16, 4, id="left-across-national-day"),
    # A closed pause between today and the due date is not counted in the days left either.
    pytest.param(facts("2025-03-03", pauses=[("2025-03-10", "2025-03-14")]), "2025-03-07", clock.RUNNING,
                 "2025-04-08", 16, 4, id="left-with-pause-ahead"),  # 5 paused WD; 清明 H 04-04
    # An open pause stops the clock: no due date, the days used and left as of today.
    pytest.param(facts("2025-03-03", pauses=[("2025-03-17", None, "征求第三方意见")]), "2025-03-20", clock.PAUSED,
                 None, 11, 9, id="open-pause"),
    pytest.param(facts("2026-02-02", pauses=[("2026-02-10", None)]), "2026-03-02", clock.PAUSED, None, 15, 5,
                 id="open-pause-across-spring-festival-2026"),
    pytest.param(facts("2026-02-02", pauses=[("2026-02-10", None)], ext=5), "2026-03-02", clock.PAUSED, None, 20, 5,
                 id="open-pause-with-extension"),
    pytest.param(facts("2025-03-03", pauses=[("2025-03-05", "2025-03-06"), ("2025-03-17", None)]), "2025-03-20",
                 clock.PAUSED, None, 13, 7, id="open-pause-after-closed-pause"),
    # Art. 35 is a fixed date: it stands while a pause is open. Used: 20 WD in March, 22 in April (清明 H 04-04,
    # W Sun 04-27), 劳动节 H 05-01..05, paused from 05-06. Left after 05-20: 05-21..23, 05-26..30 = 8.
    pytest.param(facts("2025-03-03", pauses=[("2025-05-06", None)], art35="2025-05-30"), "2025-05-20", clock.PAUSED,
                 "2025-05-30", 8, 42, id="open-pause-with-art35-date"),
    # Awaiting correction: no due date; the notice was due on WD 7.
    pytest.param(facts("2025-03-03", correction=("2025-03-05", None)), "2025-03-10", clock.AWAITING_CORRECTION, None,
                 None, 0, id="awaiting-correction"),
    # Not received yet.
    pytest.param(facts(None), "2025-03-10", clock.NOT_RECEIVED, None, None, 0, id="not-received"),
    # Concluded: days used up to the reply.
    pytest.param(facts("2025-03-03", concluded="2025-03-31"), "2025-06-01", clock.CONCLUDED, "2025-03-31", None, 20,
                 id="concluded-on-due-day"),
]


@pytest.mark.parametrize(("given", "today", "status", "due", "left", "used"), STATE_CASES)
def test_status_days_left_and_used(cal, given, today, status, due, left, used):
    state = compute(cal, given, today=D(today))
    assert state.status == status
    assert state.due == (D(due) if due else None)
    assert state.days_left == left
    assert state.used == used
    assert state.overdue is (left is not None and left < 0)
    assert state.calendar_missing is None


def test_days_left_and_used_add_up_to_the_period_every_day(cal):
    """From receipt to the due date, on every day (rest days included): used + left = 20 + extension."""
    given = facts("2024-09-25", pauses=[("2024-10-14", "2024-10-16")], ext=3)
    due = compute(cal, given, D("2024-09-25")).due
    assert due == D("2024-11-05")  # 20 + 3 paused (10-14..16) + 3 extended after 10-28: 10-29..11-05
    day = D("2024-09-25")
    while day <= due:
        state = compute(cal, given, day)
        assert (state.used + state.days_left, state.overdue) == (23, False), day
        day += dt.timedelta(days=1)
    assert compute(cal, given, due + dt.timedelta(days=1)).overdue


def test_correction_notice_due_on_working_day_7(cal):
    cases = {
        "2025-03-03": "2025-03-12",  # no holiday
        "2024-09-25": "2024-10-10",  # W 09-29, 国庆 H 10-01..07
        "2026-02-11": "2026-02-27",  # W 02-14, 春节 H 02-15..23
        "2025-01-24": "2025-02-10",  # W 01-26, 春节 H 01-28..02-04, W 02-08
        "2026-09-30": "2026-10-15",  # 国庆 H 10-01..07, W 10-10
    }
    for received, notice_due in cases.items():
        waiting = compute(cal, facts(received, correction=(received, None)), D(received))
        assert (waiting.status, waiting.due, waiting.correction_notice_due) == (
            clock.AWAITING_CORRECTION, None, D(notice_due)), received
        running = compute(cal, facts(received), D(received))
        assert running.correction_notice_due == D(notice_due)


# --- concluded cases -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "due", "on_time"),
    [
        pytest.param(facts("2025-03-03", concluded="2025-03-31"), "2025-03-31", True, id="replied-on-due-day"),
        pytest.param(facts("2025-03-03", concluded="2025-03-04"), "2025-03-31", True, id="replied-early"),
        pytest.param(facts("2025-03-03", concluded="2025-04-01"), "2025-03-31", False, id="replied-a-day-late"),
        pytest.param(facts("2024-09-25", ext=20, concluded="2024-11-25"), "2024-11-25", True,
                     id="replied-on-extended-due-day"),
        pytest.param(facts("2025-03-03", art35="2025-05-30", concluded="2025-05-30"), "2025-05-30", True,
                     id="replied-on-art35-date"),
        pytest.param(facts("2025-03-03", art35="2025-05-30", concluded="2025-06-03"), "2025-05-30", False,
                     id="replied-after-art35-date"),
        # Closed while a fee notice was unpaid: the pause runs until the day of closing (03-10..04-15),
        # then 16 more WD: 04-16..18, 04-21..25, W Sun 04-27, 04-28..30, 劳动节 H 05-01..05, 05-06..09.
        pytest.param(facts("2025-03-03", pauses=[("2025-03-10", None, "等待缴纳信息处理费")], concluded="2025-04-15"),
                     "2025-05-09", True, id="closed-while-pause-open-is-on-time"),
    ],
)
def test_concluded_on_time_or_late(cal, given, due, on_time):
    state = compute(cal, given, today=D("2025-12-01"))
    assert (state.status, state.due, state.on_time, state.overdue) == (clock.CONCLUDED, D(due), on_time, not on_time)
    assert state.steps[-1].startswith(f"答复日期：{format_day(given.concluded_on)}")


def test_closed_while_awaiting_correction_is_concluded_without_a_due_date(cal):
    state = compute(cal, facts("2025-03-03", correction=("2025-03-05", None), concluded="2025-04-01"), D("2025-05-01"))
    assert (state.status, state.due, state.on_time, state.overdue) == (clock.CONCLUDED, None, None, False)


# --- refused facts -----------------------------------------------------------------------------------------

REFUSED_CASES = [
    pytest.param(facts("2025-03-03", ext=21), "最多延长 20 个工作日", id="extension-21"),
    pytest.param(facts("2025-03-03", ext=-1), "不能是负数", id="extension-negative"),
    pytest.param(facts("2025-03-03", ext=True), "必须是整数", id="extension-bool"),
    pytest.param(facts("2025-03-03", days=-1), "不能是负数", id="days-negative"),
    pytest.param(facts("2025-03-03", pauses=[("2025-03-10", "2025-03-07", "征求第三方意见")]),
                 "征求第三方意见的结束日期 2025-03-07 早于开始日期 2025-03-10", id="pause-ends-before-start"),
    pytest.param(facts("2025-03-03", correction=("2025-03-04", "2025-03-10"), pauses=[("2025-03-05", "2025-03-04")]),
                 "早于开始日期", id="reversed-pause-before-restart-still-refused"),
]


@pytest.mark.parametrize(("given", "message"), REFUSED_CASES)
def test_impossible_facts_are_refused_with_a_chinese_message(cal, given, message):
    with pytest.raises(ValueError, match=message):
        compute(cal, given, today=D("2025-03-10"))


# --- a missing calendar year fails closed -------------------------------------------------------------------

MISSING_YEAR_CASES = [
    # 20 WD after 2026-12-10: 12-11, 12-14..18, 12-21..25, 12-28..31 = 15, then 2027.
    pytest.param(facts("2026-12-10"), "2026-12-10", id="due-needs-2027"),
    pytest.param(facts("2026-11-20", ext=20), "2026-11-20", id="extension-needs-2027"),
    pytest.param(facts("2026-11-20", pauses=[("2026-12-01", "2026-12-31")]), "2026-12-01", id="pause-pushes-into-2027"),
    pytest.param(facts("2026-11-02", correction=("2026-11-03", "2026-12-15")), "2026-12-15",
                 id="restart-needs-2027"),
    # A paused case shows the days used up to today: today in 2027 cannot be counted.
    pytest.param(facts("2026-12-01", pauses=[("2026-12-20", None)]), "2027-01-04", id="paused-today-in-2027"),
]


@pytest.mark.parametrize(("given", "today"), MISSING_YEAR_CASES)
def test_due_date_needing_2027_raises(cal, given, today):
    with pytest.raises(CalendarYearMissing, match="2027 年节假日安排尚未录入") as excinfo:
        compute(cal, given, today=D(today))
    assert excinfo.value.year == 2027


def test_the_due_date_stands_when_only_the_days_left_need_2027(cal):
    # 20 WD after Fri 2026-11-20: 11-23..27, 11-30..12-04, 12-07..11, 12-14..18.
    state = compute(cal, facts("2026-11-20"), today=D("2027-01-05"))
    assert (state.status, state.due, state.days_left, state.calendar_missing) == (
        clock.RUNNING, D("2026-12-18"), None, 2027)
    assert state.overdue  # the due date is known and has passed
    assert state.steps[-1] == "2027 年节假日安排尚未录入，无法计算距今还剩几个工作日。"


def test_an_art35_date_in_2027_is_shown_without_the_days_left(cal):
    state = compute(cal, facts("2026-11-20", art35="2027-01-15", reason="申请内容过多"), today=D("2026-12-01"))
    assert (state.due, state.days_left, state.calendar_missing, state.overdue) == (D("2027-01-15"), None, 2027, False)


def test_an_art35_date_stands_when_the_statutory_date_needs_2027(cal):
    state = compute(cal, facts("2026-12-10", art35="2026-12-31"), today=D("2026-12-10"))
    # 2026-12-10 → 12-31: 12-11, 12-14..18, 12-21..25, 12-28..31 = 15 WD.
    assert (state.due, state.days_left, state.calendar_missing) == (D("2026-12-31"), 15, None)
    assert "2027 年节假日安排尚未录入，无法逐日计算法定期限，以第三十五条确定的答复期限为准。" in state.steps


def test_awaiting_correction_names_the_missing_year_of_the_notice_date(cal):
    # 7 WD after 2026-12-28: 12-29..31 = 3, then 2027.
    state = compute(cal, facts("2026-12-28", correction=("2026-12-29", None)), today=D("2026-12-30"))
    assert (state.status, state.correction_notice_due, state.calendar_missing) == (
        clock.AWAITING_CORRECTION, None, 2027)


def test_a_short_period_does_not_need_the_notice_date_year(cal):
    # 1 WD after 2026-12-28 is 12-29, although the correction-notice date (7 WD) would need 2027.
    state = compute(cal, facts("2026-12-28", days=1), today=D("2026-12-28"))
    assert (state.due, state.correction_notice_due, state.calendar_missing) == (D("2026-12-29"), None, 2027)


def test_after_the_2027_schedule_is_loaded_the_due_date_is_computed():
    holidays, workdays = official_days()
    holidays.update({D("2027-01-01"): "元旦", D("2027-01-02"): "元旦", D("2027-01-03"): "元旦"})
    cal_2027 = WorkCalendar([2024, 2025, 2026, 2027], holidays, workdays)
    # 15 WD in 2026 (see above), 元旦 H 2027-01-01..03, then 01-04..08.
    assert compute(cal_2027, facts("2026-12-10"), today=D("2026-12-10")).due == D("2027-01-08")


# --- the explanation -------------------------------------------------------------------------------------------


def test_explanation_day_by_day(cal):
    state = compute(cal, facts("2024-09-25", pauses=[("2024-10-08", "2024-10-09", "征求第三方意见")]), D("2024-09-25"))
    assert state.due == D("2024-10-30")  # 2 WD paused after the RULES §1 example's 10-28
    steps = state.steps
    assert steps[0] == "起算日：2024-09-25（星期三），当日不计入期限。"
    assert steps[1] == "期限：20 个工作日。"
    assert steps[2] == "征求第三方意见：2024-10-08 至 2024-10-09，期间的工作日不计入期限。"
    assert steps[3] == "第 1 个工作日：2024-09-26（星期四）"
    assert "第 3 个工作日：2024-09-29（星期日，国庆节调休上班）" in steps
    assert "2024-10-01（星期二）至 2024-10-07（星期一）：国庆节假期，不计。" in steps
    assert "2024-10-08（星期二）至 2024-10-09（星期三）：暂停计算期间的工作日，不计。" in steps
    assert "第 5 个工作日：2024-10-10（星期四）" in steps
    assert steps[-1] == "期限届满日：2024-10-30（星期三）。"
    assert sum("2024-10-08 至 2024-10-09" in s for s in steps) == 1  # the pause is listed once, with its reason


def test_explanation_of_a_plain_period_is_the_calendar_engines(cal):
    """The clock explains a plain period exactly as WorkCalendar.add_working_days does (the deadline command)."""
    for start, days, pauses, ext in [("2024-09-25", 20, [], 0), ("2026-02-02", 20, [("2026-02-10", "2026-02-25")], 7),
                                     ("2025-09-27", 1, [], 0), ("2024-05-01", 0, [], 0)]:
        expected = cal.add_working_days(D(start), days, pauses=[(D(a), D(b)) for a, b in pauses], extension=ext).steps
        assert compute(cal, facts(start, days=days, pauses=pauses, ext=ext), D(start)).steps == expected


def test_explanation_of_a_restart_open_pause_and_art35(cal):
    restarted = compute(cal, facts("2025-03-03", correction=("2025-03-05", "2025-03-20"),
                                   pauses=[("2025-03-10", "2025-03-12", "征求有关机关意见")]), D("2025-03-20"))
    assert restarted.steps[:4] == [
        "收到申请之日：2025-03-03（星期一）。",
        "补正告知：2025-03-05（星期三）发出（应在收到申请后第 7 个工作日 2025-03-12（星期三）前发出）。",
        "收到补正材料之日：2025-03-20（星期四），答复期限自次日起重新计算。",
        "起算日：2025-03-20（星期四），当日不计入期限。",
    ]
    assert "征求有关机关意见：2025-03-10 至 2025-03-12，在开始计算之前已经结束，不影响期限。" in restarted.steps
    assert "第 1 个工作日：2025-03-21（星期五）" in restarted.steps
    assert restarted.steps[-1] == "期限届满日：2025-04-18（星期五）。"

    paused = compute(cal, facts("2025-03-03", pauses=[("2025-03-17", None, "等待缴纳信息处理费")]), D("2025-03-20"))
    assert "等待缴纳信息处理费：自 2025-03-17（星期一）起暂停计算，尚未结束。" in paused.steps
    assert paused.steps[-1] == "截至 2025-03-20（星期四），已计 9 个工作日，还剩 11 个工作日；暂停结束后继续计算。"

    art35 = compute(cal, facts("2025-03-03", art35="2025-05-30", reason="申请数量明显超过合理范围"), D("2025-03-03"))
    assert "期限届满日：2025-03-31（星期一）。" in art35.steps
    assert art35.steps[-1] == ("依照条例第三十五条另行确定的答复期限：2025-05-30（星期五）"
                               "（理由：申请数量明显超过合理范围）。")


def test_window_due_counts_a_consultation_window(cal):
    # 15 WD after 2025-09-26: W 09-28, 09-29, 09-30, 国庆 H 10-01..08, 10-09, 10-10, W 10-11, 10-13..17, 10-20..23.
    assert clock.window_due(cal, D("2025-09-26"), clock.CONSULTATION_DAYS) == D("2025-10-23")
