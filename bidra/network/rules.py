"""Predicates for bidra.permissions: who answers which status description."""

from typing import Any

import rules

from bidra.accounts.identity import municipality_ids_of


def agency_ids_of(user: Any) -> frozenset[int]:
    """National agencies the user answers for (cached per request like memberships)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_bidra_network_agency_ids", None)
    if cached is None:
        from .models import AgencyContact

        cached = frozenset(AgencyContact.objects.filter(user=user).values_list("agency_id", flat=True))
        user._bidra_network_agency_ids = cached
    return cached


@rules.predicate
def respondent_of(user: Any, response: Any) -> bool:
    """The response belongs to one of the user's municipalities or to the user's agency."""
    if response is None:
        return False
    if response.municipality_id is not None:
        return response.municipality_id in municipality_ids_of(user)
    return response.agency_id in agency_ids_of(user)
