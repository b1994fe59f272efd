"""The second step of a staff log-in, enrolling an authenticator app, backup codes and re-authentication."""

from typing import Any
from urllib.parse import urlencode

import django_otp
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice

from bidra.audit.events import record

from . import second_factor
from .authn import is_eid_session, is_strongly_authenticated, mark_authenticated, needs_second_factor
from .forms import CodeForm, ConfirmIdentityForm, PasswordChangeForm

NEW_CODES_SESSION_KEY = "bidra_new_backup_codes"


def safe_next(request: HttpRequest, default: str = "") -> str:
    """The ``next`` parameter if it points into Bidra, else the default (the start page)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("home")


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def _refusal(check: second_factor.CodeCheck) -> str:
    if check.wait_until is not None:
        seconds = max(1, int((check.wait_until - timezone.now()).total_seconds() + 0.999))
        return _("För många felaktiga koder. Vänta %(seconds)s sekunder och försök igen.") % {"seconds": seconds}
    return _("Koden stämmer inte. Kontrollera koden i appen och försök igen.")


@login_required
def second_step(request: HttpRequest) -> HttpResponse:
    """After the password: the code from the app (or a backup code) before anything else opens."""
    next_url = safe_next(request)
    if not needs_second_factor(request.user) or is_strongly_authenticated(request):
        return HttpResponseRedirect(next_url)
    if not second_factor.has_confirmed_app(request.user):
        return HttpResponseRedirect(_with_next("accounts:enrol", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = second_factor.check_code(request.user, form.cleaned_data["code"])
        if check.accepted:
            django_otp.login(request, check.device)
            mark_authenticated(request)
            if isinstance(check.device, StaticDevice):
                left = second_factor.backup_codes_left(request.user)
                messages.warning(
                    request, _("Du använde en reservkod. Du har %(left)s reservkoder kvar.") % {"left": left}
                )
            return HttpResponseRedirect(next_url)
        form.add_error("code", _refusal(check))
    return render(request, "accounts/second_step.html", {"form": form, "next": next_url})


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """First staff log-in: connect an authenticator app by scanning the QR code, confirm with a code."""
    next_url = safe_next(request)
    if not needs_second_factor(request.user):
        raise Http404
    if second_factor.has_confirmed_app(request.user):
        # A second app is never added on the strength of a password alone.
        return HttpResponseRedirect(_with_next("accounts:second_factor", next_url))
    device = second_factor.pending_app(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.confirm_enrolment(request.user, device, form.cleaned_data["code"]):
            device.refresh_from_db()
            django_otp.login(request, device)
            mark_authenticated(request)
            request.session[NEW_CODES_SESSION_KEY] = second_factor.issue_backup_codes(request.user)
            return HttpResponseRedirect(_with_next("accounts:backup_codes", next_url))
        form.add_error("code", _("Koden stämmer inte. Kontrollera att appen visar koden för Bidra och försök igen."))
    uri = device.config_url
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "next": next_url,
            "qr": second_factor.qr_svg(uri, _("QR-kod för att lägga till Bidra i en autentiseringsapp")),
            "secret": second_factor.secret_of(device),
            "uri": uri,
        },
    )


@login_required
def backup_codes(request: HttpRequest) -> HttpResponse:
    """New backup codes are shown once; asking for new ones makes the old ones stop working."""
    if not needs_second_factor(request.user) or not is_strongly_authenticated(request):
        raise Http404
    next_url = safe_next(request)
    if request.method == "POST":
        request.session[NEW_CODES_SESSION_KEY] = second_factor.issue_backup_codes(request.user)
        return HttpResponseRedirect(_with_next("accounts:backup_codes", next_url))
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    return render(
        request,
        "accounts/backup_codes.html",
        {"codes": codes, "left": second_factor.backup_codes_left(request.user), "next": next_url},
    )


@login_required
def confirm(request: HttpRequest) -> HttpResponse:
    """Prove who you are again (password, and a code for staff) before a sensitive action."""
    user: Any = request.user
    next_url = safe_next(request)
    if not user.has_usable_password():
        # Signed in with e-ID only: a new e-ID log-in is the confirmation.
        context = {"form": None, "next": next_url, "eid": is_eid_session(request)}
        return render(request, "accounts/confirm.html", context)
    ask_code = needs_second_factor(user) and second_factor.has_confirmed_app(user) and not is_eid_session(request)
    form = ConfirmIdentityForm(request.POST or None, ask_code=ask_code)
    if request.method == "POST" and form.is_valid():
        # authenticate() counts a wrong password towards the lockout like any log-in attempt.
        checked = authenticate(request, username=user.email, password=form.cleaned_data["password"])
        if checked is None or checked.pk != user.pk:
            form.add_error("password", _("Lösenordet stämmer inte."))
        elif ask_code:
            check = second_factor.check_code(user, form.cleaned_data["code"])
            if not check.accepted:
                form.add_error("code", _refusal(check))
        if not form.errors:
            mark_authenticated(request)
            record("account.reauthenticated", actor=user, target=user, data={"second_factor": ask_code})
            return HttpResponseRedirect(next_url)
    return render(request, "accounts/confirm.html", {"form": form, "next": next_url, "eid": False})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change the password: the old one, and a new one that passes the password rules."""

    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        mark_authenticated(self.request)
        record("account.password_changed", actor=self.request.user, target=self.request.user)
        messages.success(self.request, _("Ditt nya lösenord är sparat."))
        return response
