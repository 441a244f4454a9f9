"""State changes of the organisation: agency record, departments, staff accounts.

Each function runs in one transaction and writes an audit entry.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from gongkai.audit.services import record, snapshot
from gongkai.organisation import roles
from gongkai.organisation.models import Department, StaffProfile

# Wagtail permissions each role's group carries, beyond entering the back office.
ROLE_PERMISSIONS = {
    roles.ADMINISTRATOR: [],  # administrators are superusers in Wagtail's sense
    roles.OGI_OFFICE: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    roles.EDITOR: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
    roles.REVIEWER: [],
    roles.HEAD: [],
    roles.AUDITOR: [],
}


# Permissions on the public site's page tree. The OGI office keeps the site's sections and notices;
# department roles get their own areas with the capabilities that need them.
ROLE_PAGE_PERMISSIONS = {
    roles.ADMINISTRATOR: [],
    roles.OGI_OFFICE: ["add_page", "change_page", "publish_page"],
    roles.EDITOR: [],
    roles.REVIEWER: [],
    roles.HEAD: [],
    roles.AUDITOR: [],
}


def role_group(role):
    """The Django group that carries a role's Wagtail permissions (created on first use).

    Image and document permissions are granted on the root collection, as Wagtail requires.
    """
    group, _ = Group.objects.get_or_create(name=roles.ROLE_LABELS[role])
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    if not group.permissions.filter(pk=access.pk).exists():
        group.permissions.add(access)
    root = Collection.get_first_root_node()
    for app, codename in ROLE_PERMISSIONS[role]:
        permission = Permission.objects.get(content_type__app_label=app, codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)
    for codename in ROLE_PAGE_PERMISSIONS[role]:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=Page.get_first_root_node(), permission=permission)
    return group


def _sync_user_role(user, role):
    user.is_superuser = role == roles.ADMINISTRATOR
    user.is_staff = False  # Django's own admin is not installed; the back office is Wagtail's
    user.save(update_fields=["is_superuser", "is_staff"])
    user.groups.set([role_group(role)])


@transaction.atomic
def do_save_agency(actor, agency, data):
    """Create the agency record on first use, or update it."""
    creating = agency.pk is None
    before = None if creating else snapshot(agency)
    for field, value in data.items():
        setattr(agency, field, value)
    agency.full_clean()
    agency.save()
    record("agency.create" if creating else "agency.update", actor=actor, obj=agency, before=before,
           after=snapshot(agency), summary="填写机关信息" if creating else "修改机关信息")
    return agency


@transaction.atomic
def do_create_department(actor, data):
    department = Department(**data)
    department.full_clean()
    department.save()
    record("department.create", actor=actor, obj=department, after=snapshot(department), summary="新建部门")
    return department


@transaction.atomic
def do_update_department(actor, department, data):
    before = snapshot(department)
    for field, value in data.items():
        setattr(department, field, value)
    department.full_clean()
    department.save()
    record("department.update", actor=actor, obj=department, before=before, after=snapshot(department),
           summary="修改部门信息")
    return department


def _staff_snapshot(profile):
    user = profile.user
    return {
        **snapshot(user, fields={"username", "first_name", "last_name", "email", "is_active", "is_superuser"}),
        **snapshot(profile, fields={"role", "department", "phone"}),
    }


@transaction.atomic
def do_create_staff(actor, *, username, password, role, department=None, full_name="", email="", phone=""):
    user = get_user_model().objects.create_user(username=username, password=password, email=email,
                                                first_name=full_name)
    profile = StaffProfile(user=user, role=role, department=department, phone=phone)
    profile.full_clean()
    profile.save()
    _sync_user_role(user, role)
    record("staff.create", actor=actor, obj=profile, after=_staff_snapshot(profile), summary="新建工作人员账号")
    return profile


@transaction.atomic
def do_update_staff(actor, profile, *, role, department, full_name, email, phone, is_active):
    before = _staff_snapshot(profile)
    user = profile.user
    user.first_name, user.email, user.is_active = full_name, email, is_active
    user.save(update_fields=["first_name", "email", "is_active"])
    profile.role, profile.department, profile.phone = role, department, phone
    profile.full_clean()
    profile.save()
    _sync_user_role(user, role)
    record("staff.update", actor=actor, obj=profile, before=before, after=_staff_snapshot(profile),
           summary="修改工作人员账号")
    return profile


@transaction.atomic
def do_set_staff_password(actor, profile, password):
    user = profile.user
    user.set_password(password)
    user.save(update_fields=["password"])
    record("staff.password_reset", actor=actor, obj=profile, summary="重置工作人员密码")
