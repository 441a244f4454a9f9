from django.core.management.base import BaseCommand, CommandError

from gongkai.organisation.models import Agency
from gongkai.portal.services import ensure_site_tree


class Command(BaseCommand):
    help = "创建（或补齐）公开网站的页面树：首页、机构概况、机构设置、通知公告。可以重复运行。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-sample", action="store_true", help="只建栏目，不添加示例文章（示例文章是虚构的示范市内容）。"
        )

    def handle(self, *args, no_sample=False, **options):
        agency = Agency.current()
        if agency is None:
            raise CommandError("还没有机关信息。请先在后台“机关信息”中创建本机关，再运行这个命令。")
        home = ensure_site_tree(agency, sample=not no_sample)
        self.stdout.write(f"网站页面树已就绪，首页：{home.title}（{home.url_path}）")
