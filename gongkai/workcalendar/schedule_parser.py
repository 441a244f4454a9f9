"""Parse one year's official holiday schedule (国务院办公厅节假日安排) pasted as text. Pure Python.

RULES.md §1: each year's schedule is published by the State Council and loaded as data: a list
of holiday ranges (放假) and a list of make-up working days (调休上班).

Grammar (shown to staff as HELP_TEXT; every rule below is exact, nothing is guessed):

    text      := line*                      -- blank lines and lines starting with # are ignored
    line      := [marker] sentence ("。" sentence)* ["。"]
    marker    := "一、" | "（一）" | "1、" | "1." ...      -- list numbering, ignored
    sentence  := holiday | workday
    holiday   := [name] [":"] [noise] date [rangesep date] [noise] [name] [count]
    workday   := [name] ("上班" | "调休上班" | "补班") [":"] date (listsep date)* | date (listsep date)* "上班"
    date      := YYYY-MM-DD | YYYY/M/D | YYYY.M.D | YYYY年M月D日 | M月D日 (year of the import)
                 [ "（" annotation "）" ]   -- e.g. （周三） or （农历除夕、周二）; a weekday is checked
    rangesep  := 至 | 到 | ~ | - | — | –     -- the end may be shortened to "D日" (same month)
    listsep   := 、 | , | ; | 和 | 及 | space
    count     := 共N天 | 放假N天             -- checked against the range
    noise     := 放假 | 放假调休 | 调休 | 休息 | 假期 | 与周末连休 | 不调休 | punctuation
    name      := Chinese characters (and 、·), e.g. 春节, 国庆节、中秋节

A sentence containing 上班/补班 lists make-up working days (which must be Saturdays or Sundays);
any other sentence is a holiday. A make-up sentence without a name takes the name of the holiday
sentence before it on the same line. A CSV file may instead use the columns
类型（放假/上班）, 开始日期, 结束日期, 名称.

Any error anywhere means nothing is imported: parse_schedule returns the days only when
`errors` is empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from gongkai.workcalendar.clock import WEEKDAY_NAMES, format_day

HELP_TEXT = (
    "每行写一项，可以直接粘贴国务院办公厅通知里的安排句子（一行里的几句用句号“。”隔开）。\n"
    "· 放假：写名称和起止日期，例如“春节：2027-02-10 至 2027-02-16”“放假 2027-10-01~2027-10-07 国庆节”"
    "“元旦：1月1日（周五）放假1天”。起止日期用“至”“到”“~”或“-”连接，结束日期可以简写为“至7日”或“至2月16日”。\n"
    "· 调休上班：写“上班”或“调休上班”和日期，几个日期用顿号“、”或逗号隔开，例如“调休上班：2027-02-07、2027-02-20”"
    "“2月7日（周日）上班”。只有星期六、星期日才需要列为调休上班。\n"
    "· 日期可写成 2027-02-10、2027/2/10、2027年2月10日，也可省略年份写 2月10日（按导入的年份）。"
    "日期后括号里的星期（如“（周三）”）会被核对。\n"
    "· “共 N 天”“放假 N 天”会被核对；同一天不能既放假又上班，也不能重复列出；日期必须在导入的年份之内。\n"
    "· 以 # 开头的行是说明，不导入；空行会被忽略。通知的标题、称谓、落款等其他文字请删除或在行首加 #。\n"
    "· 上传 CSV 文件时，也可以按列填写：类型（放假/上班）、开始日期、结束日期（上班不填）、名称。\n"
    "只要有一行出错，整份安排都不会导入；重新导入某一年会替换该年原有的全部安排。"
)

MIN_YEAR, MAX_YEAR = 1949, 2200
MAX_HOLIDAY_SPAN = 31  # days in one holiday range; longer is certainly a typo

_DATE_RE = re.compile(
    r"""
    (?<!\d)
    (?:
        (?P<y>\d{4})\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)
      | (?P<y2>\d{4})\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]?(?!\d)
      | (?P<m3>\d{1,2})\s*月\s*(?P<d3>\d{1,2})\s*[日号]?(?!\d)
      | (?P<d4>\d{1,2})\s*[日号]
    )
    """,
    re.X,
)
_ANNOTATION_RE = re.compile(r"\s*\(([\u4e00-\u9fff、,\s]*)\)")
_WEEKDAY_IN_ANNOTATION = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天])")
_WEEKDAY_INDEX = {c: i for i, c in enumerate("一二三四五六日")} | {"天": 6}
_MARKER_RE = re.compile(  # list numbering: 一、 / （一） / 1、 / 1) / 1.
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十\d]+\s*\)|\d{1,2}\s*[、)]|\d{1,2}\.(?!\d))\s*"
)
_COUNT_RE = re.compile(r"(?:共|放假)\s*(\d+)\s*天")
_NAME_RE = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff、·]{0,29}$")

_RANGE_SEPS = {"至", "到", "~", "-", "--", "—", "——", "–", "〜"}
_LIST_SEPS = {"", "、", ",", ";", "和", "及"}
_WORK_WORDS = ("上班", "补班")
_REST_WORDS = ("放假", "休息", "假期")
_HOLIDAY_NOISE = ("与周末连休", "放假调休", "不调休", "放假", "调休", "休息", "假期")
_WORKDAY_NOISE = ("调休上班", "照常上班", "上班", "补班", "调休")
_PUNCTUATION = " \t:,;.、!()[]【】\"'“”‘’"

# CSV column mode: first cell is one of these.
_CSV_REST = {"放假", "休息", "节假日", "holiday"}
_CSV_WORK = {"上班", "调休上班", "补班", "workday"}
_CSV_HEADER = {"类型", "种类", "kind", "type"}

EXAMPLE = (
    "# 2027 年节假日安排（示例）\n"
    "元旦：2027-01-01 至 2027-01-03\n"
    "春节：2027-02-10 至 2027-02-16\n"
    "调休上班：2027-02-07、2027-02-20\n"
)


@dataclass
class ParsedSchedule:
    """The result of parse_schedule: the days when `errors` is empty, otherwise the errors."""

    year: int
    holidays: dict[dt.date, str] = field(default_factory=dict)  # rest days → holiday name
    workdays: dict[dt.date, str] = field(default_factory=dict)  # make-up working days → holiday name
    errors: list[str] = field(default_factory=list)  # "第 3 行：……"

    @property
    def ok(self) -> bool:
        return not self.errors


class _LineError(Exception):
    pass


@dataclass
class _Sentence:
    kind: str  # "holiday" or "workday"
    dates: list[dt.date]
    name: str


def _make_date(year, month, day, raw) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise _LineError(f"日期“{raw.strip()}”不存在，请检查。") from None


def _clean_name(text: str, noise: tuple[str, ...]) -> str:
    for word in noise:
        text = text.replace(word, " ")
    text = text.strip(_PUNCTUATION + "。")
    # Inner spaces and separators around a name ("春节 ：") are harmless; anything else must be a name.
    text = re.sub(r"\s+", "", text)
    if not text:
        return ""
    if not _NAME_RE.match(text):
        raise _LineError(f"无法识别“{text}”。")
    return text


def _parse_sentence(sentence: str, year: int) -> _Sentence:
    matches = list(_DATE_RE.finditer(sentence))
    if not matches:
        raise _LineError("没有找到日期。说明文字请在行首加 #。")

    # Dates, each with its optional annotation in brackets; `pieces` is the text between them.
    dates: list[tuple[re.Match, str | None]] = []  # (date match, weekday written in brackets)
    pieces: list[str] = []
    pos = 0
    for match in matches:
        if match.start() < pos:  # inside a previous annotation
            continue
        pieces.append(sentence[pos : match.start()])
        pos = match.end()
        annotation = _ANNOTATION_RE.match(sentence, pos)
        weekday = None
        if annotation:
            found = _WEEKDAY_IN_ANNOTATION.search(annotation.group(1))
            weekday = found.group(1) if found else None
            pos = annotation.end()
        dates.append((match, weekday))
    pieces.append(sentence[pos:])
    outside = "".join(pieces)

    is_work = any(w in outside for w in _WORK_WORDS)
    if is_work and any(w in outside for w in _REST_WORDS):
        raise _LineError("同一句里既有放假又有上班，请用句号“。”分成两句，或写成两行。")
    kind = "workday" if is_work else "holiday"

    resolved: list[dt.date] = []
    for index, (match, weekday) in enumerate(dates):
        groups = match.groupdict()
        raw = match.group(0)
        if groups["y"]:
            day = _make_date(groups["y"], groups["m"], groups["d"], raw)
        elif groups["y2"]:
            day = _make_date(groups["y2"], groups["m2"], groups["d2"], raw)
        elif groups["m3"]:
            day = _make_date(year, groups["m3"], groups["d3"], raw)
        else:
            # "至7日": only as the end of a holiday range, same year and month as the start.
            if kind != "holiday" or index != 1:
                raise _LineError(f"“{raw.strip()}”缺少月份，请写完整日期。")
            start = resolved[0]
            day = _make_date(start.year, start.month, groups["d4"], raw)
        if weekday is not None and day.weekday() != _WEEKDAY_INDEX[weekday]:
            raise _LineError(
                f"{day.isoformat()} 是{WEEKDAY_NAMES[day.weekday()]}，括号里写的却是“周{weekday}”，请核对日期。"
            )
        resolved.append(day)

    prefix, gaps, suffix = pieces[0], pieces[1:-1], pieces[-1]
    if kind == "holiday":
        if len(resolved) > 2:
            raise _LineError("放假的一句只能写一个日期，或一段起止日期（如 2027-02-10 至 2027-02-16）。")
        if len(resolved) == 2 and gaps[0].strip() not in _RANGE_SEPS:
            raise _LineError("两个日期之间请用“至”连接，表示起止，例如 2027-02-10 至 2027-02-16。")
        if len(resolved) == 2 and resolved[1] < resolved[0]:
            raise _LineError(f"结束日期 {resolved[1].isoformat()} 早于开始日期 {resolved[0].isoformat()}。")
        counts = [int(c) for c in _COUNT_RE.findall(prefix + suffix)]
        prefix, suffix = _COUNT_RE.sub(" ", prefix), _COUNT_RE.sub(" ", suffix)
        names = [_clean_name(prefix, _HOLIDAY_NOISE), _clean_name(suffix, _HOLIDAY_NOISE)]
        if len(resolved) == 2:
            span = (resolved[1] - resolved[0]).days + 1
            if span > MAX_HOLIDAY_SPAN:
                raise _LineError(f"放假时间长达 {span} 天，超过 {MAX_HOLIDAY_SPAN} 天，请检查起止日期。")
            days = [resolved[0] + dt.timedelta(days=i) for i in range(span)]
        else:
            days = resolved
        for count in counts:
            if count != len(days):
                raise _LineError(f"写的是共 {count} 天，但列出的日期是 {len(days)} 天，请核对。")
    else:
        for gap in gaps:
            if gap.strip() not in _LIST_SEPS:
                raise _LineError("上班的几个日期之间请用顿号“、”或逗号隔开。")
        names = [_clean_name(prefix, _WORKDAY_NOISE), _clean_name(suffix, _WORKDAY_NOISE)]
        days = resolved
    if names[0] and names[1]:
        raise _LineError(f"一句只能写一个名称，这里写了“{names[0]}”和“{names[1]}”。")
    return _Sentence(kind, days, names[0] or names[1])


def _csv_row_as_sentence(line: str) -> str:
    """A CSV row in column mode (类型, 开始日期, 结束日期, 名称) as a sentence; other rows unchanged."""
    try:
        cells = next(csv.reader([line]))
    except (csv.Error, StopIteration):
        return line
    cells = [c.strip() for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    if not cells:
        return ""
    first = cells[0].lower()
    if first in _CSV_HEADER:
        return "#"
    if first not in _CSV_REST and first not in _CSV_WORK:
        return line
    if len(cells) < 2 or len(cells) > 4:
        raise _LineError("按列填写时应为：类型、开始日期、结束日期、名称。")
    start = cells[1]
    end = cells[2] if len(cells) > 2 else ""
    name = cells[3] if len(cells) > 3 else ""
    if first in _CSV_WORK:
        if end:
            raise _LineError("上班的行只写一个日期，结束日期请留空；几天上班请分行写。")
        return f"{name} 调休上班 {start}"
    return f"{name} 放假 {start}" + (f" 至 {end}" if end else "")


def parse_schedule(text: str, year: int, *, csv_columns: bool = False) -> ParsedSchedule:
    """Parse a year's schedule. Returns the days, or (in `errors`) every problem with its line number.

    With csv_columns=True (an uploaded .csv file) a row may also be given as columns
    类型, 开始日期, 结束日期, 名称.
    """
    result = ParsedSchedule(year=year)
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        result.errors.append(f"年份“{year}”不正确，应为 {MIN_YEAR}–{MAX_YEAR} 之间的四位数。")
        return result

    holiday_lines: dict[dt.date, int] = {}
    workday_lines: dict[dt.date, int] = {}
    for lineno, raw_line in enumerate((text or "").splitlines(), start=1):
        line = unicodedata.normalize("NFKC", raw_line).strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        try:
            if csv_columns:
                line = _csv_row_as_sentence(line).strip()
                if not line or line.startswith("#"):
                    continue
            line = _MARKER_RE.sub("", line, count=1)
            sentences = [s for s in line.split("。") if s.strip()]
            parsed = []
            for sentence in sentences:
                item = _parse_sentence(sentence, year)
                if item.kind == "workday" and not item.name and parsed:
                    item.name = parsed[-1].name  # "……共8天。1月26日（周日）上班。" belongs to that holiday
                parsed.append(item)
        except _LineError as exc:
            result.errors.append(f"第 {lineno} 行：{exc}")
            continue

        for item in parsed:
            for day in item.dates:
                problem = None
                if day.year != year:
                    problem = (
                        f"{day.isoformat()} 不在 {year} 年内。跨年的日期请在对应年份的安排里导入，"
                        "或用“单日调整”修改。"
                    )
                elif day in holiday_lines:
                    problem = f"{day.isoformat()} 已在第 {holiday_lines[day]} 行列为放假，不能重复列出。"
                elif day in workday_lines:
                    problem = f"{day.isoformat()} 已在第 {workday_lines[day]} 行列为上班，不能重复列出。"
                elif item.kind == "workday" and day.weekday() < 5:
                    problem = f"{format_day(day)}本来就是工作日，调休上班只能是星期六或星期日。"
                if problem:
                    result.errors.append(f"第 {lineno} 行：{problem}")
                    break
                if item.kind == "holiday":
                    holiday_lines[day] = lineno
                    result.holidays[day] = item.name
                else:
                    workday_lines[day] = lineno
                    result.workdays[day] = item.name

    if not result.errors and not result.holidays and not result.workdays:
        result.errors.append("没有找到任何放假或上班的日期。")
    if result.errors:
        result.holidays, result.workdays = {}, {}
    return result
