"""Place the 政府信息公开 section in the site tree (idempotent)."""

from gongkai.disclosure.models import DisclosureIndexPage

SLUG = "xxgk"  # the section's fixed address, as 政府信息公开 sections conventionally use
CATALOGUE_PATH = f"/{SLUG}/"


def record_path(pk):
    return f"{CATALOGUE_PATH}record/{pk}/"


def attachment_path(pk):
    return f"{CATALOGUE_PATH}attachment/{pk}/"


def ensure_disclosure_section(home):
    """The DisclosureIndexPage under the home page, created once; returns it."""
    existing = DisclosureIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    section = DisclosureIndexPage(
        title="政府信息公开",
        slug=SLUG,
        intro="本栏目按《中华人民共和国政府信息公开条例》第二十条分类，发布本机关主动公开的政府信息。",
        show_in_menus=True,
        column_description="本机关主动公开的政府信息目录、公开指南和政策解读。",
        column_keywords="政府信息公开,主动公开,政策文件,政策解读",
        column_type="信息公开",
    )
    home.add_child(instance=section)
    section.save_revision().publish()
    return section
