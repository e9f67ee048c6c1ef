import pytest
from django.db import IntegrityError, transaction
from django.template.defaultfilters import truncatechars
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import timezone
from model_bakery import baker

from factcheck.models import Actor, Claim, StaleEditError, Verdict, slug_address
from factcheck.templatetags.desk import shorten


@pytest.fixture
def claim(db):
    return baker.make(Claim, text="Unemployment fell to 3.9% in March.", article=baker.make("factcheck.Article"))


def test_claim_gets_a_readable_unique_slug(claim):
    assert claim.slug.startswith("unemployment-fell-to-39-in-march-")


def test_same_sentence_cannot_be_stored_twice_for_one_article(claim):
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.create(text="unemployment  fell to 3.9% in March.", article=claim.article)


def test_a_claim_has_at_most_one_current_verdict(claim, fact_checker, editor):
    published = {"published_at": timezone.now(), "reviewer": editor, "rating": Verdict.Rating.TRUE, "is_current": True}
    baker.make(Verdict, claim=claim, author=fact_checker, **published)
    with pytest.raises(IntegrityError), transaction.atomic():
        baker.make(Verdict, claim=claim, author=fact_checker, **published)


def test_author_cannot_review_their_own_verdict_even_bypassing_python(claim, fact_checker):
    with pytest.raises(IntegrityError), transaction.atomic():
        baker.make(Verdict, claim=claim, author=fact_checker, reviewer=fact_checker)


def test_unpublished_verdict_cannot_be_current(claim, fact_checker):
    with pytest.raises(IntegrityError), transaction.atomic():
        baker.make(Verdict, claim=claim, author=fact_checker, is_current=True)


def test_second_of_two_concurrent_edits_is_refused(claim):
    first = Claim.objects.get(pk=claim.pk)
    second = Claim.objects.get(pk=claim.pk)
    first.context = "first editor's context"
    first.save()
    second.context = "second editor's context"
    with pytest.raises(StaleEditError, match="changed by someone else"):
        second.save()
    assert Claim.objects.get(pk=claim.pk).context == "first editor's context"


def test_rating_maps_to_claimreview_numbers():
    assert Verdict(rating=Verdict.Rating.FALSE).rating_value == 1
    assert Verdict(rating=Verdict.Rating.TRUE).rating_value == 5
    assert Verdict(rating="").rating_value is None


def test_actor_alias_is_recorded_once(db):
    actor = Actor(name="Volodymyr Zelenskyy")
    assert actor.add_alias("Zelenskyy")
    assert not actor.add_alias("zelenskyy")
    assert not actor.add_alias("Volodymyr Zelenskyy")
    assert actor.aliases == ["Zelenskyy"]


@pytest.mark.parametrize(
    ("model", "viewname"),
    [
        (Claim, "factcheck:claim_detail"),
        (Actor, "factcheck:actor_detail"),
        ("factcheck.Article", "factcheck:article_detail"),
    ],
)
def test_addresses_are_the_ones_reverse_gives(db, model, viewname):
    thing = baker.make(model, slug="unemployment-fell_39")
    assert thing.get_absolute_url() == reverse(viewname, kwargs={"slug": "unemployment-fell_39"})


def test_addresses_follow_the_script_prefix(db):
    claim = baker.make(Claim, slug="crime-rose")
    set_script_prefix("/desk/")
    try:
        assert claim.get_absolute_url() == "/desk/claims/crime-rose/"
    finally:
        set_script_prefix("/")
    assert claim.get_absolute_url() == "/claims/crime-rose/"


def test_a_slug_no_address_can_hold_is_refused_as_reverse_refuses_it(db):
    with pytest.raises(NoReverseMatch):
        slug_address("factcheck:claim_detail", "not/a slug")


def test_shorten_cuts_a_long_text_as_truncatechars_does():
    long_text = "Unemployment fell " * 20
    assert shorten(long_text, 100) == truncatechars(long_text, 100)
    assert shorten("Crime rose.", 100) == "Crime rose."
