from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from factcheck import views

desk_patterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("", include((desk_patterns, "factcheck"))),
]
