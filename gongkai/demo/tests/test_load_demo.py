import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from gongkai.audit.models import AuditEntry
from gongkai.demo import data
from gongkai.organisation import roles
from gongkai.organisation.models import Agency, Department, StaffProfile


def _counts():
    return (Agency.objects.count(), Department.objects.count(), get_user_model().objects.count(),
            Page.objects.count(), AuditEntry.objects.count())


@pytest.mark.django_db
def test_demo_has_one_account_per_role_and_loads_once(capsys):
    call_command("load_demo")
    first = _counts()
    output = capsys.readouterr().out
    assert data.DEMO_PASSWORD in output
    for username, _, _, _ in data.STAFF:
        assert username in output
    assert {p.role for p in StaffProfile.objects.all()} == set(roles.ALL_ROLES)
    assert Department.objects.filter(parent__code="enforcement").count() == 2
    call_command("load_demo")
    assert _counts() == first


@pytest.mark.django_db
def test_demo_logins_work(client):
    call_command("load_demo")
    response = client.post("/admin/login/", {"username": "editor", "password": data.DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
