"""The calendar in the database: seed, cache, import, single-day edits, audit and signal."""

import datetime as dt

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.workcalendar import services
from gongkai.workcalendar.clock import CalendarYearMissing
from gongkai.workcalendar.models import CalendarDay, CalendarRevision, CalendarYear
from gongkai.workcalendar.signals import calendar_changed
from gongkai.workcalendar.tests.official import SCHEDULE_2027, official_days

D = dt.date.fromisoformat
pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(make_staff):
    return make_staff("cal_admin", "administrator")


@pytest.fixture
def signals_received():
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    calendar_changed.connect(receiver)
    yield received
    calendar_changed.disconnect(receiver)


def test_seed_covers_2004_to_2026_from_chinesecalendar():
    years = CalendarYear.objects.order_by("year")
    assert [y.year for y in years] == list(range(2004, 2027))
    assert {y.source for y in years} == {"seed"}
    assert {y.version for y in years} == {"chinesecalendar 1.11.0"}
    assert services.current_version() >= 1


def test_seed_matches_the_official_schedules_2024_to_2026():
    holidays, workdays = official_days()
    stored = {
        d: (kind, name)
        for d, kind, name in CalendarDay.objects.filter(date__year__gte=2024, date__year__lte=2026).values_list(
            "date", "kind", "name"
        )
    }
    assert {d for d, (k, _) in stored.items() if k == "workday"} == set(workdays)
    # The seed also lists weekend days inside holidays; every official rest day is there with its name
    # (the package names 2025-10-06 中秋节 inside the joint 国庆节、中秋节 break).
    for day, name in holidays.items():
        assert stored[day][0] == "holiday"
        assert stored[day][1] == name or (day.year == 2025 and stored[day][1] == "中秋节")
    cal = services.load_calendar()
    assert cal.add_working_days(D("2024-09-25"), 20).due == D("2024-10-28")
    assert cal.day_info(D("2026-02-16")).name == "春节"


def test_load_calendar_is_cached_per_revision(django_assert_num_queries, admin_user):
    first = services.load_calendar()
    with django_assert_num_queries(1):
        assert services.load_calendar() is first
    services.do_set_day(admin_user, D("2026-12-31"), "holiday", name="测试", reason="测试缓存")
    second = services.load_calendar()
    assert second is not first
    assert not second.is_working_day(D("2026-12-31"))
    assert second.version == services.current_version() == first.version + 1


def test_2027_refused_until_imported_then_computed(admin_user, signals_received):
    cal = services.load_calendar()
    with pytest.raises(CalendarYearMissing, match="2027 年节假日安排尚未录入"):
        cal.add_working_days(D("2026-12-10"), 20)
    version = services.current_version()
    audit_count = AuditEntry.objects.count()

    year = services.do_import_year(admin_user, 2027, SCHEDULE_2027, note="测试用安排")

    assert year.source == "import" and year.imported_by == admin_user and year.note == "测试用安排"
    assert year.source_text == SCHEDULE_2027
    assert CalendarDay.objects.filter(date__year=2027, kind="workday").count() == 5
    assert services.current_version() == version + 1
    cal = services.load_calendar()
    assert cal.add_working_days(D("2026-12-10"), 20).due == D("2027-01-08")
    assert cal.add_working_days(D("2027-01-29"), 20).due == D("2027-03-05")
    assert cal.day_info(D("2027-10-09")).label == "国庆节调休上班"

    entry = AuditEntry.objects.order_by("-pk").first()
    assert AuditEntry.objects.count() == audit_count + 1
    assert entry.action == "workcalendar.import_year"
    assert entry.actor == admin_user
    assert entry.before is None
    assert entry.after["workdays"]["2027-02-20"] == ""
    assert entry.after["holidays"]["2027-02-05"] == "春节"
    assert "导入 2027 年节假日安排" in entry.summary

    assert len(signals_received) == 1
    sent = signals_received[0]
    assert sent["years"] == [2027] and sent["action"] == "import_year" and sent["user"] == admin_user
    assert sent["revision"] == version + 1
    assert D("2027-02-20") in sent["dates"]


def test_reimport_replaces_the_year(admin_user, signals_received):
    services.do_import_year(admin_user, 2027, SCHEDULE_2027)
    services.do_import_year(admin_user, 2027, "元旦：2027-01-01\n春节：2027-02-05 至 2027-02-11\n")
    assert CalendarDay.objects.filter(date__year=2027).count() == 8
    assert not CalendarDay.objects.filter(date=D("2027-02-20")).exists()
    assert services.load_calendar().is_working_day(D("2027-02-12"))
    entry = AuditEntry.objects.order_by("-pk").first()
    assert entry.before["holidays"]["2027-02-12"] == "春节"
    assert "2027-02-12" not in entry.after["holidays"]
    assert "重新导入" in entry.summary
    changed = signals_received[-1]["dates"]
    assert D("2027-02-12") in changed and D("2027-02-20") in changed and D("2027-01-01") not in changed


def test_reimport_of_a_seeded_year(admin_user):
    services.do_import_year(admin_user, 2026, "元旦：2026-01-01 至 2026-01-03\n上班 2026-01-04\n")
    year = CalendarYear.objects.get(year=2026)
    assert year.source == "import"
    assert services.load_calendar().is_working_day(D("2026-02-16"))  # the rest of 2026 was replaced


def test_import_with_an_error_changes_nothing(admin_user, signals_received):
    version = services.current_version()
    audit_count = AuditEntry.objects.count()
    with pytest.raises(services.ScheduleImportError) as excinfo:
        services.do_import_year(admin_user, 2027, SCHEDULE_2027 + "上班 2027-03-01\n")
    assert excinfo.value.errors == ["第 12 行：2027-03-01（星期一）本来就是工作日，调休上班只能是星期六或星期日。"]
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not CalendarDay.objects.filter(date__year=2027).exists()
    assert services.current_version() == version
    assert AuditEntry.objects.count() == audit_count
    assert signals_received == []


def test_set_day_changes_a_result_and_is_audited(admin_user, signals_received):
    start = D("2024-09-25")
    assert services.load_calendar().add_working_days(start, 20).due == D("2024-10-28")
    version = services.current_version()

    services.do_set_day(admin_user, D("2024-10-14"), "holiday", name="临时放假", reason="测试：临时调整")

    assert services.load_calendar().add_working_days(start, 20).due == D("2024-10-29")
    assert services.current_version() == version + 1
    day = CalendarDay.objects.get(date=D("2024-10-14"))
    assert (day.kind, day.name, day.note, day.updated_by) == ("holiday", "临时放假", "测试：临时调整", admin_user)
    entry = AuditEntry.objects.order_by("-pk").first()
    assert entry.action == "workcalendar.set_day"
    assert entry.object_id == "2024-10-14"
    assert entry.before["working_day"] is True and entry.before["kind"] == ""
    assert entry.after["working_day"] is False and entry.after["kind"] == "holiday"
    assert "测试：临时调整" in entry.summary
    assert signals_received[-1]["dates"] == [D("2024-10-14")]
    assert signals_received[-1]["action"] == "set_day"

    # Reset to the weekday rule restores the original result, and is audited too.
    assert services.do_set_day(admin_user, D("2024-10-14"), "reset", reason="撤销测试") is None
    assert services.load_calendar().add_working_days(start, 20).due == D("2024-10-28")
    entry = AuditEntry.objects.order_by("-pk").first()
    assert entry.before["kind"] == "holiday" and entry.after["working_day"] is True


def test_set_day_makeup_saturday(admin_user):
    services.do_set_day(admin_user, D("2024-10-19"), "workday", name="国庆节", reason="测试")
    assert services.load_calendar().is_working_day(D("2024-10-19"))


@pytest.mark.parametrize(
    ("day", "kind", "name", "reason", "message"),
    [
        ("2024-10-14", "workday", "", "原因", "本来就是工作日"),
        ("2024-10-14", "reset", "", "原因", "没有特别安排"),
        ("2024-10-14", "holiday", "", "  ", "请填写修改原因"),
        ("2024-10-14", "other", "", "原因", "请选择这一天的安排"),
        ("2024-10-01", "holiday", "国庆节", "原因", "已经是这样安排的"),
        ("2027-03-01", "holiday", "", "原因", "2027 年节假日安排尚未录入"),
    ],
)
def test_set_day_errors_change_nothing(admin_user, day, kind, name, reason, message):
    version = services.current_version()
    audit_count = AuditEntry.objects.count()
    with pytest.raises(ValueError, match=message):
        services.do_set_day(admin_user, D(day), kind, name=name, reason=reason)
    assert services.current_version() == version
    assert AuditEntry.objects.count() == audit_count


def test_revision_row_is_a_singleton(admin_user):
    services.do_set_day(admin_user, D("2026-12-31"), "holiday", reason="测试")
    assert CalendarRevision.objects.count() == 1
