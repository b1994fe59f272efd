"""Who may see and do what: every rule of Bidra in one table.

Rules are django-rules predicates keyed by name; views ask ``user.has_perm(name, obj)`` (or
the helpers below), workflows name the rule each transition needs, and
``tests/test_permissions.py`` checks every view against this table. Roles are codes from
``AgencyRole``; memberships come from ``bidra.accounts.identity``.
"""

from typing import Any

import rules
from django.contrib.auth.backends import ModelBackend
from django.db.models import Model, QuerySet
from django.http import Http404

from bidra.accounts.identity import admin_municipality_ids_of, has_role, is_agency_staff, municipality_ids_of
from bidra.accounts.models import AgencyRole
from bidra.assessment.services import has_conflict, has_declared_no_conflict
from bidra.network import rules as network_rules


# --- Predicates -----------------------------------------------------------------------------
@rules.predicate
def agency_staff(user: Any) -> bool:
    return is_agency_staff(user)


def role(code: AgencyRole) -> rules.Predicate:
    @rules.predicate(name=f"role:{code}")
    def holds(user: Any) -> bool:
        return has_role(user, code)

    return holds


@rules.predicate
def member_of_municipality(user: Any, municipality: Any) -> bool:
    return municipality is not None and municipality.pk in municipality_ids_of(user)


@rules.predicate
def admin_of_municipality(user: Any, municipality: Any) -> bool:
    return municipality is not None and municipality.pk in admin_municipality_ids_of(user)


@rules.predicate
def member_of_applicant(user: Any, obj: Any) -> bool:
    """The object (an application, or anything with ``municipality``) belongs to the user's municipality."""
    return obj is not None and obj.municipality_id in municipality_ids_of(user)


@rules.predicate
def is_draft(user: Any, application: Any) -> bool:
    return application is not None and application.status == "draft"


@rules.predicate
def is_received(user: Any, application: Any) -> bool:
    """Submitted (or later): drafts are the municipality's own working papers, not the agency's."""
    return application is not None and application.status != "draft"


@rules.predicate
def party_to_case(user: Any, case: Any) -> bool:
    if case is None:
        return False
    own = municipality_ids_of(user)
    return bool(own) and case.parties.filter(pk__in=own).exists()


@rules.predicate
def conflicted(user: Any, application: Any) -> bool:
    """The user has declared jäv in this case: blocked from assessing and deciding it."""
    return application is not None and has_conflict(user, application)


@rules.predicate
def declared_no_conflict(user: Any, application: Any) -> bool:
    return application is not None and has_declared_no_conflict(user, application)


@rules.predicate
def under_assessment(user: Any, application: Any) -> bool:
    return application is not None and application.status in ("in_assessment", "awaiting_applicant")


case_officer = role(AgencyRole.CASE_OFFICER)
decision_maker = role(AgencyRole.DECISION_MAKER)
administrator = role(AgencyRole.ADMINISTRATOR)

# --- The table ------------------------------------------------------------------------------
RULES: dict[str, rules.Predicate] = {
    # Applicants (municipality users)
    "applications.start": member_of_municipality,
    "applications.view": member_of_applicant | (agency_staff & is_received),
    "applications.edit": member_of_applicant & is_draft,
    "applications.submit": member_of_applicant & is_draft,
    "applications.withdraw": member_of_applicant,
    # Agency staff
    "casework.view_worklist": agency_staff,
    "casework.view_case": agency_staff,
    "applications.record_check": case_officer & ~conflicted,
    "applications.reply": member_of_applicant,
    # Assessment (jäv blocks the person in the case)
    "assessment.assign": case_officer & ~conflicted,
    "assessment.take": case_officer & ~conflicted,
    "assessment.declare": (case_officer | decision_maker) & is_received,
    "assessment.assess": (case_officer | decision_maker) & declared_no_conflict & ~conflicted & under_assessment,
    "assessment.ask_applicant": case_officer & ~conflicted,
    "assessment.finish": case_officer & ~conflicted,
    # Allocation, decisions and payments
    "allocation.view": agency_staff,
    "allocation.propose": case_officer,
    "decisions.view": agency_staff,
    "decisions.draft": case_officer,
    "decisions.sign": decision_maker,
    "decisions.sign_application": decision_maker & ~conflicted,
    "payments.view": role(AgencyRole.FINANCE) | case_officer | decision_maker | administrator,
    "payments.approve": role(AgencyRole.FINANCE),
    "payments.pay": role(AgencyRole.FINANCE),
    "payments.stop": role(AgencyRole.FINANCE),
    # Registered documents: staff, or a municipality that is party to the case
    "diarium.view_case": agency_staff | party_to_case,
    # Accounts
    "accounts.invite_colleague": admin_of_municipality | administrator,
    # Follow-up (read only)
    "followup.view": agency_staff,
    # --- Reports and reclaims (bidra.reports): add rules here ---
    "reports.view": member_of_applicant,  # the municipality's own report (object: a Report)
    "reports.submit": member_of_applicant,
    "reports.view_all": agency_staff,
    "reports.review": case_officer,
    "reports.propose_reclaim": case_officer,
    "reports.sign_reclaim": decision_maker,  # plus four eyes and no jäv, checked per case by the service
    "reports.track_reclaim": role(AgencyRole.FINANCE),
    # --- end reports ---
    # --- Network and status descriptions (bidra.network): add rules here ---
    "network.view": agency_staff,
    "network.manage": role(AgencyRole.ANALYST),
    "network.respond": network_rules.respondent_of,
    # --- end network ---
    # Gallring (bidra.archive) and personal data (bidra.privacy)
    "archive.view_due": administrator | role(AgencyRole.REGISTRAR),
    "archive.weed": administrator,
    "privacy.manage": administrator,
    "privacy.export_own": rules.is_authenticated,
}

for _name, _predicate in RULES.items():
    rules.add_perm(_name, _predicate)


class ModelPermissionsBackend(ModelBackend):
    """Password log-in and Django's own model permissions (the admin's add/change/delete/view).

    A name in RULES is answered by its rule alone: when the rule refuses, Django would otherwise ask
    this backend too, which loads the user's model permissions (two queries) on every such page.
    """

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if perm in RULES:
            return False
        return super().has_perm(user_obj, perm, obj)


# --- Helpers for views ----------------------------------------------------------------------
def get_permitted_or_404(user: Any, permission: str, queryset: QuerySet, **lookup: Any) -> Model:
    """Fetch an object and check a rule on it; a refusal looks exactly like a missing object."""
    obj = queryset.filter(**lookup).first()
    if obj is None or not user.has_perm(permission, obj):
        raise Http404
    return obj


def visible_to(user: Any, queryset: QuerySet, municipality_field: str = "municipality") -> QuerySet:
    """Scope a list to what the user may see: everything for agency staff, own municipalities otherwise."""
    if is_agency_staff(user):
        return queryset
    return queryset.filter(**{f"{municipality_field}__in": municipality_ids_of(user)})


def require(user: Any, permission: str) -> None:
    """A global (not object-level) rule for a view; refusal looks like a missing page."""
    if not user.has_perm(permission):
        raise Http404
