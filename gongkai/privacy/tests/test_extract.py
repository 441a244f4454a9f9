"""Text extraction for the scanner: .txt, .pdf, .docx, and clear Chinese errors for the rest."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.privacy.extract import ExtractionError, extract_text
from gongkai.privacy.scanner import scan
from gongkai.privacy.tests.documents import make_docx, make_pdf


def test_utf8_text_file(tmp_path):
    path = tmp_path / "申请.txt"
    path.write_text("申请人：王小明\r\n手机：13812345678\r\n", encoding="utf-8")
    assert extract_text(path) == "申请人：王小明\n手机：13812345678\n"


def test_utf8_with_byte_order_mark(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeff手机13812345678".encode())
    assert extract_text(str(path)) == "手机13812345678"


def test_a_gbk_text_file_is_refused_with_advice(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("申请人：王小明".encode("gbk"))
    with pytest.raises(ExtractionError, match="不是 UTF-8 编码.*另存为“UTF-8”"):
        extract_text(path)


def test_file_objects_with_a_filename():
    assert extract_text(io.BytesIO("手机13812345678".encode()), "x.TXT") == "手机13812345678"
    upload = SimpleUploadedFile("附件.txt", "邮箱：a@example.com".encode())
    assert extract_text(upload) == "邮箱：a@example.com"  # the name comes from the upload


def test_word_file_paragraphs_tables_header_and_footer(tmp_path):
    data = make_docx(
        ["行政处罚决定书", "当事人：王小明，身份证号码：11010519491231002X。"],
        table_rows=[("姓名", "李四"), ("联系电话", "13812345678")],
        header="经办人：赵六",
        footer="第 1 页",
    )
    path = tmp_path / "决定书.docx"
    path.write_bytes(data)
    text = extract_text(path)
    assert text == (
        "行政处罚决定书\n当事人：王小明，身份证号码：11010519491231002X。\n"
        "姓名\t李四\n联系电话\t13812345678\n经办人：赵六\n第 1 页"
    )
    assert [(f.type, f.text) for f in scan(text)] == [
        ("person_name", "王小明"),
        ("id_card", "11010519491231002X"),
        ("person_name", "李四"),
        ("mobile", "13812345678"),
        ("person_name", "赵六"),
    ]


def test_word_merged_cells_are_read_once(tmp_path):
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "住址"
    merged = table.cell(0, 1).merge(table.cell(0, 2))
    merged.text = "示范市建设区人民路8号"
    buffer = io.BytesIO()
    document.save(buffer)
    assert extract_text(io.BytesIO(buffer.getvalue()), "t.docx") == "住址\t示范市建设区人民路8号"


def test_pdf_text_layer_latin_and_chinese():
    data = make_pdf(
        ["Mobile: 13812345678", "ID 11010519491231002X", "Mail: zhangsan@example.com"],
        "申请人：王小明，住址：示范市建设区人民路8号3栋101室",
    )
    text = extract_text(io.BytesIO(data), "reply.pdf")
    assert "Mobile: 13812345678" in text
    assert "申请人：王小明，住址：示范市建设区人民路8号3栋101室" in text
    assert [f.type for f in scan(text)] == ["mobile", "id_card", "email", "person_name", "address"]


def test_a_pdf_without_text_gives_empty_text():
    assert extract_text(io.BytesIO(make_pdf([])), "scan.pdf").strip() == ""


def test_a_broken_pdf_is_refused():
    with pytest.raises(ExtractionError, match="无法读取 PDF 文件“bad.pdf”"):
        extract_text(io.BytesIO(b"%PDF-1.4\nthis is not a pdf"), "bad.pdf")


def test_a_broken_word_file_is_refused():
    with pytest.raises(ExtractionError, match="无法读取 Word 文件“bad.docx”"):
        extract_text(io.BytesIO(b"PK\x03\x04 not really a zip"), "bad.docx")


@pytest.mark.parametrize(
    ("filename", "message"),
    [
        ("old.doc", "旧版 Word 文件（.doc），暂不支持"),
        ("table.xlsx", "无法识别文件“table.xlsx”的类型（“.xlsx”格式）"),
        ("noext", "没有扩展名"),
        ("notes.wps", "暂不支持“.wps”格式"),
    ],
)
def test_unknown_types_are_refused_in_chinese(filename, message):
    with pytest.raises(ValueError, match=message):
        extract_text(io.BytesIO(b"whatever"), filename)


def test_a_missing_file(tmp_path):
    with pytest.raises(ExtractionError, match="找不到文件"):
        extract_text(tmp_path / "missing.pdf")


def test_a_folder_is_not_a_file(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(ExtractionError, match="是一个文件夹"):
        extract_text(folder)


def _encrypted_pdf(user_password):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(["Tel 13812345678"]))))
    writer.encrypt(user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_with_an_open_password_is_refused():
    with pytest.raises(ExtractionError, match="设置了打开密码"):
        extract_text(io.BytesIO(_encrypted_pdf("secret")), "locked.pdf")


def test_a_pdf_encrypted_without_an_open_password_is_read():
    # Permissions-only encryption (an empty user password) is common in government PDFs.
    assert "Tel 13812345678" in extract_text(io.BytesIO(_encrypted_pdf("")), "signed.pdf")
