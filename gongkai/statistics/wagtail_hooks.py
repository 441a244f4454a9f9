"""Back-office URL and menu item of the statistics dashboards (/admin/statistics/)."""

from django.urls import include, path
from wagtail import hooks

from gongkai.organisation.admin_menu import PermissionMenuItem
from gongkai.statistics.permissions import can_view_statistics
from gongkai.statistics.views import urlpatterns


@hooks.register("register_admin_urls")
def register_urls():
    return [path("statistics/", include(urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_menu():
    return PermissionMenuItem("统计分析", "statistics_dashboard", can_view_statistics, icon_name="tasks", order=158)
