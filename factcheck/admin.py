"""The desk's admin, where fact-checkers and editors spend their day.

Every workflow step (take a claim, start research, dismiss, submit, send back,
publish, correct, merge actors) calls the model method that enforces the
desk's rules, so the admin can offer only buttons and actions and never
bypasses them: status, reviewer and publication dates are read-only here.
Forms carry the version they were loaded at, and a save based on an older
version is refused with a form error instead of overwriting someone's work.
History is shown for every model but cannot be "reverted": going back on a
published verdict is a correction, never a silent edit.
"""

import re

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.views.decorators.http import require_POST
from simple_history.admin import SimpleHistoryAdmin

from factcheck.models import Actor, Article, Claim, ClaimMatch, ReaderReport, Source, StaleEditError, Verdict

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


class RecordOnlyHistoryAdmin(SimpleHistoryAdmin):
    """History to read, not to revert: a revert would skip the workflow (and a published
    verdict must only change through a correction)."""

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


@admin.register(Actor)
class ActorAdmin(RecordOnlyHistoryAdmin):
    list_display = ["name", "kind", "alias_list", "description", "claims_made_count"]
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


class ClaimInline(LinkedRowsInline):
    model = Claim
    fields = ["text", "status", "claimant", "checkworthiness", "assignee"]
    related = ["claimant", "assignee"]


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


@admin.register(Article)
class ArticleAdmin(RecordOnlyHistoryAdmin):
    list_display = ["title", "outlet", "published_on", "claim_count", "imported_at"]
    list_filter = ["outlet"]
    search_fields = ["title", "outlet", "source_file"]
    date_hierarchy = "published_on"
    inlines = [ClaimInline]
    readonly_fields = ["body_with_claims", "clutter_removed", "source_file", "content_hash", "imported_at"]
    fieldsets = [
        (None, {"fields": ["title", "dek", "outlet", "url", "published_on"]}),
        ("Text, with the claims found in it", {"fields": ["body_with_claims"]}),
        ("Import", {"fields": ["clutter_removed", "source_file", "content_hash", "imported_at"]}),
        ("Edit the text", {"fields": ["body"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, article):
        return article.claim_count

    @admin.display(description="Body")
    def body_with_claims(self, article):
        return highlighted_body(article)

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
    REASONS = [
        (
            "Not checkable: an opinion, a prediction or a promise",
            "Not checkable: an opinion, a prediction or a promise",
        ),
        ("Not worth checking: trivial or not in the public interest", "Not worth checking"),
        ("Already checked: a duplicate of another claim", "Already checked (a duplicate)"),
        ("", "Other (say why below)"),
    ]
    reason = forms.ChoiceField(choices=REASONS, widget=forms.RadioSelect, required=False)
    details = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="Shown to the desk, not to readers."
    )

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("reason") and not cleaned_data.get("details", "").strip():
            raise ValidationError("Choose a reason or say why the claim is dismissed.")
        return cleaned_data

    def dismissal_reason(self) -> str:
        return " — ".join(part for part in [self.cleaned_data["reason"], self.cleaned_data["details"].strip()] if part)


class ClaimAdminForm(VersionedAdminForm):
    class Meta:
        model = Claim
        fields = ["text", "claimant", "actors", "checkworthiness", "assignee"]


class VerdictInline(LinkedRowsInline):
    """The claim's verdicts; each is edited, with its sources inline, on its own page."""

    model = Verdict
    fk_name = "claim"
    fields = ["rating", "summary", "author", "reviewer", "state", "published_at"]
    related = ["author", "reviewer"]

    @admin.display(description="State")
    def state(self, verdict):
        return verdict_state(verdict)


def verdict_state(verdict: Verdict) -> str:
    if verdict.is_current:
        return "Published, current"
    if verdict.published_at:
        return "Published, since corrected"
    if verdict.submitted_at:
        return "Waiting for review"
    return "Correction draft" if verdict.corrects_id else "Draft"


def verdict_steps(verdicts, user) -> list[dict]:
    """The verdicts on which `user` has a step to take, with those steps, for the workflow buttons."""
    rows = [
        {"verdict": verdict, "state": verdict_state(verdict), "steps": verdict.available_transitions(user)}
        for verdict in verdicts
    ]
    return [row for row in rows if row["steps"]]


def claim_transitions(claim: Claim, user) -> list[str]:
    """The claim-level steps to offer `user` as buttons; the model still checks each one."""
    steps = []
    if claim.status == Claim.Status.DISMISSED or not user.has_perm("factcheck.change_claim"):
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
class ClaimAdmin(RepeatsAdminMixin, StaleEditAdminMixin, RecordOnlyHistoryAdmin):
    form = ClaimAdminForm
    list_display = [
        "short_text",
        "status",
        "claimant",
        "article_title",
        "checkworthiness",
        "assignee",
        "current_rating",
        "repeat_label",
        "created_at",
        "updated_at",
    ]
    list_select_related = ["claimant", "article", "assignee"]
    list_filter = [
        "status",
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
        "status",
        "article_title",
        "checkworthiness",
        "current_rating",
        "created_at",
        "updated_at",
    ]
    autocomplete_fields = ["claimant", "actors"]
    readonly_fields = ["context_paragraph", "article_link", "status", "dismissal_reason", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["text", "context_paragraph", "article_link", "claimant", "actors", "checkworthiness"]}),
        ("Workflow", {"fields": ["status", "assignee", "dismissal_reason", "created_at", "updated_at"]}),
    ]
    inlines = [VerdictInline, RepeatOfInline, AppearancesInline]
    actions = ["assign_to_me", "start_research", "dismiss"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_current_verdict()

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("factcheck.assign_claim"):
            readonly.append("assignee")
        return readonly

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assignee":
            kwargs["queryset"] = desk_staff()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="Claim", ordering="text")
    def short_text(self, claim):
        return str(claim)

    @admin.display(description="Article", ordering="article__title")
    def article_title(self, claim):
        # Headlines run long; the claim's own text needs the width.
        return Truncator(claim.article.title).chars(50)

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
        """The claim page's buttons: take the claim, start research."""
        claim = get_object_or_404(Claim, pk=pk)
        claim.version = int(request.POST.get("version") or 0)
        steps = {
            "take": (lambda: claim.assign(request.user, by=request.user), "The claim is yours."),
            "start_research": (lambda: claim.start_research(by=request.user), "Research started."),
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
            verdicts = claim.verdicts.select_related("author", "reviewer", "claim").order_by("-created_at")
            extra_context = {
                **(extra_context or {}),
                "claim_steps": claim_transitions(claim, request.user),
                "verdict_steps": verdict_steps(verdicts, request.user),
                "may_write_verdict": (
                    request.user.has_perm("factcheck.add_verdict")
                    and claim.status in (Claim.Status.NEW, Claim.Status.RESEARCHING)
                ),
            }
        return super().change_view(request, object_id, form_url, extra_context)


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1
    fields = ["title", "url", "publisher", "accessed_on"]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and (obj is None or obj.published_at is None)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or obj.published_at is None)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or obj.published_at is None)


class VerdictAdminForm(VersionedAdminForm):
    class Meta:
        model = Verdict
        fields = ["claim", "rating", "summary", "explanation", "notes", "review_comments", "correction_note"]


@admin.register(Verdict)
class VerdictAdmin(StaleEditAdminMixin, RecordOnlyHistoryAdmin):
    form = VerdictAdminForm
    list_display = ["claim", "rating", "state", "author", "reviewer", "submitted_at", "published_at"]
    list_select_related = ["claim", "author", "reviewer"]
    list_filter = ["rating", "is_current", ("author", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["claim__text", "summary"]
    autocomplete_fields = ["claim"]
    readonly_fields = ["author", "reviewer", "submitted_at", "published_at", "is_current", "corrects_link"]
    inlines = [SourceInline]

    def get_fieldsets(self, request, obj=None):
        verdict = ["claim", "rating", "summary", "explanation", "notes", "review_comments"]
        if obj is not None and obj.corrects_id:
            verdict.append("correction_note")
        fieldsets = [
            (None, {"fields": verdict}),
            ("Workflow", {"fields": ["author", "reviewer", "submitted_at", "published_at", "is_current"]}),
        ]
        if obj is not None and obj.corrects_id:
            fieldsets[1][1]["fields"].append("corrects_link")
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            readonly.append("claim")
        if not request.user.has_perm("factcheck.publish_verdict"):
            readonly.append("review_comments")
        return readonly

    def has_change_permission(self, request, obj=None):
        # A published verdict changes only through a correction.
        return super().has_change_permission(request, obj) and (obj is None or obj.published_at is None)

    @admin.display(description="State")
    def state(self, verdict):
        return verdict_state(verdict)

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
        super().save_model(request, obj, form, change)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/step/<str:step>/", wrap(require_POST(self.step_view)), name="factcheck_verdict_step"),
            *super().get_urls(),
        ]

    def step_view(self, request, pk, step):
        """The buttons: submit for review, send back, publish, correct."""
        verdict = get_object_or_404(Verdict.objects.select_related("claim"), pk=pk)
        verdict.version = int(request.POST.get("version") or 0)
        page = reverse("admin:factcheck_verdict_change", args=[verdict.pk])
        if step == "submit":
            perform(self, request, lambda: verdict.submit_for_review(by=request.user), done="Sent to an editor.")
        elif step == "send_back":
            comments = request.POST.get("comments", "")
            perform(self, request, lambda: verdict.send_back(by=request.user, comments=comments), done="Sent back.")
        elif step == "publish":
            perform(self, request, lambda: verdict.publish(by=request.user), done="Published.")
        elif step == "correct":
            corrections = []
            if perform(
                self,
                request,
                lambda: corrections.append(verdict.start_correction(by=request.user)),
                done="Correction started: change what was wrong, write the correction note, then submit it.",
            ):
                return HttpResponseRedirect(reverse("admin:factcheck_verdict_change", args=[corrections[0].pk]))
        else:
            raise PermissionDenied("Unknown step.")
        return back_to(request, page)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        verdict = self.get_object(request, object_id)
        if verdict is not None:
            extra_context = {
                **(extra_context or {}),
                "verdict_steps": verdict_steps([verdict], request.user),
            }
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(ReaderReport)
class ReaderReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "claim", "handled"]
    list_filter = ["kind", "handled"]
    list_select_related = ["claim"]


def dashboard(request) -> dict:
    """What the editor dashboard on the admin index shows: counts by status, the user's claims,
    and the claims that have waited longest for review."""
    counts = dict(Claim.objects.order_by().values_list("status").annotate(Count("pk")))
    return {
        "status_counts": [(value, label, counts.get(value, 0)) for value, label in Claim.Status.choices],
        "my_claims": Claim.objects.assigned_to(request.user)
        .exclude(status__in=[Claim.Status.PUBLISHED, Claim.Status.DISMISSED])
        .select_related("article")[:10],
        "waiting_for_review": Claim.objects.awaiting_review().select_related("article", "assignee")[:10],
    }


_index = admin.site.index


def index_with_dashboard(request, extra_context=None):
    """The admin index with the editor dashboard above the list of models."""
    if request.user.has_perm("factcheck.view_claim"):
        extra_context = {**dashboard(request), **(extra_context or {})}
    return _index(request, extra_context)


admin.site.index = index_with_dashboard
