"""What a user may act as: agency roles and municipalities, loaded together and cached on the user per request."""

from typing import Any

from django.db.models import BigIntegerField, CharField, Value

from .models import AgencyRole, Membership, StaffRole

_ROLES_CACHE = "_bidra_roles"
_MUNICIPALITIES_CACHE = "_bidra_municipality_ids"


def _load(user: Any) -> None:
    """Roles and active memberships in one query (most pages need both: permissions and the header)."""
    roles = StaffRole.objects.filter(user=user).order_by()
    memberships = Membership.objects.active().filter(user=user).order_by()
    rows = roles.values_list("role", Value(None, output_field=BigIntegerField()), Value(False)).union(
        memberships.values_list(Value("", output_field=CharField()), "municipality_id", "is_admin"), all=True
    )
    found = list(rows)
    setattr(user, _ROLES_CACHE, frozenset(role for role, municipality, _ in found if municipality is None))
    setattr(user, _MUNICIPALITIES_CACHE, {m: bool(admin) for _, m, admin in found if m is not None})


def roles_of(user: Any) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if getattr(user, _ROLES_CACHE, None) is None:
        _load(user)
    return getattr(user, _ROLES_CACHE)


def _memberships(user: Any) -> dict[int, bool]:
    """municipality id -> is_admin, for the user's active memberships (one query per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    if getattr(user, _MUNICIPALITIES_CACHE, None) is None:
        _load(user)
    return getattr(user, _MUNICIPALITIES_CACHE)


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
