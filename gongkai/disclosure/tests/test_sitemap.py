"""/sitemap.xml is an index of the Wagtail pages and of the public records, the latter in pages of `limit`."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.disclosure import services
from gongkai.disclosure.feeds import RecordSitemap

ALL_CHECKED = dict.fromkeys(services.CHECKLIST, True)
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse(response, root_tag):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{NS}{root_tag}"
    return root


def index_locations(client):
    root = parse(client.get("/sitemap.xml"), "sitemapindex")
    return [node.findtext(f"{NS}loc") for node in root.findall(f"{NS}sitemap")]


def urls(response):
    root = parse(response, "urlset")
    return {node.findtext(f"{NS}loc"): node.findtext(f"{NS}lastmod") for node in root.findall(f"{NS}url")}


@pytest.mark.django_db
def test_sitemap_is_an_index_of_pages_and_records(client, section, publish):
    publish()
    assert index_locations(client) == [
        "http://testserver/sitemap-pages.xml", "http://testserver/sitemap-records.xml",
    ]


@pytest.mark.django_db
def test_pages_section_keeps_the_wagtail_pages(client, section):
    locations = urls(client.get("/sitemap-pages.xml"))
    paths = {location.split("/", 3)[3] for location in locations}
    assert "" in paths and "xxgk/" in paths  # the home page and 政府信息公开


@pytest.mark.django_db
def test_records_section_lists_public_records_with_lastmod(client, section, publish, staff, draft_data):
    record = publish()
    withdrawn = publish(title="已撤销的决定")
    on_request = publish(title="依申请公开的信息", attribute="on_request")
    services.do_withdraw(staff["reviewer"], withdrawn, "决定已被撤销")
    draft = services.do_create_record(staff["editor"], draft_data(title="草稿"))
    found = urls(client.get("/sitemap-records.xml"))
    assert found == {
        f"http://testserver/xxgk/record/{record.pk}/": timezone.localtime(record.updated_at).date().isoformat(),
    }
    for hidden in (withdrawn, on_request, draft):
        assert f"/xxgk/record/{hidden.pk}/" not in str(found)


@pytest.mark.django_db
def test_records_are_split_into_sitemap_pages(client, section, publish, monkeypatch):
    monkeypatch.setattr(RecordSitemap, "limit", 2)
    records = [publish(title=f"第 {n} 份决定") for n in range(5)]
    assert index_locations(client) == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-records.xml",
        "http://testserver/sitemap-records.xml?p=2",
        "http://testserver/sitemap-records.xml?p=3",
    ]
    seen = []
    for page in (1, 2, 3):
        seen.extend(urls(client.get("/sitemap-records.xml", {"p": page})))
    assert seen == [f"http://testserver/xxgk/record/{r.pk}/" for r in records]  # by id: pages stay stable
    assert client.get("/sitemap-records.xml", {"p": 4}).status_code == 404
    assert client.get("/sitemap-records.xml", {"p": "x"}).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


@pytest.mark.django_db
def test_a_records_sitemap_page_costs_the_same_queries_for_few_or_many_records(client, section, publish):
    publish()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap-records.xml").status_code == 200
            assert client.get("/sitemap.xml").status_code == 200
        return len(captured)

    few = queries()
    for n in range(4):
        publish(title=f"又一份决定 {n}")
    assert queries() == few
