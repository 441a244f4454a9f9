"""The soak's visitor (bench/soak_client.py): reading the real form and receipt, solving the CAPTCHA.

No server: the product's views answer through Django's test client, fed by the visitor's own
field values, multipart body and page parsing, so a change of the form that would break the soak
breaks here first.
"""

import random
import uuid

import pytest
from django.test import Client

from bench import soak_client
from gongkai.applications import captcha
from gongkai.applications.models import DisclosureApplication, IdentityProof
from gongkai.applications.public_forms import new_submission_token, read_submission_token
from gongkai.privacy.checksums import is_valid_resident_id


@pytest.mark.parametrize(("text", "value"), [
    ("零", 0), ("一", 1), ("两", 2), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("九十九", 99),
])
def test_chinese_numbers(text, value):
    assert soak_client.chinese_number(text) == value


@pytest.mark.parametrize("text", ["", "十十", "一二", "百", "三十四五", "x"])
def test_what_is_not_a_chinese_number_is_refused(text):
    with pytest.raises(ValueError):
        soak_client.chinese_number(text)


def test_every_question_the_product_asks_is_answered_right():
    for _ in range(300):
        bound = new_submission_token()
        challenge = captcha.new_challenge(bound)
        page = f'<label class="form-label" for="id_captcha_answer">请计算：{challenge.question}<span>（必填）</span>'
        answer = soak_client.solve_captcha(page)
        assert captcha.check(challenge.token, str(answer), bound) is None


def test_a_page_without_the_question_is_an_error():
    with pytest.raises(ValueError):
        soak_client.solve_captcha("<p>请计算：</p>")


def test_the_raw_token_is_the_one_the_product_reads():
    signed = new_submission_token()
    assert soak_client.raw_submission_token(signed) == read_submission_token(signed)


@pytest.mark.parametrize(("location", "code"), [
    ("/yisqgk/receipt/ABCDEF2345/", "ABCDEF2345"),
    ("http://127.0.0.1:8000/yisqgk/receipt/abcdef2345/", "ABCDEF2345"),
    ("/yisqgk/track/", None),
    ("", None),
    (None, None),
])
def test_receipt_code_from_the_redirect(location, code):
    assert soak_client.receipt_code(location) == code


def test_resident_ids_are_valid_and_distinct():
    numbers = [soak_client.resident_id(serial) for serial in range(1, 3000)]
    assert all(is_valid_resident_id(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)


def _visitor():
    recorder = soak_client.Recorder()
    return soak_client.Visitor(7, ("127.0.0.1", 80), {}, recorder, 0.0, random.Random(1))


@pytest.fixture
def own_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"soak-client-{uuid.uuid4()}"}}


@pytest.mark.django_db
def test_the_visitor_applies_through_the_real_form_and_reads_its_receipt(agency, own_cache):
    client = Client()
    page = client.get("/yisqgk/apply/").content.decode()
    signed = soak_client.hidden_value(page, "submission")
    fields = _visitor().application_fields(page, signed)
    body, content_type = soak_client.multipart(list(fields.items()),
                                               [("proof", "身份证正面.png", "image/png", soak_client.proof_png())])
    response = client.generic("POST", "/yisqgk/apply/", body, content_type=content_type)
    assert response.status_code == 302
    code = soak_client.receipt_code(response["Location"])
    stored = DisclosureApplication.objects.get()
    assert code == stored.tracking_code
    assert stored.submission_token == soak_client.raw_submission_token(signed)
    assert IdentityProof.objects.filter(application=stored).count() == 1
    assert stored.phone == fields["phone"]
    receipt = client.get(response["Location"]).content.decode()
    assert soak_client.receipt_fields(receipt) == (stored.number, stored.tracking_code)


@pytest.mark.django_db
def test_pressing_submit_again_gives_the_first_receipt_not_a_second_application(agency, own_cache):
    client = Client()
    page = client.get("/yisqgk/apply/").content.decode()
    fields = _visitor().application_fields(page, soak_client.hidden_value(page, "submission"))
    body, content_type = soak_client.multipart(list(fields.items()), [])
    first = client.generic("POST", "/yisqgk/apply/", body, content_type=content_type)
    again = client.generic("POST", "/yisqgk/apply/", body, content_type=content_type)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert DisclosureApplication.objects.count() == 1


@pytest.mark.django_db
def test_the_tracking_page_shows_number_and_code(agency, own_cache):
    client = Client()
    page = client.get("/yisqgk/apply/").content.decode()
    fields = _visitor().application_fields(page, soak_client.hidden_value(page, "submission"))
    body, content_type = soak_client.multipart(list(fields.items()), [])
    client.generic("POST", "/yisqgk/apply/", body, content_type=content_type)
    stored = DisclosureApplication.objects.get()
    other = Client()
    other.get("/yisqgk/track/")
    answer = other.post("/yisqgk/track/", {"code": stored.tracking_code, "phone_last4": fields["phone"][-4:]})
    assert answer.status_code == 302
    shown = other.get("/yisqgk/track/").content.decode()
    assert soak_client.receipt_fields(shown) == (stored.number, stored.tracking_code)


def test_hidden_value_reads_django_csrf_inputs_and_refuses_missing_ones():
    html = '<input type="hidden" name="csrfmiddlewaretoken" value="abc123">'
    assert soak_client.hidden_value(html, "csrfmiddlewaretoken") == "abc123"
    with pytest.raises(ValueError):
        soak_client.hidden_value(html, "submission")
