"""Who may do what with disclosure applications. Every view and service checks these.

- The OGI office (政务公开办) registers, classifies, confirms receipt dates, assigns, sends
  correction notices, consultations and fee notices, records delivery and archives; it sees
  every application and is the only role that may open the applicant's identity data.
- The department an application is assigned to (承办部门) drafts the reply (editor or head),
  reviews it (reviewer, or the OGI office for the legal check) and approves it (head).
- The head of the OGI office's department approves an extension (RULES.md §3.2).
- The administrator and the auditor read everything; the administrator edits letter templates.
"""

from gongkai.organisation import roles
from gongkai.organisation.models import Agency
from gongkai.organisation.permissions import department_of, has_role, role_of, visible_department_ids

_READ_ALL = (roles.ADMINISTRATOR, roles.OGI_OFFICE, roles.AUDITOR)


def is_ogi_head(user):
    """The head (负责人) of the department that houses the OGI office."""
    if role_of(user) != roles.HEAD:
        return False
    agency = Agency.current()
    department = department_of(user)
    return agency is not None and department is not None and agency.ogi_department_id == department.pk


def can_view_applications(user):
    return role_of(user) is not None


def can_view_application(user, application):
    if has_role(user, *_READ_ALL) or is_ogi_head(user):
        return True
    ids = visible_department_ids(user)
    return application.department_id is not None and application.department_id in (ids or set())


def is_ogi_office(user):
    return has_role(user, roles.OGI_OFFICE)


def can_register(user):
    return is_ogi_office(user)


def can_view_identity(user, application):
    return is_ogi_office(user)


def in_department(user, application):
    ids = visible_department_ids(user)
    return application.department_id is not None and (ids is None or application.department_id in ids)


def can_draft_reply(user, application):
    role = role_of(user)
    if role == roles.OGI_OFFICE:
        return True
    return role in (roles.EDITOR, roles.HEAD) and in_department(user, application)


def can_review_reply(user, application):
    role = role_of(user)
    if role == roles.OGI_OFFICE:
        return True
    return role == roles.REVIEWER and in_department(user, application)


def can_handle(user, department):
    """May `user` be the handler (承办人) of an application assigned to `department`? Someone who may draft its reply:
    an editor or head of that department (or a department above it), or an OGI officer."""
    role = role_of(user)
    if role == roles.OGI_OFFICE:
        return True
    ids = visible_department_ids(user)
    return role in (roles.EDITOR, roles.HEAD) and department is not None and department.pk in (ids or set())


def can_approve_reply(user, application):
    return role_of(user) == roles.HEAD and in_department(user, application)


def can_approve_extension(user):
    return is_ogi_head(user)


def can_edit_letter_templates(user):
    return has_role(user, roles.ADMINISTRATOR, roles.OGI_OFFICE)


def visible_applications(user, queryset):
    """The applications the user may see, as a filtered queryset."""
    if has_role(user, *_READ_ALL) or is_ogi_head(user):
        return queryset
    ids = visible_department_ids(user)
    if not ids:
        return queryset.none()
    return queryset.filter(department_id__in=ids)
