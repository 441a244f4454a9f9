"""python manage.py privacy_scan PATH [--json]   (DESIGN.md, "Stable command-line interfaces")

Scans a UTF-8 text file, a PDF or a Word (.docx) file for personal data (RULES.md §7) with the
same scanner that runs when a record is submitted.

- With --json: a JSON array of {"type", "start", "end", "text", "masked"}; offsets are character
  offsets into the extracted text. An empty array when nothing is found.
- Without: a table in Chinese (type, text, masked form, context) and a count.

A missing or unreadable file gives a message in Chinese on stderr and a non-zero exit.
"""

import json
import unicodedata

from django.core.management.base import BaseCommand, CommandError

from gongkai.privacy.extract import ExtractionError, extract_text
from gongkai.privacy.scanner import TYPE_LABELS, scan

CONTEXT_CHARS = 15


def _width(text):
    """Display width: CJK and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text, width):
    return text + " " * max(0, width - _width(text))


def _one_line(text):
    return " ".join(text.split())


def context_of(text, start, end, chars=CONTEXT_CHARS):
    """About `chars` characters either side, the finding in 【】, on one line."""
    before = text[max(0, start - chars) : start]
    after = text[end : end + chars]
    lead = "…" if start > chars else ""
    tail = "…" if end + chars < len(text) else ""
    return f"{lead}{_one_line(before)}【{_one_line(text[start:end])}】{_one_line(after)}{tail}"


class Command(BaseCommand):
    help = (
        "检查文本、PDF 或 Word（.docx）文件中的个人信息（身份证号码、手机号码、姓名、住址等），列出位置和遮盖后的写法。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", metavar="PATH", help="要检查的文件：UTF-8 文本（.txt）、PDF（.pdf）或 Word（.docx）"
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help='以 JSON 数组输出：[{"type", "start", "end", "text", "masked"}]，位置是提取出的文字中的字符序号',
        )

    def handle(self, *args, **options):
        path = options["path"]
        try:
            text = extract_text(path)
        except ExtractionError as exc:
            raise CommandError(str(exc)) from exc
        findings = scan(text)
        if options["json"]:
            self.stdout.write(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
            return
        if not text.strip():
            self.stdout.write("文件中没有可以检查的文字（如果是扫描件，请先进行文字识别）。")
            return
        if not findings:
            self.stdout.write("未发现个人信息。")
            return
        rows = [("序号", "类型", "原文", "遮盖后", "上下文")]
        for number, finding in enumerate(findings, start=1):
            rows.append(
                (
                    str(number),
                    TYPE_LABELS[finding.type],
                    _one_line(finding.text),
                    finding.masked,
                    context_of(text, finding.start, finding.end),
                )
            )
        widths = [max(_width(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            cells = [_pad(cell, widths[i]) for i, cell in enumerate(row[:4])]
            self.stdout.write("  ".join(cells + [row[4]]).rstrip())
        self.stdout.write("")
        self.stdout.write(f"共发现 {len(findings)} 处个人信息。请逐项遮盖，或在确认可以公开时说明理由。")
