from django.urls import path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("catalog.jsonld", views.catalog, name="catalog"),
    path("360giving.json", views.giving_json, name="giving_json"),
    path("360giving.csv", views.giving_csv, name="giving_csv"),
]
