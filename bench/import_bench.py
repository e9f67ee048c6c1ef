"""Import benchmark: N seed-sized synthetic articles into a fresh SQLite database.

    python bench/import_bench.py 1000 10000
    python bench/import_bench.py 1000 --published 10000   # matching against 10,000 published claims
    python bench/import_bench.py 1000 --jobs 1            # extraction in this process only

Files are extracted (and their claims embedded) in --jobs other processes while this one saves
them, as `manage.py import_seeds` does for 50 files or more: by default as many as the machine
has cores.


Articles are made from the hand-written fixtures in tests/fixtures/articles,
varied (numbers, names, paragraph order, a serial in the title) so that every
one is distinct and the importer cannot skip any as already seen. Reports
articles per second and peak RSS after the first tenth of the files and at the
end: flat memory means the two are close. Runs with DEBUG off, as imports do in
production.

With --published N the database first holds N claims with a published verdict: the
claims of 50 other synthetic articles (so that imported claims repeat some of them) and
synthetic claims in the demo archive's style; every imported claim is then matched
against them (factcheck/repeats.py), and the links made are counted.
"""

import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))
SURNAMES = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Kowalski", "Osei", "Brennan", "Ferreira", "Nair"]


def synthetic_article(template: str, serial: int, rng: random.Random) -> str:
    title, _, rest = template.partition("\n")
    paragraphs = [p for p in rest.split("\n\n") if p.strip()]
    head, tail = paragraphs[:2], paragraphs[2:]
    rng.shuffle(tail)
    body = "\n\n".join(head + tail)
    body = re.sub(r"\d+", lambda m: str(rng.randint(2, 999)), body)
    body = body.replace("Vasquez", rng.choice(SURNAMES)).replace("Mutai", rng.choice(SURNAMES))
    return f"{title} (no. {serial})\n{body}\n"


def write_articles(folder: Path, count: int) -> None:
    rng = random.Random(count)
    templates = [path.read_text(encoding="utf-8") for path in FIXTURES]
    for serial in range(count):
        (folder / f"{serial:06}.txt").write_text(synthetic_article(templates[serial % len(templates)], serial, rng))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class RssSampler:
    """Counts files as they are imported and notes the peak RSS at chosen counts."""

    def __init__(self, checkpoints: set[int]):
        self.checkpoints, self.done, self.samples = checkpoints, 0, {}

    def __call__(self, result) -> None:
        self.done += 1
        if self.done in self.checkpoints:
            self.samples[self.done] = peak_rss_mb()


def publish_claims(workdir: Path, count: int) -> None:
    """Give the database `count` claims with a published verdict (bulk, without history rows)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from bench.claim_matching import synthetic_claims
    from factcheck.importer import import_paths
    from factcheck.models import Article, Claim, Verdict

    folder = workdir / "published"
    folder.mkdir()
    write_articles(folder, 50)
    import_paths(paths=[folder])
    article = Article.objects.create(
        title="Published claims", body="-", source_file="bench/published", content_hash="-"
    )
    missing = count - Claim.objects.count()
    Claim.objects.bulk_create(
        [
            Claim(article=article, text=text, fingerprint=f"{n:064d}", slug=f"published-{n}", position=n)
            for n, text in enumerate(synthetic_claims(max(0, missing)))
        ],
        batch_size=2000,
    )
    users = get_user_model().objects
    author, reviewer = users.create_user("bench-author"), users.create_user("bench-reviewer")
    now = timezone.now()
    Verdict.objects.bulk_create(
        [
            Verdict(claim_id=pk, author=author, reviewer=reviewer, rating="false", published_at=now, is_current=True)
            for pk in Claim.objects.values_list("pk", flat=True)
        ],
        batch_size=2000,
    )
    Claim.objects.update(status=Claim.Status.PUBLISHED)
    # What Verdict.publish() keeps on each claim, and what the importer reads to link a repeat as
    # already checked: without it every match would be left a suggestion.
    Claim.objects.refresh_current_verdict()
    # Claims the desk imported carry the embedding made on import (factcheck.repeats); these were
    # written in bulk, so they get theirs here, before the clock starts, as the desk would have them.
    from factcheck.matching import embed_queries
    from factcheck.models import ClaimEmbedding

    missing = list(Claim.objects.filter(embedding__isnull=True).only("pk", "text"))
    for start in range(0, len(missing), 1000):
        batch = missing[start : start + 1000]
        ClaimEmbedding.objects.store(batch, embed_queries([claim.text for claim in batch]))


def main(counts: list[int], published: int = 0, jobs: int = 1) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="import-bench-"))
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from factcheck.importer import import_paths
    from factcheck.models import Actor, Article, Claim, ClaimMatch

    # Development settings keep DEBUG on, and with it a log of the last 9,000 queries: that log,
    # not the importer, would be the memory measured. `import_seeds` in production runs without it.
    settings.DEBUG = False

    for count in counts:
        database = workdir / f"bench-{count}.sqlite3"
        connection.close()
        connection.settings_dict["NAME"] = str(database)
        call_command("migrate", verbosity=0)
        if published:
            publish_claims(workdir, published)
            print(f"{Claim.objects.published().count():,} published claims to match against")
        folder = workdir / f"articles-{count}"
        folder.mkdir()
        write_articles(folder, count)
        tenth = max(1, count // 10)
        sampler = RssSampler({tenth, count})
        if published:  # the index of checked claims, as a running desk has it (built here, not in the background)
            from factcheck.repeats import desk_claims

            desk_claims.forget()
            print(f"index of {len(desk_claims.index()):,} checked claims built before the clock starts")
        started, started_cpu = time.perf_counter(), time.process_time()
        summary = import_paths(paths=[folder], on_result=sampler, jobs=jobs)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(
            f"{count} articles in {elapsed:.1f} s ({cpu:.1f} s CPU here, "
            f"{children.ru_utime + children.ru_stime:.1f} s in {jobs} extracting processes) = "
            f"{count / elapsed:.0f} articles/s; "
            f"peak RSS {sampler.samples[tenth]:.0f} MB after {tenth} files, "
            f"{sampler.samples[count]:.0f} MB after {count}; {summary}; "
            f"rows: {Article.objects.count()} articles, {Claim.objects.count()} claims, "
            f"{Actor.objects.count()} actors; "
            f"repeats: {ClaimMatch.objects.filter(state='linked').count()} linked, "
            f"{ClaimMatch.objects.filter(state='suggested').count()} suggested"
        )


if __name__ == "__main__":
    arguments = sys.argv[1:]
    options = {"published": 0, "jobs": os.cpu_count() or 1}
    for name in options:
        if f"--{name}" in arguments:
            at = arguments.index(f"--{name}")
            options[name] = int(arguments[at + 1])
            del arguments[at : at + 2]
    main([int(arg) for arg in arguments] or [1000], **options)
