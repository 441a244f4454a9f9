"""The annual report's steps: table 二 figures, adjustments, texts, submission, review and publication."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.annualreport import services
from gongkai.annualreport.models import AnnualReport
from gongkai.audit.models import AuditEntry
from gongkai.disclosure import workflow

YEAR = 2025
FIGURES = {"licensing": ("1204", "行政许可办理系统"), "penalty": ("386", "行政执法监督平台"),
           "coercion": ("41", "行政执法监督平台"), "fees": ("0", "财务科")}


@pytest.fixture
def reviewer(office, make_staff):
    """A second member of the OGI office: may review what the first one submitted."""
    return make_staff("u_ogi_second", "ogi_office")


@pytest.fixture
def report(db):
    return services.report_for(YEAR)


@pytest.fixture
def ready(report, staff, office, register):
    """A 2025 report with its figures and texts, and one application received and answered in 2025."""
    from gongkai.applications import services as app_services

    application = register(received_on=dt.date(2025, 3, 3))
    app_services.do_classify_application(staff["ogi_office"], application)
    application.concluded_on, application.outcome, application.stage = dt.date(2025, 3, 20), "disclosed", "archived"
    application.save()
    services.do_save_figures(staff["ogi_office"], report, FIGURES)
    services.do_save_text(staff["ogi_office"], report, {"section1": "总体情况。", "section5": "问题与改进。",
                                                        "section6": "未收取信息处理费。"})
    return report


def entries(action):
    return AuditEntry.objects.filter(action=action).count()


# --- table 二 figures -----------------------------------------------------------------------------

def test_figures_are_saved_with_their_source_and_audited(report, staff):
    services.do_save_figures(staff["ogi_office"], report, {**FIGURES, "fees": ("12.3456", "财务科")})
    report.refresh_from_db()
    assert (report.licensing_decisions, report.licensing_source) == (1204, "行政许可办理系统")
    assert report.fees_amount == Decimal("12.3456")
    data = services.build(report)
    assert data["table2"]["licensing"] == {"decisions": 1204}
    assert data["table2"]["fees"] == {"amount": 12.3456}
    assert data["sources"]["penalty"] == "行政执法监督平台"
    assert entries("annualreport.figures") == 1


@pytest.mark.parametrize(("row", "value", "source", "message"), [
    ("licensing", "十二", "系统", "请填写不小于 0 的整数"),
    ("penalty", "-3", "系统", "请填写不小于 0 的整数"),
    ("fees", "1.23456", "财务科", "最多四位小数"),
    ("fees", "abc", "财务科", "请填写数字"),
    ("coercion", "5", "", "请注明“行政强制”数字的来源"),
])
def test_bad_figures_are_refused_and_change_nothing(report, staff, row, value, source, message):
    with pytest.raises(services.Refused, match=message):
        services.do_save_figures(staff["ogi_office"], report, {**FIGURES, row: (value, source)})
    report.refresh_from_db()
    assert report.licensing_decisions is None
    assert entries("annualreport.figures") == 0


def test_only_the_ogi_office_writes_the_report(report, staff):
    for role in ("editor", "reviewer", "head", "auditor", "administrator"):
        with pytest.raises(PermissionDenied):
            services.do_save_figures(staff[role], report, FIGURES)


# --- adjustments -------------------------------------------------------------------------------------

def test_an_adjustment_is_added_to_its_cell_and_totals_follow(report, staff):
    before = services.build(report)["table3"]
    services.do_add_adjustment(staff["ogi_office"], report, table="table3", row="new", column="business", delta=2,
                               reason="线下当面办理、未录入平台的申请 2 件")
    services.do_add_adjustment(staff["ogi_office"], report, table="table3", row="disclosed", column="business",
                               delta=2, reason="上述 2 件均已予以公开")
    after = services.build(report)["table3"]
    assert after["new"]["business"] == before["new"]["business"] + 2
    assert after["new"]["total"] == before["new"]["total"] + 2
    assert after["total"]["business"] == before["total"]["business"] + 2
    assert entries("annualreport.adjust") == 2


@pytest.mark.parametrize(("table", "row", "column", "delta", "reason", "message"), [
    ("table3", "total", "business", 1, "合计不能调整的理由", "合计由系统自动计算"),
    ("table3", "new", "total", 1, "合计不能调整的理由", "合计由系统自动计算"),
    ("table4", "reconsideration", "total", 1, "合计不能调整的理由", "合计由系统自动计算"),
    ("table2", "licensing", "decisions", 1, "填写的数字不是计算的", "只能调整由系统计算的单元格"),
    ("table3", "new", "business", 0, "调整数为零的理由", "不能为 0"),
    ("table3", "new", "business", "两件", "调整数不是整数", "请填写整数"),
    ("table3", "new", "business", 1, "太短", "至少 5 个字"),
])
def test_bad_adjustments_are_refused(report, staff, table, row, column, delta, reason, message):
    with pytest.raises(services.Refused, match=message):
        services.do_add_adjustment(staff["ogi_office"], report, table=table, row=row, column=column, delta=delta,
                                   reason=reason)
    assert report.adjustments.count() == 0


def test_a_cancelled_adjustment_stays_listed_and_stops_counting(report, staff):
    adjustment = services.do_add_adjustment(staff["ogi_office"], report, table="table4", row="reconsideration",
                                            column="upheld", delta=1, reason="省政府复议决定（纸质）未录入")
    assert services.build(report)["table4"]["reconsideration"]["total"] == 1
    with pytest.raises(services.Refused, match="撤销理由"):
        services.do_cancel_adjustment(staff["ogi_office"], adjustment, "")
    services.do_cancel_adjustment(staff["ogi_office"], adjustment, "已在平台补录")
    assert services.build(report)["table4"]["reconsideration"]["total"] == 0
    assert report.adjustments.count() == 1
    with pytest.raises(services.Refused, match="已经撤销"):
        services.do_cancel_adjustment(staff["ogi_office"], adjustment, "再次撤销")


# --- texts and drafts ----------------------------------------------------------------------------------

def test_drafts_state_the_year_figures_and_the_fees(ready, staff):
    from gongkai.applications.models import DisclosureApplication, FeeNotice

    application = DisclosureApplication.objects.get()
    FeeNotice.objects.create(application=application, basis="count", quantity=12, amount=Decimal("100.00"),
                             explanation="本月第 12 件", sent_on=dt.date(2025, 3, 5), pay_by=dt.date(2025, 4, 2),
                             paid_on=dt.date(2025, 3, 10))
    services.do_draft_text(staff["ogi_office"], ready)
    ready.refresh_from_db()
    assert "全年新收政府信息公开申请1件" in ready.section1
    assert "办结1件" in ready.section1
    assert "对1件政府信息公开申请收取信息处理费，共计100.00元" in ready.section6
    assert ready.section5 == "问题与改进。"  # section 五 is never drafted over


def test_without_fees_section_six_says_none_were_charged(report, staff):
    services.do_draft_text(staff["ogi_office"], report)
    report.refresh_from_db()
    assert report.section6.startswith("2025年，本机关未收取政府信息公开信息处理费。")


# --- submission --------------------------------------------------------------------------------------

def test_the_current_year_cannot_be_submitted(staff, office):
    report = services.report_for(dt.date.today().year)
    with pytest.raises(services.Refused, match="还没有结束"):
        services.do_submit(staff["ogi_office"], report)


def test_submission_needs_the_figures_and_the_texts(report, staff, office):
    with pytest.raises(services.Refused, match="尚未填写：行政许可"):
        services.do_submit(staff["ogi_office"], report)
    services.do_save_figures(staff["ogi_office"], report, FIGURES)
    with pytest.raises(services.Refused, match="请先填写：一、总体情况、五、存在的主要问题及改进情况"):
        services.do_submit(staff["ogi_office"], report)
    report.refresh_from_db()
    assert report.status == "draft"


def test_a_failed_check_blocks_submission_with_its_numbers(ready, staff):
    services.do_add_adjustment(staff["ogi_office"], ready, table="table3", row="new", column="research", delta=1,
                               reason="线下申请一件，结果未登记")
    with pytest.raises(services.Refused, match="“科研机构”列：第一项 1 \\+ 第二项 0 = 1"):
        services.do_submit(staff["ogi_office"], ready)


# --- review and publication ------------------------------------------------------------------------------

def test_the_submitter_cannot_approve_their_own_report(ready, staff):
    services.do_submit(staff["ogi_office"], ready)
    with pytest.raises(services.Refused, match="提交人不能审核自己提交的年度报告"):
        services.do_approve(staff["ogi_office"], ready, checklist=dict.fromkeys(services.CHECKLIST, True))


def test_a_submitted_report_is_locked_until_returned(ready, staff, reviewer):
    services.do_submit(staff["ogi_office"], ready)
    with pytest.raises(services.Refused, match="待审核，不能再修改"):
        services.do_save_text(staff["ogi_office"], ready, {"section5": "改动"})
    with pytest.raises(services.Refused, match="退回时请写明修改意见"):
        services.do_return(reviewer, ready, "")
    services.do_return(reviewer, ready, "第五部分请写具体的整改措施。")
    ready.refresh_from_db()
    assert ready.status == "returned"
    services.do_save_text(staff["ogi_office"], ready, {"section5": "具体整改措施。"})
    assert ready.decisions.get().comment == "第五部分请写具体的整改措施。"


def test_department_staff_outside_the_ogi_department_cannot_review(ready, staff):
    services.do_submit(staff["ogi_office"], ready)
    for role in ("reviewer", "head", "editor"):
        with pytest.raises(PermissionDenied):
            services.do_approve(staff[role], ready, checklist=dict.fromkeys(services.CHECKLIST, True))


def test_the_ogi_department_head_may_review(ready, staff, office, make_staff):
    head = make_staff("u_office_head", "head", office)
    services.do_submit(staff["ogi_office"], ready)
    services.do_approve(head, ready, checklist=dict.fromkeys(services.CHECKLIST, True))
    assert ready.status == "published"


def test_approval_needs_the_whole_checklist(ready, staff, reviewer):
    services.do_submit(staff["ogi_office"], ready)
    with pytest.raises(services.Refused, match="请完成审核清单"):
        services.do_approve(reviewer, ready, checklist={"checked_content": True})
    ready.refresh_from_db()
    assert ready.status == "submitted"
    assert ready.record is None


def test_approval_publishes_a_frozen_report_as_a_catalogue_record(ready, staff, reviewer, register):
    services.do_submit(staff["ogi_office"], ready)
    services.do_approve(reviewer, ready, checklist=dict.fromkeys(services.CHECKLIST, True), comment="同意发布")
    ready.refresh_from_db()
    record = ready.record
    assert ready.status == "published" and ready.approved_by == reviewer
    assert record.status == workflow.PUBLISHED and record.is_public
    assert record.category.code == "annual-reports"
    assert record.drafter == staff["ogi_office"] and record.approver == reviewer
    assert record.title.endswith("2025年政府信息公开工作年度报告")
    assert record.index_number
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in record.public_body
    assert ready.snapshot["table3"]["new"]["total"] == 1
    assert ready.snapshot["index_number"] == record.index_number
    assert entries("annualreport.publish") == 1

    # Later data never changes what was published.
    register(received_on=dt.date(2025, 6, 2))
    assert services.build(AnnualReport.objects.get(year=YEAR))["table3"]["new"]["total"] == 1
    with pytest.raises(services.Refused, match="已发布，不能再修改"):
        services.do_save_text(staff["ogi_office"], ready, {"section1": "改"})


def test_publication_needs_the_ogi_department_on_record(report, staff, make_staff, agency):
    second = make_staff("u_ogi_third", "ogi_office")
    services.do_save_figures(staff["ogi_office"], report, FIGURES)
    services.do_save_text(staff["ogi_office"], report, {"section1": "一", "section5": "五", "section6": "六"})
    services.do_submit(staff["ogi_office"], report)
    # Without the OGI department nobody qualifies as reviewer (permissions look for it first).
    with pytest.raises(PermissionDenied):
        services.do_approve(second, report, checklist=dict.fromkeys(services.CHECKLIST, True))


# --- the reminder (RULES.md §4: by 31 January) ------------------------------------------------------------

@pytest.mark.parametrize(("today", "level"), [
    (dt.date(2026, 1, 1), "reminder"),
    (dt.date(2026, 1, 19), "reminder"),
    (dt.date(2026, 1, 20), "warning"),
    (dt.date(2026, 1, 31), "warning"),
    (dt.date(2026, 2, 1), "overdue"),
])
def test_reminder_levels(db, today, level):
    reminder = services.reminder(today)
    assert reminder["level"] == level
    assert reminder["year"] == 2025


def test_no_reminder_once_last_year_is_published(db):
    AnnualReport.objects.create(year=2025, status="published", snapshot={"title": "x"})
    assert services.reminder(dt.date(2026, 1, 25)) is None
