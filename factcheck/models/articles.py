"""Articles: the imported texts claims are found in, and the details editors correct on them.

A transcript (a debate, an interview, a speech, a hearing, a broadcast …) is an article of the kind
``TRANSCRIPT`` with a venue; who speaks in it is recorded on its ``Speaker`` rows
(``factcheck.models.transcripts``), and each of its claims is credited to its speaker and dated.
"""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from simple_history.models import HistoricalRecords

from factcheck.models.actors import Actor
from factcheck.models.base import (
    fingerprint,
    no_direction_controls,
    record_change,
    require_permission,
    short_slug,
    slug_address,
)

if TYPE_CHECKING:
    from factcheck.models.claims import Claim


class ArticleClaims:
    """What an editor does to an article's claims as a whole: add one by hand, credit a transcript's speakers."""

    def claim_for(self, found, *, claimant_id: int | None, speaker=None) -> "Claim":
        """An unsaved claim for one of the article's sentences (a ``FoundClaim``), as the importer reads it:
        its score, its claimant (an actor's pk) and whether their words are quoted, said when and where
        the article reports it until a fact-checker knows better.

        A transcript's claim is its `speaker`'s own words (a quotation whenever the speaker is known),
        said at the transcript's venue, `found.said_at` seconds into the recording.
        """
        from factcheck.models.claims import Claim

        quotation = (Claim.Quotation.QUOTE if self.is_transcript else found.quotation) if claimant_id else ""
        return Claim(
            article=self,
            text=found.text,
            fingerprint=fingerprint(found.text),  # Claim.save() sets it too; bulk_create does not call save()
            context=found.context,
            position=found.position,
            checkworthiness=found.checkworthiness,
            claimant_id=claimant_id,
            quotation=quotation,
            said_on=self.published_on,
            venue=self.venue if self.is_transcript else Claim.Venue.ARTICLE,
            original_url=self.url,
            speaker=speaker,
            said_at=timedelta(seconds=found.said_at) if getattr(found, "said_at", None) is not None else None,
        )

    def add_claim(self, sentence: str, *, by) -> "Claim":
        """Make one of the article's sentences a claim by hand: one the importer did not pick.

        The claim is scored and attributed as the importer would; being added by a person, it
        counts as check-worthy when the model is retrained with the desk's decisions.
        """
        require_permission(by, "factcheck.add_claim", "You don't have permission to add claims.")
        found = next((found for found in self.sentences() if found.text == " ".join(sentence.split())), None)
        if found is None:
            raise ValidationError("That sentence is not in the article's text any more; reload the page.")
        if self.claims.filter(fingerprint=fingerprint(found.text)).exists():
            raise ValidationError("That sentence is already a claim.")
        if found.never_a_claim:
            raise ValidationError("A moderator's question, an unidentified voice or filler is never a claim.")
        if self.is_transcript:
            speaker = self.speakers.filter(label=found.speaker).first() if found.speaker else None
            claimant = speaker.actor if speaker else None
            claim = self.claim_for(found, claimant_id=claimant.pk if claimant else None, speaker=speaker)
        else:
            claimant = Actor.objects.matching(found.claimant).first() if found.claimant else None
            claim = self.claim_for(found, claimant_id=claimant.pk if claimant else None)
        record_change(claim, by=by, reason="Added by hand from the article")
        claim.save()
        return claim

    def credit_speakers(self, *, by, confirm: bool = False) -> int:
        """Credit each claim of this transcript to its speaker as the desk now records them; with `confirm`,
        record that `by` confirmed every one (a fact-checker confirms the speakers once per transcript).

        A claim whose claimant a fact-checker has already confirmed is left as it is, and so is one whose
        speaker is no longer a speaker (a moderator's: an editor dismisses it) or whose verdict is published.
        Returns how many claims changed or were confirmed.
        """
        from factcheck.models.claims import Claim
        from factcheck.models.transcripts import Speaker

        require_permission(by, "factcheck.change_claim", "You don't have permission to work on claims.")
        changed = 0
        with transaction.atomic():
            claims = (
                self.claims.filter(speaker__role=Speaker.Role.SPEAKER, attribution_confirmed_at__isnull=True)
                # A published verdict's claimant is what readers saw with it: a correction changes it.
                .exclude(verdicts__published_at__isnull=False)
                .select_related("speaker", "speaker__actor")
                .select_for_update(of=("self",))
                .order_by("pk")
            )
            for claim in claims:
                claimant = claim.speaker.actor
                quotation = Claim.Quotation.QUOTE if claimant else ""
                if confirm:
                    claim.confirm_attribution(by=by, claimant=claimant, quotation=quotation)
                    changed += 1
                elif (claim.claimant_id, claim.quotation) != (claimant.pk if claimant else None, quotation):
                    claim.claimant, claim.quotation = claimant, quotation
                    record_change(claim, by=by, reason=f"Speaker identified: {claimant or 'nobody'}"[:100])
                    claim.save(update_fields=["claimant", "quotation", "updated_at"])
                    changed += 1
        return changed


class Article(ArticleClaims, models.Model):
    """An imported news article, cleaned of web clutter (which is kept for review), or a transcript."""

    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        TRANSCRIPT = "transcript", "Transcript"

    class Venue(models.TextChoices):
        """What a transcript records: the occasion, in a reader's words."""

        DEBATE = "debate", "Debate"
        INTERVIEW = "interview", "Interview"
        SPEECH = "speech", "Speech"
        PRESS_CONFERENCE = "press_conference", "Press conference"
        HEARING = "hearing", "Hearing"
        BROADCAST = "broadcast", "TV or radio broadcast"
        PODCAST = "podcast", "Podcast"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=20, choices=Kind, default=Kind.ARTICLE)
    venue = models.CharField(
        max_length=20, choices=Venue, blank=True, help_text="A transcript's occasion; empty for a written article."
    )
    title = models.CharField(max_length=500, validators=[no_direction_controls])
    slug = models.SlugField(max_length=255, unique=True, blank=True)
    dek = models.TextField(blank=True, help_text="The standfirst under the headline.")
    body = models.TextField(help_text="Clean text, one paragraph per line, clutter removed.")
    outlet = models.CharField(max_length=200, blank=True, validators=[no_direction_controls])
    url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    dateline = models.CharField(
        max_length=200,
        blank=True,
        help_text="Where and by whom the story was filed (“SAN FRANCISCO (AP)”), as the article's first line gave it.",
    )
    source_file = models.CharField(max_length=500, unique=True, help_text="The file it was imported from.")
    content_hash = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the raw file.")
    removed_clutter = models.JSONField(
        default=list,
        blank=True,
        help_text="Lines the importer removed as web clutter, with the rule that removed each.",
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-imported_at"]
        indexes = [models.Index(fields=["-published_on", "-imported_at"], name="article_recent_idx")]
        constraints = [
            # A written article has no venue; a transcript always has one ("other" when none is known).
            models.CheckConstraint(
                condition=models.Q(kind="article", venue="")
                | models.Q(
                    kind="transcript",
                    venue__in=[
                        "debate",
                        "interview",
                        "speech",
                        "press_conference",
                        "hearing",
                        "broadcast",
                        "podcast",
                        "other",
                    ],
                ),
                name="article_kind_venue_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = short_slug(self.title, self.source_file, length=80)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_address("factcheck:article_detail", self.slug)

    @property
    def is_transcript(self) -> bool:
        return self.kind == self.Kind.TRANSCRIPT

    def sentences(self, *, title: str | None = None) -> list:
        """Every sentence of the article as the importer reads it (``FoundClaim``s, claims or not);
        with `title`, as it would read under that headline instead of its own.

        A transcript is read from its turns (a headline changes nothing there), with its speakers as
        the desk records them: a moderator's questions are never claims, whoever the importer thought moderated.
        """
        from factcheck.extraction import UnreadableText, extract, extract_transcript, read_transcript

        if self.is_transcript:
            transcript = read_transcript(self.body, as_transcript=True)
            known = {
                speaker.label: (speaker.role, speaker.actor.name if speaker.actor else "")
                for speaker in self.speakers.select_related("actor")
            }
            try:
                return list(extract_transcript(transcript, known=known).sentences) if transcript else []
            except UnreadableText:
                return []
        paragraphs = "\n\n".join(line for line in self.body.splitlines() if line.strip())
        try:
            return list(extract(f"{title or self.title}\n{self.dek}\n\n{paragraphs}\n").sentences)
        except UnreadableText:
            return []

    def refuse_headline(self, title: str) -> None:
        """Raise ValidationError unless the article still reads as it does under `title` as its headline.

        The headline is no claim's source, but the desk reads the article's sentences (for the
        claims added by hand) from the headline, dek and body together: a headline that the
        importer would not read as one (a line of web clutter, one too long) would change them.
        """
        from factcheck.extraction import MAX_TITLE_CHARS

        def reading(found) -> list[tuple[str, str, int]]:
            return [(sentence.text, sentence.context, sentence.position) for sentence in found]

        if reading(self.sentences(title=title)) != reading(self.sentences()):
            raise ValidationError(
                "The desk would no longer read the article's sentences the same way under this headline: a line "
                "such as “Advertisement” or “Home › News” reads as web clutter, and a headline has at most "
                f"{MAX_TITLE_CHARS} characters. Give the headline as the article has it."
            )

    # The article's details an editor may correct in the admin; a re-import keeps a corrected one.
    CORRECTABLE_DETAILS = ("title", "outlet", "url", "published_on", "venue", "dateline")

    def details_corrected_by_staff(self) -> set[str]:
        """Which of CORRECTABLE_DETAILS a member of staff has changed (the history's saves with a user):
        a re-import of a changed file or page keeps those and refreshes the rest from the source."""
        corrected: set[str] = set()
        for record in self.history.filter(history_user__isnull=False).order_by("history_date"):
            previous = record.prev_record
            if previous is not None:
                delta = record.diff_against(previous, included_fields=self.CORRECTABLE_DETAILS)
                corrected.update(change.field for change in delta.changes)
        return corrected

    def correct_claims_said_here(
        self, *, was_published_on, was_url: str, by, was_venue: str | None = None
    ) -> tuple[int, int]:
        """Give a corrected date or address of the article to its claims said in the article itself.

        The import copies the article's date and address to each claim ("said on", "original web
        address"), which readers see with the claim and in its ClaimReview. A claim whose venue is
        still the article and whose date or address is still the article's old one gets the new
        one; a claim a fact-checker has placed elsewhere keeps its own. A transcript's claims are
        said in it while their venue is the transcript's (`was_venue`, before a correction), and a
        corrected venue is given to them too. A claim with a published verdict keeps the date, address
        and venue readers saw with it (Claim.WORDING): those change through a correction of the verdict.
        Returns how many claims changed and how many were left for that reason.
        """
        from factcheck.models.claims import Claim

        said_here = (was_venue if was_venue is not None else self.venue) if self.is_transcript else Claim.Venue.ARTICLE
        changed = kept = 0
        with transaction.atomic():
            for claim in self.claims.filter(venue=said_here).select_for_update().order_by("pk"):
                if claim.has_published_verdict():
                    kept += 1
                    continue
                fields = []
                if self.is_transcript and self.venue != said_here:
                    claim.venue = self.venue
                    fields.append("venue")
                if self.published_on != was_published_on and claim.said_on == was_published_on:
                    claim.said_on = self.published_on
                    fields.append("said_on")
                if self.url != was_url and claim.original_url == was_url:
                    claim.original_url = self.url
                    fields.append("original_url")
                if fields:
                    corrected = (
                        "transcript's date, address or venue" if self.is_transcript else "article's date or address"
                    )
                    record_change(claim, by=by, reason=f"The {corrected} corrected")
                    claim.save(update_fields=[*fields, "updated_at"])
                    changed += 1
        return changed, kept
