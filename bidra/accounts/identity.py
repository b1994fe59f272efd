"""What a user may act as: agency roles and municipalities, cached on the user per request."""

from typing import Any

from .models import AgencyRole, Membership, StaffRole

_ROLES_CACHE = "_bidra_roles"
_MUNICIPALITIES_CACHE = "_bidra_municipality_ids"


def roles_of(user: Any) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is None:
        cached = frozenset(StaffRole.objects.filter(user=user).values_list("role", flat=True))
        setattr(user, _ROLES_CACHE, cached)
    return cached


def _memberships(user: Any) -> dict[int, bool]:
    """municipality id -> is_admin, for the user's active memberships (one query per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _MUNICIPALITIES_CACHE, None)
    if cached is None:
        cached = dict(Membership.objects.active().filter(user=user).values_list("municipality_id", "is_admin"))
        setattr(user, _MUNICIPALITIES_CACHE, cached)
    return cached


def municipality_ids_of(user: Any) -> frozenset[int]:
    """Ids of the municipalities the user may act for now."""
    return frozenset(_memberships(user))


def admin_municipality_ids_of(user: Any) -> frozenset[int]:
    """Ids of the municipalities where the user may invite colleagues."""
    return frozenset(pk for pk, is_admin in _memberships(user).items() if is_admin)


def is_agency_staff(user: Any) -> bool:
    return bool(roles_of(user))


def has_role(user: Any, role: AgencyRole | str) -> bool:
    """Exact role match: the administrator role does not imply casework roles (four-eyes rules)."""
    return str(role) in roles_of(user)


def forget(user: Any) -> None:
    """Drop the per-request caches after roles or memberships change."""
    for name in (_ROLES_CACHE, _MUNICIPALITIES_CACHE):
        if hasattr(user, name):
            delattr(user, name)
