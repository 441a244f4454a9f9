"""Menu items for gongkai's back-office screens."""

from django.urls import reverse
from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users for whom `check(user)` is true (the view checks again)."""

    def __init__(self, label, url_name, check, **kwargs):
        self.check = check
        self.url_name = url_name
        super().__init__(label, "", name=url_name, **kwargs)

    def render_component(self, request):
        self.url = reverse(self.url_name)
        return super().render_component(request)

    def is_shown(self, request):
        return self.check(request.user)
