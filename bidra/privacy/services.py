"""A person's data: export of everything Bidra holds about them, and erasure where the law allows.

Erasure (GDPR art. 17) gives way to the archives act: a person named in a registered document
(an allmän handling: a received application, a decision letter, a report …) is kept there until
the document is weeded (``bidra.archive``), so ``erase_person`` refuses and lists those
documents. Otherwise the account is anonymised, memberships and roles revoked, e-ID links,
second factors and API keys removed, the notifications' contents blanked and the person
pseudonymised in the event log (``bidra.audit.pseudonymisation``); the act is recorded.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bidra.accounts.models import Membership, StaffRole, User
from bidra.api.models import ApiToken
from bidra.applications.models import Application
from bidra.applications.workflow import Status
from bidra.audit.events import label_actions, record
from bidra.audit.models import Event, Notification
from bidra.audit.pseudonymisation import events_about, pseudonymise
from bidra.diarium.models import Document

ERASED = "privacy.erased"
EXPORTED = "privacy.exported"
label_actions({ERASED: gettext_lazy("Personuppgifter raderade"), EXPORTED: gettext_lazy("Personuppgifter utlämnade")})
ERASED_DOMAIN = "raderad.invalid"  # RFC 2606: can never be a real address
# Text fields that hold an e-mail address by which rows without a user link still name a person.
EMAIL_FIELDS = ("email", "contact_email", "username")
# Models covered by their own sections of the export, not by the generic list of linked rows.
OWN_SECTIONS = {
    "accounts.User",
    "accounts.StaffRole",
    "accounts.Membership",
    "applications.Application",
    "audit.Event",
    "audit.Notification",
}


# Apps whose rows are part of a case file (drawn up in the case), and single models elsewhere.
CASE_FILE_APPS = ("assessment", "allocation", "decisions", "payments", "reports")
CASE_FILE_MODELS = ("applications.ScreeningCheck",)


class ErasureRefused(ValidationError):
    """The law requires keeping data that names the person; ``messages`` says which."""


@dataclass(frozen=True)
class Erasure:
    pseudonym: str
    events: int


def find_people(query: str, limit: int = 50) -> list[User]:
    query = query.strip()
    if not query:
        return []
    return list(
        User.objects.filter(Q(email__icontains=query) | Q(full_name__icontains=query) | Q(phone__icontains=query))
        .exclude(email__endswith=f"@{ERASED_DOMAIN}")
        .order_by("email")[:limit]
    )


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool, list, dict)):
        return value
    return str(value)  # model instances, UUIDs, durations …


def _row(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    return {"id": obj.pk, **{name: _plain(getattr(obj, name)) for name in fields}}


def _secret(field: models.Field) -> bool:
    """Secrets and keyed hashes are held about the person but never handed out, not even to them."""
    name = field.name.lower()
    return any(word in name for word in ("secret", "key", "hash", "token", "password", "throttl"))


def _linked_rows(user: User) -> dict[str, list[dict[str, Any]]]:
    """Every other row that points at the person, by a user link or by their e-mail address."""
    found: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_models():
        label = model._meta.label
        if label in OWN_SECTIONS or model._meta.app_label in ("sessions", "contenttypes"):
            continue
        links = [
            field.name
            for field in model._meta.get_fields()
            if field.concrete
            and field.is_relation
            and (field.many_to_one or field.one_to_one)
            and field.related_model is User
        ] + [field.name for field in model._meta.get_fields() if field.concrete and field.name in EMAIL_FIELDS]
        if not links:
            continue
        query = Q()
        for name in links:
            query |= Q(**{name: user}) if name not in EMAIL_FIELDS else Q(**{f"{name}__iexact": user.email})
        shown = [
            field.name
            for field in model._meta.concrete_fields
            if not field.is_relation and not field.primary_key and not _secret(field) and field.name != "snapshot"
        ]
        rows = []
        for obj in model._default_manager.filter(query).distinct().order_by("pk")[:1000]:
            row = _row(obj, shown)
            row["linked_as"] = [
                name
                for name in links
                if (getattr(obj, f"{name}_id", None) == user.pk)
                or (name in EMAIL_FIELDS and str(getattr(obj, name, "")).lower() == user.email.lower())
            ]
            row["text"] = str(obj)
            rows.append(row)
        if rows:
            found[label] = rows
    return found


def export_person(user: User) -> dict[str, Any]:
    """Everything held about the person, JSON-serialisable (secrets and key hashes left out)."""
    events = [
        {
            "sequence": event.sequence,
            "occurred_at": event.occurred_at.isoformat(),
            "action": event.action,
            "case_number": event.case_number,
            "actor": event.actor_label if event.actor_id == user.pk else "",
            "personal": event.personal,
        }
        for event in (
            events_about(user)
            | Event.objects.filter(target_type=ContentType.objects.get_for_model(User), target_id=str(user.pk))
        )
        .distinct()
        .order_by("sequence")
        .iterator()
    ]
    notifications = Notification.objects.filter(Q(recipient=user) | Q(email__iexact=user.email)).order_by("id")
    return {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": user.pk,
            "email": user.email,
            "full_name": user.full_name,
            "phone": user.phone,
            "language": user.language,
            "is_active": user.is_active,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "has_password": user.has_usable_password(),
        },
        "agency_roles": [_row(role, ["role", "granted_at"]) for role in StaffRole.objects.filter(user=user)],
        "memberships": [
            {**_row(m, ["is_admin", "granted_at", "revoked_at"]), "municipality": str(m.municipality)}
            for m in Membership.objects.filter(user=user).select_related("municipality").order_by("granted_at")
        ],
        "applications": [
            {
                **_row(a, ["title", "status", "contact_name", "contact_email", "contact_phone", "submitted_at"]),
                "case_number": a.case_number,
                "municipality": str(a.municipality),
                "as": [
                    role
                    for role, held in (
                        ("created_by", a.created_by_id == user.pk),
                        ("submitted_by", a.submitted_by_id == user.pk),
                        ("contact_person", a.contact_email.lower() == user.email.lower()),
                    )
                    if held
                ],
            }
            for a in Application.objects.filter(
                Q(created_by=user) | Q(submitted_by=user) | Q(contact_email__iexact=user.email)
            )
            .select_related("case", "municipality")
            .order_by("pk")
        ],
        "registered_documents": [
            {"reference": d.reference, "title": d.title, "registered_at": d.registered_at.isoformat()}
            for d in named_in_documents(user)
        ],
        "notifications": [
            _row(n, ["channel", "email", "subject", "body", "link", "created_at", "sent_at", "read_at"])
            for n in notifications
        ],
        "events": events,
        "other_records": _linked_rows(user),
    }


def named_in_documents(user: User) -> list[Document]:
    """Registered documents, not yet weeded, that the person registered or that name them."""
    names = Q(registered_by=user) | Q(snapshot__icontains=user.email)
    if len(user.full_name.split()) >= 2:  # a single word is too common to hold a person back
        names |= Q(snapshot__icontains=user.full_name)
    return list(
        Document.objects.filter(names, weeded_at__isnull=True).select_related("case").order_by("case_id", "serial")
    )


def erasure_obstacles(user: User, *, by: Any) -> list[str]:
    """Why the person cannot be erased now; an empty list means they can."""
    reasons = []
    if user.pk == by.pk:
        reasons.append(_("Du kan inte radera dina egna uppgifter. En annan administratör måste göra det."))
    if user.email.endswith(f"@{ERASED_DOMAIN}"):
        reasons.append(_("Personens uppgifter är redan raderade."))
    documents = named_in_documents(user)
    if documents:
        reasons.append(
            _(
                "Personen är namngiven i %(count)s registrerade handlingar (%(references)s). De är allmänna "
                "handlingar och bevaras enligt arkivlagen tills de gallras."
            )
            % {"count": len(documents), "references": ", ".join(d.reference for d in documents[:20])}
        )
    received = Application.objects.filter(Q(created_by=user) | Q(submitted_by=user)).exclude(status=Status.DRAFT)
    received = received.exclude(received_document__weeded_at__isnull=False)
    if received.exists() and not documents:
        reasons.append(
            _("Personen har lämnat in ansökningar som är allmänna handlingar: %(cases)s.")
            % {"cases": ", ".join(a.case_number for a in received[:20])}
        )
    acts = case_record_links(user)
    if acts:
        reasons.append(
            _(
                "Personen har handlagt, bedömt, beslutat eller attesterat i ärenden (%(records)s). Uppgifterna "
                "ingår i allmänna handlingar och bevaras tills ärendena gallras."
            )
            % {"records": ", ".join(f"{label}: {count}" for label, count in sorted(acts.items()))}
        )
    return reasons


def case_record_links(user: User) -> dict[str, int]:
    """Rows of the case file (assessments, jäv, decisions, payments, reports…) that name the person.

    They are drawn up in the agency's cases and kept with them, so they hold an erasure back
    just as registered documents do.
    """
    found = {}
    for model in apps.get_models():
        if model._meta.app_label not in CASE_FILE_APPS and model._meta.label not in CASE_FILE_MODELS:
            continue
        links = [
            field.name for field in model._meta.concrete_fields if field.is_relation and field.related_model is User
        ]
        query = Q()
        for name in links:
            query |= Q(**{name: user})
        count = model._default_manager.filter(query).count() if links else 0
        if count:
            found[str(model._meta.verbose_name_plural)] = count
    return found


def erase_person(user: User, *, by: Any, reason: str) -> Erasure:
    """Anonymise the person everywhere the law allows; refuses with reasons otherwise."""
    if not by.has_perm("privacy.manage"):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Ange skälet till raderingen."), code="reason")
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        obstacles = erasure_obstacles(user, by=by)
        if obstacles:
            raise ErasureRefused(obstacles, code="kept_by_law")
        now = timezone.now()
        email = user.email
        result = pseudonymise(user, by=by)
        Notification.objects.filter(Q(recipient=user) | Q(email__iexact=email)).update(
            email="", subject="", body="", link="", last_error=""
        )
        Application.objects.filter(status=Status.DRAFT, contact_email__iexact=email).update(
            contact_name="", contact_email="", contact_phone=""
        )
        Membership.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
        StaffRole.objects.filter(user=user).delete()
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
        for label in ("accounts.ElectronicIdentity", "otp_totp.TOTPDevice", "otp_static.StaticDevice"):
            try:
                model = apps.get_model(label)
            except LookupError:
                continue  # the feature is not installed
            model._default_manager.filter(user=user).delete()
        user.email = f"raderad-{user.pk}@{ERASED_DOMAIN}"
        user.full_name = ""
        user.phone = ""
        user.is_active = user.is_staff = user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        record(ERASED, actor=by, target=user, data={"pseudonym": result.pseudonym, "reason": reason})
    return Erasure(pseudonym=result.pseudonym, events=len(result.sequences))


def record_export(user: User, *, by: Any) -> Event:
    """Handing out a person's data is itself logged (who asked for whose data)."""
    return record(EXPORTED, actor=by, target=user)
