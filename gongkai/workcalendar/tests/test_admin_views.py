"""The back-office pages of the working-day calendar."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.organisation import roles
from gongkai.workcalendar import services, wagtail_hooks
from gongkai.workcalendar.models import CalendarDay, CalendarYear
from gongkai.workcalendar.tests.official import SCHEDULE_2027

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db

URLS = [
    ("workcalendar_index", {}),
    ("workcalendar_year", {"year": 2026}),
    ("workcalendar_import", {}),
    ("workcalendar_day_edit", {}),
]


def unchanged(version, audit_count):
    return services.current_version() == version and AuditEntry.objects.count() == audit_count


@pytest.mark.parametrize(("name", "kwargs"), URLS)
def test_anonymous_is_sent_to_the_login_page(client, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize(
    ("role", "name", "kwargs", "status"),
    [
        (roles.EDITOR, "workcalendar_index", {}, 403),
        (roles.AUDITOR, "workcalendar_year", {"year": 2026}, 403),
        (roles.HEAD, "workcalendar_import", {}, 403),
        (roles.OGI_OFFICE, "workcalendar_index", {}, 200),
        (roles.OGI_OFFICE, "workcalendar_year", {"year": 2026}, 200),
        (roles.OGI_OFFICE, "workcalendar_import", {}, 403),
        (roles.OGI_OFFICE, "workcalendar_day_edit", {}, 403),
        (roles.ADMINISTRATOR, "workcalendar_import", {}, 200),
        (roles.ADMINISTRATOR, "workcalendar_day_edit", {}, 200),
    ],
)
def test_permissions_are_checked_on_the_server(client_for, role, name, kwargs, status):
    assert client_for(role).get(reverse(name, kwargs=kwargs)).status_code == status


def test_refused_post_changes_nothing(client_for):
    client = client_for(roles.OGI_OFFICE)
    version, audit_count = services.current_version(), AuditEntry.objects.count()
    response = client.post(reverse("workcalendar_import"), {"year": 2027, "text": SCHEDULE_2027})
    assert response.status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert unchanged(version, audit_count)


def test_menu_item_only_for_calendar_viewers(rf, staff):
    item = wagtail_hooks.register_menu_item()
    assert item.label == "工作日历"
    for role, shown in [(roles.ADMINISTRATOR, True), (roles.OGI_OFFICE, True), (roles.EDITOR, False)]:
        request = rf.get("/admin/")
        request.user = staff[role]
        assert item.is_shown(request) is shown


def test_overview_lists_years(client_for):
    body = client_for(roles.OGI_OFFICE).get(reverse("workcalendar_index")).content.decode()
    assert "2026 年" in body and "2004 年" in body
    assert "chinesecalendar 1.11.0" in body
    assert "导入年度安排" not in body  # read-only for the OGI office


def test_year_page_shows_month_grid_and_special_days(client_for):
    response = client_for(roles.ADMINISTRATOR).get(reverse("workcalendar_year", kwargs={"year": 2026}))
    body = response.content.decode()
    assert response.status_code == 200
    assert "2026 年 10 月" in body
    assert "国庆节调休上班" in body  # title/label of 2026-10-10
    assert "?date=2026-02-14" in body  # editors can click a day
    assert response.context["working_days"] > 240


def test_year_page_for_a_missing_year(client_for):
    body = client_for(roles.ADMINISTRATOR).get(reverse("workcalendar_year", kwargs={"year": 2027})).content.decode()
    assert "2027 年节假日安排尚未录入" in body
    assert "?year=2027" in body


def test_administrator_imports_pasted_text(client_for):
    client = client_for(roles.ADMINISTRATOR)
    response = client.post(reverse("workcalendar_import"), {"year": 2027, "text": SCHEDULE_2027, "note": "国办发明电"})
    assert response.status_code == 302
    assert response["Location"] == reverse("workcalendar_year", kwargs={"year": 2027})
    year = CalendarYear.objects.get(year=2027)
    assert year.note == "国办发明电" and year.imported_by.username == "u_administrator"
    assert services.load_calendar().add_working_days(D("2026-12-10"), 20).due == D("2027-01-08")
    assert AuditEntry.objects.order_by("-pk").first().action == "workcalendar.import_year"


def test_administrator_imports_an_uploaded_file(client_for):
    upload = SimpleUploadedFile("2027.txt", SCHEDULE_2027.encode("utf-8"), content_type="text/plain")
    response = client_for(roles.ADMINISTRATOR).post(reverse("workcalendar_import"), {"year": 2027, "file": upload})
    assert response.status_code == 302
    assert CalendarDay.objects.filter(date__year=2027).count() == 28 + 5


def test_csv_upload_with_columns(client_for):
    content = "类型,开始日期,结束日期,名称\n放假,2027-01-01,2027-01-03,元旦\n上班,2027-02-20,,春节\n"
    upload = SimpleUploadedFile("2027.csv", content.encode("utf-8-sig"), content_type="text/csv")
    response = client_for(roles.ADMINISTRATOR).post(reverse("workcalendar_import"), {"year": 2027, "file": upload})
    assert response.status_code == 302
    assert CalendarDay.objects.filter(date__year=2027).count() == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"file": ("2027.pdf", SCHEDULE_2027.encode())}, "只能上传 .txt 或 .csv 文件。"),
        ({"file": ("2027.txt", b"#" * (1024 * 1024 + 1))}, "文件不能超过 1 MB。"),
        ({"file": ("2027.txt", SCHEDULE_2027.encode("gbk"))}, "文件不是 UTF-8 编码，无法读取。"),
        ({"file": ("2027.txt", SCHEDULE_2027.encode()), "text": SCHEDULE_2027}, "二选一"),
        ({}, "请在文本框粘贴安排，或上传一个文件。"),
        ({"text": SCHEDULE_2027 + "端午节：2027-06-32\n"}, "第 12 行：日期“2027-06-32”不存在，请检查。"),
        ({"text": "hello"}, "第 1 行：没有找到日期"),
    ],
)
def test_bad_imports_get_a_chinese_error_and_change_nothing(client_for, data, message):
    client = client_for(roles.ADMINISTRATOR)
    version, audit_count = services.current_version(), AuditEntry.objects.count()
    post = {"year": 2027}
    if "file" in data:
        name, content = data["file"]
        post["file"] = SimpleUploadedFile(name, content)
    if "text" in data:
        post["text"] = data["text"]
    response = client.post(reverse("workcalendar_import"), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "安排没有导入" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    assert unchanged(version, audit_count)


def test_import_form_prefills_the_year(client_for):
    response = client_for(roles.ADMINISTRATOR).get(reverse("workcalendar_import") + "?year=2028")
    assert response.context["form"].initial["year"] == 2028


def test_single_day_edit(client_for):
    client = client_for(roles.ADMINISTRATOR)
    page = client.get(reverse("workcalendar_day_edit") + "?date=2024-10-01")
    assert "国庆节假期" in page.content.decode()
    assert page.context["form"].initial == {"date": D("2024-10-01"), "kind": "holiday", "name": "国庆节"}

    response = client.post(
        reverse("workcalendar_day_edit"),
        {"date": "2024-10-14", "kind": "holiday", "name": "临时放假", "reason": "测试调整"},
    )
    assert response.status_code == 302
    assert services.load_calendar().add_working_days(D("2024-09-25"), 20).due == D("2024-10-29")
    entry = AuditEntry.objects.order_by("-pk").first()
    assert entry.action == "workcalendar.set_day" and entry.actor.username == "u_administrator"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2024-10-14", "kind": "workday", "reason": "x"}, "本来就是工作日"),
        ({"date": "2024-10-14", "kind": "holiday", "reason": ""}, "请填写修改原因。"),
        ({"date": "2024/10/14", "kind": "holiday", "reason": "x"}, "请按 YYYY-MM-DD 填写日期"),
        ({"date": "2027-03-01", "kind": "holiday", "reason": "x"}, "2027 年节假日安排尚未录入"),
    ],
)
def test_single_day_edit_errors(client_for, data, message):
    client = client_for(roles.ADMINISTRATOR)
    version, audit_count = services.current_version(), AuditEntry.objects.count()
    response = client.post(reverse("workcalendar_day_edit"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert unchanged(version, audit_count)


@pytest.mark.parametrize(
    ("role", "today", "expected"),
    [
        (roles.ADMINISTRATOR, "2026-11-01", "import"),
        (roles.OGI_OFFICE, "2026-11-01", "contact"),
        (roles.EDITOR, "2026-11-01", None),
        (roles.ADMINISTRATOR, "2026-10-31", None),
    ],
)
def test_home_page_warning(client_for, monkeypatch, role, today, expected):
    monkeypatch.setattr(wagtail_hooks, "_today", lambda: D(today))
    body = client_for(role).get(reverse("wagtailadmin_home")).content.decode()
    if expected is None:
        assert "年节假日安排尚未录入" not in body
        return
    assert "2027 年节假日安排尚未录入，" in body
    assert "请尽快导入国务院办公厅公布的安排" in body
    if expected == "import":
        assert reverse("workcalendar_import") + "?year=2027" in body
    else:
        assert "请联系系统管理员导入" in body


def test_home_page_warning_disappears_once_imported(client_for, monkeypatch, staff):
    monkeypatch.setattr(wagtail_hooks, "_today", lambda: D("2026-11-01"))
    services.do_import_year(staff[roles.ADMINISTRATOR], 2027, SCHEDULE_2027)
    body = client_for(roles.ADMINISTRATOR).get(reverse("wagtailadmin_home")).content.decode()
    assert "年节假日安排尚未录入" not in body
