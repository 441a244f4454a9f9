"""Back-office URLs and menu for the audit log (/admin/audit/...)."""

from django.urls import include, path
from wagtail import hooks

from gongkai.audit import views
from gongkai.organisation.admin_menu import PermissionMenuItem
from gongkai.organisation.permissions import can_view_audit_log

urlpatterns = [
    path("", views.audit_index, name="audit_index"),
    path("<int:pk>/", views.audit_detail, name="audit_detail"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("audit/", include(urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_menu():
    return PermissionMenuItem("审计日志", "audit_index", can_view_audit_log, icon_name="history", order=950)
