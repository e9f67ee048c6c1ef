"""Articles: the imported texts claims are found in, and the details editors correct on them."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from simple_history.models import HistoricalRecords

from factcheck.models.actors import Actor
from factcheck.models.base import fingerprint, record_change, require_permission, short_slug, slug_address

if TYPE_CHECKING:
    from factcheck.models.claims import Claim


class Article(models.Model):
    """An imported news article, cleaned of web clutter (which is kept for review)."""

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=255, unique=True, blank=True)
    dek = models.TextField(blank=True, help_text="The standfirst under the headline.")
    body = models.TextField(help_text="Clean text, one paragraph per line, clutter removed.")
    outlet = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
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

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = short_slug(self.title, self.source_file, length=80)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_address("factcheck:article_detail", self.slug)

    def sentences(self, *, title: str | None = None) -> list:
        """Every sentence of the article as the importer reads it (``FoundClaim``s, claims or not);
        with `title`, as it would read under that headline instead of its own."""
        from factcheck.extraction import UnreadableText, extract

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
    CORRECTABLE_DETAILS = ("title", "outlet", "url", "published_on")

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

    def correct_claims_said_here(self, *, was_published_on, was_url: str, by) -> int:
        """Give a corrected date or address of the article to its claims said in the article itself.

        The import copies the article's date and address to each claim ("said on", "original web
        address"), which readers see with the claim and in its ClaimReview. A claim whose venue is
        still the article and whose date or address is still the article's old one gets the new
        one; a claim a fact-checker has placed elsewhere keeps its own. Returns how many changed.
        """
        from factcheck.models.claims import Claim

        changed = 0
        with transaction.atomic():
            for claim in self.claims.filter(venue=Claim.Venue.ARTICLE).select_for_update().order_by("pk"):
                fields = []
                if self.published_on != was_published_on and claim.said_on == was_published_on:
                    claim.said_on = self.published_on
                    fields.append("said_on")
                if self.url != was_url and claim.original_url == was_url:
                    claim.original_url = self.url
                    fields.append("original_url")
                if fields:
                    record_change(claim, by=by, reason="The article's date or address corrected")
                    claim.save(update_fields=[*fields, "updated_at"])
                    changed += 1
        return changed

    def claim_for(self, found, *, claimant_id: int | None) -> "Claim":
        """An unsaved claim for one of the article's sentences (a ``FoundClaim``), as the importer reads it:
        its score, its claimant (an actor's pk) and whether their words are quoted, said when and where
        the article reports it until a fact-checker knows better."""
        from factcheck.models.claims import Claim

        return Claim(
            article=self,
            text=found.text,
            fingerprint=fingerprint(found.text),  # Claim.save() sets it too; bulk_create does not call save()
            context=found.context,
            position=found.position,
            checkworthiness=found.checkworthiness,
            claimant_id=claimant_id,
            quotation=found.quotation if claimant_id else "",
            said_on=self.published_on,
            venue=Claim.Venue.ARTICLE,
            original_url=self.url,
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
        claimant = Actor.objects.matching(found.claimant).first() if found.claimant else None
        claim = self.claim_for(found, claimant_id=claimant.pk if claimant else None)
        record_change(claim, by=by, reason="Added by hand from the article")
        claim.save()
        return claim
