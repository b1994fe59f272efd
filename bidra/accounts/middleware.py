"""Session limits and the one place where a staff session without its second factor is held back."""

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from .authn import second_factor_pending

# Unix times kept in the session: when it began (log-in) and when it was last used.
STARTED_AT_SESSION_KEY = "bidra_session_started_at"
SEEN_AT_SESSION_KEY = "bidra_session_seen_at"
# Writing the session on every request would cost a database write each time; a minute's
# precision is enough for an idle limit counted in tens of minutes.
_SEEN_PRECISION = 60

# What a signed-in member of staff may reach before giving the second factor.
SECOND_FACTOR_OPEN = frozenset(
    {
        "accounts:second_factor",
        "accounts:enrol",
        "accounts:backup_codes",
        "accounts:logout",
        "set_language",
        "healthz",
        "livez",
    }
)


class SessionLimitsMiddleware:
    """Ends a signed-in session after SESSION_COOKIE_AGE in all, or SESSION_IDLE_TIMEOUT unused."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(STARTED_AT_SESSION_KEY)
            seen = request.session.get(SEEN_AT_SESSION_KEY)
            if not isinstance(started, int):
                # A session from before these limits (or built by a tool): the limits start now.
                request.session[STARTED_AT_SESSION_KEY] = started = now
            if not isinstance(seen, int):
                seen = now
            if now - started > settings.SESSION_COOKIE_AGE or now - seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                messages.info(request, _("Du har loggats ut eftersom sessionen var för gammal. Logga in igen."))
                return HttpResponseRedirect(_login_url(request))
            if now - seen >= _SEEN_PRECISION or SEEN_AT_SESSION_KEY not in request.session:
                request.session[SEEN_AT_SESSION_KEY] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """Until a member of staff has given the second factor, every other page leads to that step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and second_factor_pending(request) and not _open(request):
            step = reverse("accounts:second_factor")
            target = request.get_full_path() if request.method == "GET" else ""
            return HttpResponseRedirect(f"{step}?{urlencode({'next': target})}" if target else step)
        return self.get_response(request)


def _open(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return match.view_name in SECOND_FACTOR_OPEN


def _login_url(request: HttpRequest) -> str:
    login = reverse(settings.LOGIN_URL)
    if request.method == "GET":
        return f"{login}?{urlencode({'next': request.get_full_path()})}"
    return login
