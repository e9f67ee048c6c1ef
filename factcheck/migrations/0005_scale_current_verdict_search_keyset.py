"""For a desk of a million claims: the current rating on the claim, list-order indexes, stored search.

- `current_rating` / `current_published_at` are copied onto each claim from its
  current verdict (Verdict.publish() keeps them in step from now on).
- The list's indexes end with the id, so keyset pagination is a range scan.
- Search gets a stored document (factcheck/search.py): a generated tsvector
  column with a GIN index on PostgreSQL, replacing 0004's expression index,
  and an FTS5 index kept by triggers on SQLite.
"""

from django.conf import settings
from django.db import migrations, models

import factcheck.models
from factcheck import search


def copy_current_verdicts(apps, schema_editor):
    Claim = apps.get_model("factcheck", "Claim")
    Verdict = apps.get_model("factcheck", "Verdict")
    current = Verdict.objects.filter(claim=models.OuterRef("pk"), is_current=True)
    Claim.objects.filter(models.Exists(current)).update(
        current_rating=models.Subquery(current.values("rating")[:1]),
        current_published_at=models.Subquery(current.values("published_at")[:1]),
    )


def add_stored_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS claim_search_idx")
    search.create_search_index(schema_editor)


def remove_stored_search(apps, schema_editor):
    search.drop_search_index(schema_editor)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX claim_search_idx ON factcheck_claim USING gin "
            "(to_tsvector('english'::regconfig, COALESCE(text, '') || ' ' || COALESCE(context, '')))"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0004_claim_full_text_search_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="claim",
            options={
                "ordering": ["-checkworthiness", "-created_at", "-id"],
                "permissions": [
                    ("assign_claim", "Can assign claims to people"),
                    ("dismiss_claim", "Can dismiss claims"),
                ],
            },
        ),
        migrations.RemoveIndex(
            model_name="claim",
            name="claim_status_worth_idx",
        ),
        migrations.RemoveIndex(
            model_name="claim",
            name="claim_worth_idx",
        ),
        migrations.AddField(
            model_name="claim",
            name="current_published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="claim",
            name="current_rating",
            field=models.CharField(
                blank=True, choices=factcheck.models.rating_choices, editable=False, max_length=20, null=True
            ),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="current_published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="current_rating",
            field=models.CharField(
                blank=True, choices=factcheck.models.rating_choices, editable=False, max_length=20, null=True
            ),
        ),
        migrations.RunPython(copy_current_verdicts, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(add_stored_search, remove_stored_search, elidable=False),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["status", "-checkworthiness", "-created_at", "-id"], name="claim_status_order_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["current_rating", "-checkworthiness", "-created_at", "-id"], name="claim_rating_order_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-checkworthiness", "-created_at", "-id"], name="claim_list_order_idx"),
        ),
        migrations.AddIndex(
            model_name="verdict",
            index=models.Index(
                condition=models.Q(("is_current", True)),
                fields=["-published_at", "-id"],
                name="verdict_current_recent_idx",
            ),
        ),
    ]
