"""A fact-checker fixes a claim's claimant on the claim's page, creating the actor in the same step if needed."""

from django.urls import reverse
from model_bakery import baker

from factcheck.models import Actor, Claim
from tests.admin_forms import form_data


def change_url(claim):
    return reverse("admin:factcheck_claim_change", args=[claim.pk])


def test_a_fact_checker_creates_the_claimant_in_place_and_the_history_says_who(client, fact_checker, new_claim):
    client.force_login(fact_checker)
    page = client.get(change_url(new_claim))
    response = client.post(
        change_url(new_claim),
        form_data(
            page,
            new_claimant_name="  Ruth  Okonkwo ",
            new_claimant_kind="person",
            new_claimant_description="Minister for Work",
            quotation="paraphrase",
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    claimant = Claim.objects.get(pk=new_claim.pk).claimant
    assert (claimant.name, claimant.kind, claimant.description) == ("Ruth Okonkwo", "person", "Minister for Work")
    created = claimant.history.earliest()
    assert created.history_type == "+"
    assert created.history_user == fact_checker


def test_a_new_claimant_can_be_an_organisation(client, fact_checker, new_claim):
    client.force_login(fact_checker)
    page = client.get(change_url(new_claim))
    client.post(
        change_url(new_claim),
        form_data(page, new_claimant_name="Harbour Pilots' Guild", new_claimant_kind="organization", quotation="quote"),
    )
    claim = Claim.objects.get(pk=new_claim.pk)
    assert (claim.claimant.name, claim.claimant.kind) == ("Harbour Pilots' Guild", "organization")
    assert claim.quotation == "quote"


def test_a_name_the_desk_knows_is_refused_with_the_actor_to_choose(client, fact_checker, new_claim):
    baker.make(Actor, name="Ruth Okonkwo", aliases=["Okonkwo"])
    client.force_login(fact_checker)
    page = client.get(change_url(new_claim))
    response = client.post(change_url(new_claim), form_data(page, new_claimant_name="okonkwo", quotation="quote"))
    assert response.status_code == 200
    assert "“Ruth Okonkwo” is on the desk already" in str(response.context["adminform"].form.errors)
    assert Actor.objects.count() == 1
    assert Claim.objects.get(pk=new_claim.pk).claimant is None


def test_a_new_claimant_whose_name_would_turn_the_page_around_is_refused(client, fact_checker, new_claim):
    client.force_login(fact_checker)
    page = client.get(change_url(new_claim))
    response = client.post(
        change_url(new_claim), form_data(page, new_claimant_name="Ruth \u202eOkonkwo", quotation="quote")
    )
    assert "invisible character (U+202E)" in str(response.context["adminform"].form.errors)
    assert not Actor.objects.exists()


def test_choosing_a_claimant_and_naming_a_new_one_is_refused(client, fact_checker, new_claim):
    known = baker.make(Actor, name="Ruth Okonkwo")
    client.force_login(fact_checker)
    page = client.get(change_url(new_claim))
    response = client.post(
        change_url(new_claim),
        form_data(page, claimant=known.pk, new_claimant_name="Someone Else", quotation="quote"),
    )
    assert "not both" in str(response.context["adminform"].form.errors)
    assert not Actor.objects.filter(name="Someone Else").exists()


def test_both_roles_may_add_an_actor(role_permissions):
    assert "add_actor" in role_permissions["Fact-checker"]
    assert "add_actor" in role_permissions["Editor"]
