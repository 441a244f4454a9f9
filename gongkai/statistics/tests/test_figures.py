"""The dashboards' figures against a small register and catalogue counted by hand.

Year 2025 (its official holiday schedule is in the seeded calendar). Working days are counted from
the day after the start up to the reply (RULES.md §1, §3.2): March 2025 has no holiday, 1 January
2025 is New Year's Day, 4 April 2025 is Qingming.
"""

import datetime as dt
import itertools

import pytest

from gongkai.organisation import roles
from gongkai.statistics import figures

D = dt.date
ON = D(2026, 11, 27)  # "today" of the figures
YEAR = 2025
_numbers = itertools.count(1)


def rows(board, chart_id):
    return board.chart(chart_id).rows


def column(board, chart_id, index=1):
    return {row[0]: row[index] for row in rows(board, chart_id)}


def key(board, label):
    return next(f.value for f in board.key_figures if f.label == label)


# --- pure helpers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("values", "expected"), [
    ([], None),
    ([7], 7),
    ([3, 1, 2], 3),  # ceil(2.7) = 3rd
    (list(range(1, 11)), 9),  # ceil(9.0) = 9th of 1..10
    (list(range(1, 12)), 10),  # ceil(9.9) = 10th of 1..11
    (list(range(1, 21)), 18),
    (list(range(1, 101)), 90),
    ([20, 5, 5, 5, 5, 5, 5, 5, 5, 5], 5),  # 9 of 10 do not exceed 5
    ([20, 20, 5, 5, 5, 5, 5, 5, 5, 5], 20),
])
def test_percentile_is_nearest_rank(values, expected):
    assert figures.percentile(values) == expected


@pytest.mark.parametrize(("values", "expected"), [([], None), ([1, 2], 1.5), ([1, 1, 2], 1.3), ([2, 2, 3], 2.3)])
def test_average_has_one_decimal(values, expected):
    assert figures.average(values) == expected


def test_rate_of_nothing_is_no_rate():
    assert figures.rate(0, 0) is None
    assert figures.rate(5, 6) == 83.3
    assert figures.rate(6, 6) == 100.0


def test_months_of_the_current_year_stop_at_this_month():
    assert list(figures.months_of(2025, ON)) == list(range(1, 13))
    assert list(figures.months_of(2026, ON)) == list(range(1, 12))


# --- a small register counted by hand -------------------------------------------------------------------


def test_applications_by_month_and_channel(register_2025, staff):
    board = figures.dashboard(staff[roles.OGI_OFFICE], YEAR, on=ON)
    assert column(board, "applications-by-month") == {
        "1月": 0, "2月": 1, "3月": 5, "4月": 0, "5月": 0, "6月": 1, "7月": 0, "8月": 0, "9月": 0, "10月": 1, "11月": 1,
        "12月": 0}
    assert column(board, "applications-by-channel") == {
        "网上申请": 3, "当面提交": 2, "邮政挂号信/快递": 1, "平常信函": 1, "传真": 1, "口头提出（代为填写）": 1}
    assert key(board, "收到申请") == 9


def test_outcomes_by_group(register_2025, staff):
    board = figures.dashboard(staff[roles.OGI_OFFICE], YEAR, on=ON)
    assert rows(board, "applications-outcomes") == [
        ["予以公开", 2], ["部分公开", 1], ["不予公开", 1], ["无法提供", 1], ["不予处理", 1], ["其他处理", 1]]
    assert key(board, "已答复") == 7


def test_working_days_to_reply_average_and_p90(register_2025, staff):
    board = figures.dashboard(staff[roles.OGI_OFFICE], YEAR, on=ON)
    by_month = {row[0]: row[1:] for row in rows(board, "applications-reply-days")}
    assert by_month["1月"] == [14.0, 14, 1]
    assert by_month["3月"] == [11.7, 20, 3]  # 9, 20, 6
    assert by_month["4月"] == [23.0, 25, 2]  # 21, 25
    assert by_month["2月"] == [None, None, 0]
    assert key(board, "平均答复用时") == 15.8  # (14 + 9 + 20 + 6 + 21 + 25) / 6
    assert key(board, "第 90 百分位答复用时") == 25  # the 6th of 6


def test_on_time_overdue_consultations_extensions(register_2025, staff, departments):
    board = figures.dashboard(staff[roles.OGI_OFFICE], YEAR, on=ON)
    assert rows(board, "applications-on-time") == [["按期答复", 5], ["超期答复", 1]]
    assert key(board, "按期答复率") == 83.3
    assert rows(board, "applications-overdue") == [
        [departments["own"].name, 1, 0], [departments["other"].name, 0, 1]]
    assert key(board, "办理中已超期") == 1
    assert key(board, "超期答复") == 1
    consultations = {row[0]: row[1:] for row in rows(board, "applications-consultations")}
    assert consultations["3月"] == [1, 0, 1]
    assert consultations["11月"] == [0, 1, 0]
    assert sum(sum(values) for values in consultations.values()) == 3
    assert (key(board, "征求意见"), key(board, "延期答复")) == (2, 1)


def test_a_head_counts_only_their_departments(register_2025, staff, departments):
    board = figures.dashboard(staff[roles.HEAD], YEAR, on=ON)
    assert key(board, "收到申请") == 7  # not the other department's, not the unassigned one
    assert rows(board, "applications-on-time") == [["按期答复", 5], ["超期答复", 0]]
    assert rows(board, "applications-overdue") == [[departments["own"].name, 1, 0]]
    assert column(board, "applications-outcomes")["不予公开"] == 0


def test_department_filter_narrows_to_the_department_and_below(register_2025, staff, departments):
    board = figures.dashboard(staff[roles.OGI_OFFICE], YEAR, department=departments["child"], on=ON)
    assert key(board, "收到申请") == 0
    assert key(board, "已答复") == 1
    assert rows(board, "applications-outcomes")[4] == ["不予处理", 1]


def test_reply_clock_reads_each_kind_of_fact_in_a_fixed_number_of_queries(register_2025, staff,
                                                                          django_assert_max_num_queries):
    scope = figures.scope_for(staff[roles.OGI_OFFICE], YEAR)
    from gongkai.workcalendar.services import load_calendar

    calendar = load_calendar()
    # The plain cases as values; the others with their correction and fee notice; their consultations.
    with django_assert_max_num_queries(3):
        clocks = figures.reply_clocks(figures.counted_applications(scope), scope.year, calendar)
    assert sorted(clocks.used) == [6, 9, 14, 20, 21, 25]


# --- records counted by hand ------------------------------------------------------------------------------


def test_records_by_category_and_department(catalogue_2025, staff, departments):
    board = figures.dashboard(staff[roles.OGI_OFFICE], YEAR, on=ON)
    by_item = {label: n for label, n in rows(board, "records-by-category") if n}
    assert by_item == {
        "（1）行政法规、规章和规范性文件": 3,
        "（6）行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定": 2,
        "（13）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况": 1,
        "（15）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息": 1,
    }
    assert len(rows(board, "records-by-category")) == 15
    assert rows(board, "records-by-department") == [
        [departments["own"].name, 6], [departments["child"].name, 0], [departments["other"].name, 1]]
    assert key(board, "发布政府信息") == 7


def test_timeliness_and_interpretation_coverage(catalogue_2025, staff):
    board = figures.dashboard(staff[roles.OGI_OFFICE], YEAR, on=ON)
    by_month = {row[0]: row[1:] for row in rows(board, "records-timeliness")}
    assert by_month["3月"] == [1, 0]
    assert by_month["4月"] == [0, 1]
    assert by_month["5月"] == [1, 0]
    assert by_month["6月"] == [2, 0]
    assert by_month["7月"] == [1, 0]
    assert by_month["8月"] == [1, 0]
    assert sum(on_time + late for on_time, late in by_month.values()) == key(board, "发布政府信息")
    assert key(board, "逾期公开") == 1
    assert rows(board, "records-interpretation") == [["已有解读", 1], ["尚无解读", 1]]
    assert key(board, "政策解读覆盖率") == 50.0
    assert key(board, "解读发布滞后") == 1


def test_a_head_sees_only_their_departments_records(catalogue_2025, staff, departments):
    board = figures.dashboard(staff[roles.HEAD], YEAR, on=ON)
    assert rows(board, "records-by-department") == [[departments["own"].name, 6], [departments["child"].name, 0]]
    assert key(board, "逾期公开") == 0


def test_a_year_without_calendar_explains_instead_of_failing(catalogue_2025, staff):
    board = figures.dashboard(staff[roles.OGI_OFFICE], 2008, on=ON)  # the seeded calendar starts in 2004
    assert board.chart("records-timeliness").problem == ""
    from gongkai.workcalendar.clock import WorkCalendar

    empty = WorkCalendar([], {}, {})
    board = figures.dashboard(staff[roles.OGI_OFFICE], YEAR, on=ON, calendar=empty)
    assert "节假日安排尚未录入" in board.chart("records-timeliness").problem
    assert any("节假日安排尚未录入" in problem for problem in board.problems)


def test_the_chart_spec_carries_the_table_figures(register_2025, staff):
    board = figures.dashboard(staff[roles.OGI_OFFICE], YEAR, on=ON)
    reply = board.chart("applications-reply-days")
    spec = reply.spec()
    assert [s["name"] for s in spec["series"]] == ["平均用时", "第 90 百分位用时"]  # not the count column
    assert spec["series"][0]["data"] == [row[1] for row in reply.rows]
    assert spec["categories"] == [row[0] for row in reply.rows]
    pie = board.chart("applications-outcomes").spec()
    assert len(pie["series"]) == 1 and pie["series"][0]["data"] == [2, 1, 1, 1, 1, 1]


def test_the_number_of_queries_does_not_grow_with_the_rows(make_application, make_record, staff):
    """Counting is the database's work: more applications and records, the same queries (RULES.md §3.2 clock
    aside, which reads the concluded applications in chunks)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as context:
            figures.dashboard(staff[roles.OGI_OFFICE], YEAR, on=ON)
        return len(context.captured_queries)

    make_application(received_on=D(2025, 3, 3), concluded_on=D(2025, 3, 14), outcome="disclosed")
    make_record(formed_on=D(2025, 3, 3), published_on=D(2025, 3, 10))
    queries()  # the first call also loads the work calendar into the process cache
    few = queries()
    for day in range(3, 28):
        make_application(received_on=D(2025, 3, day), concluded_on=D(2025, 4, day), outcome="partial",
                         channel="fax", department="other")
        make_record(formed_on=D(2025, 3, day), published_on=D(2025, 4, day), department="other", code="art20-6")
    assert queries() == few
