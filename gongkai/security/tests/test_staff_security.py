import os
import subprocess
import sys
import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import STAFF_PASSWORD
from gongkai.organisation.models import Department
from gongkai.security.middleware import SESSION_KEY
from gongkai.security.models import SecondFactorPolicy

LOGIN = "/admin/login/"


def _login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


@pytest.mark.django_db
def test_lockout_after_five_failures_even_with_right_password(client, staff):
    for _ in range(4):
        response = _login(client, "u_editor", "not-the-password")
        assert response.status_code == 200  # the form again, with an error
    response = _login(client, "u_editor", "not-the-password")
    assert response.status_code == 429
    assert "账号已暂时锁定" in response.content.decode()
    assert "15 分钟" in response.content.decode()
    response = _login(client, "u_editor", STAFF_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_limit_is_configurable(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 2
    _login(client, "u_editor", "nope-nope-1")
    assert _login(client, "u_editor", "nope-nope-2").status_code == 429


@pytest.mark.django_db
def test_successful_login_resets_failures(client, staff):
    for _ in range(4):
        _login(client, "u_editor", "not-the-password")
    assert _login(client, "u_editor", STAFF_PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert _login(client, "u_editor", "not-the-password").status_code == 200


@pytest.mark.django_db
def test_idle_staff_session_expires(client_for, settings):
    client = client_for("editor")
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[SESSION_KEY] = int(time.time()) - (settings.STAFF_IDLE_TIMEOUT_MINUTES * 60 + 5)
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    assert client.get("/admin/").status_code == 302  # logged out for good


@pytest.mark.django_db
def test_active_session_stays(client_for, settings):
    client = client_for("editor")
    session = client.session
    session[SESSION_KEY] = int(time.time()) - (settings.STAFF_IDLE_TIMEOUT_MINUTES * 60 - 60)
    session.save()
    assert client.get("/admin/").status_code == 200


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.django_db
def test_mandatory_totp_for_a_role(staff):
    SecondFactorPolicy.objects.create(role="reviewer", require_totp=True)
    client = Client()
    assert _login(client, "u_reviewer", STAFF_PASSWORD).status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("security_otp_setup"))
    client.get(reverse("security_otp_setup"))
    device = TOTPDevice.objects.get(user=staff["reviewer"], confirmed=False)
    wrong = "000000" if _code(device) != "000000" else "111111"
    response = client.post(reverse("security_otp_setup"), {"token": wrong})
    assert "动态口令不正确" in response.content.decode()
    response = client.post(reverse("security_otp_setup"), {"token": _code(device)})
    assert "请稍等几秒钟" in response.content.decode()  # throttled right after a wrong code
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(reverse("security_otp_setup"), {"token": _code(device)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200

    # Next login: the code is asked for before anything else.
    client = Client()
    _login(client, "u_reviewer", STAFF_PASSWORD)
    response = client.get(reverse("organisation_department_index"))
    assert response["Location"].startswith(reverse("security_otp_verify"))
    response = client.post(reverse("security_otp_verify"), {"token": "12ab"})
    assert "6 位数字" in response.content.decode()
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    response = client.post(reverse("security_otp_verify") + "?next=/admin/organisation/departments/",
                           {"token": _code(device), "next": "/admin/organisation/departments/"})
    assert response["Location"] == "/admin/organisation/departments/"


@pytest.mark.django_db
def test_roles_without_policy_need_no_second_factor(client_for):
    SecondFactorPolicy.objects.create(role="reviewer", require_totp=True)
    assert client_for("editor").get("/admin/").status_code == 200


@pytest.mark.django_db
def test_policy_page_sets_roles(client_for):
    client_for("administrator").post(reverse("security_policy"), {"require_totp": ["head", "bogus"]})
    assert set(SecondFactorPolicy.objects.filter(require_totp=True).values_list("role", flat=True)) == {"head"}


@pytest.mark.django_db
def test_otp_next_refuses_offsite_redirect(client_for):
    response = client_for("editor").get(reverse("security_otp_setup"), {"next": "https://evil.example/"})
    assert 'value="/admin/"' in response.content.decode()


@pytest.mark.django_db
def test_forged_post_gets_chinese_page_and_changes_nothing(staff, departments):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff["administrator"])
    department = departments["own"]
    response = client.post(reverse("organisation_department_edit", args=[department.pk]),
                           {"name": "伪造", "code": department.code, "sort_order": 1})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
    department.refresh_from_db()
    assert department.name == "产品质量安全监督管理科"


@pytest.mark.django_db
def test_secure_headers_and_csp(client, staff):
    response = client.get(LOGIN)
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "object-src 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Short-1", "密码太短，至少需要 10 个字符"),
        ("password123", "太常见"),
        ("newclerk2026", "相似"),
        ("83749201938475", "密码只包含数字"),
    ],
)
def test_weak_passwords_are_refused(client_for, departments, password, message):
    response = client_for("administrator").post(reverse("organisation_staff_create"), {
        "username": "newclerk", "full_name": "新同事", "role": "editor", "department": departments["own"].pk,
        "password1": password, "password2": password,
    })
    assert response.status_code == 200
    assert message in response.content.decode()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="newclerk").exists()


def _settings_import(**env):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "gongkai.settings", **env}
    return subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=environment,
                          capture_output=True, text=True)


def test_production_refuses_default_secret_key():
    result = _settings_import(GONGKAI_PRODUCTION="1", GONGKAI_SECRET_KEY="")
    assert result.returncode != 0 and "GONGKAI_SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = _settings_import(GONGKAI_PRODUCTION="1", GONGKAI_SECRET_KEY="x" * 50, GONGKAI_DEBUG="1")
    assert result.returncode != 0 and "GONGKAI_DEBUG" in result.stderr


FIELD_KEY = "3q2-hJ0s0TzQzQ8cVxQ8yq5mKkR3m2Jm1tYV2bq2xWw="  # a Fernet key (32 url-safe base64 bytes), test only


def test_production_refuses_to_start_without_the_identity_data_key():
    result = _settings_import(GONGKAI_PRODUCTION="1", GONGKAI_SECRET_KEY="x" * 50)
    assert result.returncode != 0 and "GONGKAI_FIELD_KEY" in result.stderr


def test_production_starts_with_proper_settings():
    result = _settings_import(GONGKAI_PRODUCTION="1", GONGKAI_SECRET_KEY="x" * 50, GONGKAI_FIELD_KEY=FIELD_KEY)
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_unknown_department_is_refused(client_for):
    response = client_for("administrator").post(reverse("organisation_staff_create"), {
        "username": "clerk", "full_name": "新同事", "role": "editor", "department": 99999,
        "password1": "Hard-To-Guess-77", "password2": "Hard-To-Guess-77",
    })
    assert "选择一个有效的选项" in response.content.decode()
    assert not Department.objects.filter(pk=99999).exists()
