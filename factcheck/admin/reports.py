"""What readers sent from the public site, for the desk to read."""

from django.contrib import admin

from factcheck.models import (
    ReaderReport,
)


@admin.register(ReaderReport)
class ReaderReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "claim", "handled"]
    list_filter = ["kind", "handled"]
    list_select_related = ["claim"]
