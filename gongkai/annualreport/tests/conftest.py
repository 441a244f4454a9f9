"""Fixtures of the annual report tests (RULES.md §4): a year of synthetic applications, remedies and a
规章 record, a report filled in by the OGI office, and its publication through the real workflow.

The application fixtures are imported from the applications tests (a non-root conftest may not use
pytest_plugins); nothing here is autouse, so pure tests in this folder need no database.
"""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from gongkai.applications import choices
from gongkai.applications.tests.conftest import applicant_data, office, ogi_head, register  # noqa: F401 — fixtures

REPORT_YEAR = 2025
_numbers = itertools.count(1)


def make_application(applicant_type, received_on, concluded_on=None, outcome="", kind=choices.KIND_APPLICATION):
    """A disclosure application row written directly (synthetic data: the numbers only, no workflow)."""
    from gongkai.applications.models import DisclosureApplication

    n = next(_numbers)
    submitted_at = timezone.make_aware(dt.datetime.combine(received_on, dt.time(9, 30)))
    return DisclosureApplication.objects.create(
        number=f"YSQ{received_on.year}-T{n:05d}", tracking_code=f"AR{n:08d}", channel=choices.IN_PERSON,
        kind=kind, applicant_type=applicant_type, applicant_name="示例申请人", id_type=choices.OTHER_ID,
        phone="010-12345678", info_title="示例信息", requested_form="electronic", delivery_route="email",
        submitted_at=submitted_at, received_on=received_on, stage_entered_on=concluded_on or received_on,
        stage=choices.ARCHIVED if concluded_on else choices.REGISTRATION, outcome=outcome, concluded_on=concluded_on,
    )


@pytest.fixture
def annual_data(db, office, staff, publish):  # noqa: F811 — the imported fixture
    """Applications over 2024 and 2025, three remedies and one published 规章 of 2025."""
    from gongkai.applications.models import Remedy
    from gongkai.disclosure.models import Category

    d = dt.date
    rows = [
        # 2024: one closed in the year, two carried into 2025.
        ("natural_person", d(2024, 3, 1), d(2024, 3, 20), "disclosed"),
        ("business", d(2024, 12, 20), d(2025, 1, 10), "partial"),
        ("natural_person", d(2024, 12, 25), d(2025, 1, 15), "unavailable.not_held"),
        # 2025: received and closed in the year.
        ("natural_person", d(2025, 2, 10), d(2025, 3, 5), "disclosed"),
        ("natural_person", d(2025, 4, 7), d(2025, 4, 30), "disclosed"),
        ("natural_person", d(2025, 5, 12), d(2025, 6, 6), "withheld.third_party"),
        ("natural_person", d(2025, 6, 3), d(2025, 6, 10), "not_processed.repeat"),
        ("research", d(2025, 7, 1), d(2025, 7, 22), "disclosed"),
        ("public_interest", d(2025, 8, 4), d(2025, 8, 29), "unavailable.not_held"),
        ("legal_service", d(2025, 9, 1), d(2025, 9, 26), "partial"),
        ("other_org", d(2025, 10, 13), d(2025, 11, 3), "other.other"),
        # 2025: carried over into 2026 (one still open, one replied in January).
        ("business", d(2025, 12, 22), None, ""),
        ("natural_person", d(2025, 12, 29), d(2026, 1, 9), "disclosed"),
    ]
    applications = [make_application(*row) for row in rows]
    # A letter that is not a disclosure application and was passed on: never counted.
    make_application("natural_person", d(2025, 3, 3), d(2025, 3, 4), "not_processed.petition",
                     kind=choices.KIND_PASSED_ON)
    Remedy.objects.create(application=applications[5], kind="reconsideration", filed_on=d(2025, 7, 1),
                          result="upheld", decided_on=d(2025, 8, 20))
    Remedy.objects.create(application=applications[6], kind="litigation_direct", filed_on=d(2025, 7, 15))
    Remedy.objects.create(application=applications[9], kind="litigation_after", filed_on=d(2025, 10, 20),
                          result="corrected", decided_on=d(2026, 2, 1))  # decided after the year: 尚未审结
    rule = publish(category=Category.objects.get(code="art20-1-rules"), formed_on=d(2025, 3, 1),
                   title="示范市电动自行车产品质量监督管理办法", document_number="示范市人民政府令第5号",
                   summary="规范电动自行车产品质量监督管理。",
                   body="<p>第一条 为了加强电动自行车产品质量监督管理，制定本办法。</p>")
    return {"applications": applications, "rule": rule}


SECTION_TEXTS = {
    "section1": "2025年，本局认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
                "（一）主动公开。全年主动公开政府信息若干条。",
    "section5": "一是政策解读形式较为单一。\n二是依申请公开答复质量有待提高。",
    "section6": "2025年，本机关未收取政府信息公开信息处理费。",
}
FIGURES = {
    "licensing": ("126", "行政许可办理系统年度统计"),
    "penalty": ("35", "行政处罚案件管理系统年度统计"),
    "coercion": ("3", "行政处罚案件管理系统年度统计"),
    "fees": ("1.25", "财务部门年度统计"),
}


@pytest.fixture
def filled_report(annual_data, staff):
    """The 2025 report with the table 二 figures and the texts entered by the OGI office (a draft)."""
    from gongkai.annualreport import services

    report = services.report_for(REPORT_YEAR)
    services.do_save_figures(staff["ogi_office"], report, FIGURES)
    services.do_save_text(staff["ogi_office"], report, SECTION_TEXTS)
    report.refresh_from_db()
    return report


@pytest.fixture
def published_report(filled_report, staff, ogi_head):  # noqa: F811 — the imported fixture
    """The 2025 report submitted by the OGI office and approved (published) by the head of its department."""
    from gongkai.annualreport import services

    report = services.do_submit(staff["ogi_office"], filled_report)
    report = services.do_approve(ogi_head, report, checklist=dict.fromkeys(services.CHECKLIST, True))
    report.refresh_from_db()
    return report
