from html.parser import HTMLParser

import pytest

from gongkai.organisation.models import Agency
from gongkai.portal.services import ensure_site_tree


@pytest.fixture
def agency(db):
    return Agency.objects.create(
        name="示范市市场监督管理局",
        site_name="示范市市场监督管理局网站",
        domain="www.shifan-scjg.example.gov.cn",
        site_id_code="1234000001",
        icp_number="示ICP备00000001号-1",
        police_number="示公网安备12340000000001号",
        address="示范市新城区民生路100号",
        postcode="123400",
        office_hours="工作日 9:00—12:00，13:30—17:00",
        description="示范市市场监督管理局负责全市的市场监督管理工作。",
        ogi_office_name="办公室（政务公开科）",
        ogi_phone="0123-8765 0000",
        ogi_email="gongkai@shifan.example",
    )


@pytest.fixture
def home(agency):
    return ensure_site_tree(agency)


class PageParser(HTMLParser):
    """Collects what the tests look at: meta tags, the focusable elements in order, and the <html> attributes."""

    FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}
        self.meta_names = []
        self.html_attrs = {}
        self.focusable = []
        self.scripts = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = attrs
        elif tag == "meta" and "name" in attrs:
            self.meta[attrs["name"]] = attrs.get("content")
            self.meta_names.append(attrs["name"])
        elif tag == "script":
            self.scripts.append(attrs)
        elif tag == "title" and not self.title:
            self._in_title = True  # the document title, not the badge's SVG <title>
        tabindex = attrs.get("tabindex")
        if tabindex is not None and tabindex.lstrip("-").isdigit() and int(tabindex) < 0:
            return
        if tag == "a" and "href" not in attrs:
            return
        if tag == "input" and attrs.get("type") == "hidden":
            return
        if tag in self.FOCUSABLE or tabindex is not None:
            self.focusable.append((tag, attrs))

    @property
    def national_names(self):
        """Meta tag names in order, without the ordinary viewport tag."""
        return [name for name in self.meta_names if name != "viewport"]

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(response):
    parser = PageParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def parse_page():
    return parse
