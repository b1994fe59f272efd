"""Swedish e-legitimation (e-ID): who a person is, from the claims an OpenID Connect broker sends.

The rules, independent of the OIDC client (bidra.accounts.oidc):

- A person is known by a keyed hash (HMAC-SHA256) of their personal identity number
  (personnummer); the number itself is never stored, logged, recorded in an event or shown.
- A known hash logs in its user. An unknown person gets a new account with no membership and
  no role: a user acts for a municipality only through a membership granted in Bidra.
- An e-ID is never linked to an existing account by an e-mail claim: a broker's e-mail address
  proves nothing about who holds the Bidra account. A signed-in user links their e-ID from
  their account page (``link``); an e-ID-only account with no memberships and no roles that
  already holds that e-ID gives it up and is closed, since the person has just proved both.
"""

import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from bidra.audit.events import label_actions, record

from .models import ElectronicIdentity, Membership, StaffRole, User

# Accounts created by an e-ID log-in without a usable e-mail address get one under the reserved
# .invalid domain (RFC 2606): unique, never deliverable, never a log-in name.
PLACEHOLDER_EMAIL_DOMAIN = "e-legitimation.invalid"
_PERSONAL_NUMBER = re.compile(r"^(18|19|20)\d{6}\d{4}$")


class EidRefused(Exception):
    """The broker's answer cannot log anyone in; ``reason`` names why (shown as a message)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Person:
    """What Bidra keeps of an e-ID log-in: the hash, a name, and an e-mail only if verified."""

    personal_number_hash: str
    full_name: str
    verified_email: str

    def __repr__(self) -> str:  # never print the hash next to a name in logs
        return "Person(…)"


def configured() -> bool:
    return bool(settings.OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


def personal_number_hash(personal_number: str) -> str:
    """The keyed hash under which a personal identity number is matched (12 digits, YYYYMMDDNNNN)."""
    digits = re.sub(r"[\s+-]", "", personal_number)
    if not _PERSONAL_NUMBER.match(digits):
        raise EidRefused("personal_number")
    pepper = settings.PERSONAL_NUMBER_PEPPER or None  # None: derived from SECRET_KEY
    return salted_hmac("bidra.accounts.eid.personal_number", digits, secret=pepper, algorithm="sha256").hexdigest()


def person_from_claims(claims: dict[str, Any]) -> Person:
    """Read the configured claims (OIDC_CLAIM_*); refuses a log-in without a personal number."""
    number = claims.get(settings.OIDC_CLAIM_PERSONAL_NUMBER)
    if not isinstance(number, str) or not number:
        raise EidRefused("personal_number")
    name = claims.get(settings.OIDC_CLAIM_NAME)
    if not isinstance(name, str) or not name.strip():
        parts = [claims.get(settings.OIDC_CLAIM_GIVEN_NAME), claims.get(settings.OIDC_CLAIM_FAMILY_NAME)]
        name = " ".join(part.strip() for part in parts if isinstance(part, str) and part.strip())
    email = claims.get(settings.OIDC_CLAIM_EMAIL)
    verified = claims.get("email_verified") is True and isinstance(email, str) and "@" in email
    return Person(
        personal_number_hash=personal_number_hash(number),
        full_name=name.strip()[:150],
        verified_email=email.strip().lower() if verified and isinstance(email, str) else "",
    )


def has_placeholder_email(user: Any) -> bool:
    return str(getattr(user, "email", "")).endswith("@" + PLACEHOLDER_EMAIL_DOMAIN)


def _new_account(person: Person) -> User:
    email = person.verified_email
    if not email or User.objects.filter(email__iexact=email).exists():
        email = f"eid-{secrets.token_hex(8)}@{PLACEHOLDER_EMAIL_DOMAIN}"
    return User.objects.create_user(email, None, full_name=person.full_name)


def sign_in(person: Person, *, issuer: str) -> User | None:
    """The user this e-ID logs in (a new account without memberships for an unknown person).

    Returns None for a deactivated account: a closed account is not reopened by an e-ID.
    """
    try:
        return _sign_in(person, issuer)
    except IntegrityError:
        # The person's first log-in ran twice at once (two tabs) and the other one created the
        # account; this one rolled back and now finds it.
        return _sign_in(person, issuer)


def _sign_in(person: Person, issuer: str) -> User | None:
    with transaction.atomic():
        identity = (
            ElectronicIdentity.objects.select_for_update()
            .select_related("user")
            .filter(personal_number_hash=person.personal_number_hash)
            .first()
        )
        created = identity is None
        if identity is None:
            user = _new_account(person)
            identity = ElectronicIdentity.objects.create(
                user=user, personal_number_hash=person.personal_number_hash, issuer=issuer
            )
        user = identity.user
        if not user.is_active:
            return None
        identity.last_used_at = timezone.now()
        identity.issuer = issuer
        identity.save(update_fields=["last_used_at", "issuer"])
        if not user.full_name and person.full_name:
            user.full_name = person.full_name
            user.save(update_fields=["full_name"])
        if created:  # the log-in itself is recorded for every method by accounts.signals ("account.login")
            record("accounts.eid_account_created", actor=user, target=identity, data={"issuer": issuer})
    return user


def _is_empty_eid_account(user: User) -> bool:
    """An account that only an e-ID log-in created and that holds nothing: no password, membership or role."""
    return (
        not user.has_usable_password()
        and not Membership.objects.filter(user=user).exists()
        and not StaffRole.objects.filter(user=user).exists()
        and not user.is_staff
        and not user.is_superuser
    )


def link(user: User, person: Person, *, issuer: str) -> None:
    """Link the e-ID just proved to the signed-in ``user``.

    Refused (EidRefused "linked_elsewhere") when the e-ID belongs to another account that holds
    anything; an empty e-ID-only account gives the e-ID up and is deactivated.
    """
    with transaction.atomic():
        existing = (
            ElectronicIdentity.objects.select_for_update()
            .select_related("user")
            .filter(personal_number_hash=person.personal_number_hash)
            .first()
        )
        if existing is not None and existing.user_id == user.pk:
            existing.last_used_at = timezone.now()
            existing.save(update_fields=["last_used_at"])
            return
        if ElectronicIdentity.objects.filter(user=user).exists():
            raise EidRefused("already_linked")
        if existing is not None:
            previous = existing.user
            if not _is_empty_eid_account(previous):
                raise EidRefused("linked_elsewhere")
            existing.delete()
            previous.is_active = False
            previous.save(update_fields=["is_active"])
            record("accounts.eid_account_closed", actor=user, target=previous, data={"moved_to": user.pk})
        identity = ElectronicIdentity.objects.create(
            user=user, personal_number_hash=person.personal_number_hash, issuer=issuer, last_used_at=timezone.now()
        )
        record("accounts.eid_linked", actor=user, target=identity, data={"issuer": issuer})


label_actions(
    {
        "accounts.eid_account_created": _("Konto skapat vid inloggning med e-legitimation"),
        "accounts.eid_linked": _("E-legitimation kopplad till konto"),
        "accounts.eid_account_closed": _("Tomt e-legitimationskonto stängt"),
    }
)
