"""The claim carries its current verdict's rating and time, so the lists filter without a join."""

from datetime import UTC, datetime

import pytest
from model_bakery import baker

from factcheck.models import Claim, Verdict
from factcheck.pagination import count_rows
from tests.public_factories import make_claim


def test_publishing_puts_the_rating_on_the_claim(submitted_verdict, editor):
    submitted_verdict.publish(by=editor)
    claim = Claim.objects.get(pk=submitted_verdict.claim_id)
    assert claim.current_rating == submitted_verdict.rating
    assert claim.current_published_at == submitted_verdict.published_at


def test_a_claim_without_a_published_verdict_has_no_rating(new_claim):
    assert new_claim.current_rating is None
    assert new_claim.current_published_at is None


def test_refresh_copies_the_current_verdicts_of_bulk_written_claims(db, fact_checker, editor):
    rated, unrated = make_claim(), make_claim()
    verdict = baker.make(
        Verdict,
        claim=rated,
        author=fact_checker,
        reviewer=editor,
        rating="false",
        is_current=True,
        published_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
    )
    assert Claim.objects.refresh_current_verdict() == 2
    rated.refresh_from_db()
    unrated.refresh_from_db()
    assert (rated.current_rating, rated.current_published_at) == ("false", verdict.published_at)
    assert unrated.current_rating is None


def test_a_small_list_is_counted_exactly(db):
    for _ in range(3):
        make_claim()
    assert count_rows(Claim.objects.all(), exact_up_to=5) == (3, "")


def test_a_large_list_is_estimated_on_postgresql_and_bounded_on_sqlite(db):
    from django.db import connection

    for _ in range(7):
        make_claim()
    count, qualifier = count_rows(Claim.objects.all(), exact_up_to=5)
    if connection.vendor == "postgresql":
        assert qualifier == "about"
        assert count >= 6  # never less than what was seen
    else:
        assert (count, qualifier) == (5, "more than")


@pytest.mark.parametrize("rows", [3, 12])
def test_the_claim_list_filtered_by_rating_runs_a_fixed_number_of_queries(
    client, db, fact_checker, editor, rows, django_assert_num_queries
):
    from tests.public_factories import publish

    for _ in range(rows):
        publish(make_claim(), author=fact_checker, reviewer=editor, rating="false")
    with django_assert_num_queries(2):
        response = client.get("/claims/", {"rating": "false"})
    assert response.context["table"].paginator.count == rows
