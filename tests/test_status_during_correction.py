"""One meaning of status: while a published verdict is being corrected, every public page still says
"Published" and counts the claim as published; only the desk sees "correction in progress"."""

import re

import pytest
from django.urls import reverse

from factcheck.models import Claim, Verdict, record_change
from tests.public_factories import make_actor, make_article, make_claim, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def correction_in_review(fact_checker, editor, second_editor):
    """Three published claims by one claimant; the second one's verdict has a correction waiting for review."""
    claimant = make_actor(name="Helen Carter", slug="helen-carter")
    article = make_article(slug="spring-budget")
    claims = [
        make_claim(text=f"Claim number {n} about the budget.", claimant=claimant, article=article) for n in range(3)
    ]
    claims[1].confirm_attribution(by=fact_checker, claimant=claimant, quotation=Claim.Quotation.PARAPHRASE)
    verdicts = [
        publish(claim, author=fact_checker, reviewer=editor, rating=rating)
        for claim, rating in zip(
            claims, [Verdict.Rating.TRUE, Verdict.Rating.FALSE, Verdict.Rating.HALF_TRUE], strict=True
        )
    ]
    correction = verdicts[1].start_correction(by=second_editor)
    correction.rating = Verdict.Rating.MOSTLY_FALSE
    correction.correction_note = "We misread the year."
    record_change(correction, by=second_editor, reason="Corrected")
    correction.save()
    correction.submit_for_review(by=second_editor)
    return {"claims": claims, "correction": correction, "claimant": claimant, "article": article}


def test_the_claim_stays_published_in_the_database(correction_in_review):
    assert set(Claim.objects.values_list("status", flat=True)) == {Claim.Status.PUBLISHED}


def test_home_counts_every_listed_fact_check_as_published(client, correction_in_review):
    page = client.get(reverse("factcheck:home")).content.decode()
    assert re.search(r'stat-number">3</span> published', page)
    assert re.search(r'stat-number">0</span> in review', page)
    for claim in correction_in_review["claims"]:
        assert claim.text in page


def test_claim_list_filters_agree_with_each_other(client, correction_in_review):
    corrected = correction_in_review["claims"][1]
    claims = reverse("factcheck:claim_list")
    published = client.get(claims, {"status": "published"}).content.decode()
    in_review = client.get(claims, {"status": "in_review"}).content.decode()
    by_rating = client.get(claims, {"rating": "false"}).content.decode()
    assert all(claim.text in published for claim in correction_in_review["claims"])
    assert corrected.text not in in_review
    assert corrected.text in by_rating, "readers still see the published rating until the correction is published"
    rows = client.get(claims).content.decode().split("<tbody")[1]
    assert "In review" not in rows
    assert rows.count("Published") == 3


def test_claim_page_csv_and_feeds_show_the_published_verdict(client, correction_in_review):
    corrected = correction_in_review["claims"][1]
    page = client.get(corrected.get_absolute_url()).content.decode()
    assert "We misread the year." not in page
    assert "correction in progress" not in page.lower()
    csv = b"".join(client.get(reverse("factcheck:claim_csv")).streaming_content).decode()
    assert csv.count(",Published,") == 3
    feed = client.get(reverse("factcheck:verdict_feed")).content.decode()
    assert feed.count("<item>") == 3


def test_actor_article_and_claimreview_pages_count_three_published(client, correction_in_review):
    actors = client.get(reverse("factcheck:actor_list")).content.decode()
    assert "3 claims, 3 checked" in actors
    actor = client.get(correction_in_review["claimant"].get_absolute_url()).content.decode()
    article = client.get(correction_in_review["article"].get_absolute_url()).content.decode()
    for page in (actor, article):
        assert page.count("In review") == 0
        assert all(claim.text in page for claim in correction_in_review["claims"])
    claimreviews = client.get(reverse("factcheck:claimreview_feed")).json()["claimReviews"]
    assert len(claimreviews) == 3
    atom = client.get(reverse("factcheck:verdict_atom_feed")).content.decode()
    assert atom.count("<entry>") == 3


def test_only_the_desk_sees_correction_in_progress(client, correction_in_review, editor):
    client.force_login(editor)
    changelist = client.get(reverse("admin:factcheck_claim_changelist")).content.decode()
    assert changelist.count("correction in progress") == 1
    assert changelist.count("Published") >= 3
    found = client.get(reverse("admin:factcheck_claim_changelist"), {"correction": "in_progress"})
    assert [claim.pk for claim in found.context["cl"].result_list] == [correction_in_review["claims"][1].pk]
