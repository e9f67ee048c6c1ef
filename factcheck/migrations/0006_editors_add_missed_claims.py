"""Editors may add a sentence the importer missed as a claim (the article admin's "Add as a claim")."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {"Editor": ["add_claim"]}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("factcheck")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="factcheck", codename__in=codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="factcheck", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0005_claim_attribution_confirmed")]

    operations = [migrations.RunPython(grant, revoke)]
