"""The public side of disclosure applications (依申请公开), mounted at /yisqgk/.

- guide: what can be applied for, what an application needs (条例 Art. 29), the time limits
  (Arts. 30, 31, 33) and the OGI office's contacts;
- apply: the online application (Art. 29) — saved in full by intake.do_submit_online before
  the receipt is shown (POST/redirect/GET), with an arithmetic CAPTCHA, a honeypot, a per-address
  hourly limit and a one-time submission token against replays;
- receipt: shown only in the session that submitted (the tracking code alone is not enough);
- track: tracking code + last four phone digits (intake.find_for_applicant), rate-limited, then
  the stage, the clock (RULES.md §3.2), the public events and the letters addressed to the applicant.

The views only parse input, call the intake service and render. The applicant never sees the
ID number, the proof files, internal events or consultation letters.
"""

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import Http404, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.applications import captcha, choices, clock, clockdata, documents, intake, outcomes, ratelimit
from gongkai.applications.errors import Refused
from gongkai.applications.models import DisclosureApplication, Letter
from gongkai.applications.proofs import proof_limit_bytes, proof_limit_text
from gongkai.applications.public_forms import ApplicationForm, TrackForm, new_submission_token, read_submission_token

RECEIPT_KEY = "applications.receipt_id"  # the application this browser just submitted
TRACK_KEY = "applications.track_id"  # the application this browser looked up
REPLAYED_KEY = "applications.receipt_replayed"

TRACK_ATTEMPTS_PER_HOUR = 20  # failed lookups per client address (settings.APPLICATION_TRACK_ATTEMPTS_PER_HOUR)
TRACK_ATTEMPTS_PER_CODE = 10  # failed lookups per tracking code and hour, whoever tries: no guessing the 4 digits

GENERIC_REFUSAL = "提交没有成功，请稍后重新提交。如果一直无法提交，请拨打下方的联系电话，或者当面、邮寄提交申请。"
EXPIRED_FORM = "这份申请表打开的时间太久，已经失效。您填写的内容都还在，请回答新的验证题后重新提交。"
TRACK_NOT_FOUND = "没有找到对应的申请。请核对查询码和联系电话后 4 位是否与申请时填写的一致。"
TRACK_LIMITED = "查询失败的次数太多，为保护申请人信息，请一小时后再试；也可以拨打下方的联系电话查询。"
BAD_POST = ("提交的内容无法读取，可能是网络中断或内容过多（除身份证明文件外，文字内容合计不能超过 {limit} MB）。"
            "请返回申请表重新填写；如果一直无法提交，可以当面或邮寄提交申请。")

STAGE_EXPLANATIONS = {
    choices.REGISTRATION: "我们已经收到您的申请，正在登记和确认。网上申请以双方确认之日为收到申请之日，"
                          "确认后开始计算答复期限。",
    choices.ASSIGNED: "申请已经交给承办部门，正在查找和整理您需要的信息。",
    choices.REVIEW: "答复意见已经拟好，正在进行合法性和保密审查。",
    choices.APPROVAL: "答复意见正在报负责人审批。",
    choices.REPLY: "答复已经审批，正在出具答复书并送达给您。",
    choices.ARCHIVED: "申请已经办理完毕并归档。",
}
CONCLUDED_EXPLANATION = "我们已经对您的申请作出答复，答复书可以在下方“给您的文书”中下载。"

COLUMN_META = {
    "ColumnName": "依申请公开", "ColumnType": "依申请公开",
    "ColumnKeywords": "政府信息公开申请,依申请公开,办理进度查询",
    "ColumnDescription": "在线提交政府信息公开申请，查询申请的办理进度和答复。",
}


def _render(request, template, context, status=200):
    return render(request, f"applications/public/{template}", {"meta_column": COLUMN_META, **context}, status=status)


def _session_application(request, *keys):
    """The application whose id this browser's session holds (under the first key that has one), or None."""
    for key in keys:
        pk = request.session.get(key)
        if isinstance(pk, int):
            application = DisclosureApplication.objects.filter(pk=pk).first()
            if application is not None:
                return application
    return None


# --- guide ---------------------------------------------------------------------------------------------


def guide(request):
    """/yisqgk/ — how to apply (条例 Arts. 27–33) and whom to ask."""
    return _render(request, "guide.html", {
        "receipt_rules": [choices.RECEIPT_RULES[c] for c in (choices.ONLINE, choices.IN_PERSON,
                                                              choices.REGISTERED_POST, choices.LETTER)],
        "meta_article": {"ArticleTitle": "依申请公开指南", "Description": "如何申请获取政府信息，办理时限和联系方式"},
    })


# --- apply ---------------------------------------------------------------------------------------------


class ProofSizeLimit(FileUploadHandler):
    """Skips any uploaded file past the proof limit while it streams in: nothing is kept, the form says why.

    Put first in request.upload_handlers so no later handler (memory or temporary file) keeps the rest.
    """

    def __init__(self, request, limit):
        super().__init__(request)
        self.limit = limit
        request.oversized_uploads = []

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.request.oversized_uploads.append(self.file_name or "")
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler returns the file


def _initial_from(post):
    """What a refused-before-checking form shows again: the typed values, never the CAPTCHA, honeypot or file."""
    return {name: post.get(name, "") for name in ApplicationForm.base_fields
            if name not in ApplicationForm.HAND_RENDERED and name != "proof"}


def _error_summary(form):
    """[(anchor id or "", message)] in the order of the form, for the summary at the top."""
    items = [("", message) for message in form.non_field_errors()]
    for name in form.fields:
        if name in form.errors and name != "__all__":
            bound = form[name]
            anchor = f"{bound.auto_id}_0" if bound.use_fieldset else bound.auto_id
            items.extend((anchor, message) for message in form.errors[name])
    return items


def _form_page(request, form, submission_raw, signed_token, *, message="", status=200):
    challenge = captcha.new_challenge(submission_raw)
    summary = _error_summary(form) if form.is_bound else []
    if message:
        summary.insert(0, ("", message))
    return _render(request, "apply.html", {
        "form": form, "challenge": challenge, "submission": signed_token, "errors": summary,
        "limit_text": proof_limit_text(),
        "meta_article": {"ArticleTitle": "在线申请政府信息公开", "Description": "填写并提交政府信息公开申请"},
    }, status=status)


def _fresh_form_page(request, form=None, *, message="", status=200):
    signed = new_submission_token()
    return _form_page(request, form or ApplicationForm(), read_submission_token(signed), signed, message=message,
                      status=status)


@csrf_exempt  # checked by _apply below, after the upload handler is in place (Django's documented pattern)
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request):
    """/yisqgk/apply/ — the online application (条例 Art. 29)."""
    if request.method != "POST":
        return _fresh_form_page(request)
    request.upload_handlers.insert(0, ProofSizeLimit(request, proof_limit_bytes()))
    try:
        request.POST, request.FILES  # noqa: B018 — parse now, so a malformed or oversized body gets a clear page
    except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError, UnreadablePostError,
            BadRequest):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
        return _render(request, "problem.html", {"message": BAD_POST.format(limit=f"{limit:g}")}, status=400)
    return _apply(request)


@csrf_protect
def _apply(request):
    post = request.POST
    signed = post.get("submission", "")
    submission_raw = read_submission_token(signed)
    if (post.get("website") or "").strip():
        # The honeypot: people never see this field. Say nothing specific, keep nothing.
        return _fresh_form_page(request, ApplicationForm(initial=_initial_from(post)), message=GENERIC_REFUSAL,
                                status=400)
    if submission_raw is None:
        return _fresh_form_page(request, ApplicationForm(initial=_initial_from(post)), message=EXPIRED_FORM)

    existing = intake.find_by_token(submission_raw)
    if existing is not None:  # the same form sent again (back button, double click): the first receipt
        return _to_receipt(request, existing, replayed=True)

    address = ratelimit.address_of(request)
    per_hour = settings.APPLICATION_SUBMISSIONS_PER_HOUR
    if ratelimit.exceeded("apply", address, per_hour):
        message = (f"您所在的网络一小时内已经提交了 {per_hour} 件申请，达到了网上提交的上限。请一小时后再提交；"
                   "急需提交的，可以当面、邮寄或传真提交。")
        return _form_page(request, ApplicationForm(initial=_initial_from(post)), submission_raw, signed,
                          message=message, status=429)

    form = ApplicationForm(post, request.FILES, submission_raw=submission_raw)
    valid = form.is_valid()
    for name in getattr(request, "oversized_uploads", []):
        shown = f"“{name[-60:]}”" if name else ""
        form.add_error("proof", f"文件{shown}超过 {proof_limit_text()}，没有保存。请压缩或重新拍摄后再上传。")
        valid = False
    if not valid:
        return _form_page(request, form, submission_raw, signed)
    try:
        application, created = intake.do_submit_online(form.intake_data(), form.proofs(), submission_raw)
    except Refused as refused:
        form.add_error(None, str(refused))
        return _form_page(request, form, submission_raw, signed)
    if created:
        ratelimit.hit("apply", address)
    return _to_receipt(request, application, replayed=not created)


def _to_receipt(request, application, *, replayed):
    request.session[RECEIPT_KEY] = application.pk
    if replayed:
        request.session[REPLAYED_KEY] = True
    return redirect("applications:receipt", code=application.tracking_code)


@never_cache
def receipt(request, code):
    """/yisqgk/receipt/<code>/ — only in the browser that submitted; anyone else goes to the tracking page."""
    application = _session_application(request, RECEIPT_KEY)
    if application is None or not constant_time_compare(application.tracking_code, code.upper()):
        return redirect("applications:track")
    return _render(request, "receipt.html", {
        "application": application, "replayed": request.session.pop(REPLAYED_KEY, False),
        "receipt_rule": choices.RECEIPT_RULES[choices.ONLINE],
        "receipt_letter": _receipt_letter(application),
        "proof_count": application.identity_proofs.count(),
    })


def _receipt_letter(application):
    return application.letters.filter(kind=choices.LETTER_RECEIPT, to_applicant=True).order_by("pk").first()


def _document(letter, ext):
    if ext == "pdf":
        data, content_type = documents.letter_pdf(letter), "application/pdf"
    else:
        data = documents.letter_docx(letter)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(data, content_type=content_type)
    response.headers["Content-Disposition"] = content_disposition_header(
        True, documents.letter_filename(letter, ext))
    return response


@never_cache
def receipt_pdf(request, code):
    """/yisqgk/receipt/<code>/pdf — the 登记回执 of the session's application."""
    application = _session_application(request, RECEIPT_KEY, TRACK_KEY)
    if application is None or not constant_time_compare(application.tracking_code, code.upper()):
        raise Http404("没有找到这份回执。")
    letter = _receipt_letter(application)
    if letter is None:
        raise Http404("这件申请还没有登记回执。")
    return _document(letter, "pdf")


# --- track ---------------------------------------------------------------------------------------------


def _clock_of(application):
    """What the tracking page says about the reply deadline; never fails on a missing calendar year."""
    if application.kind == choices.KIND_PASSED_ON:
        return {"passed_on": True}
    try:
        state = clockdata.state_of(application)
    except (clock.CalendarYearMissing, ValueError):
        return {"unavailable": True}
    return {"state": state, "overdue_days": -state.days_left if state.days_left is not None and state.days_left < 0
            else None}


def _status_page(request, application):
    concluded = application.concluded_on is not None
    if application.kind == choices.KIND_PASSED_ON:
        explanation = f"经审查，您提交的内容不属于政府信息公开申请，已转“{application.passed_on_to}”办理。"
    elif concluded:
        explanation = CONCLUDED_EXPLANATION
    else:
        explanation = STAGE_EXPLANATIONS.get(application.stage, "")
    return _render(request, "track_status.html", {
        "application": application,
        "stage_label": choices.STAGE_LABELS.get(application.stage, ""),
        "stage_explanation": explanation,
        "stages": choices.STAGE_CHOICES,
        "outcome": outcomes.short(application.outcome) if concluded and application.outcome else "",
        "clock": _clock_of(application),
        "events": application.events.filter(public=True).order_by("created_at", "pk"),
        "letters": application.letters.filter(to_applicant=True).order_by("created_at", "pk"),
        "meta_article": {"ArticleTitle": "申请办理进度", "Description": "政府信息公开申请的办理进度"},
    })


def _lookup_page(request, form, *, message="", status=200):
    summary = [("", message)] if message else []
    if form.is_bound:
        summary += _error_summary(form)
    return _render(request, "track.html", {
        "form": form, "errors": summary,
        "meta_article": {"ArticleTitle": "查询申请办理进度", "Description": "凭查询码查询政府信息公开申请的办理进度"},
    }, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def track(request):
    """/yisqgk/track/ — tracking code + last four phone digits; then the application's progress."""
    if request.method != "POST":
        application = _session_application(request, TRACK_KEY, RECEIPT_KEY)
        if application is not None:
            return _status_page(request, application)
        code = "".join(request.GET.get("code", "").split())[:16]
        return _lookup_page(request, TrackForm(initial={"code": code} if code.isalnum() else {}))

    form = TrackForm(request.POST)
    address = ratelimit.address_of(request)
    code_key = "".join(request.POST.get("code", "").split()).upper()[:30]
    per_address = getattr(settings, "APPLICATION_TRACK_ATTEMPTS_PER_HOUR", TRACK_ATTEMPTS_PER_HOUR)
    if ratelimit.exceeded("track", address, per_address) or (
            code_key and ratelimit.exceeded("track-code", code_key, TRACK_ATTEMPTS_PER_CODE)):
        return _lookup_page(request, TrackForm(initial={"code": code_key}), message=TRACK_LIMITED, status=429)
    if not form.is_valid():
        return _lookup_page(request, form)
    application = intake.find_for_applicant(form.cleaned_data["code"], form.cleaned_data["phone_last4"])
    if application is None:
        ratelimit.hit("track", address)
        ratelimit.hit("track-code", code_key)
        return _lookup_page(request, TrackForm(initial={"code": form.cleaned_data["code"]}), message=TRACK_NOT_FOUND)
    request.session.cycle_key()  # a new session id once it grants access to an application
    request.session[TRACK_KEY] = application.pk
    return redirect("applications:track")


@require_POST
def track_leave(request):
    """Forget the looked-up application in this browser (a shared computer, or another application)."""
    for key in (TRACK_KEY, RECEIPT_KEY, REPLAYED_KEY):
        request.session.pop(key, None)
    return redirect(reverse("applications:track"))


@never_cache
def letter_download(request, letter_id, ext):
    """/yisqgk/track/letters/<id>.<pdf|docx> — only a letter to the applicant of the session's application."""
    application = _session_application(request, TRACK_KEY, RECEIPT_KEY)
    if application is None:
        raise Http404("没有找到这份文书。")
    letter = Letter.objects.filter(pk=letter_id, application_id=application.pk, to_applicant=True).first()
    if letter is None:
        raise Http404("没有找到这份文书。")
    return _document(letter, ext)
