"""Creating, checking and revoking personal API tokens.

A token reads ``bidra_<prefix>_<secret>``: the prefix (10 hex digits) is stored in clear so
that the owner can tell their tokens apart; the whole token is stored only as its SHA-256
hash. Creation and revocation are recorded in the event log, never with the secret.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bidra.audit.events import label_actions, record

from .models import ApiToken

label_actions(
    {
        "api.token_created": _("API-nyckel skapad"),
        "api.token_revoked": _("API-nyckel återkallad"),
    }
)

TOKEN_PREFIX = "bidra_"  # noqa: S105 (not a secret: the start every token shares)
PREFIX_BYTES = 5  # 10 hex digits shown in lists
SECRET_BYTES = 32  # 256 bits of randomness
# Writing last_used_at on every request would turn every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # the whole token; shown once, never stored


def create_token(*, user: Any, name: str, expires_at: datetime | None = None) -> NewToken:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied
    for _attempt in range(5):
        prefix = secrets.token_hex(PREFIX_BYTES)
        secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
        try:
            with transaction.atomic():
                token = ApiToken.objects.create(
                    user=user, name=name.strip(), prefix=prefix, secret_hash=hash_token(secret), expires_at=expires_at
                )
                record(
                    "api.token_created",
                    actor=user,
                    target=token,
                    data={
                        "name": token.name,
                        "prefix": prefix,
                        "expires_at": expires_at.isoformat() if expires_at else None,
                    },
                )
        except IntegrityError:  # the same prefix twice: draw again
            continue
        return NewToken(token=token, secret=secret)
    raise RuntimeError("Could not draw a unique token prefix.")


def revoke_token(token: ApiToken, *, by: Any) -> ApiToken:
    """Revoke one of ``by``'s own tokens; revoking twice changes nothing."""
    if token.user_id != by.pk:
        raise PermissionDenied
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
            record("api.token_revoked", actor=by, target=locked, data={"name": locked.name, "prefix": locked.prefix})
    return locked


def authenticate(raw: str, *, at: datetime | None = None) -> ApiToken | None:
    """The usable token matching ``raw``, or None (unknown, revoked, expired or its user deactivated)."""
    raw = raw.strip()
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    moment = at or timezone.now()
    token = ApiToken.objects.usable(moment).select_related("user").filter(secret_hash=hash_token(raw)).first()
    if token is None:
        return None
    if token.last_used_at is None or moment - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=moment)
        token.last_used_at = moment
    return token
