import json

import pytest
from django.contrib.auth import get_user_model

from gongkai.portal.models import SectionPage


@pytest.fixture
def admin_client(client, home):
    user = get_user_model().objects.create_superuser("portal-admin", "admin@example.org", "a-long-test-password")
    client.force_login(user)
    return client


def test_every_page_in_the_demo_tree_opens_in_the_editor(admin_client, home):
    for page in [home, *home.get_descendants()]:
        assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, page.title


def test_previewing_a_new_article_shows_its_meta_tags(admin_client, home):
    section = SectionPage.objects.get(slug="notices")
    body = {
        "blocks": [
            {"key": "a", "text": "正文", "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}
        ],
        "entityMap": {},
    }
    url = f"/admin/pages/add/portal/articlepage/{section.pk}/preview/"
    data = {
        "title": "预览测试",
        "slug": "preview-test",
        "published_at": "2026-11-26 10:00:00",
        "body": json.dumps(body),
    }
    assert admin_client.post(url, data).json()["is_valid"]
    content = admin_client.get(url).content.decode()
    assert '<meta name="ColumnName" content="通知公告">' in content
    assert '<meta name="ArticleTitle" content="预览测试">' in content
    assert '<meta name="PubDate" content="2026-11-26 10:00">' in content
