from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from model_bakery import baker

from factcheck.demo_data import clear_demo_archive, generate_demo_archive
from factcheck.models import Actor, Article, Claim, Source, Verdict


@pytest.fixture
def archive(db):
    generate_demo_archive(claims=400, seed=3)


def test_claims_in_every_status_are_generated(archive):
    # Repeats of published claims are made by matching (factcheck.repeats), not generated.
    assert set(Claim.objects.values_list("status", flat=True)) == set(Claim.Status.values) - {Claim.Status.REPEAT}
    assert 300 < Claim.objects.count() < 500


def test_every_published_claim_has_one_current_verdict_by_someone_else(archive):
    published = Claim.objects.published()
    current = Verdict.objects.current()
    assert current.count() == published.count()
    assert set(current.values_list("claim", flat=True)) == set(published.values_list("pk", flat=True))
    for verdict in current.select_related("claim"):
        assert verdict.reviewer_id != verdict.author_id
        assert verdict.rating
        assert verdict.summary
        assert verdict.explanation
        assert verdict.author_id == verdict.claim.assignee_id
    assert Source.objects.filter(verdict__is_current=True).values("verdict").distinct().count() == current.count()


def test_drafts_in_review_are_complete_and_can_be_published(archive, editor):
    draft = Verdict.objects.get(claim=Claim.objects.filter(status=Claim.Status.IN_REVIEW).first())
    assert draft.missing_parts() == []
    draft.publish(by=editor)
    assert Claim.objects.get(pk=draft.claim_id).current_verdict() == draft


def test_every_demo_fact_check_credits_people_by_name(archive):
    for verdict in Verdict.objects.current().select_related("author", "reviewer", "corrects")[:50]:
        for role, names in verdict.credits():
            assert names, role
            assert all(name and " " in name for name in names), names


def test_corrections_replace_an_older_published_version(archive):
    corrections = Verdict.objects.corrections().select_related("corrects")
    assert corrections.exists()
    for correction in corrections:
        assert correction.is_current
        assert correction.correction_note
        assert not correction.corrects.is_current
        assert correction.corrects.claim_id == correction.claim_id
        assert correction.corrects.published_at < correction.published_at


def test_claims_carry_what_save_would_have_computed(archive):
    claim = Claim.objects.order_by("?").first()
    stored_slug, stored_fingerprint = claim.slug, claim.fingerprint
    claim.slug = ""
    claim.save()
    assert (claim.slug, claim.fingerprint) == (stored_slug, stored_fingerprint)
    assert not Claim.objects.filter(status=Claim.Status.DISMISSED, dismissal_reason="").exists()
    assert not Claim.objects.exclude(status=Claim.Status.NEW).filter(assignee=None).exists()


def test_actors_of_every_kind_have_aliases(archive):
    kinds = set(Actor.objects.exclude(aliases=[]).values_list("kind", flat=True))
    assert {Actor.Kind.PERSON, Actor.Kind.ORGANIZATION, Actor.Kind.COUNTRY} <= kinds
    assert Claim.objects.filter(actors__isnull=False).exists()


def test_nothing_is_published_in_the_future(archive):
    assert not Verdict.objects.filter(published_at__gt=datetime(2026, 11, 20, tzinfo=UTC)).exists()
    assert not Claim.objects.filter(created_at__gt=datetime(2026, 11, 20, tzinfo=UTC)).exists()


def test_archive_spans_dates_and_outlets(archive):
    assert Article.objects.values("outlet").distinct().count() > 5
    assert Article.objects.dates("published_on", "year").count() >= 2
    assert Claim.objects.dates("created_at", "month").count() > 6


def test_same_seed_gives_the_same_archive(db):
    # Slugs hash the article's id, which a second run on the same database
    # does not reuse; everything a reader sees must repeat.
    def snapshot():
        fields = ["article__source_file", "position", "text", "status", "checkworthiness", "claimant__name"]
        ratings = Verdict.objects.order_by("claim__article__source_file", "claim__position", "published_at")
        return (
            list(Claim.objects.order_by("article__source_file", "position").values_list(*fields)),
            list(ratings.values_list("rating", "published_at")),
        )

    generate_demo_archive(claims=200, seed=11)
    first = snapshot()
    clear_demo_archive()
    generate_demo_archive(claims=200, seed=11)
    assert snapshot() == first
    clear_demo_archive()
    generate_demo_archive(claims=200, seed=12)
    assert snapshot() != first


def test_clear_removes_demo_rows_and_keeps_imported_ones(archive):
    imported = baker.make(Claim, text="Unemployment fell to 3.9% in March.", article=baker.make(Article))
    clear_demo_archive()
    assert list(Claim.objects.all()) == [imported]
    assert not Verdict.objects.exists()
    assert not Source.objects.exists()
    assert list(Article.objects.all()) == [imported.article]


def test_command_refuses_to_add_a_second_archive_without_clear(archive):
    with pytest.raises(CommandError, match="--clear"):
        call_command("generate_demo_data", claims=50)
    call_command("generate_demo_data", claims=50, clear=True)
    assert Claim.objects.count() < 100
