"""Records of government information (政府信息) and what hangs off them.

Storage choice: records are ordinary Django models, not Wagtail pages. A site holds up to
1,000,000 of them; a page tree with one page per record under a few parents does not scale to
that, and the review rules (drafter ≠ approver, the personal-data findings that block approval,
the checklist of 条例 Art. 17) are this app's own workflow (workflow.py), not Wagtail's.
History is kept as RecordVersion snapshots, one per publication.
"""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from gongkai.disclosure import workflow
from gongkai.portal.models import ColumnMetaMixin

VALIDITY_CHOICES = [("valid", "有效"), ("expired", "失效"), ("abolished", "废止"), ("revised", "已修订")]
ATTRIBUTE_CHOICES = [("proactive", "主动公开"), ("on_request", "依申请公开"), ("withheld", "不予公开")]
KIND_CHOICES = [("document", "政府信息"), ("interpretation", "政策解读")]


class Category(models.Model):
    """An Art. 20 item (official, read-only, loaded by migration) or an agency's sub-category under one."""

    code = models.SlugField("代码", max_length=40, unique=True)
    number = models.PositiveSmallIntegerField("条例第二十条项号", null=True, blank=True)
    name = models.CharField("名称", max_length=100)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="所属类别"
    )
    is_official = models.BooleanField("法定类别", default=False, editable=False)
    sort_order = models.PositiveIntegerField("排序", default=100)

    class Meta:
        verbose_name = "信息类别"
        verbose_name_plural = "信息类别"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"（{self.number}）{self.name}" if self.is_official else self.name

    @property
    def article20(self):
        """The official Art. 20 item this category belongs to."""
        return self if self.parent_id is None else self.parent


class IndexCounter(models.Model):
    """The per-year sequence behind index numbers (索引号)."""

    year = models.PositiveSmallIntegerField(unique=True)
    value = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.value}"


class InformationRecord(models.Model):
    """One piece of government information: its catalogue entry, content and review state."""

    kind = models.CharField("类型", max_length=20, choices=KIND_CHOICES, default="document")
    index_number = models.CharField("索引号", max_length=100, unique=True, null=True, blank=True)
    title = models.CharField("名称", max_length=300)
    document_number = models.CharField("文号", max_length=100, blank=True)
    issuing_body = models.CharField("发布机构", max_length=200, blank=True)
    department = models.ForeignKey(
        "organisation.Department", on_delete=models.PROTECT, related_name="records", verbose_name="承办部门"
    )
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="records", verbose_name="信息类别")
    topics = models.CharField("主题词", max_length=200, blank=True, help_text="多个主题词用空格或顿号分隔")
    attribute = models.CharField("公开属性", max_length=20, choices=ATTRIBUTE_CHOICES, default="proactive")
    attribute_basis = models.CharField("公开属性依据", max_length=300, blank=True)
    review_due_on = models.DateField("不予公开复查日期", null=True, blank=True)
    formed_on = models.DateField("生成日期")
    changed_on = models.DateField("变更日期", null=True, blank=True)
    published_at = models.DateTimeField("发布日期", null=True, blank=True)
    scheduled_at = models.DateTimeField("定时发布时间", null=True, blank=True)
    validity = models.CharField("有效性", max_length=20, choices=VALIDITY_CHOICES, default="valid")
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces", verbose_name="替代文件"
    )
    summary = models.TextField("内容概述", blank=True)
    body = models.TextField("正文（原文，仅限授权人员）", blank=True)
    public_body = models.TextField("正文（公开版本）", blank=True, editable=False)
    status = models.CharField("状态", max_length=20, choices=workflow.STATUS_CHOICES, default=workflow.DRAFT)
    version = models.PositiveIntegerField("版本", default=0)
    withdrawn_note = models.TextField("撤回说明", blank=True)
    revision_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="pending_revisions",
        verbose_name="修订的原记录", help_text="修订稿审核通过后，内容并入原记录，原记录的版本号加一。",
    )
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="drafted_records", verbose_name="起草人"
    )
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="approved_records",
        verbose_name="审核人",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息"
        verbose_name_plural = "政府信息"
        ordering = ["-published_at", "-pk"]
        indexes = [
            # The public catalogue lists published records newest first (ties: newest id), whole or by one
            # filter; with the id in the index a page's keys are read from the index alone (PostgreSQL:
            # index-only scan).
            models.Index(fields=["status", "attribute", "-published_at", "-id"], name="record_public_pub"),
            models.Index(
                fields=["category", "status", "attribute", "-published_at", "-id"], name="record_public_cat_pub"
            ),
            models.Index(
                fields=["department", "status", "attribute", "-published_at", "-id"], name="record_public_dept_pub"
            ),
            models.Index(
                fields=["validity", "status", "attribute", "-published_at", "-id"], name="record_public_valid_pub"
            ),
            models.Index(fields=["status", "formed_on"], name="record_status_formed"),
            models.Index(fields=["attribute", "review_due_on"], name="record_withheld_review"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.status == workflow.PUBLISHED and self.attribute == "proactive"


class RecordVersion(models.Model):
    """A published version of a record, kept when the record is revised or withdrawn."""

    record = models.ForeignKey(InformationRecord, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("版本")
    published_at = models.DateTimeField("发布时间")
    data = models.JSONField("内容")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "历史版本"
        verbose_name_plural = "历史版本"
        constraints = [models.UniqueConstraint(fields=["record", "number"], name="record_version_unique")]
        ordering = ["-number"]

    def __str__(self):
        return f"{self.record_id} 第 {self.number} 版"


def attachment_path(instance, filename):
    return f"restricted/records/{instance.record_id}/{filename}"


def public_attachment_path(instance, filename):
    return f"public/records/{instance.record_id}/{filename}"


class Attachment(models.Model):
    """A file attached to a record. The original stays restricted; the public copy is stripped of metadata."""

    record = models.ForeignKey(InformationRecord, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField("附件名称", max_length=200)
    original = models.FileField("原始文件", upload_to=attachment_path)
    public_file = models.FileField("公开文件", upload_to=public_attachment_path, blank=True)
    file_type = models.CharField("文件类型", max_length=10)
    size = models.PositiveIntegerField("大小（字节）", default=0)
    text = models.TextField("提取的文字", blank=True)
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title

    @property
    def download_url(self):
        """The public download address; served only while the record is public (never the media path)."""
        from gongkai.disclosure.site_tree import attachment_path

        return attachment_path(self.pk)


class PrivacyFinding(models.Model):
    """A piece of personal data the scanner found in a record's body or attachment (RULES.md §7)."""

    OPEN, MASKED, ACCEPTED = "open", "masked", "accepted"
    STATUS_CHOICES = [(OPEN, "待处理"), (MASKED, "已遮盖"), (ACCEPTED, "已确认可公开")]

    record = models.ForeignKey(InformationRecord, on_delete=models.CASCADE, related_name="findings")
    attachment = models.ForeignKey(Attachment, null=True, blank=True, on_delete=models.CASCADE, related_name="findings")
    type = models.CharField("类型", max_length=20)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField("原文", max_length=200)
    masked = models.CharField("遮盖后", max_length=200)
    context = models.CharField("上下文", max_length=300, blank=True)
    status = models.CharField("状态", max_length=10, choices=STATUS_CHOICES, default=OPEN)
    reason = models.CharField("理由", max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "个人信息检查结果"
        verbose_name_plural = "个人信息检查结果"
        ordering = ["attachment_id", "start"]

    def __str__(self):
        return f"{self.type}: {self.masked}"


class ReviewDecision(models.Model):
    """An approval or a return, with the checklist of 条例 Art. 17 (content, timing, method, confidentiality)."""

    record = models.ForeignKey(InformationRecord, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved = models.BooleanField()
    checked_content = models.BooleanField("内容审查", default=False)
    checked_timing = models.BooleanField("时机审查", default=False)
    checked_method = models.BooleanField("方式审查", default=False)
    checked_confidentiality = models.BooleanField("保密审查", default=False)
    comment = models.TextField("审核意见", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{'通过' if self.approved else '退回'}：{self.record_id}"


class Interpretation(models.Model):
    """政策解读: the interpretation-specific fields of a record of kind 'interpretation'."""

    FORM_CHOICES = [
        ("text", "文字解读"), ("graphic", "图解"), ("media", "音视频解读"), ("expert", "专家解读"),
        ("head", "主要负责人解读"), ("plain", "通俗解读"),
    ]
    STAGE_CHOICES = [("before", "事前"), ("during", "事中"), ("after", "事后")]

    record = models.OneToOneField(InformationRecord, on_delete=models.CASCADE, related_name="interpretation")
    policy = models.ForeignKey(
        InformationRecord, on_delete=models.PROTECT, related_name="interpretations", verbose_name="解读的政策"
    )
    form = models.CharField("解读形式", max_length=20, choices=FORM_CHOICES, default="text")
    stage = models.CharField("解读阶段", max_length=20, choices=STAGE_CHOICES, default="during")
    interpreter = models.CharField("解读人", max_length=100, blank=True)

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"

    def __str__(self):
        return f"{self.get_form_display()}：{self.record_id}"


class DisclosureIndexPage(RoutablePageMixin, ColumnMetaMixin, Page):
    """政府信息公开: the guide, the catalogue and the record pages, served from one place in the site tree.

    Records are not pages (see the module docstring); this page routes to them.
    """

    intro = models.TextField("栏目说明", blank=True)

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]
    promote_panels = [*Page.promote_panels, *ColumnMetaMixin.column_panels]

    class Meta:
        verbose_name = "政府信息公开栏目"

    @path("")
    def catalogue(self, request):
        from gongkai.disclosure import public_views

        return public_views.catalogue(request, self)

    @path("guide/")
    def guide(self, request):
        from gongkai.disclosure import public_views

        return public_views.guide(request, self)

    @path("search/")
    def search(self, request):
        from gongkai.disclosure import public_views

        return public_views.search_page(request, self)

    @path("attachment/<int:pk>/")
    def attachment(self, request, pk):
        from gongkai.disclosure import public_views

        return public_views.attachment_download(request, self, pk)

    @path("record/<int:pk>/")
    def record(self, request, pk):
        from gongkai.disclosure import public_views

        return public_views.record_detail(request, self, pk)
