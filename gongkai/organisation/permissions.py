"""Who may do what in the back office.

Every staff view calls one of these on the server; menus only mirror them.
Department-scoped roles (editor, reviewer, head) see their own department and
the departments below it; the administrator, the OGI office and the auditor see
the whole agency, the auditor read-only.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.urls import get_resolver

from gongkai.organisation import roles


def role_of(user):
    """The user's staff role, or None for the public and for staff without a profile."""
    if not user.is_authenticated or not user.is_active:
        return None
    profile = getattr(user, "staff_profile", None)
    if profile is None:
        return roles.ADMINISTRATOR if user.is_superuser else None
    return profile.role


def department_of(user):
    profile = getattr(user, "staff_profile", None)
    return profile.department if profile is not None else None


def is_staff_member(user):
    return role_of(user) is not None


def has_role(user, *allowed):
    return role_of(user) in allowed


def visible_department_ids(user):
    """Ids of departments whose work the user may see; None means all."""
    role = role_of(user)
    if role is None:
        return set()
    if role not in roles.DEPARTMENT_SCOPED:
        return None
    department = department_of(user)
    return department.descendant_ids() if department else set()


def can_view_department(user, department):
    ids = visible_department_ids(user)
    return ids is None or department.pk in ids


def can_edit_department(user, department):
    """The administrator edits any department; a head edits the entries of their own department."""
    role = role_of(user)
    if role == roles.ADMINISTRATOR:
        return True
    return role == roles.HEAD and department.pk in visible_department_ids(user)


def can_manage_organisation(user):
    """Create departments, staff accounts, edit the agency record and security policy."""
    return has_role(user, roles.ADMINISTRATOR)


def can_view_staff_list(user):
    return has_role(user, roles.ADMINISTRATOR, roles.HEAD)


def can_view_calendar(user):
    return has_role(user, roles.ADMINISTRATOR, roles.OGI_OFFICE)


def can_edit_calendar(user):
    return has_role(user, roles.ADMINISTRATOR)


def can_view_audit_log(user):
    return has_role(user, roles.ADMINISTRATOR, roles.AUDITOR)


def require(allowed):
    """Raise PermissionDenied (a 403 page in Chinese) unless `allowed` is true."""
    if not allowed:
        raise PermissionDenied("您没有权限执行此操作。")


def forbidden_as_403(view):
    """Answer a refused back-office view with the site's Chinese 403 page.

    Wagtail's admin wrapping would turn PermissionDenied into a silent redirect to the
    dashboard; a 403 tells the user plainly that the page exists but is not theirs to open.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            return get_resolver().resolve_error_handler(403)(request, exception=exc)

    return wrapped
