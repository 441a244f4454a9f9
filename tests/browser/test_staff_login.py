"""A staff member logs in to the back office, and is locked out after repeated failures."""

from gongkai.demo.data import DEMO_PASSWORD
from tests.browser.conftest import login


def test_staff_logs_in_and_sees_the_back_office_in_chinese(site_url, page):
    login(page, site_url, "admin", DEMO_PASSWORD)
    assert page.url.rstrip("/").endswith("/admin")
    body = page.locator("body").inner_text()
    assert "机构与人员" in body
    assert "审计日志" in body
    page.goto(site_url + "/admin/organisation/departments/")
    assert "产品质量安全监督管理科" in page.locator("main").inner_text()


def test_editor_sees_only_own_department_and_menu(site_url, page):
    login(page, site_url, "editor", DEMO_PASSWORD)
    assert "审计日志" not in page.locator("body").inner_text()
    page.goto(site_url + "/admin/organisation/departments/")
    listing = page.locator("main").inner_text()
    assert "产品质量安全监督管理科" in listing
    assert "食品生产安全监督管理科" not in listing


def test_staff_is_locked_out_after_repeated_failures(site_url, page):
    for attempt in range(4):
        login(page, site_url, "reviewer", f"wrong-password-{attempt}")
        assert "/admin/login/" in page.url
    login(page, site_url, "reviewer", "wrong-password-5")
    assert "账号已暂时锁定" in page.locator("body").inner_text()
    # Even the right password is refused while the lock lasts.
    login(page, site_url, "reviewer", DEMO_PASSWORD)
    assert "账号已暂时锁定" in page.locator("body").inner_text()
    page.goto(site_url + "/admin/")
    assert "/admin/login/" in page.url
