"""Back-office views of the working-day calendar (registered in wagtail_hooks under /admin/workcalendar/).

URLs (names) and who may use them:
    /admin/workcalendar/           workcalendar_index     covered years, counts, warning (can_view_calendar)
    /admin/workcalendar/<year>/    workcalendar_year      month grid, list of special days (can_view_calendar)
    /admin/workcalendar/import/    workcalendar_import    import a year's schedule, text/.txt/.csv (can_edit_calendar)
    /admin/workcalendar/day/       workcalendar_day_edit  set or reset one day, ?date=YYYY-MM-DD (can_edit_calendar)

Anonymous users are sent to the Wagtail login by the admin URL wrapping; every view checks the
calendar permission on the server with require(), and a refusal is answered with the 403 page
(Wagtail would otherwise turn it into a redirect to the dashboard).
"""

import calendar as pycalendar
import datetime as dt

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from gongkai.organisation.permissions import can_edit_calendar, can_view_calendar, forbidden_as_403, require
from gongkai.workcalendar.alerts import missing_calendar_year, missing_next_year_warning
from gongkai.workcalendar.clock import WEEKDAY_NAMES, format_day
from gongkai.workcalendar.forms import ImportYearForm, SetDayForm
from gongkai.workcalendar.models import CalendarDay, CalendarYear
from gongkai.workcalendar.schedule_parser import MAX_YEAR, MIN_YEAR
from gongkai.workcalendar.services import (
    ScheduleImportError,
    current_version,
    do_import_year,
    do_set_day,
    load_calendar,
)

WEEKDAY_SHORT = ["一", "二", "三", "四", "五", "六", "日"]


def _year_rows():
    counts = {}
    for row in CalendarDay.objects.values("date__year").annotate(
        holidays=Count("id", filter=Q(kind=CalendarDay.HOLIDAY)),
        weekday_holidays=Count("id", filter=Q(kind=CalendarDay.HOLIDAY, date__iso_week_day__lte=5)),
        workdays=Count("id", filter=Q(kind=CalendarDay.WORKDAY)),
    ):
        counts[row["date__year"]] = row
    rows = []
    for year in CalendarYear.objects.select_related("imported_by").order_by("-year"):
        c = counts.get(year.year, {})
        rows.append(
            {
                "year": year,
                "holidays": c.get("holidays", 0),
                "weekday_holidays": c.get("weekday_holidays", 0),
                "workdays": c.get("workdays", 0),
            }
        )
    return rows


@forbidden_as_403
def index(request):
    require(can_view_calendar(request.user))
    rows = _year_rows()
    covered = [r["year"].year for r in rows]
    today = timezone.localdate()
    return render(
        request,
        "workcalendar/index.html",
        {
            "rows": rows,
            "warning": missing_next_year_warning(today, covered),
            "warning_year": missing_calendar_year(today, covered),
            "can_edit": can_edit_calendar(request.user),
            "version": current_version(),
            "today": today,
        },
    )


def _month_grid(cal, year, month):
    """Weeks (Monday first) of one month; each cell None (padding) or a DayInfo."""
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([cal.day_info(d) if d.month == month else None for d in week])
    return weeks


@forbidden_as_403
def year_detail(request, year):
    require(can_view_calendar(request.user))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404("没有这一年。")
    calendar_year = CalendarYear.objects.select_related("imported_by").filter(year=year).first()
    covered = list(CalendarYear.objects.order_by("year").values_list("year", flat=True))
    context = {
        "year": year,
        "calendar_year": calendar_year,
        "covered": covered,
        "can_edit": can_edit_calendar(request.user),
        "weekday_short": WEEKDAY_SHORT,
        "today": timezone.localdate(),
    }
    if calendar_year is not None:
        cal = load_calendar()
        context["months"] = [
            {"month": m, "weeks": _month_grid(cal, year, m)} for m in range(1, 13)
        ]
        context["days"] = [
            {"entry": entry, "weekday": WEEKDAY_NAMES[entry.date.weekday()]}
            for entry in CalendarDay.objects.filter(date__year=year).select_related("updated_by").order_by("date")
        ]
        context["working_days"] = cal.working_days_between(dt.date(year - 1, 12, 31), dt.date(year, 12, 31))
    return render(request, "workcalendar/year.html", context)


@forbidden_as_403
def import_year(request):
    require(can_edit_calendar(request.user))
    errors = []
    if request.method == "POST":
        form = ImportYearForm(request.POST, request.FILES)
        if form.is_valid():
            year = form.cleaned_data["year"]
            try:
                do_import_year(
                    request.user,
                    year,
                    form.cleaned_data["schedule_text"],
                    note=form.cleaned_data.get("note") or "",
                    csv_columns=form.cleaned_data["csv_columns"],
                )
            except ScheduleImportError as exc:
                errors = exc.errors
            else:
                messages.success(request, f"{year} 年节假日安排已导入。日历已更新，相关期限将按新安排重新计算。")
                return redirect("workcalendar_year", year=year)
        if errors or form.errors:
            messages.error(request, "安排没有导入，请按提示修改后重新提交。")
    else:
        initial = {}
        requested = request.GET.get("year", "")
        if requested.isdigit():
            initial["year"] = int(requested)
        else:
            initial["year"] = timezone.localdate().year + 1
        form = ImportYearForm(initial=initial)
    return render(request, "workcalendar/import.html", {"form": form, "parse_errors": errors})


@forbidden_as_403
def set_day(request):
    require(can_edit_calendar(request.user))
    if request.method == "POST":
        form = SetDayForm(request.POST)
        if form.is_valid():
            day = form.cleaned_data["date"]
            try:
                do_set_day(
                    request.user,
                    day,
                    form.cleaned_data["kind"],
                    name=form.cleaned_data.get("name") or "",
                    reason=form.cleaned_data["reason"],
                )
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{format_day(day)}的安排已保存。相关期限将按新安排重新计算。")
                return redirect(reverse("workcalendar_year", kwargs={"year": day.year}) + f"#month-{day.month}")
        messages.error(request, "没有保存，请按提示修改。")
        day = None
    else:
        day = None
        try:
            day = dt.date.fromisoformat(request.GET.get("date", ""))
        except ValueError:
            day = None
        if day is not None:
            entry = CalendarDay.objects.filter(date=day).first()
            form = SetDayForm(initial=SetDayForm.initial_for(day, entry))
        else:
            form = SetDayForm()
    current = None
    if day is not None:
        try:
            current = load_calendar().day_info(day)
        except LookupError:
            current = None
    return render(request, "workcalendar/day.html", {"form": form, "day": day, "current": current})
