"""Identity-proof uploads (条例 Art. 29 proof of identity): one check for the public form and staff intake.

Only JPG, PNG and PDF are accepted, judged by the file's own signature, not its name; the
extension must agree with the content, pictures must open, and each file stays within
APPLICATION_PROOF_MAX_MB (never above the site-wide upload limit).
"""

import io
import unicodedata
from pathlib import PurePath

from django.conf import settings

PROOF_EXTENSIONS = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".pdf": "application/pdf"}


def proof_limit_bytes():
    """The per-file limit for identity proofs: APPLICATION_PROOF_MAX_MB, never above the site-wide upload limit."""
    return min(settings.APPLICATION_PROOF_MAX_MB * 1024 * 1024, settings.UPLOAD_MAX_BYTES)


def proof_limit_text():
    return f"{proof_limit_bytes() / 1024 / 1024:g} MB"


def sniff_type(head):
    """The content type by the file's own signature (not its name): JPEG, PNG or PDF; else None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if b"%PDF-" in head[:1024]:  # PDF readers accept a few bytes before the header
        return "application/pdf"
    return None


def safe_filename(name):
    """The base name without path parts or control characters, at most 100 characters."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return (base or "身份证明")[-100:]


def proof_problem(uploaded):
    """Why an uploaded identity proof cannot be accepted (Chinese), or None."""
    name = safe_filename(uploaded.name)
    extension = PurePath(name).suffix.lower()
    if extension not in PROOF_EXTENSIONS:
        return f"文件“{name}”的格式不支持：身份证明只能上传 JPG、PNG 图片或 PDF 文件。"
    if uploaded.size > proof_limit_bytes():
        return f"文件“{name}”超过 {proof_limit_text()}，请压缩或重新拍摄后再上传。"
    if uploaded.size == 0:
        return f"文件“{name}”是空文件，请重新选择。"
    uploaded.seek(0)
    head = uploaded.read(2048)
    detected = sniff_type(head)
    if detected is None:
        return f"文件“{name}”的内容不是 JPG、PNG 图片或 PDF 文件（只改扩展名是不行的），请重新选择。"
    if (extension == ".pdf") != (detected == "application/pdf"):
        return f"文件“{name}”的内容与扩展名不符，请上传原始的 JPG、PNG 图片或 PDF 文件。"
    if detected.startswith("image/"):
        from PIL import Image

        uploaded.seek(0)
        try:
            with Image.open(io.BytesIO(uploaded.read())) as image:
                image.verify()
        except Exception:  # noqa: BLE001 — any failure of the image reader means a damaged picture
            return f"图片“{name}”无法打开，可能已损坏，请重新拍摄或另存后再上传。"
    return None


def proof_dict(uploaded):
    """The form intake.do_submit_online takes: {"name", "content_type", "data"}; type from the content."""
    uploaded.seek(0)
    data = uploaded.read()
    return {"name": safe_filename(uploaded.name), "content_type": sniff_type(data[:2048]), "data": data}
