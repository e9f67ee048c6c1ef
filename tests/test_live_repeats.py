"""Repeats in the live desk: caught whatever the order of import and publish, and kept true afterwards.

Each test plays one order of events as the desk sees it: a verdict published through review, an
article imported through the importer, the task worker run as it runs beside the site.
"""

from datetime import timedelta
from unittest.mock import patch

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from model_bakery import baker

from factcheck import matching, repeats, tasks
from factcheck.importer import import_article
from factcheck.models import Claim, ClaimMatch
from tests.public_factories import make_actor, make_claim, publish
from tests.test_admin_import import run_worker

ORIGINAL = "Average rents in Lisbon doubled between 2015 and 2024."
# The same claim in other words, with the same figures: the matcher is sure.
REWORDED = "Between 2015 and 2024, average rents in Lisbon doubled."
# The same words with another figure: a near miss, suggested with what differs and never linked.
NEAR_MISS = "Average rents in Lisbon tripled between 2015 and 2024."


def published_through_review(
    text: str, *, fact_checker, editor, rating: str = "false", claim: Claim | None = None
) -> Claim:
    """A claim checked and published as the desk does it: written, submitted, published by an editor (the
    claim given, already on the desk, or a new one with `text`)."""
    claim = claim or make_claim(text=text)
    verdict = baker.make(
        "factcheck.Verdict",
        claim=claim,
        author=fact_checker,
        rating=rating,
        summary="Rents rose by about half.",
        explanation="The housing institute's index rose 52%.",
    )
    baker.make("factcheck.Source", verdict=verdict, url="https://ine.example/rents", title="Rent index")
    claim.confirm_attribution(by=fact_checker, claimant=None, quotation="")
    verdict.submit_for_review(by=fact_checker)
    verdict.publish(by=editor)
    claim.refresh_from_db()
    return claim


def imported(tmp_path, name: str, sentence: str) -> Claim:
    path = tmp_path / f"{name}.txt"
    path.write_text(f"Housing row {name}\n\nCouncillor Ana Duarte spoke on Monday.\n\n“{sentence}” Duarte said.\n")
    result = import_article(path=path)
    assert result.outcome == "created", result
    return Claim.objects.get(article__title__endswith=name)


@pytest.fixture
def stale_indexes(settings):
    """Indexes as a busy process has them: checked rarely, rebuilt in the background."""
    settings.FACTCHECK_MATCHING_CHECK_SECONDS = 3600
    settings.FACTCHECK_MATCHING_BACKGROUND = True


def test_a_repeat_imported_right_after_a_publish_is_linked_even_from_an_index_made_before(
    tmp_path, fact_checker, editor, stale_indexes
):
    published_through_review("The flu vaccine contains mercury.", fact_checker=fact_checker, editor=editor)
    repeats.desk_claims.index()  # made now, before the publish below; not checked again for an hour
    original = published_through_review(ORIGINAL, fact_checker=fact_checker, editor=editor)

    repeat = imported(tmp_path, "a", REWORDED)

    link = ClaimMatch.objects.get(claim=repeat)
    assert (link.original, link.state) == (original, ClaimMatch.State.LINKED)
    assert link.score >= 0.9
    assert (repeat.status, repeat.repeat_of, repeat.current_rating) == (Claim.Status.REPEAT, original, "false")


def test_a_repeat_imported_before_its_original_is_published_is_linked_by_the_worker(
    tmp_path, fact_checker, editor, django_capture_on_commit_callbacks
):
    repeat = imported(tmp_path, "b", REWORDED)
    assert not ClaimMatch.objects.exists()  # nothing checked yet

    with django_capture_on_commit_callbacks(execute=True):
        original = published_through_review(ORIGINAL, fact_checker=fact_checker, editor=editor)
    run_worker()

    repeat.refresh_from_db()
    link = ClaimMatch.objects.get(claim=repeat)
    assert (link.original, link.state) == (original, ClaimMatch.State.LINKED)
    assert (repeat.status, repeat.repeat_of, repeat.current_rating) == (Claim.Status.REPEAT, original, "false")
    assert DBTaskResult.objects.get(task_path=tasks.match_repeats_of.module_path).status == "SUCCESSFUL"


def test_a_repeat_imported_while_its_original_is_being_checked_is_linked_once_that_is_published(
    tmp_path, fact_checker, editor, django_capture_on_commit_callbacks
):
    original = make_claim(text=ORIGINAL, status=Claim.Status.RESEARCHING)
    repeat = imported(tmp_path, "h", REWORDED)
    suggestion = ClaimMatch.objects.get(claim=repeat)
    assert (suggestion.original, suggestion.state) == (original, ClaimMatch.State.SUGGESTED)  # no verdict to share yet

    with django_capture_on_commit_callbacks(execute=True):
        published_through_review(ORIGINAL, fact_checker=fact_checker, editor=editor, claim=original)
    run_worker()

    suggestion.refresh_from_db()
    assert suggestion.state == ClaimMatch.State.LINKED
    repeat.refresh_from_db()
    assert (repeat.status, repeat.repeat_of, repeat.current_rating) == (Claim.Status.REPEAT, original, "false")


def test_a_near_miss_suggested_while_its_original_was_being_checked_stays_a_suggestion_once_published(
    tmp_path, fact_checker, editor, django_capture_on_commit_callbacks
):
    original = make_claim(text=ORIGINAL, status=Claim.Status.RESEARCHING)
    near_miss = imported(tmp_path, "i", NEAR_MISS)

    with django_capture_on_commit_callbacks(execute=True):
        published_through_review(ORIGINAL, fact_checker=fact_checker, editor=editor, claim=original)
    run_worker()

    assert ClaimMatch.objects.get(claim=near_miss).state == ClaimMatch.State.SUGGESTED
    near_miss.refresh_from_db()
    assert near_miss.status == Claim.Status.NEW


def test_a_near_miss_imported_before_its_original_is_suggested_saying_what_differs(
    tmp_path, fact_checker, editor, django_capture_on_commit_callbacks
):
    near_miss = imported(tmp_path, "c", NEAR_MISS)
    with django_capture_on_commit_callbacks(execute=True):
        original = published_through_review(ORIGINAL, fact_checker=fact_checker, editor=editor)
    run_worker()

    link = ClaimMatch.objects.get(claim=near_miss)
    assert (link.original, link.state, link.differences) == (original, ClaimMatch.State.SUGGESTED, "tripled vs doubled")
    near_miss.refresh_from_db()
    assert near_miss.status == Claim.Status.NEW


def test_a_publish_committed_while_an_import_was_saving_is_caught_when_the_import_commits(
    tmp_path, fact_checker, editor, django_capture_on_commit_callbacks
):
    original = make_claim(text=ORIGINAL)
    found_before_the_publish = repeats.find_repeats

    def publish_meanwhile(*args, **kwargs):
        found = found_before_the_publish(*args, **kwargs)  # the import has looked: nothing is published
        publish(original, author=fact_checker, reviewer=editor, rating="false")
        return found

    with patch("factcheck.importer.find_repeats", publish_meanwhile), django_capture_on_commit_callbacks(execute=True):
        repeat = imported(tmp_path, "d", REWORDED)

    repeat.refresh_from_db()
    assert ClaimMatch.objects.get(claim=repeat).state == ClaimMatch.State.LINKED
    assert (repeat.status, repeat.repeat_of) == (Claim.Status.REPEAT, original)


def test_publishing_never_waits_for_the_search_it_queues(fact_checker, editor, django_capture_on_commit_callbacks):
    make_claim(text=REWORDED)
    with (
        patch.object(repeats, "match_unchecked_claims", side_effect=AssertionError("ran in the request")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        original = published_through_review(ORIGINAL, fact_checker=fact_checker, editor=editor)
    queued = DBTaskResult.objects.get(task_path=tasks.match_repeats_of.module_path)
    assert (queued.status, queued.args_kwargs["args"]) == ("READY", [original.pk])


def test_a_search_whose_worker_stopped_is_queued_again(db):
    task_row = DBTaskResult.objects.get(pk=tasks.match_repeats_of.enqueue(41).id)
    # Started an hour ago on another host, and never finished.
    task_row.status, task_row.worker_ids = "RUNNING", ["elsewhere:1"]
    task_row.started_at = timezone.now() - timedelta(hours=1)
    task_row.save()

    assert tasks.recover_stalled_repeat_matches() == 1

    task_row.refresh_from_db()
    assert task_row.status == "FAILED"
    again = DBTaskResult.objects.exclude(pk=task_row.pk).get(task_path=tasks.match_repeats_of.module_path)
    assert (again.status, again.args_kwargs["args"]) == ("READY", [41])


def test_a_search_queued_after_a_burst_of_publishes_is_done_in_the_same_single_pass(
    tmp_path, fact_checker, editor, django_capture_on_commit_callbacks
):
    burst = [make_claim(text=f"Bus fares in Fairbury rose by {n}% in {1990 + n}.") for n in range(30)]
    for claim in burst:
        publish(claim, author=fact_checker, reviewer=editor, rating="false")
        tasks.match_repeats_of.enqueue(claim.pk)
    repeat = imported(tmp_path, "f", REWORDED)
    with django_capture_on_commit_callbacks(execute=True):
        original = published_through_review(ORIGINAL, fact_checker=fact_checker, editor=editor)

    assert run_worker(max_tasks=1) == 1  # the worker runs the oldest search, and it takes the others along

    repeat.refresh_from_db()
    assert (repeat.status, repeat.repeat_of) == (Claim.Status.REPEAT, original)
    searches = DBTaskResult.objects.filter(task_path=tasks.match_repeats_of.module_path)
    assert set(searches.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert searches.count() == 31
    assert searches.get(args_kwargs__args=[original.pk]).return_value["links_or_suggestions"] == 1
    assert repeats.unchecked_claims.passes == 1  # one read of the unchecked claims' embeddings for all 31


def test_the_searches_a_stopped_worker_had_taken_along_are_queued_again(db):
    for claim_id in (41, 42, 43):
        tasks.match_repeats_of.enqueue(claim_id)
    taken = tasks.take_queued_repeat_searches(worker="elsewhere:1", limit=10)
    assert len(taken) == 3
    assert tasks.take_queued_repeat_searches(worker="elsewhere:2", limit=10) == []  # never taken twice
    DBTaskResult.objects.update(started_at=timezone.now() - timedelta(hours=1))  # and never finished

    assert tasks.recover_stalled_repeat_matches() == 3

    queued = DBTaskResult.objects.filter(task_path=tasks.match_repeats_of.module_path, status="READY")
    assert sorted(row.args_kwargs["args"][0] for row in queued) == [41, 42, 43]


def test_a_search_run_twice_links_once(tmp_path, fact_checker, editor):
    repeat = imported(tmp_path, "g", REWORDED)
    original = published_through_review(ORIGINAL, fact_checker=fact_checker, editor=editor)

    assert repeats.match_unchecked_repeats([original.pk]) == {original.pk: 1}
    assert repeats.match_unchecked_repeats([original.pk, original.pk]) == {original.pk: 0}
    assert ClaimMatch.objects.get(claim=repeat).state == ClaimMatch.State.LINKED


def test_a_correction_of_the_original_reaches_its_repeats_at_once(fact_checker, editor, second_editor):
    original = published_through_review(ORIGINAL, fact_checker=fact_checker, editor=editor)
    repeat = make_claim(text=REWORDED)
    repeats.link_claims([repeat])
    repeat.refresh_from_db()
    assert repeat.current_rating == "false"

    correction = original.current_verdict().start_correction(by=editor)
    correction.rating, correction.correction_note = "half_true", "We used the wrong index."
    correction.save()
    correction.submit_for_review(by=editor)
    correction.publish(by=second_editor)

    repeat.refresh_from_db()
    assert (repeat.status, repeat.current_rating) == (Claim.Status.REPEAT, "half_true")


def test_a_repeat_of_a_dismissed_original_awaits_a_check_again_and_reads_as_checked_once_restored(fact_checker, editor):
    original = published_through_review(ORIGINAL, fact_checker=fact_checker, editor=editor)
    repeat = make_claim(text=REWORDED)
    repeats.link_claims([repeat])

    original.dismiss(by=editor, reason="Published by mistake")
    repeat.refresh_from_db()
    assert (repeat.status, repeat.repeat_of, repeat.current_rating) == (Claim.Status.NEW, None, None)

    original.restore(by=editor)
    repeat.refresh_from_db()
    assert (repeat.status, repeat.repeat_of) == (Claim.Status.REPEAT, original)


def test_rejecting_an_automatic_link_puts_the_claim_back_in_the_queue(fact_checker, editor):
    published_through_review(ORIGINAL, fact_checker=fact_checker, editor=editor)
    repeat = make_claim(text=REWORDED)
    repeats.link_claims([repeat])
    link = ClaimMatch.objects.get(claim=repeat)

    link.reject(by=editor)

    repeat.refresh_from_db()
    assert (repeat.status, repeat.repeat_of, repeat.current_rating) == (Claim.Status.NEW, None, None)


def test_a_claim_confirmed_as_a_repeat_while_its_original_is_checked_reads_as_checked_when_published(
    fact_checker, editor, second_editor
):
    original = make_claim(text=ORIGINAL, status=Claim.Status.RESEARCHING)
    repeat = make_claim(text=REWORDED, claimant=make_actor(name="Ana Duarte"))
    ClaimMatch.objects.create(claim=repeat, original=original, score=0.95).confirm(by=second_editor)
    repeat.refresh_from_db()
    assert repeat.status == Claim.Status.NEW  # nothing published yet to share

    verdict = baker.make("factcheck.Verdict", claim=original, author=fact_checker, rating="false", summary="No.")
    verdict.explanation = "The index rose 52%."
    verdict.save()
    baker.make("factcheck.Source", verdict=verdict, url="https://ine.example/rents", title="Rent index")
    original.confirm_attribution(by=fact_checker, claimant=None, quotation="")
    verdict.submit_for_review(by=fact_checker)
    verdict.publish(by=editor)

    repeat.refresh_from_db()
    assert (repeat.status, repeat.repeat_of, repeat.current_rating) == (Claim.Status.REPEAT, original, "false")


def test_the_admin_shows_what_a_suggestion_differs_in(client, tmp_path, fact_checker, editor):
    original = published_through_review(ORIGINAL, fact_checker=fact_checker, editor=editor)
    near_miss = imported(tmp_path, "e", NEAR_MISS)
    assert ClaimMatch.objects.get(claim=near_miss, original=original).state == ClaimMatch.State.SUGGESTED
    client.force_login(editor)
    for claim in (near_miss, original):  # on the original's page, among the claims that may repeat it, too
        page = client.get(reverse("admin:factcheck_claim_change", args=[claim.pk])).content.decode()
        assert "tripled vs doubled" in page


def test_the_worker_forgets_a_claim_no_longer_awaiting_a_check_and_learns_a_new_one(db, editor):
    [vector] = matching.embed_queries([ORIGINAL])
    waiting = make_claim(text=REWORDED)
    assert repeats.unchecked_claims.nearest(vector, 5) == [waiting.pk]

    waiting.dismiss(by=editor, reason="Not checkable")
    newer = make_claim(text=NEAR_MISS)

    assert repeats.unchecked_claims.nearest(vector, 5) == [newer.pk]


@pytest.mark.django_db(transaction=True)
def test_a_starting_worker_reads_the_unchecked_claims_before_the_first_search():
    waiting = make_claim(text=REWORDED)
    repeats.unchecked_claims.warm()  # what import_worker starts in a thread of its own
    assert len(repeats.unchecked_claims) == 1
    assert list(repeats.unchecked_claims._rows) == [waiting.pk]


# A claim that links to a looser original (no place named, about 0.94), and one that fits it closely.
WAITING_TIMES = "Since 1999, patients in Farnmouth hospitals wait half as long."
LOOSER = "We have cut hospital waiting times by half since 1999."
CLOSER = "Waiting times at Farnmouth hospitals have halved since 1999."


def test_a_claim_linked_automatically_is_offered_an_original_published_later_that_fits_it_better(fact_checker, editor):
    looser = published_through_review(LOOSER, fact_checker=fact_checker, editor=editor)
    repeat = make_claim(text=WAITING_TIMES)
    repeats.link_claims([repeat])
    assert ClaimMatch.objects.get(claim=repeat).original == looser

    closer = published_through_review(CLOSER, fact_checker=fact_checker, editor=editor)
    assert repeats.match_unchecked_repeats([closer.pk]) == {closer.pk: 1}

    states = dict(ClaimMatch.objects.filter(claim=repeat).values_list("original", "state"))
    assert states == {looser.pk: ClaimMatch.State.LINKED, closer.pk: ClaimMatch.State.SUGGESTED}
    repeat.refresh_from_db()
    assert (repeat.status, repeat.repeat_of) == (Claim.Status.REPEAT, looser)  # readers see the link until decided


def test_a_repeat_an_editor_confirmed_is_not_offered_other_originals(fact_checker, editor):
    looser = published_through_review(LOOSER, fact_checker=fact_checker, editor=editor)
    repeat = make_claim(text=WAITING_TIMES)
    repeats.link_claims([repeat])
    ClaimMatch.objects.get(claim=repeat).confirm(by=editor)

    closer = published_through_review(CLOSER, fact_checker=fact_checker, editor=editor)

    assert repeats.match_unchecked_repeats([closer.pk]) == {closer.pk: 0}
    assert list(ClaimMatch.objects.filter(claim=repeat).values_list("original", flat=True)) == [looser.pk]


def test_a_claim_linked_automatically_is_not_offered_an_original_that_fits_it_no_better(fact_checker, editor):
    closer = published_through_review(CLOSER, fact_checker=fact_checker, editor=editor)
    repeat = make_claim(text=WAITING_TIMES)
    repeats.link_claims([repeat])

    looser = published_through_review(LOOSER, fact_checker=fact_checker, editor=editor)

    assert repeats.match_unchecked_repeats([looser.pk]) == {looser.pk: 0}
    assert list(ClaimMatch.objects.filter(claim=repeat).values_list("original", flat=True)) == [closer.pk]
