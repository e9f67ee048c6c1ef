"""Articles in the admin: the imported text with its claims marked, the sentences that are not
claims (an editor can add one), and the details editors correct. A transcript's page also lists
its speakers, and links to the page where a fact-checker says who they are and confirms them once
for all its claims.
"""

import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from factcheck.admin.common import BrowserDateInput, LabelledAutocompleteSelect, RecordOnlyHistoryAdmin, perform
from factcheck.extraction import threshold
from factcheck.models import (
    Article,
    Speaker,
    fingerprint,
)


def claims_table(claims) -> str:
    """The claims as a table of links to their pages; it wraps, and becomes cards on a phone (CSS)."""
    rows = format_html_join(
        "",
        '<tr><td data-label="Claim"><a href="{}">{}</a></td><td data-label="Status">{}</td>'
        '<td data-label="Claimant">{}</td><td data-label="Worth">{}</td><td data-label="Assignee">{}</td></tr>',
        (
            (
                reverse("admin:factcheck_claim_change", args=[claim.pk]),
                claim,
                claim.get_status_display(),
                claim.claimant or "—",
                f"{claim.checkworthiness:.2f}",
                claim.assignee or "—",
            )
            for claim in claims
        ),
    )
    return format_html(
        '<table class="desk-queue desk-rows"><thead><tr><th scope="col">Claim</th><th scope="col">Status</th>'
        '<th scope="col">Claimant</th><th scope="col">Worth</th><th scope="col">Assignee</th></tr></thead>'
        "<tbody>{}</tbody></table>",
        rows,
    )


def find_sentence(sentence: str, text: str) -> re.Match | None:
    """Where `sentence` stands in `text`, ignoring case and differences in whitespace; None when absent."""
    words = sentence.split()
    if not words:
        return None
    return re.search(r"\s+".join(re.escape(word) for word in words), text, flags=re.IGNORECASE)


def highlighted_body(article: Article) -> str:
    """The article's paragraphs as HTML, each claim's sentence in a <mark> linking to the claim."""
    claims = sorted(article.claims.all(), key=lambda claim: claim.position)
    paragraphs = []
    for paragraph in article.body.splitlines():
        spans = []
        for claim in claims:
            found = find_sentence(claim.text, paragraph)
            if found and not any(found.start() < end and begin < found.end() for begin, end, _ in spans):
                spans.append((found.start(), found.end(), claim))
        pieces, position = [], 0
        for start, end, claim in sorted(spans, key=lambda span: span[0]):
            pieces.append(escape(paragraph[position:start]))
            pieces.append(
                format_html(
                    '<mark title="{}"><a href="{}">{}</a></mark>',
                    claim.get_status_display(),
                    reverse("admin:factcheck_claim_change", args=[claim.pk]),
                    paragraph[start:end],
                )
            )
            position = end
        pieces.append(escape(paragraph[position:]))
        if paragraph.strip():
            # Every piece was escaped or built with format_html just above.
            paragraphs.append(format_html("<p>{}</p>", mark_safe("".join(pieces))))
    return mark_safe("".join(paragraphs))


class ArticleAdminForm(forms.ModelForm):
    """An imported article's details, which an editor may correct; its text stays as imported."""

    class Meta:
        model = Article
        fields = ["title", "outlet", "url", "published_on", "venue", "dateline"]
        labels = {"title": "Headline", "url": "Original web address", "published_on": "Published on"}
        help_texts = {
            "title": "Readers see it wherever the article or its claims are shown. Its web address stays the same.",
            "outlet": "The newspaper, site or broadcaster that published it.",
            "url": "Where readers find the original (“Read the original article”). A claim said in the article "
            "whose original web address is still the article's old one gets the new one too, unless its "
            "verdict is published (then a correction changes it).",
            "published_on": "A claim said in the article whose “said on” date is still the article's old date "
            "gets the new one too: readers see that date with the claim and in search results. A claim whose "
            "verdict is published keeps its date until a correction changes it.",
            "venue": "What the transcript records. Its claims still said there get the new one too.",
        }
        widgets = {
            "published_on": BrowserDateInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "venue" in self.fields:
            # A transcript always has a venue (the database refuses one without).
            self.fields["venue"].required = True
            self.fields["venue"].choices = Article.Venue.choices

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if self.instance.pk and title != self.instance.title:
            self.instance.refuse_headline(title)
        return title


class OutletFilter(admin.SimpleListFilter):
    """Articles by outlet, with the articles nobody named an outlet for as a choice of their own (Django's
    own filter offers them as a link with no text, which nobody can read or find)."""

    title = "outlet"
    parameter_name = "outlet"
    NONE = "__none__"

    def lookups(self, request, model_admin):
        outlets = Article.objects.order_by("outlet").values_list("outlet", flat=True).distinct()
        return [(outlet or self.NONE, outlet or "No outlet given") for outlet in outlets]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        return queryset.filter(outlet="" if self.value() == self.NONE else self.value())


class TranscriptSpeakersAdmin:
    """A transcript's speakers on its admin page, and the page where a fact-checker says who they are
    and confirms them once for all its claims."""

    @admin.display(description="Who speaks")
    def speakers_found(self, article):
        if article.pk is None:
            return "—"
        speakers = list(article.speakers.select_related("actor").annotate(claim_count=Count("claims")))
        link = format_html(
            '<p><a class="button" href="{}">Say who the speakers are and confirm them</a></p>',
            reverse("admin:factcheck_article_speakers", args=[article.pk]),
        )
        if not speakers:
            return format_html("<p>The transcript names no speaker: set each claim's claimant on the claim's page.</p>")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (speaker.label, speaker.actor or "Not identified", speaker.get_role_display(), speaker.claim_count)
                for speaker in speakers
            ),
        )
        return format_html(
            '<table class="desk-rows"><thead><tr><th scope="col">Label</th><th scope="col">Who</th>'
            '<th scope="col">Role</th><th scope="col">Claims</th></tr></thead><tbody>{}</tbody></table>{}',
            rows,
            link,
        )

    def speakers_view(self, request, pk):
        """Who each speaker of a transcript is and whether they moderate, for anyone who works on claims:
        saving credits the transcript's unconfirmed claims to their speakers; "Save and confirm" also
        confirms them all, once for the transcript (``Article.credit_speakers``)."""
        article = get_object_or_404(Article, pk=pk, kind=Article.Kind.TRANSCRIPT)
        if not request.user.has_perm("factcheck.change_claim"):
            raise PermissionDenied
        SpeakerFormSet = forms.modelformset_factory(
            Speaker,
            fields=["actor", "role"],
            extra=0,
            widgets={"actor": LabelledAutocompleteSelect(Speaker._meta.get_field("actor"), self.admin_site)},
        )
        speakers = article.speakers.select_related("actor").annotate(claim_count=Count("claims"))
        formset = SpeakerFormSet(request.POST or None, queryset=speakers)
        if request.method == "POST" and formset.is_valid():
            confirm = "confirm" in request.POST
            changed = 0

            def save():
                nonlocal changed
                with transaction.atomic():
                    formset.save()
                    changed = article.credit_speakers(by=request.user, confirm=confirm)

            if perform(self, request, save, done="Speakers saved."):
                verb = "credited to their speakers and confirmed" if confirm else "credited to their speakers"
                self.message_user(request, f"{changed} claim{'s' if changed != 1 else ''} {verb}.")
                return HttpResponseRedirect(reverse("admin:factcheck_article_change", args=[pk]))
        for form in formset:
            if form.instance.role == Speaker.Role.UNIDENTIFIED:
                form.fields["actor"].disabled = True
        context = {
            **self.admin_site.each_context(request),
            "title": f"Speakers of “{article.title}”",
            "article": article,
            "formset": formset,
            "opts": self.model._meta,
            "media": self.media + formset.media,
            "unconfirmed": article.claims.filter(attribution_confirmed_at__isnull=True).count(),
        }
        return TemplateResponse(request, "admin/factcheck/article/speakers.html", context)


@admin.register(Article)
class ArticleAdmin(TranscriptSpeakersAdmin, RecordOnlyHistoryAdmin):
    """Editors correct an article's details after import (headline, outlet, original address, date);
    its text and the claims found in it are read-only here, as imported."""

    form = ArticleAdminForm
    list_display = ["title", "kind", "outlet", "published_on", "claim_count", "imported_at"]
    list_filter = ["kind", "venue", OutletFilter]
    search_fields = ["title", "outlet", "source_file"]
    date_hierarchy = "published_on"
    readonly_fields = [
        "speakers_found",
        "dek",
        "body",
        "body_with_claims",
        "claims_found",
        "missed_sentences",
        "clutter_removed",
        "source_file",
        "content_hash",
        "imported_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": ["title", "outlet", "url", "published_on", "dateline"],
                "description": "Correct what the import got wrong or could not find. A later import of a changed "
                "version of the same page or file keeps what you corrected here and updates the rest from it.",
            },
        ),
        (
            "Text, with the claims found in it",
            {
                "fields": ["dek", "body_with_claims", "claims_found"],
                "description": "As imported. The claims were found in this text (the dek's sentences too), so it "
                "cannot be changed.",
            },
        ),
        ("Sentences that are not claims", {"fields": ["missed_sentences"], "classes": ["collapse"]}),
        ("Import", {"fields": ["clutter_removed", "source_file", "content_hash", "imported_at"]}),
        (
            "Plain text, as imported",
            {
                "fields": ["body"],
                "classes": ["collapse"],
                "description": "The same text without the claims marked, to copy from.",
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        """A transcript's page adds its venue to the details, and its speakers above its text."""
        if obj is None or not obj.is_transcript:
            return [
                (name, {**options, "fields": [field for field in options["fields"] if field != "venue"]})
                for name, options in self.fieldsets
            ]
        details, *rest = self.fieldsets
        speakers = ("Speakers", {"fields": ["speakers_found"]})
        return [(details[0], {**details[1], "fields": [*details[1]["fields"], "venue"]}), speakers, *rest]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"published_on", "url", "venue"} & set(form.changed_data):
            corrected, kept = obj.correct_claims_said_here(
                was_published_on=form.initial.get("published_on"),
                was_url=form.initial.get("url") or "",
                was_venue=form.initial.get("venue") if obj.is_transcript else None,
                by=request.user,
            )
            if corrected:
                self.message_user(
                    request,
                    f"The new date or address was given to {corrected} claim{'s' if corrected != 1 else ''} "
                    "said in the article.",
                )
            if kept:
                self.message_user(
                    request,
                    f"{kept} claim{'s' if kept != 1 else ''} said in the article "
                    f"{'have' if kept != 1 else 'has'} a published verdict and "
                    f"{'keep' if kept != 1 else 'keeps'} the date and address readers saw with it: to change "
                    "them, an editor starts a correction of that verdict.",
                    messages.WARNING,
                )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, article):
        return article.claim_count

    @admin.display(description="Claims found")
    def claims_found(self, article):
        if article.pk is None:
            return "—"
        claims = article.claims.select_related("claimant", "assignee").order_by("position")
        return claims_table(claims) if claims else "None."

    @admin.display(description="Body")
    def body_with_claims(self, article):
        return highlighted_body(article)

    @admin.display(description="Add a missed claim")
    def missed_sentences(self, article):
        """Each sentence that is not a claim, with its score and (for those who may add claims) a button.

        The buttons submit the page's own form (and its CSRF token) to ``add_claim_view`` with
        ``formaction``: a form cannot sit inside the admin's change form.
        """
        if article.pk is None:
            return "—"
        claimed = set(article.claims.values_list("fingerprint", flat=True))
        missed = [
            found for found in article.sentences() if fingerprint(found.text) not in claimed and not found.never_a_claim
        ]
        if not missed:
            return "Every sentence of the article is a claim."
        may_add = self._request_user is not None and self._request_user.has_perm("factcheck.add_claim")
        url = reverse("admin:factcheck_article_add_claim", args=[article.pk])
        rows = []
        for found in missed:
            button = (
                format_html(
                    '<button type="submit" class="button" formaction="{}" formmethod="post" formnovalidate '
                    'name="sentence" value="{}">Add as a claim</button> ',
                    url,
                    found.text,
                )
                if may_add
                else ""
            )
            rows.append((button, f"{found.checkworthiness:.2f}", found.text))
        return format_html(
            "<p>The desk keeps sentences scoring {} or more. An editor who sees a claim it missed adds it here; "
            "the desk learns from it when the model is retrained.</p><ul>{}</ul>",
            f"{threshold():.2f}",
            format_html_join("", "<li>{}<span>score {}</span> — {}</li>", rows),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._request_user = request.user  # for missed_sentences' buttons
        return super().change_view(request, object_id, form_url, extra_context)

    _request_user = None

    def get_urls(self):
        return [
            path(
                "<int:pk>/add-claim/",
                self.admin_site.admin_view(self.add_claim_view),
                name="factcheck_article_add_claim",
            ),
            path(
                "<int:pk>/speakers/",
                self.admin_site.admin_view(self.speakers_view),
                name="factcheck_article_speakers",
            ),
            *super().get_urls(),
        ]

    def add_claim_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:factcheck_article_change", args=[pk]))
        article = get_object_or_404(Article, pk=pk)
        claim = None

        def add():
            nonlocal claim
            claim = article.add_claim(request.POST.get("sentence", ""), by=request.user)

        if perform(self, request, add, done="Added as a claim."):
            return HttpResponseRedirect(reverse("admin:factcheck_claim_change", args=[claim.pk]))
        return HttpResponseRedirect(reverse("admin:factcheck_article_change", args=[pk]))

    @admin.display(description="Clutter the importer removed")
    def clutter_removed(self, article):
        if not article.removed_clutter:
            return "Nothing was removed."
        rows = []
        for removed in article.removed_clutter:
            if isinstance(removed, dict):
                rows.append((removed.get("rule", ""), removed.get("line", removed.get("text", ""))))
            else:
                rows.append(("", removed))
        return format_html("<ul>{}</ul>", format_html_join("", "<li><b>{}</b> {}</li>", rows))
