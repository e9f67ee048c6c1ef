"""Background imports: a batch of files, pasted texts or addresses, and the outcome of each."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from factcheck.models.articles import Article


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
    # What the person importing a pasted text said about it; they win over what the text itself says.
    outlet = models.CharField(max_length=200, blank=True, help_text="A pasted article's outlet.")
    published_on = models.DateField(null=True, blank=True, help_text="A pasted article's date.")
    url = models.URLField(max_length=1000, blank=True, help_text="A pasted article's original web address.")
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
