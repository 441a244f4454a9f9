from datetime import UTC, datetime

import pytest
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from gongkai.portal.meta import ARTICLE_TAGS, COLUMN_TAGS, SITE_TAGS, format_pubdate, national_meta
from gongkai.portal.models import ArticlePage, SectionPage


def test_pubdate_is_beijing_time_to_the_minute():
    assert format_pubdate(datetime(2026, 1, 1, 17, 5, 59, tzinfo=UTC)) == "2026-01-02 01:05"


def test_pubdate_takes_naive_values_as_beijing_time():
    assert format_pubdate(datetime(2026, 3, 8, 9, 7)) == "2026-03-08 09:07"
    assert format_pubdate(None) == ""


def test_without_a_page_only_the_site_tags(agency, rf):
    assert national_meta(agency, None, rf.get("/")) == [
        ("SiteName", "示范市市场监督管理局网站"),
        ("SiteDomain", "www.shifan-scjg.example.gov.cn"),
        ("SiteIDCode", "1234000001"),
    ]


def test_site_domain_falls_back_to_the_request_host(agency, rf):
    agency.domain = ""
    assert dict(national_meta(agency, None, rf.get("/", HTTP_HOST="localhost")))["SiteDomain"] == "localhost"


def test_no_agency_yet_still_names_the_platform(rf):
    assert dict(national_meta(None, None, rf.get("/")))["SiteName"] == "政务公开平台"


def test_home_page_tags(client, home, parse_page):
    page = parse_page(client.get("/"))
    assert page.national_names == list(SITE_TAGS + COLUMN_TAGS)
    assert page.meta["SiteName"] == "示范市市场监督管理局网站"
    assert page.meta["SiteDomain"] == "www.shifan-scjg.example.gov.cn"
    assert page.meta["SiteIDCode"] == "1234000001"
    assert page.meta["ColumnName"] == "首页"
    assert page.meta["ColumnType"] == "首页"
    assert page.meta["ColumnDescription"]
    assert page.title == "首页 - 示范市市场监督管理局网站"


def test_section_page_tags(client, home, parse_page):
    section = SectionPage.objects.get(slug="notices")
    section.column_description = "本局的通知和公告。"
    section.column_keywords = "通知,公告"
    section.column_type = "通知公告"
    section.save_revision().publish()
    page = parse_page(client.get("/notices/"))
    assert page.national_names == list(SITE_TAGS + COLUMN_TAGS)
    assert page.meta["ColumnName"] == "通知公告"
    assert page.meta["ColumnDescription"] == "本局的通知和公告。"
    assert page.meta["ColumnKeywords"] == "通知,公告"
    assert page.meta["ColumnType"] == "通知公告"
    assert page.title == "通知公告 - 示范市市场监督管理局网站"


def test_article_page_tags(client, home, parse_page):
    page = parse_page(client.get("/notices/new-platform/"))
    assert page.national_names == list(SITE_TAGS + COLUMN_TAGS + ARTICLE_TAGS)
    # Column tags come from the parent section.
    assert page.meta["ColumnName"] == "通知公告"
    assert page.meta["ColumnType"] == "通知公告"
    assert page.meta["ArticleTitle"] == "关于政务公开平台正式上线运行的公告"
    assert page.meta["PubDate"] == "2026-11-20 09:30"
    assert page.meta["ContentSource"] == "示范市市场监督管理局办公室"
    assert page.meta["Keywords"] == "政务公开,网站,上线"
    assert page.meta["Author"] == ""
    assert page.meta["Description"].startswith("从2026年11月20日起")
    assert page.meta["Image"] == ""
    assert page.meta["Url"] == "http://testserver/notices/new-platform/"
    assert page.title == "关于政务公开平台正式上线运行的公告 - 示范市市场监督管理局网站"


@pytest.fixture
def bare_article(home):
    section = SectionPage.objects.get(slug="notices")
    article = ArticlePage(
        title="测试文章",
        slug="test-article",
        published_at=datetime(2026, 12, 31, 16, 30, tzinfo=UTC),
        author="张三",
        body="<p>这是<b>正文</b>的第一句话。</p>",
    )
    section.add_child(instance=article)
    article.save_revision().publish()
    return article


def test_article_fallbacks(client, bare_article, parse_page):
    page = parse_page(client.get(bare_article.url))
    assert page.meta["PubDate"] == "2027-01-01 00:30"
    assert page.meta["ContentSource"] == "示范市市场监督管理局"  # the agency, when no source is given
    assert page.meta["Author"] == "张三"
    assert page.meta["Description"] == "这是正文的第一句话。"  # the body as plain text, when no summary


def test_article_image_is_an_absolute_url(client, bare_article, parse_page, settings, tmp_path):
    from wagtail.images.models import Image

    settings.MEDIA_ROOT = str(tmp_path)
    image = Image.objects.create(title="窗口照片", file=get_test_image_file())
    bare_article.image = image
    bare_article.save_revision().publish()
    page = parse_page(client.get(bare_article.url))
    assert page.meta["Image"].startswith("http://testserver/media/original_images/")


def test_meta_content_is_escaped(client, bare_article, parse_page):
    bare_article.title = '引号"和<尖括号>'
    bare_article.save_revision().publish()
    response = client.get(bare_article.url)
    assert '<meta name="ArticleTitle" content="引号&quot;和&lt;尖括号&gt;">' in response.content.decode()
    assert parse_page(response).meta["ArticleTitle"] == '引号"和<尖括号>'


def test_pages_outside_any_column_get_site_tags_only(agency, home, rf):
    assert [name for name, _ in national_meta(agency, Page.get_first_root_node(), rf.get("/"))] == list(SITE_TAGS)


def test_views_outside_the_tree_can_give_column_and_article_tags(agency, rf):
    pairs = national_meta(
        agency,
        None,
        rf.get("/records/1/"),
        column={"ColumnName": "政府信息公开目录", "ColumnType": "信息公开目录"},
        article={"ArticleTitle": "某文件", "PubDate": format_pubdate(datetime(2026, 5, 1, 2, 0, tzinfo=UTC))},
    )
    tags = dict(pairs)
    assert [name for name, _ in pairs] == list(SITE_TAGS + COLUMN_TAGS + ARTICLE_TAGS)
    assert tags["ColumnName"] == "政府信息公开目录" and tags["ColumnKeywords"] == ""
    assert tags["ArticleTitle"] == "某文件" and tags["PubDate"] == "2026-05-01 10:00"


def test_a_paginator_page_called_page_is_not_mistaken_for_a_wagtail_page(agency, rf):
    from django.core.paginator import Paginator

    assert len(national_meta(agency, Paginator([1, 2], 1).page(1), rf.get("/"))) == len(SITE_TAGS)
