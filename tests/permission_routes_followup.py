"""Follow-up is for agency staff: municipality users get 404, anonymous visitors the log-in.

See test_permission_matrix.py."""

from django.utils import timezone

STAFF_ONLY = {"anonymous": 302, "owner": 404, "other_municipality": 404, "default": 200}

ROUTES = {
    "followup:index": (lambda o: "/uppfoljning/", STAFF_ONLY),
    "followup:report": (
        lambda o: f"/uppfoljning/{o['call'].programme.slug}/{timezone.localdate().year}/",
        STAFF_ONLY,
    ),
    "followup:report_pdf": (
        lambda o: f"/uppfoljning/{o['call'].programme.slug}/{timezone.localdate().year}/rapport.pdf",
        STAFF_ONLY,
    ),
}
