"""Back-office screens for letter templates: list, edit, preview, reset; administrator and OGI office only."""

import pytest

from gongkai.applications import choices, letter_defaults, outcomes
from gongkai.applications.models import LetterTemplate
from gongkai.audit.models import AuditEntry

BASE = "/admin/applications/letter-templates/"


def test_index_lists_every_kind_and_outcome_with_the_text_in_force(client_for, staff):
    LetterTemplate.objects.create(kind=choices.LETTER_FEE, title="收费通知", body="请缴纳{收费金额}元。",
                                  updated_by=staff["ogi_office"])
    response = client_for("administrator").get(BASE)
    assert response.status_code == 200
    html = response.content.decode()
    for slug in ("receipt", "correction", "extension", "consultation", "fee"):
        assert f'data-template="{slug}"' in html
    for code in outcomes.CODES:
        assert f'data-template="reply.{code}"' in html
    assert outcomes.BY_CODE["withheld.state_secret"].label in html
    assert html.count("系统默认文本</td>") == 5 + len(outcomes.CODES) - 1
    assert html.count("<strong>已修改</strong>") == 1


@pytest.mark.parametrize("role", ["administrator", "ogi_office"])
def test_edit_saves_and_audits(client_for, role):
    client = client_for(role)
    response = client.post(f"{BASE}reply.partial/", {
        "title": "政府信息公开申请答复书", "body": "{申请人}申请的信息部分公开。\n{答复内容}\n依据：{法律依据}。"})
    assert response.status_code == 302 and response.url == f"{BASE}reply.partial/"
    stored = LetterTemplate.objects.get(kind=choices.LETTER_REPLY, outcome="partial")
    assert stored.body == "{申请人}申请的信息部分公开。\n{答复内容}\n依据：{法律依据}。"
    assert stored.updated_by.username == f"u_{role}"
    entry = AuditEntry.objects.get(action="application.letter_template_saved")
    assert entry.actor_name == f"u_{role}" and entry.object_id == str(stored.pk)
    page = client.get(response.url).content.decode()
    assert "已保存" in page and "正在使用修改后的文本" in page


def test_edit_form_starts_with_the_text_in_force_and_lists_placeholders(client_for):
    html = client_for("ogi_office").get(f"{BASE}correction/").content.decode()
    assert "政府信息公开申请补正告知书" in html
    assert "不再处理该政府信息公开申请" in html
    assert "{补正事项}" in html and "一次性列明的需要补正的全部事项" in html
    assert "{查询码}" in html
    assert "恢复为系统默认文本" not in html  # nothing to reset yet


def test_unknown_placeholder_is_reported_in_chinese_and_nothing_saved(client_for):
    response = client_for("administrator").post(f"{BASE}receipt/", {
        "title": "登记回执", "body": "您好，{申请人名称}，您的查询码是{查询码}，{补正事项}。"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "不能使用这些字段：{申请人名称}、{补正事项}" in html
    assert "您好，{申请人名称}" in html  # the text typed stays in the form
    assert not LetterTemplate.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="application.letter_template").exists()


def test_empty_body_is_refused(client_for):
    response = client_for("administrator").post(f"{BASE}extension/", {"title": "延期答复告知书", "body": "  "})
    assert response.status_code == 200 and "正文不能为空" in response.content.decode()
    assert not LetterTemplate.objects.exists()


def test_preview_of_unsaved_text_renders_sample_data_and_saves_nothing(client_for):
    response = client_for("ogi_office").post(f"{BASE}reply.disclosed/preview/", {
        "title": "答复书（{申请编号}）", "body": "结果：{办理结果全称}\n依据：{法律依据}"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "答复书（YSQ2026-00001）" in html
    assert "结果：（一）予以公开" in html
    assert outcomes.BY_CODE["disclosed"].article in html
    assert "王晓明：" in html
    assert "尚未保存" in html
    assert not LetterTemplate.objects.exists()


def test_preview_of_the_text_in_force(client_for):
    html = client_for("administrator").get(f"{BASE}reply.partial/preview/").content.decode()
    assert outcomes.BY_CODE["partial"].label in html and outcomes.BY_CODE["partial"].article in html
    assert "六十日内依法申请行政复议" in html
    assert "{" not in html.split('role="document"')[1].split("</div>\n  <form")[0]


def test_preview_of_bad_text_shows_the_error_on_the_form(client_for):
    response = client_for("administrator").post(f"{BASE}fee/preview/", {"title": "收费", "body": "{金额}"})
    assert response.status_code == 200
    assert "不能使用这些字段：{金额}" in response.content.decode()
    assert not LetterTemplate.objects.exists()


def test_back_from_preview_keeps_the_text_and_saves_nothing(client_for):
    response = client_for("administrator").post(f"{BASE}fee/", {
        "title": "收费", "body": "请缴纳{收费金额}元。", "action": "back"})
    assert response.status_code == 200 and "请缴纳{收费金额}元。" in response.content.decode()
    assert not LetterTemplate.objects.exists()


def test_reset_asks_then_restores_the_built_in_text(client_for, staff):
    LetterTemplate.objects.create(kind=choices.LETTER_RECEIPT, title="回执", body="已收到。")
    client = client_for("administrator")
    assert "确定把" in client.get(f"{BASE}receipt/reset/").content.decode()
    assert LetterTemplate.objects.exists()
    response = client.post(f"{BASE}receipt/reset/")
    assert response.status_code == 302 and response.url == f"{BASE}receipt/"
    assert not LetterTemplate.objects.exists()
    assert AuditEntry.objects.get(action="application.letter_template_reset").before["body"] == "已收到。"
    html = client.get(response.url).content.decode()
    assert "已恢复为系统默认文本" in html
    assert letter_defaults.default(choices.LETTER_RECEIPT)[0] in html


def test_unknown_template_is_404(client_for):
    client = client_for("administrator")
    assert client.get(f"{BASE}reply/").status_code == 404
    assert client.get(f"{BASE}nonsense/").status_code == 404
    assert client.post(f"{BASE}reply.nonsense/reset/").status_code == 404


@pytest.mark.parametrize("role", ["editor", "reviewer", "head", "auditor"])
def test_other_roles_get_403_and_change_nothing(client_for, role):
    LetterTemplate.objects.create(kind=choices.LETTER_RECEIPT, title="回执", body="已收到。")
    client = client_for(role)
    assert client.get(BASE).status_code == 403
    assert client.get(f"{BASE}receipt/").status_code == 403
    assert client.get(f"{BASE}receipt/preview/").status_code == 403
    assert client.post(f"{BASE}receipt/", {"title": "改", "body": "改了"}).status_code == 403
    assert client.post(f"{BASE}receipt/reset/").status_code == 403
    assert LetterTemplate.objects.get().body == "已收到。"
    assert not AuditEntry.objects.filter(action__startswith="application.letter_template").exists()
