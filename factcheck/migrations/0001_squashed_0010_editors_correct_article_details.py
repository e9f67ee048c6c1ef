"""The desk's tables as they stand, in one step, for a new database.

It replaces 0001 to 0010 (kept until every installation has applied them). Only what a new database
needs of their data steps is here: the stored full-text search document, and the two roles with
their permissions. The steps that filled new fields from existing rows have nothing to do on a new
database and are left out.

Permissions are normally created after all migrations run (post_migrate), so they are created here first.
"""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import factcheck.models
from factcheck import search

# Fact-checkers triage claims, research, write verdicts and sources, submit them for review and import
# articles. Editors do all of that and alone may assign, dismiss, publish, correct, merge actors, add a
# claim the importer missed and correct an article's details. Daily work never needs a superuser.
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
    "add_importjob",
    "view_importjob",
    "view_importitem",
]
EDITOR_ONLY = [
    "publish_verdict",
    "assign_claim",
    "dismiss_claim",
    "merge_actors",
    "change_actor",
    "add_claim",
    "change_article",
]
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


def create_search(apps, schema_editor):
    search.create_search_index(schema_editor)


def drop_search(apps, schema_editor):
    search.drop_search_index(schema_editor)


class Migration(migrations.Migration):
    replaces = [
        ("factcheck", "0001_initial"),
        ("factcheck", "0002_published_correction_needs_note"),
        ("factcheck", "0003_fact_checker_and_editor_groups"),
        ("factcheck", "0004_claim_full_text_search_index"),
        ("factcheck", "0005_scale_current_verdict_search_keyset"),
        ("factcheck", "0006_rating_filter_index"),
        ("factcheck", "0005_claim_attribution_confirmed"),
        ("factcheck", "0006_editors_add_missed_claims"),
        ("factcheck", "0005_verdict_authors_and_review"),
        ("factcheck", "0005_claim_said_on_venue_original_url"),
        ("factcheck", "0005_claim_matches"),
        ("factcheck", "0005_article_imports"),
        ("factcheck", "0007_merge_20261129_1632"),
        ("factcheck", "0008_claimant_said_index"),
        ("factcheck", "0008_claim_embeddings"),
        ("factcheck", "0009_merge_0008_claim_embeddings_0008_claimant_said_index"),
        ("factcheck", "0010_editors_correct_article_details"),
    ]

    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Claim",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("text", models.TextField()),
                ("slug", models.SlugField(blank=True, max_length=255, unique=True)),
                (
                    "fingerprint",
                    models.CharField(editable=False, help_text="Hash of the normalised text.", max_length=64),
                ),
                ("context", models.TextField(blank=True, help_text="The paragraph the claim appears in.")),
                ("position", models.PositiveIntegerField(default=0, help_text="Order of the sentence in the article.")),
                (
                    "checkworthiness",
                    models.FloatField(default=0.0, help_text="0–1: how worth checking the importer judged it."),
                ),
                (
                    "said_on",
                    models.DateField(
                        blank=True,
                        help_text="When the claim was made (the import uses the article's date).",
                        null=True,
                        verbose_name="said on",
                    ),
                ),
                (
                    "venue",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("article", "News article"),
                            ("interview", "Interview"),
                            ("speech", "Speech"),
                            ("debate", "Debate"),
                            ("social_media", "Social media post"),
                            ("press_release", "Press release"),
                            ("broadcast", "TV or radio broadcast"),
                            ("advert", "Advertisement"),
                            ("other", "Other"),
                        ],
                        help_text="The occasion or medium.",
                        max_length=20,
                        verbose_name="where it was said",
                    ),
                ),
                (
                    "original_url",
                    models.URLField(
                        blank=True,
                        help_text="Where the claim can be read, heard or seen in the original (the import uses the article's).",
                        max_length=1000,
                        verbose_name="original web address",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("new", "Awaiting check"),
                            ("researching", "Being researched"),
                            ("in_review", "In review"),
                            ("published", "Published"),
                            ("dismissed", "Dismissed"),
                        ],
                        default="new",
                        max_length=20,
                    ),
                ),
                ("dismissal_reason", models.TextField(blank=True)),
                (
                    "current_rating",
                    models.CharField(
                        blank=True, choices=factcheck.models.rating_choices, editable=False, max_length=20, null=True
                    ),
                ),
                ("current_published_at", models.DateTimeField(blank=True, editable=False, null=True)),
                (
                    "quotation",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("quote", "Quoted: the claimant's own words"),
                            ("paraphrase", "Paraphrased: the article's words for what the claimant said"),
                        ],
                        help_text="How the claimant's words are given; empty when the claim has no claimant.",
                        max_length=10,
                    ),
                ),
                (
                    "attribution_confirmed_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="When a fact-checker confirmed the claimant and quote or paraphrase.",
                        null=True,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "ordering": ["-checkworthiness", "-created_at", "-id"],
                "permissions": [
                    ("assign_claim", "Can assign claims to people"),
                    ("dismiss_claim", "Can dismiss claims"),
                ],
            },
        ),
        migrations.CreateModel(
            name="Actor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        help_text="Canonical name, e.g. “Volodymyr Zelenskyy”.", max_length=200, unique=True
                    ),
                ),
                ("slug", models.SlugField(blank=True, max_length=220, unique=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("person", "Person"),
                            ("organization", "Organisation"),
                            ("country", "Country"),
                            ("other", "Other"),
                        ],
                        default="person",
                        max_length=20,
                    ),
                ),
                (
                    "description",
                    models.CharField(blank=True, help_text="Role, e.g. “U.S. Ambassador to NATO”.", max_length=300),
                ),
                (
                    "aliases",
                    models.JSONField(blank=True, default=list, help_text="Other names it goes by, e.g. “Zelenskyy”."),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "ordering": ["name"],
                "permissions": [("merge_actors", "Can merge duplicate actors")],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["person", "organization", "country", "other"])),
                        name="actor_kind_valid",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Article",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=500)),
                ("slug", models.SlugField(blank=True, max_length=255, unique=True)),
                ("dek", models.TextField(blank=True, help_text="The standfirst under the headline.")),
                ("body", models.TextField(help_text="Clean text, one paragraph per line, clutter removed.")),
                ("outlet", models.CharField(blank=True, max_length=200)),
                ("url", models.URLField(blank=True, max_length=1000)),
                ("published_on", models.DateField(blank=True, null=True)),
                (
                    "source_file",
                    models.CharField(help_text="The file it was imported from.", max_length=500, unique=True),
                ),
                ("content_hash", models.CharField(db_index=True, help_text="SHA-256 of the raw file.", max_length=64)),
                (
                    "removed_clutter",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Lines the importer removed as web clutter, with the rule that removed each.",
                    ),
                ),
                ("imported_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "ordering": ["-published_on", "-imported_at"],
                "indexes": [models.Index(fields=["-published_on", "-imported_at"], name="article_recent_idx")],
            },
        ),
        migrations.CreateModel(
            name="ClaimEmbedding",
            fields=[
                (
                    "claim",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="embedding",
                        serialize=False,
                        to="factcheck.claim",
                    ),
                ),
                ("digest", models.CharField(help_text="Of the claim's text when it was embedded.", max_length=16)),
                ("vector", models.BinaryField(help_text="384 float16 values.")),
            ],
        ),
        migrations.AddField(
            model_name="claim",
            name="actors",
            field=models.ManyToManyField(blank=True, related_name="claims_mentioning", to="factcheck.actor"),
        ),
        migrations.AddField(
            model_name="claim",
            name="article",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="claims", to="factcheck.article"
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="assignee",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="assigned_claims",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="attribution_confirmed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="claimant",
            field=models.ForeignKey(
                blank=True,
                help_text="Who made the claim; empty when it is the article's own assertion.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="claims_made",
                to="factcheck.actor",
            ),
        ),
        migrations.CreateModel(
            name="ClaimMatch",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("score", models.FloatField(help_text="0–1: how sure the matcher was.")),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("suggested", "Suggested repeat"),
                            ("linked", "Already checked (automatic)"),
                            ("confirmed", "Confirmed repeat"),
                            ("rejected", "Not a repeat"),
                        ],
                        default="suggested",
                        max_length=20,
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "claim",
                    models.ForeignKey(
                        help_text="The claim that repeats the earlier one.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="matches",
                        to="factcheck.claim",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "original",
                    models.ForeignKey(
                        help_text="The earlier claim it repeats.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="repeats",
                        to="factcheck.claim",
                    ),
                ),
            ],
            options={
                "verbose_name": "repeat",
                "ordering": ["-score", "pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalActor",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        db_index=True, help_text="Canonical name, e.g. “Volodymyr Zelenskyy”.", max_length=200
                    ),
                ),
                ("slug", models.SlugField(blank=True, max_length=220)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("person", "Person"),
                            ("organization", "Organisation"),
                            ("country", "Country"),
                            ("other", "Other"),
                        ],
                        default="person",
                        max_length=20,
                    ),
                ),
                (
                    "description",
                    models.CharField(blank=True, help_text="Role, e.g. “U.S. Ambassador to NATO”.", max_length=300),
                ),
                (
                    "aliases",
                    models.JSONField(blank=True, default=list, help_text="Other names it goes by, e.g. “Zelenskyy”."),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical actor",
                "verbose_name_plural": "historical actors",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalArticle",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("title", models.CharField(max_length=500)),
                ("slug", models.SlugField(blank=True, max_length=255)),
                ("dek", models.TextField(blank=True, help_text="The standfirst under the headline.")),
                ("body", models.TextField(help_text="Clean text, one paragraph per line, clutter removed.")),
                ("outlet", models.CharField(blank=True, max_length=200)),
                ("url", models.URLField(blank=True, max_length=1000)),
                ("published_on", models.DateField(blank=True, null=True)),
                (
                    "source_file",
                    models.CharField(db_index=True, help_text="The file it was imported from.", max_length=500),
                ),
                ("content_hash", models.CharField(db_index=True, help_text="SHA-256 of the raw file.", max_length=64)),
                (
                    "removed_clutter",
                    models.JSONField(
                        blank=True,
                        default=list,
                        help_text="Lines the importer removed as web clutter, with the rule that removed each.",
                    ),
                ),
                ("imported_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical article",
                "verbose_name_plural": "historical articles",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalClaim",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("text", models.TextField()),
                ("slug", models.SlugField(blank=True, max_length=255)),
                (
                    "fingerprint",
                    models.CharField(editable=False, help_text="Hash of the normalised text.", max_length=64),
                ),
                ("context", models.TextField(blank=True, help_text="The paragraph the claim appears in.")),
                ("position", models.PositiveIntegerField(default=0, help_text="Order of the sentence in the article.")),
                (
                    "checkworthiness",
                    models.FloatField(default=0.0, help_text="0–1: how worth checking the importer judged it."),
                ),
                (
                    "said_on",
                    models.DateField(
                        blank=True,
                        help_text="When the claim was made (the import uses the article's date).",
                        null=True,
                        verbose_name="said on",
                    ),
                ),
                (
                    "venue",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("article", "News article"),
                            ("interview", "Interview"),
                            ("speech", "Speech"),
                            ("debate", "Debate"),
                            ("social_media", "Social media post"),
                            ("press_release", "Press release"),
                            ("broadcast", "TV or radio broadcast"),
                            ("advert", "Advertisement"),
                            ("other", "Other"),
                        ],
                        help_text="The occasion or medium.",
                        max_length=20,
                        verbose_name="where it was said",
                    ),
                ),
                (
                    "original_url",
                    models.URLField(
                        blank=True,
                        help_text="Where the claim can be read, heard or seen in the original (the import uses the article's).",
                        max_length=1000,
                        verbose_name="original web address",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("new", "Awaiting check"),
                            ("researching", "Being researched"),
                            ("in_review", "In review"),
                            ("published", "Published"),
                            ("dismissed", "Dismissed"),
                        ],
                        default="new",
                        max_length=20,
                    ),
                ),
                ("dismissal_reason", models.TextField(blank=True)),
                (
                    "current_rating",
                    models.CharField(
                        blank=True, choices=factcheck.models.rating_choices, editable=False, max_length=20, null=True
                    ),
                ),
                ("current_published_at", models.DateTimeField(blank=True, editable=False, null=True)),
                (
                    "quotation",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("quote", "Quoted: the claimant's own words"),
                            ("paraphrase", "Paraphrased: the article's words for what the claimant said"),
                        ],
                        help_text="How the claimant's words are given; empty when the claim has no claimant.",
                        max_length=10,
                    ),
                ),
                (
                    "attribution_confirmed_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="When a fact-checker confirmed the claimant and quote or paraphrase.",
                        null=True,
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="factcheck.article",
                    ),
                ),
                (
                    "assignee",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "attribution_confirmed_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "claimant",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Who made the claim; empty when it is the article's own assertion.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="factcheck.actor",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical claim",
                "verbose_name_plural": "historical claims",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ImportJob",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("submitted_at", models.DateTimeField(auto_now_add=True)),
                (
                    "submitted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="import_jobs",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "article import",
                "verbose_name_plural": "article imports",
                "ordering": ["-submitted_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="ImportItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("file", "Uploaded file"), ("text", "Pasted text"), ("url", "Web address")],
                        max_length=10,
                    ),
                ),
                (
                    "name",
                    models.CharField(help_text="The file's name, the web address, or “Pasted text”.", max_length=1000),
                ),
                (
                    "content",
                    models.BinaryField(blank=True, help_text="The uploaded file's bytes or the pasted text (UTF-8)."),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Waiting"),
                            ("running", "Importing"),
                            ("created", "Created"),
                            ("updated", "Updated"),
                            ("unchanged", "Unchanged"),
                            ("failed", "Refused"),
                        ],
                        default="queued",
                        max_length=10,
                    ),
                ),
                ("reason", models.TextField(blank=True, help_text="Why it was refused, or why it was unchanged.")),
                ("claims_created", models.PositiveIntegerField(default=0)),
                ("actors_created", models.JSONField(blank=True, default=list)),
                ("task_id", models.CharField(blank=True, help_text="The background task importing it.", max_length=64)),
                ("attempts", models.PositiveSmallIntegerField(default=0)),
                ("started_at", models.DateTimeField(blank=True, null=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                (
                    "article",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="factcheck.article",
                    ),
                ),
                (
                    "job",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="items", to="factcheck.importjob"
                    ),
                ),
            ],
            options={
                "ordering": ["job", "pk"],
            },
        ),
        migrations.CreateModel(
            name="ReaderReport",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[("suggestion", "Suggest a claim to check"), ("error", "Report an error")],
                        default="suggestion",
                        max_length=20,
                    ),
                ),
                ("message", models.TextField(max_length=4000)),
                ("link", models.URLField(blank=True, max_length=1000)),
                ("email", models.EmailField(blank=True, max_length=254)),
                ("submitted_at", models.DateTimeField(auto_now_add=True)),
                (
                    "sender_hash",
                    models.CharField(
                        blank=True, help_text="Salted hash of the sender's address, for rate limits.", max_length=64
                    ),
                ),
                ("handled", models.BooleanField(default=False)),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="reader_reports",
                        to="factcheck.claim",
                    ),
                ),
            ],
            options={
                "ordering": ["-submitted_at"],
            },
        ),
        migrations.CreateModel(
            name="Verdict",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "rating",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("false", "False"),
                            ("mostly_false", "Mostly false"),
                            ("half_true", "Half true"),
                            ("mostly_true", "Mostly true"),
                            ("true", "True"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "summary",
                    models.CharField(blank=True, help_text="One-line conclusion readers see first.", max_length=300),
                ),
                ("explanation", models.TextField(blank=True, help_text="The full reasoning (Markdown).")),
                ("notes", models.TextField(blank=True, help_text="Internal research notes. Never published.")),
                (
                    "review_comments",
                    models.TextField(blank=True, help_text="The reviewer's comments. Never published."),
                ),
                ("submitted_at", models.DateTimeField(blank=True, null=True)),
                (
                    "sent_back_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="When an editor last sent it back to its authors with comments.",
                        null=True,
                    ),
                ),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                (
                    "solo_correction",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        help_text="A correction its own author published without a second review (FACTCHECK_SOLO_CORRECTIONS).",
                    ),
                ),
                (
                    "is_current",
                    models.BooleanField(default=False, editable=False, help_text="The published version readers see."),
                ),
                ("correction_note", models.TextField(blank=True, help_text="Public note: what changed and why.")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="verdicts_written",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="verdicts", to="factcheck.claim"
                    ),
                ),
                (
                    "corrects",
                    models.OneToOneField(
                        blank=True,
                        help_text="The earlier published version this one corrects.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="corrected_by",
                        to="factcheck.verdict",
                    ),
                ),
                (
                    "reviewer",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="verdicts_reviewed",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-published_at", "-created_at"],
                "permissions": [("publish_verdict", "Can publish and correct verdicts")],
            },
        ),
        migrations.CreateModel(
            name="Source",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("url", models.URLField(max_length=1000)),
                ("title", models.CharField(max_length=500)),
                ("publisher", models.CharField(blank=True, max_length=200)),
                ("accessed_on", models.DateField()),
                (
                    "verdict",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="sources", to="factcheck.verdict"
                    ),
                ),
            ],
            options={
                "ordering": ["pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalVerdict",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "rating",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("false", "False"),
                            ("mostly_false", "Mostly false"),
                            ("half_true", "Half true"),
                            ("mostly_true", "Mostly true"),
                            ("true", "True"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "summary",
                    models.CharField(blank=True, help_text="One-line conclusion readers see first.", max_length=300),
                ),
                ("explanation", models.TextField(blank=True, help_text="The full reasoning (Markdown).")),
                ("notes", models.TextField(blank=True, help_text="Internal research notes. Never published.")),
                (
                    "review_comments",
                    models.TextField(blank=True, help_text="The reviewer's comments. Never published."),
                ),
                ("submitted_at", models.DateTimeField(blank=True, null=True)),
                (
                    "sent_back_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="When an editor last sent it back to its authors with comments.",
                        null=True,
                    ),
                ),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                (
                    "solo_correction",
                    models.BooleanField(
                        default=False,
                        editable=False,
                        help_text="A correction its own author published without a second review (FACTCHECK_SOLO_CORRECTIONS).",
                    ),
                ),
                (
                    "is_current",
                    models.BooleanField(default=False, editable=False, help_text="The published version readers see."),
                ),
                ("correction_note", models.TextField(blank=True, help_text="Public note: what changed and why.")),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "claim",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="factcheck.claim",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "reviewer",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "corrects",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The earlier published version this one corrects.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="factcheck.verdict",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical verdict",
                "verbose_name_plural": "historical verdicts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSource",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("url", models.URLField(max_length=1000)),
                ("title", models.CharField(max_length=500)),
                ("publisher", models.CharField(blank=True, max_length=200)),
                ("accessed_on", models.DateField()),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "verdict",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="factcheck.verdict",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical source",
                "verbose_name_plural": "historical sources",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="VerdictChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "fields",
                    models.JSONField(default=list, help_text="What changed: rating, summary, explanation, sources."),
                ),
                (
                    "changed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="verdict_changes",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "verdict",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="changes", to="factcheck.verdict"
                    ),
                ),
            ],
            options={
                "ordering": ["changed_at", "pk"],
            },
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["status", "-checkworthiness", "-created_at", "-id"], name="claim_status_order_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["current_rating", "status", "-checkworthiness", "-created_at", "-id"],
                name="claim_rated_order_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-checkworthiness", "-created_at", "-id"], name="claim_list_order_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-created_at"], name="claim_created_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-updated_at"], name="claim_updated_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(fields=["-said_on"], name="claim_said_idx"),
        ),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                fields=["claimant", "said_on", "status", "current_rating", "id"], name="claim_claimant_said_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.UniqueConstraint(fields=("article", "fingerprint"), name="claim_unique_per_article"),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("checkworthiness__gte", 0), ("checkworthiness__lte", 1)),
                name="claim_checkworthiness_0_1",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["new", "researching", "in_review", "published", "dismissed"])),
                name="claim_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "dismissed"), _negated=True),
                    models.Q(("dismissal_reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="claim_dismissal_has_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "venue__in",
                        [
                            "",
                            "article",
                            "interview",
                            "speech",
                            "debate",
                            "social_media",
                            "press_release",
                            "broadcast",
                            "advert",
                            "other",
                        ],
                    )
                ),
                name="claim_venue_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("quotation__in", ["", "quote", "paraphrase"])), name="claim_quotation_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="claim",
            constraint=models.CheckConstraint(
                condition=models.Q(("claimant__isnull", False), ("quotation", ""), _connector="OR"),
                name="claim_quotation_needs_claimant",
            ),
        ),
        migrations.AddIndex(
            model_name="claimmatch",
            index=models.Index(fields=["original", "state"], name="claim_match_original_idx"),
        ),
        migrations.AddConstraint(
            model_name="claimmatch",
            constraint=models.UniqueConstraint(fields=("claim", "original"), name="claim_match_unique_pair"),
        ),
        migrations.AddConstraint(
            model_name="claimmatch",
            constraint=models.UniqueConstraint(
                condition=models.Q(("state", "confirmed")), fields=("claim",), name="claim_match_one_confirmed_original"
            ),
        ),
        migrations.AddConstraint(
            model_name="claimmatch",
            constraint=models.CheckConstraint(
                condition=models.Q(("claim", models.F("original")), _negated=True), name="claim_match_not_itself"
            ),
        ),
        migrations.AddConstraint(
            model_name="claimmatch",
            constraint=models.CheckConstraint(
                condition=models.Q(("score__gte", 0), ("score__lte", 1)), name="claim_match_score_0_1"
            ),
        ),
        migrations.AddConstraint(
            model_name="claimmatch",
            constraint=models.CheckConstraint(
                condition=models.Q(("state__in", ["suggested", "linked", "confirmed", "rejected"])),
                name="claim_match_state_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="importitem",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["queued", "running", "created", "updated", "unchanged", "failed"])),
                name="import_item_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="importitem",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["file", "text", "url"])), name="import_item_kind_valid"
            ),
        ),
        migrations.AddIndex(
            model_name="readerreport",
            index=models.Index(fields=["sender_hash", "-submitted_at"], name="report_sender_idx"),
        ),
        migrations.AddIndex(
            model_name="verdict",
            index=models.Index(fields=["-published_at"], name="verdict_published_idx"),
        ),
        migrations.AddIndex(
            model_name="verdict",
            index=models.Index(
                condition=models.Q(("is_current", True)),
                fields=["-published_at", "-id"],
                name="verdict_current_recent_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="verdict",
            index=models.Index(fields=["rating"], name="verdict_rating_idx"),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_current", True)), fields=("claim",), name="one_current_verdict_per_claim"
            ),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.CheckConstraint(
                condition=models.Q(("is_current", False), ("published_at__isnull", False), _connector="OR"),
                name="current_verdict_is_published",
            ),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.CheckConstraint(
                condition=models.Q(("rating__in", ["", "false", "mostly_false", "half_true", "mostly_true", "true"])),
                name="verdict_rating_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("published_at__isnull", True),
                    models.Q(("reviewer__isnull", False), models.Q(("rating", ""), _negated=True)),
                    _connector="OR",
                ),
                name="published_verdict_has_reviewer_and_rating",
            ),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("reviewer__isnull", True),
                    models.Q(("reviewer", models.F("author")), _negated=True),
                    models.Q(("solo_correction", True), ("corrects__isnull", False)),
                    _connector="OR",
                ),
                name="verdict_reviewer_is_not_author",
            ),
        ),
        migrations.AddConstraint(
            model_name="verdict",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("corrects__isnull", True),
                    ("published_at__isnull", True),
                    models.Q(("correction_note", ""), _negated=True),
                    _connector="OR",
                ),
                name="published_correction_has_note",
            ),
        ),
        migrations.AddIndex(
            model_name="verdictchange",
            index=models.Index(fields=["verdict", "changed_by"], name="verdict_change_by_idx"),
        ),
        migrations.RunPython(create_search, drop_search, elidable=False),
        migrations.RunPython(create_groups, remove_groups, elidable=False),
    ]
