"""python manage.py deadline START [--days N] [--pause FROM:TO ...] [--extend N] [--explain] (DESIGN.md)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from gongkai.applications import clock
from gongkai.workcalendar import services
from gongkai.workcalendar.tests.official import SCHEDULE_2027

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.parametrize(
    ("args", "due"),
    [
        (["2024-09-25"], "2024-10-28"),  # default N = 20
        (["2025-09-27", "--days", "1"], "2025-09-28"),
        (["2026-01-01", "--days", "1"], "2026-01-04"),
        (["2026-02-14", "--days", "1"], "2026-02-24"),
        (["2026-09-26"], "2026-10-29"),
        (["2024-09-25", "--pause", "2024-10-08:2024-10-09"], "2024-10-30"),
        (["2024-09-25", "--pause", "2024-10-08:2024-10-08", "--pause", "2024-10-09:2024-10-09"], "2024-10-30"),
        (["2024-09-25", "--extend", "20"], "2024-11-25"),
        (["2024-09-25", "--pause", "2024-10-08:2024-10-09", "--extend", "2"], "2024-11-01"),
        (["2024-05-01", "--days", "0"], "2024-05-01"),
        # Pause across Spring Festival 2025: paused WD 01-24, W 01-26, 01-27, 02-05..07; H 01-28..02-04.
        (["2025-01-20", "--pause", "2025-01-24:2025-02-07"], "2025-03-03"),
        # A period inside 2026 needs no 2027 data, even in the last days of the year.
        (["2026-12-28", "--days", "1"], "2026-12-29"),
    ],
)
def test_prints_the_due_date_on_the_first_line(args, due):
    lines = run(*args)
    assert lines == [due]


def test_explain_prints_the_steps_after_the_date():
    lines = run("2024-09-25", "--explain")
    assert lines[0] == "2024-10-28"
    assert lines[1] == "起算日：2024-09-25（星期三），当日不计入期限。"
    assert "第 1 个工作日：2024-09-26（星期四）" in lines
    assert "第 3 个工作日：2024-09-29（星期日，国庆节调休上班）" in lines
    assert lines[-1] == "期限届满日：2024-10-28（星期一）。"


def test_explain_lists_each_pause_once():
    lines = run("2024-09-25", "--pause", "2024-10-08:2024-10-09", "--extend", "2", "--explain")
    assert lines[0] == "2024-11-01"
    assert lines[1:4] == [
        "起算日：2024-09-25（星期三），当日不计入期限。",
        "期限：20 个工作日，延长 2 个工作日，共 22 个工作日。",
        "暂停计算：2024-10-08 至 2024-10-09，期间的工作日不计入期限。",
    ]
    assert sum("2024-10-08 至 2024-10-09" in line for line in lines) == 1
    assert lines[-1] == "期限届满日：2024-11-01（星期五）。"


@pytest.mark.parametrize(
    ("args", "start", "facts"),
    [
        (["2024-09-25"], "2024-09-25", {}),
        (
            ["2026-02-02", "--pause", "2026-02-10:2026-02-25", "--extend", "10"],
            "2026-02-02",
            {"pauses": (clock.Pause(dt.date(2026, 2, 10), dt.date(2026, 2, 25)),), "extension_days": 10},
        ),
        (["2025-09-27", "--days", "1"], "2025-09-27", {"days": 1}),
    ],
)
def test_the_command_prints_what_the_application_clock_computes(args, start, facts):
    """The same engine as a disclosure application's clock (issue 4): the date, then its explanation."""
    start = dt.date.fromisoformat(start)
    state = clock.compute(services.load_calendar(), clock.ClockFacts(received_on=start, **facts), today=start)
    assert run(*args, "--explain") == [state.due.isoformat(), *state.steps]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2024-9-25"], "起算日“2024-9-25”不是正确的日期，请写成 YYYY-MM-DD"),
        (["2024-02-30"], "起算日“2024-02-30”不是正确的日期"),
        (["tomorrow"], "起算日“tomorrow”不是正确的日期"),
        (["2024-09-25", "--days", "abc"], "工作日数“abc”不是整数"),
        (["2024-09-25", "--days", "-1"], "工作日数不能是负数"),
        (["2024-09-25", "--extend", "-3"], "延长的工作日数不能是负数"),
        (["2024-09-25", "--extend", "21"], "答复期限最多延长 20 个工作日（条例第三十三条），收到的是 21 个工作日"),
        (["2024-09-25", "--pause", "2024-10-08"], "暂停期间“2024-10-08”格式不对"),
        (["2024-09-25", "--pause", "2024-10-08:2024-13-01"], "暂停结束日期“2024-13-01”不是正确的日期"),
        (["2024-09-25", "--pause", "2024-10-09:2024-10-08"], "结束日期 2024-10-08 早于开始日期 2024-10-09"),
        (["2026-12-10"], "2027 年节假日安排尚未录入，无法计算这个期限"),
        (["2003-12-20"], "2003 年节假日安排尚未录入"),
    ],
)
def test_errors_are_clear_chinese_command_errors(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_missing_year_exits_non_zero_with_the_message_on_stderr(capsys):
    with pytest.raises(SystemExit) as excinfo:
        execute_from_command_line(["manage.py", "deadline", "2026-12-10"])
    assert excinfo.value.code != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "2027 年节假日安排尚未录入" in captured.err


def test_after_import_2027_is_computed(make_staff):
    with pytest.raises(CommandError):
        run("2026-12-10")
    services.do_import_year(make_staff("cal_admin", "administrator"), 2027, SCHEDULE_2027)
    assert run("2026-12-10") == ["2027-01-08"]
