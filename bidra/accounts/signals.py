"""Log-ins, failed log-ins and lockouts on the event path, whichever way the person logged in.

Connected in ``AccountsConfig.ready``: Django's auth signals are the one point that every log-in
(password form, e-ID, admin, re-authentication) passes through. A failed attempt records the
e-mail address tried and the client address as personal data; never the password.
"""

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed

from bidra.audit.events import record

from .authn import AUTHENTICATED_AT_SESSION_KEY, EID, PASSWORD, mark_authenticated, needs_second_factor
from .lockout import client_ip, username_of
from .middleware import SEEN_AT_SESSION_KEY, STARTED_AT_SESSION_KEY
from .models import User


def _method(user: Any) -> str:
    return EID if "oidc" in str(getattr(user, "backend", "")).lower() else PASSWORD


def logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    mark_authenticated(request)
    started = request.session.get(AUTHENTICATED_AT_SESSION_KEY)
    request.session[STARTED_AT_SESSION_KEY] = started
    request.session[SEEN_AT_SESSION_KEY] = started
    record(
        "account.login",
        actor=user,
        target=user,
        data={"method": _method(user), "second_factor_required": needs_second_factor(user)},
    )


def login_failed(sender: Any, credentials: dict, request: Any = None, **kwargs: Any) -> None:
    email = username_of(request, credentials)
    record(
        "account.login_failed",
        target=User.objects.filter(email=email).first() if email else None,
        data={"locked_out": bool(getattr(request, "axes_locked_out", False))},
        personal={"email": email, "ip_address": (client_ip(request) if request is not None else None) or ""},
    )


def locked_out(sender: Any, request: Any = None, username: str = "", ip_address: str = "", **kwargs: Any) -> None:
    record(
        "account.locked_out",
        target=User.objects.filter(email=(username or "").lower()).first() if username else None,
        data={"failures": getattr(request, "axes_failures_since_start", None)},
        personal={"email": username or "", "ip_address": ip_address or ""},
    )


def connect() -> None:
    user_logged_in.connect(logged_in, dispatch_uid="bidra.accounts.logged_in")
    user_login_failed.connect(login_failed, dispatch_uid="bidra.accounts.login_failed")
    user_locked_out.connect(locked_out, dispatch_uid="bidra.accounts.locked_out")
