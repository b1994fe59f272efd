from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("export.csv", views.export, name="export"),
    path("<int:order_id>/bankgiro/", views.set_bankgiro, name="bankgiro"),
    path("<int:order_id>/<slug:action>/", views.act, name="act"),
]
