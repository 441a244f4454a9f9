"""Tables 二, 三 and 四 of one year, computed from the data (RULES.md §4).

Each table is a handful of aggregate queries (a site may hold 100,000 applications a year): nothing
is loaded row by row. The definitions, for a year Y (1 January .. 31 December):

Table 三 — applications that count: every application with a receipt date (条例 Art. 31), except
letters classified as not being disclosure applications and passed on (they are not applications).
- 一 new: received in Y.
- 二 carried in: received before Y and not concluded on 1 January (concluded in Y or later, or open).
- 三 results: concluded in Y, by outcome code (RULES.md §3.3); （七） is the sum of the 21 rows.
- 四 carried over: received in or before Y and not concluded by 31 December.
A correction (补正) restarts the clock but not the receipt date: the case counts as new in the year
it was first received, and is carried over when the corrected application arrives next year.

Table 四 — reconsideration and litigation filed in Y, each with its result as at 31 December (a
decision after the year end counts as 尚未审结), so a published report never changes afterwards.

Table 二 — records in the sub-categories 规章 and 行政规范性文件 of Art. 20 item (一):
- 本年制发: the document's date (生成日期) is in Y and it has been published;
- 本年废止: declared abolished or expired (废止/失效), with the date of the change in Y;
- 现行有效: published, dated on or before 31 December, and not abolished, expired or replaced by a
  revision by then.
Licensing, penalty, coercion and fee figures are entered by staff with a source note.

Adjustments are added to the computed cells of the rows they name; totals are derived afterwards.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q

from gongkai.annualreport import labels as L
from gongkai.applications.choices import KIND_PASSED_ON
from gongkai.applications.models import DisclosureApplication, Remedy
from gongkai.disclosure import workflow
from gongkai.disclosure.models import Category, InformationRecord


def year_bounds(year):
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def counted_applications():
    """The applications table 三 counts (see the module docstring)."""
    return DisclosureApplication.objects.filter(received_on__isnull=False).exclude(kind=KIND_PASSED_ON)


def _empty_table3():
    return {row: {column: 0 for column in L.TABLE3_COLUMN_KEYS} for row in L.TABLE3_ROW_KEYS}


def carried_in_filter(year):
    first, _ = year_bounds(year)
    return Q(received_on__lt=first) & (Q(concluded_on__isnull=True) | Q(concluded_on__gte=first))


def carried_over_filter(year):
    _, last = year_bounds(year)
    return Q(received_on__lte=last) & (Q(concluded_on__isnull=True) | Q(concluded_on__gt=last))


def table3_cells(year):
    """Raw counts by row and applicant column, before adjustments and totals."""
    first, last = year_bounds(year)
    base = counted_applications()
    table = _empty_table3()
    row_filters = {
        L.NEW: Q(received_on__range=(first, last)),
        L.CARRIED_IN: carried_in_filter(year),
        L.CARRIED_OVER: carried_over_filter(year),
    }
    for row, condition in row_filters.items():
        for item in base.filter(condition).values("applicant_type").annotate(n=Count("pk")).order_by():
            if item["applicant_type"] in table[row]:
                table[row][item["applicant_type"]] = item["n"]
    results = (base.filter(concluded_on__range=(first, last)).values("outcome", "applicant_type")
               .annotate(n=Count("pk")).order_by())
    for item in results:
        if item["outcome"] in L.OUTCOME_CODES and item["applicant_type"] in L.APPLICANT_KEYS:
            table[item["outcome"]][item["applicant_type"]] = item["n"]
    return table


def table3_problems(year):
    """Cases the table cannot place: concluded in Y without a valid outcome, or concluded before receipt."""
    first, last = year_bounds(year)
    base = counted_applications()
    no_outcome = base.filter(concluded_on__range=(first, last)).exclude(outcome__in=L.OUTCOME_CODES)
    wrong_type = base.filter(Q(received_on__range=(first, last)) | carried_in_filter(year)).exclude(
        applicant_type__in=L.APPLICANT_KEYS)
    backwards = base.filter(concluded_on__lt=F("received_on")).filter(
        Q(received_on__range=(first, last)) | Q(concluded_on__range=(first, last)))
    return {
        "no_outcome": list(no_outcome.values_list("number", flat=True)[:50]),
        "unknown_applicant_type": list(wrong_type.values_list("number", flat=True)[:50]),
        "concluded_before_receipt": list(backwards.values_list("number", flat=True)[:50]),
    }


def carried_over_numbers(year):
    return list(counted_applications().filter(carried_over_filter(year)).order_by("number")
                .values_list("number", flat=True))


def carried_in_numbers(year):
    return list(counted_applications().filter(carried_in_filter(year)).order_by("number")
                .values_list("number", flat=True))


def table4_cells(year):
    first, last = year_bounds(year)
    table = {group: {column: 0 for column in L.TABLE4_RESULT_KEYS} for group in L.TABLE4_GROUP_KEYS}
    remedies = Remedy.objects.filter(filed_on__range=(first, last))
    for item in remedies.values("kind", "result", "decided_on"):
        if item["kind"] not in table:
            continue
        decided = item["decided_on"] is not None and item["decided_on"] <= last and item["result"] != "pending"
        result = item["result"] if decided and item["result"] in table[item["kind"]] else "pending"
        table[item["kind"]][result] += 1
    return table


def table2_record_cells(year):
    """Table 二's record rows: one pass over the records of the two sub-categories, three counts each."""
    first, last = year_bounds(year)
    rows = {L.RULES_CATEGORY: "rules", L.NORMATIVE_CATEGORY: "normative"}
    code_of = dict(Category.objects.filter(code__in=rows).values_list("pk", "code"))
    published = Q(status__in=(workflow.PUBLISHED, workflow.WITHDRAWN))
    counts = (
        InformationRecord.objects.filter(revision_of__isnull=True, category__in=code_of)
        .values("category")
        .annotate(
            issued=Count("pk", filter=published & Q(formed_on__range=(first, last))),
            abolished=Count("pk", filter=published & Q(validity__in=("abolished", "expired"),
                                                        changed_on__range=(first, last))),
            in_force=Count("pk", filter=Q(status=workflow.PUBLISHED, formed_on__lte=last)
                           & (Q(validity="valid") | Q(changed_on__gt=last))),
        )
        .order_by()
    )
    cells = {row: {L.ISSUED: 0, L.ABOLISHED: 0, L.IN_FORCE: 0} for row in rows.values()}
    for item in counts:
        cells[rows[code_of[item["category"]]]] = {
            L.ISSUED: item["issued"], L.ABOLISHED: item["abolished"], L.IN_FORCE: item["in_force"],
        }
    return cells


def table2_cells(year, report=None):
    cells = table2_record_cells(year)
    entered = {
        "licensing": (L.DECISIONS, "licensing_decisions"),
        "penalty": (L.DECISIONS, "penalty_decisions"),
        "coercion": (L.DECISIONS, "coercion_decisions"),
        "fees": (L.AMOUNT, "fees_amount"),
    }
    for row, (column, field) in entered.items():
        value = getattr(report, field, None) if report is not None else None
        if value is not None and column == L.AMOUNT:
            value = float(value)
        cells[row] = {column: value}
    return cells


def adjustable_cells():
    """(table, row, column) cells an adjustment may name: raw cells only, never a derived total."""
    cells = set()
    for row in L.TABLE2_COMPUTED_ROWS:
        cells |= {("table2", row, column) for column in L.TABLE2_COLUMNS_OF[row]}
    for row in L.TABLE3_ROW_KEYS:
        if row != L.TOTAL:
            cells |= {("table3", row, column) for column in L.APPLICANT_KEYS}
    for group in L.TABLE4_GROUP_KEYS:
        cells |= {("table4", group, column) for column in L.TABLE4_RESULT_KEYS}
    return cells


def apply_adjustments(tables, adjustments):
    """Add each active adjustment to its cell (tables: {"table2": ..., "table3": ..., "table4": ...})."""
    allowed = adjustable_cells()
    for adjustment in adjustments:
        key = (adjustment.table, adjustment.row, adjustment.column)
        if key in allowed:
            tables[adjustment.table][adjustment.row][adjustment.column] += adjustment.delta
    return tables


def derive_totals(tables):
    """The derived cells: table 三's 总计 column and （七） row, table 四's 总计."""
    table3 = tables["table3"]
    for row in L.TABLE3_ROW_KEYS:
        if row != L.TOTAL:
            table3[row][L.TOTAL] = sum(table3[row][column] for column in L.APPLICANT_KEYS)
    for column in L.TABLE3_COLUMN_KEYS:
        table3[L.TOTAL][column] = sum(table3[code][column] for code in L.OUTCOME_CODES)
    for group in L.TABLE4_GROUP_KEYS:
        cells = tables["table4"][group]
        cells[L.TOTAL] = sum(cells[key] for key in L.TABLE4_RESULT_KEYS)
    return tables


def tables(year, report=None, adjustments=()):
    """The three tables in machine form, adjustments applied, totals derived."""
    computed = {"table2": table2_cells(year, report), "table3": table3_cells(year), "table4": table4_cells(year)}
    return derive_totals(apply_adjustments(computed, adjustments))


def order_table3(table3):
    """Rows and columns in the official order (JSON consumers read them in this order)."""
    return {row: {column: table3[row][column] for column in L.TABLE3_COLUMN_KEYS} for row in L.TABLE3_ROW_KEYS}


def explain_carried_in(last_year_numbers, this_year_numbers):
    """The cases behind a difference between last year's 四 and this year's 二."""
    last, this = set(last_year_numbers), set(this_year_numbers)
    return {"missing_this_year": sorted(last - this), "new_this_year": sorted(this - last)}

