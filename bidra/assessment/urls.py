from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("handlaggning/arenden/<int:pk>/ta/", views.take, name="take"),
    path("handlaggning/arenden/<int:pk>/jav/", views.declare, name="declare"),
    path("handlaggning/arenden/<int:pk>/bedomning/", views.assess, name="assess"),
    path("handlaggning/arenden/<int:pk>/begaran/", views.ask, name="ask"),
    path("handlaggning/arenden/<int:pk>/begaran/<int:request_id>/avsluta/", views.close, name="close"),
    path("handlaggning/arenden/<int:pk>/bedomning-klar/", views.finish, name="finish"),
    path("ansokningar/<int:pk>/begaran/<int:request_id>/", views.answer, name="answer"),
]
