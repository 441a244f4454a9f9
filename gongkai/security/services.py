"""State changes of staff security settings, each with an audit entry."""

import base64

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.audit.services import record
from gongkai.organisation import roles
from gongkai.security.models import SecondFactorPolicy


def pending_totp_device(user):
    """The user's unconfirmed authenticator binding, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=False)
    return device


def readable_secret(device):
    """The base32 secret, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def do_confirm_totp_device(user, device):
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record("security.totp_enabled", actor=user, obj=user, summary="启用动态口令")


def roles_requiring_totp():
    return set(SecondFactorPolicy.objects.filter(require_totp=True).values_list("role", flat=True))


@transaction.atomic
def do_set_totp_policy(actor, required_roles):
    before = sorted(roles_requiring_totp())
    for role in roles.ALL_ROLES:
        SecondFactorPolicy.objects.update_or_create(role=role, defaults={"require_totp": role in required_roles})
    record("security.totp_policy", actor=actor, object_type="security.secondfactorpolicy",
           object_repr="双因素认证策略", before={"roles": before}, after={"roles": sorted(required_roles)},
           summary="修改双因素认证策略")
