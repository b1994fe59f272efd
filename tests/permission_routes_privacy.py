"""Routes of personal data for tests/test_permission_matrix.py: administrators search, export and
erase anyone; every logged-in user sees and downloads their own data."""

from bidra.accounts.models import AgencyRole

LOGIN = 302

ROUTES = {
    "privacy:search": (lambda o: "/integritet/", {"anonymous": LOGIN, "administrator": 200, "default": 404}),
    "privacy:person": (
        lambda o: f"/integritet/personer/{o['submitted'].created_by_id}/",
        {"anonymous": LOGIN, "administrator": 200, "default": 404},
    ),
    "privacy:mine": (lambda o: "/integritet/mina-uppgifter/", {"anonymous": LOGIN, "default": 200}),
}
POST_ONLY = {
    "privacy:export": lambda o: f"/integritet/personer/{o['submitted'].created_by_id}/export.json",
    "privacy:export_mine": lambda o: "/integritet/mina-uppgifter/export.json",
}
POST_ALLOWED = {
    "privacy:export": {"administrator"},  # privacy.manage
    "privacy:export_mine": {"owner", "other_municipality", *(role.value for role in AgencyRole)},
}
