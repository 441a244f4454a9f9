"""Shared test fixtures: departments, one staff member per role, logged-in clients."""

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
