"""Article pages: outlet, date, link to the original and the claims in context, never the body."""

import pytest
from django.urls import reverse

from tests.public_factories import make_actor, make_article, make_claim, publish


@pytest.fixture
def article(db, fact_checker, editor):
    article = make_article(
        title="Budget debate",
        outlet="The Daily Record",
        url="https://news.example.org/budget",
        body="THE WHOLE ARTICLE BODY that we never republish.",
    )
    claim = make_claim(text="Taxes are the highest ever.", article=article, claimant=make_actor(name="Jane Minister"))
    publish(claim, author=fact_checker, reviewer=editor)
    make_claim(text="Rents rose 40 percent.", article=article)
    return article


def test_the_article_page_shows_its_claims_in_context_but_not_its_body(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Budget debate" in page
    assert "The Daily Record" in page
    assert 'href="https://news.example.org/budget"' in page
    assert "Taxes are the highest ever." in page
    assert "Speaking on Tuesday, the speaker said: Rents rose 40 percent." in page
    assert "Jane Minister" in page
    assert "THE WHOLE ARTICLE BODY" not in page


def test_the_article_list_shows_articles_with_claim_counts(client, article):
    page = client.get(reverse("factcheck:article_list")).content.decode()
    assert "Budget debate" in page
    assert "2 claims" in page
    assert "THE WHOLE ARTICLE BODY" not in page


def test_an_unknown_article_is_404(client, db):
    assert client.get("/articles/nothing-here/").status_code == 404


@pytest.mark.parametrize("rows", [3, 30])
def test_article_pages_run_a_fixed_number_of_queries(client, db, django_assert_max_num_queries, rows):
    article = make_article()
    for _ in range(rows):
        make_claim(article=article, claimant=make_actor())
        make_article()
    with django_assert_max_num_queries(2):
        client.get(article.get_absolute_url())
    with django_assert_max_num_queries(2):
        client.get(reverse("factcheck:article_list"))


def test_an_article_without_outlet_or_date_has_no_stray_separator(client, db):
    from tests.public_factories import make_article, make_claim

    article = make_article(title="Untitled wire copy", outlet="", published_on=None)
    make_claim(article=article)
    page = client.get("/articles/").content.decode()
    meta = page.split("Untitled wire copy")[1].split("</p>")[0]
    assert meta.endswith('<p class="meta">1 claim')
