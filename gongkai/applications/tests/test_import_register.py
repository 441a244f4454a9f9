"""`python manage.py import_register FILE`: a legacy register of applications, all rows or none (DESIGN.md)."""

import datetime as dt
from collections import Counter
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from gongkai.applications import choices, outcomes
from gongkai.applications.models import DisclosureApplication, Event
from gongkai.audit.models import AuditEntry

HEADER = ["number", "applicant_type", "received_on", "concluded_on", "outcome"]
TYPES = [code for code, _ in choices.APPLICANT_TYPE_CHOICES]
TYPE_LABELS = dict(choices.APPLICANT_TYPE_CHOICES)


def every_case_rows():
    """One concluded row per outcome code and one open row per applicant type (dates in 2024–2025)."""
    rows = []
    for i, code in enumerate(outcomes.CODES):
        received = dt.date(2024, 3, 1) + dt.timedelta(days=7 * i)
        rows.append([f"LEGACY-2024-{i + 1:03d}", TYPES[i % len(TYPES)], received, received + dt.timedelta(days=20),
                     code])
    for i, code in enumerate(TYPES):
        rows.append([f"LEGACY-2025-{i + 1:03d}", code, dt.date(2025, 12, 1) + dt.timedelta(days=i), None, None])
    return rows


def write_csv(path, rows, header=HEADER, encoding="utf-8-sig"):
    def cell(value):
        if value is None:
            return ""
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    lines = [",".join(header)] + [",".join(cell(v) for v in row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def write_xlsx(path, rows, header=HEADER):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def run(path, *args):
    out, err = StringIO(), StringIO()
    call_command("import_register", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(path, *args):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as info:
        call_command("import_register", str(path), *args, stdout=out, stderr=err)
    assert info.value.returncode == 1
    return err.getvalue()


@pytest.fixture
def nothing_changes(db):
    """Asserts after the test that no application, event or import audit entry was written."""
    before = (DisclosureApplication.objects.count(), Event.objects.count())
    yield
    assert (DisclosureApplication.objects.count(), Event.objects.count()) == before
    assert not AuditEntry.objects.filter(action="application.imported").exists()


def assert_every_case_imported(file_name):
    imported = DisclosureApplication.objects.filter(imported=True)
    assert imported.count() == len(outcomes.CODES) + len(TYPES)
    concluded = imported.filter(concluded_on__isnull=False)
    assert Counter(concluded.values_list("outcome", flat=True)) == Counter(outcomes.CODES)
    assert Counter(imported.values_list("applicant_type", flat=True)) == Counter(
        {code: len(outcomes.CODES) // len(TYPES) + (1 if i < len(outcomes.CODES) % len(TYPES) else 0) + 1
         for i, code in enumerate(TYPES)})
    assert set(concluded.values_list("stage", flat=True)) == {choices.ARCHIVED}
    open_cases = imported.filter(concluded_on__isnull=True)
    assert set(open_cases.values_list("stage", flat=True)) == {choices.REGISTRATION}
    assert set(open_cases.values_list("outcome", flat=True)) == {""}
    first = imported.get(number="LEGACY-2024-001")
    assert (first.received_on, first.concluded_on, first.outcome) == (dt.date(2024, 3, 1), dt.date(2024, 3, 21),
                                                                       "disclosed")
    assert first.kind == choices.KIND_APPLICATION
    assert timezone.localtime(first.submitted_at).time() == dt.time(9, 0)
    assert timezone.localtime(first.submitted_at).date() == dt.date(2024, 3, 1)
    assert first.id_type == choices.OTHER_ID and first.id_number_cipher == "" and first.applicant_fingerprint == ""
    assert first.due_on == dt.date(2024, 3, 29)  # 20 WD after 2024-03-01
    codes = list(imported.values_list("tracking_code", flat=True))
    assert len(set(codes)) == len(codes) and all(len(c) == 10 for c in codes)
    assert Event.objects.filter(action="imported", summary__contains="从历史登记簿导入").count() == imported.count()
    entry = AuditEntry.objects.get(action="application.imported")
    assert entry.after["count"] == imported.count() and entry.after["file"] == file_name
    assert file_name in entry.summary


def test_a_csv_with_every_outcome_and_applicant_type(db, tmp_path):
    path = write_csv(tmp_path / "登记簿.csv", every_case_rows())
    out, err = run(path)
    assert err == ""
    assert_every_case_imported("登记簿.csv")
    assert f"共 {len(outcomes.CODES) + len(TYPES)} 件申请，其中已办结 {len(outcomes.CODES)} 件，尚在办理 6 件" in out
    assert "予以公开 1 件" in out and "逾期未缴费 1 件" in out and "自然人 5 件" in out


def test_an_xlsx_with_chinese_headers_labels_and_date_cells(db, tmp_path):
    rows = every_case_rows()
    for i, row in enumerate(rows):
        row[1] = TYPE_LABELS[row[1]]
        if row[4]:
            outcome = outcomes.BY_CODE[row[4]]
            row[4] = outcome.label if i % 2 else outcome.short  # full table 三 labels and short names
    header = ["申请编号", "申请人类型", "收到日期", "办结日期", "办理结果"]
    path = write_xlsx(tmp_path / "register.xlsx", rows, header=header)
    run(path)
    assert_every_case_imported("register.xlsx")


def test_a_csv_without_bom_with_labels_optional_columns_and_a_department(db, tmp_path, departments):
    header = ["申请编号", "申请人类型", "收到申请之日", "答复日期", "处理结果", "申请人", "申请方式", "所需信息",
              "承办部门", "联系电话", "载体形式", "获取途径"]
    rows = [
        ["HIS-1", "商业企业", "2025/3/5", "2025年3月20日", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
         "示范市某电动车有限公司", "网上申请", "2024 年电动自行车抽查结果", "quality", "0571-88886666", "电子文档",
         "电子邮件"],
        ["HIS-2", "自然人", "2025-11-03", "", "", "赵明", "平常信函", "食品抽检不合格名单", "食品生产安全监督管理科",
         "", "纸质文本", "邮寄"],
    ]
    path = write_csv(tmp_path / "old.csv", rows, header=header, encoding="utf-8")
    run(path)
    partial = DisclosureApplication.objects.get(number="HIS-1")
    assert (partial.outcome, partial.applicant_type, partial.channel) == ("partial", "business", choices.ONLINE)
    assert (partial.concluded_on, partial.department, partial.stage) == (
        dt.date(2025, 3, 20), departments["own"], choices.ARCHIVED)
    assert (partial.requested_form, partial.delivery_route) == ("electronic", "email")
    open_case = DisclosureApplication.objects.get(number="HIS-2")
    assert (open_case.stage, open_case.department, open_case.channel) == (
        choices.ASSIGNED, departments["other"], choices.LETTER)
    assert open_case.due_on == dt.date(2025, 12, 1)  # 20 WD after 2025-11-03
    assert open_case.is_open


def test_dry_run_checks_and_imports_nothing(tmp_path, nothing_changes):
    out, _ = run(write_csv(tmp_path / "r.csv", every_case_rows()), "--dry-run")
    assert "检查通过（未导入）" in out


def test_the_importing_user_is_recorded(db, tmp_path, staff):
    run(write_csv(tmp_path / "r.csv", every_case_rows()[:2]), "--user", staff["ogi_office"].username)
    assert set(DisclosureApplication.objects.values_list("registered_by", flat=True)) == {staff["ogi_office"].pk}
    assert AuditEntry.objects.get(action="application.imported").actor_id == staff["ogi_office"].pk


def test_only_the_ogi_office_or_an_administrator_may_be_named(tmp_path, staff, nothing_changes):
    with pytest.raises(CommandError, match="不是政务公开办或系统管理员"):
        run(write_csv(tmp_path / "r.csv", every_case_rows()[:2]), "--user", staff["editor"].username)


GOOD = ["OK-1", "natural_person", "2025-03-03", "2025-03-20", "disclosed"]


@pytest.mark.parametrize(("rows", "message"), [
    ([GOOD, ["BAD-1", "business", "2025-13-01", "", ""]],
     "第 3 行【received_on】：“2025-13-01”不是有效的日期：月份应为 1–12。"),
    ([GOOD, ["BAD-1", "business", "2025-02-30", "", ""]],
     "第 3 行【received_on】：“2025-02-30”不是有效的日期：2025 年 2 月没有 30 日。"),
    ([GOOD, ["BAD-1", "business", "2025-03-03", "2025-03-20", "已经公开了"]],
     "第 3 行【outcome】：“已经公开了”不是有效的办理结果。"),
    ([["BAD-1", "外国人", "2025-03-03", "", ""], GOOD],
     "第 2 行【applicant_type】：“外国人”不是有效的申请人类型。"),
    ([GOOD, ["OK-2", "natural_person", "2025-03-03", "", ""], ["BAD-1", "research", "2025-03-03", "2025-03-20", ""]],
     "第 4 行【outcome】：填写了办结日期，就必须填写办理结果。"),
    ([GOOD, ["BAD-1", "research", "2025-03-03", "", "disclosed"]],
     "第 3 行【concluded_on】：填写了办理结果，就必须填写办结日期；尚在办理的申请，办理结果请留空。"),
    ([GOOD, ["BAD-1", "research", "2025-03-20", "2025-03-03", "disclosed"]],
     "第 3 行【concluded_on】：办结日期 2025-03-03 早于收到日期 2025-03-20。"),
    ([GOOD, ["OK-2", "business", "2025-03-04", "", ""], ["OK-1", "business", "2025-03-05", "", ""]],
     "第 4 行【number】：申请编号“OK-1”与第 2 行重复。"),
    ([GOOD, ["", "business", "2025-03-04", "", ""]], "第 3 行【number】：必须填写申请编号。"),
    ([GOOD, ["BAD-1", "business", "2099-03-04", "", ""]], "第 3 行【received_on】：收到日期“2099-03-04”晚于今天"),
])
def test_a_bad_row_is_named_and_nothing_is_imported(tmp_path, nothing_changes, rows, message):
    err = refused(write_csv(tmp_path / "r.csv", rows))
    assert message in err
    assert "没有导入任何申请" in err


def test_a_number_already_in_the_database_is_refused(tmp_path, register):
    register(received_on=dt.date(2025, 3, 3))
    existing = DisclosureApplication.objects.get().number
    count = DisclosureApplication.objects.count()
    err = refused(write_csv(tmp_path / "r.csv", [GOOD, [existing, "business", "2025-03-04", "", ""]]))
    assert f"第 3 行【number】：申请编号“{existing}”在系统中已经存在。" in err
    assert DisclosureApplication.objects.count() == count


def test_every_problem_of_the_file_is_listed(tmp_path, nothing_changes):
    rows = [GOOD, ["BAD-1", "外国人", "2025-03-03", "", ""], ["", "business", "昨天", "", ""], ["OK-3", "business",
                                                                                                "2025-03-03", "", ""]]
    err = refused(write_csv(tmp_path / "r.csv", rows))
    assert "有 3 处错误" in err
    assert err.index("第 3 行") < err.index("第 4 行【number】") < err.index("第 4 行【received_on】")


def test_a_missing_column_is_named(tmp_path, nothing_changes):
    err = refused(write_csv(tmp_path / "r.csv", [row[:4] for row in [GOOD]], header=HEADER[:4]))
    assert "第 1 行【办理结果】：缺少“办理结果”列（outcome）" in err


def test_an_unknown_column_is_named(tmp_path, nothing_changes):
    err = refused(write_csv(tmp_path / "r.csv", [GOOD + ["x"]], header=HEADER + ["备注信息"]))
    assert "第 1 行【备注信息】：无法识别列名“备注信息”" in err


def test_an_empty_file(tmp_path, nothing_changes):
    path = tmp_path / "r.csv"
    path.write_bytes(b"")
    assert "文件：文件是空的" in refused(path)


def test_a_file_with_only_the_header(tmp_path, nothing_changes):
    assert "文件中没有数据行" in refused(write_csv(tmp_path / "r.csv", []))


def test_a_csv_not_in_utf8(tmp_path, nothing_changes):
    path = write_csv(tmp_path / "r.csv", [["GBK-1", "自然人", "2025-03-03", "", ""]], encoding="gbk")
    assert "文件：无法按 UTF-8 编码读取这个 CSV 文件" in refused(path)


def test_a_csv_in_utf16(tmp_path, nothing_changes):
    path = write_csv(tmp_path / "r.csv", [["U16-1", "自然人", "2025-03-03", "", ""]], encoding="utf-16")
    assert "文件：无法按 UTF-8 编码读取这个 CSV 文件" in refused(path)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("register.xlsx", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "无法读取这个 XLSX 文件"),
    ("register.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "只能导入 CSV（.csv）或 Excel（.xlsx）文件"),
    ("register.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "无法按 UTF-8 编码读取这个 CSV 文件"),
])
def test_a_file_that_is_not_a_spreadsheet(tmp_path, nothing_changes, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    err = refused(path)
    assert f"文件：{message}" in err


def test_a_missing_file(tmp_path, nothing_changes):
    assert "找不到文件" in refused(tmp_path / "nowhere.csv")
