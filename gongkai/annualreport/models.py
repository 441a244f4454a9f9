"""The annual report of one year (政府信息公开工作年度报告, RULES.md §4) and what staff add to it.

Tables 二 (its records part), 三 and 四 are never stored while the report is in progress: they are
computed from the data every time they are read (compute.py). Staff add only what the platform
cannot know: the table 二 figures of Art. 20 items (五), (六), (八) with a source note, explicit
adjustment lines with a reason, and the text of sections 一, 五 and 六. At publication the whole
report is frozen in `snapshot`, and the catalogue record holds the published text.
"""

from django.conf import settings
from django.db import models

from gongkai.annualreport import labels as L

DRAFT, SUBMITTED, RETURNED, PUBLISHED = "draft", "submitted", "returned", "published"
STATUS_CHOICES = [(DRAFT, "编写中"), (SUBMITTED, "待审核"), (RETURNED, "已退回修改"), (PUBLISHED, "已发布")]
EDITABLE_STATUSES = (DRAFT, RETURNED)


class AnnualReport(models.Model):
    year = models.PositiveSmallIntegerField("报告年度", unique=True)
    status = models.CharField("状态", max_length=20, choices=STATUS_CHOICES, default=DRAFT)

    # Table 二 figures the platform does not hold (Art. 20 items 五, 六, 八), each with its source.
    licensing_decisions = models.PositiveIntegerField("行政许可 本年处理决定数量", null=True, blank=True)
    licensing_source = models.CharField("行政许可数据来源", max_length=200, blank=True)
    penalty_decisions = models.PositiveIntegerField("行政处罚 本年处理决定数量", null=True, blank=True)
    penalty_source = models.CharField("行政处罚数据来源", max_length=200, blank=True)
    coercion_decisions = models.PositiveIntegerField("行政强制 本年处理决定数量", null=True, blank=True)
    coercion_source = models.CharField("行政强制数据来源", max_length=200, blank=True)
    fees_amount = models.DecimalField("行政事业性收费 本年收费金额（万元）", max_digits=12, decimal_places=4, null=True,
                                      blank=True)
    fees_source = models.CharField("行政事业性收费数据来源", max_length=200, blank=True)

    section1 = models.TextField(L.SECTION_TITLES["section1"], blank=True)
    section5 = models.TextField(L.SECTION_TITLES["section5"], blank=True)
    section6 = models.TextField(L.SECTION_TITLES["section6"], blank=True)

    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name="提交人")
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name="审核人")
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    record = models.OneToOneField("disclosure.InformationRecord", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="annual_report", verbose_name="目录中的政府信息")
    snapshot = models.JSONField("发布时的报告", null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year} 年度报告"

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def is_published(self):
        return self.status == PUBLISHED


TABLE_CHOICES = [("table2", "表二"), ("table3", "表三"), ("table4", "表四")]


class Adjustment(models.Model):
    """A manual change to one computed cell, for cases handled outside the platform (never an overwrite).

    Lines are never deleted: a wrong line is cancelled with a reason and stays visible.
    """

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="adjustments")
    table = models.CharField("表", max_length=10, choices=TABLE_CHOICES)
    row = models.CharField("行", max_length=60)
    column = models.CharField("列", max_length=30)
    delta = models.IntegerField("调整数（可为负数）")
    reason = models.TextField("调整理由")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="调整人")
    created_at = models.DateTimeField("调整时间", auto_now_add=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", verbose_name="撤销人")
    cancelled_at = models.DateTimeField("撤销时间", null=True, blank=True)
    cancel_reason = models.TextField("撤销理由", blank=True)

    class Meta:
        verbose_name = "人工调整"
        verbose_name_plural = "人工调整"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.table} {self.row}/{self.column} {self.delta:+d}"

    @property
    def is_active(self):
        return self.cancelled_at is None

    @property
    def cell_label(self):
        return L.describe_cell(self.table, self.row, self.column)


class ReportDecision(models.Model):
    """The reviewer's approval (with the 条例 Art. 17 checklist) or return of a submitted report."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="decisions")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved = models.BooleanField()
    comment = models.TextField("审核意见", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "年度报告审核记录"
        verbose_name_plural = "年度报告审核记录"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{'通过' if self.approved else '退回'}：{self.report}"
