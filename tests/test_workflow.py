"""The desk's workflow, as the model layer enforces it: claim transitions, review, publishing, corrections."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from model_bakery import baker

from factcheck.models import Actor, Claim, Source, StaleEditError, Verdict, record_change


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


# Assignment and research


def test_fact_checker_can_take_an_unassigned_claim(new_claim, fact_checker):
    new_claim.assign(fact_checker, by=fact_checker)
    assert reload(new_claim).assignee == fact_checker
    assert list(Claim.objects.assigned_to(fact_checker)) == [new_claim]


def test_fact_checker_cannot_take_a_claim_assigned_to_someone_else(new_claim, fact_checker, second_fact_checker):
    new_claim.assign(second_fact_checker, by=second_fact_checker)
    with pytest.raises(PermissionDenied, match="Only an editor"):
        new_claim.assign(fact_checker, by=fact_checker)
    assert reload(new_claim).assignee == second_fact_checker


def test_editor_can_hand_a_claim_to_a_fact_checker(new_claim, editor, fact_checker):
    new_claim.assign(fact_checker, by=editor)
    assert reload(new_claim).assignee == fact_checker


def test_claim_cannot_be_assigned_to_someone_off_the_desk(new_claim, editor, django_user_model):
    reader = django_user_model.objects.create_user("reader")
    with pytest.raises(ValidationError, match="neither a fact-checker nor an editor"):
        new_claim.assign(reader, by=editor)


def test_starting_research_makes_an_unassigned_claim_the_researchers(new_claim, fact_checker):
    new_claim.start_research(by=fact_checker)
    claim = reload(new_claim)
    assert claim.status == Claim.Status.RESEARCHING
    assert claim.assignee == fact_checker


def test_research_cannot_start_twice(new_claim, fact_checker):
    new_claim.start_research(by=fact_checker)
    with pytest.raises(ValidationError, match="only on a new claim"):
        new_claim.start_research(by=fact_checker)


def test_fact_checker_cannot_start_research_on_someone_elses_claim(new_claim, fact_checker, second_fact_checker):
    new_claim.assign(second_fact_checker, by=second_fact_checker)
    with pytest.raises(PermissionDenied, match="assigned to bob"):
        new_claim.start_research(by=fact_checker)


# Dismissal


@pytest.mark.parametrize("status", ["new", "researching", "in_review", "published"])
def test_editor_can_dismiss_a_claim_from_any_state_with_a_reason(new_claim, editor, status):
    Claim.objects.filter(pk=new_claim.pk).update(status=status)
    claim = reload(new_claim)
    claim.dismiss(by=editor, reason="An opinion, not a checkable fact.")
    claim = reload(claim)
    assert claim.status == Claim.Status.DISMISSED
    assert claim.dismissal_reason == "An opinion, not a checkable fact."


def test_dismissal_without_a_reason_is_refused(new_claim, editor):
    with pytest.raises(ValidationError, match="Say why"):
        new_claim.dismiss(by=editor, reason="   ")
    assert reload(new_claim).status == Claim.Status.NEW


def test_dismissed_claim_stays_dismissed(new_claim, editor, fact_checker):
    new_claim.dismiss(by=editor, reason="Not worth checking.")
    with pytest.raises(ValidationError):
        new_claim.start_research(by=fact_checker)
    with pytest.raises(ValidationError, match="cannot become"):
        new_claim.dismiss(by=editor, reason="Again.")


def test_restoring_a_dismissed_claim_puts_it_back_in_the_queue(new_claim, editor):
    new_claim.dismiss(by=editor, reason="Not worth checking.")
    new_claim.restore(by=editor)
    claim = reload(new_claim)
    assert claim.status == Claim.Status.NEW
    assert claim.dismissal_reason == ""


def test_a_claim_dismissed_in_review_is_restored_to_review_and_can_be_published(submitted_verdict, editor):
    claim = reload(submitted_verdict.claim)
    claim.dismiss(by=editor, reason="Not worth checking.")
    claim.restore(by=editor)
    assert reload(claim).status == Claim.Status.IN_REVIEW
    reload(submitted_verdict).publish(by=editor)
    assert reload(claim).status == Claim.Status.PUBLISHED


def test_a_claim_dismissed_after_publication_is_restored_to_published(published_verdict, editor):
    claim = reload(published_verdict.claim)
    claim.dismiss(by=editor, reason="Already checked: a duplicate of another claim")
    claim.restore(by=editor)
    assert reload(claim).status == Claim.Status.PUBLISHED


def test_only_a_dismissed_claim_can_be_restored_and_only_by_an_editor(new_claim, editor, fact_checker):
    with pytest.raises(ValidationError, match="Only a dismissed claim can be restored"):
        new_claim.restore(by=editor)
    new_claim.dismiss(by=editor, reason="Not worth checking.")
    with pytest.raises(PermissionDenied):
        new_claim.restore(by=fact_checker)
    assert reload(new_claim).status == Claim.Status.DISMISSED


# Submitting for review


def test_incomplete_verdict_cannot_be_submitted_and_says_what_is_missing(new_claim, fact_checker):
    verdict = baker.make(Verdict, claim=new_claim, author=fact_checker, rating="false")
    with pytest.raises(ValidationError, match="needs a summary, an explanation and at least one source"):
        verdict.submit_for_review(by=fact_checker)
    assert reload(verdict).submitted_at is None
    assert reload(new_claim).status == Claim.Status.NEW


def test_submitting_a_complete_verdict_puts_the_claim_in_review(written_verdict, fact_checker):
    written_verdict.claim.start_research(by=fact_checker)
    written_verdict.submit_for_review(by=fact_checker)
    assert reload(written_verdict).submitted_at is not None
    assert reload(written_verdict.claim).status == Claim.Status.IN_REVIEW
    assert list(Claim.objects.awaiting_review()) == [written_verdict.claim]


def test_verdict_written_straight_away_can_go_to_review_from_new(written_verdict, fact_checker):
    written_verdict.submit_for_review(by=fact_checker)
    assert reload(written_verdict.claim).status == Claim.Status.IN_REVIEW


def test_verdict_cannot_be_submitted_twice(submitted_verdict, fact_checker):
    with pytest.raises(ValidationError, match="already waiting for review"):
        submitted_verdict.submit_for_review(by=fact_checker)


def test_oldest_submission_comes_first_in_the_review_queue(fact_checker):
    older, newer = (baker.make(Claim, status=Claim.Status.IN_REVIEW) for _ in range(2))
    baker.make(Verdict, claim=newer, author=fact_checker, submitted_at=timezone.now())
    baker.make(Verdict, claim=older, author=fact_checker, submitted_at=timezone.now() - timedelta(days=2))
    assert list(Claim.objects.awaiting_review()) == [older, newer]


def test_editor_can_send_a_verdict_back_with_comments(submitted_verdict, editor):
    submitted_verdict.send_back(by=editor, comments="The March figure was revised; cite the revision.")
    verdict = reload(submitted_verdict)
    assert verdict.submitted_at is None
    assert verdict.review_comments == "The March figure was revised; cite the revision."
    assert verdict.claim.status == Claim.Status.RESEARCHING


# Publishing and the two-person rule


def test_publishing_stamps_reviewer_and_time_and_makes_the_verdict_current(submitted_verdict, editor):
    submitted_verdict.publish(by=editor)
    verdict = reload(submitted_verdict)
    assert verdict.reviewer == editor
    assert verdict.published_at is not None
    assert verdict.claim.current_verdict() == verdict
    assert verdict.claim.status == Claim.Status.PUBLISHED
    assert Claim.objects.with_current_verdict().get(pk=verdict.claim_id).current_rating == "mostly_true"


def test_author_cannot_publish_their_own_verdict_even_as_an_editor(new_claim, editor, second_editor):
    verdict = baker.make(Verdict, claim=new_claim, author=editor, rating="false", summary="No.", explanation="Because.")
    baker.make(Source, verdict=verdict)
    new_claim.confirm_attribution(by=editor, claimant=None, quotation="")
    verdict.submit_for_review(by=editor)
    with pytest.raises(PermissionDenied, match="two-person rule"):
        verdict.publish(by=editor)
    assert reload(verdict).published_at is None
    verdict.publish(by=second_editor)
    assert reload(verdict).reviewer == second_editor


def test_verdict_must_be_submitted_before_it_is_published(written_verdict, editor):
    with pytest.raises(ValidationError, match="not been submitted"):
        written_verdict.publish(by=editor)


def test_verdict_emptied_after_submission_is_refused_with_what_is_missing(submitted_verdict, editor):
    submitted_verdict.sources.all().delete()
    with pytest.raises(ValidationError, match="needs at least one source"):
        submitted_verdict.publish(by=editor)
    assert reload(submitted_verdict).published_at is None


def test_verdict_cannot_be_published_twice(published_verdict, second_editor):
    with pytest.raises(ValidationError, match="already published by Charlie Castillo"):
        reload(published_verdict).publish(by=second_editor)


def test_a_second_verdict_cannot_silently_replace_the_published_one(published_verdict, second_fact_checker, editor):
    rival = baker.make(
        Verdict, claim=published_verdict.claim, author=second_fact_checker, rating="false", summary="s", explanation="e"
    )
    baker.make(Source, verdict=rival)
    with pytest.raises(ValidationError):
        rival.submit_for_review(by=second_fact_checker)
    Verdict.objects.filter(pk=rival.pk).update(submitted_at=timezone.now())
    with pytest.raises(ValidationError, match="publish a correction"):
        reload(rival).publish(by=editor)
    assert published_verdict.claim.current_verdict() == published_verdict


# Corrections


def test_a_correction_starts_as_a_copy_of_the_published_verdict(published_verdict, editor):
    correction = published_verdict.start_correction(by=editor)
    assert correction.corrects == published_verdict
    assert (correction.rating, correction.summary, correction.explanation) == (
        published_verdict.rating,
        published_verdict.summary,
        published_verdict.explanation,
    )
    assert [source.url for source in correction.sources.all()] == ["https://stats.example/march"]
    assert correction.published_at is None
    assert published_verdict.claim.current_verdict() == published_verdict


def test_a_published_claim_stays_published_while_its_correction_is_in_review(published_verdict, editor, fact_checker):
    claim = reload(published_verdict.claim)
    with pytest.raises(ValidationError):
        claim.start_research(by=fact_checker)
    with pytest.raises(ValidationError, match="cannot become"):
        claim.move_to(Claim.Status.RESEARCHING, by=editor, reason="test")
    correction = published_verdict.start_correction(by=editor)
    correction.correction_note = "The office revised March to 4.1%."
    correction.save()
    correction.submit_for_review(by=editor)
    assert reload(claim).status == Claim.Status.PUBLISHED
    assert list(Claim.objects.awaiting_review()) == [claim]
    assert list(Verdict.objects.waiting_for_review()) == [correction]


def test_correction_without_a_public_note_is_refused_when_submitted(published_verdict, editor):
    correction = published_verdict.start_correction(by=editor)
    with pytest.raises(ValidationError, match="correction note"):
        correction.submit_for_review(by=editor)
    assert reload(correction).submitted_at is None
    assert published_verdict.claim.current_verdict() == published_verdict


def test_published_correction_becomes_current_and_the_old_version_stays_readable(
    published_verdict, editor, second_editor
):
    first_published_at = reload(published_verdict).published_at
    correction = published_verdict.start_correction(by=editor)
    correction.rating = Verdict.Rating.HALF_TRUE
    correction.correction_note = "The figure was revised to 4.2%, so we changed the rating."
    record_change(correction, by=editor, reason="Corrected the rating")
    correction.save()
    correction.submit_for_review(by=editor)
    correction.publish(by=second_editor)

    claim = reload(published_verdict.claim)
    assert claim.status == Claim.Status.PUBLISHED
    assert claim.current_verdict() == correction
    old = reload(published_verdict)
    assert not old.is_current
    assert old.published_at == first_published_at
    assert old.rating == Verdict.Rating.MOSTLY_TRUE
    assert list(Verdict.objects.corrections()) == [correction]
    assert list(claim.verdicts.published()) == [correction, old]


def test_only_one_correction_of_a_verdict_at_a_time(published_verdict, editor, second_editor):
    published_verdict.start_correction(by=editor)
    with pytest.raises(ValidationError, match="charlie has already started a correction"):
        published_verdict.start_correction(by=second_editor)


def test_only_the_current_version_can_be_corrected(submitted_verdict, editor):
    with pytest.raises(ValidationError, match="Only the current published verdict"):
        submitted_verdict.start_correction(by=editor)


# Lost updates


def test_publishing_a_verdict_changed_since_the_editor_read_it_is_refused(submitted_verdict, editor, second_editor):
    editors_copy = reload(submitted_verdict)
    other_copy = reload(submitted_verdict)
    other_copy.explanation = "A rewritten explanation the editor has not read."
    record_change(other_copy, by=second_editor, reason="Edited in review")
    other_copy.save()
    with pytest.raises(StaleEditError, match="changed by Dana Dvořák while you were editing it"):
        editors_copy.publish(by=editor)
    assert reload(submitted_verdict).published_at is None


def test_second_of_two_concurrent_verdict_edits_is_refused(written_verdict):
    first, second = reload(written_verdict), reload(written_verdict)
    first.summary = "First editor's summary."
    first.save()
    second.summary = "Second editor's summary."
    with pytest.raises(StaleEditError):
        second.save()
    assert reload(written_verdict).summary == "First editor's summary."


def test_assigning_from_a_stale_copy_is_refused(new_claim, editor, fact_checker, second_fact_checker):
    stale = reload(new_claim)
    new_claim.assign(fact_checker, by=editor)
    with pytest.raises(StaleEditError):
        stale.assign(second_fact_checker, by=editor)
    assert reload(new_claim).assignee == fact_checker


# History


def test_every_step_leaves_a_history_row_naming_who_did_it(published_verdict, fact_checker, editor):
    claim_steps = [
        (row.history_user, row.history_change_reason, row.status)
        for row in published_verdict.claim.history.order_by("history_date", "history_id")
    ]
    assert claim_steps[1:] == [
        (fact_checker, "Claimant confirmed: no claimant", "new"),
        (fact_checker, "Research started", "researching"),
        (fact_checker, "Submitted for review", "in_review"),
        (editor, "Verdict published", "published"),
    ]
    latest = published_verdict.history.latest()
    assert (latest.history_user, latest.history_change_reason, latest.is_current) == (editor, "Published", True)


def test_demoting_the_old_version_is_recorded_too(published_verdict, editor, second_editor):
    correction = published_verdict.start_correction(by=editor)
    correction.correction_note = "Fixed a typo in the summary."
    correction.save()
    correction.submit_for_review(by=editor)
    correction.publish(by=second_editor)
    latest = published_verdict.history.latest()
    assert (latest.history_user, latest.is_current) == (second_editor, False)


# Merging actors


def test_merging_actors_repoints_claims_and_keeps_every_name(editor):
    keep = baker.make(Actor, name="Volodymyr Zelenskyy", aliases=["Zelenskyy"])
    duplicate = baker.make(Actor, name="Volodymyr Zelensky", aliases=["President Zelensky"])
    made = baker.make(Claim, claimant=duplicate)
    mentioned = baker.make(Claim)
    mentioned.actors.add(duplicate)

    moved = keep.merge([duplicate], by=editor)

    assert moved == 2
    assert not Actor.objects.filter(pk=duplicate.pk).exists()
    assert reload(made).claimant == keep
    assert list(mentioned.actors.all()) == [keep]
    assert reload(keep).aliases == ["Zelenskyy", "Volodymyr Zelensky", "President Zelensky"]
    assert Actor.objects.matching("president zelensky").get() == keep
    assert reload(made).history.latest().history_user == editor


def test_merging_an_actor_into_itself_changes_nothing(editor):
    actor = baker.make(Actor, name="NATO")
    assert actor.merge([actor], by=editor) == 0
    assert Actor.objects.filter(pk=actor.pk).exists()
