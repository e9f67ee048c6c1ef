"""Repeats in the desk: linked on import, decided in the admin, shown to readers, searchable."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from factcheck import matching
from factcheck.claimreview import claim_review
from factcheck.importer import import_article, import_paths
from factcheck.matching import ClaimIndex
from factcheck.models import Claim, ClaimEmbedding, ClaimMatch, Verdict
from factcheck.repeats import desk_claims, link_claims, match_unchecked_claims, published_claims
from tests.public_factories import archived_wording, make_actor, make_article, make_claim, publish
from tests.test_views_claims import read_csv

CHICAGO = "There were 600 murders in Chicago last year, the police chief said."
SEARCH = reverse("factcheck:claim_search_api")


@pytest.fixture
def checked(fact_checker, editor):
    """A published fact-check: rated False."""
    claim = make_claim(text=CHICAGO, claimant=make_actor(name="Pat Quinn"))
    publish(claim, author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE)
    return claim


def article_saying(tmp_path, name: str, sentence: str):
    path = tmp_path / f"{name}.txt"
    path.write_text(f"Crime figures row {name}\n\nSenator Jo Reyes spoke on Monday.\n\n“{sentence}” Reyes said.\n")
    return path


def imported_claim(tmp_path, name: str, sentence: str) -> Claim:
    result = import_article(path=article_saying(tmp_path, name, sentence))
    assert result.outcome == "created", result
    return Claim.objects.get(article__title__endswith=name, text__icontains=sentence.split()[2])


def test_a_repeat_of_a_published_claim_is_linked_on_import_as_already_checked(checked, tmp_path):
    claim = imported_claim(tmp_path, "a", "There were 600 murders in Chicago last year.")
    link = ClaimMatch.objects.get(claim=claim)
    assert link.original == checked
    assert link.state == ClaimMatch.State.LINKED
    assert link.original_summary().startswith("rated False on ")


@pytest.mark.parametrize(
    "sentence",
    [
        "There were 6 murders in Chicago last year.",
        "There were 600 murders in Houston last year.",
        "There were not 600 murders in Chicago last year.",
    ],
)
def test_a_near_miss_is_never_linked_as_already_checked(checked, tmp_path, sentence):
    imported_claim(tmp_path, "b", sentence)
    assert not ClaimMatch.objects.filter(state=ClaimMatch.State.LINKED).exists()


def test_an_unrelated_claim_gets_no_link(checked, tmp_path):
    imported_claim(tmp_path, "c", "Bus fares in Leeds rose by 12% in April.")
    assert not ClaimMatch.objects.exists()


def test_an_imported_claim_keeps_its_embedding_for_when_it_is_checked(checked, tmp_path):
    claim = imported_claim(tmp_path, "e", "Bus fares in Leeds rose by 12% in April.")
    stored = ClaimEmbedding.objects.get(claim=claim)
    assert stored.digest == ClaimEmbedding.digest_of(claim.text)
    assert len(stored.vector) == 768


def test_a_batch_imported_in_parallel_is_embedded_where_it_is_extracted_and_linked(checked, tmp_path):
    # With jobs, the other processes extract each file and embed its claims; this one saves and matches.
    article_saying(tmp_path, "g", "There were 600 murders in Chicago last year.")
    article_saying(tmp_path, "h", "Bus fares in Leeds rose by 12% in April.")

    summary = import_paths(paths=[tmp_path], jobs=2)

    assert summary.created == 2, summary
    repeat = Claim.objects.get(article__title__endswith="g", text__icontains="600 murders")
    assert ClaimMatch.objects.get(claim=repeat).state == ClaimMatch.State.LINKED
    new_claims = Claim.objects.exclude(pk=checked.pk)
    assert ClaimEmbedding.objects.filter(claim__in=new_claims).count() == new_claims.count()


def test_a_desk_with_nothing_checked_yet_keeps_each_claims_embedding_for_a_later_publish(db, tmp_path):
    claim = imported_claim(tmp_path, "f", "Bus fares in Leeds rose by 12% in April.")
    assert ClaimEmbedding.objects.get(claim=claim).digest == ClaimEmbedding.digest_of(claim.text)


def test_the_index_embeds_a_checked_claim_that_has_no_embedding_and_keeps_it(checked):
    assert not ClaimEmbedding.objects.filter(claim=checked).exists()
    assert [claim.pk for claim in published_claims.search(CHICAGO)] == [checked.pk]
    assert ClaimEmbedding.objects.get(claim=checked).digest == ClaimEmbedding.digest_of(CHICAGO)


def test_a_claim_reworded_by_an_editor_is_embedded_again(checked, fact_checker, editor):
    published_claims.search(CHICAGO)
    archived_wording(checked, text="Average rents in Lisbon doubled between 2015 and 2024.")
    published_claims.forget()
    found = published_claims.search("Lisbon rents doubled since 2015")
    assert [claim.pk for claim in found] == [checked.pk]
    assert ClaimEmbedding.objects.get(claim=checked).digest == ClaimEmbedding.digest_of(
        "Average rents in Lisbon doubled between 2015 and 2024."
    )


def test_a_vector_stored_before_the_matcher_changed_is_made_again(checked, monkeypatch):
    published_claims.search(CHICAGO)
    stored = ClaimEmbedding.objects.get(claim=checked)
    # The same text, read by another model or adapter: the digest the desk kept no longer matches.
    monkeypatch.setattr(matching, "vectors_version", lambda: "an earlier model")
    assert stored.digest != ClaimEmbedding.digest_of(CHICAGO)
    ClaimEmbedding.objects.filter(claim=checked).update(digest=ClaimEmbedding.digest_of(CHICAGO), vector=bytes(768))
    monkeypatch.undo()
    published_claims.forget()

    assert [claim.pk for claim in published_claims.search(CHICAGO)] == [checked.pk]
    remade = ClaimEmbedding.objects.get(claim=checked)
    assert remade.digest == stored.digest
    assert remade.vector == stored.vector


def test_match_repeats_embeds_every_checked_claim_that_has_no_embedding(checked, settings):
    settings.FACTCHECK_MATCHING_EMBED_LIMIT = 0
    call_command("match_repeats", stdout=StringIO())
    assert ClaimEmbedding.objects.filter(claim=checked).exists()


def test_past_the_embedding_limit_a_claim_is_still_found_by_its_words(checked, settings):
    settings.FACTCHECK_MATCHING_EMBED_LIMIT = 0
    published_claims.forget()
    assert [claim.pk for claim in published_claims.search("There were 600 murders in Chicago last year.")] == [
        checked.pk
    ]
    assert not ClaimEmbedding.objects.filter(claim=checked).exists()


def test_a_claim_being_researched_is_suggested_but_not_linked(db, tmp_path):
    make_claim(text=CHICAGO, status=Claim.Status.RESEARCHING)
    claim = imported_claim(tmp_path, "d", "There were 600 murders in Chicago last year.")
    assert ClaimMatch.objects.get(claim=claim).state == ClaimMatch.State.SUGGESTED


def test_new_and_dismissed_claims_are_not_matched_against(db, tmp_path):
    make_claim(text=CHICAGO)
    make_claim(text=CHICAGO + " Again.", status=Claim.Status.DISMISSED)
    imported_claim(tmp_path, "e", "There were 600 murders in Chicago last year.")
    assert not ClaimMatch.objects.exists()


def test_a_dry_run_leaves_no_links(checked, tmp_path):
    import_article(path=article_saying(tmp_path, "f", "There were 600 murders in Chicago last year."), dry_run=True)
    assert not ClaimMatch.objects.exists()


def test_a_newly_published_claim_is_found_by_the_next_import(fact_checker, editor, tmp_path):
    assert link_claims([make_claim(text=CHICAGO)]) == 0  # nothing published yet: the index is empty
    checked = make_claim(text=CHICAGO)
    publish(checked, author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE)
    claim = imported_claim(tmp_path, "g", "There were 600 murders in Chicago last year.")
    assert ClaimMatch.objects.get(claim=claim).original == checked


def test_claims_published_since_the_index_are_read_with_their_embeddings_once(
    checked, fact_checker, editor, django_assert_num_queries
):
    built = desk_claims.built()
    newer = make_claim(text="Average rents in Lisbon doubled between 2015 and 2024.")
    publish(newer, author=fact_checker, reviewer=editor)
    first = desk_claims.recent(built)
    assert [claim.pk for claim in first] == [newer.pk]

    # The ids changed since, then those in scope: their embeddings are known already.
    with django_assert_num_queries(2):
        assert desk_claims.recent(built) == first


def test_claims_the_index_holds_as_they_are_cost_no_embedding_query(checked, django_assert_num_queries):
    desk_claims.forget()
    built = desk_claims.built()
    with django_assert_num_queries(2):  # the ids changed since, then those in scope; no embedding
        assert desk_claims.recent(built, since=checked.updated_at) == []


def test_a_claim_cannot_repeat_itself_or_be_linked_twice_to_the_same_claim(checked):
    other = make_claim()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimMatch.objects.create(claim=checked, original=checked, score=0.9)
    ClaimMatch.objects.create(claim=other, original=checked, score=0.9)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimMatch.objects.create(claim=other, original=checked, score=0.8)


def test_confirming_a_repeat_shares_the_verdict_and_closes_the_claim_as_already_checked(checked, editor):
    repeat = make_claim(text="600 murders in Chicago last year!")
    match = ClaimMatch.objects.create(claim=repeat, original=checked, score=0.7)
    match.confirm(by=editor)
    repeat.refresh_from_db()
    assert match.state == ClaimMatch.State.CONFIRMED
    assert match.decided_by == editor
    assert (repeat.status, repeat.repeat_of, repeat.current_rating) == ("repeat", checked, "false")
    assert repeat.dismissal_reason == ""
    assert repeat.history.first().history_change_reason.startswith("Already checked: repeats There were 600")


def test_a_fact_checker_cannot_confirm_or_reject(checked, fact_checker):
    match = ClaimMatch.objects.create(claim=make_claim(), original=checked, score=0.7)
    with pytest.raises(PermissionDenied):
        match.confirm(by=fact_checker)
    with pytest.raises(PermissionDenied):
        match.reject(by=fact_checker)


def test_a_decided_repeat_cannot_be_decided_again(checked, editor, second_editor):
    match = ClaimMatch.objects.create(claim=make_claim(), original=checked, score=0.7)
    match.reject(by=editor)
    with pytest.raises(ValidationError, match="already not a repeat"):
        ClaimMatch.objects.get(pk=match.pk).confirm(by=second_editor)


def test_an_editor_confirms_a_repeat_in_one_click_on_the_claim_page(client, checked, editor):
    repeat = make_claim(text="600 murders in Chicago last year!")
    match = ClaimMatch.objects.create(claim=repeat, original=checked, score=0.9, state=ClaimMatch.State.LINKED)
    client.force_login(editor)
    page = client.get(reverse("admin:factcheck_claim_change", args=[repeat.pk])).content.decode()
    confirm_url = reverse("admin:factcheck_claim_repeat", args=[repeat.pk, match.pk, "confirm"])
    assert f'formaction="{confirm_url}"' in page
    response = client.post(confirm_url)
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.state == ClaimMatch.State.CONFIRMED


def test_a_fact_checker_is_told_an_editor_decides_a_repeat_and_gets_no_buttons_to_decide_it(
    client, checked, fact_checker
):
    repeat = make_claim(text="600 murders in Chicago last year!")
    match = ClaimMatch.objects.create(claim=repeat, original=checked, score=0.7)
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_claim_change", args=[repeat.pk])).content.decode()
    assert "An editor confirms or rejects it." in page
    assert reverse("admin:factcheck_claim_repeat", args=[repeat.pk, match.pk, "confirm"]) not in page
    assert "Not a repeat</button>" not in page


def test_the_claim_page_gives_the_earlier_claim_in_full_to_read_against_it(client, editor, fact_checker):
    wording = "Riverton's mayor, Omar Haddad, said the city built 240 affordable homes in 2025, more than in 2022-2024."
    original = make_claim(text=wording)
    publish(original, author=fact_checker, reviewer=editor, rating=Verdict.Rating.FALSE)
    repeat = make_claim(text="Omar Haddad said 240 affordable homes were completed in Riverton during 2025.")
    ClaimMatch.objects.create(claim=repeat, original=original, score=0.7)
    client.force_login(editor)
    page = client.get(reverse("admin:factcheck_claim_change", args=[repeat.pk])).content.decode()
    assert "more than in 2022-2024.</a> (rated False on" in page


def test_an_editor_rejects_a_suggestion_in_one_click(client, checked, editor):
    repeat = make_claim()
    match = ClaimMatch.objects.create(claim=repeat, original=checked, score=0.6)
    client.force_login(editor)
    client.post(reverse("admin:factcheck_claim_repeat", args=[repeat.pk, match.pk, "reject"]))
    match.refresh_from_db()
    repeat.refresh_from_db()
    assert match.state == ClaimMatch.State.REJECTED
    assert repeat.status == Claim.Status.NEW


def test_an_editor_dismissing_a_linked_repeat_as_a_duplicate_is_told_to_confirm_it_and_readers_still_see_it_checked(
    client, checked, editor
):
    repeat = make_claim(text="600 murders in Chicago last year!")
    assert link_claims([repeat]) == 1
    client.force_login(editor)
    page = client.post(
        reverse("admin:factcheck_claim_dismiss", args=[repeat.pk]),
        {"version": Claim.objects.get(pk=repeat.pk).version, "reason": Claim.DUPLICATE_REASON},
        follow=True,
    ).content.decode()
    assert "confirm that repeat on the claim" in page
    client.logout()
    page = client.get(repeat.get_absolute_url()).content.decode()
    assert "Already checked" in page
    assert "We decided not to check this claim" not in page


@pytest.mark.parametrize("state", [ClaimMatch.State.SUGGESTED, ClaimMatch.State.CONFIRMED])
def test_a_claim_suggested_or_confirmed_as_a_repeat_of_a_checked_claim_is_not_dismissed_as_a_duplicate(
    checked, editor, state
):
    repeat = make_claim(text="600 murders in Chicago last year!")
    match = ClaimMatch.objects.create(claim=repeat, original=checked, score=0.7)
    if state == ClaimMatch.State.CONFIRMED:
        match.confirm(by=editor)
    repeat.refresh_from_db()
    with pytest.raises(ValidationError, match="as a repeat of “There were 600 murders"):
        repeat.dismiss(by=editor, reason=Claim.DUPLICATE_REASON)


def test_a_repeat_is_dismissed_for_another_reason_and_a_duplicate_of_nothing_checked_as_one(checked, editor):
    repeat = make_claim(text="600 murders in Chicago last year!")
    assert link_claims([repeat]) == 1
    repeat.refresh_from_db()
    repeat.dismiss(by=editor, reason="Satire: the outlet is a parody site.")
    assert repeat.status == Claim.Status.DISMISSED

    rejected = make_claim(text="There were 600 murders in Chicago last year!")
    ClaimMatch.objects.create(claim=rejected, original=checked, score=0.7).reject(by=editor)
    rejected.refresh_from_db()
    rejected.dismiss(by=editor, reason=Claim.DUPLICATE_REASON)
    assert rejected.status == Claim.Status.DISMISSED


def test_the_front_page_counts_the_repeats_nobody_has_decided_on_as_the_list_behind_it_does(
    client, checked, fact_checker, editor
):
    other = make_claim(text="Chicago's police made 6,000 arrests last year.")
    publish(other, author=fact_checker, reviewer=editor)
    suggested_only, suggested_and_linked, linked, confirmed, rejected = (make_claim() for _ in range(5))
    ClaimMatch.objects.create(claim=suggested_only, original=checked, score=0.7)
    dismissed = make_claim(status=Claim.Status.DISMISSED)  # out of the queue: nothing to decide
    ClaimMatch.objects.create(claim=dismissed, original=checked, score=0.7)
    ClaimMatch.objects.create(claim=suggested_and_linked, original=other, score=0.7)
    for claim in (suggested_and_linked, linked):
        ClaimMatch.objects.create(claim=claim, original=checked, score=0.95, state=ClaimMatch.State.LINKED)
    ClaimMatch.objects.create(claim=confirmed, original=checked, score=0.95).confirm(by=editor)
    ClaimMatch.objects.create(claim=rejected, original=checked, score=0.7).reject(by=editor)
    client.force_login(editor)

    page = client.get(reverse("admin:index")).content.decode()

    listed = reverse("admin:factcheck_claim_changelist")
    assert f'<a href="{listed}?repeat=suggested"><strong>2</strong> suggested as a repeat</a>' in page
    assert f'<a href="{listed}?repeat=linked"><strong>1</strong> linked automatically' in page
    for state, count in (("suggested", 2), ("linked", 1)):
        assert f"{count} result" in client.get(listed, {"repeat": state}).content.decode()


def test_the_queue_marks_a_claim_already_checked(client, checked, fact_checker):
    repeat = make_claim(text="600 murders in Chicago!")
    ClaimMatch.objects.create(claim=repeat, original=checked, score=0.9, state=ClaimMatch.State.LINKED)
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_claim_changelist"), {"repeat": "linked"}).content.decode()
    assert "Already checked (automatic): rated False" in page
    assert "600 murders in Chicago!" in page


def confirmed_repeat(checked, editor, claimant="Jo Reyes", **article_fields) -> Claim:
    article = make_article(**{"outlet": "Evening Star", "published_on": date(2026, 3, 3), **article_fields})
    repeat = make_claim(
        text=f"600 murders in Chicago, said {claimant}.", article=article, claimant=make_actor(name=claimant)
    )
    ClaimMatch.objects.create(claim=repeat, original=checked, score=0.8).confirm(by=editor)
    return repeat


def test_the_checked_claims_page_lists_every_appearance(client, checked, editor):
    confirmed_repeat(checked, editor, url="https://star.example/crime")
    page = client.get(checked.get_absolute_url()).content.decode()
    assert "Also said by" in page
    assert "Jo Reyes" in page
    assert "3 March 2026" in page
    assert 'href="https://star.example/crime"' in page


def test_a_repeat_dismissed_for_another_reason_is_no_longer_an_appearance_anywhere(client, checked, editor):
    repeat = confirmed_repeat(checked, editor)
    repeat.refresh_from_db()
    repeat.dismiss(by=editor, reason="The outlet retracted its report: Jo Reyes never said it.")

    assert "Also said by" not in client.get(checked.get_absolute_url()).content.decode()
    review = client.get(reverse("factcheck:claimreview_feed")).json()["claimReviews"][0]
    assert len(review["itemReviewed"]["appearance"]) == 1  # the claim's own original alone
    for feed in ("factcheck:verdict_feed", "factcheck:verdict_atom_feed"):
        assert "Also said by" not in client.get(reverse(feed)).content.decode()


def test_appearances_cost_the_claim_page_one_query_however_many(client, checked, editor, django_assert_max_num_queries):
    for name in ["Jo Reyes", "Sam Ortiz", "Lee Park"]:
        confirmed_repeat(checked, editor, claimant=name)
    # The claim, its published versions, their authors (credits), the sources, the repeats.
    with django_assert_max_num_queries(5):
        page = client.get(checked.get_absolute_url()).content.decode()
    assert page.count("Also said by") == 3


def test_the_repeats_page_shows_the_shared_verdict(client, checked, editor):
    repeat = confirmed_repeat(checked, editor)
    page = client.get(repeat.get_absolute_url()).content.decode()
    assert "Already checked" in page
    assert checked.get_absolute_url() in page


def test_a_suggested_repeat_is_not_shown_to_readers(client, checked):
    ClaimMatch.objects.create(claim=make_claim(claimant=make_actor(name="Jo Reyes")), original=checked, score=0.7)
    assert "Also said by" not in client.get(checked.get_absolute_url()).content.decode()


def test_claimreview_lists_every_appearance(rf, checked, editor):
    confirmed_repeat(checked, editor, url="https://star.example/crime")
    verdict = Verdict.objects.select_related("claim__article", "claim__claimant").get(claim=checked)
    matches = list(ClaimMatch.objects.confirmed().select_related("claim__article", "claim__claimant"))
    review = claim_review(verdict, repeats=matches)
    appearances = review["itemReviewed"]["appearance"]
    assert appearances[0]["url"] == checked.original_url
    assert appearances[1] == {
        "@type": "CreativeWork",
        "url": "https://star.example/crime",
        "headline": matches[0].claim.article.title,
        "datePublished": "2026-03-03",
        "author": {"@type": "Person", "name": "Jo Reyes"},
    }


def test_a_repeat_said_later_is_never_named_where_the_claim_first_appeared(client, checked, editor):
    archived_wording(checked, original_url="")  # where the checked claim was said is not known
    confirmed_repeat(checked, editor, url="https://star.example/crime")
    item = client.get(reverse("factcheck:claimreview_feed")).json()["claimReviews"][0]["itemReviewed"]
    assert [work["url"] for work in item["appearance"]] == ["https://star.example/crime"]
    assert "firstAppearance" not in item


def test_a_repeat_said_before_the_checked_claim_is_where_it_first_appeared(client, checked, editor):
    confirmed_repeat(checked, editor, url="https://star.example/crime", published_on=date(2024, 11, 5))
    item = client.get(reverse("factcheck:claimreview_feed")).json()["claimReviews"][0]["itemReviewed"]
    assert item["firstAppearance"]["url"] == "https://star.example/crime"
    assert item["appearance"][0]["url"] == checked.original_url


def test_the_claimreview_feed_lists_appearances(client, checked, editor):
    confirmed_repeat(checked, editor)
    review = client.get(reverse("factcheck:claimreview_feed")).json()["claimReviews"][0]
    assert len(review["itemReviewed"]["appearance"]) == 2


def test_the_search_api_finds_published_fact_checks_ranked_with_score_rating_url_and_date(client, checked, settings):
    settings.FACTCHECK_ORGANIZATION = {**settings.FACTCHECK_ORGANIZATION, "url": "https://factcheck.example.org/"}
    # Asked by another name than the public one (an address, a proxy's), it still gives the public address,
    # the one the fact-check's ClaimReview, the feeds and the sitemap give.
    response = client.get(SEARCH, {"text": "Chicago had 600 murders last year"}, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    [result] = response.json()["results"]
    assert result["claim"] == CHICAGO
    assert result["url"] == f"https://factcheck.example.org{checked.get_absolute_url()}"
    assert result["rating"] == "False"
    assert result["ratingValue"] == 1
    assert result["datePublished"] == checked.verdicts.get().published_at.date().isoformat()
    assert result["claimant"] == "Pat Quinn"
    assert 0.5 < result["score"] <= 1


def test_the_search_api_never_returns_unpublished_claims(client, db):
    make_claim(text=CHICAGO, status=Claim.Status.IN_REVIEW)
    make_claim(text=CHICAGO)
    assert client.get(SEARCH, {"text": CHICAGO}).json()["results"] == []


def test_the_search_api_ranks_the_closest_first(client, checked, fact_checker, editor):
    other = make_claim(text="There were 600 robberies in Chicago in 2019.")
    publish(other, author=fact_checker, reviewer=editor)
    results = client.get(SEARCH, {"text": "600 murders in Chicago last year"}).json()["results"]
    assert results[0]["claim"] == CHICAGO
    assert [result["score"] for result in results] == sorted((result["score"] for result in results), reverse=True)


@pytest.mark.parametrize("query", [{}, {"text": "   "}, {"text": "x" * 1001}])
def test_the_search_api_refuses_a_missing_or_oversized_text(client, db, query):
    response = client.get(SEARCH, query)
    assert response.status_code == 400
    assert "error" in response.json()


def test_the_search_api_is_rate_limited_per_client(client, db, settings):
    settings.FACTCHECK_CLAIM_SEARCH_PER_MINUTE = 3
    statuses = [client.get(SEARCH, {"text": "murders"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get(SEARCH, {"text": "murders"}, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_a_reader_suggesting_a_checked_claim_sees_the_fact_check_at_once(client, checked):
    response = client.post(
        reverse("factcheck:report"),
        {"kind": "suggestion", "message": "Is it true there were 600 murders in Chicago last year?"},
        follow=True,
    )
    page = response.content.decode()
    assert "We may have checked this already" in page
    assert checked.get_absolute_url() in page


def test_a_reader_suggesting_something_new_just_gets_thanks(client, checked):
    response = client.post(
        reverse("factcheck:report"), {"kind": "suggestion", "message": "The mayor said bus fares doubled."}, follow=True
    )
    assert "We may have checked this already" not in response.content.decode()


def test_the_thanks_page_shows_only_published_claims(client, db):
    unpublished = make_claim(text=CHICAGO)
    page = client.get(reverse("factcheck:report_thanks"), {"checked": unpublished.slug}).content.decode()
    assert "We may have checked this already" not in page


def test_the_index_follows_a_publish_and_a_dismissal(checked, fact_checker, editor):
    assert [claim.pk for claim in published_claims.search(CHICAGO)] == [checked.pk]
    Claim.objects.filter(pk=checked.pk).update(status=Claim.Status.DISMISSED, dismissal_reason="Duplicate")
    Verdict.objects.filter(claim=checked).update(is_current=False)
    assert published_claims.search(CHICAGO) == []
    assert desk_claims.search(CHICAGO) == []


def test_a_publish_extends_a_large_index_instead_of_building_it_afresh(checked, fact_checker, editor, monkeypatch):
    monkeypatch.setattr(matching, "GROUPED_FROM", 3)  # a handful of claims make a "large" index here
    for text in ["The flu vaccine contains mercury.", "Bus fares in Leeds rose by 12% in April."]:
        publish(make_claim(text=text), author=fact_checker, reviewer=editor)
    published_claims.forget()
    assert len(published_claims.index()) == 3

    newer = make_claim(text="Average rents in Lisbon doubled between 2015 and 2024.")
    publish(newer, author=fact_checker, reviewer=editor)

    assert [claim.pk for claim in published_claims.search("rents in Lisbon doubled since 2015")] == [newer.pk]
    assert [claim.pk for claim in published_claims.search(CHICAGO)] == [checked.pk]
    assert published_claims._built.fresh_size == 3
    assert len(published_claims._built.index) == 4


@pytest.mark.django_db(transaction=True)
def test_a_publish_is_indexed_in_the_background_while_the_old_index_answers(checked, fact_checker, editor, settings):
    published_claims.index()
    settings.FACTCHECK_MATCHING_BACKGROUND = True
    newer = make_claim(text="Average rents in Lisbon doubled between 2015 and 2024.")
    publish(newer, author=fact_checker, reviewer=editor)
    # The changed signature starts a rebuild in another thread; this search is answered at once, from the old index.
    assert published_claims.search("rents in Lisbon doubled since 2015") == []
    published_claims.rebuild_thread.join(timeout=30)
    assert [claim.pk for claim in published_claims.search("rents in Lisbon doubled since 2015")] == [newer.pk]


def test_api_output_is_json_escaped_not_markup(client, fact_checker, editor):
    claim = make_claim(text="<script>alert(1)</script> There were 600 murders in Chicago.")
    publish(claim, author=fact_checker, reviewer=editor)
    body = client.get(SEARCH, {"text": "600 murders in Chicago"}).content.decode()
    assert json.loads(body)["results"][0]["claim"].startswith("<script>")


def test_the_reader_form_shows_a_matching_fact_check_while_the_reader_types(client, checked):
    form = client.get(reverse("factcheck:report")).content.decode()
    assert f'data-hx-get="{reverse("factcheck:report_checked")}"' in form
    fragment = client.get(
        reverse("factcheck:report_checked"), {"message": "Someone said there were 600 murders in Chicago last year"}
    ).content.decode()
    assert "We may have checked this already" in fragment
    assert checked.get_absolute_url() in fragment


@pytest.mark.parametrize("message", ["600 murders", "The orchestra played Mahler all Sunday afternoon."])
def test_the_live_check_stays_empty_for_a_short_or_unmatched_message(client, checked, message):
    response = client.get(reverse("factcheck:report_checked"), {"message": message})
    assert response.status_code == 200
    assert response.content.decode().strip() == ""


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=1200))
def test_the_search_api_answers_any_text_with_json_never_a_500(client, checked, text):
    cache.clear()  # the rate limit is not what this test is about
    response = client.get(SEARCH, {"text": text.replace("\x00", "")})
    assert response.status_code in (200, 400)
    assert isinstance(response.json(), dict)


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_the_matcher_scores_any_text_between_0_and_1(text):
    assert all(0 <= score <= 1 for _, score in FUZZ_INDEX.search(text, limit=3))


FUZZ_INDEX = ClaimIndex([(1, CHICAGO), (2, "The flu vaccine contains mercury."), (3, "Rents doubled since 2015.")])


def test_a_fault_in_the_matcher_never_stops_an_import(checked, tmp_path, monkeypatch, caplog):
    from factcheck import matching

    monkeypatch.setattr(
        matching, "default_weights", lambda: {"features": ["damaged"], "coefficients": [], "intercept": 0}
    )
    result = import_article(path=article_saying(tmp_path, "h", "There were 600 murders in Chicago last year."))
    assert (result.outcome, result.claims_created, result.repeats_found) == ("created", 1, 0)
    assert "Claim matching failed" in caplog.text


def test_the_import_line_says_how_many_repeats_it_found(checked, tmp_path):
    result = import_article(path=article_saying(tmp_path, "i", "There were 600 murders in Chicago last year."))
    assert str(result).endswith(", 1 possible repeats of checked claims"), str(result)


def test_a_confirmed_repeat_shows_on_the_cached_claim_page_at_the_next_request(
    client, checked, editor, django_capture_on_commit_callbacks
):
    # In review, so confirming saves only the link (a new claim would also be closed, and saved).
    repeat = make_claim(text="600 murders in Chicago!", claimant=make_actor(name="Sam Ortiz"), status="in_review")
    match = ClaimMatch.objects.create(claim=repeat, original=checked, score=0.9, state=ClaimMatch.State.LINKED)
    assert "Also said by" not in client.get(checked.get_absolute_url()).content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        match.confirm(by=editor)
    assert "Sam Ortiz" in client.get(checked.get_absolute_url()).content.decode()


def test_match_repeats_links_claims_imported_before_the_original_was_published(checked):

    earlier = make_claim(text="There were 600 murders in Chicago last year.")
    out = StringIO()
    call_command("match_repeats", stdout=out)
    assert ClaimMatch.objects.get(claim=earlier).state == ClaimMatch.State.LINKED
    earlier.refresh_from_db()
    assert (earlier.status, earlier.repeat_of) == (Claim.Status.REPEAT, checked)
    assert "Matched 1 claims awaiting a check: 1 links" in out.getvalue()
    call_command("match_repeats", stdout=out)  # again: nothing new, nothing doubled
    assert ClaimMatch.objects.filter(claim=earlier).count() == 1


def test_match_repeats_never_offers_a_claim_being_researched_as_a_repeat_of_itself(db):
    # A claim being researched is both awaiting a check and in the desk's index of claims being checked.
    researching = make_claim(text="Bus fares in Leeds rose by 12% in April.", status=Claim.Status.RESEARCHING)
    out = StringIO()
    call_command("match_repeats", stdout=out)
    assert not ClaimMatch.objects.filter(claim=researching).exists()
    assert "Matched 1 claims awaiting a check: 0 links" in out.getvalue()


# What readers see of a repeat: already checked, with the original's rating and a link to its fact-check,
# on every public page; a suggestion nobody has confirmed is never shown as checked.


def linked_repeat(checked, **fields) -> Claim:
    """A claim the importer linked automatically to the checked claim as already checked."""
    repeat = make_claim(text="There were 600 murders in Chicago last year.", **fields)
    assert link_claims([repeat]) == 1
    repeat.refresh_from_db()
    assert ClaimMatch.objects.get(claim=repeat).state == ClaimMatch.State.LINKED
    return repeat


@pytest.mark.parametrize("how", ["linked", "confirmed"])
def test_the_claim_list_shows_a_repeat_as_already_checked_with_the_originals_rating_and_link(
    client, checked, editor, how
):
    repeat = linked_repeat(checked) if how == "linked" else confirmed_repeat(checked, editor)
    page = client.get(reverse("factcheck:claim_list"), {"q": repeat.text.split(",")[0]}).content.decode()
    assert f'href="{checked.get_absolute_url()}">Already checked: False</a>' in page
    assert 'class="badge status status-dismissed"' not in page
    assert 'class="badge status status-new"' not in page


def test_the_csv_gives_a_repeat_the_originals_rating_and_fact_check_address(client, checked, editor):
    repeat = confirmed_repeat(checked, editor)
    rows = {row["url"]: row for row in read_csv(client.get(reverse("factcheck:claim_csv")))}
    row = rows[f"https://factcheck.example{repeat.get_absolute_url()}"]
    assert (row["status"], row["rating"]) == ("Already checked", "False")
    assert row["verdict_published_at"] == checked.current_published_at.isoformat()
    assert row["fact_check_url"] == f"https://factcheck.example{checked.get_absolute_url()}"
    assert rows[f"https://factcheck.example{checked.get_absolute_url()}"]["fact_check_url"] == row["fact_check_url"]


def test_an_automatically_linked_repeats_page_says_it_is_already_checked_not_awaiting_a_check(client, checked):
    repeat = linked_repeat(checked)
    page = client.get(repeat.get_absolute_url()).content.decode()
    assert "Already checked" in page
    assert f'href="{checked.get_absolute_url()}">{CHICAGO}</a></p>' in page  # the sentence ends as the claim does
    assert "rating-false" in page
    assert "not been checked yet" not in page


def test_a_suggested_repeats_page_does_not_say_it_is_checked(client, checked):
    suggested = make_claim(text="There were 6 murders in Chicago last year.")
    assert link_claims([suggested]) == 1
    assert ClaimMatch.objects.get(claim=suggested).state == ClaimMatch.State.SUGGESTED
    page = client.get(suggested.get_absolute_url()).content.decode()
    assert "has not been checked yet" in page
    assert "Already checked" not in page


def test_the_rating_filter_finds_repeats_with_that_rating(client, checked):
    repeat = linked_repeat(checked)
    page = client.get(reverse("factcheck:claim_list"), {"rating": "false"}).content.decode()
    assert repeat.get_absolute_url() in page


def test_the_sitemap_lists_a_repeats_page_as_checked(client, checked):
    repeat = linked_repeat(checked)
    sitemap = client.get("/sitemap-claims.xml").content.decode()
    assert f"https://factcheck.example{repeat.get_absolute_url()}" in sitemap


def test_the_feeds_entry_of_the_original_lists_where_it_was_said_again(client, checked, editor):
    confirmed_repeat(checked, editor)
    for feed in ("factcheck:verdict_feed", "factcheck:verdict_atom_feed"):
        entry = client.get(reverse(feed)).content.decode()
        assert "Also said by Jo Reyes on 3 March 2026" in entry


def test_a_link_made_by_the_worker_shows_on_the_cached_page_at_the_next_request(
    client, checked, django_capture_on_commit_callbacks
):
    earlier = make_claim(text="There were 600 murders in Chicago last year.")
    assert "has not been checked yet" in client.get(earlier.get_absolute_url()).content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        assert match_unchecked_claims(checked.pk) == 1
    assert "Already checked" in client.get(earlier.get_absolute_url()).content.decode()


def test_a_rejected_link_shows_on_the_cached_page_at_the_next_request(
    client, checked, editor, django_capture_on_commit_callbacks
):
    repeat = linked_repeat(checked)
    assert "Already checked" in client.get(repeat.get_absolute_url()).content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        ClaimMatch.objects.get(claim=repeat).reject(by=editor)
    assert "has not been checked yet" in client.get(repeat.get_absolute_url()).content.decode()
