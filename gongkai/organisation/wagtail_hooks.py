"""Back-office URLs and menu for the organisation (/admin/organisation/...)."""

from django.urls import include, path
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

from gongkai.organisation import permissions, views
from gongkai.organisation.admin_menu import PermissionMenuItem

urlpatterns = [
    path("agency/", views.agency_edit, name="organisation_agency_edit"),
    path("departments/", views.department_index, name="organisation_department_index"),
    path("departments/add/", views.department_create, name="organisation_department_create"),
    path("departments/<int:pk>/", views.department_edit, name="organisation_department_edit"),
    path("staff/", views.staff_index, name="organisation_staff_index"),
    path("staff/add/", views.staff_create, name="organisation_staff_create"),
    path("staff/<int:pk>/", views.staff_edit, name="organisation_staff_edit"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("organisation/", include(urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_menu():
    menu = Menu(items=[
        PermissionMenuItem("机关信息", "organisation_agency_edit", permissions.can_manage_organisation,
                           icon_name="site", order=100),
        PermissionMenuItem("部门", "organisation_department_index", permissions.is_staff_member,
                           icon_name="group", order=200),
        PermissionMenuItem("工作人员", "organisation_staff_index", permissions.can_view_staff_list,
                           icon_name="user", order=300),
    ])
    return SubmenuMenuItem("机构与人员", menu, name="organisation", icon_name="group", order=900)
