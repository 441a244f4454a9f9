"""Files attached to records: allowed types, content checked against the extension, text
extraction for search and the personal-data scan, and the metadata-stripped public copy.

Used by the bulk import (importer.py) and by staff uploads (attachments.py) alike.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024
MAX_OOXML_UNPACKED_BYTES = 500 * 1024 * 1024
ALLOWED_TYPES = ("pdf", "doc", "docx", "xls", "xlsx", "jpg", "png")
_EXTENSION_TYPES = {f".{t}": t for t in ALLOWED_TYPES} | {".jpeg": "jpg"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def cell_text(value):
    """A spreadsheet cell as text (integers without '.0')."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def attachment_type(name):
    return _EXTENSION_TYPES.get(Path(name).suffix.lower())


def _detected(head):
    import filetype

    if head.startswith(_OLE_MAGIC):
        return "是旧版 Office 文件（.doc/.xls）"
    if head.startswith(b"PK\x03\x04"):
        return "是 ZIP 压缩格式的文件"
    kind = filetype.guess(head)
    return f"是 .{kind.extension} 文件" if kind else "无法识别"


def check_attachment(path, name=None):
    """Why an attachment cannot be imported (type, size, content against extension), or None."""
    import filetype

    name = name or path.name
    file_type = attachment_type(name)
    if file_type is None:
        suffix = Path(name).suffix or "（没有扩展名）"
        return f"附件“{name}”的类型 {suffix} 不允许：只能是 {'、'.join(ALLOWED_TYPES)}。"
    size = path.stat().st_size
    if size == 0:
        return f"附件“{name}”是空文件。"
    if size > MAX_ATTACHMENT_BYTES:
        return f"附件“{name}”超过 {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB。"
    with open(path, "rb") as handle:
        head = handle.read(8192)
    mismatch = f"附件“{name}”的内容与扩展名不符：扩展名是 {Path(name).suffix}，内容{_detected(head)}。"
    if file_type in ("pdf", "jpg", "png"):
        kind = filetype.guess(head)
        expected = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}[file_type]
        # PDF readers accept a few bytes before the %PDF- header; filetype looks at offset 0 only.
        late_pdf_header = file_type == "pdf" and b"%PDF-" in head[:1024]
        if (kind is None or kind.mime != expected) and not late_pdf_header:
            return mismatch
    elif file_type in ("docx", "xlsx"):
        main_part = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}[file_type]
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, OSError):
            if head.startswith(_OLE_MAGIC):
                return (f"附件“{name}”的内容与扩展名不符：它是旧版 Office 文件或设置了打开密码。"
                        f"请去掉密码或另存为 {Path(name).suffix} 后再导入。")
            return mismatch
        if main_part not in names:
            other = "Word（.docx）" if "word/document.xml" in names else (
                "Excel（.xlsx）" if "xl/workbook.xml" in names else "其他 ZIP 文件")
            return f"附件“{name}”的内容与扩展名不符：扩展名是 {Path(name).suffix}，内容是{other}。"
        if unpacked > MAX_OOXML_UNPACKED_BYTES:
            return f"附件“{name}”解压后过大，无法处理。"
        # Parsing the document here as well would double the slowest step of an import; a package
        # that fails later (text extraction) sends its row to review instead.
        return None
    elif file_type in ("doc", "xls"):
        if not head.startswith(_OLE_MAGIC):
            return mismatch
        kind = filetype.guess(head)
        if kind is not None and kind.extension in ("doc", "xls", "ppt") and kind.extension != file_type:
            return f"附件“{name}”的内容与扩展名不符：扩展名是 {Path(name).suffix}，内容是 .{kind.extension} 文件。"
        return None  # no library here opens these; the header is all that can be checked
    problem = _open_problem(path, file_type)
    return f"附件“{name}”无法打开：{problem}" if problem else None


def _open_problem(path, file_type):
    """Open a PDF or a picture with the library that will process it; a short reason when that fails."""
    try:
        if file_type == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(path)
            if reader.is_encrypted and not reader.decrypt(""):
                return "PDF 设置了打开密码，请上传未加密的文件。"
            if len(reader.pages) == 0:
                return "PDF 没有页面。"
        elif file_type in ("jpg", "png"):
            from PIL import Image

            with Image.open(path) as image:
                image.verify()
    except Exception as exc:  # noqa: BLE001 — any failure of a third-party reader means "damaged"
        if type(exc).__name__ in ("DependencyError", "FileNotDecryptedError"):
            return "PDF 已加密，请上传未加密的文件。"
        return f"文件可能已损坏（{type(exc).__name__}）。"
    return None


def strip_pdf(data):
    """The PDF without its document information dictionary and XMP metadata (pypdf)."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None
    if "/Metadata" in writer.root_object:
        del writer.root_object["/Metadata"]
    for page in writer.pages:
        if "/Metadata" in page:
            del page["/Metadata"]
        if "/PieceInfo" in page:
            del page["/PieceInfo"]
    if "/PieceInfo" in writer.root_object:
        del writer.root_object["/PieceInfo"]
    # The cloned objects the removed entries pointed to would otherwise still be written.
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_EMPTY_PROPERTY_PARTS = {
    "core-properties": _XML_DECLARATION + (
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        b' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        b' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
    ),
    "extended-properties": _XML_DECLARATION + (
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
        b' xmlns:vt="' + _VT.encode() + b'"/>'
    ),
    "custom-properties": _XML_DECLARATION + (
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        b' xmlns:vt="' + _VT.encode() + b'"/>'
    ),
}
_DEFAULT_PROPERTY_PARTS = {
    "docProps/core.xml": "core-properties", "docProps/app.xml": "extended-properties",
    "docProps/custom.xml": "custom-properties",
}


def _property_parts(archive):
    """Part name -> kind of the package's property parts, found through _rels/.rels."""
    parts = {}
    try:
        root = ElementTree.fromstring(archive.read("_rels/.rels"))
    except (KeyError, ElementTree.ParseError):
        root = None
    if root is not None:
        for rel in root:
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            if kind in _EMPTY_PROPERTY_PARTS and rel.get("TargetMode") != "External":
                parts[target.lstrip("/")] = kind
    for name, kind in _DEFAULT_PROPERTY_PARTS.items():
        parts.setdefault(name, kind)
    return parts


def strip_ooxml(data):
    """A .docx/.xlsx with its core (author, last modified by…), extended (company, manager…) and
    custom property parts emptied and entry timestamps reset; every other part is copied as is."""
    source = zipfile.ZipFile(io.BytesIO(data))
    replacements = _property_parts(source)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.is_dir():
                continue
            kind = replacements.get(info.filename)
            payload = _EMPTY_PROPERTY_PARTS[kind] if kind else source.read(info)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, payload)
    return out.getvalue()


def strip_image(data, file_type):
    """The picture re-encoded by Pillow without EXIF, XMP, comments or text chunks (turned upright
    first, since the EXIF orientation goes); the colour profile and transparency are kept."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as original:
        image = ImageOps.exif_transpose(original)
        params = {}
        if original.info.get("icc_profile"):
            params["icc_profile"] = original.info["icc_profile"]
        if file_type == "png" and original.info.get("transparency") is not None:
            params["transparency"] = original.info["transparency"]
        if original.info.get("dpi"):
            params["dpi"] = original.info["dpi"]
        image.info = {}
        out = io.BytesIO()
        if file_type == "png":
            image.save(out, "PNG", **params)
        else:
            if image.mode not in ("RGB", "L", "CMYK"):
                image = image.convert("RGB")
            image.save(out, "JPEG", quality=95, comment=b"", **params)
        return out.getvalue()


def strip_metadata(data, file_type):
    """The public copy of an attachment, or None when its metadata cannot be removed reliably."""
    if file_type == "pdf":
        return strip_pdf(data)
    if file_type in ("docx", "xlsx"):
        return strip_ooxml(data)
    if file_type in ("jpg", "png"):
        return strip_image(data, file_type)
    return None


def xlsx_text(data):
    """The cell values of every worksheet, a row per line, cells separated by tabs."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        lines = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [cell_text(v) for v in row if v is not None and cell_text(v)]
                if cells:
                    lines.append("\t".join(cells))
        return "\n".join(lines)
    finally:
        workbook.close()


def attachment_text(data, name, file_type):
    """(text, None) or ("", why the text cannot be read for the personal-data scan)."""
    from gongkai.privacy.extract import ExtractionError, extract_text

    if file_type in ("doc", "xls"):
        return "", "旧版 Office 文件无法读取文字"
    if file_type in ("jpg", "png"):
        return "", "图片无法读取文字"
    try:
        text = xlsx_text(data) if file_type == "xlsx" else extract_text(io.BytesIO(data), name)
    except ExtractionError as exc:
        return "", str(exc)
    except Exception as exc:  # noqa: BLE001 — a damaged file must not stop the import
        return "", f"无法读取文字（{type(exc).__name__}）"
    if file_type == "pdf" and not text.strip():
        return "", "PDF 没有文字层（可能是扫描件）"
    return text, None
