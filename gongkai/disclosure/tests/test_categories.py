import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEntry
from gongkai.disclosure.models import Category


@pytest.mark.django_db
def test_the_fifteen_official_categories_are_loaded_with_stable_codes():
    official = Category.objects.filter(is_official=True).order_by("number")
    assert [c.code for c in official] == [f"art20-{n}" for n in range(1, 16)]
    assert official[5].name.startswith("行政处罚、行政强制的依据")


@pytest.mark.django_db
def test_ogi_office_adds_a_subcategory_that_the_catalogue_groups_under_its_item(client_for, section, client, publish):
    parent = Category.objects.get(code="art20-13")
    response = client_for("ogi_office").post(reverse("disclosure_category_create"), {
        "parent": parent.pk, "name": "食品安全监督抽检", "code": "art20-13-food", "sort_order": 1})
    assert response.status_code == 302
    sub = Category.objects.get(code="art20-13-food")
    assert sub.article20 == parent and not sub.is_official
    assert AuditEntry.objects.filter(action="category.create", object_id=str(sub.pk)).exists()
    record = publish(title="2026年第三季度食品安全监督抽检信息", category=sub)
    assert record.title in client.get(section.url, {"category": "art20-13"}).content.decode()


@pytest.mark.django_db
def test_official_categories_cannot_be_edited_and_names_must_be_unique(client_for):
    client = client_for("administrator")
    official = Category.objects.get(code="art20-1")
    assert client.get(reverse("disclosure_category_edit", args=[official.pk])).status_code == 404
    response = client.post(reverse("disclosure_category_create"), {
        "parent": official.pk, "name": official.name, "code": "dup", "sort_order": 1})
    assert "已经有同名的类别" in response.content.decode()
    response = client.post(reverse("disclosure_category_create"), {"name": "无上级", "code": "x", "sort_order": 1})
    assert "必需字段" in response.content.decode() or "必填" in response.content.decode()
    assert not Category.objects.filter(code__in=["dup", "x"]).exists()
