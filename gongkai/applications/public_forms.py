"""Forms of the public application pages: the online application (条例 Art. 29) and the tracking lookup.

The application form checks what the applicant can fix at once — every required item of
Art. 29, the ID number's checksum (GB 11643 / GB 32100, via intake.identity_error), the
description (intake.description_error), the identity-proof files (type by content, size) —
and the CAPTCHA; the intake service checks the essentials again before saving.

The honeypot (`website`) and the CAPTCHA inputs are rendered by the template itself so a
refused form never echoes them back.
"""

import re
import secrets

from django import forms
from django.core import signing

from gongkai.applications import captcha, choices, intake
from gongkai.applications.proofs import proof_dict, proof_limit_text, proof_problem

SUBMISSION_SALT = "gongkai.applications.submission"
SUBMISSION_MAX_AGE_SECONDS = 24 * 3600
MAX_PROOF_FILES = 3
DESCRIPTION_MAX_CHARS = 5000
_PHONE_SEPARATORS = re.compile(r"[ \-+()（）转]")  # what intake accepts besides digits


# --- the one-time submission token (replay protection) ---------------------------------------------------


def new_submission_token():
    """A signed random token for one form; intake.do_submit_online returns the first application for it."""
    return signing.TimestampSigner(salt=SUBMISSION_SALT).sign(secrets.token_urlsafe(32))


def read_submission_token(signed):
    """The raw token, or None when it was tampered with or is older than a day."""
    try:
        raw = signing.TimestampSigner(salt=SUBMISSION_SALT).unsign(signed or "", max_age=SUBMISSION_MAX_AGE_SECONDS)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return raw if 20 <= len(raw) <= 64 else None


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class ProofField(forms.FileField):
    """Up to MAX_PROOF_FILES files (e.g. both sides of an ID card); cleans to a list."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > MAX_PROOF_FILES:
            raise forms.ValidationError(f"身份证明最多上传 {MAX_PROOF_FILES} 个文件。")
        problems = [proof_problem(f) for f in files]
        problems = [p for p in problems if p]
        if problems:
            raise forms.ValidationError(problems)
        return files


# --- the application form ------------------------------------------------------------------------------------


def _text(label, max_length, *, required=True, required_message="", help_text="", widget=None, **kwargs):
    return forms.CharField(
        label=label, max_length=max_length, required=required, help_text=help_text, widget=widget,
        error_messages={
            "required": required_message or f"请填写{label}。",
            "max_length": f"{label}最多 {max_length} 个字，现在是 %(show_value)d 个，请精简。",
        },
        **kwargs,
    )


def _radio(label, field_choices, message):
    return forms.ChoiceField(label=label, choices=field_choices, widget=forms.RadioSelect,
                             error_messages={"required": message, "invalid_choice": message})


class ApplicationForm(forms.Form):
    """The online application (条例 Art. 29: who applies, proof of identity, contact, what, form and route)."""

    applicant_type = _radio("申请人类型", choices.APPLICANT_TYPE_CHOICES, "请选择申请人类型。")
    applicant_name = _text("申请人姓名或名称", 200,
                           required_message="请填写申请人的姓名（个人）或名称（法人或其他组织）。",
                           help_text="个人填写本人姓名；法人或其他组织填写全称，与营业执照或登记证书一致。")
    contact_person = _text("联系人姓名", 50, required=False, help_text="法人或其他组织申请时填写经办人姓名。")
    id_type = _radio("证件类型", choices.ID_TYPE_CHOICES, "请选择证件类型。")
    id_number = _text("证件号码", 40, required_message="请填写证件号码。",
                      help_text="居民身份证号码为 18 位；统一社会信用代码为 18 位，印在营业执照上。")
    proof = ProofField(label="身份证明文件", required=False)
    phone = _text("联系电话", 30, required_message="请填写联系电话，我们需要时会与您联系。",
                  help_text="手机号码或带区号的固定电话。查询办理进度时需要输入它的后 4 位。")
    email = forms.EmailField(label="电子邮箱", required=False, max_length=254, error_messages={
        "invalid": "电子邮箱格式不正确，例如 name@example.com。",
        "max_length": "电子邮箱太长了，请核对。"})
    address = _text("通信地址", 200, required=False, help_text="选择邮寄的，请填写能收到邮件的详细地址。")
    postcode = _text("邮政编码", 10, required=False)

    info_title = _text("所需信息的名称", 300, required=False,
                       help_text="例如：2025 年度电动自行车产品质量监督抽查结果。")
    info_doc_number = _text("文号", 100, required=False, help_text="知道文号的请填写，例如：示市监发〔2025〕12 号。")
    info_description = _text(
        "所需信息的内容描述", DESCRIPTION_MAX_CHARS, required=False,
        help_text="说明您需要哪方面的信息，如时间范围、地区、事项名称，便于我们准确查找。",
        widget=forms.Textarea(attrs={"rows": 6}))
    requested_form = _radio("获取信息的载体形式", choices.FORM_CHOICES, "请选择希望以什么形式获取信息。")
    delivery_route = _radio("获取信息的途径", choices.ROUTE_CHOICES, "请选择希望通过什么途径获取信息。")

    # Rendered by hand in the template (never echoed back); declared here so they are parsed.
    captcha_answer = forms.CharField(required=False, max_length=20)
    captcha_token = forms.CharField(required=False, max_length=1000)
    website = forms.CharField(required=False, max_length=1000)  # the honeypot (checked by the view): left empty
    submission = forms.CharField(required=False, max_length=200)

    HAND_RENDERED = ("captcha_answer", "captcha_token", "website", "submission")
    # What the label says about being required, where it depends on other answers.
    REQUIREMENT_NOTES = {
        "contact_person": "法人或其他组织必填",
        "email": "选择电子邮件获取的必填",
        "address": "选择邮寄的必填",
        "proof": "选填，建议上传",
        "info_title": "与文号、内容描述至少填写一项",
        "info_doc_number": "与信息名称、内容描述至少填写一项",
        "info_description": "与信息名称、文号至少填写一项",
    }

    def __init__(self, *args, submission_raw="", **kwargs):
        super().__init__(*args, **kwargs)
        self.submission_raw = submission_raw
        self.fields["proof"].help_text = (
            f"可上传身份证正反面、营业执照等的照片或扫描件，最多 {MAX_PROOF_FILES} 个文件，每个不超过 "
            f"{proof_limit_text()}，格式为 JPG、PNG 或 PDF。没有也可以先提交，工作人员需要时会联系您补充。")
        for name, field in self.fields.items():
            field.requirement = self.REQUIREMENT_NOTES.get(name) or ("必填" if field.required else "选填")
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["postcode"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "postal-code"})
        self.fields["address"].widget.attrs.update({"autocomplete": "street-address"})
        self.fields["id_number"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def visible(self):
        return [self[name] for name in self.fields if name not in self.HAND_RENDERED]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = _PHONE_SEPARATORS.sub("", phone)
        if not digits.isdigit() or not digits.isascii() or not 7 <= len(digits) <= 20:
            raise forms.ValidationError("联系电话请填写手机号码或带区号的固定电话，例如 13912345678 或 010-12345678。")
        return phone

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not (len(postcode) == 6 and postcode.isdigit() and postcode.isascii()):
            raise forms.ValidationError("邮政编码应为 6 位数字。")
        return postcode

    def clean(self):
        data = super().clean()
        applicant_type, id_type = data.get("applicant_type"), data.get("id_type")
        if id_type and data.get("id_number"):
            if not applicant_type:  # check the number alone until the applicant type is chosen
                applicant_type = "other_org" if id_type == choices.USCC else choices.NATURAL_PERSON
            message = intake.identity_error(applicant_type, id_type, data["id_number"])
            if message:
                self.add_error("id_number", message)
        applicant_type = data.get("applicant_type")
        if applicant_type and applicant_type != choices.NATURAL_PERSON and not data.get("contact_person", "").strip():
            if "contact_person" not in self.errors:
                self.add_error("contact_person", "法人或其他组织申请，请填写联系人（经办人）姓名。")
        if data.get("delivery_route") == "email" and "email" not in self.errors and not data.get("email"):
            self.add_error("email", "您选择通过电子邮件获取信息，请填写电子邮箱。")
        no_address = not data.get("address", "").strip()
        if data.get("delivery_route") == "post" and "address" not in self.errors and no_address:
            self.add_error("address", "您选择通过邮寄获取信息，请填写通信地址。")
        description_fields = ("info_title", "info_doc_number", "info_description")
        if not any(name in self.errors for name in description_fields):
            message = intake.description_error(data)
            if message:
                self.add_error("info_title", message)
        message = captcha.check(data.get("captcha_token"), data.get("captcha_answer"), self.submission_raw)
        if message:
            self.add_error("captcha_answer", message)
        return data

    def intake_data(self):
        """The fields intake.do_submit_online reads."""
        data = {name: self.cleaned_data.get(name, "") for name in intake.APPLICANT_FIELDS}
        data["id_number"] = self.cleaned_data["id_number"]
        if data["applicant_type"] == choices.NATURAL_PERSON:
            data["contact_person"] = ""
        return data

    def proofs(self):
        return [proof_dict(f) for f in self.cleaned_data.get("proof") or []]


# --- tracking ---------------------------------------------------------------------------------------------


class TrackForm(forms.Form):
    """Tracking code + last four digits of the phone (intake.find_for_applicant)."""

    code = forms.CharField(
        label="查询码", max_length=30, help_text="提交申请后回执上的 10 位字母和数字，不区分大小写。",
        error_messages={"required": "请填写查询码。", "max_length": "查询码是 10 位字母和数字，请核对。"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}))
    phone_last4 = forms.CharField(
        label="联系电话后 4 位", max_length=4, min_length=4, help_text="申请时填写的联系电话的最后 4 位数字。",
        error_messages={"required": "请填写联系电话的后 4 位数字。", "max_length": "请只填写联系电话的后 4 位数字。",
                        "min_length": "请填写联系电话的后 4 位数字。"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))

    def clean_phone_last4(self):
        value = self.cleaned_data["phone_last4"].strip()
        if not (value.isdigit() and value.isascii()):
            raise forms.ValidationError("请填写联系电话的后 4 位数字（阿拉伯数字）。")
        return value
