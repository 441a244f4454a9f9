"""Actions recorded from outside gongkai's own services: Wagtail's log and logins."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import ModelLogEntry, PageLogEntry

from gongkai.audit.services import record


def _mirror_wagtail_entry(sender, instance, created, **kwargs):
    """Copy each Wagtail log entry (page edits, publishing, images, documents, users) into the chain."""
    if not created:
        return
    record(
        f"wagtail:{instance.action}"[:60],
        actor=instance.user,
        object_type=f"{instance.content_type.app_label}.{instance.content_type.model}" if instance.content_type else "",
        object_id=str(instance.object_id),
        object_repr=instance.label,
        after=instance.data or None,
        summary=str(instance.message)[:500],
    )


post_save.connect(_mirror_wagtail_entry, sender=PageLogEntry, dispatch_uid="audit_page_log")
post_save.connect(_mirror_wagtail_entry, sender=ModelLogEntry, dispatch_uid="audit_model_log")


@receiver(user_logged_in, dispatch_uid="audit_login")
def _login(sender, request, user, **kwargs):
    record("auth.login", actor=user, obj=user, summary="登录后台")


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logout(sender, request, user, **kwargs):
    if user is not None:
        record("auth.logout", actor=user, obj=user, summary="退出后台")


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    record("auth.login_failed", object_type="auth.user", object_repr=username, summary=f"登录失败：{username}")
