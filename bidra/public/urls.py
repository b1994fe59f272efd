from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("bidrag/", views.programmes, name="programmes"),
    path("bidrag/<slug:slug>/", views.programme, name="programme"),
    path("bidrag/<slug:slug>/beviljade/", views.register, name="register"),
    path("beviljade/<str:case_number>/", views.grant, name="grant"),
    path("karta/", views.map_page, name="map"),
    path("diarium/", views.diarium, name="diarium"),
    path("diarium/<str:number>/", views.case, name="case"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path("personuppgifter/", views.privacy, name="privacy"),
]
