"""An editor's changes to someone else's verdict are a proposal its author accepts or rejects: a desk of one
editor and one fact-checker never deadlocks, and nobody publishes words only they have seen."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from factcheck.models import StaleEditError, Verdict, VerdictChange, VerdictProposal, record_change


def reload(obj):
    return type(obj).objects.get(pk=obj.pk)


def test_an_editor_proposes_a_fix_the_fact_checker_accepts_and_the_editor_publishes(
    submitted_verdict, fact_checker, editor
):
    """The two-person desk's day: no third person is needed."""
    proposal = reload(submitted_verdict).propose_changes(
        by=editor, changes={"summary": "Close: the figure was 4.0%, not 3.9%."}
    )
    assert proposal.parts == ["summary"]
    assert reload(submitted_verdict).summary == "Close: the figure was 4.0%."  # untouched until accepted

    proposal.accept(by=fact_checker, version=reload(submitted_verdict).version)
    verdict = reload(submitted_verdict)
    assert verdict.summary == "Close: the figure was 4.0%, not 3.9%."
    assert verdict.in_review
    change = verdict.changes.get(fields=["summary"])
    assert (change.changed_by, change.proposed_by) == (fact_checker, editor)
    assert verdict.authors() == [fact_checker]

    verdict.publish(by=editor)
    published = reload(submitted_verdict)
    assert published.reviewer == editor
    assert published.credits() == [("Checked by", ["Alice Adeyemi"]), ("Reviewed by", ["Charlie Castillo"])]


def test_a_rejected_proposal_leaves_the_verdict_as_written_and_the_editor_may_publish_it(
    submitted_verdict, fact_checker, editor
):
    proposal = reload(submitted_verdict).propose_changes(by=editor, changes={"rating": Verdict.Rating.FALSE})
    proposal.reject(by=fact_checker, answer="4.0% against 3.9% is close: mostly true stands.")
    assert reload(proposal).state == VerdictProposal.State.REJECTED
    assert reload(proposal).answer == "4.0% against 3.9% is close: mostly true stands."
    reload(submitted_verdict).publish(by=editor)
    assert reload(submitted_verdict).rating == Verdict.Rating.MOSTLY_TRUE


def test_publishing_waits_for_the_authors_answer(submitted_verdict, fact_checker, editor):
    proposal = reload(submitted_verdict).propose_changes(by=editor, changes={"summary": "Close: 4.0%."})
    with pytest.raises(ValidationError, match="Your proposed changes wait for Alice Adeyemi"):
        reload(submitted_verdict).publish(by=editor)
    assert "publish" not in reload(submitted_verdict).available_transitions(editor)
    proposal.withdraw(by=editor)
    reload(submitted_verdict).publish(by=editor)
    assert reload(submitted_verdict).published_at is not None


def test_nobody_accepts_their_own_proposal(submitted_verdict, editor, second_editor):
    proposal = reload(submitted_verdict).propose_changes(by=editor, changes={"summary": "Close: 4.0%."})
    with pytest.raises(PermissionDenied, match="You proposed these changes"):
        proposal.accept(by=editor)
    with pytest.raises(PermissionDenied, match="Only the verdict's authors"):
        reload(proposal).accept(by=second_editor)
    assert reload(submitted_verdict).summary == "Close: the figure was 4.0%."


def test_the_database_refuses_a_proposal_answered_by_its_proposer(submitted_verdict, editor):
    proposal = reload(submitted_verdict).propose_changes(by=editor, changes={"summary": "Close: 4.0%."})
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictProposal.objects.filter(pk=proposal.pk).update(
            state=VerdictProposal.State.ACCEPTED, decided_by=editor, decided_at=proposal.proposed_at
        )


def test_the_database_refuses_a_change_accepted_by_whoever_proposed_it(submitted_verdict, editor):
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictChange.objects.create(
            verdict=submitted_verdict, changed_by=editor, proposed_by=editor, fields=["summary"]
        )


def test_an_author_changes_their_verdict_directly_rather_than_proposing(written_verdict, fact_checker):
    with pytest.raises(PermissionDenied, match="change it directly"):
        written_verdict.propose_changes(by=fact_checker, changes={"summary": "Mine."})


def test_one_proposal_waits_at_a_time(submitted_verdict, editor, second_editor):
    reload(submitted_verdict).propose_changes(by=editor, changes={"summary": "Close: 4.0%."})
    with pytest.raises(ValidationError, match="Charlie Castillo already proposed changes"):
        reload(submitted_verdict).propose_changes(by=second_editor, changes={"summary": "Another."})
    with pytest.raises(IntegrityError), transaction.atomic():
        VerdictProposal.objects.create(verdict=submitted_verdict, proposed_by=second_editor, parts=["summary"])


def test_a_proposal_of_the_words_as_they_stand_is_refused(submitted_verdict, editor):
    with pytest.raises(ValidationError, match="nothing to propose"):
        reload(submitted_verdict).propose_changes(by=editor, changes={"summary": "Close: the figure was 4.0%."})


def test_accepting_what_changed_since_it_was_shown_is_refused(submitted_verdict, fact_checker, editor):
    proposal = reload(submitted_verdict).propose_changes(by=editor, changes={"summary": "Close: 4.0%."})
    shown = reload(submitted_verdict).version
    reload(submitted_verdict).send_back(by=editor, comments="And cite the revision.")
    with pytest.raises(StaleEditError):
        reload(proposal).accept(by=fact_checker, version=shown)
    reload(proposal).accept(by=fact_checker, version=reload(submitted_verdict).version)
    assert reload(submitted_verdict).summary == "Close: 4.0%."


def test_proposed_sources_replace_the_verdicts_when_accepted(submitted_verdict, fact_checker, editor):
    kept = reload(submitted_verdict).substance()["sources"][0]
    revision = {
        "title": "Labour market revision",
        "publisher": "Statistics office",
        "url": "https://stats.example/revision",
        "accessed_on": "2026-04-02",
    }
    proposal = reload(submitted_verdict).propose_changes(
        by=editor, changes={}, sources=[{**kept, "title": "Labour market, March (revised)"}, revision]
    )
    assert proposal.parts == ["sources"]
    proposal.accept(by=fact_checker)
    titles = list(reload(submitted_verdict).sources.values_list("title", "accessed_on"))
    assert titles[0][0] == "Labour market, March (revised)"
    assert titles[1] == ("Labour market revision", date(2026, 4, 2))
    since = VerdictChange.objects.filter(fields=["sources"], changed_at__gte=proposal.proposed_at)
    assert set(since.values_list("changed_by", "proposed_by")) == {(fact_checker.pk, editor.pk)}
    reload(submitted_verdict).publish(by=editor)


def test_the_author_answers_a_proposal_before_submitting(written_verdict, fact_checker, editor):
    written_verdict.claim.start_research(by=fact_checker)
    proposal = reload(written_verdict).propose_changes(by=editor, changes={"summary": "Close: 4.0%."})
    with pytest.raises(ValidationError, match="Charlie Castillo proposed changes to this verdict: accept or reject"):
        reload(written_verdict).submit_for_review(by=fact_checker)
    proposal.accept(by=fact_checker)
    reload(written_verdict).submit_for_review(by=fact_checker)
    reload(written_verdict).publish(by=editor)


def test_an_editor_who_writes_into_a_verdict_directly_still_cannot_publish_it(submitted_verdict, editor):
    """The rule without a proposal: whoever changed the words directly is an author."""
    verdict = reload(submitted_verdict)
    verdict.summary = "Typed in directly."
    record_change(verdict, by=editor, reason="Edited")
    verdict.save()
    with pytest.raises(PermissionDenied, match="co-author"):
        reload(submitted_verdict).publish(by=editor)


def test_a_correction_fixed_by_the_editor_goes_through_the_fact_checker(published_verdict, fact_checker, editor):
    """The editor asks for a correction and writes the fix and the note; the fact-checker takes them in."""
    correction = reload(published_verdict).start_correction(by=editor)
    proposal = correction.propose_changes(
        by=editor,
        changes={"summary": "Close: revised to 4.1%.", "correction_note": "The office revised March to 4.1%."},
    )
    proposal.accept(by=fact_checker)
    reload(correction).submit_for_review(by=fact_checker)
    reload(correction).publish(by=editor)
    assert reload(correction).is_current
    assert reload(correction).correction_note == "The office revised March to 4.1%."
