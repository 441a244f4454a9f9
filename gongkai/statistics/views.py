"""Back-office screens of the statistics dashboards (统计分析): the page and its Excel export.

Thin views: the figures come from figures.py, the workbook from exports.py. Both views check
permissions on the server (permissions.can_view_statistics) and limit the figures to the user's
departments. wagtail_hooks.py mounts `urlpatterns` under /admin/statistics/, behind Wagtail's login.
"""

import tempfile
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from gongkai.audit.services import record as audit
from gongkai.organisation.models import Department
from gongkai.organisation.permissions import forbidden_as_403, require, visible_department_ids
from gongkai.statistics import exports, figures
from gongkai.statistics.permissions import can_view_statistics

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DashboardFilter(forms.Form):
    """The year and the department (GET). A wrong value is explained and the default is shown instead."""

    year = forms.TypedChoiceField(label="统计年份", coerce=int, required=False, empty_value=None)

    def __init__(self, data, *, user, on):
        super().__init__(data)
        years = figures.year_choices(on)
        self.default_year = on.year
        self.fields["year"].choices = [(year, f"{year} 年") for year in years]
        self.fields["year"].error_messages["invalid_choice"] = (
            f"没有“%(value)s”这个年份可以选择，请选择 {years[-1]} 年至 {years[0]} 年之间的年份。")
        self.all_departments = visible_department_ids(user) is None
        departments = Department.objects.order_by("sort_order", "pk")
        if not self.all_departments:
            departments = departments.filter(pk__in=visible_department_ids(user))
        self.fields["department"] = forms.ModelChoiceField(
            label="部门", queryset=departments, required=False,
            empty_label="全部部门" if self.all_departments else "本部门及下级部门",
            error_messages={"invalid_choice": "所选的部门不存在，或不在您可以查看的范围内。"})

    def choice(self):
        """(year, department, problems): wrong values fall back to the current year / all departments."""
        if not self.is_bound:
            return self.default_year, None, []
        self.is_valid()
        data = self.cleaned_data
        problems = []
        if "year" in self.errors:
            problems.append(f"{self.errors['year'][0]} 下面显示的是 {self.default_year} 年的数据。")
        if "department" in self.errors:
            shown = self.fields["department"].empty_label
            problems.append(f"{self.errors['department'][0]} 下面显示的是{shown}的数据。")
        return data.get("year") or self.default_year, data.get("department"), problems

    def scope_label(self, department):
        if department is not None:
            return f"{department.name}（含下级部门）"
        return self.fields["department"].empty_label


def _query(year, department):
    params = {"year": year}
    if department is not None:
        params["department"] = department.pk
    return urlencode(params)


@forbidden_as_403
def dashboard(request):
    """The dashboards: key figures, then each chart with the same figures as a table under it."""
    require(can_view_statistics(request.user))
    on = figures.today()
    form = DashboardFilter(request.GET or None, user=request.user, on=on)
    year, department, problems = form.choice()
    board = figures.dashboard(request.user, year, department=department, on=on)
    title = "统计分析"
    return render(request, "statistics/dashboard.html", {
        "page_title": title, "header_title": title, "form": form, "board": board, "filter_problems": problems,
        "scope_label": form.scope_label(department), "export_query": _query(year, department),
    })


@forbidden_as_403
def export(request):
    """Every table of the dashboards as an Excel workbook, one sheet each; written to the audit log."""
    require(can_view_statistics(request.user))
    on = figures.today()
    form = DashboardFilter(request.GET or None, user=request.user, on=on)
    year, department, problems = form.choice()
    if problems:
        messages.error(request, "没有导出：请先更正统计条件。")
        return redirect(f"{reverse('statistics_dashboard')}?{request.GET.urlencode()}")
    board = figures.dashboard(request.user, year, department=department, on=on)
    scope_label = form.scope_label(department)
    audit("statistics.export", actor=request.user, object_type="statistics.dashboard",
          object_repr=f"{year} 年统计分析", after={"year": year, "department": department.pk if department else None},
          summary=f"导出 {year} 年统计分析（Excel）；范围：{scope_label}")
    output = tempfile.TemporaryFile(suffix=".xlsx")  # removed when the response closes it
    exports.write_workbook(board, output, scope_label=scope_label)
    output.seek(0)
    return FileResponse(output, as_attachment=True, filename=f"统计分析-{year}年.xlsx", content_type=XLSX_TYPE)


urlpatterns = [
    path("", dashboard, name="statistics_dashboard"),
    path("export.xlsx", export, name="statistics_export"),
]
