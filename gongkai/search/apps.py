from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "gksearch"
    verbose_name = "全文检索"
