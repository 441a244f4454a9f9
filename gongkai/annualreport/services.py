"""State changes of the annual report, and the report as read (RULES.md §4).

Each do_* function checks who may do it, runs in one transaction and writes an audit entry; a
refused step raises Refused (or PermissionDenied) with a Chinese message and changes nothing.

Workflow: 编写中 (draft) → 待审核 (submitted) → 已发布 (published), or back to 已退回修改 (returned).
Approval publishes: the report is frozen (snapshot) and becomes a record of government
information in the catalogue (category 年度报告 under Art. 20 item (十五)), drafted by the person who
submitted it and approved by the reviewer through the records' own review (disclosure.services).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.annualreport import checks as report_checks
from gongkai.annualreport import compute, drafting, permissions, summary
from gongkai.annualreport import labels as L
from gongkai.annualreport.models import (
    EDITABLE_STATUSES,
    PUBLISHED,
    RETURNED,
    SUBMITTED,
    Adjustment,
    AnnualReport,
    ReportDecision,
)
from gongkai.audit.services import record as audit
from gongkai.disclosure import services as record_services
from gongkai.disclosure.models import Category
from gongkai.disclosure.workflow import TransitionRefused
from gongkai.organisation.models import Agency

ENTERED_FIELDS = {
    "licensing": ("licensing_decisions", "licensing_source"),
    "penalty": ("penalty_decisions", "penalty_source"),
    "coercion": ("coercion_decisions", "coercion_source"),
    "fees": ("fees_amount", "fees_source"),
}
TEXT_FIELDS = ("section1", "section5", "section6")
CHECKLIST = record_services.CHECKLIST
FIRST_YEAR = 2008  # the first year of annual reports under the 2007 Regulation


class Refused(Exception):
    """A step that the rules do not allow; the message is shown to the user as it is."""


def _require(allowed, message="您没有权限执行此操作。"):
    if not allowed:
        raise PermissionDenied(message)


def _editable(report):
    if report.status not in EDITABLE_STATUSES:
        raise Refused(f"{report.year} 年度报告{report.get_status_display()}，不能再修改。"
                      + ("如需修改，请由审核人退回。" if report.status == SUBMITTED else ""))


def check_year(year, today=None):
    """A report year: a finished calendar year, or the current one (in progress)."""
    today = today or timezone.localdate()
    if not isinstance(year, int) or year < FIRST_YEAR or year > today.year:
        raise Refused(f"年度应在 {FIRST_YEAR} 年至 {today.year} 年之间。")
    return year


def report_for(year, *, create=True):
    """The report of a year (created, without an audit entry, on first use: it holds nothing yet)."""
    check_year(year)
    if create:
        return AnnualReport.objects.get_or_create(year=year)[0]
    return AnnualReport.objects.filter(year=year).first()


# --- the report as read ---------------------------------------------------------------------

def _previous(year):
    """Last year's 四 (carried over) and case numbers: from its published report, else from the data."""
    published = AnnualReport.objects.filter(year=year - 1, status=PUBLISHED).first()
    if published is not None and published.snapshot:
        snap = published.snapshot
        return snap["table3"][L.CARRIED_OVER], snap.get("carried_over_numbers", []), f"已发布的 {year - 1} 年度报告"
    if year - 1 < FIRST_YEAR:
        return None, [], ""
    report = AnnualReport.objects.filter(year=year - 1).first()
    adjustments = report.adjustments.filter(cancelled_at__isnull=True) if report else ()
    last = compute.tables(year - 1, report, adjustments)
    return last["table3"][L.CARRIED_OVER], compute.carried_over_numbers(year - 1), f"按现有数据计算的 {year - 1} 年度"


def build(report):
    """The report in machine form (RULES.md §4 shape) with checks and what explains them.

    A published report is read from its snapshot: it never changes after publication.
    """
    if report.status == PUBLISHED and report.snapshot:
        return report.snapshot
    year = report.year
    adjustments = list(report.adjustments.filter(cancelled_at__isnull=True)) if report.pk else []
    data = compute.tables(year, report, adjustments)
    data = {"year": year, "table2": data["table2"], "table3": compute.order_table3(data["table3"]),
            "table4": data["table4"]}
    previous_row, previous_numbers, source = _previous(year)
    results = report_checks.run(data, previous_row, source or "上年度报告")
    problems = compute.table3_problems(year)
    results += _problem_checks(problems)
    data["checks"] = [check.as_dict() for check in results]
    carried_in = compute.carried_in_numbers(year)
    if previous_row is not None:
        data["carried_in_explanation"] = compute.explain_carried_in(previous_numbers, carried_in)
    data["carried_over_numbers"] = compute.carried_over_numbers(year)
    data["sources"] = {row: getattr(report, ENTERED_FIELDS[row][1]) for row in L.TABLE2_ENTERED_ROWS}
    return data


def _problem_checks(problems):
    texts = {
        "no_outcome": "本年办结但没有有效办理结果的申请",
        "unknown_applicant_type": "申请人类型无法归入六类的申请",
        "concluded_before_receipt": "答复日期早于收到申请日期的申请",
    }
    results = []
    for key, text in texts.items():
        numbers = problems[key]
        ok = not numbers
        message = f"没有{text}。" if ok else f"{text}：{'、'.join(numbers)}。请核对这些申请的登记信息。"
        results.append(report_checks.Check(f"data.{key}", ok, message))
    return results


def machine_form(data):
    """Exactly the stable shape of RULES.md §4: year, table3, table2, table4, checks (rule, ok)."""
    return {
        "year": data["year"],
        "table3": data["table3"],
        "table2": data["table2"],
        "table4": data["table4"],
        "checks": [{"rule": check["rule"], "ok": check["ok"]} for check in data["checks"]],
    }


def failed_errors(data):
    return [c for c in data["checks"] if not c["ok"] and c["severity"] == report_checks.ERROR]


# --- editing ------------------------------------------------------------------------------------

def _parse_entered(row, raw_value):
    if raw_value in (None, ""):
        return None
    text = str(raw_value).strip().replace(",", "").replace("，", "")
    if row == "fees":
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise Refused("“行政事业性收费”的金额请填写数字（单位：万元，最多四位小数）。") from None
        if value < 0 or value.as_tuple().exponent < -4 or value >= Decimal("100000000"):
            raise Refused("“行政事业性收费”的金额应为不小于 0 的数字，单位万元，最多四位小数。")
        return value
    if not text.isdigit():
        raise Refused(f"“{L.TABLE2_ROW_LABELS[row]}”的处理决定数量请填写不小于 0 的整数。")
    value = int(text)
    if value > 10_000_000:
        raise Refused(f"“{L.TABLE2_ROW_LABELS[row]}”的数量过大，请核对。")
    return value


@transaction.atomic
def do_save_figures(user, report, values):
    """Table 二 figures of Art. 20 items (五), (六), (八): {row: (value, source)}; each with a source note."""
    _require(permissions.can_write(user), "只有政务公开办可以编写年度报告。")
    _editable(report)
    before = {field: getattr(report, field) for pair in ENTERED_FIELDS.values() for field in pair}
    for row, (value_field, source_field) in ENTERED_FIELDS.items():
        raw_value, source = values.get(row, (None, ""))
        value = _parse_entered(row, raw_value)
        source = (source or "").strip()
        if value is not None and not source:
            raise Refused(f"请注明“{L.TABLE2_ROW_LABELS[row]}”数字的来源（例如：行政许可办理系统年度统计）。")
        if len(source) > 200:
            raise Refused("数据来源说明请不要超过 200 个字。")
        setattr(report, value_field, value)
        setattr(report, source_field, source)
    report.save()
    after = {field: getattr(report, field) for pair in ENTERED_FIELDS.values() for field in pair}
    audit("annualreport.figures", actor=user, obj=report, before=before, after=after,
          summary=f"填写 {report.year} 年度报告表二数字")
    return report


@transaction.atomic
def do_add_adjustment(user, report, *, table, row, column, delta, reason):
    _require(permissions.can_write(user), "只有政务公开办可以调整年度报告。")
    _editable(report)
    if (table, row, column) not in compute.adjustable_cells():
        raise Refused("只能调整由系统计算的单元格，合计由系统自动计算，不能调整。")
    try:
        delta = int(str(delta).strip())
    except (TypeError, ValueError):
        raise Refused("调整数请填写整数，可以为负数（例如 -2）。") from None
    if delta == 0 or abs(delta) > 100_000:
        raise Refused("调整数不能为 0，也不应超过 100000。")
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise Refused("请写明调整理由（至少 5 个字），例如线下办理、未录入平台的申请。")
    adjustment = Adjustment.objects.create(report=report, table=table, row=row, column=column, delta=delta,
                                           reason=reason, created_by=user)
    audit("annualreport.adjust", actor=user, obj=report,
          after={"adjustment": adjustment.pk, "table": table, "row": row, "column": column, "delta": delta,
                 "reason": reason},
          summary=f"人工调整 {report.year} 年度报告（{L.describe_cell(table, row, column)} {delta:+d}）")
    return adjustment


@transaction.atomic
def do_cancel_adjustment(user, adjustment, reason):
    _require(permissions.can_write(user), "只有政务公开办可以调整年度报告。")
    report = adjustment.report
    _editable(report)
    if adjustment.cancelled_at is not None:
        raise Refused("这条调整已经撤销。")
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise Refused("请写明撤销理由。")
    adjustment.cancelled_at, adjustment.cancelled_by, adjustment.cancel_reason = timezone.now(), user, reason
    adjustment.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    audit("annualreport.adjust_cancel", actor=user, obj=report, after={"adjustment": adjustment.pk, "reason": reason},
          summary=f"撤销人工调整（{L.describe_cell(adjustment.table, adjustment.row, adjustment.column)} "
                  f"{adjustment.delta:+d}）")
    return adjustment


@transaction.atomic
def do_save_text(user, report, texts):
    _require(permissions.can_write(user), "只有政务公开办可以编写年度报告。")
    _editable(report)
    before = {field: getattr(report, field) for field in TEXT_FIELDS}
    for field in TEXT_FIELDS:
        if field in texts:
            value = (texts[field] or "").replace("\r\n", "\n").strip()
            if len(value) > 20_000:
                raise Refused(f"“{L.SECTION_TITLES[field]}”太长了，请控制在 20000 字以内。")
            setattr(report, field, value)
    report.save()
    audit("annualreport.text", actor=user, obj=report, before=before,
          after={field: getattr(report, field) for field in TEXT_FIELDS},
          summary=f"修改 {report.year} 年度报告正文")
    return report


def drafts(report, data=None):
    """The platform's drafts of sections 一 and 六 for this report."""
    data = data or build(report)
    figures = summary.figures(report.year, data["table3"])
    agency = Agency.current()
    name = agency.name if agency else "本机关"
    return {"section1": drafting.section1(name, figures), "section6": drafting.section6(figures)}


@transaction.atomic
def do_draft_text(user, report, sections=("section1", "section6")):
    """Replace sections 一 and/or 六 with the platform's draft (the view confirms before overwriting)."""
    _require(permissions.can_write(user), "只有政务公开办可以编写年度报告。")
    _editable(report)
    suggested = drafts(report)
    return do_save_text(user, report, {field: suggested[field] for field in sections if field in suggested})


# --- review and publication ------------------------------------------------------------------------

@transaction.atomic
def do_submit(user, report, today=None):
    _require(permissions.can_write(user), "只有政务公开办可以提交年度报告。")
    _editable(report)
    today = today or timezone.localdate()
    if report.year >= today.year:
        raise Refused(f"{report.year} 年还没有结束，年度报告要在次年 1 月 1 日以后才能提交。")
    data = build(report)
    failed = failed_errors(data)
    if failed:
        raise Refused("以下检查没有通过，请先处理：" + "；".join(check["message"] for check in failed))
    empty = [L.SECTION_TITLES[field] for field in TEXT_FIELDS if not getattr(report, field).strip()]
    if empty:
        raise Refused(f"请先填写：{'、'.join(empty)}。")
    report.status, report.submitted_by, report.submitted_at = SUBMITTED, user, timezone.now()
    report.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    audit("annualreport.submit", actor=user, obj=report, summary=f"提交 {report.year} 年度报告审核")
    return report


def _require_reviewer(user, report):
    _require(permissions.can_review(user), "只有政务公开办所在部门的审核人、负责人或政务公开办可以审核年度报告。")
    if report.status != SUBMITTED:
        raise Refused(f"{report.year} 年度报告{report.get_status_display()}，不在待审核状态。")
    if report.submitted_by_id == user.pk:
        raise Refused("提交人不能审核自己提交的年度报告，请由另一位审核人审核。")


@transaction.atomic
def do_return(user, report, comment):
    _require_reviewer(user, report)
    comment = (comment or "").strip()
    if not comment:
        raise Refused("退回时请写明修改意见。")
    ReportDecision.objects.create(report=report, reviewer=user, approved=False, comment=comment)
    report.status = RETURNED
    report.save(update_fields=["status", "updated_at"])
    audit("annualreport.return", actor=user, obj=report, after={"comment": comment},
          summary=f"退回 {report.year} 年度报告")
    return report


def report_title(year):
    agency = Agency.current()
    return f"{agency.name if agency else ''}{year}年政府信息公开工作年度报告"


def render_body(data, report):
    """The report as HTML for the catalogue record (the same layout as the public page)."""
    return render_to_string("annualreport/export/body.html", {"data": data, "report": report,
                                                              "layout": layout(data)})


@transaction.atomic
def do_approve(user, report, *, checklist, comment="", now=None):
    """Approve and publish: freeze the report and put it in the catalogue as a record (条例 Art. 17)."""
    _require_reviewer(user, report)
    missing = [name for name in CHECKLIST if not checklist.get(name)]
    if missing:
        raise Refused("请完成审核清单：内容审查、时机审查、方式审查、保密审查。")
    agency = Agency.current()
    if agency is None or agency.ogi_department_id is None:
        raise Refused("请先由系统管理员在机构信息中指定政务公开办所在的部门。")
    data = build(report)
    failed = failed_errors(data)
    if failed:
        raise Refused("以下检查没有通过，不能发布：" + "；".join(check["message"] for check in failed))
    now = now or timezone.now()
    report.snapshot = {**data, "texts": {field: getattr(report, field) for field in TEXT_FIELDS},
                       "title": report_title(report.year), "agency_name": agency.name,
                       "published_on": timezone.localdate(now).isoformat()}
    drafter = report.submitted_by
    try:
        record = record_services.do_create_record(drafter, {
            "title": report.snapshot["title"], "department": agency.ogi_department,
            "category": Category.objects.get(code=L.ANNUAL_REPORT_CATEGORY),
            "issuing_body": agency.name, "formed_on": timezone.localdate(now), "attribute": "proactive",
            "kind": "document", "topics": "年度报告 政府信息公开",
            "summary": f"{agency.name}{report.year}年度政府信息公开工作情况，"
                       "含主动公开、依申请公开、行政复议和行政诉讼统计。",
            "body": render_body(report.snapshot, report),
        })
        record_services.do_submit(drafter, record)
        record = record_services.do_approve(user, record, checklist={name: True for name in CHECKLIST},
                                            comment=comment, now=now)
    except (TransitionRefused, PermissionDenied) as error:
        raise Refused(f"发布到政府信息公开目录时未能完成：{error}") from error
    ReportDecision.objects.create(report=report, reviewer=user, approved=True, comment=comment)
    report.status, report.approved_by, report.published_at, report.record = PUBLISHED, user, now, record
    report.snapshot["index_number"] = record.index_number
    report.save()
    audit("annualreport.publish", actor=user, obj=report,
          after={"record": record.pk, "index_number": record.index_number, "comment": comment},
          summary=f"审核通过并发布 {report.year} 年度报告（索引号 {record.index_number}）")
    return report


# --- layout for the templates and exports -------------------------------------------------------------

def layout(data):
    """Rows ready to print, in the official order, for the web page and every export."""
    table2 = []
    for heading, rows, columns in L.TABLE2_BLOCKS:
        table2.append({
            "heading": heading, "columns": [L.TABLE2_COLUMN_LABELS[c] for c in columns], "span": 3 // len(columns),
            "rows": [{"label": label, "cells": [data["table2"][key][c] for c in columns]} for key, label in rows],
        })
    table3 = [{"key": key, "label": label, "cells": [data["table3"][key][c] for c in L.TABLE3_COLUMN_KEYS],
               "outcome": key in L.OUTCOME_CODES} for key, label in L.TABLE3_ROWS]
    table4 = [data["table4"][group][column] for group in L.TABLE4_GROUP_KEYS for column, _ in L.TABLE4_COLUMNS]
    return {"table2": table2, "table3": table3, "table4": table4}


def reminder(today=None):
    """The back-office reminder about last year's report (RULES.md §4: publish by 31 January).

    From 1 January until the report is published: a reminder; from 20 January: a warning; after
    31 January: overdue. None once it is published (or outside January when it was published).
    """
    today = today or timezone.localdate()
    year = today.year - 1
    report = AnnualReport.objects.filter(year=year).first()
    if report is not None and report.status == PUBLISHED:
        return None
    deadline = dt.date(today.year, 1, 31)
    status = report.get_status_display() if report else "尚未开始编写"
    if today > deadline:
        level = "overdue"
        text = f"{year} 年度政府信息公开工作年度报告应于 1 月 31 日前发布，现已逾期（当前状态：{status}）。"
    elif today >= dt.date(today.year, 1, 20):
        level = "warning"
        text = (f"{year} 年度政府信息公开工作年度报告须在 1 月 31 日前发布，还剩 {(deadline - today).days} 天"
                f"（当前状态：{status}）。")
    else:
        level = "reminder"
        text = f"请开始编写 {year} 年度政府信息公开工作年度报告，1 月 31 日前发布（当前状态：{status}）。"
    return {"level": level, "year": year, "text": text}

