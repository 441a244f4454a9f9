"""Intake of disclosure applications: the online form and staff registration (条例第二十九至三十一条).

Bad input is refused with a Chinese message and nothing is saved; an accepted online
application is in the database (with its receipt letter) before anything is shown; a
replayed form gives back the first application.
"""

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.applications import choices, intake
from gongkai.applications.errors import Refused
from gongkai.applications.models import DisclosureApplication, IdentityProof, Letter
from gongkai.applications.tests.conftest import COMPANY_USCC, PERSON_ID
from gongkai.audit.models import AuditEntry


def _nothing_saved():
    return not DisclosureApplication.objects.exists() and not IdentityProof.objects.exists() \
        and not Letter.objects.exists() and not AuditEntry.objects.filter(action__startswith="application.").exists()


def test_online_submission_is_saved_in_full_with_a_receipt(applicant_data, agency):
    proof = {"name": "id.png", "content_type": "image/png", "data": b"\x89PNG-proof"}
    application, created = intake.do_submit_online(applicant_data(), [proof], "form-token-1")
    assert created
    application.refresh_from_db()
    assert application.channel == choices.ONLINE and application.stage == choices.REGISTRATION
    assert application.kind == choices.KIND_PENDING and application.received_on is None
    assert application.number == f"YSQ{timezone.localdate().year}-00001"
    assert len(application.tracking_code) == 10
    assert application.identity_proofs.count() == 1
    receipt = application.letters.get(kind=choices.LETTER_RECEIPT)
    assert receipt.issued_on == timezone.localdate() and receipt.to_applicant
    assert AuditEntry.objects.filter(action="application.submitted", object_id=str(application.pk)).exists()


def test_a_replayed_form_returns_the_first_application(applicant_data, agency):
    first, created = intake.do_submit_online(applicant_data(), [], "form-token-2")
    again, created_again = intake.do_submit_online(applicant_data(applicant_name="王某"), [], "form-token-2")
    assert created and not created_again
    assert again.pk == first.pk and DisclosureApplication.objects.count() == 1


def test_numbers_follow_the_year_of_submission(applicant_data, agency):
    def at(*args):
        return timezone.make_aware(dt.datetime(*args))

    first, _ = intake.do_submit_online(applicant_data(), [], "t-a", now=at(2025, 3, 3, 9))
    second, _ = intake.do_submit_online(applicant_data(), [], "t-b", now=at(2025, 3, 4, 9))
    third, _ = intake.do_submit_online(applicant_data(), [], "t-c", now=at(2026, 1, 5, 9))
    assert [first.number, second.number, third.number] == ["YSQ2025-00001", "YSQ2025-00002", "YSQ2026-00001"]
    assert first.letters.get().issued_on == dt.date(2025, 3, 3)
    assert first.events.get().on == dt.date(2025, 3, 3)


def test_an_organisation_registers_with_its_credit_code(staff, applicant_data):
    data = applicant_data(applicant_type="business", applicant_name="示范市明达电器有限公司", contact_person="周红",
                          id_type=choices.USCC, id_number=COMPANY_USCC)
    application = intake.do_register(staff["ogi_office"], data, [], choices.IN_PERSON, received_on=timezone.localdate())
    assert application.is_organisation and application.id_number_last4 == COMPANY_USCC[-4:]
    assert application.received_on == timezone.localdate()
    assert [e.action for e in application.events.all()] == ["registered", "received"]


def test_an_oral_application_is_recorded_by_staff(staff, applicant_data):
    application = intake.do_register(staff["ogi_office"], applicant_data(), [], choices.ORAL)
    assert "申请人口头提出，由工作人员代为填写。" in application.events.get().summary
    assert application.registered_by == staff["ogi_office"]


@pytest.mark.parametrize("overrides, message", [
    ({"id_number": "110105194912310021"}, "居民身份证号码不正确：应为 18 位，最后一位校验码要与前 17 位相符，请核对。"),
    ({"id_number": ""}, "请填写证件号码。"),
    ({"applicant_type": "business", "id_type": choices.USCC, "id_number": "91350100M000100Y44"},
     "统一社会信用代码不正确：应为 18 位，最后一位校验码要与前 17 位相符，请核对。"),
    ({"id_type": choices.USCC, "id_number": COMPANY_USCC}, "公民个人申请，请填写居民身份证或其他有效身份证件号码。"),
    ({"applicant_type": "business"}, "法人或其他组织申请，请填写统一社会信用代码（或其他有效证照号码）。"),
    ({"info_title": " ", "info_doc_number": "", "info_description": ""},
     "请描述您需要的政府信息：信息名称、文号或能够确定该信息的其他特征，至少填写一项。"),
    ({"applicant_name": "  "}, "请填写申请人姓名或名称。"),
    ({"phone": ""}, "请填写联系电话。"),
    ({"phone": "请打我电话"}, "联系电话不正确：请填写手机号码或带区号的固定电话。"),
    ({"phone": "123"}, "联系电话不正确：请填写手机号码或带区号的固定电话。"),
    ({"email": "not-an-email"}, "电子邮箱格式不正确，请核对（如 name@example.com）。"),
    ({"applicant_type": "robot"}, "请选择申请人类型。"),
    ({"requested_form": "telepathy"}, "请选择获取信息的载体形式。"),
    ({"delivery_route": ""}, "请选择获取信息的途径。"),
    ({"id_type": "passport-ish"}, "请选择证件类型。"),
    ({"applicant_name": "张" * 201}, "“申请人姓名或名称”最多填写 200 个字，请精简。"),
    ({"info_title": "抽查结果" * 80}, "“所需信息名称”最多填写 300 个字，请精简。"),
], ids=["id-checksum", "id-empty", "uscc-checksum", "person-with-uscc", "company-with-id", "no-description",
        "no-name", "no-phone", "phone-words", "phone-short", "email", "applicant-type", "form", "route", "id-type",
        "name-too-long", "title-too-long"])
def test_bad_input_is_refused_and_nothing_is_saved(applicant_data, staff, overrides, message):
    with pytest.raises(Refused) as excinfo:
        intake.do_submit_online(applicant_data(**overrides), [], "bad-token")
    assert str(excinfo.value) == message
    with pytest.raises(Refused) as excinfo:
        intake.do_register(staff["ogi_office"], applicant_data(**overrides), [], choices.IN_PERSON,
                           received_on=timezone.localdate())
    assert str(excinfo.value) == message
    assert _nothing_saved()


def test_missing_and_empty_values_never_reach_the_database_as_null(applicant_data, agency):
    data = applicant_data(contact_person=None, email=None, address=None, postcode=None, info_doc_number=None)
    application, created = intake.do_submit_online(data, [], "token-none")
    assert created
    application.refresh_from_db()
    assert (application.contact_person, application.email, application.address) == ("", "", "")


def test_an_oversized_or_empty_proof_is_refused(applicant_data, agency, settings):
    settings.APPLICATION_PROOF_MAX_MB = 1
    big = {"name": "scan.pdf", "content_type": "application/pdf", "data": b"0" * (1024 * 1024 + 1)}
    with pytest.raises(Refused) as excinfo:
        intake.do_submit_online(applicant_data(), [big], "token-big")
    assert str(excinfo.value) == "身份证明文件“scan.pdf”超过 1 MB，请压缩或拍照后重新上传。"
    empty = {"name": "empty.jpg", "content_type": "image/jpeg", "data": b""}
    with pytest.raises(Refused) as excinfo:
        intake.do_submit_online(applicant_data(), [empty], "token-empty")
    assert str(excinfo.value) == "身份证明文件“empty.jpg”是空的，请重新选择。"
    assert _nothing_saved()


def test_an_unknown_channel_is_refused(staff, applicant_data):
    with pytest.raises(Refused, match="请选择申请方式。"):
        intake.do_register(staff["ogi_office"], applicant_data(), [], "pigeon")
    assert _nothing_saved()


def test_a_receipt_date_before_registration_needs_a_reason(staff, applicant_data):
    earlier = timezone.localdate() - dt.timedelta(days=3)
    with pytest.raises(Refused) as excinfo:
        intake.do_register(staff["ogi_office"], applicant_data(), [], choices.REGISTERED_POST, received_on=earlier)
    assert str(excinfo.value) == "收到申请之日早于登记日期，属于补记，请填写原因。"
    assert _nothing_saved()
    application = intake.do_register(staff["ogi_office"], applicant_data(), [], choices.REGISTERED_POST,
                                     received_on=earlier, received_reason="挂号信签收后当日系统故障，次日补登")
    assert application.received_on == earlier
    assert "补记原因：挂号信签收后当日系统故障，次日补登" in application.events.get(action="received").summary


def test_an_online_application_cannot_be_received_before_it_was_submitted(applicant_data, staff):
    application, _ = intake.do_submit_online(applicant_data(), [], "token-early",
                                             now=timezone.make_aware(dt.datetime(2026, 6, 3, 10)))
    with pytest.raises(Refused) as excinfo:
        intake.do_confirm_receipt(staff["ogi_office"], application, dt.date(2026, 6, 2), "电话确认")
    assert str(excinfo.value) == "网上申请的收到申请之日不能早于提交日期（2026-06-03）。"
    application.refresh_from_db()
    assert application.received_on is None


def test_a_receipt_date_after_the_confirmation_is_refused(applicant_data, staff):
    application, _ = intake.do_submit_online(applicant_data(), [], "token-late",
                                             now=timezone.make_aware(dt.datetime(2026, 6, 3, 10)))
    with pytest.raises(Refused) as excinfo:
        intake.do_confirm_receipt(staff["ogi_office"], application, dt.date(2026, 6, 8), "电话确认",
                                  on=dt.date(2026, 6, 5))
    assert str(excinfo.value) == "收到申请之日不能晚于登记或确认的日期（2026-06-05）。"
    application = intake.do_confirm_receipt(staff["ogi_office"], application, dt.date(2026, 6, 5),
                                            on=dt.date(2026, 6, 5))
    assert application.received_on == dt.date(2026, 6, 5)


def test_only_the_ogi_office_confirms_receipt(applicant_data, staff):
    application = intake.do_register(staff["ogi_office"], applicant_data(), [], choices.FAX)
    for role in ("administrator", "editor", "reviewer", "head", "auditor"):
        with pytest.raises(Refused, match="只有政务公开办可以确认收到申请之日。"):
            intake.do_confirm_receipt(staff[role], application, timezone.localdate())
    application.refresh_from_db()
    assert application.received_on is None


def test_the_applicant_finds_the_application_with_code_and_phone(applicant_data, agency):
    application, _ = intake.do_submit_online(applicant_data(phone="139-1234-5678"), [], "token-track")
    code = application.tracking_code
    assert intake.find_for_applicant(code, "5678") == application
    assert intake.find_for_applicant(f" {code[:5]} {code[5:].lower()} ", "5678") == application
    assert intake.find_for_applicant(code, "5679") is None
    assert intake.find_for_applicant(code, "56a8") is None
    assert intake.find_for_applicant("ABCDEFGHJK", "5678") is None
    assert intake.find_for_applicant("", "") is None


def test_identity_errors_are_available_to_forms():
    assert intake.identity_error("natural_person", choices.RESIDENT_ID, PERSON_ID.lower()) is None
    assert intake.identity_error("other_org", choices.OTHER_ID, "AB12345") is None
    assert intake.identity_error("other_org", choices.OTHER_ID, "AB1") == "证件号码应为 5 至 30 位字母或数字。"
    assert intake.description_error({"info_doc_number": "示市监罚〔2026〕15号"}) is None
