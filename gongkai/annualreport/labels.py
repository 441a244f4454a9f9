"""The official layout of the annual report (RULES.md §4, 国办公开办函〔2021〕30号). Pure data, no Django import.

Keys are the stable machine form of the command-line JSON (`annual_report YEAR --json`); labels are
the exact row and column texts of the national format, used by every export.
"""

from gongkai.applications.outcomes import OUTCOMES

SECTIONS = [
    ("section1", "一、总体情况"),
    ("table2", "二、主动公开政府信息情况"),
    ("table3", "三、收到和处理政府信息公开申请情况"),
    ("table4", "四、政府信息公开行政复议、行政诉讼情况"),
    ("section5", "五、存在的主要问题及改进情况"),
    ("section6", "六、其他需要报告的事项"),
]
SECTION_TITLES = dict(SECTIONS)

# --- Table 二: four blocks of 条例 Art. 20 items -------------------------------------------------
ISSUED, ABOLISHED, IN_FORCE, DECISIONS, AMOUNT = "issued", "abolished", "in_force", "decisions", "amount"
TABLE2_COLUMN_LABELS = {
    ISSUED: "本年制发件数",
    ABOLISHED: "本年废止件数",
    IN_FORCE: "现行有效件数",
    DECISIONS: "本年处理决定数量",
    AMOUNT: "本年收费金额（单位：万元）",
}
# (block heading, [(row key, row label)], [column keys])
TABLE2_BLOCKS = [
    ("第二十条第（一）项", [("rules", "规章"), ("normative", "行政规范性文件")], [ISSUED, ABOLISHED, IN_FORCE]),
    ("第二十条第（五）项", [("licensing", "行政许可")], [DECISIONS]),
    ("第二十条第（六）项", [("penalty", "行政处罚"), ("coercion", "行政强制")], [DECISIONS]),
    ("第二十条第（八）项", [("fees", "行政事业性收费")], [AMOUNT]),
]
TABLE2_ROW_LABELS = {key: label for _, rows, _ in TABLE2_BLOCKS for key, label in rows}
TABLE2_COLUMNS_OF = {key: columns for _, rows, columns in TABLE2_BLOCKS for key, _ in rows}
# Rows the platform computes from its records; the others are entered by staff with a source note.
TABLE2_COMPUTED_ROWS = ("rules", "normative")
TABLE2_ENTERED_ROWS = ("licensing", "penalty", "coercion", "fees")

# Sub-categories under Art. 20 item (一) that mark a record as a 规章 or a 行政规范性文件 (migration 0002).
RULES_CATEGORY = "art20-1-rules"
NORMATIVE_CATEGORY = "art20-1-normative"
ANNUAL_REPORT_CATEGORY = "annual-reports"

# --- Table 三: applications --------------------------------------------------------------------
APPLICANT_COLUMNS = [
    ("natural_person", "自然人"),
    ("business", "商业企业"),
    ("research", "科研机构"),
    ("public_interest", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
]
APPLICANT_KEYS = [key for key, _ in APPLICANT_COLUMNS]
TOTAL = "total"
TABLE3_COLUMNS = [*APPLICANT_COLUMNS, (TOTAL, "总计")]
TABLE3_COLUMN_KEYS = [key for key, _ in TABLE3_COLUMNS]
TABLE3_COLUMN_GROUP = "法人或其他组织"  # the heading over the five organisation columns
TABLE3_APPLICANT_HEADING = "申请人情况"

NEW, CARRIED_IN, CARRIED_OVER = "new", "carried_in", "carried_over"
OUTCOME_CODES = [outcome.code for outcome in OUTCOMES]
RESULTS_HEADING = "三、本年度办理结果"
TABLE3_ROWS = [
    (NEW, "一、本年新收政府信息公开申请数量"),
    (CARRIED_IN, "二、上年结转政府信息公开申请数量"),
    *[(outcome.code, outcome.label) for outcome in OUTCOMES],
    (TOTAL, "（七）总计"),
    (CARRIED_OVER, "四、结转下年度继续办理"),
]
TABLE3_ROW_KEYS = [key for key, _ in TABLE3_ROWS]
TABLE3_ROW_LABELS = dict(TABLE3_ROWS)
TABLE3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# --- Table 四: reconsideration and litigation ---------------------------------------------------
TABLE4_GROUPS = [
    ("reconsideration", "行政复议"),
    ("litigation_direct", "行政诉讼 未经复议直接起诉"),
    ("litigation_after", "行政诉讼 复议后起诉"),
]
TABLE4_GROUP_KEYS = [key for key, _ in TABLE4_GROUPS]
TABLE4_COLUMNS = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    (TOTAL, "总计"),
]
TABLE4_RESULT_KEYS = [key for key, _ in TABLE4_COLUMNS if key != TOTAL]
TABLE4_COLUMN_LABELS = dict(TABLE4_COLUMNS)


def every_label():
    """Every row, column and block label of the three tables, for export tests and checks of completeness."""
    labels = [title for _, title in SECTIONS]
    for heading, rows, columns in TABLE2_BLOCKS:
        labels.append(heading)
        labels += [label for _, label in rows]
        labels += [TABLE2_COLUMN_LABELS[c] for c in columns]
    labels += [label for _, label in TABLE3_ROWS] + [label for _, label in TABLE3_COLUMNS]
    labels += [TABLE3_COLUMN_GROUP, TABLE3_NOTE, RESULTS_HEADING]
    labels += [label for _, label in TABLE4_GROUPS] + [label for _, label in TABLE4_COLUMNS]
    return list(dict.fromkeys(labels))


def describe_cell(table, row, column):
    if table == "table2":
        return f"表二 {TABLE2_ROW_LABELS.get(row, row)} {TABLE2_COLUMN_LABELS.get(column, column)}"
    if table == "table3":
        return f"表三 {TABLE3_ROW_LABELS.get(row, row)} {dict(TABLE3_COLUMNS).get(column, column)}"
    return f"表四 {dict(TABLE4_GROUPS).get(row, row)} {TABLE4_COLUMN_LABELS.get(column, column)}"
