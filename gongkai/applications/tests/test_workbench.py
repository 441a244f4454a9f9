"""The workbench of disclosure applications: order, filters, scoping, days-left badges, query count, export.

Cases are built through the intake and handling services with explicit receipt dates. Working days
left are checked against the real clock: each expected value is computed here from the calendar
(load_calendar().add_working_days / working_days_between), independently of the workbench.
"""

import datetime as dt
import io
import re
from html.parser import HTMLParser
from urllib.parse import quote

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import choices, clock_events, services, workbench
from gongkai.audit.models import AuditEntry
from gongkai.organisation import roles
from gongkai.privacy.checksums import id_check_char
from gongkai.workcalendar.services import load_calendar

PAST = dt.date(2026, 3, 2)  # due 2026-03-30: long overdue whenever these tests run


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def calendar(db):
    return load_calendar()


def person_id(seq):
    first17 = f"11010519800101{seq:03d}"
    return first17 + id_check_char(first17)


@pytest.fixture
def received_for_due(calendar, today):
    """received_for_due(due) -> the latest receipt date, not after today, whose 20th working day is `due`."""

    def find(due):
        day = min(due, today)
        while day > due - dt.timedelta(days=60):
            if calendar.add_working_days(day, 20).due == due:
                return day
            day -= dt.timedelta(days=1)
        raise AssertionError(f"no receipt date gives {due}")

    return find


@pytest.fixture
def due_in(calendar, today, assigned, received_for_due):
    """due_in(n, **kw) -> an assigned case whose reply is due on the n-th working day after today."""
    counter = iter(range(100, 999))

    def make(n, **kw):
        due = calendar.add_working_days(today, n).due
        kw.setdefault("id_number", person_id(next(counter)))
        return assigned(received_on=received_for_due(due), **kw)

    return make


def rows_of(response):
    return {row.application.number: row for row in response.context["rows"]}


def numbers_of(response):
    return [row.application.number for row in response.context["rows"]]


def get(client, **params):
    return client.get(reverse("applications_index"), params)


class TableCells(HTMLParser):
    """The text of each body cell of the workbench table, without the badge's small print."""

    def __init__(self):
        super().__init__()
        self.rows, self._in_table, self._in_body, self._cell, self._skip = [], False, False, None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == "workbench":
            self._in_table = True
        elif self._in_table and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag == "td":
            self._cell = ""
        elif self._cell is not None and "gk-days-detail" in (attrs.get("class") or ""):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1].append(self._cell.strip())
            self._cell = None
        elif tag == "span" and self._skip:
            self._skip -= 1
        elif tag == "tbody":
            self._in_body = self._in_table = False

    def handle_data(self, data):
        if self._cell is not None and not self._skip:
            self._cell += data


def page_cells(response):
    parser = TableCells()
    parser.feed(response.content.decode())
    return parser.rows


# --- order ---------------------------------------------------------------------------------------------


def test_overdue_on_top_then_by_due_date_then_no_due_date_and_closed_excluded(
        client_for, register, assigned, due_in, staff, today):
    next_month = assigned(received_on=today, id_number=person_id(1))
    overdue = assigned(received_on=PAST, id_number=person_id(2))
    tomorrow = due_in(1)
    not_received = register(received_on=None, channel=choices.LETTER, id_number=person_id(3))
    closed = register(received_on=PAST, id_number=person_id(4))
    services.do_close_as_petition(staff["ogi_office"], closed, "12345 热线", "请通过 12345 热线反映。", replied_on=PAST)

    response = get(client_for(roles.OGI_OFFICE))
    assert response.status_code == 200
    assert numbers_of(response) == [overdue.number, tomorrow.number, next_month.number, not_received.number]

    everything = numbers_of(get(client_for(roles.OGI_OFFICE), status="all"))
    assert everything == [overdue.number, tomorrow.number, next_month.number, not_received.number, closed.number]
    assert numbers_of(get(client_for(roles.OGI_OFFICE), status="closed")) == [closed.number]


def test_the_longest_overdue_case_comes_first(client_for, assigned, due_in):
    soon = due_in(3)
    older = assigned(received_on=PAST, id_number=person_id(7))
    oldest = assigned(received_on=PAST - dt.timedelta(days=14), id_number=person_id(8))
    assert numbers_of(get(client_for(roles.OGI_OFFICE))) == [oldest.number, older.number, soon.number]


def test_closed_cases_are_listed_latest_reply_first(client_for, register, staff):
    early = register(received_on=dt.date(2026, 4, 1), id_number=person_id(11))
    late = register(received_on=dt.date(2026, 5, 6), id_number=person_id(12))
    for application in (late, early):
        services.do_close_as_petition(staff["ogi_office"], application, "信访部门", "请向信访部门反映。",
                                      replied_on=application.received_on)
    assert numbers_of(get(client_for(roles.OGI_OFFICE), status="closed")) == [late.number, early.number]


# --- days left: colour and words ---------------------------------------------------------------------------


def test_each_clock_state_has_its_colour_and_its_words(client_for, register, assigned, due_in, staff, calendar,
                                                        today):
    ogi = staff["ogi_office"]
    overdue = assigned(received_on=PAST, id_number=person_id(21))
    two = due_in(2)
    five = due_in(4)
    plenty = assigned(received_on=today, id_number=person_id(22))
    paused = assigned(received_on=PAST, id_number=person_id(23))
    clock_events.do_start_consultation(ogi, paused, choices.CONSULT_THIRD_PARTY, "示范市某电动车有限公司",
                                       "是否同意公开抽查中涉及贵公司的检验数据", sent_on=PAST + dt.timedelta(days=3))
    correcting = assigned(received_on=PAST, id_number=person_id(24))
    clock_events.do_request_correction(ogi, correcting, PAST + dt.timedelta(days=1), "请写明所需信息的年份和文号。")
    not_received = register(received_on=None, channel=choices.LETTER, id_number=person_id(25))
    far = assigned(received_on=today, id_number=person_id(26))
    clock_events.do_set_art35_date(ogi, far, dt.date(2035, 6, 1),
                                   "申请人一次申请 300 项信息，说明了理由，需要较长时间。")

    rows = rows_of(get(client_for(roles.OGI_OFFICE)))
    overdue_days = calendar.working_days_between(calendar.add_working_days(PAST, 20).due, today)
    expected = {
        overdue: ("overdue", f"已超期 {overdue_days} 个工作日"),
        two: ("urgent", "剩余 2 个工作日"),
        five: ("soon", "剩余 4 个工作日"),
        plenty: ("ok", "剩余 20 个工作日"),
        paused: ("paused", "暂停计时"),
        correcting: ("correction", "待补正"),
        not_received: ("not-started", "未开始计时"),
        far: ("unknown", "期限无法计算"),
    }
    for application, (css, text) in expected.items():
        deadline = rows[application.number].deadline
        assert (deadline.css, deadline.text) == (css, text), application.number
    assert overdue_days > 100
    consultation = paused.consultations.get()
    assert rows[paused.number].deadline.detail.startswith(  # the 15 WD of Art. 32 ran out long ago
        f"征求示范市某电动车有限公司意见的期限已于 {consultation.due_on.isoformat()} 届满")
    assert rows[far.number].due == dt.date(2035, 6, 1)
    assert "年节假日安排尚未录入" in rows[far.number].deadline.detail

    html = get(client_for(roles.OGI_OFFICE)).content.decode()
    assert f'gk-days--overdue">已超期 {overdue_days} 个工作日</span>' in html
    assert 'gk-days--urgent">剩余 2 个工作日</span>' in html
    assert 'gk-days--soon">剩余 4 个工作日</span>' in html
    assert 'gk-days--ok">剩余 20 个工作日</span>' in html


def test_due_tomorrow_and_due_in_five_days_are_orange_and_yellow(client_for, due_in):
    tomorrow, five, six = due_in(1), due_in(5), due_in(6)
    rows = rows_of(get(client_for(roles.OGI_OFFICE)))
    assert (rows[tomorrow.number].deadline.css, rows[tomorrow.number].deadline.text) == ("urgent", "剩余 1 个工作日")
    assert (rows[five.number].deadline.css, rows[five.number].deadline.text) == ("soon", "剩余 5 个工作日")
    assert (rows[six.number].deadline.css, rows[six.number].deadline.text) == ("ok", "剩余 6 个工作日")


def test_due_date_and_stage_time_shown(client_for, assigned, calendar, today):
    application = assigned(received_on=today, id_number=person_id(31))
    row = rows_of(get(client_for(roles.OGI_OFFICE)))[application.number]
    assert row.due == calendar.add_working_days(today, 20).due
    assert row.stage_time == "0 / 10 个工作日"  # assigned today; the department's target is 10 WD


# --- filters ---------------------------------------------------------------------------------------------


@pytest.fixture
def mixed(register, assigned, due_in, staff, departments, today):
    ogi = staff["ogi_office"]
    cases = {
        "overdue": assigned(received_on=PAST, id_number=person_id(41)),
        "two": due_in(2),
        "four": due_in(4),
        "later": assigned(received_on=today, id_number=person_id(42), applicant_name="王晓燕",
                          info_title="示范市 2026 年食品安全抽检计划"),
        "registration": register(received_on=PAST, channel=choices.FAX, id_number=person_id(43)),
    }
    other = register(received_on=today, id_number=person_id(44))
    services.do_classify_application(ogi, other)
    cases["other_department"] = services.do_assign(ogi, other, departments["other"])
    closed = register(received_on=PAST, id_number=person_id(45))
    cases["closed"] = services.do_close_as_petition(ogi, closed, "信访部门", "请向信访部门反映。", replied_on=PAST)
    return cases


def _listed(client, **params):
    return set(numbers_of(get(client, **params)))


def test_filters_by_stage_department_due_window_channel_status_and_text(client_for, mixed, departments):
    client = client_for(roles.OGI_OFFICE)
    n = {key: application.number for key, application in mixed.items()}
    open_cases = {n[k] for k in ("overdue", "two", "four", "later", "registration", "other_department")}
    assert _listed(client) == open_cases
    assert _listed(client, stage="registration") == {n["registration"]}
    assert _listed(client, department=departments["other"].pk) == {n["other_department"]}
    assert _listed(client, department=departments["own"].pk) == {n["overdue"], n["two"], n["four"], n["later"]}
    assert _listed(client, due="overdue") == {n["overdue"], n["registration"]}
    assert _listed(client, due="2") == {n["two"]}
    assert _listed(client, due="5") == {n["two"], n["four"]}
    assert _listed(client, channel=choices.FAX) == {n["registration"]}
    assert _listed(client, status="closed") == {n["closed"]}
    assert _listed(client, status="all") == open_cases | {n["closed"]}
    assert _listed(client, q="王晓燕") == {n["later"]}
    assert _listed(client, q="食品安全抽检") == {n["later"]}
    assert _listed(client, q=n["four"]) == {n["four"]}
    assert _listed(client, q=n["closed"], status="all") == {n["closed"]}


def test_department_filter_includes_sub_departments(client_for, register, staff, departments, today):
    application = register(received_on=today, id_number=person_id(51))
    services.do_classify_application(staff["ogi_office"], application)
    services.do_assign(staff["ogi_office"], application, departments["child"])
    assert _listed(client_for(roles.OGI_OFFICE), department=departments["own"].pk) == {application.number}


@pytest.mark.parametrize("params", [
    {"stage": "nonsense"}, {"department": "abc"}, {"department": "999999"}, {"due": "7"}, {"channel": "pigeon"},
    {"status": "maybe"}, {"p": "abc"}, {"p": "99999"}, {"q": "申" * 5000}, {"department": "1' OR '1'='1"},
])
def test_bad_filter_values_are_ignored_without_error(client_for, mixed, params):
    client = client_for(roles.OGI_OFFICE)
    response = get(client, **params)
    assert response.status_code == 200
    expected = {mixed[k].number for k in ("overdue", "two", "four", "later", "registration", "other_department")}
    if "q" in params:
        assert numbers_of(response) == []  # a long text is cut to 100 characters and matches nothing
    else:
        assert set(numbers_of(response)) == expected
    export = client.get(reverse("applications_export"), params)
    assert export.status_code == 200


def test_wrong_choice_is_explained_in_chinese(client_for, mixed):
    html = get(client_for(roles.OGI_OFFICE), stage="nonsense").content.decode()
    assert "已忽略这一条件" in html


def test_pagination_keeps_the_filters(client_for, assigned, monkeypatch, today):
    monkeypatch.setattr(workbench, "PAGE_SIZE", 2)
    made = [assigned(received_on=today, id_number=person_id(60 + i), applicant_name="赵明") for i in range(3)]
    client = client_for(roles.OGI_OFFICE)
    first = get(client, q="赵明")
    assert len(first.context["rows"]) == 2
    assert "q=%E8%B5%B5%E6%98%8E&amp;p=2" in first.content.decode()
    second = get(client, q="赵明", p=2)
    assert len(second.context["rows"]) == 1
    assert set(numbers_of(first)) | set(numbers_of(second)) == {a.number for a in made}


def test_page_size_is_fifty():
    assert workbench.PAGE_SIZE == 50


# --- who sees what ---------------------------------------------------------------------------------------


def test_department_staff_see_only_their_department(client_for, mixed, make_staff, departments):
    own = {mixed[k].number for k in ("overdue", "two", "four", "later")}
    for role in (roles.EDITOR, roles.REVIEWER, roles.HEAD):
        assert _listed(client_for(role)) == own, role
    from django.test import Client

    other_editor = Client()
    other_editor.force_login(make_staff("u_food_editor", roles.EDITOR, departments["other"]))
    assert _listed(other_editor) == {mixed["other_department"].number}
    # the department filter cannot widen the scope
    assert _listed(other_editor, department=departments["own"].pk) == {mixed["other_department"].number}
    export = other_editor.get(reverse("applications_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [mixed["other_department"].number]


def test_auditor_and_administrator_see_everything(client_for, mixed):
    expected = {mixed[k].number for k in ("overdue", "two", "four", "later", "registration", "other_department")}
    for role in (roles.AUDITOR, roles.ADMINISTRATOR, roles.OGI_OFFICE):
        assert _listed(client_for(role)) == expected, role


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    for name in ("applications_index", "applications_export", "applications_proposals"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "login" in response["Location"], name


def test_rows_link_to_the_application_page(client_for, assigned, today):
    application = assigned(received_on=today, id_number=person_id(70))
    html = get(client_for(roles.OGI_OFFICE)).content.decode()
    assert f'href="{reverse("applications_detail", args=[application.pk])}"' in html


# --- queries -----------------------------------------------------------------------------------------------


def _add_varied(assigned, staff, start, today):
    ogi = staff["ogi_office"]
    made = []
    for i in range(start, start + 3):
        consulted = assigned(received_on=PAST, id_number=person_id(80 + i))
        clock_events.do_start_consultation(ogi, consulted, choices.CONSULT_AGENCY, "示范市生态环境局", "是否同意公开",
                                           sent_on=PAST + dt.timedelta(days=2))
        corrected = assigned(received_on=PAST, id_number=person_id(90 + i))
        clock_events.do_request_correction(ogi, corrected, PAST + dt.timedelta(days=1), "请写明文号。")
        clock_events.do_record_correction(ogi, corrected, PAST + dt.timedelta(days=3))
        charged = assigned(received_on=today, id_number=person_id(100 + i))
        clock_events.do_issue_fee_notice(ogi, charged, choices.FEE_BY_PAGES, 40, today)
        made += [consulted, corrected, charged]
    return made


def test_query_count_does_not_grow_with_rows(client_for, assigned, staff, today):
    client = client_for(roles.OGI_OFFICE)
    _add_varied(assigned, staff, 0, today)
    get(client)  # warm the calendar cache

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            response = get(client, status="all")
        return len(queries), len(response.context["rows"])

    few_queries, few_rows = count_queries()
    _add_varied(assigned, staff, 3, today)
    many_queries, many_rows = count_queries()
    assert (few_rows, many_rows) == (9, 18)
    assert many_queries == few_queries


# --- Excel export -------------------------------------------------------------------------------------------


def _workbook(response):
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _as_page_text(value):
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)


def test_export_cells_equal_what_the_page_shows(client_for, mixed, staff, monkeypatch, today):
    monkeypatch.setattr(workbench, "PAGE_SIZE", 3)  # the export holds every page, not just the first
    client = client_for(roles.OGI_OFFICE)
    params = {"status": "all"}
    shown = []
    for number in (1, 2, 3):
        shown += page_cells(get(client, p=number, **params))
    assert len(shown) == 7

    response = client.get(reverse("applications_export"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    filename = f"依申请公开台账-{today:%Y%m%d}.xlsx"
    assert f"filename*=utf-8''{quote(filename)}" in response["Content-Disposition"]
    sheet = _workbook(response).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == workbench.EXPORT_HEADERS
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:M{len(values)}"
    assert sheet.column_dimensions["C"].width == 40
    exported = [[_as_page_text(v) for v in row[:len(workbench.PAGE_HEADERS)]] for row in values[1:]]
    assert exported == shown

    by_number = {row[0]: row for row in values[1:]}
    closed = by_number[mixed["closed"].number]
    assert closed[10:] == ("不予处理：信访举报投诉类", dt.datetime(2026, 3, 2), "是")
    assert by_number[mixed["later"].number][10:] == (None, None, "未办结")
    assert re.fullmatch(r"已超期 \d+ 个工作日", by_number[mixed["overdue"].number][8])


def test_export_follows_the_filter(client_for, mixed):
    response = client_for(roles.OGI_OFFICE).get(reverse("applications_export"), {"due": "2"})
    rows = list(_workbook(response).active.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [mixed["two"].number]


def test_export_writes_an_audit_entry(client_for, mixed, staff):
    before = AuditEntry.objects.filter(action="applications.export").count()
    client_for(roles.AUDITOR).get(reverse("applications_export"), {"channel": choices.FAX})
    entries = AuditEntry.objects.filter(action="applications.export")
    assert entries.count() == before + 1
    entry = entries.order_by("-pk").first()
    assert entry.actor == staff[roles.AUDITOR]
    assert "共 1 件" in entry.summary and "传真" in entry.summary


def test_export_keeps_formula_like_text_as_text(client_for, assigned, today):
    application = assigned(received_on=today, id_number=person_id(120), applicant_name="=HYPERLINK(\"x\")")
    response = client_for(roles.OGI_OFFICE).get(reverse("applications_export"))
    sheet = _workbook(response).active
    cell = next(row[1] for row in sheet.iter_rows(min_row=2) if row[0].value == application.number)
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"x\")"


def test_workbench_shows_the_pending_proposal_count(client_for, register, today):
    for i in range(3):
        register(received_on=today, id_number=person_id(130 + i), info_title="示范市 2025 年电梯安全检查结果")
    html = get(client_for(roles.EDITOR)).content.decode()
    assert "待处理的转主动公开建议：1 条" in html
