"""Back-office forms of the working-day calendar."""

import datetime as dt
import os

from django import forms
from django.utils.html import format_html, format_html_join

from gongkai.workcalendar.schedule_parser import EXAMPLE, HELP_TEXT, MAX_YEAR, MIN_YEAR
from gongkai.workcalendar.services import SET_DAY_CHOICES

MAX_UPLOAD_BYTES = 1024 * 1024  # 1 MB
ALLOWED_EXTENSIONS = {".txt", ".csv"}


def _grammar_help():
    """HELP_TEXT (the import grammar) as HTML: its "·" lines become a list."""
    lines = HELP_TEXT.splitlines()
    bullets = [(line.lstrip("· "),) for line in lines if line.startswith("·")]
    others = [line for line in lines if not line.startswith("·")]
    return format_html(
        "<p>{}</p><ul>{}</ul><p>{}</p>", others[0], format_html_join("", "<li>{}</li>", bullets), " ".join(others[1:])
    )


class ImportYearForm(forms.Form):
    year = forms.IntegerField(
        label="年份",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        help_text="要导入哪一年的安排，例如 2027。重新导入某一年会替换该年原有的全部安排。",
        error_messages={
            "required": "请填写年份。",
            "invalid": "年份请填写四位数字，例如 2027。",
            "min_value": f"年份不能早于 {MIN_YEAR} 年。",
            "max_value": f"年份不能晚于 {MAX_YEAR} 年。",
        },
    )
    text = forms.CharField(
        label="安排内容",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "placeholder": EXAMPLE}),
        help_text=_grammar_help(),
    )
    file = forms.FileField(
        label="或上传文件",
        required=False,
        help_text="也可以上传 .txt 或 .csv 文件（UTF-8 编码，不超过 1 MB），格式与上面相同。文本框和文件只填一个。",
        error_messages={"invalid": "文件没有上传成功，请重新选择。", "empty": "上传的文件是空的。"},
    )
    note = forms.CharField(
        label="备注",
        required=False,
        max_length=500,
        help_text="例如通知的文号：国办发明电〔2026〕X号",
        error_messages={"max_length": "备注最多 500 个字。"},
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        extension = os.path.splitext(upload.name or "")[1].lower()
        if extension not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError("只能上传 .txt 或 .csv 文件。")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("文件不能超过 1 MB。")
        raw = upload.read(MAX_UPLOAD_BYTES + 1)
        if len(raw) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("文件不能超过 1 MB。")
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "文件不是 UTF-8 编码，无法读取。请用“另存为”选择 UTF-8 编码后再上传。"
            ) from None
        if "\x00" in content:
            raise forms.ValidationError("文件内容不是文本，无法读取。")
        return {"content": content, "csv": extension == ".csv", "name": upload.name}

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("text") or "").strip()
        upload = cleaned.get("file")
        if "file" in self.errors:
            return cleaned
        if text and upload:
            raise forms.ValidationError("请在文本框粘贴安排，或上传文件，二选一。")
        if not text and not upload:
            raise forms.ValidationError("请在文本框粘贴安排，或上传一个文件。")
        if upload:
            cleaned["schedule_text"] = upload["content"]
            cleaned["csv_columns"] = upload["csv"]
        else:
            cleaned["schedule_text"] = cleaned.get("text") or ""
            cleaned["csv_columns"] = False
        return cleaned


class SetDayForm(forms.Form):
    date = forms.DateField(
        label="日期",
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="格式 YYYY-MM-DD，例如 2026-10-08",
        error_messages={"required": "请填写日期。", "invalid": "请按 YYYY-MM-DD 填写日期，例如 2026-10-08。"},
    )
    kind = forms.ChoiceField(
        label="这一天的安排",
        choices=SET_DAY_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择这一天的安排。", "invalid_choice": "请选择这一天的安排。"},
    )
    name = forms.CharField(
        label="节日名称",
        required=False,
        max_length=50,
        help_text="如 春节、国庆节；恢复为按星期计算时不用填",
        error_messages={"max_length": "节日名称最多 50 个字。"},
    )
    reason = forms.CharField(
        label="修改原因",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="必填，会记入审计日志，例如依据的通知文号或调整说明",
        error_messages={"required": "请填写修改原因。", "max_length": "修改原因最多 300 个字。"},
    )

    @staticmethod
    def initial_for(day: dt.date, entry):
        initial = {"date": day}
        if entry is not None:
            initial.update(kind=entry.kind, name=entry.name)
        return initial
