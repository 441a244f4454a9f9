"""Sub-categories the annual report relies on (RULES.md §4).

- 规章 and 行政规范性文件 under Art. 20 item (一): table 二 counts the records filed in them.
- 政府信息公开工作年度报告 under Art. 20 item (十五): the published reports.
Codes are stable; the agency may rename them.
"""

from django.db import migrations

CATEGORIES = [
    ("art20-1-rules", "规章", "art20-1", 1010),
    ("art20-1-normative", "行政规范性文件", "art20-1", 1020),
    ("annual-reports", "政府信息公开工作年度报告", "art20-15", 1510),
]


def create(apps, schema_editor):
    Category = apps.get_model("disclosure", "Category")
    for code, name, parent_code, order in CATEGORIES:
        parent = Category.objects.get(code=parent_code)
        Category.objects.get_or_create(code=code, defaults={"name": name, "parent": parent, "sort_order": order})


def remove(apps, schema_editor):
    Category = apps.get_model("disclosure", "Category")
    Category.objects.filter(code__in=[code for code, *_ in CATEGORIES], records__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("annualreport", "0001_initial"),
        ("disclosure", "0007_remove_informationrecord_record_cat_pub_and_more"),
    ]

    operations = [migrations.RunPython(create, remove)]
