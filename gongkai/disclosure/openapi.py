"""The OpenAPI 3.1 document of the records API (api.py), written by hand and served at /api/v1/openapi.json.

Schemas use the JSON Schema subset that tests/test_api.py checks responses against: type (a name or
a list of names, "null" for nullable), properties, required, additionalProperties, items, enum, format
(date, date-time, uri) and $ref to components/schemas. Objects are closed (additionalProperties:
false), so a field added to a response without documenting it fails the tests.
"""

from gongkai.disclosure.api import CACHE_SECONDS, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, RECORD_NOT_FOUND
from gongkai.disclosure.models import KIND_CHOICES, VALIDITY_CHOICES


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _string(description, **extra):
    return {"type": "string", "description": description, **extra}


def _nullable(type_name, description, **extra):
    return {"type": [type_name, "null"], "description": description, **extra}


def _object(properties, description=""):
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def _choices(choices):
    return "；".join(f"{code}：{label}" for code, label in choices)


REF_DEPARTMENT = _object({"code": _string("部门代码"), "name": _string("部门名称")}, "承办部门")
REF_CATEGORY = _object({
    "code": _string("类别代码，如 art20-6；本机关自设的子类别另有代码"),
    "name": _string("类别名称"),
    "article20_number": {"type": "integer", "minimum": 1, "maximum": 15,
                         "description": "所属《政府信息公开条例》第二十条的项号（1–15）"},
}, "信息类别")

RECORD_SUMMARY = {
    "id": {"type": "integer", "description": "记录编号：长期不变，与公开页面地址中的编号一致"},
    "kind": _string("类型：" + _choices(KIND_CHOICES), enum=[code for code, _ in KIND_CHOICES]),
    "index_number": _string("索引号"),
    "title": _string("名称"),
    "document_number": _string("文号，没有文号时为空字符串"),
    "department": _ref("DepartmentRef"),
    "category": _ref("CategoryRef"),
    "published_at": _string("发布时间（北京时间）", format="date-time"),
    "updated_at": _string("最后修改时间（北京时间），可用于 updated_since 增量同步", format="date-time"),
    "validity": _string("有效性：" + _choices(VALIDITY_CHOICES), enum=[code for code, _ in VALIDITY_CHOICES]),
    "summary": _string("内容概述"),
    "url": _string("公开页面的完整地址", format="uri"),
    "api_url": _string("本条记录详情接口的完整地址", format="uri"),
}

RECORD = {
    **RECORD_SUMMARY,
    "issuing_body": _string("发布机构"),
    "topics": {"type": "array", "items": {"type": "string"}, "description": "主题词"},
    "formed_on": _string("生成日期", format="date"),
    "changed_on": _nullable("string", "变更日期，未变更时为 null", format="date"),
    "replaced_by": _nullable("integer", "替代本文件的新文件编号（新文件已公开时），否则为 null"),
    "body_html": _string("正文（公开版本，个人信息已遮盖）的 HTML"),
    "attachments": {"type": "array", "items": _ref("Attachment"), "description": "可公开下载的附件"},
    "interpretations": {"type": "array", "items": {"type": "integer"},
                        "description": "解读本文件的已公开政策解读的编号"},
    "policy": _nullable("integer", "政策解读所解读的文件编号（该文件已公开时）；其他类型为 null"),
}

SCHEMAS = {
    "Error": _object({"detail": _string("错误说明")}, "错误"),
    "ValidationError": _object({
        "detail": _string("总体说明，固定为“参数有误”"),
        "errors": {"type": "object", "additionalProperties": {"type": "string"},
                   "description": "每个有误参数的名称及其错误说明"},
    }, "参数有误"),
    "DepartmentRef": REF_DEPARTMENT,
    "CategoryRef": REF_CATEGORY,
    "RecordSummary": _object(RECORD_SUMMARY, "政府信息（列表中的简要信息）"),
    "Record": _object(RECORD, "政府信息（详情）"),
    "Attachment": _object({
        "title": _string("附件名称"),
        "url": _string("公开文件的下载地址", format="uri"),
        "file_type": _string("文件类型，如 pdf、docx"),
        "size": {"type": "integer", "description": "大小（字节）"},
    }, "附件"),
    "RecordPage": _object({
        "count": {"type": "integer", "description": "符合条件的记录总数"},
        "next": _nullable("string", "下一页的完整地址，没有下一页时为 null", format="uri"),
        "previous": _nullable("string", "上一页的完整地址，没有上一页时为 null", format="uri"),
        "results": {"type": "array", "items": _ref("RecordSummary"), "description": "本页记录，按发布时间从新到旧"},
    }, "一页政府信息"),
    "Category": _object({
        **REF_CATEGORY["properties"],
        "parent": _nullable("string", "上级类别代码；第二十条法定类别为 null"),
    }, "信息类别"),
    "CategoryList": _object({
        "count": {"type": "integer", "description": "类别总数"},
        "results": {"type": "array", "items": _ref("Category")},
    }, "全部信息类别"),
    "Department": _object({
        "code": _string("部门代码"),
        "name": _string("部门名称"),
        "parent": _nullable("string", "上级部门代码；没有上级部门时为 null"),
    }, "部门"),
    "DepartmentList": _object({
        "count": {"type": "integer", "description": "部门总数"},
        "results": {"type": "array", "items": _ref("Department")},
    }, "全部在用部门"),
}

CACHE_HEADER = {
    "Cache-Control": {
        "description": f"public, max-age={CACHE_SECONDS}：可缓存 {CACHE_SECONDS // 60} 分钟",
        "schema": {"type": "string"},
    }
}


def _json(schema_name, description):
    return {
        "description": description,
        "headers": CACHE_HEADER,
        "content": {"application/json": {"schema": _ref(schema_name)}},
    }


def _query(name, description, schema, example):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema,
            "example": example}


LIST_PARAMETERS = [
    _query("category", "信息类别代码（见 /api/v1/categories/）；第二十条类别包括其下的子类别",
           {"type": "string"}, "art20-6"),
    _query("department", "部门代码（见 /api/v1/departments/）", {"type": "string"}, "quality"),
    _query("year", "发布年份（北京时间），4 位数字", {"type": "string", "pattern": "^[0-9]{4}$"}, "2026"),
    _query("validity", "有效性：" + _choices(VALIDITY_CHOICES),
           {"type": "string", "enum": [code for code, _ in VALIDITY_CHOICES]}, "valid"),
    _query("kind", "类型：" + _choices(KIND_CHOICES),
           {"type": "string", "enum": [code for code, _ in KIND_CHOICES]}, "document"),
    _query("updated_since", "只返回在此时间及以后修改过的记录；ISO 8601 格式，未写时区的按北京时间，“+”请写成 %2B",
           {"type": "string", "format": "date-time"}, "2026-01-01T00:00:00+08:00"),
    _query("page", "页码，从 1 开始", {"type": "integer", "minimum": 1, "default": 1}, 1),
    _query("page_size", f"每页条数，最多 {PAGE_SIZE_MAX}",
           {"type": "integer", "minimum": 1, "maximum": PAGE_SIZE_MAX, "default": PAGE_SIZE_DEFAULT}, 20),
]

BAD_REQUEST = {
    "description": "参数有误：errors 中列出每个有误的参数及原因",
    "headers": CACHE_HEADER,
    "content": {"application/json": {
        "schema": _ref("ValidationError"),
        "example": {"detail": "参数有误", "errors": {"year": "年份必须是 4 位数字，如 2026"}},
    }},
}
NOT_ALLOWED = {
    "description": "本接口只读，只支持 GET 和 HEAD 请求",
    "content": {"application/json": {"schema": _ref("Error")}},
}


def document():
    """The OpenAPI document as a dict (shares the module-level schema dicts: do not mutate)."""
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {
            "title": "政府信息公开数据接口",
            "version": "1.0.0",
            "description": (
                "只读接口，无需登录，只提供已主动公开的政府信息；正文为遮盖个人信息后的公开版本。"
                "记录编号长期不变。所有时间均带时区，为北京时间。列表按发布时间从新到旧排列，"
                "发布时间相同的按编号从大到小排列。"
            ),
        },
        "servers": [{"url": "/", "description": "本站"}],
        "paths": {
            "/api/v1/records/": {"get": {
                "operationId": "listRecords",
                "summary": "政府信息列表",
                "description": "分页列出已公开的政府信息，可按类别、部门、年份、有效性、类型和修改时间筛选。",
                "parameters": LIST_PARAMETERS,
                "responses": {
                    "200": _json("RecordPage", "一页政府信息"),
                    "400": BAD_REQUEST,
                    "405": NOT_ALLOWED,
                },
            }},
            "/api/v1/records/{id}/": {"get": {
                "operationId": "getRecord",
                "summary": "政府信息详情",
                "parameters": [{
                    "name": "id", "in": "path", "required": True, "description": "记录编号",
                    "schema": {"type": "integer", "minimum": 1}, "example": 1,
                }],
                "responses": {
                    "200": _json("Record", "一条政府信息"),
                    "404": {
                        "description": "没有这条记录，或它尚未公开、已撤回、不属于主动公开",
                        "headers": CACHE_HEADER,
                        "content": {"application/json": {
                            "schema": _ref("Error"), "example": {"detail": RECORD_NOT_FOUND},
                        }},
                    },
                    "405": NOT_ALLOWED,
                },
            }},
            "/api/v1/categories/": {"get": {
                "operationId": "listCategories",
                "summary": "信息类别",
                "description": "《政府信息公开条例》第二十条的 15 个法定类别，以及本机关自设的子类别。",
                "responses": {"200": _json("CategoryList", "全部信息类别"), "405": NOT_ALLOWED},
            }},
            "/api/v1/departments/": {"get": {
                "operationId": "listDepartments",
                "summary": "部门",
                "responses": {"200": _json("DepartmentList", "全部在用部门"), "405": NOT_ALLOWED},
            }},
            "/api/v1/openapi.json": {"get": {
                "operationId": "getOpenApiDocument",
                "summary": "本接口说明（OpenAPI 3.1）",
                "responses": {
                    "200": {
                        "description": "本文档",
                        "headers": CACHE_HEADER,
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    "405": NOT_ALLOWED,
                },
            }},
        },
        "components": {"schemas": SCHEMAS},
    }
