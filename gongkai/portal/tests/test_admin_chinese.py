"""The Wagtail back office speaks Chinese.

Wagtail's own zh_Hans catalog leaves many strings in English; gongkai/locale/zh_Hans/LC_MESSAGES/
django.po (and djangojs.po, for the sidebar and the editor) fills the gaps. These tests open the
main screens and look for English words left in what staff read: text, and the aria-label,
placeholder, title and alt attributes that screen readers and tooltips show.
"""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

LOCALE_DIR = Path(settings.BASE_DIR) / "gongkai" / "locale" / "zh_Hans" / "LC_MESSAGES"

# A "word" is a run of 3+ ASCII letters: shorter runs are units and codes ("MB", "ID", "x").
ENGLISH = re.compile(r"[A-Za-z]{3,}")

# Words that may stay, each for a reason no catalog can fix. Keep this list short.
ALLOWED = {
    # Names, kept as names: the product ("Wagtail 7.4.4 编辑指南") and, in the notice shown
    # when the browser blocks scripts, the language ("需要开启 JavaScript").
    "Wagtail",
    "JavaScript",
    # Wagtail hard-codes <nav aria-label="Actions"> in wagtailadmin/shared/headers/_actions.html,
    # without {% trans %}: no msgid to translate.
    "Actions",
}

ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")


class VisibleText(HTMLParser):
    """What a page shows: text outside scripts, styles and hidden elements, plus the attributes people hear or see."""

    HIDDEN_TAGS = {"script", "style", "template"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self._open = []  # (tag, hides its content) for each open element
        self._option_value = None

    @property
    def _hidden(self):
        return any(hides for _, hides in self._open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in self.VOID:
            self._open.append((tag, tag in self.HIDDEN_TAGS or "hidden" in attrs))
        if tag == "option":
            self._option_value = attrs.get("value")
        if not self._hidden and "hidden" not in attrs:
            self.texts.extend(attrs[name] for name in ATTRIBUTES if attrs.get(name))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if any(open_tag == tag for open_tag, _ in self._open):
            while self._open and self._open.pop()[0] != tag:
                pass
        if tag == "option":
            self._option_value = None

    def handle_data(self, data):
        text = data.strip()
        if self._hidden or not text:
            return
        if self._option_value is not None and text == self._option_value:
            return  # an identifier shown as itself, e.g. the time zone "Asia/Shanghai"
        self.texts.append(text)


def user_data():
    """Strings that come from the database (titles, names, hosts), longest first: not ours to translate."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Page, Site, Task, Workflow

    values = set()
    values.update(Page.objects.values_list("title", flat=True))
    values.update(Collection.objects.values_list("name", flat=True))
    values.update(Workflow.objects.values_list("name", flat=True))
    values.update(Task.objects.values_list("name", flat=True))
    for site in Site.objects.all():
        values.update([site.hostname, site.site_name])
    for user in get_user_model().objects.all():
        values.update([user.get_username(), user.get_full_name(), user.email])
    values.update(Group.objects.values_list("name", flat=True))
    return sorted((v for v in values if v), key=len, reverse=True)


def english_words(response):
    """The English words left on a page, with the text each was found in."""
    assert response.status_code == 200, response.status_code
    parser = VisibleText()
    parser.feed(response.content.decode())
    data = user_data()
    found = {}
    for text in parser.texts:
        cleaned = text
        for value in data:
            cleaned = cleaned.replace(value, " ")
        for word in ENGLISH.findall(cleaned):
            if word not in ALLOWED:
                found.setdefault(word, text)
    return found


@pytest.fixture(autouse=True)
def compiled_catalogs():
    """The translations live in .mo files that `make` compiles; without them every screen is English."""
    for name in ("django", "djangojs"):
        po, mo = LOCALE_DIR / f"{name}.po", LOCALE_DIR / f"{name}.mo"
        if not mo.exists():
            pytest.fail(f"{mo} is missing: run `make assets` (it compiles the .po files), then run pytest again.")
        if mo.stat().st_mtime < po.stat().st_mtime:
            pytest.fail(f"{mo} is older than {po.name}: run `make assets` to recompile it.")


@pytest.mark.django_db
def test_login_page_is_chinese(client):
    assert english_words(client.get("/admin/login/")) == {}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["administrator", "editor"])
def test_dashboard_is_chinese(client_for, home, role):
    assert english_words(client_for(role).get("/admin/")) == {}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["administrator", "ogi_office"])
def test_page_explorer_is_chinese(client_for, home, role):
    client = client_for(role)
    assert english_words(client.get("/admin/pages/")) == {}
    assert english_words(client.get(f"/admin/pages/{home.pk}/")) == {}
    section = home.get_children().first()
    assert english_words(client.get(f"/admin/pages/{section.pk}/")) == {}


@pytest.mark.django_db
def test_page_editor_and_media_libraries_are_chinese(client_for, home):
    client = client_for("administrator")
    section = home.get_children().first()
    for url in [
        f"/admin/pages/{section.pk}/edit/",
        f"/admin/pages/{section.pk}/history/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
    ]:
        assert english_words(client.get(url)) == {}, url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["administrator", "editor"])
def test_account_page_is_chinese(client_for, role):
    assert english_words(client_for(role).get("/admin/account/")) == {}


@pytest.mark.django_db
def test_sidebar_and_editor_strings_are_chinese(client_for):
    """The sidebar and the editor draw some text in JavaScript, from the djangojs catalog."""
    script = client_for("administrator").get("/admin/jsi18n/").content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.DOTALL).group(1))
    assert catalog["(%(number)s new items in this menu)"] == "（此菜单中有 %(number)s 个新项目）"
    assert catalog["Insert a block"] == "插入区块"
