"""RSS and Atom feeds of published records: valid XML, masked text only, per category and department."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import resolve, reverse

from gongkai.disclosure import feeds, services
from gongkai.disclosure.models import Category

ALL_CHECKED = dict.fromkeys(services.CHECKLIST, True)
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
SECRETS = ("11010519491231002X", "13800138000", "张伟明")


def rss_items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return channel, channel.findall("item")


def atom_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


def titles(items):
    return [item.findtext("title") for item in items]


@pytest.mark.django_db
def test_rss_feed_lists_public_records_with_masked_text_only(client, section, publish, staff, draft_data):
    record = publish()
    services.do_create_record(staff["editor"], draft_data(title="尚未发布的草稿"))
    response = client.get("/xxgk/feeds/rss/")
    channel, items = rss_items(response)
    assert channel.findtext("title") == "示范市市场监督管理局政府信息公开"
    assert "示范市市场监督管理局" in channel.findtext("description")
    assert channel.findtext("link") == "http://testserver/xxgk/"
    assert channel.findtext("language") == "zh-cn"
    assert titles(items) == [record.title]
    item = items[0]
    url = f"http://testserver/xxgk/record/{record.pk}/"
    assert item.findtext("link") == url
    assert item.findtext("guid") == url and item.find("guid").get("isPermaLink") == "true"
    assert item.findtext("pubDate")
    assert item.findtext(f"{DC}creator") == "产品质量安全监督管理科"
    assert [c.text for c in item.findall("category")][0].startswith("（6）行政处罚")
    description = item.findtext("description")
    assert record.summary in description
    assert "110105********002X" in description and "138****8000" in description
    assert "违法所得 3600 元" in description
    raw = response.content.decode()
    for secret in SECRETS:
        assert secret not in raw
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=300"}


@pytest.mark.django_db
def test_atom_feed_has_entries_with_ids_authors_and_summaries(client, section, publish):
    record = publish(topics="头盔 产品质量")
    root, entries = atom_entries(client.get("/xxgk/feeds/atom/"))
    assert root.findtext(f"{ATOM}title") == "示范市市场监督管理局政府信息公开"
    assert "最新 50 条" in root.findtext(f"{ATOM}subtitle")
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/xxgk/feeds/atom/"
    [entry] = entries
    assert entry.findtext(f"{ATOM}id") == f"http://testserver/xxgk/record/{record.pk}/"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "产品质量安全监督管理科"
    assert entry.findtext(f"{ATOM}published") and entry.findtext(f"{ATOM}updated")
    terms = [c.get("term") for c in entry.findall(f"{ATOM}category")]
    assert "头盔" in terms and "产品质量" in terms
    summary = entry.findtext(f"{ATOM}summary")
    assert "110105********002X" in summary
    for secret in SECRETS:
        assert secret not in summary


@pytest.mark.django_db
def test_category_feeds_include_sub_categories(client, section, publish, penalty_category):
    sub = Category.objects.create(code="art20-6-food", name="食品安全行政处罚", parent=penalty_category)
    in_item = publish(title="行政处罚决定（第六项）")
    in_sub = publish(title="食品安全行政处罚决定", category=sub)
    other = publish(title="2026 年部门预算", category=Category.objects.get(code="art20-7"))

    channel, items = rss_items(client.get("/xxgk/feeds/category/art20-6/rss/"))
    assert set(titles(items)) == {in_item.title, in_sub.title}
    assert "行政处罚" in channel.findtext("title")
    assert channel.findtext("link") == "http://testserver/xxgk/?category=art20-6"

    _, items = rss_items(client.get("/xxgk/feeds/category/art20-6-food/rss/"))
    assert titles(items) == [in_sub.title]
    sub_item = items[0]
    assert [c.text for c in sub_item.findall("category")][1] == "食品安全行政处罚"

    _, entries = atom_entries(client.get("/xxgk/feeds/category/art20-7/atom/"))
    assert [e.findtext(f"{ATOM}title") for e in entries] == [other.title]


@pytest.mark.django_db
def test_department_feeds(client, section, publish, departments):
    own = publish(title="质量科的处罚决定")
    other = publish(title="食品科的处罚决定", department=departments["other"])
    channel, items = rss_items(client.get("/xxgk/feeds/department/quality/rss/"))
    assert titles(items) == [own.title]
    assert "产品质量安全监督管理科" in channel.findtext("title")
    _, entries = atom_entries(client.get("/xxgk/feeds/department/food/atom/"))
    assert [e.findtext(f"{ATOM}title") for e in entries] == [other.title]
    _, items = rss_items(client.get("/xxgk/feeds/department/quality-check/rss/"))
    assert items == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", [
    "/xxgk/feeds/category/art20-99/rss/", "/xxgk/feeds/category/nope/atom/",
    "/xxgk/feeds/department/nope/rss/", "/xxgk/feeds/department/nope/atom/",
])
def test_unknown_codes_are_404_with_the_chinese_page(client, section, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "找不到这个页面" in response.content.decode()


@pytest.mark.django_db
def test_withdrawn_and_non_proactive_records_leave_the_feeds(client, section, publish, staff):
    kept = publish(title="保留的决定")
    withdrawn = publish(title="已撤销的决定")
    on_request = publish(title="依申请公开的信息", attribute="on_request")
    services.do_withdraw(staff["reviewer"], withdrawn, "决定已被撤销")
    for url in ("/xxgk/feeds/rss/", "/xxgk/feeds/category/art20-6/rss/", "/xxgk/feeds/department/quality/rss/"):
        _, items = rss_items(client.get(url))
        assert titles(items) == [kept.title]
    raw = client.get("/xxgk/feeds/atom/").content.decode()
    assert withdrawn.title not in raw and on_request.title not in raw


@pytest.mark.django_db
def test_feeds_carry_the_latest_records_newest_first(client, section, publish, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_ITEMS", 2)
    first, second, third = (publish(title=f"第 {n} 份决定") for n in (1, 2, 3))
    _, items = rss_items(client.get("/xxgk/feeds/rss/"))
    assert titles(items) == [third.title, second.title]
    assert first.title not in titles(items)


@pytest.mark.django_db
def test_feed_urls_win_over_the_disclosure_page_routes(client, section):
    names = {
        "/xxgk/feeds/rss/": "disclosure_feed_rss",
        "/xxgk/feeds/atom/": "disclosure_feed_atom",
        "/xxgk/feeds/category/art20-6/rss/": "disclosure_category_feed_rss",
        "/xxgk/feeds/category/art20-6/atom/": "disclosure_category_feed_atom",
        "/xxgk/feeds/department/quality/rss/": "disclosure_department_feed_rss",
        "/xxgk/feeds/department/quality/atom/": "disclosure_department_feed_atom",
    }
    for url, name in names.items():
        assert resolve(url).url_name == name
    assert reverse("disclosure_category_feed_atom", args=["art20-6"]) == "/xxgk/feeds/category/art20-6/atom/"
    # The catalogue itself is still Wagtail's.
    assert client.get("/xxgk/").status_code == 200


def test_body_excerpt_is_plain_text_of_the_public_body():
    class Record:
        public_body = "<p>第一段&amp;文字</p>\n<p>第二段" + "长" * 300 + "</p>"
        body = "<p>原文，不得出现</p>"

    excerpt = feeds.body_excerpt(Record())
    assert excerpt.startswith("第一段&文字 第二段")
    assert "<" not in excerpt and "原文" not in excerpt
    assert len(excerpt) == feeds.EXCERPT_CHARS + 1 and excerpt.endswith("…")
    assert feeds.split_topics("头盔、产品质量 抽查，电动车") == ["头盔", "产品质量", "抽查", "电动车"]
