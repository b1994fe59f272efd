"""Bearer-token authentication and the rate limit on the public endpoints."""

import threading
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.conf import settings as ninja_settings
from ninja.security import HttpBearer
from ninja.throttling import AnonRateThrottle

from . import tokens

DEFAULT_ANON_RATE = "120/m"


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>`` with a personal token from /api/nycklar/.

    The request's ``auth`` is the token's user; ``api_token`` is the token itself.
    """

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = tokens.authenticate(token)
        if found is None:
            return None
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class PublicRateThrottle(AnonRateThrottle):
    """Anonymous requests per client address, at ``settings.API_ANON_RATE`` (read on every request).

    The address is REMOTE_ADDR unless ``NINJA_NUM_PROXIES`` says how many reverse proxies
    to trust in X-Forwarded-For: a client-supplied header is never trusted by default. The
    counts live in Django's default cache (shared by workers when it is Redis).
    """

    def __init__(self) -> None:
        self._local = threading.local()
        super().__init__(rate=DEFAULT_ANON_RATE)

    # ninja keeps the state of one check on the instance, which threads share: keep it per thread.
    def _get(self, name: str) -> Any:
        return getattr(self._local, name, None)

    def _set(self, name: str, value: Any) -> None:
        setattr(self._local, name, value)

    key = property(lambda self: self._get("key"), lambda self, v: self._set("key", v))
    history = property(lambda self: self._get("history"), lambda self, v: self._set("history", v))
    now = property(lambda self: self._get("now"), lambda self, v: self._set("now", v))
    num_requests = property(lambda self: self._get("num_requests"), lambda self, v: self._set("num_requests", v))
    duration = property(lambda self: self._get("duration"), lambda self, v: self._set("duration", v))

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, "API_ANON_RATE", DEFAULT_ANON_RATE)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None  # as in DRF: only anonymous visitors are limited; a logged-in person is known
        return super().get_cache_key(request)

    def get_ident(self, request: HttpRequest) -> str | None:
        if ninja_settings.NUM_PROXIES is None:
            return request.META.get("REMOTE_ADDR")
        return super().get_ident(request)
