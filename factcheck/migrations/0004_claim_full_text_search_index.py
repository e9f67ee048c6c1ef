"""A GIN index for full-text search of claims, on PostgreSQL only.

It is not in Claim.Meta.indexes because SQLite cannot build it, and Django
recreates a model's Meta indexes whenever it rebuilds an SQLite table. The
expression must stay identical to the one ClaimQuerySet.search() filters on,
or PostgreSQL will not use the index.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations


def search_index():
    return GinIndex(SearchVector("text", "context", config="english"), name="claim_search_idx")


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("factcheck", "Claim"), search_index())


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("factcheck", "Claim"), search_index())


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0003_fact_checker_and_editor_groups"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index, elidable=False),
    ]
