from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from gongkai.portal import views as portal_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("gongkai.portal.urls")),
    path("yisqgk/", include("gongkai.applications.public_urls")),  # 依申请公开: apply, track
    path("ndbg/", include("gongkai.annualreport.public_urls")),  # 年度报告: published annual reports
    path("", include("gongkai.disclosure.channel_urls")),  # feeds, sitemap index, JSON API
    path("", include(wagtail_urls)),
]

handler404 = portal_views.page_not_found
handler500 = portal_views.server_error
handler403 = portal_views.permission_denied
