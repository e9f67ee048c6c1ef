"""An article keeps the wire dateline its first paragraph opened with ("SAN FRANCISCO (AP)"), no longer part of
its first claim."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('factcheck', '0011_transcripts_and_speakers'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='dateline',
            field=models.CharField(blank=True, help_text="Where and by whom the story was filed (“SAN FRANCISCO (AP)”), as the article's first line gave it.", max_length=200),
        ),
        migrations.AddField(
            model_name='historicalarticle',
            name='dateline',
            field=models.CharField(blank=True, help_text="Where and by whom the story was filed (“SAN FRANCISCO (AP)”), as the article's first line gave it.", max_length=200),
        ),
    ]
