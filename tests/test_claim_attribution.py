"""Who made a claim, and how their words are given: confirmed before a verdict, shown honestly in public."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from model_bakery import baker

from factcheck.models import Actor, Claim
from tests.public_factories import make_actor, make_article, make_claim, publish
from tests.test_claimreview import json_ld_blocks


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def test_a_verdict_cannot_be_submitted_before_the_claimant_is_confirmed(new_claim, fact_checker):
    verdict = baker.make("factcheck.Verdict", claim=new_claim, author=fact_checker, rating="false", summary="No.")
    verdict.explanation = "Because."
    verdict.save()
    baker.make("factcheck.Source", verdict=verdict, url="https://example.org/a")
    with pytest.raises(ValidationError, match="Confirm the claimant first"):
        verdict.submit_for_review(by=fact_checker)
    new_claim.confirm_attribution(by=fact_checker, claimant=None, quotation="")
    verdict.submit_for_review(by=fact_checker)
    assert reload(new_claim).status == Claim.Status.IN_REVIEW


def test_confirming_records_who_and_refuses_a_claimant_without_quote_or_paraphrase(new_claim, fact_checker):
    minister = baker.make(Actor, name="Jane Minister")
    with pytest.raises(ValidationError, match=r"quoted .* or paraphrased"):
        new_claim.confirm_attribution(by=fact_checker, claimant=minister, quotation="")
    with pytest.raises(ValidationError, match="neither quoted nor paraphrased"):
        new_claim.confirm_attribution(by=fact_checker, claimant=None, quotation=Claim.Quotation.QUOTE)
    new_claim.confirm_attribution(by=fact_checker, claimant=minister, quotation=Claim.Quotation.PARAPHRASE)
    claim = reload(new_claim)
    assert (claim.claimant, claim.quotation, claim.attribution_confirmed_by) == (
        minister,
        "paraphrase",
        fact_checker,
    )
    assert claim.history.latest().history_change_reason == "Claimant confirmed: Jane Minister, paraphrased"


def test_changing_the_claimant_afterwards_needs_a_new_confirmation(new_claim, fact_checker):
    new_claim.confirm_attribution(by=fact_checker, claimant=None, quotation="")
    claim = reload(new_claim)
    claim.claimant = baker.make(Actor, name="Someone Else")
    claim.quotation = Claim.Quotation.QUOTE
    claim.save()
    assert reload(new_claim).attribution_confirmed_at is None


def test_the_database_refuses_a_quotation_without_a_claimant(new_claim):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(pk=new_claim.pk).update(quotation="quote")


def test_a_quoted_claim_is_shown_as_the_claimants_own_words(client, db, fact_checker, editor):
    claim = make_claim(
        text="“We built more homes than any government since 1970,” the minister said.",
        claimant=make_actor(name="Jane Minister", kind=Actor.Kind.PERSON),
        quotation=Claim.Quotation.QUOTE,
    )
    publish(claim, author=fact_checker, reviewer=editor)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert re.search(r"Jane Minister(, [^<]+)?, said:</p>", page)
    assert "“We built more homes than any government since 1970,”" in page
    assert "not a quotation" not in page
    review = json_ld_blocks(client.get(claim.get_absolute_url()))[0]
    assert review["itemReviewed"]["description"] == "Quoted: Jane Minister's own words."


def test_a_paraphrase_is_never_presented_as_a_quotation(client, db, fact_checker, editor):
    claim = make_claim(
        article=make_article(outlet="The Daily Ledger"),
        text="Putin hinted at freezing the battle lines elsewhere.",
        claimant=make_actor(name="Vladimir Putin", kind=Actor.Kind.PERSON),
        quotation=Claim.Quotation.PARAPHRASE,
    )
    publish(claim, author=fact_checker, reviewer=editor)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "According to The Daily Ledger, Vladimir Putin" in page
    assert "“Putin hinted" not in page
    assert "not a quotation" in page
    review = json_ld_blocks(client.get(claim.get_absolute_url()))[0]
    assert review["itemReviewed"]["description"] == (
        "Paraphrased by The Daily Ledger: the article's words, not a quotation."
    )


def test_the_claim_admin_explains_the_score_in_words(client, fact_checker):
    claim = baker.make(
        Claim,
        text="Honestly, I think unemployment fell to 3.9% in March.",
        context="Honestly, I think unemployment fell to 3.9% in March.",
    )
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_claim_change", args=[claim.pk])).content.decode()
    raised = page.split("Raised by")[1].split("Lowered by")[0]
    lowered = page.split("Lowered by")[1]
    assert "a number" in raised
    assert "a percentage" in raised
    assert "the writer&#x27;s own voice" in lowered or "an opinion or hedging word" in lowered


def test_the_claim_admin_shows_how_the_meaning_moved_an_uncertain_score_in_one_line(
    client, fact_checker, model_with_meaning, uncertain_sentence
):
    claim = baker.make(Claim, text=uncertain_sentence, context="")
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_claim_change", args=[claim.pk])).content.decode()
    assert re.search(
        r"Resembles (check-worthy sentences|sentences that are not check-worthy) in meaning: [+-]\d\.\d\d", page
    )


def test_the_claim_admin_says_when_the_words_alone_decided(client, fact_checker, model_with_meaning, certain_sentence):
    claim = baker.make(Claim, text=certain_sentence, context="")
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_claim_change", args=[claim.pk])).content.decode()
    assert "Meaning not compared: the words alone made the score clear." in page
    assert "in meaning:" not in page


def test_an_editor_adds_a_missed_sentence_as_a_claim_in_one_step(client, editor):
    article = baker.make(
        "factcheck.Article",
        title="Ferries",
        body="Ferry fares will rise by 8% in April, the operator said.\nIt was a grey day.",
    )
    client.force_login(editor)
    page = client.get(reverse("admin:factcheck_article_change", args=[article.pk])).content.decode()
    assert 'value="It was a grey day."' in page
    response = client.post(
        reverse("admin:factcheck_article_add_claim", args=[article.pk]), {"sentence": "It was a grey day."}
    )
    claim = article.claims.get()
    assert response.url == reverse("admin:factcheck_claim_change", args=[claim.pk])
    assert claim.text == "It was a grey day."
    assert claim.history.get().history_user == editor
    again = client.post(
        reverse("admin:factcheck_article_add_claim", args=[article.pk]), {"sentence": "It was a grey day."}, follow=True
    )
    assert "already a claim" in again.content.decode()
    assert article.claims.count() == 1


def test_a_fact_checker_cannot_add_claims_and_sees_no_buttons(client, fact_checker):
    article = baker.make("factcheck.Article", title="Ferries", body="It was a grey day.")
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_article_change", args=[article.pk])).content.decode()
    assert "Add as a claim</button>" not in page
    client.post(reverse("admin:factcheck_article_add_claim", args=[article.pk]), {"sentence": "It was a grey day."})
    assert not article.claims.exists()


def test_a_sentence_that_is_not_in_the_article_is_refused(client, editor):
    article = baker.make("factcheck.Article", title="Ferries", body="It was a grey day.")
    client.force_login(editor)
    response = client.post(
        reverse("admin:factcheck_article_add_claim", args=[article.pk]), {"sentence": "Invented."}, follow=True
    )
    assert "not in the article" in response.content.decode()
    assert not article.claims.exists()


def test_the_importer_records_whether_a_claimant_is_quoted_or_paraphrased(tmp_path, db):
    from factcheck.importer import import_article

    article = tmp_path / "ferries.txt"
    article.write_text(
        "Ferry fares to rise\n\n"
        "Transport Secretary Helen Marsh said ferry fares would rise by 8% in April.\n\n"
        "\u201cWe have cut crossing times by a third since 2023,\u201d Marsh told reporters on Monday.\n\n"
        "Fares on the island route have doubled since 2019.\n",
        encoding="utf-8",
    )
    import_article(path=article)
    kinds = {
        claim.text[:20]: (claim.claimant and claim.claimant.name, claim.quotation) for claim in Claim.objects.all()
    }
    assert kinds == {
        "Transport Secretary ": ("Helen Marsh", "paraphrase"),
        "\u201cWe have cut crossin": ("Helen Marsh", "quote"),
        "Fares on the island ": (None, ""),
    }
    assert not Claim.objects.filter(attribution_confirmed_at__isnull=False).exists()
