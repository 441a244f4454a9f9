"""Back-office screens for the agency record, departments and staff accounts.

Thin views: they check permissions (gongkai.organisation.permissions), parse the
form and call a service. URLs are registered in wagtail_hooks.py under /admin/organisation/.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from gongkai.organisation import permissions, roles, services
from gongkai.organisation.forms import (
    AGENCY_FIELDS,
    AgencyForm,
    DepartmentContactForm,
    DepartmentForm,
    StaffCreateForm,
    StaffForm,
)
from gongkai.organisation.models import Agency, Department, StaffProfile


def _form_page(request, form, title, cancel_url, intro="", submit_label="保存"):
    return render(request, "gongkai_admin/form.html", {
        "form": form, "page_title": title, "header_title": title, "cancel_url": cancel_url, "intro": intro,
        "submit_label": submit_label,
    })


@permissions.forbidden_as_403
def agency_edit(request):
    permissions.require(permissions.can_manage_organisation(request.user))
    agency = Agency.current() or Agency()
    form = AgencyForm(request.POST or None, instance=Agency.current() or Agency())
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in AGENCY_FIELDS}
        services.do_save_agency(request.user, agency, data)
        messages.success(request, "机关信息已保存，网站页脚和页面标签会立即使用新信息。")
        return redirect("organisation_agency_edit")
    return _form_page(request, form, "机关信息", reverse("wagtailadmin_home"),
                      intro="这些信息显示在门户网站每个页面的页脚和国家规定的页面标签中。")


@permissions.forbidden_as_403
def department_index(request):
    permissions.require(permissions.is_staff_member(request.user))
    visible = permissions.visible_department_ids(request.user)
    departments = Department.objects.select_related("parent")
    if visible is not None:
        departments = departments.filter(pk__in=visible)
    rows = [(d, permissions.can_edit_department(request.user, d)) for d in departments]
    return render(request, "organisation/department_index.html", {
        "page_title": "部门", "header_title": "部门", "rows": rows,
        "can_create": permissions.can_manage_organisation(request.user),
    })


@permissions.forbidden_as_403
def department_create(request):
    permissions.require(permissions.can_manage_organisation(request.user))
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        department = services.do_create_department(request.user, form.cleaned_data)
        messages.success(request, f"已新建部门“{department.name}”。")
        return redirect("organisation_department_index")
    return _form_page(request, form, "新建部门", reverse("organisation_department_index"))


@permissions.forbidden_as_403
def department_edit(request, pk):
    department = get_object_or_404(Department, pk=pk)
    permissions.require(permissions.can_edit_department(request.user, department))
    form_class = DepartmentForm if permissions.can_manage_organisation(request.user) else DepartmentContactForm
    form = form_class(request.POST or None, instance=Department.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        services.do_update_department(request.user, department, form.cleaned_data)
        messages.success(request, f"部门“{department.name}”的信息已保存。")
        return redirect("organisation_department_index")
    return _form_page(request, form, f"编辑部门：{department.name}", reverse("organisation_department_index"))


@permissions.forbidden_as_403
def staff_index(request):
    permissions.require(permissions.can_view_staff_list(request.user))
    profiles = StaffProfile.objects.select_related("user", "department").order_by(
        "department__sort_order", "user__username"
    )
    visible = permissions.visible_department_ids(request.user)
    if visible is not None:
        profiles = profiles.filter(department_id__in=visible)
    page = Paginator(profiles, 50).get_page(request.GET.get("p"))
    return render(request, "organisation/staff_index.html", {
        "page_title": "工作人员", "header_title": "工作人员", "page": page,
        "can_manage": permissions.can_manage_organisation(request.user),
    })


@permissions.forbidden_as_403
def staff_create(request):
    permissions.require(permissions.can_manage_organisation(request.user))
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        profile = services.do_create_staff(
            request.user, username=data["username"], password=data["password1"], role=data["role"],
            department=data["department"], full_name=data["full_name"], email=data["email"], phone=data["phone"],
        )
        messages.success(request, f"已为 {profile.user.first_name} 创建账号“{profile.user.username}”。")
        return redirect("organisation_staff_index")
    return _form_page(request, form, "新建工作人员账号", reverse("organisation_staff_index"))


@permissions.forbidden_as_403
def staff_edit(request, pk):
    permissions.require(permissions.can_manage_organisation(request.user))
    profile = get_object_or_404(StaffProfile.objects.select_related("user"), pk=pk)
    initial = {
        "full_name": profile.user.first_name, "email": profile.user.email, "phone": profile.phone,
        "role": profile.role, "department": profile.department, "is_active": profile.user.is_active,
    }
    form = StaffForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if profile.user == request.user and (data["role"] != roles.ADMINISTRATOR or not data["is_active"]):
            form.add_error("role", "不能取消自己的管理员角色或停用自己的账号，请让另一位管理员操作。")
        else:
            services.do_update_staff(
                request.user, profile, role=data["role"], department=data["department"], full_name=data["full_name"],
                email=data["email"], phone=data["phone"], is_active=data["is_active"],
            )
            messages.success(request, f"工作人员“{profile.user.username}”的信息已保存。")
            return redirect("organisation_staff_index")
    return _form_page(request, form, f"编辑工作人员：{profile.user.username}", reverse("organisation_staff_index"))
