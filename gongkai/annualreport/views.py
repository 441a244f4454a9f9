"""Back-office screens of the annual report (/admin/annual-report/…). Thin: the work is in services.py.

Every view checks permissions on the server; every POST runs one service step and comes back to
the working view with a message (POST/redirect/GET). A refused step changes nothing.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.annualreport import exports, forms, permissions, services
from gongkai.annualreport import labels as L
from gongkai.annualreport.models import Adjustment, AnnualReport
from gongkai.applications.models import DisclosureApplication
from gongkai.audit.services import record as audit
from gongkai.organisation.permissions import forbidden_as_403, require

REFUSALS = (services.Refused, PermissionDenied)


def _year(year):
    try:
        return services.check_year(int(year))
    except (services.Refused, ValueError):
        raise Http404("没有这个年度的报告。") from None


def report_years(today=None):
    """Years offered in the list: from the first year with data (at most ten back) to this year."""
    today = today or timezone.localdate()
    first = DisclosureApplication.objects.aggregate(first=Min("received_on"))["first"]
    start = max(min(first.year if first else today.year - 1, today.year - 1), today.year - 10)
    known = set(AnnualReport.objects.values_list("year", flat=True))
    return sorted(set(range(start, today.year + 1)) | known, reverse=True)


@forbidden_as_403
def index(request):
    require(permissions.can_view(request.user))
    reports = {report.year: report for report in AnnualReport.objects.all()}
    rows = [{"year": year, "report": reports.get(year)} for year in report_years()]
    return render(request, "annualreport/admin/index.html", {
        "page_title": "政府信息公开工作年度报告", "header_title": "政府信息公开工作年度报告",
        "rows": rows, "reminder": services.reminder(),
    })


def _context(request, report, **forms_given):
    data = services.build(report)
    user = request.user
    checks = data["checks"]
    return {
        "page_title": f"{report.year} 年度报告", "header_title": f"{report.year} 年政府信息公开工作年度报告",
        "report": report, "data": data, "layout": services.layout(data), "checks": checks,
        "errors": [c for c in checks if not c["ok"] and c["severity"] == "error"],
        "warnings": [c for c in checks if not c["ok"] and c["severity"] == "warning"],
        "can_write": permissions.can_write(user) and report.is_editable,
        "can_review": (permissions.can_review(user) and report.status == "submitted"
                       and report.submitted_by_id != user.pk),
        "is_finished_year": report.year < timezone.localdate().year,
        "adjustments": report.adjustments.select_related("created_by", "cancelled_by"),
        "adjustment_form": forms_given.get("adjustment") or forms.AdjustmentForm(),
        "text_form": forms_given.get("text") or forms.TextForm(initial={
            field: getattr(report, field) for field in services.TEXT_FIELDS}),
        "review_form": forms_given.get("review") or forms.ReviewForm(),
        "entered_rows": [
            {"key": row, "label": L.TABLE2_ROW_LABELS[row],
             "column": L.TABLE2_COLUMN_LABELS[L.TABLE2_COLUMNS_OF[row][0]],
             "value": getattr(report, services.ENTERED_FIELDS[row][0]),
             "source": getattr(report, services.ENTERED_FIELDS[row][1])}
            for row in L.TABLE2_ENTERED_ROWS],
        "decisions": report.decisions.select_related("reviewer"),
        "explanation": data.get("carried_in_explanation"),
    }


@forbidden_as_403
def detail(request, year):
    require(permissions.can_view(request.user))
    report = services.report_for(_year(year))
    return render(request, "annualreport/admin/report.html", _context(request, report))


def _step(request, year, step, success):
    require(permissions.can_view(request.user))
    report = services.report_for(_year(year))
    try:
        result = step(report)
    except REFUSALS as exc:
        messages.error(request, f"没有保存：{exc}")
    else:
        messages.success(request, success(result) if callable(success) else success)
    return redirect("annualreport_detail", report.year)


@require_POST
@forbidden_as_403
def figures(request, year):
    values = {row: (request.POST.get(row, ""), request.POST.get(f"{row}_source", ""))
              for row in L.TABLE2_ENTERED_ROWS}
    return _step(request, year, lambda r: services.do_save_figures(request.user, r, values),
                 "表二的数字已保存。")


def _form_step(request, year, form, step, success):
    """A step that takes a form: a bad form is explained and changes nothing."""
    if not form.is_valid():
        messages.error(request, "没有保存：" + forms.error_text(form))
        return redirect("annualreport_detail", _year(year))
    return _step(request, year, lambda report: step(report, form.cleaned_data), success)


@require_POST
@forbidden_as_403
def adjust(request, year):
    def step(report, data):
        table, row, column = data["cell"].split("|")
        return services.do_add_adjustment(request.user, report, table=table, row=row, column=column,
                                          delta=data["delta"], reason=data["reason"])

    return _form_step(request, year, forms.AdjustmentForm(request.POST), step,
                      lambda a: f"已添加人工调整：{L.describe_cell(a.table, a.row, a.column)} {a.delta:+d}。")


@require_POST
@forbidden_as_403
def cancel_adjustment(request, year, pk):
    adjustment = get_object_or_404(Adjustment, pk=pk, report__year=_year(year))
    form = forms.CancelAdjustmentForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _step(request, year, lambda r: services.do_cancel_adjustment(request.user, adjustment, reason),
                 "已撤销这条人工调整，表格已重新计算。")


@require_POST
@forbidden_as_403
def text(request, year):
    return _form_step(request, year, forms.TextForm(request.POST),
                      lambda report, data: services.do_save_text(request.user, report, data), "正文已保存。")


@require_POST
@forbidden_as_403
def draft(request, year):
    """Fill sections 一 and 六 with the platform's drafts; existing text is replaced only when confirmed."""
    def step(report):
        if (report.section1.strip() or report.section6.strip()) and request.POST.get("overwrite") != "yes":
            raise services.Refused("第一、六部分已有内容。如要用系统草稿替换，请勾选“替换现有内容”后再生成。")
        return services.do_draft_text(request.user, report)

    return _step(request, year, step, "已根据本年度数据生成第一部分和第六部分的草稿，请核对修改后保存。")


@require_POST
@forbidden_as_403
def submit(request, year):
    return _step(request, year, lambda r: services.do_submit(request.user, r),
                 "已提交审核。审核通过后报告将发布到政府信息公开目录和“年度报告”栏目。")


@require_POST
@forbidden_as_403
def review(request, year):
    form = forms.ReviewForm(request.POST)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    if request.POST.get("decision") == "return":
        return _step(request, year, lambda r: services.do_return(request.user, r, data.get("comment", "")),
                     "已退回，编写人可以修改后重新提交。")
    checklist = {name: bool(data.get(name)) for name in services.CHECKLIST}
    return _step(request, year, lambda r: services.do_approve(request.user, r, checklist=checklist,
                                                              comment=data.get("comment", "")),
                 lambda r: f"审核通过，{r.year} 年度报告已发布（索引号 {r.record.index_number}）。")


@forbidden_as_403
def download(request, year, ext):
    require(permissions.can_view(request.user))
    if ext not in exports.FORMATS:
        raise Http404("只能下载 PDF、Word 或 Excel 格式。")
    report = services.report_for(_year(year))
    data = services.build(report)
    content, content_type = exports.render(report, data, ext)
    audit("annualreport.export", actor=request.user, obj=report, after={"format": ext},
          summary=f"导出 {report.year} 年度报告（{ext.upper()}）")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, exports.filename(report, ext))
    return response
