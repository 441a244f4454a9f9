"""The online application form at /yisqgk/apply/ (条例 Art. 29), its receipt and the guide, as applicants use them."""

import io
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from gongkai.applications import captcha, choices
from gongkai.applications.models import DisclosureApplication, IdentityProof
from gongkai.applications.tests.conftest import COMPANY_USCC, PERSON_ID

GUIDE, APPLY, TRACK = "/yisqgk/", "/yisqgk/apply/", "/yisqgk/track/"


@pytest.fixture(autouse=True)
def _own_cache(settings):
    """Rate-limit counters live in the cache: each test gets an empty one of its own."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"public-apply-{uuid.uuid4()}"}}


@pytest.fixture(autouse=True)
def _agency(agency):
    agency.ogi_office_name = "示范市市场监督管理局办公室（政务公开办公室）"
    agency.ogi_phone = "0999-12345678"
    agency.ogi_address = "示范市人民路 1 号"
    agency.save()
    return agency


def solve(question):
    """The answer to "七加五等于几？" as a person would work it out."""
    match = re.fullmatch(r"(.+?)(加|减)(.+?)等于几？", question)
    a, b = captcha.DIGITS.index(match.group(1)), captcha.DIGITS.index(match.group(3))
    return a + b if match.group(2) == "加" else a - b


def open_form(client):
    """GET the form; the hidden tokens and the right CAPTCHA answer, as the page shows them."""
    html = client.get(APPLY).content.decode()
    question = re.search(r"请计算：(\S+?等于几？)", html).group(1)
    return {
        "submission": re.search(r'name="submission" value="([^"]+)"', html).group(1),
        "captcha_token": re.search(r'name="captcha_token" value="([^"]+)"', html).group(1),
        "captcha_answer": str(solve(question)),
        "website": "",
    }


def png_bytes():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def submit(client, applicant_data):
    """submit(**overrides) -> the response to POSTing a freshly opened form with the fixture's applicant."""
    def post(client=client, files=None, **overrides):
        data = {**applicant_data(), **open_form(client), **overrides}
        data.update(files or {})
        return client.post(APPLY, data)

    return post


def page(response):
    return response.content.decode()


# --- the guide -----------------------------------------------------------------------------------------


def test_guide_explains_what_is_needed_and_links_to_apply_and_track(client):
    response = client.get(GUIDE)
    html = page(response)
    assert response.status_code == 200
    assert "20 个工作日" in html and "第二十九条" in html
    assert f'href="{APPLY}"' in html and f'href="{TRACK}"' in html
    assert "示范市市场监督管理局办公室（政务公开办公室）" in html and "0999-12345678" in html
    assert choices.RECEIPT_RULES[choices.ONLINE] in html


def test_form_page_labels_every_field_and_marks_required_in_text(client):
    html = page(client.get(APPLY))
    for name in ("applicant_name", "id_number", "phone", "email", "info_title", "info_description", "proof"):
        assert f'for="id_{name}"' in html
    assert "<legend" in html and "（必填）" in html
    assert 'name="website"' in html and 'tabindex="-1"' in html and 'aria-hidden="true"' in html
    assert "等于几？" in html and "请用阿拉伯数字填写" in html


# --- success ---------------------------------------------------------------------------------------------


def test_successful_application_is_stored_then_the_receipt_is_shown(client, submit):
    response = submit(files={"proof": SimpleUploadedFile("身份证正面.png", png_bytes(), "application/octet-stream")})
    application = DisclosureApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/yisqgk/receipt/{application.tracking_code}/"
    assert application.channel == choices.ONLINE and application.applicant_name == "李春华"
    assert application.phone == "13912345678" and application.info_title.startswith("2025 年度电动自行车")
    assert application.requested_form == "electronic" and application.delivery_route == "email"
    assert application.id_number_last4 == PERSON_ID[-4:]
    proof = IdentityProof.objects.get(application=application)
    assert proof.content_type == "image/png" and proof.filename == "身份证正面.png"
    assert png_bytes()[:16] not in bytes(proof.cipher)

    receipt = client.get(response["Location"])
    html = page(receipt)
    assert receipt.status_code == 200
    assert application.number in html and application.tracking_code in html
    assert "请记下或截图保存查询码" in html and "双方确认之日" in html
    assert PERSON_ID not in html


def test_the_id_number_is_not_in_the_database_in_clear(client, submit):
    submit()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM applications_disclosureapplication")
        rows = cursor.fetchall()
    assert len(rows) == 1
    assert not any(PERSON_ID in str(value) or PERSON_ID.lower() in str(value) for value in rows[0])


def test_the_receipt_pdf_downloads(client, submit):
    response = submit()
    code = DisclosureApplication.objects.get().tracking_code
    client.get(response["Location"])
    pdf = client.get(f"/yisqgk/receipt/{code}/pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]


def test_the_receipt_is_only_shown_to_the_browser_that_submitted(client, submit):
    response = submit()
    stranger = Client()
    assert stranger.get(response["Location"]).url == TRACK
    code = DisclosureApplication.objects.get().tracking_code
    assert stranger.get(f"/yisqgk/receipt/{code}/pdf").status_code == 404
    # Another code in the submitter's own session does not show the receipt either.
    assert client.get("/yisqgk/receipt/ABCDEFGHJK/").url == TRACK


def test_the_submitter_sees_the_progress_without_typing_the_code(client, submit):
    submit()
    html = page(client.get(TRACK))
    assert DisclosureApplication.objects.get().number in html and "申请办理进度" in html


def test_an_organisation_applies_with_its_credit_code(client, submit):
    response = submit(applicant_type="business", applicant_name="示范市某某检测技术有限公司", contact_person="王经办",
                      id_type=choices.USCC, id_number=COMPANY_USCC)
    assert response.status_code == 302
    application = DisclosureApplication.objects.get()
    assert application.applicant_type == "business" and application.contact_person == "王经办"


def test_a_replayed_form_gives_the_first_receipt_not_a_second_application(client, applicant_data):
    data = {**applicant_data(), **open_form(client)}
    first = client.post(APPLY, data)
    second = client.post(APPLY, data)
    assert DisclosureApplication.objects.count() == 1
    assert first["Location"] == second["Location"]
    html = page(client.get(second["Location"]))
    assert "此申请已经提交过，以下是原回执" in html
    assert DisclosureApplication.objects.get().number in html
    # The notice is for the replay only.
    assert "此申请已经提交过" not in page(client.get(second["Location"]))


# --- refusals: a Chinese message, the values kept, nothing saved ------------------------------------------


def assert_refused(response, message, status=200):
    html = page(response)
    assert response.status_code == status
    assert message in html
    assert DisclosureApplication.objects.count() == 0
    assert IdentityProof.objects.count() == 0
    return html


def test_invalid_resident_id_is_refused_and_the_form_keeps_the_values(submit):
    html = assert_refused(submit(id_number="110105194912310021"), "居民身份证号码不正确")
    assert 'value="李春华"' in html and "希望获取 2025 年本市电动自行车" in html
    assert 'value="110105194912310021"' in html
    assert 'name="captcha_answer" id="id_captcha_answer" value=""' in html
    assert 'href="#id_id_number"' in html  # the summary links to the field
    assert 'aria-describedby="id_id_number_helptext id_id_number_error"' in html


def test_invalid_credit_code_for_an_organisation_is_refused(submit):
    assert_refused(submit(applicant_type="research", contact_person="赵联系", id_type=choices.USCC,
                          id_number="91350100M000100Y44"), "统一社会信用代码不正确")


def test_an_organisation_may_not_apply_with_a_resident_id(submit):
    assert_refused(submit(applicant_type="business", contact_person="赵联系"), "法人或其他组织申请")


def test_an_organisation_must_name_a_contact_person(submit):
    assert_refused(submit(applicant_type="business", id_type=choices.USCC, id_number=COMPANY_USCC),
                   "请填写联系人")


def test_an_empty_description_is_refused(submit):
    html = assert_refused(submit(info_title="", info_doc_number="", info_description="  "),
                          "至少填写一项")
    assert 'href="#id_info_title"' in html


def test_missing_contact_for_the_chosen_route_is_refused(submit):
    assert_refused(submit(email=""), "请填写电子邮箱")
    assert_refused(submit(delivery_route="post", address=""), "请填写通信地址")


def test_a_wrong_captcha_answer_is_refused_with_a_new_question(submit):
    html = assert_refused(submit(captcha_answer="999"), "验证题的答案不对")
    assert "等于几？" in html and 'href="#id_captcha_answer"' in html
    assert_refused(submit(captcha_answer=""), "请回答验证题")


def test_an_expired_captcha_asks_a_new_question(submit, monkeypatch):
    monkeypatch.setattr(captcha, "MAX_AGE_SECONDS", -1)
    assert_refused(submit(), "验证题已过期")


def test_a_captcha_answered_for_another_form_does_not_count(client, applicant_data):
    first, second = open_form(client), open_form(client)
    data = {**applicant_data(), **second, "captcha_token": first["captcha_token"],
            "captcha_answer": first["captcha_answer"]}
    assert_refused(client.post(APPLY, data), "验证题的答案不对")


def test_the_captcha_accepts_chinese_and_full_width_answers():
    assert captcha.parse_answer("１２") == 12 and captcha.parse_answer("十二") == 12
    assert captcha.parse_answer(" 7 ") == 7 and captcha.parse_answer("七") == 7
    assert captcha.parse_answer("abc") is None and captcha.parse_answer("") is None


def test_a_filled_honeypot_is_refused_quietly(submit):
    html = assert_refused(submit(website="http://spam.example"), "提交没有成功", status=400)
    assert "网址" not in html.split('class="error-summary"')[1].split("</div>")[0]
    assert 'value="李春华"' in html


def test_a_tampered_submission_token_is_refused(submit):
    assert_refused(submit(submission="forged-token"), "已经失效")


def test_a_50_mb_upload_gets_a_clear_message_and_nothing_is_saved(settings, applicant_data):
    """Through a client that enforces CSRF: the size check must work with Django's CSRF protection."""
    settings.APPLICATION_PROOF_MAX_MB = 10
    browser = Client(enforce_csrf_checks=True)
    data = {**applicant_data(), **open_form(browser), "csrfmiddlewaretoken": browser.cookies["csrftoken"].value}
    huge = SimpleUploadedFile("身份证.jpg", b"\xff\xd8\xff\xe0" + bytes(50 * 1024 * 1024), "image/jpeg")
    html = assert_refused(browser.post(APPLY, {**data, "proof": huge}), "超过 10 MB")
    assert "没有保存" in html and 'value="李春华"' in html


def test_the_proof_limit_follows_the_setting(settings, submit):
    settings.APPLICATION_PROOF_MAX_MB = 1
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + bytes(1024 * 1024 + 10), "application/pdf")
    assert_refused(submit(files={"proof": big}), "超过 1 MB")


def test_an_exe_renamed_jpg_is_refused(submit):
    fake = SimpleUploadedFile("身份证.jpg", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(2000), "image/jpeg")
    assert_refused(submit(files={"proof": fake}), "不是 JPG、PNG 图片或 PDF 文件")


def test_a_picture_named_pdf_is_refused(submit):
    renamed = SimpleUploadedFile("营业执照.pdf", png_bytes(), "application/pdf")
    assert_refused(submit(files={"proof": renamed}), "内容与扩展名不符")


def test_other_file_types_are_refused_by_extension(submit):
    text = SimpleUploadedFile("证明.txt", b"just text", "text/plain")
    assert_refused(submit(files={"proof": text}), "格式不支持")


def test_a_damaged_picture_is_refused(submit):
    broken = SimpleUploadedFile("id.png", png_bytes()[:40], "image/png")
    assert_refused(submit(files={"proof": broken}), "无法打开")


def test_more_than_three_proof_files_are_refused(submit):
    files = [SimpleUploadedFile(f"p{i}.png", png_bytes(), "image/png") for i in range(4)]
    assert_refused(submit(files={"proof": files}), "最多上传 3 个文件")


def test_accepted_applications_per_address_are_limited(settings, client, submit):
    settings.APPLICATION_SUBMISSIONS_PER_HOUR = 2
    assert submit().status_code == 302
    assert submit().status_code == 302
    response = submit()
    assert response.status_code == 429
    assert "一小时内已经提交了 2 件申请" in page(response)
    assert DisclosureApplication.objects.count() == 2
    # Another address is not affected.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert submit(client=other).status_code == 302


def test_refused_forms_do_not_use_up_the_hourly_limit(settings, submit):
    settings.APPLICATION_SUBMISSIONS_PER_HOUR = 1
    submit(captcha_answer="999")
    submit(id_number="123")
    assert submit().status_code == 302


# --- odd input never gives a server error ------------------------------------------------------------------


def test_very_long_values_are_refused_with_messages(submit):
    long_text = "长" * 20000
    html = assert_refused(submit(applicant_name=long_text, info_title=long_text, info_description=long_text,
                                 phone="1" * 5000, email="a" * 300 + "@example.com", id_number="X" * 5000,
                                 postcode="9" * 50, captcha_answer="9" * 500, submission="s" * 5000),
                          "已经失效")
    assert "Traceback" not in html
    html = assert_refused(submit(applicant_name=long_text, info_description=long_text, phone="1" * 5000),
                          "申请人姓名或名称最多 200 个字")


def test_an_empty_post_and_unknown_choices_are_refused(client, submit):
    response = client.post(APPLY, {})
    assert response.status_code < 500 and "已经失效" in page(response)
    html = assert_refused(submit(applicant_type="robot", id_type="passport", requested_form="x", delivery_route="y"),
                          "请选择申请人类型")
    assert "请选择证件类型" in html


def test_a_list_in_place_of_a_text_field_is_handled(client, applicant_data):
    data = {**applicant_data(), **open_form(client), "applicant_name": ["甲", "乙"], "phone": ["1", "2"]}
    response = client.post(APPLY, data)
    assert response.status_code < 500


def _multipart(fields, filename_param, content):
    """A multipart body written by hand, so the file name can be any bytes."""
    boundary = b"gongkaiBoundary7MA4YWxk"
    body = b""
    for name, value in fields.items():
        body += b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + name.encode() + b'"\r\n\r\n'
        body += str(value).encode() + b"\r\n"
    body += (b"--" + boundary + b'\r\nContent-Disposition: form-data; name="proof"; ' + filename_param
             + b"\r\nContent-Type: image/png\r\n\r\n" + content + b"\r\n--" + boundary + b"--\r\n")
    return body, f"multipart/form-data; boundary={boundary.decode()}"


def test_a_file_name_that_is_not_utf8_is_accepted_and_cleaned(client, applicant_data):
    fields = {**applicant_data(), **open_form(client)}
    body, content_type = _multipart(fields, b"filename*=utf-8''%C9%ED%B7%DD%D6%A4%FF.png", png_bytes())
    response = client.generic("POST", APPLY, body, content_type=content_type)
    assert response.status_code == 302
    proof = IdentityProof.objects.get()
    assert proof.filename.endswith(".png") and proof.content_type == "image/png"
    assert "身份证明：已收到 1 个文件" in page(client.get(response["Location"]))


def test_a_raw_non_utf8_file_name_does_not_break_the_form(client, applicant_data):
    """Django drops a file part whose header is not UTF-8; the receipt then says no proof arrived."""
    fields = {**applicant_data(), **open_form(client)}
    body, content_type = _multipart(fields, b'filename="\xc9\xed\xb7\xdd\xd6\xa4.png"', png_bytes())  # GBK
    response = client.generic("POST", APPLY, body, content_type=content_type)
    assert response.status_code == 302
    assert "没有收到身份证明文件" in page(client.get(response["Location"]))


def test_a_broken_multipart_body_gets_a_chinese_page(client):
    response = client.generic("POST", APPLY, b"--x\r\ngarbage", content_type="multipart/form-data; boundary=")
    assert response.status_code == 400
    assert "提交的内容无法读取" in page(response)
    assert DisclosureApplication.objects.count() == 0


def test_too_much_text_gets_a_chinese_page(settings, client, applicant_data):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 50_000
    data = {**applicant_data(), **open_form(client), "info_description": "长" * 40_000}
    response = client.post(APPLY, data)
    assert response.status_code == 400 and "提交的内容无法读取" in page(response)
    assert DisclosureApplication.objects.count() == 0
