from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "gongkai.organisation"
    label = "organisation"
    verbose_name = "机构与人员"
