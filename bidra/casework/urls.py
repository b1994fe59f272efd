from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("arenden/<int:pk>/", views.case_page, name="case"),
    path("arenden/<int:pk>/kontroll/<slug:code>/", views.record_check, name="record_check"),
]
