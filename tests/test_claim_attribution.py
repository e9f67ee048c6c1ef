"""Who made a claim, and how their words are given: confirmed before a verdict, shown honestly in public."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from model_bakery import baker

from factcheck.models import Actor, Claim
from tests.public_factories import correct, make_actor, make_article, make_claim, publish
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
    assert re.search(r"<bdi>Jane Minister</bdi>(, <bdi>[^<]+</bdi>,)? said:</p>", page)
    # Her words alone, without the comma that joined them to "the minister said".
    assert '<h1 class="claim-text">“We built more homes than any government since 1970”</h1>' in page
    assert "not a quotation" not in page
    review = json_ld_blocks(client.get(claim.get_absolute_url()))[0]
    assert review["itemReviewed"]["description"] == "Quoted: Jane Minister's own words."
    assert review["claimReviewed"] == "We built more homes than any government since 1970"


def test_a_quoted_claimants_role_stands_between_commas_and_no_comma_parts_a_name_from_said(
    client, db, fact_checker, editor
):
    for name, description, eyebrow in [
        ("Jane Minister", "", "<bdi>Jane Minister</bdi> said:"),
        ("Ana Minister", "housing minister", "<bdi>Ana Minister</bdi>, <bdi>housing minister</bdi>, said:"),
    ]:
        claim = make_claim(
            text="“We built more homes than any government since 1970,” the minister said.",
            claimant=make_actor(name=name, kind=Actor.Kind.PERSON, description=description),
            quotation=Claim.Quotation.QUOTE,
        )
        publish(claim, author=fact_checker, reviewer=editor)
        assert f'<p class="eyebrow">{eyebrow}</p>' in client.get(claim.get_absolute_url()).content.decode()


def test_a_paraphrase_is_never_presented_as_a_quotation(client, db, fact_checker, editor):
    claim = make_claim(
        article=make_article(outlet="The Daily Ledger"),
        text="Putin hinted at freezing the battle lines elsewhere.",
        claimant=make_actor(name="Vladimir Putin", kind=Actor.Kind.PERSON),
        quotation=Claim.Quotation.PARAPHRASE,
    )
    publish(claim, author=fact_checker, reviewer=editor)
    page = client.get(claim.get_absolute_url()).content.decode()
    assert "According to <bdi>The Daily Ledger</bdi>, <bdi>Vladimir Putin</bdi>" in page
    assert "“Putin hinted" not in page
    assert "not a quotation" in page
    review = json_ld_blocks(client.get(claim.get_absolute_url()))[0]
    assert review["itemReviewed"]["description"] == (
        "Paraphrased by The Daily Ledger: the article's words, not a quotation."
    )


def test_a_claimant_nobody_has_confirmed_is_said_to_be_the_softwares_reading(client, db, fact_checker):
    minister = make_actor(name="Jane Minister", kind=Actor.Kind.PERSON)
    read, confirmed = (
        make_claim(text=text, claimant=minister, quotation=Claim.Quotation.PARAPHRASE)
        for text in ["The minister said 40 hospitals had been built.", "The minister said 12 schools had closed."]
    )
    confirmed.confirm_attribution(by=fact_checker, claimant=minister, quotation=Claim.Quotation.PARAPHRASE)
    unconfirmed = "no fact-checker has confirmed it yet"
    assert unconfirmed in client.get(read.get_absolute_url()).content.decode()
    assert unconfirmed not in client.get(confirmed.get_absolute_url()).content.decode()


# Quotation marks on public pages: Claim.as_shown() decides for every list, the claim page, feeds and ClaimReview.

QUOTED = '"This is the biggest investment the city has ever made," she said.'
OWN_SENTENCE = "Harbour City Council voted 31 to 12 to approve the new harbour plan."
PARAPHRASED = "The mayor said the harbour plan would pay for itself within ten years."


def shown(text, *, claimant=True, quotation=""):
    return Claim(text=text, claimant=Actor(pk=1, name="Ann Mayor") if claimant else None, quotation=quotation)


@pytest.mark.parametrize(
    ("claim", "as_shown"),
    [
        pytest.param(
            shown(QUOTED, quotation="quote"),
            "“This is the biggest investment the city has ever made”",
            id="a quotation: her words alone, in marks, without the comma that led to 'she said'",
        ),
        pytest.param(
            shown("“We will build it,” she said, “and it will pay for itself.”", quotation="quote"),
            "“We will build it … and it will pay for itself.”",
            id="a quotation in two parts",
        ),
        pytest.param(
            shown("Taxes are the highest they have ever been,", quotation="quote"),
            "“Taxes are the highest they have ever been”",
            id="a quotation without marks of its own",
        ),
        pytest.param(
            shown("'This is the biggest investment,' she said.", quotation="quote"),
            "'This is the biggest investment,' she said.",
            id="a quotation whose own marks cannot be paired: as written, never marked twice",
        ),
        pytest.param(
            shown('"We will not back down.', quotation="quote"),
            '"We will not back down.',
            id="a quotation running on from the previous paragraph",
        ),
        pytest.param(shown(PARAPHRASED, quotation="paraphrase"), PARAPHRASED, id="a paraphrase: as written"),
        pytest.param(
            shown('The mayor called it "a good deal for the city", she said.', quotation="paraphrase"),
            'The mayor called it "a good deal for the city", she said.',
            id="a paraphrase quoting a phrase: as written",
        ),
        pytest.param(shown(OWN_SENTENCE, claimant=False), OWN_SENTENCE, id="the article's own sentence: as written"),
        pytest.param(shown(PARAPHRASED), PARAPHRASED, id="a claimant not yet confirmed as quoted: as written"),
    ],
)
def test_a_claim_is_in_quotation_marks_only_when_it_is_its_claimants_own_words(claim, as_shown):
    assert claim.as_shown() == as_shown


def test_a_shortened_quotation_keeps_its_closing_mark():
    claim = shown(QUOTED, quotation="quote")
    assert claim.as_shown(30) == "“This is the biggest investm…”"
    assert len(claim.as_shown(30)) == 30


@pytest.fixture
def harbour(db, fact_checker, editor):
    """An article with a quotation, a paraphrase and a sentence of its own, all published (one corrected)."""
    mayor = make_actor(name="Ann Mayor", slug="ann-mayor", description="Mayor of Harbour City")
    article = make_article(title="Council backs harbour plan", slug="harbour-plan", outlet="Harbour Gazette")
    claims = {
        "quoted": make_claim(text=QUOTED, article=article, claimant=mayor, quotation=Claim.Quotation.QUOTE),
        "paraphrased": make_claim(
            text=PARAPHRASED, article=article, claimant=mayor, quotation=Claim.Quotation.PARAPHRASE
        ),
        "own": make_claim(text=OWN_SENTENCE, article=article),
    }
    for claim in claims.values():
        verdict = publish(claim, author=fact_checker, reviewer=editor)
        correct(verdict, author=fact_checker, reviewer=editor, rating="false")
    return claims


PUBLIC_LISTS = {
    "article page": "/articles/harbour-plan/",
    "actor page": "/actors/ann-mayor/",
    "claims list": "/claims/",
    "home": "/",
    "corrections": "/corrections/",
    "RSS feed": "/feeds/verdicts/",
}


@pytest.mark.parametrize("name", PUBLIC_LISTS)
def test_every_public_list_quotes_the_claimants_words_and_nothing_else(client, harbour, name):
    page = client.get(PUBLIC_LISTS[name]).content.decode()
    if name == "RSS feed":  # the feed's text is escaped once more inside its XML
        page = page.replace("&amp;", "&")
    assert "“This is the biggest investment the city has ever made”" in page
    assert PARAPHRASED in page
    assert f"“{PARAPHRASED}" not in page
    if name != "actor page":  # the article's own sentence has no claimant, so is on no one's page
        assert OWN_SENTENCE in page
    assert f"“{OWN_SENTENCE}" not in page
    # Never a second pair of marks around text that carries its own.
    assert not re.search(r"“(&quot;|&#x27;|\"|')|(&quot;|&#x27;|\"|')”", page)
    assert "made,”" not in page


def test_the_claim_page_and_its_claimreview_give_the_same_words(client, harbour):
    for kind, words in [
        ("quoted", "“This is the biggest investment the city has ever made”"),
        ("paraphrased", PARAPHRASED),
        ("own", OWN_SENTENCE),
    ]:
        claim = harbour[kind]
        page = client.get(claim.get_absolute_url()).content.decode()
        assert f'<h1 class="claim-text">{words}</h1>' in page, kind
        assert json_ld_blocks(client.get(claim.get_absolute_url()))[0]["claimReviewed"] == words.strip("“”"), kind


def test_the_share_card_text_quotes_only_a_quotation(client, harbour):
    alt = re.compile(r'<meta property="og:image:alt" content="([^"]*)">')
    quoted = alt.search(client.get(harbour["quoted"].get_absolute_url()).content.decode()).group(1)
    own = alt.search(client.get(harbour["own"].get_absolute_url()).content.decode()).group(1)
    assert quoted.startswith(
        "Rated False: “This is the biggest investment the city has ever made”, a claim by Ann Mayor"
    )
    assert own.startswith(f"Rated False: {OWN_SENTENCE}")


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


def test_the_claim_admin_names_punctuation_in_words_not_as_a_word(client, fact_checker):
    claim = baker.make(Claim, text=QUOTED, context=QUOTED)
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_claim_change", args=[claim.pk])).content.decode()
    assert "the word “&quot;”" not in page
    assert re.search(r"<li>a quotation mark \(-0\.\d\d\)</li>", page)


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


def test_the_claim_admin_shows_the_words_the_transformer_weighed_in_a_spoken_claim(
    client, fact_checker, varied_sentences
):
    from factcheck.extraction import scoring

    model = scoring.model()
    sentence = next(s for s in varied_sentences if model.stack.consulted(model.wording.logit(s), spoken=True))
    article = baker.make("factcheck.Article")
    speaker = baker.make("factcheck.Speaker", article=article, label="OKAFOR")
    claim = baker.make(Claim, article=article, text=sentence, context=sentence, speaker=speaker)
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_claim_change", args=[claim.pk])).content.decode()
    assert "so the transformer read the sentence too" in page
    reading = page.split("so the transformer read the sentence too")[1]
    explanation = scoring.explain(sentence, sentence, spoken=True)
    strongest = (explanation.reading_raised or explanation.reading_lowered)[0]
    assert f"{strongest.weight:+.2f}" in reading
    assert "Words that made it more check-worthy" in reading


def test_the_claim_admin_says_when_the_wording_alone_decided_for_an_article(client, fact_checker):
    claim = baker.make(Claim, text=OWN_SENTENCE, context=OWN_SENTENCE)
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_claim_change", args=[claim.pk])).content.decode()
    assert "Transformer not consulted: the wording alone made the score clear." in page
