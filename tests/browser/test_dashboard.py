"""The statistics dashboards (统计分析) in Chromium, as the demo OGI office sees them.

Every chart is drawn by Apache ECharts, served from /static/vendor/ (no CDN: the page works
offline), from the same figures as the table under it; each table has a caption and numbers.
"""

import re

from gongkai.demo.data import DEMO_PASSWORD
from tests.browser.conftest import axe_violations, login

NUMBER = re.compile(r"\d+(\.\d)?|—")


def test_every_chart_is_drawn_and_has_its_table(site_url, page):
    problems = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    login(page, site_url, "ogi", DEMO_PASSWORD)
    page.goto(site_url + "/admin/statistics/")
    assert "统计分析" in page.title()

    figures = page.locator("figure.gk-figure")
    assert figures.count() == 11
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-gk-chart]')].every(el => el.querySelector('canvas, svg'))")
    for figure in figures.all():
        name = figure.locator("figcaption h3").inner_text()
        chart = figure.locator(".gk-chart")
        assert chart.get_attribute("aria-hidden") == "true", name
        assert chart.locator("canvas, svg").count() >= 1, name
        assert chart.bounding_box()["height"] >= 300, name
        table = figure.locator("table")
        assert name in table.locator("caption").inner_text()
        assert table.locator("thead th[scope=col]").count() >= 2, name
        cells = table.locator("tbody td.gk-number").all_inner_texts()
        assert cells, f"{name}: the table has no figures"
        assert all(NUMBER.fullmatch(cell.strip()) for cell in cells), f"{name}: {cells}"

    # ECharts holds the figures of the json_script element: the chart and the table are drawn from the same data.
    drawn = page.evaluate("""() => [...document.querySelectorAll('[data-gk-chart]')].map(el => {
        const spec = JSON.parse(document.getElementById(el.dataset.gkChart).textContent);
        const option = echarts.getInstanceByDom(el).getOption();
        const first = option.series[0].data.map(d => (d !== null && typeof d === 'object') ? d.value : d);
        return {same: JSON.stringify(first) === JSON.stringify(spec.series[0].data), total: first.reduce(
            (a, b) => a + (b || 0), 0)};
    })""")
    assert all(chart["same"] for chart in drawn)
    assert sum(chart["total"] for chart in drawn) > 0  # the demo's year is not empty

    # A past year through the form, then a wrong one: a message, never an error page.
    page.select_option("#id_year", "2025")
    page.get_by_role("button", name="查看").click()
    page.wait_for_load_state()
    assert "2025 年主要数据" in page.locator("main").inner_text()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-gk-chart]')].every(el => el.querySelector('canvas, svg'))")
    page.goto(site_url + "/admin/statistics/?year=abc")
    assert "没有“abc”这个年份可以选择" in page.locator("main").inner_text()
    assert page.locator("figure.gk-figure").count() == 11
    assert problems == []
    assert axe_violations(page) == []
