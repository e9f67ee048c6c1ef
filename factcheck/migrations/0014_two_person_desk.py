"""A two-person desk gets through its day.

- Changes proposed to a verdict by someone who did not write it (VerdictProposal), and who proposed a
  change its author accepted (VerdictChange.proposed_by): the database refuses either being answered by
  whoever proposed it.
- The addresses an actor's page used to have, which redirect to it (FormerActorAddress).
- The outlet, date and address given with a pasted article (ImportItem).
- Search matches a claim's own words: on PostgreSQL a stored document of the text alone, with its GIN
  index (factcheck/search.py); SQLite's FTS5 index already has the text as a column of its own.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from factcheck import search


def add_text_search(apps, schema_editor):
    search.create_text_search_index(schema_editor)


def remove_text_search(apps, schema_editor):
    search.drop_text_search_index(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('factcheck', '0013_fact_checkers_add_claimants'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(add_text_search, remove_text_search, elidable=False),
        migrations.CreateModel(
            name='FormerActorAddress',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('slug', models.SlugField(max_length=220, unique=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name_plural': 'former actor addresses',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='VerdictProposal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('proposed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('parts', models.JSONField(default=list, help_text='What it changes: rating, summary, explanation, sources…')),
                ('rating', models.CharField(blank=True, choices=[('false', 'False'), ('mostly_false', 'Mostly false'), ('half_true', 'Half true'), ('mostly_true', 'Mostly true'), ('true', 'True')], max_length=20)),
                ('summary', models.CharField(blank=True, max_length=300)),
                ('explanation', models.TextField(blank=True)),
                ('correction_note', models.TextField(blank=True)),
                ('sources', models.JSONField(blank=True, help_text='The whole list of sources proposed; empty when they are not changed.', null=True)),
                ('message', models.TextField(blank=True, help_text='What the proposer says to the author about it.')),
                ('state', models.CharField(choices=[('open', "Waiting for the author's answer"), ('accepted', 'Accepted by the author'), ('rejected', 'Rejected by the author'), ('withdrawn', 'Withdrawn')], default='open', max_length=10)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('answer', models.TextField(blank=True, help_text='Why the author rejected it, when they said.')),
            ],
            options={
                'ordering': ['-proposed_at', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='importitem',
            name='outlet',
            field=models.CharField(blank=True, help_text="A pasted article's outlet.", max_length=200),
        ),
        migrations.AddField(
            model_name='importitem',
            name='published_on',
            field=models.DateField(blank=True, help_text="A pasted article's date.", null=True),
        ),
        migrations.AddField(
            model_name='importitem',
            name='url',
            field=models.URLField(blank=True, help_text="A pasted article's original web address.", max_length=1000),
        ),
        migrations.AddField(
            model_name='verdictchange',
            name='proposed_by',
            field=models.ForeignKey(blank=True, help_text="Who proposed the change, when its author made it by accepting someone's proposal.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddConstraint(
            model_name='verdictchange',
            constraint=models.CheckConstraint(condition=models.Q(('proposed_by__isnull', True), models.Q(('proposed_by', models.F('changed_by')), _negated=True), _connector='OR'), name='verdict_change_not_accepted_by_its_proposer'),
        ),
        migrations.AddField(
            model_name='formeractoraddress',
            name='actor',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='former_addresses', to='factcheck.actor'),
        ),
        migrations.AddField(
            model_name='verdictproposal',
            name='decided_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='verdictproposal',
            name='proposed_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='verdict_proposals', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='verdictproposal',
            name='verdict',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='proposals', to='factcheck.verdict'),
        ),
        migrations.AddConstraint(
            model_name='verdictproposal',
            constraint=models.UniqueConstraint(condition=models.Q(('state', 'open')), fields=('verdict',), name='one_open_proposal_per_verdict'),
        ),
        migrations.AddConstraint(
            model_name='verdictproposal',
            constraint=models.CheckConstraint(condition=models.Q(('state__in', ['open', 'accepted', 'rejected', 'withdrawn'])), name='proposal_state_valid'),
        ),
        migrations.AddConstraint(
            model_name='verdictproposal',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('decided_at__isnull', True), ('decided_by__isnull', True), ('state', 'open')), models.Q(models.Q(('state', 'open'), _negated=True), ('decided_at__isnull', False)), _connector='OR'), name='proposal_decided_unless_open'),
        ),
        migrations.AddConstraint(
            model_name='verdictproposal',
            constraint=models.CheckConstraint(condition=models.Q(('state__in', ['open', 'withdrawn']), models.Q(('decided_by__isnull', False), models.Q(('decided_by', models.F('proposed_by')), _negated=True)), _connector='OR'), name='proposal_answered_by_someone_else'),
        ),
    ]
