"""Attachments added in the back office: checked against their content, stripped for the public."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.disclosure import services
from gongkai.disclosure.models import Attachment, InformationRecord
from gongkai.privacy.tests.documents import make_docx, make_pdf


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def draft(staff, draft_data, agency):
    return services.do_create_record(staff["editor"], draft_data(body="<p>关于开展抽查的通知。</p>"))


def _docx_with_author(paragraphs):
    document = docx.Document(io.BytesIO(make_docx(paragraphs)))
    document.core_properties.author = "刘晓婷"
    document.core_properties.last_modified_by = "刘晓婷"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_word_attachment_is_checked_scanned_and_stripped(client_for, draft):
    data = _docx_with_author(["抽查名单", "联系人：周建军，电话13800138000"])
    upload = SimpleUploadedFile("名单.docx", data)
    response = client_for("editor").post(reverse("disclosure_attachment_add", args=[draft.pk]),
                                         {"file": upload, "title": "抽查名单"}, follow=True)
    assert "已添加附件" in response.content.decode()
    attachment = Attachment.objects.get(record=draft)
    assert attachment.file_type == "docx" and "周建军" in attachment.text
    public = docx.Document(attachment.public_file.open("rb"))
    assert public.core_properties.author == "" and public.core_properties.last_modified_by == ""
    assert [p.text for p in public.paragraphs][:1] == ["抽查名单"]  # the stripped file still opens
    assert AuditEntry.objects.filter(action="record.attachment_add", object_id=str(draft.pk)).exists()
    findings = services.do_submit(draft.drafter, draft)
    assert {f.type for f in findings if f.attachment_id == attachment.pk} >= {"mobile", "person_name"}


@pytest.mark.django_db
def test_pdf_attachment_is_accepted(client_for, draft):
    upload = SimpleUploadedFile("通知.pdf", make_pdf(["Notice 2026"]))
    client_for("editor").post(reverse("disclosure_attachment_add", args=[draft.pk]), {"file": upload})
    attachment = Attachment.objects.get(record=draft)
    assert attachment.public_file and attachment.public_file.open("rb").read(5) == b"%PDF-"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("假的.pdf", "这其实是一段文字".encode(), "内容与扩展名不符"),
        ("表格.xlsx", b"PK\x03\x04not really a zip", "内容与扩展名不符"),
        ("脚本.exe", b"MZ\x90\x00", "不允许"),
        ("空白.pdf", b"", "空文件"),
    ],
)
def test_wrong_or_bad_files_are_refused_and_nothing_is_saved(client_for, draft, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = client_for("editor").post(reverse("disclosure_attachment_add", args=[draft.pk]), {"file": upload},
                                         follow=True)
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_oversized_upload_is_refused(client_for, draft, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("通知.pdf", make_pdf(["x" * 50] * 60))
    response = client_for("editor").post(reverse("disclosure_attachment_add", args=[draft.pk]), {"file": upload},
                                         follow=True)
    assert "超过" in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_attachments_change_only_on_drafts_and_only_by_drafters(client_for, draft, staff):
    services.do_submit(staff["editor"], draft)
    upload = SimpleUploadedFile("通知.pdf", make_pdf(["Notice"]))
    response = client_for("editor").post(reverse("disclosure_attachment_add", args=[draft.pk]), {"file": upload},
                                         follow=True)
    assert "只有草稿或退回修改" in response.content.decode()
    response = client_for("reviewer").post(reverse("disclosure_attachment_add", args=[draft.pk]), {"file": upload},
                                           follow=True)
    assert not Attachment.objects.exists()
    assert InformationRecord.objects.get(pk=draft.pk).status == "submitted"


@pytest.mark.django_db
def test_attachment_added_to_a_revision_joins_the_published_record(client_for, publish, staff):
    record = publish(body="<p>通知正文。</p>")
    draft = services.do_start_revision(staff["editor"], record)
    client_for("editor").post(reverse("disclosure_attachment_add", args=[draft.pk]),
                              {"file": SimpleUploadedFile("附表.pdf", make_pdf(["Annex"]))})
    services.do_submit(staff["editor"], draft)
    services.do_approve(staff["reviewer"], draft, checklist=dict.fromkeys(services.CHECKLIST, True))
    assert [a.title for a in record.attachments.all()] == ["附表"]
