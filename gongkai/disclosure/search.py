"""Records in the Chinese full-text index (gongkai.search): only what the public may read goes in."""

from django.utils import timezone

from gongkai.disclosure.htmltext import text_of
from gongkai.disclosure.site_tree import record_path
from gongkai.search import services as search


def record_url(record):
    return record_path(record.pk)


def index_record(record):
    """Index the public version of a record, or remove it when it is no longer public."""
    if not record.is_public:
        search.remove_document(record.kind, record.pk)
        return
    body_text = text_of(record.public_body)
    # Attachment text is searchable too; an attachment of a published record is public as a whole
    # (its personal-data findings could only be accepted, never masked).
    attachment_text = "\n".join(a.text for a in record.attachments.exclude(public_file="") if a.text)
    search.index_document(
        record.kind,
        record.pk,
        title=record.title,
        body="\n".join(part for part in (record.document_number, record.summary, body_text, attachment_text) if part),
        url=record_url(record),
        category=record.category.article20.code,
        department_id=record.department_id,
        # The catalogue's year is the year in Beijing time, not UTC.
        year=timezone.localtime(record.published_at).year if record.published_at else None,
        validity=record.validity,
        published_at=record.published_at,
    )
