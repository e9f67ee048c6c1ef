"""Who speaks in a transcript: each label the transcript gives a speaker ("BIDEN", "Q"), the actor it is,
and whether what they say can be a claim (a moderator's questions never are).

The importer records the speakers it recognised; a fact-checker corrects and confirms them once for the
whole transcript (``Article.credit_speakers``), instead of confirming the claimant of each claim.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import models
from django.db.models import Q

from factcheck.models.actors import Actor
from factcheck.models.articles import Article


class Speaker(models.Model):
    """One speaker of a transcript, under the label the transcript gives them."""

    class Role(models.TextChoices):
        SPEAKER = "speaker", "Speaker: what they say can be a claim"
        MODERATOR = "moderator", "Moderator or interviewer: their questions are never claims"
        UNIDENTIFIED = "unidentified", "Audience or unidentified voice: never credited, never a claim"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="speakers")
    label = models.CharField(max_length=200, help_text="How the transcript names them: “BIDEN”, “Q”.")
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="speaking_parts",
        help_text="Who they are: every claim of theirs is credited to this person.",
    )
    role = models.CharField(max_length=20, choices=Role, default=Role.SPEAKER)
    position = models.PositiveIntegerField(default=0, help_text="The order of their first turn.")

    class Meta:
        ordering = ["article", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "label"], name="speaker_label_unique_per_transcript"),
            models.CheckConstraint(
                condition=Q(role__in=["speaker", "moderator", "unidentified"]), name="speaker_role_valid"
            ),
            models.CheckConstraint(
                condition=~Q(role="unidentified") | Q(actor__isnull=True), name="speaker_unidentified_has_no_actor"
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.actor or 'not identified'})"


# Players whose addresses take the time to start at: YouTube (?t=2533), Vimeo (#t=2533s) and a media
# file itself (#t=2533, the W3C's media fragments).
_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtu.be"}
_VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
_MEDIA_FILE = re.compile(r"\.(?:mp4|m4v|webm|ogv|mov|mp3|m4a|aac|oga|ogg|opus|wav|flac)$", re.IGNORECASE)
VIDEO_FILE = re.compile(r"\.(?:mp4|m4v|webm|ogv|mov)$", re.IGNORECASE)


def address_at(url: str, seconds: int | None) -> str:
    """The address of the original at `seconds` into it, when its player can start there; else ''."""
    if not url or seconds is None:
        return ""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host in _YOUTUBE_HOSTS:
        query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "t"]
        return urlunsplit(parts._replace(query=urlencode([*query, ("t", f"{seconds}s")]), fragment=""))
    if host in _VIMEO_HOSTS:
        return urlunsplit(parts._replace(fragment=f"t={seconds}s"))
    if _MEDIA_FILE.search(parts.path):
        return urlunsplit(parts._replace(fragment=f"t={seconds}"))
    return ""


def is_video(url: str) -> bool:
    """Whether the address is a video's (a video site, or a video file)."""
    parts = urlsplit(url)
    return (parts.hostname or "") in _YOUTUBE_HOSTS | _VIMEO_HOSTS or bool(VIDEO_FILE.search(parts.path))


class ClaimRecording:
    """Where in its recording a spoken claim was said (`Claim.said_at`), as readers and players see it."""

    @property
    def said_at_seconds(self) -> int | None:
        """How many whole seconds into the recording it was said; None when not known."""
        return None if self.said_at is None else int(self.said_at.total_seconds())

    @property
    def recording_time(self) -> str:
        """When in the recording it was said, as readers see it ("00:42:13"); '' when not known."""
        from factcheck.extraction.transcripts import timestamp

        return "" if self.said_at is None else timestamp(self.said_at_seconds)

    @property
    def recording_duration(self) -> str:
        """The same as an HTML and schema.org duration ("PT0H42M13S"), for <time datetime>."""
        if self.said_at is None:
            return ""
        hours, rest = divmod(self.said_at_seconds, 3600)
        return f"PT{hours}H{rest // 60}M{rest % 60}S"

    @property
    def original_at_time(self) -> str:
        """The original's address at the moment it was said, when its player can start there; else ''."""
        return address_at(self.original_url, self.said_at_seconds)
