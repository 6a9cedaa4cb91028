"""Editors may delete their agency's drafts (the admin refuses anything else)."""

from django.db import migrations


def resync(apps, schema_editor):
    from catalog.roles import sync_groups

    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_role_groups")]

    operations = [migrations.RunPython(resync, migrations.RunPython.noop)]
