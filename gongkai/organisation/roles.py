"""Staff roles. Pure data: no Django import, so rules modules can use it."""

ADMINISTRATOR = "administrator"
OGI_OFFICE = "ogi_office"
EDITOR = "editor"
REVIEWER = "reviewer"
HEAD = "head"
AUDITOR = "auditor"

ROLE_CHOICES = [
    (ADMINISTRATOR, "系统管理员"),
    (OGI_OFFICE, "政务公开办"),
    (EDITOR, "部门编辑"),
    (REVIEWER, "部门审核人"),
    (HEAD, "部门负责人"),
    (AUDITOR, "审计员"),
]
ROLE_LABELS = dict(ROLE_CHOICES)
ALL_ROLES = [code for code, _ in ROLE_CHOICES]

# Roles whose work is limited to their own department (and its sub-departments).
DEPARTMENT_SCOPED = {EDITOR, REVIEWER, HEAD}
