"""Fact-checkers and editors may add an actor: a claim's claimant the import did not find is created in place,
on the claim's page, and recorded in the actor's history; editors merge duplicates later.

``GRANTS`` is read by tests/conftest.py's roles through the test database, like every grant.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {"Fact-checker": ["add_actor"], "Editor": ["add_actor"]}


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
    dependencies = [("factcheck", "0012_article_dateline")]

    operations = [migrations.RunPython(grant, revoke)]
