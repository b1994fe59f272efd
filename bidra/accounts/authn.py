"""How strongly a session is authenticated: the second factor for agency staff, and re-authentication.

The rules in one place, for views, middleware and other apps to call:

- ``needs_second_factor(user)``: agency staff (any StaffRole) and Django-admin users must prove
  a second factor after their password, unless ``STAFF_REQUIRE_2FA`` is switched off.
- ``is_strongly_authenticated(request)``: the session was verified with a TOTP or backup code
  (django-otp), or began with a Swedish e-ID (``session["bidra_auth_method"] == "eid"``).
- ``second_factor_pending(request)``: a signed-in user who still owes the second factor; such a
  session reaches only the second-factor pages and log-out (``SecondFactorMiddleware``).
- ``recently_authenticated(request)``: the person proved who they are within
  ``REAUTH_MAX_AGE`` seconds (log-in or the confirmation page); sensitive actions require it.
"""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .identity import is_agency_staff

AUTH_METHOD_SESSION_KEY = "bidra_auth_method"
EID = "eid"
PASSWORD = "password"  # noqa: S105 - the name of a log-in method, not a password
# Unix time of the last proof of identity (log-in, second factor or confirmation).
AUTHENTICATED_AT_SESSION_KEY = "bidra_authenticated_at"


def needs_second_factor(user: Any) -> bool:
    """Agency staff and Django-admin users log in with a second factor (unless switched off)."""
    if not getattr(settings, "STAFF_REQUIRE_2FA", True):
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or user.is_superuser or is_agency_staff(user))


def is_eid_session(request: HttpRequest) -> bool:
    return request.session.get(AUTH_METHOD_SESSION_KEY) == EID


def is_strongly_authenticated(request: HttpRequest) -> bool:
    """The session proved more than a password: a verified OTP device, or an e-ID log-in."""
    if is_eid_session(request):
        return True
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def second_factor_pending(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return needs_second_factor(user) and not is_strongly_authenticated(request)


def mark_authenticated(request: HttpRequest, at: float | None = None) -> None:
    """Record that the person proved who they are now (log-in, second factor, confirmation)."""
    request.session[AUTHENTICATED_AT_SESSION_KEY] = int(at if at is not None else time.time())


def recently_authenticated(request: HttpRequest, now: float | None = None) -> bool:
    """Proved identity (fully, with the second factor where needed) within REAUTH_MAX_AGE seconds."""
    if second_factor_pending(request):
        return False
    at = request.session.get(AUTHENTICATED_AT_SESSION_KEY)
    if not isinstance(at, int):
        return False
    now = now if now is not None else time.time()
    return 0 <= now - at <= settings.REAUTH_MAX_AGE


def confirm_url(next_url: str) -> str:
    return f"{reverse('accounts:confirm')}?{urlencode({'next': next_url})}"


def ask_to_confirm(request: HttpRequest, return_to: str) -> HttpResponse:
    """Send the person to confirm who they are; afterwards they come back to ``return_to`` (a GET page)."""
    messages.info(request, _("Bekräfta att det är du innan du fortsätter."))
    return HttpResponseRedirect(confirm_url(return_to))


def requires_recent_authentication(
    return_to: Callable[..., str],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a sensitive view: without a recent proof of identity, confirm first.

    ``return_to(request, *args, **kwargs)`` gives the page (GET) the person comes back to after
    confirming, where they repeat the action; the refused request changes nothing.
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not recently_authenticated(request):
                return ask_to_confirm(request, return_to(request, *args, **kwargs))
            return view(request, *args, **kwargs)

        return checked

    return decorate
