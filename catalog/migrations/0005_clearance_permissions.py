"""Editors and reviewers keep the four clearances; agency admins staffing and workflows."""

from django.db import migrations


def resync(apps, schema_editor):
    from catalog.roles import sync_groups

    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_clearances")]

    operations = [migrations.RunPython(resync, migrations.RunPython.noop)]
