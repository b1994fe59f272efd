"""The API under /api/: version 1 (NinjaAPI, namespace ``api-v1``) and the token pages (namespace ``api``).

Mounted by bidra/urls.py with ``path("api/", include("bidra.api.urls"))``.
"""

from django.urls import include, path

from . import views
from .api import api

token_patterns = [
    path("", views.token_list, name="tokens"),
    path("ny/", views.token_create, name="token_create"),
    path("<int:pk>/aterkalla/", views.token_revoke, name="token_revoke"),
]

urlpatterns = [
    path("v1/", api.urls),
    path("nycklar/", include((token_patterns, "api"))),
]
