"""Syndication of published records: RSS 2.0 and Atom feeds, and the records part of the sitemap.

Everything here reads public_records() only, and only the public (masked) body: the original body
never leaves the back office. Feeds exist for all records, per Art. 20 category (a category code
includes its sub-categories) and per department (exactly that department, as in the catalogue filter).
"""

import re
from dataclasses import dataclass

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from gongkai.disclosure.htmltext import text_of
from gongkai.disclosure.models import Category
from gongkai.disclosure.public_views import public_records
from gongkai.disclosure.search import record_url
from gongkai.disclosure.site_tree import CATALOGUE_PATH
from gongkai.organisation.models import Agency, Department

FEED_ITEMS = 50
EXCERPT_CHARS = 200
CATALOGUE_URL = CATALOGUE_PATH
_SPACES = re.compile(r"\s+")


def category_ids(category):
    """Ids of a category and its sub-categories (an Art. 20 item covers the agency's sub-categories under it)."""
    return [category.pk, *Category.objects.filter(parent=category).values_list("pk", flat=True)]


def split_topics(topics):
    """Topic tags are typed with spaces, 顿号 or commas."""
    return [topic for topic in re.split(r"[\s、，,；;]+", topics or "") if topic]


def body_excerpt(record, length=EXCERPT_CHARS):
    """The start of the public (masked) body as one line of plain text."""
    text = text_of(record.public_body or "")
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= length else text[:length].rstrip() + "…"


@dataclass
class Scope:
    """What one feed covers: the whole catalogue, one category or one department."""

    agency_name: str
    category: Category | None = None
    department: Department | None = None

    @property
    def label(self):
        if self.category is not None:
            return str(self.category)
        if self.department is not None:
            return self.department.name
        return ""


class RecordsRssFeed(Feed):
    """The latest published records of the whole catalogue (RSS 2.0)."""

    feed_type = Rss201rev2Feed
    language = "zh-cn"
    item_guid_is_permalink = True

    def get_object(self, request, code=None):
        agency = Agency.current()
        return Scope(agency_name=agency.name if agency else "")

    def filter(self, records, scope):
        return records

    def title(self, scope):
        title = f"{scope.agency_name}政府信息公开"
        return f"{title} · {scope.label}" if scope.label else title

    def description(self, scope):
        where = f"在“{scope.label}”中" if scope.category else (f"由{scope.label}" if scope.department else "")
        return f"{scope.agency_name}{where}主动公开的最新 {FEED_ITEMS} 条政府信息。"

    def link(self, scope):
        if scope.category is not None:
            return f"{CATALOGUE_URL}?category={scope.category.code}"
        if scope.department is not None:
            return f"{CATALOGUE_URL}?department={scope.department.pk}"
        return CATALOGUE_URL

    def items(self, scope):
        records = self.filter(public_records(), scope)
        return records.select_related("category", "category__parent", "department").order_by(
            "-published_at", "-pk"
        )[:FEED_ITEMS]

    def item_title(self, record):
        return record.title

    def item_description(self, record):
        parts = [record.summary.strip(), body_excerpt(record)]
        return "".join(f"<p>{escape(part)}</p>" for part in parts if part)

    def item_link(self, record):
        return record_url(record)

    def item_pubdate(self, record):
        return record.published_at

    def item_updateddate(self, record):
        return record.updated_at

    def item_author_name(self, record):
        return record.department.name

    def item_categories(self, record):
        categories = [str(record.category.article20)]
        if record.category.parent_id is not None:
            categories.append(record.category.name)
        return categories + split_topics(record.topics)


class CategoryRssFeed(RecordsRssFeed):
    """The latest published records of one Art. 20 category (with its sub-categories) or one sub-category."""

    def get_object(self, request, code=None):
        scope = super().get_object(request)
        scope.category = get_object_or_404(Category.objects.select_related("parent"), code=code)
        return scope

    def filter(self, records, scope):
        return records.filter(category__in=category_ids(scope.category))


class DepartmentRssFeed(RecordsRssFeed):
    """The latest published records of one department."""

    def get_object(self, request, code=None):
        scope = super().get_object(request)
        scope.department = get_object_or_404(Department, code=code)
        return scope

    def filter(self, records, scope):
        return records.filter(department=scope.department)


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, scope):
        return self.description(scope)


class RecordsAtomFeed(AtomMixin, RecordsRssFeed):
    pass


class CategoryAtomFeed(AtomMixin, CategoryRssFeed):
    pass


class DepartmentAtomFeed(AtomMixin, DepartmentRssFeed):
    pass


class RecordSitemap(Sitemap):
    """Every public record page, `limit` per sitemap page (sitemap-records.xml?p=N), listed by the sitemap index.

    Ordered by id so that a record keeps its sitemap page as others are published. The index carries
    no lastmod for this section: the newest updated_at over a million rows is not worth a scan per request.
    """

    limit = 10000

    def items(self):
        return public_records().order_by("pk").only("pk", "updated_at")

    def location(self, record):
        return record_url(record)

    def lastmod(self, record):
        return record.updated_at

    def get_latest_lastmod(self):
        return None
