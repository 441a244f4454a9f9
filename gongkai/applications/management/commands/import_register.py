"""python manage.py import_register FILE [--user USERNAME] [--dry-run]

Imports a legacy register of disclosure applications (CSV or XLSX); see
gongkai.applications.register_import for the columns and what each row becomes.
Exit code 0: imported (or, with --dry-run, no problems found); 1: problems, nothing imported.
"""

import argparse

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.applications import register_import
from gongkai.organisation import roles
from gongkai.organisation.permissions import has_role

EPILOG = f"""
导入规则：
  - 文件为 CSV（UTF-8 编码，可带 BOM）或 Excel（.xlsx，只读第一个工作表），第 1 行为标题行，从第 2 行起每行一件申请。
  - 先检查全部行；只要有一处错误，就不导入任何申请，并按行号（标题行为第 1 行）列出全部错误。
  - 已办结的申请按“归档”导入；尚在办理的按“登记”导入（填写了承办部门的按“承办”导入），答复期限自动计算。
  - 导入的申请标记为“从历史登记簿导入”，生成查询码，不含证件号码；整个文件只记一条审计日志。

{register_import.column_help_text()}
"""


class Command(BaseCommand):
    help = "导入历史的政府信息公开申请登记簿（CSV 或 XLSX），全部正确才导入，有错误的按行号列出。"

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        parser.epilog = EPILOG
        return parser

    def add_arguments(self, parser):
        parser.add_argument("file", help="登记簿文件（.csv 或 .xlsx）")
        parser.add_argument("--user", metavar="USERNAME",
                            help="导入人的用户名（政务公开办或系统管理员），记为登记人和审计日志的操作人；可不填")
        parser.add_argument("--dry-run", action="store_true", help="只检查不导入")

    def handle(self, *args, file, user=None, dry_run=False, **options):
        account = None
        if user:
            account = get_user_model().objects.filter(username=user, is_active=True).first()
            if account is None:
                raise CommandError(f"找不到已启用的用户“{user}”。")
            if not has_role(account, roles.OGI_OFFICE, roles.ADMINISTRATOR):
                raise CommandError(f"用户“{user}”不是政务公开办或系统管理员，不能导入登记簿。")
        if dry_run:
            result = register_import.check_register(file)
        else:
            result = register_import.import_register(file, user=account)
        if not result.ok:
            self.stderr.write(f"文件“{result.file_name}”中有 {result.problem_count} 处错误，没有导入任何申请：")
            for problem in result.problems:
                self.stderr.write(f"  {problem}")
            hidden = result.problem_count - len(result.problems)
            if hidden > 0:
                self.stderr.write(f"  ……另有 {hidden} 处错误未列出。")
            raise CommandError(f"有 {result.problem_count} 处错误，未导入。", returncode=1)
        self.stdout.write(self.style.SUCCESS(result.summary))
        for line in result.breakdown():
            self.stdout.write(line)
