"""Back-office screens for disclosure applications (依申请公开; 条例 Arts. 29–45, RULES.md §3).

Registration (staff intake by post, fax, in person or orally), the case page with everything
about one application, and one POST address per handling step. Views are thin: they parse the
form, call the step in services.py / intake.py, and show the result. Who may do what, in which
stage, and the rules of the clock are checked by the services; a refused step is shown as a
message on the case page (with what was typed kept) and changes nothing. The forms on the case
page are only offered when the user may take the step and the stage allows it.

Applications outside the user's departments do not exist for them (404), as records do in the
disclosure screens; the applicant's ID number and proofs are opened only by the OGI office,
through a POST that the intake audits.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.applications import (
    choices,
    clock,
    clock_events,
    clockdata,
    documents,
    fees,
    forms,
    grouping,
    intake,
    outcomes,
    remedies,
    services,
)
from gongkai.applications import permissions as perms
from gongkai.applications.errors import Refused
from gongkai.applications.models import (
    Consultation,
    CorrectionRequest,
    DisclosureApplication,
    FeeNotice,
    IdentityProof,
    Letter,
    ProactiveProposal,
    Remedy,
)
from gongkai.organisation.permissions import forbidden_as_403, require
from gongkai.workcalendar.clock import CalendarYearMissing

# What a refused step raises: the services' Refused, a calendar year without data (fail closed),
# and ValueError from date arithmetic or a key that does not decrypt.
REFUSALS = (Refused, ValueError, CalendarYearMissing)

LETTER_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _scoped(user):
    queryset = DisclosureApplication.objects.select_related(
        "department", "handler", "registered_by", "drafted_by", "reviewed_by", "approved_by", "group",
        "repeat_of", "extension_approved_by")
    return perms.visible_applications(user, queryset)


def _application_for(user, pk):
    require(perms.can_view_applications(user))
    application = get_object_or_404(_scoped(user), pk=pk)
    require(perms.can_view_application(user, application))
    return application


def _auto_id(action):
    """Unique element ids for the many small forms on one page (the field names stay plain)."""
    return f"id_{action}_%s"


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else ""


# --- registration -----------------------------------------------------------------------------------


@forbidden_as_403
def register(request):
    """Staff intake (Arts. 29, 31): the applicant's details, the channel and, where it is known, the receipt date."""
    require(perms.can_register(request.user))
    form = forms.RegisterForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                application = intake.do_register(
                    request.user, form.applicant_data(), form.proofs(), data["channel"],
                    received_on=data["received_on"], received_reason=data["received_reason"])
            except REFUSALS as exc:
                form.add_error(None, str(exc))
            else:
                received = (f"收到申请之日为 {application.received_on.isoformat()}，答复期限已开始计算。"
                            if application.received_on
                            else "请在与申请人确认后登记收到申请之日，答复期限从那时开始计算。")
                messages.success(request, f"已登记申请 {application.number}，查询码 {application.tracking_code}。"
                                          f"{received}登记回执已生成，可在下方文书中下载。")
                return redirect("applications_detail", application.pk)
        messages.error(request, "申请没有登记，请按提示修改后重新提交（如上传了身份证明，需要重新选择文件）。")
    return render(request, "applications/admin/register.html", {
        "page_title": "登记申请", "header_title": "登记政府信息公开申请", "form": form,
        "max_mb": settings.APPLICATION_PROOF_MAX_MB,
    })


# --- the case page ---------------------------------------------------------------------------------------


def urgency(state):
    """(css state, words) for the working days left: overdue, at most 2, at most 5, or more."""
    if state is None:
        return "unknown", "期限无法计算"
    if state.status == clock.CONCLUDED:
        if state.on_time is None:  # closed while the applicant was correcting: no reply period ran
            return "ok", "已办结"
        return ("ok", "按期答复") if state.on_time else ("overdue", "超期答复")
    if state.status in (clock.NOT_RECEIVED, clock.AWAITING_CORRECTION):
        return "paused", state.status_label
    if state.days_left is None:
        return "unknown", "剩余工作日无法计算"
    if state.status == clock.PAUSED:
        return "paused", f"暂停计时，恢复后还剩 {state.days_left} 个工作日"
    if state.days_left < 0:
        return "overdue", f"已超过期限 {-state.days_left} 个工作日"
    if state.days_left <= 2:
        return "urgent", f"还剩 {state.days_left} 个工作日"
    if state.days_left <= 5:
        return "at_risk", f"还剩 {state.days_left} 个工作日"
    return "ok", f"还剩 {state.days_left} 个工作日"


def _clock_context(application):
    if application.kind == choices.KIND_PASSED_ON:
        return {"clock": None, "clock_error": "",
                "no_clock": "这件来信已转有关渠道办理，不属于政府信息公开申请，没有答复期限。"}
    try:
        state = clockdata.state_of(application)
    except CalendarYearMissing as exc:
        return {"clock": None,
                "clock_error": f"{exc}，暂时无法计算答复期限。请系统管理员在工作日历中录入这一年的安排。"}
    css, words = urgency(state)
    return {"clock": state, "clock_error": "", "urgency": css, "urgency_text": words}


def _stage_context(application):
    if not application.is_open:
        return {}
    try:
        spent, target = services.working_days_on_stage(application)
    except CalendarYearMissing as exc:
        return {"stage_error": f"{exc}，无法计算本阶段已用的工作日。"}
    return {"stage_spent": spent, "stage_target": target, "stage_over": target is not None and spent > target}


def _group_context(user, application):
    group = application.group
    context = {"repeat_of": application.repeat_of, "repeat_outcome": outcomes.BY_CODE.get("not_processed.repeat")}
    if application.repeat_of is not None:
        context["repeat_visible"] = perms.can_view_application(user, application.repeat_of)
    if group is not None:
        context.update({
            "group": group, "group_size": group.applications.count(),
            "group_applicants": grouping.distinct_applicants(group),
            "group_proposal": ProactiveProposal.objects.filter(group=group).first(),
        })
    return context


def _allowed(user, application, correction, fee, consultations):
    """The steps to offer on the page: the user's role and the stage permit them (the services check again)."""
    stage, is_open = application.stage, application.is_open
    ogi = perms.is_ogi_office(user)
    today = services.today()
    received = application.received_on is not None
    correcting = correction is not None and correction.received_on is None
    fee_due = fee is not None and fee.paid_on is None
    drafter = perms.can_draft_reply(user, application)
    not_drafter = application.drafted_by_id != user.pk
    handling = stage in (choices.ASSIGNED, choices.REVIEW, choices.APPROVAL)
    return {
        "classify": ogi and is_open and stage == choices.REGISTRATION and application.kind == choices.KIND_PENDING,
        "petition": ogi and is_open and stage == choices.REGISTRATION,
        "pass_on": ogi and is_open and stage == choices.REGISTRATION,
        "confirm_receipt": ogi and is_open and not received,
        "assign": ogi and is_open and received and stage in (choices.REGISTRATION, choices.ASSIGNED)
        and application.kind == choices.KIND_APPLICATION,
        "correction": ogi and is_open and received and correction is None
        and stage in (choices.REGISTRATION, choices.ASSIGNED),
        "correction_received": ogi and is_open and correcting,
        "correction_overdue": ogi and is_open and correcting and today > correction.deadline_on,
        "consultation": (ogi or drafter) and is_open and received and stage in (choices.ASSIGNED, choices.REVIEW),
        "consultation_answer": (ogi or drafter) and is_open and any(c.answered_on is None for c in consultations),
        "fee": ogi and is_open and received and fee is None and handling,
        "fee_paid": ogi and is_open and fee_due,
        "fee_unpaid": ogi and is_open and fee_due and today > fee.pay_by,
        "extension": perms.can_approve_extension(user) and is_open and received and application.extension_days == 0
        and handling,
        "art35": ogi and is_open and received,
        "draft": drafter and is_open and stage == choices.ASSIGNED,
        "submit": drafter and is_open and stage == choices.ASSIGNED and bool(application.outcome)
        and bool(application.reply_text),
        "review": perms.can_review_reply(user, application) and is_open and stage == choices.REVIEW and not_drafter,
        "approve": perms.can_approve_reply(user, application) and is_open and stage == choices.APPROVAL
        and not_drafter,
        # A reply sent without a delivery date may come back for the delivery date alone.
        "reply": ogi and stage == choices.REPLY and application.delivered_on is None,
        "archive": ogi and stage == choices.REPLY and application.concluded_on is not None
        and bool(application.delivery_method),
        "remedy": ogi and application.concluded_on is not None,
    }


# The usual next step of each stage is shown unfolded; the others (correction, consultation, fee, extension,
# closing early…) are one click away.
PRIMARY_STEPS = {"classify", "confirm_receipt", "correction_received", "draft", "submit", "review", "approve", "reply",
                 "archive"}


def _primary_steps(application):
    return PRIMARY_STEPS | ({"assign"} if application.department_id is None else set())


ACTION_FORMS = {
    "petition": forms.PetitionForm, "pass_on": forms.PassOnForm, "confirm_receipt": forms.ConfirmReceiptForm,
    "assign": forms.AssignForm, "correction": forms.CorrectionForm,
    "correction_received": forms.CorrectionReceivedForm, "consultation": forms.ConsultationForm,
    "fee": forms.FeeForm, "fee_paid": forms.PaymentForm, "extension": forms.ExtensionForm,
    "art35": forms.Art35Form, "draft": forms.DraftForm, "review": forms.ReviewForm, "approve": forms.ApproveForm,
    "reply": forms.ReplyForm, "remedy": forms.RemedyForm,
}


def _action_forms(application, bound):
    made = {}
    for action, form_class in ACTION_FORMS.items():
        if action in bound:
            made[action] = bound[action]
            continue
        initial = {}
        if action == "draft":
            initial = {"outcome": application.outcome, "reply_text": application.reply_text}
        elif action == "reply" and application.delivery_method:
            initial = {"replied_on": application.concluded_on, "delivery_method": application.delivery_method}
        elif action == "assign":
            initial = {"department": application.department_id, "handler": application.handler_id}
        made[action] = form_class(initial=initial, auto_id=_auto_id(action))
    return made


def _render_detail(request, application, bound=None, status=200):
    user, bound = request.user, bound or {}
    correction = CorrectionRequest.objects.filter(application=application).first()
    fee = FeeNotice.objects.filter(application=application).first()
    consultations = list(application.consultations.select_related("created_by"))
    remedies = list(application.remedies.all())
    allowed = _allowed(user, application, correction, fee, consultations)
    for consultation in consultations:
        key = f"answer{consultation.pk}"
        consultation.form = bound.get(key) or forms.ConsultationAnswerForm(auto_id=_auto_id(key))
        consultation.can_answer = allowed["consultation_answer"] and consultation.answered_on is None
    for remedy in remedies:
        key = f"remedy{remedy.pk}"
        remedy.form = bound.get(key) or forms.RemedyUpdateForm(
            initial={"result": remedy.result, "decided_on": remedy.decided_on}, auto_id=_auto_id(key))
    outcome = outcomes.BY_CODE.get(application.outcome)
    ogi = perms.is_ogi_office(user)
    context = {
        "page_title": f"申请 {application.number}", "header_title": f"政府信息公开申请 {application.number}",
        "application": application, "outcome": outcome, "correction": correction, "fee": fee,
        "consultations": consultations, "remedies": remedies,
        "id_masked": f"****{application.id_number_last4}" if application.id_number_last4 else "（未填写）",
        "can_view_identity": perms.can_view_identity(user, application),
        "proofs": list(application.identity_proofs.all()),
        "events": application.events.select_related("actor"),
        "letters": application.letters.all(),
        "receipt_rule": choices.RECEIPT_RULES.get(application.channel, ""),
        "can": allowed, "forms": _action_forms(application, bound), "read_only": not any(allowed.values()),
        "primary": _primary_steps(application),
        "is_ogi": ogi, "today": services.today(),
        "correction_help": (f"补正截止日：{correction.deadline_on.isoformat()}。"
                            "截止日之后收到的，须填写申请人的正当理由，否则请按逾期不补正结案。") if correction else "",
        **_clock_context(application), **_stage_context(application), **_group_context(user, application),
    }
    return render(request, "applications/admin/detail.html", context, status=status)


@forbidden_as_403
def detail(request, pk):
    return _render_detail(request, _application_for(request.user, pk))


# --- applicant identity (OGI office only, audited) --------------------------------------------------------


@require_POST
@forbidden_as_403
def identity(request, pk):
    """The decrypted ID number, shown once on a page that is not cached; intake.read_identity audits it."""
    application = _application_for(request.user, pk)
    try:
        number = intake.read_identity(request.user, application)
    except REFUSALS as exc:
        messages.error(request, str(exc))
        return redirect("applications_detail", application.pk)
    response = render(request, "applications/admin/identity.html", {
        "page_title": f"证件号码：{application.number}", "header_title": "申请人证件号码",
        "application": application, "number": number,
    })
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@forbidden_as_403
def proof_download(request, pk, proof_pk):
    """An identity proof, decrypted for the OGI office (intake.read_proof audits it), always as a download."""
    application = _application_for(request.user, pk)
    proof = get_object_or_404(IdentityProof, pk=proof_pk, application=application)
    try:
        data = intake.read_proof(request.user, proof)
    except REFUSALS as exc:
        messages.error(request, str(exc))
        return redirect("applications_detail", application.pk)
    response = HttpResponse(data, content_type=proof.content_type)
    response["Content-Disposition"] = content_disposition_header(True, proof.filename)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@forbidden_as_403
def letter_download(request, pk, ext):
    """A letter issued on the application, as PDF or Word (RULES.md §3.3)."""
    if ext not in LETTER_TYPES:
        raise Http404("只能下载 PDF 或 Word 格式。")
    letter = get_object_or_404(Letter, pk=pk)
    _application_for(request.user, letter.application_id)
    data = documents.letter_pdf(letter) if ext == "pdf" else documents.letter_docx(letter)
    response = HttpResponse(data, content_type=LETTER_TYPES[ext])
    response["Content-Disposition"] = content_disposition_header(True, documents.letter_filename(letter, ext))
    return response


# --- handling steps: one POST address each ---------------------------------------------------------------


def _act(request, pk, action, form_class, step, success):
    """Parse the step's form, run the step, and show the outcome on the case page.

    A bad form or a refused step re-shows the page with the typed values and a message; nothing is changed
    (each service runs in one transaction). On success, back to the case page (POST/redirect/GET).
    """
    application = _application_for(request.user, pk)
    form = form_class(request.POST, auto_id=_auto_id(action)) if form_class else None
    if form is not None and not form.is_valid():
        messages.error(request, "没有办理：" + forms.error_text(form))
        return _render_detail(request, application, {action: form})
    try:
        result = step(application, form.cleaned_data if form is not None else {})
    except REFUSALS as exc:
        messages.error(request, f"没有办理：{exc}")
        application = _application_for(request.user, pk)
        return _render_detail(request, application, {action: form} if form is not None else None)
    messages.success(request, success(result) if callable(success) else success)
    return redirect("applications_detail", application.pk)


def _due_text(application):
    application.refresh_from_db()
    return f"答复期限：{application.due_on.isoformat()}。" if application.due_on else ""


@require_POST
@forbidden_as_403
def classify(request, pk):
    """Registration (甄别): a true disclosure application."""
    return _act(request, pk, "classify", None,
                lambda a, d: services.do_classify_application(request.user, a),
                "已确认这是一件政府信息公开申请，可以分办。")


@require_POST
@forbidden_as_403
def petition(request, pk):
    """Art. 39(1): a petition, complaint or report, closed as not_processed.petition with the channel named."""
    return _act(request, pk, "petition", forms.PetitionForm,
                lambda a, d: services.do_close_as_petition(request.user, a, d["channel"], d["reply_text"],
                                                           d["replied_on"]),
                "已告知申请人通过有关渠道反映，办理结果为“不予处理：信访举报投诉类”，答复书已生成。请登记送达后归档。")


@require_POST
@forbidden_as_403
def pass_on(request, pk):
    """Not an application (e.g. a consultation): passed to the proper channel and not counted."""
    return _act(request, pk, "pass_on", forms.PassOnForm,
                lambda a, d: services.do_pass_on(request.user, a, d["channel"], d["note"]),
                lambda a: f"已转“{a.passed_on_to}”办理，这件来信不计入政府信息公开申请。")


@require_POST
@forbidden_as_403
def confirm_receipt(request, pk):
    """Art. 31: the receipt date confirmed with the applicant; the clock starts from it."""
    return _act(request, pk, "confirm_receipt", forms.ConfirmReceiptForm,
                lambda a, d: intake.do_confirm_receipt(request.user, a, d["received_on"], d["reason"]),
                lambda a: f"已确认收到申请之日为 {a.received_on.isoformat()}。{_due_text(a)}")


@require_POST
@forbidden_as_403
def assign(request, pk):
    """Registration → assigned (承办)."""
    return _act(request, pk, "assign", forms.AssignForm,
                lambda a, d: services.do_assign(request.user, a, d["department"], d["handler"]),
                lambda a: f"已交由{a.department.name}承办。")


@require_POST
@forbidden_as_403
def correction(request, pk):
    """Art. 30: the one correction notice; the clock waits for the answer."""
    return _act(request, pk, "correction", forms.CorrectionForm,
                lambda a, d: clock_events.do_request_correction(request.user, a, d["sent_on"], d["items"],
                                                                d["deadline_days"]),
                lambda a: f"已发出补正告知，补正截止日 {a.correction.deadline_on.isoformat()}。"
                          "补正期间答复期限停止计算，补正告知书已生成。")


@require_POST
@forbidden_as_403
def correction_received(request, pk):
    """Art. 30: the corrected application arrived; the clock restarts."""
    return _act(request, pk, "correction_received", forms.CorrectionReceivedForm,
                lambda a, d: clock_events.do_record_correction(request.user, a, d["received_on"], d["note"],
                                                               d["good_reason"]),
                lambda a: f"已登记补正材料，答复期限重新计算。{_due_text(a)}")


@require_POST
@forbidden_as_403
def correction_overdue(request, pk):
    """Art. 30: no correction by the deadline, no good reason — other.correction_overdue."""
    return _act(request, pk, "correction_overdue", None,
                lambda a, d: clock_events.do_close_correction_overdue(request.user, a),
                "申请人逾期未补正，已按“逾期不补正”结案，答复书已生成。请登记送达后归档。")


@require_POST
@forbidden_as_403
def consultation(request, pk):
    """Arts. 32 and 34: consult a third party or another agency; the time is not counted."""
    return _act(request, pk, "consultation", forms.ConsultationForm,
                lambda a, d: clock_events.do_start_consultation(request.user, a, d["kind"], d["party"], d["matter"],
                                                                d["sent_on"], d["party_address"]),
                lambda c: f"已登记征求意见，对方应于 {c.due_on.isoformat()} 前提出意见；征求意见期间不计入答复期限。")


@require_POST
@forbidden_as_403
def consultation_answer(request, pk, cpk):
    """The consulted party answered (or its 15 WD ran out); the clock resumes."""
    application = _application_for(request.user, pk)
    consultation = get_object_or_404(Consultation, pk=cpk, application=application)
    return _act(request, pk, f"answer{consultation.pk}", forms.ConsultationAnswerForm,
                lambda a, d: clock_events.do_record_consultation_answer(request.user, consultation, d["answered_on"],
                                                                        d["opinion"]),
                lambda a: f"已登记{consultation.party}的意见，恢复计算答复期限。{_due_text(a)}")


@require_POST
@forbidden_as_403
def fee(request, pk):
    """A processing-fee notice (RULES.md §3.4); "试算" only shows the calculation and changes nothing."""
    if "preview" in request.POST:
        application = _application_for(request.user, pk)
        form = forms.FeeForm(request.POST, auto_id=_auto_id("fee"))
        if form.is_valid():
            charge = fees.calculate(form.cleaned_data["basis"], form.cleaned_data["quantity"])
            messages.info(request, f"试算结果：{charge.amount} 元。{charge.explanation}（尚未发出收费通知）")
        else:
            messages.error(request, "无法试算：" + forms.error_text(form))
        return _render_detail(request, application, {"fee": form})
    return _act(request, pk, "fee", forms.FeeForm,
                lambda a, d: clock_events.do_issue_fee_notice(request.user, a, d["basis"], d["quantity"], d["sent_on"]),
                lambda a: f"已发出收费通知：{a.fee_notice.amount} 元，缴费截止日 {a.fee_notice.pay_by.isoformat()}。"
                          "缴费期间不计入答复期限，收费通知书已生成。")


@require_POST
@forbidden_as_403
def fee_paid(request, pk):
    return _act(request, pk, "fee_paid", forms.PaymentForm,
                lambda a, d: clock_events.do_record_payment(request.user, a, d["paid_on"]),
                lambda a: f"已登记缴费，恢复计算答复期限。{_due_text(a)}")


@require_POST
@forbidden_as_403
def fee_unpaid(request, pk):
    """Unpaid after the payment period: other.fee_unpaid."""
    return _act(request, pk, "fee_unpaid", None,
                lambda a, d: clock_events.do_close_fee_unpaid(request.user, a),
                "申请人逾期未缴费，已按“逾期未缴费”结案，答复书已生成。请登记送达后归档。")


@require_POST
@forbidden_as_403
def extension(request, pk):
    """Art. 33: the extension, approved by the head of the OGI office; the notice letter is issued."""
    return _act(request, pk, "extension", forms.ExtensionForm,
                lambda a, d: clock_events.do_approve_extension(request.user, a, d["days"], d["reason"]),
                lambda a: f"已同意延期 {a.extension_days} 个工作日，延期答复告知书已生成。{_due_text(a)}")


@require_POST
@forbidden_as_403
def art35(request, pk):
    """Art. 35: a later reply date for an excessive request, with its reason."""
    return _act(request, pk, "art35", forms.Art35Form,
                lambda a, d: clock_events.do_set_art35_date(request.user, a, d["due_on"], d["reason"]),
                lambda a: f"答复期限已依照条例第三十五条确定为 {a.art35_due_on.isoformat()}。")


@require_POST
@forbidden_as_403
def draft(request, pk):
    """The department drafts the reply: one outcome of the codebook (RULES.md §3.3) and the text."""
    return _act(request, pk, "draft", forms.DraftForm,
                lambda a, d: services.do_draft_reply(request.user, a, d["outcome"], d["reply_text"]),
                lambda a: f"答复稿已保存（{outcomes.short(a.outcome)}，"
                          f"答复书将引用{outcomes.BY_CODE[a.outcome].article}）。检查无误后请提交审查。")


@require_POST
@forbidden_as_403
def submit(request, pk):
    return _act(request, pk, "submit", None,
                lambda a, d: services.do_submit_for_review(request.user, a),
                "答复稿已提交法制和保密审查。")


@require_POST
@forbidden_as_403
def review(request, pk):
    """Legal and confidentiality review: pass to the department head, or return."""
    return _act(request, pk, "review", forms.ReviewForm,
                lambda a, d: services.do_review(request.user, a, d["decision"] == "pass", d["note"]),
                lambda a: "审查通过，已报部门负责人审批。" if a.stage == choices.APPROVAL else "已退回承办部门修改。")


@require_POST
@forbidden_as_403
def approve(request, pk):
    """Approval by the head of the assigned department."""
    return _act(request, pk, "approve", forms.ApproveForm,
                lambda a, d: services.do_approve(request.user, a, d["decision"] == "approve", d["note"]),
                lambda a: "已同意答复，请政务公开办出具答复并登记送达。" if a.stage == choices.REPLY
                else "已退回承办部门修改。")


@require_POST
@forbidden_as_403
def reply(request, pk):
    """The reply is issued and its delivery recorded; the reply letter cites the outcome's article."""
    return _act(request, pk, "reply", forms.ReplyForm,
                lambda a, d: services.do_send_reply(request.user, a, d["replied_on"], d["delivery_method"],
                                                    d["delivered_on"]),
                lambda a: f"已登记答复（{outcomes.short(a.outcome)}），送达方式：{a.get_delivery_method_display()}"
                          + (f"，{a.delivered_on.isoformat()} 送达" if a.delivered_on else "，送达日期待登记")
                          + "。答复书可在下方文书中下载。")


@require_POST
@forbidden_as_403
def archive(request, pk):
    return _act(request, pk, "archive", None,
                lambda a, d: services.do_archive(request.user, a),
                "已归档。")


@require_POST
@forbidden_as_403
def remedy(request, pk):
    """Administrative reconsideration or litigation about the application (table 四)."""
    return _act(request, pk, "remedy", forms.RemedyForm,
                lambda a, d: remedies.do_add_remedy(request.user, a, d["kind"], d["filed_on"], d["result"],
                                                    d["decided_on"], d["note"]),
                lambda r: f"已登记{r.get_kind_display()}（{r.get_result_display()}）。")


@require_POST
@forbidden_as_403
def remedy_update(request, pk, rpk):
    application = _application_for(request.user, pk)
    remedy = get_object_or_404(Remedy, pk=rpk, application=application)
    return _act(request, pk, f"remedy{remedy.pk}", forms.RemedyUpdateForm,
                lambda a, d: remedies.do_update_remedy(request.user, remedy, d["result"], d["decided_on"],
                                                       d["note"]),
                lambda r: f"已更新{r.get_kind_display()}的结果：{r.get_result_display()}。")
