from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from factcheck import feeds, views

desk_patterns = [
    path("", views.home, name="home"),
    path("claims/", views.ClaimListView.as_view(), name="claim_list"),
    path("claims/export.csv", views.claim_csv, name="claim_csv"),
    path("claims/<slug:slug>/", views.claim_detail, name="claim_detail"),
    path("actors/", views.ActorListView.as_view(), name="actor_list"),
    path("actors/<slug:slug>/", views.actor_detail, name="actor_detail"),
    path("articles/", views.ArticleListView.as_view(), name="article_list"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("methodology/", views.MethodologyView.as_view(), name="methodology"),
    path("corrections/", views.CorrectionListView.as_view(), name="correction_list"),
    path("report/", views.report, name="report"),
    path("report/thanks/", views.report_thanks, name="report_thanks"),
    path("feeds/verdicts/", feeds.VerdictFeed(), name="verdict_feed"),
    path("feeds/verdicts/atom/", feeds.VerdictAtomFeed(), name="verdict_atom_feed"),
    path("api/claimreview.json", views.claimreview_feed, name="claimreview_feed"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include((desk_patterns, "factcheck"))),
]
