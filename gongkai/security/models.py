"""Security settings an administrator can change in the back office."""

from django.db import models

from gongkai.organisation import roles


class SecondFactorPolicy(models.Model):
    """Whether staff of a role must use a second factor (TOTP) to enter the back office."""

    role = models.CharField("角色", max_length=20, choices=roles.ROLE_CHOICES, unique=True)
    require_totp = models.BooleanField("必须使用动态口令", default=False)

    class Meta:
        verbose_name = "双因素认证策略"
        verbose_name_plural = "双因素认证策略"

    def __str__(self):
        return self.get_role_display()

    @classmethod
    def role_requires_totp(cls, role):
        return cls.objects.filter(role=role, require_totp=True).exists()
