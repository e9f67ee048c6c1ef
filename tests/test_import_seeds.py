"""The two seed articles, imported end to end: the only tests that may name their strings."""

from pathlib import Path

import pytest
from django.conf import settings

from factcheck.importer import import_paths
from factcheck.models import Actor, Article, Claim

SEEDS = Path(settings.BASE_DIR) / "seeds"


@pytest.fixture
def seeds(db):
    summary = import_paths(paths=[SEEDS])
    assert (summary.created, summary.failed) == (2, 0)


def everything_imported():
    articles = " ".join(f"{a.title} {a.dek} {a.body}" for a in Article.objects.all())
    claims = " ".join(f"{c.text} {c.context}" for c in Claim.objects.all())
    actors = " ".join(f"{a.name} {a.description} {' '.join(a.aliases)}" for a in Actor.objects.all())
    return f"{articles} {claims} {actors}"


def test_seed_004s_job_advert_reaches_no_body_claim_or_actor(seeds):
    text = everything_imported()
    for advert in ("9994104160", "SBO", "WhatsApp", "Earn money online", "#OnlinePartTimeJob", "Instagram"):
        assert advert not in text
    article = Article.objects.get(source_file__endswith="004_68f54025cb7ec7c6.txt")
    removed = " ".join(item["text"] for item in article.removed_clutter)
    assert "9994104160" in removed
    assert "drop them in the comments" in removed
    assert "Caballero-Reynolds" in removed


def test_seed_000s_promo_lines_are_removed_and_kept_for_review(seeds):
    article = Article.objects.get(source_file__endswith="000_a2b3fd7628a78116.txt")
    assert article.title == "Trump Putin Ukraine Ceasefire: What Really Happened Behind the Scenes"
    assert not article.body.startswith(article.title)
    assert {item["rule"] for item in article.removed_clutter} == {"cross_link"}
    assert "Don't miss" not in article.body
    assert "• The Troop Cap: One of the most controversial parts" in article.body


def test_seed_actors_are_resolved_described_and_free_of_junk(seeds):
    assert Actor.objects.get(name="Matthew Whitaker").description == "U.S. Ambassador to NATO"
    zelenskyy = Actor.objects.filter(name__icontains="zelensk")
    assert zelenskyy.count() == 1
    assert "Zelenskyy" in zelenskyy.get().aliases
    assert Actor.objects.filter(name__in=["Donald Trump", "Vladimir Putin"]).count() == 2
    junk = ["Honestly", "Spoiler", "Picture", "The Troop Cap", "Key Actionable Insights", "Trump", "Putin", "While"]
    assert not Actor.objects.filter(name__in=junk).exists()


def test_seed_claims_are_ranked_and_attributed(seeds):
    impediment = Claim.objects.get(text__contains="main impediment")
    assert impediment.claimant.name == "Donald Trump"
    assert {"Donald Trump", "Volodymyr Zelenskyy"} <= {a.name for a in impediment.actors.all()}
    assert Claim.objects.get(text__startswith="Matthew Whitaker").claimant.name == "Matthew Whitaker"
    assert not Claim.objects.filter(text__startswith="Honestly").exists()
    assert not Claim.objects.filter(text__endswith="?").exists()
    assert list(Claim.objects.values_list("checkworthiness", flat=True)) == sorted(
        Claim.objects.values_list("checkworthiness", flat=True), reverse=True
    )


def test_importing_the_seeds_twice_changes_nothing(seeds):
    counts = (Article.objects.count(), Claim.objects.count(), Actor.objects.count())
    summary = import_paths(paths=[SEEDS])
    assert summary.unchanged == 2
    assert (Article.objects.count(), Claim.objects.count(), Actor.objects.count()) == counts
