"""The claim page: the verdict when published, the status otherwise, and the correction history."""

import pytest

from factcheck.models import Claim, Verdict
from tests.public_factories import correct, make_actor, make_claim, publish


@pytest.fixture
def published(db, fact_checker, editor):
    claim = make_claim(text="Taxes are the highest ever.", claimant=make_actor(name="Jane Minister"))
    return publish(
        claim,
        author=fact_checker,
        reviewer=editor,
        rating=Verdict.Rating.MOSTLY_FALSE,
        summary="Higher in 1990.",
        explanation="See [the table](https://stats.example.org/t1).\n\n<script>alert('x')</script>",
    )


def test_a_published_claim_shows_its_verdict(client, published):
    page = client.get(published.claim.get_absolute_url()).content.decode()
    assert "Taxes are the highest ever." in page
    assert "Jane Minister" in page
    assert "Mostly false" in page
    assert "Higher in 1990." in page
    assert "Labour force survey, table 0" in page
    assert "alice" in page  # author
    assert "charlie" in page  # reviewer
    assert published.claim.article.title in page
    assert published.claim.context in page


def test_the_explanation_is_markdown_without_scripts(client, published):
    page = client.get(published.claim.get_absolute_url()).content.decode()
    assert '<a href="https://stats.example.org/t1" rel="noopener noreferrer nofollow">the table</a>' in page
    assert "<script>alert" not in page


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (Claim.Status.NEW, "Awaiting check"),
        (Claim.Status.RESEARCHING, "Being researched"),
        (Claim.Status.IN_REVIEW, "In review"),
        (Claim.Status.DISMISSED, "Dismissed"),
    ],
)
def test_an_unpublished_claim_shows_its_status(client, db, status, words):
    claim = make_claim(status=status)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert words in page
    assert "Our rating" not in page


def test_a_corrected_verdict_shows_its_history(client, published, fact_checker, editor):
    correct(published, author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE, note="We misread 1990.")
    page = client.get(published.claim.get_absolute_url()).content.decode()
    assert "Correction history" in page
    assert "changed from <strong>Mostly false</strong> to <strong>False</strong>" in page
    assert "We misread 1990." in page
    assert "Earlier versions" in page


def test_an_unknown_claim_is_404(client, db):
    assert client.get("/claims/no-such-claim/").status_code == 404


def test_a_claim_page_offers_an_error_report(client, published):
    page = client.get(published.claim.get_absolute_url()).content.decode()
    assert f"/report/?claim={published.claim.slug}" in page


@pytest.mark.parametrize("corrections", [1, 6])
def test_the_claim_page_runs_a_fixed_number_of_queries(
    client, published, fact_checker, editor, django_assert_max_num_queries, corrections
):
    verdict = published
    for _ in range(corrections):
        verdict = correct(verdict, author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE)
    # Claim, verdicts, sources, and the claim's confirmed repeats (its other appearances).
    with django_assert_max_num_queries(4):
        client.get(published.claim.get_absolute_url())
