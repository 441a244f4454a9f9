"""The auditor's view of the audit log: a filtered, paginated list and one entry in full."""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from gongkai.audit.models import AuditEntry
from gongkai.organisation import permissions


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="操作人账号", required=False, max_length=150)
    action = forms.CharField(label="操作", required=False, max_length=60)
    object_type = forms.CharField(label="对象类型", required=False, max_length=100)
    date_from = forms.DateField(label="开始日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="结束日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "结束日期不能早于开始日期。")
        return data


def filtered_entries(form):
    entries = AuditEntry.objects.all()
    if not form.is_valid():
        return entries.none()
    data = form.cleaned_data
    if data["actor"]:
        entries = entries.filter(actor_name__icontains=data["actor"])
    if data["action"]:
        entries = entries.filter(action__icontains=data["action"])
    if data["object_type"]:
        entries = entries.filter(object_type__icontains=data["object_type"])
    if data["date_from"]:
        entries = entries.filter(created_at__date__gte=data["date_from"])
    if data["date_to"]:
        entries = entries.filter(created_at__date__lt=data["date_to"] + datetime.timedelta(days=1))
    return entries


@permissions.forbidden_as_403
def audit_index(request):
    permissions.require(permissions.can_view_audit_log(request.user))
    form = AuditFilterForm(request.GET or None)
    entries = filtered_entries(form) if request.GET else AuditEntry.objects.all()
    page = Paginator(entries, 50).get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return render(request, "audit/index.html", {
        "page_title": "审计日志", "header_title": "审计日志", "form": form, "page": page,
        "query": query.urlencode(),
    })


@permissions.forbidden_as_403
def audit_detail(request, pk):
    permissions.require(permissions.can_view_audit_log(request.user))
    entry = get_object_or_404(AuditEntry, pk=pk)
    return render(request, "audit/detail.html", {
        "page_title": f"审计日志第 {entry.pk} 条", "header_title": f"审计日志第 {entry.pk} 条", "entry": entry,
    })
