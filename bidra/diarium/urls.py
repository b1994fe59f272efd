from django.urls import path

from . import views

app_name = "diarium"

urlpatterns = [
    path("filer/<int:file_id>/", views.document_file, name="document_file"),
]
