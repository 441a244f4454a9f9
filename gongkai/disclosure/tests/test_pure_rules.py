"""Pure rules of proactive disclosure: workflow table, index numbers, timeliness, HTML text mapping."""

import datetime as dt

import pytest

from gongkai.disclosure import timeliness, workflow
from gongkai.disclosure.htmltext import replace_text_ranges, text_with_positions
from gongkai.disclosure.index_numbers import check_pattern, format_index_number
from gongkai.disclosure.sanitize import clean_html
from gongkai.workcalendar.tests.official import official_calendar

D = dt.date


@pytest.mark.parametrize(
    ("action", "current", "target"),
    [
        ("submit", "draft", "submitted"),
        ("submit", "returned", "submitted"),
        ("return", "submitted", "returned"),
        ("approve", "submitted", "approved"),
        ("publish", "approved", "published"),
        ("publish", "scheduled", "published"),
        ("schedule", "approved", "scheduled"),
        ("withdraw", "published", "withdrawn"),
        ("edit", "draft", "draft"),
        ("edit", "returned", "draft"),
    ],
)
def test_allowed_transitions(action, current, target):
    assert workflow.target_status(action, current) == target


@pytest.mark.parametrize(
    ("action", "current"),
    [
        ("approve", "draft"), ("approve", "returned"), ("approve", "published"), ("publish", "draft"),
        ("publish", "submitted"), ("submit", "submitted"), ("submit", "published"), ("edit", "submitted"),
        ("edit", "published"), ("withdraw", "draft"), ("return", "approved"), ("schedule", "submitted"),
    ],
)
def test_refused_transitions_explain_in_chinese(action, current):
    with pytest.raises(workflow.TransitionRefused, match="当前状态为"):
        workflow.target_status(action, current)


def test_unknown_action():
    with pytest.raises(workflow.TransitionRefused, match="未知的操作"):
        workflow.target_status("delete", "draft")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("{agency_code}/{year}-{seq:05d}", "11999900MB0000001X/2024-00007"),
        ("{agency_code}-{category:02d}-{year}-{seq}", "11999900MB0000001X-06-2024-7"),
        ("SF{year}{seq:06d}", "SF2024000007"),
    ],
)
def test_index_number_patterns(pattern, expected):
    assert check_pattern(pattern) == []
    assert format_index_number(pattern, agency_code="11999900MB0000001X", category=6, year=2024, seq=7) == expected


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("{agency_code}/{year}", "必须包含序号"),
        ("{agency_code}/{seq}", "必须包含年份"),
        ("{agency}/{year}-{seq}", "无法识别的字段"),
        ("{year-{seq}", "大括号"),
        ("{year}-{seq:zz}", "无法使用"),
    ],
)
def test_bad_index_number_patterns(pattern, problem):
    assert any(problem in p for p in check_pattern(pattern))


@pytest.fixture(scope="module")
def calendar():
    return official_calendar()


@pytest.mark.parametrize(
    ("formed", "changed", "published", "today", "due", "state", "left"),
    [
        # 20 WD after 2024-09-25 is 2024-10-28 (RULES.md §1 example), across National Day.
        (D(2024, 9, 25), None, D(2024, 10, 28), None, D(2024, 10, 28), "on_time", None),
        (D(2024, 9, 25), None, D(2024, 10, 29), None, D(2024, 10, 28), "late", None),
        # A change restarts the 20 WD from the day of the change.
        (D(2024, 9, 1), D(2024, 9, 25), D(2024, 10, 28), None, D(2024, 10, 28), "on_time", None),
        (D(2024, 9, 25), None, None, D(2024, 10, 21), D(2024, 10, 28), "at_risk", 5),
        (D(2024, 9, 25), None, None, D(2024, 10, 18), D(2024, 10, 28), "pending", 6),
        (D(2024, 9, 25), None, None, D(2024, 10, 28), D(2024, 10, 28), "at_risk", 0),
        (D(2024, 9, 25), None, None, D(2024, 10, 30), D(2024, 10, 28), "overdue", -2),
    ],
)
def test_timeliness(calendar, formed, changed, published, today, due, state, left):
    result = timeliness.assess(calendar, formed_on=formed, changed_on=changed, published_on=published, today=today)
    assert (result.due, result.state, result.working_days_left) == (due, state, left)


def test_text_positions_map_back_into_html():
    markup = "<p>当事人：<strong>张三</strong>，住址&amp;电话</p><p>第二段</p>"
    text, spans = text_with_positions(markup)
    assert text == "当事人：张三，住址&电话\n第二段\n"
    start = text.index("张三")
    assert markup[spans[start][0]:spans[start + 1][1]] == "张三"
    assert replace_text_ranges(markup, spans, [(start, start + 2, "张某")]) == (
        "<p>当事人：<strong>张某</strong>，住址&amp;电话</p><p>第二段</p>"
    )


def test_replacement_across_tags_keeps_markup_valid():
    markup = "<p>手机<em>1380013</em>8000</p>"
    text, spans = text_with_positions(markup)
    start = text.index("1380013")
    out = replace_text_ranges(markup, spans, [(start, start + 11, "138****8000")])
    assert out == "<p>手机<em>138****8000</em></p>"


def test_masks_are_escaped():
    markup = "<p>甲</p>"
    text, spans = text_with_positions(markup)
    assert replace_text_ranges(markup, spans, [(0, 1, "<b>")]) == "<p>&lt;b&gt;</p>"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>正文<script>alert(1)</script></p>", "<p>正文</p>"),
        ('<p onclick="x()">正文</p>', "<p>正文</p>"),
        ('<a href="javascript:alert(1)">链接</a>', '<a rel="noopener noreferrer">链接</a>'),
        ("<style>p{}</style><p>正文</p>", "<p>正文</p>"),
        ('<iframe src="https://evil.example"></iframe><p>正文</p>', "<p>正文</p>"),
        ("<table><tr><td>甲</td></tr></table>", "<table><tbody><tr><td>甲</td></tr></tbody></table>"),
    ],
)
def test_bodies_are_sanitised(dirty, clean):
    assert clean_html(dirty) == clean
