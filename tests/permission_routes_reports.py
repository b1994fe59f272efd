"""Routes of reports and reclaims for tests/test_permission_matrix.py.

The world of the matrix has no signed grant, so a report page for its (draft) decision is not
found for anybody; the lists answer members (municipality) or agency staff.
"""

from bidra.accounts.models import AgencyRole

LOGIN = 302
STAFF = {role.value: 200 for role in AgencyRole}

ROUTES = {
    "reports:mine": (
        lambda o: "/redovisningar/",
        {"anonymous": LOGIN, "owner": 200, "other_municipality": 200, "default": 404},
    ),
    "reports:edit": (lambda o: f"/redovisningar/{o['decision'].pk}/", {"anonymous": LOGIN, "default": 404}),
    "reports:review_list": (
        lambda o: "/handlaggning/redovisningar/",
        {"anonymous": LOGIN, **STAFF, "default": 404},
    ),
    "reports:review": (lambda o: "/handlaggning/redovisningar/999999/", {"anonymous": LOGIN, "default": 404}),
    "reports:reclaims": (lambda o: "/handlaggning/aterkrav/", {"anonymous": LOGIN, **STAFF, "default": 404}),
}
POST_ONLY = {
    "reports:approve": lambda o: "/handlaggning/redovisningar/999999/godkann/",
    "reports:completion": lambda o: "/handlaggning/redovisningar/999999/komplettering/",
    "reports:propose_reclaim": lambda o: "/handlaggning/redovisningar/999999/aterkrav/",
    "reports:sign_reclaim": lambda o: "/handlaggning/aterkrav/999999/signera/",
    "reports:settle_reclaim": lambda o: "/handlaggning/aterkrav/999999/mark_paid_back/",
}
