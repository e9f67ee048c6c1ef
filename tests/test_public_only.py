"""Only published verdicts are public: drafts, notes, review comments and assignees never leak.

A desk full of marker strings in every internal field is rendered through every
public page, feed, the CSV export and the ClaimReview API; no marker may appear.
"""

import pytest
from django.urls import reverse
from model_bakery import baker

from factcheck.models import Claim, ReaderReport, Source, Verdict
from factcheck.sitemaps import SITEMAPS
from tests.public_factories import make_actor, make_article, make_claim, publish

MARKERS = [
    "DRAFTSUMMARYMARKER",
    "DRAFTEXPLANATIONMARKER",
    "SECRETNOTESMARKER",
    "REVIEWCOMMENTMARKER",
    "DRAFTSOURCEMARKER",
    "DRAFTCORRECTIONMARKER",
    "ASSIGNEEMARKER",
    "READERMESSAGEMARKER",
    "FULLBODYMARKER",
    "CLUTTERMARKER",
]


def draft(claim, author, submitted_at=None, **fields):
    verdict = Verdict.objects.create(
        claim=claim,
        author=author,
        rating=Verdict.Rating.TRUE,
        summary="DRAFTSUMMARYMARKER",
        explanation="DRAFTEXPLANATIONMARKER",
        notes="SECRETNOTESMARKER",
        review_comments="REVIEWCOMMENTMARKER",
        **fields,
    )
    baker.make(Source, verdict=verdict, title="DRAFTSOURCEMARKER", url="https://x.example/DRAFTSOURCEMARKER")
    # Submitted once its sources are in: a verdict in review is read-only to its author.
    Verdict.objects.filter(pk=verdict.pk).update(submitted_at=submitted_at)
    return verdict


@pytest.fixture
def desk(db, fact_checker, editor, django_user_model):
    assignee = django_user_model.objects.create_user(username="ASSIGNEEMARKER", first_name="ASSIGNEEMARKER")
    actor = make_actor(name="Jane Minister", slug="jane-minister")
    article = make_article(
        slug="budget-debate", body="FULLBODYMARKER paragraph.", removed_clutter=[{"line": "CLUTTERMARKER"}]
    )
    published = make_claim(text="Taxes are the highest ever.", article=article, claimant=actor, assignee=assignee)
    verdict = publish(
        published,
        author=fact_checker,
        reviewer=editor,
        rating=Verdict.Rating.FALSE,
        notes="SECRETNOTESMARKER",
        review_comments="REVIEWCOMMENTMARKER",
    )
    # A correction being drafted on a published claim: the published verdict stays what readers see.
    draft(published, fact_checker, reviewer=editor, corrects=verdict, correction_note="DRAFTCORRECTIONMARKER")
    in_review = make_claim(
        text="Crime fell by half.",
        article=article,
        claimant=actor,
        status=Claim.Status.IN_REVIEW,
        assignee=assignee,
    )
    draft(in_review, fact_checker, reviewer=editor, submitted_at="2025-05-01T10:00:00Z")
    baker.make(ReaderReport, message="READERMESSAGEMARKER", claim=published)
    return {"published": published, "in_review": in_review, "actor": actor, "article": article}


def public_urls(desk) -> list[str]:
    return [
        reverse("factcheck:home"),
        reverse("factcheck:claim_list"),
        reverse("factcheck:claim_list") + "?q=taxes",
        reverse("factcheck:claim_list") + "?status=in_review",
        reverse("factcheck:claim_list") + "?rating=true",
        reverse("factcheck:claim_csv"),
        desk["published"].get_absolute_url(),
        desk["in_review"].get_absolute_url(),
        reverse("factcheck:actor_list"),
        desk["actor"].get_absolute_url(),
        reverse("factcheck:article_list"),
        desk["article"].get_absolute_url(),
        reverse("factcheck:methodology"),
        reverse("factcheck:correction_list"),
        reverse("factcheck:report") + f"?claim={desk['published'].slug}",
        reverse("factcheck:verdict_feed"),
        reverse("factcheck:verdict_atom_feed"),
        reverse("factcheck:claimreview_feed"),
        reverse("factcheck:sitemap"),
        *(reverse("factcheck:sitemap_section", kwargs={"section": section}) for section in SITEMAPS),
        reverse("factcheck:robots_txt"),
    ]


def body(response) -> str:
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def test_no_internal_field_appears_on_any_public_page(client, desk):
    for url in public_urls(desk):
        response = client.get(url)
        assert response.status_code == 200, url
        text = body(response)
        for marker in MARKERS:
            assert marker not in text, f"{marker} leaked on {url}"


def test_a_draft_rating_is_never_public(client, desk):
    """The drafts rate TRUE; only the published FALSE may show, and the in-review claim has no rating."""
    assert "Published: True" not in body(client.get(reverse("factcheck:claim_list")))
    assert "Taxes are" not in body(client.get(reverse("factcheck:claim_list") + "?rating=true")).split("<tbody>")[1]
    csv_text = body(client.get(reverse("factcheck:claim_csv")))
    assert ",In review,," in csv_text
    assert ",Published,False," in csv_text
    api = client.get(reverse("factcheck:claimreview_feed")).json()
    assert [review["reviewRating"]["alternateName"] for review in api["claimReviews"]] == ["False"]
    assert "True:" not in body(client.get(reverse("factcheck:verdict_feed")))


def test_an_unpublished_claim_page_shows_no_verdict(client, desk):
    text = body(client.get(desk["in_review"].get_absolute_url()))
    assert "Our rating" not in text
    assert "application/ld+json" not in text


def test_a_draft_correction_is_not_in_the_corrections_log(client, desk):
    assert "Taxes are" not in body(client.get(reverse("factcheck:correction_list")))


def test_a_claim_not_yet_published_has_no_share_card_and_no_sitemap_entry(client, desk):
    assert client.get(f"{desk['in_review'].get_absolute_url()}share.png").status_code == 404
    claims_sitemap = body(client.get(reverse("factcheck:sitemap_section", kwargs={"section": "claims"})))
    assert desk["published"].slug in claims_sitemap
    assert desk["in_review"].slug not in claims_sitemap
