from django.contrib.auth import views as auth_views
from django.urls import path

from . import oidc, security_views, views

app_name = "accounts"

urlpatterns = [
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("aktivera/<uidb64>/<token>/", views.ActivateView.as_view(), name="activate"),
    path("kollegor/", views.colleagues, name="colleagues"),
    path("", views.account, name="account"),
    path("e-legitimation/", oidc.EidLoginView.as_view(), name="eid_login"),
    path("e-legitimation/klar/", oidc.EidCallbackView.as_view(), name="eid_callback"),
    path("e-legitimation/koppla/", oidc.link_eid, name="eid_link"),
    path("tvastegsverifiering/", security_views.second_step, name="second_factor"),
    path("tvastegsverifiering/aktivera/", security_views.enrol, name="enrol"),
    path("tvastegsverifiering/reservkoder/", security_views.backup_codes, name="backup_codes"),
    path("bekrafta/", security_views.confirm, name="confirm"),
    path("losenord/", security_views.PasswordChangeView.as_view(), name="password_change"),
]
