"""The desk's admin, where fact-checkers and editors spend their day.

Every workflow step (take a claim, start research, dismiss, submit, send back,
publish, correct, merge actors) calls the model method that enforces the
desk's rules, so the admin can offer only buttons and actions and never
bypasses them: status, reviewer and publication dates are read-only here.
Submitting, sending back and publishing are submit buttons of the verdict form
(it is saved and validated first, so nothing typed is lost) or of the editor's
review screen (which keeps the comments typed when a step is refused).
Forms carry the version they were loaded at, and a save based on an older
version is refused with a form error instead of overwriting someone's work.
History is shown for every model but cannot be "reverted": going back on a
published verdict is a correction, never a silent edit.
"""

import difflib
import re
from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from factcheck.extraction import explain, threshold
from factcheck.extraction.scoring import model as scoring_model
from factcheck.forms import ImportArticlesForm
from factcheck.models import (
    Actor,
    Article,
    Claim,
    ClaimMatch,
    ImportItem,
    ImportJob,
    ReaderReport,
    Source,
    StaleEditError,
    Verdict,
    VerdictChange,
    display_name,
    fingerprint,
    record_change,
)
from factcheck.tasks import import_item
from factcheck.templatetags.desk_admin import history_value

admin.site.site_header = "Factcheck desk"
admin.site.site_title = "Factcheck desk"
admin.site.index_title = "Today on the desk"

DESK_GROUPS = ["Fact-checker", "Editor"]


def refusal_message(refusal: Exception) -> str:
    """The sentence to show an editor for a refused step."""
    if isinstance(refusal, ValidationError):
        return " ".join(refusal.messages)
    return str(refusal) or "You don't have permission to do that."


def desk_staff():
    """Active users who can work on claims: the people a claim may be assigned to."""
    return get_user_model().objects.filter(is_active=True, groups__name__in=DESK_GROUPS).distinct().order_by("username")


class HistoryValues(HistoricalRecordContextHelper):
    """Changed values as a person reads them: times to the minute, people by name, nothing as "—"."""

    def prepare_delta_change_value(self, change, value):
        return history_value(super().prepare_delta_change_value(change, value))


class LabelledAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete select whose first option is an empty one with a label attribute: valid
    HTML for a required select (a first option with text is not) and for an optional one."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        options = groups[0][1]
        if not options or options[0]["value"] != "":
            options.insert(0, self.create_option(name, "", "", False, 0))
        options[0]["attrs"]["label"] = "None"
        return groups


class LabelledAutocompleteMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = LabelledAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RecordOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History to read, not to revert: a revert would skip the workflow (and a published
    verdict must only change through a correction)."""

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryValues(self.model, historical_record)

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("History is a record; change the current version instead.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the editor loaded; saving on top of a newer version is a form error.

    The change_form templates render the hidden `version` field after the fieldsets
    (it cannot be listed in them: the model field is not editable).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["version"] = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and cleaned_data.get("version") != self.instance.version:
            raise ValidationError(str(StaleEditError(self.instance)), code="stale")
        return cleaned_data


class StaleEditAdminMixin:
    """Turn the rare race the form check cannot see (two saves in the same instant) into a message."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEditError as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(request.path)


def back_to(request, fallback: str) -> HttpResponseRedirect:
    """Redirect to the page the button was on (a local URL only), or to `fallback`."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = fallback
    return HttpResponseRedirect(target)


def perform(model_admin, request, step, *, done: str) -> bool:
    """Run one workflow step, report its outcome as a message, and say whether it succeeded."""
    try:
        step()
    except (PermissionDenied, ValidationError, StaleEditError) as refusal:
        model_admin.message_user(request, refusal_message(refusal), messages.ERROR)
        return False
    model_admin.message_user(request, done, messages.SUCCESS)
    return True


def perform_on_each(model_admin, request, queryset, step, *, done: str) -> None:
    """Run a bulk action's step on each claim; report how many moved and why any were refused."""
    moved, refused = 0, []
    for claim in queryset:
        try:
            step(claim)
        except (PermissionDenied, ValidationError, StaleEditError) as refusal:
            refused.append(f"“{claim}”: {refusal_message(refusal)}")
        else:
            moved += 1
    if moved:
        model_admin.message_user(request, f"{done}: {moved} claim{'s' if moved != 1 else ''}.", messages.SUCCESS)
    for reason in refused:
        model_admin.message_user(request, f"Not changed: {reason}", messages.ERROR)


# Actors


def alias_lines(text: str) -> list[str]:
    """The non-blank lines of `text`, each with its runs of whitespace made one space."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class AliasesField(forms.CharField):
    """An actor's other names as a person types them: one per line, or on one line separated by commas.

    Cleans to the list the model stores, without blanks or repeats (whatever their case); shows a
    stored list one name per line. Commas separate names only when everything is on one line, so a
    name with a comma in it ("Martin Luther King, Jr.") goes on a line of its own.
    """

    widget = forms.Textarea

    def __init__(self, *, max_name_length: int = 200, **kwargs):
        self.max_name_length = max_name_length
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "rows": 4}

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        lines = text.splitlines()
        names = lines if len(lines) > 1 else text.split(",")
        aliases = {}
        for name in (" ".join(name.split()) for name in names):
            if name:
                aliases.setdefault(name.casefold(), name)
        return list(aliases.values())

    def validate(self, value):
        super().validate(value)
        for name in value:
            if len(name) > self.max_name_length:
                raise ValidationError(
                    f"“{Truncator(name).chars(40)}” is longer than {self.max_name_length} characters: "
                    "put each name on a line of its own."
                )

    def has_changed(self, initial, data):
        # Compared as the lines shown, so that an untouched field keeps the stored list exactly.
        return alias_lines(self.prepare_value(initial or [])) != alias_lines(data or "")


class ActorAdminForm(forms.ModelForm):
    aliases = AliasesField(
        required=False,
        help_text="Other names it goes by, one per line (or on one line separated by commas), e.g. “Zelenskyy”. "
        "A name with a comma in it goes on a line of its own.",
    )

    class Meta:
        model = Actor
        fields = ["name", "slug", "kind", "description", "aliases"]

    def clean_aliases(self):
        if "aliases" not in self.changed_data:
            return self.instance.aliases
        return self.cleaned_data["aliases"]

    def clean(self):
        cleaned_data = super().clean()
        name = (cleaned_data.get("name") or "").casefold()
        if "aliases" in cleaned_data:
            cleaned_data["aliases"] = [alias for alias in cleaned_data["aliases"] if alias.casefold() != name]
        return cleaned_data


@admin.register(Actor)
class ActorAdmin(RecordOnlyHistoryAdmin):
    form = ActorAdminForm
    list_display = ["name", "kind", "alias_list", "description", "claims_made_count"]
    # Explicit: the claim-count annotation drops Meta.ordering, and the claimant autocomplete
    # (which pages through this queryset) then failed on an unordered list.
    ordering = ["name"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["their_claims"]
    actions = ["merge_actors"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claims_made_count=Count("claims_made"))

    @admin.display(description="Aliases")
    def alias_list(self, actor):
        return ", ".join(actor.aliases)

    @admin.display(description="Claims made", ordering="claims_made_count")
    def claims_made_count(self, actor):
        return actor.claims_made_count

    @admin.display(description="Their claims")
    def their_claims(self, actor):
        claims = Claim.objects.for_actor(actor).select_related("article")[:50] if actor.pk else []
        if not claims:
            return "None yet."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({}; {})</li>',
                (
                    (
                        reverse("admin:factcheck_claim_change", args=[claim.pk]),
                        claim,
                        "made" if claim.claimant_id == actor.pk else "mentioned",
                        claim.get_status_display(),
                    )
                    for claim in claims
                ),
            ),
        )

    def has_merge_permission(self, request):
        return request.user.has_perm("factcheck.merge_actors")

    @admin.action(description="Merge selected actors into one", permissions=["merge"])
    def merge_actors(self, request, queryset):
        actors = list(queryset)
        if len(actors) < 2:
            self.message_user(request, "Select at least two actors to merge.", messages.WARNING)
            return None
        if "apply" in request.POST:
            keep = next((actor for actor in actors if str(actor.pk) == request.POST.get("keep")), None)
            if keep is None:
                self.message_user(request, "Choose the actor to keep.", messages.ERROR)
            else:
                perform(
                    self,
                    request,
                    lambda: keep.merge(actors, by=request.user),
                    done=f"Merged {len(actors) - 1} actor(s) into {keep.name}; their names are now aliases.",
                )
                return None
        return TemplateResponse(
            request,
            "admin/factcheck/actor/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge actors",
                "opts": self.model._meta,
                "actors": actors,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


# Articles


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
        fields = ["title", "outlet", "url", "published_on"]
        labels = {"title": "Headline", "url": "Original web address", "published_on": "Published on"}
        help_texts = {
            "title": "Readers see it wherever the article or its claims are shown. Its web address stays the same.",
            "outlet": "The newspaper, site or broadcaster that published it.",
            "url": "Where readers find the original (“Read the original article”). A claim said in the article "
            "whose original web address is still the article's old one gets the new one too.",
            "published_on": "A claim said in the article whose “said on” date is still the article's old date "
            "gets the new one too: readers see that date with the claim and in search results.",
        }
        widgets = {
            # The browser's own date picker: the admin's date widget points aria-describedby at a
            # help text its JavaScript makes later, which is invalid HTML as served.
            "published_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if self.instance.pk and title != self.instance.title:
            self.instance.refuse_headline(title)
        return title


@admin.register(Article)
class ArticleAdmin(RecordOnlyHistoryAdmin):
    """Editors correct an article's details after import (headline, outlet, original address, date);
    its text and the claims found in it are read-only here, as imported."""

    form = ArticleAdminForm
    list_display = ["title", "outlet", "published_on", "claim_count", "imported_at"]
    list_filter = ["outlet"]
    search_fields = ["title", "outlet", "source_file"]
    date_hierarchy = "published_on"
    readonly_fields = [
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
                "fields": ["title", "outlet", "url", "published_on"],
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"published_on", "url"} & set(form.changed_data):
            corrected = obj.correct_claims_said_here(
                was_published_on=form.initial.get("published_on"),
                was_url=form.initial.get("url") or "",
                by=request.user,
            )
            if corrected:
                self.message_user(
                    request,
                    f"The new date or address was given to {corrected} claim{'s' if corrected != 1 else ''} "
                    "said in the article.",
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
        missed = [found for found in article.sentences() if fingerprint(found.text) not in claimed]
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


# Claims and verdicts


class AssignedToMeFilter(admin.SimpleListFilter):
    title = "assigned to me"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("yes", "Assigned to me")]

    def queryset(self, request, queryset):
        return queryset.assigned_to(request.user) if self.value() == "yes" else queryset


class CorrectionFilter(admin.SimpleListFilter):
    """Published claims whose verdict is being corrected: still "Published" to readers."""

    title = "correction"
    parameter_name = "correction"

    def lookups(self, request, model_admin):
        return [("in_progress", "Correction in progress")]

    def queryset(self, request, queryset):
        return queryset.filter(correcting=True) if self.value() == "in_progress" else queryset


class CurrentRatingFilter(admin.SimpleListFilter):
    title = "current rating"
    parameter_name = "rating"

    def lookups(self, request, model_admin):
        return [*Verdict.Rating.choices, ("none", "Not yet rated")]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(current_rating__isnull=True)
        if self.value() in Verdict.Rating.values:
            return queryset.filter(current_rating=self.value())
        return queryset


class DismissForm(forms.Form):
    """Why claims are dismissed: one of the desk's usual reasons, or another said in words.

    Nothing is chosen beforehand, so a claim is never dismissed for a reason nobody picked. The
    usual reasons are stored as they read here: training the check-worthiness model
    (factcheck/checkworthiness.py) tells "not worth checking" from "a duplicate" by them.
    """

    OTHER = "other"
    REASONS = [
        (
            "Not checkable: an opinion, a prediction or a promise",
            "Not checkable: an opinion, a prediction or a promise",
        ),
        ("Not worth checking: trivial or not in the public interest", "Not worth checking"),
        ("Already checked: a duplicate of another claim", "Already checked (a duplicate)"),
        (OTHER, "Other (say why below)"),
    ]
    reason = forms.ChoiceField(
        choices=REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the claim is dismissed."},
    )
    details = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="Shown to the desk, not to readers."
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("reason") == self.OTHER and not cleaned_data.get("details", "").strip():
            self.add_error("details", "You chose “Other”: say why the claim is dismissed.")
        return cleaned_data

    def dismissal_reason(self) -> str:
        reason = "" if self.cleaned_data["reason"] == self.OTHER else self.cleaned_data["reason"]
        return " — ".join(part for part in [reason, self.cleaned_data["details"].strip()] if part)


class ClaimAdminForm(VersionedAdminForm):
    confirm_attribution = forms.BooleanField(
        label="Claimant confirmed",
        required=False,
        help_text=(
            "Tick once you have checked who made the claim (empty: the article's own assertion) and whether "
            "their words are quoted or paraphrased. A verdict cannot be submitted before this."
        ),
    )

    class Meta:
        model = Claim
        fields = [
            "text",
            "claimant",
            "quotation",
            "actors",
            "checkworthiness",
            "said_on",
            "venue",
            "original_url",
            "assignee",
        ]

    def clean(self):
        cleaned_data = super().clean()
        claimant, quotation = cleaned_data.get("claimant"), cleaned_data.get("quotation", "")
        if claimant is None and quotation:
            self.add_error("quotation", "With no claimant the claim is the article's own: leave this empty.")
        if claimant is not None and not quotation and cleaned_data.get("confirm_attribution"):
            self.add_error("quotation", f"Say whether {claimant}'s words are quoted or paraphrased.")
        return cleaned_data


def verdict_state(verdict: Verdict) -> str:
    if verdict.is_current:
        return "Published, current"
    if verdict.published_at:
        return "Published, since corrected"
    if verdict.submitted_at:
        return "Correction waiting for review" if verdict.corrects_id else "Waiting for review"
    if verdict.sent_back:
        return "Sent back with comments"
    return "Correction draft" if verdict.corrects_id else "Draft"


def verdict_steps(verdicts, user) -> list[dict]:
    """The unpublished and current verdicts, each with what `user` may do next with it."""
    rows = []
    for verdict in verdicts:
        if verdict.published_at and not verdict.is_current:
            continue
        steps = verdict.available_transitions(user)
        rows.append(
            {
                "verdict": verdict,
                "state": verdict_state(verdict),
                "authors": authors_line(verdict),
                "steps": steps,
                "review": "publish" in steps or "send_back" in steps,
                "publish_refusal": publish_refusal(verdict, user),
            }
        )
    return rows


def claim_transitions(claim: Claim, user) -> list[str]:
    """The claim-level steps to offer `user` as buttons; the model still checks each one."""
    steps = []
    if claim.status == Claim.Status.DISMISSED:
        return ["restore"] if user.has_perm("factcheck.dismiss_claim") else steps
    if not user.has_perm("factcheck.change_claim"):
        return steps
    may_reassign = user.has_perm("factcheck.assign_claim")
    if claim.assignee_id != user.pk and (claim.assignee_id is None or may_reassign):
        steps.append("take")
    if claim.status == Claim.Status.NEW and (claim.assignee_id in (None, user.pk) or may_reassign):
        steps.append("start_research")
    if user.has_perm("factcheck.dismiss_claim"):
        steps.append("dismiss")
    return steps


# Repeats (factcheck/repeats.py): the importer links or suggests; an editor confirms or rejects in one click.


class LinkedRowsInline(admin.TabularInline):
    """Related rows to read at a glance, each linking to its own page where it is edited."""

    show_change_link = True
    extra = 0
    can_delete = False
    related = []

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.related)


class RepeatOfInline(LinkedRowsInline):
    """The earlier claims this one may repeat, each with Confirm and Reject buttons for editors."""

    model = ClaimMatch
    fk_name = "claim"
    verbose_name_plural = "Repeat of an earlier claim?"
    fields = ["earlier_claim", "score", "state", "decide"]
    related = ["original", "decided_by"]
    show_change_link = False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("factcheck.view_claim")

    @admin.display(description="Earlier claim")
    def earlier_claim(self, match):
        return format_html(
            '<a href="{}">{}</a> ({})',
            reverse("admin:factcheck_claim_change", args=[match.original_id]),
            match.original,
            match.original_summary().split(":")[0],
        )

    @admin.display(description="")
    def decide(self, match):
        if match.state in (ClaimMatch.State.CONFIRMED, ClaimMatch.State.REJECTED):
            return f"by {match.decided_by}" if match.decided_by else ""
        # Buttons of the change form itself (which carries the CSRF token), sent to their own URL.
        return format_html_join(
            " ",
            '<button type="submit" class="button" formnovalidate formaction="{}">{}</button>',
            [
                (reverse("admin:factcheck_claim_repeat", args=[match.claim_id, match.pk, decision]), label)
                for decision, label in [("confirm", "Confirm repeat"), ("reject", "Not a repeat")]
            ],
        )


class AppearancesInline(LinkedRowsInline):
    """Later claims confirmed or suggested as repeats of this one: its other appearances."""

    model = ClaimMatch
    fk_name = "original"
    verbose_name_plural = "Said again (repeats of this claim)"
    fields = ["repeat", "score", "state"]
    related = ["claim"]
    show_change_link = False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("factcheck.view_claim")

    @admin.display(description="Repeat")
    def repeat(self, match):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:factcheck_claim_change", args=[match.claim_id]), match.claim
        )


class RepeatFilter(admin.SimpleListFilter):
    title = "repeat"
    parameter_name = "repeat"

    def lookups(self, request, model_admin):
        return [(state, label) for state, label in ClaimMatch.State.choices if state != ClaimMatch.State.REJECTED]

    def queryset(self, request, queryset):
        if self.value() in ClaimMatch.State.values:
            return queryset.filter(repeat_state=self.value())
        return queryset


class RepeatsAdminMixin:
    """ClaimAdmin's part in repeats: the queue's "Repeat" column and filter, and the one-click decisions."""

    def get_queryset(self, request):
        # The claim's most telling open or confirmed link, and the earlier claim's rating, in the list's one query.
        links = ClaimMatch.objects.filter(claim=OuterRef("pk")).exclude(state=ClaimMatch.State.REJECTED)
        links = links.order_by("-state", "-score")  # suggested > linked > confirmed: open decisions first
        return (
            super()
            .get_queryset(request)
            .annotate(
                repeat_state=Subquery(links.values("state")[:1]),
                repeat_rating=Subquery(
                    links.filter(original__verdicts__is_current=True).values("original__verdicts__rating")[:1]
                ),
            )
        )

    @admin.display(description="Repeat", ordering="repeat_state")
    def repeat_label(self, claim):
        if not claim.repeat_state:
            return ""
        label = ClaimMatch.State(claim.repeat_state).label
        if claim.repeat_rating:
            return f"{label}: rated {Verdict.Rating(claim.repeat_rating).label}"
        return label

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/repeat/<int:match_pk>/<str:decision>/",
                wrap(require_POST(self.repeat_view)),
                name="factcheck_claim_repeat",
            ),
            *super().get_urls(),
        ]

    def repeat_view(self, request, pk, match_pk, decision):
        match = get_object_or_404(ClaimMatch.objects.select_related("original"), pk=match_pk, claim_id=pk)
        steps = {
            "confirm": (lambda: match.confirm(by=request.user), "Confirmed: this claim repeats the earlier one."),
            "reject": (lambda: match.reject(by=request.user), "Rejected: not a repeat."),
        }
        if decision not in steps:
            raise PermissionDenied("Unknown decision.")
        action, done = steps[decision]
        perform(self, request, action, done=done)
        return HttpResponseRedirect(reverse("admin:factcheck_claim_change", args=[pk]))


@admin.register(Claim)
class ClaimAdmin(RepeatsAdminMixin, LabelledAutocompleteMixin, StaleEditAdminMixin, RecordOnlyHistoryAdmin):
    form = ClaimAdminForm
    list_display = [
        "short_text",
        "desk_status",
        "claimant",
        "worth",
        "assignee",
        "current_rating",
        "repeat_label",
        "updated_at",
    ]
    list_select_related = ["claimant", "article", "assignee"]
    list_filter = [
        "status",
        CorrectionFilter,
        AssignedToMeFilter,
        ("assignee", admin.RelatedOnlyFieldListFilter),
        CurrentRatingFilter,
        RepeatFilter,
        ("claimant", admin.RelatedOnlyFieldListFilter),
        ("article", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["text", "context", "claimant__name", "article__title"]
    sortable_by = [
        "short_text",
        "desk_status",
        "worth",
        "current_rating",
        "updated_at",
    ]
    autocomplete_fields = ["claimant", "actors"]
    readonly_fields = [
        "context_paragraph",
        "article_link",
        "desk_status",
        "score_explanation",
        "attribution_check",
        "dismissal_reason",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["text", "context_paragraph", "article_link", "actors"]}),
        ("Who said it", {"fields": ["claimant", "quotation", "attribution_check", "confirm_attribution"]}),
        (
            "When and where it was said",
            {
                "fields": ["said_on", "venue", "original_url"],
                "description": "Filled in from the article on import. Check them against the original before "
                "submitting a verdict: readers and search engines see them with the fact-check.",
            },
        ),
        ("How check-worthy", {"fields": ["checkworthiness", "score_explanation"]}),
        ("Workflow", {"fields": ["desk_status", "assignee", "dismissal_reason", "created_at", "updated_at"]}),
    ]
    inlines = [RepeatOfInline, AppearancesInline]
    actions = ["assign_to_me", "start_research", "dismiss", "restore"]

    def get_queryset(self, request):
        correction = Verdict.objects.unpublished().filter(claim=OuterRef("pk"), corrects__isnull=False)
        return super().get_queryset(request).with_current_verdict().annotate(correcting=Exists(correction))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("factcheck.assign_claim"):
            readonly.append("assignee")
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assignee":
            kwargs["queryset"] = desk_staff()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "said_on":
            # The browser's own date picker: the admin's date widget points aria-describedby at a
            # help text its JavaScript makes later, which is invalid HTML as served.
            kwargs["widget"] = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="Claim", ordering="text")
    def short_text(self, claim):
        return format_html('{}<span class="desk-under">{}</span>', str(claim), Truncator(claim.article.title).chars(60))

    @admin.display(description="Status", ordering="status")
    def desk_status(self, claim):
        """The status readers see; staff also see when a correction of the published verdict is under way."""
        if claim.status == Claim.Status.PUBLISHED and getattr(claim, "correcting", False):
            return format_html("{}<br><em>correction in progress</em>", claim.get_status_display())
        return claim.get_status_display()

    @admin.display(description="Worth", ordering="checkworthiness")
    def worth(self, claim):
        return f"{claim.checkworthiness:.2f}"

    @admin.display(description="Current rating", ordering="current_rating")
    def current_rating(self, claim):
        return Verdict.Rating(claim.current_rating).label if claim.current_rating else "—"

    @admin.display(description="Context paragraph")
    def context_paragraph(self, claim):
        found = find_sentence(claim.text, claim.context)
        if not found:
            return claim.context or "—"
        context = claim.context
        return format_html("{}<mark>{}</mark>{}", context[: found.start()], found.group(), context[found.end() :])

    @admin.display(description="Article")
    def article_link(self, claim):
        return format_html(
            '<a href="{}">{}</a> {}',
            reverse("admin:factcheck_article_change", args=[claim.article_id]),
            claim.article,
            f"({claim.article.outlet})" if claim.article.outlet else "",
        )

    @admin.display(description="Why this score")
    def score_explanation(self, claim):
        """The words and features that raised or lowered the model's score, in plain words."""
        explanation = explain(claim.text, claim.context)

        def reasons(found):
            return format_html_join("", "<li>{} ({})</li>", ((r.label, f"{r.weight:+.2f}") for r in found)) or "—"

        if explanation.meaning is not None:
            meaning = format_html(
                "<p>{}: {}</p>",
                explanation.meaning.label.capitalize(),
                f"{explanation.meaning.weight:+.2f}",
            )
        elif scoring_model().with_meaning is not None:
            meaning = format_html("<p>{}</p>", "Meaning not compared: the words alone made the score clear.")
        else:
            meaning = ""
        return format_html(
            "<p>The check-worthiness model scores this sentence {} today; the desk keeps sentences from {}. "
            "It weighs every word, phrase and feature; these counted most (in log-odds).</p>"
            "<p><b>Raised by</b></p><ul>{}</ul><p><b>Lowered by</b></p><ul>{}</ul>{}",
            f"{explanation.score:.2f}",
            f"{threshold():.2f}",
            reasons(explanation.raised),
            reasons(explanation.lowered),
            meaning,
        )

    @admin.display(description="Confirmation")
    def attribution_check(self, claim):
        if claim.attribution_confirmed_at is None:
            return "Not confirmed yet: a verdict cannot be submitted until someone confirms the claimant."
        when = claim.attribution_confirmed_at.strftime("%Y-%m-%d %H:%M")
        return f"Confirmed by {claim.attribution_confirmed_by or 'a former user'} on {when}."

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("confirm_attribution"):
            obj.attribution_confirmed_by, obj.attribution_confirmed_at = request.user, timezone.now()
            obj._confirming_attribution = True
        if obj.claimant_id is None:
            obj.quotation = ""
        super().save_model(request, obj, form, change)

    def has_dismiss_permission(self, request):
        return request.user.has_perm("factcheck.dismiss_claim")

    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        perform_on_each(
            self, request, queryset, lambda claim: claim.assign(request.user, by=request.user), done="Assigned to you"
        )

    @admin.action(description="Start research", permissions=["change"])
    def start_research(self, request, queryset):
        perform_on_each(
            self, request, queryset, lambda claim: claim.start_research(by=request.user), done="Research started"
        )

    @admin.action(description="Dismiss…", permissions=["dismiss"])
    def dismiss(self, request, queryset):
        form = DismissForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            reason = form.dismissal_reason()
            perform_on_each(
                self, request, queryset, lambda claim: claim.dismiss(by=request.user, reason=reason), done="Dismissed"
            )
            return None
        return self.render_dismiss_page(request, form, list(queryset), bulk=True)

    @admin.action(description="Restore dismissed claims to the desk", permissions=["dismiss"])
    def restore(self, request, queryset):
        perform_on_each(self, request, queryset, lambda claim: claim.restore(by=request.user), done="Restored")

    def render_dismiss_page(self, request, form, claims, *, bulk):
        return TemplateResponse(
            request,
            "admin/factcheck/claim/dismiss.html",
            {
                **self.admin_site.each_context(request),
                "title": "Dismiss claims" if bulk else "Dismiss this claim",
                "opts": self.model._meta,
                "form": form,
                "claims": claims,
                "bulk": bulk,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/step/<str:step>/", wrap(require_POST(self.step_view)), name="factcheck_claim_step"),
            path("<int:pk>/dismiss/", wrap(self.dismiss_view), name="factcheck_claim_dismiss"),
            *super().get_urls(),
        ]

    def step_view(self, request, pk, step):
        """The claim page's buttons: take the claim, start research, undo a dismissal."""
        claim = get_object_or_404(Claim, pk=pk)
        claim.version = int(request.POST.get("version") or 0)
        steps = {
            "take": (lambda: claim.assign(request.user, by=request.user), "The claim is yours."),
            "start_research": (lambda: claim.start_research(by=request.user), "Research started."),
            "restore": (lambda: claim.restore(by=request.user), "Dismissal undone: the claim is back on the desk."),
        }
        if step not in steps:
            raise PermissionDenied("Unknown step.")
        action, done = steps[step]
        perform(self, request, action, done=done)
        return back_to(request, reverse("admin:factcheck_claim_change", args=[claim.pk]))

    def dismiss_view(self, request, pk):
        claim = get_object_or_404(Claim, pk=pk)
        if not self.has_dismiss_permission(request):
            raise PermissionDenied
        form = DismissForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            claim.version = int(request.POST.get("version") or 0)
            reason = form.dismissal_reason()
            if perform(self, request, lambda: claim.dismiss(by=request.user, reason=reason), done="Claim dismissed."):
                return HttpResponseRedirect(reverse("admin:factcheck_claim_change", args=[claim.pk]))
        return self.render_dismiss_page(request, form, [claim], bulk=False)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, object_id)
        if claim is not None:
            verdicts = (
                claim.verdicts.select_related("author", "reviewer", "claim", "corrects")
                .prefetch_related(Prefetch("changes", queryset=VerdictChange.objects.select_related("changed_by")))
                .order_by("-created_at")
            )
            extra_context = {
                **(extra_context or {}),
                "claim_verdicts": [
                    {
                        "verdict": verdict,
                        "state": verdict_state(verdict),
                        "authors": authors_line(verdict),
                        "reviewer": (display_name(verdict.reviewer) or verdict.reviewer.get_username())
                        if verdict.reviewer_id
                        else "—",
                    }
                    for verdict in verdicts
                ],
                "claim_steps": claim_transitions(claim, request.user),
                "restores_to": (
                    Claim.Status(claim.status_when_restored()) if claim.status == Claim.Status.DISMISSED else None
                ),
                "verdict_steps": verdict_steps(verdicts, request.user),
                "may_write_verdict": (
                    request.user.has_perm("factcheck.add_verdict")
                    and claim.status in (Claim.Status.NEW, Claim.Status.RESEARCHING)
                ),
            }
        return super().change_view(request, object_id, form_url, extra_context)


class SourceInline(admin.StackedInline):
    """Each source on two short rows, with its labels, so the form fits a laptop or a phone and its
    errors are next to the field they are about."""

    model = Source
    extra = 1
    fields = [("title", "publisher"), ("url", "accessed_on")]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "accessed_on":
            # The browser's own date picker: usable on a phone, and no JavaScript-made help text.
            kwargs["initial"] = timezone.localdate
            kwargs["widget"] = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        if db_field.name == "url":
            kwargs["label"] = "Link (URL)"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (SourcesNeededFormSet, formset), {"submitting": is_submitting(request)})

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and may_edit_verdict(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit_verdict(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_edit_verdict(request.user, obj)


class SourcesNeededFormSet(forms.BaseInlineFormSet):
    """When the verdict is being submitted for review, at least one source must remain."""

    submitting = False

    def clean(self):
        super().clean()
        if not self.submitting:
            return
        kept = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
        ]
        if not kept:
            raise ValidationError("Add at least one source before submitting the verdict for review.")


WORKFLOW_BUTTONS = {"_submit_for_review": "submit", "_send_back": "send_back", "_publish": "publish"}


def is_submitting(request) -> bool:
    return request.method == "POST" and "_submit_for_review" in request.POST


def may_edit_verdict(user, verdict) -> bool:
    """Published verdicts change only through a correction; a verdict in review is read-only to
    the authors who submitted it until an editor sends it back."""
    if verdict is None:
        return True
    if verdict.published_at:
        return False
    return not (verdict.in_review and user.pk in verdict.authors_at_submission())


class VerdictAdminForm(VersionedAdminForm):
    """The verdict, validated as a draft on Save and as a complete verdict on "Submit for review"."""

    submitting = False

    class Meta:
        model = Verdict
        fields = ["claim", "rating", "summary", "explanation", "notes", "review_comments", "correction_note"]

    def clean_explanation(self):
        # Browsers send CRLF; store LF so an unchanged explanation never counts as a change of substance.
        return self.cleaned_data["explanation"].replace("\r\n", "\n")

    def clean(self):
        cleaned_data = super().clean()
        substance = [cleaned_data.get(name, getattr(self.instance, name, "")) for name in Verdict.SUBSTANCE]
        if not any(str(value).strip() for value in substance):
            raise ValidationError("Write a rating, a summary or an explanation before saving the verdict.")
        claim = cleaned_data.get("claim")
        if self.instance.pk is None and claim is not None and claim.status not in Claim.CHECKING_STATUSES:
            # Said on the first Save, not at "Submit for review" after everything has been written.
            self.add_error("claim", Claim.NO_NEW_VERDICT[claim.status])
        if self.submitting:
            for name, needed in [("rating", "a rating"), ("summary", "a summary"), ("explanation", "an explanation")]:
                if name in self.fields and not str(cleaned_data.get(name) or "").strip():
                    self.add_error(name, f"A verdict submitted for review needs {needed}.")
            if self.instance.corrects_id and not (cleaned_data.get("correction_note") or "").strip():
                self.add_error("correction_note", "A correction needs its public note before it is submitted.")
        return cleaned_data


# Rows recorded this close together by one person come from one save of the verdict form.
ONE_SAVE = timedelta(seconds=10)


def changes_by_save(changes) -> list[tuple]:
    """The verdict's changes (oldest first) as (when, who, parts changed), one per save: a save records
    a row for the verdict's text and one per source added, changed or deleted, and each part is named once."""
    saves = []
    for change in changes:
        last = saves[-1] if saves else None
        if not (last and last["by"].pk == change.changed_by_id and change.changed_at - last["until"] <= ONE_SAVE):
            last = {"at": change.changed_at, "by": change.changed_by, "parts": {}}
            saves.append(last)
        last["parts"].update(dict.fromkeys(change.fields))
        last["until"] = change.changed_at
    return [(save["at"], save["by"], list(save["parts"])) for save in saves]


def authors_line(verdict: Verdict) -> str:
    """The verdict's authors, by display name where they have one."""
    return ", ".join(display_name(person) or person.get_username() for person in verdict.authors())


@admin.register(Verdict)
class VerdictAdmin(LabelledAutocompleteMixin, StaleEditAdminMixin, RecordOnlyHistoryAdmin):
    form = VerdictAdminForm
    list_display = ["claim_text", "rating", "state", "authors", "reviewer", "updated_at"]
    list_select_related = ["claim", "author", "reviewer"]
    list_filter = ["rating", "is_current", ("author", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["claim__text", "summary"]
    autocomplete_fields = ["claim"]
    readonly_fields = [
        "authors",
        "substance_changes",
        "reviewer",
        "submitted_at",
        "sent_back_at",
        "published_at",
        "is_current",
        "corrects_link",
    ]
    inlines = [SourceInline]

    def get_queryset(self, request):
        changes = Prefetch("changes", queryset=VerdictChange.objects.select_related("changed_by"))
        return super().get_queryset(request).prefetch_related(changes)

    def get_fieldsets(self, request, obj=None):
        verdict = ["claim", "rating", "summary", "explanation", "notes"]
        if obj is not None and obj.corrects_id:
            verdict.append("correction_note")
        workflow = ["authors", "substance_changes", "reviewer", "submitted_at", "published_at", "is_current"]
        if obj is not None and obj.corrects_id:
            workflow.append("corrects_link")
        fieldsets = [(None, {"fields": verdict})]
        if obj is not None and (obj.review_comments or request.user.has_perm("factcheck.publish_verdict")):
            fieldsets.append(
                (
                    "Review comments",
                    {"fields": ["review_comments"]},
                )
            )
        if obj is not None:
            fieldsets.append(("Workflow", {"fields": workflow}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly.append("claim")
        if not request.user.has_perm("factcheck.publish_verdict"):
            readonly.append("review_comments")
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"submitting": is_submitting(request)})

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit_verdict(request.user, obj)

    def view_on_site(self, verdict):
        """Published verdicts open their public page; drafts open the staff-only preview."""
        if verdict.published_at:
            return verdict.get_absolute_url()
        return reverse("admin:factcheck_verdict_preview", args=[verdict.pk])

    @admin.display(description="Claim", ordering="claim__text")
    def claim_text(self, verdict):
        return Truncator(verdict.claim.text).chars(70)

    @admin.display(description="State")
    def state(self, verdict):
        return verdict_state(verdict)

    @admin.display(description="Authors")
    def authors(self, verdict):
        return authors_line(verdict) if verdict.pk else "—"

    @admin.display(description="Who changed what")
    def substance_changes(self, verdict):
        saves = changes_by_save(verdict.changes.all()) if verdict.pk else []
        if not saves:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><time datetime="{}">{}</time>: {} ({})</li>',
                (
                    (
                        timezone.localtime(changed_at).strftime("%Y-%m-%dT%H:%M:%S%z"),
                        timezone.localtime(changed_at).strftime("%Y-%m-%d %H:%M"),
                        display_name(person) or person.get_username(),
                        ", ".join(parts),
                    )
                    for changed_at, person, parts in saves
                ),
            ),
        )

    @admin.display(description="Corrects")
    def corrects_link(self, verdict):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:factcheck_verdict_change", args=[verdict.corrects_id]),
            verdict.corrects,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        record_change(obj, by=request.user, reason="Edited" if change else "Written")
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for source in [*formset.forms, *formset.deleted_forms]:
            record_change(source.instance, by=request.user, reason="Sources edited")
        super().save_formset(request, form, formset, change)

    # The workflow buttons are submit buttons of the verdict form: the form is saved (and
    # validated, with errors next to the fields) first, then the step is taken. A refused
    # step leaves what was typed saved, and says why.

    def response_add(self, request, obj, post_url_continue=None):
        step = next((WORKFLOW_BUTTONS[name] for name in WORKFLOW_BUTTONS if name in request.POST), None)
        if step is not None:
            return self.take_step(request, obj, step)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        step = next((WORKFLOW_BUTTONS[name] for name in WORKFLOW_BUTTONS if name in request.POST), None)
        if step is not None:
            return self.take_step(request, obj, step)
        return super().response_change(request, obj)

    def take_step(self, request, verdict, step):
        verdict.refresh_from_db()
        page = reverse("admin:factcheck_verdict_change", args=[verdict.pk])
        if step == "submit":
            perform(
                self, request, lambda: verdict.submit_for_review(by=request.user), done="Saved and sent to an editor."
            )
        elif step == "send_back":
            perform(
                self,
                request,
                lambda: verdict.send_back(by=request.user),
                done="Saved and sent back to its authors with your comments.",
            )
        elif perform(self, request, lambda: verdict.publish(by=request.user), done="Saved and published."):
            return HttpResponseRedirect(reverse("admin:factcheck_claim_change", args=[verdict.claim_id]))
        return HttpResponseRedirect(page)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/step/<str:step>/", wrap(require_POST(self.step_view)), name="factcheck_verdict_step"),
            path("<int:pk>/review/", wrap(self.review_view), name="factcheck_verdict_review"),
            path("<int:pk>/preview/", wrap(self.preview_view), name="factcheck_verdict_preview"),
            *super().get_urls(),
        ]

    def step_view(self, request, pk, step):
        """The "Correct this verdict" button (it has nothing typed to lose)."""
        verdict = get_object_or_404(Verdict.objects.select_related("claim"), pk=pk)
        verdict.version = int(request.POST.get("version") or 0)
        if step != "correct":
            raise PermissionDenied("Unknown step.")
        corrections = []
        author = display_name(verdict.author) or verdict.author.get_username()
        if perform(
            self,
            request,
            lambda: corrections.append(verdict.start_correction(by=request.user)),
            done=(
                f"Correction started, in {author}'s drafts: change what was wrong, write the public correction "
                "note, then submit it. Whoever writes it becomes its author, so someone else publishes it."
            ),
        ):
            return HttpResponseRedirect(reverse("admin:factcheck_verdict_change", args=[corrections[0].pk]))
        return back_to(request, reverse("admin:factcheck_verdict_change", args=[verdict.pk]))

    def review_view(self, request, pk):
        """The editor's review screen: the verdict as readers will see it, what changed since the
        published version, and Publish / Send back with comments. Comments typed are kept on refusal."""
        if not request.user.has_perm("factcheck.publish_verdict"):
            raise PermissionDenied("Only an editor reviews verdicts.")
        verdict = get_object_or_404(
            Verdict.objects.select_related("claim__article", "claim__claimant", "author", "corrects"), pk=pk
        )
        comments = verdict.review_comments
        if request.method == "POST":
            comments = request.POST.get("comments", "")
            step = next((WORKFLOW_BUTTONS[name] for name in ["_publish", "_send_back"] if name in request.POST), None)
            if int(request.POST.get("version") or 0) != verdict.version:
                messages.error(request, str(StaleEditError(verdict)))
            elif step is not None and self.review_step(request, verdict, step, comments):
                if step == "publish":
                    return HttpResponseRedirect(reverse("admin:factcheck_claim_change", args=[verdict.claim_id]))
                return HttpResponseRedirect(reverse("admin:index"))
            verdict.refresh_from_db()
        return TemplateResponse(
            request,
            "admin/factcheck/verdict/review.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Review: {verdict.claim}",
                "opts": self.model._meta,
                "original": verdict,
                "verdict": verdict,
                "claim": verdict.claim,
                "sources": verdict.sources.all(),
                "authors": authors_line(verdict),
                "previous": verdict.corrects,
                "changes": verdict_diff(verdict.corrects, verdict) if verdict.corrects_id else [],
                "steps": verdict.available_transitions(request.user),
                "publish_refusal": publish_refusal(verdict, request.user),
                "comments": comments,
            },
        )

    def review_step(self, request, verdict, step, comments: str) -> bool:
        """Keep the reviewer's comments, then publish or send back; False (with a message) when refused."""
        try:
            with transaction.atomic():
                if comments.strip() != verdict.review_comments.strip():
                    verdict.review_comments = comments.strip()
                    record_change(verdict, by=request.user, reason="Review comments")
                    verdict.save(update_fields=["review_comments", "updated_at"])
                if step == "publish":
                    verdict.publish(by=request.user)
                else:
                    verdict.send_back(by=request.user, comments=comments)
        except (PermissionDenied, ValidationError, StaleEditError) as refusal:
            self.message_user(request, refusal_message(refusal), messages.ERROR)
            return False
        done = "Published." if step == "publish" else "Sent back to its authors with your comments."
        self.message_user(request, done, messages.SUCCESS)
        return True

    def preview_view(self, request, pk):
        """The public claim page as it will look with this verdict: for staff only, never cached or indexed."""
        verdict = get_object_or_404(Verdict.objects.select_related("claim__article", "claim__claimant"), pk=pk)
        if not self.has_view_permission(request, verdict):
            raise PermissionDenied
        claim = verdict.claim
        verdict.claim = claim
        response = TemplateResponse(
            request,
            "admin/factcheck/verdict/preview.html",
            {
                "claim": claim,
                "verdict": verdict,
                "statuses": Claim.Status,
                "sources": verdict.sources.all(),
                "credits": verdict.credits(),
                "corrections": [],
                "earlier_versions": [],
                "preview_of": verdict,
                "change_url": reverse("admin:factcheck_verdict_change", args=[verdict.pk]),
            },
        )
        patch_cache_control(response, private=True, no_store=True)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        verdict = self.get_object(request, object_id)
        if verdict is not None:
            extra_context = {
                **(extra_context or {}),
                "verdict_steps": verdict_steps([verdict], request.user),
                "workflow_buttons": (
                    form_buttons(verdict, request.user) if self.has_change_permission(request, verdict) else []
                ),
                "publish_refusal": publish_refusal(verdict, request.user),
                "read_only_reason": read_only_reason(verdict, request.user),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "workflow_buttons": ["submit"] if request.user.has_perm("factcheck.change_verdict") else [],
        }
        return super().add_view(request, form_url, extra_context)


def form_buttons(verdict: Verdict, user) -> list[str]:
    """The workflow steps offered as buttons of the verdict form (correcting is a button of its own)."""
    return [step for step in verdict.available_transitions(user) if step != "correct"]


def publish_refusal(verdict: Verdict, user) -> str:
    """Why an editor sees no Publish button on a verdict in review ("" when they may publish, or are no editor)."""
    if not verdict.in_review or not user.has_perm("factcheck.publish_verdict"):
        return ""
    try:
        verdict._refuse_publish(user, verdict.claim)
    except (PermissionDenied, ValidationError) as refusal:
        return refusal_message(refusal)
    return ""


def read_only_reason(verdict: Verdict, user) -> str:
    if verdict.published_at:
        return "This verdict is published: it changes only through a correction."
    if not may_edit_verdict(user, verdict):
        return "This verdict is waiting for review: you wrote it, so it is read-only until an editor sends it back."
    return ""


def verdict_diff(previous: Verdict, verdict: Verdict) -> list[dict]:
    """What a correction changes against the published version: for each changed part, its old
    and new text as (kind, text) runs, kind being "same", "removed" or "added"."""
    parts = [
        ("Rating", previous.get_rating_display(), verdict.get_rating_display()),
        ("Summary", previous.summary, verdict.summary),
        ("Explanation", previous.explanation, verdict.explanation),
        (
            "Sources",
            "\n".join(f"{source.title} {source.url}" for source in previous.sources.all()),
            "\n".join(f"{source.title} {source.url}" for source in verdict.sources.all()),
        ),
    ]
    return [{"part": part, "runs": word_diff(old, new)} for part, old, new in parts if old != new]


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """`old` turned into `new` word by word, as (kind, text) runs: "same", "removed" or "added"."""
    old_words, new_words = old.split(" "), new.split(" ")
    runs = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("same", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("removed", " ".join(old_words[i1:i2])))
        if j2 > j1:
            runs.append(("added", " ".join(new_words[j1:j2])))
    return runs


@admin.register(ReaderReport)
class ReaderReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "claim", "handled"]
    list_filter = ["kind", "handled"]
    list_select_related = ["claim"]


def dashboard(request) -> dict:
    """What the desk dashboard on the admin index shows: counts by status, then the verdicts that
    need the user (my drafts, sent back to me, waiting for my review) and those waiting longest.

    Each row carries its verdict's authors, its age and the next action, with a link to take it.
    """
    user = request.user
    counts = dict(Claim.objects.order_by().values_list("status").annotate(Count("pk")))
    verdicts = Verdict.objects.select_related("claim", "author").prefetch_related(
        Prefetch("changes", queryset=VerdictChange.objects.select_related("changed_by"))
    )
    mine = verdicts.drafts().authored_by(user)
    waiting = verdicts.waiting_for_review()
    may_review = user.has_perm("factcheck.publish_verdict")
    return {
        "status_counts": [(value, label, counts.get(value, 0)) for value, label in Claim.Status.choices],
        "queues": [
            {
                "id": "desk-drafts",
                "title": "My drafts",
                "empty": "No drafts. Pick a claim to check from the new claims.",
                "rows": dashboard_rows(mine.filter(sent_back_at__isnull=True).order_by("-updated_at")[:10], user),
            },
            {
                "id": "desk-sent-back",
                "title": "Sent back to me with comments",
                "empty": "Nothing was sent back to you.",
                "rows": dashboard_rows(mine.filter(sent_back_at__isnull=False).order_by("sent_back_at")[:10], user),
                "comments": True,
            },
            *(
                [
                    {
                        "id": "desk-my-review",
                        "title": "Waiting for my review",
                        "empty": "Nothing is waiting for you to review.",
                        "rows": dashboard_rows(
                            waiting.exclude(pk__in=Verdict.objects.authored_by(user).values("pk"))[:10], user
                        ),
                    }
                ]
                if may_review
                else []
            ),
            {
                "id": "desk-review",
                "title": "Waiting longest for review",
                "empty": "Nothing is waiting for review.",
                "rows": dashboard_rows(waiting[:10], user),
            },
        ],
        "my_claims": Claim.objects.assigned_to(user)
        .filter(status__in=[Claim.Status.NEW, Claim.Status.RESEARCHING])
        .select_related("article")[:10],
    }


def dashboard_rows(verdicts, user) -> list[dict]:
    """One dashboard row per verdict: its authors, its age and what `user` should do next (with where)."""
    rows = []
    may_review = user.has_perm("factcheck.publish_verdict")
    for verdict in verdicts:
        since = verdict.submitted_at or verdict.sent_back_at or verdict.updated_at
        # Judged on the prefetched authors, without a query per row; the review screen's
        # buttons (and the model behind them) make the real check.
        wrote_it = user.pk in {person.pk for person in verdict.authors()}
        change = reverse("admin:factcheck_verdict_change", args=[verdict.pk])
        if verdict.in_review and may_review and not wrote_it:
            action, url = "Review it", reverse("admin:factcheck_verdict_review", args=[verdict.pk])
        elif verdict.in_review:
            action, url = "Wait for another editor's review" if wrote_it else "Wait for an editor's review", change
        elif verdict.sent_back:
            action, url = "Answer the comments, then submit again", change
        else:
            action, url = "Finish it and submit for review", change
        rows.append(
            {"verdict": verdict, "authors": authors_line(verdict), "since": since, "action": action, "url": url}
        )
    return rows


_index = admin.site.index


def index_with_dashboard(request, extra_context=None):
    """The admin index with the editor dashboard above the list of models."""
    if request.user.has_perm("factcheck.view_claim"):
        extra_context = {**dashboard(request), **(extra_context or {})}
    return _index(request, extra_context)


admin.site.index = index_with_dashboard


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """The "Import articles" page (add) and each import's progress page (change), for both roles.

    Submitting saves the job and its items and queues one background task per item
    (``factcheck.tasks.import_item``) in the same transaction; the progress page refreshes
    itself with htmx until every item has finished. Imports are records: never edited or deleted.
    """

    list_display = ["__str__", "submitted_by", "progress"]
    list_select_related = ["submitted_by"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                item_count=Count("items"),
                unfinished_count=Count("items", filter=Q(items__status__in=ImportItem.UNFINISHED)),
                failed_count=Count("items", filter=Q(items__status=ImportItem.Status.FAILED)),
            )
        )

    @admin.display(description="Progress")
    def progress(self, job):
        done = job.item_count - job.unfinished_count
        refused = f", {job.failed_count} refused" if job.failed_count else ""
        return f"{done} of {job.item_count} done{refused}"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportArticlesForm(request.POST, request.FILES) if request.method == "POST" else ImportArticlesForm()
        if form.is_bound and form.is_valid():
            job = self.submit(request, form)
            return HttpResponseRedirect(reverse("admin:factcheck_importjob_change", args=[job.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Import articles",
            "form": form,
            "opts": self.model._meta,
            "recent_jobs": self.get_queryset(request).select_related("submitted_by")[:5],
        }
        return TemplateResponse(request, "admin/factcheck/importjob/import_form.html", context)

    def submit(self, request, form) -> ImportJob:
        """Save the job and its items, and queue a task for each, all in one transaction."""
        items = [
            ImportItem(kind=ImportItem.Kind.FILE, name=upload.name[:1000], content=upload.read())
            for upload in form.cleaned_data["files"]
        ]
        if form.cleaned_data["text"].strip():
            items.append(
                ImportItem(kind=ImportItem.Kind.TEXT, name="Pasted text", content=form.cleaned_data["text"].encode())
            )
        items += [ImportItem(kind=ImportItem.Kind.URL, name=url) for url in form.cleaned_data["urls"]]
        with transaction.atomic():
            job = ImportJob.objects.create(submitted_by=request.user)
            for item in items:
                item.job = job
                item.save()
                item.task_id = str(import_item.enqueue(item.pk).id)
                item.save(update_fields=["task_id"])
        self.message_user(request, f"{len(items)} article(s) queued for import. This page shows their progress.")
        return job

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, object_id)
        if job is None or not self.has_view_permission(request, job):
            raise PermissionDenied
        items = list(job.items.select_related("article").defer("content"))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Import #{job.pk}",
            "job": job,
            "items": items,
            "task_errors": task_errors(items),
            "counts": job.outcome_counts(),
            "finished": all(item.status not in ImportItem.UNFINISHED for item in items),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/factcheck/importjob/progress.html", context)


def task_errors(items) -> dict[int, str]:
    """For unfinished items whose background task failed outright, the error's last line, by item id."""
    from django.tasks import TaskResultStatus
    from django.tasks.exceptions import TaskResultDoesNotExist

    errors = {}
    for item in items:
        if item.status not in ImportItem.UNFINISHED or not item.task_id:
            continue
        try:
            result = import_item.get_backend().get_result(item.task_id)
        except TaskResultDoesNotExist:
            continue
        if result.status == TaskResultStatus.FAILED and result.errors:
            errors[item.pk] = result.errors[-1].traceback.strip().splitlines()[-1]
    return errors
