"""Back-office screens: the workbench of disclosure applications, its Excel export, the Art. 44 proposals.

Thin views: the queue, its order and rows live in workbench.py; the clock in clock.py. Every view
checks permissions on the server. wagtail_hooks.py mounts `workbench_urlpatterns` under
/admin/applications/, behind Wagtail's login.
"""

import tempfile

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from gongkai.applications import choices, services, workbench
from gongkai.applications import permissions as perms
from gongkai.applications import proposals as proposal_queue
from gongkai.applications.errors import Refused
from gongkai.applications.models import ProactiveProposal
from gongkai.audit.services import record as audit
from gongkai.organisation.permissions import forbidden_as_403, require
from gongkai.workcalendar.services import load_calendar

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXCEL_MAX_ROWS = 1_048_575  # an Excel sheet holds 1,048,576 rows, one of them the header
COLUMN_WIDTHS = [18, 14, 40, 14, 10, 24, 12, 12, 20, 22, 30, 12, 10]


class WorkbenchFilter(forms.Form):
    """The queue filters (GET). A wrong value is reported on its field and otherwise ignored."""

    status = forms.ChoiceField(label="办理状态", required=False, choices=workbench.STATUS_CHOICES)
    stage = forms.ChoiceField(label="阶段", required=False, choices=[("", "全部阶段"), *choices.STAGE_CHOICES])
    due = forms.ChoiceField(label="到期时间", required=False, choices=workbench.DUE_CHOICES)
    channel = forms.ChoiceField(label="申请方式", required=False, choices=[("", "全部"), *choices.CHANNEL_CHOICES])
    q = forms.CharField(label="编号、申请人或信息名称", required=False)

    def __init__(self, data, *, user):
        super().__init__(data)
        self.fields["department"] = forms.ModelChoiceField(
            label="承办部门", queryset=workbench.visible_departments(user), required=False, empty_label="全部部门")
        self.order_fields(["status", "stage", "department", "due", "channel", "q"])

    def filters(self):
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return workbench.Filters(
            stage=data.get("stage") or "", department=data.get("department"), due=data.get("due") or "",
            channel=data.get("channel") or "", status=data.get("status") or workbench.STATUS_OPEN,
            q=(data.get("q") or "").strip()[:workbench.QUERY_LENGTH])


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("p", None)
    return query.urlencode()


@forbidden_as_403
def workbench_index(request):
    """The queue (RULES.md §3.2): working days left for each case, overdue on top."""
    require(perms.can_view_applications(request.user))
    today = services.today()
    calendar = load_calendar()
    form = WorkbenchFilter(request.GET, user=request.user)
    filters = form.filters()
    applications, problems = workbench.queue(request.user, filters, today, calendar)
    page = Paginator(workbench.with_clock_data(applications), workbench.PAGE_SIZE).get_page(request.GET.get("p"))
    query = _query_without_page(request)
    return render(request, "applications/admin/workbench.html", {
        "page_title": "依申请公开工作台", "header_title": "依申请公开工作台",
        "form": form, "filters": filters, "page": page, "rows": workbench.rows(page.object_list, today, calendar),
        "query": query, "problems": problems, "today": today,
        "overdue": workbench.overdue_count(request.user, today),
        "pending_proposals": proposal_queue.pending_proposals().count(),
        "headers": workbench.PAGE_HEADERS,
    })


def _header_cell(sheet, text):
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    return cell


def _cell(sheet, value):
    """Dates as Excel dates; text forced to text so that nothing typed by an applicant runs as a formula."""
    if value is None:
        return None
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"
        return cell
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = "yyyy-mm-dd"
    return cell


@forbidden_as_403
def export(request):
    """The queue under the current filters, every page, as an Excel workbook (依申请公开台账).

    It contains applicants' names (personal data), so each export is written to the audit log.
    """
    require(perms.can_view_applications(request.user))
    today = services.today()
    calendar = load_calendar()
    filters = WorkbenchFilter(request.GET, user=request.user).filters()
    applications, _ = workbench.queue(request.user, filters, today, calendar)
    count = applications.count()
    if count > EXCEL_MAX_ROWS:
        messages.error(request, f"共 {count} 件，超出 Excel 一张工作表的行数上限，请缩小筛选范围后再导出。")
        return redirect("applications_index")
    audit("applications.export", actor=request.user, object_type="applications.disclosureapplication",
          object_repr="依申请公开台账",
          summary=f"导出依申请公开台账（Excel，含申请人姓名），共 {count} 件；筛选条件：{filters.describe()}")

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("依申请公开台账")
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_header_cell(sheet, header) for header in workbench.EXPORT_HEADERS])
    written = 0
    for row in workbench.iter_rows(applications, today, calendar):
        sheet.append([_cell(sheet, value) for value in row.export_values()])
        written += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(workbench.EXPORT_HEADERS))}{written + 1}"
    output = tempfile.TemporaryFile(suffix=".xlsx")  # removed when the response closes it
    workbook.save(output)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=f"依申请公开台账-{today:%Y%m%d}.xlsx",
                        content_type=XLSX_TYPE)


# --- requested → proactive (条例 Art. 44) ------------------------------------------------------------


@forbidden_as_403
def proposals(request):
    """Information several applicants asked for, proposed for proactive disclosure; pending first."""
    require(proposal_queue.can_view_proposals(request.user))
    page = Paginator(proposal_queue.proposal_list(), workbench.PAGE_SIZE).get_page(request.GET.get("p"))
    shown = list(page.object_list)
    grouped = proposal_queue.proposal_applications(request.user, shown)
    items = [{"proposal": proposal, "applications": grouped.get(proposal.group_id, [])} for proposal in shown]
    return render(request, "applications/admin/proposals.html", {
        "page_title": "依申请公开转主动公开", "header_title": "依申请公开转主动公开",
        "page": page, "items": items, "query": "",
        "can_decide": proposal_queue.can_decide_proposals(request.user),
        "pending": proposal_queue.pending_proposals().count(),
    })


@require_POST
@forbidden_as_403
def proposal_decide(request, pk):
    """Accept (转为主动公开) or decline (不宜主动公开, reason required) one proposal."""
    require(proposal_queue.can_view_proposals(request.user))
    proposal = get_object_or_404(ProactiveProposal, pk=pk)
    decision = request.POST.get("decision", "")
    try:
        if decision == "accept":
            proposal_queue.do_accept_proposal(request.user, proposal, request.POST.get("record", ""),
                                         request.POST.get("note", ""))
            messages.success(request, f"已将“{proposal.group.title}”标记为转为主动公开。")
        elif decision == "decline":
            proposal_queue.do_decline_proposal(request.user, proposal, request.POST.get("reason", ""))
            messages.success(request, f"已记录“{proposal.group.title}”不宜主动公开及其理由。")
        else:
            raise Refused("请选择“转为主动公开”或“不宜主动公开”。")
    except Refused as exc:
        messages.error(request, str(exc))
    return redirect("applications_proposals")


workbench_urlpatterns = [
    path("", workbench_index, name="applications_index"),
    path("export.xlsx", export, name="applications_export"),
    path("proposals/", proposals, name="applications_proposals"),
    path("proposals/<int:pk>/", proposal_decide, name="applications_proposal_decide"),
]
