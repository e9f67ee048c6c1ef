"""Claims in the admin: the desk's queue, each claim's page with its verdicts, and the steps
(take, research, dismiss, restore) that go through the claim's own methods.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from factcheck.admin.articles import find_sentence
from factcheck.admin.claimants import NEW_CLAIMANT_FIELDS, NewClaimantFormMixin, save_new_claimant
from factcheck.admin.common import (
    BrowserDateInput,
    LabelledAutocompleteMixin,
    RecordOnlyHistoryAdmin,
    StaffListFilter,
    StaleEditAdminMixin,
    VersionedAdminForm,
    back_to,
    desk_staff,
    perform,
    perform_on_each,
    staff_load,
)
from factcheck.admin.repeats import AppearancesInline, RepeatFilter, RepeatOfInline, RepeatsAdminMixin
from factcheck.admin.verdicts import authors_line, verdict_state, verdict_steps
from factcheck.extraction import explain, threshold
from factcheck.extraction.scoring import model as scoring_model
from factcheck.models import (
    Claim,
    Verdict,
    VerdictChange,
    staff_name,
)
from factcheck.templatetags.desk_admin import person


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
        (Claim.DUPLICATE_REASON, "Already checked (a duplicate)"),
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


class AssignForm(forms.Form):
    """Whom the chosen claims go to: one of the desk, with what each already has, or nobody."""

    NOBODY = "nobody"
    assignee = forms.ChoiceField(
        label="Assign to",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who the claims go to (or “Nobody” to unassign them)."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        load = staff_load()
        self.people = {str(row["person"].pk): row["person"] for row in load}
        self.fields["assignee"].choices = [
            *(
                (
                    str(row["person"].pk),
                    f"{staff_name(row['person'])}: {row['new']} awaiting check, {row['researching']} being researched",
                )
                for row in load
            ),
            (self.NOBODY, "Nobody: unassign them"),
        ]

    def chosen(self):
        """The person chosen, or None for nobody."""
        return self.people.get(self.cleaned_data["assignee"])


class ClaimAdminForm(NewClaimantFormMixin, VersionedAdminForm):
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


# Said on a published claim's page, above the fields it shows read-only.
PUBLISHED_WORDING = (
    "This claim's verdict is published: readers see its words, claimant, quotation, date and place with the "
    "rating, as they were reviewed. To change any of them, an editor starts a correction of the verdict; "
    "the new wording is written in the correction, and the claim takes it when someone other than the "
    "correction's authors publishes it, with its public note."
)


def wording_published(claim: Claim | None) -> bool:
    """Whether the claim's wording is read-only here: a verdict on it has been published."""
    return claim is not None and claim.has_published_verdict()


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


class ClaimStepsAdminMixin:
    """The claim's workflow steps in the admin: the list's actions (assign, research, dismiss, restore)
    and the buttons on a claim's page, each through the claim's own method."""

    def has_dismiss_permission(self, request):
        return request.user.has_perm("factcheck.dismiss_claim")

    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        perform_on_each(
            self, request, queryset, lambda claim: claim.assign(request.user, by=request.user), done="Assigned to you"
        )

    def has_assign_permission(self, request):
        return request.user.has_perm("factcheck.assign_claim")

    @admin.action(description="Assign to…", permissions=["assign"])
    def assign_to(self, request, queryset):
        """Hand the chosen claims to one person (or to nobody) in one step, after asking whom."""
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            person = form.chosen()
            done = f"Assigned to {staff_name(person)}" if person else "Unassigned"
            perform_on_each(self, request, queryset, lambda claim: claim.assign(person, by=request.user), done=done)
            return None
        return TemplateResponse(
            request,
            "admin/factcheck/claim/assign.html",
            {
                **self.admin_site.each_context(request),
                "title": "Assign claims",
                "opts": self.model._meta,
                "form": form,
                "claims": list(queryset.select_related("assignee")),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
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


@admin.register(Claim)
class ClaimAdmin(
    ClaimStepsAdminMixin, RepeatsAdminMixin, LabelledAutocompleteMixin, StaleEditAdminMixin, RecordOnlyHistoryAdmin
):
    form = ClaimAdminForm
    list_display = [
        "short_text",
        "desk_status",
        "claimant",
        "worth",
        "assigned_to",
        "current_rating",
        "repeat_label",
        "updated_at",
    ]
    list_select_related = ["claimant", "article", "assignee"]
    list_filter = [
        "status",
        CorrectionFilter,
        AssignedToMeFilter,
        ("assignee", StaffListFilter),
        CurrentRatingFilter,
        RepeatFilter,
        ("claimant", admin.RelatedOnlyFieldListFilter),
        ("article", admin.RelatedOnlyFieldListFilter),
    ]
    # A claimant by any name the desk knows them by, an article by its headline or its outlet.
    search_fields = ["text", "context", "claimant__name", "claimant__aliases", "article__title", "article__outlet"]
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
        (
            "Who said it",
            {"fields": ["claimant", *NEW_CLAIMANT_FIELDS, "quotation", "attribution_check", "confirm_attribution"]},
        ),
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
    actions = ["assign_to_me", "assign_to", "start_research", "dismiss", "restore"]

    def has_add_permission(self, request):
        # Every claim is a sentence of an article: an editor adds one the import missed with "Add as a claim" on
        # the article's page (Article.add_claim). This form has no article to put a claim in.
        return False

    def get_queryset(self, request):
        correction = Verdict.objects.unpublished().filter(claim=OuterRef("pk"), corrects__isnull=False)
        return super().get_queryset(request).with_current_verdict().annotate(correcting=Exists(correction))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm("factcheck.assign_claim"):
            readonly.append("assigned_to")
        if wording_published(obj):
            readonly += [name for name in Claim.WORDING if name != "said_at"]
        return readonly

    def get_fieldsets(self, request, obj=None):
        """Once a verdict is published, the claim's wording is shown as readers see it, with how it changes
        (a correction of the verdict); there is no claimant to add or confirm on this page any more."""
        fieldsets = super().get_fieldsets(request, obj)
        if not request.user.has_perm("factcheck.assign_claim"):
            # Who has the claim, by name as the front page gives it: a read-only "assignee" shows a login.
            fieldsets = [
                (name, {**options, "fields": ["assigned_to" if f == "assignee" else f for f in options["fields"]]})
                for name, options in fieldsets
            ]
        if not wording_published(obj):
            return fieldsets
        hidden = {*NEW_CLAIMANT_FIELDS, "confirm_attribution"}
        return [
            (
                name,
                {
                    **options,
                    "fields": [field for field in options["fields"] if field not in hidden],
                    **({"description": PUBLISHED_WORDING} if name == "Who said it" else {}),
                },
            )
            for name, options in fieldsets
        ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assignee":
            kwargs["queryset"] = desk_staff()
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "assignee":
            formfield.label_from_instance = person  # as the front page and "Assign to…" name them
        return formfield

    @admin.display(description="Assignee", ordering="assignee__first_name")
    def assigned_to(self, claim):
        return claim.assignee and staff_name(claim.assignee)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "said_on":
            kwargs["widget"] = BrowserDateInput
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
        explanation = explain(claim.text, claim.context, spoken=claim.speaker_id is not None)

        def reasons(found):
            return format_html_join("", "<li>{} ({})</li>", ((r.label, f"{r.weight:+.2f}") for r in found)) or "—"

        if explanation.reading is not None:
            reading = format_html(
                "<p>The wording left the score unsure, so the transformer read the sentence too: {} ({}). "
                "Left out one at a time, these words moved its reading most (the reading with the whole "
                "sentence less the reading without the word):</p>"
                "<p><b>Words that made it more check-worthy</b></p><ul>{}</ul>"
                "<p><b>Words that made it less check-worthy</b></p><ul>{}</ul>",
                explanation.reading.label.capitalize(),
                f"{explanation.reading.weight:+.2f}",
                reasons(explanation.reading_raised),
                reasons(explanation.reading_lowered),
            )
        elif scoring_model().stack is not None:
            reading = format_html("<p>{}</p>", "Transformer not consulted: the wording alone made the score clear.")
        else:
            reading = ""

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
            "Its wording model weighs every word, phrase and feature; these counted most (in log-odds).</p>"
            "<p><b>Raised by</b></p><ul>{}</ul><p><b>Lowered by</b></p><ul>{}</ul>{}{}",
            f"{explanation.score:.2f}",
            f"{threshold():.2f}",
            reasons(explanation.raised),
            reasons(explanation.lowered),
            meaning,
            reading,
        )

    @admin.display(description="Confirmation")
    def attribution_check(self, claim):
        if claim.attribution_confirmed_at is None and claim.speaker_id:
            # Said in a transcript: its speakers are confirmed once, for all its claims.
            return format_html(
                "Not confirmed yet: a verdict cannot be submitted until someone confirms the claimant. Said by "
                '“{}” in a transcript: <a href="{}">confirm its speakers</a> once for all its claims.',
                claim.speaker.label,
                reverse("admin:factcheck_article_speakers", args=[claim.article_id]),
            )
        if claim.attribution_confirmed_at is None:
            return "Not confirmed yet: a verdict cannot be submitted until someone confirms the claimant."
        when = timezone.localtime(claim.attribution_confirmed_at).strftime("%Y-%m-%d %H:%M")
        return f"Confirmed by {staff_name(claim.attribution_confirmed_by)} on {when}."

    def save_model(self, request, obj, form, change):
        save_new_claimant(request, obj)
        if form.cleaned_data.get("confirm_attribution"):
            obj.attribution_confirmed_by, obj.attribution_confirmed_at = request.user, timezone.now()
            obj._confirming_attribution = True
        if obj.claimant_id is None:
            obj.quotation = ""
        super().save_model(request, obj, form, change)

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
                        "reviewer": staff_name(verdict.reviewer) if verdict.reviewer_id else "—",
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
