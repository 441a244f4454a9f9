import pytest
from django.test import RequestFactory
from wagtail.models import Page

from gongkai.organisation.models import Department
from gongkai.portal import views
from gongkai.portal.models import (
    ARTICLES_PER_PAGE,
    ArticlePage,
    DepartmentDirectoryPage,
    HomePage,
    SectionPage,
)

ALL_PAGES = ["/", "/about/", "/about/functions/", "/about/leadership/", "/departments/", "/notices/"]


@pytest.mark.parametrize("path", ALL_PAGES)
def test_every_page_type_renders(client, home, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_every_page_type_is_in_the_demo_tree(home):
    types = {type(page.specific) for page in home.get_descendants(inclusive=True)}
    assert types == {HomePage, SectionPage, ArticlePage, DepartmentDirectoryPage}


@pytest.mark.parametrize("path", ALL_PAGES)
def test_skip_link_is_the_first_focusable_element(client, home, parse_page, path):
    page = parse_page(client.get(path))
    tag, attrs = page.focusable[0]
    assert tag == "a" and attrs["href"] == "#main" and "skip-link" in attrs["class"]
    content = client.get(path).content.decode()
    assert ">跳到主要内容</a>" in content
    assert '<main id="main"' in content


@pytest.mark.parametrize("path", ALL_PAGES)
def test_document_basics(client, home, parse_page, path):
    page = parse_page(client.get(path))
    assert page.html_attrs["lang"] == "zh-CN"
    assert page.meta["viewport"] == "width=device-width, initial-scale=1"
    # CSP allows same-origin script files only: no inline scripts.
    assert page.scripts and all(script.get("src", "").startswith("/static/") for script in page.scripts)


def test_footer_identifiers(client, home):
    content = client.get("/about/").content.decode()
    footer = content[content.index('<footer class="site-footer">') :]
    assert "主办单位：</span>示范市市场监督管理局" in footer
    assert "网站标识码：1234000001" in footer
    assert 'ICP 备案号：<a href="https://beian.miit.gov.cn/" rel="noopener">示ICP备00000001号-1</a>' in footer
    assert "公安备案号：示公网安备12340000000001号" in footer
    assert '<title id="gov-badge-title">党政机关网站标识</title>' in footer
    assert "示范市新城区民生路100号" in footer
    assert "0123-8765 0000" in footer


def test_footer_without_agency_still_renders(client, db):
    from wagtail.models import Site

    from gongkai.portal.models import HomePage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="首页", slug="bare-home"))
    Site.objects.update(root_page=home)
    response = client.get("/")
    assert response.status_code == 200
    assert "网站信息尚未设置" in response.content.decode()


def test_main_navigation_lists_menu_sections_and_marks_the_current_one(client, home):
    content = client.get("/notices/new-platform/").content.decode()
    nav = content[content.index('aria-label="主导航"') : content.index("</nav>")]
    assert '<a href="/">首页</a>' in nav
    assert '<a href="/about/">机构概况</a>' in nav
    assert '<a href="/departments/">机构设置</a>' in nav
    assert '<a href="/notices/" aria-current="true">通知公告</a>' in nav
    assert 'aria-current="page">通知公告' in client.get("/notices/").content.decode()


def test_breadcrumbs_on_article_pages(client, home):
    content = client.get("/about/functions/").content.decode()
    crumbs = content[content.index('aria-label="当前位置"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert crumbs.index("首页") < crumbs.index("机构概况") < crumbs.index('aria-current="page">机构职能')


def test_home_page_shows_description_sections_and_latest_articles(client, home):
    content = client.get("/").content.decode()
    assert "示范市市场监督管理局负责全市的市场监督管理工作。" in content
    for title in ("机构概况", "机构设置", "通知公告"):
        assert f">{title}</a></h3>" in content
    latest = content[content.index("最新发布") :]
    assert latest.index("关于政务公开平台正式上线运行的公告") < latest.index(
        "示范市产品质量检验所2026年公开招聘工作人员公告"
    )


def test_unpublished_articles_stay_hidden(client, home):
    article = ArticlePage.objects.get(slug="national-day-2026")
    article.unpublish()
    assert "国庆节" not in client.get("/notices/").content.decode()
    assert "国庆节" not in client.get("/").content.decode()
    assert client.get("/notices/national-day-2026/").status_code == 404


def test_section_pagination(client, home):
    section = SectionPage.objects.get(slug="notices")
    existing = ArticlePage.objects.child_of(section).count()
    for n in range(ARTICLES_PER_PAGE + 5 - existing):
        section.add_child(instance=ArticlePage(title=f"批量通知{n:02d}", slug=f"bulk-{n}"))
    first = client.get("/notices/").content.decode()
    assert first.count('class="article-list__item"') == ARTICLES_PER_PAGE
    assert "第 1 页，共 2 页" in first and 'href="?page=2" rel="next"' in first
    second = client.get("/notices/?page=2").content.decode()
    assert second.count('class="article-list__item"') == 5
    assert 'href="?page=1" rel="prev"' in second
    assert client.get("/notices/?page=abc").status_code == 200
    assert "第 2 页，共 2 页" in client.get("/notices/?page=999").content.decode()


def test_department_directory_shows_the_active_tree(client, home):
    office = Department.objects.create(
        name="办公室",
        code="office",
        head_name="王立新",
        phone="0123-8765 0010",
        functions="负责机关日常运转。",
        sort_order=1,
    )
    Department.objects.create(name="政务公开科", code="ogi", parent=office, address="3楼305室", sort_order=2)
    Department.objects.create(name="登记注册科", code="reg", sort_order=3)
    Department.objects.create(name="已撤销科室", code="gone", is_active=False, sort_order=4)
    content = client.get("/departments/").content.decode()
    assert '<h2 class="dept__name">办公室</h2>' in content
    assert '<h3 class="dept__name">政务公开科</h3>' in content  # nested below its parent
    assert '<h2 class="dept__name">登记注册科</h2>' in content
    assert "已撤销科室" not in content
    for text in ("王立新", "0123-8765 0010", "负责机关日常运转。", "3楼305室"):
        assert text in content
    assert content.index("办公室") < content.index("政务公开科") < content.index("登记注册科")
    # The agency's own contacts.
    assert "办公室（政务公开科）" in content and "gongkai@shifan.example" in content


def test_department_directory_without_departments(client, home):
    assert "内设机构信息正在整理" in client.get("/departments/").content.decode()


def test_page_type_rules(home):
    root = Page.get_first_root_node()
    section = SectionPage.objects.get(slug="notices")
    article = ArticlePage.objects.child_of(section).first()
    assert HomePage.can_create_at(root)
    assert not SectionPage.can_create_at(root)
    assert SectionPage.can_create_at(home) and SectionPage.can_create_at(section)
    assert not ArticlePage.can_create_at(home)
    assert ArticlePage.can_create_at(section)
    assert not ArticlePage.can_create_at(article)
    assert not DepartmentDirectoryPage.can_create_at(home)  # one per parent, and the demo tree has it
    assert DepartmentDirectoryPage.can_create_at(section)


def test_404_is_chinese(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert '<html lang="zh-CN"' in content
    assert "找不到这个页面" in content
    assert "<title>找不到页面 - 示范市市场监督管理局网站</title>" in content
    assert ">跳到主要内容</a>" in content


def test_403_is_chinese(home):
    request = RequestFactory().get("/somewhere/")
    response = views.permission_denied(request)
    assert response.status_code == 403
    assert "您没有权限查看这个页面" in response.content.decode()


def test_500_needs_no_database():
    # No `db` fixture: any query would fail this test.
    response = views.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    content = response.content.decode()
    assert '<html lang="zh-CN">' in content and "网站暂时出了问题" in content
