"""Routes of the staff second factor, re-authentication and password change for tests/test_permission_matrix.py.

In the matrix every member of staff is logged in with a verified second factor (the test client's
force_login), so the second step and the enrolment page send them on (302); municipality users
are never asked for a code, so enrolment and backup codes do not exist for them (404).
"""

from bidra.accounts.models import AgencyRole

LOGIN = 302
STAFF = {role.value: 200 for role in AgencyRole}

ROUTES = {
    "accounts:second_factor": (lambda o: "/konto/tvastegsverifiering/", {"default": 302}),
    "accounts:enrol": (
        lambda o: "/konto/tvastegsverifiering/aktivera/",
        {"anonymous": LOGIN, "owner": 404, "other_municipality": 404, "default": 302},
    ),
    "accounts:backup_codes": (
        lambda o: "/konto/tvastegsverifiering/reservkoder/",
        {"anonymous": LOGIN, "owner": 404, "other_municipality": 404, **STAFF},
    ),
    "accounts:confirm": (lambda o: "/konto/bekrafta/", {"anonymous": LOGIN, "default": 200}),
    "accounts:password_change": (lambda o: "/konto/losenord/", {"anonymous": LOGIN, "default": 200}),
}
