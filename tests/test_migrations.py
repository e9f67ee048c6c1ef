"""Data migrations that fill new fields for what the desk already holds."""

import importlib

from django.apps import apps

from factcheck.models import Claim
from tests.public_factories import make_article, make_claim

SAID = importlib.import_module("factcheck.migrations.0005_claim_said_on_venue_original_url")


def test_claims_from_before_the_said_fields_take_them_from_their_article(db):
    article = make_article(url="https://news.example.org/budget", published_on="2025-03-04")
    older = make_claim(article=article, said_on=None, venue="", original_url="")
    undated = make_claim(article=make_article(url="", published_on=None), said_on=None, venue="", original_url="")
    checked = make_claim(article=article, said_on="2025-02-01", venue="speech", original_url="https://x.example/s")

    SAID.said_as_reported(apps, schema_editor=None)

    older, undated, checked = (Claim.objects.get(pk=claim.pk) for claim in (older, undated, checked))
    assert (str(older.said_on), older.venue, older.original_url) == ("2025-03-04", "article", article.url)
    assert (undated.said_on, undated.venue, undated.original_url) == (None, "article", "")
    # What a fact-checker already recorded is never overwritten.
    assert (str(checked.said_on), checked.venue, checked.original_url) == (
        "2025-02-01",
        "speech",
        "https://x.example/s",
    )
