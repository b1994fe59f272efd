"""Log-in, log-out, activating an invited account, and inviting colleagues."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from bidra.municipalities.models import Municipality

from . import services
from .forms import ActivationForm, InviteForm, LoginForm
from .identity import admin_municipality_ids_of, has_role
from .models import AgencyRole, Membership


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class ActivateView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/activate.html"
    form_class = ActivationForm
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, _("Ditt lösenord är sparat. Logga in för att fortsätta."))
        return super().form_valid(form)


def _invitable_municipalities(user):
    if has_role(user, AgencyRole.ADMINISTRATOR):
        return Municipality.objects.all()
    return Municipality.objects.filter(pk__in=admin_municipality_ids_of(user))


@login_required
def colleagues(request: HttpRequest) -> HttpResponse:
    municipalities = _invitable_municipalities(request.user)
    if not municipalities.exists():
        raise Http404
    form = InviteForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        services.invite(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            municipality=form.cleaned_data["municipality"],
            is_admin=form.cleaned_data["is_admin"],
            by=request.user,
        )
        messages.success(request, _("Inbjudan är skickad till %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("accounts:colleagues")
    members = (
        Membership.objects.active()
        .filter(municipality__in=municipalities)
        .select_related("user", "municipality")
        .order_by("municipality__name", "user__email")
    )
    if has_role(request.user, AgencyRole.ADMINISTRATOR):
        members = members[:200]
    return render(request, "accounts/colleagues.html", {"form": form, "members": members})
