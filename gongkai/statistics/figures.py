"""The figures of the statistics dashboards (统计分析) for one year. Read side only.

For the OGI office and the heads (issue 5, "Dashboards"): applications by month and by channel,
outcomes, working days to reply (average and 90th percentile), on-time rate, overdue cases,
consultations and extensions; records published by Art. 20 category and by department, timeliness
of publication, interpretation coverage.

Every chart is a plain `Chart`: column headers and rows (a label, then numbers). The page draws it
with ECharts and prints the same rows as a table under it; the Excel export writes the same rows,
one sheet per chart. Nothing here knows about HTTP.

Scale (up to 100,000 applications and 1,000,000 records per site): everything is counted by the
database (Count grouped by channel, outcome, category, department; conditional counts by month).
The one computation per row is the reply clock (RULES.md §3.2), only over the applications concluded
in the chosen year, with the calendar loaded once: plain cases are read as bare values and answered
from a table of working-day ordinals (reply_time.py, checked against clock.compute); the others are
read with their correction, fee notice and consultations and go through clock.compute.

What is counted, so that every figure can be checked by hand:
- Applications: only those whose kind is not 非公开申请已转有关渠道 (passed_on) and that have a
  receipt date (收到申请之日, 条例 Art. 31). "Received in the year": received_on in the year;
  "concluded in the year": concluded_on (答复日期) in the year.
- Working days to reply: the clock's counted working days from the start (receipt, or receipt of
  the corrected application) to the reply, pauses (consultations, unpaid fee) left out
  (RULES.md §3.2, clock.compute `.used`). A case closed while the applicant was still correcting
  never had its reply clock restarted and has no due date: it is left out of the reply time and of
  the on-time rate. The 90th percentile is the nearest-rank one: the smallest value that at least
  90% of the cases do not exceed.
- On-time rate: concluded cases replied on or before their due date / concluded cases with a due date.
- Overdue: cases received in the year, still open and past the due date today; and cases concluded
  in the year after their due date.
- Consultations: consultations (条例 Arts. 32, 34) sent in the year, by kind; extensions (Art. 33):
  applications with an extension approved in the year.
- Records: proactive records (主动公开) published in the year (status published or withdrawn since),
  by Art. 20 item (a sub-category counts under its item) and by department. Timeliness (条例 Art. 26):
  late = disclosure.reports.timeliness_records(..., state=LATE), on time = the others.
- Interpretation coverage: policies (disclosure.reports.policy_categories) published in the year
  with and without a published interpretation (reports.uninterpreted_policies); interpretations
  published late after their policy (reports.lagging_interpretations).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from gongkai.applications import choices, clockdata, outcomes
from gongkai.applications.clock import ClockFacts
from gongkai.applications.models import Consultation, DisclosureApplication
from gongkai.applications.workbench import open_q
from gongkai.disclosure import reports, workflow
from gongkai.disclosure.models import Category
from gongkai.disclosure.timeliness import LATE
from gongkai.organisation.models import Department
from gongkai.organisation.permissions import visible_department_ids
from gongkai.statistics import reply_time
from gongkai.workcalendar.clock import CalendarYearMissing
from gongkai.workcalendar.services import load_calendar

MIN_YEAR = 2008  # the Regulations (条例) apply from 1 May 2008: no figures before that year
PERCENTILE = 90
BAR, LINE, PIE = "bar", "line", "pie"
CLOCK_CHUNK = 2000  # applications read at a time for the reply clock

# The six groups of table 三 (RULES.md §3.3), in its order; outcomes.Outcome.group names them.
OUTCOME_GROUPS = [
    ("disclosed", "予以公开"),
    ("partial", "部分公开"),
    ("withheld", "不予公开"),
    ("unavailable", "无法提供"),
    ("not_processed", "不予处理"),
    ("other", "其他处理"),
]
NO_DEPARTMENT = "未分配承办部门"


def today():
    """The local date the figures are computed for (tests replace this function)."""
    return timezone.localdate()


# --- pure helpers ------------------------------------------------------------------------------------


def percentile(values, p=PERCENTILE):
    """The nearest-rank p-th percentile: the smallest value that at least p% of the values do not exceed."""
    if not values:
        return None
    ordered = sorted(values)
    rank = -(-p * len(ordered) // 100)  # ceil(p/100 * n) in integers
    return ordered[max(rank, 1) - 1]


def average(values):
    """The mean, rounded to one decimal; None when there is nothing to average."""
    return round(sum(values) / len(values), 1) if values else None


def rate(part, whole):
    """A percentage with one decimal; None when the whole is 0 (a rate of nothing is not 0%)."""
    return round(100 * part / whole, 1) if whole else None


def months_of(year, on):
    """Months 1..12 of `year`; for the current year only those that have begun."""
    return range(1, (on.month if year == on.year else 12) + 1)


def month_label(month):
    return f"{month}月"


def year_choices(on):
    """The years one may choose: the current one first, back to MIN_YEAR."""
    return list(range(on.year, MIN_YEAR - 1, -1))


def display(value):
    """A figure as the table shows it: '—' for no value, one decimal for averages and rates."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


# --- the data the page, the table and the export share ---------------------------------------------


@dataclass
class Chart:
    """One chart and the table under it: `rows` are [label, number, number, ...] under `headers`."""

    id: str
    title: str
    kind: str  # BAR, LINE or PIE
    headers: list[str]
    rows: list[list]
    description: str = ""
    unit: str = ""
    plot: tuple[int, ...] = ()  # the value columns drawn (indexes into headers); empty = all of them
    stacked: bool = False
    horizontal: bool = False
    problem: str = ""  # why the figures could not be computed (shown instead of the chart)

    @property
    def data_id(self):
        return f"{self.id}-data"

    @property
    def plotted(self):
        return self.plot or tuple(range(1, len(self.headers)))

    @property
    def table_rows(self):
        return [(row[0], [display(value) for value in row[1:]]) for row in self.rows]

    def spec(self):
        """What dashboard.js needs to draw the chart (read from a json_script element)."""
        columns = self.plotted[:1] if self.kind == PIE else self.plotted
        return {
            "kind": self.kind,
            "title": self.title,
            "unit": self.unit,
            "stacked": self.stacked,
            "horizontal": self.horizontal,
            "categories": [row[0] for row in self.rows],
            "series": [{"name": self.headers[i], "data": [row[i] for row in self.rows]} for i in columns],
        }


@dataclass
class KeyFigure:
    label: str
    value: object  # int, float or None
    unit: str = ""

    @property
    def text(self):
        if self.value is None:
            return "—"
        return f"{display(self.value)}{'' if self.unit in ('', '%') else ' '}{self.unit}"


@dataclass
class Dashboard:
    year: int
    department: Department | None
    on: dt.date
    key_figures: list[KeyFigure] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def chart(self, chart_id):
        return next(chart for chart in self.charts if chart.id == chart_id)

    @property
    def application_charts(self):
        return [chart for chart in self.charts if chart.id.startswith("applications-")]

    @property
    def record_charts(self):
        return [chart for chart in self.charts if chart.id.startswith("records-")]


# --- scope ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """Whose figures: the user's departments (None = all), narrowed to `department` and below if chosen."""

    user: object
    year: int
    department: Department | None
    department_ids: frozenset | None

    @property
    def first_day(self):
        return dt.date(self.year, 1, 1)

    @property
    def last_day(self):
        return dt.date(self.year, 12, 31)


def scope_for(user, year, department=None):
    ids = visible_department_ids(user)
    if department is not None:
        below = department.descendant_ids()
        ids = below if ids is None else set(ids) & below
    return Scope(user=user, year=year, department=department, department_ids=None if ids is None else frozenset(ids))


def departments_in(scope):
    departments = Department.objects.order_by("sort_order", "pk")
    return departments if scope.department_ids is None else departments.filter(pk__in=scope.department_ids)


def counted_applications(scope):
    """The applications the figures count (see the module docstring), limited to the scope's departments."""
    applications = DisclosureApplication.objects.exclude(kind=choices.KIND_PASSED_ON).filter(received_on__isnull=False)
    if scope.department_ids is not None:
        applications = applications.filter(department_id__in=scope.department_ids)
    return applications.order_by()


def scoped_records(scope):
    """The records of the scope's departments (the user's, narrowed to the chosen department)."""
    records = reports.in_department(reports.visible_records(scope.user), scope.department)
    return records.order_by()


def published_in_year(records, year):
    """Proactive records published in `year` (still published or withdrawn since)."""
    return records.filter(
        attribute="proactive", status__in=reports.PUBLISHED_STATUSES,
        published_at__gte=reports.local_midnight(dt.date(year, 1, 1)),
        published_at__lt=reports.local_midnight(dt.date(year + 1, 1, 1)),
    )


def _month_bounds(year, month, moment):
    first = dt.date(year, month, 1)
    after = dt.date(year + month // 12, month % 12 + 1, 1)
    return (reports.local_midnight(first), reports.local_midnight(after)) if moment else (first, after)


def _by_month(queryset, field_name, year, *, moment=False):
    """{month: count} of `queryset` by the month of `field_name` in `year`, in one query.

    Twelve conditional counts on plain range conditions rather than a month extracted from every
    row: an index on the field serves them, and published_at (stored in UTC) is cut at local
    midnight (`moment`) like every other figure of the year.
    """
    def within(first, after):
        return Q(**{f"{field_name}__gte": first, f"{field_name}__lt": after})

    counts = {f"m{month}": Count("pk", filter=within(*_month_bounds(year, month, moment))) for month in range(1, 13)}
    year_bounds = (_month_bounds(year, 1, moment)[0], _month_bounds(year, 12, moment)[1])
    totals = queryset.filter(within(*year_bounds)).order_by().aggregate(**counts)
    return {month: totals[f"m{month}"] for month in range(1, 13)}


def _department_rows(scope, counters, *, keep_active=True):
    """[name, count, count, ...] per department of the scope, in the departments' order.

    A department appears when one of its counts is not zero, or (keep_active) when it is active.
    Counts filed under no department appear last as NO_DEPARTMENT, when not zero.
    """
    rows = []
    for department in departments_in(scope):
        values = [counter.get(department.pk, 0) for counter in counters]
        if any(values) or (keep_active and department.is_active):
            rows.append([department.name, *values])
    unassigned = [counter.get(None, 0) for counter in counters]
    if any(unassigned):
        rows.append([NO_DEPARTMENT, *unassigned])
    return rows


# --- applications (RULES.md §3) -------------------------------------------------------------------------


@dataclass
class ReplyClocks:
    """The reply clocks of the applications concluded in the year (RULES.md §3.2)."""

    used: list = field(default_factory=list)  # working days to reply, one per case with a running clock
    used_by_month: dict = field(default_factory=lambda: defaultdict(list))  # month of the reply -> used
    on_time: int = 0
    late: int = 0
    late_by_department: Counter = field(default_factory=Counter)
    skipped: int = 0  # cases whose clock could not be computed
    missing_years: set = field(default_factory=set)


def _paused_or_corrected():
    """Cases whose clock is more than two look-ups: a correction, a fee notice, a consultation or an Art. 35 date."""
    return (Q(correction__isnull=False) | Q(fee_notice__isnull=False) | Q(art35_due_on__isnull=False)
            | Exists(Consultation.objects.filter(application=OuterRef("pk"))))


def reply_clocks(applications, year, calendar):
    """The reply clock of every application (of those given) concluded in the year, as of its reply date
    (RULES.md §3.2).

    Plain cases (received, no correction, fee notice, consultation or Art. 35 date) are read as bare values:
    their facts are the receipt date, the extension and the reply date. The others are read as the case
    screens read them (clockdata.facts_of, with their correction, fee notice and consultations fetched
    with them). reply_time gives the clock's answer for both.
    """
    concluded = applications.filter(concluded_on__gte=dt.date(year, 1, 1), concluded_on__lte=dt.date(year, 12, 31))
    index = reply_time.WorkingDayIndex.around(calendar, year)
    memo = {}
    result = ReplyClocks()

    def add(facts, department_id):
        try:
            reply = reply_time.reply_of(calendar, index, facts, memo)
        except CalendarYearMissing as exc:
            result.skipped += 1
            result.missing_years.add(exc.year)
            return
        except ValueError:  # impossible stored facts; the case screen explains them
            result.skipped += 1
            return
        if reply is None:
            return  # closed while correcting: no reply clock ran, no due date
        result.used.append(reply.used)
        result.used_by_month[facts.concluded_on.month].append(reply.used)
        if reply.on_time:
            result.on_time += 1
        else:
            result.late += 1
            result.late_by_department[department_id] += 1

    plain = (concluded.exclude(_paused_or_corrected()).order_by("pk")
             .values_list("department_id", "received_on", "extension_days", "concluded_on"))
    for department_id, received_on, extension_days, concluded_on in plain.iterator(chunk_size=CLOCK_CHUNK):
        add(ClockFacts(received_on=received_on, extension_days=extension_days, concluded_on=concluded_on),
            department_id)

    others = (
        concluded.filter(_paused_or_corrected())
        .select_related("correction", "fee_notice")
        .prefetch_related(Prefetch("consultations", queryset=Consultation.objects.order_by("sent_on", "pk")))
        .only("department_id", "received_on", "extension_days", "art35_due_on", "art35_reason",
              "concluded_on", "correction__sent_on", "correction__received_on", "fee_notice__sent_on",
              "fee_notice__paid_on")
        .order_by("pk")
    )
    for application in others.iterator(chunk_size=CLOCK_CHUNK):
        add(clockdata.facts_of(application), application.department_id)
    return result


def application_charts(scope, on, calendar):
    """(charts, key figures, problems) of the applications."""
    applications = counted_applications(scope)
    received = applications.filter(received_on__gte=scope.first_day, received_on__lte=scope.last_day)
    concluded = applications.filter(concluded_on__gte=scope.first_day, concluded_on__lte=scope.last_day)
    months = months_of(scope.year, on)
    charts, problems = [], []

    by_month = _by_month(received, "received_on", scope.year)
    charts.append(Chart(
        "applications-by-month", "每月收到的申请", LINE, ["月份", "收到申请（件）"],
        [[month_label(m), by_month.get(m, 0)] for m in months], unit="件",
        description="按收到申请之日（条例第三十一条）所在月份统计。"))

    by_channel = dict(received.values_list("channel").annotate(n=Count("pk")))
    charts.append(Chart(
        "applications-by-channel", "申请方式", BAR, ["申请方式", "件数"],
        [[label, by_channel.get(code, 0)] for code, label in choices.CHANNEL_CHOICES], unit="件", horizontal=True,
        description="本年收到的申请按提出方式统计。"))

    by_outcome = dict(concluded.exclude(outcome="").values_list("outcome").annotate(n=Count("pk")))
    groups = Counter()
    for code, count in by_outcome.items():
        if code in outcomes.BY_CODE:
            groups[outcomes.BY_CODE[code].group] += count
    charts.append(Chart(
        "applications-outcomes", "办理结果", PIE, ["办理结果", "件数"],
        [[label, groups.get(group, 0)] for group, label in OUTCOME_GROUPS], unit="件",
        description="本年答复的申请按办理结果分类统计（与年度报告表三的分类相同）。"))

    clocks = reply_clocks(applications, scope.year, calendar)
    if clocks.missing_years:
        problems.append(
            f"有 {clocks.skipped} 件申请无法计算答复用时："
            + "；".join(reports.calendar_message(CalendarYearMissing(y)) for y in sorted(clocks.missing_years)))
    elif clocks.skipped:
        problems.append(f"有 {clocks.skipped} 件申请的期限数据有误，未计入答复用时，请在申请详情页核对。")
    charts.append(Chart(
        "applications-reply-days", "答复用时（工作日）", LINE,
        ["答复月份", "平均用时", f"第 {PERCENTILE} 百分位用时", "计入件数"],
        [[month_label(m), average(clocks.used_by_month.get(m, [])), percentile(clocks.used_by_month.get(m, [])),
          len(clocks.used_by_month.get(m, []))] for m in months],
        unit="个工作日", plot=(1, 2),
        description=("从收到申请（或收到补正材料）的次日起到答复之日计算的工作日数，"
                     "征求意见和等待缴费的时间不计入（条例第三十三条）。"
                     f"第 {PERCENTILE} 百分位：{PERCENTILE}% 的申请不超过这个用时。"
                     "补正期间办结的申请没有答复期限，不计入。")))

    with_due = clocks.on_time + clocks.late
    charts.append(Chart(
        "applications-on-time", "按期答复", PIE, ["答复情况", "件数"],
        [["按期答复", clocks.on_time], ["超期答复", clocks.late]], unit="件",
        description="本年答复的申请中，在答复期限内答复的和超过期限答复的。"))

    overdue_open = dict(
        received.filter(open_q(), due_on__lt=on).values_list("department_id").annotate(n=Count("pk")))
    overdue_rows = _department_rows(scope, [overdue_open, clocks.late_by_department], keep_active=False)
    charts.append(Chart(
        "applications-overdue", "超期情况（按承办部门）", BAR, ["承办部门", "办理中已超期（件）", "超期答复（件）"],
        overdue_rows, unit="件", stacked=True, horizontal=True,
        description=(f"办理中已超期：本年收到、至 {on:%Y-%m-%d} 仍未答复且已过答复期限的申请；"
                     "超期答复：本年答复、答复时已过期限的申请。没有超期的部门不列出。")))

    consultations = Consultation.objects.filter(application__in=applications.values("pk"))
    third_party = _by_month(consultations.filter(kind=choices.CONSULT_THIRD_PARTY), "sent_on", scope.year)
    agency = _by_month(consultations.filter(kind=choices.CONSULT_AGENCY), "sent_on", scope.year)
    extensions = _by_month(applications.filter(extension_days__gt=0), "extension_approved_on", scope.year)
    charts.append(Chart(
        "applications-consultations", "征求意见和延期答复", BAR,
        ["月份", "征求第三方意见（次）", "征求其他机关意见（次）", "延期答复（件）"],
        [[month_label(m), third_party[m], agency[m], extensions[m]] for m in months],
        unit="次/件",
        description="征求意见按发出日期统计（条例第三十二条、第三十四条）；延期答复按批准延期的日期统计（条例第三十三条）。"))

    used = clocks.used
    key_figures = [
        KeyFigure("收到申请", sum(by_month.values()), "件"),
        KeyFigure("已答复", sum(by_outcome.values()), "件"),
        KeyFigure("平均答复用时", average(used), "个工作日"),
        KeyFigure(f"第 {PERCENTILE} 百分位答复用时", percentile(used), "个工作日"),
        KeyFigure("按期答复率", rate(clocks.on_time, with_due), "%"),
        KeyFigure("办理中已超期", sum(overdue_open.values()), "件"),
        KeyFigure("超期答复", clocks.late, "件"),
        KeyFigure("征求意见", sum(third_party.values()) + sum(agency.values()), "次"),
        KeyFigure("延期答复", sum(extensions.values()), "件"),
    ]
    return charts, key_figures, problems


# --- records of government information (RULES.md §2) ----------------------------------------------------


def record_charts(scope, on, calendar):
    """(charts, key figures, problems) of the records published in the year."""
    records = scoped_records(scope)
    published = published_in_year(records, scope.year)
    charts, problems = [], []

    by_item = dict(
        published.values_list(Coalesce("category__parent_id", "category_id")).annotate(n=Count("pk")))
    items = Category.objects.filter(parent__isnull=True).order_by("sort_order", "pk")
    charts.append(Chart(
        "records-by-category", "发布的政府信息（按条例第二十条类别）", BAR, ["信息类别", "发布条数"],
        [[str(item), by_item.get(item.pk, 0)] for item in items], unit="条", horizontal=True,
        description="本年发布的主动公开信息（含政策解读），本机关自设的子类别计入所属的条例第二十条类别。"))

    by_department = dict(published.values_list("department_id").annotate(n=Count("pk")))
    charts.append(Chart(
        "records-by-department", "发布的政府信息（按部门）", BAR, ["部门", "发布条数"],
        _department_rows(scope, [by_department]), unit="条", horizontal=True,
        description="本年发布的主动公开信息按承办部门统计。"))

    months = months_of(scope.year, on)
    published_by_month = _by_month(published, "published_at", scope.year, moment=True)
    late_total = None
    try:
        late = reports.late_window(calendar, scope.year)
    except CalendarYearMissing as exc:
        problem = f"无法统计 {scope.year} 年的公开时效：{reports.calendar_message(exc)}"
        problems.append(problem)
        charts.append(Chart("records-timeliness", "公开时效", BAR, ["发布月份", "按时公开（条）", "逾期公开（条）"], [],
                            unit="条", stacked=True, problem=problem))
    else:
        late_by_month = _by_month(reports.timeliness_records(records, late=late, state=LATE), "published_at",
                                  scope.year, moment=True)
        late_total = sum(late_by_month.values())
        charts.append(Chart(
            "records-timeliness", "公开时效", BAR, ["发布月份", "按时公开（条）", "逾期公开（条）"],
            [[month_label(m), published_by_month.get(m, 0) - late_by_month.get(m, 0), late_by_month.get(m, 0)]
             for m in months], unit="条", stacked=True,
            description="主动公开的信息应在生成或变更之日起 20 个工作日内公开（条例第二十六条）；按发布月份统计。"))

    policies = published.filter(category__in=reports.policy_categories(), kind="document",
                                status=workflow.PUBLISHED).count()
    uninterpreted = reports.uninterpreted_policies(records, scope.year).count()
    charts.append(Chart(
        "records-interpretation", "政策解读覆盖", PIE, ["政策文件", "条数"],
        [["已有解读", policies - uninterpreted], ["尚无解读", uninterpreted]], unit="条",
        description=("本年发布的政策文件（条例第二十条第（一）项、第（三）项及其子类别）中，"
                     "已有已发布的政策解读的和尚无解读的。")))

    allowed, setting_problem = reports.allowed_interpretation_lag()
    if setting_problem:
        problems.append(setting_problem)
    lag = reports.lagging_interpretations(scope.user, calendar, scope.year, allowed, department=scope.department)
    problems.extend(f"解读发布滞后的统计不完整：{reports.calendar_message(CalendarYearMissing(y))}"
                    for y in lag.missing_years)

    key_figures = [
        KeyFigure("发布政府信息", sum(published_by_month.values()), "条"),
        KeyFigure("逾期公开", late_total, "条"),
        KeyFigure("政策解读覆盖率", rate(policies - uninterpreted, policies), "%"),
        KeyFigure("解读发布滞后", len(lag.rows), "条"),
    ]
    return charts, key_figures, problems


def dashboard(user, year, *, department=None, on=None, calendar=None):
    """Every figure of the dashboards for `year`, limited to what `user` may see (and to `department`)."""
    on = on or today()
    calendar = calendar or load_calendar()
    scope = scope_for(user, year, department)
    board = Dashboard(year=year, department=department, on=on)
    for part in (application_charts, record_charts):
        charts, key_figures, problems = part(scope, on, calendar)
        board.charts.extend(charts)
        board.key_figures.extend(key_figures)
        board.problems.extend(problems)
    return board
