"""From a legacy register to table 三: `import_register FILE` then `annual_report 2025 --json` (RULES.md §4).

fixtures/register_2024_2025.csv holds 26 applications of 2024 and 2025 written the way a register is
kept by hand: Chinese headers, applicant types and outcomes as codes, table labels or short names, dates
in several forms. The expected table 三 of 2025 below was counted by hand from the file.
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from gongkai.annualreport.tests.official import COLUMN_ORDER, ROW_ORDER, table3
from gongkai.applications.models import DisclosureApplication
from gongkai.applications.tests.conftest import _calendar_around_today  # noqa: F401 — open cases' due dates

REGISTER = Path(__file__).parent / "fixtures" / "register_2024_2025.csv"


# 2025, counted by hand from the register:
# - new: DJ2025-001..019 — 自然人 001 002 003 009 011 014 015 016; 商业企业 004 005 013; 科研机构 007 017;
#   社会公益组织 006 012; 法律服务机构 008 019; 其他 010 018.
# - carried in: DJ2024-003 (自然人), -004 (法律服务机构), -005 (科研机构), -006 (商业企业, still open);
#   DJ2024-007 was closed on 31 December 2024.
# - results: the 2024 three replied in 2025 and DJ2025-001..015 (DJ2025-015 on 31 December).
# - carried over: DJ2024-006, DJ2025-016..019.
NONZERO_2025 = {
    "new":                        (8, 3, 2, 2, 2, 2, 19),
    "carried_in":                 (1, 1, 1, 0, 1, 0, 4),
    "disclosed":                  (3, 0, 0, 1, 0, 0, 4),
    "partial":                    (1, 1, 0, 0, 0, 0, 2),
    "withheld.third_party":       (0, 0, 0, 1, 1, 0, 2),
    "withheld.process_info":      (0, 1, 0, 0, 0, 0, 1),
    "withheld.enforcement_file":  (1, 0, 0, 0, 0, 0, 1),
    "unavailable.not_held":       (1, 0, 1, 0, 0, 0, 2),
    "unavailable.needs_creation": (0, 0, 1, 0, 0, 0, 1),
    "not_processed.petition":     (0, 0, 0, 0, 1, 0, 1),
    "not_processed.confirmation": (1, 0, 0, 0, 0, 0, 1),
    "other.correction_overdue":   (1, 0, 0, 0, 0, 0, 1),
    "other.fee_unpaid":           (0, 1, 0, 0, 0, 0, 1),
    "other.other":                (0, 0, 0, 0, 0, 1, 1),
    "total":                      (8, 3, 2, 2, 2, 1, 18),
    "carried_over":               (1, 1, 1, 0, 1, 1, 5),
}
EXPECTED_TABLE3_2025 = table3(NONZERO_2025)


def annual_report_json(year):
    out = StringIO()
    call_command("annual_report", str(year), "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def imported(db):
    out, err = StringIO(), StringIO()
    call_command("import_register", str(REGISTER), stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert "共 26 件申请，其中已办结 21 件，尚在办理 5 件" in out.getvalue()
    return out.getvalue()


def test_the_register_is_imported_whole(imported):
    assert DisclosureApplication.objects.filter(imported=True).count() == 26
    assert DisclosureApplication.objects.get(number="DJ2024-004").outcome == "withheld.third_party"
    assert DisclosureApplication.objects.get(number="DJ2025-007").outcome == "unavailable.not_held"
    assert DisclosureApplication.objects.get(number="DJ2025-014").outcome == "withheld.enforcement_file"


def test_annual_report_json_reproduces_the_hand_computed_table3(imported):
    data = annual_report_json(2025)
    assert data["year"] == 2025
    table3 = data["table3"]
    assert list(table3) == ROW_ORDER
    assert all(list(cells) == COLUMN_ORDER for cells in table3.values())
    wrong = [f"{row}/{column}: expected {EXPECTED_TABLE3_2025[row][column]}, computed {table3[row][column]}"
             for row in ROW_ORDER for column in COLUMN_ORDER
             if table3[row][column] != EXPECTED_TABLE3_2025[row][column]]
    assert wrong == []


def test_the_imported_year_passes_every_check_but_the_figures_staff_must_enter(imported):
    data = annual_report_json(2025)
    assert set(data) == {"year", "table3", "table2", "table4", "checks"}
    assert all(set(check) == {"rule", "ok"} for check in data["checks"])
    assert [check["rule"] for check in data["checks"] if not check["ok"]] == ["table2.entered"]
    assert data["table4"] == {group: {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0}
                              for group in ("reconsideration", "litigation_direct", "litigation_after")}


def test_last_years_carried_over_is_this_years_carried_in(imported):
    last, this = annual_report_json(2024), annual_report_json(2025)
    assert last["table3"]["carried_over"] == this["table3"]["carried_in"]
    # 2024, by hand: new DJ2024-001..007, none carried in, results 001 002 007, carried over 003..006
    assert last["table3"]["new"] == {"natural_person": 2, "business": 2, "research": 1, "public_interest": 0,
                                     "legal_service": 1, "other_org": 1, "total": 7}
    assert last["table3"]["total"] == {"natural_person": 1, "business": 1, "research": 0, "public_interest": 0,
                                       "legal_service": 0, "other_org": 1, "total": 3}
