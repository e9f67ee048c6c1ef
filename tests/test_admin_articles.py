"""An imported article's page: editors correct its details (headline, outlet, original address, date), which
reach its claims and the public pages; its text and the claims found in it stay as imported."""

from datetime import date

import pytest
from django.urls import reverse
from model_bakery import baker

from factcheck.models import Article, Claim
from tests.admin_forms import form_data

BODY = (
    "The council voted on Tuesday to close three of the city's five public libraries by the end of the year, "
    "saying the buildings cost too much to heat.\n"
    "Mayor Omar Haddad said the closures would save 2.4 million pounds a year, more than the libraries' "
    "whole book budget since 2015."
)
CLAIM = "Mayor Omar Haddad said the closures would save 2.4 million pounds a year, more than the libraries' whole book budget since 2015."  # noqa: E501


def change_url(article):
    return reverse("admin:factcheck_article_change", args=[article.pk])


def pasted_article(**fields) -> Article:
    """An article as a pasted text leaves it: no outlet, address or date, its claims said in it with none either."""
    article = baker.make(
        Article,
        title="Council votes to close three libraries",
        body=BODY,
        outlet="",
        url="",
        published_on=None,
        source_file="pasted/0123456789abcdef/Pasted text",
        **{"dek": "", **fields},
    )
    baker.make(Claim, article=article, text=CLAIM, venue=Claim.Venue.ARTICLE, said_on=None, original_url="")
    return article


def save(client, article, follow=False, **changes):
    page = client.get(change_url(article))
    return client.post(change_url(article), form_data(page, **changes), follow=follow)


def test_an_editor_sets_a_pasted_articles_outlet_address_and_date_and_readers_see_them(client, editor):
    article = pasted_article()
    client.force_login(editor)
    response = save(
        client, article, outlet="Riverton Herald", url="https://herald.example/libraries", published_on="2026-03-03"
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert (article.outlet, article.url, article.published_on) == (
        "Riverton Herald",
        "https://herald.example/libraries",
        date(2026, 3, 3),
    )
    public = client.get(article.get_absolute_url()).content.decode()
    assert "Riverton Herald" in public
    assert 'href="https://herald.example/libraries"' in public
    assert "3 March 2026" in public


def test_a_corrected_date_and_address_reach_the_claims_said_in_the_article(client, editor):
    article = pasted_article()
    claim = article.claims.get()
    client.force_login(editor)
    response = save(client, article, follow=True, url="https://herald.example/libraries", published_on="2026-03-03")
    assert "The new date or address was given to 1 claim said in the article." in [
        str(message) for message in response.context["messages"]
    ]
    claim.refresh_from_db()
    assert claim.said_on == date(2026, 3, 3)
    assert claim.original_url == "https://herald.example/libraries"
    assert claim.history.first().history_change_reason == "The article's date or address corrected"
    assert claim.history.first().history_user == editor
    public = client.get(claim.get_absolute_url()).content.decode()
    assert "Said on" in public
    assert 'href="https://herald.example/libraries"' in public

    # A second correction of the date moves the claim again: it still carries the article's.
    save(client, article, published_on="2026-03-04")
    claim.refresh_from_db()
    assert claim.said_on == date(2026, 3, 4)


def test_a_claim_a_fact_checker_placed_elsewhere_keeps_its_own_date_and_address(client, editor):
    article = pasted_article()
    speech = baker.make(
        Claim,
        article=article,
        text="Libraries lend fewer books every year.",
        venue=Claim.Venue.SPEECH,
        said_on=date(2026, 2, 20),
        original_url="https://council.example/speech",
    )
    dated = baker.make(
        Claim, article=article, text="Heating costs doubled.", venue=Claim.Venue.ARTICLE, said_on=date(2026, 1, 9)
    )
    client.force_login(editor)
    save(client, article, url="https://herald.example/libraries", published_on="2026-03-03")
    speech.refresh_from_db()
    dated.refresh_from_db()
    assert (speech.said_on, speech.original_url) == (date(2026, 2, 20), "https://council.example/speech")
    assert dated.said_on == date(2026, 1, 9)
    assert dated.original_url == "https://herald.example/libraries"


def test_the_help_text_says_what_a_change_of_date_or_address_changes(client, editor):
    client.force_login(editor)
    page = client.get(change_url(pasted_article())).content.decode()
    assert "whose “said on” date is still the article's old date gets the new one too" in page
    assert "whose original web address is still the article's old one gets the new one too" in page


def test_the_text_and_dek_stay_as_imported(client, editor):
    article = pasted_article(dek="Three of five branches to shut.")
    client.force_login(editor)
    page = client.get(change_url(article))
    assert "body" not in page.context["adminform"].form.fields
    assert "dek" not in page.context["adminform"].form.fields
    client.post(change_url(article), {**form_data(page), "body": "Rewritten.", "dek": "Rewritten."})
    article.refresh_from_db()
    assert article.body == BODY
    assert article.dek == "Three of five branches to shut."


def test_no_section_promises_editing_the_text(client, editor):
    client.force_login(editor)
    page = client.get(change_url(pasted_article())).content.decode()
    assert "Edit the text" not in page
    assert "Plain text, as imported" in page
    assert 'name="body"' not in page


def test_a_headline_that_leaves_the_article_reading_the_same_is_saved(client, editor):
    article = pasted_article()
    client.force_login(editor)
    response = save(client, article, title="Council to close three of five libraries")
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.title == "Council to close three of five libraries"
    assert client.get(article.get_absolute_url()).status_code == 200, "its public address stays the same"


@pytest.mark.parametrize("headline", ["Advertisement", "Home › News › Libraries", "Council " * 40])
def test_a_headline_that_would_change_how_the_article_reads_is_refused(client, editor, headline):
    article = pasted_article()
    client.force_login(editor)
    response = save(client, article, title=headline)
    assert response.status_code == 200
    assert "would no longer read the article&#x27;s sentences the same way" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Council votes to close three libraries"


def test_fact_checkers_read_the_article_page_but_cannot_change_it(client, fact_checker):
    article = pasted_article()
    client.force_login(fact_checker)
    page = client.get(change_url(article))
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    client.post(change_url(article), {"outlet": "Somewhere", "title": article.title})
    article.refresh_from_db()
    assert article.outlet == ""


def test_a_claim_added_by_hand_is_said_when_and_where_the_article_reports_it(editor):
    article = pasted_article()
    article.published_on, article.url = date(2026, 3, 3), "https://herald.example/libraries"
    article.save()
    sentence = next(found.text for found in article.sentences() if found.text != CLAIM)
    claim = article.add_claim(sentence, by=editor)
    assert (claim.said_on, claim.venue, claim.original_url) == (
        date(2026, 3, 3),
        Claim.Venue.ARTICLE,
        "https://herald.example/libraries",
    )


def test_a_claim_cut_down_to_one_of_its_assertions_leaves_its_sentence_to_add_again_for_the_other(client, editor):
    """Splitting a claim: its sentence added again (to be cut to the other half) failed with a server error, the
    new claim taking the address the first kept from the same sentence."""
    article = pasted_article()
    first = article.claims.get()
    first.text = "Mayor Omar Haddad said the closures would save 2.4 million pounds a year."
    first.save()
    client.force_login(editor)
    response = client.post(reverse("admin:factcheck_article_add_claim", args=[article.pk]), {"sentence": CLAIM})
    second = article.claims.exclude(pk=first.pk).get()
    assert response.url == reverse("admin:factcheck_claim_change", args=[second.pk])
    assert second.text == CLAIM
    assert client.get(second.get_absolute_url()).status_code == 200
    assert client.get(first.get_absolute_url()).context["claim"] == first


def test_a_re_import_of_a_changed_file_keeps_the_details_an_editor_corrected(client, editor, tmp_path):
    from factcheck.importer import import_article

    path = tmp_path / "libraries.txt"
    path.write_text(f"Council votes to close three libraries\n\nMarch 2, 2026\n\n{BODY}\n", encoding="utf-8")
    assert import_article(path=path).outcome == "created"
    article = Article.objects.get()
    client.force_login(editor)
    response = save(client, article, title="Riverton council votes to close three libraries", published_on="2026-03-03")
    assert response.status_code == 302, response.context["adminform"].form.errors

    added = "The three libraries lent 410,000 books last year, the council's own figures show."
    path.write_text(f"Council votes to shut three libraries\n\nMarch 1, 2026\n\n{BODY}\n{added}\n", encoding="utf-8")
    assert import_article(path=path).outcome == "updated"
    article.refresh_from_db()
    assert article.title == "Riverton council votes to close three libraries"
    assert article.published_on == date(2026, 3, 3)
    assert added in article.body
    assert article.claims.filter(text=added).exists()


def test_a_re_import_refreshes_the_details_nobody_corrected(tmp_path, db):
    from factcheck.importer import import_article

    path = tmp_path / "libraries.txt"
    path.write_text(f"Council votes to close three libraries\n\nMarch 2, 2026\n\n{BODY}\n", encoding="utf-8")
    import_article(path=path)
    path.write_text(f"Council votes to shut three libraries\n\nMarch 1, 2026\n\n{BODY}\n", encoding="utf-8")
    import_article(path=path)
    article = Article.objects.get()
    assert (article.title, article.published_on) == ("Council votes to shut three libraries", date(2026, 3, 1))
