"""Back-office URLs, menu and the home-page reminder of the annual report (/admin/annual-report/…)."""

from django.urls import include, path
from wagtail import hooks
from wagtail.admin.ui.components import Component

from gongkai.annualreport import permissions, services, views
from gongkai.organisation.admin_menu import PermissionMenuItem

urlpatterns = [
    path("", views.index, name="annualreport_index"),
    path("<int:year>/", views.detail, name="annualreport_detail"),
    path("<int:year>/figures/", views.figures, name="annualreport_figures"),
    path("<int:year>/adjustments/", views.adjust, name="annualreport_adjust"),
    path("<int:year>/adjustments/<int:pk>/cancel/", views.cancel_adjustment, name="annualreport_adjust_cancel"),
    path("<int:year>/text/", views.text, name="annualreport_text"),
    path("<int:year>/draft/", views.draft, name="annualreport_draft"),
    path("<int:year>/submit/", views.submit, name="annualreport_submit"),
    path("<int:year>/review/", views.review, name="annualreport_review"),
    path("<int:year>/download/<str:ext>/", views.download, name="annualreport_download"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("annual-report/", include(urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_menu():
    return PermissionMenuItem("年度报告", "annualreport_index", permissions.can_view, icon_name="table", order=162)


class ReminderPanel(Component):
    """Home page: last year's report is due by 31 January (RULES.md §4); a warning from 20 January."""

    name = "annualreport_reminder"
    template_name = "annualreport/admin/home_panel.html"
    order = 40

    def __init__(self, reminder):
        self.reminder = reminder

    def get_context_data(self, parent_context=None):
        return {"reminder": self.reminder}


@hooks.register("construct_homepage_panels")
def add_reminder_panel(request, panels):
    if not permissions.can_view(request.user):
        return
    reminder = services.reminder()
    if reminder is not None:
        panels.append(ReminderPanel(reminder))
