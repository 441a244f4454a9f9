"""Public pages of disclosure applications (依申请公开), mounted at /yisqgk/ (see public_views.py)."""

from django.urls import path, re_path

from gongkai.applications import public_views

app_name = "applications"
urlpatterns = [
    path("", public_views.guide, name="guide"),
    path("apply/", public_views.apply, name="apply"),
    re_path(r"^receipt/(?P<code>[A-Za-z0-9]{1,16})/$", public_views.receipt, name="receipt"),
    re_path(r"^receipt/(?P<code>[A-Za-z0-9]{1,16})/pdf$", public_views.receipt_pdf, name="receipt_pdf"),
    path("track/", public_views.track, name="track"),
    path("track/leave/", public_views.track_leave, name="track_leave"),
    re_path(r"^track/letters/(?P<letter_id>[0-9]{1,12})\.(?P<ext>pdf|docx)$", public_views.letter_download,
            name="letter_download"),
]
