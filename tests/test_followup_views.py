"""The follow-up page, its PDF and the management command."""

import shutil
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command

from bidra.accounts.models import AgencyRole

from .helpers import make_member, make_staff
from .test_followup_figures import build_dataset

URL = "/uppfoljning/{slug}/2024/"


@pytest.fixture
def dataset(programme):
    return build_dataset(programme)


@pytest.fixture
def analyst_user(db):
    return make_staff("analys@lst.test", AgencyRole.ANALYST)


@pytest.mark.django_db
def test_the_page_shows_figures_charts_and_tables_to_staff(client, dataset, programme, analyst_user):
    client.force_login(analyst_user)
    response = client.get(URL.format(slug=programme.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="img"') == 6  # comparison + national area, county, SKR main group, SKR group, area
    assert "500\u202f000\u00a0kr" in html  # granted this year
    assert "+400\u202f000\u00a0kr" in html and "(+400,0 %)" in html
    assert "Malmö" in html and "Insats" in html
    assert " &lt;i&gt;</td>" in html and "<i>" not in html  # titles are escaped
    assert "<table" in html and "Hela beloppet räknas under varje område" in html


@pytest.mark.django_db
def test_the_index_lists_years_with_decisions(client, dataset, programme, analyst_user):
    client.force_login(analyst_user)
    html = client.get("/uppfoljning/").content.decode()
    assert f"/uppfoljning/{programme.slug}/2024/" in html and f"/uppfoljning/{programme.slug}/2023/" in html


@pytest.mark.django_db
def test_municipality_users_get_404_and_anonymous_visitors_log_in(client, programme, reference_data):
    path = URL.format(slug=programme.slug)
    response = client.get(path)
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    client.force_login(make_member("kommun@stockholm.test", "0180", is_admin=True))
    assert client.get(path).status_code == 404
    assert client.get(path + "rapport.pdf").status_code == 404
    assert client.get("/uppfoljning/").status_code == 404


@pytest.mark.django_db
def test_unknown_programme_or_year_is_404(client, programme, analyst_user):
    client.force_login(analyst_user)
    assert client.get("/uppfoljning/finns-inte/2024/").status_code == 404
    assert client.get(f"/uppfoljning/{programme.slug}/1066/").status_code == 404


@pytest.mark.django_db
def test_the_pdf_is_a_real_pdf_with_the_year(client, dataset, programme, analyst_user, tmp_path):
    client.force_login(analyst_user)
    response = client.get(URL.format(slug=programme.slug) + "rapport.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        path = tmp_path / "r.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(  # noqa: S603 - fixed arguments
            [shutil.which("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Uppföljning 2024" in text and "Malmö" in text


@pytest.mark.django_db
def test_the_command_writes_pdf_and_html_and_shows_progress(dataset, programme, tmp_path, capsys):
    pdf, html = tmp_path / "out.pdf", tmp_path / "out.html"
    out = StringIO()
    call_command(
        "followup_report", "2024", "--programme", programme.slug, "--pdf", str(pdf), "--html", str(html), stdout=out
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "<svg" in html.read_text(encoding="utf-8")
    progress = capsys.readouterr().err
    assert "4/4" in progress and "Klart" in progress
    assert str(pdf) in out.getvalue()


@pytest.mark.django_db
def test_the_command_finds_the_only_programme_with_decisions(dataset, tmp_path):
    pdf = tmp_path / "only.pdf"
    call_command("followup_report", "2024", "--pdf", str(pdf), stdout=StringIO())
    assert pdf.read_bytes().startswith(b"%PDF")
