"""The public site's page tree: home page, sections (栏目), articles and the department directory.

Sections and the department directory carry the national column meta tags
(ColumnDescription, ColumnKeywords, ColumnType; RULES.md §6); articles carry the
article-level ones. gongkai.portal.meta turns them into <meta> tags.
"""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

ARTICLES_PER_PAGE = 20
HOME_LATEST_ARTICLES = 8


def plain_text(html, length=None):
    """Rich text as plain text (for descriptions and meta tags), optionally truncated to `length` characters."""
    text = " ".join(strip_tags(html or "").split())
    if length is not None:
        text = Truncator(text).chars(length)
    return text


def live_articles(parent):
    """Published, publicly visible articles below `parent`, newest first."""
    return (
        ArticlePage.objects.live()
        .public()
        .descendant_of(parent)
        .select_related("image")
        .order_by("-published_at", "-pk")
    )


class ColumnMetaMixin(models.Model):
    """The national column meta tags of a section (栏目)."""

    column_description = models.CharField(
        "栏目描述",
        max_length=255,
        blank=True,
        help_text="用一两句话说明这个栏目发布什么内容，用于 ColumnDescription 标签。",
    )
    column_keywords = models.CharField(
        "栏目关键词",
        max_length=255,
        blank=True,
        help_text="多个关键词用逗号分隔，用于 ColumnKeywords 标签。",
    )
    column_type = models.CharField(
        "栏目类型",
        max_length=50,
        blank=True,
        help_text="如：机构职能、负责人信息、机构设置、通知公告、政策文件、工作动态。用于 ColumnType 标签。",
    )

    column_panels = [
        MultiFieldPanel(
            [FieldPanel("column_description"), FieldPanel("column_keywords"), FieldPanel("column_type")],
            heading="栏目元数据（国家规范）",
        )
    ]

    class Meta:
        abstract = True


class HomePage(Page):
    """The site's home page (首页): the root of one agency's site."""

    intro = RichTextField("首页导语", blank=True, help_text="显示在首页顶部的简短说明，可以不填。")

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.SectionPage", "portal.DepartmentDirectoryPage", "disclosure.DisclosureIndexPage"]

    class Meta:
        verbose_name = "首页"
        verbose_name_plural = "首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().in_menu().specific()
        context["latest_articles"] = live_articles(self)[:HOME_LATEST_ARTICLES]
        return context


class SectionPage(ColumnMetaMixin, Page):  # noqa: DJ008 (Page.__str__ is the title)
    """A section (栏目) that lists its articles, newest first, with pagination."""

    intro = RichTextField("栏目说明", blank=True, help_text="显示在文章列表上方，可以不填。")

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + ColumnMetaMixin.column_panels

    parent_page_types = ["portal.HomePage", "portal.SectionPage"]
    subpage_types = ["portal.ArticlePage", "portal.SectionPage", "portal.DepartmentDirectoryPage"]

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = ArticlePage.objects.live().public().child_of(self).order_by("-published_at", "-pk")
        paginator = Paginator(articles, ARTICLES_PER_PAGE)
        context["articles"] = paginator.get_page(request.GET.get("page"))
        context["subsections"] = self.get_children().live().public().not_type(ArticlePage).specific()
        return context


class ArticlePage(Page):
    """An article (文章) in a section."""

    published_at = models.DateTimeField("发布时间", default=timezone.now, db_index=True)
    source = models.CharField("信息来源", max_length=100, blank=True, help_text="不填时显示本机关名称。")
    author = models.CharField("作者", max_length=100, blank=True)
    keywords = models.CharField("关键词", max_length=255, blank=True, help_text="多个关键词用逗号分隔。")
    summary = models.TextField(
        "摘要", max_length=500, blank=True, help_text="一两句话概括文章内容。不填时自动取正文开头。"
    )
    image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="配图",
    )
    body = RichTextField("正文", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("published_at"), FieldPanel("source"), FieldPanel("author"), FieldPanel("keywords")],
            heading="发布信息",
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("keywords"),
        index.SearchField("body"),
        index.FilterField("published_at"),
    ]

    parent_page_types = ["portal.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"

    def description(self, length=120):
        """The summary, or the start of the body when there is none."""
        return self.summary.strip() or plain_text(self.body, length)


class DepartmentDirectoryPage(ColumnMetaMixin, Page):  # noqa: DJ008 (Page.__str__ is the title)
    """The department directory (机构设置): active departments as a tree, and the agency's contacts."""

    intro = RichTextField("页面说明", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + ColumnMetaMixin.column_panels

    parent_page_types = ["portal.HomePage", "portal.SectionPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "机构设置"
        verbose_name_plural = "机构设置"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["departments"] = department_tree()
        return context


class DepartmentNode:
    """One department in the rendered tree, with its active children and its heading level."""

    def __init__(self, department, level):
        self.department = department
        self.level = level
        self.children = []

    @property
    def heading_level(self):
        return min(self.level + 2, 6)


def department_tree():
    """Active departments as a list of root DepartmentNodes, ordered by sort order.

    An active department whose parent is inactive is shown at the top level rather than hidden.
    """
    from gongkai.organisation.models import Department

    departments = list(Department.objects.filter(is_active=True).order_by("sort_order", "pk"))
    by_id = {d.pk: d for d in departments}
    children = {}
    roots = []
    for department in departments:
        if department.parent_id in by_id:
            children.setdefault(department.parent_id, []).append(department)
        else:
            roots.append(department)

    def build(department, level, seen):
        node = DepartmentNode(department, level)
        for child in children.get(department.pk, []):
            if child.pk not in seen:
                node.children.append(build(child, level + 1, seen | {child.pk}))
        return node

    return [build(d, 0, {d.pk}) for d in roots]
