"""Second factor (TOTP) set-up and verification, and the administrator's policy page."""

import io

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from gongkai.audit.services import record
from gongkai.organisation import permissions, roles
from gongkai.security import services


def csrf_failure(request, reason=""):
    """A forged or expired form post: explain in Chinese, change nothing."""
    return render(request, "security/csrf_failure.html", status=403)


# django-otp slows down guessing: after a wrong code the next try must wait (1 s, 2 s, 4 s, ...).
THROTTLED = "输入错误次数较多，请稍等几秒钟再输入最新的动态口令。"


class TokenForm(forms.Form):
    token = forms.RegexField(
        label="动态口令", regex=r"^\d{6}$", max_length=6,
        error_messages={"invalid": "请输入身份验证器上显示的 6 位数字。", "required": "请输入 6 位动态口令。"},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next_url(request):
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/admin/"


def _qr_svg(uri):
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


@permissions.forbidden_as_403
def otp_setup(request):
    """Bind an authenticator app: show the QR code, then confirm with one code."""
    permissions.require(permissions.is_staff_member(request.user))
    device = services.pending_totp_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("token", THROTTLED)
        elif device.verify_token(form.cleaned_data["token"]):
            services.do_confirm_totp_device(request.user, device)
            otp_login(request, device)
            messages.success(request, "动态口令已启用。以后登录时需要输入身份验证器上的 6 位数字。")
            return redirect(_next_url(request))
        else:
            form.add_error("token", "动态口令不正确或已过期，请输入身份验证器上最新的 6 位数字。")
    return render(request, "security/otp_setup.html", {
        "page_title": "启用动态口令", "header_title": "启用动态口令", "form": form,
        "qr_svg": _qr_svg(device.config_url), "secret": services.readable_secret(device), "next": _next_url(request),
    })


@permissions.forbidden_as_403
def otp_verify(request):
    """The second login step for staff who have an authenticator bound."""
    permissions.require(permissions.is_staff_member(request.user))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
        if devices and not any(device.verify_is_allowed()[0] for device in devices):
            form.add_error("token", THROTTLED)
        else:
            for device in devices:
                if device.verify_token(form.cleaned_data["token"]):
                    otp_login(request, device)
                    record("auth.otp_verified", obj=request.user, summary="通过动态口令验证")
                    return redirect(_next_url(request))
            record("auth.otp_failed", obj=request.user, summary="动态口令验证失败")
            form.add_error("token", "动态口令不正确或已过期，请重新输入。")
    return render(request, "security/otp_verify.html", {
        "page_title": "输入动态口令", "header_title": "输入动态口令", "form": form, "next": _next_url(request),
    })


@permissions.forbidden_as_403
def policy(request):
    """The administrator decides which roles must use a second factor."""
    permissions.require(permissions.can_manage_organisation(request.user))
    current = services.roles_requiring_totp()
    if request.method == "POST":
        chosen = {role for role in request.POST.getlist("require_totp") if role in roles.ROLE_LABELS}
        services.do_set_totp_policy(request.user, chosen)
        messages.success(request, "双因素认证策略已保存。")
        return redirect("security_policy")
    rows = [(code, label, code in current) for code, label in roles.ROLE_CHOICES]
    return render(request, "security/policy.html", {
        "page_title": "双因素认证策略", "header_title": "双因素认证策略", "rows": rows,
    })


def lockout(request, credentials, *args, **kwargs):
    """Shown instead of the login form while an account is locked (django-axes)."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "security/lockout.html", {"lockout_minutes": minutes}, status=429)
