"""Intake of disclosure applications: online submission, staff registration, receipt date (条例 Arts. 29–31).

- An online application is saved in full (identity data encrypted) before the receipt is
  shown; its one-time submission token makes a replayed form return the same application
  instead of a second one.
- The receipt date is a separate, explicit, audited event (RULES.md §3.1): set at
  registration for applications handed in or signed for, and by recording the confirmation
  with the applicant for online, ordinary-letter, fax and oral applications. A date before
  today needs a reason.
- Identity numbers and proofs are readable only by the OGI office, and every reading is audited.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.applications import choices, crypto, grouping, letters
from gongkai.applications import permissions as perms
from gongkai.applications.errors import Refused
from gongkai.applications.models import DisclosureApplication, IdentityProof
from gongkai.applications.services import TRACKED, _check, _not_future, _today, event, save
from gongkai.audit.services import record as audit
from gongkai.audit.services import snapshot
from gongkai.privacy.checksums import is_valid_resident_id, is_valid_uscc

TRACKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
APPLICANT_FIELDS = [
    "applicant_type", "applicant_name", "contact_person", "id_type", "phone", "email", "address", "postcode",
    "info_title", "info_doc_number", "info_description", "requested_form", "delivery_route",
]
_CHOICE_FIELDS = {
    "applicant_type": (dict(choices.APPLICANT_TYPE_CHOICES), "请选择申请人类型。"),
    "requested_form": (dict(choices.FORM_CHOICES), "请选择获取信息的载体形式。"),
    "delivery_route": (dict(choices.ROUTE_CHOICES), "请选择获取信息的途径。"),
}


def identity_error(applicant_type, id_type, number):
    """A Chinese message when the ID number does not fit its type, else None."""
    number = crypto.normalise_id(number)
    if not number:
        return "请填写证件号码。"
    if id_type == choices.RESIDENT_ID:
        if not is_valid_resident_id(number):
            return "居民身份证号码不正确：应为 18 位，最后一位校验码要与前 17 位相符，请核对。"
    elif id_type == choices.USCC:
        if not is_valid_uscc(number):
            return "统一社会信用代码不正确：应为 18 位，最后一位校验码要与前 17 位相符，请核对。"
    elif id_type == choices.OTHER_ID:
        if not 5 <= len(number) <= 30 or not number.isalnum():
            return "证件号码应为 5 至 30 位字母或数字。"
    else:
        return "请选择证件类型。"
    if applicant_type == choices.NATURAL_PERSON and id_type == choices.USCC:
        return "公民个人申请，请填写居民身份证或其他有效身份证件号码。"
    if applicant_type != choices.NATURAL_PERSON and id_type == choices.RESIDENT_ID:
        return "法人或其他组织申请，请填写统一社会信用代码（或其他有效证照号码）。"
    return None


def description_error(data):
    if not any((data.get(f) or "").strip() for f in ("info_title", "info_doc_number", "info_description")):
        return "请描述您需要的政府信息：信息名称、文号或能够确定该信息的其他特征，至少填写一项。"
    return None


def _new_tracking_code():
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


def _next_number(year):
    prefix = f"YSQ{year}-"
    last = (DisclosureApplication.objects.filter(number__startswith=prefix).order_by("-number")
            .values_list("number", flat=True).first())
    seq = int(last[len(prefix):]) + 1 if last and last[len(prefix):].isdigit() else 1
    return f"{prefix}{seq:05d}"


def _create(fields, id_number, proofs, *, channel, token=None, actor=None, now=None):
    """Insert an application with fresh numbers; retries when a number was taken concurrently.

    `now` is the submission or registration time: the present, or an earlier moment for the demo register.
    """
    for attempt in range(5):
        try:
            with transaction.atomic():
                now = now or timezone.now()
                day = timezone.localdate(now)
                application = DisclosureApplication(
                    **fields, channel=channel, submission_token=token, submitted_at=now,
                    stage_entered_on=day, number=_next_number(day.year),
                    tracking_code=_new_tracking_code(), registered_by=actor,
                    id_number_cipher=crypto.encrypt_text(crypto.normalise_id(id_number)),
                    id_number_last4=crypto.normalise_id(id_number)[-4:],
                    applicant_fingerprint=crypto.fingerprint(id_number),
                )
                application.save()
                for proof in proofs:
                    IdentityProof.objects.create(
                        application=application, filename=proof["name"][:200],
                        content_type=(proof.get("content_type") or "application/octet-stream")[:100],
                        size=len(proof["data"]), cipher=crypto.encrypt_bytes(proof["data"]))
                return application
        except IntegrityError:
            if token and DisclosureApplication.objects.filter(submission_token=token).exists():
                raise
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _text(value):
    return value.strip() if isinstance(value, str) else ("" if value is None else str(value).strip())


def _clean_fields(data):
    """The applicant's fields, checked (Art. 29); a Refused with the first problem in Chinese."""
    fields = {f: _text(data.get(f)) for f in APPLICANT_FIELDS}
    for name, (allowed, message) in _CHOICE_FIELDS.items():
        _check(fields[name] in allowed, message)
    message = identity_error(fields["applicant_type"], fields["id_type"], _text(data.get("id_number"))) \
        or description_error(fields)
    if message:
        raise Refused(message)
    _check(fields["applicant_name"], "请填写申请人姓名或名称。")
    _check(fields["phone"], "请填写联系电话。")
    digits = sum(c.isdigit() for c in fields["phone"])
    _check(7 <= digits <= 20 and all(c.isdigit() or c in " +-()（）转" for c in fields["phone"]),
           "联系电话不正确：请填写手机号码或带区号的固定电话。")
    if fields["email"]:
        try:
            validate_email(fields["email"])
        except ValidationError:
            raise Refused("电子邮箱格式不正确，请核对（如 name@example.com）。") from None
    for name, value in fields.items():
        field = DisclosureApplication._meta.get_field(name)
        limit = getattr(field, "max_length", None)
        _check(limit is None or len(value) <= limit, f"“{field.verbose_name}”最多填写 {limit} 个字，请精简。")
    return fields


def _check_proofs(proofs):
    """Identity proofs are {"name", "content_type", "data"}; empty or oversized files are refused."""
    limit = settings.APPLICATION_PROOF_MAX_MB
    for proof in proofs:
        data = proof.get("data") or b""
        _check(data, f"身份证明文件“{proof.get('name', '')}”是空的，请重新选择。")
        _check(len(data) <= limit * 1024 * 1024,
               f"身份证明文件“{proof.get('name', '')}”超过 {limit} MB，请压缩或拍照后重新上传。")


def find_by_token(token):
    return DisclosureApplication.objects.filter(submission_token=token).first() if token else None


def do_submit_online(data, proofs, token, now=None):
    """The public form: saved in full before the receipt is shown. A replayed token returns the first one.

    Returns (application, created). `now` (default: the present) is for the demo register only.
    """
    existing = find_by_token(token)
    if existing is not None:
        return existing, False
    fields = _clean_fields(data)
    _check_proofs(proofs)
    try:
        with transaction.atomic():
            application = _create(fields, _text(data.get("id_number")), proofs, channel=choices.ONLINE, token=token,
                                   now=now)
            day = timezone.localdate(application.submitted_at)
            summary = "网上提交申请。收到申请之日以双方确认之日为准（条例第三十一条）。"
            event(application, "submitted", summary, on=day)
            audit("application.submitted", actor=None, obj=application, after=snapshot(application, TRACKED),
                  summary=summary)
            letters.issue(application, choices.LETTER_RECEIPT, actor=None, issued_on=day)
            grouping.on_new_application(application)
    except IntegrityError:
        existing = find_by_token(token)
        if existing is None:
            raise
        return existing, False
    return application, True


@transaction.atomic
def do_register(actor, data, proofs, channel, received_on=None, received_reason="", now=None):
    """Staff intake by any channel (Arts. 29, 31). In person and registered post take the receipt date now;
    online, ordinary letter, fax and oral applications get it when the confirmation is recorded (or now, when
    staff confirmed with the applicant while registering). `now` (default: the present) is for the demo register.
    """
    _check(perms.can_register(actor), "只有政务公开办可以登记申请。")
    _check(channel in choices.CHANNEL_LABELS, "请选择申请方式。")
    fields = _clean_fields(data)
    _check_proofs(proofs)
    if channel in (choices.IN_PERSON, choices.REGISTERED_POST):
        _check(received_on is not None,
               "当面提交的以提交之日、邮寄签收的以签收之日为收到申请之日，请填写这个日期。")
    registered_on = timezone.localdate(now) if now is not None else _today()
    if received_on is not None:
        _check_received(received_on, registered_on, registered_on, received_reason, channel)
    application = _create(fields, _text(data.get("id_number")), proofs, channel=channel, actor=actor, now=now)
    summary = f"登记{choices.CHANNEL_LABELS[channel]}的申请。"
    if channel == choices.ORAL:
        summary += "申请人口头提出，由工作人员代为填写。"
    event(application, "registered", summary, actor=actor, on=registered_on)
    audit("application.registered", actor=actor, obj=application, after=snapshot(application, TRACKED),
          summary=summary)
    if received_on is not None:
        _set_received(actor, application, received_on, received_reason, registered_on)
    letters.issue(application, choices.LETTER_RECEIPT, actor=actor, issued_on=registered_on)
    grouping.on_new_application(application)
    return application


def _check_received(received_on, submitted_on, action_day, reason, channel):
    """The receipt date rules of Art. 31 that do not depend on the stored application."""
    _not_future(received_on, "收到申请之日")
    reason = (reason or "").strip()
    _check(received_on <= action_day, f"收到申请之日不能晚于登记或确认的日期（{action_day.isoformat()}）。")
    if channel == choices.ONLINE:
        _check(received_on >= submitted_on,
               f"网上申请的收到申请之日不能早于提交日期（{submitted_on.isoformat()}）。")
    _check(received_on >= submitted_on or reason, "收到申请之日早于登记日期，属于补记，请填写原因。")
    _check(received_on == action_day or reason,
           f"收到申请之日不是{'今天' if action_day == _today() else '登记或确认的日期'}（{action_day.isoformat()}），"
           "补记以前的日期须写明原因（将记入审计日志）。")
    return reason


def _set_received(actor, application, received_on, reason, action_day):
    """Record the receipt date (Art. 31) with its rule and, for a back-dated one, the reason (event and audit)."""
    submitted_on = timezone.localdate(application.submitted_at)
    if application.imported:
        submitted_on = min(submitted_on, received_on)
    reason = _check_received(received_on, submitted_on, action_day, reason, application.channel)
    before = snapshot(application, TRACKED)
    application.received_on = received_on
    rule = choices.RECEIPT_RULES[application.channel]
    summary = f"确认收到申请之日为 {received_on.isoformat()}。{rule}" + (f"补记原因：{reason}" if reason else "")
    return save(application, actor, "received", summary, before, on=received_on)


@transaction.atomic
def do_confirm_receipt(actor, application, received_on, reason="", on=None):
    """Set the receipt date (Art. 31): once, by the OGI office, audited; a date before the day of the
    confirmation (`on`, default today) needs a reason."""
    _check(perms.is_ogi_office(actor), "只有政务公开办可以确认收到申请之日。")
    application = DisclosureApplication.objects.select_for_update().get(pk=application.pk)
    _check(application.is_open, "申请已经办结。")
    _check(application.received_on is None, f"收到申请之日已经确认为 {application.received_on}，不能重复确认。")
    action_day = _today() if on is None else on
    _not_future(action_day, "确认日期")
    return _set_received(actor, application, received_on, reason, action_day)


def read_identity(actor, application):
    """The decrypted ID number, for the OGI office only; every reading is audited."""
    if not perms.can_view_identity(actor, application):
        raise Refused("只有政务公开办可以查看申请人的证件号码。")
    number = crypto.decrypt_text(application.id_number_cipher)
    audit("application.identity_viewed", actor=actor, obj=application, summary="查看申请人证件号码")
    return number


def read_proof(actor, proof):
    if not perms.can_view_identity(actor, proof.application):
        raise Refused("只有政务公开办可以查看申请人的身份证明。")
    data = crypto.decrypt_bytes(proof.cipher)
    audit("application.proof_viewed", actor=actor, obj=proof.application, summary=f"查看身份证明文件 {proof.filename}")
    return data


def find_for_applicant(tracking_code, phone_last4):
    """The applicant's own application by tracking code and the last four digits of the phone, or None."""
    code = "".join((tracking_code or "").split()).upper()
    last4 = (phone_last4 or "").strip()
    if len(code) != 10 or len(last4) != 4 or not last4.isdigit():
        return None
    application = DisclosureApplication.objects.filter(tracking_code=code).first()
    if application is None or not "".join(c for c in application.phone if c.isdigit()).endswith(last4):
        return None
    return application
