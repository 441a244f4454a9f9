"""The workbench of disclosure applications: the queue and its rows (proposals.py has the Art. 44 queue).

Read side for the OGI office and the departments (RULES.md §3.2; 条例 Art. 33): which cases are
open, how many working days are left, what is overdue. No HTTP here — workbench_views.py parses
the request and renders.

- The queue lists what permissions.visible_applications lets the user see. Open cases come
  first: overdue ones (due_on before today) on top, then by due date, then cases without a
  due date (not received, awaiting correction, paused). Closed cases follow, latest reply
  first. The order is computed in the query from the stored copy of the due date and today.
- Working days left are computed with the real clock (clockdata.state_of, one calendar per
  request) for every row shown, never read from the cached column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, Value, When

from gongkai.applications import choices, clock, clockdata, outcomes, services
from gongkai.applications import permissions as perms
from gongkai.applications.models import DisclosureApplication
from gongkai.organisation.models import Department
from gongkai.organisation.permissions import visible_department_ids
from gongkai.workcalendar.clock import CalendarYearMissing

PAGE_SIZE = 50
INFO_LENGTH = 40  # characters of the requested information shown in the queue
QUERY_LENGTH = 100

# Which cases: open (default), closed, all.
STATUS_OPEN, STATUS_CLOSED, STATUS_ALL = "open", "closed", "all"
STATUS_CHOICES = [(STATUS_OPEN, "办理中"), (STATUS_CLOSED, "已办结"), (STATUS_ALL, "全部")]

# Due windows (open cases only): overdue, due within 2 or within 5 working days (RULES.md §3.2 warnings).
DUE_OVERDUE, DUE_2, DUE_5 = "overdue", "2", "5"
DUE_CHOICES = [("", "全部"), (DUE_OVERDUE, "已超期"), (DUE_2, "2 个工作日内到期"), (DUE_5, "5 个工作日内到期")]
DUE_WINDOW_DAYS = {DUE_2: 2, DUE_5: 5}

PAGE_HEADERS = ["申请编号", "申请人", "所需信息", "渠道", "阶段", "承办部门", "收到日期", "答复期限", "剩余工作日",
                "本阶段用时/目标"]
EXPORT_HEADERS = [*PAGE_HEADERS, "办理结果", "答复日期", "是否按期"]

# The colour of the days-left badge; the text always says the same thing in words.
OVERDUE, URGENT, SOON, OK = "overdue", "urgent", "soon", "ok"
PAUSED, CORRECTION, NOT_STARTED, UNKNOWN, DONE = "paused", "correction", "not-started", "unknown", "done"
URGENT_DAYS, SOON_DAYS = 2, 5


def open_q():
    """An open case: in a handling stage and not replied to (DisclosureApplication.is_open)."""
    return Q(stage__in=choices.OPEN_STAGES, concluded_on__isnull=True)


@dataclass(frozen=True)
class Filters:
    """Validated queue filters; empty values mean "all"."""

    stage: str = ""
    department: Department | None = None
    due: str = ""
    channel: str = ""
    status: str = STATUS_OPEN
    q: str = ""

    def describe(self):
        """The filters in words, for the audit entry of an export."""
        parts = [dict(STATUS_CHOICES)[self.status]]
        if self.stage:
            parts.append(f"阶段：{choices.STAGE_LABELS[self.stage]}")
        if self.department is not None:
            parts.append(f"承办部门：{self.department.name}")
        if self.due:
            parts.append(f"到期：{dict(DUE_CHOICES)[self.due]}")
        if self.channel:
            parts.append(f"渠道：{choices.CHANNEL_LABELS[self.channel]}")
        if self.q:
            parts.append(f"关键词：{self.q}")
        return "；".join(parts)


def visible_departments(user):
    departments = Department.objects.order_by("sort_order", "pk")
    ids = visible_department_ids(user)
    return departments if ids is None else departments.filter(pk__in=ids)


def queue(user, filters, today, calendar):
    """(queryset of the user's applications matching `filters`, in queue order; problems in Chinese)."""
    problems = []
    applications = perms.visible_applications(user, DisclosureApplication.objects.all())
    if filters.status == STATUS_OPEN:
        applications = applications.filter(open_q())
    elif filters.status == STATUS_CLOSED:
        applications = applications.exclude(open_q())
    if filters.stage:
        applications = applications.filter(stage=filters.stage)
    if filters.department is not None:
        applications = applications.filter(department_id__in=filters.department.descendant_ids())
    if filters.channel:
        applications = applications.filter(channel=filters.channel)
    if filters.q:
        applications = applications.filter(Q(number__icontains=filters.q) | Q(applicant_name__icontains=filters.q)
                                           | Q(info_title__icontains=filters.q))
    if filters.due == DUE_OVERDUE:
        applications = applications.filter(open_q(), due_on__lt=today)
    elif filters.due in DUE_WINDOW_DAYS:
        days = DUE_WINDOW_DAYS[filters.due]
        try:
            last = calendar.add_working_days(today, days).due
        except CalendarYearMissing as exc:
            problems.append(f"无法筛选 {days} 个工作日内到期的申请：{exc}。下面列出的是不按到期时间筛选的结果。")
        else:
            applications = applications.filter(open_q(), due_on__gte=today, due_on__lte=last)
    return in_queue_order(applications, today), problems


def in_queue_order(applications, today):
    """Open first: overdue (due_on < today) on top, then by due date, then no due date; closed: latest reply first."""
    is_open = open_q()
    return applications.annotate(
        open_rank=Case(When(is_open, then=Value(0)), default=Value(1), output_field=IntegerField()),
        due_rank=Case(
            When(is_open & Q(due_on__lt=today), then=Value(0)),
            When(is_open & Q(due_on__isnull=False), then=Value(1)),
            When(is_open, then=Value(2)),
            default=Value(0), output_field=IntegerField()),
        open_due=Case(When(is_open, then=F("due_on")), default=None),
    ).order_by("open_rank", "due_rank", F("open_due").asc(nulls_last=True),
               F("concluded_on").desc(nulls_last=True), F("received_on").asc(nulls_last=True), "-pk")


def with_clock_data(applications):
    """Everything the rows read, fetched in a fixed number of queries whatever the number of rows."""
    return applications.select_related("department", "correction", "fee_notice").prefetch_related("consultations")


# --- rows ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """The days-left cell: a colour class and the same information in words."""

    css: str
    text: str
    detail: str = ""


def _pause_detail(application, today):
    """Why the clock stands still, and a nudge when a consultation's 15 WD (Art. 32) have run out unanswered."""
    lapsed = [c for c in application.consultations.all() if c.answered_on is None and c.due_on < today]
    if lapsed:
        first = min(lapsed, key=lambda c: c.due_on)
        return (f"征求{first.party}意见的期限已于 {first.due_on.isoformat()} 届满，请登记对方意见；"
                "逾期未答复的，写明“逾期未提出意见”，答复期限随即恢复计算")
    return "征求意见或等待缴费期间不计入期限"


def deadline_of(application, state, missing, today):
    """The days-left badge of one application from its clock (`state`, or the missing year's message)."""
    if not application.is_open:
        if application.concluded_on is None:
            return Deadline(DONE, "已办结")
        if state is not None and state.on_time is not None:
            return Deadline(DONE, "按期答复" if state.on_time else "超期答复")
        return Deadline(DONE, "已办结")
    if missing is not None:
        return Deadline(UNKNOWN, "期限无法计算", missing)
    if state.status == clock.NOT_RECEIVED:
        return Deadline(NOT_STARTED, "未开始计时", "尚未确认收到申请之日")
    if state.status == clock.AWAITING_CORRECTION:
        return Deadline(CORRECTION, "待补正", "补正期间暂停计时，收到补正材料后重新计算")
    if state.status == clock.PAUSED:
        return Deadline(PAUSED, "暂停计时", _pause_detail(application, today))
    if state.calendar_missing is not None:
        return Deadline(UNKNOWN, "期限无法计算", f"{state.calendar_missing} 年节假日安排尚未录入")
    left = state.days_left
    if left < 0:
        return Deadline(OVERDUE, f"已超期 {-left} 个工作日")
    if state.due is not None and state.due < today:  # due on the last working day, today is a rest day after it
        return Deadline(OVERDUE, "已超期", f"答复期限 {state.due.isoformat()} 已过")
    if left == 0:
        return Deadline(URGENT, "今天到期")
    if left <= URGENT_DAYS:
        return Deadline(URGENT, f"剩余 {left} 个工作日")
    if left <= SOON_DAYS:
        return Deadline(SOON, f"剩余 {left} 个工作日")
    return Deadline(OK, f"剩余 {left} 个工作日")


@dataclass
class Row:
    """One line of the queue, as the page and the Excel export show it."""

    application: DisclosureApplication
    due: dt.date | None
    deadline: Deadline
    stage_time: str
    stage_over: bool
    on_time: str

    @property
    def info(self):
        text = self.application.info_summary or ""
        return text if len(text) <= INFO_LENGTH else text[:INFO_LENGTH - 1] + "…"

    @property
    def info_full(self):
        return self.application.info_summary or ""

    @property
    def department(self):
        return self.application.department.name if self.application.department_id else ""

    def page_values(self):
        """The ten queue columns (PAGE_HEADERS); dates as dates, empty values as None."""
        app = self.application
        return [app.number, app.applicant_name, self.info, app.get_channel_display(), app.get_stage_display(),
                self.department or None, app.received_on, self.due, self.deadline.text, self.stage_time or None]

    def export_values(self):
        """The Excel columns (EXPORT_HEADERS)."""
        app = self.application
        outcome = outcomes.short(app.outcome) if app.outcome in outcomes.BY_CODE else None
        return [*self.page_values(), outcome, app.concluded_on, self.on_time or None]


def row_of(application, today, calendar):
    """The queue row of one application, its clock computed now with `calendar`."""
    state, missing = None, None
    try:
        state = clockdata.state_of(application, today=today, calendar=calendar)
    except CalendarYearMissing as exc:
        missing = str(exc)
    due = state.due if state is not None else application.due_on
    stage_time, stage_over = "", False
    if application.is_open:
        try:
            spent, target = services.working_days_on_stage(application, today=today, calendar=calendar)
        except CalendarYearMissing:
            stage_time = "无法计算"
        else:
            stage_over = target is not None and spent > target
            stage_time = f"{spent} / {target} 个工作日" if target is not None else f"{spent} 个工作日"
            if stage_over:
                stage_time += "（超出目标）"
    if application.is_open:
        on_time = "未办结"
    elif application.concluded_on is None:
        on_time = ""
    elif state is not None and state.on_time is not None:
        on_time = "是" if state.on_time else "否"
    else:
        on_time = ""
    return Row(application, due, deadline_of(application, state, missing, today), stage_time, stage_over, on_time)


def rows(applications, today, calendar):
    return [row_of(application, today, calendar) for application in applications]


def iter_rows(applications, today, calendar, chunk_size=1000):
    """Rows of a whole queryset, fetched in chunks (prefetching per chunk) for the export."""
    for application in with_clock_data(applications).iterator(chunk_size=chunk_size):
        yield row_of(application, today, calendar)


def overdue_count(user, today):
    applications = perms.visible_applications(user, DisclosureApplication.objects.all())
    return applications.filter(open_q(), due_on__lt=today).count()
