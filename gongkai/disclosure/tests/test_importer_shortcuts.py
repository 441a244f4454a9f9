"""The import's shortcuts write what the slower ways wrote: plain-text bodies that skip the sanitiser,
and findings and version snapshots inserted without bulk_create (RULES.md §7, §2)."""

import datetime as dt
import html
import random

import pytest
from django.utils import timezone

from gongkai.disclosure import importer, workflow
from gongkai.disclosure.models import InformationRecord, PrivacyFinding, RecordVersion
from gongkai.disclosure.sanitize import clean_html


def paragraphs(lines):
    return "".join(f"<p>{html.escape(line.strip(), quote=False)}</p>" for line in lines if line.strip())


@pytest.mark.parametrize(
    "body",
    [
        "当事人：张三\n住址：示范市东城区人民路12号",
        "第二段 <5 度 & 3>2 \"引号\" '单引号'",
        "当　事　人：张三\r\n\r\n联系电话：13800138000\r",
        "<script>alert(1)</script> is text here, not a tag",  # escaped: the body has no known tag
        "emoji 😀, ĉombining é, עברית, ＡＢＣ１２３",
        # characters the sanitiser rewrites or drops: the body still goes through it
        "no-break\u00a0space",
        "nul\x00char",
        "form\x0cfeed and \x0bvertical tab",
        "zero\u200bwidth and \ufeffBOM",
        "line\u2028separator",
    ],
)
def test_a_plain_text_body_is_what_the_sanitiser_makes_of_its_paragraphs(body):
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert importer.body_to_html(body) == clean_html(paragraphs(lines))


def test_random_plain_text_bodies_are_what_the_sanitiser_makes_of_their_paragraphs():
    alphabet = [chr(c) for c in (*range(0x20, 0x7F), *range(0xA0, 0x370), *range(0x590, 0x600), *range(0x2000, 0x2070),
                                 *range(0x3000, 0x3040), *range(0x4E00, 0x4E40), *range(0xFF00, 0xFF70))]
    alphabet += ["\n", "\r", "\t", "\x00", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\ufeff", "\ufffe", "\U0001f600"]
    rng = random.Random(7)
    for _ in range(3000):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        if not body.strip():
            continue
        lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        assert importer.body_to_html(body) == clean_html(paragraphs(lines)), repr(body)


def _rows(queryset):
    fields = [f.attname for f in queryset.model._meta.concrete_fields if not f.primary_key]
    return [tuple(row) for row in queryset.order_by("pk").values_list(*fields)]


@pytest.mark.django_db
def test_rows_inserted_without_bulk_create_are_the_rows_bulk_create_writes(draft_data, staff):
    data = draft_data()
    data["department_id"], data["category_id"] = data.pop("department").pk, data.pop("category").pk
    editor = staff["editor"]
    one, two = (InformationRecord.objects.create(**data, status=workflow.SUBMITTED, drafter=editor) for _ in range(2))
    published_at = timezone.make_aware(dt.datetime(2024, 6, 10, 9, 30))

    def findings(record):
        return [
            # the fields left out take their defaults (status open, no reason, undecided)
            {"record_id": record.pk, "type": "person_name", "start": 5, "end": 8, "text": "张伟明", "masked": "张某",
             "context": "当事人：张伟明"},
            # a number given as text is converted by its field, as bulk_create does
            {"record_id": record.pk, "attachment_id": None, "type": "mobile", "start": "40", "end": 51,
             "text": "13800138000", "masked": "138****8000", "context": "联系电话：13800138000\n",
             "status": PrivacyFinding.ACCEPTED, "reason": "已公开的热线", "decided_by_id": editor.pk,
             "decided_at": published_at},
        ]

    def versions(record):
        return [{"record_id": record.pk, "number": 1, "published_at": published_at, "approver_id": None,
                 "data": {"title": "标题", "topics": ["一", "二"], "public_body": "<p>正文 &amp; 附件</p>"}},
                {"record_id": record.pk, "number": 2, "published_at": published_at, "approver_id": editor.pk,
                 "data": {}}]

    PrivacyFinding.objects.bulk_create([PrivacyFinding(**row) for row in findings(one)])
    importer._insert_rows(PrivacyFinding, findings(two))
    RecordVersion.objects.bulk_create([RecordVersion(**row) for row in versions(one)])
    importer._insert_rows(RecordVersion, versions(two))
    importer._insert_rows(RecordVersion, [])

    def without_record(rows):
        return [row[1:] for row in rows]  # record_id is the first column of both models

    by_bulk_create = _rows(PrivacyFinding.objects.filter(record=one))
    assert len(by_bulk_create) == 2
    assert without_record(_rows(PrivacyFinding.objects.filter(record=two))) == without_record(by_bulk_create)
    by_bulk_create = _rows(RecordVersion.objects.filter(record=one))
    assert len(by_bulk_create) == 2
    assert without_record(_rows(RecordVersion.objects.filter(record=two))) == without_record(by_bulk_create)
    assert RecordVersion.objects.get(record=two, number=1).data["topics"] == ["一", "二"]


def test_fields_that_save_fills_in_are_not_written_without_it():
    from gongkai.disclosure.models import Attachment, ReviewDecision

    with pytest.raises(ValueError):
        importer._insert_rows(ReviewDecision, [{}])  # created_at: auto_now_add
    with pytest.raises(ValueError):
        importer._insert_rows(Attachment, [{}])  # files are stored when saved
