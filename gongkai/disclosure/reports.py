"""Read-side reports on records of government information, for the back office.

- Timeliness (条例 Art. 26, RULES.md §2): proactive records not yet published that are overdue or
  due within AT_RISK_WD working days, and records published late in a chosen year.
- Withheld re-review queue (条例 Art. 18): 不予公开 (and 依申请公开) records by review date.
- Interpretation coverage: published policies without a published interpretation, and
  interpretations published more than INTERPRETATION_LAG_WD working days after their policy.
- The full disclosure list (政务公开全清单) as rows for the CSV / Excel export.

Scale (up to 1,000,000 records per site): no report runs the working-day calendar once per record
over the whole table. The pure functions at the top turn "past due" / "due within 5 WD" / "published
after the 20th WD" into plain date bounds; the database filters, sorts, counts and pages with those
bounds, and the calendar runs per record only for the rows of the page shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from itertools import groupby
from operator import or_

from django.conf import settings
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from gongkai.disclosure import workflow
from gongkai.disclosure.models import (
    ATTRIBUTE_CHOICES,
    KIND_CHOICES,
    VALIDITY_CHOICES,
    Category,
    InformationRecord,
    Interpretation,
)
from gongkai.disclosure.timeliness import AT_RISK, AT_RISK_WD, LABELS, LATE, OVERDUE, PENDING, PUBLICATION_LIMIT_WD
from gongkai.organisation.models import Department
from gongkai.organisation.permissions import visible_department_ids
from gongkai.workcalendar.clock import CalendarYearMissing

DAY = dt.timedelta(days=1)

# Categories whose records are "policies" that call for an interpretation (政策解读): Art. 20 items
# (一) 行政法规、规章和规范性文件 and (三) 规划及相关政策, with the agency's sub-categories under them.
POLICY_CATEGORY_CODES = ("art20-1", "art20-3")

# Workflow statuses of a record never published / published at least once.
UNPUBLISHED_STATUSES = (workflow.DRAFT, workflow.SUBMITTED, workflow.RETURNED, workflow.APPROVED, workflow.SCHEDULED)
PUBLISHED_STATUSES = (workflow.PUBLISHED, workflow.WITHDRAWN)

TIMELINESS_STATE_CHOICES = [
    (OVERDUE, LABELS[OVERDUE]),
    (AT_RISK, f"{LABELS[AT_RISK]}（{AT_RISK_WD} 个工作日内）"),
    (LATE, LABELS[LATE]),
]
WITHHELD_ATTRIBUTE_CHOICES = [("withheld", "不予公开"), ("on_request", "依申请公开"), ("both", "不予公开和依申请公开")]


def today():
    """The local date the reports are computed for (tests replace this function)."""
    return timezone.localdate()


def local_midnight(day):
    """The aware datetime at which `day` begins in the site's time zone (published_at is stored in UTC)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def calendar_message(exc):
    """The Chinese explanation shown instead of a figure that needs a year of the calendar not loaded."""
    return (f"{exc.year} 年节假日安排尚未录入，无法按工作日计算。"
            f"请联系系统管理员在“工作日历”中导入 {exc.year} 年的节假日安排。")


# --- pure working-day bounds (no database) -----------------------------------------------------


def nth_working_day_after(calendar, start, n, *, stop=None):
    """The n-th working day strictly after `start` (RULES.md §1), or None when it would fall after `stop`.

    Same result as calendar.add_working_days(start, n).due, without the day-by-day explanation;
    with `stop` it never looks at days after `stop` (so a year not yet loaded is not needed).
    """
    day, counted = start, 0
    while counted < n:
        day += DAY
        if stop is not None and day > stop:
            return None
        if calendar.is_working_day(day):
            counted += 1
    return day


def latest_start_due_by(calendar, limit, days=PUBLICATION_LIMIT_WD):
    """The latest start date whose `days`-th working day after it falls on or before `limit`.

    The due date never moves back when the start moves forward, so for every start s:
    due(s) <= limit  <=>  s <= latest_start_due_by(limit). Counting back from `limit`, the
    `days`-th working day w is day 1 of the period that starts the day before w.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    day, counted = limit, 0
    while True:
        if calendar.is_working_day(day):
            counted += 1
            if counted == days:
                return day - DAY
        day -= DAY


@dataclass(frozen=True)
class UnpublishedWindow:
    """Date bounds on the start (max of formed_on, changed_on) of a record not yet published.

    start <= overdue_until: the 20th working day has passed (state "overdue");
    overdue_until < start <= listed_until: due within AT_RISK_WD working days ("at_risk");
    later starts have more time ("pending") and are not listed.
    """

    today: dt.date
    overdue_until: dt.date
    listed_until: dt.date

    def state_for(self, start):
        if start <= self.overdue_until:
            return OVERDUE
        if start <= self.listed_until:
            return AT_RISK
        return PENDING


def unpublished_window(calendar, today):
    """The bounds for `today`: needs the calendar from about 45 days before to AT_RISK_WD working days after."""
    return UnpublishedWindow(
        today=today,
        overdue_until=latest_start_due_by(calendar, today - DAY),
        listed_until=latest_start_due_by(calendar, nth_working_day_after(calendar, today, AT_RISK_WD)),
    )


def overdue_only_window(calendar, today):
    """A window that lists only overdue records: used when the days after today are not in the calendar."""
    overdue_until = latest_start_due_by(calendar, today - DAY)
    return UnpublishedWindow(today=today, overdue_until=overdue_until, listed_until=overdue_until)


@dataclass(frozen=True)
class LateWindow:
    """Which records first published in `year` were published after their 20th working day.

    A record whose start is on or before `late_if_start_until` was due before the year began, so
    any publication in the year is late. Otherwise it is late when, for some (last_start, due) in
    `steps`, start <= last_start and the publication date is after due. Dues never decrease as
    starts increase, so the first step whose last_start is >= start decides; the later ones cannot
    accept a record the first refuses. Starts after the last step are due on or after 31 December
    and cannot be late in the year.
    """

    year: int
    late_if_start_until: dt.date
    steps: tuple[tuple[dt.date, dt.date], ...]

    @property
    def first_day(self):
        return dt.date(self.year, 1, 1)

    @property
    def last_day(self):
        return dt.date(self.year, 12, 31)

    def is_late(self, start, published_on):
        """The rule the database query applies, for one record published in the year."""
        if not self.first_day <= published_on <= self.last_day:
            raise ValueError("published_on must be in the window's year")
        if start <= self.late_if_start_until:
            return True
        return any(start <= last_start and published_on > due for last_start, due in self.steps)


def late_window(calendar, year):
    """The LateWindow of `year`: needs the calendar of `year` and the end of the year before."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    late_if_start_until = latest_start_due_by(calendar, first - DAY)
    steps = []
    start = late_if_start_until + DAY
    while start <= last:
        due = nth_working_day_after(calendar, start, PUBLICATION_LIMIT_WD, stop=last - DAY)
        if due is None:
            break
        last_start = latest_start_due_by(calendar, due)
        steps.append((last_start, due))
        start = last_start + DAY
    return LateWindow(year=year, late_if_start_until=late_if_start_until, steps=tuple(steps))


class WorkingDayCounter:
    """calendar.working_days_between for many pairs of a known set of dates, walking the calendar once.

    counter.between(a, b) == calendar.working_days_between(a, b) for dates given to the constructor;
    it raises CalendarYearMissing when a or b, or a year between them, is not loaded.
    """

    def __init__(self, calendar, dates):
        self._position = {}  # date -> (segment, ordinal): ordinal counts working days within the segment
        self._missing = {}  # date -> the year missing for it
        self._gap_before = {}  # segment -> the missing year that separates it from the previous segment
        segment, ordinal, previous = 0, 0, None
        for day in sorted(set(dates)):
            if not calendar.covers(day.year):
                self._missing[day] = day.year
                continue
            if previous is not None:
                gap = next((y for y in range(previous.year, day.year + 1) if not calendar.covers(y)), None)
                if gap is not None:
                    segment, ordinal = segment + 1, 0
                    self._gap_before[segment] = gap
                else:
                    ordinal += calendar.working_days_between(previous, day)
            self._position[day] = (segment, ordinal)
            previous = day

    def between(self, a, b):
        for day in (a, b):
            if day in self._missing:
                raise CalendarYearMissing(self._missing[day])
        (segment_a, ordinal_a), (segment_b, ordinal_b) = self._position[a], self._position[b]
        if segment_a != segment_b:
            raise CalendarYearMissing(self._gap_before[max(segment_a, segment_b)])
        return ordinal_b - ordinal_a


# --- scope and common filters --------------------------------------------------------------------


def visible_records(user):
    """Records of the departments the user may see (all of them for the OGI office, auditor, administrator)."""
    records = InformationRecord.objects.all()
    ids = visible_department_ids(user)
    return records if ids is None else records.filter(department_id__in=ids)


def visible_departments(user):
    departments = Department.objects.all()
    ids = visible_department_ids(user)
    return departments if ids is None else departments.filter(pk__in=ids)


def in_department(records, department):
    """Records of `department` and the departments below it (all records when department is None)."""
    if department is None:
        return records
    return records.filter(department_id__in=department.descendant_ids())


def start_expression():
    """max(formed_on, changed_on): the day the 20 working days run from (条例 Art. 26)."""
    return Greatest(F("formed_on"), Coalesce(F("changed_on"), F("formed_on")))


def start_of(record):
    return max(d for d in (record.formed_on, record.changed_on) if d is not None)


def _start_on_or_before(day):
    # Spelled on the columns rather than on start_expression() so that the (status, formed_on) index helps.
    return Q(formed_on__lte=day) & (Q(changed_on__isnull=True) | Q(changed_on__lte=day))


def _start_after(day):
    return Q(formed_on__gt=day) | Q(changed_on__gt=day)


# --- 1. timeliness -------------------------------------------------------------------------------


def _late_q(late):
    """LateWindow as a filter. Steps are grouped by the month of their last start, so that the database
    tests a record against about a dozen month ranges and the twenty-odd steps of its month, not all
    ~250 steps of the year."""
    rule = Q(_start__lte=late.late_if_start_until)
    lower = late.late_if_start_until
    for _, group in groupby(late.steps, key=lambda step: (step[0].year, step[0].month)):
        group = list(group)
        upper = group[-1][0]
        steps = reduce(or_, (
            Q(_start__lte=last_start, published_at__gte=local_midnight(due + DAY)) for last_start, due in group
        ))
        rule |= Q(_start__gt=lower, _start__lte=upper) & steps
        lower = upper
    return Q(
        status__in=PUBLISHED_STATUSES,
        published_at__gte=local_midnight(late.first_day),
        published_at__lt=local_midnight(late.last_day + DAY),
    ) & rule


def timeliness_records(records, *, window=None, late=None, state=""):
    """The listed records, most urgent first: unpublished ones by due date, then those published late.

    `records` is already scoped to the user; `window` (UnpublishedWindow) and `late` (LateWindow)
    may be None when the calendar could not give them; `state` is "" or one of overdue/at_risk/late.
    Each record carries `_start` and `_urgency` (0 unpublished, 1 published late).
    """
    parts = []
    if window is not None and state in ("", OVERDUE, AT_RISK):
        unpublished = Q(published_at__isnull=True, status__in=UNPUBLISHED_STATUSES)
        if state == OVERDUE:
            unpublished &= _start_on_or_before(window.overdue_until)
        elif state == AT_RISK:
            unpublished &= _start_on_or_before(window.listed_until) & _start_after(window.overdue_until)
        else:
            unpublished &= _start_on_or_before(window.listed_until)
        parts.append(unpublished)
    if late is not None and state in ("", LATE):
        parts.append(_late_q(late))
    if not parts:
        return records.none()
    return (
        records.filter(attribute="proactive")
        .annotate(
            _start=start_expression(),
            _urgency=Case(When(published_at__isnull=True, then=Value(0)), default=Value(1),
                          output_field=IntegerField()),
        )
        .filter(reduce(or_, parts))
        .select_related("department")
        .order_by("_urgency", "_start", "pk")
    )


@dataclass
class TimelinessRow:
    record: InformationRecord
    start: dt.date
    state: str
    due: dt.date | None = None
    days: int | None = None  # unpublished: working days left (negative once overdue); late: working days late
    published_on: dt.date | None = None
    problem: str = ""  # why due/days could not be computed

    @property
    def label(self):
        return LABELS[self.state]

    @property
    def wording(self):
        """The state in words, so that it never rests on colour alone."""
        if self.problem:
            return self.problem
        if self.state == LATE:
            return f"比应公开日期晚 {self.days} 个工作日公开"
        if self.state == OVERDUE:
            return f"已逾期 {-self.days} 个工作日" if self.days < 0 else "已过应公开日期（今天是休息日）"
        return "今天到期" if self.days == 0 else f"还剩 {self.days} 个工作日"


def timeliness_rows(records, calendar, today, window=None):
    """Rows for the records of one page: due date and working days left or late, per record."""
    rows, dues = [], {}
    for record in records:
        start = start_of(record)
        published_on = timezone.localdate(record.published_at) if record.published_at else None
        if published_on is not None:
            state = LATE
        else:
            state = window.state_for(start) if window is not None else OVERDUE
        row = TimelinessRow(record=record, start=start, state=state, published_on=published_on)
        if start not in dues:
            try:
                dues[start] = nth_working_day_after(calendar, start, PUBLICATION_LIMIT_WD)
            except CalendarYearMissing as exc:
                dues[start] = exc
        if isinstance(dues[start], CalendarYearMissing):
            row.problem = f"无法计算应公开日期：{dues[start]}"
        else:
            row.due = dues[start]
        rows.append(row)
    counter = WorkingDayCounter(calendar, [today, *(r.due for r in rows if r.due), *(
        r.published_on for r in rows if r.due and r.published_on)])
    for row in rows:
        if row.due is None:
            continue
        try:
            if row.published_on is not None:
                row.days = counter.between(row.due, row.published_on)
            else:
                row.days = counter.between(today, row.due)
        except CalendarYearMissing as exc:
            row.problem = f"无法计算工作日数：{exc}"
    return rows


# --- 2. withheld re-review queue ------------------------------------------------------------------


def withheld_queue(records, attribute="withheld"):
    """Records to re-review (条例 Art. 18): earliest review date first (so overdue first), undated last."""
    attributes = ["withheld", "on_request"] if attribute == "both" else [attribute]
    return (
        records.filter(attribute__in=attributes)
        .select_related("department")
        .order_by(F("review_due_on").asc(nulls_last=True), "pk")
    )


@dataclass
class ReviewRow:
    record: InformationRecord
    days: int | None  # calendar days until the review date; negative once it has passed

    @property
    def overdue(self):
        return self.days is not None and self.days < 0

    @property
    def wording(self):
        if self.days is None:
            if self.record.attribute == "withheld":
                return "未填写复查日期，请补填"
            return "未填写复查日期"
        if self.days < 0:
            return f"已超过复查日期 {-self.days} 天"
        return "今天应复查" if self.days == 0 else f"还有 {self.days} 天"


def review_rows(records, today):
    return [
        ReviewRow(r, (r.review_due_on - today).days if r.review_due_on else None) for r in records
    ]


# --- 3. interpretation coverage --------------------------------------------------------------------


def policy_categories():
    """The official policy categories and the agency's sub-categories under them."""
    return Category.objects.filter(Q(code__in=POLICY_CATEGORY_CODES) | Q(parent__code__in=POLICY_CATEGORY_CODES))


def uninterpreted_policies(records, year=None):
    """Published policies (kind document, policy categories) with no published interpretation, newest first."""
    published_interpretation = Interpretation.objects.filter(policy=OuterRef("pk"), record__status=workflow.PUBLISHED)
    policies = records.filter(category__in=policy_categories(), kind="document", status=workflow.PUBLISHED,
                              attribute="proactive")
    if year is not None:
        policies = policies.filter(published_at__gte=local_midnight(dt.date(year, 1, 1)),
                                   published_at__lt=local_midnight(dt.date(year + 1, 1, 1)))
    return (
        policies.filter(~Exists(published_interpretation))
        .select_related("department", "category")
        .order_by("-published_at", "-pk")
    )


def allowed_interpretation_lag():
    """(days, problem): settings.INTERPRETATION_LAG_WD, the working days an interpretation may follow its policy.

    Default 0 (published at the same time). A value that is not a whole number >= 0 falls back to 0,
    with a Chinese explanation for the page rather than an error.
    """
    value = getattr(settings, "INTERPRETATION_LAG_WD", 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return 0, f"系统设置 INTERPRETATION_LAG_WD 的值“{value}”无效（应为 0 或正整数），本页按 0 个工作日计算。"
    return value, ""


@dataclass
class LagRow:
    interpretation_id: int
    policy_on: dt.date
    published_on: dt.date
    lag: int
    interpretation: Interpretation | None = None


@dataclass
class LagReport:
    rows: list  # LagRow, largest lag first
    missing_years: list  # years whose calendar was needed but not loaded
    skipped: int  # interpretations not assessed because of missing_years


def lagging_interpretations(user, calendar, year, allowed, department=None):
    """Interpretations first published in `year` more than `allowed` working days after their policy.

    The lag is counted like every period here: working days strictly after the policy's publication
    date up to and including the interpretation's. Scope: the user sees an interpretation when the
    policy or the interpretation belongs to one of their departments (and to `department`, if given).
    """
    candidates = Interpretation.objects.filter(
        record__published_at__gte=local_midnight(dt.date(year, 1, 1)),
        record__published_at__lt=local_midnight(dt.date(year + 1, 1, 1)),
        policy__published_at__isnull=False,
        record__published_at__gt=F("policy__published_at"),
    )
    ids = visible_department_ids(user)
    if ids is not None:
        candidates = candidates.filter(Q(policy__department_id__in=ids) | Q(record__department_id__in=ids))
    if department is not None:
        ids = department.descendant_ids()
        candidates = candidates.filter(Q(policy__department_id__in=ids) | Q(record__department_id__in=ids))
    pairs = [
        (pk, timezone.localdate(policy_at), timezone.localdate(published_at))
        for pk, policy_at, published_at in candidates.values_list("pk", "policy__published_at",
                                                                  "record__published_at").iterator()
    ]
    counter = WorkingDayCounter(calendar, [d for _, p, i in pairs for d in (p, i)])
    rows, missing, skipped = [], set(), 0
    for pk, policy_on, published_on in pairs:
        try:
            lag = counter.between(policy_on, published_on)
        except CalendarYearMissing as exc:
            missing.add(exc.year)
            skipped += 1
            continue
        if lag > allowed:
            rows.append(LagRow(pk, policy_on, published_on, lag))
    rows.sort(key=lambda r: (-r.lag, -r.published_on.toordinal(), -r.interpretation_id))
    return LagReport(rows=rows, missing_years=sorted(missing), skipped=skipped)


def attach_interpretations(rows):
    """Load the interpretation, its record and its policy for the rows of one page."""
    objects = Interpretation.objects.select_related("record__department", "policy__department").in_bulk(
        [r.interpretation_id for r in rows])
    for row in rows:
        row.interpretation = objects[row.interpretation_id]
    return rows


# --- 4. the full disclosure list (政务公开全清单) ----------------------------------------------------

EXPORT_HEADERS = [
    "索引号", "名称", "文号", "类型", "承办部门", "信息类别", "公开属性", "公开属性依据", "不予公开复查日期", "有效性",
    "生成日期", "变更日期", "发布日期", "状态",
]
_EXPORT_FIELDS = (
    "index_number", "title", "document_number", "kind", "department_id", "category_id", "attribute",
    "attribute_basis", "review_due_on", "validity", "formed_on", "changed_on", "published_at", "status",
)
DATE_COLUMNS = {8, 10, 11, 12}  # positions of date values in an export row
EXPORT_CHUNK = 2000


def _category_labels():
    labels = {}
    for category in Category.objects.select_related("parent"):
        labels[category.pk] = str(category) if category.parent is None else f"{category.parent}／{category.name}"
    return labels


def export_rows(records):
    """One tuple per record, in creation order: display strings, dates as date objects (or None).

    Streams: values are read EXPORT_CHUNK rows at a time; departments and categories are looked up
    from two small dictionaries rather than joined.
    """
    departments = dict(Department.objects.values_list("pk", "name"))
    categories = _category_labels()
    kinds, attributes, validities = dict(KIND_CHOICES), dict(ATTRIBUTE_CHOICES), dict(VALIDITY_CHOICES)
    rows = records.order_by("pk").values_list(*_EXPORT_FIELDS).iterator(chunk_size=EXPORT_CHUNK)
    for (index_number, title, document_number, kind, department_id, category_id, attribute, basis, review_due_on,
         validity, formed_on, changed_on, published_at, status) in rows:
        yield (
            index_number or "", title, document_number, kinds.get(kind, kind), departments.get(department_id, ""),
            categories.get(category_id, ""), attributes.get(attribute, attribute), basis, review_due_on,
            validities.get(validity, validity), formed_on, changed_on,
            timezone.localdate(published_at) if published_at else None,
            workflow.STATUS_LABELS.get(status, status),
        )
