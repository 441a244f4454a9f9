"""Routes of the machine-readable channels: feeds, sitemap and the JSON API.

Included from gongkai/urls.py before Wagtail's catch-all, so /xxgk/feeds/... is answered here and
never reaches DisclosureIndexPage's routes.
"""

from django.urls import path, re_path
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps import views as sitemap_views

from gongkai.disclosure import api, feeds

cached = cache_control(public=True, max_age=api.CACHE_SECONDS)

SITEMAPS = {"pages": PageSitemap, "records": feeds.RecordSitemap}

urlpatterns = [
    # RSS 2.0 and Atom: all public records, per Art. 20 category (with sub-categories), per department.
    path("xxgk/feeds/rss/", cached(feeds.RecordsRssFeed()), name="disclosure_feed_rss"),
    path("xxgk/feeds/atom/", cached(feeds.RecordsAtomFeed()), name="disclosure_feed_atom"),
    path("xxgk/feeds/category/<slug:code>/rss/", cached(feeds.CategoryRssFeed()),
         name="disclosure_category_feed_rss"),
    path("xxgk/feeds/category/<slug:code>/atom/", cached(feeds.CategoryAtomFeed()),
         name="disclosure_category_feed_atom"),
    path("xxgk/feeds/department/<slug:code>/rss/", cached(feeds.DepartmentRssFeed()),
         name="disclosure_department_feed_rss"),
    path("xxgk/feeds/department/<slug:code>/atom/", cached(feeds.DepartmentAtomFeed()),
         name="disclosure_department_feed_atom"),
    # Sitemap index: Wagtail pages in one section, records in pages of RecordSitemap.limit.
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
         name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    # Read-only JSON API (documented in openapi.py).
    path("api/v1/records/", api.record_list, name="api_record_list"),
    path("api/v1/records/<int:record_id>/", api.record_detail, name="api_record_detail"),
    path("api/v1/categories/", api.category_list, name="api_category_list"),
    path("api/v1/departments/", api.department_list, name="api_department_list"),
    path("api/v1/openapi.json", api.openapi_document, name="api_openapi"),
    # Any other /api/v1/.../ answers in JSON rather than with the HTML 404 page.
    re_path(r"^api/v1/(?P<rest>.*/)$", api.unknown_endpoint, name="api_unknown"),
]
