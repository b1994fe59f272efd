"""Routes of gallring (weeding) for tests/test_permission_matrix.py: administrators and registrars see
what is due; only administrators weed (the page's form; the weeding itself is tested in tests/test_gallring.py)."""

LOGIN = 302

ROUTES = {
    "archive:due": (
        lambda o: "/gallring/",
        {"anonymous": LOGIN, "administrator": 200, "registrar": 200, "default": 404},
    ),
}
# The page's form weeds: fewer may send it than may see the page.
POST_ALLOWED = {"archive:due": {"administrator"}}
