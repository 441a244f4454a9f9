"""Back-office URLs for the second factor and the security policy (/admin/security/...)."""

from django.urls import include, path
from wagtail import hooks

from gongkai.organisation.admin_menu import PermissionMenuItem
from gongkai.organisation.permissions import can_manage_organisation
from gongkai.security import views

urlpatterns = [
    path("otp/setup/", views.otp_setup, name="security_otp_setup"),
    path("otp/verify/", views.otp_verify, name="security_otp_verify"),
    path("policy/", views.policy, name="security_policy"),
]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("security/", include(urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_menu():
    return PermissionMenuItem("双因素认证策略", "security_policy", can_manage_organisation, icon_name="lock", order=960)


@hooks.register("register_account_menu_item")
def register_account_item(request):
    return {"url": "/admin/security/otp/setup/", "label": "动态口令（双因素认证）",
            "help_text": "用手机上的身份验证器生成登录时需要的 6 位数字。"}
