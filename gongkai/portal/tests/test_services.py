import pytest
from wagtail.models import Page, Revision, Site

from gongkai.organisation.models import Agency
from gongkai.portal.models import ArticlePage, DepartmentDirectoryPage, HomePage, SectionPage
from gongkai.portal.services import _host_and_port, ensure_site_tree


def _snapshot():
    return (
        list(Page.objects.order_by("path").values_list("path", "title", "slug", "live", "content_type_id")),
        Revision.objects.count(),
        list(Site.objects.values()),
    )


def test_replaces_the_wagtail_welcome_page(agency):
    welcome = Site.objects.get(is_default_site=True).root_page
    assert type(welcome.specific) is Page  # what wagtailcore's migrations leave behind
    home = ensure_site_tree(agency)
    assert not Page.objects.filter(pk=welcome.pk).exists()
    site = Site.objects.get()
    assert site.is_default_site
    assert site.root_page_id == home.pk
    assert home.slug == "home" and home.depth == 2 and home.live
    assert home.title == "示范市市场监督管理局网站"


def test_configures_the_site_and_links_the_agency(agency):
    ensure_site_tree(agency)
    site = Site.objects.get()
    assert (site.hostname, site.port, site.site_name) == (
        "www.shifan-scjg.example.gov.cn",
        443,
        "示范市市场监督管理局网站",
    )
    assert Agency.objects.get(pk=agency.pk).site_id == site.pk


def test_creates_the_sections_and_sample_articles(agency):
    home = ensure_site_tree(agency)
    children = {page.slug: page.specific for page in home.get_children()}
    assert set(children) == {"about", "departments", "notices"}
    assert isinstance(children["about"], SectionPage) and children["about"].title == "机构概况"
    assert isinstance(children["departments"], DepartmentDirectoryPage) and children["departments"].title == "机构设置"
    assert isinstance(children["notices"], SectionPage) and children["notices"].title == "通知公告"
    assert all(page.live and page.show_in_menus for page in children.values())
    assert [p.title for p in ArticlePage.objects.child_of(children["about"]).order_by("path")] == [
        "机构职能",
        "领导信息",
    ]
    assert 3 <= ArticlePage.objects.child_of(children["notices"]).count() <= 5
    for article in ArticlePage.objects.all():
        assert article.live and article.summary and article.body and article.keywords
        assert article.first_published_at == article.published_at
        assert article.latest_revision is not None


def test_is_idempotent(agency):
    ensure_site_tree(agency)
    before = _snapshot()
    pages = Page.objects.count()
    ensure_site_tree(agency)
    ensure_site_tree(Agency.objects.get(pk=agency.pk))
    assert Page.objects.count() == pages
    assert _snapshot() == before


def test_keeps_editors_changes_and_does_not_bring_back_deleted_samples(agency):
    home = ensure_site_tree(agency)
    notices = SectionPage.objects.get(slug="notices")
    notices.title = "通知"
    notices.save_revision().publish()
    ArticlePage.objects.get(slug="recruitment-2026").delete()
    count = Page.objects.count()
    ensure_site_tree(agency)
    assert SectionPage.objects.get(slug="notices").title == "通知"
    assert Page.objects.count() == count
    assert Site.objects.get().root_page_id == home.pk


def test_recreates_a_missing_section_without_touching_the_rest(agency):
    ensure_site_tree(agency)
    DepartmentDirectoryPage.objects.get().delete()
    count = Page.objects.count()
    ensure_site_tree(agency)
    assert Page.objects.count() == count + 1
    assert DepartmentDirectoryPage.objects.count() == 1


def test_without_sample_content(agency):
    home = ensure_site_tree(agency, sample=False)
    assert home.get_children().count() == 3
    assert not ArticlePage.objects.exists()


def test_keeps_a_home_page_that_is_already_the_site_root(agency):
    home = ensure_site_tree(agency)
    agency.site = None
    agency.save()
    assert ensure_site_tree(agency).pk == home.pk
    assert HomePage.objects.count() == 1


def test_leaves_a_non_empty_custom_root_page_alone(agency):
    site = Site.objects.get()
    welcome = site.root_page
    welcome.add_child(instance=Page(title="旧内容", slug="old"))
    home = ensure_site_tree(agency)
    assert Page.objects.filter(pk=welcome.pk).exists()
    assert home.slug == "home-2"
    assert Site.objects.get().root_page_id == home.pk


def test_no_default_site_creates_one(agency):
    Site.objects.all().delete()
    home = ensure_site_tree(agency)
    site = Site.objects.get()
    assert site.root_page_id == home.pk and site.is_default_site


@pytest.mark.parametrize(
    "domain, expected",
    [
        ("", ("localhost", 80)),
        ("www.example.gov.cn", ("www.example.gov.cn", 443)),
        ("https://WWW.Example.gov.cn/", ("www.example.gov.cn", 443)),
        ("gk.example.org:8443", ("gk.example.org", 8443)),
    ],
)
def test_host_and_port(domain, expected):
    assert _host_and_port(domain) == expected


def test_management_command(agency, capsys):
    from django.core.management import call_command

    call_command("ensure_site_tree")
    assert "网站页面树已就绪" in capsys.readouterr().out
    assert HomePage.objects.count() == 1
