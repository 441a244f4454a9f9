from django.core.management.base import BaseCommand

from gongkai.demo.data import DEMO_PASSWORD
from gongkai.demo.loader import load_demo
from gongkai.organisation.roles import ROLE_LABELS


class Command(BaseCommand):
    help = "Load the demo agency (示范市市场监督管理局) where missing and print the staff logins. Idempotent."

    def handle(self, *args, **options):
        logins = load_demo()
        self.stdout.write(f"演示账号（后台地址 /admin/，密码均为 {DEMO_PASSWORD}）：")
        for username, full_name, role in logins:
            self.stdout.write(f"  {username:<12} {full_name}（{ROLE_LABELS[role]}）")
