"""Verdicts: a fact-checker's rating of a claim with its sources, the changes that make someone its
author, and the claim's wording as checked. The review steps under the two-person rule (submit, send
back, publish, correct) are in factcheck.models.reviews.

A claim may get successive verdicts (corrections), and exactly one published verdict is current. The
rules that must never break are database constraints as well as Python.
"""

import copy

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, OuterRef, Q, Subquery
from django.utils import timezone
from simple_history.models import HistoricalRecords

from factcheck.models.base import (
    VersionedModel,
    acting_user,
    display_name,
    fingerprint,
    record_change,
)
from factcheck.models.claims import Claim
from factcheck.models.reviews import VerdictReview


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

    def delete(self, *args, **kwargs):
        """Delete a draft. A published version is part of the public record, refused whoever asks (a
        superuser too): deleting it left its claim "Published" with no verdict, and the fact-check, its
        sources and its corrections gone without a word. A mistake in it is put right by a correction."""
        if self.published_at:
            raise ValidationError("A published verdict is never deleted: correct it instead (“Correct this verdict”).")
        return super().delete(*args, **kwargs)

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
