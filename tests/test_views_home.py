"""The home page: latest published fact-checks and how many claims are being checked."""

import pytest
from django.urls import reverse

from factcheck.models import Claim
from tests.public_factories import make_claim, publish


def test_home_shows_latest_fact_checks_and_the_work_in_progress(client, db, fact_checker, editor):
    publish(make_claim(text="Taxes are the highest ever."), author=fact_checker, reviewer=editor)
    make_claim(status=Claim.Status.RESEARCHING)
    make_claim(status=Claim.Status.IN_REVIEW)
    make_claim(text="Never checked yet.")
    page = client.get(reverse("factcheck:home")).content.decode()
    assert "Taxes are the highest ever." in page
    assert "Never checked yet." not in page
    assert "<strong>2</strong> claims being checked" in page


def test_home_without_fact_checks_says_so(client, db):
    assert "No fact-checks have been published yet." in client.get("/").content.decode()


@pytest.mark.parametrize("rows", [3, 30])
def test_home_runs_a_fixed_number_of_queries(client, db, fact_checker, editor, django_assert_max_num_queries, rows):
    for _ in range(rows):
        publish(make_claim(), author=fact_checker, reviewer=editor)
    with django_assert_max_num_queries(2):
        client.get("/")
