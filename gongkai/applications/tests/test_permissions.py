"""Who may do what with disclosure applications (permissions.py), role by role.

The OGI office handles every application and alone opens identity data; the assigned
department drafts (editor, head), reviews (reviewer) and approves (head); the head of the
department that houses the OGI office approves extensions (条例第三十三条); the
administrator and the auditor read but do not handle.
"""

import datetime as dt

import pytest

from gongkai.applications import permissions as perms
from gongkai.applications.models import DisclosureApplication

ROLES = ["administrator", "ogi_office", "editor", "reviewer", "head", "auditor", "ogi_head", "other_editor",
         "other_head", "child_editor"]


@pytest.fixture
def users(staff, ogi_head, make_staff, departments):
    return {
        **staff, "ogi_head": ogi_head,
        "other_editor": make_staff("u_other_editor", "editor", departments["other"]),
        "other_head": make_staff("u_other_head", "head", departments["other"]),
        "child_editor": make_staff("u_child_editor", "editor", departments["child"]),
    }


@pytest.fixture
def application(assigned):
    return assigned(received_on=dt.date(2026, 6, 1))


# role → (view, identity, draft, review, approve, extension)
EXPECTED = {
    "administrator": (True, False, False, False, False, False),
    "ogi_office": (True, True, True, True, False, False),
    "editor": (True, False, True, False, False, False),
    "reviewer": (True, False, False, True, False, False),
    "head": (True, False, True, False, True, False),
    "auditor": (True, False, False, False, False, False),
    "ogi_head": (True, False, False, False, False, True),
    "other_editor": (False, False, False, False, False, False),
    "other_head": (False, False, False, False, False, False),
    "child_editor": (False, False, False, False, False, False),
}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(users, application, role):
    user = users[role]
    got = (perms.can_view_application(user, application), perms.can_view_identity(user, application),
           perms.can_draft_reply(user, application), perms.can_review_reply(user, application),
           perms.can_approve_reply(user, application), perms.can_approve_extension(user))
    assert got == EXPECTED[role]
    visible = perms.visible_applications(user, DisclosureApplication.objects.all())
    assert (application in visible) == EXPECTED[role][0]


def test_the_department_above_sees_and_handles_applications_of_its_sub_department(users, application, departments):
    DisclosureApplication.objects.filter(pk=application.pk).update(department=departments["child"])
    application.refresh_from_db()
    assert perms.can_view_application(users["editor"], application)
    assert perms.can_draft_reply(users["editor"], application)
    assert perms.can_approve_reply(users["head"], application)
    assert perms.can_view_application(users["child_editor"], application)
    assert not perms.can_view_application(users["other_editor"], application)


def test_an_unassigned_application_is_seen_by_the_ogi_office_only_among_handlers(users, register):
    unassigned = register()
    assert perms.can_view_application(users["ogi_office"], unassigned)
    assert perms.can_view_application(users["ogi_head"], unassigned)
    assert not perms.can_view_application(users["editor"], unassigned)
    assert not perms.can_draft_reply(users["editor"], unassigned)
    assert not perms.can_approve_reply(users["head"], unassigned)


def test_the_ogi_head_is_the_head_of_the_agencys_ogi_department(users, agency, departments):
    assert perms.is_ogi_head(users["ogi_head"])
    assert not perms.is_ogi_head(users["head"])
    agency.ogi_department = departments["own"]
    agency.save()
    assert perms.is_ogi_head(users["head"]) and not perms.is_ogi_head(users["ogi_head"])
    agency.ogi_department = None
    agency.save()
    assert not any(perms.is_ogi_head(u) for u in users.values())


@pytest.mark.parametrize("role, department, allowed", [
    ("ogi_office", "own", True), ("editor", "own", True), ("head", "own", True), ("editor", "child", True),
    ("child_editor", "own", False), ("child_editor", "child", True), ("other_editor", "own", False),
    ("reviewer", "own", False), ("auditor", "own", False), ("administrator", "own", False),
])
def test_who_can_be_the_handler(users, departments, role, department, allowed):
    assert perms.can_handle(users[role], departments[department]) is allowed


def test_a_deactivated_user_has_no_rights(users, application):
    ogi = users["ogi_office"]
    ogi.is_active = False
    ogi.save()
    assert not perms.is_ogi_office(ogi) and not perms.can_view_application(ogi, application)


def test_only_the_ogi_office_registers_and_administrator_edits_templates(users):
    assert [r for r in ROLES if perms.can_register(users[r])] == ["ogi_office"]
    assert sorted(r for r in ROLES if perms.can_edit_letter_templates(users[r])) == ["administrator", "ogi_office"]
