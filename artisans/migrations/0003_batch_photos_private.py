# Batch photos move from MEDIA_ROOT (served to anyone with the link) to PRIVATE_MEDIA_ROOT
# (served only by the workshop's batch-photo view). Existing files move with their rows, under
# the same names; a file already moved or missing is left as it is, so running it again (or
# on a database whose files are elsewhere) changes nothing. Product images copied from accepted
# batch photos are other files, in the public storage, and stay where they are.

import artisans.storage
from django.db import migrations, models


def _move(names, source, target):
    moved = 0
    for name in names:
        if not name or target.exists(name) or not source.exists(name):
            continue
        with source.open(name, "rb") as fh:
            saved = target.save(name, fh)
        if saved != name:  # the storage would not keep the name: undo, leave the row as it is
            target.delete(saved)
            continue
        source.delete(name)
        moved += 1
    return moved


def _names(apps):
    BatchPhoto = apps.get_model("artisans", "BatchPhoto")
    return list(BatchPhoto.objects.exclude(image="").values_list("image", flat=True))


def to_private(apps, schema_editor):
    from django.core.files.storage import default_storage

    _move(_names(apps), default_storage, artisans.storage.private_storage)


def to_public(apps, schema_editor):
    from django.core.files.storage import default_storage

    _move(_names(apps), artisans.storage.private_storage, default_storage)


class Migration(migrations.Migration):

    dependencies = [
        ('artisans', '0002_artisan_hands_photo_artisan_quote_artisan_story_and_more'),
    ]

    operations = [
        migrations.AlterField(
            model_name='batchphoto',
            name='image',
            field=models.ImageField(storage=artisans.storage.PrivateStorage(),
                                    upload_to='workshop/batches/'),
        ),
        migrations.RunPython(to_private, to_public, elidable=False),
    ]
