"""The import grammar for a year's official schedule (pure, no database)."""

import datetime as dt

import pytest

from gongkai.workcalendar.clock import WorkCalendar
from gongkai.workcalendar.schedule_parser import parse_schedule
from gongkai.workcalendar.tests.official import NOTICE_2026, SCHEDULE_2027, official_days

D = dt.date.fromisoformat


def days(first, last):
    out, day = [], D(first)
    while day <= D(last):
        out.append(day)
        day += dt.timedelta(days=1)
    return out


# (line, year, expected holidays {date: name}, expected workdays {date: name})
GOOD_LINES = [
    ("元旦：2027-01-01 至 2027-01-03", 2027, dict.fromkeys(days("2027-01-01", "2027-01-03"), "元旦"), {}),
    ("放假 2027-02-10~2027-02-16 春节", 2027, dict.fromkeys(days("2027-02-10", "2027-02-16"), "春节"), {}),
    ("上班 2027-02-07", 2027, {}, {D("2027-02-07"): ""}),
    ("调休上班：2027-02-07、2027-02-20", 2027, {}, {D("2027-02-07"): "", D("2027-02-20"): ""}),
    ("春节调休上班：2027-02-07, 2027-02-20", 2027, {}, {D("2027-02-07"): "春节", D("2027-02-20"): "春节"}),
    ("补班 2027/2/7", 2027, {}, {D("2027-02-07"): ""}),
    ("国庆节 2027年10月1日 到 2027年10月7日 共7天", 2027, dict.fromkeys(days("2027-10-01", "2027-10-07"), "国庆节"),
     {}),
    ("放假 2027-10-01-2027-10-03", 2027, dict.fromkeys(days("2027-10-01", "2027-10-03"), ""), {}),
    ("端午节：2027.6.9", 2027, {D("2027-06-09"): "端午节"}, {}),
    ("元旦：1月1日（周五）放假1天，不调休。", 2027, {D("2027-01-01"): "元旦"}, {}),
    ("清明节：4月3日（周六）至5日（周一）放假，共3天。", 2027,
     dict.fromkeys(days("2027-04-03", "2027-04-05"), "清明节"), {}),
    (
        "三、国庆节、中秋节：10月1日（周五）至8日（周五）放假调休，共8天。9月26日（周日）、10月9日（周六）上班。",
        2027,
        dict.fromkeys(days("2027-10-01", "2027-10-08"), "国庆节、中秋节"),
        {D("2027-09-26"): "国庆节、中秋节", D("2027-10-09"): "国庆节、中秋节"},
    ),
    ("  ２０２７－０１－０１　元旦  ", 2027, {D("2027-01-01"): "元旦"}, {}),  # full-width characters
]


@pytest.mark.parametrize(("line", "year", "holidays", "workdays"), GOOD_LINES, ids=[g[0][:20] for g in GOOD_LINES])
def test_good_lines(line, year, holidays, workdays):
    result = parse_schedule(line, year)
    assert result.errors == []
    assert result.ok
    assert result.holidays == holidays
    assert result.workdays == workdays


def test_the_2026_notice_as_published_gives_the_official_schedule():
    result = parse_schedule(NOTICE_2026, 2026)
    assert result.errors == []
    holidays, workdays = official_days([2026])
    assert result.holidays == holidays
    assert result.workdays == workdays


def test_synthetic_2027_schedule():
    result = parse_schedule(SCHEDULE_2027, 2027)
    assert result.errors == []
    assert len(result.workdays) == 5
    assert result.workdays[D("2027-04-25")] == "劳动节"
    assert result.holidays[D("2027-02-05")] == "春节"
    # The parsed data builds a valid calendar.
    WorkCalendar([2027], result.holidays, result.workdays)


def test_comments_blank_lines_and_list_markers_are_ignored():
    text = "\n# 说明：以下为测试\n\n1、元旦：2027-01-01\n（二）春节：2027-02-05 至 2027-02-12\n"
    result = parse_schedule(text, 2027)
    assert result.errors == []
    assert len(result.holidays) == 9


# (text, year, expected error, containing the line number)
BAD_LINES = [
    ("国务院办公厅关于2027年部分节假日安排的通知", "第 1 行：没有找到日期"),
    ("元旦：2027-01-01\nhello 2027-02-05", "第 2 行：无法识别“hello”"),
    ("元旦：2027-01-01\n\n春节 2027-02-12 至 2027-02-05", "第 3 行：结束日期 2027-02-05 早于开始日期 2027-02-12"),
    ("春节 2027-02-05 2027-02-12", "第 1 行：两个日期之间请用“至”连接"),
    ("春节 2027-02-05 至 2027-02-12 共7天", "第 1 行：写的是共 7 天，但列出的日期是 8 天"),
    ("元旦 2027-02-30", "第 1 行：日期“2027-02-30”不存在"),
    ("元旦 2026-12-31 至 2027-01-02", "第 1 行：2026-12-31 不在 2027 年内"),
    ("上班 2027-02-08", "第 1 行：2027-02-08（星期一）本来就是工作日"),
    ("上班 2027-02-20（周日）", "第 1 行：2027-02-20 是星期六，括号里写的却是“周日”"),
    ("元旦 2027-01-01\n春节 2027-01-01", "第 2 行：2027-01-01 已在第 1 行列为放假"),
    ("上班 2027-02-20\n春节 2027-02-20", "第 2 行：2027-02-20 已在第 1 行列为上班"),
    ("放假 2027-02-05 上班 2027-02-20", "第 1 行：同一句里既有放假又有上班"),
    ("放假 2027-01-01 至 2027-03-01", "第 1 行：放假时间长达 60 天"),
    ("春节 2027-02-05 至 2027-02-06 至 2027-02-07", "第 1 行：放假的一句只能写一个日期"),
    ("上班 2027-02-20 至 2027-02-21", "第 1 行：上班的几个日期之间请用顿号"),
    ("上班 20日", "第 1 行：“20日”缺少月份"),
    ("春节 2027-02-05 国庆节", "第 1 行：一句只能写一个名称"),
    ("# 只有说明\n\n", "没有找到任何放假或上班的日期"),
]


@pytest.mark.parametrize(("text", "error"), BAD_LINES, ids=[b[1][:24] for b in BAD_LINES])
def test_bad_lines_are_reported_with_their_line_number(text, error):
    result = parse_schedule(text, 2027)
    assert not result.ok
    assert any(error in e for e in result.errors), result.errors
    assert result.holidays == {} and result.workdays == {}


def test_one_bad_line_means_no_days_at_all():
    text = SCHEDULE_2027 + "端午节：2027-06-32\n"
    result = parse_schedule(text, 2027)
    assert result.errors == ["第 12 行：日期“2027-06-32”不存在，请检查。"]
    assert result.holidays == {} and result.workdays == {}


def test_every_error_is_reported_not_only_the_first():
    result = parse_schedule("hello 2027-01-01\n元旦 2027-01-01\n上班 2027-02-08", 2027)
    assert [e.split("：")[0] for e in result.errors] == ["第 1 行", "第 3 行"]


def test_wrong_year_is_refused():
    assert parse_schedule("元旦 2027-01-01", 27).errors == ["年份“27”不正确，应为 1949–2200 之间的四位数。"]


def test_csv_columns():
    text = "类型,开始日期,结束日期,名称\n放假,2027-02-05,2027-02-12,春节\n上班,2027-02-20,,春节\n元旦：2027-01-01\n"
    result = parse_schedule(text, 2027, csv_columns=True)
    assert result.errors == []
    assert len(result.holidays) == 9
    assert result.workdays == {D("2027-02-20"): "春节"}


def test_csv_column_errors():
    result = parse_schedule("上班,2027-02-20,2027-02-21,春节\n", 2027, csv_columns=True)
    assert result.errors == ["第 1 行：上班的行只写一个日期，结束日期请留空；几天上班请分行写。"]
    result = parse_schedule("放假,2027-02-20,2027-02-21,春节,多余\n", 2027, csv_columns=True)
    assert result.errors[0].startswith("第 1 行：按列填写时应为")
