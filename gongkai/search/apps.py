from django.apps import AppConfig
from django.core import checks


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "gksearch"
    verbose_name = "全文检索"

    def ready(self):
        from gongkai.sqlite_engine import check_engine

        checks.register(check_engine, checks.Tags.database)
