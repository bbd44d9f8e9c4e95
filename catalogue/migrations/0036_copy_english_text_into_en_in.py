"""Existing products, categories and attributes: their English text into the new English
columns (what modeltranslation's update_translation_fields does), so nothing reads empty."""

from django.db import migrations
from django.db.models import F

COPIES = [
    ("Product", ("title", "description")),
    ("Category", ("name", "description")),
    ("ProductAttribute", ("name",)),
    ("ProductAttributeValue", ("value_text",)),
    ("ProductClass", ("name",)),
]


def copy_english(apps, schema_editor):
    for model_name, fields in COPIES:
        model = apps.get_model("catalogue", model_name)
        for field in fields:
            model._base_manager.filter(**{f"{field}_en_in__isnull": True}).update(
                **{f"{field}_en_in": F(field)}
            )


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0035_product_category_attribute_translations")]
    operations = [migrations.RunPython(copy_english, migrations.RunPython.noop)]
