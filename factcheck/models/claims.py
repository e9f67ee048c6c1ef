"""Claims: the checkable statements found in articles, who made them, and their place in the workflow.

A claim moves new → researching → in review → published (or dismissed, which an editor can undo).
"""

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, models
from django.db.models import F, Min, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from factcheck import search
from factcheck.models.actors import Actor
from factcheck.models.articles import Article
from factcheck.models.base import (
    VersionedModel,
    fingerprint,
    record_change,
    require_permission,
    short_slug,
    slug_address,
)
from factcheck.models.transcripts import ClaimRecording

if TYPE_CHECKING:
    from factcheck.models.verdicts import Verdict


def rating_choices() -> list[tuple[str, str]]:
    """The verdict ratings, for a field declared before Verdict (Claim.current_rating)."""
    from factcheck.models.verdicts import Verdict

    return Verdict.Rating.choices


class ClaimQuerySet(models.QuerySet):
    def update(self, **kwargs) -> int:
        """Update in bulk, refusing to change the wording (Claim.WORDING) of a claim with a published verdict:
        readers see those words under its rating, so they change only through a reviewed correction."""
        wording = set(Claim.WORDING) | {f"{name}_id" for name in Claim.WORDING}
        if wording & set(kwargs) and self.filter(verdicts__published_at__isnull=False).exists():
            raise PermissionDenied(Claim.PUBLISHED_WORDING_REFUSAL)
        return super().update(**kwargs)

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
        from factcheck.models.verdicts import Verdict

        current = Verdict.objects.filter(claim=models.OuterRef("pk"), is_current=True)
        return self.update(
            current_rating=models.Subquery(current.values("rating")[:1]),
            current_published_at=models.Subquery(current.values("published_at")[:1]),
        )

    def published(self) -> "ClaimQuerySet":
        return self.filter(status=Claim.Status.PUBLISHED)

    def checked(self) -> "ClaimQuerySet":
        """Claims readers see as checked: with a published verdict of their own, or repeating one that has."""
        return self.filter(status__in=[Claim.Status.PUBLISHED, Claim.Status.REPEAT])

    def search(self, text: str, *, common: bool = False) -> "ClaimQuerySet":
        """Claims whose own words match `text`; all claims when `text` is blank.

        Web-search syntax on both databases ("quoted phrase", -excluded, or),
        English stemming and no accents, served by the stored search documents
        (factcheck/search.py). The paragraph around a claim never makes it match;
        on PostgreSQL it ranks: best match first, the words in the claim and its
        paragraph counted, with the rank as `search_rank`, read from the stored
        tsvector; on SQLite (FTS5) in the list's own order. `common=True` says the words match many claims
        (see count_matches()): ranking them all would cost more than the page,
        so they come in the list's own order on both databases, a page at a time.
        """
        text = " ".join(text.split())
        if not text:
            return self
        if connections[self.db].vendor != "postgresql":
            return self._search_fts5(text, common=common)
        document = search.StoredSearchDocument()
        query = SearchQuery(text, search_type="websearch", config=search.SEARCH_CONFIG)
        found = self.alias(text_document=search.StoredSearchDocument(search.TEXT_COLUMN)).filter(text_document=query)
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
        from factcheck.models.verdicts import Verdict

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


class ClaimAttribution:
    """Who made a claim and how readers see their words: quoted (in quotation marks, their own words)
    or paraphrased (the article's words), and the fact-checker's confirmation of both."""

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
        changes = (getattr(claimant, "pk", None), quotation) != (self.claimant_id, self.quotation)
        if changes and self.has_published_verdict():
            # Confirming what readers already see is still recorded; a different claimant is a correction.
            raise ValidationError(
                "This claim's verdict is published with its claimant as it stands: a different claimant or "
                "quotation goes into a correction of the verdict, which someone else reviews and publishes."
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
        if self.speaker_id is not None:
            # Said out loud: every word is the speaker's own; quotation marks inside are theirs quoting someone.
            return _without_joining_mark(self.text), not _OWN_QUOTATION_MARK.search(self.text)
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

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        claim = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        if "claimant_id" in claim.__dict__ and "quotation" in claim.__dict__:
            claim._attribution_as_loaded = (claim.claimant_id, claim.quotation)
        return claim


class ClaimWording:
    """What readers are told the checked claim is: its words, who made it and whether quoted or paraphrased,
    when and where it was said and the original's address (WORDING).

    Before a verdict on the claim is published they are the desk's to edit freely. Once one is, readers
    see them under the rating, so they are part of what two people approved: save() and the queryset's
    update() refuse to change them, and a correction of the verdict carries new ones (Verdict.checked_*)
    that the claim takes when someone other than its authors publishes it, with its public note.
    """

    # The claim's fields that are its wording, each with the verdict's field that records it as checked.
    WORDING = {
        "text": "checked_text",
        "claimant": "checked_claimant",
        "quotation": "checked_quotation",
        "said_on": "checked_said_on",
        "said_at": "checked_said_at",
        "venue": "checked_venue",
        "original_url": "checked_original_url",
    }
    PUBLISHED_WORDING_REFUSAL = (
        "This claim's verdict is published, and readers see the claim's words, claimant, quotation, date and "
        "place with its rating: they change only through a correction of the verdict, which someone else "
        "reviews and publishes with a public note."
    )

    def venue_in_sentence(self) -> str:
        """Where it was said, as a sentence names it: "interview", "TV or radio broadcast"; '' when nobody has
        said (or only "Other")."""
        if not self.venue or self.venue == "other":
            return ""
        label = self.get_venue_display()
        return label if label.startswith("TV") else label.lower()

    def venue_in_words(self) -> str:
        """Where it was said, as a sentence goes on after "in": "an interview", "a TV or radio broadcast"."""
        label = self.venue_in_sentence()
        return f"{'an' if label[0] in 'aeiou' else 'a'} {label}" if label else ""

    def has_published_verdict(self) -> bool:
        """Whether readers have been shown a verdict on this claim (the current one, or any corrected since)."""
        return self.pk is not None and self.verdicts.filter(published_at__isnull=False).exists()

    def wording(self) -> dict:
        """The wording as plain values, keyed by the claim's field names (the claimant as its pk)."""
        return {name: getattr(self, self._meta.get_field(name).attname) for name in self.WORDING}

    def wording_changed(self, update_fields=None) -> list[str]:
        """Which wording fields differ from the stored claim (limited to `update_fields` when given)."""
        names = [
            name
            for name in self.WORDING
            if update_fields is None or {name, self._meta.get_field(name).attname} & set(update_fields)
        ]
        if not names or self.pk is None:
            return []
        attnames = [self._meta.get_field(name).attname for name in names]
        stored = type(self)._base_manager.filter(pk=self.pk).values(*attnames).first()
        if stored is None:
            return []
        pairs = zip(names, attnames, strict=True)
        return [name for name, attname in pairs if stored[attname] != getattr(self, attname)]

    def refuse_published_wording_change(self, update_fields=None) -> None:
        """Raise PermissionDenied when this save would change the wording of a claim with a published verdict,
        unless a published correction is bringing its reviewed wording (Verdict.publish) or an editor is
        merging two records of one claimant (Actor.merge)."""
        if self._state.adding or getattr(self, "_wording_change_allowed", False):
            return
        if self.wording_changed(update_fields) and self.has_published_verdict():
            raise PermissionDenied(self.PUBLISHED_WORDING_REFUSAL)


class ClaimSteps:
    """A claim's steps through the workflow (new → researching → in review → published, or dismissed),
    each refused in words a person understands when the workflow or their role does not allow it."""

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
        if reason.startswith(self.DUPLICATE_REASON):
            self.refuse_dismissal_as_a_repeat()
        self.move_to(self.Status.DISMISSED, by=by, reason="Dismissed")
        self.dismissal_reason = reason
        self.save(update_fields=["status", "dismissal_reason", "updated_at"])
        self.refresh_repeats(by=by)  # its repeats no longer read as checked

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
        self.follow_original(by=by)  # a repeat of a checked claim reads as checked again
        self.refresh_repeats(by=by)

    def current_verdict(self) -> "Verdict | None":
        """The published verdict readers see, or None before the first publication."""
        return self.verdicts.filter(is_current=True).first()


class ClaimRepeats:
    """A claim that repeats one the desk has checked (``ClaimMatch``, linked automatically or confirmed by an
    editor) reads everywhere public as already checked, with the original's rating and a link to it; the
    original's verdict, corrections and dismissal reach its repeats at once."""

    # A claim in these statuses takes the verdict of the checked claim it repeats; any other has a
    # verdict of its own (or one in review), or was dismissed.
    FOLLOWING_STATUSES = ["new", "researching", "repeat"]
    # The dismissal reason that says the claim was checked already, as another claim.
    DUPLICATE_REASON = "Already checked: a duplicate of another claim"

    def refuse_dismissal_as_a_repeat(self) -> None:
        """Raise ValidationError when the claim is linked, confirmed or suggested as a repeat of a checked claim:
        readers see such a claim as already checked, with that claim's verdict, once the repeat is confirmed; a
        claim dismissed reads to them as one the desk chose not to check."""
        from factcheck.models.repeats import ClaimMatch

        if self.status not in self.FOLLOWING_STATUSES:
            return  # one with a verdict of its own, or in review, is a duplicate check: the desk keeps one
        link = (
            ClaimMatch.objects.filter(claim=self, original__status=self.Status.PUBLISHED)
            .exclude(state=ClaimMatch.State.REJECTED)
            .select_related("original")
            .order_by("state", "-score", "pk")  # confirmed, linked, suggested
            .first()
        )
        if link is None:
            return
        original = f"“{link.original}”"
        if link.state == ClaimMatch.State.CONFIRMED:
            raise ValidationError(
                f"This claim is confirmed as a repeat of {original}: readers already see it as checked, with "
                "that verdict. Dismissed, it would read as a claim we chose not to check; dismiss it only for "
                "another reason."
            )
        how = "was linked automatically" if link.state == ClaimMatch.State.LINKED else "is suggested"
        raise ValidationError(
            f"This claim {how} as a repeat of {original}: confirm that repeat on the claim's page instead. Readers "
            "then see it as already checked, with that verdict; dismissed, it would read as a claim we chose not "
            "to check."
        )

    def original_to_follow(self) -> "Claim | None":
        """The published claim whose verdict applies to this one: the original of its confirmed repeat link,
        else of its best automatic one, when that original has a published verdict; None otherwise."""
        from factcheck.models.repeats import ClaimMatch

        link = (
            ClaimMatch.objects.filter(claim=self)
            .repeating()
            .filter(
                original__status=self.Status.PUBLISHED,
                original__current_rating__isnull=False,
            )
            .select_related("original")
            .order_by("state", "-score", "pk")  # "confirmed" before "linked"
            .first()
        )
        return link.original if link else None

    def follow_original(self, *, by=None) -> bool:
        """Make the claim read as a repeat of original_to_follow() (status "Already checked", its rating and
        publication time), or as awaiting a check again when it no longer repeats a checked claim.
        A claim with a verdict of its own, in review or dismissed is left as it is. Returns whether it changed."""
        if self.status not in self.FOLLOWING_STATUSES:
            return False
        original = self.original_to_follow()
        if original is None:
            if self.status != self.Status.REPEAT:
                return False
            self.move_to(self.Status.NEW, by=by, reason="No longer a repeat of a checked claim")
            self.repeat_of, self.current_rating, self.current_published_at = None, None, None
        else:
            wanted = (original.pk, original.current_rating, original.current_published_at)
            if (
                self.status == self.Status.REPEAT
                and (self.repeat_of_id, self.current_rating, self.current_published_at) == wanted
            ):
                return False
            if self.status != self.Status.REPEAT:
                self.move_to(self.Status.REPEAT, by=by, reason=f"Already checked: repeats {original}"[:100])
            else:
                record_change(self, by=by, reason=f"The checked claim it repeats changed: {original}"[:100])
            self.repeat_of, self.current_rating, self.current_published_at = original, *wanted[1:]
        self.save(update_fields=["status", "repeat_of", "current_rating", "current_published_at", "updated_at"])
        return True

    def refresh_repeats(self, *, by=None) -> int:
        """Bring this claim's repeats into line with it after a publish, correction, dismissal or restore
        (see follow_original()); returns how many changed."""
        from factcheck.models.repeats import ClaimMatch

        repeats = Claim.objects.filter(
            Q(repeat_of=self) | Q(pk__in=ClaimMatch.objects.filter(original=self).repeating().values("claim"))
        ).filter(status__in=self.FOLLOWING_STATUSES)
        return sum(claim.follow_original(by=by) for claim in repeats)


class Claim(ClaimSteps, ClaimRepeats, ClaimWording, ClaimAttribution, ClaimRecording, VersionedModel):
    """One checkable statement found in an article."""

    class Venue(models.TextChoices):
        """Where the claim was made: what a reader would call the occasion or medium."""

        ARTICLE = "article", "News article"
        INTERVIEW = "interview", "Interview"
        SPEECH = "speech", "Speech"
        DEBATE = "debate", "Debate"
        PRESS_CONFERENCE = "press_conference", "Press conference"
        HEARING = "hearing", "Hearing"
        SOCIAL_MEDIA = "social_media", "Social media post"
        PRESS_RELEASE = "press_release", "Press release"
        BROADCAST = "broadcast", "TV or radio broadcast"
        PODCAST = "podcast", "Podcast"
        ADVERT = "advert", "Advertisement"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        NEW = "new", "Awaiting check"
        RESEARCHING = "researching", "Being researched"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        # Repeats a claim the desk has published a verdict on (`repeat_of`): that verdict applies.
        REPEAT = "repeat", "Already checked"
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
    # A claim found to repeat a published one (linked automatically or confirmed) is already checked; it
    # is awaiting a check again when the link is rejected or the original is no longer published.
    TRANSITIONS = {
        Status.NEW: {Status.RESEARCHING, Status.IN_REVIEW, Status.REPEAT, Status.DISMISSED},
        Status.RESEARCHING: {Status.IN_REVIEW, Status.REPEAT, Status.DISMISSED},
        Status.IN_REVIEW: {Status.RESEARCHING, Status.PUBLISHED, Status.DISMISSED},
        Status.PUBLISHED: {Status.DISMISSED},
        Status.REPEAT: {Status.NEW, Status.DISMISSED},
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
        Status.REPEAT: "This claim repeats one already checked. An editor who finds it is not a repeat rejects the "
        "link first.",
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
    # Said in a transcript: by whom (the transcript's speaker, whose actor is the claimant) and when.
    speaker = models.ForeignKey(
        "factcheck.Speaker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text="Who said it, as the transcript names them; empty for a written article's claim.",
    )
    said_at = models.DurationField(
        "time in the recording",
        null=True,
        blank=True,
        help_text="How far into the recording it was said (a transcript's timestamp).",
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_claims"
    )
    dismissal_reason = models.TextField(blank=True)
    repeat_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The published claim this one repeats, whose verdict readers see here (status “Already checked”).",
    )
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
                condition=Q(status__in=["new", "researching", "in_review", "published", "repeat", "dismissed"]),
                name="claim_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="repeat") | Q(repeat_of__isnull=False), name="claim_repeat_names_its_original"
            ),
            models.CheckConstraint(condition=~Q(repeat_of=F("pk")), name="claim_repeat_not_itself"),
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
                        "press_conference",
                        "hearing",
                        "social_media",
                        "press_release",
                        "broadcast",
                        "podcast",
                        "advert",
                        "other",
                    ]
                ),
                name="claim_venue_valid",
            ),
            models.CheckConstraint(
                condition=Q(said_at__isnull=True) | Q(said_at__gte=timedelta(0)), name="claim_said_at_not_negative"
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
            # What claim matching reads after a change: the claims of some statuses changed since a moment.
            models.Index(fields=["status", "updated_at"], name="claim_status_updated_idx"),
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
        self.refuse_published_wording_change(kwargs.get("update_fields"))
        self.fingerprint = fingerprint(self.text)
        if not self.slug:
            self.slug = self._free_slug()
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
        self._confirming_attribution = self._wording_change_allowed = False

    def get_absolute_url(self):
        return slug_address("factcheck:claim_detail", self.slug)

    def _free_slug(self) -> str:
        """The address the claim's sentence gives it, or when another claim has that one (a claim reworded from
        the same sentence keeps it), the next free one, as the importer numbers them."""
        key = f"{self.article_id}:{self.fingerprint}"
        slug, attempt = short_slug(self.text, key), 0
        while type(self)._base_manager.filter(slug=slug).exclude(pk=self.pk).exists():
            attempt += 1
            slug = short_slug(self.text, f"{key}:{attempt}")
        return slug
