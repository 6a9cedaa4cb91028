"""Give the role groups the permissions of annual reports (reports.roles)."""

from django.db import migrations


def resync(apps, schema_editor):
    from catalog.roles import sync_groups

    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("requests_app", "0003_role_permissions"),
    ]

    operations = [migrations.RunPython(resync, migrations.RunPython.noop)]
