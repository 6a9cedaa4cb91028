"""Give the role groups the permissions of disclosure on request (requests_app.roles)."""

from django.db import migrations


def resync(apps, schema_editor):
    from catalog.roles import sync_groups

    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0002_requests"),
        ("catalog", "0005_clearance_permissions"),
    ]

    operations = [migrations.RunPython(resync, migrations.RunPython.noop)]
