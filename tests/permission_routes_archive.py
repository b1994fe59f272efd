"""Routes of gallring (weeding) for tests/test_permission_matrix.py: administrators and registrars see
what is due; only administrators weed (checked in tests/test_gallring.py)."""

LOGIN = 302

ROUTES = {
    "archive:due": (
        lambda o: "/gallring/",
        {"anonymous": LOGIN, "administrator": 200, "registrar": 200, "default": 404},
    ),
}
