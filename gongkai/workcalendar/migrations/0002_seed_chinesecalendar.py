"""Seed the calendar for 2004–2026 from the chinesecalendar package (RULES.md §1).

Stores every rest day the package lists (named; weekend days inside a holiday included) and every
make-up working day, marks each year as covered with source "seed" and the package version, and
sets the calendar revision to 1. Later years are imported by an administrator.
"""

import uuid

from django.db import migrations
from django.utils import timezone

FIRST_YEAR, LAST_YEAR = 2004, 2026

# chinese_calendar's English holiday names → the names used in the State Council notices.
HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _chinese_name(english):
    import chinese_calendar

    if english in HOLIDAY_NAMES:
        return HOLIDAY_NAMES[english]
    for holiday in chinese_calendar.Holiday:
        if holiday.value == english:
            return holiday.chinese
    return english


def seed(apps, schema_editor):
    import chinese_calendar

    CalendarYear = apps.get_model("workcalendar", "CalendarYear")
    CalendarDay = apps.get_model("workcalendar", "CalendarDay")
    CalendarRevision = apps.get_model("workcalendar", "CalendarRevision")

    version = f"chinesecalendar {chinese_calendar.__version__}"
    now = timezone.now()
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    existing = set(CalendarYear.objects.filter(year__in=years).values_list("year", flat=True))
    new_years = [y for y in years if y not in existing]
    CalendarYear.objects.bulk_create(
        [
            CalendarYear(year=y, source="seed", version=version, note="由 chinesecalendar 数据包初始化", imported_at=now)
            for y in new_years
        ]
    )
    days = []
    for kind, table in (("holiday", chinese_calendar.holidays), ("workday", chinese_calendar.workdays)):
        for day, english in table.items():
            if day.year in new_years:
                days.append(CalendarDay(date=day, kind=kind, name=_chinese_name(english)))
    CalendarDay.objects.bulk_create(days, batch_size=500)
    revision, _ = CalendarRevision.objects.get_or_create(pk=1)
    revision.number += 1
    revision.token = uuid.uuid4()
    revision.changed_at = now
    revision.save()


def unseed(apps, schema_editor):
    CalendarYear = apps.get_model("workcalendar", "CalendarYear")
    CalendarDay = apps.get_model("workcalendar", "CalendarDay")
    seeded = list(CalendarYear.objects.filter(source="seed").values_list("year", flat=True))
    CalendarDay.objects.filter(date__year__in=seeded).delete()
    CalendarYear.objects.filter(year__in=seeded).delete()


class Migration(migrations.Migration):
    dependencies = [("workcalendar", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
