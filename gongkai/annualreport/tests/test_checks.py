"""The pure checks of the annual report (checks.run, RULES.md §4) on hand-written machine-form dicts.

RULES.md §4: per column 一 + 二 = （七）总计 + 四; （七） = sum of the 21 outcome rows; per row 总计 = sum
of the six applicant columns; table 四 总计 = the other four per group; the entered table 二 figures
must be present; this year's 二 equals last year's 四 (a warning, not an error).

Each test changes one thing in a consistent report and asserts exactly which rules fail, so a rule
that stops looking at its cells, or one that fires for the wrong cell, is caught.
"""

import copy

import pytest

from gongkai.annualreport import checks
from gongkai.annualreport.tests.official import COLUMN_ORDER, OUTCOME_ORDER

COLUMNS = COLUMN_ORDER
OUTCOMES = OUTCOME_ORDER

# A consistent table 三, written by hand. Columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
# Column check (一 + 二 = （七） + 四): 自然人 9 + 2 = 8 + 3; 商业企业 4 + 1 = 4 + 1; 科研机构 2 + 0 = 2 + 0;
# 社会公益组织 1 + 1 = 2 + 0; 法律服务机构 2 + 0 = 1 + 1; 其他 1 + 1 = 2 + 0; 总计 19 + 5 = 19 + 5.
CONSISTENT_TABLE3 = {
    "new":                                   [9, 4, 2, 1, 2, 1, 19],
    "carried_in":                            [2, 1, 0, 1, 0, 1, 5],
    "disclosed":                             [3, 1, 0, 0, 0, 0, 4],
    "partial":                               [1, 1, 0, 0, 0, 0, 2],
    "withheld.state_secret":                 [0, 0, 0, 0, 0, 0, 0],
    "withheld.prohibited":                   [0, 0, 1, 0, 0, 0, 1],
    "withheld.security_stability":           [0, 0, 0, 0, 0, 0, 0],
    "withheld.third_party":                  [0, 1, 0, 1, 0, 0, 2],
    "withheld.internal_affairs":             [0, 0, 0, 0, 0, 0, 0],
    "withheld.process_info":                 [1, 0, 0, 0, 0, 0, 1],
    "withheld.enforcement_file":             [0, 0, 0, 0, 0, 0, 0],
    "withheld.registry_query":               [0, 0, 0, 0, 0, 1, 1],
    "unavailable.not_held":                  [1, 0, 1, 0, 0, 0, 2],
    "unavailable.needs_creation":            [0, 0, 0, 0, 0, 0, 0],
    "unavailable.unclear_after_correction":  [0, 0, 0, 0, 0, 0, 0],
    "not_processed.petition":                [1, 0, 0, 0, 0, 0, 1],
    "not_processed.repeat":                  [0, 0, 0, 0, 1, 0, 1],
    "not_processed.publication":             [0, 0, 0, 0, 0, 0, 0],
    "not_processed.excessive":               [0, 0, 0, 0, 0, 0, 0],
    "not_processed.confirmation":            [0, 0, 0, 1, 0, 0, 1],
    "other.correction_overdue":              [1, 0, 0, 0, 0, 0, 1],
    "other.fee_unpaid":                      [0, 1, 0, 0, 0, 0, 1],
    "other.other":                           [0, 0, 0, 0, 0, 1, 1],
    "total":                                 [8, 4, 2, 2, 1, 2, 19],
    "carried_over":                          [3, 1, 0, 0, 1, 0, 5],
}
# Last year's 四, equal to this year's 二.
LAST_CARRIED_OVER = {"natural_person": 2, "business": 1, "research": 0, "public_interest": 1, "legal_service": 0,
                     "other_org": 1, "total": 5}
CONSISTENT_TABLE4 = {
    "reconsideration": {"upheld": 2, "corrected": 1, "other": 0, "pending": 1, "total": 4},
    "litigation_direct": {"upheld": 0, "corrected": 0, "other": 1, "pending": 1, "total": 2},
    "litigation_after": {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1},
}
CONSISTENT_TABLE2 = {
    "rules": {"issued": 1, "abolished": 0, "in_force": 4},
    "normative": {"issued": 3, "abolished": 1, "in_force": 12},
    "licensing": {"decisions": 128},
    "penalty": {"decisions": 56},
    "coercion": {"decisions": 0},
    "fees": {"amount": 1.25},
}
TABLE3_RULES = ([f"table3.balance.{c}" for c in COLUMNS] + [f"table3.results_total.{c}" for c in COLUMNS]
                + ["table3.row_totals"])
EVERY_RULE = (["table2.entered"] + TABLE3_RULES
              + ["table4.total.reconsideration", "table4.total.litigation_direct", "table4.total.litigation_after",
                 "table3.carried_in_matches_last_year"])


def consistent():
    return {
        "year": 2025,
        "table2": copy.deepcopy(CONSISTENT_TABLE2),
        "table3": {row: dict(zip(COLUMNS, cells, strict=True)) for row, cells in CONSISTENT_TABLE3.items()},
        "table4": copy.deepcopy(CONSISTENT_TABLE4),
    }


def run(data, previous=LAST_CARRIED_OVER, source="上年度报告"):
    return {check.rule: check for check in checks.run(data, previous, source)}


def failing(results):
    return {rule for rule, check in results.items() if not check.ok}


# --- the consistent report -------------------------------------------------------------------------


def test_the_hand_written_table_is_what_the_tests_think_it_is():
    assert list(CONSISTENT_TABLE3) == ["new", "carried_in", *OUTCOMES, "total", "carried_over"]
    assert len(CONSISTENT_TABLE3) == 25 and all(len(cells) == 7 for cells in CONSISTENT_TABLE3.values())


def test_a_consistent_report_passes_every_rule():
    results = run(consistent())
    assert list(results) == EVERY_RULE
    assert failing(results) == set()
    assert checks.errors(list(results.values())) == []


def test_passing_messages_state_the_equal_numbers_in_chinese():
    results = run(consistent())
    assert results["table3.balance.natural_person"].message == (
        "“自然人”列：第一项 9 + 第二项 2 = 11，第三项（七）总计 8 + 第四项 3 = 11，相等。")
    assert results["table3.results_total.total"].message == "“总计”列：21 种办理结果之和 19，（七）总计 19，相等。"
    assert results["table3.row_totals"].message == "每一行的“总计”都等于六类申请人之和。"
    assert results["table4.total.litigation_direct"].message == (
        "行政诉讼 未经复议直接起诉：维持、纠正、其他结果、尚未审结之和 2，总计 2，相等。")
    assert results["table3.carried_in_matches_last_year"].message == (
        "本年“二、上年结转”与上年度报告“四、结转下年度继续办理”一致。")


def test_every_check_is_an_error_except_the_comparison_with_last_year():
    results = run(consistent())
    for rule, check in results.items():
        expected = checks.WARNING if rule == "table3.carried_in_matches_last_year" else checks.ERROR
        assert check.severity == expected, rule
    assert results["table3.balance.business"].as_dict() == {
        "rule": "table3.balance.business", "ok": True, "severity": "error",
        "message": "“商业企业”列：第一项 4 + 第二项 1 = 5，第三项（七）总计 4 + 第四项 1 = 5，相等。",
    }


# --- 一 + 二 = （七） + 四, per column -------------------------------------------------------------


@pytest.mark.parametrize("column", COLUMNS)
def test_balance_fails_for_the_one_column_whose_new_count_is_off(column):
    data = consistent()
    data["table3"]["new"][column] += 1
    results = run(data)
    assert failing(results) == {f"table3.balance.{column}", "table3.row_totals"}


def test_balance_failure_names_the_numbers_that_disagree():
    data = consistent()
    data["table3"]["carried_over"]["legal_service"] = 3
    data["table3"]["carried_over"]["total"] = 7
    results = run(data)
    assert failing(results) == {"table3.balance.legal_service", "table3.balance.total"}
    assert results["table3.balance.legal_service"].message == (
        "“法律服务机构”列：第一项 2 + 第二项 0 = 2，第三项（七）总计 1 + 第四项 3 = 4，两者不相等。")
    assert results["table3.balance.total"].message == (
        "“总计”列：第一项 19 + 第二项 5 = 24，第三项（七）总计 19 + 第四项 7 = 26，两者不相等。")


def test_balance_uses_the_carried_in_row():
    data = consistent()
    data["table3"]["carried_in"]["research"] = 1
    data["table3"]["carried_in"]["total"] = 6
    results = run(data)
    assert {"table3.balance.research", "table3.balance.total"} <= failing(results)
    assert "第二项 1" in results["table3.balance.research"].message
    assert "两者不相等" in results["table3.balance.research"].message


# --- （七） = the 21 outcome rows, per column ----------------------------------------------------------


@pytest.mark.parametrize("column", COLUMNS[:-1])
def test_results_total_fails_for_the_column_with_an_uncounted_outcome(column):
    data = consistent()
    data["table3"]["not_processed.excessive"][column] += 1
    data["table3"]["not_processed.excessive"]["total"] += 1  # the row itself stays consistent
    results = run(data)
    assert failing(results) == {f"table3.results_total.{column}", "table3.results_total.total"}


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_every_outcome_row_is_part_of_the_results_total(outcome):
    data = consistent()
    data["table3"][outcome]["other_org"] += 2
    data["table3"][outcome]["total"] += 2
    results = run(data)
    assert failing(results) == {"table3.results_total.other_org", "table3.results_total.total"}
    assert results["table3.results_total.other_org"].message == (
        "“其他”列：21 种办理结果之和 4，（七）总计 2，两者不相等。")


def test_results_total_failure_in_the_total_column_names_both_numbers():
    data = consistent()
    data["table3"]["total"]["total"] = 18
    results = run(data)
    assert failing(results) == {"table3.results_total.total", "table3.balance.total", "table3.row_totals"}
    assert results["table3.results_total.total"].message == (
        "“总计”列：21 种办理结果之和 19，（七）总计 18，两者不相等。")


# --- 总计 = the six applicant columns, per row ---------------------------------------------------------


@pytest.mark.parametrize("row", list(CONSISTENT_TABLE3))
def test_row_totals_fail_for_any_row_whose_total_is_off(row):
    data = consistent()
    data["table3"][row]["total"] += 1
    results = run(data)
    if row in ("new", "carried_in", "carried_over"):
        column_checks = {"table3.balance.total"}
    elif row == "total":
        column_checks = {"table3.balance.total", "table3.results_total.total"}
    else:
        column_checks = {"table3.results_total.total"}
    if row == "carried_in":
        column_checks.add("table3.carried_in_matches_last_year")  # the warning sees the 总计 cell too
    assert failing(results) == {"table3.row_totals"} | column_checks
    parts = sum(CONSISTENT_TABLE3[row][:6])
    assert f"总计 {parts + 1}，六类申请人之和 {parts}" in results["table3.row_totals"].message


def test_row_totals_alone_fail_when_only_the_total_column_is_shifted_between_rows():
    data = consistent()
    data["table3"]["new"]["total"] = 20  # 六类之和 19
    data["table3"]["carried_over"]["total"] = 6  # 六类之和 5; the 总计 column still balances: 20 + 5 = 19 + 6
    results = run(data)
    assert failing(results) == {"table3.row_totals"}
    assert results["table3.row_totals"].message == (
        "“一、本年新收政府信息公开申请数量”总计 20，六类申请人之和 19；"
        "“四、结转下年度继续办理”总计 6，六类申请人之和 5。")


def test_row_totals_name_an_outcome_row_by_its_official_label():
    data = consistent()
    data["table3"]["withheld.third_party"]["total"] = 3
    data["table3"]["not_processed.confirmation"]["total"] = 0
    results = run(data)
    assert failing(results) == {"table3.row_totals"}
    message = results["table3.row_totals"].message
    assert "“4.保护第三方合法权益”总计 3，六类申请人之和 2" in message
    assert "“5.要求行政机关确认或重新出具已获取信息”总计 0，六类申请人之和 1" in message


# --- table 四: 总计 = the other four, per group -----------------------------------------------------------


@pytest.mark.parametrize("group", ["reconsideration", "litigation_direct", "litigation_after"])
@pytest.mark.parametrize("column", ["upheld", "corrected", "other", "pending"])
def test_table4_total_fails_only_for_the_group_changed(group, column):
    data = consistent()
    data["table4"][group][column] += 1
    results = run(data)
    assert failing(results) == {f"table4.total.{group}"}


def test_table4_failure_names_the_numbers():
    data = consistent()
    data["table4"]["reconsideration"]["total"] = 6
    results = run(data)
    assert failing(results) == {"table4.total.reconsideration"}
    assert results["table4.total.reconsideration"].message == (
        "行政复议：维持、纠正、其他结果、尚未审结之和 4，总计 6，两者不相等。")
    data["table4"]["reconsideration"]["total"] = 4
    data["table4"]["litigation_after"]["pending"] = 2
    message = run(data)["table4.total.litigation_after"].message
    assert message == "行政诉讼 复议后起诉：维持、纠正、其他结果、尚未审结之和 3，总计 1，两者不相等。"


# --- table 二: the figures staff enter ---------------------------------------------------------------------


@pytest.mark.parametrize(("row", "column", "label"), [
    ("licensing", "decisions", "行政许可"),
    ("penalty", "decisions", "行政处罚"),
    ("coercion", "decisions", "行政强制"),
    ("fees", "amount", "行政事业性收费"),
])
def test_a_missing_entered_figure_fails_and_is_named(row, column, label):
    data = consistent()
    data["table2"][row][column] = None
    results = run(data)
    assert failing(results) == {"table2.entered"}
    assert results["table2.entered"].message == f"尚未填写：{label}。请填写数字并注明来源（没有的填 0）。"


def test_every_missing_figure_is_listed_in_table_order():
    data = consistent()
    for row in ("fees", "licensing", "coercion", "penalty"):
        data["table2"][row] = {key: None for key in data["table2"][row]}
    message = run(data)["table2.entered"].message
    assert message == "尚未填写：行政许可、行政处罚、行政强制、行政事业性收费。请填写数字并注明来源（没有的填 0）。"


def test_zero_is_an_entered_figure():
    data = consistent()
    data["table2"]["licensing"]["decisions"] = 0
    data["table2"]["fees"]["amount"] = 0.0
    results = run(data)
    assert results["table2.entered"].ok
    assert results["table2.entered"].message == "第二十条第（五）、（六）、（八）项的数字均已填写。"


def test_computed_table2_rows_are_not_required_to_be_entered():
    data = consistent()
    data["table2"]["rules"] = {"issued": 0, "abolished": 0, "in_force": 0}
    assert failing(run(data)) == set()


# --- this year's 二 against last year's 四 (a warning) ----------------------------------------------------


def test_a_different_carried_over_last_year_is_a_warning_naming_each_column():
    previous = {**LAST_CARRIED_OVER, "business": 3, "total": 7}
    results = run(consistent(), previous, "已发布的 2024 年度报告")
    check = results["table3.carried_in_matches_last_year"]
    assert failing(results) == {"table3.carried_in_matches_last_year"}
    assert check.severity == checks.WARNING
    assert check.message == ("本年“二、上年结转”与已发布的 2024 年度报告“四、结转下年度继续办理”不一致："
                             "“商业企业”列本年 1，上年 3；“总计”列本年 5，上年 7。")
    assert checks.errors(list(results.values())) == []


@pytest.mark.parametrize("column", COLUMNS)
def test_each_column_is_compared_with_last_year(column):
    previous = {**LAST_CARRIED_OVER, column: LAST_CARRIED_OVER[column] + 1}
    check = run(consistent(), previous)["table3.carried_in_matches_last_year"]
    assert not check.ok
    assert f"本年 {LAST_CARRIED_OVER[column]}，上年 {LAST_CARRIED_OVER[column] + 1}" in check.message


def test_without_last_year_there_is_nothing_to_compare():
    check = run(consistent(), previous=None)["table3.carried_in_matches_last_year"]
    assert check.ok and check.severity == checks.WARNING
    assert check.message == "没有上一年度的报告数据，不作比较。"


# --- errors() -------------------------------------------------------------------------------------------------


def test_errors_are_the_failed_error_checks_only():
    data = consistent()
    data["table3"]["new"]["business"] += 1
    data["table4"]["litigation_direct"]["total"] = 0
    results = checks.run(data, {**LAST_CARRIED_OVER, "total": 9})
    assert sorted(check.rule for check in checks.errors(results)) == [
        "table3.balance.business", "table3.row_totals", "table4.total.litigation_direct"]
    assert any(not check.ok and check.severity == checks.WARNING for check in results)


def test_the_checks_do_not_change_the_report():
    data = consistent()
    data["table3"]["new"]["business"] += 1
    before = copy.deepcopy(data)
    checks.run(data, LAST_CARRIED_OVER)
    assert data == before
