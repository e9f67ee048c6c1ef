"""Transcripts: an article of the kind "transcript" has a venue (debate, interview, speech …), the speakers
it names (each the actor they are, and whether they moderate), and each of its claims its speaker and
the time into the recording it was said. Claims gain the venues a transcript can record.
"""

import datetime
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0010_editors_correct_article_details"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Speaker",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("label", models.CharField(help_text="How the transcript names them: “BIDEN”, “Q”.", max_length=200)),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("speaker", "Speaker: what they say can be a claim"),
                            ("moderator", "Moderator or interviewer: their questions are never claims"),
                            ("unidentified", "Audience or unidentified voice: never credited, never a claim"),
                        ],
                        default="speaker",
                        max_length=20,
                    ),
                ),
                ("position", models.PositiveIntegerField(default=0, help_text="The order of their first turn.")),
            ],
            options={
                "ordering": ["article", "position", "pk"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="claim",
            name="claim_venue_valid",
        ),
        migrations.AddField(
            model_name="article",
            name="kind",
            field=models.CharField(
                choices=[("article", "Article"), ("transcript", "Transcript")], default="article", max_length=20
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="venue",
            field=models.CharField(
                blank=True,
                choices=[
                    ("debate", "Debate"),
                    ("interview", "Interview"),
                    ("speech", "Speech"),
                    ("press_conference", "Press conference"),
                    ("hearing", "Hearing"),
                    ("broadcast", "TV or radio broadcast"),
                    ("podcast", "Podcast"),
                    ("other", "Other"),
                ],
                help_text="A transcript's occasion; empty for a written article.",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="said_at",
            field=models.DurationField(
                blank=True,
                help_text="How far into the recording it was said (a transcript's timestamp).",
                null=True,
                verbose_name="time in the recording",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="kind",
            field=models.CharField(
                choices=[("article", "Article"), ("transcript", "Transcript")], default="article", max_length=20
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="venue",
            field=models.CharField(
                blank=True,
                choices=[
                    ("debate", "Debate"),
                    ("interview", "Interview"),
                    ("speech", "Speech"),
                    ("press_conference", "Press conference"),
                    ("hearing", "Hearing"),
                    ("broadcast", "TV or radio broadcast"),
                    ("podcast", "Podcast"),
                    ("other", "Other"),
                ],
                help_text="A transcript's occasion; empty for a written article.",
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="said_at",
            field=models.DurationField(
                blank=True,
                help_text="How far into the recording it was said (a transcript's timestamp).",
                null=True,
                verbose_name="time in the recording",
            ),
        ),
        migrations.AlterField(
            model_name="claim",
            name="venue",
            field=models.CharField(
                blank=True,
                choices=[
                    ("article", "News article"),
                    ("interview", "Interview"),
                    ("speech", "Speech"),
                    ("debate", "Debate"),
                    ("press_conference", "Press conference"),
                    ("hearing", "Hearing"),
                    ("social_media", "Social media post"),
                    ("press_release", "Press release"),
                    ("broadcast", "TV or radio broadcast"),
                    ("podcast", "Podcast"),
                    ("advert", "Advertisement"),
                    ("other", "Other"),
                ],
                help_text="The occasion or medium.",
                max_length=20,
                verbose_name="where it was said",
            ),
        ),
        migrations.AlterField(
            model_name="historicalclaim",
            name="venue",
            field=models.CharField(
                blank=True,
                choices=[
                    ("article", "News article"),
                    ("interview", "Interview"),
                    ("speech", "Speech"),
                    ("debate", "Debate"),
                    ("press_conference", "Press conference"),
                    ("hearing", "Hearing"),
                    ("social_media", "Social media post"),
                    ("press_release", "Press release"),
                    ("broadcast", "TV or radio broadcast"),
                    ("podcast", "Podcast"),
                    ("advert", "Advertisement"),
                    ("other", "Other"),
                ],
                help_text="The occasion or medium.",
                max_length=20,
                verbose_name="where it was said",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "article"), ("venue", "")),
                    models.Q(
                        ("kind", "transcript"),
                        (
                            "venue__in",
                            [
                                "debate",
                                "interview",
                                "speech",
                                "press_conference",
                                "hearing",
                                "broadcast",
                                "podcast",
                                "other",
                            ],
                        ),
                    ),
                    _connector="OR",
                ),
                name="article_kind_venue_valid",
            ),
        ),
        migrations.AddField(
            model_name="speaker",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                help_text="Who they are: every claim of theirs is credited to this person.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="speaking_parts",
                to="factcheck.actor",
            ),
        ),
        migrations.AddField(
            model_name="speaker",
            name="article",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="speakers", to="factcheck.article"
            ),
        ),
        migrations.AddField(
            model_name="claim",
            name="speaker",
            field=models.ForeignKey(
                blank=True,
                help_text="Who said it, as the transcript names them; empty for a written article's claim.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="claims",
                to="factcheck.speaker",
            ),
        ),
        migrations.AddField(
            model_name="historicalclaim",
            name="speaker",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Who said it, as the transcript names them; empty for a written article's claim.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="factcheck.speaker",
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
                            "press_conference",
                            "hearing",
                            "social_media",
                            "press_release",
                            "broadcast",
                            "podcast",
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
                condition=models.Q(("said_at__isnull", True), ("said_at__gte", datetime.timedelta(0)), _connector="OR"),
                name="claim_said_at_not_negative",
            ),
        ),
        migrations.AddConstraint(
            model_name="speaker",
            constraint=models.UniqueConstraint(fields=("article", "label"), name="speaker_label_unique_per_transcript"),
        ),
        migrations.AddConstraint(
            model_name="speaker",
            constraint=models.CheckConstraint(
                condition=models.Q(("role__in", ["speaker", "moderator", "unidentified"])), name="speaker_role_valid"
            ),
        ),
        migrations.AddConstraint(
            model_name="speaker",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("role", "unidentified"), _negated=True), ("actor__isnull", True), _connector="OR"
                ),
                name="speaker_unidentified_has_no_actor",
            ),
        ),
    ]
