from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.search, name="search"),
    path("personer/<int:user_id>/", views.person, name="person"),
    path("personer/<int:user_id>/export.json", views.export, name="export"),
    path("mina-uppgifter/", views.mine, name="mine"),
    path("mina-uppgifter/export.json", views.export_mine, name="export_mine"),
]
