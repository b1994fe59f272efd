"""Rows for tests/test_permission_matrix.py: the network and status description pages."""

from bidra.accounts.models import AgencyRole

LOGIN = 302
STAFF = {role.value: 200 for role in AgencyRole}
NOT_FOUND = {"anonymous": LOGIN, "default": 404}  # the object does not exist: 404 for everyone logged in
STAFF_ONLY = {"anonymous": LOGIN, **STAFF, "default": 404}
ANALYST_ONLY = {"anonymous": LOGIN, "analyst": 200, "default": 404}

ROUTES = {
    "network:index": (lambda o: "/natverk/", STAFF_ONLY),
    "network:member_new": (lambda o: "/natverk/medlemmar/ny/", ANALYST_ONLY),
    "network:member_edit": (lambda o: "/natverk/medlemmar/999999/", NOT_FOUND),
    "network:meetings": (lambda o: "/natverk/moten/", STAFF_ONLY),
    "network:meeting_new": (lambda o: "/natverk/moten/ny/", ANALYST_ONLY),
    "network:meeting": (lambda o: "/natverk/moten/999999/", NOT_FOUND),
    "network:meeting_edit": (lambda o: "/natverk/moten/999999/andra/", NOT_FOUND),
    "network:meeting_document": (lambda o: "/natverk/moten/999999/dokument/1/", NOT_FOUND),
    "network:materials": (lambda o: "/natverk/kunskap/", STAFF_ONLY),
    "network:calendar": (lambda o: "/natverk/kalender/", STAFF_ONLY),
    "network:report_file": (lambda o: "/natverk/uppdrag/redovisningar/999999/", NOT_FOUND),
    "network:outreach": (lambda o: "/natverk/utatriktat/", STAFF_ONLY),
    "network:my_surveys": (lambda o: "/natverk/nulagesbeskrivning/", {"anonymous": LOGIN, "default": 200}),
    "network:respond": (lambda o: "/natverk/nulagesbeskrivning/999999/", NOT_FOUND),
    "network:survey_years": (lambda o: "/natverk/nulagesbeskrivningar/", STAFF_ONLY),
    "network:survey_overview": (lambda o: "/natverk/nulagesbeskrivningar/1999/", NOT_FOUND),
    "network:export_csv": (lambda o: "/natverk/nulagesbeskrivningar/1999/export.csv", NOT_FOUND),
    "network:export_xlsx": (lambda o: "/natverk/nulagesbeskrivningar/1999/export.xlsx", NOT_FOUND),
}
POST_ONLY = {
    "network:remind": lambda o: "/natverk/nulagesbeskrivningar/1999/paminn/",
}
