"""Back-office screens for records: list, draft, submit, review (findings, checklist), withdraw.

Thin views: permission checks live in disclosure.permissions and the services; a refused
step comes back as a message on the record page and changes nothing.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.disclosure import attachments, permissions, services, workflow
from gongkai.disclosure.forms import RECORD_FIELDS, ApproveForm, ReasonForm, RecordForm, ReturnForm, WithdrawForm
from gongkai.disclosure.models import InformationRecord, PrivacyFinding
from gongkai.disclosure.search import record_url
from gongkai.disclosure.workflow import TransitionRefused
from gongkai.organisation.permissions import forbidden_as_403, require, visible_department_ids

FINDING_LABELS = {
    "id_card": "身份证号", "mobile": "手机号码", "phone": "固定电话", "uscc": "统一社会信用代码",
    "bank_card": "银行卡号", "email": "电子邮箱", "person_name": "姓名", "address": "住址", "plate": "车牌号",
}


def _record_data(form):
    data = form.cleaned_data
    return {**{f: data[f] for f in RECORD_FIELDS}, "replaced_by": data["replaced_by"],
            "interpretation": data["interpretation"]}


def _scoped_records(user):
    records = InformationRecord.objects.select_related("department", "category", "drafter")
    ids = visible_department_ids(user)
    return records if ids is None else records.filter(department_id__in=ids)


def _record_for(user, pk):
    record = get_object_or_404(_scoped_records(user), pk=pk)
    require(permissions.can_view_record(user, record))
    return record


@forbidden_as_403
def record_index(request):
    require(permissions.can_view_records(request.user))
    records = _scoped_records(request.user).order_by("-updated_at")
    status = request.GET.get("status", "")
    if status in workflow.STATUS_LABELS:
        records = records.filter(status=status)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        records = records.filter(title__icontains=query)
    page = Paginator(records, 30).get_page(request.GET.get("p"))
    return render(request, "disclosure/admin/index.html", {
        "page_title": "政府信息", "header_title": "政府信息", "page": page, "status": status, "q": query,
        "statuses": workflow.STATUS_CHOICES,
        "can_draft": permissions.can_draft_somewhere(request.user),
    })


@forbidden_as_403
def record_create(request):
    require(permissions.can_draft_somewhere(request.user))
    form = RecordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.do_create_record(request.user, _record_data(form))
        except (TransitionRefused, PermissionDenied) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "草稿已保存。检查无误后，请点击“提交审核”。")
            return redirect("disclosure_record_detail", record.pk)
    return render(request, "disclosure/admin/form.html", {
        "page_title": "起草政府信息", "header_title": "起草政府信息", "form": form,
        "cancel_url": reverse("disclosure_record_index"),
    })


@forbidden_as_403
def record_edit(request, pk):
    record = _record_for(request.user, pk)
    require(permissions.can_draft_in(request.user, record.department_id))
    if record.status not in (workflow.DRAFT, workflow.RETURNED):
        messages.error(request, f"这条信息当前状态为“{record.get_status_display()}”，不能直接修改。")
        return redirect("disclosure_record_detail", record.pk)
    form = RecordForm(request.POST or None, instance=InformationRecord.objects.get(pk=pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.do_update_record(request.user, record, _record_data(form))
        except (TransitionRefused, PermissionDenied) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "修改已保存。")
            return redirect("disclosure_record_detail", record.pk)
    return render(request, "disclosure/admin/form.html", {
        "page_title": f"修改：{record.title}", "header_title": "修改政府信息", "form": form,
        "cancel_url": reverse("disclosure_record_detail", args=[record.pk]),
    })


@forbidden_as_403
def record_detail(request, pk):
    record = _record_for(request.user, pk)
    user = request.user
    findings = list(record.findings.select_related("attachment", "decided_by"))
    for finding in findings:
        finding.label = FINDING_LABELS.get(finding.type, finding.type)
    is_reviewer = permissions.can_review(user, record) and record.drafter_id != user.pk
    return render(request, "disclosure/admin/detail.html", {
        "page_title": record.title, "header_title": record.title, "record": record, "findings": findings,
        "public_url": record_url(record),
        "open_findings": sum(1 for f in findings if f.status == PrivacyFinding.OPEN),
        "reviews": record.reviews.select_related("reviewer"),
        "versions": record.versions.all()[:10],
        "can_edit": permissions.can_draft_in(user, record.department_id)
        and record.status in (workflow.DRAFT, workflow.RETURNED),
        "can_submit": permissions.can_draft_in(user, record.department_id)
        and record.status in (workflow.DRAFT, workflow.RETURNED),
        "can_review": is_reviewer and record.status == workflow.SUBMITTED,
        "drafter_is_me": record.drafter_id == user.pk,
        "can_withdraw": permissions.can_review(user, record) and record.status == workflow.PUBLISHED,
        "can_revise": permissions.can_draft_in(user, record.department_id) and record.status == workflow.PUBLISHED,
        "pending_revision": record.pending_revisions.first(),
        "show_original": permissions.can_see_original(user, record),
        "attachments": record.attachments.all(), "attachment_form": AttachmentForm(),
        "approve_form": ApproveForm(), "return_form": ReturnForm(), "withdraw_form": WithdrawForm(),
    })


def _run(request, record, step, success):
    try:
        step()
    except (TransitionRefused, PermissionDenied) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("disclosure_record_detail", record.pk)


@require_POST
@forbidden_as_403
def record_submit(request, pk):
    record = _record_for(request.user, pk)

    def step():
        found = services.do_submit(request.user, record)
        if found:
            messages.info(request, f"个人信息检查发现 {len(found)} 处可能需要遮盖的内容，审核人会逐一处理。")

    return _run(request, record, step, "已提交审核。")


@require_POST
@forbidden_as_403
def finding_decide(request, pk, finding_pk):
    record = _record_for(request.user, pk)
    finding = get_object_or_404(PrivacyFinding, pk=finding_pk, record=record)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    if request.POST.get("decision") == "accept":
        return _run(request, record, lambda: services.do_accept_finding(request.user, finding, reason),
                    "已确认这处信息可以公开。")
    return _run(request, record, lambda: services.do_mask_finding(request.user, finding, reason),
                f"已遮盖，公开时显示为“{finding.masked}”。")


@require_POST
@forbidden_as_403
def record_approve(request, pk):
    record = _record_for(request.user, pk)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "审核表单填写有误：" + "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("disclosure_record_detail", record.pk)
    data = form.cleaned_data
    checklist = {name: data[name] for name in services.CHECKLIST}
    publish_at = data["publish_at"]
    if publish_at is not None and publish_at <= timezone.now():
        publish_at = None
    if publish_at is None:
        message = "审核通过，已发布。"
    else:
        message = f"审核通过，将于 {timezone.localtime(publish_at):%Y-%m-%d %H:%M} 发布。"
    return _run(request, record, lambda: services.do_approve(
        request.user, record, checklist=checklist, comment=data["comment"], publish_at=publish_at), message)


@require_POST
@forbidden_as_403
def record_return(request, pk):
    record = _record_for(request.user, pk)
    form = ReturnForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return _run(request, record, lambda: services.do_return(request.user, record, comment), "已退回起草人修改。")


@require_POST
@forbidden_as_403
def record_withdraw(request, pk):
    record = _record_for(request.user, pk)
    form = WithdrawForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _run(request, record, lambda: services.do_withdraw(request.user, record, note),
                "已撤回，公众将看到撤回说明。")


@require_POST
@forbidden_as_403
def record_revise(request, pk):
    record = _record_for(request.user, pk)
    try:
        draft = services.do_start_revision(request.user, record)
    except (TransitionRefused, PermissionDenied) as exc:
        messages.error(request, str(exc))
        return redirect("disclosure_record_detail", record.pk)
    messages.success(request, "已创建修订稿。修订稿审核通过前，公众看到的仍是当前发布的版本。")
    return redirect("disclosure_record_edit", draft.pk)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件文件", help_text="PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG 文件。")
    title = forms.CharField(label="附件名称（可选）", max_length=200, required=False)


@require_POST
@forbidden_as_403
def attachment_add(request, pk):
    record = _record_for(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "附件没有上传：" + "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("disclosure_record_detail", record.pk)
    try:
        attachment = attachments.do_add_attachment(request.user, record, form.cleaned_data["file"],
                                                   form.cleaned_data["title"])
    except (attachments.AttachmentRefused, TransitionRefused, PermissionDenied) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已添加附件“{attachment.title}”。提交审核时会检查其中的个人信息。")
    return redirect("disclosure_record_detail", record.pk)


@require_POST
@forbidden_as_403
def attachment_remove(request, pk, attachment_pk):
    record = _record_for(request.user, pk)
    attachment = get_object_or_404(record.attachments, pk=attachment_pk)
    return _run(request, record, lambda: attachments.do_remove_attachment(request.user, attachment), "附件已删除。")
