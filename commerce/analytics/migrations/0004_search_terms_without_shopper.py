# Search terms are kept without the shopper (issue 19): the column may be empty, and the rows
# Oscar had written lose their user.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def forget_who_searched(apps, schema_editor):
    apps.get_model("analytics", "UserSearch").objects.update(user=None)


class Migration(migrations.Migration):

    dependencies = [
        ('analytics', '0003_auto_20200801_0817'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='usersearch',
            name='user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='User'),
        ),
        migrations.RunPython(forget_who_searched, migrations.RunPython.noop),
    ]
