"""The agency that runs the site, its departments and its staff."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from gongkai.organisation import roles


class Agency(models.Model):
    """The agency behind a site: shown in every page footer and in the national meta tags (RULES.md §6)."""

    site = models.OneToOneField(
        "wagtailcore.Site", null=True, blank=True, on_delete=models.SET_NULL, related_name="agency", verbose_name="站点"
    )
    name = models.CharField("机关名称", max_length=100)
    site_name = models.CharField("网站名称", max_length=100, help_text="用于 SiteName 标签和页面标题")
    domain = models.CharField(
        "网站域名", max_length=100, blank=True, help_text="用于 SiteDomain 标签，如 www.example.gov.cn"
    )
    site_id_code = models.CharField(
        "网站标识码", max_length=20, blank=True, help_text="全国政府网站标识码，用于 SiteIDCode 标签和页脚"
    )
    icp_number = models.CharField("ICP 备案号", max_length=50, blank=True)
    police_number = models.CharField("公安备案号", max_length=50, blank=True)
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=10, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    description = models.TextField("机关简介", blank=True)
    ogi_office_name = models.CharField("政务公开工作机构名称", max_length=100, blank=True)
    ogi_address = models.CharField("政务公开工作机构地址", max_length=200, blank=True)
    ogi_hours = models.CharField("政务公开工作机构办公时间", max_length=200, blank=True)
    ogi_phone = models.CharField("联系电话", max_length=50, blank=True)
    ogi_fax = models.CharField("传真", max_length=50, blank=True)
    ogi_email = models.EmailField("电子邮箱", blank=True)
    ogi_department = models.ForeignKey(
        "Department", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="政务公开工作机构所在部门", help_text="该部门的负责人批准依申请公开的延期答复",
    )
    index_code = models.CharField(
        "索引号机构代码", max_length=30, blank=True, help_text="通常为本机关的统一社会信用代码，用于生成索引号"
    )
    index_number_pattern = models.CharField(
        "索引号格式", max_length=100, default="{agency_code}/{year}-{seq:05d}",
        help_text="可用字段：{agency_code} 机构代码、{category} 类别项号、{year} 年份、{seq} 序号（如 {seq:05d}）",
    )

    class Meta:
        verbose_name = "机关信息"
        verbose_name_plural = "机关信息"

    def __str__(self):
        return self.name

    @classmethod
    def current(cls):
        """The agency of the (single) site; None before setup."""
        return cls.objects.order_by("pk").first()


class Department(models.Model):
    """A department (内设机构) of the agency; departments may be nested."""

    name = models.CharField("部门名称", max_length=100, unique=True)
    code = models.SlugField("部门代码", max_length=30, unique=True, help_text="英文字母、数字或连字符，用于编号和导出")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name="上级部门"
    )
    functions = models.TextField("主要职责", blank=True)
    head_name = models.CharField("负责人", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    address = models.CharField("办公地址", max_length=200, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=100)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        node = self.parent
        while node is not None:
            if node.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "上级部门不能是本部门或它的下级部门。"})
            node = node.parent

    def descendant_ids(self):
        """Ids of this department and every department below it."""
        ids, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = list(Department.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            frontier = [pk for pk in frontier if pk not in ids]
            ids.update(frontier)
        return ids


class StaffProfile(models.Model):
    """A staff member's role and department. Permissions derive from these two."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile", verbose_name="用户"
    )
    role = models.CharField("角色", max_length=20, choices=roles.ROLE_CHOICES)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="staff", verbose_name="所属部门"
    )
    phone = models.CharField("联系电话", max_length=50, blank=True)

    class Meta:
        verbose_name = "工作人员"
        verbose_name_plural = "工作人员"

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.username}（{self.get_role_display()}）"

    def clean(self):
        if self.role in roles.DEPARTMENT_SCOPED and self.department_id is None:
            raise ValidationError({"department": "部门编辑、审核人和负责人必须属于一个部门。"})

