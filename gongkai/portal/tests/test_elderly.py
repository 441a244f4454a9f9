import pytest
from django.contrib.staticfiles import finders

from gongkai.portal import elderly


def test_default_is_off(client, home, parse_page):
    response = client.get("/notices/")
    page = parse_page(response)
    assert "class" not in page.html_attrs
    content = response.content.decode()
    assert 'aria-pressed="false">长者模式</button>' in content
    assert '<input type="hidden" name="on" value="1">' in content
    assert '<input type="hidden" name="next" value="/notices/">' in content


def test_cookie_turns_it_on_server_side(client, home, parse_page):
    client.cookies[elderly.COOKIE_NAME] = "1"
    response = client.get("/notices/")
    assert parse_page(response).html_attrs["class"] == "elderly"
    content = response.content.decode()
    assert 'aria-pressed="true">关闭长者模式</button>' in content
    assert '<input type="hidden" name="on" value="0">' in content


def test_cookie_applies_on_error_pages_too(client, home, parse_page):
    client.cookies[elderly.COOKIE_NAME] = "1"
    assert parse_page(client.get("/no-such-page/")).html_attrs["class"] == "elderly"


def test_other_cookie_values_are_ignored(client, home, parse_page):
    client.cookies[elderly.COOKIE_NAME] = "yes"
    assert "class" not in parse_page(client.get("/")).html_attrs


def test_toggle_view_turns_it_on_and_goes_back(client, db):
    response = client.get("/elderly-mode/", {"on": "1", "next": "/notices/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/notices/?page=2"
    cookie = response.cookies[elderly.COOKIE_NAME]
    assert cookie.value == "1"
    assert cookie["max-age"] == elderly.COOKIE_MAX_AGE
    assert cookie["path"] == "/"
    assert cookie["samesite"] == "Lax"
    assert not cookie["httponly"]


def test_toggle_view_turns_it_off(client, db):
    client.cookies[elderly.COOKIE_NAME] = "1"
    response = client.get("/elderly-mode/", {"on": "0", "next": "/about/"})
    assert response["Location"] == "/about/"
    cookie = response.cookies[elderly.COOKIE_NAME]
    assert cookie.value == ""
    assert cookie["max-age"] == 0


def test_toggle_then_page_round_trip(client, home, parse_page):
    client.get("/elderly-mode/", {"on": "1", "next": "/"})
    assert parse_page(client.get("/")).html_attrs["class"] == "elderly"
    client.get("/elderly-mode/", {"on": "0", "next": "/"})
    assert "class" not in parse_page(client.get("/")).html_attrs


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example/",
        "\\\\evil.example",
        "http:evil.example",
        "javascript:alert(1)",
        "evil.example/path",
        "/%0d%0aSet-Cookie:x=1",
        "/ok\r\nLocation: https://evil.example/",
        "",
    ],
)
def test_toggle_view_refuses_off_site_redirects(client, db, next_url):
    response = client.get("/elderly-mode/", {"on": "1", "next": next_url})
    assert response.status_code == 302
    location = response["Location"]
    assert location == "/" or (location.startswith("/") and not location.startswith("//") and "evil" not in location)


def test_toggle_view_without_next_goes_home(client, db):
    assert client.get("/elderly-mode/", {"on": "1"})["Location"] == "/"


def test_toggle_view_is_get_only(client, db):
    assert client.post("/elderly-mode/", {"on": "1"}).status_code == 405


def test_toggle_view_is_not_cached(client, db):
    assert "no-cache" in client.get("/elderly-mode/", {"on": "1"})["Cache-Control"]


def test_static_files_exist():
    assert finders.find("portal/js/elderly.js")
    assert finders.find("portal/css/site.css")
    script = open(finders.find("portal/js/elderly.js"), encoding="utf-8").read()
    assert elderly.COOKIE_NAME in script and "aria-pressed" in script
