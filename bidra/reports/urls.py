from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("redovisningar/", views.mine, name="mine"),
    path("redovisningar/<int:decision_id>/", views.edit, name="edit"),
    path("handlaggning/redovisningar/", views.review_list, name="review_list"),
    path("handlaggning/redovisningar/<int:pk>/", views.review, name="review"),
    path("handlaggning/redovisningar/<int:pk>/godkann/", views.approve, name="approve"),
    path("handlaggning/redovisningar/<int:pk>/komplettering/", views.completion, name="completion"),
    path("handlaggning/redovisningar/<int:pk>/aterkrav/", views.propose_reclaim, name="propose_reclaim"),
    path("handlaggning/aterkrav/", views.reclaims, name="reclaims"),
    path("handlaggning/aterkrav/<int:pk>/signera/", views.sign_reclaim, name="sign_reclaim"),
    path("handlaggning/aterkrav/<int:pk>/<slug:action>/", views.settle_reclaim, name="settle_reclaim"),
]
