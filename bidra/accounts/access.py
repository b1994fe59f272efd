"""Changes of who may act as what (agency roles, municipality memberships, admin flags) on the event path.

The Django admin is where roles are granted; its own log is not the audit trail, so the admin
calls these after saving and each change becomes an event with the person who made it.
"""

from typing import Any

from bidra.audit.events import record

from .models import Membership, StaffRole

ACCESS_FLAGS = ("is_active", "is_staff", "is_superuser")


def record_flag_changes(*, actor: Any, user: Any, before: dict[str, bool]) -> None:
    """The admin flags that changed on ``user`` since ``before`` (values read before saving)."""
    after = {flag: getattr(user, flag) for flag in ACCESS_FLAGS}
    changed = {flag for flag in ACCESS_FLAGS if before.get(flag) != after[flag]}
    if changed:
        record(
            "account.access_changed",
            actor=actor,
            target=user,
            before={flag: before.get(flag) for flag in sorted(changed)},
            after={flag: after[flag] for flag in sorted(changed)},
        )


def record_inline_changes(*, actor: Any, user: Any, new: list, changed: list, deleted: list) -> None:
    """Roles granted or revoked and memberships added, changed or removed through the admin."""
    for obj in new:
        if isinstance(obj, StaffRole):
            record("account.role_granted", actor=actor, target=user, data={"role": obj.role})
        elif isinstance(obj, Membership):
            _membership(actor, user, obj, "granted")
    for obj, fields in changed:
        if isinstance(obj, StaffRole):
            record("account.role_granted", actor=actor, target=user, data={"role": obj.role, "changed": fields})
        elif isinstance(obj, Membership):
            _membership(actor, user, obj, "revoked" if obj.revoked_at else "changed", fields)
    for obj in deleted:
        if isinstance(obj, StaffRole):
            record("account.role_revoked", actor=actor, target=user, data={"role": obj.role})
        elif isinstance(obj, Membership):
            _membership(actor, user, obj, "deleted")


def _membership(actor: Any, user: Any, membership: Membership, change: str, fields: list | None = None) -> None:
    record(
        "account.membership_changed",
        actor=actor,
        target=user,
        data={
            "change": change,
            "municipality": membership.municipality.code,
            "admin": membership.is_admin,
            "fields": list(fields or []),
        },
    )
