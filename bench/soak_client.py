"""The visitors of the soak (bench/soak.py): a mixed load of browsers on loopback, every request recorded.

    python -m bench.soak_client --base-url http://127.0.0.1:PORT --targets targets.json \
        --seconds 300 --users 6 --output load.json

Each virtual user is a thread that, until the time is up, picks a visit by weight and waits a
little between requests, as a person would:

- browse: the home page, a record detail page, a catalogue list page;
- search: one query of the page benchmark's query mix (bench.pages.QUERY_MIX);
- apply: the real public form /yisqgk/apply/ — read the page, answer the CAPTCHA from its text
  (a sum or difference in Chinese numerals), fill every required item with a valid resident ID
  number, attach a small PNG as identity proof, post it as multipart with the CSRF token, follow
  the redirect to the receipt and read the application number and the tracking code there;
- track: a fresh browser looks up one of this user's earlier applications by tracking code and the
  last four digits of the phone, and reads the progress page.

A person who gets an error page (5xx, or the 400 Django gives when the database fails while it
saves the session) or no answer after pressing 提交申请 presses it again: the same form, the same
one-time submission token. The client does the same (up to APPLY_RETRY_SECONDS),
so the product's replay protection — not luck — decides whether an application is stored twice.

Cookies are kept per visit by hand: in production settings the session and CSRF cookies are
`Secure`, which a standard cookie jar would not send back over plain HTTP on loopback.

Output (JSON): {"requests": [[start, end, kind, status, error], ...], "applications": [...]}
with wall-clock times (time.time()) so that bench/soak.py can set them against its faults.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import random
import re
import sys
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

REQUEST_TIMEOUT = 30.0
APPLY_RETRY_SECONDS = 40.0  # how long a visitor keeps pressing 提交申请 again after errors
FINISH_GRACE_SECONDS = 45.0  # a visit under way when the time is up may finish (an application and its retries)
WEIGHTS = (("browse", 40), ("search", 25), ("apply", 20), ("track", 15))
EXPECTED_STATUS = {"apply_post": 302, "track_post": 302}  # every other kind of request: 200

# --- pure parts (tested in bench/tests/test_soak_client.py) ------------------------------------------

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text):
    """0–99 written in Chinese numerals (七, 十, 十二, 二十, 二十三); ValueError otherwise."""
    text = text.strip()
    if not text:
        raise ValueError("empty number")
    if "十" not in text:
        if len(text) != 1 or text not in _DIGITS:
            raise ValueError(f"not a Chinese number: {text!r}")
        return _DIGITS[text]
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or (tens and tens not in _DIGITS) or (ones and ones not in _DIGITS):
        raise ValueError(f"not a Chinese number: {text!r}")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


_NUMERAL = r"([零〇一二两三四五六七八九十]+)"
_QUESTION = re.compile(rf"请计算：\s*{_NUMERAL}\s*([加减])\s*{_NUMERAL}\s*等于几")


def solve_captcha(html):
    """The answer to the CAPTCHA of the application form, read from the page as a person reads it."""
    match = _QUESTION.search(html)
    if not match:
        raise ValueError("no CAPTCHA question on the page")
    left, operator, right = chinese_number(match.group(1)), match.group(2), chinese_number(match.group(3))
    return left + right if operator == "加" else left - right


def hidden_value(html, name):
    """The value of the hidden input `name` (the attribute order of Django's and our templates)."""
    match = re.search(rf'<input type="hidden" name="{re.escape(name)}" value="([^"]*)"', html)
    if not match:
        raise ValueError(f"no hidden field {name} on the page")
    return match.group(1)


def raw_submission_token(signed):
    """The raw one-time token inside a signed one (TimestampSigner: 'raw:timestamp:signature')."""
    raw = signed.split(":", 1)[0]
    if not raw:
        raise ValueError("empty submission token")
    return raw


_RECEIPT_PATH = re.compile(r"/yisqgk/receipt/([A-Za-z0-9]+)/$")


def receipt_code(location):
    """The tracking code in the redirect to the receipt page, or None when it goes elsewhere."""
    match = _RECEIPT_PATH.search(urllib.parse.urlsplit(location or "").path)
    return match.group(1).upper() if match else None


def receipt_fields(html):
    """(application number, tracking code) shown on the receipt or progress page, None where missing."""
    number = re.search(r"<dt>申请编号</dt><dd>([^<]+)</dd>", html)
    code = re.search(r"<dt>查询码</dt><dd>(?:<strong[^>]*>)?([A-Za-z0-9]+)", html)
    return (number.group(1).strip() if number else None, code.group(1).strip().upper() if code else None)


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def resident_id(serial):
    """A resident ID number (GB 11643) with a correct check digit, different for every serial."""
    birth = time.strftime("%Y%m%d", time.gmtime(315532800 + (serial * 86400 * 37) % (30 * 365 * 86400)))
    body = f"110101{birth}{serial % 1000:03d}"
    return body + _ID_CHECK[sum(int(d) * w for d, w in zip(body, _ID_WEIGHTS, strict=True)) % 11]


def multipart(fields, files):
    """(body, content type) of a multipart/form-data post; `files` is [(field, filename, type, bytes)]."""
    boundary = f"----soak{uuid.uuid4().hex}"
    out = io.BytesIO()
    for name, value in fields:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(str(value).encode() + b"\r\n")
    for name, filename, content_type, data in files:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                  f"Content-Type: {content_type}\r\n\r\n".encode())
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def proof_png():
    """A small valid PNG (a photo of an ID card, as far as the form can tell)."""
    import struct
    import zlib

    width, height = 32, 20
    raw = b"".join(b"\x00" + bytes(v for x in range(width) for v in (x * 7 % 256, y * 11 % 256, 128))
                   for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


# --- HTTP ---------------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int | None
    headers: dict
    body: str
    error: str | None = None


class Recorder:
    """Every request of every visitor: (start, end, kind, status, error), thread-safe."""

    def __init__(self):
        self.lock = threading.Lock()
        self.requests = []
        self.applications = []

    def request(self, start, end, kind, status, error):
        with self.lock:
            self.requests.append((round(start, 4), round(end, 4), kind, status, error))

    def application(self, record):
        with self.lock:
            self.applications.append(record)


class Browser:
    """One visitor's browser: a cookie store (Secure cookies included) and one connection per request."""

    def __init__(self, host, port, recorder):
        self.host, self.port, self.recorder = host, port, recorder
        self.cookies = {}

    def request(self, kind, method, path, *, body=None, content_type=None):
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "gongkai-soak/1", "Connection": "close",
                   "Accept-Language": "zh-CN"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = content_type
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
            headers["Origin"] = f"http://{self.host}:{self.port}"
        start = time.time()
        status, response_headers, text, error = None, {}, "", None
        connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            status = response.status
            for value in response.headers.get_all("Set-Cookie") or ():
                cookie = SimpleCookie()
                cookie.load(value)
                for name, morsel in cookie.items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            response_headers = {k.lower(): v for k, v in response.headers.items()}
            text = data.decode("utf-8", errors="replace")
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__}: {exc}"[:200]
        finally:
            connection.close()
        self.recorder.request(start, time.time(), kind, status, error)
        return Response(status, response_headers, text, error)


# --- the visits ---------------------------------------------------------------------------------------------

NAMES = ("王建华", "李秀英", "张伟", "刘洋", "陈静", "杨帆", "赵敏", "黄磊", "周婷", "吴刚", "徐丽", "孙强")
TITLES = ("2025 年度电动自行车产品质量监督抽查结果", "本市食品生产企业许可名单", "2024 年部门预算执行情况",
          "电梯安全监督检查记录汇总", "消费者投诉处理情况统计", "行政处罚决定书（示市监罚〔2025〕12 号）")


@dataclass
class Visitor:
    number: int
    base: tuple
    targets: dict
    recorder: Recorder
    deadline: float
    rng: random.Random
    receipts: list = field(default_factory=list)
    serial: int = 0

    def browser(self):
        return Browser(*self.base, self.recorder)

    def pause(self):
        time.sleep(self.rng.uniform(0.05, 0.3))

    def run(self):
        kinds, weights = zip(*WEIGHTS, strict=True)
        while time.time() < self.deadline:
            kind = self.rng.choices(kinds, weights)[0]
            if kind == "track" and not self.receipts:
                kind = "apply"
            getattr(self, kind)()
            self.pause()

    def browse(self):
        browser = self.browser()
        browser.request("home", "GET", "/")
        self.pause()
        browser.request("record", "GET", self.rng.choice(self.targets["records"]))
        self.pause()
        browser.request("catalogue", "GET", self.rng.choice(self.targets["catalogue"]))

    def search(self):
        self.browser().request("search", "GET", self.rng.choice(self.targets["search"]))

    def apply(self):
        browser = self.browser()
        page = browser.request("apply_form", "GET", "/yisqgk/apply/")
        record = {"visitor": self.number, "started": time.time(), "token": None, "attempts": 0, "statuses": [],
                  "errors": [], "code": None, "number": None, "receipt_number": None, "outcome": "no form"}
        if page.status != 200:
            record["statuses"].append(page.status)
            self.recorder.application(record)
            return
        try:
            signed = hidden_value(page.body, "submission")
            fields = self.application_fields(page.body, signed)
        except ValueError as exc:
            record.update(outcome="unreadable form", errors=[str(exc)])
            self.recorder.application(record)
            return
        record.update(token=raw_submission_token(signed), phone=fields["phone"], outcome="error")
        self.pause()
        body, content_type = multipart(list(fields.items()),
                                       [("proof", "身份证正面.png", "image/png", self.targets["proof"])])
        give_up = time.time() + APPLY_RETRY_SECONDS
        while True:
            record["attempts"] += 1
            answer = browser.request("apply_post", "POST", "/yisqgk/apply/", body=body, content_type=content_type)
            record["statuses"].append(answer.status)
            if answer.error:
                record["errors"].append(answer.error)
            code = receipt_code(answer.headers.get("location")) if answer.status == 302 else None
            if code:
                record["code"] = code
                break
            if answer.status in (200, 429):  # the form itself answers (refused, expired, limit): no point retrying
                record["outcome"] = f"refused ({answer.status})"
                record["refusal"] = re.sub(r"\s+", " ", " ".join(re.findall(r'class="form-error[^"]*"[^>]*>(.*?)</',
                                                                        answer.body, re.S)))[:300]
                self.recorder.application(record)
                return
            if time.time() > give_up:
                record["outcome"] = "gave up"
                self.recorder.application(record)
                return
            time.sleep(min(0.5 * record["attempts"], 3.0))
        record["outcome"] = "receipt"
        record["received"] = time.time()
        while True:  # the receipt page shows the application number; it too is retried after a server error
            shown = browser.request("receipt", "GET", f"/yisqgk/receipt/{record['code']}/")
            if shown.status in (200, 302) or time.time() > give_up:  # 302: the session was lost (to tracking)
                break
            time.sleep(0.5)
        if shown.status == 200:
            record["receipt_number"], shown_code = receipt_fields(shown.body)
            record["number"] = record["receipt_number"]
            if shown_code != record["code"]:
                record["outcome"] = "receipt with another code"
        else:
            record["outcome"] = f"receipt page {shown.status}"
        self.recorder.application(record)
        if record["number"]:
            self.receipts.append((record["code"], record["phone"], record["number"]))

    def application_fields(self, html, signed):
        self.serial += 1
        serial = self.number * 100_000 + self.serial
        phone = f"139{serial % 100_000_000:08d}"
        return {
            "csrfmiddlewaretoken": hidden_value(html, "csrfmiddlewaretoken"),
            "submission": signed,
            "captcha_token": hidden_value(html, "captcha_token"),
            "captcha_answer": str(solve_captcha(html)),
            "website": "",
            "applicant_type": "natural_person",
            "applicant_name": self.rng.choice(NAMES),
            "contact_person": "",
            "id_type": "resident_id",
            "id_number": resident_id(serial),
            "phone": phone,
            "email": f"soak{serial}@example.invalid",
            "address": "示范市东湖区人民路 1 号",
            "postcode": "100000",
            "info_title": self.rng.choice(TITLES),
            "info_doc_number": "",
            "info_description": f"压力测试申请 {serial}：请提供上述信息的电子文档。",
            "requested_form": "electronic",
            "delivery_route": "email",
        }

    def track(self):
        code, phone, number = self.rng.choice(self.receipts)
        browser = self.browser()  # another browser: the receipt session would show the case without a lookup
        page = browser.request("track_form", "GET", "/yisqgk/track/")
        if page.status != 200:
            return
        try:
            csrf = hidden_value(page.body, "csrfmiddlewaretoken")
        except ValueError:
            return
        self.pause()
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": csrf, "code": code, "phone_last4": phone[-4:]})
        answer = browser.request("track_post", "POST", "/yisqgk/track/", body=body,
                                 content_type="application/x-www-form-urlencoded")
        if answer.status == 302:
            shown = browser.request("track_status", "GET", "/yisqgk/track/")
            if shown.status == 200 and receipt_fields(shown.body)[0] != number:
                self.recorder.request(time.time(), time.time(), "track_mismatch", shown.status, f"expected {number}")


def run(base_url, targets, *, seconds, users, seed=1):
    """Run `users` visitors for `seconds`; returns the recorder. Visits under way may finish after the time."""
    parts = urllib.parse.urlsplit(base_url)
    targets = {**targets, "proof": proof_png()}
    recorder = Recorder()
    deadline = time.time() + seconds
    visitors = [Visitor(n + 1, (parts.hostname, parts.port), targets, recorder, deadline,
                        random.Random(seed * 1000 + n)) for n in range(users)]
    threads = [threading.Thread(target=v.run, name=f"visitor-{v.number}", daemon=True) for v in visitors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline + FINISH_GRACE_SECONDS - time.time()))
    return recorder


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--targets", required=True, help="JSON: {records: [...], catalogue: [...], search: [...]}")
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--users", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", required=True)
    args = parser.parse_args(argv)
    with open(args.targets, encoding="utf-8") as handle:
        targets = json.load(handle)
    recorder = run(args.base_url, targets, seconds=args.seconds, users=args.users, seed=args.seed)
    with recorder.lock:
        result = {"requests": list(recorder.requests), "applications": list(recorder.applications)}
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(result, handle, ensure_ascii=False)
    print(f"soak_client: {len(result['requests'])} requests, {len(result['applications'])} applications", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
