"""Existing makers: their English profile into the new English columns (what
modeltranslation's update_translation_fields does), so nothing reads empty."""

from django.db import migrations
from django.db.models import F

FIELDS = ("craft", "bio", "story", "quote")


def copy_english(apps, schema_editor):
    Artisan = apps.get_model("artisans", "Artisan")
    for field in FIELDS:
        Artisan._base_manager.filter(**{f"{field}_en_in__isnull": True}).update(
            **{f"{field}_en_in": F(field)}
        )


class Migration(migrations.Migration):
    dependencies = [("artisans", "0006_maker_profile_translations")]
    operations = [migrations.RunPython(copy_english, migrations.RunPython.noop)]
