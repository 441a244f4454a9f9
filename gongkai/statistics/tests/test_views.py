"""The dashboards page and its Excel export: who may open them, what they show, bad input, the audit entry."""

import datetime as dt
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.organisation import roles
from gongkai.statistics import figures

ON = dt.date(2026, 11, 27)
CHART_IDS = [
    "applications-by-month", "applications-by-channel", "applications-outcomes", "applications-reply-days",
    "applications-on-time", "applications-overdue", "applications-consultations", "records-by-category",
    "records-by-department", "records-timeliness", "records-interpretation",
]


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(figures, "today", lambda: ON)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.ADMINISTRATOR, roles.OGI_OFFICE, roles.AUDITOR, roles.HEAD])
def test_the_page_opens_for_the_office_the_heads_the_auditor_and_the_administrator(role, client_for):
    response = client_for(role).get(reverse("statistics_dashboard"))
    assert response.status_code == 200
    body = response.content.decode()
    for chart_id in CHART_IDS:
        assert f'id="{chart_id}"' in body
        assert f'data-gk-chart="{chart_id}-data"' in body
        assert f'<script id="{chart_id}-data" type="application/json">' in body
    assert body.count("<caption>") == len(CHART_IDS)
    assert "vendor/echarts/echarts.min.js" in body and "statistics/dashboard.js" in body
    assert response.context["board"].year == 2026


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.EDITOR, roles.REVIEWER])
@pytest.mark.parametrize("name", ["statistics_dashboard", "statistics_export"])
def test_editors_and_reviewers_are_refused(role, name, client_for):
    response = client_for(role).get(reverse(name), {"year": 2025})
    assert response.status_code == 403
    assert "没有权限" in response.content.decode()
    assert not AuditEntry.objects.filter(action="statistics.export").exists()


@pytest.mark.django_db
def test_the_menu_shows_the_item_to_those_who_may_open_it(rf, staff):
    from gongkai.statistics.wagtail_hooks import register_menu

    item = register_menu()
    assert (item.label, item.url_name, item.order) == ("统计分析", "statistics_dashboard", 158)
    for role in roles.ALL_ROLES:
        request = rf.get("/admin/")
        request.user = staff[role]
        assert item.is_shown(request) is (role not in (roles.EDITOR, roles.REVIEWER)), role


@pytest.mark.django_db
def test_every_chart_is_hidden_from_screen_readers_and_has_its_table(register_2025, client_for):
    body = client_for(roles.OGI_OFFICE).get(reverse("statistics_dashboard"), {"year": 2025}).content.decode()
    for chart_id in CHART_IDS:
        figure = re.search(rf'<figure class="gk-figure" id="{chart_id}".*?</figure>', body, re.S).group(0)
        assert re.search(r'<div class="gk-chart" aria-hidden="true"', figure)
        assert "<caption>" in figure and '<th scope="col">' in figure
    # Same figures in the table as in the chart: the channel table.
    channels = re.search(r'id="applications-by-channel".*?</table>', body, re.S).group(0)
    assert re.search(r'<th scope="row">网上申请</th><td class="gk-number">3</td>', channels)
    assert "15.8 个工作日" in body  # the average of the key figures


@pytest.mark.django_db
def test_no_inline_script(client_for):
    """The page follows the content security policy (script-src 'self'): data only in json_script elements."""
    body = client_for(roles.OGI_OFFICE).get(reverse("statistics_dashboard")).content.decode()
    for tag in re.findall(r"<script[^>]*>", body):
        assert "src=" in tag or 'type="application/json"' in tag, tag


@pytest.mark.django_db
def test_a_head_sees_only_their_department(register_2025, catalogue_2025, client_for, departments):
    response = client_for(roles.HEAD).get(reverse("statistics_dashboard"), {"year": 2025})
    board = response.context["board"]
    assert [row[0] for row in board.chart("records-by-department").rows] == [
        departments["own"].name, departments["child"].name]
    body = response.content.decode()
    assert departments["other"].name not in body  # nowhere: not in a table, not in the department selector
    assert "本部门及下级部门" in body
    # Choosing another department is refused with a message, and the head's own figures are shown.
    response = client_for(roles.HEAD).get(reverse("statistics_dashboard"),
                                          {"year": 2025, "department": departments["other"].pk})
    assert response.status_code == 200
    assert "不在您可以查看的范围内" in response.content.decode()
    assert response.context["board"].department is None
    assert departments["other"].name not in response.content.decode()


@pytest.mark.django_db
def test_the_office_may_choose_a_department(register_2025, client_for, departments):
    response = client_for(roles.OGI_OFFICE).get(reverse("statistics_dashboard"),
                                                {"year": 2025, "department": departments["other"].pk})
    board = response.context["board"]
    assert board.department == departments["other"]
    assert next(f.value for f in board.key_figures if f.label == "收到申请") == 1


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["abc", "1999", "2027", "2025.5", ""])
def test_a_bad_year_gets_a_message_not_an_error(year, client_for):
    response = client_for(roles.OGI_OFFICE).get(reverse("statistics_dashboard"), {"year": year})
    assert response.status_code == 200
    assert response.context["board"].year == 2026
    if year:
        body = response.content.decode()
        assert f"没有“{year}”这个年份可以选择" in body
        assert "下面显示的是 2026 年的数据" in body


@pytest.mark.django_db
def test_export_writes_every_table_with_the_same_figures(register_2025, catalogue_2025, client_for,
                                                         staff):
    response = client_for(roles.OGI_OFFICE).get(reverse("statistics_export"), {"year": 2025})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    board = figures.dashboard(staff[roles.OGI_OFFICE], 2025, on=ON)
    assert workbook.sheetnames == ["概要", *[chart.title for chart in board.charts]]
    for chart in board.charts:
        sheet = workbook[chart.title]
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert values == [chart.headers, *chart.rows], chart.id
    summary = {row[0]: row[1] for row in workbook["概要"].iter_rows(min_row=2, values_only=True) if row and row[0]}
    assert summary["收到申请"] == 9
    assert summary["平均答复用时"] == 15.8
    assert summary["按期答复率"] == 83.3
    assert summary["统计年份"] == 2025


@pytest.mark.django_db
def test_export_is_audited(client_for, staff):
    client_for(roles.HEAD).get(reverse("statistics_export"), {"year": 2025})
    entry = AuditEntry.objects.get(action="statistics.export")
    assert entry.actor == staff[roles.HEAD]
    assert "2025 年统计分析" in entry.summary and "本部门及下级部门" in entry.summary


@pytest.mark.django_db
def test_export_with_a_bad_year_exports_nothing(client_for):
    response = client_for(roles.OGI_OFFICE).get(reverse("statistics_export"), {"year": "二〇二五"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("statistics_dashboard"))
    assert not AuditEntry.objects.filter(action="statistics.export").exists()
