from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.batches, name="batches"),
    path("fran-forslag/<int:proposal_id>/", views.from_proposal, name="from_proposal"),
    path("<int:batch_id>/", views.batch_page, name="batch"),
    path("<int:batch_id>/signera/", views.sign, name="sign"),
    path("<int:batch_id>/<int:decision_id>/", views.edit, name="edit"),
    path("<int:batch_id>/<int:decision_id>/forhandsgranska.pdf", views.preview, name="preview"),
]
