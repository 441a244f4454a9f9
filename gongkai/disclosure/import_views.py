"""Back-office page for the bulk import of records (/admin/records/import/): upload, check, import.

The lead includes `import_urlpatterns` under records/import/ in wagtail_hooks.py. The page runs
the same importer as the import_records command, all or nothing in one transaction, for files up
to importer.WEB_MAX_ROWS rows; larger files are imported with the command.
"""

import csv
import io
import tempfile
from pathlib import Path
from urllib.parse import quote

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from gongkai.disclosure import importer
from gongkai.organisation.models import Department
from gongkai.organisation.permissions import forbidden_as_403, require

SHOWN_PROBLEMS = 500
SHOWN_REVIEW_ROWS = 500


class ImportForm(forms.Form):
    table = forms.FileField(
        label="数据文件（CSV 或 XLSX）",
        help_text=f"第 1 行为列名，每行一条政府信息；不超过 {importer.MAX_FILE_BYTES // 1024 // 1024} MB、"
                  f"{importer.WEB_MAX_ROWS:,} 行。",
    )
    attachments = forms.FileField(
        label="附件压缩包（ZIP，可选）", required=False,
        help_text=f"“附件”列中写到的文件打包成一个 ZIP，不超过 {importer.MAX_ZIP_BYTES // 1024 // 1024} MB。",
    )
    dry_run = forms.BooleanField(
        label="只检查不导入", required=False,
        help_text="检查全部行、处理附件并进行个人信息检查，显示导入后的结果，但不写入任何记录。",
    )

    def clean_table(self):
        upload = self.cleaned_data["table"]
        if Path(upload.name).suffix.lower() not in (".csv", ".xlsx"):
            raise forms.ValidationError("只能上传 CSV（.csv）或 Excel（.xlsx）文件；旧版 .xls 请先另存为 .xlsx。")
        if upload.size > importer.MAX_FILE_BYTES:
            raise forms.ValidationError(f"文件超过 {importer.MAX_FILE_BYTES // 1024 // 1024} MB，请拆分后再导入。")
        return upload

    def clean_attachments(self):
        upload = self.cleaned_data.get("attachments")
        if not upload:
            return None
        if Path(upload.name).suffix.lower() != ".zip":
            raise forms.ValidationError("附件请打包成 ZIP 文件上传。")
        if upload.size > importer.MAX_ZIP_BYTES:
            raise forms.ValidationError(f"压缩包超过 {importer.MAX_ZIP_BYTES // 1024 // 1024} MB。"
                                        "更多的附件请由系统管理员在服务器上用 import_records 命令导入。")
        return upload


def _import(user, table, attachments, dry_run):
    with tempfile.TemporaryDirectory(prefix="gongkai-upload-") as directory:
        table_path = importer.save_upload(table, directory, "table")
        folder = None
        if attachments is not None:
            zip_path = importer.save_upload(attachments, directory, "attachments")
            folder = Path(directory) / "files"
            folder.mkdir()
            problems = importer.extract_zip(zip_path, folder)
            zip_path.unlink()
            if problems:
                result = importer.ImportResult(file_name=table.name, dry_run=dry_run)
                for problem in problems:
                    result.add_error(problem.row, problem.column, problem.message)
                return result
        try:
            return importer.run_import(table_path, user=user, attachments_dir=folder, dry_run=dry_run,
                                       max_rows=importer.WEB_MAX_ROWS, file_name=table.name)
        except importer.ImportAborted as exc:
            result = importer.ImportResult(file_name=table.name, dry_run=dry_run)
            result.add_error(None, "", str(exc))
            return result


@forbidden_as_403
def import_records(request):
    require(importer.can_import(request.user))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = _import(request.user, data["table"], data["attachments"], data["dry_run"])
        return render(request, "disclosure/admin/import_result.html", {
            "page_title": "批量导入结果", "header_title": "批量导入结果", "result": result,
            "errors": result.errors[:SHOWN_PROBLEMS], "hidden_errors": max(0, result.error_count - SHOWN_PROBLEMS),
            "warnings": result.warnings[:SHOWN_PROBLEMS],
            "hidden_warnings": max(0, result.warning_count - SHOWN_PROBLEMS),
            "review_rows": result.review_rows[:SHOWN_REVIEW_ROWS],
            "hidden_review_rows": max(0, len(result.review_rows) - SHOWN_REVIEW_ROWS),
        })
    return render(request, "disclosure/admin/import.html", {
        "page_title": "批量导入政府信息", "header_title": "批量导入政府信息", "form": form,
        "columns": importer.COLUMNS, "max_rows": importer.WEB_MAX_ROWS,
        "allowed_types": "、".join(importer.ALLOWED_TYPES),
    })


EXAMPLE_ROW = {
    "title": "示范市市场监督管理局关于开展2024年产品质量监督抽查的通知",
    "document_number": "示市监发〔2024〕12号", "issuing_body": "示范市市场监督管理局",
    "category": "5", "topics": "产品质量 监督抽查", "attribute": "主动公开", "formed_on": "2024-03-01",
    "published_at": "2024-03-05", "validity": "有效", "summary": "部署2024年产品质量监督抽查工作。",
    "body": "各有关单位：\n现将2024年产品质量监督抽查计划印发给你们，请认真贯彻执行。", "attachments": "抽查计划.pdf",
}


@forbidden_as_403
def import_template(request):
    """An empty CSV with the Chinese column names and one example row (UTF-8 with BOM, for Excel)."""
    require(importer.can_import(request.user))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.name for c in importer.COLUMNS])
    department = Department.objects.filter(is_active=True).order_by("sort_order", "pk").first()
    example = {**EXAMPLE_ROW, "department": department.code if department else "（部门代码或名称）"}
    writer.writerow([example.get(c.field, "") for c in importer.COLUMNS])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote('政府信息导入模板.csv')}"
    return response


import_urlpatterns = [
    path("", import_records, name="disclosure_import"),
    path("template.csv", import_template, name="disclosure_import_template"),
]
