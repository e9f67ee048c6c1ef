"""Repeats in the admin: a claim's links to earlier claims it repeats, and where a claim was said
again, each confirmed or rejected in one click.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from factcheck.admin.common import perform
from factcheck.models import (
    Claim,
    ClaimMatch,
    Verdict,
)


class LinkedRowsInline(admin.TabularInline):
    """Related rows to read at a glance, each linking to its own page where it is edited."""

    show_change_link = True
    extra = 0
    can_delete = False
    related = []
    # Every column has a heading (Django's tabular template adds two empty ones).
    template = "admin/factcheck/edit_inline/linked_rows.html"

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.related)


class RepeatOfInline(LinkedRowsInline):
    """The earlier claims this one may repeat, in full to be read against it, each with Confirm and Reject buttons
    for editors (a fact-checker sees who decides instead)."""

    model = ClaimMatch
    fk_name = "claim"
    verbose_name_plural = "Repeat of an earlier claim?"
    fields = ["earlier_claim", "score", "what_differs", "state", "decide"]
    related = ["original", "decided_by"]
    show_change_link = False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("factcheck.view_claim")

    def get_fields(self, request, obj=None):
        if request.user.has_perm("factcheck.dismiss_claim"):
            return self.fields
        return [field if field != "decide" else "decided" for field in self.fields]

    @admin.display(description="Earlier claim")
    def earlier_claim(self, match):
        return format_html(
            '<a href="{}">{}</a> ({})',
            reverse("admin:factcheck_claim_change", args=[match.original_id]),
            match.original.text,
            match.original_summary().split(":")[0],
        )

    @admin.display(description="What differs")
    def what_differs(self, match):
        return match.differences or "—"

    @admin.display(description="Decision")
    def decided(self, match):
        if match.state in (ClaimMatch.State.CONFIRMED, ClaimMatch.State.REJECTED):
            return f"by {match.decided_by}" if match.decided_by else ""
        return "An editor confirms or rejects it."

    @admin.display(description="Decision")
    def decide(self, match):
        if match.state in (ClaimMatch.State.CONFIRMED, ClaimMatch.State.REJECTED):
            return self.decided(match)
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
    fields = ["repeat", "score", "what_differs", "state"]
    related = ["claim"]
    show_change_link = False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("factcheck.view_claim")

    @admin.display(description="What differs")
    def what_differs(self, match):
        return match.differences or "—"

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
        # A dismissed claim's links wait for nobody: it left the queue, and readers never see it as checked.
        if self.value() in ClaimMatch.State.values:
            return queryset.filter(repeat_state=self.value()).exclude(status=Claim.Status.DISMISSED)
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
