"""The national meta tags every public page carries (RULES.md §6; 《政府网站发展指引》).

`national_meta(agency, page, request)` returns the (name, content) pairs in the
order they appear in <head>: site level on every page, column level on pages in
the tree, article level on article pages. The template tag `national_meta_tags`
in portal_tags renders them; nothing else should build these tags.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from wagtail.models import Page

from gongkai.portal.models import (
    ArticlePage,
    ColumnMetaMixin,
    HomePage,
    plain_text,
)

PUBDATE_TIMEZONE = ZoneInfo("Asia/Shanghai")
PUBDATE_FORMAT = "%Y-%m-%d %H:%M"
HOME_COLUMN_NAME = "首页"
HOME_COLUMN_TYPE = "首页"
DESCRIPTION_LENGTH = 120

SITE_TAGS = ("SiteName", "SiteDomain", "SiteIDCode")
COLUMN_TAGS = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ARTICLE_TAGS = ("ArticleTitle", "PubDate", "ContentSource", "Keywords", "Author", "Description", "Image", "Url")


def format_pubdate(value):
    """A datetime as PubDate wants it: `YYYY-MM-DD HH:MM` in Beijing time (naive values are taken as Beijing time)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=PUBDATE_TIMEZONE)
    return value.astimezone(PUBDATE_TIMEZONE).strftime(PUBDATE_FORMAT)


def site_name_of(agency):
    return agency.site_name if agency is not None and agency.site_name else settings.WAGTAIL_SITE_NAME


def _absolute(url, request):
    if not url:
        return ""
    if request is not None:
        return request.build_absolute_uri(url)
    return url


def site_meta(agency, request=None):
    domain = agency.domain if agency is not None else ""
    if not domain and request is not None:
        domain = request.get_host()
    return {
        "SiteName": site_name_of(agency),
        "SiteDomain": domain,
        "SiteIDCode": agency.site_id_code if agency is not None else "",
    }


def column_meta(page, agency=None):
    """Column-level tags for `page` (a specific page), or None for pages outside any column."""
    if isinstance(page, HomePage):
        description = (
            page.search_description
            or plain_text(page.intro, DESCRIPTION_LENGTH)
            or (plain_text(agency.description, DESCRIPTION_LENGTH) if agency is not None else "")
        )
        keywords = agency.name if agency is not None else ""
        return {
            "ColumnName": HOME_COLUMN_NAME,
            "ColumnDescription": description,
            "ColumnKeywords": keywords,
            "ColumnType": HOME_COLUMN_TYPE,
        }
    if isinstance(page, ArticlePage):
        parent = page.get_parent()
        return column_meta(parent.specific, agency) if parent is not None else None
    if isinstance(page, ColumnMetaMixin):
        return {
            "ColumnName": page.title,
            "ColumnDescription": page.column_description
            or page.search_description
            or plain_text(getattr(page, "intro", ""), DESCRIPTION_LENGTH),
            "ColumnKeywords": page.column_keywords,
            "ColumnType": page.column_type,
        }
    return None


def article_meta(page, agency=None, request=None):
    """Article-level tags for an ArticlePage; None for any other page."""
    if not isinstance(page, ArticlePage):
        return None
    image_url = ""
    if page.image is not None:
        image_url = _absolute(page.image.file.url, request)
    url = page.get_url(request=request)
    return {
        "ArticleTitle": page.title,
        "PubDate": format_pubdate(page.published_at),
        "ContentSource": page.source or (agency.name if agency is not None else ""),
        "Keywords": page.keywords,
        "Author": page.author,
        "Description": page.description(DESCRIPTION_LENGTH),
        "Image": image_url,
        "Url": _absolute(url, request) if url else "",
    }


def national_meta(agency, page=None, request=None, column=None, article=None):
    """All national meta tags for a page as an ordered list of (name, content) pairs.

    `page` is a Wagtail page or None (error pages and other views outside the tree:
    site tags only). Views outside the page tree (other apps' lists and detail pages)
    pass their own `column` and/or `article` dicts, keyed by the tag names; a key
    they leave out is emitted empty. Given dicts override what the page would give.
    """
    pairs = list(site_meta(agency, request).items())
    if isinstance(page, Page):
        page = page.specific
        column = column if column is not None else column_meta(page, agency)
        article = article if article is not None else article_meta(page, agency, request)
    if column is not None:
        pairs += [(name, column.get(name) or "") for name in COLUMN_TAGS]
    if article is not None:
        pairs += [(name, article.get(name) or "") for name in ARTICLE_TAGS]
    return pairs
