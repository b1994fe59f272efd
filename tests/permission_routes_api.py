"""Routes of the API (bidra/api/urls.py) for tests/test_permission_matrix.py.

The public endpoints answer everyone. The staff endpoints take a personal bearer token and
nothing else: a logged-in session is no API credential, so without a token every role gets
401 (what a token's owner may see is tested in tests/test_api_auth.py). A grant whose
decision is still a draft is not public, so it is not found for anyone. The token pages
are every logged-in user's own: only the case officer may revoke the case officer's token.
"""

from bidra.accounts.models import AgencyRole

PUBLIC = {"default": 200}
NOT_FOUND = {"default": 404}
TOKEN_NEEDED = {"default": 401}
V1 = "/api/v1"

ROUTES = {
    "api:tokens": (lambda o: "/api/nycklar/", {"anonymous": 302, "default": 200}),
    "api-v1:api-root": (lambda o: f"{V1}/", NOT_FOUND),
    "api-v1:openapi-json": (lambda o: f"{V1}/openapi.json", PUBLIC),
    "api-v1:openapi-view": (lambda o: f"{V1}/docs", PUBLIC),
    "api-v1:list_programmes": (lambda o: f"{V1}/programmes", PUBLIC),
    "api-v1:get_programme": (lambda o: f"{V1}/programmes/{o['call'].programme.slug}", PUBLIC),
    "api-v1:list_calls": (lambda o: f"{V1}/calls", PUBLIC),
    "api-v1:get_call": (lambda o: f"{V1}/calls/{o['call'].slug}", PUBLIC),
    "api-v1:list_grants": (lambda o: f"{V1}/grants", PUBLIC),
    "api-v1:get_grant": (lambda o: f"{V1}/grants/{o['decision'].application.case_number}", NOT_FOUND),
    "api-v1:list_municipalities": (lambda o: f"{V1}/municipalities", PUBLIC),
    "api-v1:get_municipality": (lambda o: f"{V1}/municipalities/{o['submitted'].municipality.code}", PUBLIC),
    "api-v1:list_statistics_years": (lambda o: f"{V1}/statistics/years", PUBLIC),
    "api-v1:get_statistics_year": (lambda o: f"{V1}/statistics/years/2000", NOT_FOUND),
    "api-v1:me": (lambda o: f"{V1}/me", TOKEN_NEEDED),
    "api-v1:list_cases": (lambda o: f"{V1}/cases", TOKEN_NEEDED),
    "api-v1:get_case": (lambda o: f"{V1}/cases/{o['submitted'].pk}", TOKEN_NEEDED),
    "api-v1:list_case_assessments": (lambda o: f"{V1}/cases/{o['in_assessment'].pk}/assessments", TOKEN_NEEDED),
    "api-v1:list_call_proposals": (lambda o: f"{V1}/calls/{o['call'].slug}/proposals", TOKEN_NEEDED),
}
POST_ONLY = {
    "api:token_create": lambda o: "/api/nycklar/ny/",
    "api:token_revoke": lambda o: f"/api/nycklar/{o['token'].pk}/aterkalla/",
}
POST_ALLOWED = {
    # Everyone logged in has tokens of their own; what a token may read is the API's business.
    "api:token_create": {"owner", "other_municipality", *(role.value for role in AgencyRole)},
    "api:token_revoke": {"case_officer"},  # the world's token is the case officer's own
}
