import threading

import pytest
from django.db import connection
from django.utils import timezone
from model_bakery import baker

from factcheck.importer import (
    MAX_FILE_BYTES,
    ActorCache,
    StatedDetails,
    find_actor,
    import_article,
    import_paths,
    import_text,
)
from factcheck.models import Actor, Article, Claim, Verdict

ARTICLE = """Council approves $212 million budget

Riverton City Council voted 5-4 early Tuesday to approve a $212 million budget for next year.

Mayor Linda Okonkwo said the city had closed a $9 million deficit without laying off a single employee.

Advertisement

"Violent crime in Riverton fell 18% last year," Okonkwo said.

Honestly, nobody left happy.
"""


def database_state():
    return (
        list(Article.objects.values_list("id", "title", "body", "content_hash", "updated_at")),
        list(Claim.objects.values_list("id", "text", "status", "checkworthiness", "claimant_id", "version")),
        list(Actor.objects.values_list("id", "name", "aliases", "description", "updated_at")),
    )


def council_story(folder, name, claims):
    """A file with `claims` check-worthy sentences, each attributed to one of the same three people."""
    cast = ["Linda Okonkwo", "Jorge Alvarez", "Dana Whitfield"]
    paragraphs = [
        f"Mayor {cast[i % 3]} said taxes rose {i}.5% in 20{10 + i}, and {i + 1}00 jobs were cut." for i in range(claims)
    ]
    path = folder / f"{name}.txt"
    path.write_text(f"Budget story {name}\n\n" + "\n\n".join(paragraphs) + "\n")
    return path


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "council.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_importing_creates_the_article_its_claims_and_its_actors(db, article_file):
    result = import_article(path=article_file)
    assert result.outcome == "created"
    article = Article.objects.get()
    assert article.title == "Council approves $212 million budget"
    assert "Advertisement" not in article.body
    assert {"rule": "advertisement", "text": "Advertisement"} in article.removed_clutter
    crime = Claim.objects.get(text__startswith='"Violent crime')
    assert crime.claimant.name == "Linda Okonkwo"
    assert crime.status == Claim.Status.NEW
    assert crime.context.startswith('"Violent crime')
    assert 0 < crime.checkworthiness <= 1
    assert not Claim.objects.filter(text__startswith="Honestly").exists()
    assert Actor.objects.get(name="Linda Okonkwo").description == "Mayor"


def test_characters_that_would_turn_the_site_around_are_left_out_of_what_is_imported(db, tmp_path):
    text = ARTICLE.replace("Council", "\u202eCouncil", 1).replace("Linda", "\u202eLinda")
    import_text(text=text, source="pasted", stated=StatedDetails(outlet="Riverton \u2066Daily"))
    article = Article.objects.get()
    assert (article.title, article.outlet) == ("Council approves $212 million budget", "Riverton Daily")
    assert Actor.objects.filter(name="Linda Okonkwo").exists()
    assert not any("\u202e" in text for text in Claim.objects.values_list("text", flat=True))


def test_reimport_changes_nothing(db, article_file):
    import_article(path=article_file)
    before = database_state()
    result = import_article(path=article_file)
    assert result.outcome == "unchanged"
    assert database_state() == before


def test_the_same_text_under_another_path_is_not_imported_twice(db, article_file, tmp_path):
    import_article(path=article_file)
    copy = tmp_path / "copy.txt"
    copy.write_bytes(article_file.read_bytes())
    assert import_article(path=copy).outcome == "unchanged"
    assert Article.objects.count() == 1


def test_a_changed_file_updates_the_article_and_adds_claims_without_touching_editors_work(
    db, article_file, fact_checker, editor
):
    import_article(path=article_file)
    edited = Claim.objects.get(text__startswith="Riverton City Council")
    edited.text = "Riverton City Council voted 5-4 to approve a $212m budget (edited)."
    edited.status = Claim.Status.PUBLISHED
    edited.save()
    verdict = baker.make(
        Verdict, claim=edited, author=fact_checker, reviewer=editor, rating="true", published_at=timezone.now()
    )
    actor = Actor.objects.get(name="Linda Okonkwo")
    actor.description = "Mayor of Riverton since 2022"
    actor.save()

    article_file.write_text(ARTICLE + "\nProperty taxes rose 3.5% in 2025, the city clerk said.\n", encoding="utf-8")
    result = import_article(path=article_file)

    assert result.outcome == "updated"
    assert result.claims_created == 1  # the new sentence; not the original of the one the editor reworded
    assert "Property taxes rose 3.5%" in Article.objects.get().body
    assert Claim.objects.filter(text__startswith="Property taxes rose").exists()
    edited.refresh_from_db()
    assert edited.text.endswith("(edited).")
    assert edited.status == Claim.Status.PUBLISHED
    assert Verdict.objects.get() == verdict
    assert Actor.objects.get(name="Linda Okonkwo").description == "Mayor of Riverton since 2022"
    assert Article.objects.count() == 1
    assert Actor.objects.filter(name__contains="Okonkwo").count() == 1


def test_actors_merge_by_name_or_alias_across_articles(db, tmp_path):
    Actor.objects.create(name="Volodymyr Zelenskyy", kind="person", aliases=["Zelensky"])
    (tmp_path / "a.txt").write_text("Talks stall\n\nZelensky said 20% of Ukraine was occupied in 2025.\n")
    (tmp_path / "b.txt").write_text("Talks resume\n\nVolodymyr Zelenskyy said 600,000 troops were enough in 2026.\n")
    summary = import_paths(paths=[tmp_path])
    assert summary.created == 2
    zelenskyy = Actor.objects.get(name="Volodymyr Zelenskyy")
    assert Actor.objects.filter(name__icontains="zelensk").count() == 1
    assert "Zelenskyy" in zelenskyy.aliases
    assert Claim.objects.filter(claimant=zelenskyy).count() == 2


def test_finding_an_actor_ignores_case_and_non_ascii_aliases(db):
    actor = Actor.objects.create(name="Emmanuel Macron", aliases=["Président Macron"])
    assert find_actor(["emmanuel macron"]) == actor
    assert find_actor(["Président Macron"]) == actor
    assert find_actor(["Macron the Younger"]) is None


def test_an_actor_whose_slug_is_taken_gets_a_unique_one(db, tmp_path):
    Actor.objects.create(name="Elysee Group")
    (tmp_path / "a.txt").write_text("Deal\n\nThe \u00c9lys\u00e9e Group said profits rose 12% in 2025.\n")
    import_paths(paths=[tmp_path])
    assert Actor.objects.get(name="\u00c9lys\u00e9e Group").slug != Actor.objects.get(name="Elysee Group").slug


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n  ", "blank"),
        (b"Title\x00\x01\x02binary", "binary file"),
        (b"Caf\xe9 au lait\n\nPrices rose 5%.", "not UTF-8 text"),
        (b"Advertisement\n\n#one #two\n", "no title"),
        (b"Council approves new budget\n", "no article text below the title"),
        (b"Council approves new budget\n\nAdvertisement\n\nShare this article\n", "no article text below the title"),
        (b"x" * (MAX_FILE_BYTES + 1), "too large"),
    ],
    ids=["empty", "blank", "binary", "undecodable", "no-title", "headline-only", "headline-and-clutter", "too-large"],
)
def test_a_bad_file_fails_with_a_reason_and_leaves_the_database_as_it_was(db, tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    before = database_state()
    result = import_article(path=path)
    assert result.outcome == "failed"
    assert reason in result.reason
    assert database_state() == before


def test_missing_and_unreadable_files_fail_with_a_reason(db, tmp_path):
    assert import_article(path=tmp_path / "nope.txt").reason == "no such file"
    locked = tmp_path / "locked.txt"
    locked.write_text("Title\n\nBody 5%.")
    locked.chmod(0)
    try:
        result = import_article(path=locked)
        assert result.outcome == "failed" or locked.read_text()  # root can read anything
    finally:
        locked.chmod(0o644)


def test_other_files_still_import_when_one_fails(db, tmp_path, article_file):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00")
    summary = import_paths(paths=[tmp_path])
    assert (summary.created, summary.failed) == (1, 1)
    assert Article.objects.count() == 1


def test_a_dry_run_reports_what_it_would_create_and_writes_nothing(db, article_file):
    result = import_article(path=article_file, dry_run=True)
    assert result.outcome == "created"
    assert result.claims_created >= 2
    assert "Linda Okonkwo" in result.actors_created
    assert database_state() == ([], [], [])


def test_import_records_history_for_every_created_claim(db, tmp_path):
    import_article(path=council_story(tmp_path, "budget", 5))
    claims = Claim.objects.all()
    assert claims.count() == 5
    history = Claim.history.filter(history_type="+")
    assert sorted(history.values_list("id", "slug", "fingerprint", "text")) == sorted(
        claims.values_list("id", "slug", "fingerprint", "text")
    )


def test_imported_claims_name_their_claimant_and_link_the_actors_they_mention(db, tmp_path):
    import_article(path=council_story(tmp_path, "budget", 3))
    claim = Claim.objects.get(text__contains="Jorge Alvarez")
    assert claim.claimant.name == "Jorge Alvarez"
    assert list(claim.actors.values_list("name", flat=True)) == ["Jorge Alvarez"]


def test_a_new_articles_claims_are_saved_in_a_fixed_number_of_queries(db, tmp_path, django_assert_max_num_queries):
    actor_cache = ActorCache()
    import_article(path=council_story(tmp_path, "first", 3), actor_cache=actor_cache)  # meets the three people
    for name, claims in [("short", 2), ("long", 12)]:
        # 10, and three for claim matching: whether the index of checked claims is current, the claims
        # checked since it was made (none here, so nothing is matched), and the new claims' embeddings.
        with django_assert_max_num_queries(13):
            result = import_article(path=council_story(tmp_path, name, claims), actor_cache=actor_cache)
        assert (result.outcome, result.claims_created) == ("created", claims)


def test_a_claim_whose_slug_an_editor_kept_gets_another(db, tmp_path):
    path = council_story(tmp_path, "budget", 2)
    import_article(path=path)
    kept = Claim.objects.get(position=0)
    kept.text = "Reworded by an editor, slug kept."
    kept.save()
    path.write_text(path.read_text() + "\nA new sentence: unemployment fell 2% in 2024, the clerk said.\n")
    original_slug = kept.slug
    Claim.history.filter(id=kept.pk).delete()  # pruned: the importer no longer knows the original sentence
    import_article(path=path)
    reimported = Claim.objects.exclude(pk=kept.pk).get(position=0)
    assert reimported.slug != original_slug
    assert Claim.objects.get(pk=kept.pk).slug == original_slug


def test_a_dry_run_forgets_the_actors_it_did_not_save(db, tmp_path):
    council_story(tmp_path, "a", 3)
    council_story(tmp_path, "b", 3)
    seen = []
    import_paths(paths=[tmp_path], dry_run=True, on_result=seen.append)
    assert [sorted(result.actors_created) for result in seen] == [
        ["Dana Whitfield", "Jorge Alvarez", "Linda Okonkwo"]
    ] * 2
    assert database_state() == ([], [], [])


@pytest.mark.django_db(transaction=True)
def test_an_actor_merged_away_during_a_run_is_looked_up_again(tmp_path, editor):
    actor_cache = ActorCache()
    import_article(path=council_story(tmp_path, "a", 3), actor_cache=actor_cache)
    keeper = Actor.objects.create(name="Linda O. Okonkwo")
    keeper.merge([Actor.objects.get(name="Linda Okonkwo")], by=editor)

    result = import_article(path=council_story(tmp_path, "b", 3), actor_cache=actor_cache)

    assert result.outcome == "created"
    assert not Actor.objects.filter(name="Linda Okonkwo").exists()
    assert Claim.objects.filter(article__source_file__endswith="b.txt", claimant=keeper).count() == 1


def test_folders_import_their_text_files_recursively_in_order(db, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second\n\nExports rose 5% in 2025, officials said.\n")
    (tmp_path / "one.txt").write_text("First\n\nImports fell 3% in 2025, officials said.\n")
    (tmp_path / "notes.md").write_text("Not an article")
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nNo.")
    seen = []
    import_paths(paths=[tmp_path], on_result=seen.append)
    assert [result.title for result in seen] == ["First", "Second"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_imports_of_overlapping_files_duplicate_nothing(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's concurrent transactions")
    cast = ["Linda Okonkwo", "Jorge Alvarez", "Dana Whitfield", "Priya Raman", "Tom Brewer", "Mark Delaney"]
    files = []
    for number in range(8):
        speakers = [cast[(number + shift) % len(cast)] for shift in range(3)]
        text = f"Budget story {number}\n\n" + "\n\n".join(
            f"Mayor {name} said taxes rose {number + i}.5% in 202{i}, and 1{i}0 jobs were cut."
            for i, name in enumerate(speakers)
        )
        path = tmp_path / f"{number}.txt"
        path.write_text(text)
        files.append(path)
    barrier = threading.Barrier(2)
    summaries = []

    def run(paths):
        try:
            barrier.wait()
            summaries.append(import_paths(paths=paths))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(files[:6],)), threading.Thread(target=run, args=(files[2:],))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sum(summary.failed for summary in summaries) == 0
    assert sum(summary.created for summary in summaries) == 8
    assert Article.objects.count() == 8
    assert Actor.objects.count() == len(cast)
    names = [name for actor in Actor.objects.all() for name in actor.all_names_folded()]
    assert len(names) == len(set(names))
    assert Claim.objects.count() == 24
    assert Claim.objects.values("article", "fingerprint").distinct().count() == 24


def test_imported_claims_were_said_when_and_where_their_article_reports(db, tmp_path):
    path = tmp_path / "dated.txt"
    path.write_text(ARTICLE.replace("\n\n", "\n\nPublished March 3, 2026\n\n", 1), encoding="utf-8")
    import_article(path=path)
    article = Article.objects.get()
    assert str(article.published_on) == "2026-03-03"
    claims = Claim.objects.all()
    assert claims
    assert {(str(claim.said_on), claim.venue, claim.original_url) for claim in claims} == {
        ("2026-03-03", Claim.Venue.ARTICLE, "")
    }


def test_new_claims_of_a_changed_article_take_its_original_address(db, article_file, editor):
    import_article(path=article_file)
    Article.objects.update(url="https://riverton.example/council-budget")
    article_file.write_text(ARTICLE + "\nProperty taxes rose 3.5% in 2025, the city clerk said.\n", encoding="utf-8")
    import_article(path=article_file)
    added = Claim.objects.get(text__startswith="Property taxes rose")
    assert added.original_url == "https://riverton.example/council-budget"
    assert added.said_on is None  # the article gives no date
    older = Claim.objects.exclude(pk=added.pk)
    assert set(older.values_list("original_url", flat=True)) == {""}  # claims already there are never rewritten


def test_a_person_named_by_surname_alone_is_not_another_articles_person_of_that_surname(db, tmp_path):
    (tmp_path / "a.txt").write_text(
        "Gut study\n\nWendy Garrett, a microbiologist, said 40% of the cells responded. Garrett said more was needed.\n"
    )
    (tmp_path / "b.txt").write_text("Brawl\n\nMr. Garrett said he was fined $45,000 after the game on Thursday.\n")
    import_paths(paths=[tmp_path / "a.txt"])
    import_paths(paths=[tmp_path / "b.txt"])
    wendy = Actor.objects.get(name="Wendy Garrett")
    fined = Claim.objects.get(text__contains="$45,000")
    assert fined.claimant != wendy
    assert Claim.objects.filter(claimant=wendy).count() >= 1
