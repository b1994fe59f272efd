"""Open data is public: every role, anonymous visitors included, gets 200 (see test_permission_matrix.py)."""

ROUTES = {
    "opendata:index": (lambda o: "/opendata/", {"default": 200}),
    "opendata:catalog": (lambda o: "/opendata/catalog.jsonld", {"default": 200}),
    "opendata:giving_json": (lambda o: "/opendata/360giving.json", {"default": 200}),
    "opendata:giving_csv": (lambda o: "/opendata/360giving.csv", {"default": 200}),
}
