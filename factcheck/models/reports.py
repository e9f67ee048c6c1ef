"""Reader reports: claims readers suggest and errors they report from the public site."""

from django.db import models

from factcheck.models.claims import Claim


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
