from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.models import Page, Site

from gongkai.portal import pagecache
from gongkai.portal.meta import national_meta

register = template.Library()


@register.simple_tag(takes_context=True)
def national_meta_tags(context):
    """The national <meta> tags for the current page (RULES.md §6). See gongkai.portal.meta.

    Uses `page` when it is a Wagtail page; views outside the page tree may put
    `meta_column` and `meta_article` dicts in their context (see national_meta).
    """
    pairs = national_meta(
        context.get("agency"),
        context.get("page"),
        context.get("request"),
        column=context.get("meta_column"),
        article=context.get("meta_article"),
    )
    return format_html_join("\n", '<meta name="{}" content="{}">', pairs)


def _site_root(request):
    if request is None:
        return None
    site = Site.find_for_request(request)
    return site.root_page if site is not None else None


def _menu_entries(root, request):
    """(title, url) of the home page's live, public children marked "show in menus"."""
    entries = []
    for child in root.get_children().live().public().in_menu():
        url = child.get_url(request=request)
        if url:
            entries.append((child.title, url))
    return entries


@register.inclusion_tag("portal/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """The home page and its live children marked "show in menus"."""
    request = context.get("request")
    root = _site_root(request)
    items = []
    if root is not None:
        path = request.path
        home_url, entries = pagecache.remembered(
            ("main_menu", root.pk, request.get_host()),
            lambda: (root.get_url(request=request) or "/", _menu_entries(root, request)))
        items.append({"title": "首页", "url": home_url, "current": "page" if path == home_url else ""})
        for title, url in entries:
            current = "page" if path == url else ("true" if path.startswith(url) else "")
            items.append({"title": title, "url": url, "current": current})
        # 依申请公开 (apply, track) is not a Wagtail page; it sits in the menu beside the sections.
        url = reverse("applications:guide")
        items.append({"title": "依申请公开", "url": url, "current": "true" if path.startswith(url) else ""})
        url = reverse("annualreport:public_index")
        items.append({"title": "年度报告", "url": url, "current": "true" if path.startswith(url) else ""})
    return {"items": items}


def _ancestor_crumbs(page, root, request):
    crumbs = [{"title": "首页", "url": root.get_url(request=request) or "/"}]
    for ancestor in page.get_ancestors().filter(depth__gt=root.depth):
        crumbs.append({"title": ancestor.title, "url": ancestor.get_url(request=request)})
    return crumbs


@register.inclusion_tag("portal/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """首页 › section › … › this page, for pages below the site's home page."""
    request = context.get("request")
    page = context.get("page")
    root = _site_root(request)
    crumbs = []
    if isinstance(page, Page) and page.path and root is not None and page.pk != root.pk and page.is_descendant_of(root):
        crumbs = [*pagecache.remembered(("breadcrumbs", page.pk, root.pk, request.get_host()),
                                        lambda: _ancestor_crumbs(page, root, request)),
                  {"title": page.title, "url": ""}]
    return {"crumbs": crumbs}


@register.simple_tag
def heading(level, text):
    """An <hN> for a computed level (clamped to 2–6)."""
    level = max(2, min(int(level), 6))
    return format_html('<h{} class="dept__name">{}</h{}>', level, text, level)
