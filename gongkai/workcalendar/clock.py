"""Working-day arithmetic: the national holiday schedule and the statutory clock.

Pure Python, no Django import: the calendar is built from data (see services.load_calendar)
and every rule here is tested without a database.

Rules implemented (RULES.md §1, §3.2):
- A working day is Monday–Friday unless the schedule marks it as a rest day (放假), plus
  the weekend days the schedule declares as make-up working days (调休上班).
- The schedule cannot be computed by rule: a day in a year with no data raises
  CalendarYearMissing — fail closed, never guess.
- "N WD after D" is the N-th working day strictly after D; the start day is never counted,
  and when D is a rest day the first working day after it is day 1 (Civil Code Arts. 201, 203).
- Days are counted one at a time (chinese_calendar.find_workday is one day late for a start
  on a rest day and is never used).
- A pause S..E (inclusive) removes every working day in it from the count (§3.2 "our convention").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# Kinds of day, as classified by WorkCalendar.day_info().
WEEKDAY = "weekday"  # an ordinary Monday–Friday working day
WEEKEND = "weekend"  # an ordinary Saturday or Sunday
HOLIDAY = "holiday"  # a rest day set by the schedule (放假), named or not
MAKEUP = "makeup"  # a weekend day declared a working day (调休上班)


def weekday_name(day: dt.date) -> str:
    return WEEKDAY_NAMES[day.weekday()]


def format_day(day: dt.date) -> str:
    """'2024-09-26（星期四）'."""
    return f"{day.isoformat()}（{weekday_name(day)}）"


class CalendarYearMissing(LookupError):
    """A computation needs a year whose official schedule has not been loaded (RULES.md §1: fail closed)."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(f"{year} 年节假日安排尚未录入")


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    working: bool
    kind: str  # WEEKDAY, WEEKEND, HOLIDAY or MAKEUP
    name: str = ""  # holiday name, e.g. 春节 (also on make-up days: the holiday they belong to)

    @property
    def label(self) -> str:
        """A short Chinese description: '工作日', '周末', '春节假期', '国庆节调休上班'."""
        if self.kind == WEEKDAY:
            return "工作日"
        if self.kind == WEEKEND:
            return "周末"
        if self.kind == HOLIDAY:
            return f"{self.name}假期" if self.name else "节假日休息"
        return f"{self.name}调休上班" if self.name else "调休上班"


@dataclass(frozen=True)
class DeadlineResult:
    """The outcome of add_working_days: the due date and a day-by-day explanation."""

    start: dt.date
    days: int
    extension: int
    pauses: tuple[tuple[dt.date, dt.date], ...]
    due: dt.date
    counted: tuple[dt.date, ...]  # the working days counted, in order; counted[-1] == due when total > 0
    steps: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.days + self.extension


def _check_count(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what}必须是整数，收到的是“{value}”。")
    if value < 0:
        raise ValueError(f"{what}不能是负数，收到的是 {value}。")
    return value


def normalise_pauses(pauses) -> tuple[tuple[dt.date, dt.date], ...]:
    """Check and sort pauses given as (from, to) pairs of dates, both ends inclusive."""
    result = []
    for pair in pauses or ():
        try:
            start, end = pair
        except (TypeError, ValueError):
            raise ValueError(f"暂停期间应为（开始日期，结束日期）两个日期，收到的是“{pair}”。") from None
        if not isinstance(start, dt.date) or not isinstance(end, dt.date):
            raise ValueError(f"暂停期间的开始和结束都必须是日期，收到的是“{pair}”。")
        if end < start:
            raise ValueError(f"暂停期间的结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}，请检查。")
        result.append((start, end))
    return tuple(sorted(result))


class WorkCalendar:
    """The national working-day calendar for a set of covered years.

    `years` lists the covered years; `holidays` maps rest days set by the schedule to their
    name ('' when unnamed) and may include named weekend days; `workdays` maps make-up
    working days (weekend days) to the name of the holiday they belong to. Both may also
    be plain iterables of dates. `version` is an opaque label of the data (the calendar
    revision in the database), carried along so callers can record it.
    """

    def __init__(self, years: Iterable[int], holidays=(), workdays=(), version=None):
        self.covered_years = frozenset(int(y) for y in years)
        self.holidays = self._as_mapping(holidays)
        self.workdays = self._as_mapping(workdays)
        self.version = version
        for kind, days in (("放假", self.holidays), ("调休上班", self.workdays)):
            for day in days:
                if day.year not in self.covered_years:
                    raise ValueError(f"{day.isoformat()} 标为{kind}，但 {day.year} 年不在已录入的年份中。")
        both = sorted(set(self.holidays) & set(self.workdays))
        if both:
            raise ValueError(f"{both[0].isoformat()} 不能同时是放假日和调休上班日。")

    @staticmethod
    def _as_mapping(days) -> dict[dt.date, str]:
        if isinstance(days, Mapping):
            return {d: (name or "") for d, name in days.items()}
        return dict.fromkeys(days, "")

    def __repr__(self):
        years = sorted(self.covered_years)
        span = f"{years[0]}–{years[-1]}" if years else "none"
        return f"<WorkCalendar years={span} version={self.version!r}>"

    # --- single days -------------------------------------------------------

    def covers(self, year: int) -> bool:
        return year in self.covered_years

    def day_info(self, day: dt.date) -> DayInfo:
        """Classify one day; raises CalendarYearMissing when its year has no data (RULES.md §1: fail closed)."""
        if day.year not in self.covered_years:
            raise CalendarYearMissing(day.year)
        if day in self.workdays:
            return DayInfo(day, True, MAKEUP, self.workdays[day])
        if day in self.holidays:
            return DayInfo(day, False, HOLIDAY, self.holidays[day])
        if day.weekday() >= 5:
            return DayInfo(day, False, WEEKEND)
        return DayInfo(day, True, WEEKDAY)

    def is_working_day(self, day: dt.date) -> bool:
        return self.day_info(day).working

    # --- counting ------------------------------------------------------------

    def add_working_days(self, start: dt.date, n: int, pauses=(), extension: int = 0) -> DeadlineResult:
        """The (n + extension)-th working day strictly after `start`, skipping paused working days.

        RULES.md §1: the start day is not counted; §3.2: a pause S..E (inclusive) removes every
        working day in it from the count. Counts one day at a time.
        """
        n = _check_count(n, "工作日数")
        extension = _check_count(extension, "延长的工作日数")
        pauses = normalise_pauses(pauses)
        total = n + extension

        steps = [f"起算日：{format_day(start)}，当日不计入期限。"]
        if extension:
            steps.append(f"期限：{n} 个工作日，延长 {extension} 个工作日，共 {total} 个工作日。")
        else:
            steps.append(f"期限：{n} 个工作日。")
        for p_start, p_end in pauses:
            span = p_start.isoformat() if p_start == p_end else f"{p_start.isoformat()} 至 {p_end.isoformat()}"
            steps.append(f"暂停计算：{span}，期间的工作日不计入期限。")

        counted: list[dt.date] = []
        skipped: list[tuple[dt.date, str]] = []  # a run of consecutive days not counted, same reason

        def flush_skipped():
            if not skipped:
                return
            first, reason = skipped[0]
            last = skipped[-1][0]
            if first == last:
                steps.append(f"{format_day(first)}：{reason}，不计。")
            else:
                steps.append(f"{format_day(first)}至 {format_day(last)}：{reason}，不计。")
            skipped.clear()

        day = start
        while len(counted) < total:
            day += dt.timedelta(days=1)
            info = self.day_info(day)
            if not info.working:
                reason = "周末休息" if info.kind == WEEKEND else info.label
            elif any(p_start <= day <= p_end for p_start, p_end in pauses):
                reason = "暂停计算期间的工作日"
            else:
                flush_skipped()
                counted.append(day)
                extra = f"，{info.label}" if info.kind == MAKEUP else ""
                steps.append(f"第 {len(counted)} 个工作日：{day.isoformat()}（{weekday_name(day)}{extra}）")
                continue
            if skipped and skipped[-1][1] != reason:
                flush_skipped()
            skipped.append((day, reason))
        flush_skipped()

        due = counted[-1] if counted else start
        if total == 0:
            steps.append(f"期限为 0 个工作日，届满日即起算日：{format_day(due)}。")
        else:
            steps.append(f"期限届满日：{format_day(due)}。")
        return DeadlineResult(
            start=start, days=n, extension=extension, pauses=pauses, due=due, counted=tuple(counted), steps=steps
        )

    def working_days_between(self, a: dt.date, b: dt.date) -> int:
        """Working days strictly after `a` up to and including `b`.

        When b is before a the result is negative: minus the working days strictly after b up to
        and including a (so "days left until due" turns negative once the due date has passed).
        """
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        day = a
        while day < b:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def special_days(self, year: int) -> list[DayInfo]:
        """The days of `year` that the schedule sets (rest days and make-up days), in date order."""
        if year not in self.covered_years:
            raise CalendarYearMissing(year)
        days = [d for d in (*self.holidays, *self.workdays) if d.year == year]
        return [self.day_info(d) for d in sorted(days)]
