"""Who wrote a verdict cannot approve it, whoever they are: authors, co-authors, review and credits."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from model_bakery import baker

from factcheck.models import Claim, Source, Verdict, VerdictChange, record_change


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def edit(verdict, *, by, **changes):
    """Change a verdict as `by`, the way the admin saves it."""
    verdict = reload(verdict)
    for name, value in changes.items():
        setattr(verdict, name, value)
    record_change(verdict, by=by, reason="Edited")
    verdict.save()
    return verdict


def test_every_substance_change_is_recorded_with_who_made_it(written_verdict, fact_checker, second_fact_checker):
    edit(written_verdict, by=second_fact_checker, rating=Verdict.Rating.FALSE, summary="Wrong: 4.0%.")
    edit(written_verdict, by=second_fact_checker, notes="Internal notes are not substance.")
    changes = [(change.changed_by, change.fields) for change in reload(written_verdict).changes.all()]
    assert changes[-1] == (second_fact_checker, ["rating", "summary"])
    assert [change for change in changes if change[1] == ["notes"]] == []
    assert reload(written_verdict).authors() == [fact_checker, second_fact_checker]


def test_a_change_to_the_sources_makes_an_author(written_verdict, second_fact_checker):
    source = Source(
        verdict=written_verdict, url="https://stats.example/rev", title="Revision", accessed_on=date.today()
    )
    record_change(source, by=second_fact_checker, reason="Added a source")
    source.save()
    assert VerdictChange.objects.filter(verdict=written_verdict, changed_by=second_fact_checker).get().fields == [
        "sources"
    ]
    assert second_fact_checker in reload(written_verdict).authors()


def test_editor_who_changes_a_submitted_verdict_cannot_publish_it(submitted_verdict, editor, second_editor):
    """The bypass: an editor rewrites the rating and summary of a submitted verdict, then publishes."""
    edit(submitted_verdict, by=editor, rating=Verdict.Rating.FALSE, summary="False: it was 4.0%.")
    with pytest.raises(PermissionDenied, match="co-author: under the two-person rule someone else must now publish"):
        reload(submitted_verdict).publish(by=editor)
    assert reload(submitted_verdict).published_at is None

    reload(submitted_verdict).publish(by=second_editor)
    published = reload(submitted_verdict)
    assert published.reviewer == second_editor
    assert published.rating == Verdict.Rating.FALSE
    assert published.credits() == [
        ("Checked by", ["Alice Adeyemi", "Charlie Castillo"]),
        ("Reviewed by", ["Dana Dvořák"]),
    ]


def test_editor_who_only_adds_a_source_cannot_publish_either(submitted_verdict, editor):
    source = Source(verdict=submitted_verdict, url="https://x.example/", title="Another", accessed_on=date.today())
    record_change(source, by=editor, reason="Added a source")
    source.save()
    with pytest.raises(PermissionDenied, match="two-person rule"):
        reload(submitted_verdict).publish(by=editor)


def test_editor_who_only_writes_review_comments_may_publish(submitted_verdict, editor):
    edit(submitted_verdict, by=editor, review_comments="Checked the March figure myself.")
    reload(submitted_verdict).publish(by=editor)
    assert reload(submitted_verdict).reviewer == editor


def test_a_verdict_in_review_is_read_only_to_its_authors_until_sent_back(submitted_verdict, fact_checker, editor):
    with pytest.raises(PermissionDenied, match="waiting for review"):
        edit(submitted_verdict, by=fact_checker, summary="A late change.")
    source = reload(submitted_verdict).sources.get()
    record_change(source, by=fact_checker, reason="Late change")
    source.title = "A late title"
    with pytest.raises(PermissionDenied, match="waiting for review"):
        source.save()
    assert reload(submitted_verdict).summary == "Close: the figure was 4.0%."

    reload(submitted_verdict).send_back(by=editor, comments="Cite the revision.")
    edit(submitted_verdict, by=fact_checker, summary="Close: the revised figure was 4.0%.")
    assert reload(submitted_verdict).summary == "Close: the revised figure was 4.0%."


def test_sending_back_needs_comments_and_marks_the_verdict_sent_back(submitted_verdict, editor):
    with pytest.raises(ValidationError, match="Say what needs more work"):
        reload(submitted_verdict).send_back(by=editor, comments="  ")
    assert reload(submitted_verdict).in_review
    reload(submitted_verdict).send_back(by=editor, comments="Which month?")
    verdict = reload(submitted_verdict)
    assert verdict.sent_back
    assert not verdict.in_review
    assert verdict.review_comments == "Which month?"
    assert list(Verdict.objects.drafts()) == [verdict]


def test_an_unsaved_change_is_not_published_behind_the_rule(submitted_verdict, editor):
    verdict = reload(submitted_verdict)
    verdict.rating = Verdict.Rating.FALSE
    with pytest.raises(ValidationError, match="unsaved changes"):
        verdict.publish(by=editor)
    assert reload(submitted_verdict).rating == Verdict.Rating.MOSTLY_TRUE


def test_a_published_verdict_changes_only_through_a_correction(published_verdict, editor):
    with pytest.raises(PermissionDenied, match="starting a correction"):
        edit(published_verdict, by=editor, summary="Quietly changed.")


def test_publishing_is_refused_while_a_credited_person_has_no_name(submitted_verdict, fact_checker, editor):
    fact_checker.first_name = ""
    fact_checker.save()
    with pytest.raises(ValidationError, match="credits people by their first and last name, and alice has none"):
        reload(submitted_verdict).publish(by=editor)
    fact_checker.first_name = "Alice"
    fact_checker.save()
    reload(submitted_verdict).publish(by=editor)


def correct(verdict, *, by, **changes) -> Verdict:
    correction = verdict.start_correction(by=by)
    return edit(correction, by=by, correction_note="The office revised the March figure.", **changes)


def test_the_original_fact_checker_keeps_their_credit_after_a_correction(published_verdict, editor, second_editor):
    correction = correct(reload(published_verdict), by=second_editor, rating=Verdict.Rating.HALF_TRUE)
    correction.submit_for_review(by=second_editor)
    reload(correction).publish(by=editor)
    assert reload(correction).credits() == [
        ("Checked by", ["Alice Adeyemi"]),
        ("Corrected by", ["Dana Dvořák"]),
        ("Reviewed by", ["Charlie Castillo"]),
    ]


def test_an_editor_who_asks_for_a_correction_can_publish_what_the_fact_checker_wrote(
    published_verdict, editor, fact_checker
):
    correction = reload(published_verdict).start_correction(by=editor)
    assert correction.authors() == [fact_checker]
    assert correction.started_by() == editor
    correction = edit(
        correction, by=fact_checker, summary="Close: revised to 4.1%.", correction_note="The office revised March."
    )
    correction.submit_for_review(by=fact_checker)
    reload(correction).publish(by=editor)
    assert reload(correction).is_current
    assert reload(correction).reviewer == editor


def test_a_corrections_copied_sources_are_in_their_history_as_copied_by_who_started_it(published_verdict, editor):
    correction = reload(published_verdict).start_correction(by=editor)
    record = correction.sources.get().history.get()
    assert (record.history_user, record.history_change_reason) == (editor, "Copied for a correction")
    assert not correction.changes.exists()


def test_whoever_writes_a_corrections_public_note_cannot_also_publish_it(published_verdict, editor, second_editor):
    correction = edit(
        reload(published_verdict).start_correction(by=editor), by=editor, correction_note="We fixed a typo."
    )
    correction.submit_for_review(by=editor)
    with pytest.raises(PermissionDenied, match="two-person rule"):
        reload(correction).publish(by=editor)
    reload(correction).publish(by=second_editor)


def test_a_one_editor_desk_cannot_correct_alone_by_default(published_verdict, second_editor):
    correction = correct(reload(published_verdict), by=second_editor)
    correction.submit_for_review(by=second_editor)
    with pytest.raises(PermissionDenied, match="two-person rule"):
        reload(correction).publish(by=second_editor)


def test_solo_corrections_let_one_editor_publish_a_correction_that_keeps_the_rating(
    settings, published_verdict, editor
):
    settings.FACTCHECK_SOLO_CORRECTIONS = True
    correction = correct(reload(published_verdict), by=editor, summary="Close: the revised figure was 4.0%.")
    correction.submit_for_review(by=editor)
    reload(correction).publish(by=editor)
    published = reload(correction)
    assert published.is_current
    assert published.solo_correction
    assert published.reviewer == editor
    assert ("Correction published without a second review by", ["Charlie Castillo"]) in published.credits()
    assert published.history.latest().history_change_reason == "Correction published without a second review"


def test_solo_corrections_never_cover_a_changed_rating(settings, published_verdict, editor):
    settings.FACTCHECK_SOLO_CORRECTIONS = True
    correction = correct(reload(published_verdict), by=editor, rating=Verdict.Rating.FALSE)
    correction.submit_for_review(by=editor)
    with pytest.raises(PermissionDenied, match="two-person rule"):
        reload(correction).publish(by=editor)


def test_the_database_refuses_an_author_as_reviewer_outside_a_solo_correction(new_claim, fact_checker):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        baker.make(Verdict, claim=new_claim, author=fact_checker, reviewer=fact_checker, solo_correction=True)
    assert Claim.objects.get(pk=new_claim.pk).status == Claim.Status.NEW
