from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/<int:year>/", views.year_report, name="report"),
    path("<slug:slug>/<int:year>/rapport.pdf", views.year_report_pdf, name="report_pdf"),
]
