"""The benchmark data generator (bench.data): determinism, coverage, sizes, masking, index, cache.

The dataset (300 records, 200 applications) is generated once for the module, in process, inside
a transaction that is rolled back afterwards; attachment files go to a temporary media root.
"""

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path

import pytest
from django.db import transaction
from django.test import override_settings

from bench.data import generate as gen
from bench.data import texts
from bench.data.applications import OPEN_FROM, plan_applications
from bench.data.records import END_DAY, INDEX_PATTERN, IndexItem, plan_records, record_document
from gongkai.applications import choices, clockdata, outcomes
from gongkai.privacy.checksums import is_valid_resident_id
from gongkai.privacy.scanner import scan

RECORDS, APPLICATIONS, SEED = 300, 200, 20261127
ALL_CATEGORIES = {f"art20-{n}" for n in range(1, 16)} | {"art20-1-rules", "art20-1-normative", "annual-reports"}
ID_NUMBER = re.compile(r"\d{17}[\dX]")


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media), PASSWORD_HASHERS=hashers):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            stats = gen.generate(records=RECORDS, applications=APPLICATIONS, seed=SEED, media_root=media)
            yield {"stats": stats, "media": media}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _plain(html):
    from gongkai.disclosure.htmltext import text_with_positions

    return text_with_positions(html)[0]


# --- the plan: determinism, sizes (no database) ------------------------------------------------------------


def _fingerprint(specs):
    return [(s.text.title, s.text.document_number, s.index_number, s.published_at, s.text.body) for s in specs]


def test_same_seed_same_records_other_seed_other_records():
    first = _fingerprint(plan_records(RECORDS, SEED))
    assert first == _fingerprint(plan_records(RECORDS, SEED))
    other = _fingerprint(plan_records(RECORDS, SEED + 1))
    assert [f[0] for f in other] != [f[0] for f in first]


@pytest.mark.django_db
def test_same_seed_same_applications_other_seed_other_applications():
    from gongkai.workcalendar.services import load_calendar

    calendar = load_calendar()

    def key(specs):
        return [(s.fields["number"], s.fields["tracking_code"], s.fields.get("info_title"), s.fields.get("outcome"))
                for s in specs]

    first = key(plan_applications(APPLICATIONS, SEED, calendar))
    assert first == key(plan_applications(APPLICATIONS, SEED, calendar))
    assert first != key(plan_applications(APPLICATIONS, SEED + 1, calendar))


def test_bodies_are_one_to_five_kilobytes_for_every_genre():
    specs = list(plan_records(2000, SEED))
    sizes = [len(s.text.body.encode()) for s in specs]
    assert min(sizes) >= texts.BODY_MIN_BYTES
    assert max(sizes) <= texts.BODY_MAX_BYTES
    assert sum(sizes) / len(sizes) < 3000  # most bodies are short, a few long
    assert {s.text.genre for s in specs} >= {b.__name__ for b, _ in texts.GENRES} | {"interpretation", "annual_report"}


def test_record_times_are_unique_ten_years_and_never_after_the_last_day():
    specs = list(plan_records(RECORDS, SEED))
    moments = [s.published_at for s in specs if s.published_at]
    assert moments == sorted(moments) and len(set(moments)) == len(moments)
    assert moments[0].date() < dt.date(2017, 1, 1) and moments[-1].date() <= END_DAY
    newest = max((s.published_at or s.created_at).date() for s in specs)
    assert END_DAY - dt.timedelta(days=30) <= newest <= END_DAY
    assert all(s.formed_on <= (s.published_at or s.created_at).date() for s in specs)


def test_resident_ids_have_valid_check_characters():
    import random

    rng = random.Random(1)
    assert all(is_valid_resident_id(texts.resident_id(rng)) for _ in range(500))


# --- the database ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_category_department_and_status_is_present(dataset):
    from gongkai.disclosure.models import InformationRecord, Interpretation
    from gongkai.organisation.models import Department

    records = InformationRecord.objects.all()
    assert records.count() == RECORDS
    assert set(records.values_list("category__code", flat=True)) == ALL_CATEGORIES
    assert set(records.values_list("department_id", flat=True)) == set(Department.objects.values_list("pk", flat=True))
    assert {"published", "withdrawn", "draft", "submitted", "returned"} <= set(records.values_list("status", flat=True))
    assert set(records.values_list("attribute", flat=True)) == {"proactive", "on_request", "withheld"}
    assert records.filter(status="published", attribute="proactive").count() > RECORDS * 0.9
    assert records.filter(validity="valid").count() < RECORDS
    interpretations = Interpretation.objects.select_related("record", "policy")
    assert interpretations.exists()
    assert all(i.record.kind == "interpretation" and i.policy.kind == "document" for i in interpretations)
    years = {d.year for d in records.exclude(published_at=None).values_list("published_at", flat=True)}
    assert years == set(range(2016, 2027))


@pytest.mark.django_db
def test_index_numbers_are_unique_follow_the_pattern_and_the_counters(dataset):
    from gongkai.disclosure.models import IndexCounter, InformationRecord

    numbers = list(InformationRecord.objects.exclude(index_number=None).values_list("index_number", flat=True))
    assert len(numbers) == len(set(numbers))
    assert not InformationRecord.objects.filter(published_at=None).exclude(index_number=None).exists()
    prefix = INDEX_PATTERN.split("/")[0].format(agency_code="11999900MB0000001X")
    assert all(re.fullmatch(rf"{re.escape(prefix)}/20\d\d-\d{{5}}", n) for n in numbers)
    last = {}
    for n in numbers:
        year, seq = n.rsplit("/", 1)[1].split("-")
        last[int(year)] = max(last.get(int(year), 0), int(seq))
    assert dict(IndexCounter.objects.values_list("year", "value")) == last


@pytest.mark.django_db
def test_penalty_decisions_carry_personal_data_that_the_public_version_masks(dataset):
    from gongkai.disclosure.models import InformationRecord

    penalties = InformationRecord.objects.filter(category__code="art20-6").exclude(published_at=None)
    assert penalties.count() >= 20
    for record in penalties:
        original, public = _plain(record.body), _plain(record.public_body)
        found = {f.type for f in scan(original)}
        assert {"id_card", "mobile", "address", "person_name"} <= found, record.title
        assert any(is_valid_resident_id(n) for n in ID_NUMBER.findall(original))
        assert not {f.type for f in scan(public)} & {"id_card", "mobile"}
        assert not ID_NUMBER.findall(public)
        assert "某" in public and "****" in public
    others = InformationRecord.objects.exclude(category__code="art20-6").exclude(published_at=None)
    assert all(r.body == r.public_body for r in others)


@pytest.mark.django_db
def test_bodies_in_the_database_are_one_to_five_kilobytes(dataset):
    from gongkai.disclosure.models import InformationRecord

    sizes = [len(b.encode()) for b in InformationRecord.objects.values_list("body", flat=True)]
    assert texts.BODY_MIN_BYTES <= min(sizes) and max(sizes) <= texts.BODY_MAX_BYTES


@pytest.mark.django_db
def test_a_tenth_of_the_records_have_an_attachment_with_text_and_a_file(dataset):
    from gongkai.disclosure.models import Attachment

    attachments = list(Attachment.objects.select_related("record"))
    assert len(attachments) == RECORDS // 10
    for a in attachments:
        assert a.text and a.size == len(a.text.encode())
        assert (Path(dataset["media"]) / a.original.name).read_text("utf-8") == a.text
        if a.record.published_at:
            assert (Path(dataset["media"]) / a.public_file.name).read_text("utf-8") == a.text


@pytest.mark.django_db
def test_the_search_index_holds_exactly_the_public_records(dataset):
    from gongkai.disclosure.models import InformationRecord
    from gongkai.search.models import SearchEntry

    public = InformationRecord.objects.filter(status="published", attribute="proactive")
    public = set(public.values_list("pk", flat=True))
    assert set(SearchEntry.objects.values_list("object_id", flat=True)) == public
    assert dataset["stats"]["indexed"] == len(public)


@pytest.mark.django_db
def test_search_finds_a_record_by_words_of_its_title(dataset):
    from gongkai.disclosure.models import InformationRecord
    from gongkai.search.services import search

    for record in InformationRecord.objects.filter(status="published", attribute="proactive", category__code="art20-13"
                                                   ).order_by("pk")[:5]:
        results = search(record.title, per_page=100)
        assert record.pk in [hit.entry.object_id for hit in results.hits], record.title
    draft = InformationRecord.objects.filter(status="draft").first()
    assert draft.pk not in [h.entry.object_id for h in search(draft.title, per_page=100).hits]


@pytest.mark.django_db
def test_search_entries_are_what_the_product_indexes(dataset, monkeypatch):
    """The generator's bulk entries equal those gongkai.disclosure.search.index_record would write."""
    from gongkai.disclosure import search as record_search
    from gongkai.disclosure.models import InformationRecord
    from gongkai.search.services import Document

    captured = {}
    monkeypatch.setattr(record_search.search, "index_document",
                        lambda kind, pk, **fields: captured.setdefault(pk, Document(kind, pk, **fields)))
    records = InformationRecord.objects.filter(status="published", attribute="proactive").select_related("category")
    with_attachment = records.filter(attachments__isnull=False)[:3]
    for record in [*records.order_by("pk")[:10], *with_attachment]:
        record_search.index_record(record)
        attachment = record.attachments.first()
        item = IndexItem(
            kind=record.kind, pk=record.pk, title=record.title, document_number=record.document_number,
            summary=record.summary, public_body=record.public_body,
            attachment_text=attachment.text if attachment else "",
            category=record.category.article20.code, department_id=record.department_id, validity=record.validity,
            published_at=record.published_at)
        assert record_document(item) == captured[record.pk]


@pytest.mark.django_db
def test_applications_cover_every_stage_outcome_channel_and_applicant_type(dataset):
    from gongkai.applications.models import (
        Consultation,
        CorrectionRequest,
        DisclosureApplication,
        FeeNotice,
        Remedy,
    )

    apps = DisclosureApplication.objects.all()
    assert apps.count() == APPLICATIONS
    assert set(apps.exclude(outcome="").values_list("outcome", flat=True)) == set(outcomes.CODES)
    assert set(apps.values_list("stage", flat=True)) == {s for s, _ in choices.STAGE_CHOICES}
    assert set(apps.values_list("channel", flat=True)) == {c for c, _ in choices.CHANNEL_CHOICES}
    assert set(apps.values_list("applicant_type", flat=True)) == set(choices.APPLICANT_TYPES)
    received = apps.values_list("received_on", flat=True)
    assert min(received) < dt.date(2022, 3, 1) and max(received) <= END_DAY
    assert not apps.filter(concluded_on__gt=END_DAY).exists()
    assert len(set(apps.values_list("number", flat=True))) == APPLICATIONS
    assert len(set(apps.values_list("tracking_code", flat=True))) == APPLICATIONS
    assert apps.filter(kind="passed_on").exists() and apps.exclude(repeat_of=None).exists()
    for model in (CorrectionRequest, Consultation, FeeNotice, Remedy):
        assert model.objects.exists(), model.__name__
    assert CorrectionRequest.objects.filter(received_on=None).exists()
    assert FeeNotice.objects.filter(paid_on=None).exists()
    assert set(Remedy.objects.values_list("result", flat=True)) >= {"upheld", "pending"}


@pytest.mark.django_db
def test_open_applications_are_recent_and_have_the_products_due_dates(dataset):
    from gongkai.applications.clock import CalendarYearMissing
    from gongkai.applications.models import DisclosureApplication

    open_cases = DisclosureApplication.objects.filter(stage__in=choices.OPEN_STAGES, concluded_on=None)
    assert open_cases.count() == APPLICATIONS // 10
    assert all(OPEN_FROM <= a.received_on <= END_DAY for a in open_cases)
    assert open_cases.exclude(due_on=None).count() >= open_cases.count() * 0.7
    for application in DisclosureApplication.objects.order_by("pk")[::7]:
        try:
            due = clockdata.state_of(application, today=application.received_on).due
        except CalendarYearMissing:
            due = None
        assert application.due_on == due, application.number


@pytest.mark.django_db
def test_recomputing_open_applications_after_no_calendar_change_changes_nothing(dataset):
    from gongkai.applications.services import recompute_open

    assert recompute_open() == 0


# --- ensure_dataset and its cache ----------------------------------------------------------------------


def _store_marker(path, value):
    conn = sqlite3.connect(path)
    conn.execute(f"CREATE TABLE IF NOT EXISTS {gen.MARKER_TABLE} (key text PRIMARY KEY, value text NOT NULL)")
    conn.execute(f"INSERT OR REPLACE INTO {gen.MARKER_TABLE} VALUES (?, ?)", [gen.MARKER_KEY, value])
    conn.commit()
    conn.close()


def test_ensure_dataset_generates_once_then_uses_the_cache(tmp_path, monkeypatch):
    database = tmp_path / "tiny.sqlite3"
    database.write_bytes(b"stale")  # a database without a marker: thrown away
    runs = []

    def fake_generation(argv, **kwargs):
        runs.append(argv)
        assert not database.exists() or database.read_bytes() != b"stale"
        assert argv[1:3] == ["-m", "bench.data.generate"] and argv[argv.index("--database") + 1] == str(database)
        _store_marker(database, gen.wanted_marker(30, 20, 7))

    monkeypatch.setattr(gen.subprocess, "run", fake_generation)
    first = gen.ensure_dataset(records=30, applications=20, seed=7, database=str(database))
    assert first["cached"] is False and len(runs) == 1
    second = gen.ensure_dataset(records=30, applications=20, seed=7, database=str(database))
    assert second == {"database": str(database), "records": 30, "applications": 20, "seconds": 0, "cached": True}
    assert len(runs) == 1
    # Other parameters, or a new generator version, regenerate.
    monkeypatch.setattr(gen, "GENERATOR_VERSION", gen.GENERATOR_VERSION + 1)
    assert gen.ensure_dataset(records=30, applications=20, seed=7, database=str(database))["cached"] is False
    assert len(runs) == 2


def test_the_marker_names_parameters_generator_version_and_migrations():
    marker = json.loads(gen.wanted_marker(10, 20, 3))
    assert (marker["records"], marker["applications"], marker["seed"]) == (10, 20, 3)
    assert marker["generator"] == gen.GENERATOR_VERSION
    assert {"disclosure", "applications", "search", "workcalendar"} <= set(marker["migrations"])
    assert gen.wanted_marker(10, 20, 3) != gen.wanted_marker(10, 20, 4)


def test_a_failed_generation_is_reported(tmp_path, monkeypatch):
    database = tmp_path / "broken.sqlite3"
    monkeypatch.setattr(gen.subprocess, "run", lambda argv, **kwargs: None)  # finishes without a marker
    with pytest.raises(RuntimeError):
        gen.ensure_dataset(records=5, applications=5, seed=1, database=str(database))


def test_body_text_reads_plain_paragraphs_as_the_product_does():
    from bench.data.records import body_text
    from gongkai.disclosure.htmltext import text_with_positions

    for html in ("<p>甲</p><p>乙，丙。</p>", "", "<p>a &amp; b</p>", "<p>x<br>y</p><div>z</div>", "<p>一</p>尾"):
        assert body_text(html) == text_with_positions(html)[0]
    for spec in list(plan_records(200, SEED)):
        assert body_text(spec.text.public_body) == text_with_positions(spec.text.public_body)[0]
