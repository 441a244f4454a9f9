"""Reading and changing the working-day calendar (RULES.md §1).

load_calendar()   -- the WorkCalendar built from the database, cached per process by revision
current_version() -- the calendar version (int) to record next to a computed deadline
do_import_year()  -- import one year's official schedule from text (replaces that year)
do_set_day()      -- set or reset one day

Every change runs in one transaction: it writes the days, appends an audit entry (before/after),
bumps the calendar revision and sends signals.calendar_changed so that running deadlines can be
recomputed ("Editing the calendar recomputes every running deadline and logs the change").
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid

from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record, snapshot
from gongkai.workcalendar.clock import WorkCalendar, format_day
from gongkai.workcalendar.models import CalendarDay, CalendarRevision, CalendarYear
from gongkai.workcalendar.schedule_parser import MAX_YEAR, MIN_YEAR, parse_schedule
from gongkai.workcalendar.signals import calendar_changed

RESET = "reset"
SET_DAY_CHOICES = [
    (CalendarDay.HOLIDAY, "休息日（放假）"),
    (CalendarDay.WORKDAY, "调休上班"),
    (RESET, "恢复为按星期计算（周一至周五上班，周末休息）"),
]

_cache_lock = threading.Lock()
_cache: tuple[object, WorkCalendar] | None = None  # (revision key, calendar)


class ScheduleImportError(ValueError):
    """The pasted schedule has errors; nothing was imported. `errors` lists them by line."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("；".join(self.errors))


# --- reading -------------------------------------------------------------------


def _revision_key():
    row = CalendarRevision.objects.filter(pk=1).values_list("number", "token").first()
    return row if row is not None else (0, None)


def current_version() -> int:
    """The calendar version: a number that grows with every change. Record it with each deadline."""
    return _revision_key()[0]


def load_calendar() -> WorkCalendar:
    """The calendar of every covered year, as a pure WorkCalendar (its `version` is current_version()).

    Cached per process: a call costs one small query until the calendar changes.
    """
    global _cache
    key = _revision_key()
    cached = _cache
    if cached is not None and cached[0] == key:
        return cached[1]
    years = list(CalendarYear.objects.values_list("year", flat=True))
    holidays, workdays = {}, {}
    for day, kind, name in CalendarDay.objects.filter(date__year__in=years).values_list("date", "kind", "name"):
        (workdays if kind == CalendarDay.WORKDAY else holidays)[day] = name
    calendar = WorkCalendar(years, holidays, workdays, version=key[0])
    with _cache_lock:
        _cache = (key, calendar)
    return calendar


def clear_cache():
    global _cache
    with _cache_lock:
        _cache = None


def covered_years() -> list[int]:
    return sorted(CalendarYear.objects.values_list("year", flat=True))


# --- changing --------------------------------------------------------------------


def _bump_revision() -> CalendarRevision:
    revision, _ = CalendarRevision.objects.select_for_update().get_or_create(pk=1)
    revision.number += 1
    revision.token = uuid.uuid4()
    revision.changed_at = timezone.now()
    revision.save()
    clear_cache()
    return revision


def _days_of_year(year) -> dict[str, dict[str, dict[str, str]]]:
    holidays, workdays = {}, {}
    for day, kind, name in CalendarDay.objects.filter(date__year=year).order_by("date").values_list(
        "date", "kind", "name"
    ):
        (workdays if kind == CalendarDay.WORKDAY else holidays)[day.isoformat()] = name
    return {"holidays": holidays, "workdays": workdays}


def _year_state(calendar_year, year):
    if calendar_year is None:
        return None
    state = snapshot(calendar_year, fields=["year", "source", "version", "note", "imported_at", "imported_by"])
    state.update(_days_of_year(year))
    return state


def _changed_dates(before, after) -> list[dt.date]:
    def entries(state):
        if not state:
            return {}
        return {
            **{d: ("holiday", n) for d, n in state["holidays"].items()},
            **{d: ("workday", n) for d, n in state["workdays"].items()},
        }

    old, new = entries(before), entries(after)
    if before is None:  # a newly covered year: every listed day matters
        return sorted(dt.date.fromisoformat(d) for d in new)
    return sorted(dt.date.fromisoformat(d) for d in set(old) | set(new) if old.get(d) != new.get(d))


def check_year(year) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"年份“{year}”不正确，应为 {MIN_YEAR}–{MAX_YEAR} 之间的四位数。")
    return year


def do_import_year(user, year: int, text: str, *, note: str = "", csv_columns: bool = False) -> CalendarYear:
    """Import a year's official schedule from text (grammar: schedule_parser). Replaces that year's days.

    Raises ScheduleImportError (with line-numbered Chinese messages) and changes nothing when
    any line is wrong.
    """
    check_year(year)
    parsed = parse_schedule(text, year, csv_columns=csv_columns)
    if not parsed.ok:
        raise ScheduleImportError(parsed.errors)

    with transaction.atomic():
        calendar_year = CalendarYear.objects.select_for_update().filter(year=year).first()
        before = _year_state(calendar_year, year)
        CalendarDay.objects.filter(date__year=year).delete()
        new_days = [
            CalendarDay(date=day, kind=kind, name=name, updated_by=user)
            for kind, days in ((CalendarDay.HOLIDAY, parsed.holidays), (CalendarDay.WORKDAY, parsed.workdays))
            for day, name in days.items()
        ]
        CalendarDay.objects.bulk_create(new_days)
        now = timezone.now()
        if calendar_year is None:
            calendar_year = CalendarYear(year=year)
        calendar_year.source = CalendarYear.SOURCE_IMPORT
        calendar_year.version = f"管理员导入 {timezone.localtime(now):%Y-%m-%d %H:%M}"
        calendar_year.note = note.strip()
        calendar_year.source_text = text
        calendar_year.imported_at = now
        calendar_year.imported_by = user
        calendar_year.save()
        after = _year_state(calendar_year, year)
        revision = _bump_revision()
        weekday_holidays = sum(1 for d in parsed.holidays if d.weekday() < 5)
        record(
            "workcalendar.import_year",
            actor=user,
            obj=calendar_year,
            before=before,
            after=after,
            summary=(
                f"{'重新导入' if before else '导入'} {year} 年节假日安排：放假 {len(parsed.holidays)} 天"
                f"（其中工作日 {weekday_holidays} 天），调休上班 {len(parsed.workdays)} 天；日历版本 {revision.number}"
            ),
        )
        calendar_changed.send(
            sender=CalendarRevision,
            revision=revision.number,
            years=[year],
            dates=_changed_dates(before, after),
            user=user,
            action="import_year",
        )
    return calendar_year


def _day_state(day: dt.date, entry: CalendarDay | None) -> dict:
    if entry is None:
        return {"date": day.isoformat(), "kind": "", "name": "", "note": "", "working_day": day.weekday() < 5}
    return {
        "date": day.isoformat(),
        "kind": entry.kind,
        "name": entry.name,
        "note": entry.note,
        "working_day": entry.kind == CalendarDay.WORKDAY,
    }


def _describe(state) -> str:
    if not state["kind"]:
        return "按星期计算的" + ("工作日" if state["working_day"] else "周末")
    label = "休息日" if state["kind"] == CalendarDay.HOLIDAY else "调休上班日"
    return f"{label}（{state['name']}）" if state["name"] else label


def do_set_day(user, day: dt.date, kind: str, name: str = "", reason: str = "") -> CalendarDay | None:
    """Set one day to a rest day (holiday), a make-up working day (workday), or reset it to the weekday rule.

    The day's year must already be covered. Returns the stored CalendarDay, or None after a reset.
    Raises ValueError with a Chinese message for an invalid or empty change.
    """
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise ValueError("请填写正确的日期，例如 2026-10-08。")
    if kind not in dict(SET_DAY_CHOICES):
        raise ValueError("请选择这一天的安排：休息日、调休上班，或恢复为按星期计算。")
    name = (name or "").strip()
    reason = (reason or "").strip()
    if len(name) > 50:
        raise ValueError("节日名称最多 50 个字。")
    if not reason:
        raise ValueError("请填写修改原因，例如依据的通知文号。")
    if len(reason) > 300:
        raise ValueError("修改原因最多 300 个字。")
    if kind == CalendarDay.WORKDAY and day.weekday() < 5:
        raise ValueError(
            f"{format_day(day)}本来就是工作日，调休上班只能设在星期六或星期日。"
            "如要取消这一天的放假，请选择“恢复为按星期计算”。"
        )

    with transaction.atomic():
        if not CalendarYear.objects.filter(year=day.year).exists():
            raise ValueError(f"{day.year} 年节假日安排尚未录入，请先导入全年安排，再调整单日。")
        entry = CalendarDay.objects.select_for_update().filter(date=day).first()
        before = _day_state(day, entry)
        if kind == RESET:
            if entry is None:
                raise ValueError(f"{format_day(day)}没有特别安排，已经是按星期计算。")
            entry.delete()
            entry = None
        else:
            if entry is not None and entry.kind == kind and entry.name == name:
                raise ValueError(f"{format_day(day)}已经是这样安排的，没有需要保存的修改。")
            if entry is None:
                entry = CalendarDay(date=day)
            entry.kind = kind
            entry.name = name
            entry.note = reason
            entry.updated_by = user
            entry.save()
        after = _day_state(day, entry)
        revision = _bump_revision()
        record(
            "workcalendar.set_day",
            actor=user,
            object_type="workcalendar.calendarday",
            object_id=day.isoformat(),
            object_repr=format_day(day),
            before=before,
            after=after,
            summary=(
                f"将 {format_day(day)}由{_describe(before)}改为{_describe(after)}。原因：{reason}；"
                f"日历版本 {revision.number}"
            )[:500],
        )
        calendar_changed.send(
            sender=CalendarRevision,
            revision=revision.number,
            years=[day.year],
            dates=[day],
            user=user,
            action="set_day",
        )
    return entry
