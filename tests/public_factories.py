"""Published and unpublished data for the public-site tests, built with model-bakery.

Publication is written directly (published_at, a reviewer who is not the
author, a rating, is_current, the claim's status) so these tests depend only
on the database's rules, not on the workflow methods.
"""

from datetime import date, timedelta
from itertools import count

from django.utils import timezone
from model_bakery import baker

from factcheck.models import Actor, Article, Claim, Source, Verdict

_serial = count(1)


def make_article(**fields) -> Article:
    n = next(_serial)
    defaults = {
        "title": f"Budget debate in parliament, part {n}",
        "body": f"FULL ARTICLE BODY {n}. Paragraph one.\nParagraph two.",
        "outlet": "The Daily Record",
        "url": f"https://news.example.org/articles/{n}",
        "published_on": date(2025, 3, 1) + timedelta(days=n % 200),
        "source_file": f"articles/{n}.txt",
        "content_hash": f"{n:064d}",
    }
    return baker.make(Article, **{**defaults, **fields})


def make_actor(**fields) -> Actor:
    n = next(_serial)
    defaults = {"name": f"Jane Minister {n}", "kind": Actor.Kind.PERSON, "description": "Finance minister"}
    return baker.make(Actor, **{**defaults, **fields})


def make_claim(*, article=None, claimant=None, **fields) -> Claim:
    n = next(_serial)
    defaults = {
        "text": f"Unemployment fell by {n} percent last year.",
        "checkworthiness": 0.5,
        "position": n,
    }
    text = fields.get("text", defaults["text"])
    defaults["context"] = f"Speaking on Tuesday, the speaker said: {text} Nobody objected."
    if fields.get("status") == Claim.Status.DISMISSED:
        defaults["dismissal_reason"] = "Opinion, not a checkable fact."
    article = article or make_article()
    # Said when and where the article reports it, as the importer records it.
    defaults.update(said_on=article.published_on, venue=Claim.Venue.ARTICLE, original_url=article.url)
    return baker.make(Claim, article=article, claimant=claimant, **{**defaults, **fields})


def publish(claim, *, author, reviewer, rating=Verdict.Rating.MOSTLY_FALSE, sources=1, **fields) -> Verdict:
    """A published, current verdict on claim (the claim becomes published)."""
    defaults = {
        "summary": "The figure leaves out the change in how unemployment is counted.",
        "explanation": "Official statistics show a **smaller** fall.\n\n- first point\n- second point",
        "published_at": timezone.now(),
    }
    verdict = baker.make(
        Verdict,
        claim=claim,
        author=author,
        reviewer=reviewer,
        rating=rating,
        is_current=True,
        **{**defaults, **fields},
    )
    # Written in bulk, as an archive would be: Source.save() refuses changes to a published verdict.
    Source.objects.bulk_create(
        Source(
            verdict=verdict,
            url=f"https://stats.example.org/table/{n}",
            title=f"Labour force survey, table {n}",
            publisher="National statistics office",
            accessed_on=date(2025, 4, 1),
        )
        for n in range(sources)
    )
    # What Verdict.publish() writes on the claim: its status, and the current rating the lists filter on;
    # and what submitting needed first: a fact-checker's confirmation of the claimant.
    Claim.objects.filter(pk=claim.pk).update(
        status=Claim.Status.PUBLISHED,
        current_rating=verdict.rating,
        current_published_at=verdict.published_at,
        attribution_confirmed_at=verdict.published_at,
    )
    claim.refresh_from_db()
    return verdict


def archived_wording(claim, **fields) -> Claim:
    """Give a published claim this wording as an archive (or a restore) would hold it.

    The models refuse to change a published claim's wording (it changes only through a correction);
    these tests are about how pages show whatever wording the claim has, so it is written past them.
    """
    Claim._base_manager.filter(pk=claim.pk).update(**fields)
    claim.refresh_from_db()
    return claim


def correct(verdict, *, author, reviewer, rating, note="We misread the table.", **fields) -> Verdict:
    """A published correction of verdict, which stops being current."""
    Verdict.objects.filter(pk=verdict.pk).update(is_current=False)
    return publish(
        verdict.claim,
        author=author,
        reviewer=reviewer,
        rating=rating,
        corrects=verdict,
        correction_note=note,
        published_at=verdict.published_at + timedelta(days=2),
        **fields,
    )
