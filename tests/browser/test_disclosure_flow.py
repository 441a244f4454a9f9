"""Proactive disclosure in Chromium: draft with personal data, review with masking, publish, find."""

import uuid

from gongkai.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, login


def test_draft_review_mask_publish_and_find(site_url, browser):
    marker = uuid.uuid4().hex[:6]
    title = f"关于蜂蜜产品抽检不合格的处理决定{marker}"

    editor = browser.new_context(locale="zh-CN").new_page()
    login(editor, site_url, "editor", DEMO_PASSWORD)
    editor.goto(site_url + "/admin/records/add/")
    editor.fill("#id_title", title)
    editor.select_option("#id_department", label="产品质量安全监督管理科")
    editor.select_option("#id_category", index=6)
    editor.fill("#id_formed_on", "2026-11-20")
    editor.fill("#id_summary", "对销售不合格蜂蜜的处理决定。")
    body = editor.locator(".Draftail-Editor [contenteditable=true]")
    body.click()
    body.type("当事人：王建华")
    editor.keyboard.press("Enter")
    body.type("身份证号：11010519491231002X")
    # Draftail writes its content into the form at most every 250 ms; a person never clicks faster.
    editor.wait_for_timeout(600)
    editor.get_by_role("button", name="保存草稿").click()
    editor.wait_for_url("**/admin/records/*/")
    record_url = editor.url
    editor.get_by_role("button", name="提交审核").click()
    editor.wait_for_load_state()
    assert "已提交审核" in editor.locator("body").inner_text()

    reviewer = browser.new_context(locale="zh-CN").new_page()
    login(reviewer, site_url, "reviewer", DEMO_PASSWORD)
    reviewer.goto(record_url)
    findings = reviewer.locator("tr[data-finding]")
    assert findings.count() == 2
    text = reviewer.locator("#findings").inner_text() + reviewer.locator("table").first.inner_text()
    assert "110105********002X" in text
    for _ in range(2):
        reviewer.locator("tr[data-finding] button[value=mask]").first.click()
        reviewer.wait_for_load_state()
    assert reviewer.locator("tr[data-finding] button[value=mask]").count() == 0
    for name in ("checked_content", "checked_timing", "checked_method", "checked_confidentiality"):
        reviewer.check(f"input[name={name}]")
    reviewer.get_by_role("button", name="审核通过").click()
    reviewer.wait_for_load_state()
    assert "审核通过，已发布" in reviewer.locator("body").inner_text()
    public_link = reviewer.get_by_role("link", name="查看公开页面").get_attribute("href")

    visitor = browser.new_context(locale="zh-CN").new_page()
    visitor.goto(site_url + public_link)
    page_text = visitor.locator("main").inner_text()
    assert title in page_text
    assert "110105********002X" in page_text and "王某某" in page_text or "王某" in page_text
    assert "11010519491231002X" not in visitor.content() and "王建华" not in visitor.content()
    assert axe_violations(visitor) == []

    # The feed carries the masked text only.
    feed = visitor.request.get(site_url + "/xxgk/feeds/rss/").text()
    assert title in feed and "110105********002X" in feed
    assert "11010519491231002X" not in feed and "王建华" not in feed

    # A 2-character word from the title finds it.
    visitor.goto(site_url + "/xxgk/search/?q=蜂蜜")
    assert title in visitor.locator("main").inner_text()
    assert axe_violations(visitor) == []


def test_catalogue_is_accessible_and_filters(site_url, page):
    page.goto(site_url + "/xxgk/")
    assert "共 " in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("navigation", name="按信息类别浏览").get_by_role("link", name="（6）行政处罚", exact=False).click()
    rows = page.locator("main tbody tr")
    assert rows.count() == 20  # a full first page
    for row in rows.all():
        assert "行政处罚、行政强制" in row.inner_text()
