"""Password lockout (django-axes): who is counted, how long the cool-off lasts, and the page shown.

Failures are counted per e-mail address and client address. After ``AXES_FAILURE_LIMIT`` wrong
passwords that pair is locked out for ``LOGIN_COOLOFF_SECONDS``; each further lockout of the same
pair within a day doubles the cool-off (at most a day), so guessing slows down exponentially while
a person who mistyped waits a few minutes.
"""

import ipaddress
import math
from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

MAX_COOL_OFF = timedelta(days=1)
_WINDOW = timedelta(days=1)


def username_of(request: HttpRequest | None, credentials: dict | None = None) -> str:
    """The e-mail address tried, as the log-in form normalises it (case does not start a new count)."""
    value = (credentials or {}).get("username")
    if value is None and request is not None:
        value = getattr(request, "POST", {}).get("username")
    return str(value or "").strip().lower()


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or the address the trusted reverse proxies saw when NINJA_NUM_PROXIES is set.

    None when there is no valid address (a request built by a tool); never a client-chosen string.
    """
    proxies = int(getattr(settings, "NINJA_NUM_PROXIES", 0) or 0)
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    candidate = forwarded[-proxies] if proxies and len(forwarded) >= proxies else request.META.get("REMOTE_ADDR")
    try:
        return str(ipaddress.ip_address(candidate or ""))
    except ValueError:
        return None


def _ip_of(request: HttpRequest) -> str | None:
    return getattr(request, "axes_ip_address", None) or client_ip(request)


def _credentials_of(request: HttpRequest | None) -> dict | None:
    return getattr(request, "axes_credentials", None) if request is not None else None


def earlier_lockouts(username: str, ip_address: str | None, now: Any = None) -> int:
    """How many failed attempts of this pair ended in (or during) a lockout in the last day."""
    since = (now or timezone.now()) - _WINDOW
    return AccessFailureLog.objects.filter(
        username=username, ip_address=ip_address, locked_out=True, attempt_time__gte=since
    ).count()


def cool_off_for(lockouts: int) -> timedelta:
    """The first lockout waits the base time; each further one doubles it, up to a day."""
    base = timedelta(seconds=int(getattr(settings, "LOGIN_COOLOFF_SECONDS", 300)))
    if lockouts <= 1:
        return base
    return min(base * (2 ** min(lockouts - 1, 20)), MAX_COOL_OFF)


def cool_off(request: HttpRequest | None = None) -> timedelta:
    """AXES_COOLOFF_TIME: grows with the lockouts of this e-mail address and client address."""
    if request is None:
        return cool_off_for(0)
    return cool_off_for(earlier_lockouts(username_of(request, _credentials_of(request)), _ip_of(request)))


def locked_until(request: HttpRequest) -> Any:
    """When the current lockout of this pair ends (the last failure plus the cool-off)."""
    username = username_of(request, _credentials_of(request))
    last = (
        AccessAttempt.objects.filter(username=username, ip_address=_ip_of(request))
        .order_by("-attempt_time")
        .values_list("attempt_time", flat=True)
        .first()
    )
    return (last or timezone.now()) + cool_off(request)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: a translated page that says how long to wait (429 Too Many Requests)."""
    until = locked_until(request)
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    response = render(
        request,
        "accounts/locked_out.html",
        {"minutes": minutes, "until": until},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response
