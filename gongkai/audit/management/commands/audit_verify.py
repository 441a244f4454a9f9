from django.core.management.base import BaseCommand, CommandError

from gongkai.audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit log: prints 'ok' or the first broken link (exit 1)."

    def handle(self, *args, **options):
        broken = verify_chain()
        if broken is None:
            self.stdout.write("ok")
            return
        seq, reason = broken
        raise CommandError(f"审计日志第 {seq} 条链接断裂：{reason}")
