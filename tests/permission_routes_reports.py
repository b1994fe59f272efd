"""Routes of reports and reclaims for tests/test_permission_matrix.py.

The world holds a grant signed for the owner's municipality, the report the owner submitted for
it and a reclaim the case officer proposed. The municipality's report page is for its own members
only; the review pages are for agency staff, and each action for the one role that may take it.
"""

from bidra.accounts.models import AgencyRole

LOGIN = 302
STAFF = {role.value: 200 for role in AgencyRole}

ROUTES = {
    "reports:mine": (
        lambda o: "/redovisningar/",
        {"anonymous": LOGIN, "owner": 200, "other_municipality": 200, "default": 404},
    ),
    "reports:edit": (
        lambda o: f"/redovisningar/{o['grant'].pk}/",
        {"anonymous": LOGIN, "owner": 200, "default": 404},
    ),
    "reports:review_list": (
        lambda o: "/handlaggning/redovisningar/",
        {"anonymous": LOGIN, **STAFF, "default": 404},
    ),
    "reports:review": (
        lambda o: f"/handlaggning/redovisningar/{o['report'].pk}/",
        {"anonymous": LOGIN, **STAFF, "default": 404},
    ),
    "reports:reclaims": (lambda o: "/handlaggning/aterkrav/", {"anonymous": LOGIN, **STAFF, "default": 404}),
}
POST_ONLY = {
    "reports:approve": lambda o: f"/handlaggning/redovisningar/{o['report'].pk}/godkann/",
    "reports:completion": lambda o: f"/handlaggning/redovisningar/{o['report'].pk}/komplettering/",
    "reports:propose_reclaim": lambda o: f"/handlaggning/redovisningar/{o['report'].pk}/aterkrav/",
    "reports:sign_reclaim": lambda o: f"/handlaggning/aterkrav/{o['reclaim'].pk}/signera/",
    "reports:settle_reclaim": lambda o: f"/handlaggning/aterkrav/{o['reclaim'].pk}/mark_paid_back/",
}
POST_ALLOWED = {
    "reports:approve": {"case_officer"},  # reports.review
    "reports:completion": {"case_officer"},  # reports.review
    "reports:propose_reclaim": {"case_officer"},
    "reports:sign_reclaim": {"decision_maker"},  # four eyes and jäv are the service's, per case
    "reports:settle_reclaim": {"finance"},  # reports.track_reclaim
}
