"""Who may open the statistics dashboards (统计分析).

The administrator, the OGI office and the auditor see the whole agency; a head sees the figures of
their own department and the departments below it (organisation.permissions.visible_department_ids).
Editors and reviewers have no dashboards.
"""

from gongkai.organisation import roles
from gongkai.organisation.permissions import has_role


def can_view_statistics(user):
    return has_role(user, roles.ADMINISTRATOR, roles.OGI_OFFICE, roles.AUDITOR, roles.HEAD)
