"""`python manage.py annual_report YEAR [--json] [--format pdf|docx|xlsx --output PATH]` (DESIGN.md, RULES.md §4).

Computes the annual report of YEAR (a published report is read from its snapshot and never changes):
- `--json` prints the stable machine form (services.machine_form) to stdout;
- `--format F --output PATH` writes the report as a PDF, Word or Excel file and prints the path;
- otherwise prints a readable summary in Chinese: table 三 row by row with its totals, tables 二 and 四,
  and every check with ✓ or ✗ and its message.
Failed checks are part of the output, not an error: the exit status is non-zero only for bad
arguments (an invalid year, a format without an output path, a path that cannot be written).
Reading changes nothing and writes no audit entry (the empty report row of a year may be created).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from gongkai.annualreport import exports, services
from gongkai.annualreport import labels as L


class Command(BaseCommand):
    help = "计算政府信息公开工作年度报告（RULES.md §4）：打印摘要、输出 JSON，或导出 PDF、Word、Excel 文件。"

    def add_arguments(self, parser):
        parser.add_argument("year", help="报告年度，例如 2025")
        parser.add_argument("--json", action="store_true", help="以 JSON 格式输出（机器可读，格式固定）")
        parser.add_argument("--format", dest="fmt", default=None, help="导出文件的格式：pdf、docx 或 xlsx")
        parser.add_argument("--output", default=None, help="导出文件的保存路径（与 --format 一起使用）")

    def handle(self, *args, **options):
        year = self._year(options["year"])
        fmt, output = options["fmt"], options["output"]
        if fmt is not None:
            fmt = fmt.strip().lower().lstrip(".")
            if fmt not in exports.FORMATS:
                raise CommandError(f"不支持的导出格式“{options['fmt']}”，请使用 pdf、docx 或 xlsx。")
            if not output:
                raise CommandError("使用 --format 导出文件时，请用 --output 指定保存路径，例如 --output 年度报告.pdf。")
            if options["json"]:
                raise CommandError("--json 和 --format 不能同时使用：请分两次运行。")
        elif output:
            raise CommandError("--output 需要和 --format 一起使用，例如 --format pdf --output 年度报告.pdf。")

        try:
            report = services.report_for(year)
        except services.Refused as error:
            raise CommandError(str(error)) from None
        data = services.build(report)

        if options["json"]:
            text = json.dumps(services.machine_form(data), ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)
            self.stdout.write(text)
            return
        if fmt is not None:
            self.stdout.write(str(self._write(report, data, fmt, output)))
            return
        self._summary(report, data)

    def _year(self, raw):
        text = str(raw).strip()
        if not text.isdigit():
            raise CommandError(f"年度“{raw}”不是有效的年份，请填写四位数字，例如 2025。")
        try:
            return services.check_year(int(text))
        except services.Refused as error:
            raise CommandError(str(error)) from None

    def _write(self, report, data, fmt, output):
        path = Path(output).expanduser()
        if path.is_dir():
            path = path / exports.filename(report, fmt)
        if not path.parent.is_dir():
            raise CommandError(f"保存路径所在的文件夹不存在：{path.parent}")
        content, _ = exports.render(report, data, fmt)
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"无法写入文件 {path}：{error.strerror or error}") from None
        return path.resolve()

    def _summary(self, report, data):
        write = self.stdout.write
        if report.is_published:
            status = "已发布（按发布时的数据）"
        else:
            status = f"{report.get_status_display()}（按当前数据计算）"
        write(f"{exports.title(report, data)}")
        write(f"状态：{status}")
        write("")
        write(L.SECTION_TITLES["table3"])
        columns = "、".join(label for _, label in L.TABLE3_COLUMNS[:-1])
        write(f"（每行：总计；括号内依次为{columns}）")
        for key, label in L.TABLE3_ROWS:
            if key == L.OUTCOME_CODES[0]:
                write(f"  {L.RESULTS_HEADING}")
            cells = data["table3"][key]
            parts = " / ".join(str(cells[column]) for column in L.APPLICANT_KEYS)
            indent = "    " if key in L.OUTCOME_CODES else "  "
            write(f"{indent}{label}：{cells[L.TOTAL]}（{parts}）")
        write("")
        write(L.SECTION_TITLES["table2"])
        for heading, rows, columns in L.TABLE2_BLOCKS:
            for key, label in rows:
                cells = data["table2"][key]
                figures = "，".join(f"{L.TABLE2_COLUMN_LABELS[column]} {exports.cell_text(cells.get(column))}"
                                   for column in columns)
                write(f"  {heading} {label}：{figures}")
        write("")
        write(L.SECTION_TITLES["table4"])
        for group, label in L.TABLE4_GROUPS:
            cells = data["table4"][group]
            figures = "，".join(f"{column_label} {cells[column]}" for column, column_label in L.TABLE4_COLUMNS)
            write(f"  {label}：{figures}")
        write("")
        failed = [check for check in data["checks"] if not check["ok"]]
        write(f"检查结果（共 {len(data['checks'])} 项，未通过 {len(failed)} 项）")
        for check in data["checks"]:
            mark = "✓" if check["ok"] else "✗"
            kind = "（提醒）" if check.get("severity") == "warning" and not check["ok"] else ""
            write(f"  {mark} {check['rule']}{kind}：{check.get('message', '')}")
