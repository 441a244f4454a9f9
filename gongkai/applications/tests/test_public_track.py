"""The applicant's tracking page at /yisqgk/track/: lookup, progress, clock, letters — and nothing internal."""

import datetime as dt
import uuid

import pytest
from django.test import Client

from gongkai.applications import choices, clock_events, public_views, services
from gongkai.applications.models import Letter
from gongkai.applications.tests.conftest import PERSON_ID

TRACK = "/yisqgk/track/"
PHONE_LAST4 = "5678"  # the fixture applicant's phone is 13912345678


@pytest.fixture(autouse=True)
def _own_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"public-track-{uuid.uuid4()}"}}


def look_up(client, application, last4=PHONE_LAST4, code=None):
    return client.post(TRACK, {"code": code if code is not None else application.tracking_code,
                               "phone_last4": last4})


def status_page(client, application):
    response = look_up(client, application)
    assert response.status_code == 302 and response["Location"] == TRACK
    page = client.get(TRACK)
    assert page.status_code == 200
    return page.content.decode()


def letter_url(letter, ext="pdf"):
    return f"/yisqgk/track/letters/{letter.pk}.{ext}"


def test_the_right_pair_shows_progress_clock_and_letters(client, register):
    application = register(received_on=dt.date(2026, 6, 1))
    html = status_page(client, application)
    assert application.number in html and application.info_title in html
    assert "登记" in html and "正在登记和确认" in html
    assert "答复期限" in html and "2026年6月30日" in html and "收到申请之日" in html
    receipt = Letter.objects.get(application=application, kind=choices.LETTER_RECEIPT)
    assert receipt.title in html
    assert letter_url(receipt) in html and letter_url(receipt, "docx") in html
    assert PERSON_ID not in html and PERSON_ID[:6] + "19491231" not in html


def test_the_tracking_code_is_not_case_or_space_sensitive(client, register):
    application = register()
    code = application.tracking_code.lower()
    response = look_up(client, application, code=f" {code[:5]} {code[5:]} ")
    assert response.status_code == 302


def test_letters_download_as_pdf_and_word(client, register):
    application = register()
    status_page(client, application)
    receipt = Letter.objects.get(application=application, kind=choices.LETTER_RECEIPT)
    pdf = client.get(letter_url(receipt))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    word = client.get(letter_url(receipt, "docx"))
    assert word.status_code == 200 and word.content.startswith(b"PK")
    assert word["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "attachment" in word["Content-Disposition"]


def test_a_wrong_pair_gets_one_generic_message(client, register):
    application = register()
    wrong_phone = look_up(client, application, last4="0000").content.decode()
    wrong_code = look_up(client, application, code="ABCDEFGHJK").content.decode()
    for html in (wrong_phone, wrong_code):
        assert public_views.TRACK_NOT_FOUND in html
        assert application.number not in html
    # Still no access: the page asks for the code again.
    assert 'name="phone_last4"' in client.get(TRACK).content.decode()


def test_guessing_is_limited_per_address(client, register, settings):
    settings.APPLICATION_TRACK_ATTEMPTS_PER_HOUR = 3
    application = register()
    for last4 in ("0001", "0002", "0003"):
        assert public_views.TRACK_NOT_FOUND in look_up(client, application, last4=last4).content.decode()
    limited = look_up(client, application)
    assert limited.status_code == 429 and public_views.TRACK_LIMITED in limited.content.decode()
    # From another address the right pair still works.
    assert look_up(Client(REMOTE_ADDR="203.0.113.9"), application).status_code == 302


def test_guessing_one_code_from_many_addresses_is_limited(register):
    application = register()
    for n in range(public_views.TRACK_ATTEMPTS_PER_CODE):
        look_up(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"), application, last4=f"{n:04d}")
    limited = look_up(Client(REMOTE_ADDR="198.51.100.200"), application)
    assert limited.status_code == 429


def test_a_letter_of_another_application_is_not_found(client, register):
    mine = register()
    other = register(applicant_name="王秋实", phone="13800001111", id_number="360426199101010071")
    status_page(client, mine)
    theirs = Letter.objects.get(application=other, kind=choices.LETTER_RECEIPT)
    assert client.get(letter_url(theirs)).status_code == 404
    assert client.get(letter_url(theirs, "docx")).status_code == 404
    assert Client().get(letter_url(theirs)).status_code == 404  # no session at all
    assert client.get("/yisqgk/track/letters/999999999999.pdf").status_code == 404


def test_internal_events_and_consultation_letters_are_hidden(client, assigned, staff):
    application = assigned(received_on=dt.date(2026, 6, 1))
    clock_events.do_start_consultation(staff["ogi_office"], application, choices.CONSULT_THIRD_PARTY,
                                       "示范市某某电动车有限公司", "是否同意公开抽查检验数据", dt.date(2026, 6, 3))
    html = status_page(client, application)
    consultation = Letter.objects.get(application=application, kind=choices.LETTER_CONSULTATION)
    assert consultation.title not in html and "示范市某某电动车有限公司" not in html
    assert "承办人" not in html and "u_editor" not in html  # the assignment is an internal event
    assert client.get(letter_url(consultation)).status_code == 404
    assert "暂停计时" in html  # the consultation pauses the clock, and the applicant is told


def test_a_draft_outcome_is_not_shown_before_the_reply(client, assigned, staff):
    application = assigned(received_on=dt.date(2026, 6, 1))
    services.do_draft_reply(staff["editor"], application, "partial", "抽查结果名单予以公开。")
    html = status_page(client, application)
    assert "部分公开" not in html and "拟定答复" not in html


def test_a_concluded_application_shows_the_outcome_and_the_reply_letter(client, assigned, staff):
    application = assigned(received_on=dt.date(2026, 6, 1))
    services.do_draft_reply(staff["editor"], application, "partial", "抽查结果名单予以公开。")
    services.do_submit_for_review(staff["editor"], application)
    services.do_review(staff["reviewer"], application, True)
    services.do_approve(staff["head"], application, True)
    services.do_send_reply(staff["ogi_office"], application, dt.date(2026, 6, 20), "email", dt.date(2026, 6, 20))
    html = status_page(client, application)
    reply = Letter.objects.get(application=application, kind=choices.LETTER_REPLY)
    assert "已答复" in html and "部分公开" in html and reply.title in html
    assert "2026年6月20日" in html
    assert client.get(letter_url(reply)).status_code == 200


def test_a_missing_calendar_year_does_not_break_the_page(client, register):
    from gongkai.workcalendar.models import CalendarYear
    from gongkai.workcalendar.services import clear_cache

    application = register(received_on=dt.date(2026, 6, 1))
    CalendarYear.objects.filter(year=2026).delete()
    clear_cache()
    html = status_page(client, application)
    assert "答复期限暂时无法计算" in html


def test_a_passed_on_submission_says_where_it_went(client, register, staff):
    application = register()
    services.do_pass_on(staff["ogi_office"], application, "12345 市民服务热线")
    html = status_page(client, application)
    assert "不属于政府信息公开申请" in html and "12345 市民服务热线" in html


def test_leaving_forgets_the_application_in_this_browser(client, register):
    application = register()
    status_page(client, application)
    receipt = Letter.objects.get(application=application, kind=choices.LETTER_RECEIPT)
    client.post("/yisqgk/track/leave/")
    assert 'name="phone_last4"' in client.get(TRACK).content.decode()
    assert client.get(letter_url(receipt)).status_code == 404


def test_the_receipt_pdf_is_available_after_tracking(client, register):
    application = register()
    status_page(client, application)
    response = client.get(f"/yisqgk/receipt/{application.tracking_code}/pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("data", [
    {},
    {"code": "", "phone_last4": ""},
    {"code": "长" * 10000, "phone_last4": "1" * 10000},
    {"code": "ABCDEFGHJK", "phone_last4": "五六七八"},
    {"code": "<script>alert(1)</script>", "phone_last4": "12ab"},
    {"code": ["A", "B"], "phone_last4": ["1", "2"]},
])
def test_odd_lookups_get_messages_not_errors(client, register, data):
    register()
    response = client.post(TRACK, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html
    assert 'class="error-summary"' in html


def test_odd_addresses_are_not_found(client):
    assert client.get(TRACK + "?code=<b>x</b>").status_code == 200
    assert "<b>x</b>" not in client.get(TRACK + "?code=<b>x</b>").content.decode()
    assert client.get("/yisqgk/receipt/" + "A" * 17 + "/").status_code == 404
    assert client.get("/yisqgk/track/letters/1.exe").status_code == 404
    assert client.get("/yisqgk/track/letters/" + "9" * 30 + ".pdf").status_code == 404
