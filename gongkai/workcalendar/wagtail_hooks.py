"""Wagtail admin integration of the working-day calendar.

URLs (under /admin/, wrapped by Wagtail so anonymous users go to the login page):
    workcalendar/              workcalendar_index
    workcalendar/<year>/       workcalendar_year
    workcalendar/import/       workcalendar_import
    workcalendar/day/          workcalendar_day_edit
Menu item "工作日历" for users who can view the calendar; a home-page panel warns from
1 November when next year's schedule is missing (RULES.md §1).
"""

from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component

from gongkai.organisation.admin_menu import PermissionMenuItem
from gongkai.organisation.permissions import can_edit_calendar, can_view_calendar
from gongkai.workcalendar import views
from gongkai.workcalendar.alerts import missing_calendar_year, missing_next_year_warning
from gongkai.workcalendar.services import load_calendar


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("workcalendar/", views.index, name="workcalendar_index"),
        path("workcalendar/<int:year>/", views.year_detail, name="workcalendar_year"),
        path("workcalendar/import/", views.import_year, name="workcalendar_import"),
        path("workcalendar/day/", views.set_day, name="workcalendar_day_edit"),
    ]


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return PermissionMenuItem("工作日历", "workcalendar_index", can_view_calendar, icon_name="date", order=900)


class MissingYearPanel(Component):
    """Home-page warning: next year's (or this year's) holiday schedule is not loaded."""

    name = "workcalendar_missing_year"
    template_name = "workcalendar/home_panel.html"
    order = 50

    def __init__(self, message, import_url=None):
        self.message = message
        self.import_url = import_url

    def get_context_data(self, parent_context=None):
        return {"message": self.message, "import_url": self.import_url}


def _today():
    return timezone.localdate()


@hooks.register("construct_homepage_panels")
def add_missing_year_panel(request, panels):
    if not can_view_calendar(request.user):
        return
    today = _today()
    covered = load_calendar().covered_years
    message = missing_next_year_warning(today, covered)
    if message is None:
        return
    import_url = None
    if can_edit_calendar(request.user):
        import_url = f"{reverse('workcalendar_import')}?year={missing_calendar_year(today, covered)}"
    panels.append(MissingYearPanel(message, import_url))
