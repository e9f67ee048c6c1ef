"""ClaimReview JSON-LD on claim pages and the ClaimReview API feed."""

import json
import re
from datetime import date

import pytest
from django.urls import reverse

from factcheck.models import Actor, Claim, Verdict
from tests.public_factories import archived_wording, correct, make_actor, make_article, make_claim, publish

LD_JSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_blocks(response) -> list[dict]:
    return [json.loads(block) for block in LD_JSON.findall(response.content.decode())]


@pytest.fixture
def verdict(db, fact_checker, editor):
    article = make_article(title="Budget debate", url="https://news.example.org/budget", published_on="2025-03-04")
    claim = make_claim(
        text="Taxes are the highest ever.",
        article=article,
        claimant=make_actor(name="Jane Minister", kind=Actor.Kind.PERSON),
    )
    return publish(claim, author=fact_checker, reviewer=editor, rating=Verdict.Rating.MOSTLY_FALSE)


def test_a_published_claim_page_has_exactly_one_claimreview(client, verdict, settings):
    blocks = json_ld_blocks(client.get(verdict.claim.get_absolute_url()))
    assert len(blocks) == 1
    review = blocks[0]
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["url"] == f"https://factcheck.example{verdict.claim.get_absolute_url()}"
    assert review["claimReviewed"] == "Taxes are the highest ever."
    assert review["datePublished"] == verdict.published_at.date().isoformat()
    assert review["author"] == {
        "@type": "Organization",
        "name": settings.FACTCHECK_ORGANIZATION["name"],
        "url": settings.FACTCHECK_ORGANIZATION["url"],
    }
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": "Mostly false",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["@type"] == "Person"
    assert item["author"]["name"] == "Jane Minister"
    assert item["author"]["jobTitle"] == "Finance minister"
    assert item["datePublished"] == "2025-03-04"
    original = {
        "@type": "CreativeWork",
        "url": "https://news.example.org/budget",
        "headline": "Budget debate",
        "publisher": {"@type": "Organization", "name": "The Daily Record"},
        "datePublished": "2025-03-04",
    }
    assert item["firstAppearance"] == original
    assert item["appearance"] == [original]
    assert "dateModified" not in review


def test_the_claimreview_names_where_and_when_the_claim_was_said(client, verdict):
    claim = archived_wording(
        verdict.claim,
        said_on=date(2025, 2, 20),
        venue=Claim.Venue.INTERVIEW,
        original_url="https://radio.example.org/interviews/jane-minister",
    )
    item = json_ld_blocks(client.get(claim.get_absolute_url()))[0]["itemReviewed"]
    assert item["datePublished"] == "2025-02-20"
    assert item["firstAppearance"] == {
        "@type": "CreativeWork",
        "url": "https://radio.example.org/interviews/jane-minister",
        "name": "Interview",
        "datePublished": "2025-02-20",
    }
    assert item["author"]["name"] == "Jane Minister"


def test_without_an_original_address_the_claimreview_claims_no_appearance(client, verdict):
    """The desk's own copy of the article is not where the claim was made."""
    archived_wording(verdict.claim, original_url="")
    item = json_ld_blocks(client.get(verdict.claim.get_absolute_url()))[0]["itemReviewed"]
    assert "appearance" not in item
    assert "firstAppearance" not in item


def test_addresses_use_the_organisation_url_whatever_host_was_asked(client, verdict, settings):
    settings.ALLOWED_HOSTS = ["10.0.0.7"]
    review = json_ld_blocks(client.get(verdict.claim.get_absolute_url(), headers={"host": "10.0.0.7"}))[0]
    assert review["url"].startswith("https://factcheck.example/claims/")
    assert review["itemReviewed"]["author"]["url"].startswith("https://factcheck.example/actors/")


def test_the_organisation_comes_from_settings(client, verdict, settings):
    settings.FACTCHECK_ORGANIZATION = {"name": "Checkers United", "url": "https://checkers.example/"}
    review = json_ld_blocks(client.get(verdict.claim.get_absolute_url()))[0]
    assert review["author"]["name"] == "Checkers United"


def test_an_organisation_claimant_is_an_organization(client, db, fact_checker, editor):
    claim = make_claim(claimant=make_actor(name="Ministry of Truth", kind=Actor.Kind.ORGANIZATION))
    publish(claim, author=fact_checker, reviewer=editor)
    review = json_ld_blocks(client.get(claim.get_absolute_url()))[0]
    assert review["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Ministry of Truth",
        "url": f"https://factcheck.example{claim.claimant.get_absolute_url()}",
    }


def test_a_corrected_claim_still_has_one_claimreview_with_the_new_rating(client, verdict, fact_checker, editor):
    correction = correct(verdict, author=fact_checker, reviewer=editor, rating=Verdict.Rating.TRUE)
    blocks = json_ld_blocks(client.get(verdict.claim.get_absolute_url()))
    assert len(blocks) == 1
    assert blocks[0]["reviewRating"]["alternateName"] == "True"
    assert blocks[0]["reviewRating"]["ratingValue"] == 5
    # First published when the fact-check first appeared; modified by the correction.
    assert blocks[0]["datePublished"] == verdict.published_at.date().isoformat()
    assert blocks[0]["dateModified"] == correction.published_at.date().isoformat()
    api = client.get(reverse("factcheck:claimreview_feed")).json()["claimReviews"]
    assert api == blocks


@pytest.mark.parametrize("status", [s for s in Claim.Status.values if s != Claim.Status.PUBLISHED])
def test_an_unpublished_claim_has_no_claimreview(client, db, fact_checker, editor, status):
    original = None
    if status == Claim.Status.REPEAT:  # a repeat names the published claim whose verdict it shares
        original = make_claim()
        publish(original, author=fact_checker, reviewer=editor)
    claim = make_claim(status=status, repeat_of=original)
    Verdict.objects.create(claim=claim, author=fact_checker, rating="false", summary="draft")
    assert json_ld_blocks(client.get(claim.get_absolute_url())) == []


def test_claim_text_cannot_break_out_of_the_json_ld(client, db, fact_checker, editor):
    claim = make_claim(text='Evil </script><script>alert(1)</script> & "quotes"')
    publish(claim, author=fact_checker, reviewer=editor)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in page
    assert json_ld_blocks(client.get(claim.get_absolute_url()))[0]["claimReviewed"] == claim.text


def test_the_api_lists_published_verdicts_as_claimreview(client, verdict, fact_checker, editor):
    make_claim(status=Claim.Status.IN_REVIEW)
    feed = client.get(reverse("factcheck:claimreview_feed")).json()
    assert feed["count"] == 1
    assert [review["claimReviewed"] for review in feed["claimReviews"]] == ["Taxes are the highest ever."]
    assert feed["claimReviews"][0] == json_ld_blocks(client.get(verdict.claim.get_absolute_url()))[0]


def test_the_api_is_paginated(client, db, fact_checker, editor):
    for _ in range(101):
        publish(make_claim(), author=fact_checker, reviewer=editor)
    first = client.get(reverse("factcheck:claimreview_feed")).json()
    assert len(first["claimReviews"]) == 100
    assert first["next"].endswith("?page=2")
    second = client.get(first["next"]).json()
    assert len(second["claimReviews"]) == 1
    assert second["next"] is None


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "\x00"])
def test_the_api_survives_bad_page_numbers(client, verdict, page):
    response = client.get(reverse("factcheck:claimreview_feed"), {"page": page})
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize("rows", [3, 30])
def test_the_api_runs_a_fixed_number_of_queries(client, db, fact_checker, editor, django_assert_max_num_queries, rows):
    for _ in range(rows):
        publish(make_claim(claimant=make_actor()), author=fact_checker, reviewer=editor)
    # Count, page, and the page's confirmed repeats (itemReviewed.appearance).
    with django_assert_max_num_queries(3):
        assert client.get(reverse("factcheck:claimreview_feed")).json()["count"] == rows
