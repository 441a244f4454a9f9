"""Import of a legacy register of disclosure applications (DESIGN.md "Stable command-line interfaces":
`python manage.py import_register FILE`).

    check_register(path)             -> RegisterResult with every problem; writes nothing
    import_register(path, user=None) -> RegisterResult; imports every row or none
    COLUMNS                          -> the accepted columns (shown by the command's --help)

The file is a CSV (UTF-8, with or without BOM) or an XLSX workbook (first sheet), header in
row 1. Required columns: number, applicant_type, received_on, concluded_on, outcome (English or
Chinese names); the values are the codes or the Chinese labels of RULES.md §3.1 and §3.3
(outcomes: the code, the table 三 row label or its short name). `concluded_on` is empty for a
case still open, and `outcome` is filled exactly when `concluded_on` is.

All or nothing: every row is checked first (row numbers as the spreadsheet shows them, header
= row 1); with any error nothing is written. A valid file is written in ONE transaction, with
ONE audit entry for the whole import (count, file name, SHA-256).

What an imported row becomes: a DisclosureApplication with imported=True, kind "application",
the receipt date set directly (an import is not a back-dated registration, 条例第三十一条 is
satisfied by the register itself), submitted_at 09:00 local time that day, a fresh tracking
code, no identity data (id_type "other", nothing encrypted), the stored due date computed by
the clock (RULES.md §3.2), stage "archived" when concluded, else "assigned" when a department
is given, else "registration"; and an Event "从历史登记簿导入". Imports do not raise repeat
flags or Art. 44 proposals (grouping.py): those are for applications as they arrive.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.applications import choices, clock, clockdata, outcomes
from gongkai.applications.models import DisclosureApplication, Event
from gongkai.audit.services import record as audit
from gongkai.disclosure.importer import BadValue, Problem, Table, TableError, cell_text, parse_date
from gongkai.workcalendar.services import load_calendar

MAX_ROWS = 100_000
MAX_SHOWN_PROBLEMS = 10_000
BATCH_SIZE = 1000
TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # as intake: no 0/O, 1/I
UNKNOWN_NAME = "（登记簿未载明）"


@dataclass(frozen=True)
class Column:
    field: str
    name: str  # the Chinese header
    aliases: tuple[str, ...]
    required: bool
    help: str


COLUMNS = (
    Column("number", "申请编号", ("编号", "登记编号", "受理编号"), True,
           "必填，不超过 40 个字符；不能与文件中其他行或系统中已有的申请重复。"),
    Column("applicant_type", "申请人类型", (), True,
           "必填：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他（也可写代码 natural_person、business、"
           "research、public_interest、legal_service、other_org）。"),
    Column("received_on", "收到日期", ("收到申请之日", "收到申请日期"), True,
           "必填，收到申请之日（条例第三十一条），如 2024-03-05、2024/3/5 或 2024年3月5日，不能晚于今天。"),
    Column("concluded_on", "办结日期", ("答复日期",), True,
           "列必须有；已办结的填写答复日期（不能早于收到日期，不能晚于今天），尚在办理的留空。"),
    Column("outcome", "办理结果", ("处理结果", "答复结果"), True,
           "列必须有；已办结的必填，尚在办理的留空。填写年度报告表三的结果代码（如 disclosed、withheld.third_party）、"
           "表格中的名称（如“（一）予以公开”“4.保护第三方合法权益”）或简称（如“予以公开”“不予公开：保护第三方合法权益”）。"),
    Column("applicant_name", "申请人", ("申请人姓名", "申请人名称", "申请人姓名或名称"), False,
           f"选填，不超过 200 字；不填的记为“{UNKNOWN_NAME}”。"),
    Column("channel", "申请方式", ("申请渠道",), False,
           "选填：网上申请、当面提交、邮寄（挂号信、快递）、平常信函、传真、口头（或代码 online、in_person、"
           "registered_post、letter、fax、oral），不填为当面提交。"),
    Column("info_title", "所需信息", ("所需信息名称", "申请内容"), False, "选填，不超过 300 字。"),
    Column("info_doc_number", "文号", (), False, "选填，不超过 100 字。"),
    Column("info_description", "内容描述", ("所需信息的内容描述",), False, "选填。"),
    Column("department", "承办部门", ("部门",), False,
           "选填：部门代码或与“组织机构”中完全一致的部门名称。尚在办理的申请填写后记为“承办”阶段。"),
    Column("phone", "联系电话", ("电话",), False, "选填，不超过 30 个字符。"),
    Column("email", "电子邮箱", ("邮箱",), False, "选填，须是有效的电子邮箱地址。"),
    Column("address", "通信地址", ("地址",), False, "选填，不超过 200 字。"),
    Column("requested_form", "载体形式", ("获取信息的载体形式",), False,
           "选填：电子文档、纸质文本、当场查阅（或代码 electronic、paper、viewing），不填为纸质文本。"),
    Column("delivery_route", "获取途径", ("获取信息的途径",), False,
           "选填：电子邮件、网上查询下载、邮寄、当面领取、传真（或代码 email、online、post、pickup、fax），"
           "不填为邮寄。"),
    Column("reply_text", "答复内容", ("答复摘要",), False, "选填，已办结申请的答复内容或摘要。"),
)
COLUMN_BY_FIELD = {c.field: c for c in COLUMNS}


def _key(text):
    """A header or value as compared: width- and case-insensitive, without spaces and required-marks."""
    key = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    key = re.sub(r"[(（][^)）]*[)）]$", "", key)  # 申请编号（必填）
    return re.sub(r"[\s*_\-]+", "", key)


_HEADERS = {_key(alias): c.field for c in COLUMNS for alias in (c.name, c.field, *c.aliases)}


def _value_map(pairs, extra=()):
    mapping = {}
    for code, label in pairs:
        mapping[_key(code)] = code
        mapping[_key(label)] = code
    for alias, code in extra:
        mapping[_key(alias)] = code
    return mapping


APPLICANT_TYPES = _value_map(choices.APPLICANT_TYPE_CHOICES, (
    ("个人", choices.NATURAL_PERSON), ("公民", choices.NATURAL_PERSON), ("企业", "business"),
    ("其他组织", "other_org")))
CHANNELS = _value_map(choices.CHANNEL_CHOICES, (
    ("网上", choices.ONLINE), ("网络", choices.ONLINE), ("在线", choices.ONLINE), ("当面", choices.IN_PERSON),
    ("现场", choices.IN_PERSON), ("邮寄", choices.REGISTERED_POST), ("挂号信", choices.REGISTERED_POST),
    ("快递", choices.REGISTERED_POST), ("信函", choices.LETTER), ("平信", choices.LETTER),
    ("口头", choices.ORAL), ("口头提出", choices.ORAL)))
FORMS = _value_map(choices.FORM_CHOICES, (("电子", "electronic"), ("纸质", "paper"), ("当场查阅", "viewing"),
                                          ("查阅", "viewing")))
ROUTES = _value_map(choices.ROUTE_CHOICES, (("网上下载", "online"), ("领取", "pickup"), ("自取", "pickup")))


VALUE_HINTS = {
    "applicant_type": "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他，或代码 "
                      + "、".join(code for code, _ in choices.APPLICANT_TYPE_CHOICES) + "。",
    "channel": "网上申请、当面提交、邮寄、平常信函、传真、口头，或代码 " + "、".join(code for code, _ in
                                                                  choices.CHANNEL_CHOICES) + "。",
    "requested_form": "电子文档、纸质文本、当场查阅，或代码 electronic、paper、viewing。",
    "delivery_route": "电子邮件、网上查询下载、邮寄、当面领取、传真，或代码 email、online、post、pickup、fax。",
}


def column_help_text():
    lines = ["列（第 1 行为标题行，中文或英文列名均可）："]
    for c in COLUMNS:
        names = "/".join((c.name, *c.aliases, c.field))
        lines.append(f"  {names}：{c.help}")
    return "\n".join(lines)


def _max_length(name):
    return DisclosureApplication._meta.get_field(name).max_length


# --- results ----------------------------------------------------------------------------------------


@dataclass
class RegisterResult:
    file_name: str
    sha256: str = ""
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    imported: bool = False
    open: int = 0
    concluded: int = 0
    by_outcome: Counter = field(default_factory=Counter)
    by_type: Counter = field(default_factory=Counter)

    @property
    def ok(self):
        return self.problem_count == 0

    def add(self, row, column, message):
        self.problem_count += 1
        if len(self.problems) < MAX_SHOWN_PROBLEMS:
            self.problems.append(Problem(row, column, message))

    @property
    def summary(self):
        head = "导入完成" if self.imported else "检查通过（未导入）"
        return (f"{head}：文件“{self.file_name}”共 {self.rows} 件申请，其中已办结 {self.concluded} 件，"
                f"尚在办理 {self.open} 件。")

    def breakdown(self):
        """Lines counting the rows by outcome (table 三 order) and by applicant type."""
        lines = []
        if self.by_outcome:
            parts = [f"{outcomes.short(code)} {self.by_outcome[code]} 件" for code in outcomes.CODES
                     if self.by_outcome[code]]
            lines.append("按办理结果：" + "，".join(parts) + "。")
        if self.by_type:
            parts = [f"{label} {self.by_type[code]} 件" for code, label in choices.APPLICANT_TYPE_CHOICES
                     if self.by_type[code]]
            lines.append("按申请人类型：" + "，".join(parts) + "。")
        return lines


# --- checking one row ---------------------------------------------------------------------------------


class _Header:
    def __init__(self, cells, result):
        self.index, self.labels, self.unnamed = {}, {}, []
        for position, cell in enumerate(cells):
            written = cell_text(cell)
            if not written:
                self.unnamed.append(position)
                continue
            column = _HEADERS.get(_key(written))
            if column is None:
                result.add(1, written, f"无法识别列名“{written}”。可用的列名：{'、'.join(c.name for c in COLUMNS)}"
                                       "（或对应的英文列名）；不需要导入的列请删除。")
            elif column in self.index:
                result.add(1, written, f"“{written}”与“{self.labels[column]}”是同一列，请只保留一个。")
            else:
                self.index[column], self.labels[column] = position, written
        for c in COLUMNS:
            if c.required and c.field not in self.index:
                result.add(1, c.name, f"缺少“{c.name}”列（{c.field}）。{c.help}")

    def label(self, column):
        return self.labels.get(column, COLUMN_BY_FIELD[column].name)

    def cell(self, values, column):
        position = self.index.get(column)
        return values[position] if position is not None and position < len(values) else None


class _RowChecker:
    def __init__(self, header, result, today):
        from gongkai.organisation.models import Department

        self.header, self.result, self.today = header, result, today
        self.departments = {}
        for pk, code, name in Department.objects.filter(is_active=True).values_list("pk", "code", "name"):
            self.departments.setdefault(code.lower(), pk)
            self.departments.setdefault(name, pk)

    def check(self, row, values):
        """The model fields of one row, or None after adding its problems to the result."""
        header, before = self.header, self.result.problem_count

        def fail(column, message):
            self.result.add(row, header.label(column), message)

        def text(column, required=False):
            value = cell_text(header.cell(values, column))
            name = COLUMN_BY_FIELD[column].name
            if required and not value:
                fail(column, f"必须填写{name}。")
            limit = _max_length(column) if column in ("number", "applicant_name", "info_title", "info_doc_number",
                                                      "phone", "address") else None
            if limit and len(value) > limit:
                fail(column, f"{name}不能超过 {limit} 个字（现有 {len(value)} 个字）。")
            return value

        def coded(column, mapping, what, required=False):
            value = text(column, required)
            if not value:
                return None
            code = mapping.get(_key(value))
            if code is None:
                fail(column, f"“{value}”不是有效的{what}。可以填写：{VALUE_HINTS[column]}")
            return code

        def date(column, required=False):
            value = header.cell(values, column)
            name = COLUMN_BY_FIELD[column].name
            if value is None or cell_text(value) == "":
                if required:
                    fail(column, f"必须填写{name}。")
                return None
            try:
                day = parse_date(value)
            except BadValue as exc:
                fail(column, str(exc))
                return None
            if day > self.today:
                fail(column, f"{name}“{day.isoformat()}”晚于今天（{self.today.isoformat()}）。")
                return None
            return day

        for position in header.unnamed:
            if position < len(values) and cell_text(values[position]):
                self.result.add(row, f"第 {position + 1} 列", "这一列没有列名，但这一行在该列有内容。")

        number = text("number", required=True)
        applicant_type = coded("applicant_type", APPLICANT_TYPES, "申请人类型", required=True)
        received_on = date("received_on", required=True)
        concluded_on = date("concluded_on")
        outcome_text = text("outcome")
        outcome = outcomes.parse(outcome_text) if outcome_text else None
        if outcome_text and outcome is None:
            fail("outcome", f"“{outcome_text}”不是有效的办理结果。请填写年度报告表三的结果代码（如 disclosed）、"
                            "表格中的名称或简称（如“予以公开”）。")
        if concluded_on and not outcome_text:
            fail("outcome", "填写了办结日期，就必须填写办理结果。")
        if outcome_text and not cell_text(header.cell(values, "concluded_on")):
            fail("concluded_on", "填写了办理结果，就必须填写办结日期；尚在办理的申请，办理结果请留空。")
        if received_on and concluded_on and concluded_on < received_on:
            fail("concluded_on", f"办结日期 {concluded_on.isoformat()} 早于收到日期 {received_on.isoformat()}。")
        department = text("department")
        department_id = None
        if department:
            department_id = self.departments.get(department.lower()) or self.departments.get(department)
            if department_id is None:
                fail("department", f"找不到在用的部门“{department}”：请填写部门代码或与“组织机构”中"
                                   "完全一致的部门名称。")
        email = text("email")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                fail("email", f"“{email}”不是有效的电子邮箱地址。")
        fields = {
            "number": number, "applicant_type": applicant_type, "received_on": received_on,
            "concluded_on": concluded_on, "outcome": outcome or "", "department_id": department_id,
            "applicant_name": text("applicant_name") or UNKNOWN_NAME,
            "channel": coded("channel", CHANNELS, "申请方式") or choices.IN_PERSON,
            "info_title": text("info_title"), "info_doc_number": text("info_doc_number"),
            "info_description": text("info_description"), "phone": text("phone"), "email": email,
            "address": text("address"),
            "requested_form": coded("requested_form", FORMS, "载体形式") or "paper",
            "delivery_route": coded("delivery_route", ROUTES, "获取途径") or "post",
            "reply_text": text("reply_text"),
        }
        return fields if self.result.problem_count == before else None


# --- reading the file --------------------------------------------------------------------------------


def _open_table(path, result):
    """The Table, or None after adding the file-level problem."""
    path = Path(path)
    if not path.is_file():
        result.add(None, "", f"找不到文件：{path}")
        return None
    if path.suffix.lower() == ".csv":
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
        if text is None or "\x00" in text:
            result.add(None, "", "无法按 UTF-8 编码读取这个 CSV 文件：它可能是用其他编码（如 GBK、UTF-16）保存的，"
                                 "或者根本不是表格文件。请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”后再导入。")
            return None
    try:
        return Table(path)
    except TableError as exc:
        result.add(None, "", str(exc))
        return None


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _check(path, result):
    """Every valid row as (row number, fields); the result lists every problem."""
    today = timezone.localdate()
    table = _open_table(path, result)
    if table is None:
        return []
    result.sha256 = _sha256(path)
    header = checker = None
    rows, first_row_of = [], {}
    try:
        for number, values in table.rows():
            if number == 1:
                header = _Header(values, result)
                if not result.ok:
                    return []
                checker = _RowChecker(header, result, today)
                continue
            if not any(cell_text(v) for v in values):
                continue
            result.rows += 1
            if result.rows > MAX_ROWS:
                result.add(None, "", f"文件超过 {MAX_ROWS:,} 行数据（不含标题行），请拆分成多个文件分别导入。")
                return []
            fields = checker.check(number, values)
            application_number = cell_text(header.cell(values, "number"))
            if application_number:
                first = first_row_of.setdefault(application_number, number)
                if first != number:
                    result.add(number, header.label("number"), f"申请编号“{application_number}”与第 {first} 行重复。")
                    continue
            if fields is not None:
                rows.append((number, fields))
    except TableError as exc:
        result.add(None, "", str(exc))
        return []
    if header is None:
        result.add(None, "", "文件是空的：第 1 行应为标题行（列名），从第 2 行起每行一件申请。")
        return []
    if result.rows == 0 and result.ok:
        result.add(None, "", "文件中没有数据行：从第 2 行起每行一件申请。")
    numbers = list(first_row_of)
    for start in range(0, len(numbers), 500):
        for taken in DisclosureApplication.objects.filter(number__in=numbers[start:start + 500]).values_list(
                "number", flat=True):
            result.add(first_row_of[taken], header.label("number"), f"申请编号“{taken}”在系统中已经存在。")
    result.problems.sort(key=lambda p: p.row or 0)
    for _, fields in rows:
        result.by_type[fields["applicant_type"]] += 1
        if fields["concluded_on"]:
            result.concluded += 1
            result.by_outcome[fields["outcome"]] += 1
        else:
            result.open += 1
    return rows


# --- writing ---------------------------------------------------------------------------------------------


def _tracking_codes(count):
    codes = set()
    while len(codes) < count:
        wanted = count - len(codes)
        fresh = {"".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10)) for _ in range(wanted)}
        fresh -= codes
        for start in range(0, len(fresh), 500):
            chunk = list(fresh)[start:start + 500]
            fresh -= set(DisclosureApplication.objects.filter(tracking_code__in=chunk).values_list(
                "tracking_code", flat=True))
        codes |= fresh
    return list(codes)


def _build(rows, calendar, today, now, user):
    tz = timezone.get_current_timezone()
    dues = {}
    applications = []
    for (_, fields), code in zip(rows, _tracking_codes(len(rows)), strict=True):
        concluded = fields["concluded_on"] is not None
        if concluded:
            stage = choices.ARCHIVED
        else:
            stage = choices.ASSIGNED if fields["department_id"] else choices.REGISTRATION
        application = DisclosureApplication(
            **fields, tracking_code=code, kind=choices.KIND_APPLICATION, id_type=choices.OTHER_ID,
            submitted_at=timezone.make_aware(dt.datetime.combine(fields["received_on"], dt.time(9, 0)), tz),
            stage=stage, stage_entered_on=fields["concluded_on"] if concluded else today,
            archived_at=now if concluded else None, imported=True, calendar_version=calendar.version,
            registered_by=user,
        )
        facts = clockdata.facts_of(application)  # a new application: receipt and conclusion only
        if facts not in dues:
            try:
                dues[facts] = clock.compute(calendar, facts, today).due
            except (clock.CalendarYearMissing, ValueError):
                dues[facts] = None  # shown as "期限无法计算", never guessed (RULES.md §1)
        application.due_on = dues[facts]
        applications.append(application)
    return applications


def check_register(path):
    """Check the file without writing anything."""
    result = RegisterResult(file_name=Path(path).name)
    _check(path, result)
    return result


def import_register(path, user=None):
    """Import every row of the file, or nothing when any row has a problem."""
    result = RegisterResult(file_name=Path(path).name)
    rows = _check(path, result)
    if not result.ok:
        return result
    today, now = timezone.localdate(), timezone.now()
    calendar = load_calendar()
    summary = f"从历史登记簿导入 {result.rows} 件申请（文件：{result.file_name}）"
    try:
        with transaction.atomic():
            applications = _build(rows, calendar, today, now, user)
            for start in range(0, len(applications), BATCH_SIZE):
                batch = DisclosureApplication.objects.bulk_create(applications[start:start + BATCH_SIZE])
                Event.objects.bulk_create([
                    Event(application_id=a.pk, action="imported", on=today, actor=user, public=False,
                          summary=f"从历史登记簿导入（文件：{result.file_name}，第 {row} 行）。"[:500])
                    for a, (row, _) in zip(batch, rows[start:start + BATCH_SIZE], strict=True)])
            audit("application.imported", actor=user, object_type="applications.disclosureapplication",
                  summary=summary, after={
                      "file": result.file_name, "sha256": result.sha256, "count": result.rows,
                      "open": result.open, "concluded": result.concluded,
                      "by_outcome": dict(result.by_outcome), "by_type": dict(result.by_type),
                      "first": applications[0].number, "last": applications[-1].number,
                  })
    except IntegrityError:
        result.add(None, "", "导入时有申请编号或查询码与同时登记的申请冲突，没有导入任何申请。请重新导入。")
        return result
    result.imported = True
    return result
