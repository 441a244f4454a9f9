"""The statistics dashboards as an Excel workbook: the key figures, then every chart's table on its own sheet.

The sheets hold exactly the rows of figures.Chart (headers, then one row per label), so that the
workbook, the tables on the page and the charts show the same figures.
"""

import re

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

SHEET_NAME_MAX = 31  # Excel's limit
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
KEY_SHEET = "概要"
KEY_HEADERS = ["指标", "数值", "单位"]


def sheet_name(title, taken):
    """A valid, unique Excel sheet name for `title`."""
    base = _SHEET_NAME_FORBIDDEN.sub("", title)[:SHEET_NAME_MAX] or "表"
    name, n = base, 2
    while name in taken:
        suffix = f"（{n}）"
        name, n = base[:SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def _text(value):
    """Text written as text: nothing in a label runs as a formula; characters Excel refuses are dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _write(sheet, headers, rows, widths):
    sheet.append([_text(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_text(v) for v in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
            elif isinstance(cell.value, float):
                cell.number_format = "0.0"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def write_workbook(board, output, *, scope_label=""):
    """Write the Dashboard `board` as .xlsx into the binary file `output`."""
    workbook = Workbook()
    taken = {KEY_SHEET}
    summary = workbook.active
    summary.title = KEY_SHEET
    _write(summary, KEY_HEADERS, [[f.label, f.value, f.unit] for f in board.key_figures], [28, 12, 12])
    summary.append([])
    summary.append(["统计年份", board.year])
    summary.append(["统计范围", _text(scope_label)])
    summary.append(["计算日期", board.on.isoformat()])
    for chart in board.charts:
        sheet = workbook.create_sheet(sheet_name(chart.title, taken))
        rows = chart.rows if not chart.problem else [[chart.problem]]
        _write(sheet, chart.headers, rows, [36] + [18] * (len(chart.headers) - 1))
    workbook.save(output)
