"""Load the 15 official Art. 20 categories (read-only; stable codes)."""

from django.db import migrations

from gongkai.disclosure.categories import ART20, code_for


def load(apps, schema_editor):
    Category = apps.get_model("disclosure", "Category")
    for number, name in ART20:
        Category.objects.update_or_create(
            code=code_for(number), defaults={"number": number, "name": name, "is_official": True, "sort_order": number}
        )


def unload(apps, schema_editor):
    apps.get_model("disclosure", "Category").objects.filter(is_official=True).delete()


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
