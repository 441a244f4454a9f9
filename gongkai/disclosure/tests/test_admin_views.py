"""The review flow through the back-office screens, as staff use it."""

import json

import pytest
from django.urls import reverse

from gongkai.disclosure.models import InformationRecord


def contentstate(*paragraphs):
    """What the Draftail editor posts for plain paragraphs."""
    blocks = [
        {"key": f"k{i}", "text": text, "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}
        for i, text in enumerate(paragraphs)
    ]
    return json.dumps({"blocks": blocks, "entityMap": {}})


def record_post(departments, **overrides):
    return {
        "kind": "document", "title": "关于电动自行车头盔抽查的行政处罚决定", "document_number": "示市监罚〔2026〕20号",
        "issuing_body": "示范市市场监督管理局", "department": departments["own"].pk, "category": "",
        "topics": "行政处罚", "attribute": "proactive", "attribute_basis": "", "review_due_on": "",
        "formed_on": "2026-11-02", "changed_on": "", "validity": "valid", "summary": "处罚决定",
        "body": contentstate("当事人：李建国", "身份证号：360426199101010071"),
        **overrides,
    }


@pytest.fixture
def post_data(departments, penalty_category):
    def make(**overrides):
        return record_post(departments, category=penalty_category.pk, **overrides)

    return make


@pytest.mark.django_db
def test_editor_drafts_submits_and_reviewer_masks_and_approves(client_for, post_data, agency):
    editor, reviewer = client_for("editor"), client_for("reviewer")
    response = editor.post(reverse("disclosure_record_create"), post_data())
    assert response.status_code == 302, response.content.decode()[:2000]
    record = InformationRecord.objects.get()
    assert "李建国" in record.body and record.status == "draft"

    editor.post(reverse("disclosure_record_submit", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == "submitted"

    page = reviewer.get(reverse("disclosure_record_detail", args=[record.pk])).content.decode()
    assert "身份证号" in page and "360426********0071" in page and "2 处待处理" in page

    blocked = reviewer.post(reverse("disclosure_record_approve", args=[record.pk]), {
        "checked_content": "on", "checked_timing": "on", "checked_method": "on", "checked_confidentiality": "on",
    }, follow=True)
    assert "2 处个人信息未处理" in blocked.content.decode()

    for finding in record.findings.all():
        reviewer.post(reverse("disclosure_finding_decide", args=[record.pk, finding.pk]), {"decision": "mask"})
    reviewer.post(reverse("disclosure_record_approve", args=[record.pk]), {
        "checked_content": "on", "checked_timing": "on", "checked_method": "on", "checked_confidentiality": "on",
    })
    record.refresh_from_db()
    assert record.status == "published"
    assert "李某某" in record.public_body or "李某" in record.public_body
    assert "360426********0071" in record.public_body and "360426199101010071" not in record.public_body


@pytest.mark.django_db
def test_drafter_cannot_approve_through_the_screen(client_for, staff, post_data, agency):
    ogi = client_for("ogi_office")
    ogi.post(reverse("disclosure_record_create"), post_data(body=contentstate("没有个人信息的通知正文。")))
    record = InformationRecord.objects.get()
    ogi.post(reverse("disclosure_record_submit", args=[record.pk]))
    page = ogi.get(reverse("disclosure_record_detail", args=[record.pk])).content.decode()
    assert "需要由另一位审核人审核" in page
    response = ogi.post(reverse("disclosure_record_approve", args=[record.pk]), {
        "checked_content": "on", "checked_timing": "on", "checked_method": "on", "checked_confidentiality": "on",
    }, follow=True)
    assert "起草人不能审核自己起草" in response.content.decode()
    record.refresh_from_db()
    assert record.status == "submitted"


@pytest.mark.django_db
def test_bad_record_input_saves_nothing(client_for, post_data):
    response = client_for("editor").post(reverse("disclosure_record_create"), post_data(
        title="", formed_on="2026-02-30", attribute="withheld", attribute_basis=""))
    body = response.content.decode()
    assert response.status_code == 200
    assert "复查日期" in body and "请写明依据" in body
    assert not InformationRecord.objects.exists()


@pytest.mark.django_db
def test_editor_cannot_draft_for_another_department(client_for, post_data, departments):
    response = client_for("editor").post(reverse("disclosure_record_create"),
                                         post_data(department=departments["other"].pk))
    assert "选择一个有效的选项" in response.content.decode()
    assert not InformationRecord.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "status"), [("reviewer", 403), ("head", 403), ("auditor", 403)])
def test_non_drafters_cannot_open_the_draft_form(client_for, role, status):
    assert client_for(role).get(reverse("disclosure_record_create")).status_code == status


@pytest.mark.django_db
def test_record_of_another_department_is_invisible(client_for, make_staff, departments, post_data, staff):
    client_for("editor").post(reverse("disclosure_record_create"), post_data())
    record = InformationRecord.objects.get()
    outsider = make_staff("food_reviewer", "reviewer", departments["other"])
    from django.test import Client

    client = Client()
    client.force_login(outsider)
    assert client.get(reverse("disclosure_record_detail", args=[record.pk])).status_code == 404
    assert record.title not in client.get(reverse("disclosure_record_index")).content.decode()


@pytest.mark.django_db
def test_interpretation_is_linked_to_its_policy_both_ways(client_for, post_data, agency, client):
    from gongkai.disclosure.site_tree import ensure_disclosure_section
    from gongkai.portal.services import ensure_site_tree

    section = ensure_disclosure_section(ensure_site_tree(agency, sample=False))
    editor, reviewer = client_for("editor"), client_for("reviewer")
    checklist = {"checked_content": "on", "checked_timing": "on", "checked_method": "on",
                 "checked_confidentiality": "on"}

    def publish(data):
        response = editor.post(reverse("disclosure_record_create"), data)
        assert response.status_code == 302, response.content.decode()[-3000:]
        record = InformationRecord.objects.order_by("-pk").first()
        editor.post(reverse("disclosure_record_submit", args=[record.pk]))
        reviewer.post(reverse("disclosure_record_approve", args=[record.pk]), checklist)
        record.refresh_from_db()
        return record

    policy = publish(post_data(title="示范市促进个体工商户发展若干措施", body=contentstate("第一条 总则。")))
    missing = editor.post(reverse("disclosure_record_create"), post_data(
        kind="interpretation", title="一图读懂", policy_index_number="不存在", body=contentstate("解读")))
    assert "没有找到这个索引号的政策文件" in missing.content.decode()
    interpretation = publish(post_data(
        kind="interpretation", title="《示范市促进个体工商户发展若干措施》政策解读",
        policy_index_number=policy.index_number, interpretation_form="plain", interpretation_stage="during",
        interpreter="法规科", body=contentstate("这份措施主要讲了三件事。")))
    assert interpretation.interpretation.policy == policy
    policy_page = client.get(f"{section.url}record/{policy.pk}/").content.decode()
    assert "政策解读" in policy_page and interpretation.title in policy_page and "通俗解读" in policy_page
    interpretation_page = client.get(f"{section.url}record/{interpretation.pk}/").content.decode()
    assert "解读的政策" in interpretation_page and policy.title in interpretation_page


@pytest.mark.django_db
def test_replaced_document_links_to_its_replacement(client_for, post_data, publish, section, client):
    new = publish(title="示范市产品质量监督抽查实施细则（2026年修订）", body="<p>新细则</p>")
    editor = client_for("editor")
    refused = editor.post(reverse("disclosure_record_create"), post_data(
        title="旧细则", replaced_by_index_number=new.index_number, validity="valid"))
    assert "有效的文件不会被替代" in refused.content.decode()
    editor.post(reverse("disclosure_record_create"), post_data(
        title="示范市产品质量监督抽查实施细则", replaced_by_index_number=new.index_number, validity="revised",
        body=contentstate("旧细则正文")))
    old = InformationRecord.objects.get(title="示范市产品质量监督抽查实施细则")
    assert old.replaced_by == new and old.validity == "revised"


@pytest.mark.django_db
def test_attachment_text_is_searchable(publish, section, client, settings, tmp_path):
    from django.core.files.base import ContentFile

    from gongkai.disclosure.models import Attachment
    from gongkai.disclosure.search import index_record

    settings.MEDIA_ROOT = str(tmp_path)
    record = publish(title="抽查结果通告", body="<p>见附件。</p>")
    attachment = Attachment(record=record, title="结果表", file_type="pdf", text="不合格产品：蜂王浆胶囊")
    attachment.original.save("r.pdf", ContentFile(b"%PDF-1.4"), save=False)
    attachment.public_file.save("r.pdf", ContentFile(b"%PDF-1.4"), save=True)
    index_record(record)
    found = client.get(f"{section.url}search/", {"q": "蜂王浆"}).content.decode()
    assert "抽查结果通告" in found
