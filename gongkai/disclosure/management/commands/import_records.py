"""python manage.py import_records FILE [--attachments DIR] [--user USERNAME] [--dry-run]

Bulk import of an existing site's records (see gongkai.disclosure.importer for the semantics).
Exit code 0: imported (or, with --dry-run, no errors found); 1: errors, nothing imported.
"""

import argparse
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from gongkai.disclosure import importer

MAX_PRINTED = 10_000

EPILOG = f"""
导入规则：
  - 先检查全部行；只要有一处错误，就不导入任何记录，并按行号（标题行为第 1 行）列出全部错误。
  - 填写了发布日期的行按“已发布”导入（保留原发布日期和索引号，没有索引号的按本机关格式自动编号）；
    没有发布日期的行作为草稿导入。
  - 正文或附件中发现个人信息、或附件无法自动检查（旧版 Office 文件、图片、扫描件）的行，
    改为“待审核”导入，由审核人在审核页面逐一遮盖或确认后发布。
  - 每个文件在一个事务中导入：中途出错时不留下任何记录。一个文件最多 {importer.MAX_ROWS:,} 行，
    更多的记录请拆分成多个文件依次导入。同一个文件不能重复导入。

{importer.column_help_text()}
"""


class Command(BaseCommand):
    help = "批量导入原网站的政府信息（CSV 或 XLSX 文件，附件放在一个文件夹中）。"

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        parser.epilog = EPILOG
        return parser

    def add_arguments(self, parser):
        parser.add_argument("file", help="数据文件（.csv 或 .xlsx）")
        parser.add_argument("--attachments", metavar="DIR", help="附件文件夹（“附件”列中的文件名相对于此文件夹）")
        parser.add_argument("--user", metavar="USERNAME",
                            help="导入人的用户名（政务公开办或系统管理员），记为起草人；只检查时可不填")
        parser.add_argument("--dry-run", action="store_true",
                            help="只检查不导入：检查全部行、处理附件并进行个人信息检查，报告导入结果，但不写入")

    def handle(self, *args, file, attachments=None, user=None, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        if attachments and not Path(attachments).is_dir():
            raise CommandError(f"找不到附件文件夹：{attachments}")
        account = None
        if user:
            account = get_user_model().objects.filter(username=user, is_active=True).first()
            if account is None:
                raise CommandError(f"找不到已启用的用户“{user}”。")
            if not importer.can_import(account):
                raise CommandError(f"用户“{user}”不是政务公开办或系统管理员，不能批量导入。")
        elif not dry_run:
            raise CommandError("请用 --user 指定导入人（政务公开办或系统管理员的用户名），或加 --dry-run 只检查。")

        def progress(stage, rows):
            label = "已检查" if stage == "check" else ("已处理" if dry_run else "已导入")
            self.stdout.write(f"{label} {rows:,} 行……")
            self.stdout.flush()

        try:
            result = importer.run_import(path, user=account, attachments_dir=attachments, dry_run=dry_run,
                                         progress=progress)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
        except importer.ImportAborted as exc:
            raise CommandError(str(exc)) from None

        for notice in result.notices:
            self.stdout.write(self.style.WARNING(f"提示：{notice}"))
        if not result.ok:
            self.stderr.write(f"文件中有 {result.error_count} 处错误，没有导入任何记录：")
            for problem in result.errors[:MAX_PRINTED]:
                self.stderr.write(f"  {problem}")
            hidden = result.error_count - min(len(result.errors), MAX_PRINTED)
            if hidden > 0:
                self.stderr.write(f"  ……另有 {hidden} 处错误未列出。")
            raise CommandError(f"有 {result.error_count} 处错误，未导入。", returncode=1)

        for problem in result.warnings[:MAX_PRINTED]:
            self.stdout.write(self.style.WARNING(f"提示：{problem}"))
        self.stdout.write(self.style.SUCCESS(result.summary))
        if result.index_numbers_kept or result.index_numbers_generated:
            self.stdout.write(f"索引号：保留原索引号 {result.index_numbers_kept} 个，"
                              f"自动编号 {result.index_numbers_generated} 个。")
        if result.public_copies_withheld:
            self.stdout.write(f"有 {result.public_copies_withheld} 个附件含个人信息或无法清除文件属性，"
                              "未生成公开文件。")
        if result.review_rows:
            self.stdout.write(f"送审核的 {result.review} 行：")
            for item in result.review_rows[:MAX_PRINTED]:
                record = f"（记录 {item.record_id}）" if item.record_id else ""
                self.stdout.write(f"  第 {item.row} 行{record}《{item.title}》：{'；'.join(item.reasons)}")
        rate = result.rows / result.seconds if result.seconds else 0
        self.stdout.write(f"用时 {result.seconds:.1f} 秒（每秒 {rate:.0f} 行）。")
