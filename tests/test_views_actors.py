"""Actor pages: the list, an actor's claims and the scorecard of their ratings."""

import re

import pytest
from django.urls import reverse

from factcheck.models import Claim, Verdict
from tests.public_factories import make_actor, make_claim, publish


@pytest.fixture
def minister(db, fact_checker, editor):
    actor = make_actor(name="Jane Minister", description="Finance minister")
    for rating in [Verdict.Rating.FALSE, Verdict.Rating.FALSE, Verdict.Rating.TRUE]:
        publish(make_claim(claimant=actor), author=fact_checker, reviewer=editor, rating=rating)
    make_claim(text="Not yet checked claim.", claimant=actor, status=Claim.Status.RESEARCHING)
    return actor


def scorecard_rows(page: str) -> dict[str, str]:
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td class="num">(\d+)', page)
    return dict(rows)


def test_the_scorecard_counts_each_rating_in_numbers_and_words(client, minister):
    page = client.get(minister.get_absolute_url()).content.decode()
    assert scorecard_rows(page) == {
        "False": "2",
        "Mostly false": "0",
        "Half true": "0",
        "Mostly true": "0",
        "True": "1",
    }
    assert "(3 in all)" in page
    assert "(67%)" in page


def test_the_scorecard_bars_are_drawn_to_scale(client, minister):
    page = client.get(minister.get_absolute_url()).content.decode()
    widths = re.findall(r'<rect class="bar-fill" x="0" y="0" width="([\d.]+)"', page)
    assert [float(width) for width in widths] == [100.0, 0.0, 0.0, 0.0, 50.0]


def test_the_actor_page_lists_their_claims_with_status(client, minister):
    page = client.get(minister.get_absolute_url()).content.decode()
    assert "Not yet checked claim." in page
    assert "Being researched" in page
    assert "Published: False" in page


def test_unpublished_claims_do_not_count_in_the_scorecard(client, db):
    actor = make_actor()
    make_claim(claimant=actor, status=Claim.Status.IN_REVIEW)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "We have not published a verdict" in page


def test_the_actor_list_counts_claims(client, minister):
    page = client.get(reverse("factcheck:actor_list")).content.decode()
    assert "Jane Minister" in page
    assert "4 claims, 3 checked" in page


@pytest.mark.parametrize("page", ["abc", "999", "-1", "\x00"])
def test_actor_pages_survive_bad_page_numbers(client, minister, page):
    assert client.get(minister.get_absolute_url(), {"page": page}).status_code == 200
    assert client.get(reverse("factcheck:actor_list"), {"page": page}).status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_actor_pages_run_a_fixed_number_of_queries(
    client, db, fact_checker, editor, django_assert_max_num_queries, rows
):
    actor = make_actor()
    for n in range(rows):
        claim = make_claim(claimant=actor)
        if n % 2:
            publish(claim, author=fact_checker, reviewer=editor)
        make_claim(claimant=make_actor())
    with django_assert_max_num_queries(4):
        client.get(actor.get_absolute_url())
    with django_assert_max_num_queries(2):
        client.get(reverse("factcheck:actor_list"))


def test_the_actor_page_lists_their_claims_by_when_they_were_said(client, db):
    actor = make_actor(name="Tom Mayor")
    make_claim(text="Older claim.", claimant=actor, said_on="2024-05-01", venue=Claim.Venue.SPEECH)
    make_claim(text="Newer claim.", claimant=actor, said_on="2025-02-20", venue=Claim.Venue.INTERVIEW)
    make_claim(text="Undated claim.", claimant=actor, said_on=None, venue="")
    page = client.get(actor.get_absolute_url()).content.decode()
    assert page.index("Newer claim.") < page.index("Older claim.") < page.index("Undated claim.")
    assert 'said <time datetime="2025-02-20">20 Feb 2025</time> (interview)' in page


def test_the_actor_page_writes_where_a_claim_was_said_as_a_sentence_would(client, db):
    actor = make_actor(name="Tom Mayor")
    make_claim(text="Broadcast claim.", claimant=actor, said_on="2025-02-20", venue=Claim.Venue.BROADCAST)
    make_claim(text="Other claim.", claimant=actor, said_on="2025-02-21", venue=Claim.Venue.OTHER)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "(TV or radio broadcast)" in page
    assert "(other)" not in page


def test_a_renamed_actor_moves_to_an_address_from_the_new_name_and_the_old_one_redirects(client, minister, editor):
    old = minister.get_absolute_url()
    minister.name = "Jane Chancellor"
    minister.save()
    assert minister.slug == "jane-chancellor"
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/actors/jane-chancellor/"
    assert client.get("/actors/jane-chancellor/").status_code == 200


def test_an_actor_whose_address_was_chosen_by_hand_keeps_it_after_a_rename(db):
    actor = make_actor(name="Helen Carter", slug="minister-carter")
    actor.name = "Helen Carter-Jones"
    actor.save()
    assert actor.slug == "minister-carter"


def test_a_merged_actors_addresses_lead_to_the_actor_it_was_merged_into(client, minister, editor):
    duplicate = make_actor(name="J. Minister", slug="j-minister")
    minister.merge([duplicate], by=editor)
    response = client.get("/actors/j-minister/")
    assert (response.status_code, response["Location"]) == (301, minister.get_absolute_url())


def test_an_address_no_actor_ever_had_is_a_404(client, db):
    assert client.get("/actors/nobody-ever/").status_code == 404


def test_the_actor_page_marks_claims_nobody_has_confirmed_they_made(client, minister):
    page = client.get(minister.get_absolute_url()).content.decode()
    unconfirmed = page.split("Not yet checked claim.")[1].split("</li>")[0]
    assert (
        'Jane Minister</bdi><span class="unconfirmed"> (the software’s reading, not yet confirmed)</span>'
        in unconfirmed
    )
    assert page.count("software’s reading") == 1, "the published claims' claimant was confirmed"
