"""Rows of the route × role matrix for the account page and e-ID log-in (tests/test_permission_matrix.py).

The matrix runs without OIDC_ISSUER, so the e-ID routes answer 404 for everyone: e-ID log-in is
off until configured (tests/test_oidc_login.py covers them switched on).
"""

from bidra.accounts.models import AgencyRole

LOGIN = 302

ROUTES = {
    "accounts:account": (lambda o: "/konto/", {"anonymous": LOGIN, "default": 200}),
    "accounts:eid_login": (lambda o: "/konto/e-legitimation/", {"default": 404}),
    "accounts:eid_callback": (lambda o: "/konto/e-legitimation/klar/?code=x&state=y", {"default": 404}),
}
POST_ONLY = {
    "accounts:eid_link": lambda o: "/konto/e-legitimation/koppla/",
}
POST_ALLOWED = {
    # Anyone logged in may link an e-ID to their own account (once e-ID log-in is configured).
    "accounts:eid_link": {"owner", "other_municipality", *(role.value for role in AgencyRole)},
}
