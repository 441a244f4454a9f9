"""When to warn that a year's holiday schedule is missing. Pure Python, no Django import.

RULES.md §1: the State Council publishes next year's schedule, usually in November; from
1 November administrators are warned while next year is missing. A missing current year is
always warned about: no deadline running into it can be computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

WARN_FROM_MONTH = 11  # 1 November (RULES.md §1)


def missing_calendar_year(today: dt.date, covered_years: Iterable[int]) -> int | None:
    """The year whose schedule should be imported now, or None when nothing is missing."""
    covered = set(covered_years)
    if today.year not in covered:
        return today.year
    if today.month >= WARN_FROM_MONTH and today.year + 1 not in covered:
        return today.year + 1
    return None


def missing_next_year_warning(today: dt.date, covered_years: Iterable[int]) -> str | None:
    """The warning to show administrators on `today`, or None when nothing is missing."""
    year = missing_calendar_year(today, covered_years)
    if year is None:
        return None
    if year == today.year:
        return f"{year} 年节假日安排尚未录入，今年的期限现在都无法计算。请尽快导入国务院办公厅公布的安排。"
    return (
        f"{year} 年节假日安排尚未录入，跨入 {year} 年的期限将无法计算。"
        f"国务院办公厅通常在 11 月公布下一年的安排，请尽快导入国务院办公厅公布的安排。"
    )
