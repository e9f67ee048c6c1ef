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
    assert client.get("/readyz").json() == {"database": "ok", "cache": "ok", "serving": True}


def test_a_missing_page_says_so_in_the_sites_own_page_and_is_not_indexed(client, db):
    response = client.get("/claims/no-such-claim/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert 'name="robots" content="noindex"' in page
    assert reverse("factcheck:claim_list") in page
    assert "DEBUG" not in page


def test_a_refused_desk_page_says_why(client, submitted_verdict, fact_checker):
    client.force_login(fact_checker)
    response = client.get(reverse("admin:factcheck_verdict_review", args=[submitted_verdict.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Only an editor reviews verdicts." in page
    assert reverse("admin:index") in page


def test_the_favicon_browsers_ask_for_is_served(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00", "an ICO file"
    assert 'rel="icon" href="/favicon.ico"' in client.get("/").content.decode()
