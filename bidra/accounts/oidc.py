"""The OpenID Connect client for e-ID log-in, built on mozilla-django-oidc.

mozilla-django-oidc runs the authorization-code flow (state, nonce, PKCE, token exchange, ID
token signature against the provider's JWKS). This module adds what the Swedish OIDC profile and
Bidra need: endpoints discovered from the issuer, the issuer and audience checked in the ID
token, the person found by the hash of their personal identity number (bidra.accounts.eid),
e-ID sessions marked as strongly authenticated, and a clear page when a log-in is refused.
Everything is off (404) unless OIDC_ISSUER and OIDC_RP_CLIENT_ID are set.
"""

import logging
import threading
import time
from typing import Any

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import authn, eid
from .identity import is_agency_staff, municipality_ids_of

logger = logging.getLogger(__name__)

# Set by the link view: the next e-ID callback links to this (signed-in) user instead of logging in.
LINK_SESSION_KEY = "bidra_eid_link"
LINK_MAX_AGE = 10 * 60

_DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_DISCOVERY_TTL = 3600
_discovery_cache: dict[str, tuple[float, dict[str, Any]]] = {}
_discovery_lock = threading.Lock()


def discovery(issuer: str) -> dict[str, Any]:
    """The issuer's /.well-known/openid-configuration, fetched once an hour per process."""
    with _discovery_lock:
        cached = _discovery_cache.get(issuer)
        if cached and time.monotonic() - cached[0] < _DISCOVERY_TTL:
            return cached[1]
    response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
    response.raise_for_status()
    document = response.json()
    if document.get("issuer", "").rstrip("/") != issuer:
        raise ImproperlyConfigured("The OIDC discovery document names another issuer than OIDC_ISSUER.")
    with _discovery_lock:
        _discovery_cache[issuer] = (time.monotonic(), document)
    return document


def oidc_setting(attr: str, *default: Any) -> Any:
    """A mozilla-django-oidc setting; the provider's endpoints come from discovery unless set."""
    value = getattr(settings, attr, None)
    if attr in _DISCOVERED and not value and eid.configured():
        return discovery(settings.OIDC_ISSUER)[_DISCOVERED[attr]]
    if value is None:
        if default:
            return default[0]
        raise ImproperlyConfigured(f"Setting {attr} not found")
    return value


class EidBackend(OIDCAuthenticationBackend):
    """Authenticates only the e-ID callback (it alone passes ``nonce``); inert when unconfigured.

    Settings are read when a log-in happens, not when Django builds the backend (it builds every
    backend for each password log-in and each request of an e-ID session).
    """

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.UserModel = get_user_model()

    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_JWKS_ENDPOINT"))
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request: Any, nonce: str | None = None, code_verifier: str | None = None, **kwargs: Any):
        if request is None or nonce is None or kwargs or not eid.configured():
            return None  # a password log-in, or e-ID switched off
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The library checks signature, expiry and nonce; the profile also needs issuer and audience."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if str(payload.get("iss", "")).rstrip("/") != settings.OIDC_ISSUER:
            raise SuspiciousOperation("ID token from another issuer.")
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client.")
        if len(audiences) > 1 and payload.get("azp") != settings.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token authorised for another party.")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):  # OpenID Connect Core 5.3.2
            logger.warning("e-ID: UserInfo describes another subject than the ID token.")
            raise eid.EidRefused("token")
        person = eid.person_from_claims({**payload, **userinfo})
        link_to = _pending_link(self.request)
        if link_to is not None:
            eid.link(link_to, person, issuer=settings.OIDC_ISSUER)
            return link_to
        return eid.sign_in(person, issuer=settings.OIDC_ISSUER)

    # Permissions come from the other backends (rules and ModelBackend), not twice.
    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return False

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()


def _pending_link(request: HttpRequest) -> Any:
    """The signed-in user who asked (within LINK_MAX_AGE) to link their e-ID, or None."""
    pending = request.session.get(LINK_SESSION_KEY)
    user = getattr(request, "user", None)
    if not pending or user is None or not user.is_authenticated:
        return None
    if pending.get("user") != user.pk or time.time() - pending.get("at", 0) > LINK_MAX_AGE:
        return None
    return user


REFUSALS = {
    "state": gettext_lazy(
        "Inloggningen kunde inte kopplas till din webbläsare. Den kan ha tagit för lång tid "
        "eller startats i en annan flik. Försök igen."
    ),
    "token": gettext_lazy("Svaret från e-legitimationstjänsten kunde inte kontrolleras. Försök igen."),
    "cancelled": gettext_lazy("Inloggningen med e-legitimation avbröts."),
    "provider": gettext_lazy("E-legitimationstjänsten svarar inte just nu. Försök igen om en stund."),
    "personal_number": gettext_lazy("E-legitimationstjänsten skickade inget giltigt personnummer."),
    "inactive": gettext_lazy("Kontot är stängt. Kontakta Länsstyrelsen."),
    "already_linked": gettext_lazy("Ditt konto har redan en annan e-legitimation kopplad."),
    "linked_elsewhere": gettext_lazy("E-legitimationen är redan kopplad till ett annat konto. Kontakta Länsstyrelsen."),
}


def refused(request: HttpRequest, reason: str, status: int = 400) -> HttpResponse:
    logger.warning("e-ID log-in refused: %s", reason)
    return render(
        request,
        "accounts/eid_refused.html",
        {"message": REFUSALS.get(reason, REFUSALS["token"])},
        status=status,
    )


class EidLoginView(OIDCAuthenticationRequestView):
    """Sends the visitor to the broker's log-in (authorization request with state, nonce and PKCE)."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)  # the endpoint is looked up when used, not here

    OIDC_OP_AUTH_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT"))
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not eid.configured():
            raise Http404
        try:
            return super().dispatch(request, *args, **kwargs)
        except (requests.RequestException, ImproperlyConfigured) as error:
            logger.warning("e-ID provider unreachable: %s", error)
            return refused(request, "provider", status=502)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not getattr(self, "linking", False):
            request.session.pop(LINK_SESSION_KEY, None)
        return super().get(request)

    def get_extra_params(self, request: HttpRequest) -> dict[str, str]:
        # prompt=login: every e-ID log-in proves the person anew; a broker session left open on a
        # shared computer does not log the next person in after they have logged out of Bidra.
        params = {"ui_locales": request.LANGUAGE_CODE, "prompt": "login"}
        if settings.OIDC_RP_ACR_VALUES:
            params["acr_values"] = settings.OIDC_RP_ACR_VALUES
        return params


class EidCallbackView(OIDCAuthenticationCallbackView):
    """The broker's redirect back: logs the person in, or links their e-ID, or says why not."""

    get_settings = staticmethod(oidc_setting)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not eid.configured():
            raise Http404
        self.linking = _pending_link(request) is not None
        if request.GET.get("error"):
            return self.cancelled(request)
        try:
            return super().dispatch(request, *args, **kwargs)
        except eid.EidRefused as refusal:
            return refused(request, refusal.reason)
        except SuspiciousOperation as error:  # unknown state, wrong nonce, bad signature, issuer or audience
            logger.warning("e-ID callback: %s", error)
            return refused(request, "state" if "state" in str(error) else "token")
        except (requests.RequestException, ImproperlyConfigured) as error:
            logger.warning("e-ID provider unreachable: %s", error)
            return refused(request, "provider", status=502)

    def cancelled(self, request: HttpRequest) -> HttpResponse:
        """The person stopped at the broker (or it refused): forget that state; a signed-in user stays signed in."""
        states = request.session.get("oidc_states", {})
        if states.pop(request.GET.get("state", ""), None) is not None:
            request.session["oidc_states"] = states
        request.session.pop(LINK_SESSION_KEY, None)
        return refused(request, "cancelled")

    def login_failure(self) -> HttpResponse:
        if "code" in self.request.GET and "state" in self.request.GET and "oidc_states" not in self.request.session:
            return refused(self.request, "state")
        if getattr(self, "user", None) is None and "code" in self.request.GET:
            return refused(self.request, "inactive" if not self.linking else "token", status=403)
        return refused(self.request, "token")

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        session = self.request.session
        session.cycle_key()  # a new session id whenever the session gains an e-ID (also when linking)
        session.pop(LINK_SESSION_KEY, None)
        # An e-ID log-in is strong authentication: the session owes no second factor (authn).
        session[authn.AUTH_METHOD_SESSION_KEY] = authn.EID
        authn.mark_authenticated(self.request)
        if self.linking:
            messages.success(self.request, _("Din e-legitimation är kopplad till ditt konto."))
        return response

    @property
    def success_url(self) -> str:
        next_url = self.request.session.get("oidc_login_next")
        if next_url:
            return next_url
        user = self.user
        if self.linking or not (municipality_ids_of(user) or is_agency_staff(user)):
            return resolve_url("accounts:account")  # says what the account may do, or that it has no municipality
        return resolve_url(settings.LOGIN_REDIRECT_URL)


@require_POST
@login_required
def link_eid(request: HttpRequest) -> HttpResponse:
    """Starts the e-ID log-in whose callback links the e-ID to the signed-in user."""
    if not eid.configured():
        raise Http404
    request.session[LINK_SESSION_KEY] = {"user": request.user.pk, "at": time.time()}
    view = EidLoginView()
    view.setup(request)
    view.linking = True
    try:
        return view.get(request)
    except (requests.RequestException, ImproperlyConfigured) as error:
        logger.warning("e-ID provider unreachable: %s", error)
        return refused(request, "provider", status=502)
