"""Test support: cover the years around today with the plain weekday rule.

The official schedule of next year is often not yet published (RULES.md §1), so a test that
works with "today" would fail closed from December on. Tests that need it call this to add
the missing years, marked plainly as test data (Monday–Friday only, no holidays). Never used
by the product itself.
"""


from django.utils import timezone

from gongkai.workcalendar.models import CalendarYear
from gongkai.workcalendar.services import _bump_revision


def cover_years_around_today(ahead=1):
    """Add weekday-rule years from this year to `ahead` years on, where missing. Returns the years added."""
    this_year = timezone.localdate().year
    added = []
    for year in range(this_year, this_year + ahead + 1):
        if not CalendarYear.objects.filter(year=year).exists():
            CalendarYear.objects.create(year=year, source=CalendarYear.SOURCE_IMPORT, version="测试数据：仅按星期计算",
                                        imported_at=timezone.now())
            added.append(year)
    if added:
        _bump_revision()
    return added
