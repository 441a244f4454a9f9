"""PDF, Word and Excel exports of the annual report (RULES.md §4, national layout of 国办公开办函〔2021〕30号).

Every label of labels.every_label() must be printed in each format; the Excel figures must equal the
machine form cell by cell (located by their labels, not by position); a published report exports
its snapshot, whatever happens to the data afterwards.
"""

import datetime as dt
import io
import re

import pytest

from gongkai.annualreport import exports, services
from gongkai.annualreport import labels as L
from gongkai.annualreport.tests.conftest import REPORT_YEAR, SECTION_TEXTS, make_application
from gongkai.applications.tests.conftest import _calendar_around_today  # noqa: F401 — autouse fixture

pytestmark = pytest.mark.django_db

_SPACE = re.compile(r"\s+")


def squash(text):
    return _SPACE.sub("", text)


def missing_labels(text, skip=()):
    """Labels of every_label() not found in the text (whitespace ignored: PDF extraction wraps lines).

    A label made of two header levels ("行政诉讼 未经复议直接起诉") is printed as two header cells:
    each part must be there.
    """
    flat = squash(text)
    return [label for label in L.every_label() if label not in skip and not all(part in flat for part in label.split())]


def pdf_text(content):
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content):
    from docx import Document

    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    parts += [p.text for p in document.sections[0].header.paragraphs]
    return "\n".join(parts)


def workbook(content):
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(content))


# --- reading the workbook back by its labels ----------------------------------------------------

def cells_by_text(sheet):
    return {cell.value: cell for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)}


def xlsx_table3(sheet):
    """{row key: {column key: value}} read through the row labels in column A and the column headers."""
    header = {}
    for row in sheet.iter_rows(min_row=1, max_row=6):
        for cell in row:
            header.setdefault(cell.value, cell.column)
    columns = {key: header[label] for key, label in L.TABLE3_COLUMNS}
    rows = {cell.value: cell.row for cell in sheet["A"] if isinstance(cell.value, str)}
    return {key: {column: sheet.cell(rows[label], columns[column]).value for column in L.TABLE3_COLUMN_KEYS}
            for key, label in L.TABLE3_ROWS}


def xlsx_table2(sheet):
    """{row key: {column key: value}}: each block's column labels are in the row under its heading."""
    rows = {cell.value: cell.row for cell in sheet["A"] if isinstance(cell.value, str)}
    result = {}
    for heading, block_rows, columns in L.TABLE2_BLOCKS:
        label_row = rows[heading] + 1
        assert sheet.cell(label_row, 1).value == "信息内容"
        positions = {cell.value: cell.column for cell in sheet[label_row] if cell.value}
        for key, label in block_rows:
            assert rows[label] > label_row
            result[key] = {column: sheet.cell(rows[label], positions[L.TABLE2_COLUMN_LABELS[column]]).value
                           for column in columns}
    return result


def xlsx_table4(sheet):
    """{group: {column: value}}: the group headers span five columns each, the values are in the last row."""
    heads = {}
    for row in sheet.iter_rows(min_row=3, max_row=4):
        for cell in row:
            if cell.value:
                heads.setdefault(cell.value, cell.column)
    starts = {
        "reconsideration": heads["行政复议"],
        "litigation_direct": heads["未经复议直接起诉"],
        "litigation_after": heads["复议后起诉"],
    }
    values_row = sheet.max_row
    result = {}
    for group, start in starts.items():
        labels = {}
        for offset in range(5):
            column = start + offset
            # The result labels of 行政复议 are merged over two rows; the others sit in the row below their group.
            label = sheet.cell(5, column).value or sheet.cell(4, column).value
            labels[label] = column
        result[group] = {key: sheet.cell(values_row, labels[label]).value for key, label in L.TABLE4_COLUMNS}
    return result


# --- PDF -----------------------------------------------------------------------------------------

def test_pdf_prints_every_official_label_the_texts_and_the_draft_mark(filled_report):
    data = services.build(filled_report)
    content = exports.report_pdf(filled_report, data)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert missing_labels(text) == []
    flat = squash(text)
    assert squash(services.report_title(REPORT_YEAR)) in flat
    assert "草稿（未发布）" in flat
    for section in SECTION_TEXTS.values():
        for line in section.splitlines():
            assert squash(line) in flat


def test_html_is_standalone_and_marks_a_draft(filled_report):
    html = exports.report_html(filled_report, services.build(filled_report))
    assert html.startswith("<!DOCTYPE html>") and "size: A4" in html and "Noto Serif CJK SC" in html
    assert "草稿（未发布）" in html
    assert "http://" not in html and "https://" not in html and "<link" not in html and "<img" not in html
    assert "示范市市场监督管理局" in html  # the agency


def test_pdf_never_fetches_anything(filled_report):
    with pytest.raises(ValueError):
        exports.documents.no_fetch("https://example.com/x.css")


# --- Word ----------------------------------------------------------------------------------------

def test_word_prints_every_official_label_the_texts_and_the_draft_mark(filled_report):
    data = services.build(filled_report)
    text = docx_text(exports.report_docx(filled_report, data))
    assert missing_labels(text) == []
    assert "草稿（未发布）" in text
    for section in SECTION_TEXTS.values():
        for line in section.splitlines():
            assert line in text


def test_word_tables_merge_the_official_headers_and_hold_the_figures(filled_report):
    from docx import Document

    data = services.build(filled_report)
    document = Document(io.BytesIO(exports.report_docx(filled_report, data)))
    table2, table3, table4 = document.tables
    # 表三: the note fills the corner over three header rows; 申请人情况 spans the seven columns.
    assert table3.cell(0, 0).text == L.TABLE3_NOTE
    assert table3.cell(0, 0)._tc is table3.cell(2, 0)._tc
    assert table3.cell(0, 1)._tc is table3.cell(0, 7)._tc and table3.cell(0, 1).text == "申请人情况"
    assert table3.cell(1, 2)._tc is table3.cell(1, 6)._tc and table3.cell(1, 2).text == "法人或其他组织"
    assert table3.cell(1, 1)._tc is table3.cell(2, 1)._tc and table3.cell(1, 1).text == "自然人"
    assert [table3.cell(2, c).text for c in range(2, 7)] == [label for _, label in L.APPLICANT_COLUMNS[1:]]
    assert table3.cell(2, 7).text == "总计"
    rows = {row.cells[0].text: [cell.text for cell in row.cells[1:]] for row in table3.rows[3:]}
    assert rows[L.RESULTS_HEADING] == [L.RESULTS_HEADING] * 7  # the heading row spans the table
    for key, label in L.TABLE3_ROWS:
        assert rows[label] == [str(data["table3"][key][c]) for c in L.TABLE3_COLUMN_KEYS]
    # 表四: 行政复议 over five columns, 行政诉讼 over ten, split in 未经复议直接起诉 / 复议后起诉.
    assert table4.cell(0, 0)._tc is table4.cell(0, 4)._tc and table4.cell(0, 0).text == "行政复议"
    assert table4.cell(0, 5)._tc is table4.cell(0, 14)._tc and table4.cell(0, 5).text == "行政诉讼"
    assert table4.cell(1, 5).text == "未经复议直接起诉" and table4.cell(1, 10).text == "复议后起诉"
    assert table4.cell(1, 0)._tc is table4.cell(2, 0)._tc and table4.cell(1, 0).text == "结果维持"
    result_labels = [label for _, label in L.TABLE4_COLUMNS]
    assert [table4.cell(2, c).text for c in range(15)] == result_labels * 3
    expected = [str(data["table4"][g][c]) for g in L.TABLE4_GROUP_KEYS for c, _ in L.TABLE4_COLUMNS]
    assert [cell.text for cell in table4.rows[3].cells] == expected
    # 表二: the fee amount in 万元, the rules issued counted from the 规章 record.
    text2 = [[cell.text for cell in row.cells] for row in table2.rows]
    assert ["规章", "1", "0", "1"] in text2
    assert ["行政事业性收费", "1.25", "1.25", "1.25"] in text2  # one figure spread over the three columns


def test_word_sets_the_east_asian_font_on_styles_and_runs(filled_report):
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(exports.report_docx(filled_report, services.build(filled_report))))
    normal = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    runs = [run for p in document.paragraphs for run in p.runs]
    runs += [run for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for run in p.runs]
    assert runs and all(run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) for run in runs)


# --- Excel ---------------------------------------------------------------------------------------

def test_excel_figures_equal_the_machine_form_cell_by_cell(filled_report):
    data = services.build(filled_report)
    machine = services.machine_form(data)
    book = workbook(exports.report_xlsx(filled_report, data))
    assert book.sheetnames == ["表二", "表三", "表四", "检查结果"]
    table3 = xlsx_table3(book["表三"])
    assert table3 == machine["table3"]
    assert all(type(v) is int for row in table3.values() for v in row.values())
    assert xlsx_table4(book["表四"]) == machine["table4"]
    table2 = xlsx_table2(book["表二"])
    assert table2 == machine["table2"]
    assert table2["fees"]["amount"] == pytest.approx(1.25) and isinstance(table2["fees"]["amount"], float)
    assert table2["rules"] == {"issued": 1, "abolished": 0, "in_force": 1}
    # The data behind the figures: 10 new in 2025, 2 carried in, 10 closed, 2 carried over.
    assert [machine["table3"][row]["total"] for row in ("new", "carried_in", "total", "carried_over")] == [10, 2, 10, 2]
    assert machine["table4"]["litigation_after"] == {"upheld": 0, "corrected": 0, "other": 0, "pending": 1,
                                                     "total": 1}


def test_excel_sheets_carry_every_label(filled_report):
    data = services.build(filled_report)
    book = workbook(exports.report_xlsx(filled_report, data))
    text = "\n".join(str(cell.value) for sheet in book.worksheets[:3] for row in sheet.iter_rows() for cell in row
                     if cell.value is not None)
    # The workbook holds the tables only: the titles of the text sections 一, 五 and 六 are not in it.
    text_sections = [L.SECTION_TITLES[key] for key in ("section1", "section5", "section6")]
    assert missing_labels(text, skip=text_sections) == []
    assert "草稿（未发布）" in str(book["表三"]["A1"].value)
    assert book["表三"]["A3"].value == L.TABLE3_NOTE
    assert "A3:A5" in {str(r) for r in book["表三"].merged_cells.ranges}


def test_excel_lists_every_check_with_its_result_and_message(filled_report):
    data = services.build(filled_report)
    data["checks"][0] = {**data["checks"][0], "ok": False}  # one failing check, as the sheet must show it
    sheet = workbook(exports.report_xlsx(filled_report, data))["检查结果"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert [row[0] for row in rows] == [check["rule"] for check in data["checks"]]
    assert [row[1] for row in rows] == ["通过" if check["ok"] else "未通过" for check in data["checks"]]
    assert [row[3] for row in rows] == [check["message"] for check in data["checks"]]
    assert rows[0][1] == "未通过"


def test_excel_leaves_a_figure_not_entered_empty(annual_data):
    report = services.report_for(REPORT_YEAR)  # nothing entered by staff yet
    data = services.build(report)
    sheet = workbook(exports.report_xlsx(report, data))["表二"]
    table2 = xlsx_table2(sheet)
    assert table2["licensing"] == {"decisions": None}
    assert table2["fees"] == {"amount": None}
    assert table2["normative"] == {"issued": 0, "abolished": 0, "in_force": 0}


# --- published reports: the snapshot --------------------------------------------------------------

def test_a_published_report_exports_its_snapshot_after_the_data_changed(published_report, staff):
    data = services.build(published_report)
    before = {
        "pdf": squash(pdf_text(exports.report_pdf(published_report, data))),
        "docx": docx_text(exports.report_docx(published_report, data)),
        "xlsx": xlsx_table3(workbook(exports.report_xlsx(published_report, data))["表三"]),
    }
    assert "草稿" not in before["pdf"] and "草稿" not in before["docx"]
    assert data["index_number"] in before["docx"] and squash(data["index_number"]) in before["pdf"]

    # After publication: more applications of the year, and the stored text changed behind the report's back.
    for _ in range(3):
        make_application("business", dt.date(2025, 6, 2), dt.date(2025, 6, 20), "disclosed")
    type(published_report).objects.filter(pk=published_report.pk).update(section1="发布后被改动的文字。")
    published_report.refresh_from_db()

    again = services.build(published_report)
    assert again == data
    after = {
        "pdf": squash(pdf_text(exports.report_pdf(published_report, again))),
        "docx": docx_text(exports.report_docx(published_report, again)),
        "xlsx": xlsx_table3(workbook(exports.report_xlsx(published_report, again))["表三"]),
    }
    assert after == before
    assert "发布后被改动的文字" not in after["docx"] and "发布后被改动的文字" not in after["pdf"]
    assert after["xlsx"]["new"]["business"] == data["table3"]["new"]["business"]


def test_a_draft_exports_the_current_data(filled_report):
    first = services.build(filled_report)
    make_application("business", dt.date(2025, 6, 2), dt.date(2025, 6, 20), "disclosed")
    second = services.build(filled_report)
    assert second["table3"]["new"]["business"] == first["table3"]["new"]["business"] + 1
    table3 = xlsx_table3(workbook(exports.report_xlsx(filled_report, second))["表三"])
    assert table3["disclosed"]["business"] == first["table3"]["disclosed"]["business"] + 1


# --- file names and the formats ------------------------------------------------------------------

def test_file_names(published_report):
    assert exports.filename(published_report, "pdf") == "2025年政府信息公开工作年度报告.pdf"
    assert exports.ascii_filename(published_report, "xlsx") == "annual-report-2025.xlsx"
    assert exports.filename(published_report, "../DOCX") == "2025年政府信息公开工作年度报告.docx"


def test_draft_file_names_say_draft(filled_report):
    assert exports.filename(filled_report, "pdf") == "2025年政府信息公开工作年度报告（草稿）.pdf"
    assert exports.ascii_filename(filled_report, "pdf") == "annual-report-2025-draft.pdf"


def test_render_dispatches_by_format_and_refuses_others(filled_report):
    data = services.build(filled_report)
    content, content_type = exports.render(filled_report, data, "xlsx")
    assert content[:2] == b"PK" and content_type == exports.CONTENT_TYPES["xlsx"]
    with pytest.raises(ValueError):
        exports.render(filled_report, data, "odt")
