from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gongkai.sweep.jobs import run_all


class Command(BaseCommand):
    help = "Run the periodic sweep once (scheduled publication, warnings). Idempotent: run it every few minutes."

    def handle(self, *args, **options):
        failed = False
        for label, ok, summary in run_all(timezone.now()):
            self.stdout.write(f"{'✓' if ok else '✗'} {label}：{summary}")
            failed = failed or not ok
        if failed:
            raise CommandError("定时任务有失败的项目，请查看上面的说明。")
