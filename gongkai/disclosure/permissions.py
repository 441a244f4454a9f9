"""Who may draft, review and see records in the back office (on top of gongkai.organisation.permissions)."""

from gongkai.organisation import roles
from gongkai.organisation.permissions import role_of, visible_department_ids

DRAFTING_ROLES = {roles.EDITOR, roles.OGI_OFFICE}
REVIEWING_ROLES = {roles.REVIEWER, roles.HEAD, roles.OGI_OFFICE}


def in_scope(user, department_id):
    ids = visible_department_ids(user)
    return ids is None or department_id in ids


def can_view_records(user):
    return role_of(user) is not None


def can_view_record(user, record):
    return in_scope(user, record.department_id)


def can_draft_somewhere(user):
    """Whether the user drafts at all (and has a department to draft for)."""
    ids = visible_department_ids(user)
    return role_of(user) in DRAFTING_ROLES and (ids is None or bool(ids))


def can_draft_in(user, department_id):
    return role_of(user) in DRAFTING_ROLES and in_scope(user, department_id)


def can_review(user, record):
    """Reviewers and heads of the record's department (or above it), and the OGI office."""
    return role_of(user) in REVIEWING_ROLES and in_scope(user, record.department_id)


def can_see_original(user, record):
    """The unmasked body and files: staff who draft or review it (RULES.md §7: restricted storage)."""
    return can_review(user, record) or can_draft_in(user, record.department_id)
