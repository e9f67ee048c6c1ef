"""Grow a generated demo archive in SQL: copy every demo article with its claims, verdicts, sources and mentions.

    DATABASE_URL=... python -m bench.copy_archive [--copies 1]

For benchmarks at a million claims on a machine too busy to generate them
all in Python in time: `manage.py generate_demo_data` writes part of the
archive, and each copy adds the same articles again under `demo/copy<n>/`
(so `generate_demo_data --clear` removes them too), with new ids and slugs,
in one INSERT ... SELECT per table; claims embedded before the copy (`manage.py match_repeats`)
keep their embeddings in the copies. The copies' texts repeat the originals',
so a search matches each claim once per copy: the figures say which archive
they were measured on. The search document (generated column on PostgreSQL,
FTS5 triggers on SQLite) follows the inserts as it would any other.
"""

import argparse
import os
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.core.management.color import no_style  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402

from factcheck.cache import bump_desk_generation  # noqa: E402
from factcheck.models import Article, Claim, ClaimEmbedding, Source, Verdict  # noqa: E402

CLAIM_ACTORS = Claim.actors.through


def copy_table(model, *, offsets: dict, copy: int, where: str) -> int:
    """INSERT ... SELECT the rows of `model` matching `where`, ids and foreign keys shifted by `offsets`."""
    quote = connection.ops.quote_name
    columns, values = [], []
    for field in model._meta.concrete_fields:
        column = quote(field.column)
        columns.append(column)
        if field.primary_key:
            values.append(f"{column} + {offsets[model]}")
        elif isinstance(field, models.ForeignKey) and field.related_model in offsets:
            values.append(f"{column} + {offsets[field.related_model]}")
        elif field.name == "slug":
            values.append(f"{column} || '-c{copy}'")
        elif field.name == "source_file":
            values.append(f"'demo/copy{copy}/' || {column}")
        else:
            values.append(column)
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {table} {where}")
        return cursor.rowcount


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1)
    options = parser.parse_args()
    originals = Article.objects.filter(source_file__startswith="demo/").exclude(source_file__startswith="demo/copy")
    top = {model: model.objects.aggregate(top=models.Max("pk"))["top"] or 0 for model in (Article, Claim, Verdict)}
    top[Source] = Source.objects.aggregate(top=models.Max("pk"))["top"] or 0
    top[CLAIM_ACTORS] = CLAIM_ACTORS.objects.aggregate(top=models.Max("pk"))["top"] or 0
    top[ClaimEmbedding] = top[Claim]  # keyed by its claim: a copy's embedding is its claim copy's
    first_article = originals.aggregate(first=models.Min("pk"))["first"]
    last_article = originals.aggregate(last=models.Max("pk"))["last"]
    claims = Claim.objects.filter(article__gte=first_article, article__lte=last_article)
    first_claim, last_claim = (
        claims.aggregate(first=models.Min("pk"))["first"],
        claims.aggregate(last=models.Max("pk"))["last"],
    )
    for copy in range(1, options.copies + 1):
        started = time.monotonic()
        offsets = {model: top[model] * copy for model in top}
        with transaction.atomic():
            articles = copy_table(
                Article, offsets=offsets, copy=copy, where=f"WHERE id BETWEEN {first_article} AND {last_article}"
            )
            claim_rows = copy_table(
                Claim, offsets=offsets, copy=copy, where=f"WHERE id BETWEEN {first_claim} AND {last_claim}"
            )
            of_the_claims = f"WHERE claim_id BETWEEN {first_claim} AND {last_claim}"
            for model in (CLAIM_ACTORS, ClaimEmbedding):
                copy_table(model, offsets=offsets, copy=copy, where=of_the_claims)
            verdicts = f"WHERE claim_id BETWEEN {first_claim} AND {last_claim}"
            # First the versions that correct nothing, then the corrections that point at them.
            copy_table(Verdict, offsets=offsets, copy=copy, where=f"{verdicts} AND corrects_id IS NULL")
            copy_table(Verdict, offsets=offsets, copy=copy, where=f"{verdicts} AND corrects_id IS NOT NULL")
            copy_table(
                Source,
                offsets=offsets,
                copy=copy,
                where=f"WHERE verdict_id IN (SELECT id FROM factcheck_verdict {verdicts})",
            )
        print(f"copy {copy}: {articles:,} articles, {claim_rows:,} claims in {time.monotonic() - started:.0f} s")
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Article, Claim, Verdict, Source, CLAIM_ACTORS]):
            cursor.execute(statement)
    bump_desk_generation()
    print(f"{Claim.objects.count():,} claims now")


if __name__ == "__main__":
    main()
