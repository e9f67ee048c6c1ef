"""What readers sent from the public site, for the desk to read."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from factcheck.models import (
    ReaderReport,
)


@admin.register(ReaderReport)
class ReaderReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "claim", "handled"]
    list_filter = ["kind", "handled"]
    list_select_related = ["claim"]
    # What the reader sent is theirs: the desk reads it and marks it handled, never rewrites it. The claim is a
    # link, not a choice among every claim on the desk (a page that would list them all).
    fields = ["kind", "about_claim", "message", "link", "email", "submitted_at", "handled"]
    readonly_fields = ["kind", "about_claim", "message", "link", "email", "submitted_at"]

    @admin.display(description="Claim")
    def about_claim(self, report):
        if report.claim is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a> (<a href="{}">as readers see it</a>)',
            reverse("admin:factcheck_claim_change", args=[report.claim.pk]),
            report.claim,
            report.claim.get_absolute_url(),
        )
