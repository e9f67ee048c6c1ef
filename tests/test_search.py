"""Claim search: the same behaviour on SQLite (FTS5) and PostgreSQL (full text), over the claim's own words."""

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


def test_a_word_only_in_the_paragraph_around_a_claim_does_not_find_it(claims):
    """Searching "coal" must not list a claim about renewables whose paragraph mentions coal."""
    article = claims["crime"].article
    renewables = Claim.objects.create(
        article=article,
        text="Renewables now supply half of the country's electricity.",
        context="The last coal plant closed in May. Renewables now supply half of the country's electricity.",
    )
    coal = Claim.objects.create(article=article, text="Coal still heats a third of homes.", context="")
    assert list(Claim.objects.search("coal")) == [coal]
    assert list(Claim.objects.search("renewables")) == [renewables]
    assert not Claim.objects.search("police").exists()


def test_search_ignores_case_and_extra_spaces(claims):
    assert list(Claim.objects.search("  BUDGET   ")) == [claims["deficit"]]


def test_search_ignores_accents_either_way(claims):
    """Readers type a name without its accents ("Erdogan"), or with accents the article left out."""
    article = claims["crime"].article
    accented = Claim.objects.create(article=article, text="Erdoğan said inflation would halve.", context="")
    plain = Claim.objects.create(article=article, text="Zoe Muller promised cheaper trains.", context="")
    assert list(Claim.objects.search("erdogan inflation")) == [accented]
    assert list(Claim.objects.search("ERDOĞAN")) == [accented]
    assert list(Claim.objects.search("Zoë Müller")) == [plain]
    assert list(Claim.objects.search('"zoë muller" -erdogan')) == [plain]


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
def test_the_paragraph_ranks_a_match_higher_on_postgresql(claims):
    article = claims["crime"].article
    plain = Claim.objects.create(
        article=article, text="Coal imports fell.", context="Trade figures.", checkworthiness=0.9
    )
    backed = Claim.objects.create(
        article=article, text="Coal exports rose.", context="Coal shipments from the port doubled.", checkworthiness=0.1
    )
    assert list(Claim.objects.search("coal")) == [backed, plain]


@on_postgresql
@pytest.mark.postgres
def test_search_has_its_gin_indexes_on_stored_documents_on_postgresql(db):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Claim._meta.db_table)
    assert constraints["claim_search_document_idx"]["type"] == "gin"
    assert constraints["claim_search_document_idx"]["columns"] == ["search_document"]
    assert constraints["claim_text_document_idx"]["type"] == "gin"
    assert constraints["claim_text_document_idx"]["columns"] == ["text_document"]


def test_the_search_index_follows_edits_and_deletions(claims):
    claims["crime"].text = "Burglary rose in the capital last year."
    claims["crime"].context = "Figures from the interior ministry."
    claims["crime"].save()
    assert not Claim.objects.search("police").exists()
    assert list(Claim.objects.search("burglary")) == [claims["crime"]]
    claims["crime"].delete()
    assert not Claim.objects.search("burglary").exists()


def test_claims_written_in_bulk_are_searchable(claims):
    article = claims["crime"].article
    Claim.objects.bulk_create([Claim(article=article, text="Tuition fees tripled.", fingerprint="f", slug="fees")])
    assert Claim.objects.search("tuition").count() == 1


def test_search_takes_web_search_syntax_on_every_database(claims):
    assert list(Claim.objects.search("unemployment -crime")) == [claims["unemployment"]]
    assert set(Claim.objects.search("capital or budget")) == {claims["crime"], claims["deficit"]}
    assert list(Claim.objects.search("capital -police")) == [claims["crime"]]  # excluded words: the claim's own
    assert list(Claim.objects.search('"budget deficit"')) == [claims["deficit"]]
    assert not Claim.objects.search('"deficit budget"').exists()
    assert list(Claim.objects.search("doubling")) == [claims["deficit"]]  # stemmed


def test_many_matches_are_listed_in_the_lists_order_not_ranked(client, claims, monkeypatch):
    monkeypatch.setattr("factcheck.filters.COMMON_MATCHES", 1)
    Claim.objects.filter(pk=claims["deficit"].pk).update(text="Crime doubled.", checkworthiness=0.9)
    response = client.get("/claims/", {"q": "crime"})
    shown = [row.record.pk for row in response.context["table"].page.object_list]
    assert shown == [claims["deficit"].pk, claims["crime"].pk]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's")
def test_the_fts5_index_is_rebuilt_when_a_migration_drops_its_triggers(claims):
    from factcheck.search import FTS_TABLE, ensure_sqlite_search_index

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TRIGGER {FTS_TABLE}_insert")
        cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('delete-all')")
    assert not Claim.objects.search("capital").exists()
    assert ensure_sqlite_search_index(connection) is True
    assert list(Claim.objects.search("capital")) == [claims["crime"]]
    assert ensure_sqlite_search_index(connection) is False


@pytest.mark.parametrize(
    ("typed", "wanted", "unwanted"),
    [
        ("crime", 'text : (("crime"))', ""),
        ("crime rate", 'text : (("crime") AND ("rate"))', ""),
        ('"crime rate" -police', 'text : (("crime rate"))', 'text : ("police")'),
        ("crime or theft", 'text : (("crime" OR "theft"))', ""),
        ("3.9% NEAR(x)", 'text : (("3 9") AND ("NEAR x"))', ""),
        ('"unterminated', 'text : (("unterminated"))', ""),
        ("- or * ^", "", ""),
    ],
)
def test_typed_searches_become_quoted_fts5_queries(typed, wanted, unwanted):
    from factcheck.search import fts5_query

    assert fts5_query(typed) == (wanted, unwanted)
