"""Back-office forms for disclosure applications (条例 Arts. 29–45; RULES.md §3).

The forms only parse what staff type: dates as YYYY-MM-DD, numbers, choices. Whether a step
may be taken (role, stage, dates in order, the rules of the clock) is decided by the services
(services.py, intake.py), which refuse with a Chinese message; the registration form applies
the intake's own checks (identity_error, description_error) so that they appear at the field.
"""


from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.applications import choices, outcomes, proofs
from gongkai.applications.intake import description_error, identity_error
from gongkai.organisation import roles
from gongkai.organisation.models import Department

DATE_HELP = "格式：YYYY-MM-DD，例如 2026-06-01。"

# Identity proofs (Art. 29): a scan or a photo; the content must match the extension.


class DateField(forms.DateField):
    """A date typed as YYYY-MM-DD (or picked in the browser's date control), with Chinese messages."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    input_formats = ["%Y-%m-%d"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", DATE_HELP)
        super().__init__(*args, **kwargs)
        self.error_messages["invalid"] = "日期格式不对：请按 YYYY-MM-DD 填写，例如 2026-06-01。"
        self.error_messages["required"] = "请填写日期（YYYY-MM-DD）。"


def _text(label, *, max_length=None, required=False, rows=None, help_text=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else None
    field = forms.CharField(label=label, max_length=max_length, required=required, help_text=help_text,
                            widget=widget)
    field.error_messages["required"] = f"请填写{label}。"
    if max_length:
        field.error_messages["max_length"] = f"{label}最多 {max_length} 个字。"
    return field


def _choice(label, options, *, required=True, initial=None):
    field = forms.ChoiceField(label=label, choices=options, required=required, initial=initial)
    field.error_messages["required"] = f"请选择{label}。"
    field.error_messages["invalid_choice"] = f"请从列表中选择{label}。"
    return field


def _today():
    return timezone.localdate()


def error_text(form):
    """All errors of a form as one Chinese sentence, each prefixed with its field's label."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.extend(f"{label}：{e}" if label else e for e in errors)
    return "；".join(parts)


# --- registration (staff intake) -----------------------------------------------------------

STAFF_CHANNEL_CHOICES = [(code, label) for code, label in choices.CHANNEL_CHOICES if code != choices.ONLINE]
RECEIVED_NOW = (choices.IN_PERSON, choices.REGISTERED_POST)


class RegisterForm(forms.Form):
    """An application received by post, fax, in person or orally (条例 Arts. 29 and 31)."""

    channel = _choice("申请方式", [("", "请选择")] + STAFF_CHANNEL_CHOICES)
    applicant_type = _choice("申请人类型", choices.APPLICANT_TYPE_CHOICES, initial=choices.NATURAL_PERSON)
    applicant_name = _text("申请人姓名或名称", max_length=200, required=True)
    contact_person = _text("联系人", max_length=50, help_text="法人或其他组织申请的，填写经办人姓名。")
    id_type = _choice("证件类型", choices.ID_TYPE_CHOICES, initial=choices.RESIDENT_ID)
    id_number = _text("证件号码", max_length=30, required=True,
                      help_text="居民身份证 18 位，统一社会信用代码 18 位。号码加密保存，只有政务公开办可以查看。")
    phone = _text("联系电话", max_length=30, required=True)
    email = forms.EmailField(label="电子邮箱", required=False, max_length=254,
                             error_messages={"invalid": "电子邮箱格式不对，例如 name@example.com。"})
    address = _text("通信地址", max_length=200)
    postcode = _text("邮政编码", max_length=10)
    info_title = _text("所需信息名称", max_length=300)
    info_doc_number = _text("文号", max_length=100)
    info_description = _text("所需信息的内容描述", rows=4,
                             help_text="信息名称、文号、内容描述至少填写一项，能够确定所需的信息即可。")
    requested_form = _choice("获取信息的载体形式", choices.FORM_CHOICES)
    delivery_route = _choice("获取信息的途径", choices.ROUTE_CHOICES)
    proof = forms.FileField(
        label="身份证明（可选）", required=False,
        help_text=f"身份证件或营业执照的扫描件、照片：JPG、PNG 或 PDF，不超过 {proofs.proof_limit_text()}。"
                  "文件加密保存。")
    received_on = DateField(
        label="收到申请之日", required=False,
        help_text="当面提交、挂号邮寄的必须填写；平常信函、传真、口头提出的，与申请人确认后填写（也可以以后再确认）。"
                  + DATE_HELP)
    received_reason = _text("日期不是今天的原因", max_length=300,
                            help_text="收到申请之日不是今天（补记）时必须填写，记入审计日志。")

    receipt_rules = [choices.RECEIPT_RULES[code] for code, _ in STAFF_CHANNEL_CHOICES]

    def clean_proof(self):
        upload = self.cleaned_data.get("proof")
        if not upload:
            return None
        problem = proofs.proof_problem(upload)
        if problem:
            raise forms.ValidationError(problem)
        return upload

    def clean(self):
        data = super().clean()
        if "id_number" in data and "applicant_type" in data and "id_type" in data:
            problem = identity_error(data["applicant_type"], data["id_type"], data["id_number"])
            if problem:
                self.add_error("id_number", problem)
        problem = description_error(data)
        if problem:
            self.add_error("info_description", problem)
        channel, received_on = data.get("channel"), data.get("received_on")
        if channel in RECEIVED_NOW and received_on is None and "received_on" not in self.errors:
            self.add_error("received_on", "当面提交的以提交之日、挂号邮寄的以签收之日为收到申请之日（条例第三十一条），"
                                          "请填写这个日期。")
        if received_on is not None:
            if received_on > _today():
                self.add_error("received_on", f"收到申请之日不能晚于今天（{_today().isoformat()}）。")
            elif received_on != _today() and not (data.get("received_reason") or "").strip():
                self.add_error("received_reason", f"收到申请之日不是今天（{_today().isoformat()}），"
                                                  "请写明补记的原因。")
        return data

    APPLICANT_PART = ("applicant_type", "applicant_name", "contact_person", "id_type", "id_number", "phone", "email",
                      "address", "postcode")
    INFORMATION_PART = ("info_title", "info_doc_number", "info_description", "requested_form", "delivery_route")

    def applicant_part(self):
        return [self[name] for name in self.APPLICANT_PART]

    def information_part(self):
        return [self[name] for name in self.INFORMATION_PART]

    def applicant_data(self):
        """The applicant and information fields as intake.do_register takes them."""
        data = self.cleaned_data
        return {name: data.get(name) or "" for name in self.APPLICANT_PART + self.INFORMATION_PART}

    def proofs(self):
        upload = self.cleaned_data.get("proof")
        return [proofs.proof_dict(upload)] if upload else []


# --- registration stage ------------------------------------------------------------------------


class PetitionForm(forms.Form):
    """Art. 39: a petition, complaint or report — the applicant is told the proper channel."""

    channel = _text("应当反映的渠道", max_length=200,
                    help_text="例如：12345 市民服务热线、信访部门、12315 投诉举报平台。")
    reply_text = _text("告知申请人的内容", rows=4)
    replied_on = DateField(label="告知日期", initial=_today)


class PassOnForm(forms.Form):
    channel = _text("转交的渠道或部门", max_length=200)
    note = _text("说明", max_length=300)


class ConfirmReceiptForm(forms.Form):
    """Art. 31: the receipt date, confirmed with the applicant (online, ordinary letter, fax, oral)."""

    received_on = DateField(label="收到申请之日", initial=_today)
    reason = _text("日期不是今天的原因", max_length=300, help_text="补记以前的日期时必须填写，记入审计日志。")


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(label="承办部门", queryset=Department.objects.none(),
                                        error_messages={"required": "请选择承办部门。",
                                                        "invalid_choice": "请从列表中选择一个在用的承办部门。"})
    handler = forms.ModelChoiceField(label="承办人（可选）", queryset=get_user_model().objects.none(), required=False,
                                     error_messages={"invalid_choice": "请从列表中选择承办人。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_active=True).order_by("sort_order", "pk")
        self.fields["handler"].queryset = (
            get_user_model().objects.filter(is_active=True, staff_profile__role__in=(
                roles.EDITOR, roles.HEAD, roles.OGI_OFFICE))
            .select_related("staff_profile__department").order_by("staff_profile__department__sort_order",
                                                                  "username"))
        self.fields["handler"].label_from_instance = _staff_label


def _staff_label(user):
    profile = user.staff_profile
    where = profile.department.name if profile.department else roles.ROLE_LABELS[profile.role]
    return f"{user.get_full_name() or user.get_username()}（{where}）"


# --- clock events ----------------------------------------------------------------------------------


class CorrectionForm(forms.Form):
    """Art. 30: one notice listing everything to correct, with a reasonable deadline."""

    sent_on = DateField(label="告知日期", initial=_today)
    items = _text("需要补正的事项", rows=4, help_text="一次性列明全部需要补正的内容，补正告知只能发出一次。")
    deadline_days = forms.IntegerField(
        label="补正期限（工作日）", min_value=1, max_value=60, initial=lambda: settings.APPLICATION_CORRECTION_DAYS,
        error_messages={"required": "请填写补正期限。", "invalid": "补正期限应为整数。",
                        "min_value": "补正期限至少 1 个工作日。", "max_value": "补正期限最多 60 个工作日。"})


class CorrectionReceivedForm(forms.Form):
    received_on = DateField(label="收到补正材料之日", initial=_today)
    note = _text("补正内容摘要", rows=2)
    good_reason = _text("逾期补正的正当理由", rows=2, help_text="补正材料在截止日之后收到的，填写申请人的正当理由。")


class ConsultationForm(forms.Form):
    """Art. 32 (third party) and Art. 34 (another agency): 15 WD, not counted."""

    kind = _choice("征求意见类型", choices.CONSULTATION_CHOICES)
    party = _text("被征求意见方", max_length=200)
    party_address = _text("被征求意见方地址", max_length=200)
    matter = _text("征求意见的事项", rows=3)
    sent_on = DateField(label="发出日期", initial=_today)


class ConsultationAnswerForm(forms.Form):
    answered_on = DateField(label="收到意见或期满之日", initial=_today)
    opinion = _text("意见内容", rows=3, help_text="逾期未答复的，写明“逾期未提出意见”。")


class FeeForm(forms.Form):
    """A processing-fee notice (国办函〔2020〕109号, RULES.md §3.4)."""

    basis = _choice("计收方式", choices.FEE_BASIS_CHOICES)
    quantity = forms.IntegerField(label="件数或页数", min_value=1, max_value=1_000_000,
                                  help_text="按件：该申请人本月累计第几件申请；按量：所提供信息的页数。",
                                  error_messages={"required": "请填写件数或页数。", "invalid": "件数或页数应为正整数。",
                                                  "min_value": "件数或页数应为正整数。",
                                                  "max_value": "件数或页数过大，请核对。"})
    sent_on = DateField(label="通知日期", initial=_today)


class PaymentForm(forms.Form):
    paid_on = DateField(label="缴费日期", initial=_today)


class ExtensionForm(forms.Form):
    """Art. 33: once, at most 20 WD, approved by the head of the OGI office."""

    days = forms.IntegerField(label="延长工作日数", min_value=1, max_value=20, initial=20,
                              error_messages={"required": "请填写延长的工作日数。", "invalid": "请填写整数。",
                                              "min_value": "至少延长 1 个工作日。",
                                              "max_value": "延长的期限最长不超过 20 个工作日（条例第三十三条）。"})
    reason = _text("延期理由", rows=3)


class Art35Form(forms.Form):
    due_on = DateField(label="另行确定的答复期限")
    reason = _text("理由", rows=3, help_text="申请人说明的理由，以及确定这一期限的理由（条例第三十五条）。")


# --- drafting, review, approval, reply --------------------------------------------------------------

DRAFT_OUTCOMES = [o for o in outcomes.OUTCOMES if o.code not in outcomes.EARLY_CLOSE[1:]]
REGULATION = "《中华人民共和国政府信息公开条例》"


def outcome_option(outcome):
    """'部分公开 —— 依据条例第三十七条': the outcome and the article its reply letter cites."""
    return f"{outcome.short} —— 依据{outcome.article.replace(REGULATION, '条例')}"


class DraftForm(forms.Form):
    outcome = _choice("办理结果", [("", "请选择")] + [(o.code, outcome_option(o)) for o in DRAFT_OUTCOMES])
    reply_text = _text("答复内容", rows=6,
                       help_text="公开的，说明获取方式；不予公开或无法提供的，说明理由和依据。答复书会自动引用所选结果的法律依据。")


class ReviewForm(forms.Form):
    decision = _choice("审查意见", [("pass", "审查通过，报部门负责人审批"), ("return", "退回承办部门修改")])
    note = _text("意见说明", rows=2, help_text="退回时必须写明需要修改的地方。")

    @property
    def passed(self):
        return self.cleaned_data["decision"] == "pass"


class ApproveForm(forms.Form):
    decision = _choice("审批意见", [("approve", "同意答复"), ("return", "退回承办部门修改")])
    note = _text("意见说明", rows=2, help_text="退回时必须写明理由。")

    @property
    def approved(self):
        return self.cleaned_data["decision"] == "approve"


class ReplyForm(forms.Form):
    replied_on = DateField(label="答复日期", initial=_today)
    delivery_method = _choice("送达方式", [("", "请选择")] + choices.DELIVERY_CHOICES)
    delivered_on = DateField(label="送达日期", required=False, help_text="已经送达的填写；" + DATE_HELP)


# --- reconsideration and litigation -----------------------------------------------------------------


class RemedyForm(forms.Form):
    kind = _choice("类型", choices.REMEDY_CHOICES)
    filed_on = DateField(label="申请或起诉日期")
    result = _choice("结果", choices.REMEDY_RESULT_CHOICES, initial="pending")
    decided_on = DateField(label="结案日期", required=False, help_text="已审结的填写；" + DATE_HELP)
    note = _text("说明", rows=2)


class RemedyUpdateForm(forms.Form):
    result = _choice("结果", choices.REMEDY_RESULT_CHOICES)
    decided_on = DateField(label="结案日期", required=False, help_text="已审结的填写；" + DATE_HELP)
    note = _text("说明", rows=2)
