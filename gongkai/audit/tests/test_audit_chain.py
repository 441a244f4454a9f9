import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from gongkai.audit import chain
from gongkai.audit.models import AuditEntry
from gongkai.audit.services import record, verify_chain
from gongkai.organisation import services


def _verify_output():
    from io import StringIO

    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue().strip()


def _drop_update_trigger():
    """Simulate someone with direct database access who removes the protection first."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER audit_entry_no_update")


@pytest.mark.django_db
def test_change_creates_chained_entry_with_before_and_after(departments, staff, client_for):
    department = departments["own"]
    client = client_for("administrator")
    count = AuditEntry.objects.count()
    response = client.post(
        reverse("organisation_department_edit", args=[department.pk]),
        {"name": department.name, "code": department.code, "functions": "新职责", "head_name": "唐晓燕",
         "phone": "0999-1", "address": "", "sort_order": 10, "is_active": "on"},
        REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="TestBrowser/1.0",
    )
    assert response.status_code == 302
    assert AuditEntry.objects.count() == count + 1
    entry = AuditEntry.objects.order_by("-pk").first()
    previous = AuditEntry.objects.order_by("-pk")[1]
    assert entry.action == "department.update"
    assert entry.actor == staff["administrator"]
    assert entry.ip_address == "10.1.2.3"
    assert entry.user_agent == "TestBrowser/1.0"
    assert entry.before["functions"] == "" and entry.after["functions"] == "新职责"
    assert ("functions", "", "新职责") in entry.changed_fields()
    assert entry.prev_hash == previous.hash
    assert entry.hash == chain.entry_digest(entry.chained_fields(), previous.hash)
    assert _verify_output() == "ok"


@pytest.mark.django_db
def test_first_entry_links_to_genesis():
    entry = record("test.first", object_type="test.thing", object_id="1", object_repr="第一件")
    assert entry.prev_hash == chain.GENESIS
    assert verify_chain() is None


@pytest.mark.django_db
def test_entries_cannot_be_changed_or_deleted_through_the_application():
    entry = record("test.thing", object_type="test.thing", object_id="1")
    entry.summary = "改过"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="改过")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


@pytest.mark.django_db
def test_database_refuses_update():
    entry = record("test.thing", object_type="test.thing", object_id="1")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET summary = 'x' WHERE id = %s", [entry.pk])


@pytest.mark.django_db
def test_tampered_entry_breaks_verification(departments):
    for i in range(5):
        services.do_update_department(None, departments["own"], {"phone": f"0999-{i}"})
    assert _verify_output() == "ok"
    target = AuditEntry.objects.order_by("pk")[3]
    _drop_update_trigger()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET summary = %s WHERE id = %s", ["悄悄改过", target.pk])
    with pytest.raises(CommandError) as excinfo:
        call_command("audit_verify")
    assert f"第 {target.pk} 条" in str(excinfo.value)
    assert verify_chain()[0] == target.pk


@pytest.mark.django_db
def test_deleted_entry_breaks_the_next_link(departments):
    for i in range(4):
        services.do_update_department(None, departments["own"], {"phone": f"0999-{i}"})
    entries = list(AuditEntry.objects.order_by("pk"))
    if connection.vendor == "postgresql":
        _drop_update_trigger()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[2].pk])
    assert verify_chain() == (entries[3].pk, "与前一条记录的链接不一致（前一条被修改、删除或插入）")


@pytest.mark.django_db
def test_auditor_filters_the_log(departments, staff, client_for):
    services.do_update_department(staff["administrator"], departments["own"], {"phone": "0999-7"})
    client = client_for("auditor")
    body = client.get(reverse("audit_index"), {"action": "department.update"}).content.decode()
    assert "department.update" in body
    assert "staff.create" not in body
    body = client.get(reverse("audit_index"), {"date_from": "2026-13-01"}).content.decode()
    assert "输入一个有效的日期" in body or "有效的日期" in body
    body = client.get(reverse("audit_index"), {"date_from": "2026-05-02", "date_to": "2026-05-01"}).content.decode()
    assert "结束日期不能早于开始日期" in body


@pytest.mark.django_db
def test_login_and_failed_login_are_recorded(client, staff):
    from conftest import STAFF_PASSWORD

    client.post(reverse("wagtailadmin_login"), {"username": "u_editor", "password": "wrong-password-1"})
    assert AuditEntry.objects.filter(action="auth.login_failed", object_repr="u_editor").exists()
    client.post(reverse("wagtailadmin_login"), {"username": "u_editor", "password": STAFF_PASSWORD})
    assert AuditEntry.objects.filter(action="auth.login", actor=staff["editor"]).exists()
