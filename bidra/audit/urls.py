from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.notifications, name="notifications"),
    path("markera-lasta/", views.mark_read, name="mark_read"),
]
