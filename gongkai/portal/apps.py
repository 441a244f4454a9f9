from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = "门户网站"

    def ready(self):
        from gongkai.portal import pagecache

        pagecache.connect_signals()
