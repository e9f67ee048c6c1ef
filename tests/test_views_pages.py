"""Methodology and the public corrections log."""

import pytest
from django.urls import reverse

from factcheck.models import Verdict
from tests.public_factories import correct, make_claim, publish


def test_methodology_explains_every_rating_from_the_model(client, db):
    page = client.get(reverse("factcheck:methodology")).content.decode()
    for rating in Verdict.Rating:
        assert rating.label in page
        assert Verdict.RATING_DEFINITIONS[rating] in page
    for topic in ["How we choose claims", "How we check them", "How we correct mistakes"]:
        assert topic in page


def test_the_corrections_log_lists_every_published_correction(client, db, fact_checker, editor):
    verdict = publish(make_claim(text="Taxes are the highest ever."), author=fact_checker, reviewer=editor)
    correct(verdict, author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE, note="We misread 1990.")
    publish(make_claim(text="Never corrected."), author=fact_checker, reviewer=editor)
    page = client.get(reverse("factcheck:correction_list")).content.decode()
    assert "Taxes are the highest ever." in page
    assert "We misread 1990." in page
    assert "Never corrected." not in page


@pytest.mark.parametrize("rows", [3, 30])
def test_the_corrections_log_runs_a_fixed_number_of_queries(
    client, db, fact_checker, editor, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        verdict = publish(make_claim(), author=fact_checker, reviewer=editor)
        correct(verdict, author=fact_checker, reviewer=editor, rating=Verdict.Rating.TRUE)
    with django_assert_max_num_queries(2):
        client.get(reverse("factcheck:correction_list"))
    with django_assert_max_num_queries(0):
        client.get(reverse("factcheck:methodology"))


def test_health_checks_answer(client, db):
    assert client.get("/healthz").content == b"ok"
    assert client.get("/readyz").json() == {"database": "ok"}
