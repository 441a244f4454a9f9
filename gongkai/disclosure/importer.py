"""Bulk import of an existing site's records of government information: a CSV or XLSX file with
one record per row, plus a folder of attachments (RULES.md §2 catalogue fields, §7 personal data).

    check_file(path, ...)            -> ImportResult listing every problem; writes nothing
    run_import(path, user=..., ...)  -> ImportResult; imports every row or none
    extract_zip(zip_path, dest)      -> [Problem]; the web page's attachment upload, unpacked safely
    COLUMNS                          -> the accepted columns (documented on the page and in the command)

What an imported row becomes
----------------------------
* A row with 发布日期 was public on the old site: it is imported PUBLISHED with that date, as
  version 1 (public_body = body, a RecordVersion snapshot, a search entry), keeping its 索引号 or
  getting one from the agency's pattern (the year of the 发布日期). A row without 发布日期 is a DRAFT.
* Published content must never expose personal data (§7). The scanner reads the body and the text
  of every attachment of each row that would be published. A row with findings — or with an
  attachment whose text cannot be read (.doc/.xls, images, PDFs without a text layer), or that
  could not be processed — is imported SUBMITTED instead, with its PrivacyFinding rows, for a
  reviewer to mask or accept them in the normal review screen. It keeps its original 发布日期 and
  gets its index number now; approval then publishes it (services._publish keeps both).
* Nobody reviewed imported records in this system, so approver stays empty; drafter is the
  importing user (who may therefore not approve the rows sent to review). The import writes ONE
  audit entry (counts, file name, SHA-256), not one per row; a file already imported (same
  SHA-256) is refused.

All or nothing
--------------
Pass 1 (check) reads and validates every row without writing; lookups (departments, categories)
are preloaded, index numbers are checked against the database in chunks. Any error: nothing is
written, and every error comes back with the row number as the spreadsheet shows it (header = row
1, first data row = row 2) and its column. Pass 2 reads the file again and writes it in batches of
BATCH_SIZE rows (bulk_create for records and attachments, one executemany each for findings and
version snapshots, one search reindex per batch) inside ONE transaction, so a failure
half-way leaves nothing behind (files written so far are deleted). A file holds at most MAX_ROWS
rows: a site of 1,000,000 records is imported as several files. Generated index numbers are
reserved before that transaction (one counter update per year and import), so the counter is not
locked while a long import runs; an import that fails after that leaves a gap in the sequence.

Attachments
-----------
Each named file must exist in the attachments folder, be one of ALLOWED_TYPES, and its content
must match its extension (magic bytes with `filetype`; zip containers and the OLE2 header checked
by hand); PDFs and pictures must also open. (Parsing every .docx/.xlsx in pass 1 too would double
the slowest step; one that fails in pass 2 sends its row to review instead.) The original is
stored (restricted path); the public copy is a metadata-stripped copy:
PDF rewritten by pypdf without /Info and XMP, DOCX/XLSX with their core, extended and custom
property parts emptied (a zip-level rewrite that keeps every other part byte for byte, unlike a
re-save through openpyxl, which drops images and charts), JPG/PNG re-encoded by Pillow without
EXIF/XMP/comments. No public copy is made of an attachment in which personal data was found, nor
of .doc/.xls files (their metadata cannot be removed reliably): staff provide a clean version.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import html
import io
import os
import re
import stat
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import connection, models, transaction
from django.utils import timezone

from gongkai.disclosure import workflow
from gongkai.disclosure.filecheck import (  # noqa: F401 — re-exported for callers of the importer
    _EXTENSION_TYPES,
    _OLE_MAGIC,
    ALLOWED_TYPES,
    MAX_ATTACHMENT_BYTES,
    MAX_OOXML_UNPACKED_BYTES,
    attachment_text,
    attachment_type,
    cell_text,
    check_attachment,
    strip_image,
    strip_metadata,
    strip_ooxml,
    strip_pdf,
    xlsx_text,
)
from gongkai.disclosure.htmltext import text_of
from gongkai.disclosure.index_numbers import format_index_number
from gongkai.disclosure.models import (
    ATTRIBUTE_CHOICES,
    VALIDITY_CHOICES,
    Attachment,
    Category,
    IndexCounter,
    InformationRecord,
    PrivacyFinding,
    RecordVersion,
)
from gongkai.disclosure.sanitize import clean_html
from gongkai.disclosure.services import finding_context
from gongkai.organisation import roles
from gongkai.organisation.permissions import has_role

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
WEB_MAX_ROWS = 20_000
MAX_ZIP_BYTES = 200 * 1024 * 1024
MAX_ZIP_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024
MAX_ZIP_ENTRIES = 100_000
BATCH_SIZE = 2000
PROGRESS_EVERY = 10_000
MAX_KEPT_PROBLEMS = 10_000  # problems beyond this are counted, not kept

_TYPE_LABELS = {
    "pdf": "PDF", "doc": "旧版 Word（.doc）", "docx": "Word（.docx）", "xls": "旧版 Excel（.xls）",
    "xlsx": "Excel（.xlsx）", "jpg": "JPG 图片", "png": "PNG 图片",
}
_STATUS_LABELS = {workflow.PUBLISHED: "已发布", workflow.DRAFT: "草稿", workflow.SUBMITTED: "待审核"}


def can_import(user):
    """Bulk import is the OGI office's or the administrator's job: it writes across departments."""
    return has_role(user, roles.OGI_OFFICE, roles.ADMINISTRATOR)


# --- columns ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    field: str
    name: str  # the Chinese header
    aliases: tuple[str, ...]
    required: str  # for people: 必填 / 选填 / when it is required
    help: str

    @property
    def english(self):
        return self.field


COLUMNS = (
    Column("index_number", "索引号", (), "选填",
           "原网站的索引号，填写的予以保留，不能与文件中其他行或系统中已有的索引号重复；不填的，已发布的信息按本机关的"
           "索引号格式自动编号。没有发布日期的草稿不能填写索引号（发布时自动编号）。"),
    Column("title", "名称", ("标题",), "必填", "不超过 300 字。"),
    Column("document_number", "文号", ("发文字号",), "选填",
           "不超过 100 字。文件中有相同文号时只作提示（政策解读、修订版等可能与原文件同号），不影响导入。"),
    Column("issuing_body", "发布机构", ("发文机关",), "选填", "不超过 200 字。"),
    Column("department", "部门", ("承办部门",), "必填", "部门代码，或与“组织机构”中完全一致的部门名称。"),
    Column("category", "信息类别", ("类别",), "必填",
           "条例第二十条的项号 1–15，或类别代码（如 art20-6），或本机关子类别的名称。"),
    Column("topics", "主题词", (), "选填", "多个主题词用空格或顿号分隔，不超过 200 字。"),
    Column("attribute", "公开属性", (), "选填",
           "主动公开、依申请公开或不予公开（也可写 proactive、on_request、withheld），不填为主动公开。"),
    Column("attribute_basis", "公开属性依据", (), "依申请公开、不予公开时必填", "不超过 300 字。"),
    Column("review_due_on", "复查日期", ("不予公开复查日期",), "不予公开时必填", "日期（条例第十八条：定期复查）。"),
    Column("formed_on", "生成日期", ("成文日期",), "必填",
           "日期，如 2024-03-05、2024/3/5 或 2024年3月5日；XLSX 中也可以是日期格式的单元格。不能晚于今天。"),
    Column("changed_on", "变更日期", (), "选填", "日期，不能早于生成日期，不能晚于今天。"),
    Column("published_at", "发布日期", ("发布时间",), "选填",
           "日期或日期时间（如 2024-03-05 09:30，只写日期的按当天 0 点）。填写的作为原网站已发布的信息导入，保留原发布"
           "日期；不填的作为草稿导入。不能早于生成日期，不能晚于现在。"),
    Column("validity", "有效性", (), "选填", "有效、失效、废止或已修订，不填为有效。"),
    Column("summary", "内容概述", ("摘要",), "选填", "纯文本。"),
    Column("body", "正文", (), "选填",
           "HTML 或纯文本；纯文本每行作为一段。脚本、样式等不安全的内容会被清除。"),
    Column("attachments", "附件", (), "选填",
           "附件文件名，多个用分号（;）或顿号（、）分隔，可带附件文件夹中的子文件夹路径（如 2019/通知.pdf）。"
           "类型限 pdf、doc、docx、xls、xlsx、jpg、png，内容须与扩展名一致。"),
)
COLUMN_BY_FIELD = {c.field: c for c in COLUMNS}
REQUIRED_COLUMNS = ("title", "department", "category", "formed_on")

ATTRIBUTES = {label: code for code, label in ATTRIBUTE_CHOICES} | {code: code for code, _ in ATTRIBUTE_CHOICES}
VALIDITIES = {label: code for code, label in VALIDITY_CHOICES} | {code: code for code, _ in VALIDITY_CHOICES}


def _header_key(text):
    """A header cell as compared: no spaces, no required-marks, case- and width-insensitive."""
    key = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    key = re.sub(r"[(（][^)）]*[)）]$", "", key)  # 名称（必填）
    key = re.sub(r"[\s*_\-]+", "", key)
    return key


_HEADER_ALIASES = {}
for _c in COLUMNS:
    for _alias in (_c.name, _c.field, *_c.aliases):
        _HEADER_ALIASES[_header_key(_alias)] = _c.field


def column_help_text():
    """The column list as plain text (the command's help)."""
    lines = ["列（第 1 行为标题行，中文或英文列名均可）："]
    for c in COLUMNS:
        names = "/".join((c.name, *c.aliases, c.field))
        lines.append(f"  {names}【{c.required}】{c.help}")
    return "\n".join(lines)


# --- problems and results -----------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One error or warning: the spreadsheet row (None for the whole file), the column, the message."""

    row: int | None
    column: str
    message: str

    def __str__(self):
        where = f"第 {self.row} 行" if self.row is not None else "文件"
        column = f"【{self.column}】" if self.column else ""
        return f"{where}{column}：{self.message}"


@dataclass
class ReviewRow:
    row: int
    title: str
    reasons: list[str]
    record_id: int | None = None


@dataclass
class ImportResult:
    file_name: str
    sha256: str = ""
    dry_run: bool = False
    imported: bool = False
    rows: int = 0
    errors: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warnings: list[Problem] = field(default_factory=list)
    warning_count: int = 0
    notices: list[str] = field(default_factory=list)
    published: int = 0
    drafts: int = 0
    review: int = 0
    attachments: int = 0
    public_copies_withheld: int = 0
    index_numbers_kept: int = 0
    index_numbers_generated: int = 0
    review_rows: list[ReviewRow] = field(default_factory=list)
    seconds: float = 0.0
    record_ids: tuple[int, int] | None = None

    @property
    def ok(self):
        return self.error_count == 0

    def add_error(self, row, column, message):
        self.error_count += 1
        if len(self.errors) < MAX_KEPT_PROBLEMS:
            self.errors.append(Problem(row, column, message))

    def add_warning(self, row, column, message):
        self.warning_count += 1
        if len(self.warnings) < MAX_KEPT_PROBLEMS:
            self.warnings.append(Problem(row, column, message))

    @property
    def summary(self):
        head = "检查结果（未导入）" if self.dry_run else "导入完成"
        return (f"{head}：共 {self.rows} 行；已发布 {self.published} 条，草稿 {self.drafts} 条，"
                f"送审核 {self.review} 条；附件 {self.attachments} 个。")


class ImportAborted(Exception):
    """The file changed between the check and the write: nothing was imported."""


# --- reading the table --------------------------------------------------------------------------


class TableError(ValueError):
    """The file cannot be read as a table; str() is a message for staff."""


class Table:
    """The header and data rows of a CSV or XLSX file; rows() can be read more than once.

    Row numbers are those the spreadsheet shows: the header is row 1. CSV records that span
    several lines (a quoted body with line breaks) are one row, as in a spreadsheet.
    """

    def __init__(self, path, file_name=None):
        self.path = Path(path)
        self.file_name = file_name or self.path.name
        self.notices = []
        suffix = Path(self.file_name).suffix.lower()
        size = self.path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TableError(f"文件大小为 {size / 1024 / 1024:.1f} MB，超过 {MAX_FILE_BYTES // 1024 // 1024} MB "
                             "的上限，请拆分成多个文件分别导入。")
        if suffix == ".csv":
            self.kind = "csv"
            self._text, self._delimiter = self._decode_csv(self.path.read_bytes())
        elif suffix == ".xlsx":
            self.kind = "xlsx"
            self._check_xlsx()
        elif suffix in (".xls", ".et", ".wps"):
            raise TableError("不支持旧版 Excel（.xls）等格式，请在 Excel 或 WPS 中另存为 .xlsx 或“CSV UTF-8”后再导入。")
        else:
            raise TableError("只能导入 CSV（.csv）或 Excel（.xlsx）文件。")

    def _decode_csv(self, raw):
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = raw.decode("utf-16")  # Excel's "Unicode text" export
        else:
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                try:
                    text = raw.decode("gb18030")
                except UnicodeDecodeError:
                    raise TableError("无法识别文件的编码。请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”"
                                     "后再导入。") from None
                self.notices.append("文件不是 UTF-8 编码，已按 GB18030（兼容 GBK）编码读取。"
                                    "请核对导入后的中文是否正确；以后导出时建议选择“CSV UTF-8”。")
        first_line = text.split("\n", 1)[0]
        delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
        return text, delimiter

    def _check_xlsx(self):
        if not zipfile.is_zipfile(self.path):
            raise TableError("无法读取这个 XLSX 文件：它不是 Excel 2007 及以上版本的格式，或已损坏、设置了打开密码。")
        workbook = self._open_workbook()
        try:
            sheets = workbook.sheetnames
        finally:
            workbook.close()
        if len(sheets) > 1:
            self.notices.append(f"工作簿有 {len(sheets)} 个工作表，只导入第一个工作表“{sheets[0]}”。")

    def _open_workbook(self):
        import openpyxl

        try:
            return openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds for a damaged file
            raise TableError(f"无法读取这个 XLSX 文件：文件可能已损坏（{type(exc).__name__}）。") from None

    def rows(self) -> Iterator[tuple[int, list]]:
        """(row number, cell values) for every row, the header first (row 1)."""
        if self.kind == "csv":
            csv.field_size_limit(MAX_FILE_BYTES)
            reader = csv.reader(io.StringIO(self._text, newline=""), delimiter=self._delimiter)
            number = 0
            try:
                for number, values in enumerate(reader, start=1):
                    yield number, values
            except csv.Error as exc:
                raise TableError(f"CSV 文件格式有误（第 {number + 1} 行附近）：{exc}。请检查引号是否成对。") from None
            return
        workbook = self._open_workbook()
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # the stored dimensions may be wrong; read to the real end
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(values)
        finally:
            workbook.close()


# --- values -------------------------------------------------------------------------------------


class BadValue(ValueError):
    """A cell value that cannot be used; str() is the message for staff."""


_DATE_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:(?:\s+|T|\s*日\s*)(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})(?:\.\d+)?)?\s*秒?)?$"
)
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
MIN_YEAR, MAX_YEAR = 1900, 2100


def _make_date(text, year, month, day):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise BadValue(f"“{text}”的年份超出范围（{MIN_YEAR}–{MAX_YEAR}）。")
    if not 1 <= month <= 12:
        raise BadValue(f"“{text}”不是有效的日期：月份应为 1–12。")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise BadValue(f"“{text}”不是有效的日期：{year} 年 {month} 月没有 {day} 日。") from None


def parse_date_time(value):
    """(date, time or None) from a cell: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305,
    each optionally followed by a time (09:30 or 09:30:15); Excel date cells and serial numbers."""
    if isinstance(value, dt.datetime):
        return value.date(), (value.time() if value.time() != dt.time(0) else None)
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and _COMPACT_DATE_RE.match(str(int(value))):
            return parse_date_time(str(int(value)))
        if 18264 <= value < 73051:  # an Excel serial number (1950–2099) in a cell not formatted as a date
            from openpyxl.utils.datetime import from_excel

            return parse_date_time(from_excel(value))
        raise BadValue(f"“{value}”不是日期，请写成 2024-03-05 的形式。")
    text = cell_text(value)
    text = unicodedata.normalize("NFKC", text)
    match = _COMPACT_DATE_RE.match(text)
    if match:
        return _make_date(text, *map(int, match.groups())), None
    match = _DATE_RE.match(text)
    if not match:
        raise BadValue(f"“{text}”不是日期，请写成 2024-03-05 的形式。")
    year, month, day, hour, minute, second = match.groups()
    date = _make_date(text, int(year), int(month), int(day))
    if hour is None:
        return date, None
    try:
        return date, dt.time(int(hour), int(minute), int(second or 0))
    except ValueError:
        raise BadValue(f"“{text}”中的时间无效。") from None


def parse_date(value):
    return parse_date_time(value)[0]


_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|table|thead|tbody|tr|td|th|ul|ol|li|h[1-6]|strong|b|em|i|u|a|font|blockquote|sub|sup"
    r"|img|hr|center|caption|section|article)\b[^>]*>",
    re.I,
)


def body_to_html(value):
    """HTML stays HTML; plain text becomes one <p> per non-empty line; both are sanitised."""
    if not value.strip():
        return ""
    if _HTML_TAG.search(value):
        return clean_html(value)
    lines = [line.strip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    markup = "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines if line)
    if all(_printable(line) for line in lines):
        # Paragraphs of printable text escaped here come out of the sanitiser exactly as they go
        # in (tests/test_importer_shortcuts.py): it would only parse and write the body again. Text
        # with control or format characters, no-break spaces and the like still goes through it.
        return markup
    return clean_html(markup)


def _printable(line):
    # Ideographic spaces (U+3000, "Separator" like the no-break space) line labels up: 当　事　人.
    return line.isprintable() or line.replace("\u3000", " ").isprintable()


# --- lookups ------------------------------------------------------------------------------------


class Lookups:
    """Departments and categories, loaded once per import (no query per row)."""

    def __init__(self):
        from gongkai.organisation.models import Department

        self.departments = {}
        departments = list(Department.objects.values_list("pk", "code", "name"))
        for pk, code, _name in departments:
            self.departments.setdefault(code.lower(), pk)
        for pk, _code, name in departments:
            self.departments.setdefault(name, pk)
        self.categories = {}
        self.category_names = {}
        self.article20 = {}  # category pk -> Art. 20 item number
        self.category_codes = {}  # category pk -> Art. 20 item code (search facet)
        rows = list(Category.objects.values_list("pk", "code", "number", "name", "parent_id"))
        by_pk = {row[0]: row for row in rows}
        for pk, code, number, name, parent_id in rows:
            top = by_pk[parent_id] if parent_id else by_pk[pk]
            self.article20[pk] = top[2]
            self.category_codes[pk] = top[1]
            self.categories[code.lower()] = pk
            if parent_id is None and number:
                self.categories[str(number)] = pk
            self.category_names.setdefault(name, []).append(pk)

    def department(self, text):
        return self.departments.get(text.lower()) or self.departments.get(text)

    def category(self, text):
        """(pk, None) or (None, message)."""
        key = unicodedata.normalize("NFKC", text).strip()
        if re.fullmatch(r"\d+(\.0+)?", key):
            key = str(int(float(key)))
            pk = self.categories.get(key)
            return (pk, None) if pk else (None, f"信息类别“{text}”不存在：条例第二十条只有第 1–15 项。")
        pk = self.categories.get(key.lower())
        if pk:
            return pk, None
        named = self.category_names.get(text.strip(), [])
        if len(named) == 1:
            return named[0], None
        if len(named) > 1:
            return None, f"有 {len(named)} 个名为“{text}”的类别，请改填类别代码。"
        return None, f"信息类别“{text}”不存在：请填写条例第二十条的项号 1–15、类别代码或本机关子类别的名称。"


# --- attachments --------------------------------------------------------------------------------


def _nfc(text):
    return unicodedata.normalize("NFC", text)


class AttachmentFolder:
    """The files of the attachments folder by relative path, and the checks of their content."""

    def __init__(self, root=None):
        self.root = Path(root) if root else None
        self.files = {}
        self.by_basename = {}
        self._checked = {}
        if self.root is None:
            return
        for directory, _dirs, names in os.walk(self.root):
            for name in names:
                path = Path(directory) / name
                relative = _nfc(path.relative_to(self.root).as_posix())
                self.files[relative] = path
                self.by_basename.setdefault(_nfc(name), []).append(path)

    def resolve(self, name):
        """(path, None) or (None, message) for a name written in the 附件 column."""
        clean = _nfc(name.strip().replace("\\", "/"))
        parts = PurePosixPath(clean).parts
        if clean.startswith("/") or re.match(r"^[A-Za-z]:", clean) or ".." in parts:
            return None, f"附件“{name}”的路径无效：只能写附件文件夹中的文件名或子文件夹路径。"
        if self.root is None:
            return None, (f"填写了附件“{name}”，但没有提供附件"
                          "（命令行用 --attachments 指定文件夹，网页上传 ZIP 压缩包）。")
        path = self.files.get(clean.removeprefix("./"))
        if path is None and "/" not in clean:
            candidates = self.by_basename.get(clean, [])
            if len(candidates) == 1:
                path = candidates[0]
            elif len(candidates) > 1:
                return None, f"附件文件夹中有 {len(candidates)} 个名为“{name}”的文件，请写出子文件夹路径。"
        if path is None:
            return None, f"附件“{name}”在附件文件夹中找不到。"
        return path, None

    def check(self, path, name):
        """None when the file is usable, else a message (cached per file)."""
        if path not in self._checked:
            self._checked[path] = check_attachment(path, name)
        return self._checked[path]


# --- the ZIP upload -----------------------------------------------------------------------------


def _zip_entry_name(info):
    """The entry's name; names written without the UTF-8 flag (Windows' zip) are usually GBK."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            return name
        for encoding in ("utf-8", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
    return name


def extract_zip(zip_path, dest):
    """Unpack an uploaded ZIP of attachments into `dest`; [] or the problems (nothing usable then).

    Refused as a whole: entries that point outside the archive (../, absolute paths, drive
    letters), links and other non-file entries, encrypted entries, more than MAX_ZIP_ENTRIES
    files or MAX_ZIP_UNPACKED_BYTES unpacked.
    """
    zip_path, dest = Path(zip_path), Path(dest)
    size = zip_path.stat().st_size
    if size > MAX_ZIP_BYTES:
        return [Problem(None, "附件压缩包", f"压缩包大小为 {size / 1024 / 1024:.1f} MB，超过 "
                                        f"{MAX_ZIP_BYTES // 1024 // 1024} MB 的上限。")]
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError):
        return [Problem(None, "附件压缩包", "附件压缩包不是有效的 ZIP 文件。")]
    with archive:
        problems, plan, total, seen = [], [], 0, set()
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            return [Problem(None, "附件压缩包", f"压缩包中的文件超过 {MAX_ZIP_ENTRIES} 个。")]
        for info in infos:
            name = _nfc(_zip_entry_name(info).replace("\\", "/"))
            parts = PurePosixPath(name).parts
            if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in parts:
                problems.append(Problem(None, "附件压缩包",
                                        f"压缩包中的“{name}”指向压缩包以外的位置，已拒绝整个压缩包。"))
                continue
            # Unix-made archives keep the file type in the high bits; others (Windows) leave them 0.
            kind = stat.S_IFMT(info.external_attr >> 16) if info.create_system == 3 else 0
            if info.is_dir() or kind == stat.S_IFDIR:
                continue
            if kind and kind != stat.S_IFREG:
                problems.append(Problem(None, "附件压缩包",
                                        f"压缩包中的“{name}”不是普通文件（如链接），已拒绝整个压缩包。"))
                continue
            if info.flag_bits & 0x1:
                problems.append(Problem(None, "附件压缩包", f"压缩包中的“{name}”已加密，请上传未加密的压缩包。"))
                continue
            if parts and parts[0] == "__MACOSX" or PurePosixPath(name).name == ".DS_Store":
                continue
            if name in seen:
                problems.append(Problem(None, "附件压缩包", f"压缩包中有两个“{name}”。"))
                continue
            seen.add(name)
            total += info.file_size
            plan.append((info, name))
        if total > MAX_ZIP_UNPACKED_BYTES:
            problems.append(Problem(None, "附件压缩包", "压缩包解压后超过 "
                                    f"{MAX_ZIP_UNPACKED_BYTES // 1024 // 1024 // 1024} GB，请分批导入。"))
        if problems:
            return problems
        root = dest.resolve()
        written = 0
        for info, name in plan:
            target = (root / name).resolve()
            if root not in target.parents:
                return [Problem(None, "附件压缩包", f"压缩包中的“{name}”指向压缩包以外的位置，已拒绝整个压缩包。")]
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, open(target, "wb") as out:
                while chunk := source.read(1024 * 1024):
                    written += len(chunk)
                    if written > MAX_ZIP_UNPACKED_BYTES:  # sizes in the directory can lie
                        return [Problem(None, "附件压缩包", "压缩包解压后超过上限，已拒绝。")]
                    out.write(chunk)
    return []


# --- pass 1: rows -------------------------------------------------------------------------------


def _max_length(name):
    return InformationRecord._meta.get_field(name).max_length


_LENGTHS = {name: _max_length(name) for name in
            ("index_number", "title", "document_number", "issuing_body", "topics", "attribute_basis")}
_ATTACHMENT_SPLIT = re.compile(r"[;；\n]+")


@dataclass
class RowData:
    """One valid row, ready to be written."""

    row: int
    index_number: str
    title: str
    document_number: str
    issuing_body: str
    department_id: int
    category_id: int
    article20: int
    category_code: str
    topics: str
    attribute: str
    attribute_basis: str
    review_due_on: dt.date | None
    formed_on: dt.date
    changed_on: dt.date | None
    published_at: dt.datetime | None
    validity: str
    summary: str
    body: str
    attachments: list[tuple[str, Path]]


class RowChecker:
    """Turns the cells of one row into RowData, or reports every problem of the row."""

    def __init__(self, header, lookups, folder, now=None):
        self.lookups = lookups
        self.folder = folder
        self.now = now or timezone.now()
        self.today = timezone.localtime(self.now).date()
        self.tz = timezone.get_current_timezone()
        self.header_problems = []
        self.index = {}  # field -> column position
        self.labels = {}  # field -> the header as written
        self.unnamed = []  # positions of columns without a header
        for position, cell in enumerate(header):
            written = cell_text(cell)
            if not written:
                self.unnamed.append(position)
                continue
            column = _HEADER_ALIASES.get(_header_key(written))
            if column is None:
                self.header_problems.append(Problem(1, written, (
                    f"无法识别列名“{written}”。可用的列名：{'、'.join(c.name for c in COLUMNS)}"
                    "（或对应的英文列名）；不需要导入的列请删除。")))
            elif column in self.index:
                self.header_problems.append(Problem(1, written, (
                    f"“{written}”与“{self.labels[column]}”是同一列，请只保留一个。")))
            else:
                self.index[column] = position
                self.labels[column] = written
        for column in REQUIRED_COLUMNS:
            if column not in self.index:
                self.header_problems.append(Problem(1, COLUMN_BY_FIELD[column].name,
                                                    f"缺少必填的列“{COLUMN_BY_FIELD[column].name}”。"))

    def label(self, column):
        return self.labels.get(column, COLUMN_BY_FIELD[column].name)

    def cell(self, values, column):
        position = self.index.get(column)
        if position is None or position >= len(values):
            return None
        return values[position]

    def check(self, row, values):
        """(RowData, []) or (None, [Problem, ...])."""
        problems = []

        def fail(column, message):
            problems.append(Problem(row, self.label(column), message))

        def text(column, required=False, max_length=None):
            value = cell_text(self.cell(values, column))
            if required and not value:
                fail(column, f"必须填写{COLUMN_BY_FIELD[column].name}。")
            if max_length and len(value) > max_length:
                fail(column, f"{COLUMN_BY_FIELD[column].name}不能超过 {max_length} 个字（现有 {len(value)} 个字）。")
            return value

        def date(column, required=False, with_time=False):
            value = self.cell(values, column)
            if value is None or cell_text(value) == "":
                if required:
                    fail(column, f"必须填写{COLUMN_BY_FIELD[column].name}。")
                return None
            try:
                day, time = parse_date_time(value)
            except BadValue as exc:
                fail(column, str(exc))
                return None
            if not with_time:
                return day
            return timezone.make_aware(dt.datetime.combine(day, time or dt.time(0)), self.tz)

        for position in self.unnamed:
            if position < len(values) and cell_text(values[position]):
                problems.append(Problem(row, f"第 {position + 1} 列", "这一列没有列名，但这一行在该列有内容。"))

        index_number = text("index_number", max_length=_LENGTHS["index_number"])
        title = text("title", required=True, max_length=_LENGTHS["title"])
        document_number = text("document_number", max_length=_LENGTHS["document_number"])
        issuing_body = text("issuing_body", max_length=_LENGTHS["issuing_body"])
        topics = text("topics", max_length=_LENGTHS["topics"])
        attribute_basis = text("attribute_basis", max_length=_LENGTHS["attribute_basis"])
        summary = text("summary")
        body = text("body")

        department_id = None
        department = text("department", required=True)
        if department:
            department_id = self.lookups.department(department)
            if department_id is None:
                fail("department", f"部门“{department}”不存在：请填写部门代码或与“组织机构”中完全一致的部门名称。")

        category_id = None
        category = text("category", required=True)
        if category:
            category_id, message = self.lookups.category(category)
            if message:
                fail("category", message)

        attribute = "proactive"
        written = text("attribute")
        if written:
            attribute = ATTRIBUTES.get(written) or ATTRIBUTES.get(written.lower())
            if attribute is None:
                fail("attribute", f"公开属性“{written}”无法识别：请填写主动公开、依申请公开或不予公开。")
        if attribute in ("on_request", "withheld") and not attribute_basis:
            fail("attribute_basis", "依申请公开或不予公开的信息必须填写公开属性依据。")

        validity = "valid"
        written = text("validity")
        if written:
            validity = VALIDITIES.get(written) or VALIDITIES.get(written.lower())
            if validity is None:
                fail("validity", f"有效性“{written}”无法识别：请填写有效、失效、废止或已修订。")

        review_due_on = date("review_due_on")
        if attribute == "withheld" and review_due_on is None and not cell_text(self.cell(values, "review_due_on")):
            fail("review_due_on", "不予公开的信息必须填写复查日期（条例第十八条：定期复查）。")
        formed_on = date("formed_on", required=True)
        if formed_on and formed_on > self.today:
            fail("formed_on", f"生成日期 {formed_on:%Y-%m-%d} 晚于今天。")
        changed_on = date("changed_on")
        if changed_on and changed_on > self.today:
            fail("changed_on", f"变更日期 {changed_on:%Y-%m-%d} 晚于今天。")
        if changed_on and formed_on and changed_on < formed_on:
            fail("changed_on", "变更日期早于生成日期。")
        published_at = date("published_at", with_time=True)
        if published_at is not None:
            if published_at > self.now:
                fail("published_at", "发布日期晚于现在：作为已发布信息导入的，必须是原网站已经发布过的。")
            elif formed_on and timezone.localtime(published_at, self.tz).date() < formed_on:
                fail("published_at", "发布日期早于生成日期。")
        if index_number and published_at is None and not cell_text(self.cell(values, "published_at")):
            fail("index_number", "草稿（没有发布日期）不能填写索引号：索引号在发布时自动生成。"
                                 "请删除索引号或填写发布日期。")

        attachments = []
        written = text("attachments")
        if written:
            for name in self._attachment_names(written):
                path, message = self.folder.resolve(name)
                if message is None:
                    message = self.folder.check(path, name)
                if message:
                    fail("attachments", message)
                else:
                    attachments.append((name, path))

        if problems:
            return None, problems
        return RowData(
            row=row, index_number=index_number, title=title, document_number=document_number,
            issuing_body=issuing_body, department_id=department_id, category_id=category_id,
            article20=self.lookups.article20[category_id], category_code=self.lookups.category_codes[category_id],
            topics=topics, attribute=attribute, attribute_basis=attribute_basis, review_due_on=review_due_on,
            formed_on=formed_on, changed_on=changed_on, published_at=published_at, validity=validity,
            summary=summary, body=body, attachments=attachments,
        ), []

    def _attachment_names(self, written):
        """Names split at ; ； and line breaks, then at 、 unless the whole piece names a file."""
        names = []
        for piece in _ATTACHMENT_SPLIT.split(written):
            piece = piece.strip()
            if not piece:
                continue
            if "、" in piece and self.folder.resolve(piece)[1] is not None:
                names += [p.strip() for p in piece.split("、") if p.strip()]
            else:
                names.append(piece)
        unique = []
        for name in names:
            if name not in unique:
                unique.append(name)
        return unique


def _data_rows(table, max_rows, result, progress=None, stage="check"):
    """Yield (row number, values) of the non-empty data rows; the header comes first as row 1."""
    count = 0
    for number, values in table.rows():
        if number == 1:
            yield number, values
            continue
        if not any(cell_text(v) for v in values):
            continue
        count += 1
        if count > max_rows:
            result.add_error(None, "", _too_many_rows_message(max_rows))
            return
        if progress and count % PROGRESS_EVERY == 0:
            progress(stage, count)
        yield number, values


def _too_many_rows_message(max_rows):
    if max_rows == WEB_MAX_ROWS:
        return (f"网页导入最多 {WEB_MAX_ROWS:,} 行数据。更大的文件请由系统管理员在服务器上用命令导入："
                "python manage.py import_records 文件 --attachments 附件文件夹 --user 用户名")
    return f"文件超过 {max_rows:,} 行数据（不含标题行），请拆分成多个文件分别导入。"


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _previous_import(sha256):
    from gongkai.audit.models import AuditEntry

    return AuditEntry.objects.filter(action="record.import", after__sha256=sha256).order_by("pk").first()


@dataclass
class _Plan:
    """What pass 1 learnt that pass 2 needs."""

    table: Table | None = None
    lookups: Lookups | None = None
    folder: AttachmentFolder | None = None
    now: dt.datetime | None = None
    needs_number: list[tuple[int, int, int]] = field(default_factory=list)  # (row, year, Art. 20 item)
    legacy_numbers: set[str] = field(default_factory=set)


def _check(path, *, attachments_dir, max_rows, file_name, progress, result) -> _Plan:
    plan = _Plan(now=timezone.now())
    result.sha256 = _sha256(path)
    previous = _previous_import(result.sha256)
    if previous is not None:
        when = timezone.localtime(previous.created_at).strftime("%Y-%m-%d %H:%M")
        result.add_error(None, "", f"这个文件已于 {when} 由 {previous.actor_name} 导入过（SHA-256 相同），"
                                   "不能重复导入。")
        return plan
    try:
        plan.table = Table(path, file_name)
    except TableError as exc:
        result.add_error(None, "", str(exc))
        return plan
    result.notices += plan.table.notices
    plan.lookups = Lookups()
    plan.folder = AttachmentFolder(attachments_dir)
    checker = None
    index_rows = {}  # index number -> first row
    document_rows = {}  # document number -> first row
    try:
        for number, values in _data_rows(plan.table, max_rows, result, progress):
            if number == 1:
                checker = RowChecker(values, plan.lookups, plan.folder, now=plan.now)
                for problem in checker.header_problems:
                    result.add_error(problem.row, problem.column, problem.message)
                if checker.header_problems:
                    return plan
                continue
            result.rows += 1
            data, problems = checker.check(number, values)
            for problem in problems:
                result.add_error(problem.row, problem.column, problem.message)
            if data is None:
                continue
            if data.index_number:
                first = index_rows.setdefault(data.index_number, number)
                if first != number:
                    result.add_error(number, checker.label("index_number"),
                                     f"索引号“{data.index_number}”与第 {first} 行重复。")
            elif data.published_at is not None:
                plan.needs_number.append((number, timezone.localtime(data.published_at).year, data.article20))
            if data.document_number:
                first = document_rows.setdefault(data.document_number, number)
                if first != number:
                    result.add_warning(number, checker.label("document_number"),
                                       f"文号“{data.document_number}”与第 {first} 行相同（仅提示，不影响导入）。")
            if data.published_at is not None:
                result.published += 1
            else:
                result.drafts += 1
            result.attachments += len(data.attachments)
    except TableError as exc:
        result.add_error(None, "", str(exc))
        return plan
    if checker is None:
        result.add_error(None, "", "文件是空的：第 1 行应为标题行（列名）。")
        return plan
    if result.rows == 0 and result.ok:
        result.add_error(None, "", "文件中没有数据行。")
    plan.legacy_numbers = set(index_rows)
    _check_numbers_against_database(index_rows, checker.label("index_number"), result)
    result.errors.sort(key=lambda problem: problem.row or 0)  # stable: columns keep their order in a row
    result.index_numbers_kept = len(index_rows)
    result.index_numbers_generated = len(plan.needs_number)
    return plan


def _check_numbers_against_database(index_rows, label, result, chunk=1000):
    numbers = list(index_rows)
    taken = []
    for start in range(0, len(numbers), chunk):
        taken += InformationRecord.objects.filter(index_number__in=numbers[start:start + chunk]).values_list(
            "index_number", flat=True)
    for number in sorted(taken, key=lambda n: index_rows[n]):
        result.add_error(index_rows[number], label, f"索引号“{number}”已被系统中的其他政府信息使用。")


# --- pass 2: preparing and writing --------------------------------------------------------------


@dataclass
class _PreparedAttachment:
    name: str
    source: Path
    file_type: str
    size: int
    text: str
    findings: list
    public_path: Path | None
    reasons: list[str]


@dataclass
class _Prepared:
    data: RowData
    status: str
    body: str
    body_text: str
    body_findings: list
    attachments: list[_PreparedAttachment]
    reasons: list[str]
    index_number: str | None = None


def _prepare_attachment(name, path, spool):
    from gongkai.privacy.scanner import scan

    file_type = attachment_type(name)
    data = path.read_bytes()
    reasons = []
    text, why = attachment_text(data, name, file_type)
    if why:
        reasons.append(f"附件“{name}”无法自动检查个人信息：{why}")
    findings = scan(text) if text else []
    public_path = None
    if not findings:
        try:
            public = strip_metadata(data, file_type)
        except Exception as exc:  # noqa: BLE001 — a file that cannot be rewritten goes to a person
            public = None
            reasons.append(f"附件“{name}”无法清除文件属性（{type(exc).__name__}），未生成公开文件")
        if public is not None:
            handle, spooled = tempfile.mkstemp(dir=spool, suffix=Path(name).suffix.lower())
            with os.fdopen(handle, "wb") as out:
                out.write(public)
            public_path = Path(spooled)
        elif file_type in ("doc", "xls"):
            reasons.append(f"附件“{name}”是旧版 Office 文件，无法清除作者等文件属性，未生成公开文件")
    return _PreparedAttachment(name, path, file_type, len(data), text, findings, public_path, reasons)


def _prepare(data, spool):
    """Clean the body, process the attachments and decide the row's status (no database)."""
    from gongkai.privacy.scanner import TYPE_LABELS, scan

    body = body_to_html(data.body)
    attachments = [_prepare_attachment(name, path, spool) for name, path in data.attachments]
    if data.published_at is None:
        return _Prepared(data, workflow.DRAFT, body, "", [], attachments, [])
    body_text = text_of(body)
    body_findings = scan(body_text)
    reasons = []
    found = list(body_findings) + [f for a in attachments for f in a.findings]
    if found:
        types = []
        for finding in found:
            label = TYPE_LABELS.get(finding.type, finding.type)
            if label not in types:
                types.append(label)
        reasons.append(f"发现 {len(found)} 处个人信息（{'、'.join(types)}）")
    for attachment in attachments:
        reasons += attachment.reasons
    status = workflow.SUBMITTED if reasons else workflow.PUBLISHED
    return _Prepared(data, status, body, body_text, body_findings, attachments, reasons)


def _reserve_index_numbers(needs, legacy_numbers):
    """Row -> generated index number for the rows that need one. One counter update per year (and
    more only when a generated number collides with a kept one); committed at once, outside the
    import's transaction."""
    from gongkai.organisation.models import Agency

    agency = Agency.current()
    pattern = agency.index_number_pattern if agency else "{year}-{seq:05d}"
    code = agency.index_code if agency else ""
    by_year = {}
    for row, year, article20 in needs:
        by_year.setdefault(year, []).append((row, article20))
    numbers = {}
    for year, pending in sorted(by_year.items()):
        for _attempt in range(100):
            if not pending:
                break
            with transaction.atomic():
                counters = IndexCounter.objects
                if connection.vendor == "postgresql":
                    counters = counters.select_for_update()
                counter, _ = counters.get_or_create(year=year)
                start = counter.value
                counter.value += len(pending)
                counter.save(update_fields=["value"])
            candidates = {
                row: format_index_number(pattern, agency_code=code, category=article20, year=year, seq=start + i + 1)
                for i, (row, article20) in enumerate(pending)
            }
            values = list(candidates.values())
            clashes = set(values) & legacy_numbers
            for first in range(0, len(values), 1000):
                clashes.update(InformationRecord.objects.filter(index_number__in=values[first:first + 1000])
                               .values_list("index_number", flat=True))
            numbers.update({row: n for row, n in candidates.items() if n not in clashes})
            pending = [(row, article20) for row, article20 in pending if candidates[row] in clashes]
        if pending:
            raise ImportAborted("无法生成不重复的索引号，请检查本机关的索引号格式。")
    return numbers


def _snapshot_fields():
    from gongkai.disclosure.services import EDITABLE_FIELDS

    return set(EDITABLE_FIELDS) | {"status", "index_number", "published_at", "version"}


def _write_batch(batch, *, user, result, written_files):
    from gongkai.audit.services import snapshot
    from gongkai.disclosure.search import record_url
    from gongkai.search.services import Document, reindex

    records = []
    for prepared in batch:
        data = prepared.data
        published = prepared.status == workflow.PUBLISHED
        records.append(InformationRecord(
            kind="document", index_number=prepared.index_number, title=data.title,
            document_number=data.document_number, issuing_body=data.issuing_body,
            department_id=data.department_id, category_id=data.category_id, topics=data.topics,
            attribute=data.attribute, attribute_basis=data.attribute_basis, review_due_on=data.review_due_on,
            formed_on=data.formed_on, changed_on=data.changed_on, published_at=data.published_at,
            validity=data.validity, summary=data.summary, body=prepared.body,
            public_body=prepared.body if published else "", status=prepared.status, version=1 if published else 0,
            drafter=user, approver=None,
        ))
    InformationRecord.objects.bulk_create(records)

    attachments, owners = [], []
    for record, prepared in zip(records, batch, strict=True):
        for position, item in enumerate(prepared.attachments):
            attachment = Attachment(record=record, title=Path(item.name).stem[:200], file_type=item.file_type,
                                    size=item.size, text=item.text, sort_order=position)
            file_name = PurePosixPath(item.name).name
            with open(item.source, "rb") as handle:
                attachment.original.save(file_name, File(handle), save=False)
            written_files.append(attachment.original.name)
            if item.public_path is not None:
                with open(item.public_path, "rb") as handle:
                    attachment.public_file.save(file_name, File(handle), save=False)
                written_files.append(attachment.public_file.name)
                item.public_path.unlink()
            else:
                result.public_copies_withheld += 1
            attachments.append(attachment)
            owners.append((record, prepared, item))
    Attachment.objects.bulk_create(attachments)

    findings = []
    for record, prepared in zip(records, batch, strict=True):
        if prepared.status != workflow.SUBMITTED:
            continue
        for found in prepared.body_findings:
            findings.append(_finding(record, None, found, prepared.body_text))
    for attachment, (record, prepared, item) in zip(attachments, owners, strict=True):
        if prepared.status == workflow.SUBMITTED:
            findings += [_finding(record, attachment, found, item.text) for found in item.findings]
    _insert_rows(PrivacyFinding, findings)

    fields = _snapshot_fields()
    versions, documents = [], []
    for record, prepared in zip(records, batch, strict=True):
        if prepared.status == workflow.PUBLISHED:
            versions.append({"record_id": record.pk, "number": 1, "published_at": record.published_at,
                             "approver_id": None,
                             "data": {**snapshot(record, fields=fields), "public_body": record.public_body}})
            if record.attribute == "proactive":
                documents.append(Document(
                    kind=record.kind, object_id=record.pk, title=record.title,
                    body="\n".join(p for p in (record.document_number, record.summary, prepared.body_text) if p),
                    url=record_url(record), category=prepared.data.category_code,
                    department_id=record.department_id, year=timezone.localtime(record.published_at).year,
                    validity=record.validity, published_at=record.published_at,
                ))
    _insert_rows(RecordVersion, versions)
    if documents:
        reindex(documents, batch_size=len(documents))

    for record, prepared in zip(records, batch, strict=True):
        if prepared.status == workflow.PUBLISHED:
            result.published += 1
        elif prepared.status == workflow.SUBMITTED:
            result.review += 1
            result.review_rows.append(ReviewRow(prepared.data.row, record.title, prepared.reasons, record.pk))
        else:
            result.drafts += 1
        result.attachments += len(prepared.attachments)
    return records


def _insert_rows(model, rows):
    """INSERT new rows of `model`, given as {field attname: value} (a field left out takes its
    default, as in Model(...)), with one executemany: for rows whose ids are not needed afterwards
    (findings, version snapshots).

    bulk_create compiles an INSERT for every few rows (SQLite allows 999 values a statement) and
    passes each value through several layers (with DEBUG, every value is quoted once more to log the
    query); on PostgreSQL it builds UNNEST arrays that psycopg quotes value by value. With the
    model instances to build first, the 6,000 findings of a 2,000-row import cost several times
    the writing itself. Each value is the one save() would write (_database_value).
    """
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and not f.generated]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    values = [_database_value(f) for f in fields]
    with connection.cursor() as cursor:
        cursor.executemany(sql, [tuple(value(row) for value in values) for row in rows])


# Fields whose database value is the Python value itself when it has this type (or is None): Django's
# get_db_prep_save returns it unchanged, after a dozen calls — most of the cost of writing a finding.
_STORED_AS_IS = {
    models.CharField: str, models.TextField: str, models.IntegerField: int, models.PositiveIntegerField: int,
    models.SmallIntegerField: int, models.PositiveSmallIntegerField: int, models.BigIntegerField: int,
    models.PositiveBigIntegerField: int, models.AutoField: int, models.BigAutoField: int,
}


def _database_value(field):
    """row -> the value save() writes for `field`: its get_db_prep_save() of the row's value.

    Only for fields that save() does not fill in itself (pre_save: auto_now dates, files).
    """
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False) or (
        type(field).pre_save is not models.Field.pre_save and not isinstance(field, models.DateField)
    ):
        raise ValueError(f"{field} is filled in when saved: write its model with bulk_create().")
    attname, default = field.attname, field.get_default
    as_is = _STORED_AS_IS.get(type(field.target_field if field.is_relation else field))

    def value(row):
        value = row[attname] if attname in row else default()
        if as_is is not None and (value is None or type(value) is as_is):
            return value
        return field.get_db_prep_save(value, connection)

    return value


def _finding(record, attachment, found, source_text):
    """A PrivacyFinding row for _insert_rows (its other fields take their defaults: open, undecided)."""
    return {
        "record_id": record.pk, "attachment_id": attachment.pk if attachment else None, "type": found.type,
        "start": found.start, "end": found.end, "text": found.text[:200], "masked": found.masked[:200],
        "context": finding_context(source_text, found.start, found.end),
    }


def _prepared_rows(plan, max_rows, result, progress, spool):
    """Pass 2's reading: every row checked again (the file must not have changed) and prepared."""
    checker = None
    scratch = ImportResult(file_name=result.file_name)
    for number, values in _data_rows(plan.table, max_rows, scratch, progress, stage="write"):
        if number == 1:
            checker = RowChecker(values, plan.lookups, plan.folder, now=plan.now)
            continue
        data, problems = checker.check(number, values)
        if data is None:
            raise ImportAborted(f"文件在导入过程中被修改（{problems[0]}），没有导入任何记录。")
        yield _prepare(data, spool)
    if not scratch.ok:
        raise ImportAborted("文件在导入过程中被修改，没有导入任何记录。")


def _batches(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def check_file(path, *, attachments_dir=None, max_rows=MAX_ROWS, file_name=None, progress=None):
    """Pass 1 only: every problem of the file, and what an import would do (not the review count)."""
    result = ImportResult(file_name=file_name or Path(path).name, dry_run=True)
    _check(path, attachments_dir=attachments_dir, max_rows=max_rows, file_name=file_name, progress=progress,
           result=result)
    return result


def run_import(path, *, user=None, attachments_dir=None, dry_run=False, max_rows=MAX_ROWS, file_name=None,
               progress: Callable[[str, int], None] | None = None, batch_size=BATCH_SIZE):
    """Check the file; if it has no errors, import every row (or, with dry_run, prepare every row —
    attachments processed, personal-data scan run — and report what would happen, writing nothing).

    `progress(stage, rows)` is called every PROGRESS_EVERY rows, stage "check" or "write".
    Raises PermissionDenied unless `user` may import (not needed for a dry run).
    """
    started = timezone.now()
    if not dry_run:
        if user is None or not can_import(user):
            raise PermissionDenied("只有政务公开办和系统管理员可以批量导入政府信息。")
    result = ImportResult(file_name=file_name or Path(path).name, dry_run=dry_run)
    plan = _check(path, attachments_dir=attachments_dir, max_rows=max_rows, file_name=file_name, progress=progress,
                  result=result)
    if not result.ok:
        result.published = result.drafts = result.attachments = 0
        result.seconds = (timezone.now() - started).total_seconds()
        return result
    result.published = result.drafts = result.attachments = 0
    with tempfile.TemporaryDirectory(prefix="gongkai-import-") as spool:
        if dry_run:
            for prepared in _prepared_rows(plan, max_rows, result, progress, spool):
                _count_dry(prepared, result)
                for item in prepared.attachments:
                    if item.public_path is not None:
                        item.public_path.unlink()
        else:
            _write_all(plan, user=user, max_rows=max_rows, result=result, progress=progress, spool=spool,
                       batch_size=batch_size)
            result.imported = True
            # Bulk writes send no model signals: the public pages are renewed here.
            from gongkai.portal import pagecache

            pagecache.invalidate()
    result.seconds = (timezone.now() - started).total_seconds()
    return result


def _count_dry(prepared, result):
    if prepared.status == workflow.PUBLISHED:
        result.published += 1
    elif prepared.status == workflow.SUBMITTED:
        result.review += 1
        result.review_rows.append(ReviewRow(prepared.data.row, prepared.data.title, prepared.reasons))
    else:
        result.drafts += 1
    result.attachments += len(prepared.attachments)
    result.public_copies_withheld += sum(1 for a in prepared.attachments if a.public_path is None)


def _write_all(plan, *, user, max_rows, result, progress, spool, batch_size):
    from django.core.files.storage import default_storage

    from gongkai.audit.services import record as audit

    numbers = _reserve_index_numbers(plan.needs_number, plan.legacy_numbers)
    written_files = []
    first_id = last_id = None
    try:
        with transaction.atomic():
            for batch in _batches(_prepared_rows(plan, max_rows, result, progress, spool), batch_size):
                for prepared in batch:
                    data = prepared.data
                    if data.published_at is not None:
                        prepared.index_number = data.index_number or numbers[data.row]
                records = _write_batch(batch, user=user, result=result, written_files=written_files)
                ids = [r.pk for r in records]
                first_id = min([first_id, *ids]) if first_id is not None else min(ids)
                last_id = max([last_id, *ids]) if last_id is not None else max(ids)
            result.record_ids = (first_id, last_id) if first_id is not None else None
            # Last, so that the audit log's lock is held only for the commit.
            audit("record.import", actor=user, object_type="disclosure.informationrecord",
                  object_repr=result.file_name[:300], after=_audit_data(result),
                  summary=(f"批量导入政府信息 {result.rows} 条：已发布 {result.published} 条，草稿 {result.drafts} 条，"
                           f"送审核 {result.review} 条，附件 {result.attachments} 个"))
    except BaseException:
        for name in written_files:
            try:
                default_storage.delete(name)
            except OSError:
                pass
        raise


def _audit_data(result):
    return {
        "file": result.file_name, "sha256": result.sha256, "rows": result.rows, "published": result.published,
        "drafts": result.drafts, "review": result.review, "attachments": result.attachments,
        "public_copies_withheld": result.public_copies_withheld,
        "index_numbers_kept": result.index_numbers_kept, "index_numbers_generated": result.index_numbers_generated,
        "record_ids": list(result.record_ids) if result.record_ids else None,
        "review_rows": [{"row": r.row, "record": r.record_id, "reasons": r.reasons} for r in result.review_rows[:1000]],
        "warnings": result.warning_count, "notices": result.notices,
    }


def save_upload(upload, directory, stem):
    """Write an uploaded file into `directory` as `stem` + its extension (never the uploaded name)."""
    suffix = Path(upload.name or "").suffix.lower()[:10]
    target = Path(directory) / f"{stem}{suffix}"
    with open(target, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return target
