"""PDF and Word renderings of an issued letter (RULES.md §3.3).

A Letter's text is fixed when it is issued (letters.issue); these functions only lay it out:
agency name, centred title, letter number, addressee, body paragraphs, then the agency name and
the date at the bottom right. PDF comes from an HTML template through WeasyPrint with the
Noto CJK fonts installed on the server (no network fetch: base_url is None and the template
references no external resource); Word comes from python-docx with the East Asian font set on
every style and run, so Word and WPS show Chinese in a Song/Fangsong-like face.
"""

import io
import re

from django.template.loader import render_to_string

from gongkai.organisation.models import Agency

WORD_EAST_ASIAN_FONT = "仿宋"  # shown as FangSong in Word/WPS; falls back to another CJK face elsewhere
WORD_TITLE_FONT = "宋体"
WORD_LATIN_FONT = "Times New Roman"
BODY_SIZE = 14  # points, as in the PDF

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _chinese_date(day):
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _agency_name():
    agency = Agency.current()
    return agency.name if agency else ""


def letter_parts(letter):
    """The pieces a rendering lays out: {title, number, addressee_line, paragraphs, agency_name, issued_on}.

    Bodies written in the older style (the addressee on the first line, the agency and the date
    on the last lines) are accepted: those lines are taken out of the body so that they are
    not printed twice.
    """
    agency_name = _agency_name()
    issued_on = _chinese_date(letter.issued_on)
    lines = [line.strip() for line in (letter.body or "").replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line]
    addressee = (letter.addressee or "").strip()
    if lines and addressee and lines[0].rstrip("：:") == addressee:
        lines = lines[1:]
    while lines and lines[-1] in {issued_on, agency_name} - {""}:
        lines = lines[:-1]
    return {
        "title": letter.title,
        "number": letter.number,
        "addressee_line": addressee,
        "paragraphs": lines,
        "agency_name": agency_name,
        "issued_on": issued_on,
    }


def letter_filename(letter, ext):
    """An ASCII-safe download name such as "YSQ2026-00001-02.pdf"."""
    stem = _UNSAFE.sub("-", letter.number or "").strip("-.") or f"letter-{letter.pk or 0}"
    return f"{stem}.{_UNSAFE.sub('', ext or '').lower() or 'bin'}"


def letter_html(letter):
    return render_to_string("applications/letters/letter.html", letter_parts(letter))


def no_fetch(url, *args, **kwargs):
    """Letters reference nothing outside themselves; any fetch (a stray URL in a template) is refused."""
    raise ValueError(f"letters do not load external resources: {url[:100]}")


def letter_pdf(letter):
    """The letter as an A4 PDF (bytes), with the Noto CJK fonts installed on the server."""
    from weasyprint import HTML

    return HTML(string=letter_html(letter), base_url=None, url_fetcher=no_fetch).write_pdf()


def _east_asian_fonts(r_pr, east_asian, latin):
    """Set w:rFonts on a run's or a style's properties: Word picks the East Asian face from w:eastAsia."""
    from docx.oxml.ns import qn

    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def set_run_font(run, east_asian, latin=WORD_LATIN_FONT, size=None, bold=None):
    from docx.shared import Pt

    run.font.name = latin
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    _east_asian_fonts(run._element.get_or_add_rPr(), east_asian, latin)


def set_style_font(style, east_asian, latin=WORD_LATIN_FONT, size=None):
    from docx.shared import Pt

    style.font.name = latin
    if size is not None:
        style.font.size = Pt(size)
    _east_asian_fonts(style.element.get_or_add_rPr(), east_asian, latin)


def letter_docx(letter):
    """The letter as a Word document (bytes)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    parts = letter_parts(letter)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.2), Cm(3)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    normal = document.styles["Normal"]
    set_style_font(normal, WORD_EAST_ASIAN_FONT, size=BODY_SIZE)
    normal.paragraph_format.line_spacing = Pt(BODY_SIZE * 1.7)
    normal.paragraph_format.space_after = Pt(0)
    document.core_properties.title = parts["title"]

    def add(text, *, align=None, size=BODY_SIZE, bold=False, indent=False, font=WORD_EAST_ASIAN_FONT,
            keep_with_next=False, right_indent=None):
        paragraph = document.add_paragraph()
        if align is not None:
            paragraph.alignment = align
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(size * 2)
        if right_indent is not None:
            paragraph.paragraph_format.right_indent = Pt(right_indent)
        if size > BODY_SIZE:
            paragraph.paragraph_format.line_spacing = Pt(size * 1.5)
        paragraph.paragraph_format.keep_with_next = keep_with_next or None
        set_run_font(paragraph.add_run(text), font, size=size, bold=bold)
        return paragraph

    if parts["agency_name"]:
        add(parts["agency_name"], align=WD_ALIGN_PARAGRAPH.CENTER, size=16, font=WORD_TITLE_FONT)
    add(parts["title"], align=WD_ALIGN_PARAGRAPH.CENTER, size=22, bold=True, font=WORD_TITLE_FONT)
    add(parts["number"], align=WD_ALIGN_PARAGRAPH.CENTER, size=14)
    add("")
    if parts["addressee_line"]:
        add(f"{parts['addressee_line']}：", keep_with_next=True)
    last = len(parts["paragraphs"]) - 1
    for n, text in enumerate(parts["paragraphs"]):
        # The last paragraph stays on the page of the signature: a signature never stands alone.
        add(text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True, keep_with_next=n == last)
    add("", keep_with_next=True)
    if parts["agency_name"]:
        add(parts["agency_name"], align=WD_ALIGN_PARAGRAPH.RIGHT, keep_with_next=True, right_indent=BODY_SIZE * 2)
    add(parts["issued_on"], align=WD_ALIGN_PARAGRAPH.RIGHT, right_indent=BODY_SIZE * 2)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
