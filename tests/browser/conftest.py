"""Browser tests: the Debian Chromium (/usr/bin/chromium) driven by Playwright for Python.

Playwright never downloads a browser here: every launch names the system binary.

The tests share one server for the whole session, like a running demo: a live-server thread on
a file-based SQLite test database with the demo agency loaded once. Nothing is flushed between
tests, so a test that changes state uses its own records or accounts.
"""

import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "build" / "static" / "vendor" / "axe" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_url(django_db_blocker):
    """Base URL of a server with the demo agency loaded (the same data `make run` shows).

    The browser tests ask for no per-test database, so pytest-django creates none; this fixture
    makes its own test database. On SQLite it is a file, not memory: the server thread then
    opens its own connection, as a real server does.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections
    from django.test.testcases import LiveServerThread
    from django.test.utils import override_settings, setup_databases, teardown_databases

    from gongkai.demo.loader import load_demo
    from gongkai.workcalendar.testing import cover_years_around_today

    database = connections["default"].settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        database["TEST"]["NAME"] = str(Path(tempfile.mkdtemp()) / "browser-tests.sqlite3")
    with django_db_blocker.unblock():
        old_config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        with override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], ALLOWED_HOSTS=["*"], DEBUG=False
        ):
            # Cases opened today run into next year from December on, before its schedule is out.
            cover_years_around_today()
            load_demo()
            thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
            thread.daemon = True
            thread.start()
            thread.is_ready.wait()
            if thread.error:
                raise thread.error
            yield f"http://127.0.0.1:{thread.port}"
            thread.terminate()
        teardown_databases(old_config, verbosity=0)


@pytest.fixture(scope="session")
def server_errors():
    """Every unhandled exception the live server meets: a browser test fails on any (no 500 anywhere)."""
    from django.core.signals import got_request_exception

    errors = []

    def collect(sender, request=None, **kwargs):
        errors.append(f"{request.method} {request.path}" if request is not None else "unknown request")

    got_request_exception.connect(collect, weak=False, dispatch_uid="browser_tests_500")
    yield errors
    got_request_exception.disconnect(dispatch_uid="browser_tests_500")


@pytest.fixture(autouse=True)
def _no_server_error(server_errors):
    seen = len(server_errors)
    yield
    assert server_errors[seen:] == [], f"the server answered 500 to: {server_errors[seen:]}"


@pytest.fixture(scope="session")
def browser(site_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def login(page, base, username, password):
    """Sign in to the back office through the login form, as a person does."""
    page.goto(base + "/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core (from the npm registry, built into build/static) in the page; return serious/critical ones."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in impacts
    ]
