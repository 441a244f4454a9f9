"""python manage.py deadline START [--days N] [--pause FROM:TO ...] [--extend N] [--explain]

Prints the due date (ISO) on the first line: the (N + extension)-th working day after START,
skipping the working days of every pause (RULES.md §1 counting convention, §3.2 pauses).
With --explain the day-by-day explanation follows. Errors go to stderr with a non-zero exit.

The same engine as the clock of a disclosure application (gongkai.applications.clock.compute):
START is the receipt date, N the period, --extend the extension (at most 20 WD, 条例 Art. 33).
"""

import datetime as dt
import re

from django.core.management.base import BaseCommand, CommandError

from gongkai.applications import clock
from gongkai.workcalendar.clock import CalendarYearMissing
from gongkai.workcalendar.services import load_calendar

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso_date(text, what):
    text = (text or "").strip()
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise CommandError(f"{what}“{text}”不是正确的日期，请写成 YYYY-MM-DD，例如 2024-09-25。")


def parse_pause(text):
    parts = (text or "").split(":")
    if len(parts) != 2:
        raise CommandError(f"暂停期间“{text}”格式不对，请写成 开始日期:结束日期，例如 2024-10-08:2024-10-15。")
    start = parse_iso_date(parts[0], "暂停开始日期")
    end = parse_iso_date(parts[1], "暂停结束日期")
    if end < start:
        raise CommandError(f"暂停期间“{text}”的结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}。")
    return start, end


def non_negative_int(what):
    def parse(text):
        try:
            value = int(text)
        except (TypeError, ValueError):
            raise CommandError(f"{what}“{text}”不是整数。") from None
        if value < 0:
            raise CommandError(f"{what}不能是负数（收到 {value}）。")
        return value

    return parse


class Command(BaseCommand):
    help = "计算期限：起算日之后第 N 个工作日（起算日当日不计；暂停期间的工作日不计）。"

    def add_arguments(self, parser):
        parser.add_argument("start", metavar="START", help="起算日，格式 YYYY-MM-DD（当日不计入期限）")
        parser.add_argument("--days", default="20", metavar="N", help="工作日数，默认 20")
        parser.add_argument(
            "--pause",
            action="append",
            default=[],
            metavar="FROM:TO",
            help="暂停计算的期间（含首尾两天），格式 YYYY-MM-DD:YYYY-MM-DD，可重复",
        )
        parser.add_argument(
            "--extend", default="0", metavar="N", help="延长的工作日数，默认 0，最多 20（条例第三十三条）"
        )
        parser.add_argument("--explain", action="store_true", help="逐日说明计算过程")

    def handle(self, *args, **options):
        start = parse_iso_date(options["start"], "起算日")
        days = non_negative_int("工作日数")(options["days"])
        extension = non_negative_int("延长的工作日数")(options["extend"])
        pauses = tuple(clock.Pause(p_start, p_end) for p_start, p_end in (parse_pause(p) for p in options["pause"]))
        facts = clock.ClockFacts(received_on=start, pauses=pauses, extension_days=extension, days=days)
        try:
            # "today" is the start day: the command shows the due date, never a count that depends on the clock.
            state = clock.compute(load_calendar(), facts, today=start)
        except CalendarYearMissing as exc:
            raise CommandError(
                f"{exc}，无法计算这个期限。请系统管理员在后台“工作日历”中导入 {exc.year} 年的安排后再试。"
            ) from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(state.due.isoformat())
        if options["explain"]:
            for line in state.steps:
                self.stdout.write(line)
