"""Recompute running deadlines when the working-day calendar changes (RULES.md §1)."""

from django.dispatch import receiver

from gongkai.workcalendar.signals import calendar_changed


@receiver(calendar_changed, dispatch_uid="applications_recompute_due_dates")
def recompute_on_calendar_change(sender, revision=None, user=None, **kwargs):
    from gongkai.applications.services import recompute_open

    recompute_open(actor=user, reason=f"工作日历已更新（版本 {revision}）")
