"""Log-in, log-out, activating an invited account, and inviting colleagues."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from bidra.municipalities.models import Municipality

from . import eid, services
from .authn import confirm_url, needs_second_factor, recently_authenticated, second_factor_pending
from .forms import ActivationForm, InviteForm, LoginForm
from .identity import admin_municipality_ids_of, has_role, roles_of
from .models import AgencyRole, ElectronicIdentity, Membership


class LoginView(auth_views.LoginView):
    """E-mail and password; agency staff then continue to the second step (a code from their app)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        target = super().get_success_url()
        if second_factor_pending(self.request):
            return f"{reverse('accounts:second_factor')}?{urlencode({'next': target})}"
        return target

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "eid_enabled": eid.configured()}


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


_HELD_INVITE = "bidra_held_invitation"


@login_required
def colleagues(request: HttpRequest) -> HttpResponse:
    municipalities = _invitable_municipalities(request.user)
    if not municipalities.exists():
        raise Http404
    # An invitation held back for re-authentication comes back filled in.
    held = request.session.pop(_HELD_INVITE, None) if request.method == "GET" else None
    form = InviteForm(request.POST or None, initial=held or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["is_admin"] and not recently_authenticated(request):
            # Handing out the right to invite is a change of rights: confirm who you are first.
            request.session[_HELD_INVITE] = {
                "email": form.cleaned_data["email"],
                "full_name": form.cleaned_data["full_name"],
                "municipality": form.cleaned_data["municipality"].pk,
                "is_admin": True,
            }
            messages.info(request, _("Bekräfta att det är du innan du ger någon rätt att bjuda in."))
            return redirect(confirm_url(reverse("accounts:colleagues")))
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


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """My account: what the user may act for, and their e-legitimation (linked, or a button to link it)."""
    memberships = Membership.objects.active().filter(user=request.user).select_related("municipality")
    roles = [AgencyRole(role).label for role in roles_of(request.user)]
    identity = ElectronicIdentity.objects.filter(user=request.user).first()
    return render(
        request,
        "accounts/account.html",
        {
            "memberships": memberships.order_by("municipality__name"),
            "roles": sorted(str(role) for role in roles),
            "identity": identity,
            "eid_enabled": eid.configured(),
            "show_email": not eid.has_placeholder_email(request.user),
            "second_factor": needs_second_factor(request.user),
        },
    )
