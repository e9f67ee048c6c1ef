"""People recorded twice in one article: a surname or short form alone beside the full name.

    DATABASE_URL=... python bench/realpages_duplicates.py

Run after importing a set of real news pages into a scratch database (see BENCHMARKS.md, "Real news
pages"). For each article it takes the actors its claims mention or are said by, and counts an actor
whose name is the last words of a person's ("Inaba" beside "Carrie Ann Inaba") or the first word ("Liu"
beside "Liu Xiaoming"): the evaluation script's junk count does not see these, because both names are real.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")


def twice_named(names: list[str], people: list[str]) -> list[tuple[str, str]]:
    """(short, full) pairs in one article: the short name (an actor of any kind, for a surname alone may be
    taken for an organisation) is the last words of a person's full name."""
    pairs = []
    for short in names:
        words = short.split()
        for full in people:
            longer = full != short and len(full.split()) > len(words)
            # "Inaba" beside "Carrie Ann Inaba"; "Liu" beside "Liu Xiaoming", a name written surname first
            if longer and (full.split()[-len(words) :] == words or full.split()[: len(words)] == words):
                pairs.append((short, full))
    return pairs


def main() -> None:
    import django

    django.setup()
    from factcheck.models import Actor, Article

    people = total = 0
    for article in Article.objects.order_by("source_file"):
        claims = article.claims.prefetch_related("actors").select_related("claimant")
        found = {actor for claim in claims for actor in claim.actors.all()}
        found |= {claim.claimant for claim in claims if claim.claimant}
        names = sorted({actor.name for actor in found})
        persons = sorted({actor.name for actor in found if actor.kind == Actor.Kind.PERSON})
        people += len(persons)
        for short, full in twice_named(names, persons):
            total += 1
            print(f"{Path(article.source_file).name}: {short!r} beside {full!r}")
    print(f"people={people} named twice={total}")


if __name__ == "__main__":
    main()
