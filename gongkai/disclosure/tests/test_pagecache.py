"""The public pages' cache (gongkai/portal/pagecache.py): stored pages are served without the database,
and publishing, withdrawing or editing what the public sees shows at once."""

import re

import pytest
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.views.decorators.cache import never_cache
from wagtail.models import Page

from gongkai.disclosure import services
from gongkai.portal import elderly, pagecache
from gongkai.search.services import load_dictionary

pytestmark = pytest.mark.django_db


def fetch(client, url, **extra):
    """(status, body without search highlighting, number of database queries) of one GET."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    return response.status_code, re.sub(r"</?mark[^>]*>", "", response.content.decode()), len(captured)


def test_a_stored_page_is_served_without_the_database_with_the_same_bytes_and_headers(client, section, publish):
    record = publish()
    url = f"{section.url}record/{record.pk}/"
    first = client.get(url)
    with CaptureQueriesContext(connection) as captured:
        second = client.get(url)
    assert len(captured) == 0
    assert second.status_code == 200 and second.content == first.content
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type"):
        assert second[header] == first[header]
    assert record.title in second.content.decode()


def test_every_public_page_is_stored(client, section, publish):
    record = publish()
    load_dictionary()
    for url in ("/", section.url, f"{section.url}?category=art20-6", f"{section.url}record/{record.pk}/",
                f"{section.url}search/?q=头盔", f"{section.url}guide/", "/ndbg/"):
        status, _, _ = fetch(client, url)
        assert status == 200, url
        status, _, count = fetch(client, url)
        assert (status, count) == (200, 0), url


def test_withdrawing_a_record_shows_at_once_on_its_page_the_catalogue_and_search(
        client, section, publish, staff, django_capture_on_commit_callbacks):
    load_dictionary()
    record = publish()
    pages = {"record": f"{section.url}record/{record.pk}/", "catalogue": section.url,
             "search": f"{section.url}search/?q=头盔"}
    for url in pages.values():
        assert record.title in fetch(client, url)[1]
    with django_capture_on_commit_callbacks(execute=True):
        services.do_withdraw(staff["reviewer"], record, "该决定已被行政复议撤销。")
    status, body, _ = fetch(client, pages["record"])
    assert status == 410 and "已撤回" in body
    assert record.title not in fetch(client, pages["catalogue"])[1]
    assert record.title not in fetch(client, pages["search"])[1]


def test_publishing_a_record_shows_at_once_in_the_catalogue_home_and_search(client, section, publish):
    load_dictionary()
    publish()
    title = "示范市市场监督管理局关于白酒产品质量监督抽查结果的通告"
    pages = {"home": "/", "catalogue": section.url, "search": f"{section.url}search/?q=白酒"}
    for url in pages.values():
        fetch(client, url)
        assert fetch(client, url)[2] == 0 and title not in fetch(client, url)[1]  # stored, without it
    publish(title=title, summary="白酒抽查结果。")
    assert title in fetch(client, pages["catalogue"])[1]
    assert title in fetch(client, pages["search"])[1]


def test_editing_a_wagtail_page_shows_at_once(client, section):
    for url in (section.url, "/", f"{section.url}guide/"):
        fetch(client, url)
        assert "公开目录（新版）" not in fetch(client, url)[1]
    page = Page.objects.get(pk=section.pk).specific
    page.title = "公开目录（新版）"
    page.save_revision().publish()
    status, body, count = fetch(client, section.url)
    assert status == 200 and count > 0 and "公开目录（新版）" in body
    # The main menu of every page is renewed too (it is built once per generation: pagecache.remembered).
    for url in ("/", f"{section.url}guide/"):
        menu = re.search(r'<ul class="main-nav__list">.*?</ul>', fetch(client, url)[1], re.S).group(0)
        assert "公开目录（新版）" in menu, url


def test_elderly_mode_and_the_query_string_have_their_own_pages(client, section, publish):
    publish()
    plain = fetch(client, "/")[1]
    elderly_client = Client()
    elderly_client.cookies[elderly.COOKIE_NAME] = elderly.COOKIE_ON
    status, body, count = fetch(elderly_client, "/")
    assert status == 200 and count > 0
    assert '<html lang="zh-CN" class="elderly">' in body and 'class="elderly">' not in plain
    assert fetch(client, f"{section.url}?category=art20-6")[1] != fetch(client, f"{section.url}?category=art20-7")[1]


def test_signed_in_staff_are_never_served_a_stored_page(client, client_for, section, publish):
    record = publish()
    url = f"{section.url}record/{record.pk}/"
    fetch(client, url)
    assert fetch(client, url)[2] == 0
    editor = client_for("editor")
    fetch(editor, url)
    assert fetch(editor, url)[2] > 0


def test_the_application_form_with_its_csrf_token_is_never_stored(client, section):
    fetch(client, "/yisqgk/apply/")
    status, body, count = fetch(client, "/yisqgk/apply/")
    assert status == 200 and count > 0 and "csrfmiddlewaretoken" in body


def test_not_found_pages_are_not_stored(client, section):
    fetch(client, f"{section.url}record/999999/")
    status, _, count = fetch(client, f"{section.url}record/999999/")
    assert status == 404 and count > 0


def test_the_cache_is_off_with_zero_seconds(client, section, settings):
    settings.PAGE_CACHE_SECONDS = 0
    fetch(client, "/")
    assert fetch(client, "/")[2] > 0


def test_a_stored_page_expires_after_its_seconds(client, section, settings, monkeypatch):
    fetch(client, "/")
    assert fetch(client, "/")[2] == 0
    stored_at = pagecache.time.time()
    monkeypatch.setattr(pagecache.time, "time", lambda: stored_at + settings.PAGE_CACHE_SECONDS + 1)
    assert fetch(client, "/")[2] > 0


# --- which requests and responses (pure rules) ------------------------------------------------------------------


@pytest.fixture
def get():
    factory = RequestFactory()

    def make(path="/", **cookies):
        request = factory.get(path)
        request.COOKIES.update(cookies)
        return request

    return make


def test_request_key(get, settings):
    assert pagecache.request_key(get("/xxgk/")) == pagecache.request_key(get("/xxgk/"))
    assert pagecache.request_key(get("/xxgk/?page=2")) != pagecache.request_key(get("/xxgk/"))
    assert pagecache.request_key(get("/", gongkai_elderly="1")) != pagecache.request_key(get("/"))
    for path in ("/admin/", "/yisqgk/apply/", "/documents/1/a.pdf", "/static/x.css"):
        assert pagecache.request_key(get(path)) is None, path
    assert pagecache.request_key(get("/", **{settings.SESSION_COOKIE_NAME: "abc"})) is None
    assert pagecache.request_key(get("/", messages="x")) is None
    assert pagecache.request_key(RequestFactory().post("/")) is None
    assert pagecache.request_key(RequestFactory().head("/")) is None
    assert pagecache.request_key(RequestFactory().get("/", HTTP_AUTHORIZATION="Basic eDp5")) is None


def test_storable(get):
    request = get()
    assert pagecache.storable(request, HttpResponse("<p>页面</p>"))
    assert not pagecache.storable(request, HttpResponse("<p>页面</p>", status=404))
    assert not pagecache.storable(request, JsonResponse({"a": 1}))
    assert not pagecache.storable(request, never_cache(lambda r: HttpResponse("x"))(request))
    with_cookie = HttpResponse("x")
    with_cookie.set_cookie("a", "b")
    assert not pagecache.storable(request, with_cookie)
    assert not pagecache.storable(request, pagecache.no_public_cache(lambda r: HttpResponse("x"))(request))
    token_request = get()
    token_request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert not pagecache.storable(token_request, HttpResponse("x"))


def test_the_local_layer_keeps_to_its_size(settings):
    settings.PAGE_CACHE_LOCAL_MB = 1
    pages = pagecache._LocalPages()
    body = b"x" * 400_000
    for n in range(4):
        pages.put(str(n), (0, 200, [], body))
    assert pages.get("0") is None and pages.get("1") is None
    assert pages.get("2") is not None and pages.get("3") is not None


def test_writing_the_search_index_renews_the_pages(section, publish):
    """The index is written after the record's commit: the pages rendered in between must go too."""
    record = publish()
    before = pagecache.current_generation()
    services.reindex_record(record.pk)
    assert pagecache.current_generation() != before


def test_a_bulk_import_shows_at_once(client, section, staff, settings, tmp_path):
    """The importer writes in bulk (no model signals): it renews the pages itself."""
    from gongkai.disclosure import importer
    from gongkai.disclosure.tests.test_importer import FIXTURES, attachments_folder

    settings.MEDIA_ROOT = str(tmp_path / "media")
    title = "示范市市场监督管理局2023年部门决算"
    fetch(client, section.url)
    assert fetch(client, section.url)[2] == 0 and title not in fetch(client, section.url)[1]
    result = importer.run_import(FIXTURES / "good.csv", user=staff["ogi_office"],
                                 attachments_dir=attachments_folder(tmp_path))
    assert result.imported
    assert title in fetch(client, section.url)[1]


def test_the_catalogue_count_is_kept_per_generation_and_follows_publishing_and_withdrawing(
        client, section, publish, staff, settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 0  # pages rendered every time: only the remembered count is kept
    first = publish()
    url = f"{section.url}?category={first.category.code}"
    assert "共 1 条政府信息" in fetch(client, url)[1]
    queries = fetch(client, url)[2]
    generation = pagecache.current_generation()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert len(captured) == queries and not any("COUNT(" in q["sql"] for q in captured)
    second = publish(title="示范市市场监督管理局行政处罚决定书（示市监罚〔2026〕16号）")
    assert pagecache.current_generation() != generation
    assert "共 2 条政府信息" in fetch(client, url)[1]
    assert "共 2 条政府信息" in fetch(client, section.url)[1]
    with django_capture_on_commit_callbacks(execute=True):
        services.do_withdraw(staff["reviewer"], second, "该决定已被行政复议撤销。")
    assert "共 1 条政府信息" in fetch(client, url)[1]
    assert "共 0 条政府信息" in fetch(client, f"{section.url}?category={first.category.code}&year=2001")[1]


def test_remembered_values_are_bounded_per_generation(monkeypatch):
    monkeypatch.setattr(pagecache, "FRAGMENTS_MAX", 2)
    pagecache.invalidate()  # a new generation: nothing kept yet
    calls = []

    def compute(name):
        return lambda: calls.append(name) or name.upper()

    for _ in range(3):
        assert [pagecache.remembered(k, compute(k)) for k in ("a", "b", "c")] == ["A", "B", "C"]
    assert calls == ["a", "b", "c", "c", "c"]  # the third is not kept: past the bound
    pagecache.invalidate()
    assert pagecache.remembered("c", compute("c")) == "C" and calls[-1] == "c"
    assert pagecache.remembered("c", compute("c")) == "C" and calls.count("c") == 4  # kept in the new one
