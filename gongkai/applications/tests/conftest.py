"""Fixtures for disclosure applications: applicant data, an OGI office head, applications in each state."""

import datetime as dt

import pytest

from gongkai.applications import choices

# A valid resident ID (synthetic; checksum correct) and a valid unified social credit code.
PERSON_ID = "11010519491231002X"
COMPANY_USCC = "91350100M000100Y43"


@pytest.fixture
def applicant_data():
    def make(**overrides):
        data = {
            "applicant_type": choices.NATURAL_PERSON, "applicant_name": "李春华", "contact_person": "",
            "id_type": choices.RESIDENT_ID, "id_number": PERSON_ID, "phone": "13912345678",
            "email": "lichunhua@example.com", "address": "示范市滨江路 25 号 3 单元 402 室", "postcode": "999002",
            "info_title": "2025 年度电动自行车产品质量监督抽查结果",
            "info_doc_number": "",
            "info_description": "希望获取 2025 年本市电动自行车产品质量监督抽查的企业名单和不合格项目。",
            "requested_form": "electronic", "delivery_route": "email",
        }
        data.update(overrides)
        return data

    return make


@pytest.fixture
def office(db, agency):
    """The department that houses the OGI office, recorded on the agency."""
    from gongkai.organisation.models import Department

    department = Department.objects.create(name="办公室（政务公开办公室）", code="office", sort_order=1)
    agency.ogi_department = department
    agency.save()
    return department


@pytest.fixture
def ogi_head(office, make_staff):
    return make_staff("u_ogi_head", "head", office)


@pytest.fixture
def register(staff, applicant_data, agency):
    """register(received_on=…, **data) -> an application registered in person by the OGI office."""
    from gongkai.applications import intake

    def make(received_on=dt.date(2026, 6, 1), channel=choices.IN_PERSON, reason="补录历史登记", **overrides):
        return intake.do_register(staff["ogi_office"], applicant_data(**overrides), [], channel,
                                  received_on=received_on, received_reason=reason)

    return make


@pytest.fixture
def assigned(register, staff, departments):
    """assigned(**kw) -> an application classified and assigned to the editor's department."""
    from gongkai.applications import services

    def make(**kw):
        application = register(**kw)
        services.do_classify_application(staff["ogi_office"], application)
        return services.do_assign(staff["ogi_office"], application, departments["own"], staff["editor"])

    return make


@pytest.fixture(autouse=True)
def _calendar_around_today(db):
    """Steps dated today must not fail closed in December because next year's schedule is not out yet."""
    from gongkai.workcalendar.testing import cover_years_around_today

    cover_years_around_today()
