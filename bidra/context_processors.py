"""What every page's header needs: the user's roles and unread notifications."""

from django.http import HttpRequest

from bidra.accounts.identity import admin_municipality_ids_of, has_role, is_agency_staff, municipality_ids_of
from bidra.accounts.models import AgencyRole


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_is_staff": is_agency_staff(user),
        "nav_is_applicant": bool(municipality_ids_of(user)),
        "nav_can_invite": bool(admin_municipality_ids_of(user)) or has_role(user, AgencyRole.ADMINISTRATOR),
        "nav_payments": user.has_perm("payments.view"),
        "nav_privacy": user.has_perm("privacy.manage"),
        "nav_archive": user.has_perm("archive.view_due"),
        "nav_unread": user.notifications.filter(channel="in_app", read_at__isnull=True).count(),
    }
