"""RSS and Atom feeds of published verdicts."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from factcheck.models import Claim, Verdict
from tests.public_factories import correct, make_claim, publish

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def verdict(db, fact_checker, editor):
    make_claim(text="Still in review.", status=Claim.Status.IN_REVIEW)
    return publish(
        make_claim(text="Taxes are the highest ever."),
        author=fact_checker,
        reviewer=editor,
        rating=Verdict.Rating.FALSE,
        summary="Higher in 1990.",
    )


def test_the_rss_feed_lists_published_verdicts(client, verdict):
    response = client.get(reverse("factcheck:verdict_feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    items = ElementTree.fromstring(response.content).findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["False: Taxes are the highest ever."]
    assert items[0].findtext("link") == f"http://testserver{verdict.claim.get_absolute_url()}"
    assert "Higher in 1990." in items[0].findtext("description")


def test_the_atom_feed_lists_published_verdicts(client, verdict):
    response = client.get(reverse("factcheck:verdict_atom_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ElementTree.fromstring(response.content).findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["False: Taxes are the highest ever."]


def test_a_correction_appears_in_the_feed_with_its_note(client, verdict, fact_checker, editor):
    correct(verdict, author=fact_checker, reviewer=editor, rating=Verdict.Rating.MOSTLY_FALSE, note="Wrong year.")
    items = ElementTree.fromstring(client.get(reverse("factcheck:verdict_feed")).content).findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["Mostly false: Taxes are the highest ever."]
    assert items[0].findtext("description").startswith("Correction: Wrong year.")


@pytest.mark.parametrize("rows", [3, 30])
def test_feeds_run_a_fixed_number_of_queries(client, db, fact_checker, editor, django_assert_max_num_queries, rows):
    for _ in range(rows):
        publish(make_claim(), author=fact_checker, reviewer=editor)
    with django_assert_max_num_queries(1):
        client.get(reverse("factcheck:verdict_feed"))
    with django_assert_max_num_queries(1):
        client.get(reverse("factcheck:verdict_atom_feed"))
