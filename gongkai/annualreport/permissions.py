"""Who may see, write and review the annual report (on top of gongkai.organisation.permissions).

The report belongs to the department that houses the OGI office (Agency.ogi_department): the OGI
office writes it; a reviewer or head of that department, or another member of the OGI office,
reviews it — never the person who submitted it (the same two-person rule as records, 条例 Art. 17).
"""

from gongkai.organisation import roles
from gongkai.organisation.models import Agency
from gongkai.organisation.permissions import role_of, visible_department_ids

WRITING_ROLES = {roles.OGI_OFFICE}
REVIEWING_ROLES = {roles.REVIEWER, roles.HEAD, roles.OGI_OFFICE}


def _in_ogi_department(user):
    agency = Agency.current()
    if agency is None or agency.ogi_department_id is None:
        return False
    ids = visible_department_ids(user)
    return ids is None or agency.ogi_department_id in ids


def can_view(user):
    role = role_of(user)
    if role in (roles.ADMINISTRATOR, roles.OGI_OFFICE, roles.AUDITOR):
        return True
    return role in (roles.REVIEWER, roles.HEAD) and _in_ogi_department(user)


def can_write(user):
    return role_of(user) in WRITING_ROLES


def can_review(user):
    return role_of(user) in REVIEWING_ROLES and _in_ogi_department(user)
