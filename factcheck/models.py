"""The desk's data: articles, the actors in them, the claims they make, and verdicts.

A claim moves new → researching → in review → published (or dismissed). A
verdict is a fact-checker's rating of one claim; a claim may get successive
verdicts (corrections), and exactly one published verdict is current. The
rules that must never break are database constraints as well as Python.
"""

import hashlib

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, FilteredRelation, Q
from django.urls import reverse
from django.utils.text import slugify
from simple_history.models import HistoricalRecords


def fingerprint(text: str) -> str:
    """A stable hash of a text, insensitive to case and runs of whitespace."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(normalised.encode()).hexdigest()


def short_slug(text: str, key: str, length: int = 60) -> str:
    """A readable slug from text, made unique by a short hash of key."""
    base = slugify(text)[:length].strip("-") or "item"
    return f"{base}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


class StaleEditError(Exception):
    """Raised when a save would overwrite someone else's newer edit."""

    def __init__(self, obj):
        self.obj = obj
        super().__init__(
            f"This {obj._meta.verbose_name} was changed by someone else while you were editing it. "
            "Reload the page to see their changes, then make yours again."
        )


class VersionedModel(models.Model):
    """Optimistic locking: every save bumps `version`, and a save based on an
    older version is refused instead of silently overwriting a newer one."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            bumped = type(self)._base_manager.filter(pk=self.pk, version=self.version).update(version=F("version") + 1)
            if not bumped:
                raise StaleEditError(self)
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
            return super().save(*args, **kwargs)


class ActorQuerySet(models.QuerySet):
    def matching(self, name: str) -> "ActorQuerySet":
        """Actors whose canonical name or one of whose aliases is `name` (case-insensitive)."""
        folded = name.casefold()
        ids = [actor.pk for actor in self.only("pk", "name", "aliases") if folded in actor.all_names_folded()]
        return self.filter(pk__in=ids)


class Actor(models.Model):
    """A person, organisation, country or other body that makes or appears in claims."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organisation"
        COUNTRY = "country", "Country"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True, help_text="Canonical name, e.g. “Volodymyr Zelenskyy”.")
    slug = models.SlugField(max_length=220, unique=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.PERSON)
    description = models.CharField(max_length=300, blank=True, help_text="Role, e.g. “U.S. Ambassador to NATO”.")
    aliases = models.JSONField(default=list, blank=True, help_text="Other names it goes by, e.g. “Zelenskyy”.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActorQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        permissions = [("merge_actors", "Can merge duplicate actors")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["person", "organization", "country", "other"]), name="actor_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200] or short_slug(self.name, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("factcheck:actor_detail", kwargs={"slug": self.slug})

    def all_names_folded(self) -> set[str]:
        return {self.name.casefold(), *(alias.casefold() for alias in self.aliases)}

    def add_alias(self, alias: str) -> bool:
        """Record another name for this actor; returns False when it was known already."""
        alias = " ".join(alias.split())
        if not alias or alias.casefold() in self.all_names_folded():
            return False
        self.aliases = [*self.aliases, alias]
        return True


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
        return reverse("factcheck:article_detail", kwargs={"slug": self.slug})


class ClaimQuerySet(models.QuerySet):
    def with_current_verdict(self) -> "ClaimQuerySet":
        """Annotate `current_rating` and `current_published_at` from the current verdict, in the same query."""
        return self.annotate(
            current=FilteredRelation("verdicts", condition=Q(verdicts__is_current=True)),
            current_rating=F("current__rating"),
            current_published_at=F("current__published_at"),
        )

    def published(self) -> "ClaimQuerySet":
        return self.filter(status=Claim.Status.PUBLISHED)

    def search(self, text: str) -> "ClaimQuerySet":
        """Claims whose text or context contains `text` (portable fallback; PostgreSQL gets full-text search)."""
        text = " ".join(text.split())
        if not text:
            return self
        return self.filter(Q(text__icontains=text) | Q(context__icontains=text))

    def for_actor(self, actor: Actor) -> "ClaimQuerySet":
        return self.filter(Q(claimant=actor) | Q(actors=actor)).distinct()


class Claim(VersionedModel):
    """One checkable statement found in an article."""

    class Status(models.TextChoices):
        NEW = "new", "Awaiting check"
        RESEARCHING = "researching", "Being researched"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        DISMISSED = "dismissed", "Dismissed"

    text = models.TextField()
    slug = models.SlugField(max_length=255, unique=True, blank=True)
    fingerprint = models.CharField(max_length=64, editable=False, help_text="Hash of the normalised text.")
    context = models.TextField(blank=True, help_text="The paragraph the claim appears in.")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="claims")
    position = models.PositiveIntegerField(default=0, help_text="Order of the sentence in the article.")
    claimant = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_made",
        help_text="Who made the claim; empty when it is the article's own assertion.",
    )
    actors = models.ManyToManyField(Actor, blank=True, related_name="claims_mentioning")
    checkworthiness = models.FloatField(default=0.0, help_text="0–1: how worth checking the importer judged it.")
    status = models.CharField(max_length=20, choices=Status, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_claims"
    )
    dismissal_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-checkworthiness", "-created_at"]
        permissions = [
            ("assign_claim", "Can assign claims to people"),
            ("dismiss_claim", "Can dismiss claims"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["article", "fingerprint"], name="claim_unique_per_article"),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1), name="claim_checkworthiness_0_1"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["new", "researching", "in_review", "published", "dismissed"]),
                name="claim_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="dismissed") | ~Q(dismissal_reason=""), name="claim_dismissal_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-checkworthiness"], name="claim_status_worth_idx"),
            models.Index(fields=["-checkworthiness", "-created_at"], name="claim_worth_idx"),
            models.Index(fields=["-created_at"], name="claim_created_idx"),
            models.Index(fields=["-updated_at"], name="claim_updated_idx"),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    def save(self, *args, **kwargs):
        self.fingerprint = fingerprint(self.text)
        if not self.slug:
            self.slug = short_slug(self.text, f"{self.article_id}:{self.fingerprint}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("factcheck:claim_detail", kwargs={"slug": self.slug})

    def current_verdict(self) -> "Verdict | None":
        """The published verdict readers see, or None before the first publication."""
        return self.verdicts.filter(is_current=True).first()


class VerdictQuerySet(models.QuerySet):
    def published(self) -> "VerdictQuerySet":
        """Every published version, current or corrected since."""
        return self.filter(published_at__isnull=False)

    def current(self) -> "VerdictQuerySet":
        return self.filter(is_current=True)

    def corrections(self) -> "VerdictQuerySet":
        """Published versions that correct an earlier published version."""
        return self.published().filter(corrects__isnull=False)


class Verdict(VersionedModel):
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
    published_at = models.DateTimeField(null=True, blank=True)
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
                condition=Q(reviewer__isnull=True) | ~Q(reviewer=F("author")), name="verdict_reviewer_is_not_author"
            ),
            models.CheckConstraint(
                condition=Q(corrects__isnull=True) | ~Q(correction_note=""), name="correction_has_note"
            ),
        ]
        indexes = [
            models.Index(fields=["-published_at"], name="verdict_published_idx"),
            models.Index(fields=["rating"], name="verdict_rating_idx"),
        ]

    def __str__(self):
        label = self.get_rating_display() or "unrated"
        return f"{label}: {self.claim}"

    def get_absolute_url(self):
        return self.claim.get_absolute_url()

    @property
    def rating_value(self) -> int | None:
        """The rating as a number for ClaimReview: 1 (false) to 5 (true)."""
        values = list(self.Rating.values)
        return values.index(self.rating) + 1 if self.rating in values else None

    @property
    def rating_definition(self) -> str:
        return self.RATING_DEFINITIONS.get(self.rating, "")


class Source(models.Model):
    """A piece of evidence a verdict relies on."""

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(max_length=1000)
    title = models.CharField(max_length=500)
    publisher = models.CharField(max_length=200, blank=True)
    accessed_on = models.DateField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title


class ReaderReport(models.Model):
    """A reader's suggestion of a claim to check, or a report of an error in a verdict."""

    class Kind(models.TextChoices):
        SUGGESTION = "suggestion", "Suggest a claim to check"
        ERROR = "error", "Report an error"

    kind = models.CharField(max_length=20, choices=Kind, default=Kind.SUGGESTION)
    claim = models.ForeignKey(Claim, on_delete=models.SET_NULL, null=True, blank=True, related_name="reader_reports")
    message = models.TextField(max_length=4000)
    link = models.URLField(max_length=1000, blank=True)
    email = models.EmailField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    sender_hash = models.CharField(
        max_length=64, blank=True, help_text="Salted hash of the sender's address, for rate limits."
    )
    handled = models.BooleanField(default=False)

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["sender_hash", "-submitted_at"], name="report_sender_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.submitted_at:%Y-%m-%d})"
