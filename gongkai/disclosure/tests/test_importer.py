"""Bulk import of an existing site's records: validation, all-or-nothing, privacy, attachments, command, page."""

import csv
import datetime as dt
import io
import shutil
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import include, path
from django.utils import timezone
from docx import Document as DocxDocument
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

import gongkai.urls
from gongkai.audit.models import AuditEntry
from gongkai.disclosure import importer, services
from gongkai.disclosure.import_views import import_urlpatterns
from gongkai.disclosure.models import Attachment, IndexCounter, InformationRecord, PrivacyFinding, RecordVersion
from gongkai.search.models import SearchEntry

FIXTURES = Path(__file__).with_name("import_fixtures")
HEADER = ["索引号", "名称", "文号", "发布机构", "部门", "信息类别", "主题词", "公开属性", "公开属性依据", "复查日期",
          "生成日期", "变更日期", "发布日期", "有效性", "内容概述", "正文", "附件"]
ALL_CHECKED = dict.fromkeys(services.CHECKLIST, True)

# The back-office page as the lead will mount it (wagtail_hooks.py: records/import/).
urlpatterns = [path("admin/records/import/", include(import_urlpatterns)), *gongkai.urls.urlpatterns]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


# --- attachment files ---------------------------------------------------------------------------


def make_pdf(text="Notice 2019", author="Zhang San"):
    writer = PdfWriter()
    page = writer.add_blank_page(300, 300)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 12 Tf 20 150 Td ({text}) Tj ET".encode())
    page[NameObject("/Contents")] = writer._add_object(content)
    writer.add_metadata({"/Author": author, "/Creator": "WPS Office"})
    xmp = DecodedStreamObject()
    xmp.set_data(f"<x:xmpmeta><dc:creator>{author}</dc:creator></x:xmpmeta>".encode())
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    writer.root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(text="本局设办公室等内设机构。", author="张三"):
    document = DocxDocument()
    document.add_paragraph(text)
    document.core_properties.author = author
    document.core_properties.last_modified_by = author
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_xlsx(rows=(("项目", "金额（万元）"), ("部门决算收入合计", 3200)), creator="李四"):
    workbook = openpyxl.Workbook()
    for values in rows:
        workbook.active.append(list(values))
    workbook.properties.creator = creator
    workbook.properties.lastModifiedBy = creator
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def make_image(kind="JPEG", artist="Wang Wu"):
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x013B] = artist  # Artist
    exif[0x0112] = 1  # Orientation
    out = io.BytesIO()
    image.save(out, kind, exif=exif.tobytes())
    return out.getvalue()


def attachments_folder(tmp_path):
    folder = tmp_path / "attachments"
    (folder / "资料").mkdir(parents=True)
    (folder / "通知.pdf").write_bytes(make_pdf())
    (folder / "照片.jpg").write_bytes(make_image())
    (folder / "资料" / "报告.docx").write_bytes(make_docx())
    (folder / "决算表.xlsx").write_bytes(make_xlsx())
    (folder / "伪装.pdf").write_bytes(make_image("PNG"))
    return folder


def write_csv(path, rows, header=HEADER, encoding="utf-8-sig"):
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def row(**values):
    fields = ["index", "title", "doc", "issuer", "dept", "cat", "topics", "attr", "basis", "review", "formed",
              "changed", "published", "validity", "summary", "body", "att"]
    unknown = set(values) - set(fields)
    assert not unknown, unknown
    base = {"title": "示范市市场监督管理局关于春节期间值班安排的通知", "dept": "quality", "cat": "2",
            "formed": "2024-01-20", "published": "2024-01-25", "body": "春节期间值班安排如下。"}
    merged = {**base, **values}
    return [merged.get(name, "") for name in fields]


@pytest.fixture
def good(tmp_path, departments, agency):
    folder = attachments_folder(tmp_path)
    table = tmp_path / "good.csv"
    shutil.copy(FIXTURES / "good.csv", table)
    return table, folder


@pytest.fixture
def office(staff):
    return staff["ogi_office"]


def errors_of(result):
    return [(p.row, p.column, p.message) for p in result.errors]


# --- good files ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_good_csv_imports_records_with_the_right_states(good, office):
    table, folder = good
    result = importer.run_import(table, user=office, attachments_dir=folder)
    assert result.ok, errors_of(result)
    assert result.imported and result.rows == 6
    assert (result.published, result.drafts, result.review, result.attachments) == (3, 2, 1, 4)

    legacy = InformationRecord.objects.get(document_number="示市监发〔2019〕7号")
    assert legacy.status == "published" and legacy.index_number == "11999900MB0000001X/2019-00007"
    assert legacy.version == 1 and legacy.public_body == legacy.body and "alert" not in legacy.body
    assert legacy.approver is None and legacy.drafter == office
    assert timezone.localtime(legacy.published_at) == timezone.make_aware(dt.datetime(2019, 5, 10))
    assert legacy.department.code == "quality" and legacy.category.code == "art20-5"

    plain = InformationRecord.objects.get(document_number="示市监通〔2024〕3号")
    assert plain.status == "published" and plain.category.code == "art20-13"
    assert plain.index_number == "11999900MB0000001X/2024-00001"  # generated, year of publication
    assert plain.body == ("<p>2023年，本局共抽检食品样品1200批次。</p><p>合格率为98.5%。</p>"
                          "<p>不合格产品已依法处置。</p>")
    assert timezone.localtime(plain.published_at).strftime("%Y-%m-%d %H:%M") == "2024-03-05 09:30"

    budget = InformationRecord.objects.get(title="示范市市场监督管理局2023年部门决算")
    # Numbers follow the rows: row 3 got 00001, the row sent to review (row 6) 00002, this one 00003.
    assert budget.category.code == "art20-7" and budget.index_number == "11999900MB0000001X/2024-00003"
    assert IndexCounter.objects.get(year=2024).value == 3

    draft = InformationRecord.objects.get(title__startswith="示范市市场监督管理局内设机构")
    assert draft.status == "draft" and draft.index_number is None and draft.published_at is None
    assert draft.attribute == "on_request" and draft.version == 0 and draft.public_body == ""
    assert sorted(a.title for a in draft.attachments.all()) == ["报告", "照片"]
    withheld = InformationRecord.objects.get(title="关于某企业商业秘密事项的说明")
    assert withheld.status == "draft" and withheld.review_due_on == dt.date(2026, 12, 31)

    # One version per published record, a search entry per public one, one audit entry in all.
    assert RecordVersion.objects.filter(number=1, approver=None).count() == 3
    version = RecordVersion.objects.get(record=legacy)
    assert version.data["index_number"] == legacy.index_number and version.data["public_body"] == legacy.body
    assert set(SearchEntry.objects.values_list("object_id", flat=True)) == {legacy.pk, plain.pk, budget.pk}
    entry = SearchEntry.objects.get(object_id=plain.pk)
    assert entry.url == f"/xxgk/record/{plain.pk}/" and entry.category == "art20-13" and entry.year == 2024
    audit = AuditEntry.objects.get(action="record.import")
    assert audit.after["sha256"] == result.sha256 and audit.after["published"] == 3 and audit.after["review"] == 1
    assert AuditEntry.objects.filter(object_type="disclosure.informationrecord").count() == 1

    from gongkai.search.services import search

    assert search("食品安全监督抽检").total == 1


@pytest.mark.django_db
def test_xlsx_with_english_headers_and_excel_dates(tmp_path, departments, agency, office):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["title", "department", "category", "formed_on", "published_at", "attribute", "body", "Index Number"])
    sheet.append(["示范市2024年第一季度质量抽查结果", "quality", 13, dt.datetime(2024, 4, 2),
                  dt.datetime(2024, 4, 8, 10, 15), "proactive", "抽查产品100批次，合格95批次。", None])
    sheet.append(["示范市2024年行政许可办理情况", "产品质量安全监督管理科", 5.0, dt.date(2024, 5, 6), None, None, None,
                  None])
    sheet.append([None] * 8)  # blank rows are skipped, numbering continues
    sheet.append(["示范市2024年收费项目目录", "food", "art20-8", "2024/6/1", "2024年6月3日", "主动公开", "",
                  "SF-2024-1"])
    path = tmp_path / "records.xlsx"
    workbook.save(path)

    result = importer.run_import(path, user=office)
    assert result.ok, errors_of(result)
    assert (result.rows, result.published, result.drafts) == (3, 2, 1)
    quarterly = InformationRecord.objects.get(title="示范市2024年第一季度质量抽查结果")
    assert quarterly.category.code == "art20-13" and quarterly.formed_on == dt.date(2024, 4, 2)
    assert timezone.localtime(quarterly.published_at).strftime("%Y-%m-%d %H:%M") == "2024-04-08 10:15"
    assert InformationRecord.objects.get(title="示范市2024年行政许可办理情况").status == "draft"
    fees = InformationRecord.objects.get(title="示范市2024年收费项目目录")
    assert fees.index_number == "SF-2024-1" and fees.formed_on == dt.date(2024, 6, 1)


@pytest.mark.django_db
def test_gb18030_csv_is_read_with_a_notice(tmp_path, departments, agency, office):
    table = write_csv(tmp_path / "gbk.csv", [row(title="关于公布示范市市场监督管理局办公地址的公告")],
                      encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        table.read_bytes().decode("utf-8")
    result = importer.run_import(table, user=office)
    assert result.ok, errors_of(result)
    assert any("GB18030" in notice for notice in result.notices)
    assert InformationRecord.objects.get().title == "关于公布示范市市场监督管理局办公地址的公告"


# --- bad files ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_bad_rows_import_nothing_and_are_listed_by_row_and_column(tmp_path, departments, agency, office):
    folder = attachments_folder(tmp_path)
    result = importer.run_import(FIXTURES / "bad.csv", user=office, attachments_dir=folder)
    assert not result.ok and not result.imported
    assert [(r, c) for r, c, _ in errors_of(result)] == [
        (3, "名称"), (4, "部门"), (5, "信息类别"), (6, "生成日期"), (7, "复查日期"), (8, "索引号"), (9, "附件"),
        (10, "附件"),
    ]
    messages = dict(((r, c), m) for r, c, m in errors_of(result))
    assert messages[(3, "名称")] == "必须填写名称。"
    assert "不存在的科" in messages[(4, "部门")]
    assert "第 1–15 项" in messages[(5, "信息类别")]
    assert messages[(6, "生成日期")] == "“2026-02-30”不是有效的日期：2026 年 2 月没有 30 日。"
    assert "复查日期" in messages[(7, "复查日期")]
    assert "与第 2 行重复" in messages[(8, "索引号")]
    assert "找不到" in messages[(9, "附件")]
    assert "内容与扩展名不符" in messages[(10, "附件")] and ".png" in messages[(10, "附件")]
    assert InformationRecord.objects.count() == 0 and Attachment.objects.count() == 0
    assert not AuditEntry.objects.filter(action="record.import").exists()
    assert not IndexCounter.objects.exists()
    assert str(result.errors[0]) == "第 3 行【名称】：必须填写名称。"


@pytest.mark.django_db
def test_more_row_rules(tmp_path, departments, agency, office, staff, draft_data):
    existing = services.do_create_record(staff["editor"], draft_data())
    existing.index_number = "OLD-1"
    existing.save()
    rows = [
        row(index="OLD-1"),  # 2: taken in the database
        row(index="DRAFT-1", published=""),  # 3: drafts get their number on publication
        row(attr="依申请公开"),  # 4: basis required
        row(published="2099-01-01"),  # 5: not yet published
        row(formed="2024-02-01", published="2024-01-31"),  # 6: published before formed
        row(formed="20240230"),  # 7: compact date, no such day
        row(validity="作废", attr="公开"),  # 8: two bad values in one row
        row(dept="FOOD", cat="行政法规、规章和规范性文件", doc="A"),  # 9: fine (code case-insensitive, name)
        row(doc="A"),  # 10: a duplicate 文号 only warns
        row(att="../etc/passwd"),  # 11: path outside the folder
    ]
    table = write_csv(tmp_path / "rules.csv", rows)
    result = importer.check_file(table, attachments_dir=tmp_path)
    assert [(r, c) for r, c, _ in errors_of(result)] == [
        (2, "索引号"), (3, "索引号"), (4, "公开属性依据"), (5, "发布日期"), (6, "发布日期"), (7, "生成日期"),
        (8, "公开属性"), (8, "有效性"), (11, "附件"),
    ]
    assert "已被系统中的其他政府信息使用" in errors_of(result)[0][2]
    assert [(w.row, w.column) for w in result.warnings] == [(10, "文号")]


@pytest.mark.django_db
def test_header_problems(tmp_path, departments, agency):
    table = write_csv(tmp_path / "header.csv", [["x", "quality", "2"]], header=["名称", "浏览次数", "部门"])
    result = importer.check_file(table)
    assert [(r, c) for r, c, _ in errors_of(result)] == [(1, "浏览次数"), (1, "信息类别"), (1, "生成日期")]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert "空的" in errors_of(importer.check_file(empty))[0][2]
    old_excel = tmp_path / "old.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0")
    assert ".xlsx" in errors_of(importer.check_file(old_excel))[0][2]


def test_dates_are_read_in_the_accepted_forms():
    read = importer.parse_date_time
    assert read("2024-03-05") == (dt.date(2024, 3, 5), None)
    assert read("2024/3/5") == (dt.date(2024, 3, 5), None)
    assert read("2024年3月5日") == (dt.date(2024, 3, 5), None)
    assert read("２０２４－０３－０５") == (dt.date(2024, 3, 5), None)
    assert read("2024-03-05 09:30") == (dt.date(2024, 3, 5), dt.time(9, 30))
    assert read("2024/3/5 9:30:15") == (dt.date(2024, 3, 5), dt.time(9, 30, 15))
    assert read(dt.datetime(2024, 3, 5)) == (dt.date(2024, 3, 5), None)
    assert read(45356) == (dt.date(2024, 3, 5), None)  # an Excel serial number
    assert read(20240305) == (dt.date(2024, 3, 5), None)
    for bad in ("2026-02-30", "2024-13-01", "明天", "3/5/2024", "2024-03-05 25:00", 2024):
        with pytest.raises(importer.BadValue):
            read(bad)


def test_plain_text_bodies_become_paragraphs_and_html_is_sanitised():
    assert importer.body_to_html("第一段\n\n第二段 <5 度") == "<p>第一段</p><p>第二段 &lt;5 度</p>"
    assert importer.body_to_html('<p onclick="x()">正文</p><script>alert(1)</script>') == "<p>正文</p>"
    assert importer.body_to_html("  ") == ""


@pytest.mark.django_db
def test_too_many_rows_are_refused(tmp_path, departments, agency, office):
    table = write_csv(tmp_path / "many.csv", [row(title=f"通知{i}") for i in range(3)])
    result = importer.run_import(table, user=office, max_rows=2)
    assert not result.ok and "超过 2 行" in result.errors[-1].message
    assert InformationRecord.objects.count() == 0


@pytest.mark.django_db
def test_a_file_is_not_imported_twice(tmp_path, departments, agency, office):
    table = write_csv(tmp_path / "once.csv", [row()])
    assert importer.run_import(table, user=office).imported
    again = importer.run_import(table, user=office)
    assert not again.ok and "导入过" in again.errors[0].message
    assert InformationRecord.objects.count() == 1


@pytest.mark.django_db
def test_failure_while_writing_leaves_nothing(tmp_path, good, office, monkeypatch):
    table, folder = good
    original = importer._write_batch
    calls = []

    def failing(batch, **kwargs):
        calls.append(len(batch))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(batch, **kwargs)

    monkeypatch.setattr(importer, "_write_batch", failing)
    with pytest.raises(RuntimeError):
        importer.run_import(table, user=office, attachments_dir=folder, batch_size=3)
    assert InformationRecord.objects.count() == 0 and Attachment.objects.count() == 0
    assert not SearchEntry.objects.exists()
    media = Path(tmp_path / "media")
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.django_db
def test_generated_index_numbers_skip_kept_ones(tmp_path, departments, agency, office):
    rows = [row(title="甲", index="11999900MB0000001X/2024-00001"), row(title="乙")]
    result = importer.run_import(write_csv(tmp_path / "n.csv", rows), user=office)
    assert result.ok, errors_of(result)
    assert InformationRecord.objects.get(title="乙").index_number == "11999900MB0000001X/2024-00002"


@pytest.mark.django_db
def test_only_the_ogi_office_and_administrators_import(good, staff):
    table, folder = good
    with pytest.raises(PermissionDenied):
        importer.run_import(table, user=staff["editor"], attachments_dir=folder)
    assert importer.can_import(staff["administrator"]) and not importer.can_import(staff["reviewer"])


# --- personal data ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_personal_data_sends_the_row_to_review_and_keeps_it_off_the_site(good, agency, office, staff, client,
                                                                        django_capture_on_commit_callbacks):
    from gongkai.disclosure.site_tree import ensure_disclosure_section
    from gongkai.portal.services import ensure_site_tree

    section = ensure_disclosure_section(ensure_site_tree(agency, sample=False))
    table, folder = good
    result = importer.run_import(table, user=office, attachments_dir=folder)
    penalty = InformationRecord.objects.get(document_number="示市监罚〔2024〕15号")
    assert penalty.status == "submitted" and penalty.public_body == "" and penalty.version == 0
    assert penalty.index_number == "11999900MB0000001X/2024-00002"
    assert [(r.row, r.record_id) for r in result.review_rows] == [(6, penalty.pk)]
    assert "个人信息" in result.review_rows[0].reasons[0]
    findings = {(f.type, f.text, f.masked) for f in penalty.findings.all()}
    assert findings == {("person_name", "张伟明", "张某"), ("mobile", "13800138000", "138****8000")}
    assert not SearchEntry.objects.filter(object_id=penalty.pk).exists()

    assert client.get(f"{section.url}record/{penalty.pk}/").status_code == 404
    published = InformationRecord.objects.get(document_number="示市监发〔2019〕7号")
    page = client.get(f"{section.url}record/{published.pk}/")
    assert page.status_code == 200
    attachment = published.attachments.get()
    assert attachment.download_url in page.content.decode() and "restricted" not in page.content.decode()
    download = client.get(attachment.download_url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    for hidden in penalty.attachments.all():  # the record under review: its files are not downloadable
        assert client.get(hidden.download_url).status_code == 404

    # The importing user drafted it and may not approve it (the OGI office otherwise reviews).
    with pytest.raises(services.TransitionRefused):
        services.do_approve(office, penalty, checklist=ALL_CHECKED)
    # The normal review: another person masks and approves; the original date and number stay.
    reviewer = staff["reviewer"]
    with django_capture_on_commit_callbacks(execute=True):
        for finding in penalty.findings.all():
            services.do_mask_finding(reviewer, finding)
        services.do_approve(reviewer, penalty, checklist=ALL_CHECKED)
    penalty.refresh_from_db()
    assert penalty.status == "published" and penalty.version == 1
    assert penalty.index_number == "11999900MB0000001X/2024-00002"
    assert timezone.localtime(penalty.published_at).date() == dt.date(2024, 6, 10)
    body = client.get(f"{section.url}record/{penalty.pk}/").content.decode()
    assert "138****8000" in body and "13800138000" not in body and "张伟明" not in body


@pytest.mark.django_db
def test_personal_data_in_attachments_and_unreadable_attachments_go_to_review(tmp_path, departments, agency,
                                                                               office):
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "名单.docx").write_bytes(make_docx("当事人：李建国，身份证号：360426199101010071"))
    (folder / "清单.xlsx").write_bytes(make_xlsx((("姓名", "手机"), ("某某", "13912345678"))))
    (folder / "现场.png").write_bytes(make_image("PNG"))
    (folder / "干净.pdf").write_bytes(make_pdf("Annual report"))
    rows = [row(title="甲", att="名单.docx"), row(title="乙", att="清单.xlsx"), row(title="丙", att="现场.png"),
            row(title="丁", att="干净.pdf"), row(title="戊", att="现场.png", published="")]
    result = importer.run_import(write_csv(tmp_path / "a.csv", rows), user=office, attachments_dir=folder)
    assert result.ok, errors_of(result)
    status = dict(InformationRecord.objects.values_list("title", "status"))
    assert status == {"甲": "submitted", "乙": "submitted", "丙": "submitted", "丁": "published", "戊": "draft"}
    first = InformationRecord.objects.get(title="甲")
    finding_types = set(first.findings.values_list("type", flat=True))
    assert {"id_card", "person_name"} <= finding_types
    assert all(f.attachment_id for f in first.findings.all())
    # No public copy of an attachment with personal data; one of the clean ones.
    assert first.attachments.get().public_file.name == ""
    assert InformationRecord.objects.get(title="丁").attachments.get().public_file.name
    reasons = {r.title: r.reasons for r in result.review_rows}
    assert "图片无法读取文字" in reasons["丙"][0]
    assert "手机号码" in reasons["乙"][0]
    assert PrivacyFinding.objects.filter(record__title="乙", type="mobile").exists()


# --- attachments --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_public_copies_open_and_carry_no_author(good, office):
    table, folder = good
    importer.run_import(table, user=office, attachments_dir=folder)
    by_type = {a.file_type: a for a in Attachment.objects.all()}
    assert set(by_type) == {"pdf", "jpg", "docx", "xlsx"}
    for attachment in by_type.values():
        assert attachment.original.name.startswith(f"restricted/records/{attachment.record_id}/")
        assert attachment.public_file.name.startswith(f"public/records/{attachment.record_id}/")
        assert attachment.size == attachment.original.size

    pdf = by_type["pdf"]
    assert b"Zhang San" in pdf.original.read() and pdf.text.strip() == "Notice 2019"
    data = pdf.public_file.open("rb").read()
    reader = PdfReader(io.BytesIO(data))
    assert reader.pages[0].extract_text() == "Notice 2019"
    assert not (reader.metadata or {}).get("/Author") and "/Metadata" not in reader.trailer["/Root"]
    assert b"Zhang San" not in data and b"WPS" not in data

    docx = DocxDocument(by_type["docx"].public_file.open("rb"))
    assert docx.paragraphs[0].text == "本局设办公室等内设机构。"
    assert docx.core_properties.author == "" and docx.core_properties.last_modified_by == ""
    assert "张三".encode() not in by_type["docx"].public_file.open("rb").read()

    workbook = openpyxl.load_workbook(by_type["xlsx"].public_file.open("rb"))
    assert workbook.active["A2"].value == "部门决算收入合计" and workbook.active["B2"].value == 3200
    assert workbook.properties.creator in (None, "openpyxl") and not workbook.properties.lastModifiedBy
    with zipfile.ZipFile(by_type["xlsx"].public_file.open("rb")) as archive:
        assert "creator" not in archive.read("docProps/core.xml").decode()
        assert all("李四".encode() not in archive.read(name) for name in archive.namelist())
    assert "部门决算收入合计" in by_type["xlsx"].text

    with Image.open(by_type["jpg"].public_file.open("rb")) as image:
        assert image.size == (40, 30) and not image.getexif() and "exif" not in image.info
    with Image.open(by_type["jpg"].original.open("rb")) as image:
        assert image.getexif()[0x013B] == "Wang Wu"


def test_png_public_copy_has_no_text_chunks():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "赵六")
    out = io.BytesIO()
    Image.new("RGBA", (8, 8), (0, 0, 0, 0)).save(out, "PNG", pnginfo=info)
    stripped = importer.strip_image(out.getvalue(), "png")
    with Image.open(io.BytesIO(stripped)) as image:
        assert image.mode == "RGBA" and "Author" not in image.info


def test_attachment_content_must_match_its_extension(tmp_path):
    cases = {
        "a.pdf": make_pdf(), "b.docx": make_docx(), "c.xlsx": make_xlsx(), "d.jpg": make_image(),
        "e.png": make_image("PNG"), "f.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert importer.check_attachment(tmp_path / name) is None, name
    wrong = {
        "x.pdf": make_docx(), "y.docx": make_xlsx(), "z.xlsx": make_pdf(), "w.jpg": make_image("PNG"),
        "v.doc": make_pdf(), "u.png": b"not an image at all", "t.exe": b"MZ", "s.pdf": b"",
    }
    for name, data in wrong.items():
        (tmp_path / name).write_bytes(data)
        assert importer.check_attachment(tmp_path / name), name
    assert "内容是Excel" in importer.check_attachment(tmp_path / "y.docx")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n garbage")
    assert "无法打开" in importer.check_attachment(tmp_path / "broken.pdf")


def test_zip_upload_is_unpacked_safely(tmp_path):
    good_zip = tmp_path / "good.zip"
    with zipfile.ZipFile(good_zip, "w") as archive:
        archive.writestr("通知.pdf", make_pdf())
        archive.writestr("资料/", "")
        archive.writestr("资料/报告.docx", make_docx())
        archive.writestr("__MACOSX/._通知.pdf", "x")
    dest = tmp_path / "out"
    dest.mkdir()
    assert importer.extract_zip(good_zip, dest) == []
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()) == ["资料/报告.docx",
                                                                                             "通知.pdf"]

    bad_names = ("../evil.pdf", "/etc/evil.pdf", "a/../../evil.pdf", "C:/evil.pdf", "..\\evil.pdf")
    for number, bad_name in enumerate(bad_names):
        evil = tmp_path / "evil.zip"
        with zipfile.ZipFile(evil, "w") as archive:
            archive.writestr("通知.pdf", make_pdf())
            archive.writestr(bad_name, b"x")
        target = tmp_path / f"out-{number}"
        target.mkdir()
        problems = importer.extract_zip(evil, target)
        assert problems and "压缩包以外" in problems[0].message, bad_name
        assert not any(target.rglob("*")) and not (tmp_path / "evil.pdf").exists()

    link = tmp_path / "link.zip"
    with zipfile.ZipFile(link, "w") as archive:
        info = zipfile.ZipInfo("link.pdf")
        info.create_system = 3
        info.external_attr = (0o120777 << 16)
        archive.writestr(info, "/etc/passwd")
    assert "不是普通文件" in importer.extract_zip(link, tmp_path / "out")[0].message
    not_zip = tmp_path / "no.zip"
    not_zip.write_bytes(b"plain")
    assert "不是有效的 ZIP" in importer.extract_zip(not_zip, tmp_path / "out")[0].message


class _LegacyNameInfo(zipfile.ZipInfo):
    """An entry whose name is written as raw GBK bytes without the UTF-8 flag, as Windows' zip does."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("cp437"), self.flag_bits


def test_zip_names_written_in_gbk_are_read(tmp_path):
    archive_path = tmp_path / "gbk.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr(_LegacyNameInfo("通知书.pdf".encode("gbk").decode("cp437")), make_pdf())
    with zipfile.ZipFile(archive_path) as archive:
        assert not archive.infolist()[0].flag_bits & 0x800
    dest = tmp_path / "out"
    dest.mkdir()
    assert importer.extract_zip(archive_path, dest) == []
    assert [p.name for p in dest.iterdir()] == ["通知书.pdf"]


# --- the command --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_reports_errors_with_exit_code_1(tmp_path, departments, agency, office):
    folder = attachments_folder(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_records", str(FIXTURES / "bad.csv"), attachments=str(folder), user=office.username,
                     stdout=out, stderr=err)
    assert raised.value.returncode == 1
    text = err.getvalue()
    assert "文件中有 8 处错误，没有导入任何记录" in text
    assert "第 3 行【名称】：必须填写名称。" in text and "第 10 行【附件】" in text
    assert InformationRecord.objects.count() == 0


@pytest.mark.django_db
def test_command_imports_and_summarises(good, office):
    table, folder = good
    out = io.StringIO()
    call_command("import_records", str(table), "--dry-run", attachments=str(folder), stdout=out)
    assert "检查结果（未导入）" in out.getvalue() and "送审核 1 条" in out.getvalue()
    assert InformationRecord.objects.count() == 0

    with pytest.raises(CommandError, match="--user"):
        call_command("import_records", str(table), attachments=str(folder), stdout=io.StringIO())
    with pytest.raises(CommandError, match="不能批量导入"):
        call_command("import_records", str(table), attachments=str(folder), user="u_editor", stdout=io.StringIO())

    out = io.StringIO()
    call_command("import_records", str(table), attachments=str(folder), user=office.username, stdout=out)
    text = out.getvalue()
    assert "导入完成：共 6 行；已发布 3 条，草稿 2 条，送审核 1 条；附件 4 个。" in text
    assert "第 6 行" in text and "个人信息" in text
    assert InformationRecord.objects.count() == 6


def test_command_help_lists_the_columns():
    from gongkai.disclosure.management.commands.import_records import Command

    help_text = Command().create_parser("manage.py", "import_records").format_help()
    for column in importer.COLUMNS:
        assert column.name in help_text and column.field in help_text
    assert "--dry-run" in help_text and "--attachments" in help_text


# --- the back-office page -----------------------------------------------------------------------

@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_page_is_for_the_ogi_office_and_administrators(client_for):
    assert client_for("editor").get("/admin/records/import/").status_code == 403
    assert client_for("reviewer").get("/admin/records/import/").status_code == 403
    page = client_for("ogi_office").get("/admin/records/import/")
    assert page.status_code == 200
    body = page.content.decode()
    for column in importer.COLUMNS:
        assert column.name in body
    assert "只检查不导入" in body and "import_records" in body
    assert client_for("administrator").get("/admin/records/import/template.csv").content.decode(
        "utf-8-sig").startswith("索引号,名称,文号")
    assert client_for("editor").post("/admin/records/import/", {}).status_code == 403


def zip_of(folder):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for file in folder.rglob("*"):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    out.seek(0)
    out.name = "attachments.zip"
    return out


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_page_checks_then_imports(good, client_for):
    table, folder = good
    office = client_for("ogi_office")
    with open(table, "rb") as handle:
        response = office.post("/admin/records/import/", {"table": handle, "attachments": zip_of(folder),
                                                          "dry_run": "on"})
    body = response.content.decode()
    assert response.status_code == 200 and "检查通过" in body and InformationRecord.objects.count() == 0

    with open(table, "rb") as handle:
        response = office.post("/admin/records/import/", {"table": handle, "attachments": zip_of(folder)})
    body = response.content.decode()
    assert "导入完成" in body and InformationRecord.objects.count() == 6
    penalty = InformationRecord.objects.get(status="submitted")
    assert f"/admin/records/{penalty.pk}/" in body and "第 6 行" in body


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_page_lists_errors_and_refuses_bad_zips(tmp_path, departments, agency, client_for, monkeypatch):
    office = client_for("ogi_office")
    folder = attachments_folder(tmp_path)
    with open(FIXTURES / "bad.csv", "rb") as handle:
        body = office.post("/admin/records/import/", {"table": handle, "attachments": zip_of(folder)}).content.decode()
    assert "文件中有 8 处错误，没有导入任何记录" in body
    assert "第 6 行" in body and "2026 年 2 月没有 30 日" in body

    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../../通知.pdf", make_pdf())
    evil.seek(0)
    evil.name = "attachments.zip"
    with open(FIXTURES / "good.csv", "rb") as handle:
        body = office.post("/admin/records/import/", {"table": handle, "attachments": evil}).content.decode()
    assert "压缩包以外的位置" in body and InformationRecord.objects.count() == 0

    wrong = io.BytesIO(b"x")
    wrong.name = "records.txt"
    body = office.post("/admin/records/import/", {"table": wrong}).content.decode()
    assert "只能上传 CSV" in body

    monkeypatch.setattr(importer, "WEB_MAX_ROWS", 2)
    table = write_csv(tmp_path / "three.csv", [row(title=f"通知{i}") for i in range(3)])
    with open(table, "rb") as handle:
        body = office.post("/admin/records/import/", {"table": handle}).content.decode()
    assert "网页导入最多" in body and "import_records" in body and InformationRecord.objects.count() == 0


# --- throughput (printed, not asserted) ---------------------------------------------------------


@pytest.mark.django_db
def test_throughput_of_5000_rows(tmp_path, departments, agency, office, capsys):
    rows = []
    for i in range(5000):
        rows.append(row(
            title=f"示范市市场监督管理局关于第{i}批产品质量监督抽查结果的通告", doc=f"示市监通〔2024〕{i}号",
            cat=str(i % 15 + 1), dept=("quality", "food", "quality-check")[i % 3],
            published="" if i % 10 == 0 else f"2024-{i % 12 + 1:02d}-{i % 27 + 1:02d} 10:00",
            formed=f"2024-{i % 12 + 1:02d}-01", summary="本次抽查电动自行车头盔、儿童玩具等产品。",
            body=("<p>本局依据《中华人民共和国产品质量法》对辖区内生产、销售的电动自行车头盔开展监督抽查，"
                  f"共抽查样品{i % 90 + 10}批次，发现不合格样品{i % 7}批次。</p>") * 4
            + ("<p>联系电话：13800138000</p>" if i % 50 == 5 else ""),
        ))
    table = write_csv(tmp_path / "big.csv", rows)
    started = time.perf_counter()
    result = importer.run_import(table, user=office)
    seconds = time.perf_counter() - started
    assert result.ok and result.rows == 5000
    assert result.review == 100 and result.drafts == 500 and result.published == 4400
    with capsys.disabled():
        print(f"\n[import throughput] 5000 rows in {seconds:.1f} s = {5000 / seconds:.0f} records/s "
              f"(published {result.published}, drafts {result.drafts}, review {result.review})")
