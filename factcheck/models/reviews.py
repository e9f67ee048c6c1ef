"""The review steps of a verdict under the two-person rule: submit, send back, publish, correct, and
the refusals that keep whoever wrote or changed a verdict from publishing it alone.

Mixins of `Verdict` (factcheck.models.verdicts).
"""

from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from factcheck.models.base import (
    StaleEditError,
    acting_user,
    display_name,
    record_change,
    require_permission,
    staff_name,
)
from factcheck.models.claims import Claim

if TYPE_CHECKING:
    from factcheck.models.verdicts import Verdict


def editors():
    """The active users who may publish verdicts (the Editor role, or a superuser)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.with_perm(
        "factcheck.publish_verdict", backend="django.contrib.auth.backends.ModelBackend"
    )


def match_repeats_of_published_claim(claim_id: int) -> None:
    """Queue the search for the desk's unchecked claims that repeat a claim just published or corrected."""
    from factcheck.tasks import match_repeats_of

    match_repeats_of.enqueue(claim_id)


class ReviewRules:
    """The two-person rule's refusals: who may submit, send back, publish and correct, and when."""

    def _lock(self) -> "tuple[Claim, Verdict]":
        """Lock the claim row for the rest of the transaction and return it with this verdict as stored now.

        Every transition goes through here, so transitions on one claim run one
        after the other and each sees what the previous one committed.
        """
        from factcheck.models.verdicts import Verdict

        claim = Claim.objects.select_for_update().get(pk=self.claim_id)
        return claim, Verdict.objects.select_related("reviewer", "author", "corrects").get(pk=self.pk)

    def _refuse_if_incomplete(self, action: str) -> None:
        missing = self.missing_parts()
        if missing:
            needs = missing[0] if len(missing) == 1 else f"{', '.join(missing[:-1])} and {missing[-1]}"
            raise ValidationError(f"This verdict cannot be {action} yet: it needs {needs}.")

    def _refuse_submit(self, by, claim: Claim) -> None:
        require_permission(by, "factcheck.change_verdict", "You don't have permission to submit verdicts.")
        if self.published_at:
            raise ValidationError("This verdict is already published; start a correction to change it.")
        if self.submitted_at:
            raise ValidationError("This verdict is already waiting for review.")
        if (proposal := self.open_proposal()) is not None:
            raise ValidationError(
                f"{staff_name(proposal.proposed_by)} proposed changes to this verdict: accept or reject them first."
            )
        allowed = [claim.Status.PUBLISHED] if self.corrects_id else claim.CHECKING_STATUSES
        if claim.status not in allowed:
            raise ValidationError(
                f"The claim is “{claim.get_status_display()}”, so this verdict cannot be submitted for review."
            )

    def _refuse_send_back(self, by, claim: Claim) -> None:
        require_permission(by, "factcheck.publish_verdict", "Only an editor can send a verdict back.")
        if by.pk in self.authors_at_submission():
            raise PermissionDenied("You wrote this verdict, so another editor reviews it.")
        if self.published_at or not self.submitted_at or claim.status != self._status_in_review(claim):
            raise ValidationError("Only a verdict waiting for review can be sent back.")

    def credited_people(self) -> list:
        """Every author of this version and the versions it corrects, as the public page credits them."""
        people = []
        for version in self.versions():
            people += [person for person in version.authors() if person not in people]
        return people

    def possible_reviewers(self):
        """The people who could publish this verdict: active editors who are not among its authors. Empty on
        a desk whose only editor wrote it, where it waits until someone else is given the Editor role."""
        return editors().exclude(pk__in=[person.pk for person in self.authors()])

    def may_publish_alone(self, by) -> bool:
        """True when `by`, an author, may still publish: FACTCHECK_SOLO_CORRECTIONS lets a one-editor
        desk publish a correction of its own that changes no rating and none of the claim's wording
        (marked so in public)."""
        return bool(
            settings.FACTCHECK_SOLO_CORRECTIONS
            and self.corrects_id
            and self.rating == self.corrects.rating
            and not self.wording_differences(self.claim)
            and by.has_perm("factcheck.publish_verdict")
        )

    def _refuse_publish(self, by, claim: Claim) -> bool:
        """Raise when `by` may not publish now; return True when they publish alone (a solo correction)."""
        require_permission(by, "factcheck.publish_verdict", "Only an editor can publish a verdict.")
        solo = False
        if by.pk in self.authors_at_submission():
            if not self.may_publish_alone(by):
                raise PermissionDenied(
                    "You wrote this verdict, so someone else must review and publish it (two-person rule)."
                )
            solo = True
        elif self.pk is not None and self.changes.filter(changed_by=by).exists():
            if not self.may_publish_alone(by):
                raise PermissionDenied(
                    "You changed this verdict's rating, summary, explanation, sources or claim wording, which makes "
                    "you a co-author: under the two-person rule someone else must now publish it."
                )
            solo = True
        if self.published_at:
            when = timezone.localtime(self.published_at).strftime("%Y-%m-%d %H:%M")
            raise ValidationError(f"This verdict was already published by {staff_name(self.reviewer)} at {when}.")
        if (proposal := self.open_proposal()) is not None:
            whose = "Your" if proposal.proposed_by_id == by.pk else f"{staff_name(proposal.proposed_by)}'s"
            raise ValidationError(
                f"{whose} proposed changes wait for {staff_name(self.author)} to accept or reject them: "
                "publish once they have answered (or withdraw the proposal)."
            )
        current_pk = claim.verdicts.filter(is_current=True).values_list("pk", flat=True).first()
        if current_pk is not None and current_pk != self.corrects_id:
            raise ValidationError(
                "This claim already has a published verdict; to change it, publish a correction of that verdict."
            )
        if self.corrects_id and current_pk is None:
            raise ValidationError("The verdict this correction corrects is no longer the current one.")
        if not self.submitted_at or claim.status != self._status_in_review(claim):
            raise ValidationError("This verdict has not been submitted for review yet.")
        return solo

    def _status_in_review(self, claim: Claim) -> str:
        """The claim's status while this verdict is in review: a correction leaves it published."""
        return claim.Status.PUBLISHED if self.corrects_id else claim.Status.IN_REVIEW

    def _refuse_correct(self, by, claim: Claim) -> None:
        from factcheck.models.verdicts import Verdict

        require_permission(by, "factcheck.publish_verdict", "Only an editor can correct a published verdict.")
        if not self.is_current:
            raise ValidationError("Only the current published verdict can be corrected.")
        draft = Verdict.objects.filter(corrects=self).first()
        if draft is not None:
            raise ValidationError(
                f"{draft.started_by()} has already started a correction of this verdict; work on that one."
            )


class VerdictReview(ReviewRules):
    """The review steps of a verdict under the two-person rule: submit, send back, publish, correct.
    Each step locks the claim, re-reads the verdict as stored and refuses, with the reason in words,
    what the workflow, the person's role or the two-person rule does not allow."""

    def available_transitions(self, user) -> list[str]:
        """The transitions `user` may attempt now ("submit", "send_back", "publish", "correct"),
        judged on permission and state; an incomplete verdict is refused when attempted, with what is missing."""
        checks = {
            "submit": self._refuse_submit,
            "send_back": self._refuse_send_back,
            "publish": self._refuse_publish,
            "correct": self._refuse_correct,
        }
        available = []
        for name, refuse in checks.items():
            try:
                refuse(user, self.claim)
            except (PermissionDenied, ValidationError):
                continue
            available.append(name)
        return available

    def submit_for_review(self, *, by) -> None:
        """Hand a complete verdict to an editor; its claim goes to review."""
        with transaction.atomic():
            claim, fresh = self._lock()
            fresh._refuse_submit(by, claim)
            fresh._refuse_if_incomplete("submitted for review")
            if fresh.corrects_id and not fresh.correction_note.strip():
                raise ValidationError(
                    "A correction needs its public correction note (what changed and why) before it is submitted."
                )
            claim.refuse_unconfirmed_attribution()
            fresh._refuse_bad_wording(claim, "submitted for review")
            self.submitted_at = timezone.now()
            record_change(
                self, by=by, reason="Correction submitted for review" if self.corrects_id else "Submitted for review"
            )
            self.save(update_fields=["submitted_at", "updated_at"])
            # A claim whose published verdict is being corrected stays published: readers still see that verdict.
            if not self.corrects_id:
                claim.move_to(claim.Status.IN_REVIEW, by=by, reason="Submitted for review")
                claim.save(update_fields=["status", "updated_at"])
            self.claim = claim

    def send_back(self, *, by, comments: str = "") -> None:
        """Return a submitted verdict to its author with the reviewer's comments."""
        with transaction.atomic():
            claim, fresh = self._lock()
            fresh._refuse_send_back(by, claim)
            self.submitted_at = None
            self.sent_back_at = timezone.now()
            if comments.strip():
                self.review_comments = comments.strip()
            if not self.review_comments.strip():
                raise ValidationError("Say what needs more work: the comments go back to the authors.")
            record_change(self, by=by, reason="Sent back with comments")
            self.save(update_fields=["submitted_at", "sent_back_at", "review_comments", "updated_at"])
            # A correction sent back leaves the claim published, as readers see it.
            if not self.corrects_id:
                claim.move_to(claim.Status.RESEARCHING, by=by, reason="Verdict sent back")
                claim.save(update_fields=["status", "updated_at"])
            self.claim = claim

    def publish(self, *, by) -> None:
        """Publish this verdict as the claim's current one, reviewed by `by`.

        Raises PermissionDenied when `by` may not publish it (not an editor, or one of
        its authors: whoever wrote or changed its rating, summary, explanation or
        sources, before or after it was submitted; every fact-check is approved by
        someone who did not write it) and ValidationError when the verdict or claim
        is not ready, or when a credited person has no display name. The claim row
        is locked, so of two editors publishing at once exactly one succeeds.
        """
        with transaction.atomic():
            claim, fresh = self._lock()
            solo = fresh._refuse_publish(by, claim)
            if fresh.version != self.version:
                raise StaleEditError(self)
            if any(getattr(fresh, name) != getattr(self, name) for name in self.SUBSTANCE) or (
                self.corrects_id and fresh.checked_wording() != self.checked_wording()
            ):
                raise ValidationError("This verdict has unsaved changes: save them before publishing.")
            fresh._refuse_if_incomplete("published")
            fresh._refuse_bad_wording(claim, "published")
            if self.corrects_id and not fresh.correction_note.strip():
                raise ValidationError(
                    "A correction needs a public correction note saying what changed and why before it is published."
                )
            unnamed = [person.get_username() for person in [*fresh.credited_people(), by] if not display_name(person)]
            if unnamed:
                raise ValidationError(
                    "The public page credits people by their first and last name, and "
                    f"{', '.join(dict.fromkeys(unnamed))} has none: add it under Users, then publish."
                )
            previous = claim.verdicts.filter(is_current=True).first()
            if previous is not None:
                previous.is_current = False
                record_change(previous, by=by, reason="Corrected by a newer version")
                previous.save(update_fields=["is_current", "updated_at"])
            self.published_at = timezone.now()
            self.reviewer = by
            self.is_current = True
            self.solo_correction = solo
            reason = "Correction published" if self.corrects_id else "Published"
            record_change(self, by=by, reason=f"{reason} without a second review" if solo else reason)
            # The claim's wording as readers now see it with this version: a correction's own (reviewed with
            # it, given to the claim below), else the claim's as the reviewer sees it now.
            wording = [] if self.corrects_id else list(Claim.WORDING.values())
            if not self.corrects_id:
                self.record_wording_of(claim)
            self._recording_wording = True
            try:
                self.save(
                    update_fields=["published_at", "reviewer", "is_current", "solo_correction", *wording, "updated_at"]
                )
            finally:
                self._recording_wording = False
            if claim.status != claim.Status.PUBLISHED:
                claim.move_to(claim.Status.PUBLISHED, by=by, reason="Verdict published")
            claim_wording = self._carry_wording_to(claim, by=by) if self.corrects_id else []
            # The claim carries its current rating and publication time, so the public lists sort and filter
            # on the claim's own indexed columns instead of joining its verdicts (a million claims).
            claim.current_rating, claim.current_published_at = self.rating, self.published_at
            claim.save(update_fields=["status", "current_rating", "current_published_at", *claim_wording, "updated_at"])
            self.claim = claim
            # Its repeats read as checked with this rating at once; the desk's unchecked claims are matched
            # against it by the task worker once this commits (factcheck.tasks), so the editor never waits.
            claim.refresh_repeats(by=by)
            transaction.on_commit(partial(match_repeats_of_published_claim, claim.pk))

    def start_correction(self, *, by) -> "Verdict":
        """Start a correction of this published verdict: a new draft copying its rating, text and
        sources, which replaces it when published with a correction note. This version stays readable.

        The copy is nobody's writing: the draft is in the name of the published version's author (in
        their drafts), and the editor who started it becomes an author only by changing it. So the
        editor who asked for a correction can still review and publish it once the fact-checker has
        written it (the history records who started it)."""
        from factcheck.models.verdicts import Source, Verdict

        with transaction.atomic():
            claim, fresh = self._lock()
            fresh._refuse_correct(by, claim)
            correction = Verdict(
                claim=claim,
                rating=fresh.rating,
                summary=fresh.summary,
                explanation=fresh.explanation,
                notes=fresh.notes,
                author=fresh.author,
                corrects=fresh,
            )
            # The claim's wording as readers see it, to be changed here when it was wrong.
            correction.record_wording_of(claim)
            record_change(correction, by=by, reason="Correction started")
            correction.save()
            # Copied as they are, recorded in each source's history but not as anyone's change (no save()).
            sources = list(fresh.sources.all())
            for source in sources:
                source.pk, source.verdict = None, correction
            bulk_create_with_history(
                sources, Source, default_user=acting_user(correction), default_change_reason="Copied for a correction"
            )
        return correction

    def open_proposal(self):
        """The changes someone proposed to this verdict that its authors have not answered yet, or None."""
        if self.pk is None:
            return None
        return self.proposals.filter(state="open").select_related("proposed_by").first()

    def propose_changes(self, *, by, changes: dict, sources: "list[dict] | None" = None, message: str = ""):
        """Propose new words for this verdict, which someone else wrote; see VerdictProposal."""
        from factcheck.models.proposals import VerdictProposal

        return VerdictProposal.make(self, by=by, changes=changes, sources=sources, message=message)

    def started_by(self):
        """Who started this verdict or correction (its first saved version's user), else its author."""
        first = self.history.order_by("history_date").select_related("history_user").first()
        return (first.history_user if first else None) or self.author
