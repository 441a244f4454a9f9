"""PDF and Word renderings of issued letters (RULES.md §3.3)."""

import datetime as dt
import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from gongkai.applications import choices, documents, outcomes, services
from gongkai.applications.models import Letter

PARTIAL = outcomes.BY_CODE["partial"]


def _flat(text):
    return re.sub(r"\s+", "", text)


@pytest.fixture
def partial_reply(assigned, staff):
    """The reply letter of an application answered with a partial disclosure, through the real steps."""
    application = assigned(received_on=dt.date(2026, 6, 1))
    reply = "抽查企业名单予以公开；检验数据涉及商业秘密，不予公开。"
    services.do_draft_reply(staff["editor"], application, "partial", reply)
    services.do_submit_for_review(staff["editor"], application)
    services.do_review(staff["reviewer"], application, True)
    services.do_approve(staff["head"], application, True)
    services.do_send_reply(staff["ogi_office"], application, dt.date(2026, 6, 20), "email")
    return Letter.objects.get(application=application, kind=choices.LETTER_REPLY)


def test_reply_pdf_holds_title_outcome_article_and_layout(partial_reply, agency):
    pdf = documents.letter_pdf(partial_reply)
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    text = _flat("".join(page.extract_text() for page in reader.pages))
    assert "政府信息公开申请答复书" in text
    assert _flat(PARTIAL.label) in text
    assert _flat(PARTIAL.article) in text
    assert "抽查企业名单予以公开" in text
    assert partial_reply.number in text
    assert "李春华：" in text and agency.name in text and "2026年6月20日" in text
    page = reader.pages[0]
    assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842  # A4
    fonts = {str(font.get_object()["/BaseFont"]) for p in reader.pages for font in p["/Resources"]["/Font"].values()}
    assert any(re.search(r"Noto-?(Serif|Sans)-?CJK-?SC", name) for name in fonts), fonts


def test_reply_docx_holds_the_same_text_with_east_asian_fonts(partial_reply, agency):
    document = Document(io.BytesIO(documents.letter_docx(partial_reply)))
    paragraphs = [p.text for p in document.paragraphs]
    text = "\n".join(paragraphs)
    assert "政府信息公开申请答复书" in paragraphs
    assert PARTIAL.label in text and PARTIAL.article in text
    assert "抽查企业名单予以公开；检验数据涉及商业秘密，不予公开。" in paragraphs
    assert partial_reply.number in paragraphs
    assert paragraphs.count("李春华：") == 1
    assert paragraphs[-2:] == [agency.name, "2026年6月20日"]
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == documents.WORD_EAST_ASIAN_FONT
    runs = [run for p in document.paragraphs for run in p.runs if run.text]
    assert runs and all(run._element.rPr.rFonts.get(qn("w:eastAsia")) for run in runs)
    title = next(p for p in document.paragraphs if p.text == "政府信息公开申请答复书")
    assert title.runs[0].bold and title.alignment == 1  # centred
    section = document.sections[0]
    assert round(section.page_width.cm) == 21 and round(section.page_height.cm, 1) == 29.7


def test_every_kind_of_letter_renders_in_both_formats(register, agency):
    application = register()
    receipt = Letter.objects.get(application=application, kind=choices.LETTER_RECEIPT)
    pdf_text = _flat("".join(p.extract_text() for p in PdfReader(io.BytesIO(documents.letter_pdf(receipt))).pages))
    assert "政府信息公开申请登记回执" in pdf_text and application.tracking_code in pdf_text
    docx_text = "\n".join(p.text for p in Document(io.BytesIO(documents.letter_docx(receipt))).paragraphs)
    assert application.tracking_code in docx_text and "/yisqgk/track/" in docx_text


def test_old_style_body_does_not_repeat_addressee_or_signature(agency):
    letter = Letter(kind=choices.LETTER_REPLY, number="YSQ2026-00009-01", title="答复书", addressee="赵敏",
                    body=f"赵敏：\n\n第一段。\n第二段。\n\n{agency.name}\n2026年6月20日",
                    issued_on=dt.date(2026, 6, 20))
    parts = documents.letter_parts(letter)
    assert parts["paragraphs"] == ["第一段。", "第二段。"]
    assert parts["addressee_line"] == "赵敏"
    paragraphs = [p.text for p in Document(io.BytesIO(documents.letter_docx(letter))).paragraphs]
    assert paragraphs.count("赵敏：") == 1 and paragraphs.count(agency.name) == 2  # heading and signature


def test_user_text_is_escaped_in_the_pdf_html(agency):
    letter = Letter(kind=choices.LETTER_REPLY, number="YSQ2026-00009-02", title="答复书", addressee="<b>钱</b>",
                    body='<img src="http://example.com/x.png">正文', issued_on=dt.date(2026, 6, 20))
    html = documents.letter_html(letter)
    assert "<img" not in html and "&lt;img" in html and "<b>钱" not in html
    assert "<link" not in html and "url(" not in html and not re.search(r"<[^>]*\bsrc=", html)  # nothing fetched
    with pytest.raises(ValueError):
        documents.no_fetch("http://example.com/x.png")
    assert b"%PDF" == documents.letter_pdf(letter)[:4]


def test_long_letter_runs_onto_more_pages(agency):
    body = "\n".join(f"第 {n} 段：本机关依照规定对您的申请进行了审查，现将有关情况说明如下。" * 3 for n in range(60))
    letter = Letter(kind=choices.LETTER_REPLY, number="YSQ2026-00009-03", title="答复书", addressee="孙立",
                    body=body, issued_on=dt.date(2026, 6, 20))
    reader = PdfReader(io.BytesIO(documents.letter_pdf(letter)))
    assert len(reader.pages) > 2
    assert "第59段" in _flat(reader.pages[-1].extract_text()) or "第59段" in _flat(reader.pages[-2].extract_text())


@pytest.mark.parametrize(("number", "ext", "expected"), [
    ("YSQ2026-00001-02", "pdf", "YSQ2026-00001-02.pdf"),
    ("YSQ2026-00001-02", "DOCX", "YSQ2026-00001-02.docx"),
    ("申请/2026 第1号", "pdf", "2026-1.pdf"),
    ("", "pdf", "letter-0.pdf"),
])
def test_letter_filename_is_ascii_safe(number, ext, expected):
    name = documents.letter_filename(Letter(number=number), ext)
    assert name == expected
    assert name.isascii()
