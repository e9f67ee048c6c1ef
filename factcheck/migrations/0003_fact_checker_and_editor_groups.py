"""The desk's two roles as groups: Fact-checker and Editor.

Fact-checkers triage claims, research, write verdicts and sources and submit
them for review. Editors do all of that and alone may assign, dismiss,
publish, correct and merge actors. Daily work never needs a superuser.

Permissions are normally created after all migrations run (post_migrate), so
on a fresh database they are created here first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

DESK = [
    "view_claim",
    "change_claim",
    "view_verdict",
    "add_verdict",
    "change_verdict",
    "view_source",
    "add_source",
    "change_source",
    "delete_source",
    "view_article",
    "view_actor",
    "view_readerreport",
    "change_readerreport",
    "view_historicalclaim",
    "view_historicalverdict",
    "view_historicalsource",
    "view_historicalarticle",
    "view_historicalactor",
]
EDITOR_ONLY = ["publish_verdict", "assign_claim", "dismiss_claim", "merge_actors", "change_actor"]
ROLES = {"Fact-checker": DESK, "Editor": DESK + EDITOR_ONLY}


def create_groups(apps, schema_editor):
    app_config = apps.get_app_config("factcheck")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label="factcheck", codename__in=codenames)
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions missing for the {name} group: {sorted(missing)}")
        group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0002_published_correction_needs_note"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
