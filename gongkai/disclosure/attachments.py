"""Attachments added by staff in the back office: checked, text extracted, public copy stripped.

The checks and the metadata stripping (filecheck.py) are the same as the bulk import's, so an
attachment is treated alike whichever way it arrives.
"""

import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction

from gongkai.audit.services import record as audit
from gongkai.disclosure import permissions, workflow
from gongkai.disclosure.filecheck import attachment_text, attachment_type, check_attachment, strip_metadata
from gongkai.disclosure.models import Attachment
from gongkai.disclosure.workflow import TransitionRefused


class AttachmentRefused(ValueError):
    """An upload that cannot be accepted; the message says why, in Chinese."""


def _check_upload(uploaded):
    limit = settings.UPLOAD_MAX_BYTES
    if uploaded.size > limit:
        raise AttachmentRefused(f"附件“{uploaded.name}”超过 {limit // 1024 // 1024} MB，请压缩或拆分后再上传。")
    suffix = Path(uploaded.name).suffix.lower()
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as handle:
        for chunk in uploaded.chunks():
            handle.write(chunk)
        temp = Path(handle.name)
    try:
        problem = check_attachment(temp, uploaded.name)
        if problem:
            raise AttachmentRefused(problem)
        return temp.read_bytes()
    finally:
        os.unlink(temp)


@transaction.atomic
def do_add_attachment(user, record, uploaded, title=""):
    """Attach a file to a draft: type checked against its content, text extracted for search and scanning."""
    if not permissions.can_draft_in(user, record.department_id):
        raise PermissionDenied("您不能修改这个部门的政府信息。")
    if record.status not in (workflow.DRAFT, workflow.RETURNED):
        raise TransitionRefused("只有草稿或退回修改的政府信息才能添加附件。")
    data = _check_upload(uploaded)
    file_type = attachment_type(uploaded.name)
    text, _problem = attachment_text(data, uploaded.name, file_type)
    name = Path(uploaded.name).name
    attachment = Attachment(record=record, title=(title or Path(name).stem)[:200], file_type=file_type,
                            size=len(data), text=text, sort_order=record.attachments.count())
    attachment.original.save(name, ContentFile(data), save=False)
    public = strip_metadata(data, file_type)
    if public is not None:
        attachment.public_file.save(name, ContentFile(public), save=False)
    attachment.save()
    audit("record.attachment_add", actor=user, obj=record,
          after={"attachment": attachment.pk, "file": name, "size": len(data), "public_copy": public is not None},
          summary=f"添加附件：{attachment.title}")
    return attachment


@transaction.atomic
def do_remove_attachment(user, attachment):
    record = attachment.record
    if not permissions.can_draft_in(user, record.department_id):
        raise PermissionDenied("您不能修改这个部门的政府信息。")
    if record.status not in (workflow.DRAFT, workflow.RETURNED):
        raise TransitionRefused("只有草稿或退回修改的政府信息才能删除附件。")
    audit("record.attachment_remove", actor=user, obj=record, before={"attachment": attachment.pk,
          "file": attachment.original.name}, summary=f"删除附件：{attachment.title}")
    attachment.delete()
