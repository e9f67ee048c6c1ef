"""Verdicts: a fact-checker's rating of a claim with its sources, the changes that make someone its
author, and the review steps under the two-person rule (submit, send back, publish, correct).

A claim may get successive verdicts (corrections), and exactly one published verdict is current. The
rules that must never break are database constraints as well as Python.
"""

import copy
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from factcheck.models.base import (
    StaleEditError,
    VersionedModel,
    acting_user,
    display_name,
    fingerprint,
    record_change,
    require_permission,
    staff_name,
)
from factcheck.models.claims import Claim


def match_repeats_of_published_claim(claim_id: int) -> None:
    """Queue the search for the desk's unchecked claims that repeat a claim just published or corrected."""
    from factcheck.tasks import match_repeats_of

    match_repeats_of.enqueue(claim_id)


class VerdictQuerySet(models.QuerySet):
    def published(self) -> "VerdictQuerySet":
        """Every published version, current or corrected since."""
        return self.filter(published_at__isnull=False)

    def current(self) -> "VerdictQuerySet":
        return self.filter(is_current=True)

    def corrections(self) -> "VerdictQuerySet":
        """Published versions that correct an earlier published version."""
        return self.published().filter(corrects__isnull=False)

    def unpublished(self) -> "VerdictQuerySet":
        return self.filter(published_at__isnull=True)

    def waiting_for_review(self) -> "VerdictQuerySet":
        """Submitted and not yet published or sent back, longest-waiting first."""
        return self.unpublished().filter(submitted_at__isnull=False).order_by("submitted_at", "pk")

    def drafts(self) -> "VerdictQuerySet":
        """Being written: neither submitted nor published (sent-back verdicts included)."""
        return self.unpublished().filter(submitted_at__isnull=True, claim__status__in=Claim.WORKING_STATUSES)

    def authored_by(self, user) -> "VerdictQuerySet":
        """Verdicts `user` started or changed the substance of."""
        return self.filter(Q(author=user) | Q(changes__changed_by=user)).distinct()

    def with_first_published(self) -> "VerdictQuerySet":
        """Annotate `first_published_at`: when the claim's fact-check first appeared, whatever its corrections since.

        A correction is a new version, but readers, feeds and search engines see one
        fact-check first published on this date and updated at each correction.
        """
        first = (
            Verdict.objects.filter(claim=OuterRef("claim"), published_at__isnull=False)
            .order_by("published_at")
            .values("published_at")[:1]
        )
        return self.annotate(first_published_at=Subquery(first))


class ReviewRules:
    """The two-person rule's refusals: who may submit, send back, publish and correct, and when."""

    def _lock(self) -> "tuple[Claim, Verdict]":
        """Lock the claim row for the rest of the transaction and return it with this verdict as stored now.

        Every transition goes through here, so transitions on one claim run one
        after the other and each sees what the previous one committed.
        """
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


class VerdictWording:
    """The claim's wording as checked (Claim.WORDING, kept in the verdict's checked_* fields): what readers
    saw with each version, and the new wording a correction carries to the claim when it is published."""

    # How the history of changes (VerdictChange.fields) and the public page name each part.
    WORDING_PARTS = {
        "checked_text": "claim's words",
        "checked_claimant": "claimant",
        "checked_quotation": "quoted or paraphrased",
        "checked_said_on": "said on",
        "checked_said_at": "time in the recording",
        "checked_venue": "where it was said",
        "checked_original_url": "original web address",
    }
    # What a correction changed of the claim, in a reader's words (see wording_changes()).
    WORDING_CHANGE_LABELS = {
        "text": "the claim's words",
        "claimant": "who made it",
        "quotation": "whether its words are quoted or paraphrased",
        "said_on": "when it was said",
        "said_at": "the time in the recording",
        "venue": "where it was said",
        "original_url": "the address of the original",
    }

    def checked_wording(self) -> dict:
        """The wording this version records, keyed like Claim.wording() (the claimant as its pk)."""
        return {name: getattr(self, self._meta.get_field(field).attname) for name, field in Claim.WORDING.items()}

    @property
    def records_wording(self) -> bool:
        """False for versions published before the wording was recorded on each (their checked_* are blank)."""
        return bool(self.checked_text)

    def record_wording_of(self, claim: Claim) -> None:
        """Set checked_* to the claim's wording as it stands (in memory; the caller saves)."""
        for name, value in claim.wording().items():
            setattr(self, self._meta.get_field(Claim.WORDING[name]).attname, value)

    def wording_differences(self, claim: Claim) -> list[str]:
        """The Claim.WORDING names whose value here differs from `claim`'s: what publishing this correction
        changes of the claim (empty for a version that records no wording)."""
        if not self.records_wording:
            return []
        current, checked = claim.wording(), self.checked_wording()
        return [name for name in Claim.WORDING if current[name] != checked[name]]

    def wording_changes(self) -> list[str]:
        """What this published correction changed of the claim, in a reader's words: empty when it changed
        none of it (or either version records no wording)."""
        if not (self.corrects_id and self.published_at and self.corrects.records_wording and self.records_wording):
            return []
        before, after = self.corrects.checked_wording(), self.checked_wording()
        return [self.WORDING_CHANGE_LABELS[name] for name in Claim.WORDING if before[name] != after[name]]

    def claim_as_checked(self) -> "Claim | None":
        """The claim as readers saw it with this version, when that differs from the claim as it stands
        (an unsaved copy with this version's wording, for showing an earlier version); otherwise None."""
        if not self.wording_differences(self.claim):
            return None
        then = copy.copy(self.claim)
        for name, field in Claim.WORDING.items():
            attname = self._meta.get_field(field).attname
            setattr(then, Claim._meta.get_field(name).attname, getattr(self, attname))
        return then

    def wording_problems(self, claim: Claim) -> list[str]:
        """Why the wording this correction carries cannot become the claim's: empty when it can."""
        problems = []
        if not self.checked_text.strip():
            problems.append("The claim's words are empty.")
        if self.checked_claimant_id is None and self.checked_quotation:
            problems.append("With no claimant the claim is the article's own: it is neither quoted nor paraphrased.")
        if self.checked_claimant_id is not None and not self.checked_quotation:
            problems.append("Say whether the claimant's words are quoted or paraphrased.")
        if (
            "text" in self.wording_differences(claim)
            and Claim.objects.filter(article_id=claim.article_id, fingerprint=fingerprint(self.checked_text))
            .exclude(pk=claim.pk)
            .exists()
        ):
            problems.append("Another claim of the same article already has these words.")
        return problems

    def _refuse_bad_wording(self, claim: Claim, action: str) -> None:
        if self.corrects_id and (problems := self.wording_problems(claim)):
            raise ValidationError(f"This correction cannot be {action} yet: {' '.join(problems)}")

    def _carry_wording_to(self, claim: Claim, *, by) -> list[str]:
        """Give the claim this published correction's wording; return the claim's fields to save.

        A changed claimant or quotation counts as confirmed by `by`, who reviewed it against the
        correction's author (the two-person rule), so the claim is not sent back to confirmation."""
        changed = self.wording_differences(claim)
        if not changed:
            return []
        for name in changed:
            attname = Claim._meta.get_field(name).attname
            setattr(claim, attname, getattr(self, self._meta.get_field(Claim.WORDING[name]).attname))
        fields = [*changed, "fingerprint"]
        if {"claimant", "quotation"} & set(changed):
            claim.attribution_confirmed_by, claim.attribution_confirmed_at = by, timezone.now()
            claim._confirming_attribution = True
            fields += ["attribution_confirmed_by", "attribution_confirmed_at"]
        claim._wording_change_allowed = True
        record_change(claim, by=by, reason=f"Changed by a published correction: {', '.join(changed)}"[:100])
        return fields


class VerdictSubstance:
    """A verdict's substance, what readers are told (rating, summary, explanation, correction note):
    who may change it, and the record that they did."""

    SUBSTANCE = ("rating", "summary", "explanation", "correction_note")

    def refuse_substance_change(self, *, by):
        """Return who is changing the verdict's substance (nobody known: its author), or raise
        PermissionDenied when they may not: the verdict is published, or in review and they submitted it
        (unless they are accepting changes proposed to them: see VerdictProposal.accept)."""
        by = by or self.author
        if self.pk is None:
            return by
        stored = Verdict._base_manager.filter(pk=self.pk).values("submitted_at", "published_at").first() or {}
        if stored.get("published_at"):
            raise PermissionDenied("This verdict is published; change it by starting a correction.")
        accepting = getattr(self, "_accepting", None)
        if accepting is not None and accepting.decided_by_id == by.pk:
            return by
        if stored.get("submitted_at") and by.pk in self.authors_at_submission(stored["submitted_at"]):
            raise PermissionDenied(
                "This verdict is waiting for review, so its authors cannot change it until an editor sends it back."
            )
        return by

    def record_substance_change(self, *, by, fields: list[str]) -> None:
        """Record that `by` changed these parts of the verdict (they become an author), and who proposed
        the change when `by` is accepting someone's proposal (VerdictProposal.accept)."""
        accepting = getattr(self, "_accepting", None)
        VerdictChange.objects.create(
            verdict=self, changed_by=by, fields=fields, proposed_by=accepting.proposed_by if accepting else None
        )

    def substance(self) -> dict:
        """What readers rely on, as plain values: rating, summary, explanation, correction note, and the
        sources (each a dict with its id, title, publisher, url and accessed_on as text)."""
        return {
            **{name: getattr(self, name) for name in self.SUBSTANCE},
            "sources": [source.as_dict() for source in self.sources.all()] if self.pk else [],
        }

    def _substance_changed(self, update_fields) -> list[str]:
        """Which of rating, summary, explanation, correction note and the claim's wording as checked (named
        as WORDING_PARTS says) this save changes (all that are filled in, when new)."""
        attnames = {name: name for name in self.SUBSTANCE}
        attnames |= {name: self._meta.get_field(name).attname for name in Claim.WORDING.values()}
        if self._state.adding or self.pk is None:
            names = [name for name in attnames if getattr(self, attnames[name]) not in ("", None)]
        else:
            wanted = [
                name
                for name, attname in attnames.items()
                if update_fields is None or {name, attname} & set(update_fields)
            ]
            stored = Verdict._base_manager.filter(pk=self.pk).values(*(attnames[n] for n in wanted)).first()
            names = [n for n in wanted if stored is not None and stored[attnames[n]] != getattr(self, attnames[n])]
        return list(dict.fromkeys(self.WORDING_PARTS.get(name, name) for name in names))


class Verdict(VerdictReview, VerdictWording, VerdictSubstance, VersionedModel):
    """A fact-checker's rating of a claim, with its evidence."""

    class Rating(models.TextChoices):
        # Ordered from worst to best; the ClaimReview ratingValue is the position (1–5).
        FALSE = "false", "False"
        MOSTLY_FALSE = "mostly_false", "Mostly false"
        HALF_TRUE = "half_true", "Half true"
        MOSTLY_TRUE = "mostly_true", "Mostly true"
        TRUE = "true", "True"

    RATING_DEFINITIONS = {
        Rating.FALSE: "The claim is inaccurate: the evidence contradicts it.",
        Rating.MOSTLY_FALSE: (
            "The claim contains an element of truth but ignores facts that would give a different impression."
        ),
        Rating.HALF_TRUE: (
            "The claim is partially accurate but leaves out important details or takes things out of context."
        ),
        Rating.MOSTLY_TRUE: "The claim is accurate but needs clarification or additional information.",
        Rating.TRUE: "The claim is accurate and nothing significant is missing.",
    }

    # What a reader relies on; whoever changes any of it (or the sources) becomes an author. A correction's
    # public note is part of it: whoever writes the note cannot also be the one who publishes it.

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="verdicts")
    rating = models.CharField(max_length=20, choices=Rating, blank=True)
    summary = models.CharField(max_length=300, blank=True, help_text="One-line conclusion readers see first.")
    explanation = models.TextField(blank=True, help_text="The full reasoning (Markdown).")
    notes = models.TextField(blank=True, help_text="Internal research notes. Never published.")
    review_comments = models.TextField(blank=True, help_text="The reviewer's comments. Never published.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts_written")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="verdicts_reviewed"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    sent_back_at = models.DateTimeField(
        null=True, blank=True, help_text="When an editor last sent it back to its authors with comments."
    )
    published_at = models.DateTimeField(null=True, blank=True)
    solo_correction = models.BooleanField(
        default=False,
        editable=False,
        help_text="A correction its own author published without a second review (FACTCHECK_SOLO_CORRECTIONS).",
    )
    is_current = models.BooleanField(default=False, editable=False, help_text="The published version readers see.")
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
        help_text="The earlier published version this one corrects.",
    )
    correction_note = models.TextField(blank=True, help_text="Public note: what changed and why.")
    # The claim as checked (Claim.WORDING): its words, claimant, quotation, date and place as readers saw
    # them with this version. A first verdict records them from the claim when it is published; a
    # correction starts with the claim's and may carry new ones, which the claim takes only when someone
    # other than its authors publishes it. Blank on versions published before they were recorded.
    checked_text = models.TextField("the claim's words", blank=True)
    checked_claimant = models.ForeignKey(
        "factcheck.Actor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="claimant",
        help_text="Who made the claim; empty when it is the article's own assertion.",
    )
    checked_quotation = models.CharField("quoted or paraphrased", max_length=10, choices=Claim.Quotation, blank=True)
    checked_said_on = models.DateField("said on", null=True, blank=True)
    checked_said_at = models.DurationField("time in the recording", null=True, blank=True)
    checked_venue = models.CharField("where it was said", max_length=20, choices=Claim.Venue, blank=True)
    checked_original_url = models.URLField("original web address", max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VerdictQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        permissions = [("publish_verdict", "Can publish and correct verdicts")]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"], condition=Q(is_current=True), name="one_current_verdict_per_claim"
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | Q(published_at__isnull=False), name="current_verdict_is_published"
            ),
            models.CheckConstraint(
                condition=Q(rating__in=["", "false", "mostly_false", "half_true", "mostly_true", "true"]),
                name="verdict_rating_valid",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | (Q(reviewer__isnull=False) & ~Q(rating="")),
                name="published_verdict_has_reviewer_and_rating",
            ),
            models.CheckConstraint(
                condition=Q(reviewer__isnull=True)
                | ~Q(reviewer=F("author"))
                | (Q(solo_correction=True) & Q(corrects__isnull=False)),
                name="verdict_reviewer_is_not_author",
            ),
            # A correction is drafted before its note is written; the note is required once readers see it.
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | Q(published_at__isnull=True) | ~Q(correction_note=""),
                name="published_correction_has_note",
            ),
        ]
        indexes = [
            models.Index(fields=["-published_at"], name="verdict_published_idx"),
            # The feeds and /api/claimreview.json: current verdicts, newest first, after a given one.
            models.Index(
                fields=["-published_at", "-id"], condition=Q(is_current=True), name="verdict_current_recent_idx"
            ),
            models.Index(fields=["rating"], name="verdict_rating_idx"),
        ]

    def __str__(self):
        label = self.get_rating_display() or "Draft, not yet rated"
        return f"{label}: {self.claim}"

    def save(self, *args, **kwargs):
        """Save, recording who changed the rating, summary or explanation (they become an author).

        Refused while the verdict is in review if the person saving is one of the authors who
        submitted it, and once it is published (a published verdict changes only through a correction).
        """
        with transaction.atomic():
            # A correction is created only by start_correction, as a copy of the published version:
            # nobody's writing, so nobody becomes its author by that save.
            copy = self._state.adding and self.corrects_id is not None
            # Publishing records the claim's wording as checked: the reviewer's step, nobody's writing.
            recording = getattr(self, "_recording_wording", False)
            changed = [] if copy or recording else self._substance_changed(kwargs.get("update_fields"))
            if changed:
                by = self.refuse_substance_change(by=acting_user(self))
            super().save(*args, **kwargs)
            if changed:
                self.record_substance_change(by=by, fields=changed)

    def get_absolute_url(self):
        return self.claim.get_absolute_url()

    @property
    def in_review(self) -> bool:
        return bool(self.submitted_at) and not self.published_at

    @property
    def sent_back(self) -> bool:
        """Returned to its authors with comments and not resubmitted yet."""
        return bool(self.sent_back_at) and not self.submitted_at and not self.published_at

    def authors(self) -> list:
        """Everyone who wrote this version: whoever started it, then each person who changed its
        rating, summary, explanation or sources, in the order they first did."""
        people = [self.author]
        if self.pk is not None:
            prefetched = "changes" in getattr(self, "_prefetched_objects_cache", {})
            for change in self.changes.all() if prefetched else self.changes.select_related("changed_by"):
                if change.changed_by_id not in {person.pk for person in people}:
                    people.append(change.changed_by)
        return people

    def authors_at_submission(self, submitted_at=None) -> set[int]:
        """The pks of the authors who submitted it: who wrote it before it was (last) submitted."""
        submitted_at = submitted_at or self.submitted_at
        pks = {self.author_id}
        if submitted_at and self.pk is not None:
            pks |= set(self.changes.filter(changed_at__lte=submitted_at).values_list("changed_by", flat=True))
        return pks

    def versions(self, loaded: "list[Verdict] | None" = None) -> "list[Verdict]":
        """This version and every version it corrects, oldest first; taken from `loaded` (versions
        already fetched, e.g. every published version of the claim) where it holds them."""
        by_pk = {version.pk: version for version in loaded or []}
        chain, version = [self], self
        while version.corrects_id:
            version = by_pk.get(version.corrects_id) or version.corrects
            chain.insert(0, version)
        return chain

    def credits(self, loaded: "list[Verdict] | None" = None) -> list[tuple[str, list[str]]]:
        """Who the public page credits, by display name: the fact-checkers of the first published
        version (kept after corrections), those who wrote each correction, and the reviewers.
        `loaded`: the claim's versions already fetched (see versions())."""
        chain = self.versions(loaded)
        first_authors = [display_name(person) for person in chain[0].authors()]
        later_authors = []
        for version in chain[1:]:
            later_authors += [display_name(person) for person in version.authors()]
        reviewers = [display_name(version.reviewer) for version in chain if version.reviewer_id]

        def unique(names, skip=()):
            return [name for n, name in enumerate(names) if name and name not in names[:n] and name not in skip]

        credits = [("Checked by", unique(first_authors))]
        if unique(later_authors, first_authors):
            credits.append(("Corrected by", unique(later_authors, first_authors)))
        if self.solo_correction:
            credits.append(("Correction published without a second review by", [display_name(self.reviewer)]))
            reviewers = [display_name(version.reviewer) for version in chain[:-1] if version.reviewer_id]
        if unique(reviewers):
            credits.append(("Reviewed by", unique(reviewers)))
        return credits

    @property
    def rating_value(self) -> int | None:
        """The rating as a number for ClaimReview: 1 (false) to 5 (true)."""
        values = list(self.Rating.values)
        return values.index(self.rating) + 1 if self.rating in values else None

    @property
    def rating_definition(self) -> str:
        return self.RATING_DEFINITIONS.get(self.rating, "")

    def missing_parts(self) -> list[str]:
        """What the verdict still needs before review: empty when it is complete."""
        missing = [
            label
            for label, present in [
                ("a rating", self.rating),
                ("a summary", self.summary.strip()),
                ("an explanation", self.explanation.strip()),
            ]
            if not present
        ]
        if self.pk is None or not self.sources.exists():
            missing.append("at least one source")
        return missing


class Source(models.Model):
    """A piece of evidence a verdict relies on."""

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(max_length=1000)
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=200, blank=True)
    accessed_on = models.DateField()

    history = HistoricalRecords()

    # A change to any of these is a change to the verdict's substance.
    COMPARED = ("url", "title", "publisher", "accessed_on")

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        """Save, recording the change to the verdict's sources and who made it (they become an author)."""
        with transaction.atomic():
            stored = None if self._state.adding else Source._base_manager.filter(pk=self.pk).values(*self.COMPARED)
            changed = stored is None or not stored.exists() or stored.get() != self._compared_values()
            if changed:
                by = self.verdict.refuse_substance_change(by=acting_user(self))
            super().save(*args, **kwargs)
            if changed:
                self.verdict.record_substance_change(by=by, fields=["sources"])

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            by = self.verdict.refuse_substance_change(by=acting_user(self))
            self.verdict.record_substance_change(by=by, fields=["sources"])
            return super().delete(*args, **kwargs)

    def _compared_values(self) -> dict:
        return {name: getattr(self, name) for name in self.COMPARED}

    def as_dict(self) -> dict:
        """The source as plain values (its date as YYYY-MM-DD), as a proposal stores and compares it."""
        return {
            "id": self.pk,
            "title": self.title,
            "publisher": self.publisher,
            "url": self.url,
            "accessed_on": str(self.accessed_on or ""),
        }


class VerdictChange(models.Model):
    """One change to a verdict's substance (rating, summary, explanation or sources) and who made it.

    Whoever appears here is one of the verdict's authors, so can never be the one who publishes it.
    """

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdict_changes")
    changed_at = models.DateTimeField(default=timezone.now)
    fields = models.JSONField(default=list, help_text="What changed: rating, summary, explanation, sources.")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who proposed the change, when its author made it by accepting someone's proposal.",
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["verdict", "changed_by"], name="verdict_change_by_idx")]
        constraints = [
            # Whoever proposed words never accepts them: two people have seen them.
            models.CheckConstraint(
                condition=Q(proposed_by__isnull=True) | ~Q(proposed_by=F("changed_by")),
                name="verdict_change_not_accepted_by_its_proposer",
            ),
        ]

    def __str__(self):
        return f"{self.changed_by} changed {', '.join(self.fields)} on {self.changed_at:%Y-%m-%d %H:%M}"
