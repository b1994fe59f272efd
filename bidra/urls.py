"""Bidra's URLs, one include per stage of the grant's life."""

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("livez", views.livez, name="livez"),
    path("konto/", include("bidra.accounts.urls")),
    path("aviseringar/", include("bidra.audit.urls")),
    path("ansokningar/", include("bidra.applications.urls")),
    path("", include("bidra.assessment.urls")),
    path("handlaggning/fordelning/", include("bidra.allocation.urls")),
    path("handlaggning/beslut/", include("bidra.decisions.urls")),
    path("handlaggning/", include("bidra.casework.urls")),
    path("ekonomi/", include("bidra.payments.urls")),
    path("", include("bidra.reports.urls")),
    path("uppfoljning/", include("bidra.followup.urls")),
    path("natverk/", include("bidra.network.urls")),
    path("handlingar/", include("bidra.diarium.urls")),
    path("opendata/", include("bidra.opendata.urls")),
    path("api/", include("bidra.api.urls")),
    path("gallring/", include("bidra.archive.urls")),
    path("integritet/", include("bidra.privacy.urls")),
    path("", include("bidra.public.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
