"""The annual report's back-office screens and the public 年度报告 section, through HTTP."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.annualreport import services
from gongkai.annualreport.models import AnnualReport

YEAR = 2025


@pytest.fixture
def ogi(client_for, office):
    return client_for("ogi_office")


@pytest.fixture
def second_ogi(office, make_staff):
    client = Client()
    client.force_login(make_staff("u_ogi_second", "ogi_office"))
    return client


def detail_url(year=YEAR):
    return reverse("annualreport_detail", args=[year])


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_the_list_offers_last_year_and_this_year(ogi):
    body = ogi.get(reverse("annualreport_index")).content.decode()
    today = dt.date.today()
    assert f"{today.year - 1} 年" in body and f"{today.year} 年" in body


def test_the_working_view_shows_tables_checks_and_forms(ogi, register):
    register(received_on=dt.date(2025, 4, 1))
    response = ogi.get(detail_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "一、本年新收政府信息公开申请数量" in body
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in body
    assert "尚未填写：行政许可、行政处罚、行政强制、行政事业性收费" in body  # the failed check, explained
    assert "保存表二数字" in body and "添加调整" in body and "生成第一、六部分草稿" in body


def test_a_year_out_of_range_is_not_found(ogi):
    assert ogi.get(detail_url(2999)).status_code == 404
    assert ogi.get(detail_url(1990)).status_code == 404


def test_figures_are_saved_from_the_form_and_bad_ones_explained(ogi):
    response = ogi.post(reverse("annualreport_figures", args=[YEAR]), {
        "licensing": "1,204", "licensing_source": "审批系统", "penalty": "x", "penalty_source": "执法平台",
    }, follow=True)
    assert any("请填写不小于 0 的整数" in m for m in messages_of(response))
    assert AnnualReport.objects.get(year=YEAR).licensing_decisions is None  # nothing changed
    response = ogi.post(reverse("annualreport_figures", args=[YEAR]), {
        "licensing": "1,204", "licensing_source": "审批系统", "penalty": "386", "penalty_source": "执法平台",
        "coercion": "41", "coercion_source": "执法平台", "fees": "0.52", "fees_source": "财务科",
    }, follow=True)
    assert "表二的数字已保存。" in messages_of(response)
    report = AnnualReport.objects.get(year=YEAR)
    assert report.licensing_decisions == 1204 and str(report.fees_amount) == "0.5200"


def test_adjustment_form_adds_a_line_and_a_bad_one_is_refused(ogi):
    response = ogi.post(reverse("annualreport_adjust", args=[YEAR]), {
        "cell": "table3|new|natural_person", "delta": "abc", "reason": "线下申请"}, follow=True)
    assert any("调整数请填写整数" in m for m in messages_of(response))
    response = ogi.post(reverse("annualreport_adjust", args=[YEAR]), {
        "cell": "table3|total|natural_person", "delta": "1", "reason": "试图修改合计"}, follow=True)
    assert any("请选择" in m or "合计" in m for m in messages_of(response))
    response = ogi.post(reverse("annualreport_adjust", args=[YEAR]), {
        "cell": "table3|new|natural_person", "delta": "3", "reason": "窗口纸质登记、未录入平台的申请 3 件"},
        follow=True)
    assert any("已添加人工调整：表三 一、本年新收政府信息公开申请数量 自然人 +3" in m for m in messages_of(response))
    body = response.content.decode()
    assert "窗口纸质登记、未录入平台的申请 3 件" in body
    assert "“自然人”列：第一项 3 + 第二项 0 = 3" in body  # the balance check now fails, with its numbers


def test_draft_does_not_overwrite_without_confirmation(ogi):
    ogi.post(reverse("annualreport_text", args=[YEAR]),
             {"section1": "我们写的总体情况", "section5": "", "section6": ""})
    response = ogi.post(reverse("annualreport_draft", args=[YEAR]), follow=True)
    assert any("替换现有内容" in m for m in messages_of(response))
    assert AnnualReport.objects.get(year=YEAR).section1 == "我们写的总体情况"
    ogi.post(reverse("annualreport_draft", args=[YEAR]), {"overwrite": "yes"})
    assert AnnualReport.objects.get(year=YEAR).section1.startswith("2025年，")


def test_submit_review_publish_and_the_public_page(ogi, second_ogi, client, staff):
    report = services.report_for(YEAR)
    services.do_save_figures(staff["ogi_office"], report, {
        "licensing": ("10", "审批系统"), "penalty": ("5", "执法平台"), "coercion": ("1", "执法平台"),
        "fees": ("0", "财务科")})
    services.do_save_text(staff["ogi_office"], report, {"section1": "总体情况第一段", "section5": "问题和改进",
                                                        "section6": "未收取信息处理费"})
    assert client.get(reverse("annualreport:public_detail", args=[YEAR])).status_code == 404
    response = ogi.post(reverse("annualreport_submit", args=[YEAR]), follow=True)
    assert any("已提交审核" in m for m in messages_of(response))
    # The submitter sees no review form; another OGI officer does.
    assert "审核通过并发布" not in ogi.get(detail_url()).content.decode()
    assert "审核通过并发布" in second_ogi.get(detail_url()).content.decode()
    response = second_ogi.post(reverse("annualreport_review", args=[YEAR]), {"decision": "approve"}, follow=True)
    assert any("请完成审核清单" in m for m in messages_of(response))
    response = second_ogi.post(reverse("annualreport_review", args=[YEAR]), {
        "decision": "approve", "checked_content": "on", "checked_timing": "on", "checked_method": "on",
        "checked_confidentiality": "on", "comment": "同意"}, follow=True)
    assert any("已发布（索引号" in m for m in messages_of(response))

    public = client.get(reverse("annualreport:public_detail", args=[YEAR]))
    body = public.content.decode()
    assert public.status_code == 200
    assert "2025年政府信息公开工作年度报告" in body
    assert "总体情况第一段" in body and "四、结转下年度继续办理" in body and "行政诉讼" in body
    index = client.get(reverse("annualreport:public_index")).content.decode()
    assert reverse("annualreport:public_detail", args=[YEAR]) in index
    for ext, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK")):
        download = client.get(reverse("annualreport:public_download", args=[YEAR, ext]))
        assert download.status_code == 200 and download.content.startswith(magic)
        assert "attachment" in download["Content-Disposition"]


def test_public_downloads_only_for_published_years(client, db):
    assert client.get(reverse("annualreport:public_download", args=[YEAR, "pdf"])).status_code == 404


@pytest.mark.parametrize("role", ["editor", "reviewer", "head"])
def test_department_staff_cannot_change_the_report(client_for, office, role):
    response = client_for(role).post(reverse("annualreport_text", args=[YEAR]), {"section1": "改"})
    assert response.status_code == 403
    assert not AnnualReport.objects.filter(year=YEAR, section1="改").exists()


def test_the_auditor_reads_but_cannot_write(client_for, office):
    auditor = client_for("auditor")
    assert auditor.get(detail_url()).status_code == 200
    response = auditor.post(reverse("annualreport_text", args=[YEAR]), {"section1": "改"}, follow=True)
    assert any("只有政务公开办" in m for m in messages_of(response))
    assert AnnualReport.objects.get(year=YEAR).section1 == ""


def test_home_page_shows_the_reminder_while_last_year_is_unpublished(ogi):
    body = ogi.get(reverse("wagtailadmin_home")).content.decode()
    assert f"{dt.date.today().year - 1} 年度政府信息公开工作年度报告" in body
