import secrets

from django.db import migrations

# The namespaces of pagecache.versions.NAMESPACES when this migration was written.
NAMESPACES = ("catalog", "requests", "reports")


def create_tokens(apps, schema_editor):
    ContentVersion = apps.get_model("pagecache", "ContentVersion")
    ContentVersion.objects.using(schema_editor.connection.alias).bulk_create(
        [ContentVersion(namespace=ns, token=secrets.token_hex(8)) for ns in NAMESPACES],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("pagecache", "0001_content_versions")]

    operations = [migrations.RunPython(create_tokens, migrations.RunPython.noop)]
