"""The public pages of 政府信息公开: catalogue (目录), guide (指南) and record pages (条例 Arts. 12, 24).

Served through DisclosureIndexPage's routes so they sit in the site tree (menu, breadcrumbs,
column meta tags). Only published records with the proactive attribute are ever shown.
"""

import os

from django import forms
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse

from gongkai.disclosure.models import VALIDITY_CHOICES, Attachment, Category, InformationRecord, Interpretation
from gongkai.disclosure.workflow import PUBLISHED, WITHDRAWN
from gongkai.organisation.models import Agency, Department
from gongkai.portal import pagecache
from gongkai.portal.meta import format_pubdate

PER_PAGE = 20


def public_records():
    return InformationRecord.objects.filter(status=PUBLISHED, attribute="proactive")


class CatalogueFilter(forms.Form):
    category = forms.ModelChoiceField(
        label="信息类别", queryset=Category.objects.all(), to_field_name="code", required=False, empty_label="全部类别"
    )
    department = forms.ModelChoiceField(
        label="发布部门", queryset=Department.objects.filter(is_active=True), required=False, empty_label="全部部门"
    )
    year = forms.IntegerField(label="发布年份", min_value=2000, max_value=2100, required=False)
    validity = forms.ChoiceField(label="有效性", choices=[("", "全部")] + VALIDITY_CHOICES, required=False)


def _filtered(form):
    records = public_records()
    data = form.cleaned_data if form.is_valid() else {}
    category = data.get("category")
    if category is not None:
        children = list(category.children.values_list("pk", flat=True)) if category.parent_id is None else []
        # Equality lets the database walk the (category, status, attribute, published_at) index in order.
        if children:
            records = records.filter(category__in=[category.pk, *children])
        else:
            records = records.filter(category=category)
    if data.get("department") is not None:
        records = records.filter(department=data["department"])
    if data.get("year"):
        records = records.filter(published_at__year=data["year"])
    if data.get("validity"):
        records = records.filter(validity=data["validity"])
    return records


def catalogue_page(records, number):
    """Page `number` of `records` (newest first): the keys of the page are found on the index alone,
    then only those rows are read. Deep pages (page 500 skips 10,000 records) never read the rows
    they skip."""
    ordered = records.order_by("-published_at", "-pk")
    paginator = Paginator(ordered.values_list("pk", flat=True), PER_PAGE)
    # The count (238,832 records of a category at 1M: 43 ms on PostgreSQL) changes only when the
    # public content does: once per page-cache generation; the SQL names every filter.
    paginator.count = pagecache.remembered(("catalogue-count", str(records.query)), records.count)
    page = paginator.get_page(number)
    keys = list(page.object_list)
    rows = ordered.select_related("category", "category__parent", "department").in_bulk(keys)
    page.object_list = [rows[key] for key in keys if key in rows]
    return page


def catalogue(request, section):
    form = CatalogueFilter(request.GET or None)
    page = catalogue_page(_filtered(form), request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    categories = Category.objects.filter(parent__isnull=True).order_by("sort_order")
    return TemplateResponse(request, "disclosure/catalogue.html", {
        "page": section, "section": section, "form": form, "records": page, "query": query.urlencode(),
        "categories": categories, "filter_errors": form.is_bound and not form.is_valid(),
    })


def guide(request, section):
    return TemplateResponse(request, "disclosure/guide.html", {
        "page": section, "section": section, "agency": Agency.current(),
        "categories": Category.objects.filter(parent__isnull=True).order_by("sort_order"),
        "meta_article": {"ArticleTitle": "政府信息公开指南", "Description": "如何获取本机关的政府信息"},
    })


def record_detail(request, section, pk):
    record = (
        public_records().select_related("category", "category__parent", "department", "replaced_by")
        .filter(pk=pk).first()
    )
    if record is None:
        withdrawn = InformationRecord.objects.filter(
            pk=pk, status=WITHDRAWN, attribute="proactive", published_at__isnull=False
        ).first()
        if withdrawn is not None:
            # A withdrawn record keeps its address: the public sees what it was and why it went.
            return TemplateResponse(request, "disclosure/withdrawn.html", {
                "page": section, "section": section, "record": withdrawn,
            }, status=410)
        raise Http404("没有找到这条政府信息，它可能尚未公开。")
    url = request.build_absolute_uri()
    article = {
        "ArticleTitle": record.title, "PubDate": format_pubdate(record.published_at),
        "ContentSource": record.issuing_body or record.department.name, "Keywords": record.topics,
        "Author": record.department.name, "Description": record.summary[:120], "Url": url,
    }
    # The related sets are tiny: fetch them by their own indexes and keep the public ones here.
    # (Filtering them in SQL together with status would lead the planner onto the big status index.)
    interpretations = [
        link.record for link in Interpretation.objects.filter(policy=record).select_related("record")
        if link.record.is_public
    ]
    policy = None
    if record.kind == "interpretation":
        link = Interpretation.objects.filter(record=record).select_related("policy").first()
        policy = link.policy if link is not None and link.policy.is_public else None
    replaces = [old for old in InformationRecord.objects.filter(replaced_by=record).order_by("pk") if old.is_public]
    return TemplateResponse(request, "disclosure/record_detail.html", {
        "page": section, "section": section, "record": record, "meta_article": article,
        "attachments": record.attachments.exclude(public_file=""), "interpretations": interpretations,
        "policy": policy, "replaces": replaces,
        "print_view": request.GET.get("print") == "1",
    })


class SearchForm(forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=100,
                        error_messages={"max_length": "搜索词太长了，请控制在 100 个字以内。"})
    category = forms.ModelChoiceField(
        label="信息类别", queryset=Category.objects.filter(parent__isnull=True), to_field_name="code", required=False,
        empty_label="全部类别",
    )
    department = forms.ModelChoiceField(
        label="发布部门", queryset=Department.objects.filter(is_active=True), required=False, empty_label="全部部门"
    )
    year = forms.IntegerField(label="发布年份", min_value=2000, max_value=2100, required=False)
    validity = forms.ChoiceField(label="有效性", choices=[("", "全部")] + VALIDITY_CHOICES, required=False)
    order = forms.ChoiceField(label="排序", choices=[("relevance", "按相关度"), ("date", "按发布日期")], required=False)


def search_page(request, section):
    """Search over published records and interpretations (segmented words plus bigrams)."""
    from gongkai.search import services as search

    form = SearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        try:
            page_number = int(request.GET.get("page", 1))
        except ValueError:
            page_number = 1
        results = search.search(
            data["q"], kinds=["document", "interpretation"],
            category=data["category"].code if data["category"] else None,
            department_id=data["department"].pk if data["department"] else None,
            year=data["year"], validity=data["validity"] or None, order=data["order"] or "relevance",
            page=page_number,
        )
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(request, "disclosure/search.html", {
        "page": section, "section": section, "form": form, "results": results, "query": query.urlencode(),
    })


def attachment_download(request, section, pk):
    """The metadata-stripped public copy of an attachment, only while its record is public."""
    attachment = Attachment.objects.filter(pk=pk, record__in=public_records()).exclude(public_file="").first()
    if attachment is None:
        raise Http404("没有找到这个附件，它可能尚未公开或已被撤回。")
    extension = os.path.splitext(attachment.public_file.name)[1]
    return FileResponse(attachment.public_file.open("rb"), as_attachment=True,
                        filename=f"{attachment.title}{extension}")
