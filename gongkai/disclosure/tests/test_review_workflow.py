"""The review workflow: each transition, each refused transition, and what the public then sees."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gongkai.audit.models import AuditEntry
from gongkai.disclosure import services
from gongkai.disclosure.models import InformationRecord, PrivacyFinding, RecordVersion
from gongkai.disclosure.workflow import TransitionRefused

ALL_CHECKED = dict.fromkeys(services.CHECKLIST, True)


@pytest.fixture
def submitted(staff, draft_data, agency):
    record = services.do_create_record(staff["editor"], draft_data())
    services.do_submit(staff["editor"], record)
    return record


def _resolve_all(reviewer, record):
    for finding in record.findings.all():
        if finding.type == "person_name":
            services.do_mask_finding(reviewer, finding)
        else:
            services.do_mask_finding(reviewer, finding, "个人身份信息")


@pytest.mark.django_db
def test_editor_drafts_and_body_is_sanitised(staff, draft_data):
    record = services.do_create_record(staff["editor"], draft_data(body="<p>正文</p><script>alert(1)</script>"))
    assert record.status == "draft" and record.drafter == staff["editor"]
    assert record.body == "<p>正文</p>"
    assert AuditEntry.objects.filter(action="record.create", object_id=str(record.pk)).exists()


@pytest.mark.django_db
def test_editor_of_another_department_cannot_draft_here(make_staff, departments, draft_data):
    outsider = make_staff("food_editor", "editor", departments["other"])
    with pytest.raises(PermissionDenied):
        services.do_create_record(outsider, draft_data())
    assert not InformationRecord.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["reviewer", "head", "auditor"])
def test_non_drafting_roles_cannot_draft(role, staff, draft_data):
    with pytest.raises(PermissionDenied):
        services.do_create_record(staff[role], draft_data())


@pytest.mark.django_db
def test_submission_scans_the_body(submitted):
    types = sorted(f.type for f in submitted.findings.all())
    assert submitted.status == "submitted"
    assert types == ["id_card", "mobile", "person_name"]
    finding = submitted.findings.get(type="id_card")
    assert finding.text == "11010519491231002X" and finding.masked == "110105********002X"
    assert "身份证号" in finding.context


@pytest.mark.django_db
def test_drafter_cannot_approve_own_record(staff, draft_data, agency, make_staff):
    # An OGI office member drafts; the same person may review in general, but not this record.
    record = services.do_create_record(staff["ogi_office"], draft_data())
    services.do_submit(staff["ogi_office"], record)
    _resolve_all(staff["reviewer"], record)
    with pytest.raises(TransitionRefused, match="起草人不能审核自己起草"):
        services.do_approve(staff["ogi_office"], record, checklist=ALL_CHECKED)
    record.refresh_from_db()
    assert record.status == "submitted"


@pytest.mark.django_db
def test_open_findings_block_approval(staff, submitted):
    with pytest.raises(TransitionRefused, match="3 处个人信息未处理"):
        services.do_approve(staff["reviewer"], submitted, checklist=ALL_CHECKED)
    submitted.refresh_from_db()
    assert submitted.status == "submitted" and submitted.published_at is None


@pytest.mark.django_db
def test_incomplete_checklist_blocks_approval(staff, submitted):
    _resolve_all(staff["reviewer"], submitted)
    with pytest.raises(TransitionRefused, match="保密审查"):
        services.do_approve(staff["reviewer"], submitted, checklist={**ALL_CHECKED, "checked_confidentiality": False})


@pytest.mark.django_db
def test_reviewer_of_another_department_is_refused(submitted, make_staff, departments):
    outsider = make_staff("food_reviewer", "reviewer", departments["other"])
    with pytest.raises(PermissionDenied):
        services.do_mask_finding(outsider, submitted.findings.first())
    with pytest.raises(PermissionDenied):
        services.do_approve(outsider, submitted, checklist=ALL_CHECKED)


@pytest.mark.django_db
def test_accepting_a_finding_needs_a_reason(staff, submitted):
    finding = submitted.findings.get(type="person_name")
    with pytest.raises(TransitionRefused, match="必须说明理由"):
        services.do_accept_finding(staff["reviewer"], finding, "  ")
    services.do_accept_finding(staff["reviewer"], finding, "当事人为被处罚的自然人，依法公开姓名")
    finding.refresh_from_db()
    assert finding.status == PrivacyFinding.ACCEPTED and finding.decided_by == staff["reviewer"]


@pytest.mark.django_db
def test_approval_publishes_masked_version_with_index_number(staff, submitted):
    _resolve_all(staff["reviewer"], submitted)
    now = timezone.make_aware(dt.datetime(2026, 11, 20, 10, 0))
    services.do_approve(staff["reviewer"], submitted, checklist=ALL_CHECKED, now=now)
    submitted.refresh_from_db()
    assert submitted.status == "published" and submitted.approver == staff["reviewer"]
    assert submitted.index_number == "11999900MB0000001X/2026-00001"
    assert "张某某" in submitted.public_body or "张某" in submitted.public_body
    assert "张伟明" not in submitted.public_body
    assert "110105********002X" in submitted.public_body and "11010519491231002X" not in submitted.public_body
    assert "138****8000" in submitted.public_body
    assert "11010519491231002X" in submitted.body  # the original stays for permitted staff
    version = RecordVersion.objects.get(record=submitted)
    assert version.number == 1 and "11010519491231002X" not in version.data["public_body"]
    masks = AuditEntry.objects.filter(action="privacy.mask", object_id=str(submitted.pk))
    assert masks.count() == 3 and all(m.actor == staff["reviewer"] for m in masks)


@pytest.mark.django_db
def test_index_numbers_count_up_per_year(staff, draft_data, agency):
    numbers = []
    for i in range(3):
        record = services.do_create_record(staff["editor"], draft_data(title=f"通知{i}", body="<p>无个人信息</p>"))
        services.do_submit(staff["editor"], record)
        services.do_approve(staff["reviewer"], record, checklist=ALL_CHECKED)
        record.refresh_from_db()
        numbers.append(record.index_number)
    year = timezone.localdate().year
    assert numbers == [f"11999900MB0000001X/{year}-0000{i}" for i in (1, 2, 3)]


@pytest.mark.django_db
def test_return_needs_a_comment_and_goes_back_to_the_drafter(staff, submitted):
    with pytest.raises(TransitionRefused, match="写明需要修改"):
        services.do_return(staff["reviewer"], submitted, "")
    services.do_return(staff["reviewer"], submitted, "请删除当事人的身份证号。")
    submitted.refresh_from_db()
    assert submitted.status == "returned"
    services.do_update_record(staff["editor"], submitted, {"body": "<p>当事人：张伟明</p>"})
    submitted.refresh_from_db()
    assert submitted.status == "draft"
    findings = services.do_submit(staff["editor"], submitted)
    assert [f.type for f in findings] == ["person_name"]


@pytest.mark.django_db
def test_scheduled_publication(staff, submitted):
    _resolve_all(staff["reviewer"], submitted)
    later = timezone.now() + dt.timedelta(days=2)
    services.do_approve(staff["reviewer"], submitted, checklist=ALL_CHECKED, publish_at=later)
    submitted.refresh_from_db()
    assert submitted.status == "scheduled" and submitted.index_number is None
    assert services.do_publish_due(now=later - dt.timedelta(minutes=1)) == []
    assert len(services.do_publish_due(now=later)) == 1
    assert services.do_publish_due(now=later) == []  # the sweep is idempotent
    submitted.refresh_from_db()
    assert submitted.status == "published" and submitted.published_at == later


@pytest.mark.django_db
def test_withdrawal_needs_a_public_note(staff, submitted):
    _resolve_all(staff["reviewer"], submitted)
    services.do_approve(staff["reviewer"], submitted, checklist=ALL_CHECKED)
    with pytest.raises(TransitionRefused, match="理由"):
        services.do_withdraw(staff["reviewer"], submitted, "")
    services.do_withdraw(staff["reviewer"], submitted, "该决定已被行政复议撤销。")
    submitted.refresh_from_db()
    assert submitted.status == "withdrawn" and submitted.withdrawn_note == "该决定已被行政复议撤销。"


@pytest.mark.django_db
def test_published_record_cannot_be_edited_as_a_draft(staff, submitted):
    _resolve_all(staff["reviewer"], submitted)
    services.do_approve(staff["reviewer"], submitted, checklist=ALL_CHECKED)
    with pytest.raises(TransitionRefused, match="已发布"):
        services.do_update_record(staff["editor"], submitted, {"title": "改标题"})


@pytest.mark.django_db
def test_withheld_information_needs_a_review_date(staff, draft_data):
    with pytest.raises(TransitionRefused, match="复查日期"):
        services.do_create_record(staff["editor"], draft_data(attribute="withheld", attribute_basis="条例第十四条"))
    record = services.do_create_record(staff["editor"], draft_data(
        attribute="withheld", attribute_basis="条例第十四条", review_due_on=dt.date(2027, 6, 30)))
    assert record.review_due_on == dt.date(2027, 6, 30)


@pytest.mark.django_db
def test_revision_keeps_the_public_version_until_approved_then_bumps_the_version(staff, submitted):
    _resolve_all(staff["reviewer"], submitted)
    record = services.do_approve(staff["reviewer"], submitted, checklist=ALL_CHECKED)
    index_number, public_before = record.index_number, record.public_body
    with pytest.raises(TransitionRefused, match="只有已发布"):
        services.do_start_revision(staff["editor"], services.do_create_record(staff["editor"], {
            **{k: getattr(record, k) for k in ("title", "department", "category", "formed_on")}}))
    draft = services.do_start_revision(staff["editor"], record)
    with pytest.raises(TransitionRefused, match="已有一份修订稿"):
        services.do_start_revision(staff["editor"], record)
    services.do_update_record(staff["editor"], draft, {"summary": "修订后的概述", "body": "<p>当事人：赵六</p>"})
    record.refresh_from_db()
    assert record.public_body == public_before and record.summary != "修订后的概述"  # still the old version
    services.do_submit(staff["editor"], draft)
    _resolve_all(staff["reviewer"], draft)
    merged = services.do_approve(staff["reviewer"], draft, checklist=ALL_CHECKED)
    assert merged.pk == record.pk
    record.refresh_from_db()
    assert record.version == 2 and record.index_number == index_number
    assert record.summary == "修订后的概述" and "赵六" not in record.public_body and "赵某" in record.public_body
    assert not InformationRecord.objects.filter(pk=draft.pk).exists()
    assert list(record.versions.values_list("number", flat=True)) == [2, 1]
    assert record.findings.count() == 1  # the masks of the new text only


@pytest.mark.django_db
def test_findings_in_attachments_cannot_be_masked_only_accepted_or_returned(staff, draft_data, agency, settings,
                                                                             tmp_path):
    from django.core.files.base import ContentFile

    from gongkai.disclosure.models import Attachment

    settings.MEDIA_ROOT = str(tmp_path)
    record = services.do_create_record(staff["editor"], draft_data(body="<p>通知正文</p>"))
    attachment = Attachment(record=record, title="名单", file_type="txt", text="联系人：周建军，手机13800138000")
    attachment.original.save("list.txt", ContentFile("名单".encode()), save=True)
    services.do_submit(staff["editor"], record)
    finding = record.findings.get(type="mobile")
    assert finding.attachment == attachment
    with pytest.raises(TransitionRefused, match="附件中的个人信息无法自动遮盖"):
        services.do_mask_finding(staff["reviewer"], finding)
    services.do_accept_finding(staff["reviewer"], finding, "单位公开的工作电话")
    finding.refresh_from_db()
    assert finding.status == PrivacyFinding.ACCEPTED
