"""Plain text of an uploaded document, for the personal-data scan (RULES.md §7) and for search.
Pure: no Django (a Django UploadedFile works as a file object).

    extract_text(path_or_file, filename=None) -> str

Supported: .txt (UTF-8, with or without a byte-order mark), .pdf (pypdf: the text layer; a
scanned PDF without one gives ""), .docx (python-docx: body paragraphs and tables in document
order, then headers and footers). Anything else — or a file that cannot be read — raises
ExtractionError (a ValueError) with a message in plain Chinese that can be shown to staff.
"""

import io
import os
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".docx")


class ExtractionError(ValueError):
    """The file cannot be turned into text; str(error) is a message for staff, in Chinese."""


def _suffix(filename):
    return Path(filename or "").suffix.lower()


def _read_bytes(path_or_file):
    if isinstance(path_or_file, (str, os.PathLike)):
        path = Path(path_or_file)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise ExtractionError(f"找不到文件：{path}") from None
        except IsADirectoryError:
            raise ExtractionError(f"“{path}”是一个文件夹，不是文件。") from None
        except OSError as exc:
            raise ExtractionError(f"无法读取文件“{path}”：{exc.strerror or exc}") from None
    if hasattr(path_or_file, "seek"):
        try:
            path_or_file.seek(0)
        except (OSError, ValueError):
            pass
    data = path_or_file.read()
    if isinstance(data, str):
        return data.encode("utf-8")
    return bytes(data)


def extract_text(path_or_file, filename=None):
    """The text of a .txt, .pdf or .docx file given as a path or a binary file object.

    `filename` decides the type; it defaults to the path's name or the file object's `.name`.
    """
    if filename is None:
        if isinstance(path_or_file, (str, os.PathLike)):
            filename = os.fspath(path_or_file)
        else:
            filename = getattr(path_or_file, "name", "") or ""
    suffix = _suffix(filename)
    shown = Path(filename).name or "这个文件"
    if isinstance(path_or_file, (str, os.PathLike)) and not Path(path_or_file).exists():
        raise ExtractionError(f"找不到文件：{os.fspath(path_or_file)}")
    if suffix not in SUPPORTED_SUFFIXES:
        if suffix == ".doc":
            raise ExtractionError(f"“{shown}”是旧版 Word 文件（.doc），暂不支持。请在 Word 中另存为 .docx 后再上传。")
        if suffix in (".wps", ".rtf", ".odt"):
            raise ExtractionError(f"暂不支持“{suffix}”格式的文件“{shown}”。请另存为 .docx 或 PDF 后再上传。")
        kind = f"“{suffix}”格式" if suffix else "没有扩展名"
        raise ExtractionError(
            f"无法识别文件“{shown}”的类型（{kind}）。"
            "可以检查的文件类型：纯文本（.txt，UTF-8 编码）、PDF（.pdf）、Word（.docx）。"
        )
    data = _read_bytes(path_or_file)
    if suffix == ".txt":
        return _text_from_txt(data, shown)
    if suffix == ".pdf":
        return _text_from_pdf(data, shown)
    return _text_from_docx(data, shown)


def _text_from_txt(data, shown):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractionError(
            f"文件“{shown}”不是 UTF-8 编码的文本（第 {exc.start + 1} 个字节无法识别），"
            "可能是 GBK 等其他编码。请用记事本或 WPS 另存为“UTF-8”编码后再试。"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text_from_pdf(data, shown):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError(f"PDF 文件“{shown}”设置了打开密码，无法读取。请上传未加密的文件。")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractionError:
        raise
    except (FileNotDecryptedError, DependencyError):
        # DependencyError: AES-encrypted files need the optional "cryptography" package.
        raise ExtractionError(f"PDF 文件“{shown}”已加密，无法读取。请上传未加密的文件。") from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError, RecursionError) as exc:
        raise ExtractionError(
            f"无法读取 PDF 文件“{shown}”：文件可能已损坏或不是 PDF（{type(exc).__name__}）。"
        ) from None
    # Pages are separated by a blank line so that a label at the foot of one page and the
    # text at the head of the next do not run together.
    return "\n\n".join(page.replace("\r\n", "\n") for page in pages)


def _docx_table_text(table):
    lines = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans: keep it once.
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(cell.text.strip())
        # Cells are joined by a tab so that "姓名<tab>张三" reads like "姓名 张三".
        lines.append("\t".join(cells))
    return "\n".join(lines)


def _text_from_docx(data, shown):
    import zipfile

    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionError(
            f"无法读取 Word 文件“{shown}”：文件可能已损坏，或不是 .docx 格式（{type(exc).__name__}）。"
        ) from None
    blocks = []
    for block in document.iter_inner_content():
        blocks.append(_docx_table_text(block) if isinstance(block, Table) else block.text)
    # Headers and footers often carry the drafter's name and telephone number.
    seen = set()
    for section in document.sections:
        for part in (section.header, section.footer):
            if part.is_linked_to_previous:
                continue
            text = "\n".join(p.text for p in part.paragraphs).strip()
            if text and text not in seen:
                seen.add(text)
                blocks.append(text)
    return "\n".join(blocks)
