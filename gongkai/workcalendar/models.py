"""The working-day calendar as data (RULES.md §1).

A year is either fully covered (a CalendarYear row exists) or not covered at all: computations
that need an uncovered year fail closed. Within a covered year only the days that differ from
the Monday–Friday rule are stored, plus named holidays falling on a weekend:
- kind "holiday": a rest day set by the schedule (放假), e.g. 2026-02-16 春节;
- kind "workday": a weekend day declared a working day (调休上班), e.g. 2026-02-14.

CalendarRevision is a single row counting every change; its number is the calendar version that
later apps record next to each deadline they compute.
"""

import uuid

from django.conf import settings
from django.db import models

from gongkai.workcalendar.clock import format_day


class CalendarYear(models.Model):
    SOURCE_SEED = "seed"
    SOURCE_IMPORT = "import"
    SOURCE_CHOICES = [
        (SOURCE_SEED, "初始数据（chinesecalendar）"),
        (SOURCE_IMPORT, "管理员导入"),
    ]

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField("来源", max_length=10, choices=SOURCE_CHOICES)
    version = models.CharField("数据版本", max_length=100, blank=True, help_text="如“chinesecalendar 1.11.0”")
    note = models.TextField("备注", blank=True)
    source_text = models.TextField("导入原文", blank=True, help_text="导入时粘贴或上传的安排原文，留作依据")
    imported_at = models.DateTimeField("录入时间")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="录入人",
    )

    class Meta:
        verbose_name = "节假日安排年度"
        verbose_name_plural = "节假日安排年度"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year} 年节假日安排"


class CalendarDay(models.Model):
    HOLIDAY = "holiday"
    WORKDAY = "workday"
    KIND_CHOICES = [
        (HOLIDAY, "休息日（放假）"),
        (WORKDAY, "调休上班"),
    ]

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=KIND_CHOICES)
    name = models.CharField("节日名称", max_length=50, blank=True, help_text="如 春节、国庆节")
    note = models.CharField("说明", max_length=300, blank=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="修改人",
    )

    class Meta:
        verbose_name = "特殊日期"
        verbose_name_plural = "特殊日期"
        ordering = ["date"]

    def __str__(self):
        label = self.get_kind_display()
        return f"{format_day(self.date)} {self.name}{label}" if self.name else f"{format_day(self.date)} {label}"


class CalendarRevision(models.Model):
    """Singleton (pk=1): bumped by every change to the calendar.

    `number` is the public calendar version; `token` changes with every bump, including bumps that
    are rolled back, so a per-process cache keyed by it can never serve stale data.
    """

    number = models.PositiveIntegerField("版本号", default=0)
    token = models.UUIDField(default=uuid.uuid4)
    changed_at = models.DateTimeField("修改时间", null=True, blank=True)

    class Meta:
        verbose_name = "日历版本"
        verbose_name_plural = "日历版本"

    def __str__(self):
        return f"日历版本 {self.number}"
