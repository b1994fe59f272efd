"""Granting memberships and inviting colleagues."""

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from bidra.audit.events import Recipient, label_actions, record

from .models import Membership, User


def activation_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:activate", args=[uid, default_token_generator.make_token(user)])


def invite(*, email: str, full_name: str, municipality: Any, is_admin: bool, by: Any) -> Membership:
    """Give a colleague a membership; a new user gets an e-mail with a link to choose a password."""
    if not by.has_perm("accounts.invite_colleague", municipality):
        raise PermissionDenied
    with transaction.atomic():
        user, created = User.objects.get_or_create(email=email.lower(), defaults={"full_name": full_name})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        membership, _ = Membership.objects.get_or_create(
            user=user, municipality=municipality, revoked_at=None, defaults={"is_admin": is_admin, "granted_by": by}
        )
        record(
            "accounts.membership_granted",
            actor=by,
            target=membership,
            data={"municipality": municipality.code, "admin": is_admin},
            personal={"user": user.email},
            notify=[Recipient.for_user(user)],
            template="invitation",
            context={
                "municipality": municipality,
                "inviter": by,
                "link": activation_link(user) if not user.has_usable_password() else reverse("accounts:login"),
            },
        )
    return membership


label_actions({"accounts.membership_granted": _("Behörighet för kommun beviljad")})
