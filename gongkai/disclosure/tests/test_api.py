"""The read-only JSON API (/api/v1/) and its OpenAPI document: filters, pages, errors in Chinese,
public records only, a constant number of queries, and responses that match the documented schemas."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern
from django.utils import timezone

from gongkai.disclosure import api, channel_urls, services
from gongkai.disclosure.models import Attachment, Category, InformationRecord
from gongkai.disclosure.openapi import document
from gongkai.organisation.models import Department

ALL_CHECKED = dict.fromkeys(services.CHECKLIST, True)
LIST = "/api/v1/records/"
NOT_FOUND = {"detail": "没有找到这条政府信息。"}
SECRETS = ("11010519491231002X", "13800138000", "张伟明")


def get_json(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, response.content.decode()
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=300"}
    return response.json()


def ids(data):
    return [row["id"] for row in data["results"]]


# --- A checker for the JSON Schema subset the OpenAPI document uses ---------------------------------

SUPPORTED_KEYWORDS = {
    "type", "properties", "required", "additionalProperties", "items", "enum", "format", "$ref", "description",
    "minimum", "maximum", "pattern", "default",
}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
FORMATS = {
    "date": dt.date.fromisoformat,
    "date-time": lambda v: dt.datetime.fromisoformat(v).tzinfo or (_ for _ in ()).throw(ValueError("no zone")),
    "uri": lambda v: re.fullmatch(r"https?://[^\s/]+/\S*", v) or (_ for _ in ()).throw(ValueError(v)),
}


def resolve_ref(doc, ref):
    assert ref.startswith("#/"), ref
    node = doc
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def check(value, schema, doc, where="$"):
    """Assert that `value` matches `schema`; messages name the JSON path."""
    if "$ref" in schema:
        return check(value, resolve_ref(doc, schema["$ref"]), doc, where)
    if "type" in schema:
        types = [schema["type"]] if isinstance(schema["type"], str) else schema["type"]
        assert any(TYPES[t](value) for t in types), f"{where}: {value!r} is not {types}"
    if value is None:
        return
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in {schema['enum']}"
    if "format" in schema and isinstance(value, str):
        try:
            FORMATS[schema["format"]](value)
        except ValueError as error:
            raise AssertionError(f"{where}: {value!r} is not {schema['format']}") from error
    if "pattern" in schema and isinstance(value, str):
        assert re.search(schema["pattern"], value), f"{where}: {value!r} !~ {schema['pattern']}"
    if "minimum" in schema and isinstance(value, int):
        assert value >= schema["minimum"], where
    if "maximum" in schema and isinstance(value, int):
        assert value <= schema["maximum"], where
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            assert name in value, f"{where}: missing {name}"
        extra = schema.get("additionalProperties", True)
        for name, item in value.items():
            if name in properties:
                check(item, properties[name], doc, f"{where}.{name}")
            elif extra is False:
                raise AssertionError(f"{where}: undocumented field {name}")
            elif isinstance(extra, dict):
                check(item, extra, doc, f"{where}.{name}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            check(item, schema["items"], doc, f"{where}[{i}]")


def test_the_checker_catches_mismatches():
    doc = {"components": {"schemas": {"A": {"type": "object", "properties": {"n": {"type": ["integer", "null"]}},
                                            "required": ["n"], "additionalProperties": False}}}}
    ref = {"$ref": "#/components/schemas/A"}
    check({"n": None}, ref, doc)
    check({"n": 3}, ref, doc)
    for bad in ({}, {"n": "3"}, {"n": True}, {"n": 1, "x": 2}, []):
        with pytest.raises(AssertionError):
            check(bad, ref, doc)
    with pytest.raises(AssertionError):
        check("2026-01-01T00:00:00", {"type": "string", "format": "date-time"}, doc)


def walk_schemas(node):
    if isinstance(node, dict):
        if "schema" in node:
            yield node["schema"]
        for value in node.values():
            yield from walk_schemas(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk_schemas(value)


def all_subschemas(schema):
    yield schema
    for value in schema.get("properties", {}).values():
        yield from all_subschemas(value)
    for key in ("items", "additionalProperties"):
        if isinstance(schema.get(key), dict):
            yield from all_subschemas(schema[key])


def response_schema(doc, path, status):
    return doc["paths"][path]["get"]["responses"][str(status)]["content"]["application/json"]["schema"]


# --- The document -----------------------------------------------------------------------------------

def api_routes():
    """OpenAPI paths of every API URL pattern (the JSON catch-all for unknown paths aside)."""
    paths = {}
    for pattern in channel_urls.urlpatterns:
        if isinstance(pattern, URLPattern) and pattern.name.startswith("api_") and pattern.name != "api_unknown":
            route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: "{" + {"record_id": "id"}.get(m[1], m[1]) + "}",
                           str(pattern.pattern))
            paths["/" + route] = pattern.name
    return paths


@pytest.mark.django_db
def test_the_document_is_served_and_covers_every_endpoint(client):
    doc = get_json(client, "/api/v1/openapi.json")
    assert doc == document()
    assert doc["openapi"].startswith("3.1")
    assert set(doc["paths"]) == set(api_routes())
    for path, item in doc["paths"].items():
        assert set(item) == {"get"}, path
        operation = item["get"]
        assert operation["summary"] and "200" in operation["responses"]
        for response in operation["responses"].values():
            assert re.search(r"[\u4e00-\u9fff]", response["description"])
    for schema in walk_schemas(doc):
        for sub in all_subschemas(schema):
            assert set(sub) <= SUPPORTED_KEYWORDS, set(sub) - SUPPORTED_KEYWORDS
            if "$ref" in sub:
                resolve_ref(doc, sub["$ref"])
    for schema in doc["components"]["schemas"].values():
        for sub in all_subschemas(schema):
            assert set(sub) <= SUPPORTED_KEYWORDS, set(sub) - SUPPORTED_KEYWORDS
            if "$ref" in sub:
                resolve_ref(doc, sub["$ref"])


def test_documented_list_parameters_are_exactly_the_accepted_ones():
    parameters = document()["paths"][LIST]["get"]["parameters"]
    assert {p["name"] for p in parameters} == set(api.FILTERS) | {"page", "page_size"}
    for parameter in parameters:
        assert parameter["in"] == "query" and re.search(r"[\u4e00-\u9fff]", parameter["description"])


# Bad values for every list parameter, and the words their error must contain.
BAD_VALUES = {
    "category": ("art20-99", "信息类别"),
    "department": ("nope", "部门"),
    "year": ("明年", "4 位数字"),
    "validity": ("current", "有效性"),
    "kind": ("news", "类型"),
    "updated_since": ("昨天", "ISO 8601"),
    "page": ("0", "正整数"),
    "page_size": ("101", "1 到 100"),
}


@pytest.mark.django_db
def test_every_documented_parameter_is_accepted_and_validated(client, section, publish):
    publish()
    doc = document()
    parameters = doc["paths"][LIST]["get"]["parameters"]
    assert set(BAD_VALUES) == {p["name"] for p in parameters}
    for parameter in parameters:
        name, example = parameter["name"], parameter["example"]
        check(example, parameter["schema"], doc, name)
        data = get_json(client, LIST, {name: example})
        check(data, response_schema(doc, LIST, 200), doc)
        value, words = BAD_VALUES[name]
        error = get_json(client, LIST, {name: value}, status=400)
        check(error, response_schema(doc, LIST, 400), doc)
        assert error["detail"] == "参数有误" and set(error["errors"]) == {name}
        assert words in error["errors"][name]


@pytest.mark.django_db
def test_real_responses_match_the_documented_schemas(client, section, publish, penalty_category, staff):
    doc = document()
    new = publish(title="新的处罚裁量基准", validity="valid", topics="裁量 基准")
    old = publish(title="旧的处罚裁量基准", validity="revised", replaced_by=new, changed_on=dt.date(2026, 11, 3))
    explainer = publish(title="《处罚裁量基准》解读", kind="interpretation", interpretation={"policy": new})
    Attachment.objects.create(record=new, title="裁量基准表", original=f"restricted/records/{new.pk}/a.xlsx",
                              public_file=f"public/records/{new.pk}/a.xlsx", file_type="xlsx", size=2048)
    Category.objects.create(code="art20-6-food", name="食品安全行政处罚", parent=penalty_category)
    Department.objects.create(name="已撤销的科室", code="gone", is_active=False)

    check(get_json(client, LIST), response_schema(doc, LIST, 200), doc)
    detail_path = "/api/v1/records/{id}/"
    for record in (new, old, explainer):
        check(get_json(client, f"/api/v1/records/{record.pk}/"), response_schema(doc, detail_path, 200), doc)
    check(get_json(client, "/api/v1/records/999999/", status=404), response_schema(doc, detail_path, 404), doc)
    check(get_json(client, "/api/v1/categories/"), response_schema(doc, "/api/v1/categories/", 200), doc)
    check(get_json(client, "/api/v1/departments/"), response_schema(doc, "/api/v1/departments/", 200), doc)
    not_allowed = Client(enforce_csrf_checks=True).post(LIST)
    assert not_allowed.status_code == 405 and not_allowed["Allow"] == "GET, HEAD"
    check(not_allowed.json(), doc["paths"][LIST]["get"]["responses"]["405"]["content"]["application/json"]["schema"],
          doc)


# --- Records ----------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_detail_has_the_catalogue_fields_and_the_masked_body_only(client, section, publish):
    new = publish(title="新的处罚裁量基准", topics="裁量、基准")
    old = publish(title="旧的处罚裁量基准", validity="revised", replaced_by=new)
    explainer = publish(title="《处罚裁量基准》解读", kind="interpretation", interpretation={"policy": new})
    Attachment.objects.create(record=new, title="裁量基准表", original=f"restricted/records/{new.pk}/a.xlsx",
                              public_file=f"public/records/{new.pk}/a.xlsx", file_type="xlsx", size=2048)
    Attachment.objects.create(record=new, title="未处理的原件", original=f"restricted/records/{new.pk}/b.pdf",
                              file_type="pdf", size=10)

    response = client.get(f"/api/v1/records/{new.pk}/")
    raw = response.content.decode()
    data = response.json()
    assert data["id"] == new.pk and data["index_number"] == new.index_number
    assert data["title"] == "新的处罚裁量基准" and data["document_number"] == "示市监罚〔2026〕15号"
    assert data["issuing_body"] == "示范市市场监督管理局"
    assert data["department"] == {"code": "quality", "name": "产品质量安全监督管理科"}
    assert data["category"]["code"] == "art20-6" and data["category"]["article20_number"] == 6
    assert data["topics"] == ["裁量", "基准"]
    assert data["formed_on"] == "2026-11-02" and data["changed_on"] is None
    assert data["published_at"] == timezone.localtime(new.published_at).isoformat(timespec="seconds")
    assert data["published_at"].endswith("+08:00")
    assert data["validity"] == "valid" and data["replaced_by"] is None
    assert data["url"] == f"http://testserver/xxgk/record/{new.pk}/"
    assert data["api_url"] == f"http://testserver/api/v1/records/{new.pk}/"
    assert "110105********002X" in data["body_html"] and "138****8000" in data["body_html"]
    for secret in SECRETS:
        assert secret not in raw
    attachment_id = new.attachments.exclude(public_file="").get().pk
    assert data["attachments"] == [{"title": "裁量基准表", "file_type": "xlsx", "size": 2048,
                                    "url": f"http://testserver/xxgk/attachment/{attachment_id}/"}]
    assert "restricted/" not in raw
    assert data["interpretations"] == [explainer.pk] and data["policy"] is None

    assert get_json(client, f"/api/v1/records/{old.pk}/")["replaced_by"] == new.pk
    explained = get_json(client, f"/api/v1/records/{explainer.pk}/")
    assert explained["kind"] == "interpretation" and explained["policy"] == new.pk


@pytest.mark.django_db
def test_non_public_records_are_404_and_never_listed(client, section, publish, staff, draft_data):
    public = publish(title="公开的决定")
    withdrawn = publish(title="已撤销的决定")
    services.do_withdraw(staff["reviewer"], withdrawn, "决定已被撤销")
    on_request = publish(title="依申请公开的信息", attribute="on_request")
    draft = services.do_create_record(staff["editor"], draft_data(title="草稿"))
    submitted = services.do_create_record(staff["editor"], draft_data(title="待审核"))
    services.do_submit(staff["editor"], submitted)
    replacement_draft = services.do_create_record(staff["editor"], draft_data(title="替代文件草稿"))
    InformationRecord.objects.filter(pk=public.pk).update(replaced_by=replacement_draft)

    for hidden in (withdrawn, on_request, draft, submitted, replacement_draft):
        assert get_json(client, f"/api/v1/records/{hidden.pk}/", status=404) == NOT_FOUND
    assert get_json(client, "/api/v1/records/0/", status=404) == NOT_FOUND
    for params in ({}, {"category": "art20-6"}, {"department": "quality"}, {"validity": "valid"},
                   {"kind": "document"}, {"page_size": 100}):
        assert ids(get_json(client, LIST, params)) == [public.pk]
    assert get_json(client, f"/api/v1/records/{public.pk}/")["replaced_by"] is None  # a draft is not linked


@pytest.mark.django_db
def test_filters(client, section, publish, penalty_category):
    sub = Category.objects.create(code="art20-6-food", name="食品安全行政处罚", parent=penalty_category)
    penalty = publish(title="行政处罚决定")
    food = publish(title="食品安全行政处罚决定", category=sub, validity="expired")
    budget = publish(title="部门预算", category=Category.objects.get(code="art20-7"),
                     department=Department.objects.get(code="quality-check"))
    explainer = publish(title="预算解读", kind="interpretation", interpretation={"policy": budget},
                        category=Category.objects.get(code="art20-7"))
    # Published at 00:30 on 1 January 2026, Beijing time: still 2025 in UTC.
    new_year = timezone.make_aware(dt.datetime(2026, 1, 1, 0, 30))
    InformationRecord.objects.filter(pk=budget.pk).update(published_at=new_year)

    def found(**params):
        return set(ids(get_json(client, LIST, params)))

    assert found() == {penalty.pk, food.pk, budget.pk, explainer.pk}
    assert found(category="art20-6") == {penalty.pk, food.pk}
    assert found(category="art20-6-food") == {food.pk}
    assert found(category="art20-7") == {budget.pk, explainer.pk}
    assert found(category="art20-1") == set()
    assert found(department="quality-check") == {budget.pk}
    assert found(department="quality") == {penalty.pk, food.pk, explainer.pk}
    assert found(validity="expired") == {food.pk}
    assert found(kind="interpretation") == {explainer.pk}
    assert found(kind="document") == {penalty.pk, food.pk, budget.pk}
    assert budget.pk in found(year="2026") and found(year="2025") == set()
    assert found(year="2001") == set()
    assert found(category="art20-7", kind="document", year="2026") == {budget.pk}
    assert found(updated_since="2000-01-01") == found()
    assert found(updated_since="2000-01-01T00:00:00 08:00") == found()  # an unencoded "+" arrives as a space
    assert found(updated_since="2999-01-01T00:00:00+08:00") == set()
    InformationRecord.objects.filter(pk=food.pk).update(updated_at=timezone.now() + dt.timedelta(days=1))
    tomorrow = timezone.localtime() + dt.timedelta(hours=12)
    assert found(updated_since=tomorrow.isoformat()) == {food.pk}
    assert found(category="", department="", year="") == found()  # empty values are no filter


@pytest.mark.django_db
def test_every_bad_parameter_is_reported_at_once(client, section):
    data = get_json(client, LIST, {name: value for name, (value, _) in BAD_VALUES.items()}, status=400)
    assert data["detail"] == "参数有误"
    assert set(data["errors"]) == set(BAD_VALUES)
    assert data["errors"]["year"] == "年份必须是 4 位数字，如 2026"
    for value in ("abc", "-1", "1.5", "1e3"):
        assert set(get_json(client, LIST, {"page": value}, status=400)["errors"]) == {"page"}
    for value in ("0", "101", "-5", "abc"):
        assert set(get_json(client, LIST, {"page_size": value}, status=400)["errors"]) == {"page_size"}
    for value in ("0999", "9999"):
        assert get_json(client, LIST, {"year": value}, status=400)["errors"]["year"] == (
            "年份必须在 1900 年到 2999 年之间")
    for value in ("0001-01-01T00:00:00", "9999-12-31T23:59:59-12:00", "2026-13-01", "2026-01-01T25:00"):
        assert "updated_since" in get_json(client, LIST, {"updated_since": value}, status=400)["errors"]


@pytest.mark.django_db
def test_pagination_edges_and_a_stable_order(client, section, publish):
    records = [publish(title=f"第 {n} 份决定") for n in range(5)]
    same_time = records[0].published_at
    InformationRecord.objects.filter(pk__in=[r.pk for r in records[1:3]]).update(published_at=same_time)
    expected = [r.pk for r in sorted(records, key=lambda r: (
        same_time if r in records[1:3] else r.published_at, r.pk), reverse=True)]

    first = get_json(client, LIST, {"page_size": 2})
    assert first["count"] == 5 and ids(first) == expected[:2] and first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/records/?page_size=2&page=2"
    second = get_json(client, first["next"])
    assert ids(second) == expected[2:4]
    assert second["previous"] == "http://testserver/api/v1/records/?page_size=2&page=1"
    last = get_json(client, second["next"])
    assert ids(last) == expected[4:] and last["next"] is None
    assert get_json(client, LIST, {"page_size": 2, "page": 4}, status=400)["errors"]["page"] == (
        "页码超出范围：按每页 2 条，共 3 页")
    whole = get_json(client, LIST, {"page_size": 100})
    assert ids(whole) == expected and whole["next"] is None
    assert len(ids(get_json(client, LIST))) == 5  # default page size 20
    assert get_json(client, LIST, {"page_size": 5, "kind": "document"})["next"] is None
    filtered = get_json(client, LIST, {"page_size": 1, "category": "art20-6"})
    assert "category=art20-6" in filtered["next"] and "page=2" in filtered["next"]


@pytest.mark.django_db
def test_an_empty_catalogue_is_one_empty_page(client, section):
    assert get_json(client, LIST) == {"count": 0, "next": None, "previous": None, "results": []}
    assert "page" in get_json(client, LIST, {"page": 2}, status=400)["errors"]


@pytest.mark.django_db
def test_list_queries_do_not_grow_with_the_number_of_records(client, section, publish, penalty_category):
    Category.objects.create(code="art20-6-food", name="食品安全行政处罚", parent=penalty_category)
    params = {"page_size": 100, "category": "art20-6", "department": "quality", "year": "2026", "validity": "valid",
              "kind": "document", "updated_since": "2000-01-01"}

    def queries(expected_count):
        with CaptureQueriesContext(connection) as captured:
            for query in ({}, params):
                assert get_json(client, LIST, query)["count"] == expected_count
        return len(captured)

    for _ in range(3):
        publish()
    few = queries(3)
    for _ in range(27):
        publish()
    assert queries(30) == few
    assert few <= 2 + 5  # two (count + page) per request, plus the category and department look-ups


# --- Categories, departments, other paths -----------------------------------------------------------

@pytest.mark.django_db
def test_categories_and_departments(client, departments, penalty_category):
    Category.objects.create(code="art20-6-food", name="食品安全行政处罚", parent=penalty_category)
    Department.objects.create(name="已撤销的科室", code="gone", is_active=False)
    categories = get_json(client, "/api/v1/categories/")
    by_code = {c["code"]: c for c in categories["results"]}
    # The 15 Art. 20 items, the three sub-categories the annual report relies on (规章, 行政规范性文件,
    # 年度报告) and the one made here.
    assert categories["count"] == 19
    assert by_code["art20-1-normative"]["parent"] == "art20-1"
    assert by_code["art20-1"] == {"code": "art20-1", "name": "行政法规、规章和规范性文件", "article20_number": 1,
                                  "parent": None}
    assert by_code["art20-6-food"]["parent"] == "art20-6" and by_code["art20-6-food"]["article20_number"] == 6
    result = get_json(client, "/api/v1/departments/")
    assert result["results"] == [
        {"code": "quality", "name": "产品质量安全监督管理科", "parent": None},
        {"code": "quality-check", "name": "质量抽查组", "parent": "quality"},
        {"code": "food", "name": "食品生产安全监督管理科", "parent": None},
    ]


@pytest.mark.django_db
def test_writes_and_unknown_paths_answer_in_json(client):
    strict = Client(enforce_csrf_checks=True)
    for method in ("post", "put", "delete"):
        response = getattr(strict, method)(LIST)
        assert response.status_code == 405
        assert response.json() == {"detail": "本接口只读，只支持 GET 请求。"}
    for url in ("/api/v1/nothing/", "/api/v1/records/abc/", "/api/v1/records/1/extra/"):
        data = get_json(client, url, status=404)
        assert "没有这个接口" in data["detail"]
    assert client.get("/api/v1/records").status_code == 301  # APPEND_SLASH still applies
    assert client.head(LIST).status_code == 200
