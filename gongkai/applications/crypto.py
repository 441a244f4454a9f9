"""Encryption at rest of the applicant's identity data (issue: ID numbers and proof files are never public).

Fernet (AES-128-CBC with HMAC-SHA256) from the `cryptography` package, keyed by
settings.FIELD_ENCRYPTION_KEY; unset (development and tests only — production refuses to
start), the key is derived from SECRET_KEY. The fingerprint is a keyed HMAC of the
normalised ID number: equal numbers give equal fingerprints, the number cannot be read back.
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


@lru_cache(maxsize=4)
def _fernet(configured: str, secret: str) -> Fernet:
    if configured:
        try:
            return Fernet(configured.encode())
        except (ValueError, TypeError):
            raise ValueError("加密密钥 GONGKAI_FIELD_KEY 格式不正确：应为 Fernet 密钥"
                             "（32 字节的 URL 安全 Base64 编码），请联系系统管理员检查。") from None
    derived = hashlib.sha256(f"gongkai-field-key:{secret}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(derived))


def fernet() -> Fernet:
    return _fernet(settings.FIELD_ENCRYPTION_KEY, settings.SECRET_KEY)


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    """Raises ValueError with a Chinese message when the key does not fit."""
    try:
        return fernet().decrypt(bytes(token))
    except InvalidToken:
        raise ValueError("无法解密：加密密钥与保存时不一致，请联系系统管理员检查 GONGKAI_FIELD_KEY。") from None


def encrypt_text(text: str) -> str:
    return encrypt_bytes(text.encode()).decode() if text else ""


def decrypt_text(token: str) -> str:
    return decrypt_bytes(token.encode()).decode() if token else ""


def normalise_id(number: str) -> str:
    return "".join((number or "").split()).upper()


def fingerprint(number: str) -> str:
    """A keyed hash of the normalised ID number, for finding the same applicant again."""
    value = normalise_id(number)
    if not value:
        return ""
    key = hashlib.sha256(f"gongkai-fingerprint:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
