"""Routes of the public pages for tests/test_permission_matrix.py: open to everyone, no log-in.

The project page of a grant exists only for published grants; the row asks for an application
that was submitted but never granted, so it is not found for anybody.
"""

ROUTES = {
    "public:programmes": (lambda o: "/bidrag/", {"default": 200}),
    "public:programme": (lambda o: f"/bidrag/{o['call'].programme.slug}/", {"default": 200}),
    "public:register": (lambda o: f"/bidrag/{o['call'].programme.slug}/beviljade/", {"default": 200}),
    "public:grant": (lambda o: f"/beviljade/{o['submitted'].case_number}/", {"default": 404}),
    "public:map": (lambda o: "/karta/", {"default": 200}),
    "public:diarium": (lambda o: "/diarium/", {"default": 200}),
    "public:case": (lambda o: f"/diarium/{o['submitted'].case_number}/", {"default": 200}),
    "public:accessibility": (lambda o: "/tillganglighet/", {"default": 200}),
    "public:privacy": (lambda o: "/personuppgifter/", {"default": 200}),
}
