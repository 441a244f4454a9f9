"""The annual report end to end in Chromium (issue 5, RULES.md §4).

The OGI office opens the report of a finished year, sees the failed check for the missing table
二 figures, enters them, has the platform draft sections 一 and 六, writes section 五 and submits;
another member of the OGI office approves with the checklist; the public 年度报告 page then shows
the three tables with their official labels, and axe-core finds no serious or critical violation.

The demo has published last year's report already; this test works on the year before it.
"""

import datetime as dt
import re

from tests.browser.conftest import axe_violations, login

DEMO_PASSWORD = "Shifan-Demo-2026"


def test_write_review_and_publish_an_annual_report(site_url, browser):
    year = dt.date.today().year - 2
    staff = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = staff.new_page()
    page.set_default_timeout(20000)
    login(page, site_url, "ogi", DEMO_PASSWORD)

    page.goto(f"{site_url}/admin/annual-report/")
    page.get_by_role("link", name=re.compile(f"打开工作视图\\s*：{year} 年度报告")).click()
    errors = page.locator("#ar-errors")
    assert "尚未填写：行政许可、行政处罚、行政强制、行政事业性收费" in errors.inner_text()
    assert page.locator("table.ar-table3 tbody tr").count() == 26  # 25 rows + the heading 三、本年度办理结果

    # Table 二: the figures the platform does not hold, each with its source.
    for key, value, source in (("licensing", "1,086", "行政许可审批系统"), ("penalty", "352", "行政执法监督平台"),
                               ("coercion", "40", "行政执法监督平台"), ("fees", "0", "财务科")):
        page.locator(f"#fig-{key}").fill(value)
        page.locator(f"#fig-{key}-source").fill(source)
    page.get_by_role("button", name="保存表二数字").click()
    assert "表二的数字已保存。" in page.locator(".messages").inner_text()
    assert page.locator("#ar-errors-none").is_visible()
    assert "1086" in page.locator("table.ar-table2").inner_text()

    # Sections: the platform drafts 一 and 六, staff write 五.
    page.get_by_role("button", name="生成第一、六部分草稿").click()
    assert "已根据本年度数据生成" in page.locator(".messages").inner_text()
    assert f"{year}年，示范市市场监督管理局" in page.locator("#id_section1").input_value()
    assert "信息处理费" in page.locator("#id_section6").input_value()
    page.locator("#id_section5").fill("一是部分信息公开不够及时。改进措施：纳入月度考核。")
    page.get_by_role("button", name="保存正文").click()
    assert "正文已保存。" in page.locator(".messages").inner_text()

    page.get_by_role("button", name="提交审核").click()
    assert "已提交审核" in page.locator(".messages").inner_text()
    assert "待审核" in page.locator(".ar-status").inner_text()
    assert page.get_by_role("button", name="审核通过并发布").count() == 0  # never one's own review
    staff.close()

    reviewer = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = reviewer.new_page()
    page.set_default_timeout(20000)
    login(page, site_url, "ogi2", DEMO_PASSWORD)
    page.goto(f"{site_url}/admin/annual-report/{year}/")
    for name in ("内容审查", "时机审查", "方式审查", "保密审查"):
        page.get_by_label(name).check()
    page.locator("#id_comment").fill("数据已核对，同意发布。")
    page.get_by_role("button", name="审核通过并发布").click()
    assert "已发布（索引号" in page.locator(".messages").inner_text()
    reviewer.close()

    public = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})  # a phone
    page = public.new_page()
    page.goto(f"{site_url}/ndbg/")
    page.get_by_role("link", name=f"示范市市场监督管理局{year}年政府信息公开工作年度报告").click()
    body = page.locator("main").inner_text()
    for label in ("二、主动公开政府信息情况", "行政规范性文件", "本年收费金额（单位：万元）",
                  "一、本年新收政府信息公开申请数量", "（三）不予公开 1.属于国家秘密", "（七）总计",
                  "四、结转下年度继续办理", "行政复议", "未经复议直接起诉", "复议后起诉",
                  "一是部分信息公开不够及时。"):
        assert label in body, label
    assert "1086" in page.locator("table.ar-table2").inner_text()
    assert axe_violations(page) == []
    public.close()
