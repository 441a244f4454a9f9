"""Letters of disclosure applications (RULES.md §3.3): built-in texts, issuing, edited templates and reset."""

import datetime as dt
import re

import pytest

from gongkai.applications import choices, clock_events, letter_defaults, letters, outcomes, services
from gongkai.applications.errors import Refused
from gongkai.applications.models import CorrectionRequest, FeeNotice, Letter, LetterTemplate
from gongkai.audit.models import AuditEntry

LEFTOVER = re.compile(r"\{[^{}\s]{1,20}\}")
RECEIVED = dt.date(2026, 6, 1)


def _flat(text):
    return re.sub(r"\s+", "", text)


def _letter(application, kind):
    return Letter.objects.filter(application=application, kind=kind).latest("pk")


def _full_text(letter):
    return f"{letter.title}\n{letter.addressee}\n{letter.body}"


@pytest.fixture
def full_application(assigned):
    """An assigned application with every optional detail filled in."""
    return assigned(received_on=RECEIVED, info_doc_number="示市监发〔2025〕12号", contact_person="")


@pytest.fixture
def agency_contacts(agency):
    agency.ogi_office_name = "示范市市场监督管理局政务公开办公室"
    agency.ogi_phone = "0999-12345678"
    agency.ogi_address = "示范市人民路 1 号"
    agency.domain = "scjgj.shifan.gov.cn"
    agency.save()
    return agency


# --- every outcome has its reply letter ------------------------------------------------------------


@pytest.mark.parametrize("code", outcomes.CODES)
def test_every_outcome_reply_letter_names_its_result_article_and_remedies(code, full_application):
    application = full_application
    application.outcome, application.reply_text = code, "具体答复意见写在这里。"
    title, body = letters.template_for(choices.LETTER_REPLY, code)
    assert body == letter_defaults.REPLY_BODIES[code]
    text = letters.render(body, letters.fields_for(application, dt.date(2026, 6, 20)))
    outcome = outcomes.BY_CODE[code]
    assert outcome.label in text
    assert outcome.article in text
    assert "具体答复意见写在这里。" in text
    assert "六十日内依法申请行政复议" in text and "六个月内依法向人民法院提起行政诉讼" in text
    assert application.number in text
    assert not LEFTOVER.search(text), LEFTOVER.findall(text)
    assert letters.render(title, {}) == "政府信息公开申请答复书"


def test_reply_texts_are_distinct_for_each_outcome():
    assert len(set(letter_defaults.REPLY_BODIES.values())) == len(outcomes.CODES)
    assert set(letter_defaults.REPLY_BODIES) == set(outcomes.CODES)


def test_sub_outcome_label_carries_its_group_heading(full_application):
    full_application.outcome = "withheld.internal_affairs"
    data = letters.fields_for(full_application, dt.date(2026, 6, 20))
    assert data["办理结果全称"] == "（三）不予公开 5.属于三类内部事务信息"
    full_application.outcome = "other.fee_unpaid"
    assert letters.fields_for(full_application, None)["办理结果全称"].startswith("（六）其他处理 2.申请人逾期未按")


def test_built_in_texts_use_only_known_placeholders():
    for key in letters.template_keys():
        title, body = letter_defaults.default(key.kind, key.outcome)
        assert letters.unknown_placeholders(key.kind, title, body) == [], key.slug


# --- every kind of letter, issued by the real steps -------------------------------------------------


def test_receipt_tells_numbers_receipt_rule_reply_period_and_how_to_track(full_application, agency_contacts):
    letter = _letter(full_application, choices.LETTER_RECEIPT)
    text = _full_text(letter)
    assert "登记回执" in letter.title
    assert letter.addressee == "李春华" and letter.to_applicant
    assert full_application.number in text and full_application.tracking_code in text
    assert choices.RECEIPT_RULES[choices.IN_PERSON] in text
    assert "收到申请之日：2026年6月1日" in text
    assert "20 个工作日内予以答复" in text and "2026年6月30日" in text
    assert "/yisqgk/track/" in text and "后四位" in text
    assert not LEFTOVER.search(text), LEFTOVER.findall(text)


def test_online_receipt_says_the_receipt_date_is_still_to_be_confirmed(applicant_data, agency):
    from gongkai.applications import intake

    application, created = intake.do_submit_online(applicant_data(), [], "token-receipt-online")
    assert created
    text = _letter(application, choices.LETTER_RECEIPT).body
    assert "收到申请之日：待确认" in text
    assert choices.RECEIPT_RULES[choices.ONLINE] in text
    assert "自收到申请之日起 20 个工作日内" in text
    assert not LEFTOVER.search(text), LEFTOVER.findall(text)


def test_track_url_uses_the_agency_domain(agency_contacts, full_application):
    text = _letter(full_application, choices.LETTER_RECEIPT).body
    assert "https://scjgj.shifan.gov.cn/yisqgk/track/" in text
    assert "0999-12345678" in text and "示范市人民路 1 号" in text


def test_correction_notice_lists_items_deadline_and_consequence(full_application, staff):
    items = "1. 请写明抽查的批次；\n2. 请说明所需名单的范围。"
    clock_events.do_request_correction(staff["ogi_office"], full_application, dt.date(2026, 6, 2), items, 10)
    letter = _letter(full_application, choices.LETTER_CORRECTION)
    text = _full_text(letter)
    assert "补正告知书" in letter.title
    assert "1. 请写明抽查的批次；" in text and "2. 请说明所需名单的范围。" in text
    deadline = CorrectionRequest.objects.get(application=full_application).deadline_on
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in text
    assert "10 个工作日内" in text
    assert "第三十条" in text and "不再处理该政府信息公开申请" in text
    assert not LEFTOVER.search(text), LEFTOVER.findall(text)


def test_extension_notice_gives_article_new_due_date_and_reason(full_application, ogi_head):
    application = clock_events.do_approve_extension(ogi_head, full_application, 15,
                                                    "所需信息涉及三个部门，需要汇总核对。",
                                                     approved_on=dt.date(2026, 6, 10))
    letter = _letter(application, choices.LETTER_EXTENSION)
    text = _full_text(letter)
    assert "延期答复告知书" in letter.title
    assert "第三十三条第二款" in text
    assert "因所需信息涉及三个部门，需要汇总核对，" in text
    assert "延长 15 个工作日" in text
    due = application.due_on
    assert f"延长后的答复期限为{due.year}年{due.month}月{due.day}日" in text
    assert not LEFTOVER.search(text), LEFTOVER.findall(text)


def test_consultation_letter_goes_to_the_third_party(full_application, staff):
    consultation = clock_events.do_start_consultation(
        staff["editor"], full_application, choices.CONSULT_THIRD_PARTY, "示范市某电动车有限公司",
        "是否同意公开贵公司产品的检验报告", dt.date(2026, 6, 3))
    letter = _letter(full_application, choices.LETTER_CONSULTATION)
    text = _full_text(letter)
    assert "征求第三方意见书" in letter.title
    assert letter.addressee == "示范市某电动车有限公司" and not letter.to_applicant
    assert "第三十二条" in text and "15 个工作日内" in text
    assert "是否同意公开贵公司产品的检验报告" in text
    due = consultation.due_on
    assert f"{due.year}年{due.month}月{due.day}日前" in text
    assert "逾期未提出意见的，由本机关" in text
    assert not LEFTOVER.search(text), LEFTOVER.findall(text)


def test_fee_notice_gives_amount_calculation_pay_by_and_consequences(full_application, staff):
    clock_events.do_issue_fee_notice(staff["ogi_office"], full_application, choices.FEE_BY_PAGES, 120, dt.date(2026, 6,
                                                                                                               4))
    fee = FeeNotice.objects.get(application=full_application)
    letter = _letter(full_application, choices.LETTER_FEE)
    text = _full_text(letter)
    assert "收费通知书" in letter.title
    assert "人民币 1100 元" in text  # 70 pages × 10 + 20 pages × 20
    assert fee.explanation in text
    assert f"{fee.pay_by.year}年{fee.pay_by.month}月{fee.pay_by.day}日前缴纳" in text
    assert "不计算在答复期限内" in text and "不再处理该政府信息公开申请" in text
    assert "国办函〔2020〕109号" in text
    assert not LEFTOVER.search(text), LEFTOVER.findall(text)


def test_reply_letter_issued_at_the_end_of_the_flow(full_application, staff):
    application = full_application
    reply = "涉及企业商业秘密，第三方不同意公开。"
    services.do_draft_reply(staff["editor"], application, "withheld.third_party", reply)
    services.do_submit_for_review(staff["editor"], application)
    services.do_review(staff["reviewer"], application, True)
    services.do_approve(staff["head"], application, True)
    services.do_send_reply(staff["ogi_office"], application, dt.date(2026, 6, 20), "email")
    letter = _letter(application, choices.LETTER_REPLY)
    text = _full_text(letter)
    assert letter.number == f"{application.number}-02"  # the receipt was -01
    assert "（三）不予公开 4.保护第三方合法权益" in text
    assert "《中华人民共和国政府信息公开条例》第十五条" in text
    assert "涉及企业商业秘密，第三方不同意公开。" in text
    assert not LEFTOVER.search(text), LEFTOVER.findall(text)


# --- edited templates ------------------------------------------------------------------------------


def test_edited_template_is_used_by_issue_and_reset_restores_the_built_in_text(register, staff):
    key = letters.key_from_slug("receipt")
    letters.do_save_template(staff["administrator"], key, "受理回执（{申请编号}）", "已收到您的申请，查询码{查询码}。")
    application = register()
    letter = _letter(application, choices.LETTER_RECEIPT)
    assert letter.title == f"受理回执（{application.number}）"
    assert letter.body == f"已收到您的申请，查询码{application.tracking_code}。"
    saved = AuditEntry.objects.get(action="application.letter_template_saved")
    assert saved.after["body"] == "已收到您的申请，查询码{查询码}。" and saved.before is None

    assert letters.do_reset_template(staff["ogi_office"], key) is True
    assert not LetterTemplate.objects.exists()
    assert AuditEntry.objects.filter(action="application.letter_template_reset").count() == 1
    again = _letter(register(), choices.LETTER_RECEIPT)
    assert again.title == "政府信息公开申请登记回执"
    assert "查询办理进度" in again.body
    assert letter.body == Letter.objects.get(pk=letter.pk).body  # letters already issued keep their text
    assert letters.do_reset_template(staff["ogi_office"], key) is False


def test_edited_reply_template_applies_to_its_outcome_only(full_application, staff):
    key = letters.key_from_slug("reply.partial")
    letters.do_save_template(staff["ogi_office"], key, "答复书", "部分公开：{答复内容}（{法律依据}）")
    assert letters.template_for(choices.LETTER_REPLY, "partial") == ("答复书", "部分公开：{答复内容}（{法律依据}）")
    assert letters.template_for(choices.LETTER_REPLY, "disclosed")[1] == letter_defaults.REPLY_BODIES["disclosed"]
    application = full_application
    application.outcome, application.reply_text = "partial", "名单公开，检验数据不公开。"
    letter = letters.issue(application, choices.LETTER_REPLY, actor=staff["ogi_office"], issued_on=dt.date(2026, 6, 20))
    assert letter.body == "部分公开：名单公开，检验数据不公开。（《中华人民共和国政府信息公开条例》第三十七条）"


def test_second_save_updates_the_same_row_and_audits_before_and_after(staff):
    key = letters.key_from_slug("fee")
    letters.do_save_template(staff["administrator"], key, "收费通知", "金额{收费金额}元。")
    letters.do_save_template(staff["administrator"], key, "收费通知", "请缴纳{收费金额}元。")
    assert LetterTemplate.objects.get(kind=choices.LETTER_FEE).body == "请缴纳{收费金额}元。"
    last = AuditEntry.objects.filter(action="application.letter_template_saved").latest("pk")
    assert last.before["body"] == "金额{收费金额}元。" and last.after["body"] == "请缴纳{收费金额}元。"


def test_unknown_placeholder_is_refused_naming_it_and_nothing_is_saved(staff):
    key = letters.key_from_slug("reply.disclosed")
    with pytest.raises(Refused) as refused:
        letters.do_save_template(staff["administrator"], key, "答复书{文书编号}", "您好，{申请人姓名}：{答复内容}")
    message = str(refused.value)
    assert "{文书编号}" in message and "{申请人姓名}" in message and "不能使用" in message
    assert "{答复内容}" not in message
    assert not LetterTemplate.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="application.letter_template").exists()


def test_placeholder_of_another_kind_of_letter_is_refused(staff):
    with pytest.raises(Refused, match=r"\{补正事项\}"):
        letters.do_save_template(staff["administrator"], letters.key_from_slug("receipt"), "回执", "{补正事项}")
    assert not LetterTemplate.objects.exists()


@pytest.mark.parametrize(("title", "body", "message"), [
    ("答复书", "   \n  ", "正文不能为空"),
    ("  ", "正文", "请填写文书标题"),
    ("长" * 101, "正文", "标题最多 100 个字"),
])
def test_empty_or_oversized_template_is_refused(staff, title, body, message):
    with pytest.raises(Refused, match=message):
        letters.do_save_template(staff["administrator"], letters.key_from_slug("extension"), title, body)
    assert not LetterTemplate.objects.exists()


@pytest.mark.parametrize("role", ["editor", "reviewer", "head", "auditor"])
def test_only_the_administrator_and_the_ogi_office_edit_templates(staff, role):
    key = letters.key_from_slug("receipt")
    with pytest.raises(Refused, match="只有系统管理员和政务公开办"):
        letters.do_save_template(staff[role], key, "回执", "正文")
    letters.do_save_template(staff["administrator"], key, "回执", "正文")
    with pytest.raises(Refused):
        letters.do_reset_template(staff[role], key)
    assert LetterTemplate.objects.count() == 1


def test_template_keys_cover_every_kind_and_every_outcome():
    slugs = [key.slug for key in letters.template_keys()]
    assert len(slugs) == 5 + len(outcomes.CODES) == len(set(slugs))
    assert {"receipt", "correction", "extension", "consultation", "fee", "reply.partial"} <= set(slugs)
    assert letters.key_from_slug("reply") is None
    assert letters.key_from_slug("reply.nonsense") is None
    assert letters.key_from_slug("receipt.partial") is None


def test_preview_uses_sample_data_and_saves_nothing(agency):
    from gongkai.applications.models import DisclosureApplication

    key = letters.key_from_slug("consultation")
    letter = letters.preview_letter(key, *letter_defaults.default(key.kind))
    assert letter.pk is None and letter.addressee == "示范市某某电动车有限公司"
    assert not LEFTOVER.search(letter.body), LEFTOVER.findall(letter.body)
    assert not DisclosureApplication.objects.exists() and not Letter.objects.exists()


def test_placeholder_list_describes_every_field_a_letter_gets(full_application):
    data = letters.fields_for(full_application, dt.date(2026, 6, 20))
    assert {name for name, _ in letter_defaults.PLACEHOLDERS} == set(data)
    for kind, extras in letter_defaults.EXTRA_PLACEHOLDERS.items():
        assert all(description for _, description in extras), kind
