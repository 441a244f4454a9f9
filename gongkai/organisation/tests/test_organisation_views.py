"""The administrator's organisation screens: what they change, what they refuse."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.organisation.models import Agency, Department, StaffProfile

AGENCY_POST = {
    "name": "测试市市场监督管理局", "site_name": "测试市市场监督管理局", "domain": "www.test.gov.cn",
    "site_id_code": "1234000009", "icp_number": "测ICP备123号", "police_number": "测公网安备 1号",
    "address": "测试路 1 号", "postcode": "100000", "office_hours": "工作日", "description": "",
    "ogi_office_name": "办公室", "ogi_address": "", "ogi_hours": "", "ogi_phone": "010-1", "ogi_fax": "",
    "ogi_email": "gk@test.gov.cn", "index_code": "12340000MB0000001X",
    "index_number_pattern": "{agency_code}/{year}-{seq:05d}",
}


@pytest.mark.django_db
def test_admin_fills_in_the_agency_and_the_site_footer_uses_it(client_for, client):
    response = client_for("administrator").post(reverse("organisation_agency_edit"), AGENCY_POST)
    assert response.status_code == 302
    agency = Agency.current()
    assert agency.site_id_code == "1234000009"
    assert AuditEntry.objects.filter(action="agency.create", object_id=str(agency.pk)).exists()
    response = client_for("administrator").post(reverse("organisation_agency_edit"),
                                                 {**AGENCY_POST, "ogi_phone": "010-2"})
    entry = AuditEntry.objects.get(action="agency.update")
    assert (entry.before["ogi_phone"], entry.after["ogi_phone"]) == ("010-1", "010-2")
    assert Agency.objects.count() == 1


@pytest.mark.django_db
def test_bad_agency_input_changes_nothing(client_for):
    client_for("administrator").post(reverse("organisation_agency_edit"), AGENCY_POST)
    response = client_for("administrator").post(reverse("organisation_agency_edit"),
                                                 {**AGENCY_POST, "ogi_email": "不是邮箱", "name": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "有效的 Email 地址" in body and "必需字段" in body
    assert Agency.current().name == "测试市市场监督管理局"


@pytest.mark.django_db
def test_department_code_must_be_unique_and_parent_cannot_loop(client_for, departments):
    client = client_for("administrator")
    response = client.post(reverse("organisation_department_create"),
                           {"name": "新科室", "code": "quality", "sort_order": 5, "is_active": "on"})
    assert "已存在" in response.content.decode()
    assert not Department.objects.filter(name="新科室").exists()
    own, child = departments["own"], departments["child"]
    response = client.post(reverse("organisation_department_edit", args=[own.pk]),
                           {"name": own.name, "code": own.code, "parent": child.pk, "sort_order": 1, "is_active": "on"})
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.parent is None


@pytest.mark.django_db
def test_head_edits_only_the_public_entries_of_own_department(client_for, departments):
    own = departments["own"]
    response = client_for("head").post(reverse("organisation_department_edit", args=[own.pk]), {
        "functions": "负责产品质量监督抽查。", "head_name": "新负责人", "phone": "0999-5", "address": "一楼",
        "name": "改名", "code": "changed", "is_active": "",
    })
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.functions == "负责产品质量监督抽查。" and own.head_name == "新负责人"
    assert own.name == "产品质量安全监督管理科" and own.code == "quality" and own.is_active


@pytest.mark.django_db
def test_admin_creates_staff_with_role_and_department(client_for, departments):
    response = client_for("administrator").post(reverse("organisation_staff_create"), {
        "username": "new.editor", "full_name": "新编辑", "role": "editor", "department": departments["other"].pk,
        "password1": "Quite-Long-Pass-42", "password2": "Quite-Long-Pass-42",
    })
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user__username="new.editor")
    assert profile.department == departments["other"] and profile.role == "editor"
    assert profile.user.groups.filter(name="部门编辑").exists()
    assert profile.user.has_perm("wagtailadmin.access_admin")
    assert AuditEntry.objects.filter(action="staff.create", object_id=str(profile.pk)).exists()


@pytest.mark.django_db
def test_department_roles_need_a_department(client_for):
    response = client_for("administrator").post(reverse("organisation_staff_create"), {
        "username": "nodept", "full_name": "无部门", "role": "reviewer",
        "password1": "Quite-Long-Pass-42", "password2": "Quite-Long-Pass-42",
    })
    assert "必须选择所属部门" in response.content.decode()
    assert not get_user_model().objects.filter(username="nodept").exists()


@pytest.mark.django_db
def test_admin_cannot_lock_themself_out(client_for, staff):
    profile = staff["administrator"].staff_profile
    response = client_for("administrator").post(reverse("organisation_staff_edit", args=[profile.pk]), {
        "full_name": "管理员", "role": "auditor", "is_active": "on",
    })
    assert "不能取消自己的管理员角色" in response.content.decode()
    profile.refresh_from_db()
    assert profile.role == "administrator"


@pytest.mark.django_db
def test_deactivated_staff_cannot_log_in(client_for, staff, client):
    from conftest import STAFF_PASSWORD

    profile = staff["editor"].staff_profile
    client_for("administrator").post(reverse("organisation_staff_edit", args=[profile.pk]), {
        "full_name": "u_editor", "role": "editor", "department": profile.department.pk,
    })
    profile.user.refresh_from_db()
    assert not profile.user.is_active
    response = client.post(reverse("wagtailadmin_login"), {"username": "u_editor", "password": STAFF_PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
