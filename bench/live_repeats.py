"""Repeats in the live desk, measured: every order of import and publish, and the cost at scale.

    python -m bench.live_repeats --database-url URL [--claims 3000] [--rounds 100]
    python -m bench.live_repeats --database-url URL --scale [--articles 300] [--publishes 10]

The first form plays the two orders of events a newsroom meets, --rounds times each, on a demo
archive of --claims claims (generated into URL when it has none), with the task worker
(`manage.py import_worker`) running beside it, as `make run` and production run it:

- publish, then import an article restating the claim in other words within a second: the new
  claim must be linked or suggested at once (the import is matched against every claim
  published before it began, whatever the index holds);
- import first, then publish the claim it repeats: the worker must link or suggest the
  imported claim; the time from the publish's commit to the link is reported (target 10 s).

The claims and their rewordings are made from pairs of templates below (the same figures, names
and places in other words), with figures and places drawn afresh each round, so that no round
can match another's.

The second form (--scale) measures, on an archive already in URL (`generate_demo_data --claims
N`), what the million-claim targets ask: --articles articles imported as `import_seeds` imports
them (2 extracting processes), matching included, against every published claim; then
--publishes verdicts published one after another, each followed by the worker's search for the
unchecked claims that repeat it, timed in this process (the first search reads every unchecked
claim's embedding, timed apart). Claims without a stored embedding (a generated archive has
none) are embedded first, in --jobs processes, and stored, as imports store them; that is not
timed. Peak memory is reported after the first tenth of the import and at its end.
"""

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.server import BIN, RESULTS, demo_claims, manage, production_env  # noqa: E402

# (claim, the same claim in other words): same figures, same place, same people.
PAIRS = [
    ("Average rents in {city} went up by {pct}% in {year}.", "In {year}, average rents in {city} rose {pct}%."),
    ("Crime in {city} rose by {pct}% in {year}.", "In {year} crime went up {pct}% in {city}."),
    (
        "The government has built {n} new homes in {city} since {year}.",
        "Since {year}, {n} new homes have been built in {city} by the government.",
    ),
    (
        "Only {pct}% of schools in {city} have a full-time nurse.",
        "Just {pct}% of {city} schools employ a nurse full time.",
    ),
    ("Unemployment in {city} fell to {pct}% in {year}.", "{city}'s unemployment rate dropped to {pct}% in {year}."),
    (
        "Bus fares in {city} have doubled since {year}.",
        "Since {year}, the price of a bus ticket in {city} has gone up twofold.",
    ),
    (
        "More than {n} people left {city} in {year}.",
        "In {year}, over {n} residents moved away from {city}.",
    ),
    (
        "The new hospital in {city} cost {small} million pounds.",
        "{city}'s new hospital was built for {small} million pounds.",
    ),
    (
        "Energy bills in {city} rose by {pct}% in {year}, the council said.",
        "The council says {city} households paid {pct}% more for energy in {year}.",
    ),
    (
        "Waiting times at {city} hospitals have halved since {year}.",
        "Since {year}, patients in {city} hospitals wait half as long.",
    ),
]
# A place of its own for each round (no round may repeat another's claim); 200 of them.
PREFIXES = ("Ash", "Bel", "Cor", "Dun", "Els", "Fair", "Glen", "Hal", "Ivy", "Kings")
SUFFIXES = ("ford", "ham", "mouth", "bury", "wick", "dale", "stead", "port", "field", "brook")
CITIES = [f"{prefix}{suffix}{end}" for end in ("", "ton") for prefix in PREFIXES for suffix in SUFFIXES]


def pair(rng: random.Random, number: int) -> tuple[str, str]:
    """The claim and its rewording for round `number`: the template pair's slots filled afresh."""
    claim, reworded = PAIRS[number % len(PAIRS)]
    values = {
        "city": CITIES[number % len(CITIES)],
        "pct": rng.randrange(11, 89),
        "year": rng.randrange(1990, 2020),
        "n": f"{rng.randrange(1_000, 90_000):,}",
        "small": rng.randrange(100, 900),
    }
    return claim.format(**values), reworded.format(**values)


def article(number: int, sentence: str) -> str:
    """An article's text in the seeds' format whose one check-worthy sentence is `sentence`, quoted."""
    return (
        f"Council row over figures, part {number}\n\n"
        f"Councillor Ana Duarte spoke to reporters on Monday.\n\n“{sentence}” Duarte said.\n"
    )


@contextmanager
def worker(env: dict[str, str]):
    """`manage.py import_worker` running beside this process until the block ends."""
    RESULTS.mkdir(exist_ok=True)
    log = (RESULTS / "live-repeats-worker.log").open("w")
    process = subprocess.Popen(
        [str(BIN / "python"), "manage.py", "import_worker", "--no-reload", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def checked(text: str, *, author, editor):
    """A claim published through review, as the desk does it; returns (claim, when the publish committed)."""
    from factcheck.models import Article, Claim, Source, Verdict

    desk_article = Article.objects.create(
        title=f"Bench article {time.time_ns()}", source_file=f"bench/{time.time_ns()}.txt", body=text
    )
    claim = Claim.objects.create(text=text, article=desk_article, checkworthiness=0.9)
    verdict = Verdict.objects.create(
        claim=claim, author=author, rating="false", summary="The figure is wrong.", explanation="See the source."
    )
    Source.objects.create(verdict=verdict, url="https://stats.example/table", title="Table", accessed_on="2026-01-01")
    claim.confirm_attribution(by=author, claimant=None, quotation="")
    verdict.submit_for_review(by=author)
    verdict.publish(by=editor)
    return claim, time.perf_counter()


def imported_claim(number: int, sentence: str):
    """Import an article restating `sentence` through the importer; the claim it made of it."""
    from factcheck.importer import import_text
    from factcheck.models import Claim

    result = import_text(text=article(number, sentence), source=f"bench/live-{time.time_ns()}.txt")
    assert result.outcome == "created", result
    return Claim.objects.filter(article_id=result.article_id).order_by("-checkworthiness").first()


def staff():
    """A fact-checker and an editor, named (public pages credit them), in the desk's groups."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    people = []
    for username, group in (("bench-factchecker", "Fact-checker"), ("bench-editor", "Editor")):
        person, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "first_name": "Bench", "last_name": group}
        )
        person.groups.add(Group.objects.get(name=group))
        people.append(get_user_model().objects.get(pk=person.pk))  # permissions read afresh
    return people


def live(rounds: int) -> None:
    from factcheck.models import ClaimMatch

    author, editor = staff()
    rng = random.Random(25)
    outcomes, gaps = {"linked": 0, "suggested": 0, "missed": 0}, []
    for number in range(rounds):
        text, reworded = pair(rng, number)
        original, published_at = checked(text, author=author, editor=editor)
        started = time.perf_counter()
        claim = imported_claim(number, reworded)
        gaps.append(started - published_at)
        link = ClaimMatch.objects.filter(claim=claim, original=original).first()
        outcomes["missed" if link is None else "linked" if link.state == "linked" else "suggested"] += 1
    print(
        f"publish, then import a rewording (started {max(gaps) * 1000:.1f} ms or less after the publish committed): "
        f"{outcomes['linked']} linked, "
        f"{outcomes['suggested']} suggested, {outcomes['missed']} missed, of {rounds}"
    )

    outcomes, waits = {"linked": 0, "suggested": 0, "missed": 0}, []
    for number in range(rounds, 2 * rounds):
        text, reworded = pair(rng, number)
        claim = imported_claim(number, reworded)
        original, published_at = checked(text, author=author, editor=editor)
        link = None
        while link is None and time.perf_counter() - published_at < 10:
            link = ClaimMatch.objects.filter(claim=claim, original=original).first()
            if link is None:
                time.sleep(0.05)
        if link is None:
            outcomes["missed"] += 1
            continue
        waits.append(time.perf_counter() - published_at)
        outcomes["linked" if link.state == "linked" else "suggested"] += 1
    waits.sort()
    print(
        f"import, then publish: {outcomes['linked']} linked, {outcomes['suggested']} suggested, "
        f"{outcomes['missed']} missed within 10 s, of {rounds}; time from the publish to the link: "
        f"median {waits[len(waits) // 2]:.2f} s, max {waits[-1]:.2f} s"
        if waits
        else f"import, then publish: all {rounds} missed"
    )


def embed_missing(jobs: int) -> None:
    """Embed and store every claim without an embedding, in `jobs` processes (not timed)."""
    from factcheck.models import Claim

    missing = Claim.objects.filter(embedding__isnull=True).count()
    if not missing:
        return
    print(f"embedding {missing:,} claims without a stored embedding in {jobs} processes (not timed)...", flush=True)
    started = time.perf_counter()
    code = (
        "import sys; from factcheck.models import Claim; from factcheck.repeats import _vectors_of; "
        "part, parts = map(int, sys.argv[1:3]); "
        "ids = list(Claim.objects.filter(embedding__isnull=True).order_by('pk').values_list('pk', flat=True))"
        "[part::parts]\n"
        "for start in range(0, len(ids), 2000):\n"
        "    _vectors_of(list(Claim.objects.filter(pk__in=ids[start:start + 2000]).only('pk', 'text')), 'default')\n"
    )
    processes = [
        subprocess.Popen([str(BIN / "python"), "-c", f"import django; django.setup()\n{code}", str(part), str(jobs)],
                         cwd=ROOT, env=os.environ.copy())
        for part in range(jobs)
    ]  # fmt: skip
    if any(process.wait() for process in processes):
        sys.exit("embedding failed")
    print(f"embedded {missing:,} claims in {time.perf_counter() - started:.0f} s", flush=True)


def scale(articles: int, publishes: int, jobs: int) -> None:
    from django.db import connection, transaction

    from bench.import_bench import peak_rss_mb
    from bench.loadtest import write_articles
    from factcheck import repeats
    from factcheck.importer import import_paths
    from factcheck.models import Claim, ClaimMatch

    counts = {status: Claim.objects.filter(status=status).count() for status in Claim.Status.values}
    print(
        f"{connection.vendor}, {sum(counts.values()):,} claims: {counts['published']:,} published, "
        f"{counts['new'] + counts['researching']:,} awaiting a check",
        flush=True,
    )
    embed_missing(jobs)
    started = time.perf_counter()
    repeats.desk_claims.index()
    print(f"desk index of {len(repeats.desk_claims.index()):,} claims built in {time.perf_counter() - started:.1f} s")

    links_before = ClaimMatch.objects.count()
    with tempfile.TemporaryDirectory() as folder:
        # The load test's articles: the seeds, each with a paragraph of its own, as new to the archive as a day's news.
        write_articles(Path(folder), articles)
        tenth, seen = max(1, articles // 10), []

        def on_result(result):
            seen.append(result)
            if len(seen) == tenth:
                seen.append(peak_rss_mb())

        load = os.getloadavg()[0]
        started, started_cpu = time.perf_counter(), time.process_time()
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        summary = import_paths(paths=[Path(folder)], jobs=jobs, on_result=on_result)
        wall, cpu = time.perf_counter() - started, time.process_time() - started_cpu
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        extracting = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    rss_tenth = next(value for value in seen if isinstance(value, float))
    print(
        f"imported {summary.created} articles ({summary.claims_created:,} claims), matching included, in {wall:.1f} s "
        f"wall (load {load:.1f} → {os.getloadavg()[0]:.1f}); CPU {cpu:.1f} s saving, {extracting:.1f} s in {jobs} "
        f"extracting processes; {ClaimMatch.objects.count() - links_before:,} links or suggestions; "
        f"peak RSS {rss_tenth:.0f} MB after {tenth} articles, {peak_rss_mb():.0f} MB at the end",
        flush=True,
    )

    pending = list(Claim.objects.published().order_by("-pk").values_list("pk", flat=True)[:publishes])
    started = time.perf_counter()
    repeats.unchecked_claims.nearest(repeats._vectors_of(Claim.objects.filter(pk=pending[0]), "default")[0], 1)
    print(
        f"worker's first use: {len(repeats.unchecked_claims):,} unchecked claims' embeddings read in "
        f"{time.perf_counter() - started:.1f} s; peak RSS {peak_rss_mb():.0f} MB",
        flush=True,
    )
    times = []
    for pk in pending:
        started = time.perf_counter()
        with transaction.atomic():
            repeats.match_unchecked_claims(pk)
        times.append(time.perf_counter() - started)
    times.sort()
    print(
        f"{len(times)} publishes, each matched against the unchecked claims: median {times[len(times) // 2]:.2f} s, "
        f"max {times[-1]:.2f} s; peak RSS {peak_rss_mb():.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--claims", type=int, default=3000, help="demo archive to generate when the database has none")
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--scale", action="store_true", help="import and publish timings on the archive in URL")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--publishes", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    options = parser.parse_args()
    env = production_env(DATABASE_URL=options.database_url)
    os.environ.update(env)
    if not options.scale:
        manage("migrate", "--no-input", "--verbosity", "0", env=env)
        if not demo_claims(env):
            manage("generate_demo_data", "--claims", str(options.claims), env=env)
    import django

    django.setup()
    if options.scale:
        scale(options.articles, options.publishes, options.jobs)
        return
    embed_missing(options.jobs)
    with worker(env):
        time.sleep(3)  # the worker starts (Django, the model) while nothing is queued
        live(options.rounds)


if __name__ == "__main__":
    main()
