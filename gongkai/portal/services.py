"""State-changing services of the public site."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Page, Site

from gongkai.portal import sample_content
from gongkai.portal.models import ArticlePage, DepartmentDirectoryPage, HomePage, SectionPage

HOME_SLUG = "home"


def _host_and_port(domain):
    """The Wagtail Site hostname and port for an agency domain ("www.x.gov.cn" → 443; none → localhost:80)."""
    domain = (domain or "").strip().lower()
    for prefix in ("https://", "http://"):
        if domain.startswith(prefix):
            domain = domain[len(prefix) :]
    domain = domain.split("/", 1)[0]
    if not domain:
        return "localhost", 80
    host, _, port = domain.partition(":")
    if port.isdigit():
        return host, int(port)
    return host, 443


def _is_wagtail_welcome_page(page):
    """The "Welcome to your new Wagtail site!" page the wagtailcore migrations create: a plain Page, empty."""
    return (
        page is not None
        and page.depth == 2
        and page.content_type_id == ContentType.objects.get_for_model(Page).pk
        and not page.get_children().exists()
    )


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _find_or_create_child(parent, model, slug, **fields):
    """The child of `parent` with `slug` (left as it is), or a new published `model` page. Returns (page, created)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    return _publish_child(parent, model(slug=slug, **fields)), True


def _find_or_create_home(site, agency):
    root = Page.get_first_root_node()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    old_root = site.root_page if site is not None else None
    if site is not None and _is_wagtail_welcome_page(old_root):
        # The Site row cascades with its root page: park it on the tree root, then drop the welcome page.
        site.root_page = root
        site.save(update_fields=["root_page"])
        old_root.delete()
    slug = HOME_SLUG
    n = 1
    while root.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{HOME_SLUG}-{n}"
    return _publish_child(
        root, HomePage(title=agency.site_name or agency.name, slug=slug, intro=sample_content.HOME_INTRO)
    )


def _configure_site(site, home, agency):
    hostname, port = _host_and_port(agency.domain)
    site_name = agency.site_name or agency.name
    if site is None:
        has_default = Site.objects.filter(is_default_site=True).exists()
        return Site.objects.create(
            hostname=hostname, port=port, root_page=home, site_name=site_name, is_default_site=not has_default
        )
    wanted = {"hostname": hostname, "port": port, "root_page_id": home.pk, "site_name": site_name}
    changed = [field for field, value in wanted.items() if getattr(site, field) != value]
    if changed:
        for field in changed:
            setattr(site, field, wanted[field])
        site.save()
    return site


@transaction.atomic
def ensure_site_tree(agency, sample=True):
    """Creates (or finds) the agency's public site tree. Idempotent: a second run changes nothing.

    - the HomePage becomes the root of the agency's Wagtail Site (the default Site when the
      agency has none yet), replacing Wagtail's empty "Welcome" page;
    - the Site gets the agency's site name and domain, and agency.site points to it;
    - sections for what the platform does today: 机构概况, 机构设置 and 通知公告.

    With `sample=True` a section created by this call is filled with the synthetic
    starter articles of gongkai.portal.sample_content (fictional agency 示范市市场监督管理局).
    Existing pages are found by slug and never overwritten; starter articles are only
    added to a section created in the same call, so deleted ones do not come back.
    Returns the HomePage.
    """
    site = agency.site or Site.objects.filter(is_default_site=True).first()
    home = _find_or_create_home(site, agency)
    site = _configure_site(site, home, agency)
    if agency.site_id != site.pk:
        agency.site = site
        agency.save(update_fields=["site"])

    def section(model, spec):
        fields = {k: v for k, v in spec.items() if k != "slug"}
        return _find_or_create_child(home, model, spec["slug"], show_in_menus=True, **fields)

    about, about_created = section(SectionPage, sample_content.ABOUT_SECTION)
    section(DepartmentDirectoryPage, sample_content.DEPARTMENTS_PAGE)
    notices, notices_created = section(SectionPage, sample_content.NOTICES_SECTION)

    for parent, created, articles in (
        (about, about_created, sample_content.ABOUT_ARTICLES),
        (notices, notices_created, sample_content.NOTICE_ARTICLES),
    ):
        if not (sample and created):
            continue
        for spec in articles:
            fields = {k: v for k, v in spec.items() if k != "slug"}
            # Wagtail's own "first published" date agrees with the article's publication time.
            _find_or_create_child(parent, ArticlePage, spec["slug"], first_published_at=spec["published_at"], **fields)
    return home
