from django.apps import AppConfig


class SweepConfig(AppConfig):
    name = "gongkai.sweep"
    label = "sweep"
    verbose_name = "定时任务"
