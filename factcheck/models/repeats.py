"""Repeats: links between a claim and an earlier one it repeats, and the stored sentence embeddings
the matcher finds them with."""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from factcheck.models.base import require_permission
from factcheck.models.claims import Claim
from factcheck.models.verdicts import Verdict


class ClaimMatchQuerySet(models.QuerySet):
    def open(self) -> "ClaimMatchQuerySet":
        """Links and suggestions nobody has decided on yet."""
        return self.filter(state__in=[ClaimMatch.State.LINKED, ClaimMatch.State.SUGGESTED])

    def confirmed(self) -> "ClaimMatchQuerySet":
        return self.filter(state=ClaimMatch.State.CONFIRMED)

    def repeating(self) -> "ClaimMatchQuerySet":
        """Links that make the claim a repeat of the original: linked automatically, or confirmed."""
        return self.filter(state__in=[ClaimMatch.State.LINKED, ClaimMatch.State.CONFIRMED])


class ClaimMatch(models.Model):
    """A claim found to repeat one the desk has already checked (or is checking), in other words.

    The importer (and, when a verdict is published, the task worker) links a claim
    to an earlier one when the matcher is sure (``LINKED``: "already checked") and
    suggests the link when it is less sure; an editor confirms or rejects either.
    A linked or confirmed repeat of a published claim shares its verdict (the claim's
    status is "Already checked", ``Claim.follow_original``), and the earlier claim
    lists each confirmed one as another appearance: who said it, when, in which article.
    """

    class State(models.TextChoices):
        SUGGESTED = "suggested", "Suggested repeat"
        LINKED = "linked", "Already checked (automatic)"
        CONFIRMED = "confirmed", "Confirmed repeat"
        REJECTED = "rejected", "Not a repeat"

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="matches", help_text="The claim that repeats the earlier one."
    )
    original = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="repeats", help_text="The earlier claim it repeats."
    )
    score = models.FloatField(help_text="0–1: the matcher's probability that the two are the same claim.")
    differences = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the claim says in place of the original's, when they differ only so (“240 vs 24”).",
    )
    state = models.CharField(max_length=20, choices=State, default=State.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClaimMatchQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = "repeat"
        constraints = [
            models.UniqueConstraint(fields=["claim", "original"], name="claim_match_unique_pair"),
            models.UniqueConstraint(
                fields=["claim"], condition=Q(state="confirmed"), name="claim_match_one_confirmed_original"
            ),
            models.CheckConstraint(condition=~Q(claim=F("original")), name="claim_match_not_itself"),
            models.CheckConstraint(condition=Q(score__gte=0) & Q(score__lte=1), name="claim_match_score_0_1"),
            models.CheckConstraint(
                condition=Q(state__in=["suggested", "linked", "confirmed", "rejected"]), name="claim_match_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["original", "state"], name="claim_match_original_idx")]

    def __str__(self):
        return f"{self.claim} — repeats — {self.original}"

    def confirm(self, *, by) -> None:
        """An editor agrees the claim repeats the original: the original gains it as an appearance, and
        the claim (unless it has a verdict of its own) reads as already checked with the original's
        verdict, now or once that is published."""
        require_permission(by, "factcheck.dismiss_claim", "Only an editor can confirm a repeat.")
        with transaction.atomic():
            claim = Claim.objects.select_for_update().get(pk=self.claim_id)
            if ClaimMatch.objects.confirmed().filter(claim=claim).exclude(pk=self.pk).exists():
                raise ValidationError("This claim is already confirmed as a repeat of another claim.")
            self._decide(ClaimMatch.State.CONFIRMED, by=by)
            claim.follow_original(by=by)

    def reject(self, *, by) -> None:
        """An editor says the claim is not a repeat; the link is kept, as rejected, so it is not suggested
        again, and a claim that read as already checked because of it is awaiting a check again."""
        require_permission(by, "factcheck.dismiss_claim", "Only an editor can reject a repeat.")
        with transaction.atomic():
            claim = Claim.objects.select_for_update().get(pk=self.claim_id)
            self._decide(ClaimMatch.State.REJECTED, by=by)
            claim.follow_original(by=by)

    def original_summary(self, verdict: "Verdict | None" = None) -> str:
        """ "rated False on 3 March 2026: <the original claim>", or how far its check has gone."""
        verdict = verdict if verdict is not None else self.original.current_verdict()
        if verdict is None:
            return f"{self.original.get_status_display().lower()}: {self.original}"
        when = timezone.localtime(verdict.published_at)
        return f"rated {verdict.get_rating_display()} on {when:%-d %B %Y}: {self.original}"

    def _decide(self, state: str, *, by) -> None:
        fresh = ClaimMatch.objects.select_for_update().get(pk=self.pk)
        if fresh.state in (ClaimMatch.State.CONFIRMED, ClaimMatch.State.REJECTED):
            raise ValidationError(f"This repeat was already {fresh.get_state_display().lower()} by {fresh.decided_by}.")
        self.state, self.decided_by, self.decided_at = state, by, timezone.now()
        self.save(update_fields=["state", "decided_by", "decided_at"])


class ClaimEmbeddingQuerySet(models.QuerySet):
    def store(self, claims: list["Claim"], vectors, *, batch_size: int | None = None) -> None:
        """Keep each claim's vector (``factcheck.embeddings``), replacing any it had, in one statement (or one
        per `batch_size` claims)."""
        from factcheck import embeddings

        self.bulk_create(
            [
                ClaimEmbedding(
                    claim_id=claim.pk, digest=ClaimEmbedding.digest_of(claim.text), vector=embeddings.to_bytes(vector)
                )
                for claim, vector in zip(claims, vectors, strict=True)
            ],
            update_conflicts=True,
            unique_fields=["claim"],
            update_fields=["digest", "vector"],
            batch_size=batch_size,
        )


class ClaimEmbedding(models.Model):
    """A claim's sentence embedding: what it means, as 384 numbers (``factcheck.embeddings``).

    Embedding a claim costs about 5 ms of CPU, so the importer keeps each new claim's vector
    here and the claim-matching index (``factcheck.repeats``) reads them instead of embedding
    every checked claim each time it is rebuilt. ``digest`` is of the text the vector was made
    from and of the model that made it: a claim an editor reworded is embedded again, and so is
    every claim after the matcher's model or adapter changes. A table of its own keeps the claims
    table's rows narrow for the public lists.
    """

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, primary_key=True, related_name="embedding")
    digest = models.CharField(max_length=16, help_text="Of the claim's text when it was embedded.")
    vector = models.BinaryField(help_text="384 float16 values.")

    objects = ClaimEmbeddingQuerySet.as_manager()

    def __str__(self):
        return f"Embedding of claim {self.claim_id}"

    @staticmethod
    def digest_of(text: str) -> str:
        """Of the text and of what makes the vectors: a vector the desk's current model and adapter did not
        make counts as missing, and is made again."""
        from factcheck.matching import vectors_version

        return hashlib.blake2b(f"{vectors_version()}\n{text}".encode(), digest_size=8).hexdigest()
