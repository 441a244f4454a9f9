"""State changes of records of government information: drafting, review, publication.

Each do_* function checks who may do it, runs in one transaction and writes an audit entry.
A refused step raises workflow.TransitionRefused (or PermissionDenied) with a Chinese message
and changes nothing.
"""

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone

from gongkai.audit.services import record as audit
from gongkai.audit.services import snapshot
from gongkai.disclosure import permissions, workflow
from gongkai.disclosure.htmltext import replace_text_ranges, text_of, text_with_positions
from gongkai.disclosure.index_numbers import format_index_number
from gongkai.disclosure.models import (
    IndexCounter,
    InformationRecord,
    Interpretation,
    PrivacyFinding,
    RecordVersion,
    ReviewDecision,
)
from gongkai.disclosure.sanitize import clean_html
from gongkai.disclosure.workflow import TransitionRefused
from gongkai.organisation.models import Agency

EDITABLE_FIELDS = [
    "title", "document_number", "issuing_body", "department", "category", "topics", "attribute", "attribute_basis",
    "review_due_on", "formed_on", "changed_on", "validity", "replaced_by", "summary", "body", "kind",
]
CHECKLIST = ["checked_content", "checked_timing", "checked_method", "checked_confidentiality"]
CONTEXT_CHARS = 15


def _require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)


def _move(record, action):
    record.status = workflow.target_status(action, record.status)


def _record_snapshot(record):
    return snapshot(record, fields=set(EDITABLE_FIELDS) | {"status", "index_number", "published_at", "version"})


def _apply(record, data):
    for field, value in data.items():
        if field == "interpretation":
            continue  # saved by _save_interpretation once the record has an id
        if field not in EDITABLE_FIELDS:
            raise ValueError(f"unknown record field {field}")
        setattr(record, field, value)
    record.body = clean_html(record.body)
    if record.attribute == "withheld" and not record.review_due_on:
        raise TransitionRefused("不予公开的信息必须填写复查日期（条例第十八条：定期复查）。")


@transaction.atomic
def do_create_record(user, data):
    _require(permissions.can_draft_in(user, data["department"].pk), "您不能在这个部门起草政府信息。")
    record = InformationRecord(drafter=user, status=workflow.DRAFT)
    _apply(record, data)
    record.full_clean(exclude=["drafter"])
    record.save()
    _save_interpretation(record, data)
    audit("record.create", actor=user, obj=record, after=_record_snapshot(record), summary="起草政府信息")
    return record


@transaction.atomic
def do_update_record(user, record, data):
    _require(permissions.can_draft_in(user, record.department_id), "您不能修改这个部门的政府信息。")
    before = _record_snapshot(record)
    _move(record, "edit")
    _apply(record, data)
    _require(permissions.can_draft_in(user, record.department_id), "您不能把政府信息移到您无权管理的部门。")
    record.full_clean()
    record.save()
    _save_interpretation(record, data)
    audit("record.update", actor=user, obj=record, before=before, after=_record_snapshot(record), summary="修改草稿")
    return record


def _save_interpretation(record, data):
    """An interpretation (政策解读) belongs to exactly one policy record; a document has none."""
    details = data.get("interpretation")
    if record.kind != "interpretation":
        Interpretation.objects.filter(record=record).delete()
        return
    if not details or details.get("policy") is None:
        raise TransitionRefused("政策解读必须指明所解读的政策文件。")
    if details["policy"].pk == record.pk or details["policy"].kind != "document":
        raise TransitionRefused("所解读的政策必须是另一条政府信息（政策文件），不能是解读本身。")
    Interpretation.objects.update_or_create(record=record, defaults={
        "policy": details["policy"], "form": details.get("form") or "text", "stage": details.get("stage") or "during",
        "interpreter": details.get("interpreter", ""),
    })


def finding_context(text, start, end):
    """The text around a finding that the reviewer sees (never shown to the public)."""
    return text[max(0, start - CONTEXT_CHARS):end + CONTEXT_CHARS].replace("\n", " ")[:300]


def _scan_record(record):
    """Scan the body and every attachment (RULES.md §7) and store the findings, replacing earlier ones."""
    from gongkai.privacy.scanner import scan

    record.findings.all().delete()
    text = text_of(record.body)
    sources = [(None, text)] + [(a, a.text) for a in record.attachments.all()]
    findings = []
    for attachment, source_text in sources:
        for found in scan(source_text):
            findings.append(PrivacyFinding(
                record=record, attachment=attachment, type=found.type, start=found.start, end=found.end,
                text=found.text[:200], masked=found.masked[:200],
                context=finding_context(source_text, found.start, found.end),
            ))
    PrivacyFinding.objects.bulk_create(findings)
    return findings


@transaction.atomic
def do_submit(user, record):
    _require(permissions.can_draft_in(user, record.department_id), "您不能提交这个部门的政府信息。")
    _move(record, "submit")
    findings = _scan_record(record)
    record.save(update_fields=["status", "updated_at"])
    audit("record.submit", actor=user, obj=record, after={"findings": len(findings)},
          summary=f"提交审核，发现 {len(findings)} 处个人信息")
    return findings


def _decide_finding(user, finding, status, reason):
    record = finding.record
    _require(permissions.can_review(user, record), "您不能处理这条政府信息的个人信息检查结果。")
    if record.status != workflow.SUBMITTED:
        raise TransitionRefused("只有待审核的政府信息才能处理个人信息检查结果。")
    before = snapshot(finding, fields={"status", "reason"})
    finding.status, finding.reason = status, reason
    finding.decided_by, finding.decided_at = user, timezone.now()
    finding.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    action = "privacy.mask" if status == PrivacyFinding.MASKED else "privacy.accept"
    audit(action, actor=user, obj=record, before=before, after=snapshot(finding, fields={"status", "reason"}),
          summary=f"{'遮盖' if status == PrivacyFinding.MASKED else '确认公开'}{finding.type}：{finding.masked}")


@transaction.atomic
def do_mask_finding(user, finding, reason=""):
    if finding.attachment_id is not None:
        # Masks are applied to the body text; a file cannot be masked reliably by the platform (RULES.md §7).
        raise TransitionRefused(
            "附件中的个人信息无法自动遮盖：请退回起草人上传已遮盖的附件，或说明理由后确认公开。"
        )
    _decide_finding(user, finding, PrivacyFinding.MASKED, reason)


@transaction.atomic
def do_accept_finding(user, finding, reason):
    if not (reason or "").strip():
        raise TransitionRefused("确认公开个人信息时必须说明理由。")
    _decide_finding(user, finding, PrivacyFinding.ACCEPTED, reason.strip())


@transaction.atomic
def do_return(user, record, comment):
    _require(permissions.can_review(user, record), "您不能审核这个部门的政府信息。")
    if not (comment or "").strip():
        raise TransitionRefused("退回时请写明需要修改的地方。")
    _move(record, "return")
    record.save(update_fields=["status", "updated_at"])
    ReviewDecision.objects.create(record=record, reviewer=user, approved=False, comment=comment.strip())
    audit("record.return", actor=user, obj=record, after={"comment": comment.strip()}, summary="退回修改")


@transaction.atomic
def do_approve(user, record, *, checklist, comment="", publish_at=None, now=None):
    """Approve a submitted record (条例 Art. 17) and publish it now or at `publish_at`."""
    _require(permissions.can_review(user, record), "您不能审核这个部门的政府信息。")
    if record.drafter_id == user.pk:
        raise TransitionRefused("起草人不能审核自己起草的政府信息，请由另一位审核人审核。")
    missing = [name for name in CHECKLIST if not checklist.get(name)]
    if missing:
        labels = [ReviewDecision._meta.get_field(name).verbose_name for name in missing]
        raise TransitionRefused(f"请完成审核清单：{'、'.join(labels)}。")
    open_count = record.findings.filter(status=PrivacyFinding.OPEN).count()
    if open_count:
        raise TransitionRefused(f"还有 {open_count} 处个人信息未处理：请逐一遮盖，或说明理由后确认公开。")
    _move(record, "approve")
    record.approver = user
    ReviewDecision.objects.create(record=record, reviewer=user, approved=True, comment=comment,
                                  **{name: True for name in CHECKLIST})
    audit("record.approve", actor=user, obj=record, after={"comment": comment}, summary="审核通过")
    now = now or timezone.now()
    if publish_at is not None and publish_at > now:
        _move(record, "schedule")
        record.scheduled_at = publish_at
        record.save(update_fields=["status", "approver", "scheduled_at", "updated_at"])
        audit("record.schedule", actor=user, obj=record, after={"scheduled_at": publish_at}, summary="定时发布")
    else:
        record.save(update_fields=["status", "approver", "updated_at"])
        record = _publish(record, actor=user, now=now)
    return record


def masked_body(record):
    """The public version of the body: every finding marked 'masked' replaced by its mask (RULES.md §7)."""
    findings = record.findings.filter(attachment__isnull=True, status=PrivacyFinding.MASKED).order_by("start")
    if not findings:
        return record.body
    _, spans = text_with_positions(record.body)
    return replace_text_ranges(record.body, spans, [(f.start, f.end, f.masked) for f in findings])


def _next_index_number(record, year):
    agency = Agency.current()
    if connection.vendor == "postgresql":
        counter, _ = IndexCounter.objects.select_for_update().get_or_create(year=year)
    else:  # SQLite: the write transaction (IMMEDIATE) already serialises this
        counter, _ = IndexCounter.objects.get_or_create(year=year)
    counter.value += 1
    counter.save(update_fields=["value"])
    pattern = agency.index_number_pattern if agency else "{year}-{seq:05d}"
    code = agency.index_code if agency else ""
    return format_index_number(pattern, agency_code=code, category=record.category.article20.number, year=year,
                               seq=counter.value)


@transaction.atomic
def do_start_revision(user, record):
    """Open a revision draft of a published record; the published version stays public meanwhile."""
    _require(permissions.can_draft_in(user, record.department_id), "您不能修订这个部门的政府信息。")
    if record.status != workflow.PUBLISHED:
        raise TransitionRefused("只有已发布的政府信息才能修订。")
    if record.pending_revisions.exists():
        raise TransitionRefused("这条信息已有一份修订稿在处理中，请先完成那一份。")
    draft = InformationRecord(drafter=user, status=workflow.DRAFT, revision_of=record)
    for field in EDITABLE_FIELDS:
        setattr(draft, field, getattr(record, field))
    draft.save()
    details = getattr(record, "interpretation", None)
    if details is not None:
        Interpretation.objects.create(record=draft, policy=details.policy, form=details.form, stage=details.stage,
                                      interpreter=details.interpreter)
    audit("record.revise", actor=user, obj=record, after={"revision_draft": draft.pk}, summary="开始修订")
    return draft


def _merge_revision(draft):
    """Fold an approved revision draft into its original record (same id, URL and index number)."""
    record = draft.revision_of
    # The masks of the previous version applied to the previous text; the draft's findings replace them.
    record.findings.all().delete()
    draft.findings.update(record=record)
    draft.reviews.update(record=record)
    # Files added to the revision join the record's (they would otherwise go with the draft).
    draft.attachments.update(record=record)
    for field in EDITABLE_FIELDS:
        setattr(record, field, getattr(draft, field))
    record.approver = draft.approver
    details = getattr(draft, "interpretation", None)
    if details is not None:
        Interpretation.objects.update_or_create(record=record, defaults={
            "policy": details.policy, "form": details.form, "stage": details.stage, "interpreter": details.interpreter})
    draft.delete()
    return record


def _publish(record, *, actor=None, now=None):
    now = now or timezone.now()
    _move(record, "publish")
    revising = record.revision_of_id is not None
    if revising:
        before = _record_snapshot(record.revision_of)
        record = _merge_revision(record)
        record.status = workflow.PUBLISHED
        record.changed_on = record.changed_on or timezone.localdate(now)
    else:
        before = _record_snapshot(record)
    if record.published_at is None:
        record.published_at = now
        record.index_number = _next_index_number(record, timezone.localtime(now).year)
    record.public_body = masked_body(record)
    record.version += 1
    record.scheduled_at = None
    record.save()
    RecordVersion.objects.create(record=record, number=record.version, published_at=now, approver=record.approver,
                                 data={**_record_snapshot(record), "public_body": record.public_body})
    label = "发布修订" if revising else "发布"
    audit("record.publish", actor=actor, obj=record, before=before, after=_record_snapshot(record),
          summary=f"{label}（第 {record.version} 版，索引号 {record.index_number}）")
    transaction.on_commit(lambda: reindex_record(record.pk))
    return record


@transaction.atomic
def do_publish_due(now=None):
    """Publish every scheduled record whose time has come. Idempotent: the periodic sweep calls it."""
    now = now or timezone.now()
    published = []
    for record in InformationRecord.objects.select_for_update().filter(status=workflow.SCHEDULED,
                                                                       scheduled_at__lte=now):
        published.append(_publish(record, now=now))
    return published


@transaction.atomic
def do_withdraw(user, record, note):
    _require(permissions.can_review(user, record), "您不能撤回这个部门的政府信息。")
    if not (note or "").strip():
        raise TransitionRefused("撤回时必须填写向公众说明的理由。")
    before = _record_snapshot(record)
    _move(record, "withdraw")
    record.withdrawn_note = note.strip()
    record.save(update_fields=["status", "withdrawn_note", "updated_at"])
    audit("record.withdraw", actor=user, obj=record, before=before, after=_record_snapshot(record),
          summary="撤回")
    transaction.on_commit(lambda: reindex_record(record.pk))


def reindex_record(record_pk):
    """Put the public version of a record into the search index, or take it out."""
    from gongkai.disclosure.search import index_record
    from gongkai.portal import pagecache

    index_record(InformationRecord.objects.select_related("category", "department").get(pk=record_pk))
    # The search page reads the index, which changes after the record's own commit.
    pagecache.invalidate()


@transaction.atomic
def do_save_subcategory(user, category, data):
    creating = category.pk is None
    before = None if creating else snapshot(category)
    for field, value in data.items():
        setattr(category, field, value)
    category.full_clean()
    category.save()
    audit("category.create" if creating else "category.update", actor=user, obj=category, before=before,
          after=snapshot(category), summary=f"{'新建' if creating else '修改'}子类别：{category.name}")
    return category
