"""Timeliness of proactive disclosure. Pure: the calendar is passed in.

条例 Art. 26 (RULES.md §2): information within the proactive scope is published within
20 working days of the day it is formed or changed.
"""

from dataclasses import dataclass

PUBLICATION_LIMIT_WD = 20
AT_RISK_WD = 5

ON_TIME = "on_time"
LATE = "late"
OVERDUE = "overdue"  # not yet published and past due
AT_RISK = "at_risk"  # not yet published, due within AT_RISK_WD working days
PENDING = "pending"  # not yet published, more time left

LABELS = {ON_TIME: "按时公开", LATE: "逾期公开", OVERDUE: "已逾期未公开", AT_RISK: "即将到期", PENDING: "未到期"}


@dataclass(frozen=True)
class Timeliness:
    due: object  # date
    state: str
    working_days_left: int | None  # for unpublished records: working days from today to due

    @property
    def label(self):
        return LABELS[self.state]


def assess(calendar, *, formed_on, changed_on=None, published_on=None, today):
    """Due date and state for one record; raises CalendarYearMissing when a year is not loaded."""
    start = max(d for d in (formed_on, changed_on) if d is not None)
    due = calendar.add_working_days(start, PUBLICATION_LIMIT_WD).due
    if published_on is not None:
        return Timeliness(due, ON_TIME if published_on <= due else LATE, None)
    left = calendar.working_days_between(today, due)  # negative once the due date has passed
    if today > due:
        return Timeliness(due, OVERDUE, left)
    return Timeliness(due, AT_RISK if left <= AT_RISK_WD else PENDING, left)
