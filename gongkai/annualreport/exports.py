"""The annual report as PDF, Word and Excel files, in the national layout (RULES.md §4, 国办公开办函〔2021〕30号).

Every function takes the report and its data as services.build() returns it: for a published report
that is the snapshot frozen at publication (texts included, in data["texts"]), so an export never
changes after publication; for a draft the texts come from the report's fields. Labels come from
labels.py only, so the three formats and the web page always print the same words.

- report_html / report_pdf: document.html (body.html inside) through WeasyPrint, with the Noto CJK
  fonts installed on the server and no network fetch (the letters' no-fetch url fetcher).
- report_docx: python-docx, with the East Asian font set on every style and run (as letters do).
- report_xlsx: openpyxl, one sheet per table (表二, 表三, 表四) and a sheet of the checks (检查结果);
  counts as integers, the fee amount as a number in 万元, figures not entered as empty cells.

A report that is not published is marked "草稿（未发布）" in every format.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from django.template.loader import render_to_string

from gongkai.annualreport import labels as L
from gongkai.annualreport import services
from gongkai.applications import documents
from gongkai.organisation.models import Agency

DRAFT_MARK = "草稿（未发布）"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)
TEXT_FIELDS = services.TEXT_FIELDS
SHEET_TITLES = {"table2": "表二", "table3": "表三", "table4": "表四", "checks": "检查结果"}
TABLE_FONT_SIZE = 10.5  # points, Word tables
TABLE4_FONT_SIZE = 9
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")


# --- what every format prints ----------------------------------------------------------------------

def is_draft(report):
    return not report.is_published


def texts(report, data):
    """The staff text of sections 一, 五, 六: frozen in the snapshot once published, else the report's fields."""
    if isinstance(data.get("texts"), dict):
        return {field: data["texts"].get(field) or "" for field in TEXT_FIELDS}
    return {field: getattr(report, field, "") or "" for field in TEXT_FIELDS}


def paragraphs(text):
    """Staff text as paragraphs, one per non-empty line (the same rule as the ar_paragraphs filter)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def title(report, data):
    return data.get("title") or services.report_title(data["year"])


def _agency_name(data):
    """The agency signing the report: frozen in the snapshot if it holds one, else the current agency record."""
    if data.get("agency_name"):
        return data["agency_name"]
    agency = Agency.current()
    return agency.name if agency else ""


def _chinese_date(value):
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{value.year}年{value.month}月{value.day}日"


def filename(report, ext):
    """The download name, e.g. "2025年政府信息公开工作年度报告.pdf" ("（草稿）" added before publication)."""
    ext = _NOT_ALNUM.sub("", ext or "").lower() or "bin"
    draft = "（草稿）" if is_draft(report) else ""
    return f"{report.year}年政府信息公开工作年度报告{draft}.{ext}"


def ascii_filename(report, ext):
    """An ASCII fallback for old clients, e.g. "annual-report-2025.pdf" or "annual-report-2025-draft.pdf"."""
    ext = _NOT_ALNUM.sub("", ext or "").lower() or "bin"
    return f"annual-report-{report.year}{'-draft' if is_draft(report) else ''}.{ext}"


def render(report, data, fmt):
    """(bytes, content type) of the report in one of FORMATS."""
    makers = {"pdf": report_pdf, "docx": report_docx, "xlsx": report_xlsx}
    if fmt not in makers:
        raise ValueError(f"unknown export format {fmt!r}")
    return makers[fmt](report, data), CONTENT_TYPES[fmt]


# --- HTML and PDF ------------------------------------------------------------------------------------

def report_html(report, data):
    """The standalone printable page (document.html): title, agency, sections and tables, draft mark."""
    frozen_texts = texts(report, data)
    return render_to_string("annualreport/export/document.html", {
        "data": {**data, "texts": frozen_texts}, "layout": services.layout(data), "report": report,
        "title": title(report, data), "agency_name": _agency_name(data), "is_draft": is_draft(report),
        "published_on": "" if is_draft(report) else _chinese_date(data.get("published_on")),
        "index_number": "" if is_draft(report) else data.get("index_number", ""),
    })


def report_pdf(report, data):
    """The report as an A4 PDF (bytes); nothing is fetched from the network."""
    from weasyprint import HTML

    return HTML(string=report_html(report, data), base_url=None, url_fetcher=documents.no_fetch).write_pdf()


# --- Word --------------------------------------------------------------------------------------------

def cell_text(value):
    """A number as printed in the tables: a count, a fee amount (up to four decimals) or a dash if not entered."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


class _WordWriter:
    """Small helpers over one python-docx Document with the report's fonts."""

    def __init__(self, document):
        self.document = document
        self._size = TABLE_FONT_SIZE

    def paragraph(self, text, *, size=documents.BODY_SIZE, bold=False, align=None, indent=False,
                  font=documents.WORD_EAST_ASIAN_FONT, keep_with_next=False):
        from docx.shared import Pt

        paragraph = self.document.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(size * 2)
        if size > documents.BODY_SIZE:
            paragraph.paragraph_format.line_spacing = Pt(size * 1.5)
        paragraph.paragraph_format.keep_with_next = keep_with_next or None
        documents.set_run_font(paragraph.add_run(text), font, size=size, bold=bold)
        return paragraph

    def table(self, rows, columns, size=TABLE_FONT_SIZE):
        table = self.document.add_table(rows=rows, cols=columns)
        table.style = self.document.styles["Table Grid"]
        table.autofit = True
        self._size = size
        return table

    def put(self, table, row, column, text, *, bold=False, align="center", to=None):
        """Write text in a cell; `to` = (last row, last column) merges the range first (official merged headers)."""
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        cell = table.cell(row, column)
        if to is not None and to != (row, column):
            cell = cell.merge(table.cell(*to))
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
        paragraph.paragraph_format.line_spacing = Pt(self._size * 1.3)
        paragraph.paragraph_format.first_line_indent = None
        documents.set_run_font(paragraph.add_run(text), documents.WORD_EAST_ASIAN_FONT, size=self._size, bold=bold)
        return cell


def _docx_table2(writer, data):
    """Table 二: one grid of four columns; each block has a heading row, a column-label row and its rows.

    Blocks with one figure column (items 五, 六, 八) spread it over the three figure columns.
    """
    width = 1 + max(len(columns) for _, _, columns in L.TABLE2_BLOCKS)
    count = sum(2 + len(rows) for _, rows, _ in L.TABLE2_BLOCKS)
    table = writer.table(count, width)
    r = 0
    for heading, rows, columns in L.TABLE2_BLOCKS:
        writer.put(table, r, 0, heading, bold=True, to=(r, width - 1))
        spans = _spans(len(columns), width - 1)
        writer.put(table, r + 1, 0, "信息内容")
        for (first, last), column in zip(spans, columns, strict=True):
            writer.put(table, r + 1, 1 + first, L.TABLE2_COLUMN_LABELS[column], to=(r + 1, 1 + last))
        for offset, (key, label) in enumerate(rows, start=2):
            writer.put(table, r + offset, 0, label, align="left")
            for (first, last), column in zip(spans, columns, strict=True):
                writer.put(table, r + offset, 1 + first, cell_text(data["table2"][key].get(column)),
                           to=(r + offset, 1 + last))
        r += 2 + len(rows)
    return table


def _spans(count, width):
    """Split `width` grid columns into `count` contiguous spans: [(first, last)] (the last span takes the rest)."""
    size = width // count
    spans = [(n * size, n * size + size - 1) for n in range(count)]
    spans[-1] = (spans[-1][0], width - 1)
    return spans


def _docx_table3(writer, data):
    """Table 三: three header rows (note corner, 申请人情况, 自然人 / 法人或其他组织 / 总计), then the rows."""
    rows = len(L.TABLE3_ROWS) + 1  # + the heading row 三、本年度办理结果
    table = writer.table(3 + rows, 8)
    writer.put(table, 0, 0, L.TABLE3_NOTE, to=(2, 0))
    writer.put(table, 0, 1, L.TABLE3_APPLICANT_HEADING, bold=True, to=(0, 7))
    writer.put(table, 1, 1, dict(L.APPLICANT_COLUMNS)["natural_person"], to=(2, 1))
    writer.put(table, 1, 2, L.TABLE3_COLUMN_GROUP, to=(1, 6))
    writer.put(table, 1, 7, dict(L.TABLE3_COLUMNS)[L.TOTAL], to=(2, 7))
    for index, (_, label) in enumerate(L.APPLICANT_COLUMNS[1:], start=2):
        writer.put(table, 2, index, label)
    r = 3
    for key, label in L.TABLE3_ROWS:
        if key == L.OUTCOME_CODES[0]:
            writer.put(table, r, 0, L.RESULTS_HEADING, bold=True, align="left", to=(r, 7))
            r += 1
        writer.put(table, r, 0, label, align="left", bold=key == L.TOTAL)
        for index, column in enumerate(L.TABLE3_COLUMN_KEYS, start=1):
            writer.put(table, r, index, cell_text(data["table3"][key][column]))
        r += 1
    return table


def _docx_table4(writer, data):
    """Table 四: 行政复议 (five columns) | 行政诉讼 over 未经复议直接起诉 and 复议后起诉 (five columns each)."""
    five = len(L.TABLE4_COLUMNS)
    table = writer.table(4, 3 * five, size=TABLE4_FONT_SIZE)
    review, litigation = L.TABLE4_GROUPS[0][1], L.TABLE4_GROUPS[1][1].split()[0]
    writer.put(table, 0, 0, review, bold=True, to=(0, five - 1))
    writer.put(table, 0, five, litigation, bold=True, to=(0, 3 * five - 1))
    for index, (_, label) in enumerate(L.TABLE4_COLUMNS):
        writer.put(table, 1, index, label, to=(2, index))
    for group_index, (_, group_label) in enumerate(L.TABLE4_GROUPS[1:], start=1):
        start = group_index * five
        writer.put(table, 1, start, group_label.split()[-1], to=(1, start + five - 1))
        for index, (_, label) in enumerate(L.TABLE4_COLUMNS):
            writer.put(table, 2, start + index, label)
    for group_index, group in enumerate(L.TABLE4_GROUP_KEYS):
        for index, (column, _) in enumerate(L.TABLE4_COLUMNS):
            writer.put(table, 3, group_index * five + index, cell_text(data["table4"][group][column]))
    return table


def report_docx(report, data):
    """The report as a Word document (bytes): title, sections 一 to 六, tables 二, 三, 四 with merged headers."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.8), Cm(2.6)
    section.left_margin, section.right_margin = Cm(2.2), Cm(2.2)
    normal = document.styles["Normal"]
    documents.set_style_font(normal, documents.WORD_EAST_ASIAN_FONT, size=documents.BODY_SIZE)
    normal.paragraph_format.line_spacing = Pt(documents.BODY_SIZE * 1.6)
    normal.paragraph_format.space_after = Pt(0)
    documents.set_style_font(document.styles["Table Grid"], documents.WORD_EAST_ASIAN_FONT, size=TABLE_FONT_SIZE)
    report_title = title(report, data)
    document.core_properties.title = report_title + ("（草稿）" if is_draft(report) else "")
    writer = _WordWriter(document)
    center = WD_ALIGN_PARAGRAPH.CENTER

    if is_draft(report):
        writer.paragraph(DRAFT_MARK, align=center, bold=True, size=16, font=documents.WORD_TITLE_FONT)
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        documents.set_run_font(header.add_run(DRAFT_MARK), documents.WORD_EAST_ASIAN_FONT, size=10.5)
    writer.paragraph(report_title, align=center, size=22, bold=True, font=documents.WORD_TITLE_FONT)
    if not is_draft(report):
        meta = "　".join(part for part in (
            f"索引号：{data['index_number']}" if data.get("index_number") else "",
            f"发布日期：{_chinese_date(data.get('published_on'))}" if data.get("published_on") else "",
        ) if part)
        if meta:
            writer.paragraph(meta, align=center, size=12)
    writer.paragraph("")
    frozen_texts = texts(report, data)
    tables = {"table2": _docx_table2, "table3": _docx_table3, "table4": _docx_table4}
    for key, heading in L.SECTIONS:
        writer.paragraph(heading, bold=True, size=15, font=documents.WORD_TITLE_FONT, keep_with_next=True)
        if key in tables:
            tables[key](writer, data)
            writer.paragraph("")
            continue
        for text in paragraphs(frozen_texts.get(key)) or ["（未填写）"]:
            writer.paragraph(text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    writer.paragraph("")
    right = WD_ALIGN_PARAGRAPH.RIGHT
    agency_name = _agency_name(data)
    if agency_name:
        writer.paragraph(agency_name, align=right, keep_with_next=True)
    if not is_draft(report) and data.get("published_on"):
        writer.paragraph(_chinese_date(data["published_on"]), align=right)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Excel -------------------------------------------------------------------------------------------

def _xlsx_number(value):
    """Counts as int, the fee amount as a number (万元), a figure not entered as an empty cell."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    return float(value)


class _SheetWriter:
    def __init__(self, sheet):
        from openpyxl.styles import Alignment, Border, Font, Side

        self.sheet = sheet
        side = Side(style="thin", color="000000")
        self.border = Border(left=side, right=side, top=side, bottom=side)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.bold = Font(bold=True)

    def put(self, row, column, value, *, to=None, bold=False, align="center", number_format=None, border=True):
        """Write one cell (1-based); `to` = (last row, last column) merges the range and borders every cell."""
        cell = self.sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # labels and staff text are never formulas
        cell.alignment = self.center if align == "center" else self.left
        if bold:
            cell.font = self.bold
        if number_format:
            cell.number_format = number_format
        last_row, last_column = to or (row, column)
        if border:
            for r in range(row, last_row + 1):
                for c in range(column, last_column + 1):
                    self.sheet.cell(row=r, column=c).border = self.border
        if (last_row, last_column) != (row, column):
            self.sheet.merge_cells(start_row=row, start_column=column, end_row=last_row, end_column=last_column)
        return cell

    def title(self, text, width, draft):
        self.put(1, 1, text + (f"　{DRAFT_MARK}" if draft else ""), to=(1, width), bold=True, border=False)
        self.sheet.row_dimensions[1].height = 24


def _xlsx_table2(sheet, data, draft):
    writer = _SheetWriter(sheet)
    width = 1 + max(len(columns) for _, _, columns in L.TABLE2_BLOCKS)
    writer.title(L.SECTION_TITLES["table2"], width, draft)
    r = 3
    for heading, rows, columns in L.TABLE2_BLOCKS:
        writer.put(r, 1, heading, to=(r, width), bold=True)
        spans = _spans(len(columns), width - 1)
        writer.put(r + 1, 1, "信息内容")
        for (first, last), column in zip(spans, columns, strict=True):
            writer.put(r + 1, 2 + first, L.TABLE2_COLUMN_LABELS[column], to=(r + 1, 2 + last))
        for offset, (key, label) in enumerate(rows, start=2):
            writer.put(r + offset, 1, label, align="left")
            for (first, last), column in zip(spans, columns, strict=True):
                writer.put(r + offset, 2 + first, _xlsx_number(data["table2"][key].get(column)),
                           to=(r + offset, 2 + last), number_format="0.0000" if column == L.AMOUNT else "0")
        r += 2 + len(rows)
    sheet.column_dimensions["A"].width = 24
    for letter in "BCD":
        sheet.column_dimensions[letter].width = 16


def _xlsx_table3(sheet, data, draft):
    writer = _SheetWriter(sheet)
    writer.title(L.SECTION_TITLES["table3"], 8, draft)
    writer.put(3, 1, L.TABLE3_NOTE, to=(5, 1))
    writer.put(3, 2, L.TABLE3_APPLICANT_HEADING, to=(3, 8), bold=True)
    writer.put(4, 2, dict(L.APPLICANT_COLUMNS)["natural_person"], to=(5, 2))
    writer.put(4, 3, L.TABLE3_COLUMN_GROUP, to=(4, 7))
    writer.put(4, 8, dict(L.TABLE3_COLUMNS)[L.TOTAL], to=(5, 8))
    for index, (_, label) in enumerate(L.APPLICANT_COLUMNS[1:], start=3):
        writer.put(5, index, label)
    r = 6
    for key, label in L.TABLE3_ROWS:
        if key == L.OUTCOME_CODES[0]:
            writer.put(r, 1, L.RESULTS_HEADING, to=(r, 8), bold=True, align="left")
            r += 1
        writer.put(r, 1, label, align="left", bold=key == L.TOTAL)
        for index, column in enumerate(L.TABLE3_COLUMN_KEYS, start=2):
            writer.put(r, index, _xlsx_number(data["table3"][key][column]), number_format="0")
        r += 1
    sheet.column_dimensions["A"].width = 56
    for index in range(2, 9):
        sheet.column_dimensions[chr(ord("A") + index - 1)].width = 12
    sheet.row_dimensions[3].height = 30
    sheet.freeze_panes = "B6"


def _xlsx_table4(sheet, data, draft):
    from openpyxl.utils import get_column_letter

    writer = _SheetWriter(sheet)
    five = len(L.TABLE4_COLUMNS)
    writer.title(L.SECTION_TITLES["table4"], 3 * five, draft)
    writer.put(3, 1, L.TABLE4_GROUPS[0][1], to=(3, five), bold=True)
    writer.put(3, five + 1, L.TABLE4_GROUPS[1][1].split()[0], to=(3, 3 * five), bold=True)
    for index, (_, label) in enumerate(L.TABLE4_COLUMNS, start=1):
        writer.put(4, index, label, to=(5, index))
    for group_index, (_, group_label) in enumerate(L.TABLE4_GROUPS[1:], start=1):
        start = group_index * five + 1
        writer.put(4, start, group_label.split()[-1], to=(4, start + five - 1))
        for index, (_, label) in enumerate(L.TABLE4_COLUMNS):
            writer.put(5, start + index, label)
    for group_index, group in enumerate(L.TABLE4_GROUP_KEYS):
        for index, (column, _) in enumerate(L.TABLE4_COLUMNS):
            writer.put(6, group_index * five + index + 1, _xlsx_number(data["table4"][group][column]),
                       number_format="0")
    for index in range(1, 3 * five + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 10


def _xlsx_checks(sheet, data, draft):
    writer = _SheetWriter(sheet)
    writer.title(f"{data['year']}年度报告检查结果", 4, draft)
    for index, heading in enumerate(("检查项", "结果", "类型", "说明"), start=1):
        writer.put(3, index, heading, bold=True)
    for r, check in enumerate(data["checks"], start=4):
        writer.put(r, 1, check["rule"], align="left")
        writer.put(r, 2, "通过" if check["ok"] else "未通过")
        writer.put(r, 3, "提醒" if check.get("severity") == "warning" else "错误")
        writer.put(r, 4, check.get("message", ""), align="left")
    for letter, width in zip("ABCD", (38, 10, 8, 90), strict=True):
        sheet.column_dimensions[letter].width = width


def report_xlsx(report, data):
    """The report as an Excel workbook (bytes): 表二, 表三, 表四 in the official layout, then 检查结果."""
    from openpyxl import Workbook

    workbook = Workbook()
    draft = is_draft(report)
    workbook.properties.title = title(report, data) + ("（草稿）" if draft else "")
    makers = [("table2", _xlsx_table2), ("table3", _xlsx_table3), ("table4", _xlsx_table4),
              ("checks", _xlsx_checks)]
    for index, (key, make) in enumerate(makers):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = SHEET_TITLES[key]
        make(sheet, data, draft)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
