"""Rows for tests/test_permission_matrix.py: the network and status description pages."""

from bidra.accounts.models import AgencyRole

LOGIN = 302
STAFF = {role.value: 200 for role in AgencyRole}
STAFF_ONLY = {"anonymous": LOGIN, **STAFF, "default": 404}
ANALYST_ONLY = {"anonymous": LOGIN, "analyst": 200, "default": 404}
# Stockholm's own status description: for its members (the owner), nobody else.
RESPONDENT_ONLY = {"anonymous": LOGIN, "owner": 200, "default": 404}

ROUTES = {
    "network:index": (lambda o: "/natverk/", STAFF_ONLY),
    "network:member_new": (lambda o: "/natverk/medlemmar/ny/", ANALYST_ONLY),
    "network:member_edit": (lambda o: f"/natverk/medlemmar/{o['network_member'].pk}/", ANALYST_ONLY),
    "network:meetings": (lambda o: "/natverk/moten/", STAFF_ONLY),
    "network:meeting_new": (lambda o: "/natverk/moten/ny/", ANALYST_ONLY),
    "network:meeting": (lambda o: f"/natverk/moten/{o['meeting'].pk}/", STAFF_ONLY),
    "network:meeting_edit": (lambda o: f"/natverk/moten/{o['meeting'].pk}/andra/", ANALYST_ONLY),
    "network:meeting_document": (
        lambda o: f"/natverk/moten/{o['meeting'].pk}/dokument/{o['meeting_document'].pk}/",
        STAFF_ONLY,
    ),
    "network:materials": (lambda o: "/natverk/kunskap/", STAFF_ONLY),
    "network:calendar": (lambda o: "/natverk/kalender/", STAFF_ONLY),
    "network:report_file": (lambda o: f"/natverk/uppdrag/redovisningar/{o['assignment_report'].pk}/", STAFF_ONLY),
    "network:outreach": (lambda o: "/natverk/utatriktat/", STAFF_ONLY),
    "network:my_surveys": (lambda o: "/natverk/nulagesbeskrivning/", {"anonymous": LOGIN, "default": 200}),
    "network:respond": (lambda o: f"/natverk/nulagesbeskrivning/{o['survey_response'].pk}/", RESPONDENT_ONLY),
    "network:survey_years": (lambda o: "/natverk/nulagesbeskrivningar/", STAFF_ONLY),
    "network:survey_overview": (lambda o: f"/natverk/nulagesbeskrivningar/{o['survey'].year}/", STAFF_ONLY),
    "network:export_csv": (lambda o: f"/natverk/nulagesbeskrivningar/{o['survey'].year}/export.csv", STAFF_ONLY),
    "network:export_xlsx": (lambda o: f"/natverk/nulagesbeskrivningar/{o['survey'].year}/export.xlsx", STAFF_ONLY),
}
POST_ONLY = {
    "network:remind": lambda o: f"/natverk/nulagesbeskrivningar/{o['survey'].year}/paminn/",
}
POST_ALLOWED = {
    "network:remind": {"analyst"},  # network.manage
    "network:meeting": {"analyst"},  # every member of staff sees a meeting; the analyst uploads its documents
}
