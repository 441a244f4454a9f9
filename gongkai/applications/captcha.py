"""An offline, accessible check that a person fills in the online application form.

A small sum in Chinese words ("七加五等于几？"), answered with a number. No image and no
third-party service, so it works on an intranet, with a screen reader and in elderly mode.
The answer is not in the page: the form carries a signed token (django.core.signing, with a
maximum age) holding a keyed hash of the answer, bound to the form's one-time submission token,
so a solved question cannot be reused for another submission.

This keeps out form-filling robots; it is not meant to stop a person who is determined to
flood the office — the per-address rate limit (ratelimit.py) does that.
"""

import secrets
from dataclasses import dataclass

from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "gongkai.applications.captcha"
MAX_AGE_SECONDS = 3 * 3600  # long enough for a slow reader to fill the whole form

DIGITS = "零一二三四五六七八九十"
# Answers are 0–20; a person may also write the answer in Chinese numerals.
_CHINESE_ANSWERS = {DIGITS[n]: n for n in range(11)}
_CHINESE_ANSWERS.update({f"十{DIGITS[n]}": 10 + n for n in range(1, 10)})
_CHINESE_ANSWERS.update({"二十": 20, "两": 2})
_FULL_WIDTH = str.maketrans("０１２３４５６７８９－", "0123456789-")

EXPIRED = "验证题已过期，请回答下面的新题目。"
WRONG = "验证题的答案不对，请重新计算下面的新题目，用阿拉伯数字填写（例如 12）。"
MISSING = "请回答验证题，用阿拉伯数字填写（例如 12）。"


@dataclass(frozen=True)
class Challenge:
    question: str  # e.g. "七加五等于几？"
    token: str  # goes in a hidden field


def _number_words(n):
    return DIGITS[n]


def _digest(nonce, bound_to, answer):
    return salted_hmac(SALT, f"{nonce}:{bound_to}:{answer}").hexdigest()


def new_challenge(bound_to=""):
    """A fresh question and its signed token; `bound_to` ties it to one form (the submission token)."""
    a, b = secrets.randbelow(10) + 1, secrets.randbelow(10) + 1
    if secrets.randbelow(2):
        question, answer = f"{_number_words(a)}加{_number_words(b)}等于几？", a + b
    else:
        a, b = max(a, b), min(a, b)
        question, answer = f"{_number_words(a)}减{_number_words(b)}等于几？", a - b
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"n": nonce, "h": _digest(nonce, bound_to, answer)}, salt=SALT)
    return Challenge(question, token)


def parse_answer(text):
    """The number a person typed: Arabic (half or full width) or Chinese numerals up to 20; None if unreadable."""
    value = "".join((text or "").split()).translate(_FULL_WIDTH)
    if not value or len(value) > 6:
        return None
    if value.lstrip("-").isdigit() and value.isascii():
        return int(value)
    return _CHINESE_ANSWERS.get(value)


def check(token, answer_text, bound_to=""):
    """None when the answer is right; otherwise a Chinese message (expired, wrong or missing)."""
    answer = parse_answer(answer_text)
    if not (answer_text or "").strip():
        return MISSING
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.SignatureExpired:
        return EXPIRED
    except signing.BadSignature:
        return WRONG
    if not isinstance(payload, dict) or not isinstance(payload.get("n"), str) or not isinstance(payload.get("h"), str):
        return WRONG
    if answer is None or not constant_time_compare(payload["h"], _digest(payload["n"], bound_to, answer)):
        return WRONG
    return None
