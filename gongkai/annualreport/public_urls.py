"""The public 年度报告 section, mounted at /ndbg/ (see public_views.py)."""

from django.urls import path, re_path

from gongkai.annualreport import public_views

app_name = "annualreport"
urlpatterns = [
    path("", public_views.index, name="public_index"),
    re_path(r"^(?P<year>[0-9]{4})/$", public_views.detail, name="public_detail"),
    re_path(r"^(?P<year>[0-9]{4})\.(?P<ext>pdf|docx|xlsx)$", public_views.download, name="public_download"),
]
