"""Verdicts in the admin: the verdict form with its sources, who changed what, and the workflow
buttons (submit, send back, publish) that save what was typed first.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from factcheck.admin.common import (
    BrowserDateInput,
    LabelledAutocompleteMixin,
    RecordOnlyHistoryAdmin,
    StaffListFilter,
    StaleEditAdminMixin,
    VersionedAdminForm,
    back_to,
    perform,
    refusal_message,
)
from factcheck.admin.proposals import ProposalsAdminMixin, substance_locked
from factcheck.admin.review import verdict_diff
from factcheck.models import (
    Claim,
    Source,
    StaleEditError,
    Verdict,
    VerdictChange,
    record_change,
    staff_name,
)


def verdict_line(verdict: Verdict, user) -> str:
    """Where the verdict stands and who did what, in a sentence; `user` is "you"."""

    def who(people) -> str:
        names = list(dict.fromkeys("you" if person.pk == user.pk else staff_name(person) for person in people))
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"

    authors = who(verdict.authors())
    kind = "correction" if verdict.corrects_id else "verdict"
    if verdict.published_at:
        reviewed = f", reviewed by {who([verdict.reviewer])}" if verdict.reviewer_id else ""
        since = "" if verdict.is_current else ", since corrected"
        return f"Published{since}: written by {authors}{reviewed}."
    if verdict.in_review:
        when = timezone.localtime(verdict.submitted_at).strftime("%Y-%m-%d %H:%M")
        return f"Waiting for review since {when}: a {kind} written by {authors}."
    if verdict.sent_back:
        sender = sent_back_by(verdict)
        return f"Sent back to {authors} with comments{f' by {who([sender])}' if sender else ''}."
    return f"{'Correction draft' if verdict.corrects_id else 'Draft'} by {authors}."


def sent_back_by(verdict: Verdict):
    """Who last sent the verdict back (from its history), or None when the history does not say."""
    record = (
        verdict.history.filter(history_change_reason="Sent back with comments", history_user__isnull=False)
        .select_related("history_user")
        .order_by("-history_date")
        .first()
    )
    return record.history_user if record else None


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
                "line": verdict_line(verdict, user),
                "steps": steps,
                "review": "publish" in steps or "send_back" in steps,
                "publish_refusal": publish_refusal(verdict, user),
            }
        )
    return rows


class SourceInline(admin.StackedInline):
    """Each source on two short rows, with its labels, so the form fits a laptop or a phone and its
    errors are next to the field they are about."""

    model = Source
    extra = 1
    fields = [("title", "publisher"), ("url", "accessed_on")]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "accessed_on":
            kwargs["initial"] = timezone.localdate
            kwargs["widget"] = BrowserDateInput
        if db_field.name == "url":
            kwargs["label"] = "Link (URL)"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (SourcesNeededFormSet, formset), {"submitting": is_submitting(request)})

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and may_edit_sources(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_edit_sources(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_edit_sources(request.user, obj)


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


# The correction's fields for the claim's wording (Claim.WORDING), in the order the claim's page shows them.
CORRECTION_WORDING = list(Claim.WORDING.values())
WORDING_HELP = (
    "Readers see the claim's words, claimant, quotation, date and place with the rating. Change them here "
    "when they were wrong: the claim takes them when this correction is published by someone other than its "
    "authors, and until then readers see them as they are. Say in the public note that they changed; the "
    "earlier version keeps the old ones."
)

# A desk whose only editor wrote the verdict: it is in review, but nobody there may publish it (two-person rule).
NOBODY_TO_REVIEW = (
    "Nobody on the desk can review it yet: every editor is one of its authors. It waits for someone else "
    "to be given the Editor role."
)
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


def may_edit_sources(user, verdict) -> bool:
    """As may_edit_verdict, and not while the user's changes would have to wait behind an open proposal."""
    return may_edit_verdict(user, verdict) and not substance_locked(user, verdict)


class VerdictAdminForm(VersionedAdminForm):
    """The verdict, validated as a draft on Save and as a complete verdict on "Submit for review"."""

    submitting = False

    class Meta:
        model = Verdict
        fields = ["claim", "rating", "summary", "explanation", "notes", "review_comments", "correction_note"]
        # The admin shows help texts as HTML: "<date>" would be taken for a tag and vanish.
        help_texts = {
            "correction_note": "Public: what was wrong and what we changed, said once. Readers see it under "
            "“Correction, &lt;date&gt;”, which already says when the rating changed, from what to what.",
        }

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
        if "checked_text" in self.fields:
            claimant, quotation = cleaned_data.get("checked_claimant"), cleaned_data.get("checked_quotation")
            if not (cleaned_data.get("checked_text") or "").strip():
                self.add_error("checked_text", "The claim needs its words.")
            if claimant is None and quotation:
                self.add_error(
                    "checked_quotation", "With no claimant the claim is the article's own: leave this empty."
                )
            if claimant is not None and not quotation:
                self.add_error("checked_quotation", f"Say whether {claimant}'s words are quoted or paraphrased.")
        return cleaned_data


# Rows recorded this close together by one person come from one save of the verdict form.
ONE_SAVE = timedelta(seconds=10)


def changes_by_save(changes) -> list[tuple]:
    """The verdict's changes (oldest first) as (when, who, parts changed, whose proposal it took in or None),
    one per save: a save records a row for the verdict's text and one per source added, changed or deleted,
    and each part is named once."""
    saves = []
    for change in changes:
        last = saves[-1] if saves else None
        same_save = (
            last
            and (last["by"].pk, last["proposed_by_id"]) == (change.changed_by_id, change.proposed_by_id)
            and change.changed_at - last["until"] <= ONE_SAVE
        )
        if not same_save:
            last = {
                "at": change.changed_at,
                "by": change.changed_by,
                "proposed_by_id": change.proposed_by_id,
                "proposed_by": change.proposed_by if change.proposed_by_id else None,
                "parts": {},
            }
            saves.append(last)
        last["parts"].update(dict.fromkeys(change.fields))
        last["until"] = change.changed_at
    return [(save["at"], save["by"], list(save["parts"]), save["proposed_by"]) for save in saves]


def authors_line(verdict: Verdict) -> str:
    """The verdict's authors, by display name where they have one."""
    return ", ".join(staff_name(person) for person in verdict.authors())


class ReviewScreenAdminMixin:
    """The editor's review screen (the claim in context, the verdict as readers will see it, its sources
    and, for a correction, what changed) with Publish and Send back, and the staff-only preview."""

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
        # A correction that changes the claim's wording shows the claim as it will read once published.
        claim = verdict.claim_as_checked() if verdict.corrects_id else None
        claim = claim or verdict.claim
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


@admin.register(Verdict)
class VerdictAdmin(
    ReviewScreenAdminMixin, ProposalsAdminMixin, LabelledAutocompleteMixin, StaleEditAdminMixin, RecordOnlyHistoryAdmin
):
    form = VerdictAdminForm
    list_display = ["claim_text", "rating", "state", "authors", "reviewer", "updated_at"]
    list_select_related = ["claim", "author", "reviewer"]
    list_filter = ["rating", "is_current", ("author", StaffListFilter)]
    search_fields = ["claim__text", "summary"]
    autocomplete_fields = ["claim", "checked_claimant"]
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
        changes = Prefetch("changes", queryset=VerdictChange.objects.select_related("changed_by", "proposed_by"))
        return super().get_queryset(request).prefetch_related(changes)

    def get_fieldsets(self, request, obj=None):
        verdict = ["claim", "rating", "summary", "explanation", "notes"]
        if obj is not None and obj.corrects_id:
            verdict.append("correction_note")
        workflow = ["authors", "substance_changes", "reviewer", "submitted_at", "published_at", "is_current"]
        if obj is not None and obj.corrects_id:
            workflow.append("corrects_link")
        fieldsets = [(None, {"fields": verdict})]
        if obj is not None and obj.corrects_id:
            fieldsets.append(
                ("The claim as readers will see it", {"fields": CORRECTION_WORDING, "description": WORDING_HELP})
            )
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

    def has_delete_permission(self, request, obj=None):
        # A published version is never deleted (Verdict.delete), not even by a superuser: no Delete button.
        return super().has_delete_permission(request, obj) and not (obj is not None and obj.published_at)

    def get_deleted_objects(self, objs, request):
        """As Django's, with the published versions among `objs` listed as what cannot be deleted, so that
        "Delete selected verdicts" refuses them by name instead of deleting them in bulk."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        published = [f"{verdict} (published: correct it instead)" for verdict in objs if verdict.published_at]
        if published:
            # Said by name instead of "your account doesn't have permission to delete verdict".
            perms_needed = perms_needed - {str(self.model._meta.verbose_name)}
        return deleted, counts, perms_needed, [*published, *protected]

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
                '<li><time datetime="{}">{}</time>: {}{} ({})</li>',
                (
                    (
                        timezone.localtime(changed_at).strftime("%Y-%m-%dT%H:%M:%S%z"),
                        timezone.localtime(changed_at).strftime("%Y-%m-%d %H:%M"),
                        staff_name(person),
                        f", accepting {staff_name(proposer)}’s proposal" if proposer else "",
                        ", ".join(parts),
                    )
                    for changed_at, person, parts, proposer in saves
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
        if getattr(request, "proposal_made", False) and step != "send_back":
            # The changes wait for the author's answer, which the message says; nothing to publish or submit yet.
            return HttpResponseRedirect(reverse("admin:factcheck_verdict_change", args=[obj.pk]))
        if step is not None:
            return self.take_step(request, obj, step)
        return super().response_change(request, obj)

    def take_step(self, request, verdict, step):
        verdict.refresh_from_db()
        page = reverse("admin:factcheck_verdict_change", args=[verdict.pk])
        if step == "submit":
            submitted = perform(
                self, request, lambda: verdict.submit_for_review(by=request.user), done="Saved and sent to an editor."
            )
            if submitted and not verdict.possible_reviewers().exists():
                self.message_user(request, NOBODY_TO_REVIEW, messages.WARNING)
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
        author = staff_name(verdict.author)
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
                **self.proposal_context(request, verdict),
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
