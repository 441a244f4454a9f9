"""`manage.py annual_report YEAR [--json] [--format pdf|docx|xlsx --output PATH]` (DESIGN.md, RULES.md §4)."""

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai.annualreport import labels as L
from gongkai.annualreport import services
from gongkai.annualreport.models import AnnualReport
from gongkai.annualreport.tests.conftest import make_application
from gongkai.applications.tests.conftest import _calendar_around_today  # noqa: F401 — autouse fixture
from gongkai.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("annual_report", *args, stdout=out)
    return out.getvalue()


def test_json_is_the_stable_machine_form(filled_report):
    printed = json.loads(run("2025", "--json"))
    assert printed == services.machine_form(services.build(filled_report))
    assert list(printed) == ["year", "table3", "table2", "table4", "checks"]
    assert printed["year"] == 2025
    assert list(printed["table3"]) == L.TABLE3_ROW_KEYS and len(printed["table3"]) == 25
    assert {"new", "carried_in", "total", "carried_over", *L.OUTCOME_CODES} == set(printed["table3"])
    for row in printed["table3"].values():
        assert list(row) == ["natural_person", "business", "research", "public_interest", "legal_service",
                             "other_org", "total"]
        assert all(isinstance(value, int) for value in row.values())
    assert set(printed["table4"]) == {"reconsideration", "litigation_direct", "litigation_after"}
    for group in printed["table4"].values():
        assert list(group) == ["upheld", "corrected", "other", "pending", "total"]
    assert set(printed["table2"]) == {"rules", "normative", "licensing", "penalty", "coercion", "fees"}
    assert printed["table2"]["fees"] == {"amount": 1.25}
    assert printed["checks"] and all(set(check) == {"rule", "ok"} for check in printed["checks"])
    assert printed["table3"]["new"]["total"] == 10 and printed["table3"]["carried_over"]["total"] == 2


def test_json_keeps_chinese_readable_and_is_indented(annual_data):
    output = run("2025", "--json")
    assert output.startswith("{\n  \"year\": 2025,")
    assert "\\u" not in output


def test_json_of_a_published_report_is_its_snapshot(published_report):
    before = run("2025", "--json")
    make_application("research", dt.date(2025, 4, 1), dt.date(2025, 4, 20), "disclosed")
    assert run("2025", "--json") == before


def test_failed_checks_are_printed_not_an_error(annual_data):
    printed = json.loads(run("2025", "--json"))  # the table 二 figures are not entered yet
    entered = next(check for check in printed["checks"] if check["rule"] == "table2.entered")
    assert entered["ok"] is False


def test_xlsx_export_writes_a_workbook_and_prints_its_path(filled_report, tmp_path):
    import openpyxl

    target = tmp_path / "report.xlsx"
    output = run("2025", "--format", "xlsx", "--output", str(target))
    assert output.strip() == str(target.resolve())
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["表二", "表三", "表四", "检查结果"]
    assert book["表三"]["A3"].value == L.TABLE3_NOTE


@pytest.mark.parametrize("fmt, magic", [("pdf", b"%PDF"), ("docx", b"PK")])
def test_pdf_and_word_exports_write_files(filled_report, tmp_path, fmt, magic):
    target = tmp_path / f"report.{fmt}"
    run("2025", "--format", fmt.upper(), "--output", str(target))
    assert target.read_bytes().startswith(magic)


def test_an_output_folder_gets_the_report_file_name(filled_report, tmp_path):
    output = run("2025", "--format", "xlsx", "--output", str(tmp_path))
    assert output.strip().endswith("2025年政府信息公开工作年度报告（草稿）.xlsx")
    assert (tmp_path / "2025年政府信息公开工作年度报告（草稿）.xlsx").exists()


def test_format_without_output_fails_with_a_chinese_message(annual_data):
    with pytest.raises(CommandError, match="请用 --output 指定保存路径"):
        run("2025", "--format", "pdf")


def test_output_without_format_and_unknown_format_fail_clearly(annual_data, tmp_path):
    with pytest.raises(CommandError, match="--output 需要和 --format 一起使用"):
        run("2025", "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="不支持的导出格式“odt”"):
        run("2025", "--format", "odt", "--output", str(tmp_path / "x.odt"))
    with pytest.raises(CommandError, match="--json 和 --format 不能同时使用"):
        run("2025", "--json", "--format", "pdf", "--output", str(tmp_path / "x.pdf"))
    assert not list(tmp_path.iterdir())


def test_a_missing_folder_fails_clearly(annual_data, tmp_path):
    with pytest.raises(CommandError, match="文件夹不存在"):
        run("2025", "--format", "xlsx", "--output", str(tmp_path / "nowhere" / "report.xlsx"))


@pytest.mark.parametrize("year", ["1999", "2999", "0"])
def test_a_year_out_of_range_fails_with_the_services_message(db, year):
    with pytest.raises(CommandError) as error:
        run(year, "--json")
    assert str(error.value).startswith("年度应在 2008 年至")
    assert not AnnualReport.objects.exists()


@pytest.mark.parametrize("year", ["abc", "2025年", "-1"])
def test_a_year_that_is_not_a_number_fails_clearly(db, year):
    with pytest.raises(CommandError, match="不是有效的年份"):
        run(year)


def test_the_summary_prints_every_row_with_its_total_and_every_check(filled_report):
    output = run("2025")
    data = services.build(filled_report)
    assert services.report_title(2025) in output
    for key, label in L.TABLE3_ROWS:
        assert f"{label}：{data['table3'][key]['total']}（" in output
    assert L.RESULTS_HEADING in output
    for check in data["checks"]:
        mark = "✓" if check["ok"] else "✗"
        assert f"{mark} {check['rule']}" in output
        assert check["message"] in output
    assert "行政事业性收费：本年收费金额（单位：万元） 1.25" in output
    assert "行政诉讼 复议后起诉：结果维持 0，结果纠正 0，其他结果 0，尚未审结 1，总计 1" in output


def test_the_summary_marks_failed_checks(annual_data):
    output = run("2025")
    assert "✗ table2.entered：尚未填写：行政许可、行政处罚、行政强制、行政事业性收费。" in output


def test_the_command_writes_no_audit_entry(filled_report, tmp_path):
    count = AuditEntry.objects.count()
    run("2025")
    run("2025", "--json")
    run("2025", "--format", "xlsx", "--output", str(tmp_path / "r.xlsx"))
    run("2024", "--json")  # creates the empty 2024 report row, silently
    assert AuditEntry.objects.count() == count
    assert AnnualReport.objects.filter(year=2024).exists()
