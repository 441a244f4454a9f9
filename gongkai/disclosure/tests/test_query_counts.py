"""Public pages run the same number of queries whatever the size of the catalogue (issue 6).

A page whose query count grows with the records it lists (one query per row: N+1) is slow at a
million records long before a timed test would notice. Each page is opened with a small catalogue
and again after many more records (with attachments, interpretations and sub-categories) are added;
the counts must be equal.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.disclosure import workflow
from gongkai.disclosure.models import Attachment, Category, InformationRecord, Interpretation
from gongkai.disclosure.search import index_record
from gongkai.search.services import load_dictionary

_serial = iter(range(1, 10_000))


def add_records(count, *, department, drafter, category):
    """`count` published records written directly (the workflow is tested elsewhere), indexed for search."""
    made = []
    for _ in range(count):
        n = next(_serial)
        published = timezone.make_aware(dt.datetime(2025, 1, 1, 9)) + dt.timedelta(hours=n)
        record = InformationRecord.objects.create(
            title=f"关于电动自行车产品质量监督抽查情况的通告（第{n}期）", document_number=f"示市监通〔2025〕{n}号",
            issuing_body="示范市市场监督管理局", department=department, category=category, drafter=drafter,
            approver=drafter, formed_on=published.date(), published_at=published, status=workflow.PUBLISHED,
            index_number=f"11999900MB0000001X/2025-{n:05d}", version=1, summary="抽查电动自行车产品。",
            body="<p>本局组织开展电动自行车产品质量监督抽查。</p>",
            public_body="<p>本局组织开展电动自行车产品质量监督抽查。</p>",
        )
        Attachment.objects.create(record=record, title="抽查结果", original="restricted/x.pdf", file_type="pdf",
                                  text="抽查结果")
        made.append(record)
    for record in made[: len(made) // 2]:
        interpretation = InformationRecord.objects.create(
            kind="interpretation", title=f"《{record.title}》解读", department=department, category=category,
            drafter=drafter, approver=drafter, formed_on=record.formed_on, published_at=record.published_at,
            status=workflow.PUBLISHED, index_number=f"{record.index_number}-J", version=1,
            public_body="<p>解读。</p>")
        Interpretation.objects.create(record=interpretation, policy=record)
    for record in InformationRecord.objects.all():
        index_record(record)
    return made


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.django_db
def test_public_pages_do_not_query_per_record(client, section, staff, departments, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the rendering is measured here, not the page cache (test_pagecache.py)
    load_dictionary()
    sub = Category.objects.create(code="art20-13-cc", name="产品质量抽查", parent=Category.objects.get(code="art20-13"))
    make = {"department": departments["own"], "drafter": staff["ogi_office"], "category": sub}
    first = add_records(3, **make)[1]
    record_url = f"{section.url}record/{first.pk}/"
    pages = {
        "home": "/",
        "catalogue": section.url,
        "category": f"{section.url}?category=art20-13",
        "record": record_url,
        "search": f"{section.url}search/?q=电动自行车",
        "annual reports": "/ndbg/",
    }
    for url in pages.values():  # warm caches that are filled once per process (site root, dictionary)
        queries(client, url)
    before = {name: queries(client, url) for name, url in pages.items()}
    add_records(40, **make)
    for url in pages.values():  # the new records renew the fragments built once per generation (menu)
        queries(client, url)
    after = {name: queries(client, url) for name, url in pages.items()}
    assert after == before
