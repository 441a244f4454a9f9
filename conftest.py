"""Shared test fixtures: departments, one staff member per role, logged-in clients."""

import datetime as dt

import pytest

from gongkai.organisation import roles

STAFF_PASSWORD = "Test-Password-2026!"


@pytest.fixture
def departments(db):
    """Two sibling departments and a child of the first: 'own' is where department staff work."""
    from gongkai.organisation.models import Department

    own = Department.objects.create(name="产品质量安全监督管理科", code="quality", sort_order=10)
    child = Department.objects.create(name="质量抽查组", code="quality-check", parent=own, sort_order=11)
    other = Department.objects.create(name="食品生产安全监督管理科", code="food", sort_order=20)
    return {"own": own, "child": child, "other": other}


@pytest.fixture
def make_staff(db):
    from gongkai.organisation import services

    def make(username, role, department=None, password=STAFF_PASSWORD):
        return services.do_create_staff(
            None, username=username, password=password, role=role, department=department, full_name=username
        ).user

    return make


@pytest.fixture
def staff(departments, make_staff):
    """One user per role; department-scoped roles sit in departments['own']."""
    users = {}
    for role in roles.ALL_ROLES:
        department = departments["own"] if role in roles.DEPARTMENT_SCOPED else None
        users[role] = make_staff(f"u_{role}", role, department)
    return users


@pytest.fixture
def client_for(client, staff):
    """client_for(role) -> a Django test client logged in as that role's user."""
    from django.test import Client

    def make(role):
        c = Client()
        c.force_login(staff[role])
        return c

    return make


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 at full strength makes every staff fixture slow; tests don't test the hash."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with no stored public page: rows rolled back by the last test announce nothing."""
    from gongkai.portal import pagecache

    pagecache.forget_all()


# --- Proactive disclosure: the agency record, a category and a record draft with personal data ---

@pytest.fixture
def agency(db):
    from gongkai.organisation.models import Agency

    return Agency.objects.create(
        name="示范市市场监督管理局", site_name="示范市市场监督管理局", index_code="11999900MB0000001X",
        index_number_pattern="{agency_code}/{year}-{seq:05d}",
    )


@pytest.fixture
def penalty_category(db):
    from gongkai.disclosure.models import Category

    return Category.objects.get(code="art20-6")


@pytest.fixture
def draft_data(departments, penalty_category):
    def make(**overrides):
        return {
            "title": "示范市市场监督管理局行政处罚决定书（示市监罚〔2026〕15号）",
            "document_number": "示市监罚〔2026〕15号",
            "issuing_body": "示范市市场监督管理局",
            "department": departments["own"],
            "category": penalty_category,
            "formed_on": dt.date(2026, 11, 2),
            "summary": "对某公司销售不合格电动自行车头盔的行政处罚决定。",
            "body": (
                "<p>当事人：张伟明</p><p>身份证号：11010519491231002X</p>"
                "<p>经查，当事人销售不合格电动自行车头盔 120 顶，违法所得 3600 元。</p>"
                "<p>联系电话：13800138000</p>"
            ),
            **overrides,
        }

    return make


@pytest.fixture
def section(agency):
    """The public site tree with the 政府信息公开 section (at /xxgk/)."""
    from gongkai.disclosure.site_tree import ensure_disclosure_section
    from gongkai.portal.services import ensure_site_tree

    return ensure_disclosure_section(ensure_site_tree(agency, sample=False))


@pytest.fixture
def publish(staff, make_staff, draft_data, django_capture_on_commit_callbacks):
    """Publish a record through the real workflow (findings masked); search indexing runs as on commit.

    Records of the editor's department are drafted by the editor and approved by the reviewer;
    others by the OGI office and approved by a second OGI officer.
    """
    from gongkai.disclosure import services

    second_ogi = make_staff("u_ogi_office_2", "ogi_office")
    checklist = dict.fromkeys(services.CHECKLIST, True)

    def make(**overrides):
        data = draft_data(**overrides)
        in_own = data["department"].pk in staff["editor"].staff_profile.department.descendant_ids()
        drafter, reviewer = (staff["editor"], staff["reviewer"]) if in_own else (staff["ogi_office"], second_ogi)
        with django_capture_on_commit_callbacks(execute=True):
            record = services.do_create_record(drafter, data)
            services.do_submit(drafter, record)
            for finding in record.findings.all():
                services.do_mask_finding(reviewer, finding)
            record = services.do_approve(reviewer, record, checklist=checklist)
        record.refresh_from_db()
        return record

    return make
