from django.urls import path

from . import views

app_name = "allocation"

urlpatterns = [
    path("", views.calls, name="calls"),
    path("<slug:call_slug>/", views.proposal_page, name="proposal"),
    path("<slug:call_slug>/berakna/", views.run, name="run"),
    path("<slug:call_slug>/v<int:version>/justera/", views.adjust, name="adjust"),
    path("<slug:call_slug>/v<int:version>/overfor/", views.carry, name="carry"),
]
