"""Back-office reports: timeliness, withheld re-review queue, interpretation coverage, full-list export.

"Today" is frozen by replacing reports.today(). The working-day bounds the database queries use
are checked against timeliness.assess (the rule itself) day by day, across holidays and make-up days.
"""

import copy
import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, include, path, reverse
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from gongkai import urls as site_urls
from gongkai.audit.models import AuditEntry
from gongkai.disclosure import reports
from gongkai.disclosure.models import Category, InformationRecord, Interpretation
from gongkai.disclosure.report_views import report_urlpatterns
from gongkai.disclosure.timeliness import AT_RISK, LATE, ON_TIME, OVERDUE, PENDING, assess
from gongkai.organisation import roles
from gongkai.workcalendar.clock import CalendarYearMissing, WorkCalendar
from gongkai.workcalendar.services import load_calendar

D = dt.date

# Until wagtail_hooks.py includes report_urlpatterns, the tests serve them from this module, wrapped the
# way Wagtail wraps admin URLs (anonymous users are sent to the login page).
urlpatterns = [
    path("admin/records/reports/",
         include(decorate_urlpatterns([copy.copy(p) for p in report_urlpatterns], require_admin_access))),
    *site_urls.urlpatterns,
]
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500

REPORT_URLS = [
    "disclosure_report_index", "disclosure_report_timeliness", "disclosure_report_withheld",
    "disclosure_report_interpretations_missing", "disclosure_report_interpretations_late",
    "disclosure_report_export", "disclosure_report_export_csv", "disclosure_report_export_xlsx",
]


@pytest.fixture(autouse=True)
def report_urls(settings):
    try:
        reverse("disclosure_report_timeliness")
    except NoReverseMatch:
        settings.ROOT_URLCONF = __name__


@pytest.fixture
def freeze(monkeypatch):
    def set_today(day):
        monkeypatch.setattr(reports, "today", lambda: day)

    return set_today


@pytest.fixture
def calendar(db):
    return load_calendar()


@pytest.fixture
def make_record(staff, departments):
    counter = iter(range(1, 10_000))

    def make(title, *, formed_on, department="own", code="art20-15", changed_on=None, published_on=None,
             status=None, attribute="proactive", review_due_on=None, kind="document", **extra):
        published_at = None
        if published_on is not None:
            published_at = reports.local_midnight(published_on) + dt.timedelta(hours=10)
        n = next(counter)
        return InformationRecord.objects.create(
            title=title, department=departments[department], category=Category.objects.get(code=code),
            drafter=staff[roles.EDITOR], formed_on=formed_on, changed_on=changed_on, published_at=published_at,
            status=status or ("published" if published_on else "draft"), attribute=attribute,
            review_due_on=review_due_on, kind=kind, index_number=f"TEST/2024-{n:05d}" if published_on else None,
            document_number=f"示市监〔2024〕{n}号", **extra,
        )

    return make


def titles(rows):
    return [row.record.title for row in rows]


# --- pure bounds against the rule ---------------------------------------------------------------

TODAYS = [
    D(2024, 10, 8),  # first working day after National Day 2024
    D(2024, 9, 30),  # the Monday between the make-up Sunday and the holiday
    D(2024, 10, 28),
    D(2025, 1, 27),  # the make-up Monday... before Spring Festival 2025
    D(2025, 2, 5),
    D(2025, 9, 28),  # make-up Sunday
    D(2025, 12, 31),
    D(2026, 2, 14),  # make-up Saturday
    D(2026, 10, 10),  # make-up Saturday after National Day 2026
    D(2026, 5, 3),  # a holiday
]


@pytest.mark.django_db
@pytest.mark.parametrize("today", TODAYS, ids=str)
def test_unpublished_window_agrees_with_assess_day_by_day(calendar, today):
    window = reports.unpublished_window(calendar, today)
    # A start more than ~60 calendar days back is always overdue; the bound is exact, not a guess.
    assert today - dt.timedelta(days=60) < window.overdue_until < window.listed_until < today
    for offset in range(-75, 20):
        start = today + dt.timedelta(days=offset)
        expected = assess(calendar, formed_on=start, today=today).state
        assert window.state_for(start) == expected, f"start {start}, today {today}"


@pytest.mark.django_db
def test_changed_on_restarts_the_period(calendar):
    window = reports.unpublished_window(calendar, D(2024, 10, 28))
    record = InformationRecord(formed_on=D(2024, 8, 1), changed_on=D(2024, 10, 20))
    assert reports.start_of(record) == D(2024, 10, 20)
    assert window.state_for(reports.start_of(record)) == PENDING


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_late_window_agrees_with_assess(calendar, year):
    window = reports.late_window(calendar, year)
    first, last = D(year, 1, 1), D(year, 12, 31)
    publication_days = [first, D(year, 2, 18), D(year, 10, 9), D(year, 10, 31), last]
    start = first - dt.timedelta(days=70)
    while start <= last:
        try:
            due = assess(calendar, formed_on=start, today=start).due
        except CalendarYearMissing:  # due in a year not loaded: after 31 December, so never late in the year
            assert not any(window.is_late(start, day) for day in publication_days if day >= start)
            start += dt.timedelta(days=1)
            continue
        for published_on in {*publication_days, due - dt.timedelta(days=1), due, due + dt.timedelta(days=1)}:
            if not first <= published_on <= last:
                continue
            expected = assess(calendar, formed_on=start, published_on=published_on, today=published_on).state
            assert window.is_late(start, published_on) == (expected == LATE), f"{start} published {published_on}"
        start += dt.timedelta(days=1)
    # Information formed long before the year and published in it is late whatever the calendar says.
    assert window.is_late(D(2010, 5, 1), first)
    # Published before it was changed (the change is not yet published): not late by this record.
    assert not window.is_late(D(year, 6, 1), D(year, 5, 1))


@pytest.mark.django_db
def test_late_filter_in_the_database_agrees_with_the_rule(calendar, make_record, departments):
    """Records published in 2024 around their due dates: the query selects exactly those assess() calls late."""
    window = reports.late_window(calendar, 2024)
    expected = set()
    start = D(2023, 11, 1)
    while start <= D(2024, 12, 31):
        due = assess(calendar, formed_on=start, today=start).due
        for published_on in (due, due + dt.timedelta(days=1), due + dt.timedelta(days=3)):
            if published_on.year != 2024:
                continue
            changed = start if start.day % 2 else None  # half of them start from changed_on
            formed = start - dt.timedelta(days=40) if changed else start
            record = make_record(f"{start} {published_on}", formed_on=formed, changed_on=changed,
                                 published_on=published_on)
            state = assess(calendar, formed_on=formed, changed_on=changed, published_on=published_on, today=start)
            if state.state == LATE:
                expected.add(record.pk)
        start += dt.timedelta(days=3)
    make_record("2023 年发布的逾期信息", formed_on=D(2023, 1, 3), published_on=D(2023, 6, 1))
    make_record("多年前生成，今年才发布", formed_on=D(2015, 1, 5), published_on=D(2024, 1, 2))
    listed = reports.timeliness_records(InformationRecord.objects.all(), late=window, state=LATE)
    found = set(listed.values_list("pk", flat=True))
    assert found - {r.pk for r in InformationRecord.objects.filter(title="多年前生成，今年才发布")} == expected
    assert InformationRecord.objects.get(title="多年前生成，今年才发布").pk in found
    assert len(expected) > 100


@pytest.mark.django_db
def test_late_window_does_not_need_next_year(calendar):
    # 2026 is the last seeded year: dues in 2027 cannot be late within 2026, so 2027 is never read.
    window = reports.late_window(calendar, 2026)
    assert window.steps[-1][1] < D(2026, 12, 31)


def test_working_day_counter_matches_the_calendar_and_fails_closed():
    holidays = {D(2023, 10, 2): "国庆节", D(2025, 1, 1): "元旦"}
    calendar = WorkCalendar([2023, 2025], holidays, {D(2023, 10, 7): "国庆节"})
    dates = [D(2023, 9, 28), D(2023, 10, 9), D(2023, 12, 31), D(2025, 1, 2), D(2025, 3, 3), D(2024, 6, 1)]
    counter = reports.WorkingDayCounter(calendar, dates)
    assert counter.between(D(2023, 9, 28), D(2023, 10, 9)) == calendar.working_days_between(
        D(2023, 9, 28), D(2023, 10, 9))
    assert counter.between(D(2023, 12, 31), D(2023, 9, 28)) == calendar.working_days_between(
        D(2023, 12, 31), D(2023, 9, 28))
    assert counter.between(D(2025, 1, 2), D(2025, 3, 3)) == calendar.working_days_between(D(2025, 1, 2), D(2025, 3, 3))
    for a, b in [(D(2023, 9, 28), D(2025, 1, 2)), (D(2025, 3, 3), D(2023, 10, 9)), (D(2024, 6, 1), D(2025, 1, 2))]:
        with pytest.raises(CalendarYearMissing) as exc:
            counter.between(a, b)
        assert exc.value.year == 2024


@pytest.mark.django_db
def test_working_day_counter_on_the_seeded_calendar(calendar):
    dates = [D(2024, 9, 27) + dt.timedelta(days=7 * i + i % 3) for i in range(60)]
    counter = reports.WorkingDayCounter(calendar, dates)
    for a in dates[::7]:
        for b in dates[::5]:
            assert counter.between(a, b) == calendar.working_days_between(a, b)


# --- 1. timeliness list ------------------------------------------------------------------------


@pytest.fixture
def timeliness_records(make_record):
    """Today is Monday 2024-10-28. Due dates: see the comments (RULES.md §1 counting)."""
    make_record("A 八月起草仍未发布", formed_on=D(2024, 8, 1))  # due 2024-08-29: overdue
    make_record("M 定时发布尚未到时", formed_on=D(2024, 8, 15), status="scheduled")  # overdue
    make_record("C 九月二十日生成", formed_on=D(2024, 9, 20), status="submitted")  # due 10-23: 3 WD overdue
    make_record("B 今天到期", formed_on=D(2024, 9, 25))  # due 10-28 (RULES.md example): 0 left
    make_record("D 还剩五个工作日", formed_on=D(2024, 10, 8), status="approved")  # due 11-04: 5 left
    make_record("E 还剩六个工作日", formed_on=D(2024, 10, 9))  # due 11-05: pending
    make_record("F 十月变更过", formed_on=D(2024, 8, 1), changed_on=D(2024, 10, 20))  # pending
    make_record("G 不予公开", formed_on=D(2024, 9, 20), attribute="withheld", review_due_on=D(2025, 1, 1))
    make_record("H 逾期公开", formed_on=D(2024, 9, 2), published_on=D(2024, 10, 15))  # due 09-30: 7 WD late
    make_record("I 按时公开", formed_on=D(2024, 9, 2), published_on=D(2024, 9, 30))
    make_record("J 2023 年逾期公开", formed_on=D(2023, 1, 3), published_on=D(2023, 6, 1))
    make_record("K 其他部门逾期", formed_on=D(2024, 8, 1), department="other")
    make_record("L 下级部门逾期", formed_on=D(2024, 8, 2), department="child")


@pytest.mark.django_db
def test_timeliness_list_contents_and_order(client_for, freeze, timeliness_records):
    freeze(D(2024, 10, 28))
    response = client_for(roles.OGI_OFFICE).get(reverse("disclosure_report_timeliness"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert titles(rows) == [
        "A 八月起草仍未发布", "K 其他部门逾期", "L 下级部门逾期", "M 定时发布尚未到时", "C 九月二十日生成",
        "B 今天到期", "D 还剩五个工作日", "H 逾期公开",
    ]
    found = {row.record.title[0]: (row.state, row.due, row.days) for row in rows}
    assert found["C"] == (OVERDUE, D(2024, 10, 23), -3)
    assert found["B"] == (AT_RISK, D(2024, 10, 28), 0)
    assert found["D"] == (AT_RISK, D(2024, 11, 4), 5)
    assert found["H"] == (LATE, D(2024, 9, 30), 7)
    assert found["A"] == (OVERDUE, D(2024, 8, 29), -38)  # 30 Aug … 28 Oct, with 3 make-up days
    page = response.content.decode()
    # The state is written out, not carried by colour alone.
    for words in ("已逾期 3 个工作日", "今天到期", "还剩 5 个工作日", "比应公开日期晚 7 个工作日公开",
                  "2024 年内逾期公开"):
        assert words in page


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "expected"), [
    ({"state": "overdue"}, ["A 八月起草仍未发布", "L 下级部门逾期", "M 定时发布尚未到时", "C 九月二十日生成"]),
    ({"state": "at_risk"}, ["B 今天到期", "D 还剩五个工作日"]),
    ({"state": "late"}, ["H 逾期公开"]),
    ({"state": "late", "year": "2023"}, ["J 2023 年逾期公开"]),
    ({"state": "overdue", "department": "child"}, ["L 下级部门逾期"]),
])
def test_timeliness_filters(client_for, freeze, timeliness_records, departments, query, expected):
    freeze(D(2024, 10, 28))
    if "department" in query:
        query = {**query, "department": departments[query["department"]].pk}
    response = client_for(roles.HEAD).get(reverse("disclosure_report_timeliness"), query)
    assert titles(response.context["rows"]) == expected


@pytest.mark.django_db
def test_timeliness_is_scoped_to_the_users_departments(client_for, freeze, timeliness_records, make_staff,
                                                       departments):
    freeze(D(2024, 10, 28))
    own = titles(client_for(roles.EDITOR).get(reverse("disclosure_report_timeliness")).context["rows"])
    assert "K 其他部门逾期" not in own and "L 下级部门逾期" in own
    client = Client()
    client.force_login(make_staff("food_editor", roles.EDITOR, departments["other"]))
    assert titles(client.get(reverse("disclosure_report_timeliness")).context["rows"]) == ["K 其他部门逾期"]
    # A department outside the user's scope cannot be chosen as a filter.
    response = client.get(reverse("disclosure_report_timeliness"), {"department": departments["own"].pk})
    assert titles(response.context["rows"]) == ["K 其他部门逾期"]
    assert response.context["form"].errors


@pytest.mark.django_db
def test_timeliness_paginates(client_for, freeze, make_record):
    freeze(D(2024, 10, 28))
    for i in range(55):
        make_record(f"逾期 {i:02d}", formed_on=D(2024, 6, 1) + dt.timedelta(days=i))
    client = client_for(roles.AUDITOR)
    with CaptureQueriesContext(connection) as queries:
        first = client.get(reverse("disclosure_report_timeliness"))
    assert len(first.context["rows"]) == 50 and first.context["page"].paginator.count == 55
    second = client.get(reverse("disclosure_report_timeliness"), {"p": 2})
    assert titles(second.context["rows"]) == [f"逾期 {i:02d}" for i in range(50, 55)]
    # The number of queries does not grow with the rows: the calendar runs in Python, per page.
    with CaptureQueriesContext(connection) as fewer:
        client.get(reverse("disclosure_report_timeliness"), {"p": 2})
    assert len(queries) == len(fewer)


@pytest.mark.django_db
def test_missing_calendar_year_is_explained_not_a_500(client_for, freeze, make_record):
    make_record("二〇〇三年的旧信息", formed_on=D(2003, 5, 1))  # the seeded calendar starts in 2004
    make_record("十二月初生成", formed_on=D(2026, 11, 2))
    client = client_for(roles.OGI_OFFICE)

    freeze(D(2026, 12, 28))  # 5 WD ahead falls in 2027, which is not loaded
    response = client.get(reverse("disclosure_report_timeliness"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "2027 年节假日安排尚未录入" in page
    rows = {row.record.title: row for row in response.context["rows"]}
    assert rows["十二月初生成"].state == OVERDUE and rows["十二月初生成"].due == D(2026, 11, 30)
    assert "2003 年节假日安排尚未录入" in rows["二〇〇三年的旧信息"].wording

    freeze(D(2027, 3, 1))  # nothing of 2027 is loaded
    response = client.get(reverse("disclosure_report_timeliness"))
    assert response.status_code == 200
    assert "无法判断哪些信息已逾期或即将到期" in response.content.decode()
    assert "无法统计 2027 年逾期公开的信息" in response.content.decode()


# --- 2. withheld re-review queue -----------------------------------------------------------------


@pytest.mark.django_db
def test_withheld_queue_orders_overdue_first(client_for, freeze, make_record):
    freeze(D(2024, 10, 28))
    make_record("明年复查", formed_on=D(2024, 1, 2), attribute="withheld", review_due_on=D(2025, 1, 6))
    make_record("早已到期", formed_on=D(2023, 1, 2), attribute="withheld", review_due_on=D(2024, 1, 10))
    make_record("今天复查", formed_on=D(2023, 1, 2), attribute="withheld", review_due_on=D(2024, 10, 28))
    make_record("依申请公开无日期", formed_on=D(2023, 1, 2), attribute="on_request")
    make_record("依申请公开有日期", formed_on=D(2023, 1, 2), attribute="on_request", review_due_on=D(2024, 3, 1))
    make_record("主动公开", formed_on=D(2023, 1, 2), review_due_on=D(2024, 1, 1))
    make_record("其他部门不予公开", formed_on=D(2023, 1, 2), attribute="withheld", review_due_on=D(2024, 2, 1),
                department="other")

    client = client_for(roles.REVIEWER)
    response = client.get(reverse("disclosure_report_withheld"))
    rows = response.context["rows"]
    assert titles(rows) == ["早已到期", "今天复查", "明年复查"]
    assert [row.days for row in rows] == [-292, 0, 70]
    page = response.content.decode()
    assert "已超过复查日期 292 天" in page and "今天应复查" in page and "还有 70 天" in page
    assert "已超过复查日期：1 条" in page
    assert "暂不提供“复查完成”操作" in page

    both = client.get(reverse("disclosure_report_withheld"), {"attribute": "both"}).context["rows"]
    assert titles(both) == ["早已到期", "依申请公开有日期", "今天复查", "明年复查", "依申请公开无日期"]
    on_request = client.get(reverse("disclosure_report_withheld"), {"attribute": "on_request"}).context["rows"]
    assert titles(on_request) == ["依申请公开有日期", "依申请公开无日期"]

    everything = client_for(roles.AUDITOR).get(reverse("disclosure_report_withheld")).context["rows"]
    assert titles(everything) == ["早已到期", "其他部门不予公开", "今天复查", "明年复查"]


# --- 3. interpretation coverage ------------------------------------------------------------------


def interpret(make_record, policy, title, *, published_on=None, department="own", status=None):
    record = make_record(title, formed_on=policy.formed_on, published_on=published_on, kind="interpretation",
                         code=policy.category.code, department=department, status=status)
    return Interpretation.objects.create(record=record, policy=policy, form="text")


@pytest.mark.django_db
def test_policies_without_a_published_interpretation(client_for, freeze, make_record):
    freeze(D(2024, 12, 2))
    plan = Category.objects.get(code="art20-3")
    Category.objects.create(code="art20-3-zxgh", name="专项规划", parent=plan)
    lonely = make_record("规范性文件甲", code="art20-1", formed_on=D(2024, 3, 1), published_on=D(2024, 3, 5))
    drafted = make_record("规范性文件乙", code="art20-1", formed_on=D(2024, 4, 1), published_on=D(2024, 4, 8))
    interpret(make_record, drafted, "乙的解读（草稿）")
    covered = make_record("专项规划丙", code="art20-3-zxgh", formed_on=D(2024, 5, 6), published_on=D(2024, 5, 6))
    interpret(make_record, covered, "丙的解读", published_on=D(2024, 5, 6))
    sub = make_record("专项规划丁", code="art20-3-zxgh", formed_on=D(2024, 6, 3), published_on=D(2024, 6, 3))
    make_record("处罚决定", code="art20-6", formed_on=D(2024, 6, 3), published_on=D(2024, 6, 4))
    make_record("未发布的规范性文件", code="art20-1", formed_on=D(2024, 6, 3))
    make_record("2023 年的规范性文件", code="art20-1", formed_on=D(2023, 6, 1), published_on=D(2023, 6, 2))
    make_record("其他部门的规范性文件", code="art20-1", formed_on=D(2024, 6, 3), published_on=D(2024, 6, 5),
                department="other")

    client = client_for(roles.EDITOR)
    response = client.get(reverse("disclosure_report_interpretations_missing"))
    assert [r.title for r in response.context["page"]] == [sub.title, drafted.title, lonely.title,
                                                           "2023 年的规范性文件"]
    response = client.get(reverse("disclosure_report_interpretations_missing"), {"year": "2024"})
    assert [r.title for r in response.context["page"]] == [sub.title, drafted.title, lonely.title]
    assert set(reports.policy_categories().values_list("code", flat=True)) == {
        "art20-1", "art20-1-rules", "art20-1-normative", "art20-3", "art20-3-zxgh"}


@pytest.mark.django_db
def test_interpretation_lag_across_national_day_2024(client_for, freeze, make_record, settings, make_staff,
                                                      departments):
    freeze(D(2024, 12, 2))
    friday = make_record("九月二十七日的政策", code="art20-1", formed_on=D(2024, 9, 20), published_on=D(2024, 9, 27))
    monday = make_record("九月三十日的政策", code="art20-1", formed_on=D(2024, 9, 20), published_on=D(2024, 9, 30))
    same_day = make_record("同日解读的政策", code="art20-1", formed_on=D(2024, 9, 20), published_on=D(2024, 10, 9))
    weekend = make_record("周五的政策", code="art20-1", formed_on=D(2024, 10, 14), published_on=D(2024, 10, 18))
    # (27 Sep, 8 Oct]: Sunday 29 Sep is a make-up working day, 30 Sep, then 1–7 Oct is National Day: 3 WD.
    interpret(make_record, friday, "节后解读一", published_on=D(2024, 10, 8))
    # (30 Sep, 8 Oct]: only 8 Oct is a working day: 1 WD, although eight calendar days passed.
    interpret(make_record, monday, "节后解读二", published_on=D(2024, 10, 8))
    interpret(make_record, same_day, "同日解读", published_on=D(2024, 10, 9))
    interpret(make_record, weekend, "周六解读", published_on=D(2024, 10, 19))  # a rest day: 0 WD later

    client = client_for(roles.OGI_OFFICE)
    response = client.get(reverse("disclosure_report_interpretations_late"), {"year": "2024"})
    rows = list(response.context["page"])
    assert [(r.interpretation.record.title, r.lag) for r in rows] == [("节后解读一", 3), ("节后解读二", 1)]
    assert "晚 3 个工作日" in response.content.decode()
    assert "INTERPRETATION_LAG_WD" in response.content.decode()

    settings.INTERPRETATION_LAG_WD = 1
    rows = list(client.get(reverse("disclosure_report_interpretations_late"), {"year": "2024"}).context["page"])
    assert [(r.interpretation.record.title, r.lag) for r in rows] == [("节后解读一", 3)]

    settings.INTERPRETATION_LAG_WD = "三天"  # a wrong setting is explained on the page and read as 0
    response = client.get(reverse("disclosure_report_interpretations_late"), {"year": "2024"})
    assert response.status_code == 200 and len(response.context["page"]) == 2
    assert "INTERPRETATION_LAG_WD 的值“三天”无效" in response.content.decode()

    settings.INTERPRETATION_LAG_WD = 0
    # An editor of another department sees none of these.
    other = Client()
    other.force_login(make_staff("food_editor", roles.EDITOR, departments["other"]))
    assert list(other.get(reverse("disclosure_report_interpretations_late"), {"year": "2024"}).context["page"]) == []


@pytest.mark.django_db
def test_interpretation_lag_in_a_year_not_loaded(client_for, freeze, make_record):
    freeze(D(2027, 1, 20))
    policy = make_record("年底的政策", code="art20-1", formed_on=D(2026, 12, 1), published_on=D(2026, 12, 30))
    interpret(make_record, policy, "年初的解读", published_on=D(2027, 1, 5))
    response = client_for(roles.OGI_OFFICE).get(reverse("disclosure_report_interpretations_late"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "2027 年节假日安排尚未录入" in page and "有 1 条解读因缺少节假日安排无法计算" in page


# --- 4. the full disclosure list ------------------------------------------------------------------


@pytest.fixture
def listed_records(make_record):
    return [
        make_record("=HYPERLINK(\"http://example.com\")", formed_on=D(2024, 3, 1), published_on=D(2024, 3, 5),
                    attribute_basis="条例第十九条"),
        make_record("不予公开的内部事务", formed_on=D(2024, 4, 1), attribute="withheld",
                    attribute_basis="条例第十六条", review_due_on=D(2025, 4, 1)),
        make_record("下级部门的信息", formed_on=D(2024, 5, 1), department="child", changed_on=D(2024, 5, 10)),
        make_record("其他部门的信息", formed_on=D(2024, 5, 1), department="other"),
    ]


@pytest.mark.django_db
def test_csv_export_lists_the_visible_records_and_is_audited(client_for, freeze, listed_records, staff):
    freeze(D(2024, 10, 28))
    response = client_for(roles.EDITOR).get(reverse("disclosure_report_export_csv"))
    assert response.status_code == 200 and response.streaming
    assert "2024-10-28" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == reports.EXPORT_HEADERS
    body = rows[1:]
    assert [r[1] for r in body] == ["'=HYPERLINK(\"http://example.com\")", "不予公开的内部事务", "下级部门的信息"]
    withheld = body[1]
    assert withheld[6:9] == ["不予公开", "条例第十六条", "2025-04-01"]
    assert body[0][0] == listed_records[0].index_number and body[0][12] == "2024-03-05"
    assert body[2][4] == "质量抽查组" and body[2][11] == "2024-05-10" and body[2][13] == "草稿"
    entry = AuditEntry.objects.get(action="disclosure.export")
    assert entry.actor == staff[roles.EDITOR]
    assert "CSV" in entry.summary and "共 3 条" in entry.summary


@pytest.mark.django_db
def test_xlsx_export_opens_with_openpyxl(client_for, freeze, listed_records):
    freeze(D(2024, 10, 28))
    response = client_for(roles.AUDITOR).get(reverse("disclosure_report_export_xlsx"))
    assert response.status_code == 200
    assert "2024-10-28" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook["政务公开全清单"]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == reports.EXPORT_HEADERS
    assert len(values) == 1 + InformationRecord.objects.count()
    assert [row[1] for row in values[1:]] == [r.title for r in listed_records]
    first = sheet.cell(row=2, column=2)
    assert first.data_type == "s" and first.value.startswith("=")  # text, never a formula
    assert values[1][12].date() == D(2024, 3, 5)
    assert AuditEntry.objects.filter(action="disclosure.export", summary__contains="Excel").count() == 1
    assert "共 4 条" in AuditEntry.objects.get(action="disclosure.export").summary


@pytest.mark.django_db
def test_xlsx_export_refuses_more_rows_than_a_sheet_holds(client_for, listed_records, monkeypatch):
    from gongkai.disclosure import report_views

    monkeypatch.setattr(report_views, "EXCEL_MAX_RECORDS", 2)
    response = client_for(roles.OGI_OFFICE).get(reverse("disclosure_report_export_xlsx"), follow=True)
    assert "超出 Excel 一张工作表的行数上限，请下载 CSV 文件" in response.content.decode()
    assert not AuditEntry.objects.filter(action="disclosure.export").exists()


@pytest.mark.django_db
def test_export_page_states_scope_and_count(client_for, listed_records):
    page = client_for(roles.HEAD).get(reverse("disclosure_report_export")).content.decode()
    assert "共 3 条" in page and "产品质量安全监督管理科、质量抽查组" in page
    assert not AuditEntry.objects.filter(action="disclosure.export").exists()


# --- permissions ----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", REPORT_URLS)
def test_anonymous_is_sent_to_the_login_page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_every_role_opens_every_report(client_for, freeze, role):
    freeze(D(2024, 10, 28))
    client = client_for(role)
    for name in REPORT_URLS:
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.django_db
def test_staff_without_a_role_get_403(client, departments, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("no_role", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for name in REPORT_URLS:
        response = client.get(reverse(name))
        assert response.status_code == 403, name
        assert "没有权限" in response.content.decode()
    assert not AuditEntry.objects.filter(action="disclosure.export").exists()


def test_states_used_here_are_those_of_the_rule():
    assert {OVERDUE, AT_RISK, LATE} == {code for code, _ in reports.TIMELINESS_STATE_CHOICES}
    assert ON_TIME not in dict(reports.TIMELINESS_STATE_CHOICES)
