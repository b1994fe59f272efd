"""The 500 page is Bidra's own and renders while the database is down (no queries, no request context)."""

from django.views.defaults import server_error


def test_the_500_page_renders_without_the_database(rf):
    # No django_db mark: any query from the template or a context processor would raise here.
    response = server_error(rf.get("/ansokningar/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Tekniskt fel</h1>" in page
    assert 'lang="sv"' in page and "Försök igen om en stund" in page
