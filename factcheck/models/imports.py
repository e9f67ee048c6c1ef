"""The desk's data: articles, the actors in them, the claims they make, and verdicts.

A claim moves new → researching → in review → published (or dismissed, which an editor can undo). A
verdict is a fact-checker's rating of one claim; a claim may get successive
verdicts (corrections), and exactly one published verdict is current. The
rules that must never break are database constraints as well as Python.
"""

import functools
import hashlib
import json
import re

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, models, transaction
from django.db.models import F, Min, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_create_with_history

from factcheck import search


def fingerprint(text: str) -> str:
    """A stable hash of a text, insensitive to case and runs of whitespace."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(normalised.encode()).hexdigest()


def short_slug(text: str, key: str, length: int = 60) -> str:
    """A readable slug from text, made unique by a short hash of key."""
    base = slugify(text)[:length].strip("-") or "item"
    return f"{base}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


# What Django's <slug:…> path converter accepts: such a slug goes into an address as it is.
_URL_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def slug_address(viewname: str, slug: str) -> str:
    """reverse(viewname, kwargs={"slug": slug}) at a fraction of its cost (60 µs a call).

    Public pages link hundreds of claims, actors and articles (a sitemap 50,000):
    the address is reversed once per URLconf and script prefix around a marker,
    and each slug takes the marker's place. A slug the converter would refuse
    goes through reverse(), which raises NoReverseMatch as before.
    """
    if not _URL_SLUG.fullmatch(slug):
        return reverse(viewname, kwargs={"slug": slug})
    before, after = _address_around_slug(viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return f"{before}{slug}{after}"


@functools.lru_cache(maxsize=128)
def _address_around_slug(viewname: str, urlconf: str, script_prefix: str) -> tuple[str, str]:
    before, _, after = reverse(viewname, urlconf=urlconf, kwargs={"slug": "__slug__"}).partition("__slug__")
    return before, after


class StaleEditError(Exception):
    """Raised when a save would overwrite someone else's newer edit."""

    def __init__(self, obj):
        self.obj = obj
        super().__init__(
            f"This {obj._meta.verbose_name} was changed by someone else while you were editing it. "
            "Reload the page to see their changes, then make yours again."
        )


def require_permission(user, permission: str, refusal: str) -> None:
    """Raise PermissionDenied with a message a person understands unless `user` holds `permission`."""
    if user is None or not user.has_perm(permission):
        raise PermissionDenied(refusal)


def record_change(obj: models.Model, *, by, reason: str) -> None:
    """Tell django-simple-history who made the next save of `obj` and why (shown in the admin's history)."""
    obj._history_user = by if getattr(by, "is_authenticated", False) else None
    obj._change_reason = reason


def acting_user(obj: models.Model):
    """Who is making the next save of `obj`: the user given to record_change(), else the user of the
    admin request being served (django-simple-history's middleware keeps it); None when nobody is known."""
    user = getattr(obj, "_history_user", None)
    if user is None:
        request = getattr(HistoricalRecords.context, "request", None)
        user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def display_name(user) -> str:
    """How the public page credits a member of staff: first and last name, never the login; "" unless both are set."""
    if user is None or not user.first_name.strip() or not user.last_name.strip():
        return ""
    return " ".join(f"{user.first_name} {user.last_name}".split())


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
    def matching(self, *names: str) -> "ActorQuerySet":
        """Actors whose canonical name or one of whose aliases is one of `names` (any case).

        The database narrows the candidates (aliases are a JSON list, searched as text, where
        some databases store non-ASCII escaped); the exact, case-folded comparison is made here.
        """
        query = Q()
        for name in names:
            escaped = json.dumps(name)[1:-1]
            query |= Q(name__iexact=name) | Q(aliases__icontains=name) | Q(aliases__icontains=escaped)
        folded = {name.casefold() for name in names}
        candidates = self.filter(query).only("pk", "name", "aliases")
        return self.filter(pk__in=[actor.pk for actor in candidates if folded & actor.all_names_folded()])


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
        return slug_address("factcheck:actor_detail", self.slug)

    def all_names_folded(self) -> set[str]:
        return {self.name.casefold(), *(alias.casefold() for alias in self.aliases)}

    def add_alias(self, alias: str) -> bool:
        """Record another name for this actor; returns False when it was known already."""
        alias = " ".join(alias.split())
        if not alias or alias.casefold() in self.all_names_folded():
            return False
        self.aliases = [*self.aliases, alias]
        return True

    def merge(self, duplicates, *, by) -> int:
        """Fold `duplicates` into this actor: their claims (as claimant or mentioned) point here,
        their names become aliases, and they are deleted. Returns how many claims moved.

        Name matching in the importer will never be perfect, so editors merge by hand; every
        re-pointed claim gets a history row naming the editor.
        """
        require_permission(by, "factcheck.merge_actors", "Only an editor can merge actors.")
        duplicates = [actor for actor in duplicates if actor.pk != self.pk]
        moved = set()
        with transaction.atomic():
            for duplicate in duplicates:
                for claim in Claim.objects.filter(claimant=duplicate):
                    claim.claimant = self
                    record_change(claim, by=by, reason=f"Claimant merged into {self.name}"[:100])
                    claim.save(update_fields=["claimant", "updated_at"])
                    moved.add(claim.pk)
                for claim in Claim.objects.filter(actors=duplicate):
                    claim.actors.remove(duplicate)
                    claim.actors.add(self)
                    moved.add(claim.pk)
                for name in [duplicate.name, *duplicate.aliases]:
                    self.add_alias(name)
                if not self.description:
                    self.description = duplicate.description
                record_change(duplicate, by=by, reason=f"Merged into {self.name}"[:100])
                duplicate.delete()
            record_change(self, by=by, reason=f"Merged {len(duplicates)} duplicate(s) in"[:100])
            self.save()
        return len(moved)


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
        claim = Claim(
            article=self,
            text=found.text,
            context=found.context,
            position=found.position,
            checkworthiness=found.checkworthiness,
            claimant=claimant,
            quotation=found.quotation if claimant else "",
            # Said when and where the article reports it, as the importer has it, until the fact-checker knows better.
            said_on=self.published_on,
            venue=Claim.Venue.ARTICLE,
            original_url=self.url,
        )
        record_change(claim, by=by, reason="Added by hand from the article")
        claim.save()
        return claim


def rating_choices() -> list[tuple[str, str]]:
    """The verdict ratings, for a field declared before Verdict (Claim.current_rating)."""
    return Verdict.Rating.choices


class ClaimQuerySet(models.QuerySet):
    def with_current_verdict(self) -> "ClaimQuerySet":
        """The claims as they are: `current_rating` and `current_published_at` are columns now.

        They used to be annotated through a join to the current verdict; at a
        million claims that join cost more than the rest of a list page, so
        Verdict.publish() keeps them on the claim (see refresh_current_verdict()).
        Kept so that callers read as before.
        """
        return self

    def refresh_current_verdict(self) -> int:
        """Copy each claim's current verdict's rating and publication time onto it (NULL when it has none).

        Verdict.publish() keeps them in step one claim at a time; this is for
        bulk writes (demo data, a restore) and is what the migration ran.
        Returns the number of claims updated.
        """
        current = Verdict.objects.filter(claim=models.OuterRef("pk"), is_current=True)
        return self.update(
            current_rating=models.Subquery(current.values("rating")[:1]),
            current_published_at=models.Subquery(current.values("published_at")[:1]),
        )

    def published(self) -> "ClaimQuerySet":
        return self.filter(status=Claim.Status.PUBLISHED)

    def search(self, text: str, *, common: bool = False) -> "ClaimQuerySet":
        """Claims matching `text` in their text or context; all claims when `text` is blank.

        Web-search syntax on both databases ("quoted phrase", -excluded, or),
        English stemming, served by the stored search document
        (factcheck/search.py). On PostgreSQL best match first, with the rank as
        `search_rank`, read from the stored tsvector; on SQLite (FTS5) in the
        list's own order. `common=True` says the words match many claims
        (see count_matches()): ranking them all would cost more than the page,
        so they come in the list's own order on both databases, a page at a time.
        """
        text = " ".join(text.split())
        if not text:
            return self
        if connections[self.db].vendor != "postgresql":
            return self._search_fts5(text, common=common)
        document = search.StoredSearchDocument()
        query = SearchQuery(text, search_type="websearch", config="english")
        found = self.alias(search_document=document).filter(search_document=query)
        if common:
            return found.order_by(*Claim._meta.ordering)
        return found.annotate(search_rank=SearchRank(document, query)).order_by("-search_rank", *Claim._meta.ordering)

    def count_matches(self, text: str, *, up_to: int) -> int:
        """How many claims match `text`, counted no further than up_to + 1 (to tell a common search).

        On SQLite the -excluded words are left out of the count: it says how
        many claims have the wanted words, which is what decides the plan.
        """
        if connections[self.db].vendor == "postgresql":
            return self.search(text, common=True).order_by().values("pk")[: up_to + 1].count()  # unranked
        # On SQLite, from the FTS5 index alone: `id IN (matches)` would first collect every match.
        wanted, unwanted = search.fts5_query(" ".join(text.split()))
        if not wanted:
            return 0 if not unwanted else up_to + 1  # only exclusions: nearly everything matches
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT rowid FROM {search.FTS_TABLE} WHERE {search.FTS_TABLE} MATCH %s "
                "LIMIT %s)",
                [wanted, up_to + 1],
            )
            return cursor.fetchone()[0]

    def _search_fts5(self, text: str, *, common: bool) -> "ClaimQuerySet":
        wanted, unwanted = search.fts5_query(text)
        if not wanted and not unwanted:
            return self.none()
        matching = f"SELECT rowid FROM {search.FTS_TABLE} WHERE {search.FTS_TABLE} MATCH %s"
        found = self
        if wanted:
            found = found.filter(
                search.Fts5MatchInListOrder(wanted) if common else Q(pk__in=RawSQL(matching, [wanted]))
            )
        if unwanted:
            found = found.exclude(pk__in=RawSQL(matching, [unwanted]))
        return found

    def for_actor(self, actor: Actor) -> "ClaimQuerySet":
        return self.filter(Q(claimant=actor) | Q(actors=actor)).distinct()

    def assigned_to(self, user) -> "ClaimQuerySet":
        return self.filter(assignee=user)

    def awaiting_review(self) -> "ClaimQuerySet":
        """Claims with a verdict or correction waiting for review, longest-waiting first, annotated with
        `waiting_since` (when the verdict was submitted)."""
        waiting = Verdict.objects.waiting_for_review().values("claim_id")
        return (
            self.filter(Q(status=Claim.Status.IN_REVIEW) | Q(status=Claim.Status.PUBLISHED, pk__in=waiting))
            .annotate(
                waiting_since=Min(
                    "verdicts__submitted_at",
                    filter=Q(verdicts__published_at__isnull=True, verdicts__submitted_at__isnull=False),
                )
            )
            .order_by(F("waiting_since").asc(nulls_last=True), "updated_at")
        )


# A mark that opens or closes a quotation in a claim's text. A single closing quote counts only where it
# cannot be an apostrophe: at the start, or closing after punctuation ('We will,' she said).
_OWN_QUOTATION_MARK = re.compile(r"[\"“”„«»‘]|^['’]|[,.;:!?…]['’](?=\s|$)")
# What ends a quoted passage only because the sentence went on after it: “…,” she said.
_JOINING_MARKS = ",;:–— "


def _without_joining_mark(passage: str) -> str:
    """The passage without the comma, colon, semicolon or dash (and spaces) it ends with; otherwise unchanged."""
    return passage.strip().rstrip(_JOINING_MARKS)


class Claim(VersionedModel):
    """One checkable statement found in an article."""

    class Venue(models.TextChoices):
        """Where the claim was made: what a reader would call the occasion or medium."""

        ARTICLE = "article", "News article"
        INTERVIEW = "interview", "Interview"
        SPEECH = "speech", "Speech"
        DEBATE = "debate", "Debate"
        SOCIAL_MEDIA = "social_media", "Social media post"
        PRESS_RELEASE = "press_release", "Press release"
        BROADCAST = "broadcast", "TV or radio broadcast"
        ADVERT = "advert", "Advertisement"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        NEW = "new", "Awaiting check"
        RESEARCHING = "researching", "Being researched"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        DISMISSED = "dismissed", "Dismissed"

    class Quotation(models.TextChoices):
        QUOTE = "quote", "Quoted: the claimant's own words"
        PARAPHRASE = "paraphrase", "Paraphrased: the article's words for what the claimant said"

    # Where each status may go next. A verdict written straight away counts as
    # research (new → in review); any claim may be dismissed. A published claim
    # stays published while a correction of its verdict is drafted and reviewed:
    # readers still see the published verdict, so every public list, count,
    # filter and feed must say "Published" (staff see "correction in progress").
    # A dismissal can be undone (restore()): back to the queue, or to where its
    # verdicts hold it (in review, published).
    TRANSITIONS = {
        Status.NEW: {Status.RESEARCHING, Status.IN_REVIEW, Status.DISMISSED},
        Status.RESEARCHING: {Status.IN_REVIEW, Status.DISMISSED},
        Status.IN_REVIEW: {Status.RESEARCHING, Status.PUBLISHED, Status.DISMISSED},
        Status.PUBLISHED: {Status.DISMISSED},
        Status.DISMISSED: {Status.NEW, Status.IN_REVIEW, Status.PUBLISHED},
    }
    # A verdict may be written, changed and reviewed while its claim is in one of these.
    WORKING_STATUSES = [Status.NEW, Status.RESEARCHING, Status.IN_REVIEW, Status.PUBLISHED]
    # A new verdict (not a correction) is submitted only while its claim is still being checked.
    CHECKING_STATUSES = [Status.NEW, Status.RESEARCHING]
    # Why no new verdict can be written for a claim in another status, and what to do instead.
    NO_NEW_VERDICT = {
        Status.IN_REVIEW: "This claim's verdict is waiting for review; work on that one, or wait for it.",
        Status.PUBLISHED: "This claim's verdict is published. To change it, an editor opens that verdict and starts a "
        "correction.",
        Status.DISMISSED: "This claim was dismissed. An editor can restore it to the queue first.",
    }

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
    # When, where and the original: the importer copies them from the article; the fact-checker confirms them.
    said_on = models.DateField(
        "said on", null=True, blank=True, help_text="When the claim was made (the import uses the article's date)."
    )
    venue = models.CharField(
        "where it was said", max_length=20, choices=Venue, blank=True, help_text="The occasion or medium."
    )
    original_url = models.URLField(
        "original web address",
        max_length=1000,
        blank=True,
        help_text="Where the claim can be read, heard or seen in the original (the import uses the article's).",
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_claims"
    )
    dismissal_reason = models.TextField(blank=True)
    # The current published verdict's rating and time, copied here by Verdict.publish() so that the
    # rating filter and sorts use the claim's own indexes: at 1,000,000 claims the join to the
    # verdict cost more than the rest of the page. NULL before the first publication, as the
    # annotation these replace was (a blank rating would mean something else).
    current_rating = models.CharField(  # noqa: DJ001
        max_length=20, null=True, blank=True, editable=False, choices=rating_choices
    )
    current_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    quotation = models.CharField(
        max_length=10,
        choices=Quotation,
        blank=True,
        help_text="How the claimant's words are given; empty when the claim has no claimant.",
    )
    attribution_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attribution_confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a fact-checker confirmed the claimant and quote or paraphrase."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-checkworthiness", "-created_at", "-id"]
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
            models.CheckConstraint(
                condition=Q(
                    venue__in=[
                        "",
                        "article",
                        "interview",
                        "speech",
                        "debate",
                        "social_media",
                        "press_release",
                        "broadcast",
                        "advert",
                        "other",
                    ]
                ),
                name="claim_venue_valid",
            ),
            models.CheckConstraint(
                condition=Q(quotation__in=["", "quote", "paraphrase"]), name="claim_quotation_valid"
            ),
            models.CheckConstraint(
                condition=Q(claimant__isnull=False) | Q(quotation=""), name="claim_quotation_needs_claimant"
            ),
        ]
        # The list's order with the id as tie-breaker, so that "the page after this claim" (keyset
        # pagination) is one range scan of an index, alone or after a status or rating filter.
        indexes = [
            models.Index(fields=["status", "-checkworthiness", "-created_at", "-id"], name="claim_status_order_idx"),
            # The rating filter is for published claims (ClaimFilter.filter_rating), so status follows rating.
            models.Index(
                fields=["current_rating", "status", "-checkworthiness", "-created_at", "-id"],
                name="claim_rated_order_idx",
            ),
            models.Index(fields=["-checkworthiness", "-created_at", "-id"], name="claim_list_order_idx"),
            models.Index(fields=["-created_at"], name="claim_created_idx"),
            models.Index(fields=["-updated_at"], name="claim_updated_idx"),
            models.Index(fields=["-said_on"], name="claim_said_idx"),
            # The actor page: the claimant's claims in the order said (ids sorted from the index alone,
            # see pagination._rows) and the scorecard's ratings, without reading the claims' rows.
            models.Index(
                fields=["claimant", "said_on", "status", "current_rating", "id"], name="claim_claimant_said_idx"
            ),
        ]

    def __str__(self):
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    def save(self, *args, **kwargs):
        self.fingerprint = fingerprint(self.text)
        if not self.slug:
            self.slug = short_slug(self.text, f"{self.article_id}:{self.fingerprint}")
        loaded = getattr(self, "_attribution_as_loaded", None)
        changed = loaded is not None and loaded != (self.claimant_id, self.quotation)
        if changed and self.attribution_confirmed_at and not getattr(self, "_confirming_attribution", False):
            # A changed claimant or quotation is no longer what was confirmed: it needs confirming again.
            self.attribution_confirmed_at = self.attribution_confirmed_by = None
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {
                    *kwargs["update_fields"],
                    "attribution_confirmed_at",
                    "attribution_confirmed_by",
                }
        super().save(*args, **kwargs)
        self._attribution_as_loaded = (self.claimant_id, self.quotation)
        self._confirming_attribution = False

    def get_absolute_url(self):
        return slug_address("factcheck:claim_detail", self.slug)

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        claim = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        if "claimant_id" in claim.__dict__ and "quotation" in claim.__dict__:
            claim._attribution_as_loaded = (claim.claimant_id, claim.quotation)
        return claim

    @property
    def attribution_confirmed(self) -> bool:
        return self.attribution_confirmed_at is not None

    def quoted_words(self) -> str:
        """The words inside quotation marks in the claim, joined with “…”; '' when there are none.

        Each passage loses the comma (or colon, semicolon or dash) that only joined it to the words
        around it: “This is the biggest investment,” she said → This is the biggest investment.
        """
        from factcheck.extraction.attribution import quoted_spans

        return " … ".join(passage for passage in map(_without_joining_mark, quoted_spans(self.text)) if passage)

    def confirm_attribution(self, *, by, claimant: "Actor | None", quotation: str) -> None:
        """Record that `by` checked who made the claim and whether their words are quoted or paraphrased.

        A verdict cannot be submitted for review before this. No claimant means the article's own
        assertion, which is neither quoted nor paraphrased.
        """
        require_permission(by, "factcheck.change_claim", "You don't have permission to work on claims.")
        if claimant is None and quotation:
            raise ValidationError(
                "With no claimant the claim is the article's own assertion: it is neither quoted nor paraphrased."
            )
        if claimant is not None and quotation not in self.Quotation.values:
            raise ValidationError(
                f"Say whether {claimant}'s words are quoted (their own words) or paraphrased (the article's)."
            )
        self.claimant, self.quotation = claimant, quotation
        self.attribution_confirmed_by, self.attribution_confirmed_at = by, timezone.now()
        self._confirming_attribution = True
        who = f"{claimant}, {self.get_quotation_display().split(':')[0].lower()}" if claimant else "no claimant"
        record_change(self, by=by, reason=f"Claimant confirmed: {who}"[:100])
        confirmed = ["attribution_confirmed_by", "attribution_confirmed_at"]
        self.save(update_fields=["claimant", "quotation", *confirmed, "updated_at"])

    @property
    def is_quotation(self) -> bool:
        """Whether the claim is a quotation: its claimant's own words, as a fact-checker confirmed (or the
        importer judged). A paraphrase is the article's account of what the claimant said, and a claim
        without a claimant is the article's own sentence: neither is ever presented as a quotation."""
        return self.claimant_id is not None and self.quotation == self.Quotation.QUOTE

    def words_shown(self) -> str:
        """The claim's words as every public page, feed and ClaimReview gives them, without added quotation marks.

        A quotation is its claimant's words alone: the passages inside its quotation marks, without the
        attribution around them ("…,” she said") or a comma left dangling at their end; a quotation with
        no marks of its own is its whole text, tidied the same way. A paraphrase or the article's own
        sentence is its text exactly as written.
        """
        return self._shown()[0]

    @property
    def shows_quotation_marks(self) -> bool:
        """Whether public pages put words_shown() in quotation marks: a quotation's words, never a paraphrase
        or the article's own sentence, and never a text whose own quotation marks could not be read apart."""
        return self._shown()[1]

    def as_shown(self, length: int | None = None) -> str:
        """The claim as public lists show it: words_shown(), in quotation marks when shows_quotation_marks,
        shortened (inside the marks) to `length` characters in all when given."""
        words, marked = self._shown()
        if length is not None:
            room = length - 2 if marked else length
            words = words if len(words) <= room else Truncator(words).chars(room)
        return f"“{words}”" if marked else words

    def _shown(self) -> tuple[str, bool]:
        """(the words public pages show, whether in quotation marks): see words_shown()."""
        if not self.is_quotation:
            return self.text, False
        if quoted := self.quoted_words():
            return quoted, True
        if _OWN_QUOTATION_MARK.search(self.text):
            # Marks of its own that quoted_words() could not pair (a quotation running on from the last
            # paragraph, 'single quotes'): wrapped again it would read “"…”, so it is shown as written.
            return self.text, False
        return _without_joining_mark(self.text), True

    def refuse_unconfirmed_attribution(self) -> None:
        """Raise ValidationError until a fact-checker has confirmed the claimant (see confirm_attribution)."""
        if not self.attribution_confirmed:
            raise ValidationError(
                "Confirm the claimant first: on the claim's page, check who made the claim (or that it is the "
                "article's own), whether their words are quoted or paraphrased, and tick “Claimant confirmed”."
            )

    def current_verdict(self) -> "Verdict | None":
        """The published verdict readers see, or None before the first publication."""
        return self.verdicts.filter(is_current=True).first()

    def move_to(self, status: str, *, by, reason: str) -> None:
        """Change the status in memory (the caller saves), refusing moves the workflow does not allow."""
        if status not in self.TRANSITIONS[self.status]:
            raise ValidationError(
                f"A claim that is “{self.get_status_display()}” cannot become “{self.Status(status).label}”."
            )
        self.status = status
        record_change(self, by=by, reason=reason)

    def assign(self, to, *, by) -> None:
        """Give the claim to `to`, or to nobody with to=None.

        Anyone on the desk may take an unassigned claim for themselves; handing a
        claim to someone else or taking it from them is an editor's job.
        """
        require_permission(by, "factcheck.change_claim", "You don't have permission to work on claims.")
        taking_a_free_claim = to is not None and to.pk == by.pk and self.assignee_id in (None, by.pk)
        if not taking_a_free_claim:
            require_permission(
                by, "factcheck.assign_claim", "Only an editor can assign a claim to someone else or take it from them."
            )
        if self.status == self.Status.DISMISSED:
            raise ValidationError("This claim was dismissed; there is nothing to assign.")
        if to is not None and not to.has_perm("factcheck.change_claim"):
            raise ValidationError(f"{to} is neither a fact-checker nor an editor, so cannot work on claims.")
        self.assignee = to
        record_change(self, by=by, reason=f"Assigned to {to}" if to else "Unassigned")
        self.save(update_fields=["assignee", "updated_at"])

    def start_research(self, *, by) -> None:
        """Move a new claim to research; an unassigned claim becomes the researcher's."""
        require_permission(by, "factcheck.change_claim", "You don't have permission to work on claims.")
        if self.assignee_id not in (None, by.pk):
            require_permission(
                by,
                "factcheck.assign_claim",
                f"This claim is assigned to {self.assignee}; only they or an editor can start research on it.",
            )
        if self.status != self.Status.NEW:
            raise ValidationError(f"Research can start only on a new claim; this one is “{self.get_status_display()}”.")
        self.move_to(self.Status.RESEARCHING, by=by, reason="Research started")
        if self.assignee_id is None:
            self.assignee = by
        self.save(update_fields=["status", "assignee", "updated_at"])

    def dismiss(self, *, by, reason: str) -> None:
        """Set the claim aside as not checkable or not worth checking; the reason is kept."""
        require_permission(by, "factcheck.dismiss_claim", "Only an editor can dismiss a claim.")
        reason = " ".join((reason or "").split())
        if not reason:
            raise ValidationError("Say why the claim is dismissed, for example “an opinion, not a checkable fact”.")
        self.move_to(self.Status.DISMISSED, by=by, reason="Dismissed")
        self.dismissal_reason = reason
        self.save(update_fields=["status", "dismissal_reason", "updated_at"])

    def status_when_restored(self) -> str:
        """Where undoing this claim's dismissal puts it: published when it has a current verdict (readers
        see it again), in review when a verdict is waiting for review, otherwise back in the queue (new)."""
        if self.verdicts.filter(is_current=True).exists():
            return self.Status.PUBLISHED
        if self.verdicts.filter(submitted_at__isnull=False, published_at__isnull=True).exists():
            return self.Status.IN_REVIEW
        return self.Status.NEW

    def restore(self, *, by) -> None:
        """Undo a dismissal (see status_when_restored()); the dismissal's reason stays in the history."""
        require_permission(by, "factcheck.dismiss_claim", "Only an editor can restore a dismissed claim.")
        if self.status != self.Status.DISMISSED:
            raise ValidationError(f"Only a dismissed claim can be restored; this one is “{self.get_status_display()}”.")
        self.move_to(self.status_when_restored(), by=by, reason="Dismissal undone")
        self.dismissal_reason = ""
        self.save(update_fields=["status", "dismissal_reason", "updated_at"])


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

    # What a reader relies on; whoever changes any of it (or the sources) becomes an author. A correction's
    # public note is part of it: whoever writes the note cannot also be the one who publishes it.
    SUBSTANCE = ("rating", "summary", "explanation", "correction_note")

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
            changed = [] if copy else self._substance_changed(kwargs.get("update_fields"))
            if changed:
                by = self.refuse_substance_change(by=acting_user(self))
            super().save(*args, **kwargs)
            if changed:
                VerdictChange.objects.create(verdict=self, changed_by=by, fields=changed)

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

    def refuse_substance_change(self, *, by):
        """Return who is changing the verdict's substance (nobody known: its author), or raise
        PermissionDenied when they may not: the verdict is published, or in review and they submitted it."""
        by = by or self.author
        if self.pk is None:
            return by
        stored = Verdict._base_manager.filter(pk=self.pk).values("submitted_at", "published_at").first() or {}
        if stored.get("published_at"):
            raise PermissionDenied("This verdict is published; change it by starting a correction.")
        if stored.get("submitted_at") and by.pk in self.authors_at_submission(stored["submitted_at"]):
            raise PermissionDenied(
                "This verdict is waiting for review, so its authors cannot change it until an editor sends it back."
            )
        return by

    def _substance_changed(self, update_fields) -> list[str]:
        """Which of rating, summary and explanation this save changes (all that are filled in, when new)."""
        if self._state.adding or self.pk is None:
            return [name for name in self.SUBSTANCE if getattr(self, name)]
        names = [name for name in self.SUBSTANCE if update_fields is None or name in update_fields]
        stored = Verdict._base_manager.filter(pk=self.pk).values(*names).first() if names else None
        return [name for name in names if stored is not None and stored[name] != getattr(self, name)]

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
            if any(getattr(fresh, name) != getattr(self, name) for name in self.SUBSTANCE):
                raise ValidationError("This verdict has unsaved changes: save them before publishing.")
            fresh._refuse_if_incomplete("published")
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
            self.save(update_fields=["published_at", "reviewer", "is_current", "solo_correction", "updated_at"])
            if claim.status != claim.Status.PUBLISHED:
                claim.move_to(claim.Status.PUBLISHED, by=by, reason="Verdict published")
            # The claim carries its current rating and publication time for the lists' indexes (issue 15).
            claim.current_rating, claim.current_published_at = self.rating, self.published_at
            claim.save(update_fields=["status", "current_rating", "current_published_at", "updated_at"])
            self.claim = claim

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

    def started_by(self):
        """Who started this verdict or correction (its first saved version's user), else its author."""
        first = self.history.order_by("history_date").select_related("history_user").first()
        return (first.history_user if first else None) or self.author

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
        desk publish a correction of its own that changes no rating (marked so in public)."""
        return bool(
            settings.FACTCHECK_SOLO_CORRECTIONS
            and self.corrects_id
            and self.rating == self.corrects.rating
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
                    "You changed this verdict's rating, summary, explanation or sources, which makes you a "
                    "co-author: under the two-person rule someone else must now publish it."
                )
            solo = True
        if self.published_at:
            when = timezone.localtime(self.published_at).strftime("%Y-%m-%d %H:%M")
            raise ValidationError(f"This verdict was already published by {self.reviewer} at {when}.")
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
                VerdictChange.objects.create(verdict=self.verdict, changed_by=by, fields=["sources"])

    def delete(self, *args, **kwargs):
        with transaction.atomic():
            by = self.verdict.refuse_substance_change(by=acting_user(self))
            VerdictChange.objects.create(verdict=self.verdict, changed_by=by, fields=["sources"])
            return super().delete(*args, **kwargs)

    def _compared_values(self) -> dict:
        return {name: getattr(self, name) for name in self.COMPARED}


class VerdictChange(models.Model):
    """One change to a verdict's substance (rating, summary, explanation or sources) and who made it.

    Whoever appears here is one of the verdict's authors, so can never be the one who publishes it.
    """

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdict_changes")
    changed_at = models.DateTimeField(default=timezone.now)
    fields = models.JSONField(default=list, help_text="What changed: rating, summary, explanation, sources.")

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["verdict", "changed_by"], name="verdict_change_by_idx")]

    def __str__(self):
        return f"{self.changed_by} changed {', '.join(self.fields)} on {self.changed_at:%Y-%m-%d %H:%M}"


class ClaimMatchQuerySet(models.QuerySet):
    def open(self) -> "ClaimMatchQuerySet":
        """Links and suggestions nobody has decided on yet."""
        return self.filter(state__in=[ClaimMatch.State.LINKED, ClaimMatch.State.SUGGESTED])

    def confirmed(self) -> "ClaimMatchQuerySet":
        return self.filter(state=ClaimMatch.State.CONFIRMED)


class ClaimMatch(models.Model):
    """A claim found to repeat one the desk has already checked (or is checking), in other words.

    The importer links a new claim to an earlier one when the matcher is sure
    (``LINKED``: "already checked") and suggests the link when it is less sure;
    an editor confirms or rejects either. A confirmed repeat shares the earlier
    claim's verdict, and the earlier claim lists it as another appearance: who
    said it, when, in which article.
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
    score = models.FloatField(help_text="0–1: how sure the matcher was.")
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
        """An editor agrees the claim repeats the original: it shares the original's verdict (the
        claim is closed as already checked unless it has a verdict of its own) and the original
        gains it as an appearance."""
        require_permission(by, "factcheck.dismiss_claim", "Only an editor can confirm a repeat.")
        with transaction.atomic():
            claim = Claim.objects.select_for_update().get(pk=self.claim_id)
            if ClaimMatch.objects.confirmed().filter(claim=claim).exclude(pk=self.pk).exists():
                raise ValidationError("This claim is already confirmed as a repeat of another claim.")
            self._decide(ClaimMatch.State.CONFIRMED, by=by)
            verdict = self.original.current_verdict()
            if claim.status in (Claim.Status.NEW, Claim.Status.RESEARCHING) and verdict is not None:
                claim.dismiss(by=by, reason=f"Already checked: {self.original_summary(verdict)}")

    def reject(self, *, by) -> None:
        """An editor says the claim is not a repeat; the link is kept, as rejected, so it is not suggested again."""
        require_permission(by, "factcheck.dismiss_claim", "Only an editor can reject a repeat.")
        with transaction.atomic():
            self._decide(ClaimMatch.State.REJECTED, by=by)

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
    def store(self, claims: list["Claim"], vectors) -> None:
        """Keep each claim's vector (``factcheck.embeddings``), replacing any it had, in one statement."""
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
        )


class ClaimEmbedding(models.Model):
    """A claim's sentence embedding: what it means, as 384 numbers (``factcheck.embeddings``).

    Embedding a claim costs about 5 ms of CPU, so the importer keeps each new claim's vector
    here and the claim-matching index (``factcheck.repeats``) reads them instead of embedding
    every checked claim each time it is rebuilt. ``digest`` is of the text the vector was made
    from: a claim an editor reworded is embedded again. A table of its own keeps the claims
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
        return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


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


class ImportJob(models.Model):
    """One submission on the admin's "Import articles" page: files, pasted texts and web addresses.

    Each of its items is imported by a background task (``factcheck.tasks``); the job page shows
    their progress and results. Nothing here is ever edited: an import is a record.
    """

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="import_jobs"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = "article import"
        verbose_name_plural = "article imports"

    def __str__(self):
        return f"Import #{self.pk} ({self.submitted_at:%Y-%m-%d %H:%M})" if self.submitted_at else "New import"

    def outcome_counts(self) -> dict[str, int]:
        """How many of its items are in each status, every status listed."""
        counts = dict(self.items.order_by().values_list("status").annotate(models.Count("pk")))
        return {status: counts.get(status, 0) for status in ImportItem.Status.values}

    @property
    def finished(self) -> bool:
        return not self.items.filter(status__in=ImportItem.UNFINISHED).exists()


class ImportItem(models.Model):
    """One article to import within an ImportJob: an uploaded file, a pasted text or a web address."""

    class Kind(models.TextChoices):
        FILE = "file", "Uploaded file"
        TEXT = "text", "Pasted text"
        URL = "url", "Web address"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting"
        RUNNING = "running", "Importing"
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        UNCHANGED = "unchanged", "Unchanged"
        FAILED = "failed", "Refused"

    UNFINISHED = (Status.QUEUED, Status.RUNNING)

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=10, choices=Kind)
    name = models.CharField(max_length=1000, help_text="The file's name, the web address, or “Pasted text”.")
    content = models.BinaryField(blank=True, help_text="The uploaded file's bytes or the pasted text (UTF-8).")
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    reason = models.TextField(blank=True, help_text="Why it was refused, or why it was unchanged.")
    article = models.ForeignKey(Article, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    claims_created = models.PositiveIntegerField(default=0)
    actors_created = models.JSONField(default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True, help_text="The background task importing it.")
    attempts = models.PositiveSmallIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["job", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "created", "updated", "unchanged", "failed"]),
                name="import_item_status_valid",
            ),
            models.CheckConstraint(condition=Q(kind__in=["file", "text", "url"]), name="import_item_kind_valid"),
        ]

    def __str__(self):
        return self.name

    def start(self) -> bool:
        """Mark it as being imported now; False when it has finished already (a task delivered twice)."""
        started = (
            type(self)
            .objects.filter(pk=self.pk, status__in=self.UNFINISHED)
            .update(status=self.Status.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1)
        )
        self.refresh_from_db()
        return bool(started)

    def record(self, *, outcome: str, reason: str = "", article_id=None, claims_created=0, actors_created=()) -> None:
        """Save what importing it did; `outcome` is an ImportItem.Status value."""
        self.status = outcome
        self.reason = reason
        self.article_id = article_id
        self.claims_created = claims_created
        self.actors_created = list(actors_created)
        self.finished_at = timezone.now()
        self.save(update_fields=["status", "reason", "article", "claims_created", "actors_created", "finished_at"])
