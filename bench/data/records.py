"""N information records (政府信息) for the benchmarks, written in bulk, and their search index entries.

The plan (plan_records) is pure and sequential: record i takes "slot" i of a timeline of working
days from START_DAY to END_DAY (ten years), so ids grow with publication time as on a real site
and every publication time is unique to the second (the search index orders by it). Each slot
gets a genre (bench.data.texts.GENRES by weight; every genre, Art. 20 category and department is
forced in at fixed slots so that even a small set covers them all), one annual report a year,
and a 政策解读 right after some policies. Statuses: mostly published and proactive; a few
on_request / withheld / withdrawn; drafts among the last two months.

write_records() inserts the plan with bulk_create in batches, one transaction per batch, with
InformationRecord, Interpretation and Attachment rows (attachments: exactly count // 10 records,
a real .txt file under MEDIA_ROOT whose text is the attachment's extracted `text`). Public records
go to an indexer: InlineIndexer calls gongkai.search.services.reindex in this process;
bench.data.indexer.ParallelIndexer does the same in worker processes. Either way the entry is
the one gongkai.disclosure.search.index_record would write (record_document, tested).
RecordVersion and PrivacyFinding rows are not written.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.data import texts

START_DAY = dt.date(2016, 12, 1)
# The data's last day: nothing is dated after it (the benchmarks were written on 2026-11-27).
END_DAY = dt.date(2026, 11, 26)
TZ = ZoneInfo("Asia/Shanghai")
DAY_START_SECONDS = 9 * 3600
DAY_SECONDS = 8 * 3600 + 1800  # 09:00–17:30
DRAFT_WINDOW_DAYS = 61
ATTACHMENT_SHARE = 10  # one record in ten has an attachment

AGENCY_INDEX_CODE = "11999900MB0000001X"  # gongkai.demo.data.AGENCY["index_code"]
INDEX_PATTERN = "{agency_code}/{year}-{seq:05d}"  # gongkai.disclosure.index_numbers.DEFAULT_PATTERN

DEPARTMENTS = ("office", "legal", "registration", "credit", "food", "quality", "consumer", "enforcement",
               "enforcement-1", "enforcement-2")
# (drafter, approver) usernames of gongkai.demo.data.STAFF by department; drafter ≠ approver.
TEAMS = {"quality": ("editor", "reviewer"), "food": ("editor.food", "head.food")}
DEFAULT_TEAM = ("ogi", "ogi2")

WITHDRAWN_NOTES = ("原发布内容有误，已撤回，更正后重新发布。", "该信息已被新文件替代，予以撤回。",
                   "因涉及未依法公开的内容，经审查予以撤回。")
ON_REQUEST_BASIS = ("仅涉及特定行政相对人，依申请公开（《中华人民共和国政府信息公开条例》第二十七条）。",
                    "属于特定对象办理结果，可依申请公开。")
WITHHELD_BASIS = ("涉及商业秘密，公开会对第三方合法权益造成损害（条例第十五条）。",
                  "属于内部事务信息（条例第十六条第一款）。", "属于过程性信息（条例第十六条第二款）。")
INTERPRETATION_FORMS = ("text", "text", "text", "graphic", "media", "expert", "head", "plain")


@dataclass(slots=True)
class RecordSpec:
    """One record as planned: every field the writer needs, no database ids."""

    slot: int
    text: texts.Text
    kind: str  # document | interpretation
    status: str
    attribute: str
    formed_on: dt.date
    created_at: dt.datetime
    published_at: dt.datetime | None
    index_number: str | None
    validity: str = "valid"
    changed_on: dt.date | None = None
    attribute_basis: str = ""
    review_due_on: dt.date | None = None
    withdrawn_note: str = ""
    policy_slot: int | None = None  # for an interpretation: the slot of the policy it explains
    interpretation_form: str = "text"
    attachment_text: str = ""
    drafter: str = "ogi"
    approver: str | None = "ogi2"

    @property
    def is_public(self):
        return self.status == "published" and self.attribute == "proactive"


def working_days(start=START_DAY, end=END_DAY) -> list[dt.date]:
    """Monday to Friday from start to end (the generator does not need the holiday calendar)."""
    days, day = [], start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


class Timeline:
    """Slot i → a unique publication time: slots spread evenly over the working days, then over 09:00–17:30."""

    def __init__(self, count, rng):
        self.count, self.rng = count, rng
        self.days = working_days()

    def _first_slot(self, day_index):
        return -(-day_index * self.count // len(self.days))

    def day_of(self, slot) -> dt.date:
        return self.days[slot * len(self.days) // self.count]

    def moment(self, slot) -> dt.datetime:
        day_index = slot * len(self.days) // self.count
        first, following = self._first_slot(day_index), self._first_slot(day_index + 1)
        spacing = DAY_SECONDS // max(1, following - first)
        seconds = DAY_START_SECONDS + (slot - first) * spacing + (self.rng.randrange(spacing) if spacing > 1 else 0)
        day = self.days[day_index]
        return dt.datetime(day.year, day.month, day.day, tzinfo=TZ) + dt.timedelta(seconds=seconds)


def _forced_slots(count, taken):
    """Slots whose genre (or department) is fixed, so that every genre, category and department appears.

    `taken`: slots already spoken for (the annual reports)."""
    forced = {}
    plain = [g for g, _ in texts.GENRES]
    wanted = [(g, None) for g in plain] + [(texts.notice, d) for d in DEPARTMENTS]
    for i, (builder, department) in enumerate(wanted):
        slot = (2 * i + 1) * count // (2 * len(wanted))
        while (slot in forced or slot in taken) and slot + 1 < count:
            slot += 1
        forced[slot] = (builder, department)
    return forced


def _annual_report_slots(timeline):
    """The first slot on or after 15 January of each year after the first: that year's annual report."""
    slots, year = {}, START_DAY.year
    target = dt.date(year + 1, 1, 15)
    for slot in range(timeline.count):
        if timeline.day_of(slot) >= target:
            slots[slot] = target.year - 1
            target = dt.date(target.year + 1, 1, 15)
            if target > END_DAY:
                break
    return slots


def _formed_before(rng, published: dt.date) -> dt.date:
    delay = rng.choice((0, 1, 1, 2, 3, 5, 8, 12, 16)) if rng.random() > 0.04 else rng.randint(25, 45)
    return published - dt.timedelta(days=delay)


def plan_records(count: int, seed: int) -> Iterator[RecordSpec]:
    """The records of a dataset, in slot (publication) order. Deterministic for (count, seed)."""
    rng = random.Random(f"{seed}:records")
    timeline = Timeline(count, random.Random(f"{seed}:times"))
    attachment_rng = random.Random(f"{seed}:attachments")
    with_attachment = set(attachment_rng.sample(range(count), count // ATTACHMENT_SHARE))
    reports = _annual_report_slots(timeline)
    forced = _forced_slots(count, reports)
    builders = [g for g, _ in texts.GENRES]
    weights = [w for _, w in texts.GENRES]
    numbers = texts.Numbers()
    index_seq = {}
    draft_from = END_DAY - dt.timedelta(days=DRAFT_WINDOW_DAYS)
    special_status = {count // 7: "withdrawn", count // 5: "on_request", count // 3: "withheld"}
    # The three newest records are a draft, a submitted and a returned one.
    special_status.update({count - 1: "draft", count - 2: "submitted", count - 3: "returned"})
    pending = None  # (interpretation Text, policy slot)

    for slot in range(count):
        moment = timeline.moment(slot)
        day = moment.date()
        target = texts.body_target(rng)
        department = None
        policy_slot = None
        if slot in reports:
            formed = day - dt.timedelta(days=rng.randint(1, 10))
            text = texts.annual_report(rng, texts.Context(formed, numbers, target), reports[slot])
        elif pending is not None and slot not in forced:
            text, policy_slot = pending
            formed = day
            pending = None
        else:
            builder, department = forced.get(slot) or (rng.choices(builders, weights)[0], None)
            formed = _formed_before(rng, day)
            ctx = texts.Context(formed, numbers, target)
            if builder in texts.WITH_INTERPRETATION:
                text = builder(rng, ctx, with_interpretation=rng.random() < 0.6)
            else:
                text = builder(rng, ctx)
            if department:
                text.department = department

        status, attribute = "published", "proactive"
        special = special_status.get(slot)
        if special in ("draft", "submitted", "returned") or (day >= draft_from and rng.random() < 0.1):
            status = special or rng.choice(("draft", "draft", "submitted", "returned", "approved"))
        elif special == "withdrawn" or rng.random() < 0.004:
            status = "withdrawn"
        elif special in ("on_request", "withheld"):
            attribute = special
        else:
            r = rng.random()
            attribute = "on_request" if r < 0.008 else "withheld" if r < 0.016 else "proactive"
        if policy_slot is not None:
            status, attribute = "published", "proactive"  # an interpretation goes out with its policy
        elif text.interpretation is not None:
            if status == "published" and attribute == "proactive" and slot + 1 < count:
                pending = (text.interpretation, slot)
            else:
                text.interpretation = None

        published = status in ("published", "withdrawn")
        index_number = None
        if published:
            seq = index_seq.get(moment.year, 0) + 1
            index_seq[moment.year] = seq
            index_number = INDEX_PATTERN.format(agency_code=AGENCY_INDEX_CODE, year=moment.year, seq=seq)
        drafter, approver = TEAMS.get(text.department, DEFAULT_TEAM)
        spec = RecordSpec(
            slot=slot, text=text, kind="interpretation" if policy_slot is not None else "document", status=status,
            attribute=attribute, formed_on=min(formed, day), created_at=moment - dt.timedelta(hours=2),
            published_at=moment if published else None, index_number=index_number, policy_slot=policy_slot,
            drafter=drafter, approver=approver if status in ("published", "withdrawn", "approved") else None,
        )
        if policy_slot is not None:
            spec.interpretation_form = rng.choice(INTERPRETATION_FORMS)
        if status == "withdrawn":
            spec.withdrawn_note = rng.choice(WITHDRAWN_NOTES)
        if attribute == "on_request":
            spec.attribute_basis = rng.choice(ON_REQUEST_BASIS)
        elif attribute == "withheld":
            spec.attribute_basis = rng.choice(WITHHELD_BASIS)
            spec.review_due_on = day + dt.timedelta(days=rng.choice((365, 730, 1095)))
        if text.genre in ("normative", "rules") and policy_slot is None and day.year <= END_DAY.year - 5 \
                and rng.random() < 0.4:
            spec.validity = rng.choice(("expired", "abolished", "revised"))
            spec.changed_on = min(day.replace(year=day.year + 5, day=min(day.day, 28)), END_DAY)
        if slot in with_attachment:
            spec.attachment_text = texts.attachment_text(rng, text, day.year)
        yield spec


# --- writing ----------------------------------------------------------------------------------------------


@contextmanager
def explicit_timestamps(*models):
    """Let bulk_create store the planned created_at/updated_at instead of now (auto_now/auto_now_add off)."""
    fields = [f for m in models for f in m._meta.concrete_fields
              if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


@dataclass(slots=True)
class IndexItem:
    """What the index needs of one public record (picklable, for the worker processes)."""

    kind: str
    pk: int
    title: str
    document_number: str
    summary: str
    public_body: str
    attachment_text: str
    category: str  # the Art. 20 code
    department_id: int
    validity: str
    published_at: dt.datetime


# A body of plain paragraphs only (what bench.data.texts writes): no other tag, no entity.
_PLAIN_PARAGRAPHS = re.compile(r"(?:<p>[^<>&]*</p>)*")


def body_text(html: str) -> str:
    """The text gongkai.disclosure.htmltext.text_with_positions reads from `html` (each </p> ends a
    line), computed directly for plain paragraphs: the product's function maps every character back
    to the HTML, which indexing does not need and which costs as much as the segmentation."""
    if _PLAIN_PARAGRAPHS.fullmatch(html):
        return html.replace("<p>", "").replace("</p>", "\n")
    from gongkai.disclosure.htmltext import text_of

    return text_of(html)


def record_document(item: IndexItem):
    """The search Document of a public record, as gongkai.disclosure.search.index_record builds it."""
    from gongkai.disclosure.site_tree import record_path
    from gongkai.search.services import Document

    text = body_text(item.public_body)
    return Document(
        kind=item.kind, object_id=item.pk, title=item.title,
        body="\n".join(p for p in (item.document_number, item.summary, text, item.attachment_text) if p),
        url=record_path(item.pk), category=item.category, department_id=item.department_id,
        year=item.published_at.astimezone(TZ).year, validity=item.validity, published_at=item.published_at,
    )


class InlineIndexer:
    """Indexes in this process, through the product's bulk path (gongkai.search.services.reindex)."""

    def __init__(self):
        self.count = 0

    def add(self, items: list[IndexItem]):
        from gongkai.search.services import reindex

        self.count += reindex(record_document(item) for item in items)

    def close(self):
        return self.count


def _batches(iterable: Iterable, size: int):
    batch = []
    for value in iterable:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def attachment_names(pk, seed, count):
    """(original, public copy) file names of a record's attachment: per dataset, so datasets sharing a
    media root do not overwrite each other's files with different text."""
    name = f"bench-{count}-{seed}.txt"
    return f"restricted/records/{pk}/{name}", f"public/records/{pk}/{name}"


def write_records(specs: Iterable[RecordSpec], *, count: int, seed: int, departments: dict, users: dict,
                  indexer=None, media_root: str | Path, batch_size: int = 2000, progress=None) -> dict:
    """Insert the planned records (one transaction per batch) and hand the public ones to `indexer`.

    Returns {"records": n, "public": n, "attachments": n, "index_counters": {year: last seq}}.
    """
    from django.db import transaction

    from gongkai.disclosure.models import Attachment, Category, IndexCounter, InformationRecord, Interpretation

    indexer = indexer or InlineIndexer()
    media_root = Path(media_root)
    categories = {c.code: c for c in Category.objects.select_related("parent")}
    category_ids = {code: c.pk for code, c in categories.items()}
    article20 = {code: c.article20.code for code, c in categories.items()}
    policy_pks = {}  # slot → pk of policies whose interpretation is still to come
    totals = {"records": 0, "public": 0, "attachments": 0}
    seqs = {}
    for batch in _batches(specs, batch_size):
        objects = []
        for s in batch:
            t = s.text
            objects.append(InformationRecord(
                kind=s.kind, index_number=s.index_number, title=t.title, document_number=t.document_number,
                issuing_body="示范市市场监督管理局", department_id=departments[t.department],
                category_id=category_ids[t.category], topics=t.topics, attribute=s.attribute,
                attribute_basis=s.attribute_basis, review_due_on=s.review_due_on, formed_on=s.formed_on,
                changed_on=s.changed_on, published_at=s.published_at, validity=s.validity, summary=t.summary,
                body=t.body, public_body=t.public_body if s.published_at else "", status=s.status,
                version=1 if s.published_at else 0, withdrawn_note=s.withdrawn_note,
                drafter_id=users[s.drafter], approver_id=users[s.approver] if s.approver else None,
                created_at=s.created_at, updated_at=s.published_at or s.created_at,
            ))
        files = []
        with transaction.atomic(), explicit_timestamps(InformationRecord):
            InformationRecord.objects.bulk_create(objects)
            interpretations, attachments = [], []
            for s, obj in zip(batch, objects, strict=True):
                if s.text.interpretation is not None:
                    policy_pks[s.slot] = obj.pk
                if s.policy_slot is not None and s.policy_slot in policy_pks:
                    interpretations.append(Interpretation(
                        record_id=obj.pk, policy_id=policy_pks.pop(s.policy_slot), form=s.interpretation_form,
                        stage="during"))
                if s.attachment_text:
                    original, public = attachment_names(obj.pk, seed, count)
                    data = s.attachment_text.encode()
                    title = s.text.attachment_title or "附件"
                    attachments.append(Attachment(
                        record_id=obj.pk, title=title, original=original,
                        public_file=public if s.published_at else "", file_type="txt", size=len(data),
                        text=s.attachment_text))
                    files.append((original, data))
                    if s.published_at:
                        files.append((public, data))
                if s.index_number:
                    year = s.published_at.year
                    seqs[year] = max(seqs.get(year, 0), int(s.index_number.rsplit("-", 1)[1]))
            Interpretation.objects.bulk_create(interpretations)
            Attachment.objects.bulk_create(attachments)
        for name, data in files:
            path = media_root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        items = [
            IndexItem(kind=s.kind, pk=obj.pk, title=s.text.title, document_number=s.text.document_number,
                      summary=s.text.summary, public_body=s.text.public_body, attachment_text=s.attachment_text,
                      category=article20[s.text.category], department_id=departments[s.text.department],
                      validity=s.validity, published_at=s.published_at)
            for s, obj in zip(batch, objects, strict=True) if s.is_public
        ]
        if items:
            indexer.add(items)
        totals["records"] += len(batch)
        totals["public"] += len(items)
        totals["attachments"] += sum(1 for s in batch if s.attachment_text)
        if progress:
            progress(totals["records"])
    for year, value in seqs.items():
        IndexCounter.objects.update_or_create(year=year, defaults={"value": value})
    totals["index_counters"] = seqs
    return totals
