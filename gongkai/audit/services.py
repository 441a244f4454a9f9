"""Writing and checking the audit log. Every service that changes a domain object calls record()."""

import datetime
import decimal
import uuid

from django.db import connection, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from gongkai.audit import chain, context
from gongkai.audit.models import AuditEntry

# Never copied into the log, whatever model they sit on.
SECRET_FIELDS = {"password", "key", "secret", "bin_key"}
_PG_LOCK_ID = 7_302_115  # advisory lock that serialises appends on PostgreSQL


def _json_value(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, (list, tuple, set)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return str(value)


def snapshot(instance, fields=None):
    """The instance's concrete field values as JSON-friendly data (foreign keys as ids)."""
    if instance is None:
        return None
    data = {}
    for field in instance._meta.concrete_fields:
        if field.name in SECRET_FIELDS or (fields is not None and field.name not in fields):
            continue
        data[field.name] = _json_value(getattr(instance, field.attname))
    return data


def object_label(instance):
    meta = instance._meta
    return f"{meta.app_label}.{meta.model_name}"


def _actor_name(actor, request):
    if actor is not None:
        return actor.get_username()[:150]
    return "anonymous" if request is not None else "system"


def record(action, *, actor=None, obj=None, object_type="", object_id="", object_repr="", before=None, after=None,
           summary=""):
    """Append one entry to the chained audit log, inside the caller's transaction.

    `actor` defaults to the user of the current request; the source address comes from it too.
    """
    request = context.current_request()
    if actor is None and request is not None and getattr(request, "user", None) is not None:
        actor = request.user if request.user.is_authenticated else None
    if obj is not None:
        object_type = object_type or object_label(obj)
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_ID])
        last_hash = AuditEntry.objects.order_by("-pk").values_list("hash", flat=True).first() or chain.GENESIS
        entry = AuditEntry(
            created_at=timezone.now(),
            actor=actor,
            actor_name=_actor_name(actor, request),
            ip_address=context.client_ip(request),
            user_agent=(request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:300],
            action=action[:60],
            object_type=object_type[:100],
            object_id=str(object_id)[:64],
            object_repr=str(object_repr)[:300],
            summary=summary[:500],
            before=_json_value(before),
            after=_json_value(after),
            prev_hash=last_hash,
        )
        entry.hash = chain.entry_digest(entry.chained_fields(), last_hash)
        entry.save()
    return entry


def verify_chain(batch_size=2000):
    """Return None when every link holds, else (entry id, reason) of the first broken one."""

    def entries():
        last_pk = 0
        while True:
            batch = list(AuditEntry.objects.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
            if not batch:
                return
            for entry in batch:
                yield entry.pk, entry.chained_fields(), entry.prev_hash, entry.hash
            last_pk = batch[-1].pk

    return chain.first_broken_link(entries())
