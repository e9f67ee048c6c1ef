"""Search ignores accents on PostgreSQL too: "Erdogan" finds "Erdoğan", as it already did on SQLite.

Both stored search documents are remade with the desk's text search configuration (english with the
unaccent dictionary before the stemmer; factcheck/search.py), which adds the unaccent extension.
Every claim's documents are computed again, once.
"""

from django.db import migrations

from factcheck import search


def without_accents(apps, schema_editor):
    search.remake_documents(schema_editor, unaccented=True)


def with_accents(apps, schema_editor):
    search.remake_documents(schema_editor, unaccented=False)


class Migration(migrations.Migration):

    dependencies = [
        ('factcheck', '0017_names_without_direction_controls'),
    ]

    operations = [
        migrations.RunPython(without_accents, with_accents, elidable=False),
    ]
