"""The read-only JSON API of published records (/api/v1/), described by openapi.py.

Plain Django views returning JsonResponse: four GET endpoints need no serializer layer, settings or
browsable pages, and read line by line against the OpenAPI document. Records come from
public_records() only (published and proactive), and the body is the public (masked) one.
Ids are the records' primary keys: stable for the life of a record, shared with its page URL.
"""

import datetime as dt
import re
from functools import wraps

from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from gongkai.disclosure.feeds import category_ids, split_topics
from gongkai.disclosure.models import KIND_CHOICES, VALIDITY_CHOICES, Category
from gongkai.disclosure.public_views import public_records
from gongkai.disclosure.search import record_url
from gongkai.organisation.models import Department

CACHE_SECONDS = 300
PAGE_SIZE_DEFAULT = 20
PAGE_SIZE_MAX = 100
RECORD_NOT_FOUND = "没有找到这条政府信息。"
YEAR_MIN, YEAR_MAX = 1900, 2999  # also keeps dates away from the ends of datetime's range


class BadParameter(ValueError):
    """A query parameter with a value the API cannot use; the message is shown to the caller."""


class InvalidQuery(Exception):
    """Every bad parameter of a request: {parameter: message}."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def json_response(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False},
                            content_type="application/json; charset=utf-8")
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def read_only(view):
    """GET and HEAD only; anything else is answered in JSON, not with Django's empty 405.

    CSRF-exempt because nothing here changes state: a POST gets the JSON 405, not the HTML 403 page.
    """

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = JsonResponse({"detail": "本接口只读，只支持 GET 请求。"}, status=405,
                                    json_dumps_params={"ensure_ascii": False})
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapper


# --- Filters of the record list: parameter name -> function(value) returning a Q -----------------

def _category(value):
    category = Category.objects.filter(code=value).first()
    if category is None:
        raise BadParameter(f"没有代码为“{value[:40]}”的信息类别，可用的代码见 /api/v1/categories/")
    return Q(category__in=category_ids(category))


def _department(value):
    department = Department.objects.filter(code=value).first()
    if department is None:
        raise BadParameter(f"没有代码为“{value[:40]}”的部门，可用的代码见 /api/v1/departments/")
    return Q(department=department)


def _year(value):
    if not re.fullmatch(r"\d{4}", value):
        raise BadParameter("年份必须是 4 位数字，如 2026")
    year = int(value)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise BadParameter(f"年份必须在 {YEAR_MIN} 年到 {YEAR_MAX} 年之间")
    # A range over local (Asia/Shanghai) years, so that the published_at indexes serve it.
    start = timezone.make_aware(dt.datetime(year, 1, 1))
    end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
    return Q(published_at__gte=start, published_at__lt=end)


def _choice(field, choices, message):
    codes = {code for code, _ in choices}

    def parse(value):
        if value not in codes:
            raise BadParameter(message)
        return Q(**{field: value})

    return parse


_validity = _choice(
    "validity", VALIDITY_CHOICES, "有效性只能是 valid（有效）、expired（失效）、abolished（废止）或 revised（已修订）"
)
_kind = _choice("kind", KIND_CHOICES, "类型只能是 document（政府信息）或 interpretation（政策解读）")


def parse_iso_datetime(value):
    """An ISO 8601 date or date-time; naive values are Beijing time. An unencoded '+' of the offset
    arrives as a space ("2026-01-01T08:00:00 08:00") and is put back."""
    value = re.sub(r"(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$", r"\1+\2", value.strip())
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise BadParameter("时间格式有误，请使用 ISO 8601 格式，如 2026-01-01T00:00:00+08:00（“+”请写成 %2B）")
    if not YEAR_MIN <= parsed.year <= YEAR_MAX:
        raise BadParameter(f"时间必须在 {YEAR_MIN} 年到 {YEAR_MAX} 年之间")
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _updated_since(value):
    return Q(updated_at__gte=parse_iso_datetime(value))


FILTERS = {
    "category": _category,
    "department": _department,
    "year": _year,
    "validity": _validity,
    "kind": _kind,
    "updated_since": _updated_since,
}


def _positive_int(value, default, message, maximum=None):
    if value in (None, ""):
        return default
    if not re.fullmatch(r"\d{1,9}", value) or int(value) < 1 or (maximum is not None and int(value) > maximum):
        raise BadParameter(message)
    return int(value)


def _parse_list_query(query):
    """(conditions, page, page_size), or InvalidQuery naming every bad parameter."""
    conditions, errors = [], {}
    for name, parse in FILTERS.items():
        value = query.get(name, "").strip()
        if not value:
            continue
        try:
            conditions.append(parse(value))
        except BadParameter as error:
            errors[name] = str(error)
    page = page_size = None
    try:
        page = _positive_int(query.get("page"), 1, "页码必须是正整数")
    except BadParameter as error:
        errors["page"] = str(error)
    try:
        page_size = _positive_int(query.get("page_size"), PAGE_SIZE_DEFAULT,
                                  f"每页条数必须是 1 到 {PAGE_SIZE_MAX} 之间的整数", maximum=PAGE_SIZE_MAX)
    except BadParameter as error:
        errors["page_size"] = str(error)
    if errors:
        raise InvalidQuery(errors)
    return conditions, page, page_size


def bad_request(errors):
    return json_response({"detail": "参数有误", "errors": errors}, status=400)


# --- Representations ------------------------------------------------------------------------------

def _datetime(value):
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _date(value):
    return value.isoformat() if value else None


def _category_data(category):
    return {"code": category.code, "name": category.name, "article20_number": category.article20.number}


def _record_summary(request, record):
    return {
        "id": record.pk,
        "kind": record.kind,
        "index_number": record.index_number,
        "title": record.title,
        "document_number": record.document_number,
        "department": {"code": record.department.code, "name": record.department.name},
        "category": _category_data(record.category),
        "published_at": _datetime(record.published_at),
        "updated_at": _datetime(record.updated_at),
        "validity": record.validity,
        "summary": record.summary,
        "url": request.build_absolute_uri(record_url(record)),
        "api_url": request.build_absolute_uri(f"/api/v1/records/{record.pk}/"),
    }


def _record_detail(request, record):
    replaced_by = record.replaced_by if record.replaced_by_id and record.replaced_by.is_public else None
    policy = None
    if record.kind == "interpretation":
        policy = public_records().filter(interpretations__record=record).values_list("pk", flat=True).first()
    attachments = [
        {
            "title": attachment.title,
            "url": request.build_absolute_uri(attachment.download_url),
            "file_type": attachment.file_type,
            "size": attachment.size,
        }
        for attachment in record.attachments.exclude(public_file="")
    ]
    return {
        **_record_summary(request, record),
        "issuing_body": record.issuing_body,
        "topics": split_topics(record.topics),
        "formed_on": _date(record.formed_on),
        "changed_on": _date(record.changed_on),
        "replaced_by": replaced_by.pk if replaced_by else None,
        "body_html": record.public_body,
        "attachments": attachments,
        "interpretations": list(
            public_records().filter(interpretation__policy=record).order_by("pk").values_list("pk", flat=True)
        ),
        "policy": policy,
    }


# --- Views ----------------------------------------------------------------------------------------

def _page_url(request, page):
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


@read_only
def record_list(request):
    try:
        conditions, page, page_size = _parse_list_query(request.GET)
    except InvalidQuery as error:
        return bad_request(error.errors)
    records = public_records().filter(*conditions)
    count = records.count()
    last_page = max(1, -(-count // page_size))
    if page > last_page:
        return bad_request({"page": f"页码超出范围：按每页 {page_size} 条，共 {last_page} 页"})
    rows = (
        records.select_related("category", "category__parent", "department")
        .defer("body", "public_body")
        .order_by("-published_at", "-pk")[(page - 1) * page_size:page * page_size]
    )
    return json_response({
        "count": count,
        "next": _page_url(request, page + 1) if page < last_page else None,
        "previous": _page_url(request, page - 1) if page > 1 else None,
        "results": [_record_summary(request, record) for record in rows],
    })


@read_only
def record_detail(request, record_id):
    record = (
        public_records().select_related("category", "category__parent", "department", "replaced_by")
        .filter(pk=record_id).first()
    )
    if record is None:
        return json_response({"detail": RECORD_NOT_FOUND}, status=404)
    return json_response(_record_detail(request, record))


@read_only
def category_list(request):
    categories = Category.objects.select_related("parent").order_by("sort_order", "pk")
    results = [
        {**_category_data(category), "parent": category.parent.code if category.parent_id else None}
        for category in categories
    ]
    return json_response({"count": len(results), "results": results})


@read_only
def department_list(request):
    departments = Department.objects.filter(is_active=True).select_related("parent").order_by("sort_order", "pk")
    results = [
        {"code": department.code, "name": department.name,
         "parent": department.parent.code if department.parent_id else None}
        for department in departments
    ]
    return json_response({"count": len(results), "results": results})


@read_only
def openapi_document(request):
    from gongkai.disclosure.openapi import document

    return json_response(document())


@csrf_exempt
def unknown_endpoint(request, rest=""):
    return json_response({"detail": "没有这个接口，可用的接口见 /api/v1/openapi.json"}, status=404)

