"""Each verdict records the claim's wording as checked (its words, claimant, quotation, when and where it was
said): a published claim's wording changes only through a reviewed correction that carries new wording.

Versions already published, and corrections being drafted, take the claim's wording as readers see it now.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Q, Subquery

WORDING = {
    "text": "checked_text",
    "claimant_id": "checked_claimant_id",
    "quotation": "checked_quotation",
    "said_on": "checked_said_on",
    "said_at": "checked_said_at",
    "venue": "checked_venue",
    "original_url": "checked_original_url",
}


def record_wording_as_shown(apps, schema_editor):
    Claim = apps.get_model("factcheck", "Claim")
    Verdict = apps.get_model("factcheck", "Verdict")
    claim = Claim.objects.filter(pk=OuterRef("claim_id"))
    Verdict.objects.filter(Q(published_at__isnull=False) | Q(corrects__isnull=False)).update(
        **{field: Subquery(claim.values(name)[:1]) for name, field in WORDING.items()}
    )


class Migration(migrations.Migration):

    dependencies = [
        ('factcheck', '0015_claims_repeat_status'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalverdict',
            name='checked_claimant',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="Who made the claim; empty when it is the article's own assertion.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='factcheck.actor', verbose_name='claimant'),
        ),
        migrations.AddField(
            model_name='historicalverdict',
            name='checked_original_url',
            field=models.URLField(blank=True, max_length=1000, verbose_name='original web address'),
        ),
        migrations.AddField(
            model_name='historicalverdict',
            name='checked_quotation',
            field=models.CharField(blank=True, choices=[('quote', "Quoted: the claimant's own words"), ('paraphrase', "Paraphrased: the article's words for what the claimant said")], max_length=10, verbose_name='quoted or paraphrased'),
        ),
        migrations.AddField(
            model_name='historicalverdict',
            name='checked_said_at',
            field=models.DurationField(blank=True, null=True, verbose_name='time in the recording'),
        ),
        migrations.AddField(
            model_name='historicalverdict',
            name='checked_said_on',
            field=models.DateField(blank=True, null=True, verbose_name='said on'),
        ),
        migrations.AddField(
            model_name='historicalverdict',
            name='checked_text',
            field=models.TextField(blank=True, verbose_name="the claim's words"),
        ),
        migrations.AddField(
            model_name='historicalverdict',
            name='checked_venue',
            field=models.CharField(blank=True, choices=[('article', 'News article'), ('interview', 'Interview'), ('speech', 'Speech'), ('debate', 'Debate'), ('press_conference', 'Press conference'), ('hearing', 'Hearing'), ('social_media', 'Social media post'), ('press_release', 'Press release'), ('broadcast', 'TV or radio broadcast'), ('podcast', 'Podcast'), ('advert', 'Advertisement'), ('other', 'Other')], max_length=20, verbose_name='where it was said'),
        ),
        migrations.AddField(
            model_name='verdict',
            name='checked_claimant',
            field=models.ForeignKey(blank=True, help_text="Who made the claim; empty when it is the article's own assertion.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='factcheck.actor', verbose_name='claimant'),
        ),
        migrations.AddField(
            model_name='verdict',
            name='checked_original_url',
            field=models.URLField(blank=True, max_length=1000, verbose_name='original web address'),
        ),
        migrations.AddField(
            model_name='verdict',
            name='checked_quotation',
            field=models.CharField(blank=True, choices=[('quote', "Quoted: the claimant's own words"), ('paraphrase', "Paraphrased: the article's words for what the claimant said")], max_length=10, verbose_name='quoted or paraphrased'),
        ),
        migrations.AddField(
            model_name='verdict',
            name='checked_said_at',
            field=models.DurationField(blank=True, null=True, verbose_name='time in the recording'),
        ),
        migrations.AddField(
            model_name='verdict',
            name='checked_said_on',
            field=models.DateField(blank=True, null=True, verbose_name='said on'),
        ),
        migrations.AddField(
            model_name='verdict',
            name='checked_text',
            field=models.TextField(blank=True, verbose_name="the claim's words"),
        ),
        migrations.AddField(
            model_name='verdict',
            name='checked_venue',
            field=models.CharField(blank=True, choices=[('article', 'News article'), ('interview', 'Interview'), ('speech', 'Speech'), ('debate', 'Debate'), ('press_conference', 'Press conference'), ('hearing', 'Hearing'), ('social_media', 'Social media post'), ('press_release', 'Press release'), ('broadcast', 'TV or radio broadcast'), ('podcast', 'Podcast'), ('advert', 'Advertisement'), ('other', 'Other')], max_length=20, verbose_name='where it was said'),
        ),
        migrations.RunPython(record_wording_as_shown, migrations.RunPython.noop),
    ]
