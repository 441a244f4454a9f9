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
    # Disclosure applications (依申请公开): the case screens, the workbench, letter templates, Art. 44 proposals.
    ("applications_index", None, ALL),
    ("applications_export", None, ALL),
    ("applications_proposals", None, ALL),
    ("applications_register", None, {OGI}),
    ("applications_detail", "application_own", ALL),
    ("applications_detail", "application_other", {A, OGI, U}),
    ("applications_letter_download", "letter_own", ALL),
    ("applications_letter_download", "letter_other", {A, OGI, U}),
    ("applications_letter_template_index", None, {A, OGI}),
    ("applications_letter_template_edit", "letter_template", {A, OGI}),
    ("applications_letter_template_reset", "letter_template", {A, OGI}),
    ("applications_letter_template_preview", "letter_template", {A, OGI}),
    # Statistics dashboards (统计分析): heads see their own departments' figures.
    ("statistics_dashboard", None, {A, OGI, U, H}),
    ("statistics_export", None, {A, OGI, U, H}),
    # The annual report (年度报告): the OGI office writes; the auditor and the administrator read. Reviewers and
    # heads read it only in the department that houses the OGI office (none in this matrix).
    ("annualreport_index", None, {A, OGI, U}),
    ("annualreport_detail", "year", {A, OGI, U}),
    ("annualreport_download", "annual_report_xlsx", {A, OGI, U}),
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


def _application(departments, staff, where):
    """An application registered by the OGI office and assigned to departments[where]."""
    import datetime as dt

    from gongkai.applications import intake, services
    from gongkai.workcalendar.testing import cover_years_around_today

    cover_years_around_today()
    ogi = staff[roles.OGI_OFFICE]
    data = {
        "applicant_type": "natural_person", "applicant_name": "王晓梅", "contact_person": "", "id_type": "resident_id",
        "id_number": "11010519491231002X", "phone": "13912345678", "email": "", "address": "", "postcode": "",
        "info_title": f"{departments[where].name}的抽查计划", "info_doc_number": "", "info_description": "",
        "requested_form": "electronic", "delivery_route": "email",
    }
    application = intake.do_register(ogi, data, [], "in_person", received_on=dt.date(2026, 6, 1),
                                     received_reason="补录")
    services.do_classify_application(ogi, application)
    return services.do_assign(ogi, application, departments[where])


def _url(name, key, departments, staff):
    from gongkai.audit.models import AuditEntry

    if key is None:
        return reverse(name)
    if key in ("application_own", "application_other"):
        return reverse(name, args=[_application(departments, staff, key.split("_")[1]).pk])
    if key in ("letter_own", "letter_other"):
        letter = _application(departments, staff, key.split("_")[1]).letters.first()
        return reverse(name, args=[letter.pk, "docx"])
    if key == "letter_template":
        from gongkai.applications import letters

        return reverse(name, args=[letters.template_keys()[0].slug])
    if key == "staff":
        return reverse(name, args=[staff[roles.EDITOR].staff_profile.pk])
    if key in ("record_own", "record_other"):
        return reverse(name, args=[_record(departments["own" if key == "record_own" else "other"]).pk])
    if key == "year":
        return reverse(name, args=[2026])
    if key == "annual_report_xlsx":
        return reverse(name, args=[2025, "xlsx"])
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
        # Records and applications outside the user's departments do not exist for them.
        assert key in ("record_other", "application_other", "letter_other"), f"{role} got 404 for {name}"
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


# Handling steps of disclosure applications: POST only (a link or a prefetch never changes a case or opens the
# applicant's identity data). (url name, extra url arguments after the application's pk.)
APPLICATION_POST_ONLY = [
    ("applications_identity", ()), ("applications_proof", (1,)), ("applications_classify", ()),
    ("applications_petition", ()), ("applications_pass_on", ()), ("applications_confirm_receipt", ()),
    ("applications_assign", ()), ("applications_correction", ()), ("applications_correction_received", ()),
    ("applications_correction_overdue", ()), ("applications_consultation", ()),
    ("applications_consultation_answer", (1,)), ("applications_fee", ()), ("applications_fee_paid", ()),
    ("applications_fee_unpaid", ()), ("applications_extension", ()), ("applications_art35", ()),
    ("applications_draft", ()), ("applications_submit", ()), ("applications_review", ()),
    ("applications_approve", ()), ("applications_reply", ()), ("applications_archive", ()),
    ("applications_remedy", ()), ("applications_remedy_update", (1,)),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "extra"), APPLICATION_POST_ONLY, ids=[m[0] for m in APPLICATION_POST_ONLY])
def test_application_steps_answer_get_with_405(name, extra, departments, staff, client_for, client):
    url = reverse(name, args=[_application(departments, staff, "own").pk, *extra])
    for role in roles.ALL_ROLES:
        assert client_for(role).get(url).status_code == 405, f"{role} GET {name}"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))
    response = client.post(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", [E, R, H])
def test_application_steps_of_other_departments_are_not_found(role, departments, staff, client_for):
    from gongkai.applications.models import DisclosureApplication

    application = _application(departments, staff, "other")
    client = client_for(role)
    for name, extra in APPLICATION_POST_ONLY:
        response = client.post(reverse(name, args=[application.pk, *extra]), {"decision": "pass"})
        assert response.status_code == 404, f"{role} POST {name}"
    assert DisclosureApplication.objects.get(pk=application.pk).stage == "assigned"
    assert application.events.count() == 4  # registered, received, classified, assigned


# Annual report steps: POST only.
ANNUAL_REPORT_POST_ONLY = ["annualreport_figures", "annualreport_adjust", "annualreport_text", "annualreport_draft",
                           "annualreport_submit", "annualreport_review"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ANNUAL_REPORT_POST_ONLY)
def test_annual_report_steps_answer_get_with_405(name, client_for):
    assert client_for(OGI).get(reverse(name, args=[2025])).status_code == 405
