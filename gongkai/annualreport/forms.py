"""Forms of the annual report's working view. Values are checked again by the services."""

from django import forms

from gongkai.annualreport import compute
from gongkai.annualreport import labels as L


def cell_choices():
    """Every adjustable cell, grouped by table, labelled in the official words."""
    order = {"table2": 0, "table3": 1, "table4": 2}
    rows2 = list(L.TABLE2_COMPUTED_ROWS)
    rows3 = L.TABLE3_ROW_KEYS
    rows4 = L.TABLE4_GROUP_KEYS

    def position(cell):
        table, row, column = cell
        rows = {"table2": rows2, "table3": rows3, "table4": rows4}[table]
        columns = {"table2": [L.ISSUED, L.ABOLISHED, L.IN_FORCE], "table3": L.TABLE3_COLUMN_KEYS,
                   "table4": L.TABLE4_RESULT_KEYS}[table]
        return order[table], rows.index(row), columns.index(column)

    groups = {"table2": ("表二 主动公开", []), "table3": ("表三 申请情况", []), "table4": ("表四 复议诉讼", [])}
    for cell in sorted(compute.adjustable_cells(), key=position):
        groups[cell[0]][1].append(("|".join(cell), L.describe_cell(*cell)))
    return [("", "请选择要调整的单元格"), *groups.values()]


class AdjustmentForm(forms.Form):
    cell = forms.ChoiceField(label="调整的单元格", choices=cell_choices, error_messages={
        "required": "请选择要调整的单元格。",
        "invalid_choice": "请选择要调整的单元格（合计由系统自动计算，不能调整）。"})
    delta = forms.IntegerField(label="调整数（增加填正数，减少填负数）", min_value=-100_000, max_value=100_000,
                               error_messages={"invalid": "调整数请填写整数，可以为负数（例如 -2）。"})
    reason = forms.CharField(label="调整理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000,
                             help_text="例如：线下办理、未录入平台的申请 2 件，登记簿第 15、16 号。")


class CancelAdjustmentForm(forms.Form):
    reason = forms.CharField(label="撤销理由", max_length=500)


class TextForm(forms.Form):
    section1 = forms.CharField(label=L.SECTION_TITLES["section1"], required=False,
                               widget=forms.Textarea(attrs={"rows": 10}), max_length=20_000)
    section5 = forms.CharField(label=L.SECTION_TITLES["section5"], required=False,
                               widget=forms.Textarea(attrs={"rows": 6}), max_length=20_000)
    section6 = forms.CharField(label=L.SECTION_TITLES["section6"], required=False,
                               widget=forms.Textarea(attrs={"rows": 5}), max_length=20_000,
                               help_text="须说明本年度收取信息处理费的情况。")


class ReviewForm(forms.Form):
    checked_content = forms.BooleanField(label="内容审查：数据与事实准确，文字表述规范", required=False)
    checked_timing = forms.BooleanField(label="时机审查：按期于 1 月 31 日前发布", required=False)
    checked_method = forms.BooleanField(label="方式审查：按国家规定格式公开", required=False)
    checked_confidentiality = forms.BooleanField(label="保密审查：不含国家秘密、工作秘密和个人信息", required=False)
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=2000)


def error_text(form):
    return "；".join(f"{form.fields[name].label if name in form.fields else ''}：{' '.join(errors)}".lstrip("：")
                    for name, errors in form.errors.items())
