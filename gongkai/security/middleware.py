"""Staff session rules: idle timeout and the mandatory second factor."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from gongkai.organisation.permissions import role_of

SESSION_KEY = "gongkai_last_activity"


class StaffIdleTimeoutMiddleware:
    """Logs staff out after STAFF_IDLE_TIMEOUT_MINUTES without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Visitors without a session cookie are never staff: don't touch the session for them
        # (touching it would add "Vary: Cookie" and defeat shared caching of public pages).
        user = getattr(request, "user", None) if settings.SESSION_COOKIE_NAME in request.COOKIES else None
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(SESSION_KEY)
            timeout = settings.STAFF_IDLE_TIMEOUT_MINUTES * 60
            if last is not None and now - int(last) > timeout:
                logout(request)
                minutes = settings.STAFF_IDLE_TIMEOUT_MINUTES
                messages.warning(request, f"您已超过 {minutes} 分钟未操作，为保护账号安全已自动退出，请重新登录。")
                return redirect(f"{reverse('wagtailadmin_login')}?next={request.path}")
            request.session[SESSION_KEY] = now
        return self.get_response(request)


class RequireSecondFactorMiddleware:
    """Sends staff whose role requires TOTP to set up or enter a code before any other back-office page."""

    EXEMPT_URL_NAMES = ("security_otp_verify", "security_otp_setup", "wagtailadmin_logout", "wagtailadmin_login")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith("/admin/")
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
            and request.path not in {reverse(name) for name in self.EXEMPT_URL_NAMES}
        ):
            from django_otp.plugins.otp_totp.models import TOTPDevice

            from gongkai.security.models import SecondFactorPolicy

            if SecondFactorPolicy.role_requires_totp(role_of(user)):
                has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
                target = "security_otp_verify" if has_device else "security_otp_setup"
                return redirect(f"{reverse(target)}?next={request.path}")
        return self.get_response(request)
