"""The back-office case screens of disclosure applications: registration, the case page, identity data, letters.

The handling steps (one POST address each) are tested in test_views_actions.py.
"""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.applications import choices, clock_events, services
from gongkai.applications.models import DisclosureApplication, IdentityProof
from gongkai.applications.tests.conftest import PERSON_ID
from gongkai.audit.models import AuditEntry
from gongkai.organisation import roles

ALL = roles.ALL_ROLES


def detail_url(application):
    return reverse("applications_detail", args=[application.pk])


def png_bytes():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def register_post(applicant_data, **overrides):
    data = {**applicant_data(), "channel": choices.IN_PERSON, "received_on": services.today().isoformat(),
            "received_reason": ""}
    data.update(overrides)
    return data


# --- who sees what ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ALL)
def test_case_page_opens_for_every_role_in_scope(role, assigned, client_for):
    application = assigned()
    response = client_for(role).get(detail_url(application))
    assert response.status_code == 200
    page = response.content.decode()
    assert application.number in page and application.tracking_code in page
    assert "产品质量安全监督管理科" in page
    assert "2025 年度电动自行车产品质量监督抽查结果" in page
    assert "****002X" in page and PERSON_ID not in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.EDITOR, roles.REVIEWER, roles.HEAD])
def test_department_staff_do_not_see_other_departments_cases(role, assigned, register, departments, staff,
                                                            client_for):
    other = assigned()
    services.do_assign(staff["ogi_office"], other, departments["other"])
    unassigned = register()
    client = client_for(role)
    assert client.get(detail_url(other)).status_code == 404
    assert client.get(detail_url(unassigned)).status_code == 404
    before = DisclosureApplication.objects.get(pk=other.pk).stage
    response = client.post(reverse("applications_submit", args=[other.pk]))
    assert response.status_code == 404
    assert DisclosureApplication.objects.get(pk=other.pk).stage == before


@pytest.mark.django_db
def test_head_of_the_ogi_office_sees_every_case(assigned, ogi_head, client):
    application = assigned()
    client.force_login(ogi_head)
    assert client.get(detail_url(application)).status_code == 200


@pytest.mark.django_db
def test_auditor_reads_without_any_action_form(register, client_for):
    application = register()
    page = client_for(roles.AUDITOR).get(detail_url(application)).content.decode()
    assert "没有需要您办理的事项" in page
    for name in ("applications_classify", "applications_assign", "applications_identity", "applications_petition"):
        assert reverse(name, args=[application.pk]) not in page
    assert "完整号码仅政务公开办可以查看" in page


@pytest.mark.django_db
def test_auditor_post_is_refused_with_a_message_and_changes_nothing(register, client_for):
    application = register()
    response = client_for(roles.AUDITOR).post(reverse("applications_classify", args=[application.pk]))
    assert "只有政务公开办可以甄别申请" in response.content.decode()
    application.refresh_from_db()
    assert application.kind == choices.KIND_PENDING
    assert not application.events.filter(action="classified").exists()


@pytest.mark.django_db
def test_ogi_office_sees_the_steps_of_the_registration_stage(register, client_for):
    application = register()
    page = client_for(roles.OGI_OFFICE).get(detail_url(application)).content.decode()
    for name in ("applications_classify", "applications_petition", "applications_pass_on",
                 "applications_correction", "applications_identity"):
        assert reverse(name, args=[application.pk]) in page, name
    # Not yet classified: it cannot be assigned yet, and nothing of later stages is offered.
    for name in ("applications_assign", "applications_draft", "applications_reply", "applications_archive"):
        assert reverse(name, args=[application.pk]) not in page, name


@pytest.mark.django_db
def test_department_editor_is_offered_drafting_but_not_ogi_steps(assigned, client_for):
    application = assigned()
    page = client_for(roles.EDITOR).get(detail_url(application)).content.decode()
    assert reverse("applications_draft", args=[application.pk]) in page
    assert reverse("applications_consultation", args=[application.pk]) in page
    for name in ("applications_assign", "applications_fee", "applications_extension", "applications_identity"):
        assert reverse(name, args=[application.pk]) not in page, name


# --- the clock on the case page ---------------------------------------------------------------------


@pytest.mark.django_db
def test_case_page_explains_the_clock_day_by_day(assigned, client_for):
    application = assigned(received_on=dt.date(2026, 6, 1))
    page = client_for(roles.EDITOR).get(detail_url(application)).content.decode()
    assert "2026-06-30" in page  # 20 WD after 2026-06-01, the Dragon Boat Festival not counted
    assert "逐日计算说明" in page and "第 20 个工作日：2026-06-30" in page and "端午节" in page
    assert "gk-state--overdue" in page and "已超过期限" in page
    assert "补正告知应发日期" in page and "2026-06-10" in page
    assert "内部目标 10 个工作日" in page


@pytest.mark.django_db
def test_case_page_colours_the_days_left(assigned, client_for):
    application = assigned(received_on=services.today(), reason="")
    page = client_for(roles.EDITOR).get(detail_url(application)).content.decode()
    assert "gk-state--ok" in page and "还剩 20 个工作日" in page


@pytest.mark.django_db
def test_missing_calendar_year_is_shown_not_guessed(assigned, client_for):
    from gongkai.workcalendar.models import CalendarYear
    from gongkai.workcalendar.services import _bump_revision

    application = assigned(received_on=dt.date(2026, 6, 1))
    CalendarYear.objects.filter(year__gte=2026).delete()
    _bump_revision()
    response = client_for(roles.OGI_OFFICE).get(detail_url(application))
    assert response.status_code == 200
    assert "2026 年节假日安排尚未录入" in response.content.decode()


@pytest.mark.django_db
def test_repeat_application_is_flagged_with_the_suggested_outcome(assigned, register, staff, client_for):
    first = assigned()
    services.do_draft_reply(staff["editor"], first, "disclosed", "已通过电子邮件提供抽查结果。")
    services.do_submit_for_review(staff["editor"], first)
    services.do_review(staff["reviewer"], first, True)
    services.do_approve(staff["head"], first, True)
    services.do_send_reply(staff["ogi_office"], first, dt.date(2026, 6, 20), "email", dt.date(2026, 6, 20))
    again = register(received_on=dt.date(2026, 7, 1))
    assert again.repeat_of_id == first.pk
    page = client_for(roles.OGI_OFFICE).get(detail_url(again)).content.decode()
    assert "此前就同一信息提出过申请" in page and first.number in page
    assert "不予处理：重复申请" in page and "第三十六条第（六）项" in page
    assert "共 2 件，来自 1 位不同申请人" in page


# --- identity number and proofs (OGI office only, audited) -----------------------------------------------


@pytest.mark.django_db
def test_ogi_office_sees_the_id_number_once_and_it_is_audited(register, client_for):
    application = register()
    response = client_for(roles.OGI_OFFICE).post(reverse("applications_identity", args=[application.pk]))
    assert response.status_code == 200
    assert PERSON_ID in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action="application.identity_viewed")
    assert entry.object_id == str(application.pk) and entry.actor.username == "u_ogi_office"


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.ADMINISTRATOR, roles.AUDITOR, roles.EDITOR, roles.REVIEWER, roles.HEAD])
def test_other_roles_cannot_see_the_id_number(role, assigned, client_for):
    application = assigned()
    response = client_for(role).post(reverse("applications_identity", args=[application.pk]), follow=True)
    page = response.content.decode()
    assert PERSON_ID not in page
    assert "只有政务公开办可以查看申请人的证件号码" in page
    assert not AuditEntry.objects.filter(action="application.identity_viewed").exists()


@pytest.mark.django_db
def test_identity_page_is_not_opened_by_a_link(register, client_for):
    application = register()
    assert client_for(roles.OGI_OFFICE).get(reverse("applications_identity", args=[application.pk])).status_code == 405
    assert not AuditEntry.objects.filter(action="application.identity_viewed").exists()


@pytest.mark.django_db
def test_proof_uploaded_at_registration_is_encrypted_and_downloads_decrypted(applicant_data, client_for, staff,
                                                                             departments):
    picture = png_bytes()
    ogi = client_for(roles.OGI_OFFICE)
    response = ogi.post(reverse("applications_register"), register_post(
        applicant_data, proof=SimpleUploadedFile("身份证正面.png", picture, content_type="image/png")))
    assert response.status_code == 302
    application = DisclosureApplication.objects.get()
    proof = IdentityProof.objects.get(application=application)
    assert picture not in bytes(proof.cipher)
    assert proof.content_type == "image/png" and proof.size == len(picture)

    download = ogi.post(reverse("applications_proof", args=[application.pk, proof.pk]))
    assert download.status_code == 200
    assert download.content == picture
    assert download["Content-Type"] == "image/png"
    assert download["Content-Disposition"].startswith("attachment;")
    assert AuditEntry.objects.filter(action="application.proof_viewed", object_id=str(application.pk)).exists()

    services.do_classify_application(staff["ogi_office"], application)
    services.do_assign(staff["ogi_office"], application, departments["own"])
    refused = client_for(roles.EDITOR).post(reverse("applications_proof", args=[application.pk, proof.pk]),
                                            follow=True)
    assert picture not in refused.content
    assert "只有政务公开办可以查看申请人的身份证明" in refused.content.decode()
    assert AuditEntry.objects.filter(action="application.proof_viewed").count() == 1


# --- letters -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_letters_download_as_word_and_pdf(assigned, client_for):
    application = assigned()
    letter = application.letters.get(kind=choices.LETTER_RECEIPT)
    client = client_for(roles.EDITOR)
    page = client.get(detail_url(application)).content.decode()
    assert reverse("applications_letter_download", args=[letter.pk, "pdf"]) in page
    word = client.get(reverse("applications_letter_download", args=[letter.pk, "docx"]))
    assert word.status_code == 200 and word.content.startswith(b"PK")
    assert word["Content-Disposition"].startswith("attachment;") and letter.number in word["Content-Disposition"]
    pdf = client.get(reverse("applications_letter_download", args=[letter.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and pdf["Content-Type"] == "application/pdf"
    assert client.get(reverse("applications_letter_download", args=[letter.pk, "exe"])).status_code == 404


@pytest.mark.django_db
def test_letters_of_other_departments_are_not_downloadable(assigned, departments, staff, client_for):
    application = assigned()
    services.do_assign(staff["ogi_office"], application, departments["other"])
    letter = application.letters.first()
    response = client_for(roles.EDITOR).get(reverse("applications_letter_download", args=[letter.pk, "docx"]))
    assert response.status_code == 404


# --- registration ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_register_in_person_starts_the_clock_and_issues_the_receipt(applicant_data, client_for):
    response = client_for(roles.OGI_OFFICE).post(reverse("applications_register"), register_post(applicant_data),
                                                 follow=True)
    application = DisclosureApplication.objects.get()
    assert application.channel == choices.IN_PERSON
    assert application.received_on == services.today()
    assert application.registered_by.username == "u_ogi_office"
    assert application.letters.filter(kind=choices.LETTER_RECEIPT).exists()
    page = response.content.decode()
    assert f"已登记申请 {application.number}" in page and application.tracking_code in page
    assert PERSON_ID not in page


@pytest.mark.django_db
def test_register_ordinary_letter_without_date_waits_for_confirmation(applicant_data, client_for):
    response = client_for(roles.OGI_OFFICE).post(reverse("applications_register"), register_post(
        applicant_data, channel=choices.LETTER, received_on=""), follow=True)
    application = DisclosureApplication.objects.get()
    assert application.received_on is None and application.due_on is None
    page = response.content.decode()
    assert "请在与申请人确认后登记收到申请之日" in page
    assert reverse("applications_confirm_receipt", args=[application.pk]) in page


@pytest.mark.django_db
def test_register_page_explains_the_receipt_rule_of_each_channel(client_for):
    page = client_for(roles.OGI_OFFICE).get(reverse("applications_register")).content.decode()
    for code, rule in choices.RECEIPT_RULES.items():
        if code != choices.ONLINE:
            assert rule in page
    assert '<option value="online">网上申请</option>' not in page


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "message"), [
    ({"id_number": "110105194912310021"}, "居民身份证号码不正确"),
    ({"id_type": choices.USCC, "id_number": "91350100M000100Y44"}, "统一社会信用代码不正确"),
    ({"info_title": "", "info_doc_number": "", "info_description": "  "}, "请描述您需要的政府信息"),
    ({"received_on": ""}, "请填写这个日期"),
    ({"received_on": "2026/06/01"}, "日期格式不对"),
    ({"received_on": "2026-06-01"}, "请写明补记的原因"),
    ({"received_on": "2999-01-01", "received_reason": "x"}, "不能晚于今天"),
    ({"channel": choices.ONLINE}, "请从列表中选择申请方式"),
    ({"email": "not-an-address"}, "电子邮箱格式不对"),
    ({"applicant_name": ""}, "请填写申请人姓名或名称"),
])
def test_register_refuses_bad_input_and_saves_nothing(overrides, message, applicant_data, client_for):
    response = client_for(roles.OGI_OFFICE).post(reverse("applications_register"),
                                                 register_post(applicant_data, **overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "申请没有登记" in page
    assert not DisclosureApplication.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="application.").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "data", "message"), [
    ("scan.exe", b"MZ\x90\x00", "格式不支持"),
    ("photo.png", b"this is only text pretending to be a picture", "只改扩展名是不行的"),
    ("empty.pdf", b"", "空文件"),
])
def test_register_refuses_a_bad_proof(name, data, message, applicant_data, client_for):
    response = client_for(roles.OGI_OFFICE).post(reverse("applications_register"), register_post(
        applicant_data, proof=SimpleUploadedFile(name, data)))
    assert message in response.content.decode()
    assert not DisclosureApplication.objects.exists() and not IdentityProof.objects.exists()


@pytest.mark.django_db
def test_register_refuses_an_oversized_proof(applicant_data, client_for, settings):
    settings.APPLICATION_PROOF_MAX_MB = 1
    big = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10)
    response = client_for(roles.OGI_OFFICE).post(reverse("applications_register"), register_post(
        applicant_data, proof=SimpleUploadedFile("scan.pdf", big)))
    assert "超过 1 MB" in response.content.decode()
    assert not DisclosureApplication.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r for r in ALL if r != roles.OGI_OFFICE])
def test_only_the_ogi_office_registers(role, applicant_data, client_for):
    client = client_for(role)
    assert client.get(reverse("applications_register")).status_code == 403
    response = client.post(reverse("applications_register"), register_post(applicant_data))
    assert response.status_code == 403
    assert not DisclosureApplication.objects.exists()


# --- page structure and menu ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_form_field_on_the_case_page_has_its_own_id(assigned, staff, client_for):
    import re

    application = assigned(received_on=services.today(), reason="")
    for kind, party in ((choices.CONSULT_THIRD_PARTY, "某公司"), (choices.CONSULT_AGENCY, "某局")):
        clock_events.do_start_consultation(staff["ogi_office"], application, kind, party, "是否同意公开",
                                           services.today())
    page = client_for(roles.OGI_OFFICE).get(detail_url(application)).content.decode()
    main = page[page.index('class="nice-padding"'):]
    ids = re.findall(r'\sid="([^"]+)"', main)
    assert len(ids) > 20
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for label_for in re.findall(r'<label[^>]*\sfor="([^"]+)"', main):
        assert label_for in ids


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected", "hidden"), [
    (roles.OGI_OFFICE, {"applications_index", "applications_register", "applications_letter_template_index",
                        "applications_proposals"}, set()),
    (roles.EDITOR, {"applications_index", "applications_proposals"},
     {"applications_register", "applications_letter_template_index"}),
    (roles.ADMINISTRATOR, {"applications_index", "applications_letter_template_index"}, {"applications_register"}),
])
def test_menu_shows_what_the_role_may_open(role, expected, hidden, staff, rf):
    from gongkai.applications.wagtail_hooks import register_menu

    request = rf.get("/admin/")
    request.user = staff[role]
    item = register_menu()
    assert item.label == "依申请公开" and item.is_shown(request)
    shown = {i.url_name for i in item.menu.menu_items_for_request(request)}
    assert expected <= shown and not (hidden & shown)
