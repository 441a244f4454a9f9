"""Each handling step through its back-office POST address: the step is done, or refused with a Chinese message
and nothing changes (wrong role, wrong department, wrong stage, skipping approval, bad dates)."""

import datetime as dt

import pytest
from django.urls import reverse

from gongkai.applications import choices, services
from gongkai.applications.models import (
    Consultation,
    CorrectionRequest,
    DisclosureApplication,
    Event,
    FeeNotice,
    Letter,
    Remedy,
)
from gongkai.organisation import roles

OGI, EDITOR, REVIEWER, HEAD, AUDITOR = roles.OGI_OFFICE, roles.EDITOR, roles.REVIEWER, roles.HEAD, roles.AUDITOR
REPLY_TEXT = "抽查结果名单予以公开，请见附件；涉及企业商业秘密的检验数据不予公开。"


def act(client, name, application, data=None, *extra, follow=True):
    return client.post(reverse(f"applications_{name}", args=[application.pk, *extra]), data or {}, follow=follow)


def text(response):
    return response.content.decode()


def fresh(application):
    return DisclosureApplication.objects.get(pk=application.pk)


def unchanged(application, before_events):
    """Nothing was recorded: the event count is the same as before the refused step."""
    return Event.objects.filter(application=application).count() == before_events


@pytest.fixture
def recent(assigned):
    """An application received today (the clock is running), assigned to the editor's department."""
    def make():
        return assigned(received_on=services.today(), reason="")

    return make


@pytest.fixture
def approved(assigned, staff):
    """An application drafted, reviewed and approved: ready for the reply."""
    def make():
        application = assigned()
        services.do_draft_reply(staff["editor"], application, "partial", REPLY_TEXT)
        services.do_submit_for_review(staff["editor"], application)
        services.do_review(staff["reviewer"], application, True)
        return services.do_approve(staff["head"], application, True)

    return make


# --- registration stage ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_classify(register, client_for):
    application = register()
    response = act(client_for(OGI), "classify", application)
    assert "已确认这是一件政府信息公开申请" in text(response)
    assert fresh(application).kind == choices.KIND_APPLICATION


@pytest.mark.django_db
def test_classify_twice_is_refused(register, client_for):
    application = register()
    client = client_for(OGI)
    act(client, "classify", application)
    events = Event.objects.filter(application=application).count()
    response = act(client, "classify", application)
    assert "已经甄别为政府信息公开申请" in text(response)
    assert unchanged(application, events)


@pytest.mark.django_db
def test_close_as_petition_names_the_channel(register, client_for):
    application = register()
    response = act(client_for(OGI), "petition", application, {
        "channel": "12345 市民服务热线", "reply_text": "您反映的是投诉事项，请通过 12345 热线反映。",
        "replied_on": services.today().isoformat()})
    assert "不予处理：信访举报投诉类" in text(response)
    application = fresh(application)
    assert application.outcome == "not_processed.petition" and application.passed_on_to == "12345 市民服务热线"
    assert application.stage == choices.REPLY and application.concluded_on == services.today()
    assert application.letters.filter(kind=choices.LETTER_REPLY).exists()


@pytest.mark.django_db
def test_petition_without_channel_is_refused_and_keeps_the_typed_text(register, client_for):
    application = register()
    response = act(client_for(OGI), "petition", application, {
        "channel": "", "reply_text": "请通过有关渠道反映。", "replied_on": services.today().isoformat()})
    page = text(response)
    assert "请写明应当通过哪个渠道反映" in page
    assert "请通过有关渠道反映。" in page  # what was typed is shown again
    application = fresh(application)
    assert application.outcome == "" and application.stage == choices.REGISTRATION


@pytest.mark.django_db
def test_pass_on(register, client_for):
    application = register()
    response = act(client_for(OGI), "pass_on", application, {"channel": "本局政策法规科（政策咨询）", "note": ""})
    assert "不计入政府信息公开申请" in text(response)
    application = fresh(application)
    assert application.kind == choices.KIND_PASSED_ON and application.stage == choices.ARCHIVED
    page = text(client_for(OGI).get(reverse("applications_detail", args=[application.pk])))
    assert "没有答复期限" in page and "本局政策法规科（政策咨询）" in page


@pytest.mark.django_db
def test_confirm_receipt_of_an_ordinary_letter(register, client_for):
    application = register(received_on=None, channel=choices.LETTER)
    assert application.received_on is None
    response = act(client_for(OGI), "confirm_receipt", application,
                   {"received_on": services.today().isoformat(), "reason": ""})
    assert "已确认收到申请之日" in text(response)
    application = fresh(application)
    assert application.received_on == services.today() and application.due_on is not None


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "message"), [
    ({"received_on": "2999-01-01", "reason": ""}, "不能晚于"),
    ({"received_on": "2026-13-01", "reason": ""}, "日期格式不对"),
    ({"received_on": "", "reason": ""}, "请填写日期"),
])
def test_confirm_receipt_refuses_bad_dates(data, message, register, client_for):
    application = register(received_on=None, channel=choices.FAX)
    events = Event.objects.filter(application=application).count()
    response = act(client_for(OGI), "confirm_receipt", application, data)
    assert message in text(response)
    assert fresh(application).received_on is None and unchanged(application, events)


@pytest.mark.django_db
def test_assign(register, departments, staff, client_for):
    application = register()
    client = client_for(OGI)
    act(client, "classify", application)
    response = act(client, "assign", application, {"department": departments["own"].pk,
                                                   "handler": staff["editor"].pk})
    assert "已交由产品质量安全监督管理科承办" in text(response)
    application = fresh(application)
    assert application.stage == choices.ASSIGNED and application.department == departments["own"]
    assert application.handler == staff["editor"]


@pytest.mark.django_db
def test_assign_before_classification_is_refused(register, departments, client_for):
    application = register()
    response = act(client_for(OGI), "assign", application, {"department": departments["own"].pk})
    assert "请先在登记阶段确认这是一件政府信息公开申请" in text(response)
    assert fresh(application).department is None


@pytest.mark.django_db
def test_assign_by_a_department_head_is_refused(assigned, departments, client_for):
    application = assigned()
    response = act(client_for(HEAD), "assign", application, {"department": departments["other"].pk})
    assert "只有政务公开办可以分办申请" in text(response)
    assert fresh(application).department == departments["own"]


@pytest.mark.django_db
def test_assign_to_an_inactive_department_is_refused(register, departments, client_for):
    application = register()
    departments["other"].is_active = False
    departments["other"].save()
    client = client_for(OGI)
    act(client, "classify", application)
    response = act(client, "assign", application, {"department": departments["other"].pk})
    assert "请从列表中选择一个在用的承办部门" in text(response)
    assert fresh(application).department is None


# --- correction ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_correction_notice_and_received(register, client_for):
    application = register(received_on=dt.date(2026, 6, 1))
    client = client_for(OGI)
    response = act(client, "correction", application, {
        "sent_on": "2026-06-03", "items": "请写明所需抽查结果的年份和产品类别。", "deadline_days": "15"})
    assert "已发出补正告知" in text(response)
    correction = CorrectionRequest.objects.get(application=application)
    assert correction.deadline_days == 15 and correction.sent_on == dt.date(2026, 6, 3)
    assert application.letters.filter(kind=choices.LETTER_CORRECTION).exists()
    assert fresh(application).due_on is None  # the clock waits for the correction

    response = act(client, "correction_received", application, {
        "received_on": "2026-06-10", "note": "补充了年份", "good_reason": ""})
    assert "已登记补正材料" in text(response)
    correction.refresh_from_db()
    assert correction.received_on == dt.date(2026, 6, 10)
    assert fresh(application).due_on == dt.date(2026, 7, 9)  # 20 WD after 2026-06-10, Dragon Boat not counted


@pytest.mark.django_db
def test_second_correction_notice_is_refused(register, client_for):
    application = register(received_on=dt.date(2026, 6, 1))
    client = client_for(OGI)
    data = {"sent_on": "2026-06-03", "items": "请写明年份。", "deadline_days": "15"}
    act(client, "correction", application, data)
    response = act(client, "correction", application, {**data, "items": "还有别的"})
    assert "补正告知只能发出一次" in text(response)
    assert CorrectionRequest.objects.get(application=application).items == "请写明年份。"


@pytest.mark.django_db
def test_correction_by_a_department_editor_is_refused(assigned, client_for):
    application = assigned()
    response = act(client_for(EDITOR), "correction", application, {
        "sent_on": "2026-06-03", "items": "请写明年份。", "deadline_days": "15"})
    assert "只有政务公开办可以发出补正告知" in text(response)
    assert not CorrectionRequest.objects.exists()


@pytest.mark.django_db
def test_correction_overdue_closes_the_case(register, client_for):
    application = register(received_on=dt.date(2026, 6, 1))
    client = client_for(OGI)
    act(client, "correction", application, {"sent_on": "2026-06-03", "items": "请写明年份。", "deadline_days": "15"})
    response = act(client, "correction_overdue", application)
    assert "已按“逾期不补正”结案" in text(response)
    application = fresh(application)
    assert application.outcome == "other.correction_overdue" and application.concluded_on == services.today()


@pytest.mark.django_db
def test_correction_overdue_before_the_deadline_is_refused(register, client_for):
    today = services.today()
    application = register(received_on=today, reason="")
    client = client_for(OGI)
    act(client, "correction", application, {"sent_on": today.isoformat(), "items": "请写明年份。",
                                            "deadline_days": "15"})
    response = act(client, "correction_overdue", application)
    assert "才届满，现在不能按逾期不补正结案" in text(response)
    assert fresh(application).outcome == ""


# --- consultation, fee, extension, Art. 35 -----------------------------------------------------------------------


@pytest.mark.django_db
def test_consultation_by_the_department_and_its_answer(assigned, client_for):
    application = assigned(received_on=dt.date(2026, 6, 1))
    client = client_for(EDITOR)
    response = act(client, "consultation", application, {
        "kind": choices.CONSULT_THIRD_PARTY, "party": "示范市某电动车有限公司", "party_address": "示范市工业园 8 号",
        "matter": "抽查结果中涉及贵公司的检验数据是否同意公开。", "sent_on": "2026-06-05"})
    assert "征求意见期间不计入答复期限" in text(response)
    consultation = Consultation.objects.get(application=application)
    assert consultation.due_on == dt.date(2026, 6, 29)  # 15 WD after 2026-06-05, Dragon Boat not counted
    assert Letter.objects.filter(application=application, kind=choices.LETTER_CONSULTATION,
                                 to_applicant=False).exists()
    page = text(client.get(reverse("applications_detail", args=[application.pk])))
    assert reverse("applications_consultation_answer", args=[application.pk, consultation.pk]) in page

    response = act(client, "consultation_answer", application,
                   {"answered_on": "2026-06-12", "opinion": "不同意公开检验数据。"}, consultation.pk)
    assert "恢复计算答复期限" in text(response)
    consultation.refresh_from_db()
    assert consultation.answered_on == dt.date(2026, 6, 12) and consultation.opinion == "不同意公开检验数据。"


@pytest.mark.django_db
def test_consultation_answer_of_another_application_is_not_found(assigned, client_for):
    first, second = assigned(), assigned()
    client = client_for(OGI)
    act(client, "consultation", first, {"kind": choices.CONSULT_AGENCY, "party": "示范市商务局", "party_address": "",
                                        "matter": "是否同意公开。", "sent_on": "2026-06-05"})
    consultation = Consultation.objects.get()
    response = act(client, "consultation_answer", second, {"answered_on": "2026-06-12", "opinion": "同意"},
                   consultation.pk, follow=False)
    assert response.status_code == 404
    consultation.refresh_from_db()
    assert consultation.answered_on is None


@pytest.mark.django_db
def test_fee_preview_changes_nothing_and_the_notice_is_issued(assigned, client_for):
    application = assigned()
    client = client_for(OGI)
    data = {"basis": choices.FEE_BY_PAGES, "quantity": "101", "sent_on": "2026-06-05"}
    preview = act(client, "fee", application, {**data, "preview": "1"})
    assert "试算结果：720 元" in text(preview)
    assert not FeeNotice.objects.exists()
    response = act(client, "fee", application, data)
    assert "已发出收费通知：720 元" in text(response)
    fee = FeeNotice.objects.get(application=application)
    assert fee.amount == 720 and "第 101—101 页" in fee.explanation
    assert application.letters.filter(kind=choices.LETTER_FEE).exists()

    response = act(client, "fee_paid", application, {"paid_on": "2026-06-10"})
    assert "已登记缴费" in text(response)
    fee.refresh_from_db()
    assert fee.paid_on == dt.date(2026, 6, 10)


@pytest.mark.django_db
def test_free_fee_notice_is_refused(assigned, client_for):
    application = assigned()
    response = act(client_for(OGI), "fee", application, {"basis": choices.FEE_BY_COUNT, "quantity": "3",
                                                         "sent_on": "2026-06-05"})
    assert "这件申请不收费" in text(response)
    assert not FeeNotice.objects.exists()


@pytest.mark.django_db
def test_fee_unpaid_closes_the_case(assigned, client_for):
    application = assigned()
    client = client_for(OGI)
    act(client, "fee", application, {"basis": choices.FEE_BY_COUNT, "quantity": "12", "sent_on": "2026-06-05"})
    response = act(client, "fee_unpaid", application)
    assert "已按“逾期未缴费”结案" in text(response)
    assert fresh(application).outcome == "other.fee_unpaid"


@pytest.mark.django_db
def test_extension_by_the_head_of_the_ogi_office(recent, ogi_head, client):
    application = recent()
    due = application.due_on
    client.force_login(ogi_head)
    response = act(client, "extension", application, {"days": "20", "reason": "需要调取多个年度的档案。"})
    assert "已同意延期 20 个工作日" in text(response)
    application = fresh(application)
    assert application.extension_days == 20 and application.extension_approved_by == ogi_head
    assert application.due_on > due
    assert application.letters.filter(kind=choices.LETTER_EXTENSION).exists()


@pytest.mark.django_db
def test_extension_by_the_ogi_office_itself_is_refused(recent, client_for):
    application = recent()
    page = text(client_for(OGI).get(reverse("applications_detail", args=[application.pk])))
    assert reverse("applications_extension", args=[application.pk]) not in page
    response = act(client_for(OGI), "extension", application, {"days": "10", "reason": "档案较多"})
    assert "须经政府信息公开工作机构负责人同意" in text(response)
    assert fresh(application).extension_days == 0


@pytest.mark.django_db
def test_extension_over_20_days_is_refused(recent, ogi_head, client):
    application = recent()
    client.force_login(ogi_head)
    response = act(client, "extension", application, {"days": "21", "reason": "档案较多"})
    assert "最长不超过 20 个工作日" in text(response)
    assert fresh(application).extension_days == 0


@pytest.mark.django_db
def test_art35_date(recent, client_for):
    application = recent()
    later = application.due_on + dt.timedelta(days=30)
    response = act(client_for(OGI), "art35", application, {"due_on": later.isoformat(),
                                                           "reason": "申请人一个月内提出 80 件申请，已说明理由。"})
    assert "第三十五条确定为" in text(response)
    application = fresh(application)
    assert application.art35_due_on == later and application.due_on == later


@pytest.mark.django_db
def test_art35_date_before_the_statutory_due_date_is_refused(recent, client_for):
    application = recent()
    response = act(client_for(OGI), "art35", application, {"due_on": application.due_on.isoformat(),
                                                           "reason": "理由"})
    assert "应当晚于法定期限" in text(response)
    assert fresh(application).art35_due_on is None


# --- drafting, review, approval, reply, archive -----------------------------------------------------------------


@pytest.mark.django_db
def test_draft_shows_the_article_the_reply_will_cite(assigned, client_for):
    application = assigned()
    client = client_for(EDITOR)
    page = text(client.get(reverse("applications_detail", args=[application.pk])))
    assert "部分公开 —— 依据条例第三十七条" in page
    assert "逾期不补正 ——" not in page  # closed by the clock, never chosen by hand
    response = act(client, "draft", application, {"outcome": "partial", "reply_text": REPLY_TEXT})
    assert "答复书将引用《中华人民共和国政府信息公开条例》第三十七条" in text(response)
    application = fresh(application)
    assert application.outcome == "partial" and application.reply_text == REPLY_TEXT
    assert application.drafted_by.username == "u_editor"


@pytest.mark.django_db
def test_draft_by_the_reviewer_is_refused(assigned, client_for):
    application = assigned()
    response = act(client_for(REVIEWER), "draft", application, {"outcome": "partial", "reply_text": REPLY_TEXT})
    assert "只有承办部门的编辑、负责人或政务公开办可以拟写答复" in text(response)
    assert fresh(application).outcome == ""


@pytest.mark.django_db
def test_draft_by_an_editor_of_another_department_is_not_found(assigned, departments, make_staff, client):
    application = assigned()
    client.force_login(make_staff("food_editor", EDITOR, departments["other"]))
    response = act(client, "draft", application, {"outcome": "partial", "reply_text": REPLY_TEXT}, follow=False)
    assert response.status_code == 404
    assert fresh(application).outcome == ""


@pytest.mark.django_db
def test_draft_with_an_early_close_outcome_is_refused(assigned, client_for):
    application = assigned()
    response = act(client_for(EDITOR), "draft", application,
                   {"outcome": "other.correction_overdue", "reply_text": REPLY_TEXT})
    assert "请从列表中选择办理结果" in text(response)
    assert fresh(application).outcome == ""


@pytest.mark.django_db
def test_submit_review_approve_reply_archive(assigned, staff, client_for):
    application = assigned()
    services.do_draft_reply(staff["editor"], application, "partial", REPLY_TEXT)

    assert "已提交法制和保密审查" in text(act(client_for(EDITOR), "submit", application))
    assert fresh(application).stage == choices.REVIEW

    response = act(client_for(REVIEWER), "review", application, {"decision": "pass", "note": ""})
    assert "审查通过" in text(response)
    assert fresh(application).stage == choices.APPROVAL and fresh(application).reviewed_by == staff["reviewer"]

    response = act(client_for(HEAD), "approve", application, {"decision": "approve", "note": ""})
    assert "已同意答复" in text(response)
    assert fresh(application).stage == choices.REPLY and fresh(application).approved_by == staff["head"]

    ogi = client_for(OGI)
    response = act(ogi, "reply", application, {"replied_on": "2026-06-20", "delivery_method": "email",
                                               "delivered_on": "2026-06-20"})
    assert "已登记答复（部分公开）" in text(response)
    application = fresh(application)
    assert application.concluded_on == dt.date(2026, 6, 20) and application.delivered_on == dt.date(2026, 6, 20)
    reply = application.letters.get(kind=choices.LETTER_REPLY)
    assert "第三十七条" in reply.body

    assert "已归档" in text(act(ogi, "archive", application))
    assert fresh(application).stage == choices.ARCHIVED


@pytest.mark.django_db
def test_submit_before_drafting_is_refused(assigned, client_for):
    application = assigned()
    response = act(client_for(EDITOR), "submit", application)
    assert "请先拟写答复" in text(response)
    assert fresh(application).stage == choices.ASSIGNED


@pytest.mark.django_db
def test_drafter_cannot_review_own_draft(assigned, staff, client_for):
    application = assigned()
    services.do_draft_reply(staff["ogi_office"], application, "partial", REPLY_TEXT)
    services.do_submit_for_review(staff["ogi_office"], application)
    response = act(client_for(OGI), "review", application, {"decision": "pass", "note": ""})
    assert "拟稿人不能审查自己拟写的答复" in text(response)
    assert fresh(application).stage == choices.REVIEW


@pytest.mark.django_db
def test_review_return_needs_a_note(assigned, staff, client_for):
    application = assigned()
    services.do_draft_reply(staff["editor"], application, "partial", REPLY_TEXT)
    services.do_submit_for_review(staff["editor"], application)
    client = client_for(REVIEWER)
    response = act(client, "review", application, {"decision": "return", "note": ""})
    assert "退回时请写明需要修改的地方" in text(response)
    assert fresh(application).stage == choices.REVIEW
    response = act(client, "review", application, {"decision": "return", "note": "请补充不予公开部分的理由。"})
    assert "已退回承办部门修改" in text(response)
    assert fresh(application).stage == choices.ASSIGNED


@pytest.mark.django_db
def test_approval_by_the_head_of_another_department_is_refused(assigned, staff, ogi_head, client):
    application = assigned()
    services.do_draft_reply(staff["editor"], application, "partial", REPLY_TEXT)
    services.do_submit_for_review(staff["editor"], application)
    services.do_review(staff["reviewer"], application, True)
    client.force_login(ogi_head)  # a head who sees every case, but not of the assigned department
    response = act(client, "approve", application, {"decision": "approve", "note": ""})
    assert "只有承办部门的负责人可以审批答复" in text(response)
    assert fresh(application).stage == choices.APPROVAL and fresh(application).approved_by is None


@pytest.mark.django_db
def test_approval_in_the_wrong_stage_is_refused(assigned, staff, client_for):
    application = assigned()
    services.do_draft_reply(staff["editor"], application, "partial", REPLY_TEXT)
    response = act(client_for(HEAD), "approve", application, {"decision": "approve", "note": ""})
    assert "这一步只能在“审批”阶段进行" in text(response)
    assert fresh(application).stage == choices.ASSIGNED


@pytest.mark.django_db
@pytest.mark.parametrize("steps", [0, 1, 2])
def test_reply_without_approval_is_refused(steps, assigned, staff, client_for):
    application = assigned()
    services.do_draft_reply(staff["editor"], application, "partial", REPLY_TEXT)
    if steps >= 1:
        services.do_submit_for_review(staff["editor"], application)
    if steps >= 2:
        services.do_review(staff["reviewer"], application, True)
    events = Event.objects.filter(application=application).count()
    response = act(client_for(OGI), "reply", application, {"replied_on": "2026-06-20", "delivery_method": "email",
                                                            "delivered_on": ""})
    assert "答复须经部门负责人审批后才能出具" in text(response)
    application = fresh(application)
    assert application.concluded_on is None and application.delivery_method == ""
    assert not application.letters.filter(kind=choices.LETTER_REPLY).exists()
    assert unchanged(application, events)


@pytest.mark.django_db
def test_reply_by_the_department_head_is_refused(approved, client_for):
    application = approved()
    response = act(client_for(HEAD), "reply", application, {"replied_on": "2026-06-20", "delivery_method": "email",
                                                            "delivered_on": ""})
    assert "只有政务公开办可以出具答复并登记送达" in text(response)
    assert fresh(application).concluded_on is None


@pytest.mark.django_db
def test_reply_then_delivery_date_later(approved, client_for):
    application = approved()
    client = client_for(OGI)
    act(client, "reply", application, {"replied_on": "2026-06-20", "delivery_method": "post", "delivered_on": ""})
    application = fresh(application)
    assert application.concluded_on == dt.date(2026, 6, 20) and application.delivered_on is None
    page = text(client.get(reverse("applications_detail", args=[application.pk])))
    assert "登记送达日期" in page
    act(client, "reply", application, {"replied_on": "2026-06-20", "delivery_method": "post",
                                       "delivered_on": "2026-06-23"})
    application = fresh(application)
    assert application.delivered_on == dt.date(2026, 6, 23) and application.concluded_on == dt.date(2026, 6, 20)
    assert application.letters.filter(kind=choices.LETTER_REPLY).count() == 1


@pytest.mark.django_db
def test_archive_before_the_reply_is_refused(approved, client_for):
    application = approved()
    response = act(client_for(OGI), "archive", application)
    assert "请先出具答复并登记送达方式" in text(response)
    assert fresh(application).stage == choices.REPLY


@pytest.mark.django_db
def test_a_date_in_another_format_is_refused_in_chinese(approved, client_for):
    application = approved()
    response = act(client_for(OGI), "reply", application, {"replied_on": "20/06/2026", "delivery_method": "email",
                                                            "delivered_on": ""})
    assert "日期格式不对：请按 YYYY-MM-DD 填写" in text(response)
    assert fresh(application).concluded_on is None


# --- reconsideration and litigation ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_remedy_added_and_decided(approved, client_for):
    application = approved()
    client = client_for(OGI)
    act(client, "reply", application, {"replied_on": "2026-06-20", "delivery_method": "email",
                                       "delivered_on": "2026-06-20"})
    response = act(client, "remedy", application, {"kind": "reconsideration", "filed_on": "2026-07-10",
                                                   "result": "pending", "decided_on": "", "note": ""})
    assert "已登记行政复议（尚未审结）" in text(response)
    remedy = Remedy.objects.get(application=application)
    response = act(client, "remedy_update", application, {"result": "upheld", "decided_on": "2026-09-01",
                                                          "note": "复议维持"}, remedy.pk)
    assert "结果：维持" in text(response)
    remedy.refresh_from_db()
    assert remedy.result == "upheld" and remedy.decided_on == dt.date(2026, 9, 1)


@pytest.mark.django_db
def test_remedy_by_the_auditor_is_refused(approved, client_for):
    application = approved()
    response = act(client_for(AUDITOR), "remedy", application, {"kind": "reconsideration", "filed_on": "2026-07-10",
                                                                "result": "pending", "decided_on": "", "note": ""})
    assert "只有政务公开办可以登记复议、诉讼" in text(response)
    assert not Remedy.objects.exists()


@pytest.mark.django_db
def test_decided_remedy_needs_its_date(approved, client_for):
    application = approved()
    response = act(client_for(OGI), "remedy", application, {"kind": "litigation_direct", "filed_on": "2026-07-10",
                                                            "result": "corrected", "decided_on": "", "note": ""})
    assert "已审结的，请填写结案日期" in text(response)
    assert not Remedy.objects.exists()


# --- the whole case through the screens ---------------------------------------------------------------------


@pytest.mark.django_db
def test_a_letter_application_from_registration_to_archive(applicant_data, departments, staff, client_for):
    ogi = client_for(OGI)
    ogi.post(reverse("applications_register"), {
        **applicant_data(), "channel": choices.LETTER, "received_on": "", "received_reason": ""})
    application = DisclosureApplication.objects.get()
    today = services.today().isoformat()
    act(ogi, "confirm_receipt", application, {"received_on": today, "reason": ""})
    act(ogi, "classify", application)
    act(ogi, "assign", application, {"department": departments["own"].pk, "handler": staff["editor"].pk})
    act(client_for(EDITOR), "draft", application, {"outcome": "disclosed", "reply_text": "已通过电子邮件提供。"})
    act(client_for(EDITOR), "submit", application)
    act(client_for(REVIEWER), "review", application, {"decision": "pass", "note": ""})
    act(client_for(HEAD), "approve", application, {"decision": "approve", "note": ""})
    act(ogi, "reply", application, {"replied_on": today, "delivery_method": "email", "delivered_on": today})
    act(ogi, "archive", application)
    application = fresh(application)
    assert application.stage == choices.ARCHIVED and application.outcome == "disclosed"
    assert [e.action for e in application.events.all()] == [
        "registered", "received", "classified", "assigned", "drafted", "submitted", "reviewed", "approved",
        "replied", "archived"]
    page = text(ogi.get(reverse("applications_detail", args=[application.pk])))
    assert "没有需要您办理的事项" not in page  # the OGI office may still record a reconsideration
    assert reverse("applications_remedy", args=[application.pk]) in page
    assert "予以公开" in page and "第三十六条第（一）项" in page
