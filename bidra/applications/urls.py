from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("", views.my_applications, name="mine"),
    path("ny/<slug:call_slug>/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/steg/<slug:slug>/", views.step, name="step"),
    path("<int:pk>/granska/", views.check, name="check"),
    path("<int:pk>/skicka-in/", views.submit, name="submit"),
    path("<int:pk>/kvitto/", views.receipt, name="receipt"),
    path("<int:pk>/aterkalla/", views.withdraw, name="withdraw"),
    path("<int:pk>/bilagor/<int:attachment_id>/", views.download_attachment, name="attachment"),
    path("<int:pk>/bilagor/<int:attachment_id>/ta-bort/", views.remove_attachment, name="remove_attachment"),
]
