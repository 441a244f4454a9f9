"""The year's figures that the platform suggests for sections 一 and 六 (RULES.md §4).

- records published in the year, by Art. 20 category;
- applications received (table 三 一) and concluded (table 三 （七）);
- average working days from the (re)start of the clock to the reply, over the cases concluded in
  the year, by the statutory clock (RULES.md §3.2: pauses not counted);
- cases replied after their due date, and cases still open and past due on 31 December;
- processing fees (信息处理费) paid in the year (section 六 must state them).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone

from gongkai.annualreport.compute import counted_applications, year_bounds
from gongkai.applications.models import FeeNotice
from gongkai.disclosure.categories import ART20
from gongkai.disclosure.models import InformationRecord
from gongkai.statistics.figures import reply_clocks
from gongkai.workcalendar.services import load_calendar


def records_by_category(year):
    """[(Art. 20 item number, name, records first published in the year)], every item with at least one."""
    first, last = year_bounds(year)
    start = dt.datetime.combine(first, dt.time.min)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min)
    start, end = timezone.make_aware(start), timezone.make_aware(end)
    rows = (InformationRecord.objects.filter(revision_of__isnull=True, published_at__gte=start, published_at__lt=end,
                                             attribute="proactive")
            .values("category__number", "category__parent__number").annotate(n=Count("pk")).order_by())
    counts = {}
    for row in rows:
        number = row["category__number"] or row["category__parent__number"]
        counts[number] = counts.get(number, 0) + row["n"]
    return [(number, name, counts[number]) for number, name in ART20 if counts.get(number)]


def reply_times(year, calendar=None):
    """(average working days, cases concluded late, cases open and past due on 31 December).

    The reply clocks are the dashboards' (statistics.figures.reply_clocks): plain cases by two
    look-ups in a table of working days, the others through the clock itself. Cases closed while
    awaiting a correction ran no reply clock and do not count; cases whose calendar year is missing
    are left out (the checks and the workbench name them).
    """
    _, last = year_bounds(year)
    calendar = calendar or load_calendar()
    clocks = reply_clocks(counted_applications(), year, calendar)
    open_late = (counted_applications().filter(received_on__lte=last, due_on__lt=last)
                 .exclude(concluded_on__lte=last).count())
    average = round(sum(clocks.used) / len(clocks.used), 1) if clocks.used else None
    return average, clocks.late, open_late


def fees(year):
    first, last = year_bounds(year)
    paid = FeeNotice.objects.filter(paid_on__range=(first, last)).aggregate(total=Sum("amount"), n=Count("pk"))
    return (paid["total"] or Decimal("0")), paid["n"]


def figures(year, table3):
    """Everything the drafts of sections 一 and 六 need, in one dict (table3 already computed)."""
    average, late, open_late = reply_times(year)
    fee_total, fee_count = fees(year)
    return {
        "year": year,
        "records": records_by_category(year),
        "received": table3["new"]["total"],
        "carried_in": table3["carried_in"]["total"],
        "concluded": table3["total"]["total"],
        "carried_over": table3["carried_over"]["total"],
        "average_days": average,
        "late": late,
        "open_late": open_late,
        "fee_total": fee_total,
        "fee_count": fee_count,
    }
