from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "gongkai.security"
    label = "security"
    verbose_name = "账号安全"
