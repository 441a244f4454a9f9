"""What a visitor sees on the public site, in Chromium."""

from tests.browser.conftest import axe_violations


def _meta(page, name):
    return page.locator(f'meta[name="{name}"]').get_attribute("content")


def test_home_page_in_chinese_with_national_meta_tags(site_url, page):
    page.goto(site_url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert "示范市市场监督管理局" in page.title()
    assert _meta(page, "SiteName") == "示范市市场监督管理局"
    assert _meta(page, "SiteIDCode") == "9999000001"
    assert _meta(page, "SiteDomain") == "scjgj.shifan.gov.cn"
    assert _meta(page, "ColumnName") == "首页"
    footer = page.locator("footer").inner_text()
    for text in ("网站标识码", "9999000001", "示ICP备00000001号", "示公网安备 99000002000001号"):
        assert text in footer
    # The skip link is the first thing a keyboard user reaches, and it leads to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "跳到主要内容"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_article_page_carries_article_tags(site_url, page):
    page.goto(site_url + "/")
    page.get_by_role("navigation").get_by_role("link", name="通知公告").first.click()
    assert _meta(page, "ColumnName") == "通知公告"
    link = page.locator("main a[href^='/notices/']").first
    title = link.inner_text().strip()
    link.click()
    assert _meta(page, "ArticleTitle") == title
    assert page.locator("h1").inner_text().strip() == title
    pub_date = _meta(page, "PubDate")
    assert len(pub_date) == 16 and pub_date[4] == "-" and pub_date[10] == " "


def test_elderly_mode_toggles_and_persists(site_url, page):
    page.goto(site_url + "/")
    html = page.locator("html")
    assert "elderly" not in (html.get_attribute("class") or "")
    base_size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_function("document.documentElement.classList.contains('elderly')")
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") > base_size
    assert page.get_by_role("button", name="关闭长者模式").get_attribute("aria-pressed") == "true"
    # Remembered: a reload and another page arrive already in elderly mode (set by the server).
    page.reload()
    assert "elderly" in html.get_attribute("class")
    page.goto(site_url + "/nonexistent-page/")
    assert "elderly" in page.locator("html").get_attribute("class")
    page.goto(site_url + "/")
    page.get_by_role("button", name="关闭长者模式").click()
    page.wait_for_function("!document.documentElement.classList.contains('elderly')")
    page.reload()
    assert "elderly" not in (page.locator("html").get_attribute("class") or "")


def test_phone_layout_has_no_horizontal_scroll(site_url, browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_home_page_has_no_serious_accessibility_violations(site_url, page):
    page.goto(site_url + "/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="长者模式").click()
    page.wait_for_function("document.documentElement.classList.contains('elderly')")
    assert axe_violations(page) == []


def test_login_page_has_no_serious_accessibility_violations(site_url, page):
    page.goto(site_url + "/admin/login/")
    assert axe_violations(page) == []
