"""Changes proposed to a verdict by someone who did not write it, which its author accepts or rejects.

The two-person rule says nobody publishes words only they have seen. An editor who typed into a
fact-checker's verdict would become one of its authors, so could not publish it; on a desk of one
editor and one fact-checker, nobody could. So an editor's changes to someone else's verdict are a
proposal: the verdict stays as its author wrote it, the author sees the changes word by word and
accepts or rejects them in one click. Accepted, the words are the author's (recorded as their change,
proposed by the editor): the author has seen the editor's words and the editor the author's, so the
editor may publish. Nobody else is needed, and the database refuses a proposal accepted by whoever
made it.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

from factcheck.models.base import StaleEditError, record_change, require_permission, staff_name
from factcheck.models.claims import Claim
from factcheck.models.verdicts import Source, Verdict

# The parts of a verdict a proposal may change: what readers rely on (Verdict.SUBSTANCE) and the sources.
PARTS = (*Verdict.SUBSTANCE, "sources")


class VerdictProposal(models.Model):
    """New words for a verdict, proposed by someone who is not its author, waiting for the author's answer."""

    class State(models.TextChoices):
        OPEN = "open", "Waiting for the author's answer"
        ACCEPTED = "accepted", "Accepted by the author"
        REJECTED = "rejected", "Rejected by the author"
        WITHDRAWN = "withdrawn", "Withdrawn"

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="proposals")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdict_proposals"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    parts = models.JSONField(default=list, help_text="What it changes: rating, summary, explanation, sources…")
    rating = models.CharField(max_length=20, choices=Verdict.Rating, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    explanation = models.TextField(blank=True)
    correction_note = models.TextField(blank=True)
    sources = models.JSONField(
        null=True, blank=True, help_text="The whole list of sources proposed; empty when they are not changed."
    )
    message = models.TextField(blank=True, help_text="What the proposer says to the author about it.")
    state = models.CharField(max_length=10, choices=State, default=State.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True, help_text="Why the author rejected it, when they said.")

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["verdict"], condition=Q(state="open"), name="one_open_proposal_per_verdict"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["open", "accepted", "rejected", "withdrawn"]), name="proposal_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(state="open", decided_at__isnull=True, decided_by__isnull=True)
                | (~Q(state="open") & Q(decided_at__isnull=False)),
                name="proposal_decided_unless_open",
            ),
            # The rule in the database: words are accepted or rejected by someone other than who proposed them.
            models.CheckConstraint(
                condition=Q(state__in=["open", "withdrawn"])
                | (Q(decided_by__isnull=False) & ~Q(decided_by=F("proposed_by"))),
                name="proposal_answered_by_someone_else",
            ),
        ]

    def __str__(self):
        return f"Changes to {', '.join(self.parts)} proposed by {staff_name(self.proposed_by)}"

    @classmethod
    def make(
        cls, verdict: Verdict, *, by, changes: dict, sources: "list[dict] | None" = None, message: str = ""
    ) -> "VerdictProposal":
        """Propose `changes` (new values of rating, summary, explanation or correction note) and, when given,
        a new list of `sources` for `verdict`; only what differs from the verdict as stored is proposed.

        Raises PermissionDenied for an author (who changes their verdict directly) or someone who may not
        change verdicts, and ValidationError when the verdict is published, another proposal waits for an
        answer, or nothing differs.
        """
        require_permission(by, "factcheck.change_verdict", "You don't have permission to change verdicts.")
        with transaction.atomic():
            stored = _locked(verdict.pk)
            if stored.published_at:
                raise ValidationError("This verdict is published; change it by starting a correction.")
            if by.pk in {author.pk for author in stored.authors()}:
                raise PermissionDenied("You are one of this verdict's authors: change it directly.")
            if (waiting := stored.open_proposal()) is not None:
                raise ValidationError(
                    f"{staff_name(waiting.proposed_by)} already proposed changes to this verdict; "
                    f"they wait for {staff_name(stored.author)}'s answer."
                )
            current = stored.substance()
            proposal = cls(verdict=stored, proposed_by=by, message=message.strip())
            parts = []
            for name in Verdict.SUBSTANCE:
                value = changes.get(name, current[name])
                setattr(proposal, name, value)
                if value != current[name]:
                    parts.append(name)
            if sources is not None and _comparable(sources) != _comparable(current["sources"]):
                proposal.sources = [_plain_source(source) for source in sources]
                parts.append("sources")
            if not parts:
                raise ValidationError("These are the verdict's words as they stand: there is nothing to propose.")
            proposal.parts = parts
            proposal.save()
        return proposal

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    def proposed_substance(self) -> dict:
        """The verdict's substance (Verdict.substance()) as it would be with this proposal accepted."""
        result = self.verdict.substance()
        for name in self.parts:
            result[name] = self.sources if name == "sources" else getattr(self, name)
        return result

    def accept(self, *, by, version: int | None = None) -> None:
        """Take the proposed words into the verdict as `by`'s own change (proposed by its proposer).

        `by` must be one of the verdict's authors, and not the proposer. `version` is the verdict's
        version the author saw the changes against: a verdict changed since is refused (StaleEditError),
        so what is accepted is what was shown. The verdict stays where it was in the workflow.
        """
        with transaction.atomic():
            verdict = self._answerable(by, version)
            self.state, self.decided_by, self.decided_at = self.State.ACCEPTED, by, timezone.now()
            self.save(update_fields=["state", "decided_by", "decided_at"])
            verdict._accepting = self
            try:
                for name in self.parts:
                    if name != "sources":
                        setattr(verdict, name, getattr(self, name))
                record_change(verdict, by=by, reason=f"Accepted changes proposed by {staff_name(self.proposed_by)}")
                verdict.save()
                if "sources" in self.parts:
                    self._replace_sources(verdict, by=by)
            finally:
                verdict._accepting = None
        self.verdict = verdict

    def reject(self, *, by, answer: str = "", version: int | None = None) -> None:
        """Leave the verdict as it is; the proposer sees that (and why, when `answer` says)."""
        with transaction.atomic():
            self._answerable(by, version)
            self.state, self.decided_by, self.decided_at = self.State.REJECTED, by, timezone.now()
            self.answer = answer.strip()
            self.save(update_fields=["state", "decided_by", "decided_at", "answer"])

    def withdraw(self, *, by) -> None:
        """Take the proposal back (its proposer only), e.g. to publish the verdict as its author wrote it."""
        with transaction.atomic():
            fresh = VerdictProposal.objects.select_for_update().get(pk=self.pk)
            if fresh.proposed_by_id != by.pk:
                raise PermissionDenied("Only whoever proposed these changes can withdraw them.")
            if not fresh.is_open:
                raise ValidationError(f"This proposal was already {fresh.get_state_display().lower()}.")
            self.state, self.decided_by, self.decided_at = self.State.WITHDRAWN, by, timezone.now()
            self.save(update_fields=["state", "decided_by", "decided_at"])

    def _answerable(self, by, version: int | None) -> Verdict:
        """The verdict, locked, when `by` may answer this proposal now; raise when not."""
        require_permission(by, "factcheck.change_verdict", "You don't have permission to change verdicts.")
        verdict = _locked(self.verdict_id)
        fresh = VerdictProposal.objects.get(pk=self.pk)
        if not fresh.is_open:
            raise ValidationError(f"This proposal was already {fresh.get_state_display().lower()}.")
        if by.pk == fresh.proposed_by_id:
            raise PermissionDenied("You proposed these changes: the verdict's author accepts or rejects them.")
        if by.pk not in {author.pk for author in verdict.authors()}:
            raise PermissionDenied(f"Only the verdict's authors ({staff_name(verdict.author)}) answer this proposal.")
        if verdict.published_at:
            raise ValidationError("This verdict is published; the proposal can no longer be taken in.")
        if version is not None and version != verdict.version:
            raise StaleEditError(verdict)
        return verdict

    def _replace_sources(self, verdict: Verdict, *, by) -> None:
        """Make the verdict's sources the proposed list: change, add and remove sources to match it."""
        existing = {source.pk: source for source in verdict.sources.all()}
        kept = set()
        for proposed in self.sources or []:
            source = existing.get(proposed.get("id")) or Source(verdict=verdict)
            source.verdict = verdict  # carries the acceptance, so the change is recorded as proposed
            for name in Source.COMPARED:
                setattr(source, name, proposed[name])
            source.accessed_on = date.fromisoformat(proposed["accessed_on"])
            record_change(source, by=by, reason=f"Accepted changes proposed by {staff_name(self.proposed_by)}")
            source.save()
            kept.add(source.pk)
        for pk, source in existing.items():
            if pk not in kept:
                source.verdict = verdict
                record_change(source, by=by, reason=f"Accepted changes proposed by {staff_name(self.proposed_by)}")
                source.delete()


def _locked(verdict_pk: int) -> Verdict:
    """The verdict as stored, with its claim's row locked for the rest of the transaction: the review
    steps lock the same row (Verdict._lock), so a proposal is never taken in while the verdict is published."""
    claim_pk = Verdict.objects.values_list("claim_id", flat=True).get(pk=verdict_pk)
    Claim.objects.select_for_update().get(pk=claim_pk)
    return Verdict.objects.select_related("author").get(pk=verdict_pk)


def _plain_source(source: dict) -> dict:
    return {
        "id": source.get("id"),
        "title": source["title"],
        "publisher": source.get("publisher") or "",
        "url": source["url"],
        "accessed_on": str(source["accessed_on"]),
    }


def _comparable(sources: list[dict]) -> list[tuple]:
    """The sources as what readers see of them, in order (ids aside)."""
    return [tuple(_plain_source(source)[name] for name in Source.COMPARED) for source in sources]
