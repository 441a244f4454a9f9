"""reply_time: the plain path gives the reply clock's own answer (clock.compute, RULES.md §3.2), day by day.

Receipt dates run across National Day 2024, New Year 2025 and Spring Festival 2025 (with their make-up
working days), replies from the same day to two months later, with and without an extension.
"""

import datetime as dt

import pytest

from gongkai.applications import clock
from gongkai.statistics import reply_time
from gongkai.workcalendar.clock import CalendarYearMissing, WorkCalendar
from gongkai.workcalendar.services import load_calendar

D = dt.date


def engine(calendar, facts):
    state = clock.compute(calendar, facts, facts.concluded_on)
    return reply_time.Reply(state.used, state.on_time)


def days(first, last, step=1):
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=step)


@pytest.fixture
def calendar(db):
    return load_calendar()


@pytest.mark.django_db
@pytest.mark.parametrize("received_range", [
    (D(2024, 9, 20), D(2024, 10, 12)),  # National Day 2024 and the make-up days around it
    (D(2024, 12, 20), D(2025, 1, 3)),  # the turn of the year
    (D(2025, 1, 15), D(2025, 2, 10)),  # Spring Festival 2025
], ids=["national-day", "new-year", "spring-festival"])
@pytest.mark.parametrize("extension", [0, 7, 20])
def test_the_plain_path_agrees_with_the_clock(calendar, received_range, extension):
    index = reply_time.WorkingDayIndex.around(calendar, 2025)
    checked = 0
    for received in days(*received_range):
        for concluded in days(received, received + dt.timedelta(days=60), step=3):
            facts = clock.ClockFacts(received_on=received, extension_days=extension, concluded_on=concluded)
            assert reply_time.is_plain(facts)
            assert reply_time.plain_reply(index, facts) == engine(calendar, facts), (received, concluded)
            checked += 1
    assert checked > 200


@pytest.mark.django_db
def test_cases_that_are_not_plain_go_through_the_clock(calendar):
    index = reply_time.WorkingDayIndex.around(calendar, 2025)
    memo = {}
    paused = clock.ClockFacts(received_on=D(2025, 3, 3), concluded_on=D(2025, 3, 14),
                              pauses=(clock.Pause(D(2025, 3, 5), D(2025, 3, 7), "征求第三方意见"),))
    assert not reply_time.is_plain(paused)
    assert reply_time.reply_of(calendar, index, paused, memo) == reply_time.Reply(6, True)
    assert memo[paused] == reply_time.Reply(6, True)  # remembered: the same facts are computed once
    correcting = clock.ClockFacts(received_on=D(2025, 6, 2), correction_requested_on=D(2025, 6, 3),
                                  concluded_on=D(2025, 7, 1))
    assert reply_time.reply_of(calendar, index, correcting, memo) is None  # no reply clock ran
    corrected = clock.ClockFacts(received_on=D(2025, 6, 2), correction_requested_on=D(2025, 6, 3),
                                 correction_received_on=D(2025, 6, 9), concluded_on=D(2025, 7, 8))
    assert reply_time.reply_of(calendar, index, corrected, memo) == engine(calendar, corrected)
    art35 = clock.ClockFacts(received_on=D(2025, 3, 3), art35_due_on=D(2025, 3, 10), concluded_on=D(2025, 3, 12))
    assert reply_time.reply_of(calendar, index, art35, memo) == reply_time.Reply(7, False)


@pytest.mark.django_db
def test_a_year_without_data_fails_closed_like_the_clock():
    calendar = WorkCalendar([2025], {}, {})
    index = reply_time.WorkingDayIndex.around(calendar, 2025)
    assert index.years == [2025]
    # Due in January 2026, a year without data: the clock refuses, and so does the plain path.
    late_in_year = clock.ClockFacts(received_on=D(2025, 12, 15), concluded_on=D(2025, 12, 31))
    with pytest.raises(CalendarYearMissing) as raised:
        reply_time.reply_of(calendar, index, late_in_year, {})
    assert raised.value.year == 2026
    with pytest.raises(ValueError):
        reply_time.reply_of(calendar, index, clock.ClockFacts(received_on=D(2025, 3, 3), extension_days=25,
                                                              concluded_on=D(2025, 4, 30)), {})


def test_the_index_stops_at_a_gap_and_starts_at_the_first_covered_year():
    calendar = WorkCalendar([2023, 2025, 2026], {}, {})
    assert reply_time.WorkingDayIndex.around(calendar, 2025).years == [2025, 2026]
    assert reply_time.WorkingDayIndex.around(calendar, 2024).years == [2023]  # the rest goes through the clock
    assert reply_time.WorkingDayIndex.around(WorkCalendar([], {}, {}), 2025).years == []
