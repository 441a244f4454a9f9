"""From 1 November, warn while next year's schedule is missing (RULES.md §1)."""

import datetime as dt

import pytest

from gongkai.workcalendar.alerts import missing_calendar_year, missing_next_year_warning

D = dt.date.fromisoformat
UP_TO_2026 = range(2004, 2027)


@pytest.mark.parametrize(
    ("today", "covered", "year"),
    [
        ("2026-10-31", UP_TO_2026, None),  # the day before: no warning yet
        ("2026-11-01", UP_TO_2026, 2027),  # from 1 November
        ("2026-12-31", UP_TO_2026, 2027),
        ("2026-11-01", range(2004, 2028), None),  # next year present
        ("2026-03-15", UP_TO_2026, None),
        ("2027-01-04", UP_TO_2026, 2027),  # this year missing: always warned
        ("2027-06-01", range(2004, 2028), None),
        ("2027-11-01", range(2004, 2028), 2028),
    ],
)
def test_missing_year(today, covered, year):
    assert missing_calendar_year(D(today), covered) == year
    message = missing_next_year_warning(D(today), covered)
    if year is None:
        assert message is None
    else:
        assert message.startswith(f"{year} 年节假日安排尚未录入，")
        assert message.endswith("请尽快导入国务院办公厅公布的安排。")


def test_this_year_missing_says_deadlines_cannot_be_computed():
    message = missing_next_year_warning(D("2027-01-04"), UP_TO_2026)
    assert "今年的期限现在都无法计算" in message
