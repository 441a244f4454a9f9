"""Disclosure applications (依申请公开, RULES.md §3) and everything recorded while handling them.

The main model is DisclosureApplication — never "Request", which a reader would confuse with
Django's HTTP request. The clock is not stored: it is derived from the dated facts below
(receipt, correction, consultations, fee notice, extension, Art. 35 date) by clock.compute;
`due_on` keeps a copy only for sorting and filtering, recomputed on every change and after
every calendar edit.

The applicant's ID number and identity proof are stored encrypted (crypto.py); the
fingerprint is a keyed hash of the normalised ID number, so repeats are found without
decrypting anything.
"""

from django.conf import settings
from django.db import models

from gongkai.applications import choices, outcomes


class InformationGroup(models.Model):
    """Applications from different applicants for the same information (Art. 44 requested → proactive)."""

    title = models.CharField("所申请信息", max_length=300)
    key = models.CharField("归并依据", max_length=300, unique=True, help_text="文号或规范化后的信息名称")
    proposed_at = models.DateTimeField("提出转主动公开建议的时间", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "同一信息的申请组"
        verbose_name_plural = "同一信息的申请组"

    def __str__(self):
        return self.title


class DisclosureApplication(models.Model):
    # --- numbers ---------------------------------------------------------
    number = models.CharField("申请编号", max_length=40, unique=True)
    tracking_code = models.CharField("查询码", max_length=16, unique=True)
    submission_token = models.CharField(
        "提交凭据", max_length=64, unique=True, null=True, blank=True, editable=False,
        help_text="网上申请表单的一次性凭据，防止重复提交",
    )
    channel = models.CharField("申请方式", max_length=20, choices=choices.CHANNEL_CHOICES)
    kind = models.CharField("甄别结果", max_length=20, choices=choices.KIND_CHOICES, default=choices.KIND_PENDING)
    passed_on_to = models.CharField("转交渠道", max_length=200, blank=True)

    # --- applicant (Art. 29) -----------------------------------------------
    applicant_type = models.CharField("申请人类型", max_length=20, choices=choices.APPLICANT_TYPE_CHOICES)
    applicant_name = models.CharField("申请人姓名或名称", max_length=200)
    contact_person = models.CharField("联系人", max_length=50, blank=True, help_text="法人或其他组织填写")
    id_type = models.CharField("证件类型", max_length=20, choices=choices.ID_TYPE_CHOICES)
    id_number_cipher = models.TextField("证件号码（加密）", blank=True, editable=False)
    id_number_last4 = models.CharField("证件号码后四位", max_length=4, blank=True)
    applicant_fingerprint = models.CharField("申请人指纹", max_length=64, blank=True, db_index=True, editable=False)
    phone = models.CharField("联系电话", max_length=30)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)

    # --- what is asked for ---------------------------------------------------
    info_title = models.CharField("所需信息名称", max_length=300, blank=True)
    info_doc_number = models.CharField("文号", max_length=100, blank=True)
    info_description = models.TextField("所需信息的内容描述", blank=True)
    requested_form = models.CharField("获取信息的载体形式", max_length=20, choices=choices.FORM_CHOICES)
    delivery_route = models.CharField("获取信息的途径", max_length=20, choices=choices.ROUTE_CHOICES)
    group = models.ForeignKey(InformationGroup, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="applications", verbose_name="同一信息的申请组")

    # --- dates and the clock -------------------------------------------------
    submitted_at = models.DateTimeField("提交或登记时间")
    received_on = models.DateField("收到申请之日", null=True, blank=True, help_text="条例第三十一条")
    extension_days = models.PositiveSmallIntegerField("延长工作日数", default=0)
    extension_reason = models.TextField("延期理由", blank=True)
    extension_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                              on_delete=models.PROTECT, related_name="+",
                                              verbose_name="延期批准人")
    extension_approved_on = models.DateField("延期批准日期", null=True, blank=True)
    art35_due_on = models.DateField("条例第三十五条确定的答复期限", null=True, blank=True)
    art35_reason = models.TextField("条例第三十五条的理由", blank=True)
    due_on = models.DateField("答复期限（缓存）", null=True, blank=True, db_index=True, editable=False)
    calendar_version = models.PositiveIntegerField("计算期限所用日历版本", null=True, blank=True, editable=False)

    # --- handling --------------------------------------------------------------
    stage = models.CharField("办理阶段", max_length=20, choices=choices.STAGE_CHOICES, default=choices.REGISTRATION,
                             db_index=True)
    stage_entered_on = models.DateField("进入本阶段的日期")
    department = models.ForeignKey("organisation.Department", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="applications", verbose_name="承办部门")
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="handled_applications", verbose_name="承办人")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+", verbose_name="登记人")

    # --- the reply -----------------------------------------------------------
    outcome = models.CharField("办理结果", max_length=50, choices=outcomes.CHOICES, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="答复拟稿人")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name="审查人")
    review_note = models.TextField("审查意见", blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name="审批人")
    concluded_on = models.DateField("答复日期", null=True, blank=True, db_index=True)
    delivery_method = models.CharField("送达方式", max_length=20, choices=choices.DELIVERY_CHOICES, blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)
    repeat_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                  verbose_name="疑似重复的已答复申请")

    imported = models.BooleanField("从历史登记簿导入", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["stage", "due_on"], name="app_stage_due_idx"),
            models.Index(fields=["received_on"], name="app_received_idx"),
        ]

    def __str__(self):
        return f"{self.number} {self.info_title or self.info_description[:30]}"

    @property
    def is_open(self):
        return self.stage in choices.OPEN_STAGES and self.concluded_on is None

    @property
    def outcome_label(self):
        return outcomes.label(self.outcome) if self.outcome else ""

    @property
    def is_organisation(self):
        return self.applicant_type != choices.NATURAL_PERSON

    @property
    def info_summary(self):
        return self.info_title or self.info_doc_number or self.info_description[:60]


class IdentityProof(models.Model):
    """A scan or photo of the applicant's identity document, encrypted at rest (Art. 29)."""

    application = models.ForeignKey(DisclosureApplication, on_delete=models.CASCADE, related_name="identity_proofs")
    filename = models.CharField("文件名", max_length=200)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveIntegerField("大小（字节）")
    cipher = models.BinaryField("加密内容", editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "身份证明"
        verbose_name_plural = "身份证明"

    def __str__(self):
        return self.filename


class CorrectionRequest(models.Model):
    """The one correction notice (补正告知, Art. 30) and the applicant's answer."""

    application = models.OneToOneField(DisclosureApplication, on_delete=models.CASCADE, related_name="correction")
    sent_on = models.DateField("告知日期")
    items = models.TextField("需要补正的事项", help_text="一次性列明全部需要补正的内容")
    deadline_days = models.PositiveSmallIntegerField("补正期限（工作日）", default=15)
    deadline_on = models.DateField("补正截止日")
    received_on = models.DateField("收到补正材料之日", null=True, blank=True)
    received_note = models.TextField("补正内容摘要", blank=True)
    good_reason = models.TextField("逾期补正的正当理由", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "补正告知"
        verbose_name_plural = "补正告知"

    def __str__(self):
        return f"补正告知（{self.sent_on}）"


class Consultation(models.Model):
    """A consultation of a third party (Art. 32) or another agency (Art. 34); its time is not counted."""

    application = models.ForeignKey(DisclosureApplication, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField("征求意见类型", max_length=20, choices=choices.CONSULTATION_CHOICES)
    party = models.CharField("被征求意见方", max_length=200)
    party_address = models.CharField("被征求意见方地址", max_length=200, blank=True)
    matter = models.TextField("征求意见的事项")
    sent_on = models.DateField("发出日期")
    due_on = models.DateField("答复期限", help_text="发出后 15 个工作日")
    answered_on = models.DateField("收到意见或期满之日", null=True, blank=True)
    opinion = models.TextField("意见内容", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["sent_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.party}"


class FeeNotice(models.Model):
    """A processing-fee notice (收费通知, 国办函〔2020〕109号); the time until payment is not counted."""

    application = models.OneToOneField(DisclosureApplication, on_delete=models.CASCADE, related_name="fee_notice")
    basis = models.CharField("计收方式", max_length=10, choices=choices.FEE_BASIS_CHOICES)
    quantity = models.PositiveIntegerField("件数或页数", help_text="按件：本月累计第几件；按量：页数")
    amount = models.DecimalField("金额（元）", max_digits=10, decimal_places=2)
    explanation = models.TextField("计算过程")
    sent_on = models.DateField("通知日期")
    pay_by = models.DateField("缴费截止日")
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "收费通知"
        verbose_name_plural = "收费通知"

    def __str__(self):
        return f"收费通知 {self.amount} 元"


class Remedy(models.Model):
    """Administrative reconsideration or litigation about an application (table 四)."""

    application = models.ForeignKey(DisclosureApplication, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField("类型", max_length=30, choices=choices.REMEDY_CHOICES)
    filed_on = models.DateField("申请或起诉日期")
    result = models.CharField("结果", max_length=20, choices=choices.REMEDY_RESULT_CHOICES, default="pending")
    decided_on = models.DateField("结案日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "复议诉讼"
        verbose_name_plural = "复议诉讼"
        ordering = ["filed_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}（{self.get_result_display()}）"


class LetterTemplate(models.Model):
    """An administrator-editable letter template; `outcome` is set for reply letters only."""

    kind = models.CharField("文书类型", max_length=20, choices=choices.LETTER_KIND_CHOICES)
    outcome = models.CharField("办理结果", max_length=50, choices=outcomes.CHOICES, blank=True)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文", help_text="可用 {字段名} 插入申请信息，见页面下方的字段说明")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        constraints = [models.UniqueConstraint(fields=["kind", "outcome"], name="unique_letter_template")]

    def __str__(self):
        return self.title


class Letter(models.Model):
    """A letter issued on an application; its text is fixed when issued, PDF and Word render from it."""

    application = models.ForeignKey(DisclosureApplication, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField("文书类型", max_length=20, choices=choices.LETTER_KIND_CHOICES)
    number = models.CharField("文书编号", max_length=60)
    title = models.CharField("标题", max_length=100)
    addressee = models.CharField("收件人", max_length=200)
    body = models.TextField("正文")
    to_applicant = models.BooleanField("送申请人", default=True, help_text="征求第三方意见书送第三方，不向申请人展示")
    issued_on = models.DateField("落款日期")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.title}（{self.number}）"


class Event(models.Model):
    """The application's history as staff and applicant see it: who did what, when."""

    application = models.ForeignKey(DisclosureApplication, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("事项", max_length=40)
    summary = models.CharField("说明", max_length=500)
    on = models.DateField("日期")
    public = models.BooleanField("申请人可见", default=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.summary


class DeadlineWarning(models.Model):
    """One warning mail per application, threshold and due date: the sweep never sends one twice."""

    application = models.ForeignKey(DisclosureApplication, on_delete=models.CASCADE, related_name="warnings")
    threshold = models.SmallIntegerField("剩余工作日")
    due_on = models.DateField("答复期限")
    recipients = models.TextField("收件人")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "到期提醒"
        verbose_name_plural = "到期提醒"
        constraints = [models.UniqueConstraint(fields=["application", "threshold", "due_on"],
                                               name="unique_deadline_warning")]

    def __str__(self):
        return f"{self.application_id} 剩余 {self.threshold} 个工作日"


class ProactiveProposal(models.Model):
    """A task in the proactive-disclosure queue: information several applicants asked for (Art. 44)."""

    PENDING, ACCEPTED, DECLINED = "pending", "accepted", "declined"
    STATUS_CHOICES = [(PENDING, "待处理"), (ACCEPTED, "已转为主动公开"), (DECLINED, "不宜主动公开")]

    group = models.OneToOneField(InformationGroup, on_delete=models.CASCADE, related_name="proposal")
    applicant_count = models.PositiveIntegerField("不同申请人数")
    status = models.CharField("状态", max_length=20, choices=STATUS_CHOICES, default=PENDING)
    record = models.ForeignKey("disclosure.InformationRecord", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name="主动公开的信息")
    decision_note = models.TextField("处理说明", blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "依申请转主动公开建议"
        verbose_name_plural = "依申请转主动公开建议"

    def __str__(self):
        return f"转主动公开建议：{self.group}"
