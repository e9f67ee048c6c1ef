"""A claim repeating a published one reads as "Already checked" (status "repeat", `repeat_of`), no longer as
dismissed or awaiting a check; a suggested repeat says what differs."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def repeats_already_checked(apps, schema_editor):
    """Repeats linked or confirmed before this change: a confirmed one was dismissed ("Already checked: …"),
    an automatic one left awaiting a check. Each now reads as a repeat of its published original."""
    Claim = apps.get_model("factcheck", "Claim")
    ClaimMatch = apps.get_model("factcheck", "ClaimMatch")
    links = (
        ClaimMatch.objects.filter(
            state__in=["confirmed", "linked"], original__status="published", original__current_rating__isnull=False
        )
        .select_related("claim", "original")
        .order_by("state", "-score", "pk")  # confirmed first, then the surest automatic link
    )
    done = set()
    for link in links.iterator():
        claim = link.claim
        if claim.pk in done:
            continue
        confirmed_dismissal = link.state == "confirmed" and claim.dismissal_reason.startswith("Already checked:")
        if claim.status in ("new", "researching") or (claim.status == "dismissed" and confirmed_dismissal):
            claim.status, claim.dismissal_reason, claim.repeat_of = "repeat", "", link.original
            claim.current_rating = link.original.current_rating
            claim.current_published_at = link.original.current_published_at
            claim.save(update_fields=["status", "dismissal_reason", "repeat_of", "current_rating", "current_published_at"])
            done.add(claim.pk)


class Migration(migrations.Migration):

    dependencies = [
        ('factcheck', '0014_two_person_desk'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='claim',
            name='claim_status_valid',
        ),
        migrations.AddField(
            model_name='claim',
            name='repeat_of',
            field=models.ForeignKey(blank=True, editable=False, help_text='The published claim this one repeats, whose verdict readers see here (status “Already checked”).', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='factcheck.claim'),
        ),
        migrations.AddField(
            model_name='claimmatch',
            name='differences',
            field=models.CharField(blank=True, help_text="What the claim says in place of the original's, when they differ only so (“240 vs 24”).", max_length=300),
        ),
        migrations.AddField(
            model_name='historicalclaim',
            name='repeat_of',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='The published claim this one repeats, whose verdict readers see here (status “Already checked”).', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='factcheck.claim'),
        ),
        migrations.AlterField(
            model_name='claim',
            name='status',
            field=models.CharField(choices=[('new', 'Awaiting check'), ('researching', 'Being researched'), ('in_review', 'In review'), ('published', 'Published'), ('repeat', 'Already checked'), ('dismissed', 'Dismissed')], default='new', max_length=20),
        ),
        migrations.AlterField(
            model_name='claimmatch',
            name='score',
            field=models.FloatField(help_text="0–1: the matcher's probability that the two are the same claim."),
        ),
        migrations.AlterField(
            model_name='historicalclaim',
            name='status',
            field=models.CharField(choices=[('new', 'Awaiting check'), ('researching', 'Being researched'), ('in_review', 'In review'), ('published', 'Published'), ('repeat', 'Already checked'), ('dismissed', 'Dismissed')], default='new', max_length=20),
        ),
        migrations.RunPython(repeats_already_checked, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['status', 'updated_at'], name='claim_status_updated_idx'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['new', 'researching', 'in_review', 'published', 'repeat', 'dismissed'])), name='claim_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'repeat'), _negated=True), ('repeat_of__isnull', False), _connector='OR'), name='claim_repeat_names_its_original'),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('repeat_of', models.F('pk')), _negated=True), name='claim_repeat_not_itself'),
        ),
    ]
