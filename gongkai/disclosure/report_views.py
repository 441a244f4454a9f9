"""Back-office report screens on records: timeliness, withheld re-review, interpretations, full-list export.

Thin views: the queries and working-day bounds live in disclosure.reports. Every view checks
permissions on the server (gongkai.organisation.permissions); department-scoped roles see only
the records of their departments. URLs (report_urlpatterns) are included by wagtail_hooks.py under
/admin/records/reports/, which puts them behind Wagtail's login.
"""

import csv
import datetime as dt
import tempfile

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from gongkai.audit.services import record as audit
from gongkai.disclosure import reports
from gongkai.disclosure.permissions import can_view_records
from gongkai.disclosure.timeliness import AT_RISK_WD, PUBLICATION_LIMIT_WD
from gongkai.organisation.permissions import forbidden_as_403, require, visible_department_ids
from gongkai.workcalendar.clock import CalendarYearMissing
from gongkai.workcalendar.services import load_calendar

PAGE_SIZE = 50
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXCEL_MAX_RECORDS = 1_048_575  # an Excel sheet holds 1,048,576 rows, one of them the header


def _department_field(user):
    return forms.ModelChoiceField(label="部门", queryset=reports.visible_departments(user), required=False,
                                  empty_label="全部部门")


def _year_choices(calendar, today, allow_all=False):
    years = sorted((y for y in calendar.covered_years if y <= today.year), reverse=True) or [today.year]
    return ([("", "全部年份")] if allow_all else []) + [(y, f"{y} 年") for y in years]


class TimelinessFilter(forms.Form):
    state = forms.ChoiceField(label="情况", required=False, choices=[("", "全部"), *reports.TIMELINESS_STATE_CHOICES])
    year = forms.TypedChoiceField(label="逾期公开的统计年份", coerce=int, required=False)

    def __init__(self, data, *, user, calendar, today):
        super().__init__(data)
        self.fields["department"] = _department_field(user)
        self.fields["year"].choices = _year_choices(calendar, today)


class WithheldFilter(forms.Form):
    attribute = forms.ChoiceField(label="公开属性", required=False, choices=reports.WITHHELD_ATTRIBUTE_CHOICES)

    def __init__(self, data, *, user):
        super().__init__(data)
        self.fields["department"] = _department_field(user)


class InterpretationFilter(forms.Form):
    year = forms.TypedChoiceField(label="年份", coerce=int, required=False, empty_value=None)

    def __init__(self, data, *, user, calendar, today, allow_all):
        super().__init__(data)
        self.fields["department"] = _department_field(user)
        self.fields["year"].choices = _year_choices(calendar, today, allow_all=allow_all)
        self.fields["year"].label = "发布年份" if allow_all else "解读发布年份"


def _cleaned(form, name, default=None):
    """A filter's value, or the default when it is missing or wrong (the form shows why)."""
    form.is_valid()
    value = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
    return default if value in (None, "") else value


def _page(request, items):
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return page, query.urlencode()


def _context(title, **extra):
    return {"page_title": title, "header_title": title, **extra}


@forbidden_as_403
def report_index(request):
    require(can_view_records(request.user))
    return render(request, "disclosure/admin/reports/index.html", _context(
        "政务公开报表", allowed_lag=reports.allowed_interpretation_lag()[0], limit=PUBLICATION_LIMIT_WD,
        at_risk=AT_RISK_WD))


@forbidden_as_403
def timeliness(request):
    """Records not yet published that are overdue or due soon, and records published late in a year."""
    require(can_view_records(request.user))
    today = reports.today()
    calendar = load_calendar()
    form = TimelinessFilter(request.GET or None, user=request.user, calendar=calendar, today=today)
    state = _cleaned(form, "state", "")
    year = _cleaned(form, "year", today.year)
    department = _cleaned(form, "department")

    problems, window, late = [], None, None
    try:
        window = reports.unpublished_window(calendar, today)
    except CalendarYearMissing as exc:
        problems.append(f"无法判断哪些信息将在 {AT_RISK_WD} 个工作日内到期：{reports.calendar_message(exc)}")
        try:
            window = reports.overdue_only_window(calendar, today)
        except CalendarYearMissing as missing:
            window = None
            problems[-1] = f"无法判断哪些信息已逾期或即将到期：{reports.calendar_message(missing)}"
    try:
        late = reports.late_window(calendar, year)
    except CalendarYearMissing as exc:
        problems.append(f"无法统计 {year} 年逾期公开的信息：{reports.calendar_message(exc)}")

    records = reports.in_department(reports.visible_records(request.user), department)
    listed = reports.timeliness_records(records, window=window, late=late, state=state)
    page, query = _page(request, listed)
    rows = reports.timeliness_rows(page.object_list, calendar, today, window)
    return render(request, "disclosure/admin/reports/timeliness.html", _context(
        "公开时效", form=form, page=page, rows=rows, query=query, problems=problems, today=today, year=year,
        limit=PUBLICATION_LIMIT_WD, at_risk=AT_RISK_WD))


@forbidden_as_403
def withheld(request):
    """The re-review queue of withheld information (条例 Art. 18), earliest review date first."""
    require(can_view_records(request.user))
    today = reports.today()
    form = WithheldFilter(request.GET or None, user=request.user)
    attribute = _cleaned(form, "attribute", "withheld")
    records = reports.in_department(reports.visible_records(request.user), _cleaned(form, "department"))
    queue = reports.withheld_queue(records, attribute)
    overdue = queue.filter(review_due_on__lt=today).count()
    page, query = _page(request, queue)
    return render(request, "disclosure/admin/reports/withheld.html", _context(
        "不予公开复查", form=form, page=page, rows=reports.review_rows(page.object_list, today), query=query,
        overdue=overdue, today=today))


@forbidden_as_403
def interpretations_missing(request):
    """Published policies that have no published interpretation."""
    require(can_view_records(request.user))
    today = reports.today()
    form = InterpretationFilter(request.GET or None, user=request.user, calendar=load_calendar(), today=today,
                                allow_all=True)
    records = reports.in_department(reports.visible_records(request.user), _cleaned(form, "department"))
    policies = reports.uninterpreted_policies(records, _cleaned(form, "year"))
    page, query = _page(request, policies)
    return render(request, "disclosure/admin/reports/interpretations_missing.html", _context(
        "未解读的政策", form=form, page=page, query=query,
        categories=reports.policy_categories().filter(parent__isnull=True)))


@forbidden_as_403
def interpretations_late(request):
    """Interpretations published more than INTERPRETATION_LAG_WD working days after their policy."""
    require(can_view_records(request.user))
    today = reports.today()
    calendar = load_calendar()
    form = InterpretationFilter(request.GET or None, user=request.user, calendar=calendar, today=today,
                                allow_all=False)
    year = _cleaned(form, "year", today.year)
    department = _cleaned(form, "department")
    allowed, setting_problem = reports.allowed_interpretation_lag()
    report = reports.lagging_interpretations(request.user, calendar, year, allowed, department=department)
    rows = report.rows
    page, query = _page(request, rows)
    reports.attach_interpretations(page.object_list)
    problems = [reports.calendar_message(CalendarYearMissing(y)) for y in report.missing_years]
    if setting_problem:
        problems.insert(0, setting_problem)
    return render(request, "disclosure/admin/reports/interpretations_late.html", _context(
        "解读发布滞后", form=form, page=page, query=query, allowed=allowed, year=year, problems=problems,
        skipped=report.skipped))


# --- export of the full disclosure list (政务公开全清单) ------------------------------------------------


def _scope_description(user):
    ids = visible_department_ids(user)
    if ids is None:
        return "全部部门"
    names = list(reports.visible_departments(user).values_list("name", flat=True))
    return "、".join(names) if names else "无"


def _audit_export(request, records, label):
    count = records.count()
    audit("disclosure.export", actor=request.user, object_type="disclosure.informationrecord",
          object_repr="政务公开全清单",
          summary=f"导出政务公开全清单（{label}），共 {count} 条；范围：{_scope_description(request.user)}")
    return count


def _filename(extension):
    return f"政务公开全清单-{reports.today():%Y-%m-%d}.{extension}"


def _text_cell(value):
    """A text value for CSV that a spreadsheet will not run as a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write() returns the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def _csv_lines(records):
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(reports.EXPORT_HEADERS)  # BOM: Excel then reads the file as UTF-8
    for row in reports.export_rows(records):
        yield writer.writerow([
            value.isoformat() if isinstance(value, dt.date) else _text_cell(value if value is not None else "")
            for value in row
        ])


@forbidden_as_403
def export(request):
    require(can_view_records(request.user))
    return render(request, "disclosure/admin/reports/export.html", _context(
        "导出政务公开全清单", scope=_scope_description(request.user), headers=reports.EXPORT_HEADERS,
        count=reports.visible_records(request.user).count()))


@forbidden_as_403
def export_csv(request):
    require(can_view_records(request.user))
    records = reports.visible_records(request.user)
    _audit_export(request, records, "CSV")
    response = StreamingHttpResponse(_csv_lines(records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, _filename("csv"))
    return response


def _xlsx_value(sheet, value):
    """A plain value where possible (fast); a cell forced to text when a string would read as a formula."""
    if not isinstance(value, str):
        return value  # dates get openpyxl's yyyy-mm-dd format
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not value.startswith("="):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # text stays text (no formula injection)
    return cell


def _xlsx_header(sheet, text):
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    return cell


COLUMN_WIDTHS = [26, 60, 24, 10, 20, 30, 12, 30, 14, 8, 12, 12, 12, 12]


@forbidden_as_403
def export_xlsx(request):
    """The list as an Excel workbook, written row by row (openpyxl write-only) to a temporary file."""
    require(can_view_records(request.user))
    records = reports.visible_records(request.user)
    if records.count() > EXCEL_MAX_RECORDS:
        messages.error(request, f"信息超过 {EXCEL_MAX_RECORDS} 条，超出 Excel 一张工作表的行数上限，请下载 CSV 文件。")
        return redirect("disclosure_report_export")
    _audit_export(request, records, "Excel")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("政务公开全清单")
    for index, width in enumerate(COLUMN_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_xlsx_header(sheet, header) for header in reports.EXPORT_HEADERS])
    for row in reports.export_rows(records):
        sheet.append([_xlsx_value(sheet, value) for value in row])
    output = tempfile.TemporaryFile(suffix=".xlsx")  # removed when the response closes it
    workbook.save(output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=_filename("xlsx"), content_type=XLSX_TYPE)


report_urlpatterns = [
    path("", report_index, name="disclosure_report_index"),
    path("timeliness/", timeliness, name="disclosure_report_timeliness"),
    path("withheld/", withheld, name="disclosure_report_withheld"),
    path("interpretations/missing/", interpretations_missing, name="disclosure_report_interpretations_missing"),
    path("interpretations/late/", interpretations_late, name="disclosure_report_interpretations_late"),
    path("export/", export, name="disclosure_report_export"),
    path("export/csv/", export_csv, name="disclosure_report_export_csv"),
    path("export/xlsx/", export_xlsx, name="disclosure_report_export_xlsx"),
]
