from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from factcheck.models import Actor, Article, Claim, ReaderReport, Source, Verdict

admin.site.site_header = "Factcheck desk"
admin.site.site_title = "Factcheck desk"


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "description"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "outlet", "published_on", "imported_at"]
    search_fields = ["title"]


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1


@admin.register(Verdict)
class VerdictAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "rating", "author", "reviewer", "published_at"]
    list_select_related = ["claim", "author", "reviewer"]
    inlines = [SourceInline]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "claimant", "article", "checkworthiness", "assignee"]
    list_select_related = ["claimant", "article", "assignee"]
    list_filter = ["status"]
    search_fields = ["text"]


@admin.register(ReaderReport)
class ReaderReportAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "claim", "handled"]
    list_filter = ["kind", "handled"]
