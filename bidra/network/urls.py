from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("", views.index, name="index"),
    path("medlemmar/ny/", views.member_edit, name="member_new"),
    path("medlemmar/<int:pk>/", views.member_edit, name="member_edit"),
    path("moten/", views.meetings, name="meetings"),
    path("moten/ny/", views.meeting_edit, name="meeting_new"),
    path("moten/<int:pk>/", views.meeting, name="meeting"),
    path("moten/<int:pk>/andra/", views.meeting_edit, name="meeting_edit"),
    path("moten/<int:pk>/dokument/<int:document_pk>/", views.meeting_document, name="meeting_document"),
    path("kunskap/", views.materials, name="materials"),
    path("kalender/", views.calendar, name="calendar"),
    path("uppdrag/redovisningar/<int:pk>/", views.report_file, name="report_file"),
    path("utatriktat/", views.outreach_view, name="outreach"),
    path("nulagesbeskrivning/", views.my_surveys, name="my_surveys"),
    path("nulagesbeskrivning/<int:pk>/", views.respond, name="respond"),
    path("nulagesbeskrivningar/", views.survey_years, name="survey_years"),
    path("nulagesbeskrivningar/<int:year>/", views.survey_overview, name="survey_overview"),
    path("nulagesbeskrivningar/<int:year>/paminn/", views.remind, name="remind"),
    path("nulagesbeskrivningar/<int:year>/export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("nulagesbeskrivningar/<int:year>/export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
]
