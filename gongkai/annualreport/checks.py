"""The checks of the annual report (RULES.md §4). Pure Python over the machine form, no Django import.

`run(data, previous_carried_over=None)` takes the report in the shape of `annual_report --json`
(tables with every adjustment applied) and returns one result per rule and column. A failed check
carries the numbers that disagree, in words. The comparison with last year's 四 is a warning, not
an error (RULES.md §4: "this year's 二 equals last year's 四 (warn)").
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from gongkai.annualreport import labels as L

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Check:
    rule: str  # stable identifier, e.g. "table3.balance.business"
    ok: bool
    message: str  # Chinese; on failure it names the numbers that disagree
    severity: str = ERROR

    def as_dict(self):
        return asdict(self)


def _col(key):
    return dict(L.TABLE3_COLUMNS)[key]


def _n(value):
    return value if isinstance(value, int) else 0


def table3_checks(table3):
    results = []
    rows = table3
    for column in L.TABLE3_COLUMN_KEYS:
        new, carried_in = _n(rows[L.NEW][column]), _n(rows[L.CARRIED_IN][column])
        total, carried_over = _n(rows[L.TOTAL][column]), _n(rows[L.CARRIED_OVER][column])
        ok = new + carried_in == total + carried_over
        message = (f"“{_col(column)}”列：第一项 {new} + 第二项 {carried_in} = {new + carried_in}，"
                   f"第三项（七）总计 {total} + 第四项 {carried_over} = {total + carried_over}"
                   + ("，相等。" if ok else "，两者不相等。"))
        results.append(Check(f"table3.balance.{column}", ok, message))
    for column in L.TABLE3_COLUMN_KEYS:
        parts = sum(_n(rows[code][column]) for code in L.OUTCOME_CODES)
        total = _n(rows[L.TOTAL][column])
        ok = parts == total
        message = (f"“{_col(column)}”列：21 种办理结果之和 {parts}，（七）总计 {total}"
                   + ("，相等。" if ok else "，两者不相等。"))
        results.append(Check(f"table3.results_total.{column}", ok, message))
    wrong_rows = []
    for key in L.TABLE3_ROW_KEYS:
        parts = sum(_n(rows[key][column]) for column in L.APPLICANT_KEYS)
        if parts != _n(rows[key][L.TOTAL]):
            wrong_rows.append(f"“{L.TABLE3_ROW_LABELS[key]}”总计 {_n(rows[key][L.TOTAL])}，六类申请人之和 {parts}")
    results.append(Check(
        "table3.row_totals", not wrong_rows,
        "每一行的“总计”都等于六类申请人之和。" if not wrong_rows else "；".join(wrong_rows) + "。"))
    return results


def table4_checks(table4):
    results = []
    for group, group_label in L.TABLE4_GROUPS:
        cells = table4[group]
        parts = sum(_n(cells[key]) for key in L.TABLE4_RESULT_KEYS)
        total = _n(cells[L.TOTAL])
        ok = parts == total
        results.append(Check(
            f"table4.total.{group}", ok,
            f"{group_label}：维持、纠正、其他结果、尚未审结之和 {parts}，总计 {total}"
            + ("，相等。" if ok else "，两者不相等。")))
    return results


def table2_checks(table2):
    """The figures staff enter must be present before the report can be submitted."""
    missing = [L.TABLE2_ROW_LABELS[key] for key in L.TABLE2_ENTERED_ROWS
               if any(table2[key].get(column) is None for column in L.TABLE2_COLUMNS_OF[key])]
    return [Check("table2.entered", not missing,
                  "第二十条第（五）、（六）、（八）项的数字均已填写。" if not missing
                  else f"尚未填写：{'、'.join(missing)}。请填写数字并注明来源（没有的填 0）。")]


def carried_in_check(table3, previous_carried_over, previous_source):
    """This year's 二 against last year's 四, column by column (a warning)."""
    if previous_carried_over is None:
        return [Check("table3.carried_in_matches_last_year", True,
                      "没有上一年度的报告数据，不作比较。", WARNING)]
    differences = []
    for column in L.TABLE3_COLUMN_KEYS:
        this, last = _n(table3[L.CARRIED_IN][column]), _n(previous_carried_over.get(column))
        if this != last:
            differences.append(f"“{_col(column)}”列本年 {this}，上年 {last}")
    ok = not differences
    compared = f"本年“二、上年结转”与{previous_source}“四、结转下年度继续办理”"
    message = f"{compared}一致。" if ok else f"{compared}不一致：" + "；".join(differences) + "。"
    return [Check("table3.carried_in_matches_last_year", ok, message, WARNING)]


def run(data, previous_carried_over=None, previous_source="上年度报告"):
    """Every check of RULES.md §4 on one report in machine form."""
    return [
        *table2_checks(data["table2"]),
        *table3_checks(data["table3"]),
        *table4_checks(data["table4"]),
        *carried_in_check(data["table3"], previous_carried_over, previous_source),
    ]


def errors(results):
    return [check for check in results if not check.ok and check.severity == ERROR]
