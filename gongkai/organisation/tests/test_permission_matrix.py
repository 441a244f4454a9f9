"""Every back-office URL × every role × own/other department: allowed or denied as designed."""

import pytest
from django.urls import reverse

from gongkai.organisation import roles

A, OGI, E, R, H, U = (roles.ADMINISTRATOR, roles.OGI_OFFICE, roles.EDITOR, roles.REVIEWER, roles.HEAD, roles.AUDITOR)
ALL = set(roles.ALL_ROLES)

# (url name, kwargs key or None, {roles allowed}) — "own"/"other"/"child" pick a department for <pk>.
MATRIX = [
    ("wagtailadmin_home", None, ALL),
    ("organisation_agency_edit", None, {A}),
    ("organisation_department_index", None, ALL),
    ("organisation_department_create", None, {A}),
    ("organisation_department_edit", "own", {A, H}),
    ("organisation_department_edit", "child", {A, H}),
    ("organisation_department_edit", "other", {A}),
    ("organisation_staff_index", None, {A, H}),
    ("organisation_staff_create", None, {A}),
    ("organisation_staff_edit", "staff", {A}),
    ("audit_index", None, {A, U}),
    ("audit_detail", "audit", {A, U}),
    ("security_policy", None, {A}),
    ("security_otp_setup", None, ALL),
    ("security_otp_verify", None, ALL),
    ("workcalendar_index", None, {A, OGI}),
    ("workcalendar_year", "year", {A, OGI}),
    ("workcalendar_import", None, {A}),
    ("workcalendar_day_edit", None, {A}),
    ("disclosure_record_index", None, ALL),
    ("disclosure_record_create", None, {E, OGI}),
    ("disclosure_record_detail", "record_own", ALL),
    ("disclosure_record_detail", "record_other", {A, OGI, U}),
    ("disclosure_record_edit", "record_own", {E, OGI}),
    ("disclosure_record_edit", "record_other", {OGI}),
    ("disclosure_import", None, {A, OGI}),
    ("disclosure_category_index", None, {A, OGI}),
    ("disclosure_category_create", None, {A, OGI}),
    ("disclosure_report_index", None, ALL),
    ("disclosure_report_timeliness", None, ALL),
    ("disclosure_report_withheld", None, ALL),
    ("disclosure_report_interpretations_missing", None, ALL),
    ("disclosure_report_interpretations_late", None, ALL),
    ("disclosure_report_export", None, ALL),
    ("wagtailadmin_explore_root", None, {A, OGI}),
    ("wagtailusers_users:index", None, {A}),
    ("wagtailsites:index", None, {A}),
    ("wagtailimages:index", None, {A, OGI, E}),
    ("wagtaildocs:index", None, {A, OGI, E}),
]


def _record(department):
    import datetime as dt

    from django.contrib.auth import get_user_model

    from gongkai.disclosure.models import Category, InformationRecord

    drafter = get_user_model().objects.get(username="u_ogi_office")
    return InformationRecord.objects.get_or_create(
        title=f"{department.name}的通知", defaults={
            "department": department, "category": Category.objects.get(code="art20-15"), "drafter": drafter,
            "formed_on": dt.date(2026, 11, 2),
        })[0]


def _url(name, key, departments, staff):
    from gongkai.audit.models import AuditEntry

    if key is None:
        return reverse(name)
    if key == "staff":
        return reverse(name, args=[staff[roles.EDITOR].staff_profile.pk])
    if key in ("record_own", "record_other"):
        return reverse(name, args=[_record(departments["own" if key == "record_own" else "other"]).pk])
    if key == "year":
        return reverse(name, args=[2026])
    if key == "audit":
        return reverse(name, args=[AuditEntry.objects.order_by("pk").first().pk])
    return reverse(name, args=[departments[key].pk])


@pytest.mark.django_db
@pytest.mark.parametrize("role", roles.ALL_ROLES)
@pytest.mark.parametrize(("name", "key", "allowed"), MATRIX, ids=[f"{m[0]}-{m[1]}" for m in MATRIX])
def test_back_office_matrix(role, name, key, allowed, departments, staff, client_for):
    response = client_for(role).get(_url(name, key, departments, staff))
    if role in allowed:
        assert response.status_code == 200, f"{role} should open {name}"
    elif name.startswith("wagtail"):
        # Wagtail's own screens answer a refusal with a redirect to the dashboard and a message.
        assert response.status_code == 302, f"{role} must not open {name} (got {response.status_code})"
    elif response.status_code == 404:
        # Records outside the user's departments do not exist for them.
        assert key == "record_other", f"{role} got 404 for {name}"
    else:
        assert response.status_code == 403, f"{role} must not open {name} (got {response.status_code})"
        assert "没有权限" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "key", "allowed"), MATRIX, ids=[f"{m[0]}-{m[1]}" for m in MATRIX])
def test_anonymous_gets_login_page(name, key, allowed, client, departments, staff):
    response = client.get(_url(name, key, departments, staff))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [E, R, H])
def test_department_list_is_scoped(role, departments, client_for):
    body = client_for(role).get(reverse("organisation_department_index")).content.decode()
    assert departments["own"].name in body
    assert departments["child"].name in body
    assert departments["other"].name not in body


@pytest.mark.django_db
def test_head_sees_only_own_department_staff(departments, staff, make_staff, client_for):
    make_staff("food_editor", E, departments["other"])
    body = client_for(H).get(reverse("organisation_staff_index")).content.decode()
    assert "u_editor" in body
    assert "food_editor" not in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", [E, R, H, OGI, U])
def test_refused_post_changes_nothing(role, departments, client_for):
    other = departments["other"]
    response = client_for(role).post(
        reverse("organisation_department_edit", args=[other.pk]),
        {"name": "被篡改", "code": other.code, "functions": "x", "head_name": "", "phone": "", "address": "",
         "sort_order": 1, "is_active": "on"},
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.name == "食品生产安全监督管理科"
