from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from factcheck import api, feeds, sitemaps, views
from factcheck.cache import cache_public_page as cached
from factcheck.filters import ClaimFilter

published_work = cached(shows_intake=False)

# The query parameters each paged page reads: the page number, or a cursor past the numbered pages.
PAGED = ("page", "after", "before")
# The claim list: its filters, its sort, the page and how many to a page.
CLAIM_LIST_READS = (*ClaimFilter.base_filters, "sort", "per_page", *PAGED)

# Public pages are served from the page cache until the desk changes (see factcheck/cache.py).
# Not cached: the CSV export (streamed), the reader form (CSRF token), the probes.
# `published_work` pages show no newly imported article, claim or actor: an import leaves them cached.
# `reads` names the query parameters a page reads: any other parameter shares the page's cached copy.
desk_patterns = [
    path("", cached(views.home), name="home"),
    path("claims/", cached(views.ClaimListView.as_view(), reads=CLAIM_LIST_READS), name="claim_list"),
    path("claims/export.csv", views.claim_csv, name="claim_csv"),
    path("claims/<slug:slug>/", published_work(views.claim_detail), name="claim_detail"),
    # Share cards are cached by their content (factcheck/sharecards.py), not by the page cache.
    path("claims/<slug:slug>/share.png", views.claim_share_card, name="claim_share_card"),
    path("share.png", views.desk_share_card, name="desk_share_card"),
    path("actors/", cached(views.ActorListView.as_view(), reads=("page",)), name="actor_list"),
    path("actors/<slug:slug>/", cached(views.actor_detail, reads=PAGED), name="actor_detail"),
    path("articles/", cached(views.ArticleListView.as_view(), reads=("page",)), name="article_list"),
    path("articles/<slug:slug>/", cached(views.article_detail), name="article_detail"),
    path("methodology/", published_work(views.MethodologyView.as_view()), name="methodology"),
    path("corrections/", published_work(views.CorrectionListView.as_view(), reads=("page",)), name="correction_list"),
    path("report/", views.report, name="report"),
    path("report/thanks/", views.report_thanks, name="report_thanks"),
    path("report/checked/", views.report_checked, name="report_checked"),
    path("feeds/verdicts/", published_work(feeds.VerdictFeed()), name="verdict_feed"),
    path("feeds/verdicts/atom/", published_work(feeds.VerdictAtomFeed()), name="verdict_atom_feed"),
    path("api/claimreview.json", published_work(api.claimreview_feed, reads=PAGED), name="claimreview_feed"),
    path("sitemap.xml", cached(sitemaps.index), name="sitemap"),
    path(
        "sitemap-<section>.xml",
        cached(sitemap_views.sitemap, reads=("p",)),
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", published_work(views.robots_txt), name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # Not cached: every search counts against its client's rate limit.
    path("api/claims/search", api.claim_search_api, name="claim_search_api"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include((desk_patterns, "factcheck"))),
]
