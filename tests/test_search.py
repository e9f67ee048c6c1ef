"""Claim search: the same behaviour on SQLite (substring) and PostgreSQL (full text)."""

import pytest
from django.db import connection
from model_bakery import baker

from factcheck.models import Article, Claim

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL only")


@pytest.fixture
def claims(db):
    article = baker.make(Article)
    return {
        "unemployment": Claim.objects.create(
            article=article, text="Unemployment fell to 3.9% in March.", context="The minister spoke on radio."
        ),
        "crime": Claim.objects.create(
            article=article,
            text="Crime rose in the capital last year.",
            context="Police figures were published in June.",
        ),
        "deficit": Claim.objects.create(
            article=article, text="The budget deficit doubled since 2019.", context="The chancellor was interviewed."
        ),
    }


def test_search_finds_claims_by_a_word_in_their_text(claims):
    assert list(Claim.objects.search("unemployment")) == [claims["unemployment"]]


def test_search_finds_claims_by_a_word_in_their_context(claims):
    assert list(Claim.objects.search("police")) == [claims["crime"]]


def test_search_ignores_case_and_extra_spaces(claims):
    assert list(Claim.objects.search("  BUDGET   ")) == [claims["deficit"]]


def test_blank_search_returns_every_claim(claims):
    assert Claim.objects.search("").count() == 3
    assert Claim.objects.search(" \t ").count() == 3


def test_search_without_a_match_returns_nothing(claims):
    assert not Claim.objects.search("vaccination").exists()


@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE factcheck_claim; --",
        '"unterminated',
        "crime' OR 'x'='x",
        "!!! && || :* ( ) <->",
        "\\",
        "-",
    ],
)
def test_search_syntax_in_the_query_is_harmless(claims, text):
    assert not Claim.objects.search(text).exclude(pk=claims["crime"].pk).exists()
    assert Claim.objects.count() == 3


def test_search_combines_with_other_filters(claims):
    Claim.objects.filter(pk=claims["crime"].pk).update(status=Claim.Status.PUBLISHED)
    assert list(Claim.objects.published().search("crime").with_current_verdict()) == [claims["crime"]]
    assert not Claim.objects.published().search("budget").exists()


@on_postgresql
@pytest.mark.postgres
def test_search_matches_other_forms_of_a_word_on_postgresql(claims):
    assert list(Claim.objects.search("doubling")) == [claims["deficit"]]
    assert list(Claim.objects.search("unemployment -crime")) == [claims["unemployment"]]


@on_postgresql
@pytest.mark.postgres
def test_best_match_comes_first_on_postgresql(claims):
    article = claims["crime"].article
    strong = Claim.objects.create(
        article=article, text="Crime, crime and more crime: the crime rate doubled.", checkworthiness=0.1
    )
    claims["crime"].checkworthiness = 0.9
    claims["crime"].save()
    assert list(Claim.objects.search("crime")) == [strong, claims["crime"]]


@on_postgresql
@pytest.mark.postgres
def test_search_has_its_gin_index_on_a_stored_document_on_postgresql(db):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Claim._meta.db_table)
    assert constraints["claim_search_document_idx"]["type"] == "gin"
    assert constraints["claim_search_document_idx"]["columns"] == ["search_document"]
